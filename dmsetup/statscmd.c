/*
 * The stats subcommands that change or print regions: create (also
 * --filemap), delete, clear, print, group, ungroup, update_filemap, each
 * with lvm2 dmsetup's checks, messages and order (its _stats_* functions
 * over libdm-stats), over the kernel interface of common/dmstats.h.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "call.h"
#include "devices.h"
#include "dmsetup.h"
#include "log.h"
#include "stats.h"

/* An id as lvm2 holds it: atoi's int widened (so -1 is "all regions"). */
static uint64_t id_of(int v)
{
	return (uint64_t)(int64_t)v;
}

/* A message to dev with no answer wanted; 0 or -errno told. */
static int send_quiet_reply(const char *dev, const char *msg)
{
	char *reply;
	int rc = stats_send((void *)dev, msg, &reply);

	free(reply);
	return rc;
}

/* ---------------------------------------------------------------- clear */

static enum cmd_result clear_one(const char *dev, const struct dms *s, uint64_t id)
{
	char msg[DMS_MSG_MAX];

	if (!dms_region_present(s, id)) {
		log_err("No such region: %" PRIu64 ".", id);
		return CMD_FAILED;
	}
	if (dms_msg_clear(id, msg, sizeof(msg)) < 0 || send_quiet_reply(dev, msg) < 0) {
		log_err("Clearing statistics region %" PRIu64 " failed.", id);
		return CMD_FAILED;
	}
	log_debug("Cleared statistics region %" PRIu64 ".", id);
	return CMD_OK;
}

static enum cmd_result clear_device(const char *dev, void *arg)
{
	uint64_t id = sopt.allregions ? DMS_NONE : id_of(sopt.regionid), i;
	enum cmd_result res = CMD_OK;
	struct dms s;

	(void)arg;
	dms_init(&s);
	if (stats_list_regions(dev, STATS_PROGRAM_ID, &s) < 0)
		res = CMD_FAILED;
	else if (!s.nr_regions)
		;
	else if (id != DMS_NONE)
		res = clear_one(dev, &s, id);
	else
		for (i = 0; i < s.nr_slots && res == CMD_OK; i++)
			if (dms_region_present(&s, i))
				res = clear_one(dev, &s, i);
	dms_free(&s);
	return res;
}

enum cmd_result stats_clear(int argc, char **argv)
{
	if (!sopt.have_regionid && !sopt.allregions) {
		log_err("Please specify a --regionid or use --allregions.");
		return CMD_FAILED;
	}
	return stats_each_device(argc, argv, STATS_EVERY_DEVICE, clear_device, NULL);
}

/* ---------------------------------------------------------------- print */

/* One region's counter lines as the kernel gives them. */
static int print_one(const char *dev, uint64_t id)
{
	char msg[DMS_MSG_MAX], *reply = NULL;
	int rc = dms_msg_print(id, 0, 0, sopt.clear, msg, sizeof(msg));

	if (rc >= 0)
		rc = stats_send((void *)dev, msg, &reply);
	if (rc >= 0 && !reply)
		rc = -ENODATA;
	if (rc < 0) {
		log_err("Could not print statistics region.");
		return rc;
	}
	fputs(reply, stdout);
	free(reply);
	return 0;
}

static enum cmd_result print_device(const char *dev, void *arg)
{
	enum cmd_result res = CMD_OK;
	struct dms s;
	uint64_t i;

	(void)arg;
	dms_init(&s);
	if (stats_list_regions(dev, STATS_PROGRAM_ID, &s) < 0)
		res = CMD_FAILED;
	else if (!sopt.allregions) {
		if (print_one(dev, id_of(sopt.regionid)) < 0)
			res = CMD_FAILED;
	} else
		/* lvm2 1.02.185 (and upstream still) prints each region twice */
		for (i = 0; i < s.nr_slots && res == CMD_OK; i++)
			if (dms_region_present(&s, i) &&
			    (print_one(dev, i) < 0 || print_one(dev, i) < 0))
				res = CMD_FAILED;
	dms_free(&s);
	return res;
}

enum cmd_result stats_print(int argc, char **argv)
{
	if (!sopt.have_regionid && !sopt.allregions) {
		log_err("Please specify a --regionid or use --allregions.");
		return CMD_FAILED;
	}
	return stats_each_device(argc, argv, STATS_EVERY_DEVICE, print_device, NULL);
}

/* --------------------------------------------------------------- groups */

/*
 * dm_stats_create_group over a listed s: the checks and their messages, the
 * warnings, the descriptor written into the leader's aux data; 0 or -errno told.
 */
