/*
 * Report selection (-S): libdevmapper's grammar and messages.
 *
 *   OR  := AND { ("||" | "#") AND }
 *   AND := EX { ("&&" | ",") EX }
 *   EX  := "!" "(" OR ")" | "(" OR ")" | FIELD OP VALUE
 *
 * The fields of dmsetup's reports are strings and numbers: strings compare
 * with = != =~ !~, numbers also with < <= > >=.  Regular expressions are
 * libdevmapper's (regex.c), matched anywhere in the value.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmsetup.h"
#include "log.h"
#include "regex.h"
#include "report-internal.h"

enum cmp {
	CMP_REGEX = 1 << 0, CMP_NOT = 1 << 1, CMP_EQUAL = 1 << 2, CMP_GT = 1 << 3,
	CMP_LT = 1 << 4, CMP_NUMBER = 1 << 5, CMP_TIME = 1 << 6,
};

struct op {
	const char *text;
	unsigned flags;
	const char *desc;
};

/* A longer operator before its prefix ("=~" before "="). */
static const struct op cmp_ops[] = {
	{ "=~", CMP_REGEX, "Matching regular expression. [regex]" },
	{ "!~", CMP_REGEX | CMP_NOT, "Not matching regular expression. [regex]" },
	{ "=", CMP_EQUAL, "Equal to. [number, size, percent, string, string list, time]" },
	{ "!=", CMP_NOT | CMP_EQUAL, "Not equal to. [number, size, percent, string, string_list, time]" },
	{ ">=", CMP_NUMBER | CMP_TIME | CMP_GT | CMP_EQUAL, "Greater than or equal to. [number, size, percent, time]" },
	{ ">", CMP_NUMBER | CMP_TIME | CMP_GT, "Greater than. [number, size, percent, time]" },
	{ "<=", CMP_NUMBER | CMP_TIME | CMP_LT | CMP_EQUAL, "Less than or equal to. [number, size, percent, time]" },
	{ "<", CMP_NUMBER | CMP_TIME | CMP_LT, "Less than. [number, size, percent, time]" },
	{ "since", CMP_TIME | CMP_GT | CMP_EQUAL, "Since specified time (same as '>='). [time]" },
	{ "after", CMP_TIME | CMP_GT, "After specified time (same as '>'). [time]" },
	{ "until", CMP_TIME | CMP_LT | CMP_EQUAL, "Until specified time (same as '<='). [time]" },
	{ "before", CMP_TIME | CMP_LT, "Before specified time (same as '<'). [time]" },
	{ NULL, 0, NULL }
};

enum logical {
	L_AND = 1 << 0, L_OR = 1 << 1, L_NOT = 1 << 2, L_PS = 1 << 3, L_PE = 1 << 4,
	L_LS = 1 << 5, L_LE = 1 << 6, L_SUBSET_LS = 1 << 7, L_SUBSET_LE = 1 << 8,
};

static const struct op log_ops[] = {
	{ "&&", L_AND, "All fields must match" },
	{ ",", L_AND, "All fields must match" },
	{ "||", L_OR, "At least one field must match" },
	{ "#", L_OR, "At least one field must match" },
	{ "!", L_NOT, "Logical negation" },
	{ "(", L_PS, "Left parenthesis" },
	{ ")", L_PE, "Right parenthesis" },
	{ "[", L_LS, "List start" },
	{ "]", L_LE, "List end" },
	{ "{", L_SUBSET_LS, "List subset start" },
	{ "}", L_SUBSET_LE, "List subset end" },
	{ NULL, 0, NULL }
};

enum node_kind { N_ITEM, N_AND, N_OR };

struct selection {
	enum node_kind kind;
	int negate;
	/* N_ITEM */
	size_t column;
	unsigned cmp;
	int is_number;
	uint64_t num;
	/* a size field's value: in sectors, compared as a double (libdevmapper's) */
	int is_size;
	double size;
	char *str;
	struct dm_regex *re;
	/* N_AND, N_OR */
	struct selection **kids;
	size_t nkids;
};

static const char syntax_error_at[] = "Selection syntax error at '%s'.";
static const char help_hint[] = "Use 'help' for selection to get more help.";

