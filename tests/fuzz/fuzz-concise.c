/*
 * dmsetup's concise format (common/dmtable.c: dm_concise_*): each device's
 * fields, and its table parsed as create --concise parses it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dmtable.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *spec = fuzz_string(data, size);
	struct dm_concise c;
	struct dm_concise_dev dev;
	int rc, n = 0;

	if (dm_concise_init(&c, spec) < 0)
		abort();
	while ((rc = dm_concise_next(&c, &dev)) == 1) {
		struct dm_table t;
		const char *type;
		int bad, f;

		for (f = 0; f < DM_CONCISE_FIELDS; f++)
			if (!dev.field[f] || strlen(dev.field[f]) > strlen(spec))
				abort();
		dm_table_parse(dev.field[DM_CONCISE_TABLE], &t, &bad, &type);
		dm_table_free(&t);
		if (++n > 100000)
			abort();	/* every device consumes input */
	}
	if (rc < 0) {
		if (!c.error || dev.nfields < 1 || dev.nfields > DM_CONCISE_FIELDS)
			abort();
		for (rc = 0; rc < dev.nfields; rc++)
			(void)strlen(dev.field[rc]);
	}
	dm_concise_free(&c);
	free(spec);
	return 0;
}
