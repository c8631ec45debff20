/* rename (a name, or the uuid with --setuuid), and mangle, which renames
 * devices whose names are not in the form --manglename asks for. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "call.h"
#include "devices.h"
#include "dmsetup.h"
#include "log.h"
#include "names.h"
#include "nodes.h"
#include "udev.h"

/* The new name or uuid of rename, as sent to the kernel, after libdevmapper's checks;
 * 0, or -errno told. */
static int rename_target(const char *to, int setuuid, char *out)
{
	int rc;

	if (setuuid) {
		if (strlen(to) >= DM_UUID_LEN) {
			log_err("Uuid \"%s\" too long", to);
			return -ENAMETOOLONG;
		}
		return mangle_user_string(USER_NEW_UUID, to, out, DM_UUID_LEN);
	}
	if (strchr(to, '/')) {
		log_err("Name \"%s\" invalid. It contains \"/\".", to);
		return -EINVAL;
	}
	if (strlen(to) >= DM_NAME_LEN) {
		log_err("Name \"%s\" too long", to);
		return -ENAMETOOLONG;
	}
	if (!*to) {
		log_err("Non empty new name is required.");
		return -EINVAL;
	}
	if ((rc = mangle_user_string(USER_NEW_NAME, to, out, DM_NAME_LEN)) < 0)
		return rc;
	/* lodm refuses the names that would clash in /dev/mapper (docs/compat.md) */
	if ((rc = dm_name_check(out)) < 0)
		log_err("Name \"%s\" invalid", to);
	return rc;
}

/* Renames dev (NULL: -u/-j/-m) to the name or, with setuuid, the uuid to; 0, or -errno told. */
static int rename_device(const char *dev, const char *to, int setuuid)
{
	char old[DM_NAME_LEN + 1], new[DM_UUID_LEN];
	struct udev_task u = { .cookie = 0 };
	struct dm_req r;
	int rc;

	/* the device first, then the new name, as lvm2 checks them */
	if ((rc = device_task(&r, dev)) < 0)
		return rc;
	if ((rc = rename_target(to, setuuid, new)) < 0) {
		log_stack();
		dm_req_free(&r);
		node_ops_run();
		return rc;
	}
	/* the node follows a device renamed by name (r holds its kernel form) */
	snprintf(old, sizeof(old), "%s", r.io->name);
	rc = dm_req_add_string(&r, new);
	if (rc == 0 && (rc = udev_task_begin(&u, UDEV_RENAME)) == 0) {
		rc = call(DM_DEV_RENAME, &r, setuuid ? DM_UUID_FLAG : 0,
			     udev_task_event_nr(&u));
		udev_task_sent(&u, rc, r.io);
	}
	if (rc < 0)
		log_stack();
	dm_req_free(&r);
	if (rc == 0 && !setuuid && old[0])
		node_queue_rename(old, new, &u.nodes);
	udev_task_wait(&u, old, setuuid ? NULL : new);
	return rc;
}

enum cmd_result cmd_rename(const struct command *cmd, int argc, char **argv)
{
	return cmd_result_of(rename_device(argc > 2 ? argv[1] : NULL, argv[argc - 1], opt.setuuid));
}

/*
 * Renames a device whose name is not in the target form; a uuid not in it
 * cannot be changed on a live device and only makes the command fail.
 */
static int mangle_one(const char *dev, void *arg)
{
	char kname[DM_NAME_LEN], uuid[DM_UUID_LEN], new_name[DM_NAME_LEN], new_uuid[DM_UUID_LEN];
	const char *name;
	struct dm_req r;
	int rc;

	if ((rc = device_task(&r, dev)) < 0)
		return rc;
	rc = call_quiet(DM_DEV_STATUS, &r, 0, 0);
	if (rc < 0 && rc != -ENXIO && rc != -EBADF)
		log_err("device-mapper: status ioctl on %s %s failed: %s", r.io->name, r.io->uuid,
			strerror(-rc));
	if (rc == 0) {
		snprintf(kname, sizeof(kname), "%s", r.io->name);
		snprintf(uuid, sizeof(uuid), "%s", r.io->uuid);
	}
	dm_req_free(&r);
	if (rc < 0)
		return rc;	/* a device that does not exist fails without a word, as in lvm2 */
	name = dev ? dev : kname;
	if (opt.mangle_target == DM_MANGLE_AUTO) {
		if (dm_name_mangled_twice(name, DM_MANGLE_AUTO)) {
			log_err("The name \"%s\" seems to be mangled more than once. "
				"Manual intervention required to rename the device.", name);
			return -EINVAL;
		}
		if (dm_name_mangled_twice(uuid, DM_MANGLE_AUTO)) {
			log_err("The UUID \"%s\" seems to be mangled more than once. "
				"Manual intervention required to correct the device UUID.", uuid);
			return -EINVAL;
		}
	}
	if (opt.mangle_target == DM_MANGLE_NONE) {
		dm_name_unmangle(kname, DM_MANGLE_NONE, new_name, sizeof(new_name));
		dm_name_unmangle(uuid, DM_MANGLE_NONE, new_uuid, sizeof(new_uuid));
	} else {
		/* as libdevmapper: hex asks for the names auto gives */
		if ((rc = dm_name_mangle(kname, DM_MANGLE_AUTO, new_name, sizeof(new_name))) < 0) {
			tell_mangle_failure(USER_NAME, kname, rc);
			return rc;
		}
		if ((rc = dm_name_mangle(uuid, DM_MANGLE_AUTO, new_uuid, sizeof(new_uuid))) < 0) {
			tell_mangle_failure(USER_UUID, uuid, rc);
			return rc;
		}
	}
	if (strcmp(uuid, new_uuid)) {
		log_err("%s: %s: UUID in incorrect form. ", name, uuid);
		log_err("Unable to change device UUID. The device must be deactivated first.");
		return -EINVAL;
	}
	if (!strcmp(name, new_name)) {
		printf("%s: %s: name %salready in correct form\n", name, *uuid ? uuid : "[no UUID]",
		       *uuid ? "and UUID " : "");
		return 0;
	}
	printf("%s: renaming to %s\n", name, new_name);
	return rename_device(dev, new_name, 0);
}

/* Every device is tried; any failure (its -errno in *arg) fails the command. */
static int mangle_listed(const struct dm_name_entry *e, void *arg)
{
	int rc;

	if ((rc = mangle_one(e->name, NULL)) < 0)
		*(int *)arg = rc;
	return 0;
}

enum cmd_result cmd_mangle(const struct command *cmd, int argc, char **argv)
{
	int rc = 0, none;

	/* (names are taken and given as the kernel holds them: options.c) */
	if (argc > 1 || opt.uuid || opt.have_major || opt.have_minor)
		return cmd_result_of(each_device(argc, argv, mangle_one, NULL));
	if (list_device_names(mangle_listed, &rc, &none) < 0)
		return CMD_FAILED;
	if (none)
		printf("No devices found\n");
	return cmd_result_of(rc);
}
