/* Changing devices: remove, remove_all, suspend/resume, clear, rename, message. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dmnode.h"
#include "dmsetup.h"


#define REMOVE_RETRIES		25
#define REMOVE_RETRY_MS		200

/* One request on one named device; 1 on success. */
static int simple(const char *dev, const char *op, unsigned long cmd, uint32_t flags,
		  const char *payload)
{
	struct dm_req r;
	int rc;

	if ((rc = device_task(&r, dev)) < 0)
		return 0;
	if (payload)
		rc = dm_req_add_string(&r, payload);
	if (rc == 0)
		rc = dm_call(op, cmd, &r, flags, 0);
	dm_req_free(&r);
	return rc == 0;
}

/* The device's name as the kernel knows it (for the node), or "". */
static void kernel_name(const char *dev, char *name, size_t size)
{
	struct dm_req r;

	name[0] = '\0';
	if (task_init(&r) < 0)
		return;
	if (req_for_device_quiet(&r, dev) == 0 && dm_call_quiet(DM_DEV_STATUS, &r, 0, 0) == 0)
		snprintf(name, size, "%s", r.io->name);
	dm_req_free(&r);
}

/* The size of a table: where its last target ends. */
static int table_end(const struct dm_target *t, void *arg)
{
	uint64_t *end = arg;

	if (t->start + t->length > *end)
		*end = t->start + t->length;
	return 0;
}

