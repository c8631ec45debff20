/*
 * /dev/mapper nodes and read-ahead, as libdevmapper handles them: the
 * operations a request calls for are queued and done once the command has
 * its answer; mknodes makes /dev/mapper match the kernel's devices.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "devices.h"
#include "dmnode.h"
#include "dmsetup.h"
#include "log.h"
#include "names.h"
#include "nodes.h"
#include "sysfs.h"
#include "udev.h"

enum node_op_type { NODE_ADD, NODE_DEL, NODE_RENAME, NODE_READ_AHEAD };

struct node_op {
	struct node_op *next;
	enum node_op_type type;
	char name[DM_NAME_LEN];		/* the new name for a rename */
	char old_name[DM_NAME_LEN];
	dev_t devno;
	uid_t uid;
	gid_t gid;
	mode_t mode;
	uint32_t read_ahead;
	int minimum;
	struct node_udev udev;
};

static struct node_op *ops_head, **ops_tail = &ops_head;

static void log_op(const char *action, const struct node_op *op)
{
	const char *rely = op->udev.rely ? " [trust_udev]" : "";
	const char *verify = op->udev.verify ? " [verify_udev]" : "";

	switch (op->type) {
	case NODE_ADD:
		log_debug("%s: %s NODE_ADD (%u,%u) %u:%u 0%o%s%s", op->name, action,
			  major(op->devno), minor(op->devno), (unsigned)op->uid, (unsigned)op->gid,
			  (unsigned)op->mode, rely, verify);
		break;
	case NODE_DEL:
		log_debug("%s: %s NODE_DEL%s%s", op->name, action, rely, verify);
		break;
	case NODE_RENAME:
		log_debug("%s: %s NODE_RENAME to %s%s%s", op->old_name, action, op->name, rely,
			  verify);
		break;
	case NODE_READ_AHEAD:
		log_debug("%s: %s NODE_READ_AHEAD %u (flags=%d)%s%s", op->name, action,
			  op->read_ahead, op->minimum, rely, verify);
		break;
	}
}

static struct node_op *queue(enum node_op_type type, const char *name,
			     const struct node_udev *u)
{
	struct node_op *op;

	/* names the kernel accepted; a longer one has no node to look after */
	if (strlen(name) >= sizeof(op->name) || !(op = calloc(1, sizeof(*op)))) {
		log_err("Insufficient memory to stack mknod operation");
		return NULL;
	}
	op->type = type;
	memcpy(op->name, name, strlen(name) + 1);
	if (u && type != NODE_READ_AHEAD) {	/* udev does not set read-ahead */
		op->udev.rely = u->rely;
		op->udev.verify = !u->rely && u->verify;
	}
	*ops_tail = op;
	ops_tail = &op->next;
	return op;
}

void node_queue_add(const char *name, dev_t devno, uid_t uid, gid_t gid, mode_t mode,
		    const struct node_udev *u)
{
	struct node_op *op = queue(NODE_ADD, name, u);

	if (!op)
		return;
	op->devno = devno;
	op->uid = uid;
	op->gid = gid;
	op->mode = mode;
	log_op("Stacking", op);
}

void node_queue_del(const char *name, const struct node_udev *u)
{
	struct node_op *op = queue(NODE_DEL, name, u);

	if (op)
		log_op("Stacking", op);
}

void node_queue_rename(const char *old_name, const char *new_name, const struct node_udev *u)
{
	struct node_op *op;

	if (strlen(old_name) >= sizeof(op->old_name) || !(op = queue(NODE_RENAME, new_name, u)))
		return;
	memcpy(op->old_name, old_name, strlen(old_name) + 1);
	log_op("Stacking", op);
}

void node_queue_read_ahead(const char *name, dev_t devno, uint32_t sectors, int minimum)
{
	struct node_op *op;

	if (sectors == READ_AHEAD_AUTO || !(op = queue(NODE_READ_AHEAD, name, NULL)))
		return;
	op->devno = devno;
	op->read_ahead = sectors;
	op->minimum = minimum;
	log_op("Stacking", op);
}

void node_queue_resumed(const char *name, dev_t devno, uid_t uid, gid_t gid, mode_t mode,
			const struct node_udev *u)
{
	if (!opt.addnode_on_create && *name)
		node_queue_add(name, devno, uid, gid, mode, u);
	node_queue_read_ahead(name, devno, opt.read_ahead, opt.read_ahead_minimum);
}

static void read_ahead_path(dev_t devno, char *buf, size_t size)
{
	snprintf(buf, size, "/sys/dev/block/%u:%u/bdi/read_ahead_kb", major(devno), minor(devno));
}

