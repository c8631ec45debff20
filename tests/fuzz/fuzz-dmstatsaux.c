/*
 * The aux data and id list parsers (common/dmstatsaux.c) on any text: the
 * aux word of a region (dms_aux_parse; the first byte is the region id),
 * and the same text as a --regions list (dms_idset_parse).  What parses is
 * written back (dms_group_tag, dms_idset_format) and must read the same.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dmstats.h"
#include "fuzz.h"

static int same_set(const struct dms_idset *a, const struct dms_idset *b)
{
	return a->n == b->n && (!a->n || !memcmp(a->ids, b->ids, a->n * sizeof(uint64_t)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dms_aux aux, again;
	struct dms_idset set, set2;
	char *text, buf[8192];
	uint64_t region;
	size_t k;
	int rc, n;

	if (!size)
		return 0;
	region = data[0];
	text = fuzz_string(data + 1, size - 1);
	rc = dms_aux_parse(text, region, &aux);
	if (rc != 0 && rc != -EINVAL && rc != -EBADMSG && rc != -EXDEV && rc != -ENOMEM)
		abort();
	if (rc != -ENOMEM && !aux.user_data)
		abort();
	if (rc == 0 && aux.has_group) {
		if (!aux.members.n || aux.members.ids[0] != region)
			abort();
		for (k = 1; k < aux.members.n; k++)
			if (aux.members.ids[k] <= aux.members.ids[k - 1])
				abort();
		n = dms_group_tag(aux.alias, &aux.members, buf, sizeof(buf));
		if (n != -ENOSPC) {
			if (n < 0 || dms_aux_parse(buf, region, &again) != 0 || !again.has_group ||
			    !same_set(&aux.members, &again.members) || !!again.alias != !!aux.alias ||
			    (aux.alias && strcmp(aux.alias, again.alias)))
				abort();
			dms_aux_free(&again);
		}
	}
	if (rc < 0 && rc != -ENOMEM && aux.has_group)
		abort();
	dms_aux_free(&aux);

	rc = dms_idset_parse(text, &set);
	if (rc != 0 && rc != -EINVAL && rc != -ERANGE && rc != -E2BIG && rc != -ENOMEM)
		abort();
	if (rc == 0) {
		for (k = 0; k < set.n; k++)
			if ((k && set.ids[k] <= set.ids[k - 1]) || set.ids[k] >= set.nbits)
				abort();
		n = dms_idset_format(&set, buf, sizeof(buf));
		if (n == -EINVAL ? set.n != 0 : n != -ENOSPC && (n < 0 || dms_idset_parse(buf, &set2) != 0 ||
								  !same_set(&set, &set2)))
			abort();
		if (n > 0)
			dms_idset_free(&set2);
		dms_idset_free(&set);
	}
	free(text);
	return 0;
}
