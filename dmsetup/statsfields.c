/*
 * The statistics fields' values (statsfields.h): libdm's walk over a
 * device's stats objects and what lvm2's dmsetup shows of each.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "dmsetup.h"
#include "fields.h"
#include "jsonput.h"
#include "statsfields.h"

struct stats_format stats_format = { 'h', 1, 0, 0 };

/* ------------------------------------------------------------------ sizes */

/* The unit letters dm_size_to_string knows, largest first (its table). */
static const char si_1000[] = "EPTGMK";
static const char si_1024[] = "eptgmk";
static const char special[] = "BUS";

void stats_size_text(uint64_t sectors, char units, uint64_t factor, char *buf, size_t size)
{
	const char *letters = NULL, *suffix = "";
	uint64_t bytes, base, divisor;
	const char *prefix = "";
	char letter[2] = { 0 }, upper;
	int precision, s;

	if (strchr(si_1000, units) && units)
		letters = si_1000;
	else if (strchr(si_1024, units) && units)
		letters = si_1024;
	if (!sectors) {
		snprintf(buf, size, "0");	/* (no suffix asked: the human units add theirs later) */
		return;
	}
	bytes = sectors * 512;	/* (wraps as libdevmapper's does) */
	upper = (char)(units >= 'a' && units <= 'z' ? units - 'a' + 'A' : units);
	if (letters || (units && strchr(special, upper))) {
		divisor = factor;
		precision = (upper == 'B' || upper == 'S') ? 0 : 2;
	} else {
		/* human: the largest unit the size reaches, and its letter */
		base = (units == 'H' || units == 'R') ? 1000 : 1024;
		letters = base == 1000 ? si_1000 : si_1024;
		divisor = base * base * base * base * base * base;
		for (s = 0; s < 6 && bytes < divisor; s++)
			divisor /= base;
		if (s < 6 && (units == 'R' || units == 'r')) {
			/* "<" when the two decimals round the size up (to nearest, ties to even) */
			double d = 100. * (double)bytes / (double)divisor, frac;
			uint64_t whole = (uint64_t)d;

			frac = d - (double)whole;
			if (frac > .5 || (frac == .5 && (whole & 1)))
				prefix = "<";
		}
		if (s < 6) {
			letter[0] = letters[s];
			suffix = letter;
			precision = 2;
		} else {
			suffix = base == 1000 ? "B" : "b";
			precision = 0;
		}
	}
	snprintf(buf, size, "%s%.*f%s", prefix, precision, (double)bytes / (double)divisor, suffix);
}

/* ------------------------------------------------------------------ the walk */

static uint64_t max_region(const struct dms *s)
{
	return s->nr_slots - 1;
}

static int region_present(const struct dms *s, uint64_t id)
{
	return id < s->nr_slots && s->regions[id].id != DMS_NONE;
}

static int group_present(const struct dms *s, uint64_t id)
{
	return id != DMS_NONE && id < s->nr_slots && s->groups[id].id != DMS_NONE;
}

static int region_grouped(const struct dms *s, uint64_t id)
{
	return region_present(s, id) && s->regions[id].group_id != DMS_NONE;
}

/* Whether the walk passes over region id (one area, when single-area regions are skipped). */
static int region_skipped(const struct stats_cursor *w, uint64_t id)
{
	return (w->flags & STATS_WALK_SKIP_SINGLE_AREA) && !(w->flags & STATS_WALK_AREA) &&
		w->s->regions[id].nr_areas < 2;
}

/* The next area of the region, else the next region the walk visits (or past the last). */
static void next_present(struct stats_cursor *w)
{
	const struct dms *s = w->s;

	if (w->region != DMS_NONE && (w->flags & STATS_WALK_AREA)) {
		if (++w->area < s->regions[w->region].nr_areas)
			return;
		w->area = 0;
	}
	/* (DMS_NONE + 1 is 0: the walk's start) */
	while (++w->region <= max_region(s))
		if (region_present(s, w->region) && !region_skipped(w, w->region))
			break;
}

/* A region the walk still visits, from the current one on. */
static int any_left(const struct stats_cursor *w)
{
	uint64_t i;

	if (w->region > max_region(w->s))
		return 0;
	for (i = w->region; i <= max_region(w->s); i++)
		if (region_present(w->s, i) && !region_skipped(w, i))
			return 1;
	return 0;
}