int device_read_ahead(const char *name, dev_t devno, uint32_t *sectors)
{
	char path[4096], buf[32];
	uint64_t kb;
	int fd, rc;

	*sectors = 0;
	/* sysfs when the device has a queue there, else BLKRAGET on the node */
	if (major(devno) && sysfs_bdi_read_ahead_kb(devno, &kb) == 0) {
		*sectors = (uint32_t)kb * 2;
		log_debug("%s (%u:%u): read ahead is %u", name, major(devno), minor(devno),
			  *sectors);
		return 1;
	}
	if (major(devno)) {
		read_ahead_path(devno, path, sizeof(path));
		if ((rc = sysfs_read_str(AT_FDCWD, path, buf, sizeof(buf))) >= 0) {
			*sectors = (uint32_t)atoi(buf) * 2;
			log_debug("%s (%u:%u): read ahead is %u", name, major(devno), minor(devno),
				  *sectors);
			return 1;
		}
		log_debug("%s: open failed: %s", path, strerror(-rc));
	}
	if (!*name) {
		log_err("Empty device name passed to BLKRAGET");
		return 0;
	}
	if ((fd = dm_node_open(name)) < 0) {
		if (dm_node_path(name, path, sizeof(path)) == 0)
			log_err("%s: open failed: %s", path, strerror(-fd));
		log_stack();
		return 0;
	}
	rc = dm_read_ahead_get(fd, sectors);
	close(fd);
	if (rc < 0) {
		log_err("%s: BLKRAGET failed: %s", name, strerror(-rc));
		*sectors = 0;
		return 0;
	}
	log_debug("%s: read ahead is %u", name, *sectors);
	return 1;
}

static void set_read_ahead(const struct node_op *op)
{
	char path[4096], kb[16];
	uint32_t now;
	int fd, rc;

	if (op->minimum) {
		if (!device_read_ahead(op->name, op->devno, &now)) {
			log_stack();
			return;
		}
		if (now >= op->read_ahead) {
			log_debug("%s: retaining kernel read ahead of %u (requested %u)", op->name,
				  now, op->read_ahead);
			return;
		}
	}
	log_debug("%s (%u:%u): Setting read ahead to %u", op->name, major(op->devno),
		  minor(op->devno), op->read_ahead);
	if (major(op->devno)) {
		/* sysfs counts kB: rounded up */
		read_ahead_path(op->devno, path, sizeof(path));
		snprintf(kb, sizeof(kb), "%u", (unsigned)(((uint64_t)op->read_ahead + 1) / 2));
		if ((rc = sysfs_write_str(AT_FDCWD, path, kb)) == 0)
			return;
		log_debug("%s: open failed: %s", path, strerror(-rc));
	}
	if ((fd = dm_node_open(op->name)) < 0) {
		if (dm_node_path(op->name, path, sizeof(path)) == 0)
			log_err("%s: open failed: %s", path, strerror(-fd));
		log_stack();
		return;
	}
	if ((rc = dm_read_ahead_set(fd, op->read_ahead)) < 0)
		log_err("%s: BLKRASET failed: %s", op->name, strerror(-rc));
	close(fd);
}

/*
 * --verifyudev: whether udev did what it should have for op (path: the
 * node's, the old one's for a rename); if not, libdevmapper's warning, and
 * the operation is done here.  0 when nothing is left to do.
 */
static int udev_did(const struct node_op *op, const char *path)
{
	char to[4096];
	struct stat st;

	switch (op->type) {
	case NODE_ADD:
		if (stat(path, &st) < 0)
			printf("%s not set up by udev: Falling back to direct node creation.\n",
			       path);
		return 1;
	case NODE_DEL:
		if (lstat(path, &st) == 0)
			printf("Node %s was not removed by udev. Falling back to direct node "
			       "removal.\n", path);
		return 1;
	case NODE_RENAME:
		if (dm_node_path(op->name, to, sizeof(to)) < 0)
			return 1;
		if (lstat(to, &st) < 0) {
			printf("The node %s should have been renamed to %s by udev but new node is "
			       "not present. Falling back to direct node rename.\n", path, to);
			return 1;
		}
		if (lstat(path, &st) < 0)
			return 0;	/* udev has renamed it */
		printf("The node %s should have been renamed to %s by udev but old node is still "
		       "present. Falling back to direct old node removal.\n", path, to);
		dm_node_remove(op->old_name);
		return 0;
	case NODE_READ_AHEAD:
		break;
	}
	return 1;
}

static void do_op(const struct node_op *op)
{
	char path[4096], to[4096];
	int rc;

	if (op->type == NODE_READ_AHEAD) {
		set_read_ahead(op);
		return;
	}
	if (dm_node_path(op->type == NODE_RENAME ? op->old_name : op->name, path, sizeof(path)) < 0)
		return;
	if (op->udev.verify && udev_checking() && !udev_did(op, path))
		return;
	switch (op->type) {
	case NODE_ADD:
		rc = dm_node_add(op->name, op->devno, op->uid, op->gid, op->mode);
		if (rc == -EEXIST)
			log_err("A non-block device file at '%s' is already present", path);
		else if (rc < 0)
			log_err("%s: mknod for %s failed: %s", path, op->name, strerror(-rc));
		else if (rc > 0)
			log_debug("Created %s", path);
		break;
	case NODE_DEL:
		rc = dm_node_remove(op->name);
		if (rc < 0)
			log_err("%s: unlink failed: %s", path, strerror(-rc));
		else if (rc > 0)
			log_debug("Removed %s", path);
		break;
	case NODE_RENAME:
		if (dm_node_path(op->name, to, sizeof(to)) < 0)
			return;
		rc = dm_node_rename(op->old_name, op->name);
		if (rc == -EEXIST)
			log_err("A non-block device file at '%s' is already present", to);
		else if (rc < 0)
			log_err("Unable to rename device node from '%s' to '%s'", op->old_name,
				op->name);
		else
			log_debug("Renamed %s to %s", path, to);
		break;
	case NODE_READ_AHEAD:
		break;
	}
}

