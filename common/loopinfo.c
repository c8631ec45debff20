/* Reading loop device state, iterating bound devices, matching files. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "loop.h"
#include "sysfs.h"

#define SYS_BLOCK	"/sys/block"
/*
 * A loop device has no parent device: its sysfs directory is
 * /sys/devices/virtual/block/loopN, and /sys/block/loopN is a symlink to it.
 * Following the symlink costs about a quarter of reading an attribute, for
 * every device of a listing (bench/README.md), so the iteration reads the
 * attributes there.  /sys/block is still what it lists, in its order, as
 * util-linux does, and the fallback.
 */
#define SYS_VIRTUAL_BLOCK	"/sys/devices/virtual/block"

static void state_reset(struct loop_state *st)
{
	st->nr = -1;
	st->devno = 0;
	st->bound = st->lost = st->has_status = st->has_sector = st->read_only = 0;
	st->backing_file[0] = '\0';
	st->back_dev = 0;
	st->back_ino = 0;
	st->offset = st->sizelimit = 0;
	st->flags = 0;
	st->sector_size = 0;
	st->ref[0] = '\0';
}

static void take_status(struct loop_state *st, const struct loop_info64 *info)
{
	st->bound = 1;
	st->has_status = 1;
	st->offset = info->lo_offset;
	st->sizelimit = info->lo_sizelimit;
	st->flags = info->lo_flags;
	st->back_dev = (dev_t)info->lo_device;
	st->back_ino = info->lo_inode;
	memcpy(st->ref, info->lo_file_name, LO_NAME_SIZE);
	st->ref[LO_NAME_SIZE] = '\0';
}

/* Without access to the node (lost, or not root), sysfs has the flags. */
static void take_sysfs(struct loop_state *st, int sysdir)
{
	static const struct { const char *attr; uint32_t flag; } flags[] = {
		{ "loop/autoclear", LO_FLAGS_AUTOCLEAR },
		{ "loop/partscan", LO_FLAGS_PARTSCAN },
		{ "loop/dio", LO_FLAGS_DIRECT_IO },
		{ "ro", LO_FLAGS_READ_ONLY },
	};
	uint64_t v;
	size_t i;

	if (sysfs_read_u64(sysdir, "loop/offset", &v) == 0)
		st->offset = v;
	if (sysfs_read_u64(sysdir, "loop/sizelimit", &v) == 0)
		st->sizelimit = v;
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (sysfs_read_u64(sysdir, flags[i].attr, &v) == 0 && v)
			st->flags |= flags[i].flag;
}

/* A device's sysfs directory, opened on first use. */
struct sysdir {
	int parent;
	const char *name;
	int fd;
};

