/*
 * The @stats_print reply parser (common/dmstats.c dms_parse_print) on any
 * text, for a region of 0 to 7 histogram bins on either clock, then the
 * sums and every metric over what it read.  Input: a selector byte (bits
 * 0-2: bins; bit 3: precise), then the reply.  A failed parse must leave
 * the region's earlier counters.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmstats.h"
#include "fuzz.h"

static volatile double sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char list[256], *text;
	struct dms s;
	struct dms_counters c;
	unsigned bins, i;
	int rc, m, n;
	size_t used;

	if (!size)
		return 0;
	bins = data[0] & 7;
	used = (size_t)snprintf(list, sizeof(list), "0: 0+8 8 a -%s", data[0] & 8 ? " precise_timestamps" : "");
	for (i = 0; i < bins; i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%u", i ? "," : " histogram:", i + 1);
	text = fuzz_string(data + 1, size - 1);
	dms_init(&s);
	/* one histogram count more than any region here has bins */
	if (dms_parse_list(list, &s, NULL) != 0 ||
	    dms_parse_print("0+8 1 2 3 4 5 6 7 8 9 10 11 12 13 1:2:3:4:5:6:7:8:9", &s, 0) != -EPROTO)
		abort();
	/* a known good reply first, so a failure can be seen to keep it */
	n = snprintf(list, sizeof(list), "0+8 1 2 3 4 5 6 7 8 9 10 11 12 13");
	for (i = 0; bins && i <= bins; i++)
		n += snprintf(list + n, sizeof(list) - (size_t)n, "%s%u", i ? ":" : " ", i);
	if (dms_parse_print(list, &s, 0) != 0 || s.regions[0].areas[0].c[DMS_READS] != 1)
		abort();
	rc = dms_parse_print(text, &s, 0);
	if (rc != 0 && rc != -EPROTO && rc != -ENOMEM)
		abort();
	if (rc < 0 && (s.regions[0].nr_areas != 1 || s.regions[0].areas[0].c[DMS_READS] != 1 ||
		       s.regions[0].areas[0].c[DMS_WRITES] != 5))
		abort();
	if (rc == 0 && (!s.regions[0].nr_areas || !s.regions[0].areas ||
			(bins && !s.regions[0].areas[s.regions[0].nr_areas - 1].hist)))
		abort();
	if (dms_sum_region(&s, 0, &c) != 0)
		abort();
	for (m = 0; m < DMS_NR_METRICS; m++) {
		double v;

		if (dms_metric(&c, 1 + (data[0] >> 4), (enum dms_metric)m, &v) != 0)
			abort();
		sink += v;
	}
	if (bins) {
		char h[4096];

		if (dms_histogram_format(&s.regions[0].bounds, c.hist, -1, 0,
					 DMS_HIST_VALUES | DMS_HIST_PERCENT | DMS_HIST_BOUNDS_RANGE | DMS_HIST_SUFFIX,
					 h, sizeof(h)) < 0)
			abort();
	}
	dms_counters_release(&c);
	dms_free(&s);
	free(text);
	return 0;
}
