/* dm-stats histograms: --bounds text, the kernel's argument, and libdm's text of a histogram. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmstats.h"

/* dm_percent_t's scale */
#define PERCENT_1	1000000
#define PERCENT_100	(100 * PERCENT_1)

void dms_bounds_free(struct dms_bounds *b)
{
	free(b->upper);
	b->upper = NULL;
	b->nr_bins = 0;
}

int dms_bounds_copy(struct dms_bounds *to, const struct dms_bounds *from)
{
	to->nr_bins = 0;
	to->upper = NULL;
	if (from->nr_bins <= 0)
		return 0;
	if (!(to->upper = malloc((size_t)from->nr_bins * sizeof(*to->upper))))
		return -ENOMEM;
	memcpy(to->upper, from->upper, (size_t)from->nr_bins * sizeof(*to->upper));
	to->nr_bins = from->nr_bins;
	return 0;
}

int dms_bounds_equal(const struct dms_bounds *a, const struct dms_bounds *b)
{
	return a->nr_bins == b->nr_bins &&
	       (!a->nr_bins || !memcmp(a->upper, b->upper, (size_t)a->nr_bins * sizeof(*a->upper)));
}

uint64_t dms_bin_lower(const struct dms_bounds *b, int bin)
{
	return bin ? b->upper[bin - 1] : 0;
}

int dms_bounds_parse(const char *text, struct dms_bounds *b, enum dms_bounds_error *err,
		     const char **at)
{
	const char *c = text;
	uint64_t mult = 1;	/* libdm keeps the last unit for the values after it */
	int nr = 1, i = 0;

	*err = DMS_BOUNDS_OK;
	*at = NULL;
	b->nr_bins = 0;
	b->upper = NULL;
	for (; *c; c++)
		if (*c == ',')
			nr++;
	if (!(b->upper = calloc((size_t)nr, sizeof(*b->upper))))
		return -ENOMEM;
	b->nr_bins = nr;
	c = text;
	do {
		uint64_t v = 0;

		if (!*c || !strchr("0123456789,muns", *c))
			goto badchar;
		if (*c == ',') {
			*err = DMS_BOUNDS_EMPTY_BIN;
			goto bad;
		}
		/* more values than commas ("s1ms": a unit alone, then a value): libdm
		 * writes past its table here; we call the extra value's start bad */
		if (i == nr)
			goto badchar;
		/* strtoull's value: digits only here, saturating */
		for (; *c >= '0' && *c <= '9'; c++)
			v = v > (UINT64_MAX - (uint64_t)(*c - '0')) / 10 ? UINT64_MAX :
			    v * 10 + (uint64_t)(*c - '0');
		if (*c == 's') {
			mult = DMS_NSEC_PER_SEC;
			c++;
		} else if (*c && c[1] == 's') {
			if (*c == 'm')
				mult = DMS_NSEC_PER_MSEC;
			else if (*c == 'u')
				mult = DMS_NSEC_PER_USEC;
			else if (*c == 'n')
				mult = 1;
			else
				goto badchar;
			c += 2;
		} else if (*c == ',')
			c++;
		else if (*c)
			goto badchar;
		if (*c == ',')
			c++;
		b->upper[i++] = v * mult;
	} while (*c);
	return 0;
badchar:
	*err = DMS_BOUNDS_BAD_CHAR;
	*at = c;
bad:
	dms_bounds_free(b);
	return -EINVAL;
}

int dms_bounds_arg(const struct dms_bounds *b, int *precise, char *buf, size_t size)
{
	uint64_t scale;
	size_t used = 0;
	int i;

	if (b->nr_bins <= 0)
		return -ENODATA;
	for (i = b->nr_bins - 1; i >= 0; i--) {
		if (i && b->upper[i] < b->upper[i - 1])
			return -EDOM;
		if (b->upper[i] % DMS_NSEC_PER_MSEC)
			*precise = 1;
	}
	scale = *precise ? 1 : DMS_NSEC_PER_MSEC;
	for (i = 0; i < b->nr_bins; i++) {
		int n = snprintf(buf + used, size - used, "%llu%s",
				 (unsigned long long)(b->upper[i] / scale),
				 i == b->nr_bins - 1 ? "" : ",");

		if (n < 0 || (size_t)n >= size - used)
			return -ENOSPC;
		used += (size_t)n;
	}
	return (int)used;
}

int32_t dms_make_percent(uint64_t numerator, uint64_t denominator)
{
	int32_t pct;
	double d;

	if (!denominator)
		return PERCENT_100;
	if (!numerator)
		return 0;
	if (numerator == denominator)
		return PERCENT_100;
	/* libdm's conversion of the double, then its nudges off the ends; more
	 * than the whole (a sum that wrapped) is where libdm's conversion overflows */
	d = PERCENT_100 * ((double)numerator / (double)denominator);
	pct = d >= (double)INT32_MAX ? INT32_MAX : (int32_t)d;
	if (pct == PERCENT_100)
		return PERCENT_100 - 1;
	if (pct == 0)
		return 1;
	return pct;
}

