/*
 * Synchronising with udev as libdevmapper does (udevsync.c): each request
 * that makes a uevent carries a cookie and udev flags in its event_nr, the
 * rules lower the cookie's semaphore, and dmsetup waits -- for at most
 * --udevtimeout seconds.
 */
#ifndef DMSETUP_UDEV_H
#define DMSETUP_UDEV_H

#include <stdint.h>

#include "dm.h"
#include "nodes.h"

/*
 * libdevmapper asks once whether udev runs before the first request that
 * makes a uevent: with -vv it says so when it does not, and it warns when it
 * does while DM_DISABLE_UDEV is set.
 */
void udev_sync_check(void);
/* The cookie of the environment (DM_UDEV_COOKIE) and dmsetup's -vv lines about udev. */
void udev_setup(void);
/* 1 when DM_DISABLE_UDEV is set (even empty): libdevmapper keeps /dev/mapper. */
int udev_disabled(void);
/* 1 when dmsetup keeps /dev/mapper itself (no udev running, or DM_DISABLE_UDEV). */
int manage_nodes(void);
/* 1 when requests wait for udev: it runs, is not disabled, and the kernel has cookies. */
int udev_sync(void);
/* The cookie of a transaction of several commands (--udevcookie, DM_UDEV_COOKIE); 0: none. */
uint32_t udev_transaction(void);
/* 1 when udev's work on nodes is to be verified (udev sync, DM_DEV_DIR is /dev). */
int udev_checking(void);
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

#endif
