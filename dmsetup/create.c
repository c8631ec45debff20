/* create, load and reload: tables from --table, a file or stdin. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "call.h"
#include "devices.h"
#include "display.h"
#include "dmcookie.h"
#include "dmsetup.h"
#include "dmtable.h"
#include "log.h"
#include "names.h"
#include "nodes.h"
#include "udev.h"

#define TABLE_MAX_BYTES (64u << 20)

/* The table text: table (--table), else the file, else stdin.  NULL after an error told. */
static char *table_text(const char *table, const char *file)
{
	FILE *f;
	char *text = NULL;
	int rc;

	if (table)
		return strdup(table);
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

/* Adds the targets of table (or the file's, or stdin's) to r; 0, or -errno told. */
static int add_table(struct dm_req *r, const char *table, const char *file)
{
	struct dm_table t;
	char *text = table_text(table, file);
	const char *type = NULL;
	size_t i;
	int rc, bad;

	if (!text)
		return -EINVAL;
	rc = dm_table_parse(text, &t, &bad, &type);
	dm_free_wiped(text, strlen(text));	/* (it may hold a key) */
	if (rc == -ENAMETOOLONG) {
		/* libdevmapper's words; its dmsetup adds nothing */
		log_err("Target type name %s is too long.", type);
		log_stack();
		dm_table_free(&t);
		return rc;
	}
	if (rc == -EINVAL) {
		/* lvm2 names the file, or "on stdin"; --table's text is "" */
		log_err("Invalid format on line %d of table %s.", bad,
			table ? "" : file ? file : "on stdin");
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

/*
 * Removes a device we made, quietly: a failed create leaves nothing behind.
 * Its uevent is waited for with the create's cookie, as libdevmapper does.
 */
static void roll_back(const char *name, struct udev_task *u)
{
	struct dm_req r;
	int rc = -1;

	if (task_init(&r) < 0)
		return;
	udev_task_again(u, UDEV_REMOVE);
	if (dm_req_set_id(&r, &(struct dm_id){ .kind = DM_ID_NAME, .name = name }) == 0)
		rc = call_quiet(DM_DEV_REMOVE, &r, 0, udev_task_event_nr(u));
	udev_task_sent(u, rc, r.io);
	/* a node made at create (--addnodeoncreate) goes too */
	if (rc == 0 && !u->nodes.rely)
		node_queue_del(name, &u->nodes);
	dm_req_free(&r);
}

/* What a new device is made with: the command line's options, or a --concise entry. */
struct create_args {
	const char *name;
	const char *uuid;		/* NULL: none */
	const char *table;		/* the table's text; NULL: the file's, or stdin's */
	const char *file;
	int have_major, have_minor;	/* (a minor alone comes from create --concise) */
	int major, minor;
	int readonly, notable;
};

/* One device; 1 on success. */
static int create_one(const struct create_args *a)
{
	struct dm_req r, tbl, res;
	struct udev_task u = { .cookie = 0 };
	struct call_ctx ctx = { 0 };
	char kname[DM_NAME_LEN];	/* the name as the kernel and /dev/mapper hold it */
	const char *name = a->name;
	uint32_t flags = 0, ro = a->readonly ? DM_READONLY_FLAG : 0;
	const struct dm_ioctl *last;
	dev_t devno;
	int rc, has_table = !a->notable;

	kname[0] = '\0';
	if (task_init(&r) < 0)
		return 0;
	if (task_init(&tbl) < 0) {
		dm_req_free(&r);
		return 0;
	}
	res.io = NULL;
	if (strchr(name, '/')) {
		log_err("Name \"%s\" invalid. It contains \"/\".", name);
		goto fail;
	}
	/* an empty name goes to the kernel, which refuses it, as lvm2 lets it */
	if (*name && req_set_name(&r, name, 0) < 0)
		goto fail;
	snprintf(kname, sizeof(kname), "%s", r.io->name);
	if (a->uuid && mangle_user_string(USER_UUID, a->uuid, r.io->uuid, sizeof(r.io->uuid)) < 0)
		goto fail;
	/* (a minor alone: the kernel takes only the minor) */
	if (a->have_major || a->have_minor) {
		r.io->dev = (__u64)makedev((unsigned)(a->have_major ? a->major : 0),
					   (unsigned)a->minor);
		ctx.devno = (dev_t)r.io->dev;
		flags |= DM_PERSISTENT_DEV_FLAG;
	}
	/* the table is read and checked before anything exists */
	if (has_table && add_table(&tbl, a->table, a->file) < 0)
		goto fail;
	if (has_table && tbl.io->target_count == 0)
		has_table = 0;
	/* a device with a table comes with a uevent (its first resume): a cookie for udev */
	if (has_table && udev_task_begin(&u, UDEV_CREATE) < 0)
		goto fail;

	/* the create itself makes no uevent: the udev flags only, for the checks */
	if (call_in(&ctx, DM_DEV_CREATE, &r, flags, udev_task_event_nr(&u) & DM_UDEV_FLAGS_MASK) < 0) {
		udev_task_sent(&u, -1, NULL);
		if (has_table)
			log_stack();
		goto fail;
	}
	devno = ctx.devno = (dev_t)r.io->dev;
	last = r.io;
	if (opt.addnode_on_create && *kname && !u.nodes.rely)
		node_queue_add(kname, devno, opt.node_uid, opt.node_gid, opt.node_mode,
			       has_table ? &u.nodes : NULL);
	if (has_table) {
		/* as libdevmapper: the table goes to the new device by its number */
		dm_req_set_id(&tbl, &(struct dm_id){ .kind = DM_ID_DEVNO, .devno = devno });
		ctx.name = name;
		if (call_in(&ctx, DM_TABLE_LOAD, &tbl, ro, 0) < 0 || task_init(&res) < 0) {
			log_stack();
			udev_task_sent(&u, -1, NULL);
			roll_back(kname, &u);
			goto fail;
		}
		if (a->have_major || a->have_minor)
			dm_req_set_id(&res, &(struct dm_id){ .kind = DM_ID_DEVNO, .devno = devno });
		else
			dm_req_set_id(&res, &(struct dm_id){ .kind = DM_ID_NAME, .name = kname });
		rc = call_in(&ctx, DM_DEV_SUSPEND, &res, ro, udev_task_event_nr(&u));
		udev_task_sent(&u, rc, res.io);
		if (rc < 0) {
			roll_back(kname, &u);
			goto fail;
		}
		/* the node comes with the first resume */
		node_queue_resumed(kname, devno, opt.node_uid, opt.node_gid, opt.node_mode,
				   &u.nodes);
		last = res.io;
	}
	udev_task_wait(&u, kname, NULL);
	if (opt.verbose)
		show_info(last);
	dm_req_free(&r);
	dm_req_free(&tbl);
	dm_req_free(&res);
	return 1;
fail:
	log_stack();
	udev_task_wait(&u, kname, NULL);
	dm_req_free(&r);
	dm_req_free(&tbl);
	dm_req_free(&res);
	return 0;
}

static void concise_parsed(const struct dm_concise_dev *dev)
{
	const char *const *f = dev->field;

	log_err("Parsed %d fields: name: %s uuid: %s minor: %s flags: %s table: %s", dev->nfields,
		f[0] ? f[0] : "(null)", f[1] ? f[1] : "(null)", f[2] ? f[2] : "(null)",
		f[3] ? f[3] : "(null)", f[4] ? f[4] : "(null)");
}

/*
 * One pass over a --concise list: with make 0 it only checks the syntax and
 * the flags (and tells what is wrong, in lvm2's words); with make 1 it makes
 * each device as if its fields were options, one after the other, and the
 * first failure ends it.
 */
static int concise_pass(const char *spec, int make)
{
	struct dm_concise c;
	struct dm_concise_dev dev;
	int rc, ok = 1, readonly = opt.readonly;

	if (dm_concise_init(&c, spec) < 0)
		return 0;
	while (ok && (rc = dm_concise_next(&c, &dev)) > 0) {
		const char *flags = dev.field[DM_CONCISE_FLAGS];

		if (*flags && strcmp(flags, "ro") && strcmp(flags, "rw")) {
			log_err("Invalid flags parameter '%s' must be 'ro' or 'rw' or empty.", flags);
			ok = 0;
			break;
		}
		if (!make)
			continue;
		ok = create_one(&(struct create_args){
			.name = dev.field[DM_CONCISE_NAME],
			.uuid = *dev.field[DM_CONCISE_UUID] ? dev.field[DM_CONCISE_UUID] : NULL,
			.table = dev.field[DM_CONCISE_TABLE],
			/* atoi as lvm2: a negative minor asks for none */
			.have_minor = *dev.field[DM_CONCISE_MINOR] &&
				      atoi(dev.field[DM_CONCISE_MINOR]) >= 0,
			.minor = atoi(dev.field[DM_CONCISE_MINOR]),
			.readonly = readonly || !strcmp(flags, "ro"),
		});
		/* as lvm2: -r of the command line goes with the first device made */
		readonly = 0;
	}
	if (ok && rc < 0) {
		ok = 0;
		if (c.error == DM_CONCISE_BACKSLASH_AT_END)
			log_err("Backslash must be followed by another character at end of string.");
		else if (c.error == DM_CONCISE_TOO_FEW_FIELDS)
			log_err("Five comma-separated fields are required for each device");
		else
			log_err("Incomplete entry: five comma-separated fields are required for each device");
		concise_parsed(&dev);
	}
	dm_concise_free(&c);
	return ok;
}

/*
 * create --concise.  lvm2 makes each device as soon as it has parsed it, so
 * that a mistake further on in the list leaves the devices before it behind;
 * lodm checks the whole list first and makes nothing then (same words, same
 * exit status; docs/compat.md).  A device the kernel refuses still ends the
 * command with the devices made before it in place, as with lvm2.
 */
static int create_concise(const char *spec)
{
	char *text = NULL;
	int rc, ok;

	if (opt.table || opt.have_minor || opt.uuid || opt.notable || opt.inactive) {
		log_err("--concise is incompatible with --[no]table, --minor, --uuid and --inactive.");
		return 0;
	}
	if (!spec) {
		if ((rc = dm_table_read(stdin, TABLE_MAX_BYTES, &text)) < 0) {
			log_err("Read from stdin aborted: %s", strerror(-rc));
			return 0;
		}
		spec = text;
	}
	ok = concise_pass(spec, 0) && concise_pass(spec, 1);
	if (text)
		dm_free_wiped(text, strlen(text));	/* (it may hold a key) */
	return ok;
}

int cmd_create(const struct command *cmd, int argc, char **argv)
{
	if (opt.concise) {
		if (argc > 2) {
			log_err("dmsetup create --concise takes at most one argument");
			return 0;
		}
		return create_concise(argc > 1 ? argv[1] : NULL);
	}
	if (argc < 2) {
		log_err("Please provide a name for the new device.");
		return 0;
	}
	return create_one(&(struct create_args){
		.name = argv[1], .file = argc > 2 ? argv[2] : NULL,
		.uuid = opt.uuid, .table = opt.table,
		.have_major = opt.have_major, .have_minor = opt.have_minor,
		.major = opt.major, .minor = opt.minor,
		.readonly = opt.readonly, .notable = opt.notable,
	});
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
	rc = add_table(&r, opt.table, opt.uuid || opt.have_major ? (argc > 1 ? argv[1] : NULL)
							       : (argc > 2 ? argv[2] : NULL));
	if (rc == 0)
		rc = call(DM_TABLE_LOAD, &r, opt.readonly ? DM_READONLY_FLAG : 0, 0);
	if (rc < 0)
		log_stack();
	else if (opt.verbose)
		show_info(r.io);
	dm_req_free(&r);
	return rc == 0;
}
