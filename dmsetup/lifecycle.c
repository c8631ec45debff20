/* Changing devices: remove, remove_all, wipe_table, suspend/resume, clear,
 * message, setgeometry, wait. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "call.h"
#include "devices.h"
#include "display.h"
#include "dmsetup.h"
#include "dmtable.h"
#include "log.h"
#include "names.h"
#include "nodes.h"
#include "udev.h"


#define REMOVE_RETRIES		25
#define REMOVE_RETRY_MS		200

/*
 * How a command's requests flush: --noflush and --nolockfs, and both on
 * once -f has put an error table in place, from there on (as lvm2).
 */
struct flushing {
	int noflush, nolockfs;
};

static struct flushing flushing_of_options(void)
{
	return (struct flushing){ opt.noflush, opt.nolockfs };
}

static uint32_t flush_flags(const struct flushing *f)
{
	return (f->noflush ? DM_NOFLUSH_FLAG : 0) | (f->nolockfs ? DM_SKIP_LOCKFS_FLAG : 0);
}

/*
 * One request on one device, as dmsetup's simple commands make it (with
 * the flush flags); 1 on success.  reply, when given, keeps the answer for
 * the caller to free.
 */
static int simple_reply(const char *dev, unsigned long cmd, uint32_t flags,
			const struct flushing *f, const char *payload, struct dm_req *reply)
{
	struct dm_req r;
	int rc;

	if ((rc = device_task(&r, dev)) < 0)
		return 0;
	flags |= flush_flags(f);
	if (payload)
		rc = dm_req_add_string(&r, payload);
	if (rc == 0)
		rc = call(cmd, &r, flags, 0);
	if (rc == 0 && reply)
		*reply = r;
	else
		dm_req_free(&r);
	return rc == 0;
}

static int simple(const char *dev, unsigned long cmd, uint32_t flags,
		  const struct flushing *f, const char *payload)
{
	return simple_reply(dev, cmd, flags, f, payload, NULL);
}

/* suspend, clear: -v shows the device's info after */
static int simple_shown(const char *dev, unsigned long cmd, uint32_t flags)
{
	struct flushing f = flushing_of_options();
	struct dm_req r;

	if (!simple_reply(dev, cmd, flags, &f, NULL, &r))
		return 0;
	if (opt.verbose)
		show_info(r.io);
	dm_req_free(&r);
	return 1;
}

/* The name of a reply as the kernel and /dev/mapper hold it ("" when unknown). */
static void reply_kernel_name(const struct dm_req *r, int ok, char *kname)
{
	kname[0] = '\0';
	if (ok && r->io->name[0] && dm_name_mangle(r->io->name, opt.mangle, kname, DM_NAME_LEN) < 0)
		kname[0] = '\0';
}

/* A resume, with its cookie for udev: then the node and --readahead, and with show, -v's info. */
static int resume(const char *dev, const struct flushing *f, int show)
{
	struct udev_task u = { .cookie = 0 };
	struct dm_req r;
	char kname[DM_NAME_LEN];
	uint32_t flags = flush_flags(f);
	int rc;

	if (device_task(&r, dev) < 0) {
		node_ops_run();
		return 0;
	}
	rc = udev_task_begin(&u, UDEV_RESUME);
	if (rc == 0) {
		rc = call(DM_DEV_SUSPEND, &r, flags, udev_task_event_nr(&u));
		udev_task_sent(&u, rc, r.io);
	}
	reply_kernel_name(&r, rc == 0, kname);
	if (rc == 0)
		node_queue_resumed(r.io->name, (dev_t)r.io->dev, NODE_UID, NODE_GID, NODE_MODE,
				   &u.nodes);
	udev_task_wait(&u, kname, NULL);
	if (rc == 0 && show && opt.verbose)
		show_info(r.io);
	dm_req_free(&r);
	return rc == 0;
}

/* The size of a table: where its last target ends. */
static int table_end(const struct dm_target *t, void *arg)
{
	uint64_t *end = arg;

	if (t->start + t->length > *end)
		*end = t->start + t->length;
	return 0;
}

