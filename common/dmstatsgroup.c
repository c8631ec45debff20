/* dm-stats groups: libdm's checks before grouping, and the aux data messages that keep groups. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dmstats.h"

struct span {
	uint64_t id, start, len;
	int gone;
};

/* libdm's: the last sector, and "overlap" as it tests it (end > next start) */
static uint64_t span_end(const struct span *a)
{
	return a->start + a->len - 1;
}

/*
 * libdm's _stats_group_check_overlap: the members sorted by start, each
 * overlapping neighbour merged into the next, passes repeated until none
 * merges; every merge is a warning.
 */
static int find_overlaps(const struct dms *s, const struct dms_idset *m, struct dms_group_check *chk)
{
	struct span *v;
	size_t n = m->n, i, j;
	int merged;

	if (n < 2)
		return 0;
	if (!(v = calloc(n, sizeof(*v))))
		return -ENOMEM;
	/* a stable insertion sort by start (glibc's qsort is a merge sort here) */
	for (i = 0; i < n; i++) {
		const struct dms_region *r = &s->regions[m->ids[i]];
		struct span x = { r->id, r->start, r->len, 0 };

		for (j = i; j > 0 && v[j - 1].start > x.start; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	do {
		merged = 0;
		for (i = 0; i < n; i++) {
			struct span *next = NULL;
			uint64_t (*p)[2];

			if (v[i].gone)
				continue;
			for (j = i + 1; j < n && !next; j++)
				if (!v[j].gone)
					next = &v[j];
			if (!next || !(span_end(&v[i]) > next->start))
				continue;
			p = realloc(chk->overlaps, (chk->nr_overlaps + 1) * sizeof(*p));
			if (!p) {
				free(v);
				return -ENOMEM;
			}
			chk->overlaps = p;
			chk->overlaps[chk->nr_overlaps][0] = v[i].id;
			chk->overlaps[chk->nr_overlaps][1] = next->id;
			chk->nr_overlaps++;
			/* the larger extent goes into the smaller, as libdm merges them */
			if (span_end(&v[i]) > span_end(next)) {
				next->id = v[i].id;
				next->len = v[i].len;
			}
			if (v[i].start < next->start)
				next->start = v[i].start;
			v[i].gone = 1;
			merged = 1;
		}
	} while (merged);
	free(v);
	return 0;
}

int dms_group_check(const struct dms *s, const struct dms_idset *members,
		    struct dms_group_check *chk)
{
	const struct dms_bounds *first = NULL;
	size_t k, precise = 0;

	memset(chk, 0, sizeof(*chk));
	chk->region = chk->group = DMS_NONE;
	if (!s->nr_regions)
		return -ENODATA;
	/* libdm compares the bitset's size: an empty one is "-1" */
	if (!members->nbits || members->nbits - 1 >= s->nr_slots) {
		chk->region = members->nbits ? members->nbits - 1 : DMS_NONE;
		return -ERANGE;
	}
	for (k = 0; k < members->n; k++) {
		uint64_t id = members->ids[k];
		const struct dms_region *r = &s->regions[id];

		chk->region = id;
		if (!dms_region_present(s, id))
			return -ENOENT;
		if (r->group_id != DMS_NONE) {
			chk->group = r->group_id;
			return -EBUSY;
		}
		precise += r->timescale == 1;
		/* regions without a histogram may join any group */
		if (r->bounds.nr_bins > 0) {
			if (!first)
				first = &r->bounds;
			else if (!dms_bounds_equal(first, &r->bounds))
				return -EDOM;
		}
	}
	chk->region = DMS_NONE;
	chk->mixed_precision = precise && precise != members->n;
	return find_overlaps(s, members, chk);
}

/* the leader's @stats_set_aux: its group's descriptor (if any) and its user data */
static int leader_aux_msg(const struct dms *s, uint64_t leader, char *msg, size_t size)
{
	const struct dms_group *g = &s->groups[leader];
	char tag[DMS_MSG_MAX];
	int rc;

	if (g->id != DMS_NONE &&
	    (rc = dms_group_tag(g->alias, &g->members, tag, sizeof(tag))) < 0)
		return rc == -ENOSPC ? -EMSGSIZE : rc;
	rc = dms_msg_set_aux(leader, g->id != DMS_NONE ? tag : NULL, s->regions[leader].aux_data,
			     msg, size);
	return rc < 0 ? rc : 0;
}

int dms_group_create(struct dms *s, const struct dms_idset *members, const char *alias,
		     uint64_t *group_id, char *msg, size_t size)
{
	struct dms_group *g;
	uint64_t id;
	size_t k;
	int rc;

	if (!members->n)
		return -EINVAL;
	id = members->ids[0];
	if (!dms_region_present(s, id))
		return -ENOENT;
	g = &s->groups[id];
	if (g->id != DMS_NONE)
		return -EEXIST;
	memset(g, 0, sizeof(*g));
	if (!(g->members.ids = malloc(members->n * sizeof(*g->members.ids))))
		goto nomem;
	memcpy(g->members.ids, members->ids, members->n * sizeof(*g->members.ids));
	g->members.n = members->n;
	g->members.nbits = members->nbits;
	if (alias && !(g->alias = strdup(alias)))
		goto nomem;
	g->id = id;
	if ((rc = leader_aux_msg(s, id, msg, size)) < 0) {
		free(g->alias);
		dms_idset_free(&g->members);
		memset(g, 0, sizeof(*g));
		g->id = DMS_NONE;
		return rc;
	}
	for (k = 0; k < g->members.n; k++)
		if (dms_region_present(s, g->members.ids[k]))
			s->regions[g->members.ids[k]].group_id = id;
	*group_id = id;
	return 0;
nomem:
	dms_idset_free(&g->members);
	memset(g, 0, sizeof(*g));
	g->id = DMS_NONE;
	return -ENOMEM;
}

/* the group goes: its regions are no one's */
static void group_drop(struct dms *s, uint64_t gid)
{
	struct dms_group *g = &s->groups[gid];
	size_t k;

	for (k = 0; k < g->members.n; k++)
		if (g->members.ids[k] < s->nr_slots)
			s->regions[g->members.ids[k]].group_id = DMS_NONE;
	free(g->alias);
	dms_idset_free(&g->members);
	memset(g, 0, sizeof(*g));
	g->id = DMS_NONE;
}

int dms_group_remove(struct dms *s, uint64_t group_id, char *msg, size_t size)
{
	if (group_id >= s->nr_slots)
		return -ERANGE;
	if (!dms_group_present(s, group_id))
		return -ENOENT;
	group_drop(s, group_id);
	return leader_aux_msg(s, group_id, msg, size);
}

int dms_group_drop_region(struct dms *s, uint64_t region_id, char *msg, size_t size)
{
	struct dms_group *g;
	uint64_t gid;
	size_t k, kept = 0;

	*msg = '\0';
	if (!dms_region_present(s, region_id) || (gid = s->regions[region_id].group_id) == DMS_NONE ||
	    !dms_group_present(s, gid))
		return 0;
	g = &s->groups[gid];
	if (region_id == gid)
		group_drop(s, gid);
	else {
		for (k = 0; k < g->members.n; k++)
			if (g->members.ids[k] != region_id)
				g->members.ids[kept++] = g->members.ids[k];
		g->members.n = kept;
		s->regions[region_id].group_id = DMS_NONE;
	}
	return leader_aux_msg(s, gid, msg, size);
}
