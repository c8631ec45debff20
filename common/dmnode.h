/* /dev/mapper nodes, kept by dmsetup itself when no udev does it. */
#ifndef LODM_DMNODE_H
#define LODM_DMNODE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* 1 when udev manages device nodes on this machine (its control socket exists). */
int dm_udev_running(void);
/* <dev dir>/mapper/NAME, or NAME itself when it holds a '/'; 0 or -errno. */
int dm_node_path(const char *name, char *buf, size_t size);
/*
 * Makes the block node NAME for devno with the owner and mode given.  A node
 * of another device is replaced; one of this device is left as it is.
 * Returns 1 when a node was made, 0 when the right one was there, -EEXIST
 * when a file that is not a block device is in the way, or -errno.
 */
int dm_node_add(const char *name, dev_t devno, uid_t uid, gid_t gid, mode_t mode);
/* 1 removed, 0 there was none, or -errno. */
int dm_node_remove(const char *name);
/* 0, -EEXIST when the new name is taken by a file that is not a block device, or -errno. */
int dm_node_rename(const char *old_name, const char *new_name);
/* Opens the node NAME read-only: fd or -errno. */
int dm_node_open(const char *name);
/* BLKRAGET / BLKRASET on an open block device, in 512-byte sectors; 0 or -errno. */
int dm_read_ahead_get(int fd, uint32_t *sectors);
int dm_read_ahead_set(int fd, uint32_t sectors);

#endif
