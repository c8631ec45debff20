/*
 * The udev cookies of device-mapper, compatible with libdevmapper: a cookie
 * names a SysV semaphore keyed (DM_COOKIE_MAGIC << 16 | n).  A process that
 * asks for a uevent raises the semaphore, the udev rules lower it when they
 * are done ("dmsetup udevcomplete"), and the process waits for zero.  The
 * cookie sent to the kernel (event_nr) carries udev flags in its high half.
 *
 * Every function returns 0 (or the value it documents) or -errno; nothing
 * here prints.
 */
#ifndef LODM_DMCOOKIE_H
#define LODM_DMCOOKIE_H

#include <stdint.h>
#include <time.h>

#define DM_COOKIE_MAGIC		0x0D4D
#define DM_UDEV_FLAGS_SHIFT	16
#define DM_UDEV_FLAGS_MASK	0xFFFF0000u

/* The udev flags (libdevmapper's values): what the rules are to do. */
#define DM_UDEV_DISABLE_DM_RULES_FLAG		0x0001
#define DM_UDEV_DISABLE_SUBSYSTEM_RULES_FLAG	0x0002
#define DM_UDEV_DISABLE_DISK_RULES_FLAG		0x0004
#define DM_UDEV_DISABLE_OTHER_RULES_FLAG	0x0008
#define DM_UDEV_LOW_PRIORITY_FLAG		0x0010
#define DM_UDEV_DISABLE_LIBRARY_FALLBACK	0x0020
#define DM_UDEV_PRIMARY_SOURCE_FLAG		0x0040

/* 1 when the kernel has SysV semaphores, 0 when not. */
int dm_cookie_sem_supported(void);

/*
 * A new cookie, unused so far, with its semaphore at 1.  -ENOMEM, -ENOSPC
 * (the system's semaphore limit) or another -errno.
 */
int dm_cookie_create(uint32_t *cookie, int *semid);
/* The semaphore of an existing cookie: -EINVAL (not a dm cookie), -ENOENT, -EACCES... */
int dm_cookie_get(uint32_t cookie, int *semid);
/* Raise by one. */
int dm_cookie_inc(int semid);
/* Lower by one without waiting: -EAGAIN when it is at 0 already. */
int dm_cookie_dec(int semid);
/* The semaphore's value, or -errno. */
int dm_cookie_value(int semid);
/*
 * Waits until the semaphore is 0, at most timeout_ms (< 0: no limit).
 * 0 when it is (or was removed meanwhile), -ETIMEDOUT, or -errno.
 */
int dm_cookie_wait_zero(int semid, long timeout_ms);
/* Removes the semaphore. */
int dm_cookie_destroy(int semid);

/* One cookie semaphore of the system. */
struct dm_cookie_sem {
	uint32_t cookie;
	int semid;
	time_t otime;		/* last semop, 0 never */
	time_t ctime;		/* last change */
};
/*
 * Calls fn for each semaphore whose key has the cookie prefix, in the
 * kernel's order; stops at fn's first non-zero return and returns it.
 * fn NULL: only whether the semaphores can be listed.
 */
int dm_cookie_each(int (*fn)(const struct dm_cookie_sem *s, void *arg), void *arg);

#endif
