/*
 * dm-stats messages, replies and model (common/dmstats*.c).  The replies
 * are the kernel's (6.1, Debian 12 VM) to regions made by lvm2 1.02.185's
 * dmstats, and the messages are what that dmstats sent (its -vvvv lines),
 * captured as tests/vm/run shows: dmstats create/group, dd oflag=direct,
 * dmsetup message DEV 0 @stats_list / @stats_print N.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/fiemap.h>

#include "dmstats.h"
#include "unit.h"

/* dmstats create ... (7 regions), group --alias grp --regions 0,1, group --regions 5,4 */
static const char LIST1[] =
	"0: 0+65536 65536 dmstats DMS_GROUP=grp:0-1#-\n"
	"1: 0+8192 2048 dmstats - precise_timestamps\n"
	"2: 8192+8192 2048 dmstats - precise_timestamps histogram:10000,1000000,1000000000\n"
	"3: 16384+4096 4096 dmstats - precise_timestamps histogram:1,5,10000000\n"
	"4: 20480+1000 1000 dmstats DMS_GROUP=:4-5#foo\n"
	"5: 21480+1000 1000 dmstats bar precise_timestamps\n"
	"6: 30000+100 100 myprog -\n";
/* after dd: 4x4k writes at 0, 8x4k writes at 8M, 8x4k reads at 8M+8k, 4x64k reads at 0 */
static const char PRINT1_0[] = "0+65536 12 10 576 16 12 10 96 12 0 28 28 16 12\n";
static const char PRINT1_1[] =
	"0+2048 4 3 512 1394815 4 3 32 5327359 0 5618175 5618175 1337820 4280355\n"
	"2048+2048 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
	"4096+2048 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
	"6144+2048 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
static const char PRINT1_2[] =
	"8192+2048 0 0 0 0 0 0 0 0 0 0 0 0 0 0:0:0:0\n"
	"10240+2048 0 0 0 0 0 0 0 0 0 0 0 0 0 0:0:0:0\n"
	"12288+2048 0 0 0 0 0 0 0 0 0 0 0 0 0 0:0:0:0\n"
	"14336+2048 0 0 0 0 0 0 0 0 0 0 0 0 0 0:0:0:0\n";
static const char PRINT1_3[] =
	"16384+4096 8 7 64 12277955 8 7 64 1749242 0 13890561 13890561 12213472 1677089 0:0:15:1\n";
/* @stats_print 1 1 2 */
static const char PRINT1_1_LINES[] =
	"2048+2048 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
	"4096+2048 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
/* on dm-zero: create --userdata foo --precise; bar; baz --bounds 1ms,2ms; qux (before grouping) */
static const char LIST2[] =
	"0: 0+65536 65536 dmstats foo precise_timestamps\n"
	"1: 0+65536 65536 dmstats bar\n"
	"2: 0+65536 65536 dmstats baz histogram:1,2\n"
	"3: 0+65536 65536 dmstats qux\n";
/* region 2 (ms clock, 3 bins) after 3 writes and 5 reads of 512 bytes */
static const char PRINT2_2[] = "0+65536 2 0 16 0 1 0 8 0 0 0 0 0 0 3:0:0\n";
/* @stats_set_aux 6 a\ b: an aux text with a blank */
static const char LINE_AUX_BLANK[] = "6: 30000+100 100 myprog a b";

static int feq(double a, double b)
{
	return fabs(a - b) <= 1e-9 * (fabs(a) > 1 ? fabs(a) : 1);
}

static void test_messages(void)
{
	char m[DMS_MSG_MAX];
	struct dms_create c = { 5, 7, -2, 1, "1000000", NULL, "u" };
	struct dms_create whole = { 0, 0, -1, 0, NULL, NULL, "" };

	/* dmstats create --precise --bounds 1ms --start 5 --length 7 --areas 2 --userdata u */
	CHECK(dms_msg_create(&c, m, sizeof(m)) > 0 &&
	      !strcmp(m, "@stats_create 5+7 /2 2 precise_timestamps histogram:1000000 dmstats u"),
	      "create: %s", m);
	CHECK(dms_msg_create(&whole, m, sizeof(m)) > 0 && !strcmp(m, "@stats_create - /1  dmstats "),
	      "create whole device: '%s'", m);
	whole.program_id = "";
	CHECK(dms_msg_create(&whole, m, sizeof(m)) > 0 && !strcmp(m, "@stats_create - /1  - "),
	      "create with no program id (--programid \"\" --force): '%s'", m);
	c.precise = 0;
	c.hist_arg = NULL;
	c.step = 2048;
	c.program_id = "myprog";
	CHECK(dms_msg_create(&c, m, sizeof(m)) > 0 && !strcmp(m, "@stats_create 5+7 2048  myprog u"),
	      "create area size: '%s'", m);
	c.precise = 1;
	CHECK(dms_msg_create(&c, m, sizeof(m)) > 0 &&
	      !strcmp(m, "@stats_create 5+7 2048 1 precise_timestamps  myprog u"), "precise only: '%s'", m);
	c.precise = 0;
	c.hist_arg = "1,2";
	CHECK(dms_msg_create(&c, m, sizeof(m)) > 0 &&
	      !strcmp(m, "@stats_create 5+7 2048 1  histogram:1,2 myprog u"), "histogram only: '%s'", m);
	CHECK(dms_msg_list("dmstats", m, sizeof(m)) > 0 && !strcmp(m, "@stats_list dmstats"), "%s", m);
	CHECK(dms_msg_list("", m, sizeof(m)) > 0 && !strcmp(m, "@stats_list "), "list all");
	CHECK(dms_msg_delete(1, m, sizeof(m)) > 0 && !strcmp(m, "@stats_delete 1"), "%s", m);
	CHECK(dms_msg_clear(3, m, sizeof(m)) > 0 && !strcmp(m, "@stats_clear 3"), "%s", m);
	CHECK(dms_msg_print(2, 0, 0, 0, m, sizeof(m)) > 0 && !strcmp(m, "@stats_print 2 "), "'%s'", m);
	CHECK(dms_msg_print(2, 1, 2, 1, m, sizeof(m)) > 0 && !strcmp(m, "@stats_print_clear 2 1 2"),
	      "'%s'", m);
	CHECK(dms_msg_set_aux(0, "DMS_GROUP=:0-1", "foo", m, sizeof(m)) > 0 &&
	      !strcmp(m, "@stats_set_aux 0 DMS_GROUP=:0-1#foo "), "'%s'", m);
	CHECK(dms_msg_set_aux(2, NULL, "", m, sizeof(m)) > 0 && !strcmp(m, "@stats_set_aux 2 - "),
	      "'%s'", m);
	CHECK(dms_msg_list("dmstats", m, 10) == -EMSGSIZE, "too small a buffer");
	{
		char big[DMS_MSG_MAX + 10];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		CHECK(dms_msg_list(big, m, sizeof(m)) == -EMSGSIZE, "past libdm's 1024 bytes");
	}
}