void node_ops_run(void)
{
	struct node_op *op;

	while ((op = ops_head)) {
		ops_head = op->next;
		if (op->udev.rely) {
			log_op("Skipping", op);
		} else {
			log_op("Processing", op);
			do_op(op);
		}
		free(op);
	}
	ops_tail = &ops_head;
}

struct live {
	char **names;		/* as the kernel holds them */
	dev_t *devnos;
	size_t n;
	const char *only;	/* one device's node, or NULL for all */
	int bad;		/* a name that cannot be shown, told */
};

/*
 * As libdevmapper's mknodes, a live device's node has the name shown to the
 * user (unmangled unless --manglename none), while create, rename and
 * remove use the kernel's.
 */
static int add_live(const struct dm_name_entry *e, void *arg)
{
	struct live *l = arg;
	char **p = realloc(l->names, (l->n + 1) * sizeof(*p));
	dev_t *d;
	char shown[DM_NAME_LEN];

	if (!p)
		return -ENOMEM;
	l->names = p;
	if (!(d = realloc(l->devnos, (l->n + 1) * sizeof(*d))))
		return -ENOMEM;
	l->devnos = d;
	if (!(p[l->n] = strdup(e->name)))
		return -ENOMEM;
	d[l->n++] = e->devno;
	snprintf(shown, sizeof(shown), "%s", e->name);
	if (unmangle_told(shown, "name") < 0)
		l->bad = 1;
	else if (!l->only || !strcmp(l->only, e->name))
		node_queue_add(shown, e->devno, NODE_UID, NODE_GID, NODE_MODE, NULL);
	return 0;
}

/* The index of a live device's name, or -1. */
static long live_index(const struct live *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->names[i], name))
			return (long)i;
	return -1;
}

static int is_live(const struct live *l, const char *name)
{
	return live_index(l, name) >= 0;
}

/*
 * A node is taken as a device name (mangled as opt.mangle says); when no
 * device has that name, the node of that name goes, as in libdevmapper,
 * which leaves a node with an unmangled name where it is.  When one has,
 * libdevmapper's pass over the directory makes its node once more (so a
 * file in its place is told twice).
 */
static void check_node(const struct live *l, const char *node)
{
	char name[DM_NAME_LEN], shown[DM_NAME_LEN];
	long i;

	if (dm_name_mangle(node, opt.mangle, name, sizeof(name)) < 0)
		return;
	if ((i = live_index(l, name)) < 0) {
		node_queue_del(name, NULL);
		return;
	}
	/* (its reply's name: unmangled unless --manglename none, as
	 * libdevmapper's replies; add_live told what cannot be shown) */
	if (opt.mangle == DM_MANGLE_NONE)
		snprintf(shown, sizeof(shown), "%s", l->names[i]);
	else if (dm_name_unmangle(l->names[i], opt.mangle, shown, sizeof(shown)) < 0)
		return;
	node_queue_add(shown, l->devnos[i], NODE_UID, NODE_GID, NODE_MODE, NULL);
}

/* Adds the nodes of existing devices and removes those of devices gone. */
int sync_nodes(const char *only)
{
	struct live l = { NULL, NULL, 0, only, 0 };
	const char *dir;
	char path[4096];
	DIR *d;
	struct dirent *e;
	size_t i;
	int rc, none;

	rc = list_kernel_names(add_live, &l, &none);
	/* the nodes just added count in the scan for stale ones, as in libdevmapper */
	node_ops_run();
	if (rc == 0 && only && !is_live(&l, only))
		dm_node_remove(only);
	else if (rc == 0 && !only && dm_dev_dir(&dir) == 0) {
		snprintf(path, sizeof(path), "%s/mapper", dir);
		if ((d = opendir(path))) {
			while ((e = readdir(d))) {
				if (e->d_name[0] == '.' || !strcmp(e->d_name, "control"))
					continue;
				if (only && strcmp(e->d_name, only))
					continue;
				check_node(&l, e->d_name);
			}
			closedir(d);
		}
	}
	/* a node that cannot be made is told, and no reason to stop */
	node_ops_run();
	for (i = 0; i < l.n; i++)
		free(l.names[i]);
	free(l.names);
	free(l.devnos);
	return rc == 0 && l.bad ? -EINVAL : rc;
}

int cmd_mknodes(const struct command *cmd, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return sync_nodes(NULL) == 0;
	for (i = 1; i < argc; i++) {
		char kname[DM_NAME_LEN];	/* nodes have the kernel's names */

		if (mangle_user_string(USER_NAME, argv[i], kname, sizeof(kname)) < 0 ||
		    sync_nodes(kname) < 0)
			return 0;
	}
	return 1;
}