/*
 * wipe_table, and -f: replace the table with "error" so that pending I/O
 * fails and the device can go.  As lvm2, a table that cannot be read counts
 * as 0 sectors, which the kernel then refuses.
 */
static int error_table(const char *dev, struct flushing *f)
{
	struct dm_req st, r;
	uint64_t sectors = 0;
	int rc;

	if (task_init(&st) < 0)
		return 0;
	rc = req_for_device(&st, dev);
	if (rc == 0 && call(DM_TABLE_STATUS, &st, DM_STATUS_TABLE_FLAG |
			       (opt.inactive ? DM_QUERY_INACTIVE_TABLE_FLAG : 0), 0) == 0)
		dm_reply_targets(st.io, table_end, &sectors);
	dm_req_free(&st);
	if (rc < 0 || task_init(&r) < 0)
		return 0;
	rc = req_for_device(&r, dev);
	if (rc == 0)
		rc = dm_req_add_target(&r, &(struct dm_target){ 0, sectors, "error", "" });
	if (rc == 0)
		rc = call(DM_TABLE_LOAD, &r, opt.readonly ? DM_READONLY_FLAG : 0, 0);
	dm_req_free(&r);
	if (rc < 0)
		return 0;
	/* with --force the resume must not wait for I/O to drain (from here on, as lvm2) */
	if (opt.force)
		f->noflush = f->nolockfs = 1;
	if (!resume(dev, f, 0)) {
		simple(dev, DM_TABLE_CLEAR, 0, f, NULL);
		return 0;
	}
	return 1;
}

