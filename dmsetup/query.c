/* The query commands: version, targets, target-version, info, table,
 * status, deps. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
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
#include "fields.h"
#include "json.h"
#include "jsonput.h"
#include "log.h"

/* -J: {"library": "...", "driver": "4.47.0"}, the driver null when it cannot be asked */
static int version_json(void)
{
	struct json_object *doc = json_object_new_object();
	struct dm_req r;
	char driver[40];
	int rc = -1;

	if (!doc || jput_str(doc, "library", LODM_LIBRARY_VERSION)) {
		jdrop(doc);
		return 0;
	}
	if (task_init(&r) == 0) {
		rc = call(DM_VERSION, &r, 0, 0);
		if (rc == 0)
			snprintf(driver, sizeof(driver), "%u.%u.%u", r.io->version[0],
				 r.io->version[1], r.io->version[2]);
		dm_req_free(&r);
	}
	if ((rc == 0 ? jput_str(doc, "driver", driver) : jput_null(doc, "driver")) ||
	    doc_print(doc) < 0)
		rc = -1;
	jdrop(doc);
	return rc == 0;
}

int cmd_version(const struct command *cmd, int argc, char **argv)
{
	struct dm_req r;
	int rc;

	if (opt.json)
		return version_json();
	printf("Library version:   %s\n", LODM_LIBRARY_VERSION);
	if (task_init(&r) < 0)
		return 0;
	rc = call(DM_VERSION, &r, 0, 0);
	if (rc == 0)
		printf("Driver version:    %u.%u.%u\n", r.io->version[0], r.io->version[1],
		       r.io->version[2]);
	dm_req_free(&r);
	return rc == 0;
}

/* -J of targets and target-version: {"targets": [{"name": ..., "version": "1.4.0"}]} */

/* Prints a target's line, or with -J adds it to the document. */
static int print_target_version(const struct dm_target_version *v, void *arg)
{
	struct json_object *target;
	char version[40];

	if (!doc_list()) {
		printf("%-16s v%u.%u.%u\n", v->name, v->version[0], v->version[1], v->version[2]);
		return 0;
	}
	snprintf(version, sizeof(version), "%u.%u.%u", v->version[0], v->version[1],
		 v->version[2]);
	if (!(target = jappend_object(doc_list())) || jput_str(target, "name", v->name) ||
	    jput_str(target, "version", version))
		return -ENOMEM;
	return 0;
}

int cmd_targets(const struct command *cmd, int argc, char **argv)
{
	struct dm_req r;
	int rc;

	if (!doc_begin("targets") || task_init(&r) < 0)
		return doc_end(0);
	rc = call(DM_LIST_VERSIONS, &r, 0, 0);
	if (rc == 0)
		rc = dm_reply_versions(r.io, print_target_version, NULL);
	dm_req_free(&r);
	return doc_end(rc == 0);
}

int cmd_target_version(const struct command *cmd, int argc, char **argv)
{
	int i, ok = doc_begin("targets");

	for (i = 1; ok && i < argc; i++) {
		struct dm_req r;
		int rc;

		if (task_init(&r) < 0) {
			ok = 0;
			break;
		}
		rc = strlen(argv[i]) < sizeof(r.io->name) ? 0 : -ENAMETOOLONG;
		if (rc == 0) {
			memcpy(r.io->name, argv[i], strlen(argv[i]) + 1);
			rc = call(DM_GET_TARGET_VERSION, &r, 0, 0);
		}
		if (rc == 0)
			rc = dm_reply_versions(r.io, print_target_version, NULL);
		dm_req_free(&r);
		if (rc < 0)
			ok = 0;
	}
	return doc_end(ok);
}

static int info_one(const char *dev, int several)
{
	struct dm_req r;
	int rc = device_status(dev, &r);

	if (rc <= 0) {
		if (rc == 0)
			log_err("Device does not exist.");
		dm_req_free(&r);
		return 0;
	}
	show_info(r.io);
	dm_req_free(&r);
	return 1;
}

int cmd_info(const struct command *cmd, int argc, char **argv)
{
	if (opt.columns || opt.json)
		return info_columns(argc, argv);
	return for_each_arg_or_all(argc, argv, info_one);
}

