/*
 * The loop device layer: /dev/loop-control, attach/detach and the other
 * ioctls, reading a device's state, iterating bound devices.
 *
 * Every function returns 0 (or a documented non-negative value) on success and
 * -errno on failure.  Nothing here prints or exits.
 */
#ifndef LODM_LOOP_H
#define LODM_LOOP_H

#include <dirent.h>
#include <limits.h>
#include <linux/loop.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#define LOOP_MAJOR_NR		7
#define LOOP_CONTROL_PATH	"/dev/loop-control"
#define LOOP_DEVPATH_MAX	128

#ifndef LOOP_CONFIGURE
#define LOOP_CONFIGURE		0x4C0A
struct loop_config {
	__u32 fd;
	__u32 block_size;
	struct loop_info64 info;
	__u64 __reserved[8];
};
#endif

/* What one loop device looks like now. */
struct loop_state {
	char path[LOOP_DEVPATH_MAX];	/* /dev/loopN, or the name given */
	int nr;				/* N of loopN, -1 when unknown */
	dev_t devno;			/* 0 when unknown */
	unsigned bound:1;		/* has a backing file */
	unsigned lost:1;		/* the kernel has it, /dev has no node */
	unsigned has_status:1;		/* back_dev, back_ino, ref are valid */
	unsigned has_sector:1;		/* sector_size is valid */
	/*
	 * With LOOP_READ_RO: the block device is read-only, as
	 * /sys/block/loopN/ro says, bound or not.  A read-only attach sets it,
	 * so does BLKROSET (blockdev --setro), and a detach leaves it; util-linux
	 * reads this, not LO_FLAGS_READ_ONLY, for its RO column and --nooverlap.
	 */
	unsigned read_only:1;
	char backing_file[PATH_MAX];	/* sysfs backing_file, or lo_file_name */
	dev_t back_dev;
	uint64_t back_ino;
	uint64_t offset;
	uint64_t sizelimit;
	uint32_t flags;			/* LO_FLAGS_* */
	uint32_t sector_size;
	char ref[LO_NAME_SIZE + 1];	/* lo_file_name */
};

/* Which optional parts loop_state_read/loop_iter_next fetch. */
enum {
	LOOP_READ_SECTOR = 1 << 0,	/* logical sector size */
	LOOP_READ_RO = 1 << 1,		/* read_only */
};

/* What to attach, and how. */
struct loop_setup {
	const char *file;		/* backing file as the user named it */
	const char *ref;		/* lo_file_name; NULL: the canonical path */
	uint64_t offset;
	uint64_t sizelimit;
	uint32_t flags;			/* LO_FLAGS_READ_ONLY|AUTOCLEAR|PARTSCAN|DIRECT_IO */
	uint64_t sector_size;		/* 0: the kernel's default; checked here */
};

/* Where an attach failed, so that the caller can word the message. */
enum loop_attach_stage {
	LOOP_STAGE_NONE = 0,
	LOOP_STAGE_FIND,		/* no free device could be had */
	LOOP_STAGE_FILE,		/* the backing file could not be opened */
	LOOP_STAGE_DEVICE,		/* the loop device could not be opened */
	LOOP_STAGE_SETUP,		/* the kernel refused the configuration */
};

/* Control device. */
int loop_ctl_get_free(void);
int loop_ctl_add(int nr);
int loop_ctl_remove(int nr);

/* Naming: "loop3" -> "/dev/loop3", "/x" stays.  -ENAMETOOLONG if it won't fit. */
int loop_devpath(const char *name, char *buf, size_t size);
/* 1 when path is a loop block device, else 0 (errno-free). */
int loop_is_loopdev(const char *path);
/* N from ".../loopN" or ".../N", else -1. */
int loop_nr_from_path(const char *path);

/*
 * losetup /dev/loopN FILE: when the node is missing, asks the kernel for
 * device N (LOOP_CTL_ADD), as util-linux does before anything else.  1 when
 * device N exists but its node has yet to appear (made now, or by an earlier
 * call), 0 when the node is there or there is no device N to ask for.
 * loop_attach() calls it; call it first to have the device made before
 * checks of one's own (--nooverlap).
 */
int loop_add_named(const char *devpath);

/*
 * Attaches req to the device at devpath (made when missing: loop_add_named),
 * or with devpath NULL to a free one
 * (found under flock of /dev/loop-control, retried on EBUSY/EAGAIN, bounded).
 * On success the device's path is in out (size LOOP_DEVPATH_MAX) and *stage is
 * LOOP_STAGE_NONE; on failure *stage says which step failed.
 */
int loop_attach(const char *devpath, const struct loop_setup *req,
		char *out, enum loop_attach_stage *stage);
int loop_detach(const char *devpath);
int loop_set_capacity(const char *devpath);
int loop_set_direct_io(const char *devpath, int on);
int loop_set_sector_size(const char *devpath, unsigned size);
/* Clears the autoclear flag of a bound device (for --nooverlap reuse). */
int loop_clear_autoclear(const char *devpath);

/* State of one device; a device that is not bound is not an error. */
int loop_state_read(const char *devpath, unsigned what, struct loop_state *st);

/*
 * Bound devices in /sys/block order.  With backing (the stat of a file),
 * only those that may use that file: a device whose node names another
 * device and inode is passed over at the cost of one LOOP_GET_STATUS64,
 * without reading its sysfs (what a device then returned uses is still for
 * the caller to check with loop_state_uses_file).
 */
struct loop_iter {
	DIR *dir;
	int vdir;			/* /sys/devices/virtual/block, or -1 */
	unsigned what;
	const struct stat *backing;
};
int loop_iter_open(struct loop_iter *it, unsigned what, const struct stat *backing);
/* 1: *st filled, 0: no more devices, -errno: failure. */
int loop_iter_next(struct loop_iter *it, struct loop_state *st);
void loop_iter_close(struct loop_iter *it);

/* Matching a device against a backing file. */
enum {
	LOOP_MATCH_OFFSET = 1 << 0,
	LOOP_MATCH_SIZELIMIT = 1 << 1,
};
/*
 * 1 when st uses the file (same device and inode when both are known,
 * otherwise the same path), and the offset/sizelimit match as flags ask.
 */
int loop_state_uses_file(const struct loop_state *st, const struct stat *file_st,
			 const char *file, uint64_t offset, uint64_t sizelimit,
			 unsigned flags);
/*
 * Looks for a bound device over the same file whose range meets
 * [offset, offset + sizelimit): 0 none, 1 an overlap, 2 the same range
 * (then *st is that device, read_only read), -errno on failure.
 */
int loop_find_overlap(const char *file, uint64_t offset, uint64_t sizelimit,
		      struct loop_state *st);

#endif
