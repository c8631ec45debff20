/* What losetup's options ask for, handed from the parser to the actions. */
#ifndef LOSETUP_H
#define LOSETUP_H

#include <stddef.h>
#include <stdint.h>

#include "columns.h"

enum action {
	A_NONE = 0,
	A_CREATE,		/* set up a new device */
	A_DELETE,		/* detach the given devices */
	A_DELETE_ALL,		/* detach every device */
	A_REMOVE,		/* remove the given (unbound) devices */
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
/* -d: rq->device, then the n further names in more */
int do_delete(const struct request *rq, char *const *more, int n);
int do_delete_all(void);
/* --remove: the n names */
int do_remove(char *const *names, int n);
int do_set_capacity(const struct request *rq);
int do_set_direct_io(const struct request *rq);
int do_set_blocksize(const struct request *rq);

#endif
