/*
 * Device-mapper statistics (dm-stats): the @stats_* target messages, their
 * replies, and the model lvm2's libdm builds from them (regions with areas,
 * groups kept in aux data, histograms, derived metrics, file extents), as
 * libdevmapper 1.02.185 speaks them, so that regions made by lvm2's dmstats
 * are read here and ours are read there.
 *
 * The kernel's side: Documentation/admin-guide/device-mapper/statistics.rst.
 * Times are kept in nanoseconds whatever the region's clock (a region without
 * precise_timestamps counts milliseconds: its times are scaled up on parsing,
 * as libdm does).
 *
 * Every function returns 0 (or a documented non-negative value) on success
 * and -errno on failure.  Nothing here prints or exits: where libdm logs a
 * message, the return code (and an out parameter where the message names
 * something) says which, and the CLI words it.
 *
 * How dmstats' commands go through it, in libdm's order (send: the CLI's
 * dms_send_fn, dms_req_message under its call()):
 *   create     dms_bounds_parse, dms_bounds_arg; dms_create_region per
 *              region (segments, areas: struct dms_create)
 *   --filemap  dms_file_check, dms_file_extents, dms_create_region per
 *              extent (step -1), dms_list, dms_group_check, dms_group_create
 *              and send its message
 *   delete     dms_list; dms_group_drop_region (send its message if any),
 *              dms_msg_delete
 *   clear      dms_msg_clear; print: dms_msg_print, the reply shown as is
 *   list       dms_list (program id DMS_PROGRAM_ID, "" for all programs)
 *   report     dms_list, dms_populate (clear), dms_sum_area/region/group,
 *              dms_metric, dms_histogram_format
 *   group      dms_idset_parse, dms_group_check, dms_group_create; ungroup:
 *              dms_group_remove
 *   update_filemap  dms_list, dms_file_extents, dms_filemap_plan, then its
 *              deletes, creates, and a regroup or the leader's set_aux
 */
#ifndef LODM_DMSTATS_H
#define LODM_DMSTATS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "dm.h"

#define DMS_NSEC_PER_USEC	1000ull
#define DMS_NSEC_PER_MSEC	1000000ull
#define DMS_NSEC_PER_SEC	1000000000ull

/* A region or group id that is not there (libdm's DM_STATS_REGION_NOT_PRESENT). */
#define DMS_NONE		UINT64_MAX
/* libdm's message buffer: a longer message is refused with -EMSGSIZE. */
#define DMS_MSG_MAX		1024
/* dmstats' program id (DM_STATS_PROGRAM_ID). */
#define DMS_PROGRAM_ID		"dmstats"
/*
 * Bounds on what a reply may hold (more is -EPROTO): region ids (the
 * kernel gives the lowest free one; each region costs it far more memory
 * than ours), and lines of one @stats_print.
 */
#define DMS_MAX_REGIONS		(1u << 18)
#define DMS_MAX_AREAS		(1u << 24)
/* The group descriptor in aux data: DMS_GROUP=ALIAS:MEMBERS#USERDATA */
#define DMS_GROUP_TAG		"DMS_GROUP="

/* ------------------------------------------------------------------ */
/* Region id sets: "1,3,5-7", as libdm's dm_bitset_parse_list reads them. */

struct dms_idset {
	uint64_t *ids;		/* ascending, no repeats */
	size_t n;
	/*
	 * libdm's bitset size: one more than the highest id the text named
	 * (what its "Invalid region ID: %d" prints, less one); 0 when empty.
	 */
	uint64_t nbits;
};

/*
 * Parses a comma-separated list of ids and "A-B" ranges, blanks allowed
 * around each item but not between digits.  An empty text is an empty
 * set.  -EINVAL: not such a list (a range downwards, a '-' without an end,
 * a character other than digits, '-', ',' and blanks); -ERANGE: an id past
 * 2^32-1 (libdm counts in unsigned int); -E2BIG: more than 65536 ids (more
 * than any table holds: libdm's "Invalid region ID" follows); -ENOMEM.
 */
