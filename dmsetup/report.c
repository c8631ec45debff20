/*
 * The column report engine (report.h): libdevmapper's field lists, sort
 * keys, widths, alignment, name prefixes and rows, byte for byte.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "json.h"
#include "jsonput.h"
#include "log.h"
#include "report-internal.h"

/* The fields every report has (libdevmapper's implicit "Special" section). */
static const struct report_section special_section = { "Special", "special_" };
static const struct report_field special_fields[] = {
	[SPECIAL_SELECTED] = { "selected", "Selected", 0, RT_NUMBER, 8,
			       "Set if item passes selection criteria.", NULL, RJ_BOOL },
	[SPECIAL_HELP] = { "help", "Help", 0, RT_NUMBER, 8, "Show help.", NULL, RJ_BY_TYPE },
	[SPECIAL_HELP_ALT] = { "?", "Help", 0, RT_NUMBER, 8, "Show help.", NULL, RJ_BY_TYPE },
	{ NULL, NULL, 0, 0, 0, NULL, NULL, RJ_BY_TYPE }
};

static void warn_line(const char *s)
{
	fprintf(stderr, "%s\n", s);
}

/* ------------------------------------------------------------------ help */

static size_t longest_id(const struct report_spec *spec)
{
	const struct report_field *f;
	size_t len = 0, l;
	unsigned i;

	for (f = special_fields; f->id; f++)
		if ((l = strlen(f->id)) > len)
			len = l;
	for (f = spec->fields; f->id; f++)
		if ((l = strlen(f->id)) > len)
			len = l;
	for (i = 0; i < spec->nsections; i++)
		if ((l = strlen(spec->sections[i].prefix) + 3) > len)
			len = l;
	if ((l = strlen(special_section.prefix) + 3) > len)
		len = l;
	return len;
}

static const char *type_name(enum report_type t)
{
	switch (t) {
	case RT_STRING: return "string";
	case RT_NUMBER: return "number";
	case RT_SIZE: return "size";
	}
	return "unknown";
}

static void show_section_fields(const struct report_field *fields,
				const struct report_section *sections, int special,
				size_t id_len, int all_items, int types)
{
	const struct report_field *f;
	const char *last = "";

	for (f = fields; f->id; f++) {
		const struct report_section *s = special ? &special_section : &sections[f->section];

		if (strcmp(s->desc, last)) {
			if (*last)
				warn_line(" ");
			fprintf(stderr, "%s Fields\n", s->desc);
			fprintf(stderr, "%.*s\n", (int)strlen(s->desc) + 7,
				"-------------------------------------------------------------------------------");
			if (all_items && !special)
				fprintf(stderr, "  %sall%-*s - %s\n", s->prefix,
					(int)(id_len - 3 - strlen(s->prefix)), "",
					"All fields in this section.");
		}
		fprintf(stderr, "  %-*s - %s", (int)id_len, f->id, f->desc);
		if (types)
			fprintf(stderr, " [%s%s]",
				special && f != &special_fields[SPECIAL_SELECTED] ? "unselectable " : "",
				type_name(f->type));
		fputc('\n', stderr);
		last = s->desc;
	}
}

void report_show_fields(const struct report_spec *spec, int all_items, int types)
{
	size_t id_len = longest_id(spec);

	show_section_fields(spec->fields, spec->sections, 0, id_len, all_items, types);
	warn_line(" ");
	show_section_fields(special_fields, NULL, 1, id_len, all_items, types);
}

/* ------------------------------------------------------------------ fields */

const struct report_field *column_field(const struct report *r, const struct report_column *c)
{
	return c->special >= 0 ? &special_fields[c->special] : &r->spec->fields[c->index];
}

/* Field names match without underscores and case: "dev_no" is "devno". */
static size_t canonical(const char *s, size_t len, char *out, size_t size)
{
	size_t n = 0;

	for (; len && *s; s++, len--) {
		if (*s == '_')
			continue;
		if (n + 1 >= size)
			return 0;
		out[n++] = *s;
	}
	out[n] = '\0';
	return n;
}