void selection_show_help(void)
{
	const struct op *o;

	fputs("Selection operands\n"
	      "------------------\n"
	      "  field               - Reporting field.\n"
	      "  number              - Non-negative integer value.\n"
	      "  size                - Floating point value with units, 'm' unit used by default if not specified.\n"
	      "  percent             - Non-negative integer with or without % suffix.\n"
	      "  string              - Characters quoted by ' or \" or unquoted.\n"
	      "  string list         - Strings enclosed by [ ] or { } and elements delimited by either\n"
	      "                        \"all items must match\" or \"at least one item must match\" operator.\n"
	      "  regular expression  - Characters quoted by ' or \" or unquoted.\n"
	      " \n"
	      "Selection operators\n"
	      "-------------------\n"
	      "  Comparison operators:\n", stderr);
	for (o = cmp_ops; o->text; o++)
		fprintf(stderr, "    %6s  - %s\n", o->text, o->desc);
	fputs(" \n  Logical and grouping operators:\n", stderr);
	for (o = log_ops; o->text; o++)
		fprintf(stderr, "    %4s  - %s\n", o->text, o->desc);
	fputs(" \n", stderr);
}

static const char *skip_space(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

/* The operator of table at s (after blanks) among those in expect; 0 if none. */
static unsigned match_op(const struct op *table, const char *s, const char **end, unsigned expect)
{
	const struct op *o;

	s = skip_space(s);
	for (o = table; o->text; o++) {
		size_t len = strlen(o->text);

		if (expect && !(o->flags & expect))
			continue;
		if (!strncmp(s, o->text, len)) {
			if (end)
				*end = s + len;
			return o->flags;
		}
	}
	if (end)
		*end = s;
	return 0;
}

/*
 * A value: up to the closing quote when quoted (q), else up to a blank or
 * one of the logical operators in stops.  NULL on a missing end quote.
 */
static const char *value_token(const char *s, const char **b, const char **e, char q, unsigned stops)
{
	*b = s;
	if (q) {
		while (*s && *s != q)
			s++;
		if (*s != q) {
			log_err("Missing end quote.");
			return NULL;
		}
		*e = s;
		return s + 1;
	}
	while (*s && *s != ' ' && !match_op(log_ops, s, NULL, stops))
		s++;
	*e = s;
	return s;
}

static char quote_of(const char **s)
{
	char c = **s;

	if (c == '"' || c == '\'') {
		(*s)++;
		return c;
	}
	return 0;
}

static void free_node(struct selection *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->nkids; i++)
		free_node(n->kids[i]);
	free(n->kids);
	free(n->str);
	regex_free(n->re);
	free(n);
}

void selection_free(struct selection *s)
{
	free_node(s);
}

static int add_kid(struct selection *set, struct selection *kid)
{
	struct selection **k = realloc(set->kids, (set->nkids + 1) * sizeof(*k));

	if (!k)
		return -ENOMEM;
	set->kids = k;
	set->kids[set->nkids++] = kid;
	return 0;
}

static struct selection *new_node(enum node_kind kind)
{
	struct selection *n = calloc(1, sizeof(*n));

	if (n)
		n->kind = kind;
	return n;
}

/* FIELD OP VALUE.  NULL on failure (told). */
static struct selection *parse_item(struct report *r, const char *s, const char **next)
{
	const struct report_field *f;
	struct report_column *c;
	struct selection *n = NULL;
	const char *ws, *we, *last, *vb = NULL, *ve = NULL;
	uint64_t factor = 1024 * 1024;	/* a size without unit is in MiB, as lvm's */
	unsigned cmp;
	int which, kind;

