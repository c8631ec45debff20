/* dm-ioctl requests: the control node, building, sending, growing. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "dm.h"
#include "dmname.h"
#include "dmtable.h"

#define MISC_MAJOR_NR		10
/* a reply larger than this is not believed */
#define DM_BUFFER_MAX		(64u << 20)
#define DM_RUN_TRIES		16
#define ALIGN8(x)		(((x) + 7) & ~(size_t)7)
/*
 * The buffer a request is sent with.  For most commands the kernel
 * allocates, zeroes and copies in all data_size bytes, so libdevmapper's
 * 16 KiB for every call made listing a thousand devices several times dearer
 * than their tables need (bench/README.md): a page for the calls about one
 * device (a table or less comes back), libdevmapper's size for the lists of
 * all devices, and a reply that does not fit is asked again with four times
 * the room.
 */
#define DM_REQ_MIN		4096u
#define DM_LIST_MIN		16384u
#define DM_GROWTH		4

/* Flags any request may carry: the kernel wipes a secure request's copies,
 * and skips the open count of a device it reports on. */
#define ANY_REQUEST	(DM_SECURE_DATA_FLAG | DM_SKIP_BDGET_FLAG)
#define FLUSHING	(DM_NOFLUSH_FLAG | DM_SKIP_LOCKFS_FLAG)

static const struct dm_command commands[] = {
	{ DM_VERSION, 0, "version", 0, ANY_REQUEST },
	{ DM_REMOVE_ALL, 0, "remove_all", DMC_DEVICE, ANY_REQUEST | FLUSHING | DM_DEFERRED_REMOVE },
	{ DM_LIST_DEVICES, 0, "names", DMC_LIST, ANY_REQUEST | DM_UUID_FLAG },
	{ DM_DEV_CREATE, 0, "create", DMC_DEVICE, ANY_REQUEST | DM_PERSISTENT_DEV_FLAG | DM_READONLY_FLAG },
	{ DM_DEV_REMOVE, 0, "remove", DMC_DEVICE | DMC_UEVENT,
	  ANY_REQUEST | FLUSHING | DM_DEFERRED_REMOVE },
	{ DM_DEV_RENAME, 0, "rename", DMC_DEVICE | DMC_UEVENT, ANY_REQUEST | DM_UUID_FLAG },
	{ DM_DEV_SUSPEND, DM_SUSPEND_FLAG, "suspend", DMC_DEVICE,
	  ANY_REQUEST | FLUSHING | DM_SUSPEND_FLAG },
	{ DM_DEV_SUSPEND, 0, "resume", DMC_DEVICE | DMC_UEVENT,
	  ANY_REQUEST | FLUSHING | DM_READONLY_FLAG },
	{ DM_DEV_STATUS, 0, "info", DMC_DEVICE, ANY_REQUEST | DM_QUERY_INACTIVE_TABLE_FLAG },
	{ DM_DEV_WAIT, 0, "waitevent", DMC_DEVICE,
	  ANY_REQUEST | FLUSHING | DM_QUERY_INACTIVE_TABLE_FLAG },
	{ DM_TABLE_LOAD, 0, "reload", DMC_DEVICE, ANY_REQUEST | DM_READONLY_FLAG },
	{ DM_TABLE_CLEAR, 0, "clear", DMC_DEVICE, ANY_REQUEST | FLUSHING },
	{ DM_TABLE_DEPS, 0, "deps", DMC_DEVICE, ANY_REQUEST | DM_QUERY_INACTIVE_TABLE_FLAG },
	{ DM_TABLE_STATUS, DM_STATUS_TABLE_FLAG, "table", DMC_DEVICE,
	  ANY_REQUEST | DM_STATUS_TABLE_FLAG | DM_QUERY_INACTIVE_TABLE_FLAG | DM_NOFLUSH_FLAG |
	  DM_IMA_MEASUREMENT_FLAG },
	{ DM_TABLE_STATUS, 0, "status", DMC_DEVICE,
	  ANY_REQUEST | DM_QUERY_INACTIVE_TABLE_FLAG | DM_NOFLUSH_FLAG | DM_IMA_MEASUREMENT_FLAG },
	{ DM_LIST_VERSIONS, 0, "versions", 0, ANY_REQUEST },
	{ DM_TARGET_MSG, 0, "message", DMC_DEVICE, ANY_REQUEST },
	{ DM_DEV_SET_GEOMETRY, 0, "setgeometry", DMC_DEVICE, ANY_REQUEST | FLUSHING },
	{ DM_GET_TARGET_VERSION, 0, "target-version", 0, ANY_REQUEST },
};

