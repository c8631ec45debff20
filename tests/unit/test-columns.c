/* Column lists (-O) and cell formatting, without any device. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "../../losetup/columns.h"
#include "unit.h"



static enum out_parse_result parse(const char *list, int *ids, size_t *n, const char **bad)
{
	return out_columns_parse(list, losetup_columns, COL_COUNT, ids, COL_COUNT * 2, n, bad);
}

int main(void)
{
	int ids[COL_COUNT * 2];
	size_t n = 0;
	const char *bad = NULL;
	struct loop_state st;
	char buf[64];

	CHECK(parse("NAME,RO", ids, &n, &bad) == OUT_PARSE_OK && n == 2 &&
	      ids[0] == COL_NAME && ids[1] == COL_RO, "NAME,RO");
	CHECK(parse("+back-file", ids, &n, &bad) == OUT_PARSE_OK && n == 3 &&
	      ids[2] == COL_BACK_FILE, "+back-file appends, any case");
	CHECK(parse("MAJ:MIN", ids, &n, &bad) == OUT_PARSE_OK && n == 1 &&
	      ids[0] == COL_MAJMIN, "a plain list replaces");
	CHECK(parse("BOGUS,NAME", ids, &n, &bad) == OUT_PARSE_UNKNOWN &&
	      !strcmp(bad, "BOGUS,NAME"), "unknown names the rest of the list");
	CHECK(parse("NAME,", ids, &n, &bad) == OUT_PARSE_UNKNOWN && !strcmp(bad, "NAME,"),
	      "a trailing comma stays in the name");
	CHECK(parse("NAME,,RO", ids, &n, &bad) == OUT_PARSE_INVALID, "empty item");
	CHECK(parse(",NAME", ids, &n, &bad) == OUT_PARSE_INVALID, "leading comma");
	CHECK(parse("", ids, &n, &bad) == OUT_PARSE_INVALID, "empty list");
	CHECK(parse("+", ids, &n, &bad) == OUT_PARSE_INVALID, "lone plus");
	{
		char many[512] = "";
		int i;

		for (i = 0; i < COL_COUNT * 2 + 1; i++)
			strcat(many, i ? ",RO" : "RO");
		CHECK(parse(many, ids, &n, &bad) == OUT_PARSE_INVALID, "too many columns");
	}
	CHECK(out_column_find(losetup_columns, COL_COUNT, "LOG-SECX", 7) == COL_LOGSEC,
	      "prefix length");
	CHECK(out_column_find(losetup_columns, COL_COUNT, "LOG", 3) < 0, "no prefix match");

	memset(&st, 0, sizeof(st));
	strcpy(st.path, "/dev/loop3");
	st.devno = makedev(7, 3);
	st.bound = st.has_status = st.has_sector = 1;
	st.back_dev = makedev(254, 0);
	st.back_ino = 1234;
	st.sizelimit = UINT64_MAX;
	st.sector_size = 4096;
	st.flags = LO_FLAGS_READ_ONLY | LO_FLAGS_PARTSCAN;
	st.read_only = 1;
	CHECK(!strcmp(column_cell(COL_MAJMIN, &st, 0, buf, sizeof(buf)), "  7:3  "), "MAJ:MIN padded");
	CHECK(!strcmp(column_cell(COL_MAJMIN, &st, 1, buf, sizeof(buf)), "7:3"), "MAJ:MIN raw");
	CHECK(!strcmp(column_cell(COL_BACK_MAJMIN, &st, 0, buf, sizeof(buf)), "     254:0  "),
	      "BACK-MAJ:MIN padded");
	CHECK(!strcmp(column_cell(COL_BACK_MAJMIN, &st, 1, buf, sizeof(buf)), "254:0"),
	      "BACK-MAJ:MIN json");
	CHECK(!strcmp(column_cell(COL_SIZELIMIT, &st, 0, buf, sizeof(buf)), "-1"),
	      "sizelimit printed signed, as util-linux does");
	CHECK(!strcmp(column_cell(COL_RO, &st, 0, buf, sizeof(buf)), "1"), "RO");
	CHECK(!strcmp(column_cell(COL_PARTSCAN, &st, 0, buf, sizeof(buf)), "1"), "PARTSCAN");
	CHECK(!strcmp(column_cell(COL_DIO, &st, 0, buf, sizeof(buf)), "0"), "DIO");
	CHECK(!strcmp(column_cell(COL_LOGSEC, &st, 0, buf, sizeof(buf)), "4096"), "LOG-SEC");
	st.lost = 1;
	CHECK(!strcmp(column_cell(COL_NAME, &st, 0, buf, sizeof(buf)), "/dev/loop3 (lost)"), "lost");
	st.bound = 0;
	CHECK(column_cell(COL_OFFSET, &st, 0, buf, sizeof(buf)) == NULL, "unbound offset empty");
	CHECK(column_cell(COL_BACK_FILE, &st, 0, buf, sizeof(buf)) == NULL, "unbound file empty");
	/* util-linux: sysfs ro, which a read-only detach leaves set; partscan
	 * without loop/partscan is "the kernel can" */
	CHECK(!strcmp(column_cell(COL_RO, &st, 0, buf, sizeof(buf)), "1"), "unbound RO from ro");
	st.flags = 0;
	st.read_only = 0;
	CHECK(!strcmp(column_cell(COL_RO, &st, 0, buf, sizeof(buf)), "0"), "unbound RO 0");
	CHECK(!strcmp(column_cell(COL_PARTSCAN, &st, 0, buf, sizeof(buf)), "1"), "unbound PARTSCAN");
	CHECK(!strcmp(column_cell(COL_AUTOCLR, &st, 0, buf, sizeof(buf)), "0"), "unbound AUTOCLEAR");

	return unit_finish("unit-columns");
}
