/* ls: the device list, filtered by --target, running --exec, or as a --tree. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "call.h"
#include "devices.h"
#include "display.h"
#include "dmsetup.h"
#include "json.h"
#include "jsonput.h"
#include "names.h"
#include "tree.h"

/* -J: a listed device's object in the document. */
static int add_name_json(const struct dm_name_entry *e)
{
	struct json_object *dev = json_object_new_object();

	if (!dev || doc_put_device(dev, e->name, e->uuid, e->devno) ||
	    (e->has_event_nr ? jput_u64(dev, "events", e->event_nr) : jput_null(dev, "events")))
		return jdrop(dev), -ENOMEM;
	return jappend(doc_list(), dev);
}

static int print_name(const struct dm_name_entry *e, void *arg)
{
	char name[256];

	if (doc_list())
		return add_name_json(e);
	if (shown_device_name(e->devno, name, sizeof(name)) == 0)
		printf("%s\t(%s)\n", e->name, name);
	else
		printf("%s\t(%u:%u)\n", e->name, major(e->devno), minor(e->devno));
	return 0;
}

static int has_target_type(const struct dm_target *t, void *arg)
{
	if (strcmp(t->type, opt.target))
		return 0;
	*(int *)arg = 1;
	return 1;	/* found: stop */
}

/*
 * ls --target / --exec: a device's status, as dmsetup does it; a listed
 * device, or (e NULL) the one -u or -j/-m names.
 */
static int ls_status_one(const struct dm_name_entry *e, void *arg)
{
	uint32_t flags = (opt.inactive ? DM_QUERY_INACTIVE_TABLE_FLAG : 0) |
			 (opt.noflush ? DM_NOFLUSH_FLAG : 0);
	struct dm_name_entry named;
	struct dm_req r;
	int rc, matched = 1;

	if (task_init(&r) < 0) {
		*(int *)arg = 0;
		return 0;
	}
	/* listed names are in the shown form */
	rc = e ? req_set_name(&r, e->name, 0) : req_for_device(&r, NULL);
	if (rc == 0)
		rc = call_exists(DM_TABLE_STATUS, &r, flags);
	if (rc == 0 && !e) {
		named = (struct dm_name_entry){ .name = r.io->name, .devno = (dev_t)r.io->dev,
			.uuid = *r.io->uuid ? r.io->uuid : NULL,
			.event_nr = r.io->event_nr, .has_event_nr = 1 };
		e = &named;
	}
	if (rc == 0 && opt.target) {
		matched = 0;
		/* a device without a table has no target to match (and no target data) */
		if (r.io->target_count)
			rc = dm_reply_targets(r.io, has_target_type, &matched);
		rc = rc < 0 ? rc : 0;
	}
	if (rc == 0 && matched) {
		if (doc_list())
			rc = add_name_json(e);
		else if (!opt.exec || opt.verbose)
			printf("%s\t(%u, %u)\n", e->name, major((dev_t)r.io->dev),
			       minor((dev_t)r.io->dev));
		if (rc == 0 && opt.exec && !exec_on_device(e->name))
			rc = -EIO;
	}
	dm_req_free(&r);
	/* a failing device does not stop the others */
	if (rc < 0)
		*(int *)arg = 0;
	return 0;
}

int cmd_ls(const struct command *cmd, int argc, char **argv)
{
	int none, ok = 1, rc;

	if (!doc_begin("devices"))
		return 0;
	/* as lvm2: with -u or -j/-m, --target and --exec look at that device only */
	if ((opt.target || opt.exec) && (opt.uuid || opt.have_major)) {
		rc = ls_status_one(NULL, &ok);
		none = 0;
	} else if (opt.target || opt.exec)
		rc = list_device_names(ls_status_one, &ok, &none);
	else if (opt.tree)
		return doc_end(ls_tree());
	else
		rc = list_device_names(print_name, NULL, &none);
	if (rc == 0 && none && !opt.json)	/* JSON: the empty document says it */
		printf("No devices found\n");
	return doc_end(rc == 0 && ok);
}
