/*
 * dmsetup's options: the environment libdevmapper reads, and the switches,
 * all read (and checked) before any command runs, into opt.
 */
#include "config.h"

#include <ctype.h>
#include <float.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dm.h"
#include "dmsetup.h"
#include "log.h"
#include "nodes.h"
#include "stats.h"

#define NSEC_PER_SEC	UINT64_C(1000000000)

struct opts opt = {
	.major = -1, .minor = -1,
	.node_uid = NODE_UID, .node_gid = NODE_GID, .node_mode = NODE_MODE,
	.read_ahead = READ_AHEAD_AUTO, .mangle = DM_MANGLE_AUTO,
	.udev_timeout_ms = UDEV_TIMEOUT_DEFAULT_S * 1000L,
	.interval_ns = NSEC_PER_SEC,
};

/* A cookie as the user gives it (0x..., octal, decimal); 0 after the message. */
uint32_t cookie_value(const char *s)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || !v || *end || v > UINT32_MAX) {
		log_err("Incorrect cookie value.");
		return 0;
	}
	return (uint32_t)v;
}

enum {
	OPT_ADDNODEONCREATE = CHAR_MAX + 1, OPT_ADDNODEONRESUME, OPT_CHECKS, OPT_CONCISE,
	OPT_DEFERRED, OPT_EXEC, OPT_INACTIVE, OPT_MANGLENAME, OPT_NAMEPREFIXES,
	OPT_NOFLUSH, OPT_NOHEADINGS, OPT_REPORTFORMAT, OPT_NOLOCKFS, OPT_NOOPENCOUNT, OPT_NOUDEVRULES,
	OPT_NOUDEVSYNC, OPT_READAHEAD, OPT_RETRY, OPT_ROWS, OPT_SEPARATOR, OPT_SETUUID,
	OPT_SHOWKEYS, OPT_TABLE, OPT_TARGET, OPT_TREE, OPT_UDEVCOOKIE, OPT_UDEVTIMEOUT,
	OPT_UNQUOTED, OPT_VERIFYUDEV, OPT_VERSION,
	OPT_COUNT, OPT_INTERVAL, OPT_UNBUFFERED, OPT_UNITS,
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
	{ "json",            no_argument,       NULL, 'J' },
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
	{ "udevtimeout",     required_argument, NULL, OPT_UDEVTIMEOUT },
	{ "noudevrules",     no_argument,       NULL, OPT_NOUDEVRULES },
	{ "noudevsync",      no_argument,       NULL, OPT_NOUDEVSYNC },
	{ "options",         required_argument, NULL, 'o' },
	{ "readahead",       required_argument, NULL, OPT_READAHEAD },
	{ "reportformat",    required_argument, NULL, OPT_REPORTFORMAT },
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
	/* dmsetup stats / dmstats (stats.c reads them) */
	{ "alias",           required_argument, NULL, OPT_ALIAS },
	{ "alldevices",      no_argument,       NULL, OPT_ALLDEVICES },
	{ "allprograms",     no_argument,       NULL, OPT_ALLPROGRAMS },
	{ "allregions",      no_argument,       NULL, OPT_ALLREGIONS },
	{ "area",            no_argument,       NULL, OPT_AREA },
	{ "areas",           required_argument, NULL, OPT_AREAS },
	{ "areasize",        required_argument, NULL, OPT_AREASIZE },
	{ "bounds",          required_argument, NULL, OPT_BOUNDS },
	{ "clear",           no_argument,       NULL, OPT_CLEAR },
	{ "filemap",         no_argument,       NULL, OPT_FILEMAP },
	{ "follow",          required_argument, NULL, OPT_FOLLOW },
	{ "foreground",      no_argument,       NULL, OPT_FOREGROUND },
	{ "group",           no_argument,       NULL, OPT_GROUP },
	{ "groupid",         required_argument, NULL, OPT_GROUPID },
	{ "histogram",       no_argument,       NULL, OPT_HISTOGRAM },
	{ "length",          required_argument, NULL, OPT_LENGTH },
	{ "nogroup",         no_argument,       NULL, OPT_NOGROUP },
	{ "nomonitor",       no_argument,       NULL, OPT_NOMONITOR },
	{ "nosuffix",        no_argument,       NULL, OPT_NOSUFFIX },
	{ "notimesuffix",    no_argument,       NULL, OPT_NOTIMESUFFIX },
	{ "precise",         no_argument,       NULL, OPT_PRECISE },
	{ "programid",       required_argument, NULL, OPT_PROGRAMID },
	{ "raw",             no_argument,       NULL, OPT_RAW },
	{ "region",          no_argument,       NULL, OPT_REGION },
	{ "regions",         required_argument, NULL, OPT_REGIONS },
	{ "regionid",        required_argument, NULL, OPT_REGIONID },
	{ "relative",        no_argument,       NULL, OPT_RELATIVE },
	{ "segments",        no_argument,       NULL, OPT_SEGMENTS },
	{ "start",           required_argument, NULL, OPT_START },
	{ "userdata",        required_argument, NULL, OPT_USERDATA },
	{ "count",           required_argument, NULL, OPT_COUNT },
	{ "interval",        required_argument, NULL, OPT_INTERVAL },
	{ "unbuffered",      no_argument,       NULL, OPT_UNBUFFERED },
	{ "units",           required_argument, NULL, OPT_UNITS },
	{ NULL, 0, NULL, 0 }
};

