/*
 * dmsetup's column reports: the fields of `info -c` and `splitname`, what
 * each reads from a device, and the two commands.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "call.h"
#include "deptree.h"
#include "devices.h"
#include "display.h"
#include "dmsetup.h"
#include "fields.h"
#include "log.h"
#include "names.h"
#include "nodes.h"
#include "report.h"
#include "statsfields.h"

enum section { S_TASK, S_INFO, S_DEPS, S_TREE, S_NAME, S_STATS, S_REGION, S_COUNT };

static const struct report_section sections[S_COUNT] = {
	[S_TASK] = { "Mapped Device Name", "name_" },
	[S_INFO] = { "Mapped Device Information", "info_" },
	[S_DEPS] = { "Mapped Device Relationship Information", "deps_" },
	[S_TREE] = { "Mapped Device Relationship Information", "tree_" },
	[S_NAME] = { "Mapped Device Name Components", "splitname_" },
	[S_STATS] = { "Mapped Device Statistics", "stats_" },
	[S_REGION] = { "Mapped Device Statistics Region Information", "region_" },
};

/* LVM's parts of a name, or a subsystem's uuid prefix only. */
struct split_name {
	char *subsystem, *vg, *lv, *layer;
	char *buf;
};

/* What a row of `info -c` is made from. */
struct dev_row {
	const struct dm_ioctl *io;	/* DM_DEV_STATUS reply: name, uuid, flags, numbers */
	dev_t *deps;			/* S_DEPS */
	uint32_t ndeps;
	struct split_name split;	/* S_NAME */
	const struct dt_node *node;	/* S_TREE */
	const struct deptree *tree;	/* the tree node is in */
	const struct stats_cursor *stats;	/* S_STATS, S_REGION: the stats object */
};

/* ------------------------------------------------------------------ values */

static int set_text(struct report_cell *c, const char *s)
{
	return (c->text = strdup(s)) ? 0 : -ENOMEM;
}

static int set_num(struct report_cell *c, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	c->num = v;
	return set_text(c, buf);
}

/* "MAJ:MIN", the way every devno field shows a device. */
static void devno_text(dev_t d, char *buf, size_t size)
{
	snprintf(buf, size, "%u:%u", major(d), minor(d));
}

static int set_devno(struct report_cell *c, dev_t d)
{
	char buf[32];

	devno_text(d, buf, sizeof(buf));
	return set_text(c, buf);
}

/* A dependency as blkdevs_used names it: the kernel's name ("loop0", "dm-1"). */
static void blkdev_name(dev_t d, char *buf, size_t size)
{
	if (device_name(d, 1, buf, size) < 0)
		devno_text(d, buf, size);
}

/* Appends ",item" (or "item" first) to a cell's text. */
static int add_item(struct report_cell *c, const char *item)
{
	size_t len = c->text ? strlen(c->text) : 0;
	char *t = realloc(c->text, len + strlen(item) + 2);

	if (!t)
		return -ENOMEM;
	c->text = t;
	snprintf(t + len, strlen(item) + 2, "%s%s", len ? "," : "", item);
	return 0;
}

/* A comma-separated list of one entry per dependency. */
static int set_dep_list(struct report_cell *c, const struct dev_row *d,
			void (*entry)(dev_t, char *, size_t))
{
	char item[256];
	uint32_t i;
	int rc = set_text(c, "");

	for (i = 0; rc == 0 && i < d->ndeps; i++) {
		entry(d->deps[i], item, sizeof(item));
		rc = add_item(c, item);
	}
	return rc;
}

/* The names (or numbers) of the dm devices a node uses, or those using it. */
static int set_tree_list(struct report_cell *c, const struct dt_node *node, int inverted, int numbers)
{
	const struct dt_links *l = deptree_children(node, inverted);
	char item[64];
	size_t i;
	int rc = set_text(c, "");

	for (i = 0; rc == 0 && i < l->n; i++) {
		const struct dt_node *n = l->v[i];

		if (numbers) {
			if (!n->devno)
				continue;	/* the root */
			devno_text(n->devno, item, sizeof(item));
			rc = add_item(c, item);
		} else if (n->name[0])
			rc = add_item(c, n->name);
	}
	return rc;
}

#define ROW(obj) ((const struct dev_row *)(obj))
#define IO(obj) (ROW(obj)->io)
#define FLAG(obj, f) (IO(obj)->flags & (f))

