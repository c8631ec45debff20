/* The report engine's insides, shared by report.c and select.c. */
#ifndef DMSETUP_REPORT_INTERNAL_H
#define DMSETUP_REPORT_INTERNAL_H

#include <stddef.h>

#include "report.h"

/* The implicit fields, in libdevmapper's order. */
enum { SPECIAL_SELECTED, SPECIAL_HELP, SPECIAL_HELP_ALT };

/* A field the report uses: shown, or hidden (only sorted or selected on). */
struct report_column {
	int special;		/* SPECIAL_*, or -1 for spec->fields[index] */
	int index;
	int hidden;
	int sort_pos;		/* -1: not a sort key */
	int descending;
	int width;
};

struct report_row {
	struct report_cell *cells;	/* one per column */
	int selected;
	size_t seq;			/* arrival order: equal keys keep it */
};

struct report {
	const struct report_spec *spec;
	unsigned flags;
	const char *sep;
	struct report_column *cols;
	size_t ncols;
	size_t *keys;			/* column indexes, in sort order */
	size_t nkeys;
	struct selection *sel;
	struct report_row *rows;
	size_t nrows, rowcap;
	int done;
	const char *json_name;		/* JSON output: the array's name; NULL: text */
};

const struct report_field *column_field(const struct report *r, const struct report_column *c);
/* Looks a field name up: 0 special (which = SPECIAL_*), 1 spec field, -ENOENT unknown (untold). */
int report_find_field(const struct report *r, const char *name, size_t len, int *which);
/* The column of a field, added hidden when the report does not use it yet. */
struct report_column *report_use_field(struct report *r, int is_spec, int which);
void selection_show_help(void);

#endif
