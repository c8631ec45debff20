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
	char **names;
	size_t n;
	const char *only;	/* one device's node, or NULL for all */
};

static int add_live(const struct dm_name_entry *e, void *arg)
{
	struct live *l = arg;
	char **p = realloc(l->names, (l->n + 1) * sizeof(*p));

	if (!p)
		return -ENOMEM;
	l->names = p;
	if (!(p[l->n] = strdup(e->name)))
		return -ENOMEM;
	l->n++;
	if (!l->only || !strcmp(l->only, e->name))
		dm_node_add(e->name, e->devno);	/* a node we cannot make is no reason to stop */
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

/* Adds the nodes of existing devices and removes those of devices gone. */
int sync_nodes(const char *only)
{
	struct live l = { NULL, 0, only };
	const char *dir;
	char path[4096];
	DIR *d;
	struct dirent *e;
	size_t i;
	int rc, none;

	rc = list_device_names(add_live, &l, &none);
	if (rc == 0 && dm_dev_dir(&dir) == 0) {
		snprintf(path, sizeof(path), "%s/mapper", dir);
		if ((d = opendir(path))) {
			while ((e = readdir(d))) {
				if (e->d_name[0] == '.' || !strcmp(e->d_name, "control"))
					continue;
				if (only && strcmp(e->d_name, only))
					continue;
				if (!is_live(&l, e->d_name))
					dm_node_remove(e->d_name);
			}
			closedir(d);
		}
	}
	for (i = 0; i < l.n; i++)
		free(l.names[i]);
	free(l.names);
	return rc;
}

int cmd_mknodes(const struct command *cmd, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return sync_nodes(NULL) == 0;
	for (i = 1; i < argc; i++)
		if (sync_nodes(argv[i]) < 0)
			return 0;
	return 1;
}