static int get_name(void *o, struct report_cell *c) { return set_text(c, IO(o)->name); }
static int get_uuid(void *o, struct report_cell *c) { return set_text(c, IO(o)->uuid); }
/*
 * The forms libdevmapper reports: mangled as --manglename says (auto when
 * it says none), and unmangled when names are shown as the kernel has them.
 */
static int set_mangled(struct report_cell *c, const char *s, enum user_string kind, size_t size)
{
	char buf[DM_UUID_LEN > DM_NAME_LEN ? DM_UUID_LEN : DM_NAME_LEN];
	int rc = dm_name_mangle(s, opt.mangle == DM_MANGLE_NONE ? DM_MANGLE_AUTO : opt.mangle,
				buf, size);

	if (rc < 0) {
		tell_mangle_failure(kind, s, rc);
		return rc;
	}
	return set_text(c, buf);
}

static int set_unmangled(struct report_cell *c, const char *s, size_t size)
{
	char buf[DM_UUID_LEN > DM_NAME_LEN ? DM_UUID_LEN : DM_NAME_LEN];

	if (opt.mangle != DM_MANGLE_NONE)
		return set_text(c, s);
	if (dm_name_unmangle(s, DM_MANGLE_NONE, buf, size) < 0)
		return -EINVAL;
	return set_text(c, buf);
}

static int get_mangled_name(void *o, struct report_cell *c)
{
	return set_mangled(c, IO(o)->name, USER_NAME, DM_NAME_LEN);
}

static int get_unmangled_name(void *o, struct report_cell *c)
{
	return set_unmangled(c, IO(o)->name, DM_NAME_LEN);
}

static int get_mangled_uuid(void *o, struct report_cell *c)
{
	return set_mangled(c, IO(o)->uuid, USER_UUID, DM_UUID_LEN);
}

static int get_unmangled_uuid(void *o, struct report_cell *c)
{
	return set_unmangled(c, IO(o)->uuid, DM_UUID_LEN);
}

static int get_read_ahead(void *o, struct report_cell *c)
{
	uint32_t sectors;

	/* as libdevmapper: what cannot be read was told, and reports as 0 */
	device_read_ahead(IO(o)->name, (dev_t)IO(o)->dev, &sectors);
	return set_num(c, sectors);
}

static int get_blkdevname(void *o, struct report_cell *c)
{
	dev_t devno = (dev_t)IO(o)->dev;
	char buf[256];

	/* sysfs's: a device that never had a table has no block device yet */
	if (device_name(devno, 1, buf, sizeof(buf)) < 0) {
		log_err("Could not resolve block device name for %u:%u.", major(devno), minor(devno));
		return -ENOENT;
	}
	return set_text(c, buf);
}

static int get_attr(void *o, struct report_cell *c)
{
	char a[5] = {
		FLAG(o, DM_ACTIVE_PRESENT_FLAG) ? 'L' : '-',
		FLAG(o, DM_INACTIVE_PRESENT_FLAG) ? 'I' : '-',
		FLAG(o, DM_SUSPEND_FLAG) ? 's' : '-',
		FLAG(o, DM_READONLY_FLAG) ? 'r' : 'w',
		'\0'
	};

	return set_text(c, a);
}

static int get_tables_loaded(void *o, struct report_cell *c)
{
	int live = !!FLAG(o, DM_ACTIVE_PRESENT_FLAG), inactive = !!FLAG(o, DM_INACTIVE_PRESENT_FLAG);

	return set_text(c, live ? (inactive ? "Both" : "Live") : (inactive ? "Inactive" : "None"));
}

/* (num: the flag, for JSON's booleans) */
static int get_suspended(void *o, struct report_cell *c)
{
	c->num = !!FLAG(o, DM_SUSPEND_FLAG);
	return set_text(c, c->num ? "Suspended" : "Active");
}

static int get_readonly(void *o, struct report_cell *c)
{
	c->num = !!FLAG(o, DM_READONLY_FLAG);
	return set_text(c, c->num ? "Read-only" : "Writeable");
}

