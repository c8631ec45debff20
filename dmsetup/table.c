/* table, status and measure: the targets of devices, as text, --concise or JSON. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <json-c/json.h>

#include "call.h"
#include "devices.h"
#include "display.h"
#include "dmfields.h"
#include "dmsetup.h"
#include "dmtable.h"
#include "json.h"
#include "jsonput.h"
#include "log.h"

/* table, status or measure over the devices, and the device at hand. */
struct table_view {
	int table, measure;		/* which command */
	const struct dm_ioctl *io;	/* the device at hand */
	const char *name;		/* as the user named it, or as listed */
	int several;			/* more than one device is shown */
	int any;			/* something of the device was printed */
	int matched;			/* a target of --target's type was seen */
};

/*
 * table --concise: a device was printed, for the ';' before the next one.
 * As lvm2's flag it lasts the process: --count's next runs go on with ';'
 * and each run ends the line.
 */
static int concise_printed;

/* In the concise format ',' ';' and '\\' are quoted with a backslash. */
static void print_quoted(const char *s)
{
	for (; *s; s++) {
		if (strchr(",;\\", *s))
			putchar('\\');
		putchar(*s);
	}
}

static int print_target(const struct dm_target *t, void *arg)
{
	struct table_view *v = arg;
	const char *params = t->params;
	char *hidden = NULL;

	if (opt.target && strcmp(t->type, opt.target))
		return 0;
	v->matched = 1;
	if (opt.exec && !opt.verbose)
		return 0;	/* --exec runs instead of printing */
	/* -v: the device's info block before its first line, and no name prefixes */
	if (!v->any && opt.verbose && !(opt.concise && v->table))
		show_info(v->io);
	v->any = 1;
	if (v->table && !opt.showkeys && dm_table_may_have_keys(t->type)) {
		if (!(hidden = strdup(t->params)))
			return -ENOMEM;
		dm_table_hide_keys(t->type, hidden);
		params = hidden;
	}
	if (opt.concise && v->table) {
		printf(",%" PRIu64 " %" PRIu64 " %s ", t->start, t->length, t->type);
		print_quoted(params);
	} else {
		printf("%s%s%" PRIu64 " %" PRIu64 " %s %s\n",
		       v->several && !opt.verbose ? v->name : "",
		       v->several && !opt.verbose ? ": " : "",
		       t->start, t->length, t->type, params);
	}
	free(hidden);	/* (keys hidden in it; the reply holding them is wiped) */
	return 0;
}

static int match_type(const struct dm_target *t, void *arg)
{
	if (strcmp(t->type, opt.target))
		return 0;
	*(int *)arg = 1;
	return 1;	/* found: stop */
}

/* table --concise: "name,uuid,minor,rw|ro" then ",start length type params" a target. */
static int print_concise(struct table_view *v)
{
	const struct dm_ioctl *io = v->io;
	int found = 0;

	/* with --target, a device without such a target is left out */
	if (opt.target && (!io->target_count ||
			   (dm_reply_targets(io, match_type, &found) >= 0 && !found)))
		return 0;
	if (concise_printed++)
		putchar(';');
	print_quoted(v->name);
	putchar(',');
	print_quoted(io->uuid);
	printf(",%u,%s", minor((dev_t)io->dev), io->flags & DM_READONLY_FLAG ? "ro" : "rw");
	/* a device without a table has no target data to parse */
	return io->target_count ? dm_reply_targets(io, print_target, v) : 0;
}

/* -J of table, status and measure: the targets of a device as objects. */
struct json_targets {
	struct json_object *list;
	struct table_view *v;
};

