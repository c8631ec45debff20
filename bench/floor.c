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
 *   floor list          for every loop device of /sys/block: read its
 *                       backing_file (through /sys/devices/virtual/block,
 *                       without the /sys/block symlink), and when bound open
 *                       /dev/loopN, LOOP_GET_STATUS64, BLKSSZGET, close; one
 *                       line out each (what losetup -l needs to know)
 *
 * and for device-mapper (the VM scenarios):
 *
 *   floor dm-ls         DM_LIST_DEVICES (16 KiB, four times more while the
 *                       kernel says it is full), one line per device
 *   floor dm-info       the list, then per device DM_DEV_STATUS (the header
 *                       only) and the bdi's read_ahead_kb (sysfs)
 *   floor dm-table      the list, then per device DM_TABLE_STATUS with
 *   floor dm-status     DM_STATUS_TABLE_FLAG or without (one 4 KiB buffer)
 *   floor dm-create NAME "START LENGTH TYPE PARAMS"
 *                       DM_DEV_CREATE, DM_TABLE_LOAD, DM_DEV_SUSPEND (resume),
 *                       mknod /dev/mapper/NAME
 *   floor dm-remove NAME
 *                       DM_DEV_REMOVE, unlink /dev/mapper/NAME
 *
 * It does not retry, lock, canonicalize the file name, check the version
 * of the driver or verify what the kernel did: it is the floor, not a tool.
 * Exit status 0 or 1.
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
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/dm-ioctl.h>
#include <linux/loop.h>

/* LOOP_CONFIGURE and struct loop_config for older headers (declarations
 * only: the floor calls nothing of ours) */