static int make_group(const char *dev, struct dms *s, const char *members, const char *alias,
		      uint64_t *group_id)
{
	struct dms_group_check chk = { 0 };
	char msg[DMS_MSG_MAX];
	struct dms_idset set;
	size_t i;
	int rc;

	if (!s->nr_regions) {
		log_err("Could not create group: no regions found.");
		return -ENODATA;
	}
	if ((rc = dms_idset_parse(members, &set)) < 0) {
		log_err("Could not parse list: '%s'", members);
		return rc;
	}
	rc = dms_group_check(s, &set, &chk);
	switch (rc) {
	case 0:
		break;
	case -ENODATA:
		log_err("Could not create group: no regions found.");
		break;
	case -ERANGE:
		log_err("Invalid region ID: %d", (int)chk.region);
		break;
	case -ENOENT:
		log_err("Region ID %d does not exist", (int)chk.region);
		break;
	case -EBUSY:
		log_err("Region ID %d already a member of group ID %" PRIu64, (int)chk.region,
			chk.group);
		break;
	case -EDOM:
		log_err("All region histogram bounds must match exactly");
		break;
	default:
		break;
	}
	if (rc == 0) {
		if (chk.mixed_precision)
			log_err("WARNING: Grouping regions with different clock resolution: "
				"precision may be lost.");
		for (i = 0; i < chk.nr_overlaps; i++)
			log_err("WARNING: region IDs %" PRIu64 " and %" PRIu64 " overlap. "
				"Some events will be counted twice.",
				chk.overlaps[i][0], chk.overlaps[i][1]);
		rc = dms_group_create(s, &set, alias, group_id, msg, sizeof(msg));
		if (rc == 0)
			rc = send_quiet_reply(dev, msg);
	}
	free(chk.overlaps);
	dms_idset_free(&set);
	return rc;
}

struct group_args {
	const char *regions, *alias;
};

static enum cmd_result group_device(const char *dev, void *arg)
{
	const struct group_args *g = arg;
	enum cmd_result res = CMD_FAILED;
	uint64_t group_id;
	struct dms s;

	dms_init(&s);
	if (stats_list_regions(dev, STATS_PROGRAM_ID, &s) < 0)
		;
	else if (make_group(dev, &s, g->regions, g->alias, &group_id) < 0)
		log_err("Could not create group on %s: %s", dev ? dev : "(null)", g->regions);
	else {
		printf("Grouped regions %s as group ID %" PRIu64 " on %s\n", g->regions, group_id,
		       dev ? dev : "(null)");
		res = CMD_OK;
	}
	dms_free(&s);
	return res;
}

enum cmd_result stats_group(int argc, char **argv)
{
	struct group_args g = { sopt.regions, sopt.alias };

	if (!sopt.regions) {
		log_err("Group requires --regions.");
		return CMD_FAILED;
	}
	return stats_each_device(argc, argv, STATS_ASK_ALLDEVICES, group_device, &g);
}

/* dm_stats_delete_group's checks; 0 or -errno told. */
static int group_known(const struct dms *s, uint64_t group_id)
{
	if (group_id >= s->nr_slots) {
		log_err("Invalid group ID: %" PRIu64, group_id);
		return -ERANGE;
	}
	if (!dms_group_present(s, group_id)) {
		log_err("Group ID %" PRIu64 " does not exist", group_id);
		return -ENOENT;
	}
	return 0;
}

static enum cmd_result ungroup_device(const char *dev, void *arg)
{
	uint64_t group_id = id_of(sopt.groupid);
	enum cmd_result res = CMD_FAILED;
	char msg[DMS_MSG_MAX];
	struct dms s;

	(void)arg;
	dms_init(&s);
	if (stats_list_regions(dev, STATS_PROGRAM_ID, &s) < 0) {
		dms_free(&s);
		return CMD_FAILED;
	}
	if (group_known(&s, group_id) == 0 &&
	    dms_group_remove(&s, group_id, msg, sizeof(msg)) == 0 &&
	    send_quiet_reply(dev, msg) == 0)
		res = CMD_OK;
	else
		log_err("Could not delete group %" PRIu64 " on %s.", group_id,
			dev ? dev : "(null)");
	/* (said even when it failed, as lvm2 does) */
	printf("Removed group ID %" PRIu64 " on %s\n", group_id, dev ? dev : "(null)");
	dms_free(&s);
	return res;
}

enum cmd_result stats_ungroup(int argc, char **argv)
{
	if (!sopt.have_groupid) {
		log_err("Please specify group id.");
		return CMD_FAILED;
	}
	return stats_each_device(argc, argv, STATS_ASK_ALLDEVICES, ungroup_device, NULL);
}

/* --------------------------------------------------------------- delete */

/*
 * _stats_delete_region of a listed s: region id leaves its group first (the
 * leader's descriptor rewritten), then goes; 0 or -errno told.
 */
