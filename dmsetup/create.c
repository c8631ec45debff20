/* create, load and reload: tables from --table, a file or stdin. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "dmnode.h"
#include "dmsetup.h"
#include "dmtable.h"

#define TABLE_MAX_BYTES (64u << 20)

int manage_nodes(void)
{
	/* set at all, even empty, as libdevmapper reads it */
	return getenv("DM_DISABLE_UDEV") || !dm_udev_running();
}

/* The table text: --table, else the file, else stdin.  NULL after an error told. */
static char *table_text(const char *file)
{
	FILE *f;
	char *text = NULL;
	int rc;

	if (opt.table)
		return strdup(opt.table);
	f = file ? fopen(file, "re") : stdin;
	if (!f) {
		log_err("Couldn't open '%s' for reading.", file);
		return NULL;
	}
	rc = dm_table_read(f, TABLE_MAX_BYTES, &text);
	if (file)
		fclose(f);
	if (rc < 0) {
		log_err("Couldn't read table from %s: %s", file ? file : "stdin", strerror(-rc));
		return NULL;
	}
	return text;
}

/* Adds the table's targets to r; 0, or -errno after the message. */
static int add_table(struct dm_req *r, const char *file)
{
	struct dm_table t;
	char *text = table_text(file);
	size_t i;
	int rc, bad;

	if (!text)
		return -EINVAL;
	rc = dm_table_parse(text, &t, &bad);
	free(text);
	if (rc == -EINVAL || rc == -ENAMETOOLONG) {
		/* lvm2 names only a table file here; --table and stdin are "" */
		log_err("Invalid format on line %d of table %s.", bad, file && !opt.table ? file : "");
		log_stack();
		dm_table_free(&t);
		return rc;
	}
	for (i = 0; rc == 0 && i < t.count; i++)
		rc = dm_req_add_target(r, &t.targets[i]);
	dm_table_free(&t);
	if (rc < 0)
		log_err("Couldn't add the table: %s", strerror(-rc));
	return rc;
}

/* Removes a device we made, quietly: a failed create leaves nothing behind. */
static void roll_back(const char *name)
{
	struct dm_req r;

	if (task_init(&r) < 0)
		return;
	if (dm_req_set_id(&r, &(struct dm_id){ .kind = DM_ID_NAME, .name = name }) == 0 &&
	    dm_call_quiet(DM_DEV_REMOVE, &r, 0, 0) == 0 && manage_nodes())
		node_queue_del(name);	/* a node made at create (--addnodeoncreate) goes too */
	dm_req_free(&r);
}

int cmd_create(const struct command *cmd, int argc, char **argv)
{
	struct dm_req r, tbl, res;
	const char *name = argc > 1 ? argv[1] : NULL;
	struct dm_id id = { .kind = DM_ID_NAME, .name = name };
	uint32_t flags = 0, ro = opt.readonly ? DM_READONLY_FLAG : 0;
	const struct dm_ioctl *last;
	dev_t devno;
	int rc, has_table = !opt.notable;

	if (!name) {
		log_err("Please provide a name for the new device.");
		return 0;
	}
	if (task_init(&r) < 0)
		return 0;
	if (task_init(&tbl) < 0) {
		dm_req_free(&r);
		return 0;
	}
	res.io = NULL;
	/* an empty name goes to the kernel, which refuses it, as lvm2 lets it */
	rc = *name ? dm_req_set_id(&r, &id) : 0;
	if (rc < 0) {
		if (strchr(name, '/'))
			log_err("Name \"%s\" invalid. It contains \"/\".", name);
		else if (rc == -ENAMETOOLONG)
			log_err("Name \"%s\" too long.", name);
		else
			log_err("Name \"%s\" invalid.", name);
		goto fail;
	}
	if (opt.uuid) {
		if (dm_uuid_check(opt.uuid) < 0) {
			log_err("Mangled form of the UUID too long for \"%s\".", opt.uuid);
			log_err("Failed to mangle device uuid \"%s\".", opt.uuid);
			goto fail;
		}
		snprintf(r.io->uuid, sizeof(r.io->uuid), "%s", opt.uuid);
	}
	if (opt.have_major) {
		r.io->dev = (__u64)makedev((unsigned)opt.major, (unsigned)opt.minor);
		known_devno = (dev_t)r.io->dev;
		flags |= DM_PERSISTENT_DEV_FLAG;
	}
	/* the table is read and checked before anything exists */
	if (has_table && add_table(&tbl, argc > 2 ? argv[2] : NULL) < 0)
		goto fail;
	if (has_table && tbl.io->target_count == 0)
		has_table = 0;
	/* a device with a table comes with a uevent: libdevmapper asks about udev first */
	if (has_table)
		udev_sync_check();

	if (dm_call("create", DM_DEV_CREATE, &r, flags, 0) < 0) {
		if (has_table)
			log_stack();
		goto fail;
	}
	devno = known_devno = (dev_t)r.io->dev;
	last = r.io;
	if (opt.addnode_on_create && *name && manage_nodes())
		node_queue_add(name, devno, opt.node_uid, opt.node_gid, opt.node_mode);
	if (has_table) {
		/* as libdevmapper: the table goes to the new device by its number */
		dm_req_set_id(&tbl, &(struct dm_id){ .kind = DM_ID_DEVNO, .devno = devno });
		known_name = name;
		if (dm_call("reload", DM_TABLE_LOAD, &tbl, ro, 0) < 0 || task_init(&res) < 0) {
			log_stack();
			roll_back(name);
			goto fail;
		}
		if (opt.have_major)
			dm_req_set_id(&res, &(struct dm_id){ .kind = DM_ID_DEVNO, .devno = devno });
		else
			dm_req_set_id(&res, &id);
		if (dm_call("resume", DM_DEV_SUSPEND, &res, ro, 0) < 0) {
			roll_back(name);
			goto fail;
		}
		/* the node comes with the first resume */
		node_queue_resumed(name, devno, opt.node_uid, opt.node_gid, opt.node_mode);
		last = res.io;
	}
	node_ops_run();
	if (opt.verbose)
		show_info(last);
	dm_req_free(&r);
	dm_req_free(&tbl);
	dm_req_free(&res);
	return 1;
fail:
	log_stack();
	node_ops_run();
	dm_req_free(&r);
	dm_req_free(&tbl);
	dm_req_free(&res);
	return 0;
}

int cmd_load(const struct command *cmd, int argc, char **argv)
{
	struct dm_req r;
	int rc;

	if (opt.notable) {
		log_err("--notable only available when creating new device.");
		return 0;
	}
	if (argc < 2 && !opt.uuid && !opt.have_major && !opt.have_minor) {
		log_err("Please specify device.");
		return 0;
	}
	if ((opt.uuid || opt.have_major) && argc > 2) {
		log_err("Too many command line arguments.");
		return 0;
	}
	if (task_init(&r) < 0)
		return 0;
	if (req_for_device(&r, argc > 1 && !opt.uuid && !opt.have_major ? argv[1] : NULL) < 0) {
		dm_req_free(&r);
		return 0;
	}
	rc = add_table(&r, opt.uuid || opt.have_major ? (argc > 1 ? argv[1] : NULL)
						    : (argc > 2 ? argv[2] : NULL));
	if (rc == 0)
		rc = dm_call("reload", DM_TABLE_LOAD, &r, opt.readonly ? DM_READONLY_FLAG : 0, 0);
	if (rc < 0)
		log_stack();
	else if (opt.verbose)
		show_info(r.io);
	dm_req_free(&r);
	return rc == 0;
}