static void test_request(void)
{
	struct dm_req r;
	const struct dm_target_msg *tm;

	CHECK(dm_req_init(&r, 0) == 0, "init");
	CHECK(dm_req_set_id(&r, &(struct dm_id){ DM_ID_NAME, "st1", NULL, 0 }) == 0, "name");
	CHECK(dms_req_message(&r, "@stats_list dmstats") == 0, "message");
	tm = (const struct dm_target_msg *)((const char *)r.io + sizeof(*r.io));
	CHECK(tm->sector == 0 && !strcmp(tm->message, "@stats_list dmstats"), "sector 0 and the text");
	CHECK(r.used == sizeof(*r.io) + sizeof(*tm) + strlen("@stats_list dmstats") + 1, "size");
	dm_req_free(&r);
}

static void test_idset(void)
{
	struct dms_idset s;
	char buf[64];

	CHECK(dms_idset_parse("1,3,5-7", &s) == 0 && s.n == 5 && s.ids[0] == 1 && s.ids[2] == 5 &&
	      s.ids[4] == 7 && s.nbits == 8, "list and range");
	CHECK(dms_idset_format(&s, buf, sizeof(buf)) > 0 && !strcmp(buf, "1,3,5-7"), "%s", buf);
	dms_idset_free(&s);
	CHECK(dms_idset_parse("5,4", &s) == 0 && s.n == 2 && s.ids[0] == 4 && s.nbits == 6, "sorted");
	CHECK(dms_idset_format(&s, buf, sizeof(buf)) > 0 && !strcmp(buf, "4-5"), "%s", buf);
	dms_idset_free(&s);
	CHECK(dms_idset_parse(" 0 , 2,, 1 ", &s) == 0 && s.n == 3, "blanks around items, empty items");
	CHECK(dms_idset_format(&s, buf, sizeof(buf)) > 0 && !strcmp(buf, "0-2"), "%s", buf);
	CHECK(dms_idset_format(&s, buf, 3) == -ENOSPC, "no room");
	dms_idset_free(&s);
	CHECK(dms_idset_parse("", &s) == 0 && s.n == 0 && s.nbits == 0, "empty");
	CHECK(dms_idset_format(&s, buf, sizeof(buf)) == -EINVAL, "empty set has no text");
	CHECK(dms_idset_parse("1 2", &s) == -EINVAL, "blank inside an item");
	CHECK(dms_idset_parse("3-1", &s) == -EINVAL, "range downwards");
	CHECK(dms_idset_parse("1-", &s) == -EINVAL, "range without an end");
	CHECK(dms_idset_parse("-1", &s) == -EINVAL, "range without a start");
	CHECK(dms_idset_parse("1-2-3", &s) == -EINVAL, "two dashes");
	CHECK(dms_idset_parse("1a", &s) == -EINVAL, "letter");
	CHECK(dms_idset_parse("4294967296", &s) == -ERANGE, "past unsigned int");
	CHECK(dms_idset_parse("0-65536", &s) == -E2BIG, "too many ids");
	CHECK(dms_idset_parse("0-65535", &s) == 0 && s.n == 65536, "65536 ids");
	dms_idset_free(&s);
	CHECK(dms_idset_parse("2", &s) == 0 && dms_idset_add(&s, 0) == 0 && dms_idset_add(&s, 2) == 0 &&
	      s.n == 2 && s.ids[0] == 0 && dms_idset_has(&s, 2) && !dms_idset_has(&s, 1), "add");
	dms_idset_free(&s);
}

static void test_aux(void)
{
	struct dms_aux a;
	char buf[64];

	CHECK(dms_aux_parse("DMS_GROUP=grp:0-1#-", 0, &a) == 0 && a.has_group && !strcmp(a.alias, "grp") &&
	      a.members.n == 2 && !strcmp(a.user_data, ""), "group with alias, no user data");
	CHECK(dms_group_tag(a.alias, &a.members, buf, sizeof(buf)) > 0 && !strcmp(buf, "DMS_GROUP=grp:0-1"),
	      "tag %s", buf);
	dms_aux_free(&a);
	CHECK(dms_aux_parse("DMS_GROUP=:4-5#foo", 4, &a) == 0 && a.has_group && !a.alias &&
	      !strcmp(a.user_data, "foo"), "group without alias, user data");
	CHECK(dms_group_tag(NULL, &a.members, buf, sizeof(buf)) > 0 && !strcmp(buf, "DMS_GROUP=:4-5"),
	      "tag %s", buf);
	dms_aux_free(&a);
	CHECK(dms_aux_parse("DMS_GROUP=grp:0-1#-", 1, &a) == -EXDEV && !a.has_group &&
	      !strcmp(a.user_data, "DMS_GROUP=grp"), "a descriptor of another region: %s", a.user_data);
	dms_aux_free(&a);
	CHECK(dms_aux_parse("DMS_GROUP=grp", 0, &a) == -EINVAL && !strcmp(a.user_data, "DMS_GROUP=grp"),
	      "no ':'");
	dms_aux_free(&a);
	CHECK(dms_aux_parse("DMS_GROUP=g:x#u", 0, &a) == -EBADMSG && !strcmp(a.user_data, "DMS_GROUP=g"),
	      "bad members");
	dms_aux_free(&a);
	CHECK(dms_aux_parse("DMS_GROUP=g:#u", 0, &a) == -EXDEV && !strcmp(a.user_data, "DMS_GROUP=g"),
	      "no members");
	dms_aux_free(&a);
	CHECK(dms_aux_parse("DMS_GROUP=g:0", 0, &a) == 0 && !strcmp(a.user_data, ""), "no '#'");
	dms_aux_free(&a);
	CHECK(dms_aux_parse("DMS_GROUP=g:0#-x", 0, &a) == 0 && !strcmp(a.user_data, "-x"), "user data -x");
	dms_aux_free(&a);
	CHECK(dms_aux_parse("-", 0, &a) == 0 && !a.has_group && !strcmp(a.user_data, ""), "none");
	dms_aux_free(&a);
	CHECK(dms_aux_parse("-abc", 0, &a) == 0 && !strcmp(a.user_data, ""), "libdm: '-' first is none");
	dms_aux_free(&a);
	CHECK(dms_aux_parse("foo", 0, &a) == 0 && !a.has_group && !strcmp(a.user_data, "foo"), "user only");
	dms_aux_free(&a);
}

