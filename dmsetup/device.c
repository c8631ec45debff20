/* The control device, naming devices the way users do, and sending requests. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "dmcookie.h"
#include "dmsetup.h"
#include "sysfs.h"

void log_debug(const char *fmt, ...)
{
	va_list ap;

	if (opt.verbose < 2)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* libdevmapper's names of the requests, in its messages and its -vv lines. */
static const char *ioctl_name(unsigned long cmd, uint32_t flags)
{
	switch (cmd) {
	case DM_VERSION: return "version";
	case DM_REMOVE_ALL: return "remove_all";
	case DM_LIST_DEVICES: return "names";
	case DM_DEV_CREATE: return "create";
	case DM_DEV_REMOVE: return "remove";
	case DM_DEV_RENAME: return "rename";
	case DM_DEV_SUSPEND: return flags & DM_SUSPEND_FLAG ? "suspend" : "resume";
	case DM_DEV_STATUS: return "info";
	case DM_DEV_WAIT: return "waitevent";
	case DM_TABLE_LOAD: return "reload";
	case DM_TABLE_CLEAR: return "clear";
	case DM_TABLE_DEPS: return "deps";
	case DM_TABLE_STATUS: return flags & DM_STATUS_TABLE_FLAG ? "table" : "status";
	case DM_LIST_VERSIONS: return "versions";
	case DM_TARGET_MSG: return "message";
	case DM_DEV_SET_GEOMETRY: return "setgeometry";
	case DM_GET_TARGET_VERSION: return "target-version";
	}
	return "unknown";
}

/* Requests about one device: dmsetup passes --noopencount and --checks to those. */
static int is_device_request(unsigned long cmd)
{
	return cmd != DM_VERSION && cmd != DM_LIST_DEVICES && cmd != DM_LIST_VERSIONS &&
	       cmd != DM_GET_TARGET_VERSION;
}

/*
 * -vv: the line libdevmapper logs before each ioctl, all but the buffer size
 * ("[N] (*try)"), which the caller adds: "dm <op> <name> <uuid> [newname]
 * [(M:m)] [ flags ] [sector] [message]".  NULL without -vv.
 */
static char *trace_line(unsigned long cmd, const struct dm_req *r, uint32_t flags)
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
		     ioctl_name(cmd, flags), flags & DM_UUID_FLAG ? "UUID " : "",
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
		     opt.checks && is_device_request(cmd) ? "enablechecks " : "",
		     sector, message) < 0)
		return NULL;
	return line;
}

/* Sends r as libdevmapper would, with its -vv lines; 0 or -errno. */
static int run_traced(int fd, unsigned long cmd, struct dm_req *r, uint32_t flags,
		      uint32_t event_nr)
{
	char *line;
	size_t size;
	int rc;

	if (opt.noopencount && is_device_request(cmd))
		flags |= DM_SKIP_BDGET_FLAG;
	/* (what dm_run adds: shown in the -vv line as libdevmapper shows it) */
	if (r->secure)
		flags |= DM_SECURE_DATA_FLAG;
	/*
	 * The requests that make a uevent ask about udev first, and are marked
	 * as coming from a device-mapper tool (the rules tell them from
	 * spurious events by that).
	 */
	if (cmd == DM_DEV_REMOVE || cmd == DM_DEV_RENAME ||
	    (cmd == DM_DEV_SUSPEND && !(flags & DM_SUSPEND_FLAG))) {
		udev_sync_check();
		event_nr |= (uint32_t)DM_UDEV_PRIMARY_SOURCE_FLAG << DM_UDEV_FLAGS_SHIFT;
	}
	line = trace_line(cmd, r, flags);
	/*
	 * The lines show libdevmapper's buffer: 16 KiB, doubled until the
	 * request fits, and again for each time the reply did not (lodm's own
	 * buffers are smaller and grow faster: common/dm.c).
	 */
	for (size = 16384; size < r->used; size *= 2)
		;
	if (line)
		printf("%s [%zu] (*%u)\n", line, size, ioctl_attempt ? ioctl_attempt : 1);
	rc = dm_run(fd, cmd, r, flags, event_nr);
	while (line && size < (rc == 0 ? r->io->data_size : r->size)) {
		size *= 2;
		printf("%s [%zu] (*%u)\n", line, size, ioctl_attempt ? ioctl_attempt : 1);
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
	run_traced(fd, DM_VERSION, &r, 0, 0);
	dm_req_free(&r);
}

int dm_ctl(void)
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
				LODM_LIBRARY_VERSION);
		}
		fd = -1;
	} else
		version_check(fd);
	return fd;
}

