#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <sys/sysmacros.h>

#include "columns.h"

const struct out_column losetup_columns[COL_COUNT] = {
	[COL_NAME]        = { "NAME",         0.25, 0, 0, "loop device name" },
	[COL_AUTOCLR]     = { "AUTOCLEAR",    1, SCOLS_FL_RIGHT, SCOLS_JSON_BOOLEAN, "autoclear flag set" },
	[COL_BACK_FILE]   = { "BACK-FILE",    0.3, SCOLS_FL_NOEXTREMES, 0, "device backing file" },
	[COL_BACK_INO]    = { "BACK-INO",     4, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "backing file inode number" },
	[COL_BACK_MAJMIN] = { "BACK-MAJ:MIN", 6, 0, 0, "backing file major:minor device number" },
	[COL_BACK_MAJ]    = { "BACK-MAJ",     6, 0, 0, "backing file major device number" },
	[COL_BACK_MIN]    = { "BACK-MIN",     6, 0, 0, "backing file minor device number" },
	[COL_MAJMIN]      = { "MAJ:MIN",      3, 0, 0, "loop device major:minor number" },
	[COL_MAJ]         = { "MAJ",          1, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "loop device major number" },
	[COL_MIN]         = { "MIN",          1, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "loop device minor number" },
	[COL_OFFSET]      = { "OFFSET",       5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "offset from the beginning" },
	[COL_PARTSCAN]    = { "PARTSCAN",     1, SCOLS_FL_RIGHT, SCOLS_JSON_BOOLEAN, "partscan flag set" },
	[COL_REF]         = { "REF",          0.1, 0, 0, "loop device reference string" },
	[COL_RO]          = { "RO",           1, SCOLS_FL_RIGHT, SCOLS_JSON_BOOLEAN, "read-only device" },
	[COL_SIZELIMIT]   = { "SIZELIMIT",    5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "size limit of the file in bytes" },
	[COL_DIO]         = { "DIO",          1, SCOLS_FL_RIGHT, SCOLS_JSON_BOOLEAN, "access backing file with direct-io" },
	[COL_LOGSEC]      = { "LOG-SEC",      4, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "logical sector size in bytes" },
};

const int losetup_default_columns[8] = {
	COL_NAME, COL_SIZELIMIT, COL_OFFSET, COL_AUTOCLR, COL_RO, COL_BACK_FILE,
	COL_DIO, COL_LOGSEC,
};

unsigned column_reads(int id)
{
	switch (id) {
	case COL_LOGSEC:
		return LOOP_READ_SECTOR;
	case COL_RO:
		return LOOP_READ_RO;
	}
	return 0;
}

static const char *flag_cell(const struct loop_state *st, uint32_t flag)
{
	return st->bound && (st->flags & flag) ? "1" : "0";
}

/*
 * "M:m"; in the table util-linux pads the major to width and the minor to 3
 * (width 0: no padding, for --raw and --json).  NULL for no device.
 */
static const char *devno_cell(dev_t dev, int width, char *buf, size_t size)
{
	if (!dev)
		return NULL;
	if (width)
		snprintf(buf, size, "%*u:%-3u", width, major(dev), minor(dev));
	else
		snprintf(buf, size, "%u:%u", major(dev), minor(dev));
	return buf;
}

const char *column_cell(int id, const struct loop_state *st, int raw_or_json,
			char *buf, size_t size)
{
	switch (id) {
	case COL_NAME:
		snprintf(buf, size, "%s%s", st->path, st->lost ? " (lost)" : "");
		return buf;
	case COL_AUTOCLR:
		return flag_cell(st, LO_FLAGS_AUTOCLEAR);
	case COL_RO:
		/* sysfs ro, as util-linux reads it: kept after a read-only detach */
		return st->read_only ? "1" : "0";
	case COL_DIO:
		return flag_cell(st, LO_FLAGS_DIRECT_IO);
	case COL_PARTSCAN:
		/*
		 * Without loop/partscan in sysfs (an unbound device) util-linux
		 * asks whether the kernel can scan partitions at all, which every
		 * kernel since 3.2 can.
		 */
		return st->bound ? flag_cell(st, LO_FLAGS_PARTSCAN) : "1";
	case COL_BACK_FILE:
		return st->bound ? st->backing_file : NULL;
	case COL_REF:
		return st->bound && st->has_status ? st->ref : NULL;
	case COL_OFFSET:
	case COL_SIZELIMIT:
		if (!st->bound)
			return NULL;
		/* signed, as util-linux prints it */
		snprintf(buf, size, "%jd", (intmax_t)(id == COL_OFFSET ? st->offset : st->sizelimit));
		return buf;
	case COL_BACK_INO:
		if (!st->bound || !st->has_status || !st->back_ino)
			return NULL;
		snprintf(buf, size, "%ju", (uintmax_t)st->back_ino);
		return buf;
	case COL_BACK_MAJMIN:
		if (!st->bound || !st->has_status)
			return NULL;
		return devno_cell(st->back_dev, raw_or_json ? 0 : 8, buf, size);
	case COL_BACK_MAJ:
	case COL_BACK_MIN:
		if (!st->bound || !st->has_status || !st->back_dev)
			return NULL;
		snprintf(buf, size, "%u", id == COL_BACK_MAJ ? major(st->back_dev) : minor(st->back_dev));
		return buf;
	case COL_MAJMIN:
		return devno_cell(st->devno, raw_or_json ? 0 : 3, buf, size);
	case COL_MAJ:
	case COL_MIN:
		if (!st->devno)
			return NULL;
		snprintf(buf, size, "%u", id == COL_MAJ ? major(st->devno) : minor(st->devno));
		return buf;
	case COL_LOGSEC:
		if (!st->has_sector)
			return NULL;
		snprintf(buf, size, "%jd", (intmax_t)st->sector_size);
		return buf;
	}
	return NULL;
}