int dms_idset_parse(const char *text, struct dms_idset *set);
/* 1 when id is in set. */
int dms_idset_has(const struct dms_idset *set, uint64_t id);
/* Adds id (keeping the order); -ENOMEM. */
int dms_idset_add(struct dms_idset *set, uint64_t id);
/*
 * Writes set as libdm writes a group's members: runs of consecutive ids
 * as "A-B", others alone, comma-separated ("0-2,5").  Returns the length,
 * -ENOSPC when it does not fit in size (NUL included), -EINVAL when empty.
 */
int dms_idset_format(const struct dms_idset *set, char *buf, size_t size);
void dms_idset_free(struct dms_idset *set);

/* ------------------------------------------------------------------ */
/* Histogram bounds. */

/* Bin boundaries in nanoseconds, ascending; upper[i] is bin i's upper bound. */
struct dms_bounds {
	int nr_bins;
	uint64_t *upper;
};

/* What a bounds text did wrong (the CLI's wording). */
enum dms_bounds_error {
	DMS_BOUNDS_OK = 0,
	/* "Invalid character in histogram: %c" (*at; '\0' at the end) */
	DMS_BOUNDS_BAD_CHAR,
	/* "Empty histogram bin not allowed: %s" (the whole text) */
	DMS_BOUNDS_EMPTY_BIN,
};

/*
 * Parses --bounds as libdm's dm_histogram_bounds_from_string: values
 * separated by ',', each with an optional unit s, ms, us or ns (a unit
 * stays in force for the values after it that have none, as in libdm;
 * none yet: nanoseconds).  nr_bins is one more than the number of commas;
 * bins a trailing or doubled comma leaves unfilled are 0 (libdm's; the
 * order check of dms_bounds_arg then refuses them).  An empty text is a bad
 * character at its end, and so is the start of a value that follows a
 * lone unit without a comma ("s1ms": libdm overruns its table there).
 * -EINVAL with *err (and *at for a bad character:
 * the offending character in text), -ENOMEM.  Values past 2^64-1 saturate
 * and a unit's product wraps, as in libdm.
 */
int dms_bounds_parse(const char *text, struct dms_bounds *b,
		     enum dms_bounds_error *err, const char **at);

/*
 * The kernel's histogram argument for a @stats_create ("n1,n2,..."),
 * without the "histogram:" prefix: in nanoseconds when *precise or when a
 * bound is not whole milliseconds (then *precise is set, as libdm turns
 * precise_timestamps on), else in milliseconds.  -ENODATA: no bins
 * ("Cannot format empty histogram description."); -EDOM: not ascending
 * ("Histogram boundaries must be in order of increasing magnitude.");
 * -ENOSPC.
 */
int dms_bounds_arg(const struct dms_bounds *b, int *precise, char *buf, size_t size);

/* 1 when a and b have the same bins (libdm's check before grouping). */
int dms_bounds_equal(const struct dms_bounds *a, const struct dms_bounds *b);
int dms_bounds_copy(struct dms_bounds *to, const struct dms_bounds *from);
void dms_bounds_free(struct dms_bounds *b);

/* Bin bin's lower bound: 0 for the first, else the previous upper. */
uint64_t dms_bin_lower(const struct dms_bounds *b, int bin);

/* dm_histogram_to_string's flags, same values. */
enum {
	DMS_HIST_SUFFIX = 0x1,		/* bounds in the largest whole unit: 1ms, 500us */
	DMS_HIST_VALUES = 0x2,		/* the counts */
	DMS_HIST_PERCENT = 0x4,		/* the counts as percentages of the sum */
	DMS_HIST_BOUNDS_LOWER = 0x10,
	DMS_HIST_BOUNDS_UPPER = 0x20,
	DMS_HIST_BOUNDS_RANGE = 0x30,	/* "lower-upper" */
};
/*
 * A histogram as text, as libdm's dm_histogram_to_string: one bin (bin >=
 * 0) or all (bin < 0), counts[] the bins' counts (may be NULL without
 * DMS_HIST_VALUES/PERCENT), width the column width (0: the default, < 0:
 * no padding).  Returns the length, -ENOSPC, -EINVAL.
 */
int dms_histogram_format(const struct dms_bounds *b, const uint64_t *counts, int bin,
			 int width, int flags, char *buf, size_t size);
/*
 * A bin's share of the histogram's sum as libdm's dm_percent_t (percent
 * times 1000000), dm_histogram_get_bin_percent's rounding included.
 */
