/*
 * Synchronising with udev, as libdevmapper does: each request that makes a
 * uevent (resume, remove, rename) carries a cookie and udev flags in its
 * event_nr; the udev rules lower the cookie's semaphore when they are done
 * and dmsetup waits for that -- here for at most --udevtimeout seconds.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "call.h"
#include "dmcookie.h"
#include "dmnode.h"
#include "dmsetup.h"
#include "log.h"
#include "nodes.h"
#include "udev.h"

/* What this run knows about udev, asked once (libdevmapper's order and messages). */
static struct {
	int checked;
	int disabled;		/* DM_DISABLE_UDEV */
	int sem;		/* SysV semaphores work */
	int running;		/* /run/udev/control */
	int only;		/* the nodes are udev's: no fallback by us */
	int checking;		/* DM_DEV_DIR is udev's /dev: verify what udev did */
	uint32_t transaction;	/* --udevcookie, else DM_UDEV_COOKIE; 0: none */
} udev;

void udev_sync_check(void)
{
	if (udev.checked++)
		return;
	udev.disabled = getenv("DM_DISABLE_UDEV") != NULL;
	if (!(udev.sem = dm_cookie_sem_supported()))
		log_err("Kernel not configured for semaphores (System V IPC). "
			"Not using udev synchronisation code.");
	udev.running = dm_udev_running();
	if (!udev.running)
		log_debug("Udev is not running. Not using udev synchronisation code.");
	else if (udev.disabled)	/* a warning, at any verbosity */
		log_err("Udev is running and DM_DISABLE_UDEV environment variable is set. "
			"Bypassing udev, device-mapper library will manage device nodes in "
			"device directory.");
}

int udev_disabled(void)
{
	return getenv("DM_DISABLE_UDEV") != NULL;
}

int manage_nodes(void)
{
	/* set at all, even empty, as libdevmapper reads it */
	return getenv("DM_DISABLE_UDEV") || !dm_udev_running();
}

int udev_sync(void)
{
	udev_sync_check();
	/* the driver must know cookies: libdevmapper asks its version here */
	return !udev.disabled && udev.sem && control_fd() >= 0 && udev.running && !opt.noudevsync;
}

void udev_setup(void)
{
	const char *dir = getenv("DM_DEV_DIR"), *env;
	int dirs_differ = dir && *dir && strcmp(dir, "/dev") && strcmp(dir, "/dev/");

	/* --noudevsync: libdevmapper looks at udev at once */
	if (opt.noudevsync)
		udev_sync_check();
	udev.transaction = opt.udev_cookie;
	if (!udev.transaction) {
		env = getenv("DM_UDEV_COOKIE");
		if (env && *env && (udev.transaction = cookie_value(env)))
			log_debug("Using udev transaction 0x%08" PRIX32 " defined by "
				  "DM_UDEV_COOKIE environment variable.", udev.transaction);
	} else if (opt.have_udevcookie)
		log_debug("Using udev transaction 0x%08" PRIX32 " defined by --udevcookie option.",
			  udev.transaction);
	/* in a transaction of several commands only its end waits: nodes are udev's then */
	udev.only = !dirs_differ && (udev.transaction || !opt.verifyudev);
	udev.checking = !dirs_differ;
	if (!dirs_differ)
		return;
	log_debug("The path %s used for creating device nodes that is set via DM_DEV_DIR "
		  "environment variable differs from the path %s that is used by udev. "
		  "All warnings about udev not working correctly while processing particular "
		  "nodes will be suppressed. These nodes and symlinks will be managed in each "
		  "directory separately.", dir, "/dev/");
	log_debug("DM udev checking disabled");
}

uint32_t udev_transaction(void)
{
	return udev.transaction;
}

int udev_checking(void)
{
	return udev.checking && udev_sync();
}