static int wipe_one(const char *dev, void *arg)
{
	/* as lvm2: wipe_table takes a name only (not -u or -j/-m) */
	if (!dev || !*dev) {
		log_err("No device specified.");
		return 0;
	}
	return error_table(dev, arg);
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int remove_one(const char *dev, void *arg)
{
	struct flushing *f = arg;
	struct udev_task u = { .cookie = 0 };
	struct dm_req r;
	char kname[DM_NAME_LEN];
	uint32_t flags;
	int rc, tries = 0;

	/* as lvm2: only a device named on the command line, and a failure is no reason to stop */
	if (opt.force && dev)
		(void)error_table(dev, f);
	/* (after the error table, which turns --noflush and --nolockfs on) */
	flags = (opt.deferred ? DM_DEFERRED_REMOVE : 0) | flush_flags(f);
	if (task_init(&r) < 0)
		return 0;
	if ((rc = req_for_device(&r, dev)) == 0 && (rc = udev_task_begin(&u, UDEV_REMOVE)) == 0) {
		/* (the kernel leaves a request it refused as it was: sent again as it is) */
		for (;;) {
			rc = call_in(&(struct call_ctx){ .attempt = (unsigned)tries + 1 }, DM_DEV_REMOVE,
				     &r, flags, udev_task_event_nr(&u));
			/* --retry: a device still open may be closed in a moment */
			if (rc == -EBUSY && opt.retry && ++tries < REMOVE_RETRIES) {
				sleep_ms(REMOVE_RETRY_MS);
				continue;
			}
			break;
		}
		udev_task_sent(&u, rc, r.io);
	}
	/* the reply names the device, however it was asked for; the node has its
	 * kernel form.  Under DM_DISABLE_UDEV, as libdevmapper (to its newest),
	 * only a device asked for by name has its node removed: -u and -j/-m
	 * leave it.  Where no udev runs lodm keeps /dev/mapper whole (compat.md). */
	reply_kernel_name(&r, rc == 0, kname);
	if (kname[0] && !u.nodes.rely && (dev || !udev_disabled()))
		node_queue_del(kname, &u.nodes);
	udev_task_wait(&u, kname, NULL);
	dm_req_free(&r);
	return rc == 0;
}

int cmd_remove(const struct command *cmd, int argc, char **argv)
{
	struct flushing f = flushing_of_options();

	if (argc < 2 && !opt.uuid && !opt.have_major && !opt.have_minor) {
		log_err("No device specified.");
		return 0;
	}
	return each_device(argc, argv, remove_one, &f);
}

/* remove_all, then /dev/mapper made to match; 1 when either worked. */
static int remove_all_once(const struct flushing *f)
{
	struct dm_req r;
	int rc;

	if (task_init(&r) < 0)
		return 0;
	rc = call(DM_REMOVE_ALL, &r, (opt.deferred ? DM_DEFERRED_REMOVE : 0) | flush_flags(f), 0);
	dm_req_free(&r);
	/* then mknodes, as lvm2, udev or not */
	return (sync_nodes(NULL) == 0) | (rc == 0);
}

static int count_device(const struct dm_name_entry *e, void *arg)
{
	(*(unsigned *)arg)++;
	return 0;
}

static int error_device(const struct dm_name_entry *e, void *arg)
{
	error_table(e->name, arg);
	return 0;
}

/* Devices left, or 0 when they cannot be listed. */
static unsigned devices_left(void)
{
	unsigned n = 0;
	int none;

	if (list_device_names(count_device, &n, &none) < 0)
		return 0;
	return n;
}

int cmd_remove_all(const struct command *cmd, int argc, char **argv)
{
	struct flushing f = flushing_of_options();
	int ok = remove_all_once(&f), none;
	unsigned left;

	if (!opt.force || !devices_left())
		return ok;
	/* -f: the devices still open get an error table, and another try */
	list_device_names(error_device, &f, &none);
	remove_all_once(&f);
	if ((left = devices_left()))
		log_err("Unable to remove %u device(s).", left);
	return 1;
}

static int suspend_one(const char *dev, void *arg)
{
	return simple_shown(dev, DM_DEV_SUSPEND, DM_SUSPEND_FLAG);
}

static int resume_one(const char *dev, void *arg)
{
	return resume(dev, arg, 1);
}

int cmd_suspend(const struct command *cmd, int argc, char **argv)
{
	struct flushing f = flushing_of_options();

	return each_device(argc, argv, strcmp(cmd->name, "suspend") ? resume_one : suspend_one, &f);
}

static int clear_one(const char *dev, void *arg)
{
	return simple_shown(dev, DM_TABLE_CLEAR, 0);
}

int cmd_clear(const struct command *cmd, int argc, char **argv)
{
	return each_device(argc, argv, clear_one, NULL);
}

int cmd_message(const struct command *cmd, int argc, char **argv)
{
	struct dm_req r;
	struct dm_target_msg hdr;
	char *end;
	int i, rc, first = opt.uuid || opt.have_major ? 1 : 2;
	const char *reply;

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
	/* as lvm2: an empty message still goes to the kernel, which refuses it */
	if (rc == 0 && first + 1 >= argc) {
		log_err("No message supplied.");
		rc = dm_req_add_bytes(&r, "", 1);
	}
	/* "key set <key>": the kernel wipes its copies (the request is wiped when freed) */
	if (rc == 0 && dm_message_has_key((const char *)r.io + sizeof(*r.io) + sizeof(hdr)))
		r.secure = 1;
	if (rc == 0 && (rc = call(DM_TARGET_MSG, &r, 0, 0)) < 0)
		log_stack();
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
	struct flushing f = flushing_of_options();

	return each_device(argc, argv, wipe_one, &f);
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
	struct flushing f = flushing_of_options();

	return simple(first > 1 ? argv[1] : NULL, DM_DEV_SET_GEOMETRY, 0, &f, geometry);
}

int cmd_wait(const struct command *cmd, int argc, char **argv)
{
	const char *dev = argc > 1 && !opt.uuid && !opt.have_major ? argv[1] : NULL;
	const char *ev = argc > (dev ? 2 : 1) ? argv[dev ? 2 : 1] : NULL;
	/* as lvm2, atoi: an event number that is not a number is 0 */
	uint32_t event_nr = ev ? (uint32_t)atoi(ev) : 0;
	struct flushing f = flushing_of_options();
	struct dm_req r;
	int rc;

	if (task_init(&r) < 0)
		return 0;
	rc = req_for_device(&r, dev);
	/* the kernel returns once the device's event number differs from event_nr */
	if (rc == 0)
		rc = call(DM_DEV_WAIT, &r, flush_flags(&f), event_nr);
	if (rc == 0 && opt.verbose)
		show_info(r.io);
	dm_req_free(&r);
	return rc == 0;
}