static void test_bounds(void)
{
	struct dms_bounds b;
	enum dms_bounds_error e;
	const char *at;
	char buf[128];
	int precise;
	static const char *bad = "1x,2";

	CHECK(dms_bounds_parse("10us,1ms,1s", &b, &e, &at) == 0 && b.nr_bins == 3 && b.upper[0] == 10000 &&
	      b.upper[1] == 1000000 && b.upper[2] == 1000000000, "units");
	precise = 0;
	CHECK(dms_bounds_arg(&b, &precise, buf, sizeof(buf)) > 0 && precise &&
	      !strcmp(buf, "10000,1000000,1000000000"), "argument in ns: %s", buf);
	dms_bounds_free(&b);
	/* the unit of one value stays for the next ones; none yet is ns */
	CHECK(dms_bounds_parse("1,5,10ms", &b, &e, &at) == 0 && b.upper[0] == 1 && b.upper[1] == 5 &&
	      b.upper[2] == 10000000, "ns until a unit");
	precise = 0;
	CHECK(dms_bounds_arg(&b, &precise, buf, sizeof(buf)) > 0 && precise && !strcmp(buf, "1,5,10000000"),
	      "%s", buf);
	dms_bounds_free(&b);
	CHECK(dms_bounds_parse("1ms,2", &b, &e, &at) == 0 && b.upper[1] == 2000000, "ms kept");
	precise = 0;
	CHECK(dms_bounds_arg(&b, &precise, buf, sizeof(buf)) > 0 && !precise && !strcmp(buf, "1,2"),
	      "whole ms: no precise, in ms: %s", buf);
	precise = 1;
	CHECK(dms_bounds_arg(&b, &precise, buf, sizeof(buf)) > 0 && !strcmp(buf, "1000000,2000000"),
	      "--precise: in ns: %s", buf);
	dms_bounds_free(&b);
	CHECK(dms_bounds_parse("ms,1s", &b, &e, &at) == 0 && b.upper[0] == 0 && b.upper[1] == 1000000000,
	      "a unit without digits is 0");
	dms_bounds_free(&b);
	CHECK(dms_bounds_parse(bad, &b, &e, &at) == -EINVAL && e == DMS_BOUNDS_BAD_CHAR && at == bad + 1,
	      "Invalid character in histogram: x");
	CHECK(dms_bounds_parse("", &b, &e, &at) == -EINVAL && e == DMS_BOUNDS_BAD_CHAR && !*at, "empty");
	CHECK(dms_bounds_parse("1m", &b, &e, &at) == -EINVAL && e == DMS_BOUNDS_BAD_CHAR && *at == 'm',
	      "m without s");
	CHECK(dms_bounds_parse("1xs", &b, &e, &at) == -EINVAL && *at == 'x', "unknown unit");
	CHECK(dms_bounds_parse("a", &b, &e, &at) == -EINVAL && *at == 'a', "not a number");
	CHECK(dms_bounds_parse("s1ms,2", &b, &e, &at) == -EINVAL && e == DMS_BOUNDS_BAD_CHAR && *at == '2',
	      "more values than commas: the extra one");
	CHECK(dms_bounds_parse(",1", &b, &e, &at) == -EINVAL && e == DMS_BOUNDS_EMPTY_BIN, "empty bin");
	CHECK(dms_bounds_parse("1,,,2", &b, &e, &at) == -EINVAL && e == DMS_BOUNDS_EMPTY_BIN, "3 commas");
	/* a trailing comma leaves a 0 bin: the order check refuses it (the reference's message) */
	CHECK(dms_bounds_parse("1,", &b, &e, &at) == 0 && b.nr_bins == 2 && b.upper[1] == 0, "1,");
	precise = 0;
	CHECK(dms_bounds_arg(&b, &precise, buf, sizeof(buf)) == -EDOM, "not ascending");
	dms_bounds_free(&b);
	CHECK(dms_bounds_parse("1,,2", &b, &e, &at) == 0 && b.nr_bins == 3 && b.upper[1] == 2 &&
	      b.upper[2] == 0, "two commas are one, the bin left 0");
	dms_bounds_free(&b);
	CHECK(dms_bounds_parse("99999999999999999999", &b, &e, &at) == 0 && b.upper[0] == UINT64_MAX,
	      "saturates as strtoull");
	dms_bounds_free(&b);
	b.nr_bins = 0;
	CHECK(dms_bounds_arg(&b, &precise, buf, sizeof(buf)) == -ENODATA, "no bins");
	CHECK(dms_bounds_parse("1,2,3", &b, &e, &at) == 0, "1,2,3");
	precise = 1;
	CHECK(dms_bounds_arg(&b, &precise, buf, 4) == -ENOSPC, "no room");
	dms_bounds_free(&b);
}

