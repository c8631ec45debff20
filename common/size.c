#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "size.h"

/* Multiplies *x by base^power; -ERANGE when it would overflow. */
static int scale(uint64_t *x, unsigned base, int power)
{
	while (power-- > 0) {
		if (UINT64_MAX / base < *x)
			return -ERANGE;
		*x *= base;
	}
	return 0;
}

/* Index (1-based) of the suffix letter among K M G T P E Z Y, or 0. */
static int suffix_power(char c)
{
	static const char upper[] = "KMGTPEZY", lower[] = "kmgtpezy";
	const char *p;

	if (!c)
		return 0;
	if ((p = strchr(upper, c)))
		return (int)(p - upper) + 1;
	if ((p = strchr(lower, c)))
		return (int)(p - lower) + 1;
	return 0;
}

/* strtoumax that reports no digits or overflow as util-linux checks them. */
static int parse_uint(const char *s, uint64_t *v, char **end)
{
	errno = 0;
	*end = NULL;
	*v = strtoumax(s, end, 0);
	if (*end == s)
		return -EINVAL;
	if (errno && (*v == UINTMAX_MAX || *v == 0))
		return -errno;
	return 0;
}

/* Adds fraction digits ("25" with leading_zeros 0 in "0.25G") scaled to unit. */
static uint64_t fraction_value(uint64_t frac, int leading_zeros, uint64_t unit)
{
	uint64_t div = 10, pos = 1, sum = 0;
	int i;

	while (div < frac) {
		if (div <= UINT64_MAX / 10)
			div *= 10;
		else
			frac /= 10;
	}
	for (i = 0; i < leading_zeros; i++) {
		if (div <= UINT64_MAX / 10)
			div *= 10;
		else
			frac /= 10;
	}
	/* from the last digit backwards: digit d at place p is unit / (p / d) */
	do {
		unsigned digit = frac % 10;
		uint64_t place = div / pos;

		frac /= 10;
		pos *= 10;
		if (digit && place / digit)
			sum += unit / (place / digit);
	} while (frac);
	return sum;
}

int size_parse(const char *str, uint64_t *out)
{
	const char *p;
	char *end;
	uint64_t x, frac = 0;
	unsigned base = 1024;
	int power, zeros = 0, rc;

	*out = 0;
	if (!str || !*str)
		return -EINVAL;
	for (p = str; isspace((unsigned char)*p); p++)
		;
	if (*p == '-')
		return -EINVAL;
	if ((rc = parse_uint(str, &x, &end)))
		return rc;
	if (!*end) {
		*out = x;
		return 0;
	}
	p = end;
	for (;;) {
		if (!*p)
			return -EINVAL;	/* a fraction with no suffix after it */
		if (p[1] == 'i' && (p[2] == 'B' || p[2] == 'b') && !p[3]) {
			base = 1024;
			break;
		}
		if ((p[1] == 'B' || p[1] == 'b') && !p[2]) {
			base = 1000;
			break;
		}
		if (!p[1])
			break;
		/* more than a suffix follows: only a decimal fraction may */
		{
			const struct lconv *lc = localeconv();
			const char *dp = lc ? lc->decimal_point : NULL;
			size_t dplen = dp ? strlen(dp) : 0;

			if (frac || !dp || !dplen || strncmp(dp, p, dplen))
				return -EINVAL;
			for (p += dplen; *p == '0'; p++)
				zeros++;
			if (isdigit((unsigned char)*p)) {
				if ((rc = parse_uint(p, &frac, &end)))
					return rc;
			} else
				end = (char *)p;
			if (frac && !*end)
				return -EINVAL;	/* a fraction needs a suffix */
			p = end;
		}
	}
	if (!(power = suffix_power(*p)))
		return -EINVAL;
	rc = scale(&x, base, power);
	if (frac) {
		uint64_t unit = 1;

		scale(&unit, base, power);
		x += fraction_value(frac, zeros, unit);
	}
	*out = x;
	return rc;
}