static int same_field(const char *id, const char *canon)
{
	char c[64];

	canonical(id, strlen(id), c, sizeof(c));
	return !strcasecmp(c, canon);
}

/* Finds a field by name: 0 special / 1 spec field, -1 unknown. */
int report_find_field(const struct report *r, const char *name, size_t len, int *which)
{
	const struct report_field *f;
	char canon[64];
	int i;

	if (!len || !canonical(name, len, canon, sizeof(canon)))
		return -ENOENT;
	for (i = 0; special_fields[i].id; i++)
		if (same_field(special_fields[i].id, canon)) {
			*which = i;
			return 0;
		}
	for (f = r->spec->fields, i = 0; f->id; f++, i++)
		if (same_field(f->id, canon)) {
			*which = i;
			return 1;
		}
	return -ENOENT;
}

static struct report_column *add_column(struct report *r, int special, int index, int hidden)
{
	struct report_column *c, *cols;

	cols = realloc(r->cols, (r->ncols + 1) * sizeof(*cols));
	if (!cols)
		return NULL;
	r->cols = cols;
	/* (libdevmapper lists hidden columns first; only shown ones are printed) */
	c = cols + r->ncols;
	r->ncols++;
	memset(c, 0, sizeof(*c));
	c->special = special;
	c->index = index;
	c->hidden = hidden;
	c->sort_pos = -1;
	c->width = special >= 0 ? special_fields[special].width : r->spec->fields[index].width;
	return c;
}

/* The column of a field (the first, if listed twice); NULL if not used. */
static struct report_column *find_column(struct report *r, int special, int index)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (r->cols[i].special == special && (special >= 0 || r->cols[i].index == index))
			return &r->cols[i];
	return NULL;
}

struct report_column *report_use_field(struct report *r, int is_spec, int which)
{
	struct report_column *c = find_column(r, is_spec ? -1 : which, is_spec ? which : 0);

	return c ? c : add_column(r, is_spec ? -1 : which, is_spec ? which : 0, 1);
}

/* "all" or "<prefix>all": the sections it names, as a bit set; 0 if none. */
static unsigned all_match(const struct report *r, const char *name, size_t len)
{
	char canon[64];
	unsigned i, set = 0;
	size_t n;

	if (len == 3 && !strncasecmp(name, "all", 3))
		return r->spec->all_sections ? r->spec->all_sections : (1u << r->spec->nsections) - 1;
	if (!(n = canonical(name, len, canon, sizeof(canon))))
		return 0;
	for (i = 0; i < r->spec->nsections; i++) {
		const char *p = r->spec->sections[i].prefix;
		size_t plen = strlen(p) - 1;

		if (n == plen + 3 && !strncasecmp(p, canon, plen) && !strcasecmp(canon + plen, "all"))
			set |= 1u << i;
	}
	return set;
}

static int add_field_word(struct report *r, const char *w, size_t len)
{
	const struct report_field *f;
	unsigned set;
	int which, kind = report_find_field(r, w, len, &which);

	if (kind >= 0)
		return add_column(r, kind ? -1 : which, kind ? which : 0, 0) ? 0 : -ENOMEM;
	if (!len || !(set = all_match(r, w, len)))
		return -EINVAL;
	for (f = r->spec->fields; f->id; f++)
		if ((set & (1u << f->section)) &&
		    !add_column(r, -1, (int)(f - r->spec->fields), 0))
			return -ENOMEM;
	return 0;
}