static void group_walk_start(struct stats_cursor *w)
{
	if (!(w->flags & STATS_WALK_GROUP))
		return;
	w->region = w->area = STATS_WALK_GROUP;
	for (w->group = 0; w->group <= max_region(w->s); w->group++)
		if (region_grouped(w->s, w->group))
			break;
	if (w->group > max_region(w->s))
		w->flags &= ~STATS_WALK_GROUP;
}

void stats_walk_start(struct stats_cursor *w)
{
	w->flags = w->walk_flags;
	if (!w->s->nr_slots)
		return;
	if (!(w->flags & (STATS_WALK_AREA | STATS_WALK_REGION))) {
		group_walk_start(w);
		return;
	}
	w->area = w->flags & STATS_WALK_AREA ? 0 : STATS_WALK_REGION;
	w->region = DMS_NONE;
	w->group = DMS_NONE;
	next_present(w);
}

void stats_walk_next(struct stats_cursor *w)
{
	if (!w->s->nr_slots)
		return;
	if (w->flags & STATS_WALK_AREA) {
		next_present(w);
	} else if (w->flags & STATS_WALK_REGION) {
		w->area = STATS_WALK_REGION;
		next_present(w);
	} else if (w->flags & STATS_WALK_GROUP) {
		w->region = w->area = STATS_WALK_GROUP;
		while (!group_present(w->s, ++w->group) && w->group < max_region(w->s) + 1)
			;
	}
}

/* After the areas: the regions' aggregates, then the groups, as the flags ask. */
static void end_areas(struct stats_cursor *w)
{
	if (any_left(w))
		return;
	w->flags &= ~STATS_WALK_AREA;
	if (w->flags & STATS_WALK_REGION) {
		w->area = STATS_WALK_REGION;
		w->region = DMS_NONE;
		next_present(w);
		if (!any_left(w)) {
			w->flags &= ~STATS_WALK_REGION;
			if (!(w->flags & STATS_WALK_GROUP))
				w->region = max_region(w->s);
		}
	}
	if (!(w->flags & STATS_WALK_REGION))
		group_walk_start(w);
}

int stats_walk_end(struct stats_cursor *w)
{
	if (!w->s->nr_slots)
		return 1;
	if (w->flags & STATS_WALK_AREA) {
		end_areas(w);
	} else if (w->flags & STATS_WALK_REGION) {
		if (!any_left(w)) {
			w->flags &= ~STATS_WALK_REGION;
			group_walk_start(w);
		}
	} else if ((w->flags & STATS_WALK_GROUP) && w->group > max_region(w->s)) {
		w->flags &= ~STATS_WALK_GROUP;
	}
	return !(w->flags & ~STATS_WALK_SKIP_SINGLE_AREA);
}

/* ------------------------------------------------------------------ the object */

enum obj_type { OBJ_NONE, OBJ_AREA, OBJ_REGION, OBJ_GROUP };

static enum obj_type obj_type(const struct stats_cursor *w)
{
	if (w->region == DMS_NONE)
		return OBJ_NONE;
	if (w->region & STATS_WALK_GROUP)
		return group_present(w->s, w->region == STATS_WALK_GROUP ? w->group :
				     w->region & ~STATS_WALK_GROUP) ? OBJ_GROUP : OBJ_NONE;
	if (w->region > max_region(w->s))
		return OBJ_NONE;
	return w->area & STATS_WALK_REGION ? OBJ_REGION : OBJ_AREA;
}

/* The region whose facts the object shows: its own, or its group's leader. */
static const struct dms_region *region_of(const struct stats_cursor *w)
{
	uint64_t id = w->region & STATS_WALK_GROUP ? w->group : w->region;

	return &w->s->regions[id];
}

int stats_cursor_sum(struct stats_cursor *w)
{
	int rc;

	stats_cursor_release(w);
	if (!w->counted)
		return 0;
	switch (obj_type(w)) {
	case OBJ_GROUP:
		rc = dms_sum_group(w->s, w->group, &w->sum);
		break;
	case OBJ_REGION:
		rc = dms_sum_region(w->s, w->region, &w->sum);
		break;
	case OBJ_AREA:
		rc = dms_sum_area(w->s, w->region, w->area, &w->sum);
		break;
	default:
		return 0;	/* (no object: libdm's counters read 0) */
	}
	w->have_sum = rc == 0;
	return rc;
}

void stats_cursor_release(struct stats_cursor *w)
{
	if (w->have_sum)
		dms_counters_release(&w->sum);
	w->have_sum = 0;
}

/* ------------------------------------------------------------------ cells */

#define CUR(obj) dev_row_stats(obj)

