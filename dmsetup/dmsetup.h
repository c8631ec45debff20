/* dmsetup: the options, the command table's type, shared helpers. */
#ifndef DMSETUP_H
#define DMSETUP_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "dm.h"
#include "dmname.h"

/* Command-line switches shared by the commands. */
struct opts {
	int verbose;
	int force, readonly, notable, noflush, nolockfs, inactive, retry, deferred;
	int columns, noheadings, nameprefixes, rows, unquoted, showkeys, concise;
	int json;			/* -J, --json, --reportformat json: lodm's JSON output */
	int tree, setuuid, yes, noopencount, checks;
	int noudevsync, noudevrules, verifyudev;
	/* --udevcookie or DM_UDEV_COOKIE: a transaction whose end waits for udev */
	uint32_t udev_cookie;
	int have_udevcookie;
	/* --udevtimeout / DM_UDEV_TIMEOUT: the longest wait for udev; 0 none */
	long udev_timeout_ms;
	int addnode_on_create;		/* else on resume, libdevmapper's default */
	const char *uuid, *table, *target, *exec, *options, *separator, *sort, *select;
	int major, minor;		/* -1: not given */
	int have_major, have_minor;
	/* names and uuids to and from the kernel: $DM_DEFAULT_NAME_MANGLING_MODE, --manglename */
	enum dm_mangling mangle;
	int have_manglename;		/* given: the form the mangle command converts to */
	/* the /dev/mapper node create makes: libdevmapper's defaults unless -U/-G/-M */
	uid_t node_uid;
	gid_t node_gid;
	mode_t node_mode;
	/* --readahead: applied after a resume; READ_AHEAD_AUTO leaves the kernel's */
	uint32_t read_ahead;
	int read_ahead_minimum;		/* "+N": only raise it to N */
};

/* The longest wait for udev unless told (lvm2 waits for ever) */
#define UDEV_TIMEOUT_DEFAULT_S	60

/* --readahead values, as libdevmapper numbers them */
#define READ_AHEAD_AUTO		UINT32_MAX
#define READ_AHEAD_NONE		0

extern struct opts opt;
extern const char dmsetup_usage_text[];

struct command;
/* A command's function: argv[0] is the command name; nonzero on success. */
typedef int (*command_fn)(const struct command *cmd, int argc, char **argv);

struct command {
	const char *name;
	int min_args, max_args;		/* max -1: any */
	command_fn fn;
};

/* Messages, in libdevmapper's and dmsetup's words. */
void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* -vv: libdevmapper's debug lines, on stdout where it prints them. */
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* -vv: the line libdevmapper logs for each function a failure returns through. */
#define log_stack() log_debug("<backtrace>")
/*
 * udev (udevsync.c).  libdevmapper asks once whether udev runs before the
 * first request that makes a uevent: with -vv it says so when it does not,
 * and it warns when it does while DM_DISABLE_UDEV is set.
 */
void udev_sync_check(void);
/* The cookie of the environment (DM_UDEV_COOKIE) and dmsetup's -vv lines about udev. */
void udev_setup(void);
/* 1 when dmsetup keeps /dev/mapper itself (no udev running, or DM_DISABLE_UDEV). */
int manage_nodes(void);
/* 1 when requests wait for udev: it runs, is not disabled, and the kernel has cookies. */
int udev_sync(void);
/* A cookie as the user writes it; 0 after "Incorrect cookie value." */
uint32_t cookie_value(const char *s);
/* The semaphore of a cookie, or a new cookie; 0, or -errno told. */
int udev_cookie_open(uint32_t cookie, int *semid);
int udev_cookie_new(uint32_t *cookie, int *semid);
/* What the udev rules do when they are through with a cookie; 1, or 0 told. */
int udev_complete(uint32_t cookie);
/*
 * Waits, at most opt.udev_timeout_ms, for udev to finish with cookie, then
 * removes its semaphore.  1 done (*timed_out: by the timeout, warned about
 * naming the device name), 0 after a message.
 */
int udev_wait_cookie(uint32_t cookie, const char *name, int *timed_out);

/* The names of the udev flags that have one (DM_UDEV_<name>_FLAG), bit 0 first. */
#define UDEV_FLAG_NAMES 7
extern const char *const udev_flag_names[UDEV_FLAG_NAMES];