static int add_sort_word(struct report *r, const char *w, size_t len)
{
	struct report_column *c;
	size_t *keys;
	int which, kind, descending = 0;

	if (len && (*w == '+' || *w == '-')) {
		descending = *w == '-';
		w++;
		len--;
	}
	if (!len) {
		log_err("dm_report: Missing sort field name");
		return -EINVAL;
	}
	if ((kind = report_find_field(r, w, len, &which)) < 0)
		return -EINVAL;
	if (!(c = report_use_field(r, kind, which)))
		return -ENOMEM;
	if (c->sort_pos >= 0) {
		fprintf(stderr, "dm_report: Ignoring duplicate sort field: %s.\n",
			column_field(r, c)->id);
		return 0;
	}
	if (!(keys = realloc(r->keys, (r->nkeys + 1) * sizeof(*keys))))
		return -ENOMEM;
	r->keys = keys;
	c->sort_pos = (int)r->nkeys;
	c->descending = descending;
	r->keys[r->nkeys++] = (size_t)(c - r->cols);
	return 0;
}

/* Splits a comma list as libdevmapper does: runs of commas are one. */
static int parse_list(struct report *r, const char *list,
		      int (*add)(struct report *, const char *, size_t), const char *what)
{
	const char *ws, *we = list;
	int rc;

	while (*we) {
		while (*we == ',')
			we++;
		ws = we;
		while (*we && *we != ',')
			we++;
		if ((rc = add(r, ws, (size_t)(we - ws))) < 0) {
			if (rc == -EINVAL) {
				report_show_fields(r->spec, 1, 0);
				warn_line(" ");
				fprintf(stderr, "%sUnrecognised field: %.*s\n", what, (int)(we - ws), ws);
			}
			return rc;
		}
	}
	return 0;
}

struct report *report_init(const struct report_spec *spec, const char *fields,
			   const char *sort, const char *selection, unsigned flags,
			   const char *separator)
{
	struct report *r = calloc(1, sizeof(*r));
	size_t i;

	if (!r)
		return NULL;
	r->spec = spec;
	r->flags = flags;
	r->sep = separator;
	if (flags & REPORT_ROWS)
		r->flags &= ~REPORT_ALIGNED;
	if (parse_list(r, fields, add_field_word, "") < 0 ||
	    (sort && parse_list(r, sort, add_sort_word, "dm_report: ") < 0))
		goto fail;
	for (i = 0; i < r->ncols; i++)
		if (r->cols[i].special == SPECIAL_HELP || r->cols[i].special == SPECIAL_HELP_ALT) {
			report_show_fields(spec, 1, 0);
			warn_line(" ");
			r->done = 1;
			break;
		}
	if (selection && *selection && strcasecmp(selection, "all")) {
		if (!strcasecmp(selection, "help") || !strcmp(selection, "?")) {
			report_show_fields(spec, 0, 1);
			warn_line(" ");
			selection_show_help();
			r->done = 1;
		} else if (!(r->sel = selection_parse(r, selection)))
			goto fail;
	}
	return r;
fail:
	report_free(r);
	return NULL;
}

int report_done(const struct report *r)
{
	return r->done;
}

int report_uses_section(const struct report *r, unsigned section)
{
	return report_section_field(r, section) != NULL;
}

const char *report_section_field(const struct report *r, unsigned section)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (r->cols[i].special < 0 && r->spec->fields[r->cols[i].index].section == section)
			return r->spec->fields[r->cols[i].index].id;
	return NULL;
}

const char *report_field_without_getter(const struct report *r)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (r->cols[i].special < 0 && !r->spec->fields[r->cols[i].index].get)
			return r->spec->fields[r->cols[i].index].id;
	return NULL;
}

const char *report_field_outside(const struct report *r, unsigned section)
{
	size_t i;
	int pass;

	/* hidden columns first: libdevmapper fills them first */
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < r->ncols; i++)
			if (r->cols[i].special < 0 && r->cols[i].hidden == pass &&
			    r->spec->fields[r->cols[i].index].section != section)
				return r->spec->fields[r->cols[i].index].id;
	return NULL;
}

/* ------------------------------------------------------------------ rows */