/* the list's model, and the counters of region 0, 1 and 3 */
static void test_list_print(void)
{
	struct dms s;
	struct dms_list_note note;
	const struct dms_region *r;
	struct dms_counters c;
	char buf[256];
	double v;

	dms_init(&s);
	CHECK(dms_parse_list(LIST1, &s, &note) == 0, "list");
	CHECK(s.nr_regions == 7 && s.nr_slots == 7 && dms_nr_groups(&s) == 2, "7 regions, 2 groups");
	CHECK(!note.nr_bad && note.missing_group == DMS_NONE, "no notes");
	r = &s.regions[0];
	CHECK(r->start == 0 && r->len == 65536 && r->step == 65536 && r->nr_areas == 1 &&
	      r->timescale == DMS_NSEC_PER_MSEC && !strcmp(r->program_id, "dmstats") &&
	      !strcmp(r->aux_data, "") && r->group_id == 0, "region 0");
	CHECK(!strcmp(s.groups[0].alias, "grp") && s.groups[0].members.n == 2 && s.regions[1].group_id == 0,
	      "group 0");
	r = &s.regions[1];
	CHECK(r->nr_areas == 4 && r->timescale == 1 && !r->bounds.nr_bins, "region 1: 4 areas, precise");
	r = &s.regions[2];
	CHECK(r->bounds.nr_bins == 4 && r->bounds.upper[0] == 10000 && r->bounds.upper[2] == 1000000000 &&
	      r->bounds.upper[3] == UINT64_MAX && r->group_id == DMS_NONE, "region 2: 4 bins");
	CHECK(dms_histogram_format(&r->bounds, NULL, -1, 0, DMS_HIST_BOUNDS_LOWER | DMS_HIST_SUFFIX, buf,
				   sizeof(buf)) > 0 && !strcmp(buf, "0s,10us,1ms,1s"),
	      "list --histogram's bounds: %s", buf);
	r = &s.regions[3];
	CHECK(dms_histogram_format(&r->bounds, NULL, -1, 0, DMS_HIST_BOUNDS_LOWER | DMS_HIST_SUFFIX, buf,
				   sizeof(buf)) > 0 && !strcmp(buf, "0s,1ns,5ns,10ms"), "%s", buf);
	CHECK(s.groups[4].id == 4 && !s.groups[4].alias && s.regions[5].group_id == 4 &&
	      !strcmp(s.regions[4].aux_data, "foo"), "group 4, no alias, leader's user data");
	/* 1.02.185 shows "ba" here (it cuts a character when options follow): upstream's reading */
	CHECK(!strcmp(s.regions[5].aux_data, "bar") && s.regions[5].timescale == 1, "user data and precise");
	CHECK(!strcmp(s.regions[6].program_id, "myprog"), "program id");
	CHECK(dms_group_len(&s, 0) == 65536 + 8192 && dms_group_len(&s, 4) == 2000, "group lengths");
	CHECK(dms_area_start(&s.regions[1], 2) == 4096 && dms_area_offset(&s.regions[1], 2) == 4096 &&
	      dms_area_len(&s.regions[1]) == 2048, "areas");

	CHECK(dms_sum_region(&s, 0, &c) == -ENOENT, "no counters before print");
	CHECK(dms_parse_print(PRINT1_0, &s, 0) == 0 && dms_parse_print(PRINT1_1, &s, 1) == 0 &&
	      dms_parse_print(PRINT1_2, &s, 2) == 0 && dms_parse_print(PRINT1_3, &s, 3) == 0, "print");
	r = &s.regions[0];
	/* a millisecond clock: times scaled to ns */
	CHECK(r->areas[0].c[DMS_READS] == 12 && r->areas[0].c[DMS_READ_NSECS] == 16000000 &&
	      r->areas[0].c[DMS_IO_IN_PROGRESS] == 0 && r->areas[0].c[DMS_TOTAL_WRITE_NSECS] == 12000000,
	      "region 0 counters");
	r = &s.regions[1];
	CHECK(r->nr_areas == 4 && r->areas[0].c[DMS_READ_NSECS] == 1394815 && r->areas[3].c[DMS_WRITES] == 0 &&
	      r->step == 2048 && r->len == 8192, "region 1: 4 areas in ns");
	r = &s.regions[3];
	CHECK(r->areas[0].hist && r->areas[0].hist[2] == 15 && r->areas[0].hist[3] == 1, "histogram 0:0:15:1");
	CHECK(dms_histogram_format(&r->bounds, r->areas[0].hist, -1, -1, DMS_HIST_VALUES, buf, sizeof(buf)) > 0 &&
	      !strcmp(buf, "0:0:15:1"), "counts: %s", buf);
	CHECK(dms_histogram_format(&r->bounds, r->areas[0].hist, -1, -1,
				   DMS_HIST_VALUES | DMS_HIST_BOUNDS_LOWER | DMS_HIST_SUFFIX, buf,
				   sizeof(buf)) > 0 && !strcmp(buf, "0s:0:1ns:0:5ns:15:10ms:1"), "--noheadings: ':' throughout: %s", buf);
	CHECK(dms_histogram_format(&r->bounds, r->areas[0].hist, -1, 0,
				   DMS_HIST_VALUES | DMS_HIST_BOUNDS_RANGE | DMS_HIST_SUFFIX, buf,
				   sizeof(buf)) > 0 && !strcmp(buf, "0s-1ns:     0,1ns-5ns:    0,5ns-10ms:  15, >10ms:     1"),
	      "ranges: '%s'", buf);
	CHECK(dms_make_percent(3, 2) == 150000000 && dms_make_percent(100, 2) == INT32_MAX && dms_make_percent(1, 0) == 100000000 &&
	      dms_make_percent(0, 5) == 0 && dms_make_percent(1, 1000000000000ull) == 1 &&
	      dms_make_percent(999999999999ull, 1000000000000ull) == 99999999, "percent edges");
	CHECK(dms_bin_percent(&r->bounds, r->areas[0].hist, 2) == 93750000 &&
	      dms_histogram_format(&r->bounds, r->areas[0].hist, 2, -1, DMS_HIST_PERCENT, buf, sizeof(buf)) > 0 &&
	      !strcmp(buf, "93.75%"), "percent: %s", buf);

	/* the group row of dmstats report (interval 1 s): R/s 16.00, RSz/s 544.00k, AvgRqSz 19.00k,
	 * QSize 0.03, Util% 3.36, AWait 1.09, RdAWait 1.09, WrAWait 1.08 */
	CHECK(dms_sum_group(&s, 0, &c) == 0 && c.c[DMS_READS] == 16 && c.c[DMS_READ_SECTORS] == 1088, "group sum");
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_READS_PER_SEC, &v) == 0 && feq(v, 16), "r/s %g", v);
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_READ_SECTORS_PER_SEC, &v) == 0 && feq(v, 1088), "rsec/s %g", v);
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_AVERAGE_REQUEST_SIZE, &v) == 0 && feq(v, 38), "avgrqsz %g", v);
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_AVERAGE_QUEUE_SIZE, &v) == 0 && feq(v, 0.033618175),
	      "avgqusz %g", v);
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_UTILIZATION, &v) == 0 && feq(v, 0.033618175), "util %g", v);
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_AVERAGE_WAIT_TIME, &v) == 0 && feq(v, 34722174.0 / 32),
	      "await %g", v);
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_AVERAGE_RD_WAIT_TIME, &v) == 0 && feq(v, 17394815.0 / 16) &&
	      v / 1e6 >= 1.085 && v / 1e6 < 1.095, "r_await %g", v);
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_AVERAGE_WR_WAIT_TIME, &v) == 0 && feq(v, 17327359.0 / 16) &&
	      v / 1e6 >= 1.075 && v / 1e6 < 1.085, "w_await %g", v);
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_THROUGHPUT, &v) == 0 && feq(v, 32), "tput %g", v);
	/* libdm: merges over the interval in ns, not per second */
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_RD_MERGES_PER_SEC, &v) == 0 && feq(v, 13 / 1e9), "rrqm %g", v);
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_WR_MERGES_PER_SEC, &v) == 0 && feq(v, 13 / 1e9), "wrqm %g", v);
	/* util 3.36% goes into libdm's percent as 3, so svctm = 1e9 * 3e-6 / (100 * 32) */
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_SERVICE_TIME, &v) == 0 && fabs(v - 0.9375) < 1e-6,
	      "svctm %g", v);
	{
		int32_t pct;

		/* libdm: dm_make_percent((uint64_t)(1000000 * util), 1000000) */
		pct = -1;
		CHECK(dms_utilization_percent(&c, DMS_NSEC_PER_SEC, &pct) == 0, "util percent");
		CHECK(pct == 3361800, "util%% %d", pct);
	}
	CHECK(dms_metric(&c, 0, DMS_THROUGHPUT, &v) == -EINVAL && v == 0, "no interval");
	CHECK(dms_metric(&c, 1, DMS_NR_METRICS, &v) == -EINVAL, "no such metric");
	dms_counters_release(&c);
	/* area 0 of region 0: R/s 12.00, AWait 1.17, RdAWait 1.33, WrAWait 1.00 */
	CHECK(dms_sum_area(&s, 0, 0, &c) == 0, "area sum");
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_AVERAGE_WAIT_TIME, &v) == 0 && feq(v, 28e6 / 24), "%g", v);
	CHECK(dms_metric(&c, DMS_NSEC_PER_SEC, DMS_AVERAGE_RD_WAIT_TIME, &v) == 0 && feq(v, 16e6 / 12), "%g", v);
	dms_counters_release(&c);
	CHECK(dms_sum_area(&s, 1, 4, &c) == -ENOENT, "no area 4");
	CHECK(dms_sum_region(&s, 3, &c) == 0 && c.hist && c.hist[2] == 15, "region sum with histogram");
	dms_counters_release(&c);
	CHECK(dms_sum_region(&s, 1, &c) == 0 && c.c[DMS_READS] == 4 && c.c[DMS_IO_NSECS] == 5618175, "region 1");
	{
		struct dms_counters before = c, d = { { 0 }, NULL };

		before.c[DMS_READS] = 1;
		before.c[DMS_IO_IN_PROGRESS] = 9;
		dms_counters_delta(&c, &before, 0, &d);
		CHECK(d.c[DMS_READS] == 3 && d.c[DMS_IO_IN_PROGRESS] == 0 && d.c[DMS_WRITES] == 0, "delta");
	}
	dms_counters_release(&c);

	/* print with lines: the region's geometry becomes the lines' */
	CHECK(dms_parse_print(PRINT1_1_LINES, &s, 1) == 0 && s.regions[1].nr_areas == 2 &&
	      s.regions[1].start == 2048 && s.regions[1].len == 4096, "print 1 1 2");
	CHECK(dms_parse_print(PRINT1_1, &s, 7) == -ENOENT, "no region 7");
	CHECK(dms_parse_print("", &s, 1) == -EPROTO, "no line");
	CHECK(dms_parse_print(PRINT1_0, &s, 2) == -EPROTO, "histogram missing");
	CHECK(dms_parse_print(PRINT1_2, &s, 0) == -EPROTO, "histogram not expected");
	CHECK(s.regions[0].areas[0].c[DMS_READS] == 12, "a failed parse keeps the counters");
	dms_free(&s);
	CHECK(s.nr_slots == 0 && !s.regions, "freed");

	CHECK(dms_parse_list("", &s, &note) == 0 && s.nr_regions == 0, "no regions");
	CHECK(dms_parse_list(NULL, &s, NULL) == -EPROTO, "no reply");
	dms_free(&s);

	CHECK(dms_parse_list(LIST2, &s, NULL) == 0 && dms_parse_print(PRINT2_2, &s, 2) == 0, "list 2");
	r = &s.regions[2];
	CHECK(r->bounds.nr_bins == 3 && r->bounds.upper[0] == 1000000 && r->areas[0].hist[0] == 3 &&
	      r->areas[0].c[DMS_READS] == 2 && r->areas[0].c[DMS_READ_SECTORS] == 16, "ms histogram");
	dms_free(&s);
}