static int set_text(struct report_cell *c, const char *s)
{
	return (c->text = strdup(s)) ? 0 : -ENOMEM;
}

/* The JSON value of a cell (-J only; the engine owns it then). */
static int set_json(struct report_cell *c, struct json_object *v)
{
	if (!opt.json)
		return 0;
	if (!v)
		return -ENOMEM;
	c->json = v;
	return 0;
}

static int set_u64(struct report_cell *c, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	c->num = v;
	return set_text(c, buf);
}

/* A JSON number as the shortest text that reads back the same. */
static struct json_object *jnew_double(double v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%.17g", v);
	return json_object_new_double_s(v, buf);
}

/* libdevmapper sorts and selects a double by its bits as a number (dmsetup stores one where a number goes). */
static uint64_t double_bits(double v)
{
	uint64_t bits;

	memcpy(&bits, &v, sizeof(bits));
	return bits;
}

/* A metric as "%.2f", its value shown in JSON. */
static int set_fixed2(struct report_cell *c, double v)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.2f", v);
	c->num = double_bits(v);
	return set_text(c, buf) ? -ENOMEM : set_json(c, jnew_double(v));
}

/* A size in sectors with --units; in JSON bytes. */
static int set_size(struct report_cell *c, uint64_t sectors, double sort)
{
	char buf[64];

	stats_size_text(sectors, stats_format.units, stats_format.units_factor, buf, sizeof(buf));
	c->num = double_bits(sort);
	return set_text(c, buf) ? -ENOMEM : set_json(c, jnew_u64(sectors * 512));
}

/* region_start and the like: sizes sorted by their value (a double in libdevmapper: the same order). */
static int set_sectors(struct report_cell *c, uint64_t sectors)
{
	int rc = set_size(c, sectors, (double)sectors);

	c->num = sectors;
	return rc;
}

/* ------------------------------------------------------------------ counters */

static int counter(void *obj, struct report_cell *c, enum dms_counter which)
{
	const struct stats_cursor *w = CUR(obj);

	return set_u64(c, w->have_sum ? w->sum.c[which] : 0);
}

#define COUNTER(name, which) \
	int stats_get_##name(void *obj, struct report_cell *c) { return counter(obj, c, which); }
COUNTER(reads, DMS_READS)
COUNTER(reads_merged, DMS_READS_MERGED)
COUNTER(read_sectors, DMS_READ_SECTORS)
COUNTER(read_nsecs, DMS_READ_NSECS)
COUNTER(writes, DMS_WRITES)
COUNTER(writes_merged, DMS_WRITES_MERGED)
COUNTER(write_sectors, DMS_WRITE_SECTORS)
COUNTER(write_nsecs, DMS_WRITE_NSECS)
COUNTER(io_in_progress, DMS_IO_IN_PROGRESS)
COUNTER(io_nsecs, DMS_IO_NSECS)
COUNTER(weighted_io_nsecs, DMS_WEIGHTED_IO_NSECS)
COUNTER(total_read_nsecs, DMS_TOTAL_READ_NSECS)
COUNTER(total_write_nsecs, DMS_TOTAL_WRITE_NSECS)
#undef COUNTER

/* ------------------------------------------------------------------ metrics */

/* A metric of the object over the interval; -EINVAL (no interval) fails the row as in libdm. */
static int metric(void *obj, enum dms_metric m, double *v)
{
	const struct stats_cursor *w = CUR(obj);
	static const struct dms_counters none;

	return dms_metric(w->have_sum ? &w->sum : &none, w->interval_ns, m, v);
}

static int fixed2_metric(void *obj, struct report_cell *c, enum dms_metric m, double scale)
{
	double v;
	int rc = metric(obj, m, &v);

	return rc < 0 ? rc : set_fixed2(c, v / scale);
}

/* Sectors per second and request sizes: shown as sizes of their whole sectors. */
static int size_metric(void *obj, struct report_cell *c, enum dms_metric m)
{
	double v;
	int rc = metric(obj, m, &v);

	if (rc < 0)
		return rc;
	rc = set_size(c, (uint64_t)v, v);
	if (rc == 0 && c->json) {
		json_object_put(c->json);
		c->json = NULL;
		rc = set_json(c, jnew_double(v * 512));
	}
	return rc;
}

