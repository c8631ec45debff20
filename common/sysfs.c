#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "sysfs.h"

int sysfs_read_str(int dirfd, const char *path, char *buf, size_t size)
{
	ssize_t n;
	size_t len = 0;
	int fd, err = 0;

	if (size == 0)
		return -EINVAL;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* sysfs hands out the whole attribute, newline-terminated, in one read */
	do {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		len += (size_t)n;
	} while (n > 0 && len < size - 1 && buf[len - 1] != '\n');
	close(fd);
	if (err)
		return err;
	buf[len] = '\0';
	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	return (int)len;
}

int sysfs_read_u64(int dirfd, const char *path, uint64_t *val)
{
	char buf[64], *end;
	int rc = sysfs_read_str(dirfd, path, buf, sizeof(buf));

	if (rc < 0)
		return rc;
	errno = 0;
	*val = strtoumax(buf, &end, 10);
	if (end == buf || errno)
		return -EINVAL;
	return 0;
}

int sysfs_blkdev_name(dev_t devno, char *buf, size_t size)
{
	char path[64], target[4096];
	const char *base;
	ssize_t n;
	size_t len;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u", major(devno), minor(devno));
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	len = strlen(base);
	if (len >= size)
		return -ENAMETOOLONG;
	memcpy(buf, base, len + 1);
	return (int)len;
}

int sysfs_dm_name(dev_t devno, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/dm/name", major(devno), minor(devno));
	return sysfs_read_str(AT_FDCWD, path, buf, size);
}

int sysfs_bdi_read_ahead_kb(dev_t devno, uint64_t *kb)
{
	static int bdi = -2;	/* not opened yet */
	char path[64];

	if (bdi == -2)
		bdi = open("/sys/devices/virtual/bdi", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (bdi < 0)
		return -ENOENT;
	snprintf(path, sizeof(path), "%u:%u/read_ahead_kb", major(devno), minor(devno));
	return sysfs_read_u64(bdi, path, kb);
}

int sysfs_write_str(int dirfd, const char *path, const char *val)
{
	size_t len = strlen(val);
	ssize_t n;
	int fd, err = 0;

	fd = openat(dirfd, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	do
		n = write(fd, val, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		err = -errno;
	else if ((size_t)n < len)
		err = -EIO;
	if (close(fd) < 0 && !err)
		err = -errno;
	return err;
}
