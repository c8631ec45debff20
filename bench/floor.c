/*
 * bench/floor — the least a process must do for one loop operation: only
 * the system calls the kernel needs, no library but libc, no checks beyond
 * the return codes.  `make bench` runs it as a separate process per
 * operation, like losetup, so that the comparison includes process start.
 *
 *   floor attach FILE   open /dev/loop-control, LOOP_CTL_GET_FREE, open FILE
 *                       and /dev/loopN, LOOP_CONFIGURE, close all three, print
 *                       /dev/loopN (as losetup -f --show FILE)
 *   floor detach DEV    open DEV, LOOP_CLR_FD, close (as losetup -d DEV)
 *   floor list          for every bound device: read its sysfs backing_file,
 *                       open /dev/loopN, LOOP_GET_STATUS64, BLKSSZGET, close,
 *                       one line out (what losetup -l needs to know)
 *
 * It does not retry, lock, canonicalize the file name or verify what the
 * kernel did: it is the floor, not a tool.  Exit status 0 or 1.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <unistd.h>
#include <linux/loop.h>

#ifndef LOOP_CONFIGURE
#define LOOP_CONFIGURE	0x4C0A
struct loop_config {
	__u32 fd;
	__u32 block_size;
	struct loop_info64 info;
	__u64 __reserved[8];
};
#endif

static int attach(const char *file)
{
	struct loop_config cfg;
	char dev[32];
	int ctl, nr, ffd, dfd, rc, n;

	ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	if (ctl < 0)
		return 1;
	nr = ioctl(ctl, LOOP_CTL_GET_FREE);
	ffd = open(file, O_RDWR | O_CLOEXEC);
	n = snprintf(dev, sizeof(dev), "/dev/loop%d\n", nr);
	dev[n - 1] = '\0';
	dfd = nr < 0 ? -1 : open(dev, O_RDWR | O_CLOEXEC);
	memset(&cfg, 0, sizeof(cfg));
	cfg.fd = (__u32)ffd;
	snprintf((char *)cfg.info.lo_file_name, LO_NAME_SIZE, "%s", file);
	rc = ffd < 0 || dfd < 0 ? -1 : ioctl(dfd, LOOP_CONFIGURE, &cfg);
	close(dfd);
	close(ffd);
	close(ctl);
	if (rc < 0)
		return 1;
	dev[n - 1] = '\n';
	return write(STDOUT_FILENO, dev, (size_t)n) == n ? 0 : 1;
}

static int detach(const char *dev)
{
	int fd = open(dev, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return 1;
	rc = ioctl(fd, LOOP_CLR_FD, 0);
	close(fd);
	return rc < 0;
}

static int list(void)
{
	DIR *d = opendir("/sys/block");
	struct dirent *e;

	if (!d)
		return 1;
	while ((e = readdir(d))) {
		struct loop_info64 info;
		char path[300], file[4096];
		ssize_t n;
		int fd, ssz = 0;

		if (strncmp(e->d_name, "loop", 4))
			continue;
		snprintf(path, sizeof(path), "%s/loop/backing_file", e->d_name);
		fd = openat(dirfd(d), path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;	/* not bound */
		n = read(fd, file, sizeof(file) - 1);
		close(fd);
		if (n <= 0)
			continue;
		file[n - 1] = '\0';
		snprintf(path, sizeof(path), "/dev/%s", e->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		if (ioctl(fd, LOOP_GET_STATUS64, &info) == 0 && ioctl(fd, BLKSSZGET, &ssz) == 0)
			printf("%s %" PRIu64 " %" PRIu64 " %u %s %d\n", path,
			       (uint64_t)info.lo_sizelimit, (uint64_t)info.lo_offset,
			       info.lo_flags, file, ssz);
		close(fd);
	}
	closedir(d);
	return fflush(stdout) != 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "attach"))
		return attach(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "detach"))
		return detach(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "list"))
		return list();
	fputs("usage: floor attach FILE | detach DEV | list\n", stderr);
	return 2;
}