static int parse_number(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < 0 || v > INT_MAX)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

/* --readahead {[+]N|auto|none}: the number as atoi reads it, as lvm2 does. */
static int parse_read_ahead(const char *arg)
{
	const char *s = arg;
	long v;

	if (!strcasecmp(arg, "auto")) {
		opt.read_ahead = READ_AHEAD_AUTO;
		return 0;
	}
	if (!strcasecmp(arg, "none")) {
		opt.read_ahead = READ_AHEAD_NONE;
		return 0;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+')
		opt.read_ahead_minimum = 1;
	v = strtol(arg, NULL, 10);
	if (v < -1) {
		log_err("Negative read ahead value (%ld) is not understood.", v);
		return -EINVAL;
	}
	opt.read_ahead = (uint32_t)v;	/* -1 is "auto" */
	return 0;
}

static int parse_mode(const char *arg)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 8);
	if (errno || *end || !v) {
		log_err("Invalid argument for --mode: %s. %s", arg, errno ? strerror(errno) : "");
		return -EINVAL;
	}
	opt.node_mode = (mode_t)v;
	return 0;
}

/* Seconds (a whole number, 0: no limit) of the longest wait for udev. */
static int parse_udev_timeout(const char *s, long *ms)
{
	int secs;

	if (parse_number(s, &secs) < 0 || secs > 24 * 3600)
		return -EINVAL;
	*ms = secs * 1000L;
	return 0;
}

int read_environment(void)
{
	const char *dir, *timeout = getenv("DM_UDEV_TIMEOUT");

	/* as lvm2, before anything else, whatever the command */
	if (dm_dev_dir(&dir) < 0) {
		log_err("Invalid DM_DEV_DIR environment variable value.");
		return -EINVAL;
	}
	if (timeout && parse_udev_timeout(timeout, &opt.udev_timeout_ms) < 0) {
		log_err("Invalid DM_UDEV_TIMEOUT environment variable value.");
		return -EINVAL;
	}
	/* libdevmapper's default, which a bad value leaves alone */
	if (getenv("DM_DEFAULT_NAME_MANGLING_MODE"))
		dm_mangling_parse(getenv("DM_DEFAULT_NAME_MANGLING_MODE"), &opt.mangle);
	return 0;
}

enum switches parse_switches(int argc, char **argv)
{
	int c, on_create = 0, on_resume = 0, help = 0, version = 0;

