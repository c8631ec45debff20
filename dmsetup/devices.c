/* The devices a command acts on (devices.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "call.h"
#include "devices.h"
#include "dmsetup.h"
#include "log.h"
#include "names.h"
#include "sysfs.h"

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
	char resolved[DM_NAME_LEN + 1];
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

/* DM_DEV_STATUS of a device: 1 found, 0 absent, -errno (told). */
int device_status(const char *dev, struct dm_req *r)
{
	int rc;

	if ((rc = task_init(r)) < 0)
		return rc;
	if ((rc = req_for_device(r, dev)) < 0)
		return rc;
	rc = call_quiet(DM_DEV_STATUS, r, opt.inactive ? DM_QUERY_INACTIVE_TABLE_FLAG : 0, 0);
	if (rc == -ENXIO)
		return 0;
	if (rc < 0) {
		log_err("device-mapper: info ioctl on %s %s failed: %s", r->io->name, r->io->uuid,
			strerror(-rc));
		return rc;
	}
	return (rc = reply_unmangle(DM_DEV_STATUS, r)) < 0 ? rc : 1;
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
	rc = call(DM_LIST_DEVICES, &r, opt.json ? DM_UUID_FLAG : 0, 0);
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

int each_device(int argc, char **argv, int (*fn)(const char *dev, void *arg), void *arg)
{
	int i;

	if (argc < 2)
		return fn(NULL, arg);
	/* as lvm2's dmsetup: the first failure ends the command */
	for (i = 1; i < argc; i++)
		if (!fn(argv[i], arg))
			return 0;
	return 1;
}


/* for_each_arg_or_all over all devices: fn on each listed name, until one fails */
struct each_listed {
	int (*fn)(const char *dev, int several, void *arg);
	void *arg;
	int ok;
};

static int run_listed(const struct dm_name_entry *e, void *arg)
{
	struct each_listed *l = arg;

	/* as lvm2's _process_all: a failure is remembered, and the others go on */
	if (!l->fn(e->name, 1, l->arg))
		l->ok = 0;
	return 0;
}

/* devices_one_of_several (devices.h) */
static int one_of_several;

void devices_one_of_several(int on)
{
	one_of_several = on;
}

int for_each_arg_or_all(int argc, char **argv, int (*fn)(const char *dev, int several, void *arg),
			void *arg)
{
	struct each_listed listed = { fn, arg, 1 };
	int i, none, ok = 1;

	if (argc > 1 || opt.uuid || opt.have_major || opt.have_minor) {
		if (argc <= 1)
			return fn(NULL, 0, arg);
		for (i = 1; i < argc && ok; i++)
			ok = fn(argv[i], argc > 2 || one_of_several, arg);
		return ok;
	}
	/* (every name is read and checked before fn sees the first) */
	if (list_device_names(run_listed, &listed, &none) < 0)
		return 0;
	if (none && !opt.json)	/* JSON: the empty document says it */
		printf("No devices found\n");
	return listed.ok;
}
