/*
 * dmsetup's messages: errors on stderr in libdevmapper's and dmsetup's
 * words, and -vv's debug lines on stdout, where libdevmapper prints them.
 *
 * A function documented as failing "told" has printed every line the
 * reference prints for that failure before it returns: its callers add
 * nothing, and the command ends with CMD_TOLD or CMD_FAILED (dmsetup.h).
 */
#ifndef DMSETUP_LOG_H
#define DMSETUP_LOG_H

void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* -vv only */
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* -vv: the line libdevmapper logs for each function a failure returns through. */
#define log_stack() log_debug("<backtrace>")

#endif
