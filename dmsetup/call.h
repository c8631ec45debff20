/*
 * Sending requests as libdevmapper does: the control device opened (and
 * the driver's version asked) on first use, the -vv line before each ioctl,
 * and libdevmapper's message when one fails.
 */
#ifndef DMSETUP_CALL_H
#define DMSETUP_CALL_H

#include <stdint.h>
#include <sys/types.h>

#include "dm.h"

/* The control fd, opened and checked on first use; -1 after a failure told. */
int control_fd(void);

/*
 * A new request, after making sure the kernel can be reached (as each
 * libdevmapper task does, so the same failures show at the same point);
 * 0, or -EBADF told, or -ENOMEM.  Nothing is left to free on failure.
 */
int task_init(struct dm_req *r);

/* Sends r; on failure prints libdevmapper's "<request> ioctl on ... failed" line. */
int call(unsigned long cmd, struct dm_req *r, uint32_t flags, uint32_t event_nr);
/* A query: ENXIO is told as "Device does not exist." */
int call_exists(unsigned long cmd, struct dm_req *r, uint32_t flags);
/* The same, quietly: for the callers that word the failure themselves. */
int call_quiet(unsigned long cmd, struct dm_req *r, uint32_t flags, uint32_t event_nr);

/* The device number the failure messages name, once a command knows it. */
extern dev_t known_devno;
/* The name they use for a request that names its device by number only. */
extern const char *known_name;
/* Which attempt of a retried request this is (remove --retry), for -vv. */
extern unsigned ioctl_attempt;

#endif
