#include "config.h"

#include <string.h>
#include <strings.h>

#include "output.h"

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
	struct libscols_table *tb = scols_new_table();
	size_t i;

	if (!tb)
		return NULL;
	scols_table_enable_raw(tb, !!(mode & OUT_RAW));
	scols_table_enable_json(tb, !!(mode & OUT_JSON));
	scols_table_enable_noheadings(tb, !!(mode & OUT_NOHEADINGS));
	if ((mode & OUT_JSON) && json_name)
		scols_table_set_name(tb, json_name);
	for (i = 0; i < nids; i++) {
		const struct out_column *c = &defs[ids[i]];
		struct libscols_column *cl = scols_table_new_column(tb, c->name, c->whint, c->flags);

		if (!cl) {
			scols_unref_table(tb);
			return NULL;
		}
		if ((mode & OUT_JSON) && c->json_type)
			scols_column_set_json_type(cl, c->json_type);
	}
	return tb;
}