static int get_devno(void *o, struct report_cell *c) { return set_devno(c, (dev_t)IO(o)->dev); }
static int get_major(void *o, struct report_cell *c) { return set_num(c, major((dev_t)IO(o)->dev)); }
static int get_minor(void *o, struct report_cell *c) { return set_num(c, minor((dev_t)IO(o)->dev)); }
static int get_open(void *o, struct report_cell *c) { return set_num(c, (uint32_t)IO(o)->open_count); }
static int get_segments(void *o, struct report_cell *c) { return set_num(c, IO(o)->target_count); }
static int get_events(void *o, struct report_cell *c) { return set_num(c, IO(o)->event_nr); }

static int get_device_count(void *o, struct report_cell *c) { return set_num(c, ROW(o)->ndeps); }
static int get_devnos_used(void *o, struct report_cell *c)
{
	return set_dep_list(c, ROW(o), devno_text);
}

static int get_blkdevs_used(void *o, struct report_cell *c)
{
	return set_dep_list(c, ROW(o), blkdev_name);
}

static int get_devs_used(void *o, struct report_cell *c) { return set_tree_list(c, ROW(o)->node, 0, 0); }
static int get_names_using(void *o, struct report_cell *c) { return set_tree_list(c, ROW(o)->node, 1, 0); }
static int get_devnos_using(void *o, struct report_cell *c) { return set_tree_list(c, ROW(o)->node, 1, 1); }
static int get_ref_count(void *o, struct report_cell *c)
{
	return set_num(c, deptree_num_children(ROW(o)->tree, ROW(o)->node, 1));
}

static int get_subsystem(void *o, struct report_cell *c) { return set_text(c, ROW(o)->split.subsystem); }
static int get_vg_name(void *o, struct report_cell *c) { return set_text(c, ROW(o)->split.vg); }
static int get_lv_name(void *o, struct report_cell *c) { return set_text(c, ROW(o)->split.lv); }
static int get_lv_layer(void *o, struct report_cell *c) { return set_text(c, ROW(o)->split.layer); }

