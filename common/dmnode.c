#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dm.h"
#include "dmnode.h"

int dm_udev_running(void)
{
	return access("/run/udev/control", F_OK) == 0;
}

static int node_path(const char *name, char *buf, size_t size)
{
	const char *dir;
	int rc = dm_dev_dir(&dir);

	if (rc < 0)
		return rc;
	if ((size_t)snprintf(buf, size, "%s/mapper/%s", dir, name) >= size)
		return -ENAMETOOLONG;
	return 0;
}

int dm_node_add(const char *name, dev_t devno)
{
	char path[4096];
	struct stat st;
	int rc;

	if ((rc = node_path(name, path, sizeof(path))) < 0)
		return rc;
	if (stat(path, &st) == 0) {
		if (S_ISBLK(st.st_mode) && st.st_rdev == devno)
			return 0;
		if (unlink(path) < 0)	/* a stale node of another device */
			return -errno;
	}
	if (mknod(path, S_IFBLK | 0600, devno) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

int dm_node_remove(const char *name)
{
	char path[4096];
	int rc;

	if ((rc = node_path(name, path, sizeof(path))) < 0)
		return rc;
	if (unlink(path) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}

int dm_node_rename(const char *old_name, const char *new_name)
{
	char from[4096], to[4096];
	int rc;

	if ((rc = node_path(old_name, from, sizeof(from))) < 0 ||
	    (rc = node_path(new_name, to, sizeof(to))) < 0)
		return rc;
	if (rename(from, to) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}
