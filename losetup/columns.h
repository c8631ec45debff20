/* losetup's --list columns: the table and the cell formatting. */
#ifndef LOSETUP_COLUMNS_H
#define LOSETUP_COLUMNS_H

#include <stddef.h>

#include "loop.h"
#include "output.h"

enum {
	COL_NAME = 0,
	COL_AUTOCLR,
	COL_BACK_FILE,
	COL_BACK_INO,
	COL_BACK_MAJMIN,
	COL_BACK_MAJ,
	COL_BACK_MIN,
	COL_MAJMIN,
	COL_MAJ,
	COL_MIN,
	COL_OFFSET,
	COL_PARTSCAN,
	COL_REF,
	COL_RO,
	COL_SIZELIMIT,
	COL_DIO,
	COL_LOGSEC,
	COL_COUNT
};

extern const struct out_column losetup_columns[COL_COUNT];

/* The columns of a plain --list, in order. */
extern const int losetup_default_columns[8];

/*
 * Formats column id of st into buf; returns buf, or NULL for an empty cell.
 * raw_or_json drops the padding inside MAJ:MIN cells.
 */
const char *column_cell(int id, const struct loop_state *st, int raw_or_json,
			char *buf, size_t size);

/* What of a device (LOOP_READ_*) a column needs read beyond the status. */
unsigned column_reads(int id);

#endif