const struct dm_command *dm_command_find(unsigned long cmd, uint32_t flags)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (commands[i].cmd == cmd && (!commands[i].variant || (flags & commands[i].variant)))
			return &commands[i];
	return NULL;
}

int dm_dev_dir(const char **dir)
{
	const char *d = getenv("DM_DEV_DIR");

	if (!d || !*d)
		d = DM_DEFAULT_DEV_DIR;
	if (*d != '/')
		return -EINVAL;
	/* libdevmapper keeps DIR/mapper in a PATH_MAX buffer */
	if (strlen(d) + sizeof("/mapper") > PATH_MAX)
		return -ENAMETOOLONG;
	*dir = d;
	return 0;
}

/* The misc minor the kernel gave device-mapper, from /proc/misc. */
static int dm_misc_minor(void)
{
	FILE *f = fopen("/proc/misc", "re");
	char name[64];
	int minor, found = -ENOENT;

	if (!f)
		return -errno;
	while (fscanf(f, "%d %63s", &minor, name) == 2)
		if (!strcmp(name, "device-mapper")) {
			found = minor;
			break;
		}
	fclose(f);
	return found;
}

int dm_is_dm_major(unsigned major)
{
	FILE *f = fopen("/proc/devices", "re");
	char line[128], name[64];
	unsigned m;
	int in_block = 0, found = 0;

	if (!f)
		return -errno;
	/* "Block devices:" then lines "253 device-mapper"; the character list comes first */
	while (!found && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Block devices:", 14))
			in_block = 1;
		else if (in_block && sscanf(line, "%u %63s", &m, name) == 2)
			found = m == major && !strcmp(name, "device-mapper");
	}
	fclose(f);
	return found;
}

int dm_control_open(void)
{
	char path[4096];
	const char *dir;
	int fd, rc, minor;

	if ((rc = dm_dev_dir(&dir)) < 0)
		return rc;
	if ((size_t)snprintf(path, sizeof(path), "%s/mapper/control", dir) >= sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd >= 0 || errno != ENOENT)
		return fd >= 0 ? fd : -errno;
	/* no node (no devtmpfs, or a private DM_DEV_DIR): make it */
	if ((minor = dm_misc_minor()) < 0)
		return -ENODEV;
	snprintf(path, sizeof(path), "%s/mapper", dir);
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -errno;
	snprintf(path, sizeof(path), "%s/mapper/control", dir);
	if (mknod(path, S_IFCHR | 0600, makedev(MISC_MAJOR_NR, minor)) < 0 && errno != EEXIST)
		return -errno;
	fd = open(path, O_RDWR | O_CLOEXEC);
	return fd >= 0 ? fd : -errno;
}

int dm_req_init(struct dm_req *r, size_t payload)
{
	size_t size = ALIGN8(sizeof(struct dm_ioctl) + payload);

	if (size < DM_REQ_MIN)
		size = DM_REQ_MIN;
	r->io = calloc(1, size);
	if (!r->io)
		return -ENOMEM;
	r->size = size;
	r->used = sizeof(struct dm_ioctl);
	r->secure = 0;
	r->io->version[0] = DM_VERSION_MAJOR;
	r->io->version[1] = 0;
	r->io->version[2] = 0;
	r->io->data_start = sizeof(struct dm_ioctl);
	return 0;
}

void dm_free_wiped(void *p, size_t size)
{
	if (!p)
		return;
	explicit_bzero(p, size);
	free(p);
}

/* (a request may hold a key, a reply a table with one: both wiped) */
void dm_req_free(struct dm_req *r)
{
	dm_free_wiped(r->io, r->size);
	r->io = NULL;
	r->size = r->used = 0;
	r->secure = 0;
}

/* A buffer of size bytes, zero-filled past the old contents; the old one is
 * wiped (realloc would leave a copy of them behind in freed memory). */
static int req_resize_wiped(struct dm_req *r, size_t size)
{
	struct dm_ioctl *io = calloc(1, size);

	if (!io)
		return -ENOMEM;
	memcpy(io, r->io, r->size);
	dm_free_wiped(r->io, r->size);
	r->io = io;
	r->size = size;
	return 0;
}

/* Makes the buffer at least need bytes (zeroed past what was there). */
static int req_grow(struct dm_req *r, size_t need)
{
	size_t size = r->size;

	if (need <= r->size)
		return 0;
	if (need > DM_BUFFER_MAX)
		return -E2BIG;
	while (size < need)
		size *= 2;
	return req_resize_wiped(r, size);
}

static int req_reserve(struct dm_req *r, size_t more)
{
	return req_grow(r, r->used + more);
}