/* How a node operation relates to udev (libdevmapper's rely_on_udev, verify_udev). */
struct node_udev {
	int rely;		/* udev makes the node: the operation is skipped */
	int verify;		/* done here, after a warning if udev should have done it */
};
/* The requests that take a cookie, numbered as libdevmapper's tasks. */
enum udev_task_type { UDEV_CREATE = 0, UDEV_REMOVE = 2, UDEV_RESUME = 5, UDEV_RENAME = 8 };
struct udev_task {
	enum udev_task_type type;
	uint16_t flags;			/* DM_UDEV_* */
	uint32_t cookie;		/* 0: no udev sync */
	int semid;
	int outer;			/* the cookie is a transaction's (--udevcookie) */
	struct node_udev nodes;
};
/* Before the request: flags and cookie; 0, or -1 told (the command fails). */
int udev_task_begin(struct udev_task *t, enum udev_task_type type);
/* Another request in the same wait (create's roll-back remove): the cookie raised again. */
void udev_task_again(struct udev_task *t, enum udev_task_type type);
/* The request's event_nr: udev flags and cookie. */
uint32_t udev_task_event_nr(const struct udev_task *t);
/* After it: a failed request, or one without a uevent, lowers the semaphore here. */
void udev_task_sent(struct udev_task *t, int rc, const struct dm_ioctl *reply);
/*
 * The wait (unless the cookie is a transaction's), then the queued node
 * operations.  If udev did not answer in time, the nodes of name and
 * new_name (kernel names, may be NULL) are made right here.
 */
void udev_task_wait(struct udev_task *t, const char *name, const char *new_name);
/* 1 when udev's work on nodes is to be verified (udev sync, DM_DEV_DIR is /dev). */
int udev_checking(void);

/* The control fd, opened (and checked) on first use; -1 after a failure told. */
int dm_ctl(void);

/*
 * A new request, after making sure the kernel can be reached (as each
 * libdevmapper task does, so the same failures show at the same point).
 */
int task_init(struct dm_req *r);

/*
 * What the user typed as a name or uuid, in the form sent to the kernel
 * (opt.mangle), with libdevmapper's checks and messages; 0 or -errno told.
 */
enum user_string { USER_NAME, USER_NEW_NAME, USER_UUID, USER_NEW_UUID };
int mangle_user_string(enum user_string kind, const char *in, char *out, size_t outsz);
/* libdevmapper's messages when dm_name_mangle failed with rc. */
void tell_mangle_failure(enum user_string kind, const char *in, int rc);
/* Names r's device by a name the user gave (or listed): mangled, checked. */
int req_set_name(struct dm_req *r, const char *name, int quiet);
/* A name or uuid ("name", "UUID") from the kernel as shown to the user (opt.mangle),
 * in place; 0, or -EINVAL after libdevmapper's message. */
int unmangle_told(char *s, const char *what);
/* A reply's name and uuid as shown to the user (opt.mangle), in place; 0 or -errno told. */
int reply_unmangle(unsigned long cmd, struct dm_req *r);

/* One request on the device a user named (name, path, or -u/-j/-m). */
int req_for_device(struct dm_req *r, const char *arg);
/* task_init + req_for_device; on failure nothing is left to free. */
int device_task(struct dm_req *r, const char *arg);
/*
 * Calls fn for each device the kernel has, names and uuids as shown to the
 * user (opt.mangle); *none tells there were none.  As in libdevmapper, one
 * name that cannot be shown fails the whole list, before fn is called.
 */
int list_device_names(int (*fn)(const struct dm_name_entry *e, void *arg), void *arg, int *none);
/* The same with names and uuids as the kernel holds them (/dev/mapper nodes). */
int list_kernel_names(int (*fn)(const struct dm_name_entry *e, void *arg), void *arg, int *none);
/* Runs fn on each device argument (NULL when there is none, for -u/-j/-m). */
int each_device(int argc, char **argv, int (*fn)(const char *dev));
/* The same without a word on failure (a look-up before the real request). */
int req_for_device_quiet(struct dm_req *r, const char *arg);
/* Sends r; on failure prints libdevmapper's "<op> ioctl on ... failed" line. */
int dm_call(const char *op, unsigned long cmd, struct dm_req *r, uint32_t flags,
	    uint32_t event_nr);
/* The device number the failure messages name, once a command knows it. */
extern dev_t known_devno;
/* The name they use for a request that names its device by number only. */
extern const char *known_name;
/* Which attempt of a retried request this is (remove --retry), for -vv. */
extern unsigned ioctl_attempt;
/* A query: ENXIO is told as "Device does not exist." */
int dm_call_exists(const char *op, unsigned long cmd, struct dm_req *r, uint32_t flags);
/* The same, quietly: for the callers that word the failure themselves. */
int dm_call_quiet(unsigned long cmd, struct dm_req *r, uint32_t flags, uint32_t event_nr);

/*
 * Runs fn on each device argument, or on every device when there is none
 * ("No devices found" when there is none at all), stopping at the first
 * failure.  fn's several: whether more than one device is shown.
 */
int for_each_device(int argc, char **argv, int (*fn)(const char *dev, int several));
/* DM_DEV_STATUS of a device: 1 found, 0 absent, -errno (told). */
int device_status(const char *dev, struct dm_req *r);

/* Commands.  Each returns 1 on success, 0 on failure ("Command failed."), -1
 * on a failure it told completely (a bad report field: nothing more said). */
