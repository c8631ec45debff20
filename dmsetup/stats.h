/*
 * dmsetup stats / dmstats: the stats options, the subcommands' type and
 * the device iteration they share.  statsopts.c reads the options, stats.c
 * holds the dispatcher and the subcommand table, statscmd.c the subcommands
 * other than list and report (statsreport.c), over the kernel interface of
 * common/dmstats.h.
 */
#ifndef DMSETUP_STATS_H
#define DMSETUP_STATS_H

#include "dmsetup.h"
#include "dmstats.h"

/* The program id dmstats gives its regions, and the one list/report show by default. */
#define STATS_PROGRAM_ID "dmstats"

/*
 * Every stats option of lvm2's dmsetup, named after its long option (the
 * general ones, -v, -f, -u, -j/-m, -o/-O/-S, --count, --interval, --units,
 * --unbuffered, live in struct opts).
 * Numbers are read with atoi, as lvm2 reads them (so "x" is 0 and "-1" is
 * UINT64_MAX once widened), strings are kept as given and parsed by the
 * subcommand that uses them (lvm2 tells a bad --start per device).
 */
struct stats_opts {
	const char *alias;	/* --alias NAME; NULL: not given */
	int alldevices;		/* --alldevices */
	int allprograms;	/* --allprograms */
	int allregions;		/* --allregions */
	int area;		/* --area: list/report area rows */
	int areas, have_areas;	/* --areas N */
	const char *areasize;	/* --areasize SIZE (units as --start) */
	const char *bounds;	/* --bounds LIST: histogram boundaries */
	int clear;		/* --clear: print clears the counters it shows */
	int filemap;		/* --filemap: create regions from a file's extents */
	const char *follow;	/* --follow MODE (dmfilemapd's; checked, see stats.c) */
	int foreground;		/* --foreground (dmfilemapd's) */
	int group;		/* --group: list/report group rows */
	int groupid, have_groupid;	/* --groupid ID */
	int histogram;		/* --histogram: list/report histogram fields */
	const char *length;	/* --length SIZE */
	int nogroup;		/* --nogroup: create --segments/--filemap without a group */
	int nomonitor;		/* --nomonitor: no dmfilemapd */
	int nosuffix;		/* --nosuffix: report sizes without unit suffix */
	int notimesuffix;	/* --notimesuffix: report times without unit suffix */
	int precise;		/* --precise: nanosecond counters */
	const char *programid;	/* --programid ID; NULL: not given ("" is "none") */
	int raw;		/* --raw: report the raw counters */
	int region;		/* --region: list/report region rows */
	const char *regions;	/* --regions LIST: group's members */
	int regionid, have_regionid;	/* --regionid ID */
	int relative;		/* --relative: histograms in percent */
	int segments;		/* --segments: one region per table segment */
	const char *start;	/* --start SIZE */
	const char *userdata;	/* --userdata DATA; NULL: not given */
};

extern struct stats_opts sopt;

/* The stats options' getopt values (options.c's table has one block of them). */
enum stats_switch {
	OPT_STATS_FIRST = 0x1000,
	OPT_ALIAS = OPT_STATS_FIRST, OPT_ALLDEVICES, OPT_ALLPROGRAMS, OPT_ALLREGIONS, OPT_AREA,
	OPT_AREAS, OPT_AREASIZE, OPT_BOUNDS, OPT_CLEAR, OPT_FILEMAP, OPT_FOLLOW, OPT_FOREGROUND,
	OPT_GROUP, OPT_GROUPID, OPT_HISTOGRAM, OPT_LENGTH, OPT_NOGROUP, OPT_NOMONITOR,
	OPT_NOSUFFIX, OPT_NOTIMESUFFIX, OPT_PRECISE, OPT_PROGRAMID, OPT_RAW, OPT_REGION,
	OPT_REGIONS, OPT_REGIONID, OPT_RELATIVE, OPT_SEGMENTS, OPT_START, OPT_USERDATA,
	OPT_STATS_LAST = OPT_USERDATA
};
/* A stats option (c between OPT_STATS_FIRST and OPT_STATS_LAST) into sopt (statsopts.c). */
void stats_switch(int c, const char *arg);