static int delete_listed(const char *dev, struct dms *s, uint64_t id)
{
	char msg[DMS_MSG_MAX];
	uint64_t group_id;
	int rc;

	if (id < s->nr_slots && (group_id = s->regions[id].group_id) != DMS_NONE) {
		if ((rc = dms_group_drop_region(s, id, msg, sizeof(msg))) < 0 ||
		    (*msg && (rc = send_quiet_reply(dev, msg)) < 0)) {
			log_err("Could not remove region ID %" PRIu64 " from group ID %" PRIu64,
				id, group_id);
			return rc;
		}
	}
	if ((rc = dms_msg_delete(id, msg, sizeof(msg))) < 0)
		return rc;
	if ((rc = send_quiet_reply(dev, msg)) < 0)
		return rc;
	/* gone from the table too, as libdm's listed handle forgets it */
	if (id < s->nr_slots && s->regions[id].id != DMS_NONE) {
		s->regions[id].id = DMS_NONE;
		s->nr_regions--;
	}
	return 0;
}

/* dm_stats_delete_region's checks before delete_listed; 0 or -errno told. */
static int delete_checked(const char *dev, struct dms *s, uint64_t id)
{
	if (!s->nr_regions) {
		log_err("Could not delete region ID %" PRIu64 ": no regions found", id);
		return -ENOENT;
	}
	if (!dms_region_present(s, id)) {
		log_err("Region ID %" PRIu64 " does not exist", id);
		return -ENOENT;
	}
	return delete_listed(dev, s, id);
}

/*
 * The program libdm names when a handle was made for every program: the
 * process's own name (/proc/self/comm), as dm_stats_create("") takes it.
 */
static void own_program_id(char *buf, size_t size)
{
	FILE *f = fopen("/proc/self/comm", "r");

	*buf = '\0';
	if (f) {
		if (fgets(buf, (int)size, f))
			buf[strcspn(buf, "\n")] = '\0';
		fclose(f);
	}
}

/* --groupid: the group's regions, the others first from the highest down, the leader last. */
static int delete_group(const char *dev, struct dms *s, uint64_t group_id)
{
	char msg[DMS_MSG_MAX];
	struct dms_idset members = { 0 };
	size_t i;
	int rc;

	if ((rc = group_known(s, group_id)) < 0)
		return rc;
	for (i = 0; i < s->groups[group_id].members.n; i++)
		if ((rc = dms_idset_add(&members, s->groups[group_id].members.ids[i])) < 0)
			return rc;
	for (i = members.n; i-- > 0;) {
		uint64_t id = members.ids[i];

		if (id == group_id)
			continue;
		if (delete_checked(dev, s, id) < 0)
			log_err("WARNING: Failed to delete region %" PRIu64 " on %s.", id,
				dev ? dev : "(null)");
	}
	dms_idset_free(&members);
	/* the group itself is forgotten, not rewritten: its leader goes next */
	if (dms_group_present(s, group_id) && (rc = dms_group_remove(s, group_id, msg, sizeof(msg))) < 0)
		return rc;
	return delete_checked(dev, s, group_id);
}

static enum cmd_result delete_device(const char *dev, void *arg)
{
	const char *program_id = sopt.allprograms ? "" : sopt.programid ? sopt.programid
									 : STATS_PROGRAM_ID;
	enum cmd_result res = CMD_OK;
	char own[64];
	struct dms s;
	uint64_t i;

	(void)arg;
	dms_init(&s);
	if (sopt.allregions || sopt.have_groupid) {
		if (stats_list_regions(dev, program_id, &s) < 0)
			res = CMD_FAILED;
		else if (sopt.allregions && !s.nr_regions)
			;
		else if (sopt.have_groupid) {
			if (delete_group(dev, &s, id_of(sopt.groupid)) < 0) {
				log_err("Could not delete statistics group.");
				res = CMD_FAILED;
			} else
				printf("Deleted statistics group %" PRIu64 ".\n", id_of(sopt.groupid));
		} else
			for (i = 0; i < s.nr_slots && res == CMD_OK; i++) {
				if (!dms_region_present(&s, i))
					continue;
				if (delete_checked(dev, &s, i) < 0) {
					log_err("Could not delete statistics region.");
					res = CMD_FAILED;
				} else
					log_debug("Deleted statistics region %" PRIu64, i);
			}
	} else {
		uint64_t id = id_of(sopt.regionid);

		/* libdm lists the regions of the handle's program: its own name for "every program" */
		if (!*program_id) {
			own_program_id(own, sizeof(own));
			program_id = own;
		}
		if (stats_list_regions(dev, program_id, &s) < 0) {
			log_err("Could not obtain region list while deleting region ID %" PRIu64, id);
			res = CMD_FAILED;
		} else if (delete_checked(dev, &s, id) < 0)
			res = CMD_FAILED;
		if (res != CMD_OK)
			log_err("Could not delete statistics region");
		else
			log_debug("Deleted statistics region %" PRIu64 ".", id);
	}
	dms_free(&s);
	return res;
}

