/*
 * dmsetup: the command table and dispatch.  The options are read in
 * options.c; the commands live one group a file (query.c, create.c,
 * lifecycle.c, ls.c, nodes.c, fields.c, udevcmd.c) over common/dm.c.
 */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "display.h"
#include "dmsetup.h"
#include "fields.h"
#include "json.h"
#include "jsonc.h"
#include "log.h"
#include "nodes.h"
#include "repeat.h"
#include "stats.h"
#include "udev.h"

static const struct command commands[] = {
	{ "help",           0, 0, NULL },
	{ "create",         0, 2, cmd_create },
	{ "remove",         0, -1, cmd_remove },
	{ "remove_all",     0, 0, cmd_remove_all },
	{ "suspend",        0, -1, cmd_suspend },
	{ "resume",         0, -1, cmd_suspend },
	{ "load",           0, 2, cmd_load },
	{ "clear",          0, -1, cmd_clear },
	{ "reload",         0, 2, cmd_load },
	{ "wipe_table",     0, -1, cmd_wipe_table },
	{ "rename",         1, 2, cmd_rename },
	{ "mangle",         0, -1, cmd_mangle },
	{ "measure",        0, -1, cmd_table },
	{ "message",        2, -1, cmd_message },
	{ "ls",             0, 0, cmd_ls },
	{ "info",           0, -1, cmd_info },
	{ "mknodes",        0, -1, cmd_mknodes },
	{ "wait",           0, 2, cmd_wait },
	{ "setgeometry",    5, 5, cmd_setgeometry },
	{ "splitname",      1, 2, cmd_splitname },
	{ "udevcreatecookie", 0, 0, cmd_udevcreatecookie },
	{ "udevreleasecookie", 0, 1, cmd_udevreleasecookie },
	{ "udevflags",      1, 1, cmd_udevflags },
	{ "udevcomplete",   1, 1, cmd_udevcomplete },
	{ "udevcomplete_all", 0, 1, cmd_udevcomplete_all },
	{ "udevcookies",    0, 0, cmd_udevcookies },
	{ "deps",           0, -1, cmd_deps },
	{ "status",         0, -1, cmd_table },
	{ "table",          0, -1, cmd_table },
	{ "target-version", 1, -1, cmd_target_version },
	{ "targets",        0, 0, cmd_targets },
	{ "version",        0, 0, cmd_version },
	{ NULL, 0, 0, NULL }
};

static void usage(FILE *out)
{
	fputs(dmsetup_usage_text, out);
}

static const struct command *find_command(const char *name)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int main(int argc, char **argv)
{
	const struct command *cmd;
	enum switches sw;
	command_fn fn;
	uint64_t times;
	int ok;

	setlocale(LC_ALL, "");
	stats_personality(argv[0]);
	if (read_environment() < 0)
		return 1;
	sw = parse_switches(argc, argv);
	if (sw == SWITCHES_BAD) {
		fprintf(stderr, "Couldn't process command line.\n");
		return 1;
	}
	argc -= optind;
	argv += optind;
	/* as lvm2: "stats" as the command is the stats personality, whatever argv[0] */
	if (argc > 0 && !strcmp(argv[0], "stats")) {
		stats_base_name = "dmsetup stats";
		argc--;
		argv++;
	}
	/* (--version is the same in both personalities) */
	if (stats_base_name && sw != SWITCHES_VERSION)
		return stats_main(sw, argc, argv);
	if (sw == SWITCHES_VERSION) {
		static char *vargv[] = { "version", NULL };

		/* --version succeeds even without a driver, as lvm2's does */
		if (!cmd_version(find_command("version"), 1, vargv)) {
			fprintf(stderr, "Command failed.\n");
			log_stack();
		}
		return 0;
	}
	if (sw == SWITCHES_HELP || (argc > 0 && !strcmp(argv[0], "help"))) {
		usage(stderr);
		if (opt.columns)
			show_report_fields();
		return 0;
	}
	if (argc == 0) {
		usage(stderr);
		return 1;
	}
	if (!(cmd = find_command(argv[0]))) {
		fprintf(stderr, "Unknown command.\n");
		usage(stderr);
		return 1;
	}
	if (argc < cmd->min_args + 1 || (cmd->max_args >= 0 && argc > cmd->max_args + 1)) {
		fprintf(stderr, "Incorrect number of arguments.\n");
		usage(stderr);
		return 1;
	}
	if (!cmd->fn) {
		log_err("%s: command %s is not supported by lodm yet.", "dmsetup", cmd->name);
		return 1;
	}
	/* -J on a command without a JSON form is refused, not replaced by text */
	if (opt.json && !doc_supported(cmd->name)) {
		log_err("dmsetup: %s has no JSON output (-J).", cmd->name);
		return 1;
	}
	/* the concise line is a text format; -J is the structured form of the table */
	if (opt.json && opt.concise) {
		log_err("--concise and -J cannot be used together.");
		return 1;
	}
	/* a missing json-c is told before any output */
	if (opt.json && jsonc_load() < 0) {
		log_err("%s", jsonc_load_error());
		return 1;
	}
	options_for_command(cmd->name);
	if (!process_display_options()) {
		fprintf(stderr, "Couldn't process command line.\n");
		return 1;
	}
	/* as lvm2: --units is checked once the report's options are */
	if (columns_check(cmd) < 0 || check_units() < 0)
		return 1;
	times = repeat_count();
	if (times > 1 && interval_start() < 0)
		return 1;
	udev_setup();
	/* --count/--interval: the command again; a report (-c) a blank line
	 * and the rest of the interval between two runs, as lvm2's main loop */
	/* -S on a command that takes devices: through info -c's selection, as lvm2 */
	fn = opt.select && takes_selection(cmd) ? run_on_selected : cmd->fn;
	do {
		ok = fn(cmd, argc, argv);
		verbose_rows_output();	/* -v with -c: the report after the command */
		if (ok > 0 && times > 1 && (opt.columns || fn != cmd->fn)) {
			putchar('\n');
			fflush(stdout);
			if (interval_wait() < 0)
				ok = -1;
		}
	} while (ok > 0 && --times);
	interval_stop();
	/* the nodes of requests in a udev transaction (--udevcookie) are looked after last */
	node_ops_run();
	if (ok == 0) {
		fprintf(stderr, "Command failed.\n");
		log_stack();
	}
	if (ok < 0)	/* the command told why and, as dmsetup, does not add more */
		ok = 0;
	if (fflush(stdout) != 0)
		ok = 0;
	return ok ? 0 : 1;
}