#include "loop.h"

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
	int vdir = open("/sys/devices/virtual/block", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dirent *e;

	if (!d || vdir < 0)
		return 1;
	while ((e = readdir(d))) {
		struct loop_info64 info;
		char path[300], file[4096];
		ssize_t n;
		int fd, ssz = 0;

		if (strncmp(e->d_name, "loop", 4))
			continue;
		snprintf(path, sizeof(path), "%s/loop/backing_file", e->d_name);
		fd = openat(vdir, path, O_RDONLY | O_CLOEXEC);
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
	close(vdir);
	return fflush(stdout) != 0;
}

/* ---------------------------------------------------------- device-mapper */

static int dm_ctl = -1;

/* The header of a request of size bytes about name. */
static void dm_header(struct dm_ioctl *io, size_t size, const char *name, uint32_t flags)
{
	memset(io, 0, sizeof(*io));
	io->version[0] = DM_VERSION_MAJOR;
	io->data_size = (uint32_t)size;
	io->data_start = sizeof(*io);
	io->flags = flags;
	if (name)
		snprintf(io->name, sizeof(io->name), "%s", name);
}

static int dm_call(unsigned long cmd, struct dm_ioctl *io, size_t size, const char *name,
		   uint32_t flags)
{
	dm_header(io, size, name, flags);
	return ioctl(dm_ctl, cmd, io);
}

/* The list of devices, in a buffer grown until it fits; NULL on failure. */
static struct dm_ioctl *dm_list(void)
{
	size_t size = 16384;
	struct dm_ioctl *io = NULL;

	for (;;) {
		free(io);
		if (!(io = malloc(size)) || dm_call(DM_LIST_DEVICES, io, size, NULL, 0) < 0) {
			free(io);
			return NULL;
		}
		if (!(io->flags & DM_BUFFER_FULL_FLAG))
			return io;
		size *= 4;
	}
}

/* The next entry of a list reply, or NULL. */
static struct dm_name_list *dm_next(struct dm_ioctl *list, struct dm_name_list *nl)
{
	if (!nl) {
		nl = (struct dm_name_list *)((char *)list + list->data_start);
		return list->data_size > list->data_start && nl->dev ? nl : NULL;
	}
	return nl->next ? (struct dm_name_list *)((char *)nl + nl->next) : NULL;
}

static int dm_listing(const char *what)
{
	struct dm_ioctl *list = dm_list(), *io = malloc(4096);
	struct dm_name_list *nl = NULL;
	int bdi = -1;

	if (!list || !io)
		return 1;
	if (!strcmp(what, "info"))
		bdi = open("/sys/devices/virtual/bdi", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	while ((nl = dm_next(list, nl))) {
		if (!strcmp(what, "ls")) {
			printf("%s\t(%u:%u)\n", nl->name, major(nl->dev), minor(nl->dev));
		} else if (!strcmp(what, "info")) {
			char path[64], ra[32] = "";
			ssize_t n;
			int fd;

			if (dm_call(DM_DEV_STATUS, io, sizeof(*io), nl->name, 0) < 0)
				return 1;
			snprintf(path, sizeof(path), "%u:%u/read_ahead_kb", major(io->dev),
				 minor(io->dev));
			if ((fd = openat(bdi, path, O_RDONLY | O_CLOEXEC)) >= 0) {
				n = read(fd, ra, sizeof(ra) - 1);
				ra[n > 0 ? n - 1 : 0] = '\0';
				close(fd);
			}
			printf("%s %s %u %d %u %u:%u %u\n", io->name, ra, io->flags,
			       io->open_count, io->event_nr, major(io->dev), minor(io->dev),
			       io->target_count);
		} else {
			struct dm_target_spec *t;
			uint32_t i, off;

			if (dm_call(DM_TABLE_STATUS, io, 4096, nl->name,
				    !strcmp(what, "table") ? DM_STATUS_TABLE_FLAG : 0) < 0)
				return 1;
			for (i = 0, off = io->data_start; i < io->target_count; i++) {
				t = (struct dm_target_spec *)((char *)io + off);
				printf("%s: %llu %llu %s %s\n", nl->name,
				       (unsigned long long)t->sector_start,
				       (unsigned long long)t->length, t->target_type,
				       (char *)(t + 1));
				off = t->next;
			}
		}
	}
	return fflush(stdout) != 0;
}

static int dm_create(const char *name, const char *line)
{
	char buf[4096];
	struct dm_ioctl *io = (struct dm_ioctl *)buf;
	struct dm_target_spec *t = (struct dm_target_spec *)(io + 1);
	unsigned long long start, len;
	char type[DM_MAX_TYPE_NAME];
	int n = 0;
	size_t plen;

	if (sscanf(line, "%llu %llu %15s %n", &start, &len, type, &n) < 3 || !n)
		return 1;
	if (dm_call(DM_DEV_CREATE, io, sizeof(*io), name, 0) < 0)
		return 1;
	plen = strlen(line + n) + 1;
	if (sizeof(*io) + sizeof(*t) + plen > sizeof(buf))
		return 1;
	dm_header(io, sizeof(buf), name, 0);
	memset(t, 0, sizeof(*t));
	t->sector_start = start;
	t->length = len;
	memcpy(t->target_type, type, sizeof(type));
	memcpy(t + 1, line + n, plen);
	io->target_count = 1;
	if (ioctl(dm_ctl, DM_TABLE_LOAD, io) < 0 ||
	    dm_call(DM_DEV_SUSPEND, io, sizeof(*io), name, 0) < 0)
		return 1;
	snprintf(buf, sizeof(buf), "/dev/mapper/%s", name);
	return mknod(buf, S_IFBLK | 0600, (dev_t)io->dev) < 0;
}

static int dm_remove(const char *name)
{
	struct dm_ioctl io;
	char path[300];

	if (dm_call(DM_DEV_REMOVE, &io, sizeof(io), name, 0) < 0)
		return 1;
	snprintf(path, sizeof(path), "/dev/mapper/%s", name);
	return unlink(path) < 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strncmp(argv[1], "dm-", 3)) {
		dm_ctl = open("/dev/mapper/control", O_RDWR | O_CLOEXEC);
		if (dm_ctl < 0)
			return 1;
		if (argc == 2 && (!strcmp(argv[1], "dm-ls") || !strcmp(argv[1], "dm-info") ||
				  !strcmp(argv[1], "dm-table") || !strcmp(argv[1], "dm-status")))
			return dm_listing(argv[1] + 3);
		if (argc == 4 && !strcmp(argv[1], "dm-create"))
			return dm_create(argv[2], argv[3]);
		if (argc == 3 && !strcmp(argv[1], "dm-remove"))
			return dm_remove(argv[2]);
	}
	if (argc == 3 && !strcmp(argv[1], "attach"))
		return attach(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "detach"))
		return detach(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "list"))
		return list();
	fputs("usage: floor attach FILE | detach DEV | list | dm-ls | dm-info | dm-table |\n"
	      "       dm-status | dm-create NAME TABLE | dm-remove NAME\n", stderr);
	return 2;
}