/* The personality: set by main when argv[0] is dmstats or the command is
 * "stats"; the name the usage text and messages show. */
extern const char *stats_base_name;	/* "dmstats" or "dmsetup stats" */

/* A subcommand: argv[0] is its name ("create"), the rest its device
 * arguments (or the file of --filemap / update_filemap). */
typedef enum cmd_result (*stats_command_fn)(int argc, char **argv);

/* Implemented in statsreport.c (st-report), registered in stats.c's table. */
enum cmd_result stats_list(int argc, char **argv);
enum cmd_result stats_report(int argc, char **argv);
/*
 * The report's setup that lvm2 runs before every other stats subcommand,
 * so that a bad -o/-O/-S fails even create before it acts (-o help lists
 * the fields): 0, or -EINVAL told.
 */
int stats_report_setup(void);
/* statscmd.c */
enum cmd_result stats_clear(int argc, char **argv);
enum cmd_result stats_create(int argc, char **argv);
enum cmd_result stats_delete(int argc, char **argv);
enum cmd_result stats_group(int argc, char **argv);
enum cmd_result stats_print(int argc, char **argv);
enum cmd_result stats_ungroup(int argc, char **argv);
enum cmd_result stats_update_filemap(int argc, char **argv);

/* What a subcommand does without a device argument (and without -u/-j/-m). */
enum stats_no_device {
	STATS_EVERY_DEVICE,	/* every device the kernel lists: clear, print, list, report */
	STATS_ASK_ALLDEVICES,	/* the same with --alldevices, else
				 * "Please specify device(s) or use --alldevices." (told) */
};

/* A subcommand's work on one device: dev as the user gave it (a name, a
 * path such as $DM_DEV_DIR/mapper/NAME; NULL: -u or -j/-m) or a listed
 * device's name.  Name it to the kernel with device_task (devices.h). */
typedef enum cmd_result (*stats_device_fn)(const char *dev, void *arg);

/*
 * Runs fn as lvm2's dmsetup runs a stats subcommand: on each device argument
 * (argv[1..]) in turn, ending at the first failure; with none, once with
 * NULL for -u/-j/-m; else on every listed device ("No devices found" when
 * there is none), going on past a failure and failing at the end.  The
 * result: CMD_OK, or the first failure's (CMD_FAILED wins over CMD_TOLD
 * over the listed devices).
 */
enum cmd_result stats_each_device(int argc, char **argv, enum stats_no_device none,
				  stats_device_fn fn, void *arg);

/*
 * Talking to one device's dm-stats (stats.c).  stats_send is the
 * dms_send_fn of common/dmstats.h the subcommands pass (ctx: the device as
 * stats_device_fn got it, a const char *, NULL for -u/-j/-m): the -vv line
 * and libdevmapper's "message ioctl on ... failed" line are told.
 */
int stats_send(void *ctx, const char *msg, char **reply);
/*
 * dm_stats_list of dev's regions of program_id ("" every program's) into s,
 * with libdm's warnings about the group descriptors it read; 0, or -errno
 * told (libdm says nothing more when the message fails).
 */
int stats_list_regions(const char *dev, const char *program_id, struct dms *s);

/* The stats usage text (stats.c): the reference's for stats_base_name. */
void stats_usage(FILE *out);

/* main: argv[0]'s base name "dmstats" selects the personality. */
void stats_personality(const char *argv0);
/* main, for "dmsetup stats ..." (argv past "stats") and "dmstats ...":
 * argv[0] the subcommand; the exit status. */
int stats_main(enum switches sw, int argc, char **argv);

#endif
