/* Setting the locale once, before the first message or table (msg.h). */
#include "config.h"

#include <errno.h>
#include <locale.h>

#include "msg.h"

void need_locale(void)
{
	static int done;

	if (!done) {
		int saved = errno;	/* the message about to be printed may need it */

		done = 1;
		setlocale(LC_ALL, "");
		errno = saved;
	}
}
