#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "output.h"

/* libsmartcols' functions, typed from its header (output.h says why). */
#define SCOLS_FN(name)	__typeof__(&scols_##name) name
static struct {
	void *lib;
	SCOLS_FN(new_table);
	SCOLS_FN(table_enable_raw);
	SCOLS_FN(table_enable_json);
	SCOLS_FN(table_enable_noheadings);
	SCOLS_FN(table_set_name);
	SCOLS_FN(table_new_column);
	SCOLS_FN(column_set_json_type);
	SCOLS_FN(table_new_line);
	SCOLS_FN(line_set_data);
	SCOLS_FN(print_table);
	SCOLS_FN(unref_table);
} sc;

/* 0 once the library is loaded, else -ELIBACC. */
static int scols_load(void)
{
	void *lib;

	if (sc.lib)
		return 0;
	lib = dlopen(SMARTCOLS_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return -ELIBACC;
#define SCOLS_LOAD(name) \
	if (!(sc.name = (__typeof__(sc.name))dlsym(lib, "scols_" #name))) \
		goto missing
	SCOLS_LOAD(new_table);
	SCOLS_LOAD(table_enable_raw);
	SCOLS_LOAD(table_enable_json);
	SCOLS_LOAD(table_enable_noheadings);
	SCOLS_LOAD(table_set_name);
	SCOLS_LOAD(table_new_column);
	SCOLS_LOAD(column_set_json_type);
	SCOLS_LOAD(table_new_line);
	SCOLS_LOAD(line_set_data);
	SCOLS_LOAD(print_table);
	SCOLS_LOAD(unref_table);
#undef SCOLS_LOAD
	sc.lib = lib;
	return 0;
missing:
	dlclose(lib);
	return -ELIBACC;
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
