/*
 * What the unit tests share: counting checks, and the closing line
 * "NAME: N passed, N failed" that ./dev sums.
 */
#ifndef LODM_UNIT_H
#define LODM_UNIT_H

#include <stdarg.h>
#include <stdio.h>

static int checks, failures;

/* Counts a check, and says which failed (a printf format); returns whether it held. */
static inline int unit_check(int ok, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline int unit_check(int ok, int line, const char *fmt, ...)
{
	va_list ap;

	checks++;
	if (!ok) {
		fputs("FAIL ", stdout);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf(" (line %d)\n", line);
		failures++;
	}
	return ok;
}

#define CHECK(cond, ...) unit_check(!!(cond), __LINE__, __VA_ARGS__)

/* The closing line; main's exit status. */
static inline int unit_finish(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, checks - failures, failures);
	return failures ? 1 : 0;
}

#endif
