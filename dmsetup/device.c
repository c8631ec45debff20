/* The control device, naming devices the way users do, and sending requests. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

static int resolve(struct dm_req *r, const char *arg, int quiet)
{
	static char resolved[DM_NAME_LEN + 1];
	struct dm_id id = { 0 };
	int rc;

	if (opt.uuid) {
		id.kind = DM_ID_UUID;
		id.uuid = opt.uuid;
	} else if (opt.have_major || opt.have_minor) {
		if (!opt.have_major || !opt.have_minor) {
			if (!quiet)
				log_err("Please specify both major number and minor number.");
			return -EINVAL;
		}
		id.kind = DM_ID_DEVNO;
		id.devno = makedev((unsigned)opt.major, (unsigned)opt.minor);
	} else {
		const char *slash = arg ? strrchr(arg, '/') : NULL;

		if (!arg) {
			if (!quiet)
				log_err("No device specified.");
			return -EINVAL;
		}
		id.kind = DM_ID_NAME;
		id.name = arg;
		if (slash) {
			/* a path: /dev/mapper/NAME or any node of a dm device */
			struct stat st;

			if (stat(arg, &st) < 0 || !S_ISBLK(st.st_mode) ||
			    sysfs_dm_name(st.st_rdev, resolved, sizeof(resolved)) < 0) {
				if (!quiet)
					log_err("Device %s not found", arg);
				return -ENODEV;
			}
			id.name = resolved;
		}
		if (strlen(id.name) >= DM_NAME_LEN) {
			if (!quiet)
				log_err("Name \"%s\" too long.", id.name);
			return -ENAMETOOLONG;
		}
	}
	if ((rc = dm_req_set_id(r, &id)) < 0 && !quiet) {
		if (id.kind == DM_ID_UUID)
			log_err("Uuid \"%s\" too long.", id.uuid);
		else
			log_err("Name \"%s\" invalid.", id.name);
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

int list_device_names(int (*fn)(const struct dm_name_entry *e, void *arg), void *arg, int *none)
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
	return rc;
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
	return rc;
}
