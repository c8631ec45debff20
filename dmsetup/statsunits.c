/*
 * libdevmapper's dm_units_to_factor, for the sizes of stats create.  This
 * file goes when the --units work (branch c14: units_to_factor in
 * options.c, declared in dmsetup.h) is merged: the same function, one copy.
 */
#include "config.h"

#include <ctype.h>
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static int same_double(double a, double b)
{
	return (a > b ? a - b : b - a) < DBL_EPSILON;
}

uint64_t units_to_factor(const char *s, char *unit)
{
	static const char binary[] = "kmgtpe", decimal[] = "KMGTPE";
	uint64_t count = 1, multiplier = 1;
	double custom = 0;
	const char *p;
	char *end;

	if (isdigit((unsigned char)*s)) {
		custom = strtod(s, &end);
		if (end == s)
			return 0;
		count = strtoull(s, NULL, 10);
		if (same_double((double)count, custom))
			custom = 0;
		s = end;
	}
	*unit = count == 1 ? *s : 'U';
	if (*s && (p = strchr(binary, *s)))
		multiplier = UINT64_C(1) << (10 * (p - binary + 1));
	else if (*s && (p = strchr(decimal, *s)))
		for (; p >= decimal; p--)
			multiplier *= 1000;
	else if (*s == 's' || *s == 'S')
		multiplier = 512;
	else if (*s == 'h' || *s == 'H' || *s == 'r' || *s == 'R') {
		count = 1;
		*unit = *s;
	} else if (*s != 'b' && *s != 'B')
		return 0;
	if (same_double(custom, 0.))
		return count * multiplier;
	return (uint64_t)(custom * (double)multiplier);
}