static void test_lines(void)
{
	struct dms_list_line l;
	uint64_t start, len, c[DMS_NR_COUNTERS], h[4];
	struct dms_bounds b;
	struct dms s;
	struct dms_list_note note;
	static const char *bad_lists[] = {
		"0: 0+65536 65536 dmstats\n",		/* no aux */
		"0:0+65536 65536 dmstats -\n",
		"0: 0+65536 65536 dmstats -  precise_timestamps\n",
		"x: 0+1 1 a -\n",
		"0: 0+1 1 a -\n0: 0+1 1 a -\n",		/* twice */
		"0: 18446744073709551616+1 1 a -\n",	/* past 64 bits */
		"0: 0+1 1 a - histogram:1,,2\n",
		"0: 0+1 1 a - histogram:1,x\n",
		"262144: 0+1 1 a -\n",		/* an id no kernel gives */
	};
	size_t i;

	CHECK(dms_parse_list_line(LINE_AUX_BLANK, strlen(LINE_AUX_BLANK), &l) == 0 && l.aux_len == 1 &&
	      *l.aux == 'a' && !l.precise && !l.histogram, "aux with a blank: the first word, as libdm");
	CHECK(dms_parse_list_line("2: 8192+8192 2048 dmstats - precise_timestamps histogram:10,20", 62, &l) == 0 &&
	      l.region_id == 2 && l.start == 8192 && l.len == 8192 && l.step == 2048 && l.precise &&
	      l.histogram_len == 5 && !memcmp(l.histogram, "10,20", 5), "options");
	CHECK(dms_parse_histogram_spec("10,20", 5, DMS_NSEC_PER_MSEC, &b) == 0 && b.nr_bins == 3 &&
	      b.upper[1] == 20000000 && b.upper[2] == UINT64_MAX, "spec in ms");
	dms_bounds_free(&b);
	CHECK(dms_parse_histogram_spec("18446744073709551615", 20, DMS_NSEC_PER_MSEC, &b) == -EPROTO,
	      "overflow when scaled");
	dms_init(&s);
	for (i = 0; i < sizeof(bad_lists) / sizeof(*bad_lists); i++)
		CHECK(dms_parse_list(bad_lists[i], &s, &note) < 0 && s.nr_slots == 0, "bad list %zu", i);
	CHECK(dms_parse_list("0: 0+1 1 a DMS_GROUP=x:0-3#-\n2: 1+1 1 a -\n3: 2+1 1 a -\n", &s, &note) == 0 &&
	      s.groups[0].members.n == 3, "group 0's missing members: not told (libdm's loop)");
	CHECK(note.missing_group == DMS_NONE && s.regions[3].group_id == 0, "members");
	dms_free(&s);
	CHECK(dms_parse_list("1: 0+1 1 a DMS_GROUP=x:1-3#-\n3: 2+1 1 a -\n", &s, &note) == 0 &&
	      s.groups[1].members.n == 2 && note.missing_group == 1 && note.missing_region == 2,
	      "a missing member is noted and dropped");
	dms_free(&s);
	CHECK(dms_parse_list("1: 0+1 1 a DMS_GROUP=x:0-1#u\n", &s, &note) == 0 && !dms_nr_groups(&s) &&
	      note.nr_bad == 1 && note.bad[0].region == 1 && note.bad[0].error == -EXDEV &&
	      !strcmp(note.bad[0].user_data, "DMS_GROUP=x") &&
	      !strcmp(s.regions[1].aux_data, "DMS_GROUP=x"), "a foreign descriptor is noted");
	dms_list_note_free(&note);
	dms_free(&s);
	CHECK(dms_parse_list("0: 0+1 1 a DMS_GROUP=foo\n1: 1+1 1 a DMS_GROUP=bar:0-1#u\n2: 2+1 1 a DMS_GROUP=baz:x\n",
			     &s, &note) == 0 && note.nr_bad == 3 && note.bad[0].region == 0 &&
	      note.bad[0].error == -EINVAL && note.bad[1].error == -EXDEV && note.bad[2].region == 2 &&
	      note.bad[2].error == -EBADMSG, "every bad descriptor is noted, in order");
	dms_list_note_free(&note);
	dms_free(&s);

	CHECK(dms_parse_print_line("0+8 1 2 3 4 5 6 7 8 9 10 11 12 13", 33, 1, 0, &start, &len, c, NULL) == 0 &&
	      start == 0 && len == 8 && c[0] == 1 && c[12] == 13, "print line");
	CHECK(dms_parse_print_line("0+8 1 2 3 4 5 6 7 8 9 10 11 12", 30, 1, 0, &start, &len, c, NULL) == -EPROTO,
	      "12 counters");
	CHECK(dms_parse_print_line("0+8 1 2 3 4 5 6 7 8 9 10 11 12 13 ", 34, 1, 0, &start, &len, c, NULL) ==
	      -EPROTO, "trailing blank");
	CHECK(dms_parse_print_line("0+8 1 2 3 4 5 6 7 8 9 10 11 12 13 1:2", 37, 1, 3, &start, &len, c, h) ==
	      -EPROTO, "2 of 3 bins");
	CHECK(dms_parse_print_line("0+8 1 2 3 4 5 6 7 8 9 10 11 12 13 1:2:3:4", 41, 1, 3, &start, &len, c, h) ==
	      -EPROTO, "4 of 3 bins");
	CHECK(dms_parse_print_line("0+8 1 2 3 4 5 6 7 8 9 10 11 12 13 1:2:3", 39, 1, 3, &start, &len, c, h) == 0 &&
	      h[2] == 3, "3 bins");
	CHECK(dms_parse_print_line("0+8 -1 2 3 4 5 6 7 8 9 10 11 12 13", 34, 1, 0, &start, &len, c, NULL) ==
	      -EPROTO, "a sign");

	{
		uint64_t id;

		CHECK(dms_parse_create_reply("7", &id) == 0 && id == 7, "create reply");
		CHECK(dms_parse_create_reply("", &id) == -EPROTO && dms_parse_create_reply(NULL, &id) == -EPROTO,
		      "empty create reply");
	}
}

