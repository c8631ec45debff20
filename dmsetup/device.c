/* The control device, naming devices the way users do, and sending requests. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "dmsetup.h"
#include "sysfs.h"

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
	}
	return fd;
}

int task_init(struct dm_req *r)
{
	if (dm_ctl() < 0) {
		r->io = NULL;	/* dm_req_free stays safe */
		r->size = r->used = 0;
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

static int resolve(struct dm_req *r, const char *arg, int quiet)
{
	static char resolved[DM_NAME_LEN + 1];
	struct dm_id id = { 0 };
	int rc;

	if (opt.uuid) {
		char mangled[DM_UUID_LEN];

		rc = quiet ? dm_name_mangle(opt.uuid, opt.mangle, mangled, sizeof(mangled))
			   : mangle_user_string(USER_UUID, opt.uuid, mangled, sizeof(mangled));
		if (rc < 0)
			return rc;
		id.kind = DM_ID_UUID;
		id.uuid = mangled;
		return dm_req_set_id(r, &id);
	}
	if (opt.have_major || opt.have_minor) {
		if (!opt.have_major || !opt.have_minor) {
			if (!quiet)
				log_err("Please specify both major number and minor number.");
			return -EINVAL;
		}
		id.kind = DM_ID_DEVNO;
		id.devno = makedev((unsigned)opt.major, (unsigned)opt.minor);
		return dm_req_set_id(r, &id);
	}
	if (!arg) {
		if (!quiet)
			log_err("No device specified.");
		return -EINVAL;
	}
	if (!strchr(arg, '/'))
		return req_set_name(r, arg, quiet);
	/* a path: /dev/mapper/NAME or any node of a dm device; its name is the kernel's */
	{
		struct stat st;

		if (stat(arg, &st) < 0 || !S_ISBLK(st.st_mode) ||
		    sysfs_dm_name(st.st_rdev, resolved, sizeof(resolved)) < 0) {
			if (!quiet)
				log_err("Device %s not found", arg);
			return -ENODEV;
		}
	}
	id.kind = DM_ID_NAME;
	id.name = resolved;
	if ((rc = dm_req_set_id(r, &id)) < 0 && !quiet)
		log_err("Name \"%s\" invalid.", resolved);
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
	rc = dm_call("names", DM_LIST_DEVICES, &r, 0, 0);
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
	size_t n;
	int bad;
};

static int keep_shown(const struct dm_name_entry *e, void *arg)
{
	struct shown_list *l = arg;
	struct shown_entry *p = realloc(l->v, (l->n + 1) * sizeof(*p));

	if (!p)
		return -ENOMEM;
	l->v = p;
	p += l->n++;
	p->e = *e;
	snprintf(p->name, sizeof(p->name), "%s", e->name);
	snprintf(p->uuid, sizeof(p->uuid), "%s", e->uuid ? e->uuid : "");
	/* every name is checked and each failure told before any is used, as libdevmapper does */
	if (opt.mangle != DM_MANGLE_NONE &&
	    (unmangle_told(p->name, "name") < 0 ||
	     (e->uuid && unmangle_told(p->uuid, "UUID") < 0)))
		l->bad = 1;
	return 0;
}

int list_device_names(int (*fn)(const struct dm_name_entry *e, void *arg), void *arg, int *none)
{
	struct shown_list l = { NULL, 0, 0 };
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

	return fd < 0 ? -EBADF : dm_run(fd, cmd, r, flags, event_nr);
}

dev_t known_devno;

/* libdevmapper's "<op> ioctl on NAME UUID(M:m) failed: ..." */
static void ioctl_failed(const char *op, const char *name, const char *uuid, int rc)
{
	char devno[32] = "";

	if (known_devno)
		snprintf(devno, sizeof(devno), "(%u:%u)", major(known_devno), minor(known_devno));
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
