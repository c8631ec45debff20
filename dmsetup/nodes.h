/*
 * /dev/mapper nodes and read-ahead, as libdevmapper keeps them: the
 * operations a request calls for are queued when it succeeds and done
 * (node_ops_run) when the command has its answer.  Adding, removing and
 * renaming nodes is left to udev when it runs; read-ahead is not.
 */
#ifndef DMSETUP_NODES_H
#define DMSETUP_NODES_H

#include <stdint.h>
#include <sys/types.h>

/* The node owner and mode libdevmapper gives when not told otherwise. */
#define NODE_UID	0
#define NODE_GID	6
#define NODE_MODE	0660

/* How a node operation relates to udev (libdevmapper's rely_on_udev, verify_udev). */
struct node_udev {
	int rely;		/* udev makes the node: the operation is skipped */
	int verify;		/* done here, after a warning if udev should have done it */
};

/* u: how the request that calls for the operation deals with udev; NULL: not at all. */
void node_queue_add(const char *name, dev_t devno, uid_t uid, gid_t gid, mode_t mode,
		    const struct node_udev *u);
void node_queue_del(const char *name, const struct node_udev *u);
void node_queue_rename(const char *old_name, const char *new_name, const struct node_udev *u);
void node_queue_read_ahead(const char *name, dev_t devno, uint32_t sectors, int minimum);
/* After a resume: the node (on resume, unless --addnodeoncreate), and --readahead. */
void node_queue_resumed(const char *name, dev_t devno, uid_t uid, gid_t gid, mode_t mode,
			const struct node_udev *u);
void node_ops_run(void);

/* Makes /dev/mapper match the kernel's devices; name (as the kernel holds
 * it) NULL: all of them.  0, or -errno told. */
int sync_nodes(const char *name);

/* The read-ahead of a device in sectors: 0, or -errno told. */
int device_read_ahead(const char *name, dev_t devno, uint32_t *sectors);

#endif
