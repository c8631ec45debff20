#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
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
