/*
 * Column lists.  losetup: -O/--output lists (common/output.c) against
 * losetup's columns.  dmsetup: the report engine (dmsetup/report.c and
 * select.c) with -o fields, -O sort keys and -S selections, on a spec shaped
 * like splitname's and info -c's (strings, numbers, sizes, lists), rows
 * added and printed (to /dev/null).
 *
 * Input: a flags byte, then the texts separated by NUL bytes: losetup (flag
 * bit 0 clear): the list; dmsetup: fields, sort keys, selection, separator.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "fuzz.h"
#include "output.h"
#include "report.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* the engine prints reports and help: not on the fuzzer's terminal
	 * (libFuzzer and the sanitizers keep their own stderr) */
	FILE *null = fopen("/dev/null", "w");

	if (!null || !freopen("/dev/null", "w", stdout))
		abort();
	stderr = null;
	return 0;
}

struct row {
	const char *name, *vg, *lv, *list;
	uint64_t num, size;
};

static int set_text(struct report_cell *c, const char *s)
{
	return (c->text = strdup(s)) ? 0 : -1;
}

static int set_num(struct report_cell *c, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	c->num = v;
	return set_text(c, buf);
}

#define ROW(o) ((const struct row *)(o))
static int get_name(void *o, struct report_cell *c) { return set_text(c, ROW(o)->name); }
static int get_vg(void *o, struct report_cell *c) { return set_text(c, ROW(o)->vg); }
static int get_lv(void *o, struct report_cell *c) { return set_text(c, ROW(o)->lv); }
static int get_list(void *o, struct report_cell *c) { return set_text(c, ROW(o)->list); }
static int get_num(void *o, struct report_cell *c) { return set_num(c, ROW(o)->num); }
static int get_size(void *o, struct report_cell *c) { return set_num(c, ROW(o)->size); }
static int get_bool(void *o, struct report_cell *c)
{
	c->num = ROW(o)->num & 1;
	return set_text(c, c->num ? "Suspended" : "Active");
}

static const struct report_section sections[] = {
	{ "Mapped Device Name", "name_" },
	{ "Mapped Device Information", "info_" },
	{ "Mapped Device Name Components", "splitname_" },
	{ "Mapped Device Statistics", "stats_" },
};

static const struct report_field fields[] = {
	{ "name", "Name", 0, RT_STRING, 16, "Name of mapped device.", get_name, RJ_BY_TYPE },
	{ "read_ahead", "RAhead", 0, RT_NUMBER, 6, "Read ahead value.", get_num, RJ_BY_TYPE },
	{ "suspended", "Suspended", 1, RT_STRING, 9, "Whether suspended.", get_bool, RJ_BOOL },
	{ "open", "Open", 1, RT_NUMBER, 4, "Open count.", get_num, RJ_BY_TYPE },
	{ "devs_used", "DevNamesUsed", 1, RT_STRING, 16, "Names used.", get_list, RJ_LIST },
	{ "vg_name", "VG", 2, RT_STRING, 4, "LVM Volume Group name.", get_vg, RJ_BY_TYPE },
	{ "lv_name", "LV", 2, RT_STRING, 4, "LVM Logical Volume name.", get_lv, RJ_BY_TYPE },
	{ "read_size", "RdSz", 3, RT_SIZE, 4, "Size read.", get_size, RJ_BY_TYPE },
	{ "no_getter", "None", 3, RT_NUMBER, 4, "Not filled.", NULL, RJ_BY_TYPE },
	{ NULL, NULL, 0, 0, 0, NULL, NULL, RJ_BY_TYPE }
};

static const struct report_spec spec = { sections, sizeof(sections) / sizeof(sections[0]), fields, 0 };

static const struct row rows[] = {
	{ "vg-lv", "vg", "lv", "a,b", 7, 4096 },
	{ "vg-lv_mlog", "vg", "lv_mlog", "", 0, 0 },
	{ "x", "", "", "x,y,z", 18446744073709551615u, 512 },
	{ "a b\"c'\\", "vg", "lv", "c", 3, 1 },
};

/* The NUL-separated texts of the input, NULL past the end. */
static const char *next_text(const char **p, const char *end)
{
	const char *s = *p;

	if (s >= end)
		return NULL;
	*p = s + strlen(s) + 1;
	return s;
}

static void fuzz_losetup(const char *list, unsigned flags)
{
	int ids[2 * COL_COUNT];
	size_t nids = flags & 2 ? 3 : 0, i;
	const char *bad = NULL;
	enum out_parse_result rc;

	ids[0] = ids[1] = ids[2] = 0;
	rc = out_columns_parse(list, losetup_columns, COL_COUNT, ids, flags & 4 ? COL_COUNT : 2 * COL_COUNT,
			       &nids, &bad);
	if (rc == OUT_PARSE_OK) {
		for (i = 0; i < nids; i++)
			if (ids[i] < 0 || ids[i] >= COL_COUNT)
				abort();
	} else if (rc == OUT_PARSE_UNKNOWN) {
		if (!bad || bad < list || bad > list + strlen(list))
			abort();
	}
}

static void fuzz_dmsetup(const char *fields_list, const char *sort, const char *selection,
			 const char *sep, unsigned flags)
{
	unsigned rflags = 0;
	struct report *r;
	size_t i;

	if (flags & 2)
		rflags |= REPORT_ALIGNED;
	if (flags & 4)
		rflags |= REPORT_HEADINGS;
	if (flags & 8)
		rflags |= REPORT_PREFIXES;
	if (flags & 16)
		rflags |= REPORT_UNQUOTED;
	if (flags & 32)
		rflags |= REPORT_ROWS;
	r = report_init(&spec, fields_list, sort, selection, rflags, sep ? sep : " ");
	if (!r)
		return;
	if (flags & 64)
		report_json(r, "fuzz");
	if (!report_done(r) && !report_field_without_getter(r)) {
		for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
			if (report_add(r, (void *)&rows[i]) < 0)
				break;
		report_output(r);
		fflush(stdout);
	}
	(void)report_uses_section(r, 2);
	(void)report_section_field(r, 1);
	(void)report_field_outside(r, 2);
	report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf;
	const char *p, *end, *a, *b, *c, *d;
	unsigned flags;

	if (!size)
		return 0;
	flags = data[0];
	/* the texts, each NUL-terminated, in a buffer of exactly their size */
	if (!(buf = malloc(size)))
		abort();
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	p = buf;
	end = buf + size - 1;
	if (end == buf)
		end++;	/* an empty text */
	a = next_text(&p, end);
	b = next_text(&p, end);
	c = next_text(&p, end);
	d = next_text(&p, end);
	if (flags & 1)
		fuzz_dmsetup(a, b, c, d, flags);
	else
		fuzz_losetup(a, flags);
	free(buf);
	return 0;
}