static void test_groups(void)
{
	struct dms s;
	struct dms_idset m;
	struct dms_group_check chk;
	char msg[DMS_MSG_MAX];
	uint64_t gid;

	dms_init(&s);
	CHECK(dms_idset_parse("0,1", &m) == 0, "members");
	CHECK(dms_group_check(&s, &m, &chk) == -ENODATA, "no regions");
	CHECK(dms_parse_list(LIST1, &s, NULL) == 0, "list 1");
	CHECK(dms_group_check(&s, &m, &chk) == -EBUSY && chk.region == 0 && chk.group == 0, "already grouped");
	dms_idset_free(&m);
	CHECK(dms_idset_parse("2,3", &m) == 0 && dms_group_check(&s, &m, &chk) == -EDOM && chk.region == 3,
	      "All region histogram bounds must match exactly");
	dms_idset_free(&m);
	CHECK(dms_idset_parse("2,9", &m) == 0 && dms_group_check(&s, &m, &chk) == -ERANGE && chk.region == 9,
	      "Invalid region ID: 9");
	dms_idset_free(&m);
	CHECK(dms_idset_parse("", &m) == 0 && dms_group_check(&s, &m, &chk) == -ERANGE && chk.region == DMS_NONE,
	      "empty: Invalid region ID: -1");
	dms_idset_free(&m);
	/* ungroup 0 (dmstats ungroup --groupid 0): the leader's user data stays */
	CHECK(dms_group_remove(&s, 0, msg, sizeof(msg)) == 0 && !strcmp(msg, "@stats_set_aux 0 - ") &&
	      s.regions[1].group_id == DMS_NONE && !dms_group_present(&s, 0), "ungroup: '%s'", msg);
	CHECK(dms_group_remove(&s, 0, msg, sizeof(msg)) == -ENOENT, "Group ID 0 does not exist");
	CHECK(dms_group_remove(&s, 70, msg, sizeof(msg)) == -ERANGE, "Invalid group ID");
	/* group --alias grp --regions 0,1: the reference's two warnings */
	CHECK(dms_idset_parse("0,1", &m) == 0 && dms_group_check(&s, &m, &chk) == 0 && chk.mixed_precision &&
	      chk.nr_overlaps == 1 && chk.overlaps[0][0] == 0 && chk.overlaps[0][1] == 1,
	      "different clocks, overlap 0 and 1");
	free(chk.overlaps);
	CHECK(dms_group_create(&s, &m, "grp", &gid, msg, sizeof(msg)) == 0 && gid == 0 &&
	      !strcmp(msg, "@stats_set_aux 0 DMS_GROUP=grp:0-1#- ") && s.regions[1].group_id == 0,
	      "group: '%s'", msg);
	CHECK(dms_group_create(&s, &m, "grp", &gid, msg, sizeof(msg)) == -EEXIST, "twice");
	dms_idset_free(&m);
	/* deleting region 4 of group 4 (its leader): the group goes, user data kept */
	CHECK(dms_group_drop_region(&s, 4, msg, sizeof(msg)) == 0 && !strcmp(msg, "@stats_set_aux 4 foo ") &&
	      s.regions[5].group_id == DMS_NONE, "drop the leader: '%s'", msg);
	CHECK(dms_group_drop_region(&s, 6, msg, sizeof(msg)) == 0 && !*msg, "not grouped");
	dms_free(&s);

	/* dm-zero, 4 regions over the whole device: group --regions 2,3 --alias gq */
	CHECK(dms_parse_list(LIST2, &s, NULL) == 0, "list 2");
	CHECK(dms_idset_parse("2,3", &m) == 0 && dms_group_check(&s, &m, &chk) == 0 && !chk.mixed_precision &&
	      chk.nr_overlaps == 1 && chk.overlaps[0][0] == 2, "overlap only (no bounds on 3)");
	free(chk.overlaps);
	/* 1.02.185 writes "#ba" (a character lost when reading the list): upstream keeps "baz" */
	CHECK(dms_group_create(&s, &m, "gq", &gid, msg, sizeof(msg)) == 0 && gid == 2 &&
	      !strcmp(msg, "@stats_set_aux 2 DMS_GROUP=gq:2-3#baz "), "'%s'", msg);
	dms_idset_free(&m);
	CHECK(dms_idset_parse("0,1", &m) == 0 && dms_group_check(&s, &m, &chk) == 0 && chk.mixed_precision &&
	      chk.nr_overlaps == 1, "0,1");
	free(chk.overlaps);
	CHECK(dms_group_create(&s, &m, NULL, &gid, msg, sizeof(msg)) == 0 &&
	      !strcmp(msg, "@stats_set_aux 0 DMS_GROUP=:0-1#foo "), "'%s'", msg);
	dms_idset_free(&m);
	/* delete --regionid 1: the leader's descriptor loses it, then the delete */
	CHECK(dms_group_drop_region(&s, 1, msg, sizeof(msg)) == 0 &&
	      !strcmp(msg, "@stats_set_aux 0 DMS_GROUP=:0#foo ") && s.groups[0].members.n == 1, "'%s'", msg);
	dms_free(&s);

	/*
	 * Overlaps in a chain, as libdm merges them: a merge moves the start
	 * and keeps the length, so 1 (5+20) becomes 0+20 and still reaches 2.
	 */
	CHECK(dms_parse_list("0: 0+10 10 a -\n1: 5+20 20 a -\n2: 12+10 10 a -\n3: 30+1 1 a -\n", &s, NULL) == 0 &&
	      dms_idset_parse("0-3", &m) == 0 && dms_group_check(&s, &m, &chk) == 0 && chk.nr_overlaps == 2 &&
	      chk.overlaps[0][0] == 0 && chk.overlaps[0][1] == 1 && chk.overlaps[1][0] == 1 &&
	      chk.overlaps[1][1] == 2, "chain of overlaps");
	free(chk.overlaps);
	dms_idset_free(&m);
	dms_free(&s);
	/* ... and 1 as 5+10 becomes 0+10, which no longer reaches 2 */
	CHECK(dms_parse_list("0: 0+10 10 a -\n1: 5+10 10 a -\n2: 12+10 10 a -\n", &s, NULL) == 0 &&
	      dms_idset_parse("0-2", &m) == 0 && dms_group_check(&s, &m, &chk) == 0 && chk.nr_overlaps == 1,
	      "libdm's shrinking merge");
	free(chk.overlaps);
	dms_idset_free(&m);
	dms_free(&s);
}

