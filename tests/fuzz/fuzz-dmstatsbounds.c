/*
 * The histogram texts (common/dmstatsbounds.c): --bounds (dms_bounds_parse)
 * on any text; what parses is made into the kernel's argument
 * (dms_bounds_arg), which read back as @stats_list shows it
 * (dms_parse_histogram_spec) must give the same bounds; then the
 * histogram's text with every flag.  Input: a selector byte (bit 0:
 * --precise; bits 1-7: flags of dms_histogram_format), then the text.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dmstats.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dms_bounds b, spec;
	enum dms_bounds_error err;
	const char *at;
	char *text, arg[DMS_MSG_MAX], *out;
	uint64_t *counts;
	int rc, precise, n, i, commas = 1, flags;
	size_t len, outsize;

	if (!size)
		return 0;
	precise = data[0] & 1;
	flags = (data[0] >> 1) & 0x37;
	text = fuzz_string(data + 1, size - 1);
	len = strlen(text);
	rc = dms_bounds_parse(text, &b, &err, &at);
	if (rc != 0 && rc != -EINVAL && rc != -ENOMEM)
		abort();
	if (rc == -EINVAL && (err == DMS_BOUNDS_OK || (err == DMS_BOUNDS_BAD_CHAR && (!at || at < text ||
										       at > text + len))))
		abort();
	if (rc != 0) {
		free(text);
		return 0;
	}
	for (i = 0; text[i]; i++)
		commas += text[i] == ',';
	if (b.nr_bins != commas)
		abort();
	n = dms_bounds_arg(&b, &precise, arg, sizeof(arg));
	if (n != -EDOM && n != -ENOSPC && n < 0)
		abort();
	if (n >= 0) {
		if (dms_parse_histogram_spec(arg, (size_t)n, precise ? 1 : DMS_NSEC_PER_MSEC, &spec) != 0 ||
		    spec.nr_bins != b.nr_bins + 1 || spec.upper[b.nr_bins] != UINT64_MAX)
			abort();
		for (i = 0; i < b.nr_bins; i++)
			if (spec.upper[i] != b.upper[i])
				abort();
		if (!(counts = calloc((size_t)spec.nr_bins, sizeof(*counts))))
			abort();
		for (i = 0; i < spec.nr_bins; i++)
			counts[i] = (uint64_t)i * data[0];
		outsize = (size_t)spec.nr_bins * 160 + 1;
		if (!(out = malloc(outsize)))
			abort();
		if (dms_histogram_format(&spec, counts, -1, (data[0] & 0x80) ? -1 : 0, flags, out, outsize) < 0 ||
		    dms_histogram_format(&spec, counts, spec.nr_bins - 1, 8, flags | DMS_HIST_VALUES, out,
					 outsize) < 0)
			abort();
		free(out);
		free(counts);
		dms_bounds_free(&spec);
	}
	dms_bounds_free(&b);
	free(text);
	return 0;
}
