#include "config.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "dlsym.h"
#include "output.h"

/* The libsmartcols functions lodm uses (without their "scols_"), each once:
 * the list makes both the typed pointers and the loader's table. */
#define SCOLS_FUNCTIONS(X)		\
	X(new_table)			\
	X(table_enable_raw)		\
	X(table_enable_json)		\
	X(table_enable_noheadings)	\
	X(table_set_name)		\
	X(table_new_column)		\
	X(column_set_json_type)		\
	X(table_new_line)		\
	X(line_set_data)		\
	X(print_table)			\
	X(unref_table)

/* libsmartcols' functions, typed from its header (output.h says why). */
#define SCOLS_POINTER(name)	__typeof__(&scols_##name) name;
static struct {
	void *lib;
	SCOLS_FUNCTIONS(SCOLS_POINTER)
} sc;

#define SCOLS_SYMBOL(name)	{ #name, (void **)&sc.name },
static const struct dl_symbol scols_symbols[] = { SCOLS_FUNCTIONS(SCOLS_SYMBOL) };

/* 0 once the library is loaded, else -ELIBACC. */
static int scols_load(void)
{
	if (sc.lib)
		return 0;
	return dl_load_symbols(SMARTCOLS_SONAME, "scols_", scols_symbols,
			       sizeof(scols_symbols) / sizeof(scols_symbols[0]),
			       &sc.lib, NULL, 0);
}

int out_column_find(const struct out_column *defs, size_t ndefs,
		    const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ndefs; i++)
		if (!strncasecmp(name, defs[i].name, len) && !defs[i].name[len])
			return (int)i;
	return -1;
}

enum out_parse_result out_columns_parse(const char *list, const struct out_column *defs,
					size_t ndefs, int *ids, size_t max, size_t *nids,
					const char **bad)
{
	const char *p, *begin = NULL;
	size_t n;

	if (!list || !*list || *nids > max)
		return OUT_PARSE_INVALID;
	if (*list == '+')
		list++;
	else
		*nids = 0;
	n = *nids;
	if (!*list)
		return OUT_PARSE_INVALID;
	for (p = list; *p; p++) {
		const char *end = NULL;
		int id;

		if (n >= max)
			return OUT_PARSE_INVALID;
		if (!begin)
			begin = p;
		if (*p == ',')
			end = p;
		if (!p[1])
			end = p + 1;	/* a trailing ',' stays part of the name */
		if (!end)
			continue;
		if (end <= begin)
			return OUT_PARSE_INVALID;
		id = out_column_find(defs, ndefs, begin, (size_t)(end - begin));
		if (id < 0) {
			*bad = begin;
			return OUT_PARSE_UNKNOWN;
		}
		ids[n++] = id;
		begin = NULL;
	}
	*nids = n;
	return OUT_PARSE_OK;
}

struct libscols_table *out_table_new(const struct out_column *defs, const int *ids,
				     size_t nids, unsigned mode, const char *json_name)
{
	struct libscols_table *tb;
	size_t i;
	int rc = scols_load();

	if (rc < 0) {
		errno = -rc;
		return NULL;
	}
	if (!(tb = sc.new_table()))
		return NULL;
	sc.table_enable_raw(tb, !!(mode & OUT_RAW));
	sc.table_enable_json(tb, !!(mode & OUT_JSON));
	sc.table_enable_noheadings(tb, !!(mode & OUT_NOHEADINGS));
	if ((mode & OUT_JSON) && json_name)
		sc.table_set_name(tb, json_name);
	for (i = 0; i < nids; i++) {
		const struct out_column *c = &defs[ids[i]];
		struct libscols_column *cl = sc.table_new_column(tb, c->name, c->whint, c->flags);

		if (!cl) {
			sc.unref_table(tb);
			errno = ENOMEM;
			return NULL;
		}
		if ((mode & OUT_JSON) && c->json_type)
			sc.column_set_json_type(cl, c->json_type);
	}
	return tb;
}

/* The rest is only ever called with a table, so the library is loaded. */
struct libscols_line *out_table_new_line(struct libscols_table *tb)
{
	return sc.table_new_line(tb, NULL);
}

int out_line_set_data(struct libscols_line *ln, size_t i, const char *data)
{
	return sc.line_set_data(ln, i, data);
}

int out_table_print(struct libscols_table *tb)
{
	return sc.print_table(tb);
}

void out_table_free(struct libscols_table *tb)
{
	if (tb)
		sc.unref_table(tb);
}