/* a sender with canned replies, recording what was sent */
struct fake {
	const char *replies[8];
	int n;
	char sent[8][DMS_MSG_MAX];
	int fail_at;
};

static int fake_send(void *ctx, const char *msg, char **reply)
{
	struct fake *f = ctx;

	*reply = NULL;
	if (f->n >= 8)
		return -E2BIG;
	snprintf(f->sent[f->n], DMS_MSG_MAX, "%s", msg);
	if (f->n == f->fail_at)
		return -ENXIO;
	if (f->replies[f->n] && !(*reply = strdup(f->replies[f->n])))
		return -ENOMEM;
	f->n++;
	return 0;
}

static void test_operations(void)
{
	struct fake f = { { LIST1, PRINT1_0, PRINT1_1, PRINT1_2, PRINT1_3, PRINT1_0, PRINT1_0, PRINT1_0 }, 0,
			  { "" }, -1 };
	struct dms s;
	struct dms_create c = { 0, 0, -1, 0, NULL, NULL, "" };
	uint64_t id = 0;

	dms_init(&s);
	CHECK(dms_list(fake_send, &f, "dmstats", &s, NULL) == 0 && s.nr_regions == 7, "list");
	CHECK(dms_populate(fake_send, &f, &s, DMS_NONE, 1) == 0 && f.n == 8, "populate all");
	CHECK(!strcmp(f.sent[0], "@stats_list dmstats") && !strcmp(f.sent[1], "@stats_print_clear 0 ") &&
	      !strcmp(f.sent[7], "@stats_print_clear 6 "), "messages in order");
	CHECK(s.regions[3].areas[0].hist[2] == 15, "counters read");
	memset(&f, 0, sizeof(f));
	f.fail_at = -1;
	f.replies[0] = PRINT1_1;
	CHECK(dms_populate(fake_send, &f, &s, 1, 0) == 0 && !strcmp(f.sent[0], "@stats_print 1 "), "one region");
	f.fail_at = f.n;
	CHECK(dms_populate(fake_send, &f, &s, 1, 0) == -ENXIO, "a failed send");
	dms_free(&s);
	memset(&f, 0, sizeof(f));
	f.fail_at = -1;
	f.replies[0] = "7\n";
	CHECK(dms_create_region(fake_send, &f, &c, &id) == 0 && id == 7 &&
	      !strcmp(f.sent[0], "@stats_create - /1  dmstats "), "create");
	f.replies[1] = NULL;
	CHECK(dms_create_region(fake_send, &f, &c, &id) == -EPROTO, "no answer");
	memset(&f, 0, sizeof(f));
	f.fail_at = -1;
	CHECK(dms_list(fake_send, &f, "", &s, NULL) == 0 && s.nr_regions == 0, "no text: no regions");
	dms_free(&s);
}