/* libdevmapper's names and numbers of the tasks that take a cookie. */
static const char *task_name(enum udev_task_type type)
{
	switch (type) {
	case UDEV_CREATE: return "CREATE";
	case UDEV_REMOVE: return "REMOVE";
	case UDEV_RESUME: return "RESUME";
	case UDEV_RENAME: return "RENAME";
	}
	return "unknown";
}

const char *const udev_flag_names[UDEV_FLAG_NAMES] = {
	"DISABLE_DM_RULES", "DISABLE_SUBSYSTEM_RULES", "DISABLE_DISK_RULES",
	"DISABLE_OTHER_RULES", "LOW_PRIORITY", "DISABLE_LIBRARY_FALLBACK", "PRIMARY_SOURCE",
};

/* -vv: " NAME" for each flag set; each unset subsystem flag still leaves a blank */
static void trace_assigned(const struct udev_task *t)
{
	char list[256] = "";
	size_t i;

	if (opt.verbose < 2)
		return;
	for (i = 0; i < UDEV_FLAG_NAMES; i++)
		if (t->flags & (1u << i)) {
			strcat(list, " ");
			strcat(list, udev_flag_names[i]);
		}
	for (i = 0; i < 8; i++) {
		char sub[16];

		snprintf(sub, sizeof(sub), " SUBSYSTEM_%zu", i);
		strcat(list, t->flags & (0x100u << i) ? sub : " ");
	}
	log_debug("Udev cookie 0x%" PRIx32 " (semid %d) assigned to %s task(%d) with flags%s "
		  "(0x%" PRIx16 ")", t->cookie, t->semid, task_name(t->type), (int)t->type, list,
		  t->flags);
}

/* libdevmapper's words for a cookie it cannot reach. */
static void tell_cookie_get(uint32_t cookie, int rc)
{
	if (rc == -EINVAL)
		log_err("Could not continue to access notification semaphore identified by "
			"cookie value %" PRIu32 " (0x%x). Incorrect cookie prefix.", cookie, cookie);
	else if (rc == -ENOENT)
		log_err("Could not find notification semaphore identified by cookie value "
			"%" PRIu32 " (0x%x)", cookie, cookie);
	else if (rc == -EACCES)
		log_err("No permission to access notification semaphore identified by cookie "
			"value %" PRIu32 " (0x%x)", cookie, cookie);
	else
		log_err("Failed to access notification semaphore identified by cookie value "
			"%" PRIu32 " (0x%x): %s", cookie, cookie, strerror(-rc));
}

int udev_cookie_open(uint32_t cookie, int *semid)
{
	int rc = dm_cookie_get(cookie, semid);

	if (rc < 0)
		tell_cookie_get(cookie, rc);
	return rc;
}

int udev_cookie_new(uint32_t *cookie, int *semid)
{
	int rc = dm_cookie_create(cookie, semid);

	if (rc == -ENOMEM)
		log_err("Not enough memory to create notification semaphore");
	else if (rc == -ENOSPC)
		log_err("Limit for the maximum number of semaphores reached. You can check and "
			"set the limits in /proc/sys/kernel/sem.");
	else if (rc < 0)
		log_err("Failed to create notification semaphore: %s", strerror(-rc));
	if (rc < 0)
		return rc;
	log_debug("Udev cookie 0x%" PRIx32 " (semid %d) created", *cookie, *semid);
	log_debug("Udev cookie 0x%" PRIx32 " (semid %d) incremented to %d", *cookie, *semid,
		  dm_cookie_value(*semid));
	return 0;
}

/* Lowers the semaphore by one; 0 or -errno told. */
static int cookie_dec(uint32_t cookie, int semid)
{
	int val = dm_cookie_value(semid), rc = dm_cookie_dec(semid);

	if (rc == -EAGAIN)
		log_err("semid %d: semop failed for cookie 0x%" PRIx32 ": "
			"incorrect semaphore state", semid, cookie);
	else if (rc < 0)
		log_err("semid %d: semop failed for cookie 0x%" PRIx32 ": %s",
			semid, cookie, strerror(-rc));
	else if (val > 0)
		log_debug("Udev cookie 0x%" PRIx32 " (semid %d) decremented to %d", cookie, semid,
			  val - 1);
	else
		log_debug("Udev cookie 0x%" PRIx32 " (semid %d) decremented.", cookie, semid);
	return rc;
}

