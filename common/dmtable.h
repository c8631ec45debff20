/* Device-mapper table text: the lines dmsetup create/load read. */
#ifndef LODM_DMTABLE_H
#define LODM_DMTABLE_H

#include <stddef.h>
#include <stdio.h>

#include "dm.h"

struct dm_table {
	struct dm_target *targets;	/* params point into text */
	size_t count, alloc;
	char *text;			/* owned copy of the table text */
};

/*
 * Parses table text: one target a line ("start length type params"), blank
 * lines and '#' comments skipped, surrounding white space trimmed.
 * Returns 0, -ENOMEM, or -EINVAL with *bad_line set to the 1-based line.
 */
int dm_table_parse(const char *text, struct dm_table *t, int *bad_line);
/* Reads all of f (bounded) into a string; -EFBIG past max bytes. */
int dm_table_read(FILE *f, size_t max, char **text);
void dm_table_free(struct dm_table *t);

#endif