static void test_extents(void)
{
	/* mnt/f on ext4 (1 KiB blocks) on the dm device: filefrag -v, and the regions dmstats made */
	struct fiemap_extent fe[2];
	struct dms_extent_map m;
	struct dms_extent *ext;
	uint64_t n;
	struct dms s;
	struct dms_filemap_plan plan;

	memset(fe, 0, sizeof(fe));
	fe[0].fe_logical = 0;
	fe[0].fe_physical = 9217ull * 1024;
	fe[0].fe_length = 256 * 1024;
	fe[1].fe_logical = 640 * 1024;
	fe[1].fe_physical = 9857ull * 1024;
	fe[1].fe_length = 128 * 1024;
	fe[1].fe_flags = FIEMAP_EXTENT_LAST;
	dms_extent_map_init(&m);
	CHECK(dms_extent_map_add(&m, fe, 2) == 0 && m.eof, "add");
	CHECK(dms_extent_map_finish(&m, &ext, &n) == 0 && n == 2 && ext[0].start == 18434 && ext[0].len == 512 &&
	      ext[1].start == 19714 && ext[1].len == 256 && ext[1].id == 1, "0: 18434+512, 1: 19714+256");
	/* update_filemap after the file changed: extent 1 moved */
	dms_init(&s);
	CHECK(dms_parse_list("0: 18434+512 512 dmstats DMS_GROUP=f:0-1#-\n1: 19714+256 256 dmstats -\n", &s,
			     NULL) == 0, "the filemap's list");
	ext[1].start = 30000;
	CHECK(dms_filemap_plan(&s, 0, ext, n, &plan) == 0 && plan.nr_delete == 1 && plan.delete_ids[0] == 1 &&
	      plan.nr_keep == 1 && plan.keep[0].id == 0 && plan.nr_create == 1 && plan.create[0] == 1 &&
	      plan.region_of[0] == 0 && plan.region_of[1] == DMS_NONE && !plan.regroup, "plan");
	dms_filemap_plan_free(&plan);
	CHECK(dms_filemap_plan(&s, 0, ext, 0, &plan) == 0 && plan.nr_delete == 2 && plan.delete_ids[0] == 1 &&
	      plan.delete_ids[1] == 0 && plan.regroup, "truncated file: all go, highest first, regroup");
	dms_filemap_plan_free(&plan);
	CHECK(dms_filemap_plan(&s, 1, ext, n, &plan) == -ENOENT, "no group 1");
	dms_free(&s);
	free(ext);

	/* logical pieces of one physical extent join; unknown and delayed ones are left out */
	memset(fe, 0, sizeof(fe));
	fe[0].fe_logical = 0;
	fe[0].fe_physical = 4096;
	fe[0].fe_length = 4096;
	fe[1].fe_logical = 4096;
	fe[1].fe_physical = 8192;
	fe[1].fe_length = 4096;
	dms_extent_map_init(&m);
	CHECK(dms_extent_map_add(&m, fe, 2) == 0 && !m.eof && m.next_start == 8192, "first batch");
	fe[0].fe_logical = 8192;
	fe[0].fe_physical = 1 << 20;
	fe[0].fe_flags = FIEMAP_EXTENT_DELALLOC;
	fe[1].fe_logical = 12288;
	fe[1].fe_physical = 1 << 20;
	fe[1].fe_flags = FIEMAP_EXTENT_LAST;
	CHECK(dms_extent_map_add(&m, fe, 2) == 0 && m.eof, "second batch");
	CHECK(dms_extent_map_finish(&m, &ext, &n) == 0 && n == 2 && ext[0].start == 8 && ext[0].len == 16 &&
	      ext[1].start == 2048 && ext[1].len == 8, "joined: 8+16, then 2048+8 (%llu)", (unsigned long long)n);
	free(ext);
	dms_extent_map_init(&m);
	CHECK(dms_extent_map_finish(&m, &ext, &n) == -ENODATA, "Cannot map file: no allocated extents.");

	/* a real file here: not on a dm device; its extents cover its size (or FIEMAP is refused) */
	{
		char path[] = "test-dmstats.XXXXXX", data[65536];
		int fd = mkstemp(path), rc;
		dev_t dev;
		uint64_t i, total = 0;

		CHECK(fd >= 0, "temp file");
		if (fd < 0)
			return;
		unlink(path);
		memset(data, 'x', sizeof(data));
		CHECK(write(fd, data, sizeof(data)) == (ssize_t)sizeof(data) && fsync(fd) == 0, "write");
		CHECK(dms_file_check(fd, &dev) == -ENODEV, "Cannot map file: not a device-mapper device.");
		rc = dms_file_extents(fd, &ext, &n);
		if (rc == 0) {
			for (i = 0; i < n; i++)
				total += ext[i].len;
			CHECK(n >= 1 && total == 128, "64 KiB in %llu extents: %llu sectors",
			      (unsigned long long)n, (unsigned long long)total);
			free(ext);
		} else
			CHECK(rc == -EOPNOTSUPP || rc == -ENOTTY, "FIEMAP refused: %d", rc);
		close(fd);
		fd = open("/dev/null", O_RDONLY);
		CHECK(dms_file_check(fd, &dev) == -EINVAL, "Not a regular file");
		close(fd);
	}
}

int main(void)
{
	test_messages();
	test_request();
	test_idset();
	test_aux();
	test_bounds();
	test_list_print();
	test_lines();
	test_groups();
	test_operations();
	test_extents();
	return unit_finish("test-dmstats");
}
