/*
 * Table text (common/dmtable.c): dmsetup create/load's lines, read as from a
 * file, parsed, their keys hidden as `table` shows them, and packed into a
 * DM_TABLE_LOAD request as dmsetup sends it.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm.h"
#include "dmtable.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dm_table t;
	struct dm_req r;
	char *text = NULL;
	const char *type = NULL;
	int bad = 0, rc;
	size_t i;
	FILE *f;

	/* dm_table_read: from a stream, bounded */
	if (!size || !(f = fmemopen((void *)data, size, "r")))
		return 0;
	if (dm_table_read(f, 1 << 20, &text) < 0) {
		fclose(f);
		return 0;
	}
	fclose(f);
	rc = dm_table_parse(text, &t, &bad, &type);
	if (rc < 0) {
		if (bad <= 0 || (rc == -ENAMETOOLONG && (!type || strlen(type) < DM_MAX_TYPE_NAME)))
			abort();
		dm_table_free(&t);
		free(text);
		return 0;
	}
	if (dm_req_init(&r, 0) < 0)
		abort();
	for (i = 0; i < t.count; i++) {
		char *p = strdup(t.targets[i].params);
		size_t len;

		if (!p)
			abort();
		len = strlen(p);
		dm_table_hide_keys(t.targets[i].type, p);
		if (strlen(p) != len)	/* hiding keeps the length */
			abort();
		free(p);
		if (dm_req_add_target(&r, &t.targets[i]) < 0)
			break;
	}
	dm_req_free(&r);
	dm_table_free(&t);
	free(text);
	return 0;
}
