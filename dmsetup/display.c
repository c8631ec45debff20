/*
 * How commands show devices (display.h): the info block, the names ls and
 * deps show (-o devno, blkdevname or devname), the reading of -o that
 * dmsetup does before any command runs, and --exec.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "display.h"
#include "dmsetup.h"
#include "fields.h"
#include "log.h"
#include "nodes.h"
#include "sysfs.h"
#include "tree.h"

/* (few printf calls: "info" prints this for every device of the machine) */
void show_info(const struct dm_ioctl *io)
{
	uint32_t flags = io->flags, read_ahead;
	int live = !!(flags & DM_ACTIVE_PRESENT_FLAG), inactive = !!(flags & DM_INACTIVE_PRESENT_FLAG);

	/* with -c, lvm2 makes it a row of the report printed after the command */
	if (opt.columns && !opt.json) {
		(void)verbose_row(io);
		return;
	}

	printf("Name:              %s\n"
	       "State:             %s%s%s\n", io->name,
	       flags & DM_SUSPEND_FLAG ? "SUSPENDED" : "ACTIVE",
	       flags & DM_READONLY_FLAG ? " (READ-ONLY)" : "",
	       flags & DM_DEFERRED_REMOVE ? " (DEFERRED REMOVE)" : "");
	/* left out when it cannot be read (a device that never had a table) */
	if (device_read_ahead(io->name, (dev_t)io->dev, &read_ahead))
		printf("Read Ahead:        %" PRIu32 "\n", read_ahead);
	/* --noopencount still shows the count the kernel gives, as the reference does */
	printf("Tables present:    %s%s%s\n"
	       "Open count:        %d\n"
	       "Event number:      %" PRIu32 "\n"
	       "Major, minor:      %u, %u\n"
	       "Number of targets: %u\n"
	       "%s%s%s\n",
	       !live && !inactive ? "None" : live ? "LIVE" : "",
	       live && inactive ? " & " : "", inactive ? "INACTIVE" : "",
	       io->open_count, io->event_nr, major((dev_t)io->dev), minor((dev_t)io->dev),
	       io->target_count,
	       io->uuid[0] ? "UUID: " : "", io->uuid, io->uuid[0] ? "\n" : "");
}

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

/* dmsetup's limit on the words of --exec's command (the device path comes on top). */
#define EXEC_MAX_WORDS 256

/*
 * The command split at blanks (no shell), the device's path appended, run
 * and waited for; its exit status does not matter, as in dmsetup.  The split
 * is done once; a command with no word or too many fails every device.
 */
int exec_on_device(const char *name)
{
	static char *words[EXEC_MAX_WORDS + 2];
	static char *line, path[4096];
	static int nwords;	/* -1: the command cannot be run */
	const char *dir;
	char *c;
	pid_t pid;

	if (nwords < 0)
		return 0;
	char kernel_name[DM_NAME_LEN];

	/* sync_nodes takes the name as the kernel holds it */
	if (dm_name_mangle(name, opt.mangle, kernel_name, sizeof(kernel_name)) < 0 ||
	    sync_nodes(kernel_name) < 0 || dm_dev_dir(&dir) < 0)
		return 0;
	if ((size_t)snprintf(path, sizeof(path), "%s/mapper/%s", dir, name) >= sizeof(path))
		return 0;
	if (!nwords) {
		if (!(c = line = strdup(opt.exec)))
			return 0;
		while (nwords < EXEC_MAX_WORDS) {
			while (*c && isspace((unsigned char)*c))
				c++;
			if (!*c)
				break;
			words[nwords++] = c;
			while (*c && !isspace((unsigned char)*c))
				c++;
			if (*c)
				*c++ = '\0';
		}
		if (nwords == EXEC_MAX_WORDS)
			log_err("Too many args to --exec.");
		if (!nwords || nwords == EXEC_MAX_WORDS) {
			nwords = -1;
			free(line);
			line = NULL;
			return 0;
		}
		words[nwords] = path;
		words[nwords + 1] = NULL;
	}
	pid = fork();
	if (pid == 0) {
		execvp(words[0], words);
		_exit(127);
	}
	if (pid < 0)
		return 0;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return 1;
}