static int cookie_destroy(uint32_t cookie, int semid)
{
	int rc = dm_cookie_destroy(semid);

	if (rc < 0)
		log_err("Could not cleanup notification semaphore identified by cookie value "
			"%" PRIu32 " (0x%x): %s", cookie, cookie, strerror(-rc));
	else
		log_debug("Udev cookie 0x%" PRIx32 " (semid %d) destroyed", cookie, semid);
	return rc;
}

int udev_complete(uint32_t cookie)
{
	int semid;

	if (!cookie || !udev_sync())
		return 1;
	if (udev_cookie_open(cookie, &semid) < 0) {
		log_stack();
		return 0;
	}
	if (cookie_dec(cookie, semid) < 0) {
		log_err("Could not signal waiting process using notification semaphore "
			"identified by cookie value %" PRIu32 " (0x%x)", cookie, cookie);
		return 0;
	}
	return 1;
}

/* Raises the task's cookie for one more request, as libdevmapper logs it; 0 or -1 told. */
static int task_raise(const struct udev_task *t)
{
	if (dm_cookie_inc(t->semid) < 0) {
		log_err("Could not set notification semaphore identified by cookie value "
			"%" PRIu32 " (0x%x)", t->cookie, t->cookie);
		return -1;
	}
	log_debug("Udev cookie 0x%" PRIx32 " (semid %d) incremented to %d", t->cookie, t->semid,
		  dm_cookie_value(t->semid));
	trace_assigned(t);
	return 0;
}

int udev_task_begin(struct udev_task *t, enum udev_task_type type)
{
	uint16_t flags = 0;

	memset(t, 0, sizeof(*t));
	t->type = type;
	t->semid = -1;
	if (opt.noudevrules)
		flags |= DM_UDEV_DISABLE_DM_RULES_FLAG | DM_UDEV_DISABLE_SUBSYSTEM_RULES_FLAG;
	if (udev.only)
		flags |= DM_UDEV_DISABLE_LIBRARY_FALLBACK;
	udev_sync_check();
	if (udev.disabled) {
		/* nodes by dmsetup, and no dm or subsystem rules for them */
		flags &= ~DM_UDEV_DISABLE_LIBRARY_FALLBACK;
		flags |= DM_UDEV_DISABLE_DM_RULES_FLAG | DM_UDEV_DISABLE_SUBSYSTEM_RULES_FLAG;
	}
	t->flags = flags;
	/* lodm keeps the nodes itself whenever no udev does (docs/compat.md) */
	t->nodes.rely = (flags & DM_UDEV_DISABLE_LIBRARY_FALLBACK) && !manage_nodes();
	t->nodes.verify = !t->nodes.rely && !(flags & DM_UDEV_DISABLE_DM_RULES_FLAG);
	if (!udev_sync())
		return 0;
	if (udev.transaction) {
		if (udev_cookie_open(udev.transaction, &t->semid) < 0)
			return -1;
		t->cookie = udev.transaction;
		t->outer = 1;
	} else if (udev_cookie_new(&t->cookie, &t->semid) < 0)
		return -1;
	if (task_raise(t) < 0) {
		if (!t->outer)
			dm_cookie_destroy(t->semid);
		t->cookie = 0;
		return -1;
	}
	return 0;
}

void udev_task_again(struct udev_task *t, enum udev_task_type type)
{
	t->type = type;
	if (t->cookie)
		task_raise(t);
}

uint32_t udev_task_event_nr(const struct udev_task *t)
{
	return (uint32_t)t->flags << DM_UDEV_FLAGS_SHIFT | (t->cookie & ~DM_UDEV_FLAGS_MASK);
}