enum cmd_result stats_delete(int argc, char **argv)
{
	if (sopt.have_regionid && sopt.have_groupid) {
		log_err("Please use one of --regionid and --groupid.");
		return CMD_FAILED;
	}
	if (!sopt.have_regionid && !sopt.allregions && !sopt.have_groupid) {
		log_err("Please specify a --regionid or --groupid, or use --allregions.");
		return CMD_FAILED;
	}
	return stats_each_device(argc, argv, STATS_ASK_ALLDEVICES, delete_device, NULL);
}

/* --------------------------------------------------------------- create */

/*
 * A --start, --length or --areasize value in bytes, as lvm2's
 * _size_from_string: a plain number counts sectors, a unit after it
 * (dm_units_to_factor's) multiplies, anything else there is ignored.
 */
static int size_arg(const char *arg, const char *what, uint64_t *bytes)
{
	char *end, unit;
	uint64_t factor;

	*bytes = strtoull(arg, &end, 10);
	if (end == arg) {
		*bytes = 0;
		log_err("Invalid %s argument: \"%s\"", what, arg);
		return -EINVAL;
	}
	if (!*end) {
		*bytes *= 512;
		return 0;
	}
	if ((factor = units_to_factor(end, &unit)))
		*bytes *= factor;
	return 0;
}

/* lvm2's count of the areas a region gets, for its message. */
static uint64_t nr_areas_of(uint64_t len, int64_t step)
{
	if (!step || !len)
		return 1;
	if (step < 0)
		return (uint64_t)-step;
	return len / (uint64_t)step + !!(len % (uint64_t)step);
}

/* --bounds as libdm reads it (dm_histogram_bounds_from_string); 0 or -errno told. */
static int bounds_parse(const char *text, struct dms_bounds *b)
{
	enum dms_bounds_error err;
	const char *at = NULL;
	int rc = dms_bounds_parse(text, b, &err, &at);

	if (rc == -EINVAL && err == DMS_BOUNDS_BAD_CHAR)
		log_err("Invalid character in histogram: %c", at ? *at : '\0');
	else if (rc == -EINVAL && err == DMS_BOUNDS_EMPTY_BIN)
		log_err("Empty histogram bin not allowed: %s", text);
	return rc;
}

/* The kernel's histogram argument of b, made for each region as libdm makes
 * it (so its complaints come after the device's table is read); 0 or -errno told. */
static int bounds_arg(const struct dms_bounds *b, int *precise, char *buf, size_t size)
{
	int rc = dms_bounds_arg(b, precise, buf, size);

	if (rc == -ENODATA)
		log_err("Cannot format empty histogram description.");
	else if (rc == -EDOM)
		log_err("Histogram boundaries must be in order of increasing magnitude.");
	return rc < 0 ? rc : 0;
}

/* --bounds parsed and turned into the kernel's argument at once (filemap); 0 or -errno told. */
static int bounds_text_arg(const char *text, int *precise, char *buf, size_t size)
{
	struct dms_bounds b;
	int rc = bounds_parse(text, &b);

	if (rc < 0)
		return rc;
	rc = bounds_arg(&b, precise, buf, size);
	dms_bounds_free(&b);
	return rc;
}

struct create_plan {
	const char *program_id, *user_data;
};

/* The device's table (lvm2 reads it to size the region or find the segments). */
static int device_table(const char *dev, struct dm_req *r)
{
	int rc;

	if ((rc = device_task(r, dev)) < 0)
		return rc;
	if ((rc = call(DM_TABLE_STATUS, r, DM_STATUS_TABLE_FLAG, 0)) < 0) {
		dm_req_free(r);
		return rc;
	}
	return 0;
}

struct segment_list {
	uint64_t *start, *len;
	size_t n, cap;
};

static int keep_segment(const struct dm_target *t, void *arg)
{
	struct segment_list *l = arg;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		uint64_t *s = realloc(l->start, cap * sizeof(*s)), *n;

		if (!s)
			return -ENOMEM;
		l->start = s;
		if (!(n = realloc(l->len, cap * sizeof(*n))))
			return -ENOMEM;
		l->len = n;
		l->cap = cap;
	}
	l->start[l->n] = t->start;
	l->len[l->n++] = t->length;
	return 0;
}

/* "0,1,2": the ids as lvm2 writes a --segments group's members. */
static char *id_list(const uint64_t *ids, size_t n)
{
	char *buf = malloc(n * 21 + 1), *p = buf;
	size_t i;

	if (!buf)
		return NULL;
	*p = '\0';
	for (i = 0; i < n; i++)
		p += sprintf(p, "%" PRIu64 "%s", ids[i], i + 1 < n ? "," : "");
	return buf;
}

