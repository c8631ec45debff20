/*
 * The dependency tree of every dm device, built the way libdevmapper's
 * dm_tree is for dmsetup (ls --tree, the report's tree fields): the same
 * nodes, links and link order, so walks print in the same order.
 *
 * A root node stands above the top devices (those nothing uses) and below
 * the bottom ones (non-dm devices and dm devices using nothing): root.uses
 * are the top devices, root.used_by the bottom ones.
 */
#ifndef DMSETUP_DEPTREE_H
#define DMSETUP_DEPTREE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "dm.h"

struct dt_node;

/* Links in the order they were made. */
struct dt_links {
	struct dt_node **v;
	size_t n, cap;
};

struct dt_node {
	dev_t devno;
	int exists;			/* a dm device whose dependencies were read */
	char name[DM_NAME_LEN];		/* "" unless exists */
	char uuid[DM_UUID_LEN];
	uint32_t flags;			/* DM_SUSPEND_FLAG, DM_READONLY_FLAG ... */
	int32_t open_count;
	struct dt_links uses, used_by;
};

struct deptree {
	struct dt_node root;
	struct dt_node **nodes;		/* every node but the root, in creation order */
	size_t n, cap;
};

/*
 * Adds every device the kernel lists (as dm_tree_add_dev does).  Returns 0,
 * or -errno after a failure was told; what was built may still be shown.
 * *none tells the kernel has no device.
 */
int deptree_build(struct deptree *t, int *none);
void deptree_free(struct deptree *t);

/* The node of a device, or NULL. */
struct dt_node *deptree_find(const struct deptree *t, dev_t devno);
/* The nodes below node, or above it when inverted. */
const struct dt_links *deptree_children(const struct dt_node *node, int inverted);
/* Their number, 0 for a node linked to the root on that side (dm_tree_node_num_children). */
size_t deptree_num_children(const struct deptree *t, const struct dt_node *node, int inverted);

#endif