int task_init(struct dm_req *r)
{
	if (dm_ctl() < 0) {
		r->io = NULL;	/* dm_req_free stays safe */
		r->size = r->used = 0;
		r->secure = 0;
		return -EBADF;
	}
	return dm_req_init(r, 0);
}

/* libdevmapper's words for each kind of string a user gives. */
static const struct {
	const char *what;	/* in the messages about the string itself */
	const char *failed;	/* in the last line when it cannot be mangled */
	const char *stop;	/* that line's end */
} user_strings[] = {
	[USER_NAME] = { "name", "device name", "." },
	[USER_NEW_NAME] = { "new name", "new device name", "" },
	[USER_UUID] = { "UUID", "device uuid", "." },
	[USER_NEW_UUID] = { "new UUID", "new device UUID", "" },
};

void tell_mangle_failure(enum user_string kind, const char *in, int rc)
{
	const char *what = user_strings[kind].what;

	if (rc == -ENAMETOOLONG)
		log_err("Mangled form of the %s too long for \"%s\".", what, in);
	else
		log_err("The %s \"%s\" contains mixed mangled and unmangled characters "
			"or it's already mangled improperly.", what, in);
	log_err("Failed to mangle %s \"%s\"%s", user_strings[kind].failed, in,
		user_strings[kind].stop);
}

int mangle_user_string(enum user_string kind, const char *in, char *out, size_t outsz)
{
	int rc;

	if (dm_name_mangled_twice(in, opt.mangle)) {
		log_err("The %s \"%s\" seems to be mangled more than once. "
			"This is not allowed in auto mode.", user_strings[kind].what, in);
		return -EINVAL;
	}
	if ((rc = dm_name_mangle(in, opt.mangle, out, outsz)) < 0)
		tell_mangle_failure(kind, in, rc);
	return rc;
}

int req_set_name(struct dm_req *r, const char *name, int quiet)
{
	char mangled[DM_NAME_LEN];
	int rc;

	if (strlen(name) >= DM_NAME_LEN) {
		if (!quiet)
			log_err("Name \"%s\" too long.", name);
		return -ENAMETOOLONG;
	}
	rc = quiet ? dm_name_mangle(name, opt.mangle, mangled, sizeof(mangled))
		   : mangle_user_string(USER_NAME, name, mangled, sizeof(mangled));
	if (rc < 0)
		return rc;
	rc = dm_req_set_id(r, &(struct dm_id){ .kind = DM_ID_NAME, .name = mangled });
	if (rc < 0 && !quiet)
		log_err("Name \"%s\" invalid.", name);
	return rc;
}

int unmangle_told(char *s, const char *what)
{
	char shown[DM_UUID_LEN];

	/* (once a device of a listing) without a backslash there is nothing to decode */
	if (opt.mangle != DM_MANGLE_NONE && !strchr(s, '\\') && dm_name_plain(s))
		return 0;
	if (dm_name_mangled_twice(s, opt.mangle)) {
		log_err("The %s \"%s\" seems to be mangled more than once. "
			"This is not allowed in auto mode.", what, s);
		return -EINVAL;
	}
	if (dm_name_unmangle(s, opt.mangle, shown, sizeof(shown)) < 0) {
		log_err("The %s \"%s\" should be mangled but it contains blacklisted characters.",
			what, s);
		return -EINVAL;
	}
	memcpy(s, shown, strlen(shown) + 1);
	return 0;
}

int reply_unmangle(unsigned long cmd, struct dm_req *r)
{
	int rc;

	if (opt.mangle == DM_MANGLE_NONE)
		return 0;
	rc = unmangle_told(r->io->name, "name");
	/* libdevmapper leaves the uuid of a removed device as it is */
	if (rc == 0 && cmd != DM_DEV_REMOVE)
		rc = unmangle_told(r->io->uuid, "UUID");
	return rc;
}

/*
 * A name or uuid refused: with -vv libdevmapper's setter and dmsetup's caller
 * each log a <backtrace> (for "No device specified." only the caller does).
 */
static int resolve_failed(int rc, int quiet)
{
	if (!quiet) {
		log_stack();
		log_stack();
	}
	return rc;
}