static enum cmd_result group_segments(const char *dev, const uint64_t *ids, size_t n)
{
	char *members = id_list(ids, n);
	enum cmd_result res = CMD_FAILED;
	uint64_t group_id;
	struct dms s;

	if (!members) {
		log_err("Could not allocate memory for region_id table.");
		return CMD_FAILED;
	}
	dms_init(&s);
	if (stats_list_regions(dev, STATS_PROGRAM_ID, &s) < 0)
		;
	else if (make_group(dev, &s, members, sopt.alias, &group_id) < 0)
		log_err("Failed to create group for regions %s.", members);
	else {
		printf("Grouped regions %s as group ID %" PRIu64 "%s%s\n", members, group_id,
		       sopt.alias ? " with alias " : "", sopt.alias ? sopt.alias : "");
		res = CMD_OK;
	}
	dms_free(&s);
	free(members);
	return res;
}

static enum cmd_result create_device(const char *dev, void *arg)
{
	const struct create_plan *p = arg;
	uint64_t start = 0, len = 0, area_size = 0, areas = 0, total = 0, *ids = NULL;
	char hist[DMS_MSG_MAX], name[DM_NAME_LEN + 1];
	struct segment_list seg = { 0 };
	enum cmd_result res = CMD_FAILED;
	struct dms_bounds bounds = { 0 };
	struct dm_req r;
	int64_t step;
	int precise = sopt.precise;
	size_t i, n = 0;

	if (sopt.have_areas)
		areas = (uint64_t)(int64_t)sopt.areas;
	if (sopt.areasize && size_arg(sopt.areasize, "areasize", &area_size) < 0)
		return CMD_FAILED;
	areas = areas ? areas : 1;
	step = area_size ? (int64_t)area_size / 512 : -(int64_t)areas;
	if (sopt.start && size_arg(sopt.start, "start", &start) < 0)
		return CMD_FAILED;
	start /= 512;
	if (sopt.length && size_arg(sopt.length, "length", &len) < 0)
		return CMD_FAILED;
	len /= 512;

	if (sopt.alias && sopt.nogroup) {
		log_err("Cannot set alias with --nogroup.");
		return CMD_FAILED;
	}
	if (sopt.bounds && bounds_parse(sopt.bounds, &bounds) < 0)
		return CMD_FAILED;
	if (device_table(dev, &r) < 0) {
		dms_bounds_free(&bounds);
		return CMD_FAILED;
	}
	snprintf(name, sizeof(name), "%s", r.io->name);
	if (r.io->target_count && dm_reply_targets(r.io, keep_segment, &seg) < 0)
		goto out;
	/* no table: one target of nothing, as libdm's dm_get_next_target says */
	if (!seg.n && keep_segment(&(struct dm_target){ 0 }, &seg) < 0)
		goto out;
	if (!(ids = calloc(seg.n, sizeof(*ids))))
		goto out;
	for (i = 0; i < seg.n; i++) {
		struct dms_create c = { 0 };

		if (!sopt.segments && !len)
			total += seg.len[i];
		if (!sopt.segments && i + 1 < seg.n)
			continue;
		c.start = sopt.segments ? seg.start[i] : start;
		c.len = sopt.segments ? seg.len[i] : len ? len : total;
		c.step = step;
		c.hist_arg = sopt.bounds ? hist : NULL;
		c.program_id = p->program_id;
		c.user_data = p->user_data;
		if ((sopt.bounds && bounds_arg(&bounds, &precise, hist, sizeof(hist)) < 0) ||
		    (c.precise = precise, dms_create_region(stats_send, (void *)dev, &c, &ids[n]) < 0)) {
			log_err("%s: Could not create statistics region.", name);
			goto out;
		}
		printf("%s: Created new region with %" PRIu64 " area(s) as region ID %" PRIu64 "\n",
		       name, nr_areas_of(c.len, step), ids[n]);
		n++;
	}
	res = CMD_OK;
	if (!sopt.nogroup && sopt.segments)
		res = group_segments(dev, ids, n);
out:
	free(ids);
	free(seg.start);
	free(seg.len);
	dms_bounds_free(&bounds);
	dm_req_free(&r);
	return res;
}

static enum cmd_result create_filemap(int argc, char **argv, const struct create_plan *p);

enum cmd_result stats_create(int argc, char **argv)
{
	struct create_plan p = { STATS_PROGRAM_ID, "" };

