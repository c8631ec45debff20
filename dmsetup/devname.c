/*
 * How ls and deps name devices (-o devno, blkdevname or devname), and the
 * reading of -o that dmsetup does before any command runs.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "dmsetup.h"
#include "sysfs.h"

/* How ls and deps name the devices they show. */
static enum dev_name_type { DEV_NAME_DEVNO, DEV_NAME_KERNEL, DEV_NAME_MAPPED } dev_name_type;

int device_name(dev_t devno, int prefer_kernel, char *buf, size_t size)
{
	/* as libdevmapper: a dm device's own name, else (or failing that) the kernel's */
	if (!prefer_kernel && dm_is_dm_major(major(devno)) > 0 && sysfs_dm_name(devno, buf, size) >= 0)
		return 0;
	return sysfs_blkdev_name(devno, buf, size) < 0 ? -ENOENT : 0;
}

int shown_device_name(dev_t devno, char *buf, size_t size)
{
	if (dev_name_type == DEV_NAME_DEVNO)
		return -ENOENT;
	return device_name(devno, dev_name_type == DEV_NAME_KERNEL, buf, size);
}

int each_option_word(const char *options, const char *const keywords[], const char *what,
		     void (*pick)(int keyword))
{
	const char *word = options;

	while (word && *word) {
		size_t len = strcspn(word, ",");
		int k;

		/* a word stands for the first keyword it begins (strncmp over its length) */
		for (k = 0; keywords[k] && strncmp(word, keywords[k], len); k++)
			;
		if (!keywords[k]) {
			log_err("%s not recognised: %s.", what, word);
			return 0;
		}
		pick(k);
		if (!word[len])
			break;
		word += len + 1;
	}
	return 1;
}

static const char *const name_keywords[] = { "devno", "blkdevname", "devname", NULL };

static void pick_name_type(int keyword)
{
	/* the keywords' order */
	static const enum dev_name_type types[] = {
		DEV_NAME_DEVNO, DEV_NAME_KERNEL, DEV_NAME_MAPPED
	};

	dev_name_type = types[keyword];
}

int process_display_options(void)
{
	if (opt.tree)
		return tree_options(opt.options);
	/* -c: the report reads the fields itself */
	if (opt.columns || !opt.options)
		return 1;
	return each_option_word(opt.options, name_keywords, "Option", pick_name_type);
}