static int sysdir_fd(struct sysdir *sd)
{
	if (sd->fd < 0 && sd->name)
		sd->fd = openat(sd->parent, sd->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return sd->fd;
}

/*
 * st->path and st->backing_file (from sysfs, empty when it had none) are set
 * and st->bound is a guess: fetch the rest.  The node answers
 * LOOP_GET_STATUS64 and BLKSSZGET; sysfs fills in what a lost node or a
 * non-root caller cannot ask.
 */
static void fill_state(struct loop_state *st, struct sysdir *sd, unsigned what)
{
	struct stat sb;
	int fd, has_ro = 0;

	fd = open(st->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd >= 0 && (fstat(fd, &sb) < 0 || !S_ISBLK(sb.st_mode) ||
			(st->devno && sb.st_rdev != st->devno))) {
		close(fd);
		fd = -1;
		errno = ENOENT;
	}
	if (fd < 0) {
		st->lost = errno == ENOENT;
	} else {
		struct loop_info64 info;

		st->devno = sb.st_rdev;
		memset(&info, 0, sizeof(info));	/* valgrind cannot see what the kernel fills */
		if (ioctl(fd, LOOP_GET_STATUS64, &info) == 0)
			take_status(st, &info);
		else if (errno == ENXIO)
			st->bound = 0;
		if (what & LOOP_READ_SECTOR) {
			int ssz;

			if (ioctl(fd, BLKSSZGET, &ssz) == 0) {
				st->sector_size = (uint32_t)ssz;
				st->has_sector = 1;
			}
		}
		if (what & LOOP_READ_RO) {
			int ro;

			/* the value sysfs "ro" shows, without opening it */
			if (ioctl(fd, BLKROGET, &ro) == 0) {
				st->read_only = !!ro;
				has_ro = 1;
			}
		}
		close(fd);
	}

	if (!st->has_status && !st->backing_file[0])
		st->bound = 0;	/* neither the node nor sysfs knows a backing file */
	if (st->bound && !st->has_status && sysdir_fd(sd) >= 0)
		take_sysfs(st, sd->fd);
	if ((what & LOOP_READ_SECTOR) && !st->has_sector && sysdir_fd(sd) >= 0) {
		uint64_t v;

		if (sysfs_read_u64(sd->fd, "queue/logical_block_size", &v) == 0) {
			st->sector_size = (uint32_t)v;
			st->has_sector = 1;
		}
	}
	if ((what & LOOP_READ_RO) && !has_ro) {
		uint64_t v;

		if (sysdir_fd(sd) >= 0 && sysfs_read_u64(sd->fd, "ro", &v) == 0)
			st->read_only = !!v;
		else
			st->read_only = st->bound && (st->flags & LO_FLAGS_READ_ONLY);
	}
	/* a kernel without loop/backing_file: lo_file_name is all there is */
	if (st->bound && !st->backing_file[0])
		snprintf(st->backing_file, sizeof(st->backing_file), "%s", st->ref);
}

int loop_state_read(const char *devpath, unsigned what, struct loop_state *st)
{
	char sysname[64];
	struct sysdir sd = { AT_FDCWD, sysname, -1 };
	struct stat sb;

	state_reset(st);
	snprintf(st->path, sizeof(st->path), "%s", devpath);
	st->nr = loop_nr_from_path(devpath);
	if (stat(devpath, &sb) == 0 && S_ISBLK(sb.st_mode)) {
		st->devno = sb.st_rdev;
		snprintf(sysname, sizeof(sysname), "/sys/dev/block/%u:%u",
			 major(sb.st_rdev), minor(sb.st_rdev));
	} else if (st->nr >= 0)
		snprintf(sysname, sizeof(sysname), SYS_BLOCK "/loop%d", st->nr);
	else
		return -ENODEV;
	st->bound = 1;
	if (sysdir_fd(&sd) >= 0)
		sysfs_read_str(sd.fd, "loop/backing_file", st->backing_file,
			       sizeof(st->backing_file));
	fill_state(st, &sd, what);
	if (sd.fd >= 0)
		close(sd.fd);
	return 0;
}

int loop_iter_open(struct loop_iter *it, unsigned what, const struct stat *backing)
{
	it->what = what;
	it->backing = backing;
	it->vdir = -1;
	it->dir = opendir(SYS_BLOCK);
	if (!it->dir)
		return -errno;
	it->vdir = open(SYS_VIRTUAL_BLOCK, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return 0;
}

/*
 * 1 when the node of loopN says that the device is not bound, or bound to
 * another file than *file_st (by device and inode, as loop_state_uses_file
 * decides when it knows them): such a device is passed over without reading
 * its sysfs.  0 when it may use the file, or the node cannot tell (the full
 * read then decides, as without a file).
 */
static int uses_other_file(int nr, const struct stat *file_st)
{
	struct loop_info64 info;
	struct stat sb;
	char path[32];
	int fd, rc = 0;

	snprintf(path, sizeof(path), "/dev/loop%d", nr);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return 0;
	memset(&info, 0, sizeof(info));	/* valgrind cannot see what the kernel fills */
	if (fstat(fd, &sb) == 0 && S_ISBLK(sb.st_mode)) {
		if (ioctl(fd, LOOP_GET_STATUS64, &info) == 0)
			rc = info.lo_number == (uint32_t)nr &&
			     ((ino_t)info.lo_inode != file_st->st_ino ||
			      (dev_t)info.lo_device != file_st->st_dev);
		else
			rc = errno == ENXIO;
	}
	close(fd);
	return rc;
}

int loop_iter_next(struct loop_iter *it, struct loop_state *st)
{
	struct dirent *d;

	while ((d = readdir(it->dir))) {
		char attr[NAME_MAX + 32];
		struct sysdir sd = { it->vdir, d->d_name, -1 };
		int nr, rc = -ENOENT;

		if (strncmp(d->d_name, "loop", 4) || (nr = loop_nr_from_path(d->d_name)) < 0)
			continue;
		if (it->backing && uses_other_file(nr, it->backing))
			continue;
		state_reset(st);
		/* an unbound device has no backing_file: one read tells both */
		snprintf(attr, sizeof(attr), "%s/loop/backing_file", d->d_name);
		if (sd.parent >= 0)
			rc = sysfs_read_str(sd.parent, attr, st->backing_file,
					    sizeof(st->backing_file));
		if (rc == -ENOENT) {
			/* unbound, or (never seen) not a virtual device */
			sd.parent = dirfd(it->dir);
			rc = sysfs_read_str(sd.parent, attr, st->backing_file,
					    sizeof(st->backing_file));
		}
		if (rc < 0)
			continue;
		st->bound = 1;
		st->nr = nr;
		snprintf(st->path, sizeof(st->path), "/dev/loop%d", nr);
		fill_state(st, &sd, it->what);
		if (sd.fd >= 0)
			close(sd.fd);
		if (st->bound)
			return 1;
		/* detached while we looked */
	}
	return 0;
}

void loop_iter_close(struct loop_iter *it)
{
	if (it->dir)
		closedir(it->dir);
	if (it->vdir >= 0)
		close(it->vdir);
	it->dir = NULL;
	it->vdir = -1;
}

int loop_state_uses_file(const struct loop_state *st, const struct stat *file_st,
			 const char *file, uint64_t offset, uint64_t sizelimit,
			 unsigned flags)
{
	if (file_st && st->has_status) {
		/* device and inode decide when both are known */
		if (st->back_ino != file_st->st_ino || st->back_dev != file_st->st_dev)
			return 0;
	} else if (!file || strcmp(st->backing_file, file))
		return 0;
	if ((flags & LOOP_MATCH_OFFSET) && st->offset != offset)
		return 0;
	if ((flags & LOOP_MATCH_OFFSET) && (flags & LOOP_MATCH_SIZELIMIT) &&
	    st->sizelimit != sizelimit)
		return 0;
	return 1;
}

int loop_find_overlap(const char *file, uint64_t offset, uint64_t sizelimit,
		      struct loop_state *st)
{
	struct loop_iter it;
	struct stat sb;
	int has_sb = stat(file, &sb) == 0;
	int rc;

	if ((rc = loop_iter_open(&it, LOOP_READ_RO, has_sb ? &sb : NULL)) < 0)
		return rc;
	while ((rc = loop_iter_next(&it, st)) == 1) {
		if (!loop_state_uses_file(st, has_sb ? &sb : NULL, file, 0, 0, 0))
			continue;
		if (st->sizelimit == sizelimit && st->offset == offset) {
			rc = 2;
			break;
		}
		/* disjoint ranges do not conflict */
		if (st->sizelimit && offset >= st->offset + st->sizelimit)
			continue;
		if (sizelimit && offset + sizelimit <= st->offset)
			continue;
		rc = 1;
		break;
	}
	loop_iter_close(&it);
	return rc;
}
