/*
 * dmsetup stats and dmstats: the personality, the subcommand table and its
 * usage text, and the device iteration the subcommands share (stats.h).  The subcommands are in statscmd.c and
 * statsreport.c.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "devices.h"
#include "dmsetup.h"
#include "fields.h"
#include "jsonc.h"
#include "log.h"
#include "stats.h"

const char *stats_base_name;

/* ------------------------------------------------------------- devices */

struct each_listed {
	stats_device_fn fn;
	void *arg;
	enum cmd_result res;
};

static int run_listed(const struct dm_name_entry *e, void *arg)
{
	struct each_listed *l = arg;
	enum cmd_result res = l->fn(e->name, l->arg);

	/* as lvm2's _process_all: a failure does not stop the others */
	if (res == CMD_FAILED || (res == CMD_TOLD && l->res == CMD_OK))
		l->res = res;
	return 0;
}

enum cmd_result stats_each_device(int argc, char **argv, enum stats_no_device none,
				  stats_device_fn fn, void *arg)
{
	struct each_listed listed = { fn, arg, CMD_OK };
	enum cmd_result res;
	int i, empty;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			if ((res = fn(argv[i], arg)) != CMD_OK)
				return res;
		return CMD_OK;
	}
	if (opt.uuid || opt.have_major)
		return fn(NULL, arg);
	if (none == STATS_ASK_ALLDEVICES && !sopt.alldevices) {
		log_err("Please specify device(s) or use --alldevices.");
		return CMD_FAILED;
	}
	if (list_device_names(run_listed, &listed, &empty) < 0)
		return CMD_FAILED;
	if (empty)
		printf("No devices found\n");
	return listed.res;
}

int stats_send(void *ctx, const char *msg, char **reply)
{
	const char *dev = ctx, *text;
	struct dm_req r;
	int rc;

	*reply = NULL;
	if ((rc = device_task(&r, dev)) < 0)
		return rc;
	if ((rc = dms_req_message(&r, msg)) == 0)
		rc = call(DM_TARGET_MSG, &r, 0, 0);
	if (rc == 0 && (text = dm_reply_message(r.io)) && !(*reply = strdup(text)))
		rc = -ENOMEM;
	dm_req_free(&r);
	return rc;
}

int stats_list_regions(const char *dev, const char *program_id, struct dms *s)
{
	struct dms_list_note note = { .missing_group = DMS_NONE, .missing_region = DMS_NONE };
	int rc = dms_list(stats_send, (void *)dev, program_id, s, &note);
	size_t i;

	for (i = 0; i < note.nr_bad; i++) {
		const struct dms_bad_aux *bad = &note.bad[i];

		if (bad->error == -EINVAL)
			log_err("Found malformed group tag while reading aux_data");
		else if (bad->error == -EBADMSG)
			log_err("Could not parse member list while reading group aux_data");
		else if (bad->error == -EXDEV)
			log_err("Found invalid group descriptor in region %" PRIu64 " aux_data.",
				bad->region);
		log_err("Failed to parse group descriptor from region_id %" PRIu64 " aux_data:'%s'",
			bad->region, bad->user_data);
	}
	dms_list_note_free(&note);
	if (note.missing_group != DMS_NONE)
		log_err("Group descriptor %" PRId64 " contains non-existent region_id %" PRId64 ".",
			(int64_t)note.missing_group, (int64_t)note.missing_region);
	if (rc == -EPROTO)
		log_err("Could not parse @stats_list response.");
	return rc;
}

/* --------------------------------------------------------- subcommands */

static enum cmd_result stats_help(int argc, char **argv);
static enum cmd_result stats_version(int argc, char **argv);

/* The pieces of the usage lines, as lvm2 puts them together. */
#define INDENT "\n\t    "
#define AREA_OPTS "[--areas <nr_areas>] [--areasize <size>] "
#define REGION_OPTS "[--start <start> [--length <len>]" INDENT AREA_OPTS
#define ID_OPTS "[--programid <id>] [--userdata <data> ] "
#define SELECT_OPTS "[--programid <id>] [--regionid <id>] "
#define EXTRA_OPTS "[--bounds histogram_boundaries] [--precise] "
#define FILE_MONITOR_OPTS "[--nomonitor] [--follow mode]"
#define GROUP_ID_OPT "--groupid <id> "
#define ALL_PROGS_OPT "[--allprograms|--programid id] "
#define ALL_REGIONS_OPT "[--allregions|--regionid id] "
#define ALL_DEVICES_OPT "[--alldevices|<device>...] "
#define ALL_PROGS_REGIONS_DEVICES ALL_PROGS_OPT INDENT ALL_REGIONS_OPT INDENT ALL_DEVICES_OPT
#define REPORT_FORMAT_OPTS "[-o <fields>] [-O|--sort <sort_fields>]" INDENT \
	"[-S|--select <selection>] [--nameprefixes]" INDENT "[--noheadings] [--separator <separator>]"

struct stats_command {
	const char *name;
	const char *help;	/* its usage line after the name */
	stats_command_fn fn;
};

