/* What losetup's options ask for, handed from the parser to the actions. */
#ifndef LOSETUP_H
#define LOSETUP_H

#include <err.h>
#include <stddef.h>
#include <stdint.h>

#include "columns.h"

/*
 * The locale is set when it is first needed (losetup.c), not at start: an
 * attach or a detach that succeeds prints nothing the locale could change,
 * and for C.UTF-8 setlocale(LC_ALL, "") reads a dozen files, a fifth of the
 * time of attaching a device (bench/README.md).  Every message goes through
 * these macros, so none is printed before the locale is set; tables, sizes
 * and the other direct prints call need_locale() themselves.
 */
void need_locale(void);
#define err(...)	(need_locale(), err(__VA_ARGS__))
#define errx(...)	(need_locale(), errx(__VA_ARGS__))
#define warn(...)	(need_locale(), warn(__VA_ARGS__))
#define warnx(...)	(need_locale(), warnx(__VA_ARGS__))

enum action {
	A_NONE = 0,
	A_CREATE,		/* set up a new device */
	A_DELETE,		/* detach the given devices */
	A_DELETE_ALL,		/* detach every device */
	A_REMOVE,		/* detach and remove the given devices */
	A_SHOW,			/* list devices */
	A_SHOW_ONE,		/* one device */
	A_FIND_FREE,		/* print the first unused device */
	A_SET_CAPACITY,
	A_SET_DIRECT_IO,
	A_SET_BLOCKSIZE,
};

struct request {
	enum action act;
	char device[LOOP_DEVPATH_MAX];	/* the device named, "" for none */
	const char *file;		/* backing file (-j or to attach) */
	const char *ref;		/* --loop-ref */
	uint64_t offset, sizelimit, blocksize;
	unsigned match;			/* LOOP_MATCH_* given by -o / --sizelimit */
	uint32_t lo_flags;
	int use_dio;
	int nooverlap, showdev, list;
	unsigned out_mode;		/* OUT_* */
	int columns[COL_COUNT * 2];
	size_t ncolumns;
};

/* The actions; each returns the exit status. */
int do_create(const struct request *rq);
int do_show(const struct request *rq);
int do_show_one(const struct request *rq);
int do_find_free(void);
/* One device of -d/--remove; nonzero on failure. */
int detach_one(const char *device);
int remove_one(const char *device);
int do_delete_all(void);

#endif