int32_t dms_bin_percent(const struct dms_bounds *b, const uint64_t *counts, int bin)
{
	uint64_t total = 0, width;
	int i;

	for (i = 0; i < b->nr_bins; i++)
		total += counts[i];
	width = b->upper[bin] - dms_bin_lower(b, bin);
	if (!total || !counts[bin] || !width)
		return 0;
	return dms_make_percent(counts[bin], total);
}

/* a bound in the largest unit that divides it */
static const char *scale_to_suffix(uint64_t *v)
{
	if (!(*v % DMS_NSEC_PER_SEC)) {
		*v /= DMS_NSEC_PER_SEC;
		return "s";
	}
	if (!(*v % DMS_NSEC_PER_MSEC)) {
		*v /= DMS_NSEC_PER_MSEC;
		return "ms";
	}
	if (!(*v % DMS_NSEC_PER_USEC)) {
		*v /= DMS_NSEC_PER_USEC;
		return "us";
	}
	return "ns";
}

#define BOUNDS_MASK	0x30
#define BOUNDS_LEN	64

/* libdm's _make_bounds_string: the length written, or -ENOSPC */
static int bounds_text(char *buf, size_t size, uint64_t lower, uint64_t upper, int flags,
		       int width)
{
	char bound[BOUNDS_LEN];
	const char *ls = "", *us = "", *sep = flags & DMS_HIST_VALUES ? ":" : "";
	int bounds = flags & BOUNDS_MASK, n;

	*buf = '\0';
	if (flags & DMS_HIST_SUFFIX) {
		ls = scale_to_suffix(&lower);
		us = scale_to_suffix(&upper);
	}
	if (bounds > DMS_HIST_BOUNDS_LOWER) {
		/* the last bin has no upper bound */
		if (upper == UINT64_MAX) {
			snprintf(bound, sizeof(bound), ">%llu%s", (unsigned long long)lower, ls);
			bounds = DMS_HIST_BOUNDS_UPPER;
		} else
			snprintf(bound, sizeof(bound), "%llu%s", (unsigned long long)upper, us);
	} else
		snprintf(bound, sizeof(bound), "%llu%s", (unsigned long long)lower, ls);
	if (bounds == DMS_HIST_BOUNDS_RANGE)
		n = snprintf(buf, size, "%llu%s-%s%s", (unsigned long long)lower, ls, bound, sep);
	else
		n = snprintf(buf, size, "%*s%s", width, bound, sep);
	return n < 0 || (size_t)n >= size ? -ENOSPC : n;
}

#define BOUND_WIDTH_NOSUFFIX	10
#define BOUND_WIDTH		6
#define COUNT_WIDTH		6
#define PERCENT_WIDTH		6

int dms_histogram_format(const struct dms_bounds *b, const uint64_t *counts, int bin,
			 int width, int flags, char *buf, size_t size)
{
	char item[2 * BOUNDS_LEN], bounds_buf[BOUNDS_LEN] = "";
	int bounds = flags & BOUNDS_MASK, values = flags & DMS_HIST_VALUES;
	int minwidth, first, last, n;
	const char *sep = "";
	size_t used = 0;

	if (b->nr_bins <= 0 || bin >= b->nr_bins || ((values || (flags & DMS_HIST_PERCENT)) && !counts))
		return -EINVAL;
	if (bin < 0) {
		first = 0;
		last = b->nr_bins - 1;
	} else
		first = last = bin;
	if (width < 0 || !values)
		width = 0;
	else if (flags & DMS_HIST_PERCENT)
		width = width ? width : PERCENT_WIDTH;
	else
		width = width ? width : COUNT_WIDTH;
	minwidth = width;
	if (values && !width)
		sep = ":";
	*buf = '\0';
	for (bin = first; bin <= last; bin++) {
		if (bounds) {
			int bounds_width = flags & DMS_HIST_SUFFIX ? BOUND_WIDTH : BOUND_WIDTH_NOSUFFIX;
			int len;

			bounds_width = width ? bounds_width : 0;
			len = bounds_text(bounds_buf, sizeof(bounds_buf), dms_bin_lower(b, bin),
					  b->upper[bin], flags, bounds_width);
			if (len < 0)
				return len;
			/* ',' between "bounds:value" pairs, ':' inside them without a width */
			sep = width || !values ? "," : ":";
			width -= width ? len - (bounds_width + 1) : 0;
			width = width > 0 ? width : 0;
		}
		if (bin == last)
			sep = "";
		if (flags & DMS_HIST_PERCENT) {
			/* libdm goes through float */
			float f = (float)dms_bin_percent(b, counts, bin) / PERCENT_1 + 0.f;

			n = snprintf(item, sizeof(item), "%s%*.2f%%%s", bounds_buf, width, (double)f, sep);
		} else if (values)
			n = snprintf(item, sizeof(item), "%s%*llu%s", bounds_buf, width,
				     (unsigned long long)counts[bin], sep);
		else if (bounds)
			n = snprintf(item, sizeof(item), "%s%s", bounds_buf, sep);
		else
			n = 0, *item = '\0';
		if (n < 0 || (size_t)n >= size - used)
			return -ENOSPC;
		memcpy(buf + used, item, (size_t)n + 1);
		used += (size_t)n;
		width = minwidth;
	}
	return (int)used;
}
