/*
 * The device-mapper layer: dm-ioctl v4 spoken directly.  One request builder
 * (struct dm_req), one runner that grows the buffer when the kernel says it
 * is full, and parsers for each kind of reply.
 *
 * Every function returns 0 (or a documented non-negative value) on success
 * and -errno on failure.  Nothing here prints or exits.
 */
#ifndef LODM_DM_H
#define LODM_DM_H

#include <sys/ioctl.h>
#include <linux/dm-ioctl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define DM_DEFAULT_DEV_DIR	"/dev"

#ifndef DM_IMA_MEASUREMENT_FLAG
#define DM_IMA_MEASUREMENT_FLAG	(1 << 19)	/* kernel headers before 5.15 */
#endif

/* How a request names its device: exactly one of these. */
enum dm_id_kind { DM_ID_NONE = 0, DM_ID_NAME, DM_ID_UUID, DM_ID_DEVNO };
struct dm_id {
	enum dm_id_kind kind;
	const char *name;	/* DM_ID_NAME */
	const char *uuid;	/* DM_ID_UUID */
	dev_t devno;		/* DM_ID_DEVNO */
};

/*
 * A request and, after dm_run, its reply (the same buffer).  A request that
 * carries a key (a crypt or integrity target's, a crypt "key set" message)
 * is secure: dm_run sends it with DM_SECURE_DATA_FLAG, so the kernel wipes
 * its copies.  Every buffer of a request is wiped when it is let go.
 */
struct dm_req {
	struct dm_ioctl *io;
	size_t size;		/* bytes allocated at io */
	size_t used;		/* header + payload written so far */
	int secure;		/* carries a key: set by dm_req_add_target, or by the caller */
};

/* One target line of a table. */
struct dm_target {
	uint64_t start;
	uint64_t length;
	char type[DM_MAX_TYPE_NAME];
	const char *params;
};

/*
 * The directory holding mapper/ ($DM_DEV_DIR or /dev); -EINVAL if relative,
 * -ENAMETOOLONG if DIR/mapper does not fit in PATH_MAX.
 */
int dm_dev_dir(const char **dir);
/*
 * Opens <dev dir>/mapper/control, making the directory and the node (from
 * /proc/misc) when missing.  Returns the fd or -errno.
 */
int dm_control_open(void);

/* 1 when block major `major` is one of device-mapper's (/proc/devices), 0 if not, -errno. */
int dm_is_dm_major(unsigned major);

/*
 * The requests, one entry each (two where a flag makes it another request
 * for libdevmapper: suspend and resume, table and status), as the kernel's
 * _ioctls[] table lists them, seen from user space.
 */
enum {
	/* about devices (remove_all too): the tools pass --noopencount and --checks */
	DMC_DEVICE = 1 << 0,
	/* makes a uevent: udev's rules answer it, and the tools mark it (cookie, flags) */
	DMC_UEVENT = 1 << 1,
	/* the reply lists every device: a larger first buffer */
	DMC_LIST = 1 << 2,
};
struct dm_command {
	unsigned long cmd;
	uint32_t variant;	/* the flag that makes it this entry; 0: any other */
	const char *name;	/* libdevmapper's name, in its messages and -vv lines */
	unsigned traits;	/* DMC_* */
	/* the flags it may carry: what the kernel reads for it, and what
	 * dmsetup passes on as lvm2's does; dm_run refuses others (-EINVAL) */
	uint32_t allowed;
};
/* The entry of cmd sent with flags; NULL for a request lodm does not send. */
const struct dm_command *dm_command_find(unsigned long cmd, uint32_t flags);

/* Requests. */
int dm_req_init(struct dm_req *r, size_t payload);
void dm_req_free(struct dm_req *r);
/* Names the device; checks the name or uuid the kernel would reject. */
int dm_req_set_id(struct dm_req *r, const struct dm_id *id);
/* Appends a target spec (8-byte aligned, params NUL-terminated); a target
 * whose parameters hold a key (dm_table_has_keys) makes the request secure. */
int dm_req_add_target(struct dm_req *r, const struct dm_target *t);
/* Appends a NUL-terminated string to the payload (rename, message). */
int dm_req_add_string(struct dm_req *r, const char *s);
/* Appends raw bytes (geometry strings, message sector prefix). */
int dm_req_add_bytes(struct dm_req *r, const void *p, size_t n);

/*
 * Sends cmd (DM_VERSION, DM_DEV_CREATE, ...) with flags and event_nr (and
 * DM_SECURE_DATA_FLAG when r->secure); -EINVAL for a request or flag
 * dm_command_find does not allow.  When the kernel answers
 * DM_BUFFER_FULL_FLAG the buffer grows and the request is sent again, a
 * bounded number of times.  On success r->io is the reply.
 */
int dm_run(int ctl, unsigned long cmd, struct dm_req *r, uint32_t flags, uint32_t event_nr);

/* Reply parsers; each checks every offset against the reply's data_size. */

/* DM_LIST_DEVICES: calls fn for each device; uuid is NULL when not reported. */
struct dm_name_entry {
	const char *name;
	const char *uuid;
	dev_t devno;
	uint32_t event_nr;
	int has_event_nr;
};
int dm_reply_names(const struct dm_ioctl *io,
		   int (*fn)(const struct dm_name_entry *e, void *arg), void *arg);

/* DM_TABLE_DEPS: the devices this one uses. */
int dm_reply_deps(const struct dm_ioctl *io, dev_t **devs, uint32_t *count);

/* DM_TABLE_STATUS: calls fn for each target, params being the status/table text. */
int dm_reply_targets(const struct dm_ioctl *io,
		     int (*fn)(const struct dm_target *t, void *arg), void *arg);

/* DM_LIST_VERSIONS / DM_GET_TARGET_VERSION: name and version of each target. */
struct dm_target_version {
	const char *name;
	uint32_t version[3];
};
int dm_reply_versions(const struct dm_ioctl *io,
		      int (*fn)(const struct dm_target_version *v, void *arg), void *arg);

/* Wipes (explicit_bzero) then frees p, which held size bytes of a secret. */
void dm_free_wiped(void *p, size_t size);

/* DM_TARGET_MSG: the text a target answered, or NULL. */
const char *dm_reply_message(const struct dm_ioctl *io);

#endif
