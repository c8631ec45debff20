/*
 * dmsetup: options, the command table, dispatch.  The commands themselves
 * live one group a file (query.c, create.c, lifecycle.c, misc.c) over
 * common/dm.c.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dmsetup.h"

struct opts opt = { .major = -1, .minor = -1, .mangle = DM_MANGLE_AUTO };

/* dmstats is out of lodm's scope for now: said plainly, not "Unknown command." */
static int cmd_stats(const struct command *cmd, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	log_err("dmsetup: %s is not supported by lodm yet.", cmd->name);
	return -1;
}

static const struct command commands[] = {
	{ "help",           0, 0, NULL },
	{ "create",         0, 2, cmd_create },
	{ "remove",         0, -1, cmd_remove },
	{ "remove_all",     0, 0, cmd_remove_all },
	{ "suspend",        0, -1, cmd_suspend },
	{ "resume",         0, -1, cmd_suspend },
	{ "load",           0, 2, cmd_load },
	{ "clear",          0, 1, cmd_clear },
	{ "reload",         0, 2, cmd_load },
	{ "wipe_table",     0, -1, cmd_wipe_table },
	{ "rename",         1, 2, cmd_rename },
	{ "mangle",         0, -1, cmd_mangle },
	{ "message",        2, -1, cmd_message },
	{ "ls",             0, 0, cmd_ls },
	{ "info",           0, -1, cmd_info },
	{ "mknodes",        0, -1, cmd_mknodes },
	{ "wait",           0, 2, cmd_wait },
	{ "setgeometry",    5, 5, cmd_setgeometry },
	{ "splitname",      1, 2, cmd_splitname },
	{ "stats",          0, -1, cmd_stats },
	{ "deps",           0, -1, cmd_deps },
	{ "status",         0, -1, cmd_table },
	{ "table",          0, -1, cmd_table },
	{ "target-version", 1, -1, cmd_target_version },
	{ "targets",        0, 0, cmd_targets },
	{ "version",        0, 0, cmd_version },
	{ NULL, 0, 0, NULL }
};

void log_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *out)
{
	fputs(dmsetup_usage_text, out);
}

enum {
	OPT_ADDNODEONCREATE = CHAR_MAX + 1, OPT_ADDNODEONRESUME, OPT_CHECKS, OPT_CONCISE,
	OPT_DEFERRED, OPT_EXEC, OPT_INACTIVE, OPT_MANGLENAME, OPT_NAMEPREFIXES,
	OPT_NOFLUSH, OPT_NOHEADINGS, OPT_NOLOCKFS, OPT_NOOPENCOUNT, OPT_NOUDEVRULES,
	OPT_NOUDEVSYNC, OPT_READAHEAD, OPT_RETRY, OPT_ROWS, OPT_SEPARATOR, OPT_SETUUID,
	OPT_SHOWKEYS, OPT_TABLE, OPT_TARGET, OPT_TREE, OPT_UDEVCOOKIE, OPT_UNQUOTED,
	OPT_VERIFYUDEV, OPT_VERSION,
};

static const struct option longopts[] = {
	{ "readonly",        no_argument,       NULL, 'r' },
	{ "columns",         no_argument,       NULL, 'c' },
	{ "concise",         no_argument,       NULL, OPT_CONCISE },
	{ "deferred",        no_argument,       NULL, OPT_DEFERRED },
	{ "select",          required_argument, NULL, 'S' },
	{ "exec",            required_argument, NULL, OPT_EXEC },
	{ "force",           no_argument,       NULL, 'f' },
	{ "gid",             required_argument, NULL, 'G' },
	{ "help",            no_argument,       NULL, 'h' },
	{ "inactive",        no_argument,       NULL, OPT_INACTIVE },
	{ "manglename",      required_argument, NULL, OPT_MANGLENAME },
	{ "major",           required_argument, NULL, 'j' },
	{ "minor",           required_argument, NULL, 'm' },
	{ "mode",            required_argument, NULL, 'M' },
	{ "nameprefixes",    no_argument,       NULL, OPT_NAMEPREFIXES },
	{ "noflush",         no_argument,       NULL, OPT_NOFLUSH },
	{ "noheadings",      no_argument,       NULL, OPT_NOHEADINGS },
	{ "nolockfs",        no_argument,       NULL, OPT_NOLOCKFS },
	{ "noopencount",     no_argument,       NULL, OPT_NOOPENCOUNT },
	{ "notable",         no_argument,       NULL, 'n' },
	{ "udevcookie",      required_argument, NULL, OPT_UDEVCOOKIE },
	{ "noudevrules",     no_argument,       NULL, OPT_NOUDEVRULES },
	{ "noudevsync",      no_argument,       NULL, OPT_NOUDEVSYNC },
	{ "options",         required_argument, NULL, 'o' },
	{ "readahead",       required_argument, NULL, OPT_READAHEAD },
	{ "retry",           no_argument,       NULL, OPT_RETRY },
	{ "rows",            no_argument,       NULL, OPT_ROWS },
	{ "separator",       required_argument, NULL, OPT_SEPARATOR },
	{ "setuuid",         no_argument,       NULL, OPT_SETUUID },
	{ "showkeys",        no_argument,       NULL, OPT_SHOWKEYS },
	{ "sort",            required_argument, NULL, 'O' },
	{ "table",           required_argument, NULL, OPT_TABLE },
	{ "target",          required_argument, NULL, OPT_TARGET },
	{ "tree",            no_argument,       NULL, OPT_TREE },
	{ "uid",             required_argument, NULL, 'U' },
	{ "uuid",            required_argument, NULL, 'u' },
	{ "unquoted",        no_argument,       NULL, OPT_UNQUOTED },
	{ "verbose",         no_argument,       NULL, 'v' },
	{ "verifyudev",      no_argument,       NULL, OPT_VERIFYUDEV },
	{ "version",         no_argument,       NULL, OPT_VERSION },
	{ "yes",             no_argument,       NULL, 'y' },
	{ "addnodeonresume", no_argument,       NULL, OPT_ADDNODEONRESUME },
	{ "addnodeoncreate", no_argument,       NULL, OPT_ADDNODEONCREATE },
	{ "checks",          no_argument,       NULL, OPT_CHECKS },
	{ NULL, 0, NULL, 0 }
};