	if (sopt.allregions) {
		log_err("Cannot use --allregions with create.");
		return CMD_FAILED;
	}
	if (sopt.allprograms) {
		log_err("Cannot use --allprograms with create.");
		return CMD_FAILED;
	}
	if (sopt.have_areas && sopt.areasize) {
		log_err("Please specify one of --areas and --areasize.");
		return CMD_FAILED;
	}
	if (sopt.programid && !*sopt.programid && !opt.force) {
		log_err("Creating a region with no program id requires --force.");
		return CMD_FAILED;
	}
	if (sopt.programid)
		p.program_id = sopt.programid;
	if (sopt.userdata)
		p.user_data = sopt.userdata;
	if (sopt.filemap)
		return create_filemap(argc, argv, &p);
	return stats_each_device(argc, argv, STATS_ASK_ALLDEVICES, create_device, &p);
}

/* -------------------------------------------------------------- filemap */

/* lvm2's _stats_check_filemap_switches; 0 or told. */
static int filemap_options_agree(void)
{
	const char *why = NULL;

	if (sopt.have_areas || sopt.areasize)
		why = "--filemap is incompatible with --areas and --area-size.";
	else if (sopt.start || sopt.length)
		why = "--filemap is incompatible with --start and --length.";
	else if (sopt.segments)
		why = "--filemap and --segments are incompatible.";
	else if (sopt.userdata)
		why = "--userdata is not yet supported with --filemap.";
	else if (opt.uuid || opt.have_major)
		why = "--uuid and --major are incompatible with --filemap.";
	else if (sopt.alldevices)
		why = "--alldevices is incompatible with --filemap.";
	if (why)
		log_err("%s", why);
	return !why;
}

/*
 * dmfilemapd's follow mode as lvm2 picks it: 0 none (--nomonitor, --nogroup,
 * or a --follow that is not "inode" or "path", told), 1 a mode.
 */
static int filemap_follows(void)
{
	if (sopt.nomonitor || sopt.nogroup)
		return 0;
	if (sopt.follow && strcmp(sopt.follow, "inode") && strcmp(sopt.follow, "path")) {
		log_err("Could not parse dmfilemapd mode: %s", sopt.follow);
		return 0;
	}
	return 1;
}

/* lodm has no dmfilemapd: told as an lvm2 built without it tells it. */
static void no_filemapd(void)
{
	log_err("dmfilemapd support disabled.");
	log_err("Failed to start filemap monitoring daemon.");
}

/* The file's extents, with libdm's checks and messages; 0 or -errno told. */
static int file_extents(int fd, struct dms_extent **ext, uint64_t *count, dev_t *devno)
{
	int rc = dms_file_check(fd, devno);

	if (rc == -EOPNOTSUPP)
		log_err("Cannot map file: btrfs does not provide physical FIEMAP extent data.");
	else if (rc == -EINVAL)
		log_err("Not a regular file");
	else if (rc == -ENODEV)
		log_err("Cannot map file: not a device-mapper device.");
	else if (rc < 0)
		log_err("fstat failed for fd %d", fd);
	if (rc < 0)
		return rc;
	rc = dms_file_extents(fd, ext, count);
	if (rc == -ENODATA)
		log_err("Cannot map file: no allocated extents.");
	else if (rc == -EBADR)
		log_err("FIEMAP failed with unknown flags.");
	else if (rc < 0)
		log_err("ioctl FS_IOC_FIEMAP failed: %s", strerror(-rc));
	return rc;
}

/* The device a file lives on, named by its number (stats_send's ctx for -j/-m). */
static void name_by_devno(dev_t devno)
{
	opt.uuid = NULL;
	opt.major = (int)major(devno);
	opt.minor = (int)minor(devno);
	opt.have_major = opt.have_minor = 1;
}

/* One region per extent (a rollback of those made when one fails); 0 or -errno told. */
static int create_extent_regions(const struct dms_extent *ext, uint64_t count, uint64_t *ids,
				 int precise, const char *hist, const char *program_id)
{
	uint64_t i, j;
	char msg[DMS_MSG_MAX];

	for (i = 0; i < count; i++) {
		struct dms_create c = { ext[i].start, ext[i].len, -1, precise, hist, program_id, "" };

		if (dms_create_region(stats_send, NULL, &c, &ids[i]) < 0) {
			log_err("Failed to create region %" PRIu64 " of %" PRIu64 " at %" PRIu64 ".",
				i, count, ext[i].start);
			for (j = 0; j < i; j++)
				if (dms_msg_delete(ids[j], msg, sizeof(msg)) < 0 ||
				    send_quiet_reply(NULL, msg) < 0)
					log_err("Could not delete region %" PRIu64 ".", j);
			return -EIO;
		}
	}
	return 0;
}