	*next = s;
	ws = we = skip_space(s);
	while (*we && (isalnum((unsigned char)*we) || *we == '_' || *we == '-'))
		we++;
	if (we == ws) {
		log_err("Expecting field name");
		goto syntax;
	}
	if ((kind = report_find_field(r, ws, (size_t)(we - ws), &which)) < 0 ||
	    (kind == 0 && which != SPECIAL_SELECTED)) {
		report_show_fields(r->spec, 0, 1);
		log_err(" ");
		if (kind < 0)
			log_err("Unrecognised selection field: %.*s", (int)(we - ws), ws);
		else
			log_err("Selection field is uncomparable: %.*s.", (int)(we - ws), ws);
		goto syntax;
	}
	f = kind ? &r->spec->fields[which] : NULL;
	if (!(cmp = match_op(cmp_ops, we, &last, 0))) {
		selection_show_help();
		log_err("Unrecognised comparison operator: %s", we);
		goto syntax;
	}
	{
		enum report_type type = f ? f->type : RT_NUMBER;
		const char *id = f ? f->id : "selected";

		if (cmp & CMP_REGEX) {
			char q;

			last = skip_space(last);
			if (!*last) {
				log_err("Regular expression expected for selection field %s", id);
				goto syntax;
			}
			switch (*last) {
			case '(': q = ')'; break;
			case '{': q = '}'; break;
			case '[': q = ']'; break;
			case '"': case '\'': q = *last; break;
			default: q = 0;
			}
			if (!(last = value_token(q ? last + 1 : last, &vb, &ve, q, L_AND | L_OR | L_PE))) {
				log_err("Failed to parse regex value for selection field %s.", id);
				goto syntax;
			}
		} else {
			if ((cmp & CMP_NUMBER) && !(type & (RT_NUMBER | RT_SIZE))) {
				selection_show_help();
				log_err("Operator can be used only with number, size, time or percent fields: %s", ws);
				goto syntax;
			}
			if ((cmp & CMP_TIME) && !(cmp & CMP_NUMBER)) {
				selection_show_help();
				log_err("Operator can be used only with time fields: %s", ws);
				goto syntax;
			}
			last = skip_space(last);
			if (type == RT_STRING) {
				char q = quote_of(&last);

				if (!(last = value_token(last, &vb, &ve, q, L_AND | L_OR | L_PE))) {
					log_err("Failed to parse string value for selection field %s.", id);
					goto syntax;
				}
			} else {
				int dot = 0;

				vb = last;
				while ((!dot && *last == '.' && ++dot) || isdigit((unsigned char)*last))
					last++;
				ve = last;
				if (vb == ve) {
					log_err("Failed to parse numeric value for selection field %s.", id);
					goto syntax;
				}
				if (*last == '%') {
					log_err("Found percent value but %s value expected for selection field %s.",
						type == RT_SIZE ? "size" : "numeric", id);
					goto syntax;
				}
				if (type == RT_SIZE && *last && strchr("hHrRbBsSkKmMgGtTpPeE", *last)) {
					char unit[2] = { *last, '\0' }, letter;

					factor = units_to_factor(unit, &letter);
					last++;
				} else if (*last && strchr("bBsSkKmMgGtTpPeE", *last)) {
					log_err("Found size unit specifier but numeric value expected for selection field %s.", id);
					goto syntax;
				}
			}
		}
		*next = skip_space(last);

		if (!(c = report_use_field(r, kind, which)) || !(n = new_node(N_ITEM)))
			goto nomem;
		n->column = (size_t)(c - r->cols);
		n->cmp = cmp;
		if (!(n->str = strndup(vb, (size_t)(ve - vb))))
			goto nomem;
		if (cmp & CMP_REGEX) {
			if (type != RT_STRING) {
				log_err("dm_report: incompatible comparison type for selection field %s", id);
				goto fail;
			}
			if (!(n->re = regex_compile(n->str))) {
				log_err("dm_report: failed to create regex matcher for selection field %s", id);
				goto fail;
			}
		} else if (type != RT_STRING) {
			char *end;

			errno = 0;
			n->num = strtoull(n->str, &end, 10);
			if (errno == ERANGE) {
				log_err("Field selection value %s out of supported range for field %s.",
					   n->str, id);
				goto fail;
			}
			n->is_number = 1;
			if (type == RT_SIZE) {
				n->is_size = 1;
				n->size = strtod(n->str, NULL) * (double)factor / 512;
			}
		}
	}
	return n;
syntax:
	log_err(syntax_error_at, s);
	log_err("%s", help_hint);
	*next = s;
	return NULL;
nomem:
	log_err("dm_report: out of memory");
fail:
	free_node(n);
	*next = s;
	return NULL;
}

static struct selection *parse_or(struct report *r, const char *s, const char **next);

static struct selection *parse_ex(struct report *r, const char *s, const char **next)
{
	struct selection *n;
	const char *tmp;
	unsigned t = match_op(log_ops, s, next, L_NOT | L_PS);

