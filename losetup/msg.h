/* losetup's messages: util-linux's err/warn wording, the locale set first. */
#ifndef LOSETUP_MSG_H
#define LOSETUP_MSG_H

#include <err.h>

/*
 * The locale is set when it is first needed, not at start: an attach or a
 * detach that succeeds prints nothing the locale could change, and for
 * C.UTF-8 setlocale(LC_ALL, "") reads a dozen files, a fifth of the time of
 * attaching a device (bench/README.md).  Every message goes through these
 * macros, so none is printed before the locale is set; tables, sizes and the
 * other direct prints call need_locale() themselves.
 */
void need_locale(void);
#define err(...)	(need_locale(), err(__VA_ARGS__))
#define errx(...)	(need_locale(), errx(__VA_ARGS__))
#define warn(...)	(need_locale(), warn(__VA_ARGS__))
#define warnx(...)	(need_locale(), warnx(__VA_ARGS__))

#endif
