/*
 * dmsetup stats list / report (dmstats list / report): lvm2's report of
 * each device's stats objects, walked as libdm walks them (statsfields.c),
 * through the report of info -c (fields.c), repeated with --count and
 * --interval as lvm2's main loop repeats it.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices.h"
#include "dmsetup.h"
#include "dmstats.h"
#include "fields.h"
#include "log.h"
#include "repeat.h"
#include "report.h"
#include "stats.h"
#include "statsfields.h"

/* The default fields, as lvm2's dmsetup names them ("statsname" is stats_name to the report). */
#define STATS_DEV_INFO "statsname,group_id,region_id,obj_type"
#define STATS_AREA_INFO "area_id,area_start,area_len"
#define STATS_AREA_INFO_FULL STATS_DEV_INFO ",region_start,region_len,area_count,area_id,area_start,area_len"
#define STATS_REGION_INFO STATS_DEV_INFO ",region_start,region_len,area_count,area_len"
#define STATS_HIST STATS_REGION_INFO ",util,await"
#define RD_COUNTERS "read_count,reads_merged_count,read_sector_count,read_time,read_ticks"
#define WR_COUNTERS "write_count,writes_merged_count,write_sector_count,write_time,write_ticks"
#define IO_COUNTERS "in_progress_count,io_ticks,queue_ticks"
#define METRICS "reads_merged_per_sec,writes_merged_per_sec,reads_per_sec,writes_per_sec," \
	"read_size_per_sec,write_size_per_sec,avg_request_size,queue_size,util," \
	"await,read_await,write_await"

static const char *default_fields(int list)
{
	if (list && sopt.histogram)
		return opt.verbose ? STATS_AREA_INFO_FULL ",hist_bins,hist_bounds" :
			STATS_REGION_INFO ",hist_bins,hist_bounds";
	if (list)
		return opt.verbose ? STATS_AREA_INFO_FULL ",program_id" : STATS_REGION_INFO ",program_id";
	if (sopt.histogram)
		return sopt.relative ? STATS_HIST ",hist_percent_bounds" : STATS_HIST ",hist_count_bounds";
	return sopt.raw ? STATS_DEV_INFO "," STATS_AREA_INFO "," RD_COUNTERS "," WR_COUNTERS "," IO_COUNTERS :
		STATS_DEV_INFO "," STATS_AREA_INFO "," METRICS;
}

/* One run of the command, and the clock of the intervals. */
struct stats_run {
	struct info_report *ir;
	int counters;		/* the fields need @stats_print (read and cleared, as lvm2) */
	const char *program_id;
	uint64_t walk_flags;
	/* dmsetup's report clock: the first interval is taken to be --interval,
	 * the later ones measured after the first device's counters are read */
	uint64_t last_interval;
	struct timespec cycle;
	int have_cycle, new_interval;
};

static void update_interval(struct stats_run *run)
{
	struct timespec now;
	uint64_t delta;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!run->have_cycle) {
		run->have_cycle = 1;
		delta = opt.interval_ns;
		run->new_interval = 1;
	} else {
		delta = (uint64_t)(now.tv_sec - run->cycle.tv_sec) * DMS_NSEC_PER_SEC +
			(uint64_t)now.tv_nsec - (uint64_t)run->cycle.tv_nsec;
	}
	if (run->new_interval) {
		run->cycle = now;
		run->last_interval = delta;
		run->new_interval = 0;
	}
}

