/*
 * The column report of `dmsetup info -c` and `splitname`, in libdevmapper's
 * format: fields chosen with -o (sections, "<prefix>all"), sort keys (-O),
 * a selection (-S), aligned or separated columns, name prefixes, rows.
 *
 * A caller describes its fields once (struct report_spec); each row is an
 * object the fields' getters read.  The engine prints the report to stdout
 * and the help and its errors to stderr, in the reference's words.
 */
#ifndef DMSETUP_REPORT_H
#define DMSETUP_REPORT_H

#include <stdint.h>

/* Value types, as `-S help` names them. */
enum report_type { RT_STRING = 1, RT_NUMBER = 2, RT_SIZE = 4 };

struct json_object;

/* One cell: its text and, for numbers, the value sorted and selected on. */
struct report_cell {
	char *text;		/* malloc'd by the getter */
	uint64_t num;
	/* -J: the value, when the getter made one (the report owns it); NULL: by type */
	struct json_object *json;
	int json_null;		/* -J: null, whatever the text says ("-": no group) */
};

struct report_section {
	const char *desc;	/* "Mapped Device Name": the help's heading */
	const char *prefix;	/* "name_": "name_all" picks the section */
};

/* What a field is in JSON (-J): by its type, or one of these. */
enum report_json {
	RJ_BY_TYPE = 0,		/* numbers as numbers, text as strings */
	RJ_BOOL,		/* true when the cell's num is not 0 */
	RJ_LIST,		/* the comma-separated text as an array of strings */
};

struct report_field {
	const char *id;		/* "name" */
	const char *heading;	/* "Name" */
	unsigned section;	/* index into report_spec.sections */
	enum report_type type;
	int width;		/* initial column width */
	const char *desc;
	/* Fills c from a row's object; 0, or -errno after telling why. */
	int (*get)(void *obj, struct report_cell *c);
	enum report_json json;
};

struct report_spec {
	const struct report_section *sections;
	unsigned nsections;
	const struct report_field *fields;	/* ends with id NULL */
	/* the sections -o all names, a bit each; 0: every one (libdevmapper:
	 * the report's own types, so stats list's "all" is its region fields) */
	unsigned all_sections;
};

/* Output flags (libdevmapper's DM_REPORT_OUTPUT_*). */
enum {
	REPORT_ALIGNED = 1 << 0,
	REPORT_HEADINGS = 1 << 1,
	REPORT_PREFIXES = 1 << 2,	/* DM_NAME='x' */
	REPORT_UNQUOTED = 1 << 3,
	REPORT_ROWS = 1 << 4,		/* columns as rows */
};

struct report;

/*
 * Parses the field list, sort keys and selection (sort and selection may be
 * NULL).  NULL on failure, after telling why (field help included).  When
 * help was asked for (-o help, -S help) it has been shown and the report
 * takes no rows: report_done() is then 1.
 */
struct report *report_init(const struct report_spec *spec, const char *fields,
			   const char *sort, const char *selection, unsigned flags,
			   const char *separator);
/*
 * The rows as a JSON document instead ({"<name>": [{"<field id>": value,
 * ...}, ...]}, through json-c); sort keys and selection still apply.
 */
void report_json(struct report *r, const char *name);
/* Whether the report has already been given (help); rows are ignored then. */
int report_done(const struct report *r);
/* Whether any field (shown, sorted or selected on) belongs to the section. */
int report_uses_section(const struct report *r, unsigned section);
/* The first used field of a section, or NULL. */
const char *report_section_field(const struct report *r, unsigned section);
/* The first used field the caller cannot fill (get NULL), or NULL. */
const char *report_field_without_getter(const struct report *r);
/* The first used field outside a section (hidden ones first), or NULL. */
const char *report_field_outside(const struct report *r, unsigned section);
/* Adds a row for obj (when it passes the selection); 0 or -errno (told). */
int report_add(struct report *r, void *obj);
/* Whether obj passes the selection (its fields read, no row added): 1, 0,
 * or -errno (told). */
int report_selects(struct report *r, void *obj);
/* Sorts and prints the rows; 0 or -errno. */
int report_output(struct report *r);
void report_free(struct report *r);
/* Forgets the rows printed, keeping the columns' widths: the next output
 * of a repeated report (--count, --interval) starts with its headings. */
void report_clear(struct report *r);

/* The field list (as -o help shows it), with types for `-S help`. */
void report_show_fields(const struct report_spec *spec, int all_items, int types);

/* Selection (select.c), used by the engine. */
struct selection;
struct report_column;
struct selection *selection_parse(struct report *r, const char *text);
int selection_match(const struct selection *s, const struct report_cell *cells);
void selection_free(struct selection *s);

#endif