void udev_task_sent(struct udev_task *t, int rc, const struct dm_ioctl *reply)
{
	if (!t->cookie)
		return;
	/* no uevent, no rules to lower the semaphore: lowered here */
	if (rc == 0 && reply && (reply->flags & DM_UEVENT_GENERATED_FLAG))
		return;
	if (rc == 0)
		log_debug("Uevent not generated! Calling udev_complete internally to avoid "
			  "process lock-up.");
	udev_complete(t->cookie);
}

/* The semaphore waited on, removed if the process is interrupted meanwhile. */
static volatile sig_atomic_t waiting_semid = -1;

static void release_on_signal(int sig)
{
	if (waiting_semid >= 0)
		dm_cookie_destroy(waiting_semid);
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Whether udevd answers on its control socket, as `udevadm control --ping`
 * asks: a PING message, then the end of the messages, upon which udevd
 * closes the connection.  A udevd that is killed refuses the connection
 * (its socket file left behind), a stopped one never closes it.  0 when
 * it answered within ms, else -errno.
 */
#define UDEV_CONTROL	"/run/udev/control"
#define UDEV_CTRL_MAGIC	0xdead1deaU
enum { UDEV_CTRL_END_MESSAGES = 0, UDEV_CTRL_PING = 7 };

struct udev_ctrl_msg {			/* udevd's wire format */
	char version[16];
	unsigned int magic;
	int type;
	union {
		int intval;
		char buf[256];
	} value;
};

static long ms_left(const struct timespec *end)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (end->tv_sec - now.tv_sec) * 1000L + (end->tv_nsec - now.tv_nsec) / 1000000L;
}

static int udev_ping(long ms)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX, .sun_path = UDEV_CONTROL };
	struct udev_ctrl_msg msg = { .magic = UDEV_CTRL_MAGIC, .type = UDEV_CTRL_PING };
	struct timespec end;
	struct pollfd pfd;
	char byte;
	long left;
	int fd, rc = -ETIMEDOUT;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += ms / 1000;
	end.tv_nsec += (ms % 1000) * 1000000L;
	if (end.tv_nsec >= 1000000000L) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000L;
	}
	if ((fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) < 0)
		return -errno;
	/* a full backlog (a udevd that does not accept): tried again until the end */
	while (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		if (errno != EAGAIN && errno != EINTR) {
			rc = -errno;
			goto out;
		}
		if (ms_left(&end) <= 0)
			goto out;
		poll(NULL, 0, 20);
	}
	snprintf(msg.version, sizeof(msg.version), "lodm-dmsetup");
	if (send(fd, &msg, sizeof(msg), MSG_NOSIGNAL) < 0)
		goto fail;
	msg.type = UDEV_CTRL_END_MESSAGES;
	if (send(fd, &msg, sizeof(msg), MSG_NOSIGNAL) < 0)
		goto fail;
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	while ((left = ms_left(&end)) > 0) {
		int n = poll(&pfd, 1, (int)left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		/* udevd has closed its end: it read both messages */
		if (n > 0 && ((pfd.revents & (POLLHUP | POLLERR)) ||
			      recv(fd, &byte, 1, MSG_DONTWAIT) <= 0)) {
			rc = 0;
			break;
		}
		if (n == 0)
			break;
	}
	goto out;
fail:
	/* (a peer gone while we wrote is no answer either) */
	rc = errno == EPIPE || errno == ECONNRESET ? -ECONNRESET : -errno;
out:
	close(fd);
	return rc;
}

/* How long a wait goes before udevd is asked whether it is there at all,
 * and how long it has to answer (`udevadm control --ping`'s kind of time). */
#define UDEV_QUIET_MS	1000L
#define UDEV_PING_MS	2000L

/*
 * Waits for the cookie's semaphore (timeout_ms < 0: no limit), asking
 * udevd once it has been quiet for UDEV_QUIET_MS: one that does not answer
 * ends the wait at once (*dead).  A udevd that answers, however slow its
 * rules, gets the whole timeout.
 */
