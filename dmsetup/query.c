/* The query commands: version, targets, target-version, info, deps
 * (table, status and measure: table.c). */
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

	if (!doc || jput_str(doc, "library", LIBDM_VERSION) || jput_str(doc, "lodm", PACKAGE_VERSION)) {
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
	printf("Library version:   %s\n", LIBDM_VERSION);
	if (task_init(&r) < 0)
		return 0;
	rc = call(DM_VERSION, &r, 0, 0);
	if (rc == 0)
		printf("Driver version:    %u.%u.%u\n", r.io->version[0], r.io->version[1],
		       r.io->version[2]);
	dm_req_free(&r);
	/* lodm's identity where no script looks: after the two lines, with -v */
	if (rc == 0 && opt.verbose)
		printf("%s\n", LODM_IDENTITY);
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

static int info_one(const char *dev, int several, void *arg)
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
	return for_each_arg_or_all(argc, argv, info_one, NULL);
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

static int deps_one(const char *dev, int several, void *arg)
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
	return doc_end(for_each_arg_or_all(argc, argv, deps_one, NULL));
}