int dm_req_set_id(struct dm_req *r, const struct dm_id *id)
{
	int rc;

	memset(r->io->name, 0, sizeof(r->io->name));
	memset(r->io->uuid, 0, sizeof(r->io->uuid));
	r->io->dev = 0;
	switch (id->kind) {
	case DM_ID_NONE:
		return 0;
	case DM_ID_NAME:
		if ((rc = dm_name_check(id->name)) < 0)
			return rc;
		memcpy(r->io->name, id->name, strlen(id->name));
		return 0;
	case DM_ID_UUID:
		if ((rc = dm_uuid_check(id->uuid)) < 0)
			return rc;
		memcpy(r->io->uuid, id->uuid, strlen(id->uuid));
		return 0;
	case DM_ID_DEVNO:
		r->io->dev = (__u64)makedev(major(id->devno), minor(id->devno));
		return 0;
	}
	return -EINVAL;
}

int dm_req_add_bytes(struct dm_req *r, const void *p, size_t n)
{
	int rc = req_reserve(r, n);

	if (rc < 0)
		return rc;
	memcpy((char *)r->io + r->used, p, n);
	r->used += n;
	return 0;
}

int dm_req_add_string(struct dm_req *r, const char *s)
{
	return dm_req_add_bytes(r, s, strlen(s) + 1);
}

int dm_req_add_target(struct dm_req *r, const struct dm_target *t)
{
	struct dm_target_spec spec;
	size_t plen = strlen(t->params ? t->params : "") + 1;
	size_t at = ALIGN8(r->used), total = ALIGN8(sizeof(spec) + plen);
	int rc;

	if (!t->type[0] || memchr(t->type, '\0', sizeof(t->type)) == NULL)
		return -EINVAL;
	if ((rc = req_reserve(r, at - r->used + total)) < 0)
		return rc;
	if (dm_table_has_keys(t->type, t->params ? t->params : ""))
		r->secure = 1;
	memset(&spec, 0, sizeof(spec));
	spec.sector_start = t->start;
	spec.length = t->length;
	memcpy(spec.target_type, t->type, sizeof(spec.target_type));
	/* a load request's next is relative to this spec */
	spec.next = (__u32)total;
	r->used = at;
	memcpy((char *)r->io + at, &spec, sizeof(spec));
	memcpy((char *)r->io + at + sizeof(spec), t->params ? t->params : "", plen);
	r->used = at + total;
	r->io->target_count++;
	return 0;
}

int dm_run(int ctl, unsigned long cmd, struct dm_req *r, uint32_t flags, uint32_t event_nr)
{
	size_t in_len = r->used - sizeof(struct dm_ioctl);
	struct dm_ioctl hdr = *r->io;
	char *in = NULL;
	const struct dm_command *c;
	int tries, rc = -EAGAIN;

	if (r->secure)
		flags |= DM_SECURE_DATA_FLAG;
	if (!(c = dm_command_find(cmd, flags)) || (flags & ~c->allowed))
		return -EINVAL;
	if ((c->traits & DMC_LIST) && (rc = req_grow(r, DM_LIST_MIN)) < 0)
		return rc;
	rc = -EAGAIN;
	/*
	 * The reply overwrites the request, header and payload: keep both for a
	 * resend (a reply fills in dev, name, uuid and target_count, and the
	 * kernel refuses a name together with a dev).
	 */
	if (in_len && !(in = malloc(in_len)))
		return -ENOMEM;
	if (in)
		memcpy(in, (char *)r->io + sizeof(struct dm_ioctl), in_len);
	for (tries = 0; tries < DM_RUN_TRIES; tries++) {
		if (tries)
			*r->io = hdr;
		r->io->data_size = (__u32)r->size;
		r->io->data_start = sizeof(struct dm_ioctl);
		r->io->flags = flags;
		r->io->event_nr = event_nr;
		if (ioctl(ctl, cmd, r->io) < 0) {
			rc = -errno;
			if (errno == EINTR)
				continue;
			break;
		}
		rc = 0;
		if (!(r->io->flags & DM_BUFFER_FULL_FLAG))
			break;
		/* the reply did not fit: a bigger buffer, the same request */
		if (r->size >= DM_BUFFER_MAX) {
			rc = -E2BIG;
			break;
		}
		if ((rc = req_resize_wiped(r, r->size * DM_GROWTH > DM_BUFFER_MAX ?
					   DM_BUFFER_MAX : r->size * DM_GROWTH)) < 0)
			break;
		if (in)
			memcpy((char *)r->io + sizeof(struct dm_ioctl), in, in_len);
		rc = -EAGAIN;
	}
	dm_free_wiped(in, in_len);
	return rc;
}
