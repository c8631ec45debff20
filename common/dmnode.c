#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/fs.h>

#include "dm.h"
#include "dmnode.h"

int dm_udev_running(void)
{
	return access("/run/udev/control", F_OK) == 0;
}

int dm_node_path(const char *name, char *buf, size_t size)
{
	const char *dir;
	size_t len;
	int rc;

	if (strchr(name, '/')) {
		if ((size_t)snprintf(buf, size, "%s", name) >= size)
			return -ENAMETOOLONG;
		return 0;
	}
	if ((rc = dm_dev_dir(&dir)) < 0)
		return rc;
	len = strlen(dir);
	/* one slash between the parts, as libdevmapper canonicalizes DM_DEV_DIR */
	if ((size_t)snprintf(buf, size, "%s%smapper/%s", dir,
			     len && dir[len - 1] == '/' ? "" : "/", name) >= size)
		return -ENAMETOOLONG;
	return 0;
}

int dm_node_add(const char *name, dev_t devno, uid_t uid, gid_t gid, mode_t mode)
{
	char path[4096];
	struct stat st;
	int rc;

	if ((rc = dm_node_path(name, path, sizeof(path))) < 0)
		return rc;
	if (stat(path, &st) == 0) {
		if (!S_ISBLK(st.st_mode))
			return -EEXIST;
		if (st.st_rdev == devno)
			return 0;
		if (unlink(path) < 0 && errno != ENOENT)	/* a stale node of another device */
			return -errno;
	}
	if (mknod(path, S_IFBLK | (mode & 07777), devno) < 0) {
		if (errno != EEXIST)	/* udev may have made it meanwhile */
			return -errno;
		return 0;
	}
	/* exactly the mode asked for, whatever the umask */
	if (chmod(path, mode & 07777) < 0 || chown(path, uid, gid) < 0)
		return -errno;
	return 1;
}

int dm_node_remove(const char *name)
{
	char path[4096];
	struct stat st;
	int rc;

	if ((rc = dm_node_path(name, path, sizeof(path))) < 0)
		return rc;
	if (lstat(path, &st) < 0)
		return 0;
	if (unlink(path) < 0)
		return errno == ENOENT ? 0 : -errno;
	return 1;
}

int dm_node_rename(const char *old_name, const char *new_name)
{
	char from[4096], to[4096];
	struct stat st;
	int rc;

	if ((rc = dm_node_path(old_name, from, sizeof(from))) < 0 ||
	    (rc = dm_node_path(new_name, to, sizeof(to))) < 0)
		return rc;
	if (stat(to, &st) == 0) {
		if (!S_ISBLK(st.st_mode))
			return -EEXIST;
		if (unlink(to) < 0 && errno != ENOENT)
			return -errno;
	}
	if (rename(from, to) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}

int dm_node_open(const char *name)
{
	char path[4096];
	int fd, rc;

	if ((rc = dm_node_path(name, path, sizeof(path))) < 0)
		return rc;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int dm_read_ahead_get(int fd, uint32_t *sectors)
{
	long ra = 0;

	if (ioctl(fd, BLKRAGET, &ra) < 0)
		return -errno;
	*sectors = (uint32_t)ra;
	return 0;
}

int dm_read_ahead_set(int fd, uint32_t sectors)
{
	return ioctl(fd, BLKRASET, (unsigned long)sectors) < 0 ? -errno : 0;
}