int cmd_version(const struct command *cmd, int argc, char **argv);
int cmd_targets(const struct command *cmd, int argc, char **argv);
int cmd_target_version(const struct command *cmd, int argc, char **argv);
int cmd_ls(const struct command *cmd, int argc, char **argv);
int cmd_info(const struct command *cmd, int argc, char **argv);
int cmd_table(const struct command *cmd, int argc, char **argv);
int cmd_deps(const struct command *cmd, int argc, char **argv);
int cmd_create(const struct command *cmd, int argc, char **argv);
int cmd_load(const struct command *cmd, int argc, char **argv);
int cmd_remove(const struct command *cmd, int argc, char **argv);
int cmd_remove_all(const struct command *cmd, int argc, char **argv);
int cmd_suspend(const struct command *cmd, int argc, char **argv);
int cmd_clear(const struct command *cmd, int argc, char **argv);
int cmd_rename(const struct command *cmd, int argc, char **argv);
int cmd_mangle(const struct command *cmd, int argc, char **argv);
int cmd_message(const struct command *cmd, int argc, char **argv);
int cmd_mknodes(const struct command *cmd, int argc, char **argv);
int cmd_wipe_table(const struct command *cmd, int argc, char **argv);
int cmd_setgeometry(const struct command *cmd, int argc, char **argv);
int cmd_wait(const struct command *cmd, int argc, char **argv);
int info_columns(int argc, char **argv);
int cmd_splitname(const struct command *cmd, int argc, char **argv);
int cmd_udevcreatecookie(const struct command *cmd, int argc, char **argv);
int cmd_udevreleasecookie(const struct command *cmd, int argc, char **argv);
int cmd_udevflags(const struct command *cmd, int argc, char **argv);
int cmd_udevcomplete(const struct command *cmd, int argc, char **argv);
int cmd_udevcomplete_all(const struct command *cmd, int argc, char **argv);
int cmd_udevcookies(const struct command *cmd, int argc, char **argv);
/* The field list of `help -c`. */
void show_report_fields(void);
/* libdevmapper's dm_device_get_name: a dm device's name (unless prefer_kernel) or the kernel's. */
int device_name(dev_t devno, int prefer_kernel, char *buf, size_t size);
/* The name ls and deps show (-o devno|blkdevname|devname); -ENOENT: show the numbers. */
int shown_device_name(dev_t devno, char *buf, size_t size);
/* -o's comma-separated words, each standing for the first keyword it begins; 0 after
 * "<what> not recognised: <rest>." */
int each_option_word(const char *options, const char *const keywords[], const char *what,
		     void (*pick)(int keyword));
/* -o (or with --tree the tree's options) read before the command runs; 0 after telling. */
int process_display_options(void);
/* --exec's command run on /dev/mapper/NAME (ls, table, status); 0 on failure. */
int exec_on_device(const char *name);
/* ls --tree: its -o words, and the drawing. */
int tree_options(const char *options);
int ls_tree(void);

/* Makes /dev/mapper match the kernel's devices; name (as the kernel holds it) NULL: all of them. */
int sync_nodes(const char *name);

/*
 * Node operations, as libdevmapper keeps them: queued when a request
 * succeeds, done (node_ops_run) when the command has its answer.  Adding,
 * removing and renaming nodes is left to udev when it runs; read-ahead is not.
 */
/* u: how the request that calls for the operation deals with udev; NULL: not at all. */
void node_queue_add(const char *name, dev_t devno, uid_t uid, gid_t gid, mode_t mode,
		    const struct node_udev *u);
void node_queue_del(const char *name, const struct node_udev *u);
void node_queue_rename(const char *old_name, const char *new_name, const struct node_udev *u);
void node_queue_read_ahead(const char *name, dev_t devno, uint32_t sectors, int minimum);
void node_ops_run(void);
/* After a resume: the node (on resume, unless --addnodeoncreate), and --readahead. */
void node_queue_resumed(const char *name, dev_t devno, uid_t uid, gid_t gid, mode_t mode,
			const struct node_udev *u);
/* The read-ahead of a device in sectors: 1, or 0 after a message. */
int device_read_ahead(const char *name, dev_t devno, uint32_t *sectors);
/* The node owner and mode libdevmapper gives when not told otherwise. */
#define NODE_UID	0
#define NODE_GID	6
#define NODE_MODE	0660

/* The "Name: ... UUID:" block of info (and -v) for a device's reply. */
void show_info(const struct dm_ioctl *io);

/* JSON (json.c): prints a document (0, or -1 when stdout failed). */
struct json_object;
int json_print(struct json_object *doc);
/*
 * The -J document {"<key>": [...]} of a command: begun before the work (0:
 * out of memory; without -J nothing is begun), its list at hand meanwhile
 * (NULL without -J), printed at the end, also after a failure with what was
 * found.  json_end returns ok, or 0 when stdout failed.
 */
int json_begin(const char *key);
/* The same whatever -J says (the report knows its form itself). */
int json_open(const char *key);
struct json_object *json_list(void);
int json_end(int ok);
/* A device's "name", "uuid" (null when it has none), "major" and "minor". */
int json_put_device(struct json_object *obj, const char *name, const char *uuid, dev_t devno);
/* 1 when the command has a JSON form (-J). */
int json_supported(const char *command);

/* The library version line's value. */
#define LODM_LIBRARY_VERSION "lodm " PACKAGE_VERSION

#endif
