/*
 * The udev cookie commands: udevcreatecookie, udevreleasecookie, udevflags,
 * udevcomplete (which the udev rules run), udevcomplete_all, udevcookies.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dmcookie.h"
#include "dmsetup.h"
#include "json.h"
#include "jsonput.h"
#include "log.h"
#include "udev.h"

enum cmd_result cmd_udevcreatecookie(const struct command *cmd, int argc, char **argv)
{
	uint32_t cookie;
	int semid;

	/* without udev there is nothing to wait for: no cookie, and no word of it */
	if (!udev_sync())
		return CMD_OK;
	if (udev_cookie_new(&cookie, &semid) < 0)
		return CMD_FAILED;
	printf("0x%08" PRIX32 "\n", cookie);
	return CMD_OK;
}

enum cmd_result cmd_udevreleasecookie(const struct command *cmd, int argc, char **argv)
{
	uint32_t cookie = udev_transaction();
	int timed_out;

	if (argc > 1 && !(cookie = cookie_value(argv[1])))
		return CMD_FAILED;
	if (!cookie) {
		log_err("No udev transaction cookie given.");
		return CMD_FAILED;
	}
	return cmd_result_of(udev_wait_cookie(cookie, NULL, &timed_out));
}

enum cmd_result cmd_udevflags(const struct command *cmd, int argc, char **argv)
{
	uint32_t cookie = cookie_value(argv[1]);
	uint16_t flags;
	unsigned i;

	if (!cookie)
		return CMD_FAILED;
	flags = (uint16_t)(cookie >> DM_UDEV_FLAGS_SHIFT);
	if (doc_begin("flags") < 0)
		return CMD_FAILED;
	/* the low byte holds device-mapper's flags, the high one a subsystem's */
	for (i = 0; i < 16; i++) {
		char name[64];

		if (!(flags & (1u << i)))
			continue;
		if (i < UDEV_FLAG_NAMES)
			snprintf(name, sizeof(name), "DM_UDEV_%s_FLAG", udev_flag_names[i]);
		else if (i < 8)
			snprintf(name, sizeof(name), "DM_UDEV_FLAG%u", i);
		else
			snprintf(name, sizeof(name), "DM_SUBSYSTEM_UDEV_FLAG%u", i - 8);
		/* -J: {"flags": ["DM_UDEV_...", ...]} */
		if (!doc_list())
			printf("%s='1'\n", name);
		else if (jappend(doc_list(), json_object_new_string(name)))
			return cmd_result_of(doc_end(-ENOMEM));
	}
	return cmd_result_of(doc_end(0));
}

enum cmd_result cmd_udevcomplete(const struct command *cmd, int argc, char **argv)
{
	uint32_t cookie = cookie_value(argv[1]);

	if (!cookie)
		return CMD_FAILED;
	printf("DM_COOKIE_COMPLETED=0x%-10" PRIx32 "\n", cookie);
	/* flags alone (no cookie in the low half) steer the rules: nobody waits */
	if (!(cookie &= ~DM_UDEV_FLAGS_MASK))
		return CMD_OK;
	return cmd_result_of(udev_complete(cookie | (uint32_t)DM_COOKIE_MAGIC << DM_UDEV_FLAGS_SHIFT));
}

/* dmsetup's prompt: asked again after each line without y or n; EOF is "n". */
static int yes_no(const char *prompt)
{
	int c = 0, answer = 0;

	do {
		if (c == '\n' || !c) {
			fputs(prompt, stdout);
			fflush(stdout);
		}
		if ((c = getchar()) == EOF) {
			answer = 'n';
			break;
		}
		c = tolower(c);
		if (c == 'y' || c == 'n')
			answer = c;
	} while (!answer || c != '\n');
	if (c != '\n')
		putchar('\n');
	return answer;
}

struct complete_all {
	unsigned age_s;
	time_t now;
	int destroyed, skipped;
};

static int complete_one(const struct dm_cookie_sem *s, void *arg)
{
	struct complete_all *a = arg;

	if (s->ctime + (time_t)a->age_s > a->now || s->otime + (time_t)a->age_s > a->now) {
		a->skipped++;
		return 0;
	}
	if (dm_cookie_destroy(s->semid) < 0) {
		log_err("Could not cleanup notification semaphore with semid %d and cookie value "
			"%" PRIu32 " (0x%" PRIx32 ").", s->semid, s->cookie, s->cookie);
		return 0;
	}
	a->destroyed++;
	return 0;
}

