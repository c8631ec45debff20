/* Small readers of sysfs attributes. */
#ifndef LODM_SYSFS_H
#define LODM_SYSFS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Reads the attribute at path (relative to dirfd, or absolute) into buf,
 * NUL-terminated with the trailing newline removed.  Returns its length or
 * -errno.
 */
int sysfs_read_str(int dirfd, const char *path, char *buf, size_t size);

/* Reads a decimal unsigned attribute. */
int sysfs_read_u64(int dirfd, const char *path, uint64_t *val);

/*
 * The kernel's name of block device devno ("loop0", "dm-3"): the last part
 * of the /sys/dev/block/MAJ:MIN link.  Returns its length or -errno.
 */
int sysfs_blkdev_name(dev_t devno, char *buf, size_t size);

/* The name device-mapper gave block device devno (its dm/name); length or -errno. */
int sysfs_dm_name(dev_t devno, char *buf, size_t size);
/*
 * The read_ahead_kb of block device devno's bdi, from the bdi's own
 * directory /sys/devices/virtual/bdi/MAJ:MIN (opened once).  The usual path,
 * /sys/dev/block/MAJ:MIN/bdi/read_ahead_kb, goes through two symlinks that
 * the kernel resolves into a zeroed page each, which costs more than the rest
 * of the read (bench/README.md).  0 or -errno; the caller may then try the
 * usual path.
 */
int sysfs_bdi_read_ahead_kb(dev_t devno, uint64_t *kb);
/* Writes val (as is, in one write) to the attribute at path; 0 or -errno. */
int sysfs_write_str(int dirfd, const char *path, const char *val);

#endif