static int parse_number(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < 0 || v > INT_MAX)
		return -1;
	*out = (int)v;
	return 0;
}

/* Options this build does not act on yet are refused, not ignored. */
static int not_yet(const char *name)
{
	log_err("%s: option --%s is not supported by lodm yet.", "dmsetup", name);
	return -1;
}

static int parse_switches(int argc, char **argv)
{
	int c, help = 0;

	opterr = 1;
	while ((c = getopt_long(argc, argv, "cCfG:hj:m:M:no:O:rS:u:U:vy", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': case 'C': opt.columns = 1; break;
		case 'f': opt.force = 1; break;
		case 'h': help = 1; break;	/* the rest still counts: --help --columns */
		case 'j':
			if (parse_number(optarg, &opt.major) < 0)
				return -1;
			opt.have_major = 1;
			break;
		case 'm':
			if (parse_number(optarg, &opt.minor) < 0)
				return -1;
			opt.have_minor = 1;
			break;
		case 'n': opt.notable = 1; break;
		case 'o': opt.options = optarg; break;
		case 'r': opt.readonly = 1; break;
		case 'u': opt.uuid = optarg; break;
		case 'v': opt.verbose++; break;
		case 'y': opt.yes = 1; break;
		case OPT_NOFLUSH: opt.noflush = 1; break;
		case OPT_NOLOCKFS: opt.nolockfs = 1; break;
		case OPT_INACTIVE: opt.inactive = 1; break;
		case OPT_RETRY: opt.retry = 1; break;
		case OPT_DEFERRED: opt.deferred = 1; break;
		case OPT_NOHEADINGS: opt.noheadings = 1; break;
		case OPT_SHOWKEYS: opt.showkeys = 1; break;
		case OPT_SETUUID: opt.setuuid = 1; break;
		case OPT_TABLE: opt.table = optarg; break;
		case OPT_TARGET: opt.target = optarg; break;
		case OPT_NOOPENCOUNT: opt.noopencount = 1; break;
		case OPT_VERSION: return OPT_VERSION;
		/* udev is not involved without udev running; these change nothing then */
		case OPT_NOUDEVRULES: case OPT_NOUDEVSYNC: case OPT_VERIFYUDEV: break;
		case OPT_READAHEAD: opt.readahead = optarg; break;
		case OPT_EXEC: opt.exec = optarg; break;
		case OPT_TREE: opt.tree = 1; break;
		case 'G': return not_yet("gid");
		case 'U': return not_yet("uid");
		case 'M': return not_yet("mode");
		case 'O': opt.sort = optarg; break;
		case 'S': opt.select = optarg; break;
		case OPT_CONCISE: opt.concise = 1; break;
		case OPT_NAMEPREFIXES: opt.nameprefixes = 1; break;
		case OPT_ROWS: opt.rows = 1; break;
		case OPT_UNQUOTED: opt.unquoted = 1; break;
		case OPT_SEPARATOR: opt.separator = optarg; break;
		case OPT_MANGLENAME:
			if (dm_mangling_parse(optarg, &opt.mangle) < 0) {
				log_err("Unknown name mangling mode.");
				return -1;
			}
			opt.have_manglename = 1;
			break;
		case OPT_UDEVCOOKIE: return not_yet("udevcookie");
		case OPT_ADDNODEONRESUME: case OPT_ADDNODEONCREATE: case OPT_CHECKS: break;
		default:
			return -1;
		}
	}
	return help ? 'h' : 0;
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
	int sw, ok;

	setlocale(LC_ALL, "");
	/* libdevmapper's default, which a bad value leaves alone */
	if (getenv("DM_DEFAULT_NAME_MANGLING_MODE"))
		dm_mangling_parse(getenv("DM_DEFAULT_NAME_MANGLING_MODE"), &opt.mangle);
	sw = parse_switches(argc, argv);
	if (sw < 0) {
		fprintf(stderr, "Couldn't process command line.\n");
		return 1;
	}
	argc -= optind;
	argv += optind;
	if (sw == OPT_VERSION) {
		static char *vargv[] = { "version", NULL };

		/* --version succeeds even without a driver, as lvm2's does */
		if (!cmd_version(find_command("version"), 1, vargv))
			fprintf(stderr, "Command failed.\n");
		return 0;
	}
	if (sw == 'h' || (argc > 0 && !strcmp(argv[0], "help"))) {
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
	if (!strcmp(cmd->name, "splitname"))
		opt.columns = 1;	/* a report, as in lvm2: -o names its fields */
	if (!process_display_options()) {
		fprintf(stderr, "Couldn't process command line.\n");
		return 1;
	}
	ok = cmd->fn(cmd, argc, argv);
	if (ok == 0)
		fprintf(stderr, "Command failed.\n");
	if (ok < 0)	/* the command told why and, as dmsetup, does not add more */
		ok = 0;
	if (fflush(stdout) != 0)
		ok = 0;
	return ok ? 0 : 1;
}