int stats_get_rrqm(void *o, struct report_cell *c) { return fixed2_metric(o, c, DMS_RD_MERGES_PER_SEC, 1); }
int stats_get_wrqm(void *o, struct report_cell *c) { return fixed2_metric(o, c, DMS_WR_MERGES_PER_SEC, 1); }
int stats_get_rs(void *o, struct report_cell *c) { return fixed2_metric(o, c, DMS_READS_PER_SEC, 1); }
int stats_get_ws(void *o, struct report_cell *c) { return fixed2_metric(o, c, DMS_WRITES_PER_SEC, 1); }
int stats_get_qusz(void *o, struct report_cell *c) { return fixed2_metric(o, c, DMS_AVERAGE_QUEUE_SIZE, 1); }
int stats_get_tput(void *o, struct report_cell *c) { return fixed2_metric(o, c, DMS_THROUGHPUT, 1); }
/* times in milliseconds */
int stats_get_await(void *o, struct report_cell *c)
{
	return fixed2_metric(o, c, DMS_AVERAGE_WAIT_TIME, (double)DMS_NSEC_PER_MSEC);
}

int stats_get_r_await(void *o, struct report_cell *c)
{
	return fixed2_metric(o, c, DMS_AVERAGE_RD_WAIT_TIME, (double)DMS_NSEC_PER_MSEC);
}

int stats_get_w_await(void *o, struct report_cell *c)
{
	return fixed2_metric(o, c, DMS_AVERAGE_WR_WAIT_TIME, (double)DMS_NSEC_PER_MSEC);
}

int stats_get_svctm(void *o, struct report_cell *c)
{
	return fixed2_metric(o, c, DMS_SERVICE_TIME, (double)DMS_NSEC_PER_MSEC);
}

int stats_get_read_secs(void *o, struct report_cell *c) { return size_metric(o, c, DMS_READ_SECTORS_PER_SEC); }
int stats_get_write_secs(void *o, struct report_cell *c) { return size_metric(o, c, DMS_WRITE_SECTORS_PER_SEC); }
int stats_get_arqsz(void *o, struct report_cell *c) { return size_metric(o, c, DMS_AVERAGE_REQUEST_SIZE); }

/* libdevmapper's dm_percent_to_round_float(p, 2): 0 < p < 0.01% shows 0.01, 99.99 < p < 100 shows 99.99. */
static float percent_round2(int32_t p)
{
	float f = (float)p / 1000000 + 0.f, r = 1000000 * .01f;

	if (p < r && p > 0)
		f = .01f;
	else if (p > 100000000 - r && p < 100000000)
		f = (100000000 - r) / 1000000;
	return f;
}

int stats_get_util(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);
	static const struct dms_counters none;
	char buf[8];
	int32_t p;
	int rc = dms_utilization_percent(w->have_sum ? &w->sum : &none, w->interval_ns, &p);

	if (rc < 0)
		return rc;
	snprintf(buf, 7, "%.2f", (double)percent_round2(p));
	c->num = (uint64_t)(int64_t)p;
	return set_text(c, buf) ? -ENOMEM : set_json(c, jnew_double((double)p / 1000000));
}

int stats_get_interval_ns(void *obj, struct report_cell *c)
{
	return set_u64(c, CUR(obj)->interval_ns);
}

int stats_get_interval(void *obj, struct report_cell *c)
{
	double v = (double)CUR(obj)->interval_ns / (double)DMS_NSEC_PER_SEC;
	char buf[64];

	snprintf(buf, sizeof(buf), "%2.6f", v);
	c->num = double_bits(v);
	return set_text(c, buf) ? -ENOMEM : set_json(c, jnew_double(v));
}

/* ------------------------------------------------------------------ histograms */

/* The object's histogram: its bounds, and its counts (NULL before @stats_print); 0: none. */
static int histogram(const struct stats_cursor *w, const struct dms_bounds **b, const uint64_t **counts)
{
	const struct dms_region *r;

	*counts = NULL;
	switch (obj_type(w)) {
	case OBJ_AREA:
		r = &w->s->regions[w->region];
		if (!r->bounds.nr_bins)
			return 0;
		*b = &r->bounds;
		if (r->areas)
			*counts = r->areas[w->area].hist;
		return 1;
	case OBJ_REGION:
	case OBJ_GROUP:
		r = region_of(w);
		if (!r->bounds.nr_bins)
			return 0;
		*b = &r->bounds;
		if (r->areas && w->have_sum)
			*counts = w->sum.hist;
		return 1;
	default:
		return 0;
	}
}