int32_t dms_bin_percent(const struct dms_bounds *b, const uint64_t *counts, int bin);

/* ------------------------------------------------------------------ */
/* Aux data: the region's word that carries group descriptors. */

struct dms_aux {
	int has_group;		/* a DMS_GROUP descriptor was there */
	char *alias;		/* the group's alias; NULL: none */
	struct dms_idset members;
	char *user_data;	/* the user's part; "" when none */
};

/*
 * Reads the aux data of region region_id (as @stats_list shows it, "-"
 * meaning none) as libdm 1.02.185 does: no DMS_GROUP= tag: all of it is
 * user data ("" for "-"); a tag: the alias runs to the first ':', the
 * members to '#', the user data after it ("-" being none).  The group's id
 * is its first member and must be region_id.  A bad descriptor leaves *aux
 * without a group and with the user data libdm keeps (all of the text when
 * there is no ':', else the text before the ':'), and says which libdm
 * message goes with it:
 *   -EINVAL  no ':' ("Found malformed group tag while reading aux_data")
 *   -EBADMSG not a member list ("Could not parse member list while reading
 *            group aux_data")
 *   -EXDEV   no member, or the first is not region_id ("Found invalid group
 *            descriptor in region %llu aux_data.")
 * then libdm's "Failed to parse group descriptor from region_id %llu
 * aux_data:'%s'" with the user data kept.  -ENOMEM.
 */
int dms_aux_parse(const char *text, uint64_t region_id, struct dms_aux *aux);
/*
 * The group descriptor libdm writes: "DMS_GROUP=ALIAS:MEMBERS" (ALIAS empty
 * when NULL).  Returns the length, -ENOSPC, -EINVAL (no members).
 */
int dms_group_tag(const char *alias, const struct dms_idset *members, char *buf, size_t size);
void dms_aux_free(struct dms_aux *aux);

/* ------------------------------------------------------------------ */
/* Messages: the text of each, byte for byte as libdm 1.02.185 builds it. */

struct dms_create {
	uint64_t start, len;	/* both 0: the whole device ("-") */
	/* > 0: area size in sectors; < 0: -step areas ("/N"); 0: one area
	 * (libdm sends "0" then, and the kernel makes one area) */
	int64_t step;
	int precise;		/* precise_timestamps */
	const char *hist_arg;	/* dms_bounds_arg's text, or NULL */
	const char *program_id;	/* NULL: DMS_PROGRAM_ID; "": none ("-") */
	const char *user_data;	/* as given, "" for none */
};
/* "@stats_create RANGE STEP [N precise_timestamps histogram:...] PROGRAM AUX" */
int dms_msg_create(const struct dms_create *c, char *buf, size_t size);
/* "@stats_delete ID", "@stats_clear ID" */
int dms_msg_delete(uint64_t region_id, char *buf, size_t size);
int dms_msg_clear(uint64_t region_id, char *buf, size_t size);
/* "@stats_list PROGRAM" (program_id "" lists every program's regions) */
int dms_msg_list(const char *program_id, char *buf, size_t size);
/* "@stats_print[_clear] ID [START COUNT]" (both 0: every line) */
int dms_msg_print(uint64_t region_id, unsigned start_line, unsigned nr_lines, int clear,
		  char *buf, size_t size);
/* "@stats_set_aux ID [GROUPTAG#]USERDATA " (group_tag NULL: none; user data "" is "-") */
int dms_msg_set_aux(uint64_t region_id, const char *group_tag, const char *user_data,
		    char *buf, size_t size);
/* Each returns the length, or -EMSGSIZE when it does not fit (size <= DMS_MSG_MAX). */

/*
 * Appends a target message for sector 0 to r (which already names the
 * device): a struct dm_target_msg and the NUL-terminated text.  Send it
 * with DM_TARGET_MSG; the reply's text is dm_reply_message(r->io).
 */
int dms_req_message(struct dm_req *r, const char *msg);

/*
 * How the model's operations send a message: 0 with *reply the target's
 * answer (malloc'd, NULL when the kernel returned no text), or -errno.  The
 * CLI passes its own (its -vv line and libdm's ioctl failure message);
 * dms_send_ctl is the plain one.
 */