/* The group of a file's regions (lvm2 checks nothing but the overlaps); 0 or -errno told. */
static int group_extent_regions(const uint64_t *ids, uint64_t count, const char *alias)
{
	struct dms_idset set = { 0 };
	char msg[DMS_MSG_MAX];
	uint64_t i, group_id;
	struct dms s;
	int rc = 0;

	dms_init(&s);
	for (i = 0; i < count && rc == 0; i++)
		rc = dms_idset_add(&set, ids[i]);
	if (rc == 0)
		rc = stats_list_regions(NULL, STATS_PROGRAM_ID, &s);
	if (rc == 0 && (rc = dms_group_create(&s, &set, alias, &group_id, msg, sizeof(msg))) == 0)
		rc = send_quiet_reply(NULL, msg);
	dms_idset_free(&set);
	dms_free(&s);
	return rc;
}

static enum cmd_result create_filemap(int argc, char **argv, const struct create_plan *p)
{
	const char *path, *alias, *base, *program_id = STATS_PROGRAM_ID;
	struct dms_extent *ext = NULL;
	enum cmd_result res = CMD_FAILED;
	char hist[DMS_MSG_MAX], *abspath = NULL;
	uint64_t count = 0, *ids = NULL, i;
	int fd = -1, group = !sopt.nogroup, precise = sopt.precise, follows;
	dev_t devno;

	if (!filemap_options_agree())
		return CMD_FAILED;
	if (argc < 2) {
		log_err("--filemap requires a file path argument");
		return CMD_FAILED;
	}
	path = argv[1];
	if (!(abspath = realpath(path, NULL))) {
		log_err("Could not canonicalize file name: %s", path);
		return CMD_FAILED;
	}
	if (sopt.bounds && bounds_text_arg(sopt.bounds, &precise, hist, sizeof(hist)) < 0)
		goto out;
	/* lvm2 names the file's regions "dmstats" unless told "" (with --force) */
	if (!*p->program_id)
		program_id = "";
	follows = filemap_follows();
	if (!sopt.nomonitor && !follows)
		goto out;
	if ((fd = open(abspath, O_RDONLY)) < 0) {
		log_err("Could not open %s for reading", abspath);
		goto out;
	}
	base = strrchr(abspath, '/');
	alias = !group ? NULL : sopt.alias ? sopt.alias : base ? base + 1 : abspath;
	if (!group && sopt.alias) {
		log_err("Cannot set alias with --nogroup.");
		goto out;
	}
	if (file_extents(fd, &ext, &count, &devno) < 0 || !(ids = calloc(count, sizeof(*ids)))) {
		log_err("Could not create regions from file %s.", abspath);
		goto out;
	}
	name_by_devno(devno);
	if (create_extent_regions(ext, count, ids, precise, sopt.bounds ? hist : NULL,
				  program_id) < 0 ||
	    (group && group_extent_regions(ids, count, alias) < 0)) {
		log_err("Could not create regions from file %s.", abspath);
		goto out;
	}
	if (!sopt.nomonitor && group)
		no_filemapd();
	if (group)
		printf("%s: Created new group with %" PRIu64 " region(s) as group ID %" PRIu64 ".\n",
		       path, count, ids[0]);
	else
		for (i = 0; i < count; i++)
			printf("%s: Created new region with 1 area as region ID %" PRIu64 ".\n", path,
			       ids[i]);
	res = CMD_OK;
out:
	if (fd >= 0)
		close(fd);
	free(ids);
	free(ext);
	free(abspath);
	return res;
}

/*
 * dm_stats_update_regions_from_fd: the group's regions that no longer
 * match an extent go, a region is made for each new extent, and the group
 * is written again (made anew when its leader went).  *ids (the regions,
 * in extent order) and *count; 0 or -errno told.
 */