static int resolve(struct dm_req *r, const char *arg, int quiet)
{
	static char resolved[DM_NAME_LEN + 1];
	struct dm_id id = { 0 };
	const char *slash;
	int rc;

	/* as lvm2: a name given wins over -u and -j/-m */
	if (!arg && opt.uuid) {
		char mangled[DM_UUID_LEN];

		rc = quiet ? dm_name_mangle(opt.uuid, opt.mangle, mangled, sizeof(mangled))
			   : mangle_user_string(USER_UUID, opt.uuid, mangled, sizeof(mangled));
		if (rc < 0)
			return resolve_failed(rc, quiet);
		id.kind = DM_ID_UUID;
		id.uuid = mangled;
		if ((rc = dm_req_set_id(r, &id)) < 0 && !quiet) {
			log_err("Uuid \"%s\" too long.", opt.uuid);
			return resolve_failed(rc, quiet);
		}
		return rc;
	}
	if (!arg && opt.have_major && opt.have_minor) {
		id.kind = DM_ID_DEVNO;
		id.devno = makedev((unsigned)opt.major, (unsigned)opt.minor);
		return dm_req_set_id(r, &id);
	}
	if (!arg) {
		if (!quiet) {
			log_err("No device specified.");
			log_stack();
		}
		return -EINVAL;
	}
	if (!(slash = strrchr(arg, '/'))) {
		rc = req_set_name(r, arg, quiet);
		return rc < 0 ? resolve_failed(rc, quiet) : rc;
	}
	/* a path: /dev/mapper/NAME or any node of a dm device; its name is the kernel's */
	{
		struct stat st;
		char in_dev[4096];
		const char *dir;

		/* as lvm2: "DIR/NODE" that is not there is also looked for in the dev dir */
		if (stat(arg, &st) < 0 &&
		    (strlen(arg) < 3 || *arg == '/' || strchr(arg, '/') != slash ||
		     dm_dev_dir(&dir) < 0 ||
		     (size_t)snprintf(in_dev, sizeof(in_dev), "%s/%s", dir, arg) >= sizeof(in_dev) ||
		     stat(in_dev, &st) < 0)) {
			if (!quiet)
				log_err("Device %s not found", arg);
			return resolve_failed(-ENODEV, quiet);
		}
		if (!S_ISBLK(st.st_mode) || sysfs_dm_name(st.st_rdev, resolved, sizeof(resolved)) < 0) {
			if (!quiet)
				log_err("Device %s not found", slash + 1);
			return resolve_failed(-ENODEV, quiet);
		}
	}
	id.kind = DM_ID_NAME;
	id.name = resolved;
	if ((rc = dm_req_set_id(r, &id)) < 0 && !quiet) {
		log_err("Name \"%s\" invalid.", resolved);
		return resolve_failed(rc, quiet);
	}
	return rc;
}

int req_for_device(struct dm_req *r, const char *arg)
{
	return resolve(r, arg, 0);
}

int req_for_device_quiet(struct dm_req *r, const char *arg)
{
	return resolve(r, arg, 1);
}

int device_task(struct dm_req *r, const char *arg)
{
	int rc = task_init(r);

	if (rc == 0 && (rc = req_for_device(r, arg)) < 0)
		dm_req_free(r);
	return rc;
}

struct counted {
	int (*fn)(const struct dm_name_entry *e, void *arg);
	void *arg;
	size_t n;
};

static int count_and_call(const struct dm_name_entry *e, void *arg)
{
	struct counted *c = arg;

	c->n++;
	return c->fn(e, c->arg);
}

int list_kernel_names(int (*fn)(const struct dm_name_entry *e, void *arg), void *arg, int *none)
{
	struct counted c = { fn, arg, 0 };
	struct dm_req r;
	int rc;

	*none = 0;
	if ((rc = task_init(&r)) < 0)
		return rc;
	/* -J shows the uuids too, which the kernel (4.46+) adds when asked */
	rc = dm_call("names", DM_LIST_DEVICES, &r, opt.json ? DM_UUID_FLAG : 0, 0);
	if (rc == 0)
		rc = dm_reply_names(r.io, count_and_call, &c);
	*none = rc == 0 && c.n == 0;
	dm_req_free(&r);
	return rc;
}

/* A listed device as shown; kept apart, since a reply's layout follows each name's length. */
struct shown_entry {
	struct dm_name_entry e;
	char name[DM_NAME_LEN];
	char uuid[DM_UUID_LEN];
};

struct shown_list {
	struct shown_entry *v;
	size_t n, cap;
	int bad;
};