typedef int (*dms_send_fn)(void *ctx, const char *msg, char **reply);
struct dms_ctl {
	int fd;			/* the control device */
	struct dm_id id;	/* the device */
};
int dms_send_ctl(void *ctx /* struct dms_ctl */, const char *msg, char **reply);

/* ------------------------------------------------------------------ */
/* Replies. */

/* @stats_create's answer: the new region's id.  -EPROTO: no number (or NULL). */
int dms_parse_create_reply(const char *reply, uint64_t *region_id);

/* The 13 counters of an area, in the kernel's order. */
enum dms_counter {
	DMS_READS, DMS_READS_MERGED, DMS_READ_SECTORS, DMS_READ_NSECS,
	DMS_WRITES, DMS_WRITES_MERGED, DMS_WRITE_SECTORS, DMS_WRITE_NSECS,
	DMS_IO_IN_PROGRESS, DMS_IO_NSECS, DMS_WEIGHTED_IO_NSECS,
	DMS_TOTAL_READ_NSECS, DMS_TOTAL_WRITE_NSECS,
	DMS_NR_COUNTERS
};
struct dms_counters {
	uint64_t c[DMS_NR_COUNTERS];	/* times in ns */
	uint64_t *hist;			/* nr_bins counts (the region's bounds), or NULL */
};

/* One @stats_list line. */
struct dms_list_line {
	uint64_t region_id, start, len, step;
	const char *program_id;	/* into the line; length program_id_len */
	size_t program_id_len;
	const char *aux;	/* the aux word; length aux_len */
	size_t aux_len;
	int precise;
	const char *histogram;	/* after "histogram:", up to the line's end, or NULL */
	size_t histogram_len;
};
/*
 * Parses one line (without its '\n'): "ID: START+LEN STEP PROGRAM AUX
 * [precise_timestamps] [histogram:N,...]".  -EPROTO when it is not one
 * (numbers as unsigned decimal within 64 bits, single spaces).
 */
int dms_parse_list_line(const char *line, size_t len, struct dms_list_line *out);
/*
 * A "histogram:" list of boundaries (n1,n2,...) in the region's clock
 * (timescale 1 or DMS_NSEC_PER_MSEC) into bounds in ns, with the kernel's
 * implicit last bin (upper UINT64_MAX): nr_bins is one more than the
 * values.  -EPROTO, -ENOMEM.
 */
int dms_parse_histogram_spec(const char *text, size_t len, uint64_t timescale,
			     struct dms_bounds *b);

/*
 * One @stats_print line (without '\n'): "START+LEN" and 13 counters, then
 * when nr_bins > 0 the histogram "a:b:...", exactly nr_bins counts, into
 * hist (nr_bins entries).  Times are scaled by timescale.  -EPROTO.
 */
int dms_parse_print_line(const char *line, size_t len, uint64_t timescale, int nr_bins,
			 uint64_t *start, uint64_t *area_len, uint64_t c[DMS_NR_COUNTERS],
			 uint64_t *hist);

/* ------------------------------------------------------------------ */
/* The model: a device's regions and groups (libdm's struct dm_stats). */

struct dms_region {
	uint64_t id;		/* DMS_NONE: a hole in the table */
	uint64_t start, len, step;	/* sectors; step 0 on a one-area region */
	char *program_id;	/* "" for "-" */
	char *aux_data;		/* the user data, the group descriptor taken out */
	uint64_t timescale;	/* 1: precise_timestamps, else DMS_NSEC_PER_MSEC */
	struct dms_bounds bounds;	/* nr_bins 0: no histogram */
	uint64_t group_id;	/* DMS_NONE: not grouped */
	uint64_t nr_areas;	/* libdm's count: ceil(len/step), 1 when step or len is 0 */
	struct dms_counters *areas;	/* nr_areas, after dms_parse_print; else NULL */
};

struct dms_group {
	uint64_t id;		/* DMS_NONE: no group with this id */
	char *alias;		/* NULL: none */
	struct dms_idset members;
};

struct dms {
	uint64_t nr_slots;		/* ids 0..nr_slots-1: regions[] and groups[] */
	struct dms_region *regions;	/* indexed by region id */
	struct dms_group *groups;	/* indexed by group id (= its first region) */
	uint64_t nr_regions;		/* present ones */
	uint64_t interval_ns;		/* the sampling interval, for the metrics */
};