	if (t == L_NOT) {
		if (!match_op(log_ops, *next, &tmp, L_PS)) {
			log_err("Syntax error: left parenthesis expected at '%s'", *next);
			goto error;
		}
		if (!(n = parse_or(r, tmp, next)))
			goto error;
		/* as libdevmapper (to its newest): a flag, so "!(!(x))" is "!(x)" */
		n->negate = 1;
		if (!match_op(log_ops, *next, &tmp, L_PE)) {
			log_err("Syntax error: right parenthesis expected at '%s'", *next);
			free_node(n);
			goto error;
		}
		*next = tmp;
		return n;
	}
	if (t == L_PS) {
		if (!(n = parse_or(r, *next, &tmp)))
			goto error;
		if (!match_op(log_ops, tmp, next, L_PE)) {
			log_err("Syntax error: right parenthesis expected at '%s'", *next);
			free_node(n);
			goto error;
		}
		return n;
	}
	return parse_item(r, skip_space(s), next);
error:
	*next = s;
	return NULL;
}

/* A chain of terms joined by the operators in ops (AND or OR). */
static struct selection *parse_chain(struct report *r, const char *s, const char **next,
				     unsigned ops, enum node_kind kind,
				     struct selection *(*term)(struct report *, const char *, const char **))
{
	struct selection *set = NULL, *n;
	const char *tmp;

	for (;;) {
		if (!(n = term(r, s, next)))
			goto error;
		if (!match_op(log_ops, *next, &tmp, ops)) {
			if (!set)
				return n;
			if (add_kid(set, n) < 0)
				goto nomem;
			return set;
		}
		if (!set && !(set = new_node(kind)))
			goto nomem;
		if (add_kid(set, n) < 0)
			goto nomem;
		s = tmp;
	}
nomem:
	free_node(n);
error:
	free_node(set);
	*next = s;
	return NULL;
}

static struct selection *parse_and(struct report *r, const char *s, const char **next)
{
	return parse_chain(r, s, next, L_AND, N_AND, parse_ex);
}

static struct selection *parse_or(struct report *r, const char *s, const char **next)
{
	return parse_chain(r, s, next, L_OR, N_OR, parse_and);
}

struct selection *selection_parse(struct report *r, const char *text)
{
	struct selection *root;
	const char *next;

	if (!(root = parse_or(r, text, &next)))
		return NULL;
	next = skip_space(next);
	if (*next) {
		log_err("Expecting logical operator");
		log_err(syntax_error_at, next);
		log_err("%s", help_hint);
		free_node(root);
		return NULL;
	}
	return root;
}

/* libdevmapper's double comparisons: equal within DBL_EPSILON */
static int size_compare(const struct selection *n, double v)
{
	double d = v - n->size;
	int equal = (d < 0 ? -d : d) < DBL_EPSILON;

	if (n->cmp & CMP_GT)
		return equal ? (n->cmp & CMP_EQUAL) != 0 : v > n->size;
	if (n->cmp & CMP_LT)
		return equal ? (n->cmp & CMP_EQUAL) != 0 : v < n->size;
	return equal;
}

static int item_match(const struct selection *n, const struct report_cell *cell)
{
	int r;

	if (n->cmp & CMP_REGEX)
		r = regex_match(n->re, cell->text);
	else if (!n->is_number)
		r = !strcmp(cell->text, n->str);
	else if (n->is_size)
		r = size_compare(n, (double)cell->num);
	else if (n->cmp & CMP_GT)
		r = (n->cmp & CMP_EQUAL) ? cell->num >= n->num : cell->num > n->num;
	else if (n->cmp & CMP_LT)
		r = (n->cmp & CMP_EQUAL) ? cell->num <= n->num : cell->num < n->num;
	else
		r = cell->num == n->num;
	/* != and !~; the ordering operators carry no NOT */
	return (n->cmp & CMP_NOT) ? !r : r;
}

int selection_match(const struct selection *s, const struct report_cell *cells)
{
	size_t i;
	int r;

	switch (s->kind) {
	case N_ITEM:
		r = item_match(s, &cells[s->column]);
		break;
	case N_AND:
		for (r = 1, i = 0; i < s->nkids && r; i++)
			r = selection_match(s->kids[i], cells);
		break;
	default:
		for (r = 0, i = 0; i < s->nkids && !r; i++)
			r = selection_match(s->kids[i], cells);
		break;
	}
	return s->negate ? !r : r;
}