static int add_target_json(const struct dm_target *t, void *arg)
{
	struct json_targets *jt = arg;
	struct json_object *target, *fields;
	char *params;
	int rc = -ENOMEM;

	if (opt.target && strcmp(t->type, opt.target))
		return 0;
	jt->v->matched = 1;
	if (!(params = strdup(t->params)))
		return -ENOMEM;
	if (jt->v->table && !opt.showkeys)
		dm_table_hide_keys(t->type, params);
	if ((target = jappend_object(jt->list)) && !jput_u64(target, "start", t->start) &&
	    !jput_u64(target, "length", t->length) && !jput_str(target, "type", t->type) &&
	    !jput_str(target, "params", params)) {
		/* null for a type lodm does not parse (and for IMA's measurement text) */
		fields = jt->v->measure ? NULL :
			 dm_target_fields(t->type, t->params, !jt->v->table, opt.showkeys);
		rc = fields ? jput(target, "fields", fields) : jput_null(target, "fields");
	}
	dm_free_wiped(params, strlen(params));	/* (--showkeys: it holds the key) */
	return rc;
}

/* A device's object with its targets, added to the document; with --target
 * a device without such a target is left out, as from the text. */
static int add_table_json(struct table_view *v)
{
	const struct dm_ioctl *io = v->io;
	struct json_targets jt = { NULL, v };
	struct json_object *dev = json_object_new_object();
	int rc = -ENOMEM;

	if (dev && !doc_put_device(dev, io->name, io->uuid, (dev_t)io->dev) &&
	    (jt.list = jput_list(dev, "targets")))
		rc = io->target_count ? dm_reply_targets(io, add_target_json, &jt) : 0;
	v->matched = v->matched || !opt.target;
	if (rc == 0 && v->matched)
		return jappend(doc_list(), dev);
	jdrop(dev);
	return rc;
}

static int table_one(const char *dev, int several, void *arg)
{
	struct table_view *v = arg;
	struct dm_req r;
	uint32_t flags = 0;
	int rc;

	if (device_task(&r, dev) < 0)
		return 0;
	if (v->table)
		flags |= DM_STATUS_TABLE_FLAG;
	if (opt.inactive)
		flags |= DM_QUERY_INACTIVE_TABLE_FLAG;
	if (opt.noflush)
		flags |= DM_NOFLUSH_FLAG;
	if (v->measure)
		flags |= DM_IMA_MEASUREMENT_FLAG;
	/* a missing device: "status" says it does not exist, "table" shows the ioctl error */
	rc = v->table ? call(DM_TABLE_STATUS, &r, flags, 0)
		      : call_exists(DM_TABLE_STATUS, &r, flags);
	if (rc < 0 && (v->table || rc != -ENXIO))
		log_stack();
	if (rc == 0) {
		v->io = r.io;
		/* as dmsetup: the device as the user named it, or as listed */
		v->name = dev ? dev : r.io->name;
		v->several = several;
		v->any = v->matched = 0;
		if (doc_list())
			rc = add_table_json(v);
		else if (opt.concise && v->table)
			rc = print_concise(v);
		else if (r.io->target_count == 0 && !opt.target) {
			v->matched = 1;
			if (!opt.exec || opt.verbose) {
				/* no table: an empty line */
				if (opt.verbose)
					show_info(r.io);
				else if (several)
					printf("%s: ", v->name);
				putchar('\n');
				v->any = 1;
			}
		} else if (r.io->target_count)
			rc = dm_reply_targets(r.io, print_target, v);
		/* (no table and --target: nothing of it matches, and nothing is said) */
		if (rc == 0 && several && opt.verbose && v->any)
			putchar('\n');
		/* (the concise line is printed, not run) */
		if (rc == 0 && v->matched && opt.exec && !(opt.concise && v->table) &&
		    !exec_on_device(v->name))
			rc = -EIO;
	}
	dm_req_free(&r);
	return rc == 0;
}

int cmd_table(const struct command *cmd, int argc, char **argv)
{
	struct table_view v = {
		.table = !strcmp(cmd->name, "table"),
		/* measure: the status as the kernel hands it to IMA */
		.measure = !strcmp(cmd->name, "measure"),
	};
	int ok;

	if (!doc_begin("devices"))
		return 0;
	ok = doc_end(for_each_arg_or_all(argc, argv, table_one, &v));
	/* the concise devices share one line, ended even after a failure */
	if (concise_printed)
		putchar('\n');
	return ok;
}