/* An empty model (no regions, interval 0). */
void dms_init(struct dms *s);
void dms_free(struct dms *s);

/* A region whose group descriptor dms_aux_parse refused. */
struct dms_bad_aux {
	uint64_t region;
	int error;		/* dms_aux_parse's code */
	char *user_data;	/* what it kept of the aux data (what libdm prints) */
};
/* What dms_parse_list found wrong (the CLI tells it as libdm does);
 * dms_list_note_free releases it. */
struct dms_list_note {
	/* every region with a bad group descriptor, in the reply's order */
	struct dms_bad_aux *bad;
	size_t nr_bad;
	/* "Group descriptor %lld contains non-existent region_id %lld." */
	uint64_t missing_group, missing_region;	/* DMS_NONE: none; the last one found */
};
/*
 * Replaces s's regions and groups by those of a @stats_list reply (as
 * dm_stats_list): a region per line, groups read from the aux data
 * (dms_aux_parse; a bad descriptor leaves its region ungrouped and is
 * noted), members that do not exist dropped (noted), each member's
 * group_id set (a region that two descriptors claim is the later group's,
 * and stays in both member lists, as in libdm: hand-made aux data only).
 * An empty reply is no regions.  note may be NULL (else it is reset: free
 * it first); on failure it is empty.  -EPROTO (s then empty), -ENOMEM.
 */
int dms_parse_list(const char *reply, struct dms *s, struct dms_list_note *note);
void dms_list_note_free(struct dms_list_note *note);

/*
 * Fills region region_id's areas from a @stats_print reply (as
 * dm_stats_populate for one region): a line per area, each histogram of the
 * region's bin count; the region's start, step and len become what the
 * lines say (libdm's).  -ENOENT: no such region; -EPROTO: a bad line or no
 * line; -ENOMEM.
 */
int dms_parse_print(const char *reply, struct dms *s, uint64_t region_id);

/* 1 when region id is present. */
int dms_region_present(const struct dms *s, uint64_t region_id);
/* 1 when group id is present. */
int dms_group_present(const struct dms *s, uint64_t group_id);
/* The number of groups present. */
uint64_t dms_nr_groups(const struct dms *s);
/* An area's start on the device, and its offset in its region (sectors). */
uint64_t dms_area_start(const struct dms_region *r, uint64_t area);
uint64_t dms_area_offset(const struct dms_region *r, uint64_t area);
/* The area's length: step, or the region's length for a one-area region. */
uint64_t dms_area_len(const struct dms_region *r);
/* A group's length: the sum of its regions' lengths; its start: its first region's. */
uint64_t dms_group_len(const struct dms *s, uint64_t group_id);

/*
 * Sums of counters (and histogram counts) as libdm aggregates them, into
 * *out (out->hist allocated when the region has bins; free it with
 * dms_counters_release): one area; all areas of a region; all areas of all
 * regions of a group.  -ENOENT: no such region/area/group or its counters
 * not read yet; -ENOMEM.
 */
int dms_sum_area(const struct dms *s, uint64_t region_id, uint64_t area, struct dms_counters *out);
int dms_sum_region(const struct dms *s, uint64_t region_id, struct dms_counters *out);
int dms_sum_group(const struct dms *s, uint64_t group_id, struct dms_counters *out);
void dms_counters_release(struct dms_counters *c);
/*
 * now - before, counter by counter (in flight is now's: a gauge), with
 * histograms of nr_bins: for callers that sample without clearing.
 */
void dms_counters_delta(const struct dms_counters *now, const struct dms_counters *before,
			int nr_bins, struct dms_counters *out);

/* ------------------------------------------------------------------ */
/* Derived metrics (libdm's dm_stats_get_metric), over an interval. */

