/* Sending requests as libdevmapper does (call.h). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/sysmacros.h>

#include "call.h"
#include "dmcookie.h"
#include "dmsetup.h"
#include "log.h"
#include "names.h"

/* libdevmapper's name of a request, in its messages and -vv lines. */
static const char *request_name(unsigned long cmd, uint32_t flags)
{
	const struct dm_command *c = dm_command_find(cmd, flags);

	return c ? c->name : "unknown";
}

/*
 * -vv: the line libdevmapper logs before each ioctl, all but the buffer size
 * ("[N] (*try)"), which the caller adds: "dm <op> <name> <uuid> [newname]
 * [(M:m)] [ flags ] [sector] [message]".  NULL without -vv.
 */
static char *trace_line(unsigned long cmd, const struct dm_command *c, const struct dm_req *r,
			uint32_t flags)
{
	const struct dm_ioctl *io = r->io;
	const char *payload = (const char *)io + sizeof(*io), *newname = NULL, *message = "";
	char devno[40] = "", sector[24] = "", *line = NULL;
	size_t payload_len = r->used - sizeof(*io);

	if (opt.verbose < 2)
		return NULL;
	if (cmd == DM_DEV_RENAME && payload_len && memchr(payload, '\0', payload_len))
		newname = payload;
	if (cmd == DM_TARGET_MSG && payload_len > sizeof(struct dm_target_msg) &&
	    memchr(payload + sizeof(struct dm_target_msg), '\0',
		   payload_len - sizeof(struct dm_target_msg))) {
		const struct dm_target_msg *msg = (const void *)payload;

		if (msg->sector)
			snprintf(sector, sizeof(sector), "%" PRIu64, (uint64_t)msg->sector);
		message = msg->message;
		/* what cryptsetup sends is not repeated */
		if (!strncasecmp(message, "key set", 7))
			message = "key set";
	}
	if (io->dev)
		snprintf(devno, sizeof(devno), "(%u:%u) ", major((dev_t)io->dev),
			 minor((dev_t)io->dev));
	if (asprintf(&line, "dm %s %s%s %s%s%s %s[ %s%s%s%s%s%s%s%s%s%s] %s %s",
		     c ? c->name : "unknown", flags & DM_UUID_FLAG ? "UUID " : "",
		     io->name, io->uuid, newname ? " " : "", newname ? newname : "", devno,
		     flags & DM_SKIP_BDGET_FLAG ? "noopencount " : "opencount ",
		     flags & DM_NOFLUSH_FLAG ? "noflush " : "flush ",
		     flags & DM_READONLY_FLAG ? "readonly " : "",
		     flags & DM_SKIP_LOCKFS_FLAG ? "skiplockfs " : "",
		     cmd == DM_DEV_REMOVE && opt.retry ? "retryremove " : "",
		     flags & DM_DEFERRED_REMOVE ? "deferredremove " : "",
		     flags & DM_SECURE_DATA_FLAG ? "securedata " : "",
		     flags & DM_IMA_MEASUREMENT_FLAG ? "ima_measurement " : "",
		     flags & DM_QUERY_INACTIVE_TABLE_FLAG ? "inactive " : "",
		     opt.checks && c && (c->traits & DMC_DEVICE) ? "enablechecks " : "",
		     sector, message) < 0)
		return NULL;
	return line;
}

/* Sends r as libdevmapper would, with its -vv lines; 0 or -errno. */
static int run_traced(int fd, unsigned long cmd, struct dm_req *r, uint32_t flags,
		      uint32_t event_nr, const struct call_ctx *ctx)
{
	/* (the flags added below do not change which entry it is) */
	const struct dm_command *c = dm_command_find(cmd, flags);
	unsigned attempt = ctx && ctx->attempt ? ctx->attempt : 1;
	char *line;
	size_t size;
	int rc;

	if (opt.noopencount && c && (c->traits & DMC_DEVICE))
		flags |= DM_SKIP_BDGET_FLAG;
	/* (what dm_run adds: shown in the -vv line as libdevmapper shows it) */
	if (r->secure)
		flags |= DM_SECURE_DATA_FLAG;
	/*
	 * The requests that make a uevent are marked as coming from a
	 * device-mapper tool: the rules tell them from spurious events by that.
	 * (Each is sent inside a udev task, whose begin has asked about udev.)
	 */
	if (c && (c->traits & DMC_UEVENT))
		event_nr |= (uint32_t)DM_UDEV_PRIMARY_SOURCE_FLAG << DM_UDEV_FLAGS_SHIFT;
	line = trace_line(cmd, c, r, flags);
	/*
	 * The lines show libdevmapper's buffer: 16 KiB, doubled until the
	 * request fits, and again for each time the reply did not (lodm's own
	 * buffers are smaller and grow faster: common/dm.c).
	 */
	for (size = 16384; size < r->used; size *= 2)
		;
	if (line)
		printf("%s [%zu] (*%u)\n", line, size, attempt);
	rc = dm_run(fd, cmd, r, flags, event_nr);
	while (line && size < (rc == 0 ? r->io->data_size : r->size)) {
		size *= 2;
		printf("%s [%zu] (*%u)\n", line, size, attempt);
	}
	free(line);
	return rc;
}

