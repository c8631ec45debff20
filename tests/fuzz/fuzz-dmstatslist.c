/*
 * The @stats_list reply parser (common/dmstats.c dms_parse_list, with the
 * aux data it reads through dms_aux_parse) on any text as a kernel reply.
 * Checks the model it builds: every group's members present and pointing
 * at it (or at a later group that claims them too), the leader first and its own, each descriptor written back (dms_group_tag)
 * read the same; a failure leaves no region.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dmstats.h"
#include "fuzz.h"

static void check_group(const struct dms *s, uint64_t gid)
{
	const struct dms_group *g = &s->groups[gid];
	char tag[4096];
	struct dms_aux aux;
	size_t k;
	int n;

	if (!g->members.n || g->members.ids[0] != gid)
		abort();
	/* a region two descriptors claim is the later group's (libdm's), in both lists */
	for (k = 0; k < g->members.n; k++) {
		uint64_t m = g->members.ids[k], owner;

		if (!dms_region_present(s, m) || (k && m <= g->members.ids[k - 1]))
			abort();
		owner = s->regions[m].group_id;
		if (owner < gid || (owner > gid && !dms_idset_has(&s->groups[owner].members, m)))
			abort();
	}
	if (s->regions[gid].group_id != gid)
		abort();
	n = dms_group_tag(g->alias, &g->members, tag, sizeof(tag));
	if (n == -ENOSPC)
		return;
	if (n < 0 || dms_aux_parse(tag, gid, &aux) != 0 || !aux.has_group || aux.members.n != g->members.n ||
	    memcmp(aux.members.ids, g->members.ids, g->members.n * sizeof(uint64_t)) ||
	    !!aux.alias != !!g->alias || (g->alias && strcmp(aux.alias, g->alias)))
		abort();
	dms_aux_free(&aux);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);
	struct dms s;
	struct dms_list_note note;
	uint64_t i, present = 0;
	int rc;

	dms_init(&s);
	rc = dms_parse_list(text, &s, &note);
	if (rc != 0 && rc != -EPROTO && rc != -ENOMEM)
		abort();
	if (rc < 0 && (s.nr_slots || s.nr_regions || s.regions))
		abort();
	for (i = 0; i < s.nr_slots; i++) {
		const struct dms_region *r = &s.regions[i];

		if (!dms_region_present(&s, i))
			continue;
		present++;
		if (r->id != i || !r->nr_areas || !r->program_id || !r->aux_data ||
		    (r->timescale != 1 && r->timescale != DMS_NSEC_PER_MSEC) || r->bounds.nr_bins == 1 ||
		    (r->bounds.nr_bins && r->bounds.upper[r->bounds.nr_bins - 1] != UINT64_MAX))
			abort();
		if (dms_group_present(&s, i))
			check_group(&s, i);
	}
	if (present != s.nr_regions)
		abort();
	dms_list_note_free(&note);
	dms_free(&s);
	free(text);
	return 0;
}