/* dm_histogram_to_string of the object's histogram ("" without one), as dmsetup asks for it. */
static int hist_text(void *obj, struct report_cell *c, int flags)
{
	const struct stats_cursor *w = CUR(obj);
	const struct dms_bounds *b;
	const uint64_t *counts;
	size_t size = 256;
	char *buf;
	int len;

	if (!histogram(w, &b, &counts))
		return set_text(c, "");
	if (!stats_format.notimesuffix)
		flags |= DMS_HIST_SUFFIX;
	for (;;) {
		if (!(buf = malloc(size)))
			return -ENOMEM;
		len = dms_histogram_format(b, counts, -1, stats_format.unpadded ? -1 : 0, flags,
					   buf, size);
		if (len != -ENOSPC)
			break;
		free(buf);
		size *= 4;
	}
	if (len < 0) {
		free(buf);
		return len;
	}
	c->text = buf;
	return 0;
}

/*
 * JSON: the bins as an array, each its count or percent (values), its
 * lower bound, or {"lower": ns, "upper": ns or null, and the value}.
 */
static int hist_json(void *obj, struct report_cell *c, int values, int bounds)
{
	const struct stats_cursor *w = CUR(obj);
	const struct dms_bounds *b;
	const uint64_t *counts;
	struct json_object *list, *bin;
	int i, rc = 0;

	if (!opt.json)
		return 0;
	if (!(list = json_object_new_array()))
		return -ENOMEM;
	if (!histogram(w, &b, &counts))
		return set_json(c, list);
	for (i = 0; i < b->nr_bins && rc == 0; i++) {
		struct json_object *v = NULL;

		if (values & DMS_HIST_PERCENT)
			v = jnew_double((double)dms_bin_percent(b, counts, i) / 1000000);
		else if (values)
			v = jnew_u64(counts ? counts[i] : 0);
		if (!bounds) {
			rc = jappend(list, v);
			continue;
		}
		if (bounds == DMS_HIST_BOUNDS_LOWER && !values) {
			json_object_put(v);
			rc = jappend(list, jnew_u64(dms_bin_lower(b, i)));
			continue;
		}
		if (!(bin = json_object_new_object()) || jappend(list, bin)) {
			json_object_put(v);
			rc = -ENOMEM;
			break;
		}
		rc = jput_u64(bin, "lower", dms_bin_lower(b, i));
		if (rc == 0 && bounds == DMS_HIST_BOUNDS_RANGE)
			rc = b->upper[i] == UINT64_MAX ? jput_null(bin, "upper") :
				jput_u64(bin, "upper", b->upper[i]);
		if (rc == 0 && v)
			rc = jput(bin, values & DMS_HIST_PERCENT ? "percent" : "count", v);
		else
			json_object_put(v);
	}
	if (rc < 0) {
		json_object_put(list);
		return rc;
	}
	return set_json(c, list);
}

static int hist_field(void *obj, struct report_cell *c, int values, int bounds)
{
	int rc = hist_text(obj, c, values | bounds);

	return rc < 0 ? rc : hist_json(obj, c, values, bounds);
}

int stats_get_hist_count(void *o, struct report_cell *c) { return hist_field(o, c, DMS_HIST_VALUES, 0); }
int stats_get_hist_count_bounds(void *o, struct report_cell *c)
{
	return hist_field(o, c, DMS_HIST_VALUES, DMS_HIST_BOUNDS_LOWER);
}

int stats_get_hist_count_ranges(void *o, struct report_cell *c)
{
	return hist_field(o, c, DMS_HIST_VALUES, DMS_HIST_BOUNDS_RANGE);
}

int stats_get_hist_percent(void *o, struct report_cell *c)
{
	return hist_field(o, c, DMS_HIST_VALUES | DMS_HIST_PERCENT, 0);
}

int stats_get_hist_percent_bounds(void *o, struct report_cell *c)
{
	return hist_field(o, c, DMS_HIST_VALUES | DMS_HIST_PERCENT, DMS_HIST_BOUNDS_LOWER);
}

int stats_get_hist_percent_ranges(void *o, struct report_cell *c)
{
	return hist_field(o, c, DMS_HIST_VALUES | DMS_HIST_PERCENT, DMS_HIST_BOUNDS_RANGE);
}

int stats_get_hist_bounds(void *o, struct report_cell *c) { return hist_field(o, c, 0, DMS_HIST_BOUNDS_LOWER); }
int stats_get_hist_ranges(void *o, struct report_cell *c) { return hist_field(o, c, 0, DMS_HIST_BOUNDS_RANGE); }

