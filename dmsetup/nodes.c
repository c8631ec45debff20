/* mknodes: /dev/mapper made to match the kernel's devices. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dmnode.h"
#include "dmsetup.h"

struct live {
	char **names;		/* as the kernel holds them */
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
	char shown[DM_NAME_LEN];

	if (!p)
		return -ENOMEM;
	l->names = p;
	if (!(p[l->n] = strdup(e->name)))
		return -ENOMEM;
	l->n++;
	snprintf(shown, sizeof(shown), "%s", e->name);
	if (unmangle_told(shown, "name") < 0)
		l->bad = 1;
	else if (!l->only || !strcmp(l->only, e->name))
		dm_node_add(shown, e->devno);	/* a node we cannot make is no reason to stop */
	return 0;
}

static int is_live(const struct live *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->names[i], name))
			return 1;
	return 0;
}

/*
 * A node is taken as a device name (mangled as opt.mangle says); when no
 * device has that name, the node of that name goes, as in libdevmapper,
 * which leaves a node with an unmangled name where it is.
 */
static void remove_if_gone(const struct live *l, const char *node)
{
	char name[DM_NAME_LEN];

	if (dm_name_mangle(node, opt.mangle, name, sizeof(name)) == 0 && !is_live(l, name))
		dm_node_remove(name);
}

/* Adds the nodes of existing devices and removes those of devices gone. */
int sync_nodes(const char *only)
{
	struct live l = { NULL, 0, only, 0 };
	const char *dir;
	char path[4096];
	DIR *d;
	struct dirent *e;
	size_t i;
	int rc, none;

	rc = list_kernel_names(add_live, &l, &none);
	if (rc == 0 && only && !is_live(&l, only))
		dm_node_remove(only);
	else if (rc == 0 && !only && dm_dev_dir(&dir) == 0) {
		snprintf(path, sizeof(path), "%s/mapper", dir);
		if ((d = opendir(path))) {
			while ((e = readdir(d)))
				if (e->d_name[0] != '.' && strcmp(e->d_name, "control"))
					remove_if_gone(&l, e->d_name);
			closedir(d);
		}
	}
	for (i = 0; i < l.n; i++)
		free(l.names[i]);
	free(l.names);
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