	opterr = 1;
	while ((c = getopt_long(argc, argv, "cCfG:hj:Jm:M:no:O:rS:u:U:vy", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': case 'C': opt.columns = 1; break;
		case 'f': opt.force = 1; break;
		case 'h': help = 1; break;
		case 'j':
			if (parse_number(optarg, &opt.major) < 0)
				return SWITCHES_BAD;
			opt.have_major = 1;
			break;
		case 'm':
			if (parse_number(optarg, &opt.minor) < 0)
				return SWITCHES_BAD;
			opt.have_minor = 1;
			break;
		case 'n': opt.notable = 1; break;
		case 'J': opt.json = 1; break;
		/* lvm's spelling: basic, json, json_std (typed, as ours always is) */
		case OPT_REPORTFORMAT:
			if (!strcmp(optarg, "json") || !strcmp(optarg, "json_std"))
				opt.json = 1;
			else if (!strcmp(optarg, "basic"))
				opt.json = 0;
			else {
				log_err("Unknown report format \"%s\": basic, json or json_std.",
					optarg);
				return SWITCHES_BAD;
			}
			break;
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
		case OPT_VERSION: version = 1; break;
		case OPT_NOUDEVRULES: opt.noudevrules = 1; break;
		case OPT_VERIFYUDEV: opt.verifyudev = 1; break;
		case OPT_NOUDEVSYNC: opt.noudevsync = 1; break;
		/* as lvm2: a bad cookie is told, and the command goes on without one */
		case OPT_UDEVCOOKIE:
			opt.have_udevcookie = 1;
			opt.udev_cookie = cookie_value(optarg);
			break;
		case OPT_UDEVTIMEOUT:
			if (parse_udev_timeout(optarg, &opt.udev_timeout_ms) < 0) {
				log_err("Invalid argument for --udevtimeout: %s.", optarg);
				return SWITCHES_BAD;
			}
			break;
		case OPT_READAHEAD:
			if (parse_read_ahead(optarg) < 0)
				return SWITCHES_BAD;
			break;
		/* atoi, as lvm2: a uid or gid that is not a number is 0 */
		case 'G': opt.node_gid = (gid_t)atoi(optarg); break;
		case 'U': opt.node_uid = (uid_t)atoi(optarg); break;
		case 'M':
			if (parse_mode(optarg) < 0)
				return SWITCHES_BAD;
			break;
		case OPT_EXEC: opt.exec = optarg; break;
		case OPT_TREE: opt.tree = 1; break;
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
				return SWITCHES_BAD;
			}
			opt.have_manglename = 1;
			break;
		case OPT_ADDNODEONRESUME: on_resume = 1; break;
		case OPT_ADDNODEONCREATE: on_create = 1; break;
		case OPT_CHECKS: opt.checks = 1; break;
		/* atoi, as lvm2: "x" is 0 */
		case OPT_COUNT:
			opt.have_count = 1;
			if ((opt.count = atoi(optarg)) < 0) {
				log_err("Count must be zero or greater.");
				return SWITCHES_BAD;
			}
			break;
		case OPT_INTERVAL: {
			int secs = atoi(optarg);

			opt.have_interval = 1;
			if (secs <= 0) {
				log_err("Interval must be a positive integer.");
				return SWITCHES_BAD;
			}
			opt.interval_ns = NSEC_PER_SEC * (uint64_t)secs;
			break;
		}
		case OPT_UNBUFFERED: opt.unbuffered = 1; break;
		case OPT_UNITS:
			opt.have_units = 1;
			opt.units_arg = optarg;
			break;
		default:
			if (c >= OPT_STATS_FIRST && c <= OPT_STATS_LAST) {
				stats_switch(c, optarg);
				break;
			}
			return SWITCHES_BAD;
		}
	}
	if (opt.have_major != opt.have_minor) {
		log_err("Please specify both major number and minor number.");
		return SWITCHES_BAD;
	}
	if (opt.table && opt.notable) {
		log_err("--table and --notable are incompatible.");
		return SWITCHES_BAD;
	}
	if (on_create && on_resume) {
		log_err("--addnodeonresume and --addnodeoncreate are incompatible.");
		return SWITCHES_BAD;
	}
	opt.addnode_on_create = on_create;
	/* as lvm2: every option is read (and checked) before --help or --version acts */
	return help ? SWITCHES_HELP : version ? SWITCHES_VERSION : SWITCHES_COMMAND;
}

/* Whether a and b are the same double, as libdevmapper's _close_enough. */
static int same_double(double a, double b)
{
	return (a > b ? a - b : b - a) < DBL_EPSILON;
}

uint64_t units_to_factor(const char *s, char *unit)
{
	static const char binary[] = "kmgtpe", decimal[] = "KMGTPE";
	double custom = 0;
	uint64_t v = 1, multiplier = 1;
	const char *p;
	char *end;

	if (isdigit((unsigned char)*s)) {
		custom = strtod(s, &end);
		if (end == s)
			return 0;
		v = strtoull(s, NULL, 10);
		if (same_double((double)v, custom))
			custom = 0;	/* integer arithmetic */
		s = end;
	}
	*unit = v == 1 ? *s : 'U';
	if (*s && (p = strchr(binary, *s)))
		multiplier = UINT64_C(1) << (10 * (p - binary + 1));
	else if (*s && (p = strchr(decimal, *s)))
		for (; p >= decimal; p--)
			multiplier *= 1000;
	else if (*s == 's' || *s == 'S')
		multiplier = 512;
	else if (*s == 'h' || *s == 'H' || *s == 'r' || *s == 'R') {
		v = 1;
		*unit = *s;
	} else if (*s != 'b' && *s != 'B')
		return 0;
	if (same_double(custom, 0.))
		return v * multiplier;
	return (uint64_t)(custom * (double)multiplier);
}

int check_units(void)
{
	if (!opt.have_units)
		return 0;
	if (!(opt.units_factor = units_to_factor(opt.units_arg, &opt.units))) {
		log_err("Invalid --units argument.");
		return -EINVAL;
	}
	return 0;
}

uint64_t repeat_count(void)
{
	/* as lvm2's report: a field list asking for help is shown once */
	if (opt.columns && opt.options && strstr(opt.options, "help"))
		return 1;
	if (opt.have_count && opt.count)
		return (uint64_t)opt.count;
	return opt.have_count || opt.have_interval ? UINT64_MAX : 1;
}

void options_for_command(const char *command)
{
	if (!strcmp(command, "splitname"))
		opt.columns = 1;	/* a report, as in lvm2: -o names its fields */
	if (!strcmp(command, "mangle")) {
		opt.mangle_target = opt.have_manglename ? opt.mangle : DM_MANGLE_AUTO;
		opt.mangle = DM_MANGLE_NONE;
	}
}