enum cmd_result cmd_udevcomplete_all(const struct command *cmd, int argc, char **argv)
{
	struct complete_all a = { 0, 0, 0, 0 };
	unsigned age = 0;
	int rc;

	/* as lvm2: scanf's idea of a number */
	if (argc > 1 && sscanf(argv[1], "%u", &age) != 1) {
		log_err("Failed to read age_in_minutes parameter.");
		return CMD_FAILED;
	}
	if (!opt.yes) {
		if (age)
			log_err("WARNING: This operation will destroy all semaphores older than %u "
				"minutes with keys that have a prefix %u (0x%x).", age,
				DM_COOKIE_MAGIC, DM_COOKIE_MAGIC);
		else
			log_err("WARNING: This operation will destroy all semaphores with keys that "
				"have a prefix %u (0x%x).", DM_COOKIE_MAGIC, DM_COOKIE_MAGIC);
		if (yes_no("Do you really want to continue? [y/n]: ") == 'n') {
			printf("Semaphores with keys prefixed by %u (0x%x) NOT destroyed.\n",
			       DM_COOKIE_MAGIC, DM_COOKIE_MAGIC);
			return CMD_OK;
		}
	}
	a.age_s = age * 60u;	/* unsigned, as lvm2 computes it */
	a.now = time(NULL);
	if ((rc = dm_cookie_each(complete_one, &a)) < 0) {
		log_err("SEM_INFO: semctl failed: %s", strerror(-rc));
		return CMD_FAILED;
	}
	printf("%d semaphores with keys prefixed by %u (0x%x) destroyed. %d skipped.\n",
	       a.destroyed, DM_COOKIE_MAGIC, DM_COOKIE_MAGIC, a.skipped);
	return CMD_OK;
}

/* ctime's text without its newline, or "unknown". */
static const char *time_text(time_t t, char *buf)
{
	char *s = ctime_r(&t, buf);

	if (!s)
		return "unknown";
	s[strcspn(s, "\n")] = '\0';
	return s;
}

static int show_cookie(const struct dm_cookie_sem *s, void *arg)
{
	char otime[32], ctime_buf[32];
	int val = dm_cookie_value(s->semid);

	if (val < 0) {
		log_err("semid %d: sem_ctl failed for cookie 0x%" PRIx32 ": %s", s->semid,
			s->cookie, strerror(-val));
		return 0;
	}
	if (doc_list()) {
		struct json_object *obj = jappend_object(doc_list());
		char cookie[16];

		/* the cookie as the text shows it; the times in seconds since the epoch */
		snprintf(cookie, sizeof(cookie), "0x%" PRIx32, s->cookie);
		if (!obj || jput_str(obj, "cookie", cookie) || jput_u64(obj, "semid", (uint64_t)s->semid) ||
		    jput_u64(obj, "value", (uint64_t)val) ||
		    jput(obj, "last_semop_time", json_object_new_int64(s->otime)) ||
		    jput(obj, "last_change_time", json_object_new_int64(s->ctime)))
			return -ENOMEM;
		return 0;
	}
	printf("0x%-10" PRIx32 " %-10d %-10d %s  %s\n", s->cookie, s->semid, val,
	       time_text(s->otime, otime), time_text(s->ctime, ctime_buf));
	return 0;
}

enum cmd_result cmd_udevcookies(const struct command *cmd, int argc, char **argv)
{
	int rc = dm_cookie_each(NULL, NULL);

	if (rc < 0) {
		log_err("SEM_INFO: sem_ctl failed: %s", strerror(-rc));
		return CMD_FAILED;
	}
	if (doc_begin("cookies") < 0)
		return CMD_FAILED;
	if (!opt.json)
		printf("Cookie       Semid      Value      Last semop time           Last change time\n");
	/* as dmsetup, a semaphore that cannot be read does not fail the command */
	rc = dm_cookie_each(show_cookie, NULL);
	return cmd_result_of(doc_end(rc == -ENOMEM ? rc : 0));
}