static int wait_answering_udev(int semid, long timeout_ms, int *dead)
{
	struct timespec t0;
	long first = timeout_ms >= 0 && timeout_ms < UDEV_QUIET_MS ? timeout_ms : UDEV_QUIET_MS;
	long spent;
	int rc;

	*dead = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((rc = dm_cookie_wait_zero(semid, first)) != -ETIMEDOUT || first == timeout_ms)
		return rc;
	if (udev_ping(timeout_ms >= 0 && timeout_ms - first < UDEV_PING_MS ?
		      timeout_ms - first : UDEV_PING_MS) < 0) {
		*dead = 1;
		return -ETIMEDOUT;
	}
	if (timeout_ms < 0)
		return dm_cookie_wait_zero(semid, -1);
	spent = -ms_left(&t0);
	return spent >= timeout_ms ? dm_cookie_wait_zero(semid, 1) :
				     dm_cookie_wait_zero(semid, timeout_ms - spent);
}

int udev_wait_cookie(uint32_t cookie, const char *name, int *timed_out)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa, old[4];
	int semid, rc, dead;
	size_t i;

	*timed_out = 0;
	if (!cookie || !udev_sync())
		return 1;
	if (udev_cookie_open(cookie, &semid) < 0)
		return 0;
	if (cookie_dec(cookie, semid) < 0) {
		log_err("Failed to set a proper state for notification semaphore identified by "
			"cookie value %" PRIu32 " (0x%x) to initialize waiting for incoming "
			"notifications.", cookie, cookie);
		cookie_destroy(cookie, semid);
		return 0;
	}
	log_debug("Udev cookie 0x%" PRIx32 " (semid %d) waiting for zero", cookie, semid);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = release_on_signal;
	waiting_semid = semid;
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, &old[i]);
	rc = wait_answering_udev(semid, opt.udev_timeout_ms ? opt.udev_timeout_ms : -1, &dead);
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &old[i], NULL);
	waiting_semid = -1;
	if (rc == -ETIMEDOUT && dead) {
		*timed_out = 1;
		fprintf(stderr, "WARNING: udev is not answering on " UDEV_CONTROL ": cookie 0x%08"
			PRIX32 "%s%s%s is released%s%s%s.\n", cookie,
			name ? " (device " : "", name ? name : "", name ? ")" : "",
			name ? " and /dev/mapper/" : "", name ? name : "",
			name ? " is set up by dmsetup" : "");
	} else if (rc == -ETIMEDOUT) {
		*timed_out = 1;
		fprintf(stderr, "WARNING: udev did not complete cookie 0x%08" PRIX32 "%s%s%s within "
			"%ld seconds: the cookie is released%s%s%s.\n", cookie,
			name ? " (device " : "", name ? name : "", name ? ")" : "",
			opt.udev_timeout_ms / 1000, name ? " and /dev/mapper/" : "",
			name ? name : "", name ? " is set up by dmsetup" : "");
	} else if (rc < 0) {
		log_err("Could not set wait state for notification semaphore identified by "
			"cookie value %" PRIu32 " (0x%x): %s", cookie, cookie, strerror(-rc));
		cookie_destroy(cookie, semid);
		return 0;
	}
	return cookie_destroy(cookie, semid) == 0;
}

void udev_task_wait(struct udev_task *t, const char *name, const char *new_name)
{
	int timed_out = 0;

	/* in a transaction (--udevcookie) its end waits, and the nodes follow at exit */
	if (t->outer)
		return;
	if (t->cookie)
		udev_wait_cookie(t->cookie, new_name ? new_name : name, &timed_out);
	t->cookie = 0;
	node_ops_run();
	/* udev did not answer: the node is made right here, whatever it did so far */
	if (timed_out) {
		if (name && *name)
			sync_nodes(name);
		if (new_name && *new_name)
			sync_nodes(new_name);
	}
}
