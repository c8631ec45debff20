/*
 * The statistics fields of the report (fields.c lists them): the stats
 * object a row shows, libdm's walk over a device's regions, areas and
 * groups that makes the rows, and each field's value with libdevmapper's
 * formatting (dm_size_to_string's units, "%.2f" metrics, histograms).
 */
#ifndef DMSETUP_STATSFIELDS_H
#define DMSETUP_STATSFIELDS_H

#include <stdint.h>

#include "dmstats.h"
#include "report.h"

/*
 * libdm's walk flags (DM_STATS_WALK_*), with their values: the cursor
 * below encodes aggregates with them as libdm does, and the fields compute
 * with that encoding as libdm does (an area start on a region row included).
 */
#define STATS_WALK_AREA		0x1000000000000ull
#define STATS_WALK_REGION	0x2000000000000ull
#define STATS_WALK_GROUP	0x4000000000000ull
#define STATS_WALK_ALL		0x7000000000000ull
#define STATS_WALK_SKIP_SINGLE_AREA 0x8000000000000ull

/* What a row shows: an object of a device's stats and the report's clock. */
struct stats_cursor {
	const struct dms *s;
	const char *dev_name;	/* the stats name of regions without a group alias */
	uint64_t walk_flags;	/* what the walk visits */
	uint64_t flags;		/* what is left of them */
	/*
	 * libdm's cursor: an area (region, area), a region (region,
	 * STATS_WALK_REGION) or a group (STATS_WALK_GROUP twice, group)
	 */
	uint64_t region, area, group;
	uint64_t interval_ns;	/* the sampling interval (interval_ns field, metrics) */
	int counted;		/* the model has counters (@stats_print was read) */
	struct dms_counters sum;	/* the object's counters, when counted */
	int have_sum;
};

/* The walk (dm_stats_walk_start/next/end): start, then next until end says 1. */
void stats_walk_start(struct stats_cursor *w);
void stats_walk_next(struct stats_cursor *w);
int stats_walk_end(struct stats_cursor *w);
/* The current object's counters into w->sum (when w->counted); 0 or -errno. */
int stats_cursor_sum(struct stats_cursor *w);
void stats_cursor_release(struct stats_cursor *w);

/*
 * How sizes, times and histograms are shown: --units (h when not given),
 * --notimesuffix, --noheadings (histograms are then not padded).
 */
struct stats_format {
	char units;
	uint64_t units_factor;
	int notimesuffix;
	int unpadded;
};
extern struct stats_format stats_format;

/*
 * libdevmapper's dm_size_to_string for a size in sectors as dmsetup's
 * stats fields ask for it (SI units allowed, the suffix only in the human
 * units h/H/r/R): "0", "683.00k", "1.02m", "512" with --units b.
 */
void stats_size_text(uint64_t sectors, char units, uint64_t factor, char *buf, size_t size);

/* The field getters; obj is a report row (fields.c's, dev_row_stats gives its object). */
#define STATS_GETTER(name) int stats_get_##name(void *obj, struct report_cell *c)
STATS_GETTER(reads);
STATS_GETTER(reads_merged);
STATS_GETTER(read_sectors);
STATS_GETTER(read_nsecs);
STATS_GETTER(writes);
STATS_GETTER(writes_merged);
STATS_GETTER(write_sectors);
STATS_GETTER(write_nsecs);
STATS_GETTER(io_in_progress);
STATS_GETTER(io_nsecs);
STATS_GETTER(weighted_io_nsecs);
STATS_GETTER(total_read_nsecs);
STATS_GETTER(total_write_nsecs);
STATS_GETTER(rrqm);
STATS_GETTER(wrqm);
STATS_GETTER(rs);
STATS_GETTER(ws);
STATS_GETTER(read_secs);
STATS_GETTER(write_secs);
STATS_GETTER(arqsz);
STATS_GETTER(qusz);
STATS_GETTER(await);
STATS_GETTER(r_await);
STATS_GETTER(w_await);
STATS_GETTER(tput);
STATS_GETTER(svctm);
STATS_GETTER(util);
STATS_GETTER(hist_count);
STATS_GETTER(hist_count_bounds);
STATS_GETTER(hist_count_ranges);
STATS_GETTER(hist_percent);
STATS_GETTER(hist_percent_bounds);
STATS_GETTER(hist_percent_ranges);
STATS_GETTER(interval_ns);
STATS_GETTER(interval);
STATS_GETTER(region_id);
STATS_GETTER(region_start);
STATS_GETTER(region_len);
STATS_GETTER(area_id);
STATS_GETTER(area_start);
STATS_GETTER(area_len);
STATS_GETTER(area_offset);
STATS_GETTER(area_count);
STATS_GETTER(group_id);
STATS_GETTER(program_id);
STATS_GETTER(user_data);
STATS_GETTER(precise);
STATS_GETTER(hist_bins);
STATS_GETTER(hist_bounds);
STATS_GETTER(hist_ranges);
STATS_GETTER(stats_name);
STATS_GETTER(obj_type);
#undef STATS_GETTER

#endif
