/* ls: the device list, filtered by --target, running --exec, or as a --tree. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dmsetup.h"
#include "jsonput.h"

/* dmsetup's limit on the words of --exec's command (the device path comes on top). */
#define EXEC_MAX_WORDS 256

/* -J: a listed device's object in the document. */
static int add_name_json(const struct dm_name_entry *e)
{
	struct json_object *dev = json_object_new_object();

	if (!dev || json_put_device(dev, e->name, e->uuid, e->devno) ||
	    (e->has_event_nr ? jput_u64(dev, "events", e->event_nr) : jput_null(dev, "events")))
		return jdrop(dev), -ENOMEM;
	return jappend(json_list(), dev);
}

static int print_name(const struct dm_name_entry *e, void *arg)
{
	char name[256];

	if (json_list())
		return add_name_json(e);
	if (shown_device_name(e->devno, name, sizeof(name)) == 0)
		printf("%s\t(%s)\n", e->name, name);
	else
		printf("%s\t(%u:%u)\n", e->name, major(e->devno), minor(e->devno));
	return 0;
}

/*
 * The command split at blanks (no shell), the device's path appended, run
 * and waited for; its exit status does not matter, as in dmsetup.  The split
 * is done once; a command with no word or too many fails every device.
 */
int exec_on_device(const char *name)
{
	static char *words[EXEC_MAX_WORDS + 2];
	static char *line, path[4096];
	static int nwords;	/* -1: the command cannot be run */
	const char *dir;
	char *c;
	pid_t pid;

	if (nwords < 0)
		return 0;
	char kernel_name[DM_NAME_LEN];

	/* sync_nodes takes the name as the kernel holds it */
	if (dm_name_mangle(name, opt.mangle, kernel_name, sizeof(kernel_name)) < 0 ||
	    sync_nodes(kernel_name) < 0 || dm_dev_dir(&dir) < 0)
		return 0;
	if ((size_t)snprintf(path, sizeof(path), "%s/mapper/%s", dir, name) >= sizeof(path))
		return 0;
	if (!nwords) {
		if (!(c = line = strdup(opt.exec)))
			return 0;
		while (nwords < EXEC_MAX_WORDS) {
			while (*c && isspace((unsigned char)*c))
				c++;
			if (!*c)
				break;
			words[nwords++] = c;
			while (*c && !isspace((unsigned char)*c))
				c++;
			if (*c)
				*c++ = '\0';
		}
		if (nwords == EXEC_MAX_WORDS)
			log_err("Too many args to --exec.");
		if (!nwords || nwords == EXEC_MAX_WORDS) {
			nwords = -1;
			free(line);
			line = NULL;
			return 0;
		}
		words[nwords] = path;
		words[nwords + 1] = NULL;
	}
	pid = fork();
	if (pid == 0) {
		execvp(words[0], words);
		_exit(127);
	}
	if (pid < 0)
		return 0;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return 1;
}

static int has_target_type(const struct dm_target *t, void *arg)
{
	if (strcmp(t->type, opt.target))
		return 0;
	*(int *)arg = 1;
	return 1;	/* found: stop */
}

/* ls --target / --exec: each device's status, as dmsetup does it. */
static int ls_status_one(const struct dm_name_entry *e, void *arg)
{
	uint32_t flags = (opt.inactive ? DM_QUERY_INACTIVE_TABLE_FLAG : 0) |
			 (opt.noflush ? DM_NOFLUSH_FLAG : 0);
	struct dm_req r;
	int rc, matched = 1;

	if (task_init(&r) < 0) {
		*(int *)arg = 0;
		return 0;
	}
	rc = req_set_name(&r, e->name, 0);	/* listed names are in the shown form */
	if (rc == 0)
		rc = dm_call_exists("status", DM_TABLE_STATUS, &r, flags);
	if (rc == 0 && opt.target) {
		matched = 0;
		/* a device without a table has no target to match (and no target data) */
		if (r.io->target_count)
			rc = dm_reply_targets(r.io, has_target_type, &matched);
		rc = rc < 0 ? rc : 0;
	}
	if (rc == 0 && matched) {
		if (json_list())
			rc = add_name_json(e);
		else if (!opt.exec || opt.verbose)
			printf("%s\t(%u, %u)\n", e->name, major((dev_t)r.io->dev),
			       minor((dev_t)r.io->dev));
		if (rc == 0 && opt.exec && !exec_on_device(e->name))
			rc = -EIO;
	}
	dm_req_free(&r);
	/* a failing device does not stop the others */
	if (rc < 0)
		*(int *)arg = 0;
	return 0;
}

int cmd_ls(const struct command *cmd, int argc, char **argv)
{
	int none, ok = 1, rc;

	if (!json_begin("devices"))
		return 0;
	if (opt.target || opt.exec)
		rc = list_device_names(ls_status_one, &ok, &none);
	else if (opt.tree)
		return json_end(ls_tree());
	else
		rc = list_device_names(print_name, NULL, &none);
	if (rc == 0 && none && !opt.json)	/* JSON: the empty document says it */
		printf("No devices found\n");
	return json_end(rc == 0 && ok);
}