/* create is listed twice, as in lvm2: with and without --filemap (the first is run). */
static const struct stats_command stats_commands[] = {
	{ "help", "", stats_help },
	{ "clear", ALL_REGIONS_OPT ALL_DEVICES_OPT, stats_clear },
	{ "create", REGION_OPTS INDENT ID_OPTS INDENT EXTRA_OPTS INDENT "[--segments] "
	  ALL_DEVICES_OPT, stats_create },
	{ "create", "--filemap [--nogroup] " FILE_MONITOR_OPTS INDENT ID_OPTS INDENT EXTRA_OPTS
	  "<file_path>", stats_create },
	{ "delete", ALL_PROGS_REGIONS_DEVICES, stats_delete },
	{ "group", "[--alias NAME] --regions <regions>" INDENT ALL_PROGS_OPT ALL_DEVICES_OPT,
	  stats_group },
	{ "list", ALL_PROGS_OPT ALL_REGIONS_OPT, stats_list },
	{ "print", "[--clear] " ALL_PROGS_REGIONS_DEVICES, stats_print },
	{ "report", "[--interval <seconds>] [--count <cnt>]" INDENT "[--units <u>] " SELECT_OPTS
	  INDENT REPORT_FORMAT_OPTS INDENT ALL_PROGS_OPT "[<device>...]", stats_report },
	{ "ungroup", GROUP_ID_OPT ALL_PROGS_OPT INDENT ALL_DEVICES_OPT, stats_ungroup },
	{ "update_filemap", GROUP_ID_OPT INDENT FILE_MONITOR_OPTS " <file_path>",
	  stats_update_filemap },
	{ "version", "", stats_version },
	{ NULL, NULL, NULL }
};

void stats_usage(FILE *out)
{
	const struct stats_command *c;

	fprintf(out, "Usage:\n\n"
		"%s\n"
		"        [-h|--help]\n"
		"        [-v|--verbose [-v|--verbose ...]]\n"
		"        [--areas <nr_areas>] [--areasize <size>]\n"
		"        [--userdata <data>] [--clear]\n"
		"        [--count <count>] [--interval <seconds>]\n"
		"        [-o <fields>] [-O|--sort <sort_fields>]\n"
		"\t      [--programid <id>]\n"
		"        [--start <start>] [--length <length>]\n"
		"        [--segments] [--units <units>]\n\n", stats_base_name);
	for (c = stats_commands; c->name; c++)
		fprintf(out, "\t%s %s\n", c->name, c->help);
	fputs("\n<device> may be device name or (if only one) -u <uuid> or -j <major> -m <minor>\n"
	      "<fields> are comma-separated.  Use 'help -c' for list.\n\n", out);
}

/* help [report]: the usage and, since every stats command is a report to
 * lvm2 (-c is implied), the report's fields. */
static enum cmd_result stats_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	stats_usage(stderr);
	if (opt.columns)
		show_report_fields();
	return CMD_OK;
}

static enum cmd_result stats_version(int argc, char **argv)
{
	return cmd_version(NULL, argc, argv);
}

static const struct stats_command *find_stats_command(const char *name)
{
	const struct stats_command *c;

	for (c = stats_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void stats_personality(const char *argv0)
{
	const char *base = strrchr(argv0, '/');

	if (!strcmp(base ? base + 1 : argv0, "dmstats"))
		stats_base_name = "dmstats";
}

/* The checks lvm2 makes of every subcommand before it runs; 0 or told. */
static int stats_options_agree(void)
{
	if (sopt.allprograms && sopt.programid) {
		log_err("Please supply one of --allprograms and --programid");
		return 0;
	}
	if (sopt.allregions && sopt.have_regionid) {
		log_err("Please supply one of --allregions and --regionid");
		return 0;
	}
	if (sopt.follow && sopt.nomonitor) {
		log_err("Use of --follow is incompatible with --nomonitor.");
		return 0;
	}
	return 1;
}

static int has_json(const char *sub)
{
	return !strcmp(sub, "list") || !strcmp(sub, "report");
}

int stats_main(enum switches sw, int argc, char **argv)
{
	const struct stats_command *c;
	enum cmd_result res;

	if (sw == SWITCHES_HELP)
		return stats_help(0, NULL) == CMD_OK ? 0 : 1;
	if (argc == 0) {
		/* "dmsetup stats" lacks its subcommand; "dmstats" alone is only told its usage */
		if (strcmp(stats_base_name, "dmstats"))
			log_err("Incorrect number of arguments.");
		stats_usage(stderr);
		return 1;
	}
	/* to lvm2 every stats subcommand is a report (-c), sized in units of "h" unless told */
	opt.columns = 1;
	/* lvm2 sets the report up before any subcommand: a bad -o/-O/-S fails
	 * even create before it acts (-o help lists the fields, then it acts) */
	if (strcmp(argv[0], "list") && strcmp(argv[0], "report") && stats_report_setup() < 0)
		return 1;
	if (!(c = find_stats_command(argv[0]))) {
		log_err("Unknown stats command.");
		stats_help(argc, argv);
		res = CMD_FAILED;
	} else if (!stats_options_agree())
		res = CMD_FAILED;
	else if (opt.json && !has_json(c->name)) {
		log_err("%s: %s has no JSON output (-J).", stats_base_name, c->name);
		res = CMD_TOLD;
	} else if (opt.json && jsonc_load() < 0) {
		log_err("%s", jsonc_load_error());
		res = CMD_TOLD;
	} else if (!c->fn) {
		log_err("%s: %s is not supported by lodm yet.", stats_base_name, c->name);
		res = CMD_TOLD;
	} else
		res = c->fn(argc, argv);
	if (res == CMD_FAILED)
		fprintf(stderr, "Command failed.\n");
	if (fflush(stdout) != 0)
		res = CMD_FAILED;
	return res == CMD_OK ? 0 : 1;
}