/* -f: replace the table with "error" so that pending I/O fails and the device can go. */
static int error_table(const char *dev)
{
	struct dm_req st, r;
	uint64_t sectors = 0;
	int rc;

	if (task_init(&st) < 0)
		return 0;
	rc = req_for_device(&st, dev);
	if (rc == 0)
		rc = dm_call("table", DM_TABLE_STATUS, &st, DM_STATUS_TABLE_FLAG, 0);
	if (rc == 0)
		rc = dm_reply_targets(st.io, table_end, &sectors);
	dm_req_free(&st);
	if (rc < 0 || !sectors)
		return rc == 0;
	if (task_init(&r) < 0)
		return 0;
	rc = req_for_device(&r, dev);
	if (rc == 0)
		rc = dm_req_add_target(&r, &(struct dm_target){ 0, sectors, "error", "" });
	if (rc == 0)
		rc = dm_call("reload", DM_TABLE_LOAD, &r, 0, 0);
	dm_req_free(&r);
	return rc == 0 && simple(dev, "resume", DM_DEV_SUSPEND, 0, NULL);
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int remove_one(const char *dev)
{
	char name[DM_NAME_LEN + 1];
	struct dm_req r;
	int rc, tries = 0;

	kernel_name(dev, name, sizeof(name));
	if (opt.force && !error_table(dev))
		return 0;
	for (;;) {
		if (task_init(&r) < 0)
			return 0;
		rc = req_for_device(&r, dev);
		if (rc == 0) {
			rc = dm_call("remove", DM_DEV_REMOVE, &r, opt.deferred ? (1u << 17) : 0, 0);
			/* --retry: a device still open may be closed in a moment */
			if (rc == -EBUSY && opt.retry && ++tries < REMOVE_RETRIES) {
				dm_req_free(&r);
				sleep_ms(REMOVE_RETRY_MS);
				continue;
			}
		}
		dm_req_free(&r);
		break;
	}
	if (rc == 0 && name[0] && manage_nodes())
		dm_node_remove(name);
	return rc == 0;
}

int cmd_remove(const struct command *cmd, int argc, char **argv)
{
	if (argc < 2 && !opt.uuid && !opt.have_major && !opt.have_minor) {
		log_err("No device specified.");
		return 0;
	}
	return each_device(argc, argv, remove_one);
}

int cmd_remove_all(const struct command *cmd, int argc, char **argv)
{
	struct dm_req r;
	int rc;

	if (task_init(&r) < 0)
		return 0;
	rc = dm_call("remove_all", DM_REMOVE_ALL, &r, opt.deferred ? (1u << 17) : 0, 0);
	dm_req_free(&r);
	if (manage_nodes())
		sync_nodes(NULL);
	return rc == 0;
}

static int suspend_one(const char *dev)
{
	return simple(dev, "suspend", DM_DEV_SUSPEND, DM_SUSPEND_FLAG |
		      (opt.noflush ? DM_NOFLUSH_FLAG : 0) | (opt.nolockfs ? DM_SKIP_LOCKFS_FLAG : 0),
		      NULL);
}

static int resume_one(const char *dev)
{
	return simple(dev, "resume", DM_DEV_SUSPEND,
		      (opt.noflush ? DM_NOFLUSH_FLAG : 0) | (opt.nolockfs ? DM_SKIP_LOCKFS_FLAG : 0),
		      NULL);
}

int cmd_suspend(const struct command *cmd, int argc, char **argv)
{
	return each_device(argc, argv, strcmp(cmd->name, "suspend") ? resume_one : suspend_one);
}

int cmd_clear(const struct command *cmd, int argc, char **argv)
{
	return simple(argc > 1 ? argv[1] : NULL, "clear", DM_TABLE_CLEAR, 0, NULL);
}

int cmd_rename(const struct command *cmd, int argc, char **argv)
{
	const char *dev = argc > 2 ? argv[1] : NULL, *to = argv[argc - 1];
	char old[DM_NAME_LEN + 1];
	int ok;

	if (!opt.setuuid) {
		int rc = dm_name_check(to);

		if (rc < 0) {
			log_err(rc == -ENAMETOOLONG ? "Name \"%s\" too long" :
				"Name \"%s\" invalid", to);
			return 0;
		}
	} else if (dm_uuid_check(to) < 0) {
		log_err("New uuid \"%s\" too long.", to);
		return 0;
	}
	kernel_name(dev, old, sizeof(old));
	ok = simple(dev, "rename", DM_DEV_RENAME, opt.setuuid ? DM_UUID_FLAG : 0, to);
	if (ok && !opt.setuuid && old[0] && manage_nodes())
		dm_node_rename(old, to);
	return ok;
}

int cmd_message(const struct command *cmd, int argc, char **argv)
{
	struct dm_req r;
	struct dm_target_msg hdr;
	char *end;
	int i, rc, first = opt.uuid || opt.have_major ? 1 : 2;
	const char *reply;

	if (argc < first + 2) {
		fprintf(stderr, "Incorrect number of arguments.\n");
		return 0;
	}
	errno = 0;
	hdr.sector = strtoull(argv[first], &end, 10);
	if (end == argv[first] || *end || errno) {
		log_err("Invalid sector.");
		return 0;
	}
	if (task_init(&r) < 0)
		return 0;
	rc = req_for_device(&r, first == 2 ? argv[1] : NULL);
	if (rc == 0)
		rc = dm_req_add_bytes(&r, &hdr, sizeof(hdr));
	/* the message is the remaining words joined by single spaces */
	for (i = first + 1; rc == 0 && i < argc; i++) {
		rc = dm_req_add_bytes(&r, argv[i], strlen(argv[i]));
		if (rc == 0)
			rc = dm_req_add_bytes(&r, i + 1 < argc ? " " : "", 1);
	}
	if (rc == 0)
		rc = dm_call("message", DM_TARGET_MSG, &r, 0, 0);
	if (rc == 0 && (reply = dm_reply_message(r.io)) && *reply) {
		fputs(reply, stdout);
		if (reply[strlen(reply) - 1] != '\n')
			putchar('\n');
	}
	dm_req_free(&r);
	return rc == 0;
}

int cmd_wipe_table(const struct command *cmd, int argc, char **argv)
{
	return each_device(argc, argv, error_table);
}

int cmd_setgeometry(const struct command *cmd, int argc, char **argv)
{
	char geometry[256];
	int first = argc - 4;

	/* "cylinders heads sectors start", checked by the kernel */
	if ((size_t)snprintf(geometry, sizeof(geometry), "%s %s %s %s", argv[first],
			     argv[first + 1], argv[first + 2], argv[first + 3]) >= sizeof(geometry)) {
		log_err("Geometry is too long.");
		return 0;
	}
	return simple(first > 1 ? argv[1] : NULL, "setgeometry", DM_DEV_SET_GEOMETRY, 0, geometry);
}

int cmd_wait(const struct command *cmd, int argc, char **argv)
{
	const char *dev = argc > 1 && !opt.uuid && !opt.have_major ? argv[1] : NULL;
	const char *ev = argc > (dev ? 2 : 1) ? argv[dev ? 2 : 1] : NULL;
	unsigned long event_nr = 0;
	struct dm_req r;
	int rc;

	if (ev) {
		char *end;

		errno = 0;
		event_nr = strtoul(ev, &end, 10);
		if (end == ev || *end || errno || event_nr > UINT32_MAX) {
			log_err("Invalid event number.");
			return 0;
		}
	}
	if (task_init(&r) < 0)
		return 0;
	rc = req_for_device(&r, dev);
	/* the kernel returns once the device's event number differs from event_nr */
	if (rc == 0)
		rc = dm_call("waitevent", DM_DEV_WAIT, &r, opt.noflush ? DM_NOFLUSH_FLAG : 0,
			     (uint32_t)event_nr);
	dm_req_free(&r);
	if (rc == 0 && opt.verbose)
		return cmd_info(cmd, dev ? 2 : 1, argv);
	return rc == 0;
}
