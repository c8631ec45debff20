/* dmsetup's messages (log.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "dmsetup.h"
#include "log.h"

void log_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void log_debug(const char *fmt, ...)
{
	va_list ap;

	if (opt.verbose < 2)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}