static void free_row(struct report *r, struct report_row *row)
{
	size_t i;

	for (i = 0; i < r->ncols; i++) {
		free(row->cells[i].text);
		json_object_put(row->cells[i].json);
	}
	free(row->cells);
}

/* The cells of obj's row (the implicit "selected" 1); 0 or -errno. */
static int fill_row(struct report *r, void *obj, struct report_row *row,
		    struct report_column **shown_selected)
{
	size_t i;
	int rc;

	if (!(row->cells = calloc(r->ncols ? r->ncols : 1, sizeof(*row->cells))))
		return -ENOMEM;
	row->selected = 1;
	for (i = 0; i < r->ncols; i++) {
		struct report_column *c = &r->cols[i];

		if (c->special >= 0) {
			if (c->special == SPECIAL_SELECTED && !*shown_selected)
				*shown_selected = c;
			row->cells[i].text = strdup(c->special == SPECIAL_SELECTED ? "1" : "");
			row->cells[i].num = 1;
			rc = row->cells[i].text ? 0 : -ENOMEM;
		} else
			rc = r->spec->fields[c->index].get(obj, &row->cells[i]);
		if (rc == 0 && !row->cells[i].text && !(row->cells[i].text = strdup("")))
			rc = -ENOMEM;
		if (rc < 0) {
			if (c->special < 0)
				log_err("_do_report_object: report function failed for field %s",
					r->spec->fields[c->index].id);
			free_row(r, row);
			return rc;
		}
	}
	return 0;
}

int report_selects(struct report *r, void *obj)
{
	struct report_row row = { 0 };
	struct report_column *shown_selected = NULL;
	int rc;

	if (r->done)
		return 0;
	if ((rc = fill_row(r, obj, &row, &shown_selected)) < 0)
		return rc;
	rc = !r->sel || selection_match(r->sel, row.cells);
	free_row(r, &row);
	return rc;
}

int report_add(struct report *r, void *obj)
{
	struct report_row row = { 0 }, *rows;
	struct report_column *shown_selected = NULL;
	size_t i;
	int rc;

	if (r->done)
		return 0;
	if ((rc = fill_row(r, obj, &row, &shown_selected)) < 0)
		return rc;
	if (r->sel && !selection_match(r->sel, row.cells)) {
		row.selected = 0;
		if (!shown_selected || shown_selected->hidden) {
			free_row(r, &row);
			return 0;
		}
		i = (size_t)(shown_selected - r->cols);
		row.cells[i].text[0] = '0';
		row.cells[i].num = 0;
	}
	if (r->nrows == r->rowcap) {
		size_t cap = r->rowcap ? r->rowcap * 2 : 64;

		if (!(rows = realloc(r->rows, cap * sizeof(*rows)))) {
			free_row(r, &row);
			return -ENOMEM;
		}
		r->rows = rows;
		r->rowcap = cap;
	}
	row.seq = r->nrows;
	r->rows[r->nrows++] = row;
	return 0;
}

