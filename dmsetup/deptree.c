/* The dependency tree of the dm devices (see deptree.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "call.h"
#include "deptree.h"
#include "devices.h"
#include "dmsetup.h"
#include "log.h"

static int links_has(const struct dt_links *l, const struct dt_node *node)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i] == node)
			return 1;
	return 0;
}

static int links_add(struct dt_links *l, struct dt_node *node)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 4;
		struct dt_node **v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = node;
	return 0;
}

static void links_del(struct dt_links *l, const struct dt_node *node)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i] == node) {
			memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof(*l->v));
			l->n--;
			return;
		}
}

/* parent uses child */
static int link_nodes(struct dt_node *parent, struct dt_node *child)
{
	int rc;

	if (links_has(&parent->uses, child))
		return 0;
	if ((rc = links_add(&parent->uses, child)) < 0)
		return rc;
	return links_add(&child->used_by, parent);
}

static void unlink_nodes(struct dt_node *parent, struct dt_node *child)
{
	if (!links_has(&parent->uses, child))
		return;
	links_del(&parent->uses, child);
	links_del(&child->used_by, parent);
}

const struct dt_links *deptree_children(const struct dt_node *node, int inverted)
{
	return inverted ? &node->used_by : &node->uses;
}

size_t deptree_num_children(const struct deptree *t, const struct dt_node *node, int inverted)
{
	if (inverted)
		return links_has(&t->root.uses, node) ? 0 : node->used_by.n;
	return links_has(&node->uses, &t->root) ? 0 : node->uses.n;
}

/* libdevmapper's rules: a node hangs from the root only while nothing else uses it,
 * and stands on the root only while it uses nothing else. */
static int link_tree_nodes(struct deptree *t, struct dt_node *parent, struct dt_node *child)
{
	if (parent == &t->root) {
		if (deptree_num_children(t, child, 1))
			return 0;
	} else
		unlink_nodes(&t->root, child);
	if (child == &t->root) {
		if (deptree_num_children(t, parent, 0))
			return 0;
	} else
		unlink_nodes(parent, &t->root);
	return link_nodes(parent, child);
}

struct dt_node *deptree_find(const struct deptree *t, dev_t devno)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->nodes[i]->devno == devno)
			return t->nodes[i];
	return NULL;
}

static struct dt_node *new_node(struct deptree *t, dev_t devno)
{
	struct dt_node *node;

	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		struct dt_node **v = realloc(t->nodes, cap * sizeof(*v));

		if (!v)
			return NULL;
		t->nodes = v;
		t->cap = cap;
	}
	if (!(node = calloc(1, sizeof(*node))))
		return NULL;
	node->devno = devno;
	t->nodes[t->n++] = node;
	return node;
}

/* DM_TABLE_DEPS of a dm device: its state and what it uses; 0 or -errno (told). */
static int read_deps(struct dt_node *node, dev_t **devs, uint32_t *count)
{
	struct dm_req r;
	int rc;

	if ((rc = task_init(&r)) < 0)
		return rc;
	rc = dm_req_set_id(&r, &(struct dm_id){ .kind = DM_ID_DEVNO, .devno = node->devno });
	if (rc == 0) {
		rc = call_in(&(struct call_ctx){ .devno = node->devno }, DM_TABLE_DEPS, &r, 0, 0);
	}
	if (rc == 0)
		rc = dm_reply_deps(r.io, devs, count);
	if (rc == 0) {
		node->exists = 1;
		snprintf(node->name, sizeof(node->name), "%s", r.io->name);
		snprintf(node->uuid, sizeof(node->uuid), "%s", r.io->uuid);
		node->flags = r.io->flags;
		node->open_count = r.io->open_count;
	} else if (rc != -EBADF)
		log_err("_deps: task run failed for (%u:%u)", major(node->devno), minor(node->devno));
	dm_req_free(&r);
	return rc;
}

/* libdevmapper's _add_dev: the node for devno under parent, and (once) what it uses. */
static int add_dev(struct deptree *t, struct dt_node *parent, dev_t devno)
{
	struct dt_node *node = deptree_find(t, devno);
	dev_t *devs = NULL;
	uint32_t count = 0, i;
	int rc, is_new = !node;

	if (is_new) {
		if (!(node = new_node(t, devno)))
			return -ENOMEM;
		/* anything but a dm device is a leaf */
		if (dm_is_dm_major(major(devno)) > 0 && (rc = read_deps(node, &devs, &count)) < 0) {
			t->n--;
			free(node);
			return rc;
		}
	}
	rc = link_tree_nodes(t, parent, node);
	if (rc == 0 && is_new && !count)
		rc = link_tree_nodes(t, node, &t->root);
	for (i = 0; rc == 0 && i < count; i++)
		rc = add_dev(t, node, devs[i]);
	free(devs);
	return rc;
}

struct build {
	struct deptree *t;
	int rc;		/* 0, or a device's failure */
};

static int add_listed(const struct dm_name_entry *e, void *arg)
{
	struct build *b = arg;
	int rc;

	/* as dmsetup: a device that cannot be added does not stop the others */
	if ((rc = add_dev(b->t, &b->t->root, e->devno)) < 0)
		b->rc = rc;
	return 0;
}

int deptree_build(struct deptree *t, int *none)
{
	struct build b = { t, 0 };
	int rc;

	memset(t, 0, sizeof(*t));
	if ((rc = list_device_names(add_listed, &b, none)) < 0)
		return rc;
	return b.rc;
}

void deptree_free(struct deptree *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->nodes[i]->uses.v);
		free(t->nodes[i]->used_by.v);
		free(t->nodes[i]);
	}
	free(t->nodes);
	free(t->root.uses.v);
	free(t->root.used_by.v);
	memset(t, 0, sizeof(*t));
}