int stats_get_hist_bins(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);
	int bins = w->region & STATS_WALK_GROUP ? 0 : w->s->regions[w->region].bounds.nr_bins;
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", bins);
	c->num = (uint64_t)(int64_t)bins;
	return set_text(c, buf) ? -ENOMEM : set_json(c, jnew_u64((uint64_t)bins));
}

/* ------------------------------------------------------------------ regions and areas */

int stats_get_region_id(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);
	char buf[4096];
	int len;

	if (obj_type(w) != OBJ_GROUP)
		return set_u64(c, w->region);
	/*
	 * a group shows its members ("0-1,3"), sorted and selected by its id
	 * (lvm2 reads a stack slot gone stale there: docs/compat.md)
	 */
	len = dms_idset_format(&w->s->groups[w->group].members, buf, sizeof(buf));
	if (len < 0)
		return len;
	c->num = w->group;
	return set_text(c, buf) ? -ENOMEM : set_json(c, json_object_new_string(buf));
}

/* dm_stats_get_region_start: a group's is its leader's */
static uint64_t region_start(const struct stats_cursor *w)
{
	return region_of(w)->start;
}

/* dm_stats_get_region_len: a group's is the sum of its regions' */
static uint64_t region_len(const struct stats_cursor *w)
{
	return w->region & STATS_WALK_GROUP ? dms_group_len(w->s, w->group) : region_of(w)->len;
}

int stats_get_region_start(void *o, struct report_cell *c) { return set_sectors(c, region_start(CUR(o))); }
int stats_get_region_len(void *o, struct report_cell *c) { return set_sectors(c, region_len(CUR(o))); }

int stats_get_area_id(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);

	return set_u64(c, obj_type(w) == OBJ_GROUP ? 0 : w->area & ~STATS_WALK_ALL);
}

/*
 * libdm computes an area's start and offset from the cursor as it is:
 * on a region's row that is the area STATS_WALK_REGION, whose product
 * with the step wraps (lvm2 shows what comes out); a group's are its
 * leader's start and 0.
 */
int stats_get_area_start(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);
	const struct dms_region *r = region_of(w);

	if (w->region & (STATS_WALK_GROUP | STATS_WALK_REGION))
		return set_sectors(c, region_start(w));
	return set_sectors(c, r->start + r->step * w->area);
}

int stats_get_area_offset(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);

	if (w->region & (STATS_WALK_GROUP | STATS_WALK_REGION))
		return set_sectors(c, 0);
	return set_sectors(c, region_of(w)->step * w->area);
}

/* dm_stats_get_region_area_len: the step, a group's whole length */
int stats_get_area_len(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);

	if (w->region & (STATS_WALK_GROUP | STATS_WALK_REGION))
		return set_sectors(c, region_len(w));
	return set_sectors(c, dms_area_len(region_of(w)));
}

int stats_get_area_count(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);

	return set_u64(c, w->region & STATS_WALK_GROUP ? 1 : region_of(w)->nr_areas);
}

int stats_get_group_id(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);
	uint64_t id = w->region & STATS_WALK_GROUP ? w->group : region_of(w)->group_id;
	int rc;

	if (group_present(w->s, id))
		return set_u64(c, id);
	rc = set_text(c, "-");
	c->num = id;
	c->json_null = 1;
	return rc;
}

/* a group's program id is the one dmstats reports with */
int stats_get_program_id(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);

	return set_text(c, w->region & STATS_WALK_GROUP ? DMS_PROGRAM_ID : region_of(w)->program_id);
}

int stats_get_user_data(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);

	return set_text(c, w->region & STATS_WALK_GROUP ? "" : region_of(w)->aux_data);
}

int stats_get_precise(void *obj, struct report_cell *c)
{
	int precise = region_of(CUR(obj))->timescale == 1;

	c->num = (uint64_t)precise;
	return set_text(c, precise ? "1" : "0") ? -ENOMEM :
		set_json(c, json_object_new_boolean(precise));
}

/* dm_stats_get_alias: the group's alias, else the device's name */
int stats_get_stats_name(void *obj, struct report_cell *c)
{
	const struct stats_cursor *w = CUR(obj);
	const struct dms_region *r = region_of(w);
	const char *alias = NULL;

	if (region_grouped(w->s, (uint64_t)(r - w->s->regions)))
		alias = w->s->groups[r->group_id].alias;
	return set_text(c, alias ? alias : w->dev_name);
}

int stats_get_obj_type(void *obj, struct report_cell *c)
{
	static const char *const names[] = { "all", "area", "region", "group" };

	return set_text(c, names[obj_type(CUR(obj))]);
}