/*
 * libdevmapper asks the driver's version before its first request (and
 * tells about it with -vv); what the answer says is not used.
 */
static void version_check(int fd)
{
	struct dm_req r;

	if (dm_req_init(&r, 0) < 0)
		return;
	run_traced(fd, DM_VERSION, &r, 0, 0, NULL);
	dm_req_free(&r);
}

int control_fd(void)
{
	static int fd = -2;
	const char *dir = NULL;

	if (fd != -2)
		return fd;
	fd = dm_control_open();
	if (fd < 0) {
		int err = -fd;

		if (dm_dev_dir(&dir) < 0) {
			log_err("Invalid DM_DEV_DIR environment variable value.");
		} else {
			log_err("%s/mapper/control: open failed: %s", dir, strerror(err));
			log_err("Failure to communicate with kernel device-mapper driver.");
			if (err == ENODEV || err == ENOENT)
				log_err("Check that device-mapper is available in the kernel.");
			log_err("Incompatible libdevmapper %s and kernel driver (unknown version).",
				LIBDM_VERSION);
		}
		fd = -1;
	} else
		version_check(fd);
	return fd;
}

int task_init(struct dm_req *r)
{
	if (control_fd() < 0) {
		r->io = NULL;	/* dm_req_free stays safe */
		r->size = r->used = 0;
		r->secure = 0;
		return -EBADF;
	}
	return dm_req_init(r, 0);
}

int call_quiet_in(const struct call_ctx *ctx, unsigned long cmd, struct dm_req *r, uint32_t flags,
		  uint32_t event_nr)
{
	int fd = control_fd();

	return fd < 0 ? -EBADF : run_traced(fd, cmd, r, flags, event_nr, ctx);
}

int call_quiet(unsigned long cmd, struct dm_req *r, uint32_t flags, uint32_t event_nr)
{
	return call_quiet_in(NULL, cmd, r, flags, event_nr);
}

/* libdevmapper's "<request> ioctl on NAME UUID(M:m) failed: ..." */
static void ioctl_failed(const struct call_ctx *ctx, const char *request, const char *name,
			 const char *uuid, dev_t by_devno, int rc)
{
	char devno[32] = "";

	/* the device number the request named it by (-j/-m), as the task's */
	if (ctx && ctx->devno)
		by_devno = ctx->devno;
	if (major(by_devno))
		snprintf(devno, sizeof(devno), "(%u:%u)", major(by_devno), minor(by_devno));
	if (!*name && ctx && ctx->name)
		name = ctx->name;
	log_err("device-mapper: %s ioctl on %s %s%s failed: %s", request, name, uuid, devno,
		strerror(-rc));
}

int call_in(const struct call_ctx *ctx, unsigned long cmd, struct dm_req *r, uint32_t flags,
	    uint32_t event_nr)
{
	char name[DM_NAME_LEN + 1], uuid[DM_UUID_LEN + 1];
	dev_t devno = (dev_t)r->io->dev;
	int rc;

	/* the reply overwrites the header: keep what names the device */
	snprintf(name, sizeof(name), "%s", r->io->name);
	snprintf(uuid, sizeof(uuid), "%s", r->io->uuid);
	rc = call_quiet_in(ctx, cmd, r, flags, event_nr);
	if (rc < 0 && rc != -EBADF)	/* -EBADF: no control device, already told */
		ioctl_failed(ctx, request_name(cmd, flags), name, uuid, devno, rc);
	return rc < 0 ? rc : reply_unmangle(cmd, r);
}

int call(unsigned long cmd, struct dm_req *r, uint32_t flags, uint32_t event_nr)
{
	return call_in(NULL, cmd, r, flags, event_nr);
}

int call_exists(unsigned long cmd, struct dm_req *r, uint32_t flags)
{
	char name[DM_NAME_LEN + 1], uuid[DM_UUID_LEN + 1];
	dev_t devno = (dev_t)r->io->dev;
	int rc;

	snprintf(name, sizeof(name), "%s", r->io->name);
	snprintf(uuid, sizeof(uuid), "%s", r->io->uuid);
	rc = call_quiet(cmd, r, flags, 0);
	/* as libdevmapper: ENXIO on a query is "no such device", not an ioctl error */
	if (rc == -ENXIO)
		log_err("Device does not exist.");
	else if (rc < 0 && rc != -EBADF)
		ioctl_failed(NULL, request_name(cmd, flags), name, uuid, devno, rc);
	return rc < 0 ? rc : reply_unmangle(cmd, r);
}
