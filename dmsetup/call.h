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

/* The control fd, opened and checked on first use; -errno told. */
int control_fd(void);

/*
 * A new request, after making sure the kernel can be reached (as each
 * libdevmapper task does, so the same failures show at the same point);
 * 0, or -EBADF told, or -ENOMEM.  Nothing is left to free on failure.
 */
int task_init(struct dm_req *r);

/*
 * What a failure message and the -vv line say beyond what the request
 * carries: the device's number and name where the request names it by
 * number only (create's table and resume, the dependency tree), and which
 * attempt of a retried request it is (remove --retry).
 */
struct call_ctx {
	dev_t devno;		/* 0: none */
	const char *name;	/* NULL: none */
	unsigned attempt;	/* 0: the first */
};

/* Sends r; 0, or -errno after libdevmapper's "<request> ioctl on ... failed"
 * line (told); the reply's name and uuid as shown to the user. */
int call(unsigned long cmd, struct dm_req *r, uint32_t flags, uint32_t event_nr);
int call_in(const struct call_ctx *ctx, unsigned long cmd, struct dm_req *r, uint32_t flags,
	    uint32_t event_nr);
/* A query: ENXIO is told as "Device does not exist." (0, or -errno told) */
int call_exists(unsigned long cmd, struct dm_req *r, uint32_t flags);
/* The same, quietly (0, or -errno untold): for the callers that word the failure themselves. */
int call_quiet(unsigned long cmd, struct dm_req *r, uint32_t flags, uint32_t event_nr);
int call_quiet_in(const struct call_ctx *ctx, unsigned long cmd, struct dm_req *r,
		  uint32_t flags, uint32_t event_nr);

#endif
