/*
 * dmsetup's messages: errors on stderr in libdevmapper's and dmsetup's
 * words, and -vv's debug lines on stdout, where libdevmapper prints them.
 *
 * Told: a function documented as failing "told" has printed, before it
 * returns, every line the reference prints for that failure below the
 * command; its callers add no message of their own.  The command then ends
 * with CMD_FAILED, and main adds "Command failed.", or with CMD_TOLD where
 * the reference says nothing more (dmsetup.h).
 *
 * Below the commands one convention holds: a function that can fail
 * returns 0 on success (or the value its header names: an fd, a kind) and
 * -errno on failure.  Its header says "-errno told" when it has told every
 * failure, "-errno" or "-errno untold" when it has told none (the caller
 * tells, or stays quiet where the reference does), and names the told ones
 * otherwise.  Apart from it: predicates ("is_live", "1 when ..."), counts,
 * comparisons for qsort, callbacks of common/'s iterators (common's
 * contract), and functions that return a pointer or a value with a "none"
 * of its own (NULL, cookie 0).
 */
#ifndef DMSETUP_LOG_H
#define DMSETUP_LOG_H

void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* -vv only */
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* -vv: the line libdevmapper logs for each function a failure returns through. */
#define log_stack() log_debug("<backtrace>")

#endif