enum dms_metric {
	DMS_RD_MERGES_PER_SEC,		/* rrqm/s (libdm divides by the interval in ns) */
	DMS_WR_MERGES_PER_SEC,		/* wrqm/s (likewise) */
	DMS_READS_PER_SEC,		/* r/s */
	DMS_WRITES_PER_SEC,		/* w/s */
	DMS_READ_SECTORS_PER_SEC,	/* rsec/s */
	DMS_WRITE_SECTORS_PER_SEC,	/* wsec/s */
	DMS_AVERAGE_REQUEST_SIZE,	/* avgrqsz, sectors */
	DMS_AVERAGE_QUEUE_SIZE,		/* avgqusz */
	DMS_AVERAGE_WAIT_TIME,		/* await, ns */
	DMS_AVERAGE_RD_WAIT_TIME,	/* r_await, ns */
	DMS_AVERAGE_WR_WAIT_TIME,	/* w_await, ns */
	DMS_SERVICE_TIME,		/* svctm, ns */
	DMS_THROUGHPUT,			/* tput, I/Os per second */
	DMS_UTILIZATION,		/* util, 0.0 .. 1.0 */
	DMS_NR_METRICS
};
/*
 * The metric of counters c (a delta: what @stats_print_clear returns, or
 * dms_counters_delta's) over interval_ns, with libdm's arithmetic exactly
 * (its double and percent conversions, its zero guards).  -EINVAL: interval
 * 0 or an unknown metric (*value 0).
 */
int dms_metric(const struct dms_counters *c, uint64_t interval_ns, enum dms_metric m,
	       double *value);
/* util as libdm's dm_percent_t (dm_stats_get_utilization): dm_make_percent's rounding. */
int dms_utilization_percent(const struct dms_counters *c, uint64_t interval_ns, int32_t *pct);
/* libdm's dm_make_percent (DM_PERCENT_1 = 1000000 is 1%). */
int32_t dms_make_percent(uint64_t numerator, uint64_t denominator);

/* ------------------------------------------------------------------ */
/* Groups: the checks and texts of dm_stats_create_group / delete_group. */

/* What dms_group_check found. */
struct dms_group_check {
	uint64_t region;	/* the region named by an error */
	uint64_t group;		/* -EBUSY: the group it belongs to */
	int mixed_precision;	/* "WARNING: Grouping regions with different clock resolution: precision may be lost." */
	/* "WARNING: region IDs %llu and %llu overlap. Some events will be counted twice."
	 * for each pair, in libdm's order */
	size_t nr_overlaps;
	uint64_t (*overlaps)[2];	/* malloc'd; the caller frees */
};
/*
 * Checks that members can form a new group as libdm does, in its order:
 * -ENODATA: no regions listed ("Could not create group: no regions
 * found."); -ERANGE: an id past the table (region = members.nbits - 1:
 * "Invalid region ID: %d"; members empty: DMS_NONE, which libdm prints
 * as -1); -ENOENT: region missing ("Region ID %d does
 * not exist"); -EBUSY: region already grouped ("Region ID %d already a
 * member of group ID %llu"); -EDOM: histogram bounds differ ("All region
 * histogram bounds must match exactly"; regions without a histogram are
 * not compared).  On 0 the warnings are in *chk (free chk->overlaps).
 * -ENOMEM.
 */
int dms_group_check(const struct dms *s, const struct dms_idset *members,
		    struct dms_group_check *chk);
/*
 * Makes the group in s (id: its first member; members and alias copied,
 * each member's group_id set) and writes the @stats_set_aux message that
 * stores it in the leader's aux data (the caller sends it); *group_id the
 * new group's.  Call dms_group_check first.  -EEXIST: the leader already
 * leads a group; -EMSGSIZE; -ENOMEM.
 */
int dms_group_create(struct dms *s, const struct dms_idset *members, const char *alias,
		     uint64_t *group_id, char *msg, size_t size);
/*
 * Removes group group_id from s (its regions ungrouped) and writes the
 * @stats_set_aux message that clears the leader's descriptor (its user data
 * kept): ungroup.  -ENOENT: no such group ("Group ID %llu does not exist");
 * -ERANGE: past the table ("Invalid group ID: %llu").
 *
 * Deleting a group with its regions goes as libdm's dm_stats_delete_group:
 * for each member above the leader, highest first, dms_group_drop_region
 * (send its @stats_set_aux) then @stats_delete; then dms_group_remove (its
 * message not sent) and @stats_delete of the leader.
 */
int dms_group_remove(struct dms *s, uint64_t group_id, char *msg, size_t size);
/*
 * Before deleting region region_id that is grouped (libdm's
 * _stats_remove_region_id_from_group): takes it out of its group (the
 * whole group goes when it is the leader) and writes the @stats_set_aux
 * message for the leader, to be sent before the @stats_delete.  0 with
 * *msg "" when the region is not grouped.
 */
