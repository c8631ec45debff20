/*
 * The one output helper: column tables as data, column-list parsing with
 * util-linux's rules, and libsmartcols tables made from them.
 */
#ifndef LODM_OUTPUT_H
#define LODM_OUTPUT_H

#include <stddef.h>
#include <libsmartcols.h>

struct out_column {
	const char *name;
	double whint;		/* width hint, as libsmartcols takes it */
	int flags;		/* SCOLS_FL_* */
	int json_type;		/* SCOLS_JSON_*; 0 is a string */
	const char *help;
};

enum {
	OUT_RAW = 1 << 0,
	OUT_JSON = 1 << 1,
	OUT_NOHEADINGS = 1 << 2,
};

/* Index of the column named by the first len bytes of name (any case), or -1. */
int out_column_find(const struct out_column *defs, size_t ndefs,
		    const char *name, size_t len);

enum out_parse_result {
	OUT_PARSE_OK = 0,
	OUT_PARSE_UNKNOWN,	/* *bad points at the unknown name (and the rest) */
	OUT_PARSE_INVALID,	/* empty item or too many: util-linux says nothing */
};

/*
 * "-O list": "A,B" replaces *nids ids, "+A,B" appends to them.
 */
enum out_parse_result out_columns_parse(const char *list, const struct out_column *defs,
					size_t ndefs, int *ids, size_t max, size_t *nids,
					const char **bad);

/*
 * The tables are libsmartcols', but the library is loaded (dlopen) when the
 * first table is made, not at program start: most runs of losetup print no
 * table, and mapping the library at every start costs a tenth of the time of
 * attaching a device (bench/README.md).  So the table is used through these
 * calls only.
 */

/*
 * A table with ids' columns; NULL with errno set when out of memory, or
 * ELIBACC when libsmartcols cannot be loaded.
 */
struct libscols_table *out_table_new(const struct out_column *defs, const int *ids,
				     size_t nids, unsigned mode, const char *json_name);
/* A new last line; NULL when out of memory. */
struct libscols_line *out_table_new_line(struct libscols_table *tb);
/* Sets column i of the line to a copy of data; 0 or a negative errno. */
int out_line_set_data(struct libscols_line *ln, size_t i, const char *data);
/* Prints the table to stdout; 0 or a negative errno. */
int out_table_print(struct libscols_table *tb);
/* Frees the table (NULL is fine). */
void out_table_free(struct libscols_table *tb);

#endif