/* dm_stats_populate: every present region's counters, read and cleared; 0 or -errno. */
static int read_counters(const char *dev, struct dms *s)
{
	char msg[DMS_MSG_MAX], *reply;
	uint64_t id;
	int rc;

	for (id = 0; id < s->nr_slots; id++) {
		if (!dms_region_present(s, id))
			continue;
		if ((rc = dms_msg_print(id, 0, 0, 1, msg, sizeof(msg))) < 0 ||
		    (rc = stats_send((void *)dev, msg, &reply)) < 0)
			return rc;
		rc = dms_parse_print(reply, s, id);
		free(reply);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The rows of one device's stats, as lvm2's _display_info_cols makes them. */
static enum cmd_result device_rows(const char *dev, void *arg)
{
	struct stats_run *run = arg;
	struct stats_cursor w = { 0 };
	enum cmd_result res = CMD_OK;
	struct dm_req r;
	struct dms s;
	int rc;

	if ((rc = device_status(dev, &r)) < 0) {
		if (rc == -ENXIO)
			log_err("Device does not exist.");
		dm_req_free(&r);
		return CMD_FAILED;
	}
	dms_init(&s);
	if (run->counters) {
		/* (lvm2 reports nothing, and no failure, when the counters cannot be read) */
		if (stats_list_regions(dev, run->program_id, &s) < 0 || !s.nr_regions ||
		    read_counters(dev, &s) < 0)
			goto out;
		update_interval(run);
		w.counted = 1;
	} else {
		if (stats_list_regions(dev, run->program_id, &s) < 0) {
			res = CMD_FAILED;
			goto out;
		}
		if (!s.nr_regions)
			goto out;
	}
	/* a group report of a device without groups is no error */
	if (run->walk_flags == STATS_WALK_GROUP && !dms_nr_groups(&s))
		goto out;
	w.s = &s;
	w.dev_name = r.io->name;
	w.walk_flags = run->walk_flags;
	w.interval_ns = run->last_interval;
	stats_walk_start(&w);
	do {
		if (stats_cursor_sum(&w) < 0 || stats_columns_add(run->ir, r.io, &w) < 0) {
			res = CMD_FAILED;
			break;
		}
		stats_walk_next(&w);
	} while (!stats_walk_end(&w));
	stats_cursor_release(&w);
out:
	dms_free(&s);
	dm_req_free(&r);
	return res;
}

/* What the walk visits: --area/--region/--group, else regions and groups
 * (list -v and a plain report: areas first, then the regions of several areas). */
static uint64_t walk_flags(int list)
{
	int chosen = sopt.area || sopt.region || sopt.group;
	uint64_t flags = chosen ? 0 : STATS_WALK_REGION | STATS_WALK_GROUP;

	if (sopt.area)
		flags |= STATS_WALK_AREA;
	if (sopt.region)
		flags |= STATS_WALK_REGION;
	if (sopt.group)
		flags |= STATS_WALK_GROUP;
	if ((list && opt.verbose) || (!list && !chosen))
		flags |= STATS_WALK_ALL | STATS_WALK_SKIP_SINGLE_AREA;
	return flags;
}

static enum cmd_result run_report(int argc, char **argv, int list)
{
	struct stats_run run = { 0 };
	struct report *r;
	enum cmd_result res = CMD_OK;
	/* as lvm2: no repeating a report that shows its help */
	int help = opt.options && strstr(opt.options, "help");
	int named = argc > 1 || opt.uuid || opt.have_major;
	uint64_t times;

	if (!(run.ir = stats_columns_init(default_fields(list), list)))
		return CMD_TOLD;
	r = stats_columns_report(run.ir);
	if (opt.have_units && !opt.units_factor && check_units() < 0) {
		stats_columns_free(run.ir);
		return CMD_TOLD;
	}
	stats_format.units = opt.have_units ? opt.units : 'h';
	stats_format.units_factor = opt.have_units ? opt.units_factor : 1;
	stats_format.notimesuffix = sopt.notimesuffix;
	stats_format.unpadded = opt.noheadings;
	run.counters = stats_columns_use_counters(run.ir);
	run.program_id = sopt.allprograms ? "" : sopt.programid ? sopt.programid : STATS_PROGRAM_ID;
	run.walk_flags = walk_flags(list);
	times = help ? 1 : repeat_count();
	if (times > 1 && interval_start() < 0) {
		stats_columns_free(run.ir);
		return CMD_TOLD;
	}
	do {
		res = stats_each_device(argc, argv, STATS_EVERY_DEVICE, device_rows, &run);
		/* lvm2 drops the report when a device it was given fails (not one it listed) */
		if (res == CMD_OK || !named)
			if (report_output(r) < 0 && res == CMD_OK)
				res = CMD_FAILED;
		report_clear(r);
		if (res != CMD_OK)
			break;
		if (times > 1) {
			putchar('\n');
			fflush(stdout);
			if (interval_wait() < 0) {
				res = CMD_TOLD;
				break;
			}
			run.new_interval = 1;
		}
	} while (--times);
	interval_stop();
	stats_columns_free(run.ir);
	return res;
}

enum cmd_result stats_list(int argc, char **argv)
{
	return run_report(argc, argv, 1);
}

enum cmd_result stats_report(int argc, char **argv)
{
	return run_report(argc, argv, 0);
}

int stats_report_setup(void)
{
	struct info_report *ir;

	if (!opt.options && !opt.select && !opt.sort)
		return 0;
	if (!(ir = stats_columns_init(default_fields(0), 0)))
		return -EINVAL;
	stats_columns_free(ir);
	return 0;
}