/* table/status/measure: which one, and how the device at hand is shown. */
static int show_table, measure;
static const struct dm_ioctl *shown;
static const char *shown_name;	/* as the user named it, or as listed */
static int shown_several, shown_any;
/* table --concise: whether a device was printed, for the ';' between them */
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
	const char *params = t->params;
	char *hidden = NULL;

	if (opt.target && strcmp(t->type, opt.target))
		return 0;
	if (arg)
		*(int *)arg = 1;	/* matched */
	if (opt.exec && !opt.verbose)
		return 0;	/* --exec runs instead of printing */
	/* -v: the device's info block before its first line, and no name prefixes */
	if (!shown_any && opt.verbose && !(opt.concise && show_table))
		show_info(shown);
	shown_any = 1;
	if (show_table && !opt.showkeys && dm_table_may_have_keys(t->type)) {
		if (!(hidden = strdup(t->params)))
			return -ENOMEM;
		dm_table_hide_keys(t->type, hidden);
		params = hidden;
	}
	if (opt.concise && show_table) {
		printf(",%" PRIu64 " %" PRIu64 " %s ", t->start, t->length, t->type);
		print_quoted(params);
	} else {
		printf("%s%s%" PRIu64 " %" PRIu64 " %s %s\n",
		       shown_several && !opt.verbose ? shown_name : "",
		       shown_several && !opt.verbose ? ": " : "",
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
static int print_concise(const struct dm_ioctl *io)
{
	int found = 0;

	/* with --target, a device without such a target is left out */
	if (opt.target && (!io->target_count ||
			   (dm_reply_targets(io, match_type, &found) >= 0 && !found)))
		return 0;
	if (concise_printed++)
		putchar(';');
	print_quoted(shown_name);
	putchar(',');
	print_quoted(io->uuid);
	printf(",%u,%s", minor((dev_t)io->dev), io->flags & DM_READONLY_FLAG ? "ro" : "rw");
	/* a device without a table has no target data to parse */
	return io->target_count ? dm_reply_targets(io, print_target, NULL) : 0;
}

/* -J of table, status and measure: the targets of a device as objects. */
struct json_targets {
	struct json_object *list;
	int matched;		/* a target of --target's type was seen */
};

static int add_target_json(const struct dm_target *t, void *arg)
{
	struct json_targets *jt = arg;
	struct json_object *target, *fields;
	char *params;
	int rc = -ENOMEM;

	if (opt.target && strcmp(t->type, opt.target))
		return 0;
	jt->matched = 1;
	if (!(params = strdup(t->params)))
		return -ENOMEM;
	if (show_table && !opt.showkeys)
		dm_table_hide_keys(t->type, params);
	if ((target = jappend_object(jt->list)) && !jput_u64(target, "start", t->start) &&
	    !jput_u64(target, "length", t->length) && !jput_str(target, "type", t->type) &&
	    !jput_str(target, "params", params)) {
		/* null for a type lodm does not parse (and for IMA's measurement text) */
		fields = measure ? NULL : dm_target_fields(t->type, t->params, !show_table, opt.showkeys);
		rc = fields ? jput(target, "fields", fields) : jput_null(target, "fields");
	}
	dm_free_wiped(params, strlen(params));	/* (--showkeys: it holds the key) */
	return rc;
}

/* A device's object with its targets, added to the document; with --target
 * a device without such a target is left out, as from the text. */
static int add_table_json(const struct dm_ioctl *io, int *matched)
{
	struct json_targets jt = { NULL, 0 };
	struct json_object *dev = json_object_new_object();
	int rc = -ENOMEM;

	if (dev && !doc_put_device(dev, io->name, io->uuid, (dev_t)io->dev) &&
	    (jt.list = jput_list(dev, "targets")))
		rc = io->target_count ? dm_reply_targets(io, add_target_json, &jt) : 0;
	*matched = jt.matched || !opt.target;
	if (rc == 0 && *matched)
		return jappend(doc_list(), dev);
	jdrop(dev);
	return rc;
}

static int table_one(const char *dev, int several)
{
	struct dm_req r;
	uint32_t flags = 0;
	int rc, matched = 0;

	if (device_task(&r, dev) < 0)
		return 0;
	if (show_table)
		flags |= DM_STATUS_TABLE_FLAG;
	if (opt.inactive)
		flags |= DM_QUERY_INACTIVE_TABLE_FLAG;
	if (opt.noflush)
		flags |= DM_NOFLUSH_FLAG;
	if (measure)
		flags |= DM_IMA_MEASUREMENT_FLAG;
	/* a missing device: "status" says it does not exist, "table" shows the ioctl error */
	rc = show_table ? call(DM_TABLE_STATUS, &r, flags, 0)
			: call_exists(DM_TABLE_STATUS, &r, flags);
	if (rc < 0 && (show_table || rc != -ENXIO))
		log_stack();
	if (rc == 0) {
		shown = r.io;
		/* as dmsetup: the device as the user named it, or as listed */
		shown_name = dev ? dev : r.io->name;
		shown_several = several;
		shown_any = 0;
		if (doc_list())
			rc = add_table_json(r.io, &matched);
		else if (opt.concise && show_table)
			rc = print_concise(r.io);
		else if (r.io->target_count == 0 && !opt.target) {
			matched = 1;
			if (!opt.exec || opt.verbose) {
				/* no table: an empty line */
				if (opt.verbose)
					show_info(r.io);
				else if (several)
					printf("%s: ", shown_name);
				putchar('\n');
				shown_any = 1;
			}
		} else
			rc = dm_reply_targets(r.io, print_target, &matched);
		if (rc == 0 && several && opt.verbose && shown_any)
			putchar('\n');
		if (rc == 0 && matched && opt.exec && !exec_on_device(shown_name))
			rc = -EIO;
	}
	dm_req_free(&r);
	return rc == 0;
}

int cmd_table(const struct command *cmd, int argc, char **argv)
{
	int ok;

	show_table = !strcmp(cmd->name, "table");
	/* measure: the status as the kernel hands it to IMA */
	measure = !strcmp(cmd->name, "measure");
	if (!doc_begin("devices"))
		return 0;
	ok = doc_end(for_each_arg_or_all(argc, argv, table_one));
	/* the concise devices share one line, ended even after a failure */
	if (concise_printed)
		putchar('\n');
	return ok;
}

/* -J of deps: the device's object with "dependencies", each named by its
 * kernel name (null when sysfs does not know it). */
static int add_deps_json(const struct dm_ioctl *io, const dev_t *devs, uint32_t n)
{
	struct json_object *dev = json_object_new_object(), *list, *dep;
	char name[256];
	uint32_t i;

	if (!dev || doc_put_device(dev, io->name, io->uuid, (dev_t)io->dev) ||
	    !(list = jput_list(dev, "dependencies")))
		return jdrop(dev), -ENOMEM;
	for (i = 0; i < n; i++) {
		if (!(dep = jappend_object(list)) || jput_u64(dep, "major", major(devs[i])) ||
		    jput_u64(dep, "minor", minor(devs[i])) ||
		    jput_str_or_null(dep, "name", device_name(devs[i], 1, name, sizeof(name)) ? NULL : name))
			return jdrop(dev), -ENOMEM;
	}
	return jappend(doc_list(), dev);
}

static int deps_one(const char *dev, int several)
{
	struct dm_req r;
	dev_t *devs = NULL;
	uint32_t n = 0, i;
	int rc;

	if (device_task(&r, dev) < 0)
		return 0;
	rc = call(DM_TABLE_DEPS, &r, opt.inactive ? DM_QUERY_INACTIVE_TABLE_FLAG : 0, 0);
	if (rc < 0)
		log_stack();
	if (rc == 0)
		rc = dm_reply_deps(r.io, &devs, &n);
	if (rc == 0 && doc_list())
		rc = add_deps_json(r.io, devs, n);
	else if (rc == 0) {
		if (opt.verbose)
			show_info(r.io);
		else if (several)
			printf("%s: ", r.io->name);
		printf("%u dependencies\t:", n);
		for (i = 0; i < n; i++) {
			char name[256];

			if (shown_device_name(devs[i], name, sizeof(name)) == 0)
				printf(" (%s)", name);
			else
				printf(" (%u, %u)", major(devs[i]), minor(devs[i]));
		}
		putchar('\n');
		if (several && opt.verbose)
			putchar('\n');
	}
	free(devs);
	dm_req_free(&r);
	return rc == 0;
}

int cmd_deps(const struct command *cmd, int argc, char **argv)
{
	if (!doc_begin("devices"))
		return 0;
	return doc_end(for_each_arg_or_all(argc, argv, deps_one));
}