/* (qsort_r: the report is the comparison's argument) */
static int compare_rows(const void *pa, const void *pb, void *arg)
{
	const struct report_row *a = pa, *b = pb;
	const struct report *r = arg;
	size_t k;

	for (k = 0; k < r->nkeys; k++) {
		const struct report_column *c = &r->cols[r->keys[k]];
		const struct report_cell *ca = &a->cells[r->keys[k]], *cb = &b->cells[r->keys[k]];
		int cmp;

		if (column_field(r, c)->type != RT_STRING)
			cmp = ca->num == cb->num ? 0 : ca->num > cb->num ? 1 : -1;
		else
			cmp = strcmp(ca->text, cb->text);
		if (cmp)
			return c->descending ? -cmp : cmp;
	}
	/* equal keys keep the order the rows came in */
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* ------------------------------------------------------------------ output */

struct line {
	char *buf;
	size_t len, size;
};

/* Room for n more bytes and the NUL. */
static int reserve(struct line *l, size_t n)
{
	if (l->len + n + 1 > l->size) {
		size_t size = (l->len + n + 1) * 2;
		char *b = realloc(l->buf, size);

		if (!b)
			return -ENOMEM;
		l->buf = b;
		l->size = size;
	}
	return 0;
}

static int put(struct line *l, const char *s, size_t n)
{
	if (reserve(l, n) < 0)
		return -ENOMEM;
	memcpy(l->buf + l->len, s, n);
	l->len += n;
	l->buf[l->len] = '\0';
	return 0;
}

static int put_spaces(struct line *l, size_t n)
{
	if (reserve(l, n) < 0)
		return -ENOMEM;
	memset(l->buf + l->len, ' ', n);
	l->len += n;
	l->buf[l->len] = '\0';
	return 0;
}

static int puts_line(struct line *l, const char *s)
{
	return put(l, s, strlen(s));
}

static int put_padded(struct line *l, const char *s, int width, int right)
{
	size_t len = strlen(s), pad;
	int rc = 0;

	if (len > (size_t)width)
		len = (size_t)width;
	pad = (size_t)width - len;
	if (right && pad)
		rc = put_spaces(l, pad);
	if (rc == 0)
		rc = put(l, s, len);
	if (rc == 0 && !right && pad)
		rc = put_spaces(l, pad);
	return rc;
}

static int put_cell(struct report *r, struct line *l, const struct report_column *c,
		    const struct report_cell *cell)
{
	const struct report_field *f = column_field(r, c);
	const char *q = r->flags & REPORT_UNQUOTED ? "" : "'";
	int rc = 0;

	if (r->flags & REPORT_PREFIXES) {
		const char *p;

		rc = puts_line(l, "DM_");
		for (p = f->id; *p && rc == 0; p++) {
			char u = (char)toupper((unsigned char)*p);

			rc = put(l, &u, 1);
		}
		if (rc == 0)
			rc = puts_line(l, "=");
		if (rc == 0)
			rc = puts_line(l, q);
	}
	if (rc == 0) {
		if (r->flags & REPORT_ALIGNED)
			rc = put_padded(l, cell->text, c->width, f->type != RT_STRING);
		else
			rc = puts_line(l, cell->text);
	}
	if (rc == 0 && (r->flags & REPORT_PREFIXES))
		rc = puts_line(l, q);
	return rc;
}

static int print_line(struct line *l)
{
	printf("%s\n", l->buf ? l->buf : "");
	l->len = 0;
	if (l->buf)
		l->buf[0] = '\0';
	return 0;
}

static int output_columns(struct report *r, struct line *l)
{
	size_t i, j;
	int rc = 0, first;

	if (r->flags & REPORT_HEADINGS) {
		first = 1;
		for (i = 0; i < r->ncols && rc == 0; i++) {
			const struct report_column *c = &r->cols[i];

			if (c->hidden)
				continue;
			if (!first)
				rc = puts_line(l, r->sep);
			first = 0;
			if (rc == 0)
				rc = r->flags & REPORT_ALIGNED ?
					put_padded(l, column_field(r, c)->heading, c->width, 0) :
					puts_line(l, column_field(r, c)->heading);
		}
		if (rc == 0)
			rc = print_line(l);
	}
	for (j = 0; j < r->nrows && rc == 0; j++) {
		first = 1;
		for (i = 0; i < r->ncols && rc == 0; i++) {
			if (r->cols[i].hidden)
				continue;
			if (!first)
				rc = puts_line(l, r->sep);
			first = 0;
			if (rc == 0)
				rc = put_cell(r, l, &r->cols[i], &r->rows[j].cells[i]);
		}
		if (rc == 0)
			rc = print_line(l);
	}
	return rc;
}

static int output_rows(struct report *r, struct line *l)
{
	size_t i, j;
	int rc = 0;

	for (i = 0; i < r->ncols && rc == 0; i++) {
		const struct report_column *c = &r->cols[i];

		if (c->hidden)
			continue;
		if (r->flags & REPORT_HEADINGS) {
			rc = puts_line(l, column_field(r, c)->heading);
			if (rc == 0)
				rc = puts_line(l, r->sep);
		}
		for (j = 0; j < r->nrows && rc == 0; j++) {
			rc = put_cell(r, l, c, &r->rows[j].cells[i]);
			if (rc == 0 && j + 1 < r->nrows)
				rc = puts_line(l, r->sep);
		}
		if (rc == 0)
			rc = print_line(l);
	}
	return rc;
}

void report_json(struct report *r, const char *name)
{
	r->json_name = name;
}

/*
 * A cell under its field's id: numbers from their value (null when the
 * getter left it empty), booleans from num, lists as arrays, the rest as
 * strings (null when empty).
 */
static int put_json_cell(struct json_object *row, const struct report_field *f,
		    struct report_cell *c)
{
	struct json_object *list;
	const char *p, *comma;

	if (c->json_null)
		return jput_null(row, f->id);
	if (c->json) {
		struct json_object *v = c->json;

		c->json = NULL;		/* (the document has it now) */
		return jput(row, f->id, v);
	}
	if (f->json == RJ_BOOL)
		return jput_bool(row, f->id, c->num != 0);
	if (f->json == RJ_LIST) {
		if (!(list = jput_list(row, f->id)))
			return -ENOMEM;
		for (p = c->text; *p; p = *comma ? comma + 1 : comma) {
			comma = p + strcspn(p, ",");
			if (jappend(list, json_object_new_string_len(p, (int)(comma - p))))
				return -ENOMEM;
		}
		return 0;
	}
	if (!*c->text)
		return jput_null(row, f->id);
	if (f->type != RT_STRING)
		return jput_u64(row, f->id, c->num);
	return jput_str(row, f->id, c->text);
}

/* {"<json_name>": [{"<field id>": value, ...}, ...]} (json.c: why json-c) */
static int output_json(struct report *r)
{
	struct json_object *row;
	size_t i, j;
	int rc = doc_open(r->json_name);

	for (j = 0; j < r->nrows && rc == 0; j++) {
		if (!(row = jappend_object(doc_list())))
			rc = -ENOMEM;
		for (i = 0; i < r->ncols && rc == 0; i++)
			if (!r->cols[i].hidden)
				rc = put_json_cell(row, column_field(r, &r->cols[i]), &r->rows[j].cells[i]);
	}
	return doc_end(rc);
}

int report_output(struct report *r)
{
	struct line l = { 0 };
	size_t i, j;
	int rc;

	if (r->done)
		return 0;
	if (r->json_name) {
		/* only the selected rows, in the sort order */
		if (r->nrows > 1)	/* (rows is NULL when there are none) */
			qsort_r(r->rows, r->nrows, sizeof(*r->rows), compare_rows, r);
		return output_json(r);
	}
	if (!r->nrows)
		return 0;
	for (j = 0; j < r->nrows; j++)
		for (i = 0; i < r->ncols; i++) {
			size_t len = strlen(r->rows[j].cells[i].text);

			if ((int)len > r->cols[i].width)
				r->cols[i].width = (int)len;
		}
	qsort_r(r->rows, r->nrows, sizeof(*r->rows), compare_rows, r);
	rc = r->flags & REPORT_ROWS ? output_rows(r, &l) : output_columns(r, &l);
	free(l.buf);
	return rc;
}

void report_clear(struct report *r)
{
	size_t j;

	for (j = 0; j < r->nrows; j++)
		free_row(r, &r->rows[j]);
	r->nrows = 0;
}

void report_free(struct report *r)
{
	size_t j;

	if (!r)
		return;
	for (j = 0; j < r->nrows; j++)
		free_row(r, &r->rows[j]);
	free(r->rows);
	selection_free(r->sel);
	free(r->cols);
	free(r->keys);
	free(r);
}