int dms_group_drop_region(struct dms *s, uint64_t region_id, char *msg, size_t size);

/* ------------------------------------------------------------------ */
/* Operations over a sender: message, reply, model, in libdm's order. */

/* dm_stats_list: "@stats_list PROGRAM" and dms_parse_list. */
int dms_list(dms_send_fn send, void *ctx, const char *program_id, struct dms *s,
	     struct dms_list_note *note);
/*
 * dm_stats_populate: every present region (region_id DMS_NONE) or one,
 * with "@stats_print_clear ID" when clear (as dmstats report does) or
 * "@stats_print ID", each reply parsed into s.
 */
int dms_populate(dms_send_fn send, void *ctx, struct dms *s, uint64_t region_id, int clear);
/* dm_stats_create_region: "@stats_create ..." and its reply's id. */
int dms_create_region(dms_send_fn send, void *ctx, const struct dms_create *c,
		      uint64_t *region_id);

/* ------------------------------------------------------------------ */
/* File extents (FIEMAP), for --filemap and update_filemap. */

struct dms_extent {
	uint64_t id;		/* the extent's index, or a region id */
	uint64_t start, len;	/* sectors on the device */
};

/*
 * Checks fd can be mapped as libdm does, in its order: -EOPNOTSUPP: on
 * btrfs ("Cannot map file: btrfs does not provide physical FIEMAP extent
 * data."); -EINVAL: not a regular file ("Not a regular file"); -ENODEV:
 * not on a device-mapper device ("Cannot map file: not a device-mapper
 * device."); -errno of fstatfs/fstat.  *devno: the file system's device.
 */
int dms_file_check(int fd, dev_t *devno);
/*
 * The file's physical extents (FS_IOC_FIEMAP with FIEMAP_FLAG_SYNC), joined
 * where the physical addresses continue each other, unknown and delayed
 * allocations left out, in sectors, as libdm maps them.  -ENODATA: no
 * allocated extent ("Cannot map file: no allocated extents."); -errno of
 * the ioctl (-EBADR: unknown flags, "FIEMAP failed with unknown flags %x.").
 */
int dms_file_extents(int fd, struct dms_extent **ext, uint64_t *count);
/*
 * The same over FIEMAP replies already read (for tests and fuzzing): each
 * call takes one reply's extents, as libdm's loop does; *eof set after the
 * last.  Call dms_extent_map_finish to get the table.
 */
struct fiemap_extent;
struct dms_extent_map {
	struct dms_extent *ext;
	uint64_t n, alloc;
	uint64_t pending_logical, pending_physical, pending_length;	/* the extent being joined */
	uint64_t last_logical, last_physical, last_length;		/* the last one seen */
	int eof;
	uint64_t next_start;	/* fm_start for the next FIEMAP call */
};
void dms_extent_map_init(struct dms_extent_map *m);
int dms_extent_map_add(struct dms_extent_map *m, const struct fiemap_extent *fe, unsigned nr);
int dms_extent_map_finish(struct dms_extent_map *m, struct dms_extent **ext, uint64_t *count);

/*
 * update_filemap's plan for group group_id (libdm's
 * dm_stats_update_regions_from_fd): the group's regions whose start+len is
 * not among ext are deleted (from the highest id down), the others kept,
 * and a region is created for each extent not kept; regroup when the
 * leader is deleted (the group is then made again from the result).
 */
struct dms_filemap_plan {
	uint64_t *delete_ids;	/* in libdm's order */
	uint64_t nr_delete;
	struct dms_extent *keep;	/* id: the kept region */
	uint64_t nr_keep;
	uint64_t *create;	/* indexes into ext of extents needing a region */
	uint64_t nr_create;
	uint64_t *region_of;	/* per extent: its kept region, or DMS_NONE (to create) */
	int regroup;
};
/* count 0 (the file has no extents left): every region goes.  -ENOENT:
 * no such group ("Group ID %llu does not exist."), -ENOMEM. */
int dms_filemap_plan(const struct dms *s, uint64_t group_id, const struct dms_extent *ext,
		     uint64_t count, struct dms_filemap_plan *plan);
void dms_filemap_plan_free(struct dms_filemap_plan *plan);

#endif