#define STR RT_STRING
#define NUM RT_NUMBER
#define SIZ RT_SIZE
/* The statistics fields (statsfields.c): their rows show a stats object. */
#define STAT(id, heading, type, width, get, desc) \
	{ id, heading, S_STATS, type, width, desc, stats_get_##get, RJ_BY_TYPE }
#define REGION(id, heading, type, width, get, desc) \
	{ id, heading, S_REGION, type, width, desc, stats_get_##get, RJ_BY_TYPE }

static const struct report_field fields[] = {
	{ "name", "Name", S_TASK, STR, 16, "Name of mapped device.", get_name, RJ_BY_TYPE },
	{ "mangled_name", "MangledName", S_TASK, STR, 16, "Mangled name of mapped device.", get_mangled_name, RJ_BY_TYPE },
	{ "unmangled_name", "UnmangledName", S_TASK, STR, 16, "Unmangled name of mapped device.", get_unmangled_name, RJ_BY_TYPE },
	{ "uuid", "UUID", S_TASK, STR, 32, "Unique (optional) identifier for mapped device.", get_uuid, RJ_BY_TYPE },
	{ "mangled_uuid", "MangledUUID", S_TASK, STR, 32, "Mangled unique (optional) identifier for mapped device.", get_mangled_uuid, RJ_BY_TYPE },
	{ "unmangled_uuid", "UnmangledUUID", S_TASK, STR, 32, "Unmangled unique (optional) identifier for mapped device.", get_unmangled_uuid, RJ_BY_TYPE },
	{ "read_ahead", "RAhead", S_TASK, NUM, 6, "Read ahead value.", get_read_ahead, RJ_BY_TYPE },
	{ "blkdevname", "BlkDevName", S_INFO, STR, 16, "Name of block device.", get_blkdevname, RJ_BY_TYPE },
	{ "attr", "Stat", S_INFO, STR, 4, "(L)ive, (I)nactive, (s)uspended, (r)ead-only, read-(w)rite.", get_attr, RJ_BY_TYPE },
	{ "tables_loaded", "Tables", S_INFO, STR, 6, "Which of the live and inactive table slots are filled.", get_tables_loaded, RJ_BY_TYPE },
	{ "suspended", "Suspended", S_INFO, STR, 9, "Whether the device is suspended.", get_suspended, RJ_BOOL },
	{ "readonly", "Read-only", S_INFO, STR, 9, "Whether the device is read-only or writeable.", get_readonly, RJ_BOOL },
	{ "devno", "DevNo", S_INFO, STR, 5, "Device major and minor numbers", get_devno, RJ_BY_TYPE },
	{ "major", "Maj", S_INFO, NUM, 3, "Block device major number.", get_major, RJ_BY_TYPE },
	{ "minor", "Min", S_INFO, NUM, 3, "Block device minor number.", get_minor, RJ_BY_TYPE },
	{ "open", "Open", S_INFO, NUM, 4, "Number of references to open device, if requested.", get_open, RJ_BY_TYPE },
	{ "segments", "Targ", S_INFO, NUM, 4, "Number of segments in live table, if present.", get_segments, RJ_BY_TYPE },
	{ "events", "Event", S_INFO, NUM, 6, "Number of most recent event.", get_events, RJ_BY_TYPE },
	{ "device_count", "#Devs", S_DEPS, NUM, 5, "Number of devices used by this one.", get_device_count, RJ_BY_TYPE },
	{ "devs_used", "DevNamesUsed", S_TREE, STR, 16, "List of names of mapped devices used by this one.", get_devs_used, RJ_LIST },
	{ "devnos_used", "DevNosUsed", S_DEPS, STR, 16, "List of device numbers of devices used by this one.", get_devnos_used, RJ_LIST },
	{ "blkdevs_used", "BlkDevNamesUsed", S_DEPS, STR, 16, "List of names of block devices used by this one.", get_blkdevs_used, RJ_LIST },
	{ "device_ref_count", "#Refs", S_TREE, NUM, 5, "Number of mapped devices referencing this one.", get_ref_count, RJ_BY_TYPE },
	{ "names_using_dev", "RefNames", S_TREE, STR, 8, "List of names of mapped devices using this one.", get_names_using, RJ_LIST },
	{ "devnos_using_dev", "RefDevNos", S_TREE, STR, 9, "List of device numbers of mapped devices using this one.", get_devnos_using, RJ_LIST },
	{ "subsystem", "Subsys", S_NAME, STR, 6, "Userspace subsystem responsible for this device.", get_subsystem, RJ_BY_TYPE },
	{ "vg_name", "VG", S_NAME, STR, 4, "LVM Volume Group name.", get_vg_name, RJ_BY_TYPE },
	{ "lv_name", "LV", S_NAME, STR, 4, "LVM Logical Volume name.", get_lv_name, RJ_BY_TYPE },
	{ "lv_layer", "LVLayer", S_NAME, STR, 7, "LVM device layer.", get_lv_layer, RJ_BY_TYPE },
	STAT("read_count", "#Reads", NUM, 6, reads, "Count of reads completed."),
	STAT("reads_merged_count", "#RdMrgs", NUM, 7, reads_merged, "Count of read requests merged."),
	STAT("read_sector_count", "#RdSectors", NUM, 10, read_sectors, "Count of sectors read."),
	STAT("read_time", "AccRdTime", NUM, 11, read_nsecs, "Accumulated duration of all read requests (ns)."),
	STAT("write_count", "#Writes", NUM, 7, writes, "Count of writes completed."),
	STAT("writes_merged_count", "#WrMrgs", NUM, 7, writes_merged, "Count of write requests merged."),
	STAT("write_sector_count", "#WrSectors", NUM, 10, write_sectors, "Count of sectors written."),
	STAT("write_time", "AccWrTime", NUM, 11, write_nsecs, "Accumulated duration of all writes (ns)."),
	STAT("in_progress_count", "#InProg", NUM, 7, io_in_progress, "Count of requests currently in progress."),
	STAT("io_ticks", "IoTicks", NUM, 7, io_nsecs, "Nanoseconds spent servicing requests."),
	STAT("queue_ticks", "QueueTicks", NUM, 10, weighted_io_nsecs, "Total nanoseconds spent in queue."),
	STAT("read_ticks", "RdTicks", NUM, 7, total_read_nsecs, "Nanoseconds spent servicing reads."),
	STAT("write_ticks", "WrTicks", NUM, 7, total_write_nsecs, "Nanoseconds spent servicing writes."),
	STAT("reads_merged_per_sec", "RMrg/s", NUM, 6, rrqm, "Read requests merged per second."),
	STAT("writes_merged_per_sec", "WMrg/s", NUM, 6, wrqm, "Write requests merged per second."),
	STAT("reads_per_sec", "R/s", NUM, 3, rs, "Reads per second."),
	STAT("writes_per_sec", "W/s", NUM, 3, ws, "Writes per second."),
	STAT("read_size_per_sec", "RSz/s", NUM, 5, read_secs, "Size of data read per second."),
	STAT("write_size_per_sec", "WSz/s", NUM, 5, write_secs, "Size of data written per second."),
	STAT("avg_request_size", "AvgRqSz", NUM, 7, arqsz, "Average request size."),
	STAT("queue_size", "QSize", NUM, 5, qusz, "Average queue size."),
	STAT("await", "AWait", NUM, 5, await, "Averate wait time."),
	STAT("read_await", "RdAWait", NUM, 7, r_await, "Averate read wait time."),
	STAT("write_await", "WrAWait", NUM, 7, w_await, "Averate write wait time."),
	STAT("throughput", "Throughput", NUM, 10, tput, "Throughput."),
	STAT("service_time", "SvcTm", NUM, 5, svctm, "Service time."),
	STAT("util", "Util%", NUM, 5, util, "Utilization."),
	STAT("hist_count", "Histogram Counts", STR, 16, hist_count, "Latency histogram counts."),
	STAT("hist_count_bounds", "Histogram Counts", STR, 16, hist_count_bounds, "Latency histogram counts with bin boundaries."),
	STAT("hist_count_ranges", "Histogram Counts", STR, 16, hist_count_ranges, "Latency histogram counts with bin ranges."),
	STAT("hist_percent", "Histogram%", STR, 10, hist_percent, "Relative latency histogram."),
	STAT("hist_percent_bounds", "Histogram%", STR, 10, hist_percent_bounds, "Relative latency histogram with bin boundaries."),
	STAT("hist_percent_ranges", "Histogram%", STR, 10, hist_percent_ranges, "Relative latency histogram with bin ranges."),
	STAT("interval_ns", "IntervalNs", NUM, 10, interval_ns, "Sampling interval in nanoseconds."),
	STAT("interval", "Interval", NUM, 8, interval, "Sampling interval."),
	REGION("region_id", "RgID", NUM, 4, region_id, "Region ID."),
	REGION("region_start", "RgStart", SIZ, 7, region_start, "Region start."),
	REGION("region_len", "RgSize", SIZ, 6, region_len, "Region length."),
	REGION("area_id", "ArID", NUM, 4, area_id, "Area ID."),
	REGION("area_start", "ArStart", SIZ, 7, area_start, "Area offset from start of device."),
	REGION("area_len", "ArSize", SIZ, 6, area_len, "Area length."),
	REGION("area_offset", "ArOff", SIZ, 5, area_offset, "Area offset from start of region."),
	REGION("area_count", "#Areas", NUM, 6, area_count, "Area count."),
	REGION("group_id", "GrpID", NUM, 5, group_id, "Group ID."),
	REGION("program_id", "ProgID", STR, 6, program_id, "Program ID."),
	REGION("user_data", "UserData", STR, 8, user_data, "Auxiliary data."),
	REGION("precise", "Precise", STR, 7, precise, "Set if nanosecond precision counters are enabled."),
	REGION("hist_bins", "#Bins", STR, 9, hist_bins, "The number of histogram bins configured."),
	REGION("hist_bounds", "Histogram Bounds", STR, 16, hist_bounds, "Latency histogram bin boundaries."),
	REGION("hist_ranges", "Histogram Ranges", STR, 16, hist_ranges, "Latency histogram bin ranges."),
	REGION("stats_name", "Name", STR, 16, stats_name, "Stats name of current object."),
	REGION("obj_type", "ObjType", STR, 7, obj_type, "Type of stats object being reported."),
	{ NULL, NULL, 0, 0, 0, NULL, NULL, RJ_BY_TYPE }
};

static const struct report_spec spec = { sections, S_COUNT, fields, 0 };
/* stats list and report: "all" is their own sections, as lvm2's report types */
static const struct report_spec stats_list_spec = { sections, S_COUNT, fields, 1u << S_REGION };
static const struct report_spec stats_report_spec = {
	sections, S_COUNT, fields, 1u << S_STATS | 1u << S_REGION
};

const struct stats_cursor *dev_row_stats(const void *row)
{
	return ROW(row)->stats;
}

void show_report_fields(void)
{
	report_show_fields(&spec, 1, 0);
	fputs(" \n", stderr);
}

/* ------------------------------------------------------------------ names */

/*
 * LVM's vg-lv-layer with "--" standing for "-" (libdevmapper's
 * dm_split_lvm_name): each call cuts one part off *s, unquoting it.
 */
static char *lvm_part(char **s)
{
	char *part = *s, *c = part, *o = part;

	while (*c) {
		if (c[1] && *c == '-') {
			if (c[1] != '-')
				break;
			c++;
		}
		*o++ = *c++;
	}
	*s = *c ? c + 1 : c;
	*o = '\0';
	return part;
}

/* subsystem: the given one; LVM names are split into their parts. */
static int split_name(struct split_name *sp, const char *subsystem, const char *name)
{
	char *rest;

	memset(sp, 0, sizeof(*sp));
	if (!(sp->subsystem = strdup(subsystem)) || !(sp->buf = strdup(name)))
		return -ENOMEM;
	if (!strcmp(subsystem, "LVM")) {
		rest = sp->buf;
		sp->vg = lvm_part(&rest);
		sp->lv = lvm_part(&rest);
		sp->layer = lvm_part(&rest);
	} else
		sp->vg = sp->lv = sp->layer = sp->buf + strlen(sp->buf);
	return 0;
}

static void free_split_name(struct split_name *sp)
{
	free(sp->subsystem);
	free(sp->buf);
}

/* ------------------------------------------------------------------ reports */

/*
 * A report of default_fields, or with user_fields of -o's; JSON (-J) as an
 * array named json_name.
 */
static struct report *columns_init(const struct report_spec *sp, const char *default_fields,
				   int user_fields, const char *json_name)
{
	char *joined = NULL;
	const char *list = default_fields, *sep = " ", *which;
	unsigned flags = REPORT_ALIGNED | REPORT_HEADINGS;
	struct report *r;

	if (opt.noheadings) {
		sep = ":";
		flags &= ~(REPORT_ALIGNED | REPORT_HEADINGS);
	}
	if (opt.rows)
		flags |= REPORT_ROWS;
	if (opt.unquoted)
		flags |= REPORT_UNQUOTED;
	if (opt.nameprefixes) {
		flags &= ~REPORT_ALIGNED;
		flags |= REPORT_PREFIXES;
	}
	if (opt.options && user_fields) {
		if (*opt.options != '+')
			list = opt.options;
		else {
			if (asprintf(&joined, "%s,%s", default_fields, opt.options + 1) < 0)
				return NULL;
			list = joined;
		}
	}
	if (opt.separator) {
		sep = opt.separator;
		flags &= ~REPORT_ALIGNED;
	}
	r = report_init(sp, list, opt.sort, opt.select, flags, sep);
	free(joined);
	if (r && opt.json)
		report_json(r, json_name);
	/* (info -c and splitname: the statistics have rows of their own, stats report's) */
	if (r && sp == &spec && !report_done(r) &&
	    ((which = report_section_field(r, S_STATS)) || (which = report_section_field(r, S_REGION)))) {
		log_err("dmsetup: field %s is not supported by lodm yet (statistics).", which);
		report_free(r);
		r = NULL;
	}
	return r;
}

/* info -c's report, and what its rows need (asked once, not for every device). */
struct info_report {
	struct report *r;
	struct deptree tree;		/* every device, when a tree field is used */
	int uses_tree, uses_deps, uses_name;
	/* -S on another command: run it on each device selected, no row shown */
	const struct command *then;
};

/* lvm2's dmsetup runs these through info -c's selection when -S is given */
static const char *const selection_commands[] = {
	"remove", "suspend", "resume", "clear", "wipe_table", "measure", "deps", "status", "table",
};

int takes_selection(const struct command *cmd)
{
	size_t i;

	for (i = 0; i < sizeof(selection_commands) / sizeof(*selection_commands); i++)
		if (!strcmp(cmd->name, selection_commands[i]))
			return 1;
	return 0;
}

/* The command -S is for, on one selected device: 1 when it succeeded. */
static int run_selected(const struct command *cmd, const char *name)
{
	char *argv[] = { (char *)cmd->name, (char *)name, NULL };
	enum cmd_result result;

	devices_one_of_several(1);
	result = cmd->fn(cmd, 2, argv);
	devices_one_of_several(0);
	return result == CMD_OK;
}

/* The devices a device uses (DM_TABLE_DEPS); 0 or -errno (told). */
static int read_deps(struct dev_row *d)
{
	struct dm_req r;
	struct dm_id id = { .kind = DM_ID_DEVNO, .devno = (dev_t)d->io->dev };
	int rc;

	if ((rc = task_init(&r)) < 0)
		return rc;
	if ((rc = dm_req_set_id(&r, &id)) == 0 &&
	    (rc = call_exists(DM_TABLE_DEPS, &r, 0)) == 0)
		rc = dm_reply_deps(r.io, &d->deps, &d->ndeps);
	dm_req_free(&r);
	return rc;
}

/* The uuid's subsystem prefix: up to its first '-', else empty. */
static char *uuid_prefix(const char *uuid)
{
	const char *dash = strchr(uuid, '-');

	return strndup(uuid, dash ? (size_t)(dash - uuid) : 0);
}

/* A row of device io, with what the report's fields read (release_row after); 0 or -errno told. */
static int fill_row(const struct info_report *ir, const struct dm_ioctl *io, struct dev_row *d)
{
	char *subsys;
	int rc = 0;

	memset(d, 0, sizeof(*d));
	d->io = io;
	if (ir->uses_tree) {
		static const struct dt_node unknown;	/* came after the tree was built */

		d->tree = &ir->tree;
		d->node = deptree_find(&ir->tree, (dev_t)io->dev);
		if (!d->node)
			d->node = &unknown;
	}
	if (ir->uses_deps)
		rc = read_deps(d);
	if (rc >= 0 && ir->uses_name) {
		rc = (subsys = uuid_prefix(io->uuid)) ? split_name(&d->split, subsys, io->name) : -ENOMEM;
		free(subsys);
	}
	return rc;
}

static void release_row(struct dev_row *d)
{
	free_split_name(&d->split);
	free(d->deps);
}

/* A device's row (of a reply with its info): added, or with ir->then
 * the command run when the row is selected; 0 or -errno. */
static int reply_row(struct info_report *ir, const struct dm_ioctl *io)
{
	struct dev_row d;
	int rc = fill_row(ir, io, &d);

	if (rc >= 0 && ir->then) {
		if ((rc = report_selects(ir->r, &d)) > 0)
			rc = run_selected(ir->then, io->name) ? 0 : -EIO;
	} else if (rc >= 0)
		rc = report_add(ir->r, &d);
	release_row(&d);
	return rc;
}

static int info_row(const char *dev, int several, void *arg)
{
	struct dm_req r;
	int rc;

	(void)several;
	if ((rc = device_status(dev, &r)) < 0) {
		if (rc == -ENXIO)
			log_err("Device does not exist.");
		dm_req_free(&r);
		return rc;
	}
	rc = reply_row(arg, r.io);
	dm_req_free(&r);
	return rc;
}

/* Prints and frees a report; result, or CMD_FAILED when the output failed. */
static enum cmd_result run_report(struct report *r, enum cmd_result result)
{
	if (report_output(r) < 0)
		result = CMD_FAILED;
	report_free(r);
	return result;
}

#define INFO_COLUMNS "name,major,minor,attr,open,segments,events,uuid"

/* What the rows of info -c's report (ir->r made) need; 0, or -errno told
 * (the report then freed). */
static int info_report_ready(struct info_report *ir)
{
	int none, rc;

	ir->uses_tree = report_uses_section(ir->r, S_TREE);
	ir->uses_deps = report_uses_section(ir->r, S_DEPS);
	ir->uses_name = report_uses_section(ir->r, S_NAME);
	if (!report_done(ir->r) && ir->uses_tree && (rc = deptree_build(&ir->tree, &none)) < 0) {
		log_err("Internal device dependency tree creation failed.");
		deptree_free(&ir->tree);
		report_free(ir->r);
		ir->r = NULL;
		return rc;
	}
	return 0;
}

/* info -c's report (ir->r made) over the devices named, or all. */
static enum cmd_result run_info_report(struct info_report *ir, int argc, char **argv)
{
	enum cmd_result result;

	if (info_report_ready(ir) < 0)
		return CMD_TOLD;
	result = cmd_result_of(for_each_arg_or_all(argc, argv, info_row, ir));
	result = run_report(ir->r, result);
	deptree_free(&ir->tree);
	return result;
}

/* -v with -c: the rows of the devices the command showed (verbose_rows_output) */
static struct info_report verbose_rows;

int verbose_row(const struct dm_ioctl *io)
{
	int rc;

	if (!verbose_rows.r) {
		if (!(verbose_rows.r = columns_init(&spec, INFO_COLUMNS, 1, NULL)))
			return -EINVAL;
		if ((rc = info_report_ready(&verbose_rows)) < 0)
			return rc;
	}
	return reply_row(&verbose_rows, io);
}

int verbose_rows_output(void)
{
	int rc;

	if (!verbose_rows.r)
		return 0;
	rc = report_output(verbose_rows.r);
	report_free(verbose_rows.r);
	deptree_free(&verbose_rows.tree);
	memset(&verbose_rows, 0, sizeof(verbose_rows));
	return rc;
}

int columns_check(const struct command *cmd)
{
	/* lvm2 sets up its report for any command with -c (-S runs info's) */
	if (opt.columns && opt.sort && !(opt.select && takes_selection(cmd)) &&
	    (!strcmp(cmd->name, "status") || !strcmp(cmd->name, "table"))) {
		log_err("--sort is not yet supported with status and table.");
		return -EINVAL;
	}
	return 0;
}

enum cmd_result run_on_selected(const struct command *cmd, int argc, char **argv)
{
	struct info_report ir = { .then = cmd };

	/* info -c's report as lvm2 makes it: -o, -O and -S apply (it shows no
	 * row, and with -J each run of the command gives its document) */
	if (!(ir.r = columns_init(&spec, INFO_COLUMNS, 1, NULL)))
		return CMD_TOLD;
	return run_info_report(&ir, argc, argv);
}

enum cmd_result info_columns(int argc, char **argv)
{
	struct info_report ir = { 0 };

	/* info -J without -c: the facts of the text form, each in its field */
	if (!(ir.r = opt.columns ?
	      columns_init(&spec, INFO_COLUMNS, 1, "devices") :
	      columns_init(&spec, "name,suspended,readonly,read_ahead,tables_loaded,open,events,"
			   "major,minor,segments,uuid", 0, "devices")))
		return CMD_TOLD;
	return run_info_report(&ir, argc, argv);
}

enum cmd_result cmd_splitname(const struct command *cmd, int argc, char **argv)
{
	struct dev_row d = { 0 };
	struct report *r;
	const char *which;
	int rc;

	(void)cmd;
	if (!(r = columns_init(&spec, "vg_name,lv_name,lv_layer", 1, "names")))
		return CMD_TOLD;
	if (!report_done(r) && (which = report_field_outside(r, S_NAME))) {
		/* a name alone has no device to read the other fields from */
		log_err("_do_report_object: no data assigned to field %s", which);
		return run_report(r, CMD_FAILED);
	}
	rc = split_name(&d.split, argc == 3 ? argv[2] : "LVM", argv[1]);
	if (rc == 0)
		rc = report_add(r, &d);
	free_split_name(&d.split);
	return run_report(r, cmd_result_of(rc));
}

/* ------------------------------------------------------------------ stats list, report */

struct info_report *stats_columns_init(const char *default_fields, int list)
{
	struct info_report *ir = calloc(1, sizeof(*ir));
	int none;

	if (!ir)
		return NULL;
	if (!(ir->r = columns_init(list ? &stats_list_spec : &stats_report_spec, default_fields, 1,
				   "stats"))) {
		free(ir);
		return NULL;
	}
	ir->uses_tree = report_uses_section(ir->r, S_TREE);
	ir->uses_deps = report_uses_section(ir->r, S_DEPS);
	ir->uses_name = report_uses_section(ir->r, S_NAME);
	if (!report_done(ir->r) && ir->uses_tree && deptree_build(&ir->tree, &none) < 0) {
		log_err("Internal device dependency tree creation failed.");
		stats_columns_free(ir);
		return NULL;
	}
	return ir;
}

struct report *stats_columns_report(struct info_report *ir)
{
	return ir->r;
}

int stats_columns_use_counters(const struct info_report *ir)
{
	return report_uses_section(ir->r, S_STATS);
}

int stats_columns_add(struct info_report *ir, const struct dm_ioctl *io, const struct stats_cursor *cur)
{
	struct dev_row d;
	int rc = fill_row(ir, io, &d);

	d.stats = cur;
	if (rc >= 0)
		rc = report_add(ir->r, &d);
	release_row(&d);
	return rc;
}

void stats_columns_free(struct info_report *ir)
{
	if (!ir)
		return;
	report_free(ir->r);
	deptree_free(&ir->tree);
	free(ir);
}