/* snprintf(buf, size, "%s", s) without printf's machinery (once a device) */
static void copy_bounded(char *buf, size_t size, const char *s)
{
	size_t len = strnlen(s, size - 1);

	memcpy(buf, s, len);
	buf[len] = '\0';
}

static int keep_shown(const struct dm_name_entry *e, void *arg)
{
	struct shown_list *l = arg;
	struct shown_entry *p;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;

		if (!(p = realloc(l->v, cap * sizeof(*p))))
			return -ENOMEM;
		l->v = p;
		l->cap = cap;
	}
	p = l->v + l->n++;
	p->e = *e;
	copy_bounded(p->name, sizeof(p->name), e->name);
	copy_bounded(p->uuid, sizeof(p->uuid), e->uuid ? e->uuid : "");
	/* every name is checked and each failure told before any is used, as libdevmapper does */
	if (opt.mangle != DM_MANGLE_NONE &&
	    (unmangle_told(p->name, "name") < 0 ||
	     (e->uuid && unmangle_told(p->uuid, "UUID") < 0)))
		l->bad = 1;
	return 0;
}

int list_device_names(int (*fn)(const struct dm_name_entry *e, void *arg), void *arg, int *none)
{
	struct shown_list l = { NULL, 0, 0, 0 };
	size_t i;
	int rc = list_kernel_names(keep_shown, &l, none);

	if (rc == 0 && l.bad)
		rc = -EINVAL;
	for (i = 0; rc == 0 && i < l.n; i++) {
		struct shown_entry *p = &l.v[i];

		p->e.name = p->name;
		if (p->e.uuid)
			p->e.uuid = p->uuid;
		rc = fn(&p->e, arg);
	}
	free(l.v);
	return rc;
}

int each_device(int argc, char **argv, int (*fn)(const char *dev))
{
	int i;

	if (argc < 2)
		return fn(NULL);
	/* as lvm2's dmsetup: the first failure ends the command */
	for (i = 1; i < argc; i++)
		if (!fn(argv[i]))
			return 0;
	return 1;
}

int dm_call_quiet(unsigned long cmd, struct dm_req *r, uint32_t flags, uint32_t event_nr)
{
	int fd = dm_ctl();

	return fd < 0 ? -EBADF : run_traced(fd, cmd, r, flags, event_nr);
}

dev_t known_devno;
const char *known_name;
unsigned ioctl_attempt;

/* libdevmapper's "<op> ioctl on NAME UUID(M:m) failed: ..." */
static void ioctl_failed(const char *op, const char *name, const char *uuid, int rc)
{
	char devno[32] = "";

	if (known_devno)
		snprintf(devno, sizeof(devno), "(%u:%u)", major(known_devno), minor(known_devno));
	if (!*name && known_name)
		name = known_name;
	log_err("device-mapper: %s ioctl on %s %s%s failed: %s", op, name, uuid, devno,
		strerror(-rc));
}

int dm_call(const char *op, unsigned long cmd, struct dm_req *r, uint32_t flags,
	    uint32_t event_nr)
{
	char name[DM_NAME_LEN + 1], uuid[DM_UUID_LEN + 1];
	int rc;

	/* the reply overwrites the header: keep what names the device */
	snprintf(name, sizeof(name), "%s", r->io->name);
	snprintf(uuid, sizeof(uuid), "%s", r->io->uuid);
	rc = dm_call_quiet(cmd, r, flags, event_nr);
	if (rc < 0 && rc != -EBADF)	/* -EBADF: no control device, already told */
		ioctl_failed(op, name, uuid, rc);
	return rc < 0 ? rc : reply_unmangle(cmd, r);
}

int dm_call_exists(const char *op, unsigned long cmd, struct dm_req *r, uint32_t flags)
{
	int rc;

	/* as libdevmapper: ENXIO on a query is "no such device", not an ioctl error */
	char name[DM_NAME_LEN + 1], uuid[DM_UUID_LEN + 1];

	snprintf(name, sizeof(name), "%s", r->io->name);
	snprintf(uuid, sizeof(uuid), "%s", r->io->uuid);
	rc = dm_call_quiet(cmd, r, flags, 0);
	if (rc == -ENXIO)
		log_err("Device does not exist.");
	else if (rc < 0 && rc != -EBADF)
		ioctl_failed(op, name, uuid, rc);
	return rc < 0 ? rc : reply_unmangle(cmd, r);
}