static int update_group(int fd, uint64_t group_id, uint64_t **ids, uint64_t *count)
{
	struct dms_filemap_plan plan = { 0 };
	struct dms_extent *ext = NULL;
	struct dms_idset set = { 0 };
	char msg[DMS_MSG_MAX], hist[DMS_MSG_MAX], *alias = NULL;
	const char *hist_arg = NULL;
	uint64_t i, j, new_group;
	int rc, precise;
	dev_t devno;
	struct dms s;

	dms_init(&s);
	/* libdm binds its handle to the file's device number, and refuses major 0 */
	if (!opt.major) {
		log_err("Stats handle at %p is not bound.", (void *)&s);
		rc = -ENODEV;
	} else
		rc = stats_list_regions(NULL, STATS_PROGRAM_ID, &s);
	if (rc < 0) {
		log_err("Could not obtain region list while updating group %" PRIu64 ".", group_id);
		goto out;
	}
	if (!dms_group_present(&s, group_id)) {
		log_err("Group ID %" PRIu64 " does not exist.", group_id);
		rc = -ENOENT;
		goto out;
	}
	if (s.groups[group_id].alias && !(alias = strdup(s.groups[group_id].alias))) {
		rc = -ENOMEM;
		goto out;
	}
	precise = s.regions[group_id].timescale == 1;
	if (s.regions[group_id].bounds.nr_bins) {
		/* the leader's bounds without the kernel's implicit last bin */
		struct dms_bounds b = s.regions[group_id].bounds;

		b.nr_bins--;
		if (b.nr_bins && dms_bounds_arg(&b, &precise, hist, sizeof(hist)) >= 0)
			hist_arg = hist;
	}
	if ((rc = file_extents(fd, &ext, count, &devno)) < 0 && rc != -ENODATA)
		goto out;
	if (rc == -ENODATA)
		*count = 0;
	if ((rc = dms_filemap_plan(&s, group_id, ext, *count, &plan)) < 0)
		goto out;
	for (i = 0; i < plan.nr_delete; i++)
		if ((rc = delete_listed(NULL, &s, plan.delete_ids[i])) < 0) {
			log_err("Could not remove region ID %" PRIu64, plan.delete_ids[i]);
			goto out;
		}
	if (!(*ids = calloc(*count + 1, sizeof(**ids)))) {
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < *count; i++) {
		(*ids)[i] = DMS_NONE;
		for (j = 0; j < plan.nr_keep; j++)
			if (plan.keep[j].start == ext[i].start && plan.keep[j].len == ext[i].len)
				(*ids)[i] = plan.keep[j].id;
	}
	for (i = 0; i < plan.nr_create; i++) {
		uint64_t k = plan.create[i];
		struct dms_create c = { ext[k].start, ext[k].len, -1, precise, hist_arg,
					STATS_PROGRAM_ID, "" };

		if ((rc = dms_create_region(stats_send, NULL, &c, &(*ids)[k])) < 0) {
			log_err("Failed to create region %" PRIu64 " of %" PRIu64 " at %" PRIu64 ".",
				k, *count, ext[k].start);
			goto out;
		}
	}
	for (i = 0; i < *count && rc == 0; i++)
		rc = dms_idset_add(&set, (*ids)[i]);
	if (rc < 0 || !*count)
		goto out;
	dms_free(&s);
	dms_init(&s);
	if ((rc = stats_list_regions(NULL, STATS_PROGRAM_ID, &s)) < 0)
		goto out;
	/* the group written again with its members now (made anew when the leader went) */
	if (!plan.regroup && dms_group_present(&s, group_id) &&
	    (rc = dms_group_remove(&s, group_id, msg, sizeof(msg))) < 0)
		goto out;
	if ((rc = dms_group_create(&s, &set, alias, &new_group, msg, sizeof(msg))) == 0)
		rc = send_quiet_reply(NULL, msg);
	if (!plan.regroup && rc < 0)
		log_err("Failed to update group aux_data.");
out:
	dms_filemap_plan_free(&plan);
	dms_idset_free(&set);
	dms_free(&s);
	free(ext);
	free(alias);
	return rc;
}

enum cmd_result stats_update_filemap(int argc, char **argv)
{
	uint64_t group_id = id_of(sopt.groupid), *ids = NULL, count = 0;
	enum cmd_result res = CMD_FAILED;
	const char *path;
	char *abspath = NULL;
	struct stat st;
	int fd = -1;

	if (!filemap_options_agree())
		return CMD_FAILED;
	if (argc < 2) {
		log_err("update_filemap requires a file path argument");
		return CMD_FAILED;
	}
	if (!sopt.have_groupid) {
		log_err("--groupid is required to update a filemap group.");
		return CMD_FAILED;
	}
	path = argv[1];
	if (!(abspath = realpath(path, NULL))) {
		log_err("Could not canonicalize file name: %s", path);
		return CMD_FAILED;
	}
	if (!sopt.nomonitor && !filemap_follows())
		goto out;
	if ((fd = open(abspath, O_RDONLY)) < 0) {
		log_err("Could not open %s for reading", abspath);
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		log_err("fstat failed for fd %d.", fd);
		goto out;
	}
	name_by_devno(st.st_dev);
	/* dmfilemapd would do the update; without it, lvm2 does it at once */
	if (!sopt.nomonitor)
		no_filemapd();
	if (update_group(fd, group_id, &ids, &count) < 0) {
		log_err("Could not update regions from file %s", abspath);
		goto out;
	}
	if (count && ids[0] != group_id) {
		printf("Group ID changed from %" PRIu64 " to %" PRIu64, group_id, ids[0]);
		group_id = ids[0];
	}
	printf("%s: Updated group ID %" PRIu64 " with %" PRIu64 " region(s).\n", path, group_id,
	       count);
	res = CMD_OK;
out:
	if (fd >= 0)
		close(fd);
	free(ids);
	free(abspath);
	return res;
}
