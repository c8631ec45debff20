/* dm-ioctl request packing and reply parsing, on synthetic buffers. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "dm.h"
#include "dmtable.h"
#include "unit.h"



static void test_names_ids(void)
{
	struct dm_req r;
	char longname[DM_NAME_LEN + 1];

	CHECK(dm_req_init(&r, 0) == 0, "init");
	CHECK(dm_req_set_id(&r, &(struct dm_id){ DM_ID_NAME, "vol", NULL, 0 }) == 0, "name");
	CHECK(!strcmp(r.io->name, "vol") && !r.io->uuid[0] && !r.io->dev, "only the name is set");
	CHECK(dm_req_set_id(&r, &(struct dm_id){ DM_ID_UUID, NULL, "U-1", 0 }) == 0, "uuid");
	CHECK(!r.io->name[0] && !strcmp(r.io->uuid, "U-1"), "only the uuid is set");
	CHECK(dm_req_set_id(&r, &(struct dm_id){ DM_ID_DEVNO, NULL, NULL, makedev(254, 3) }) == 0, "devno");
	CHECK(!r.io->name[0] && !r.io->uuid[0] && r.io->dev == makedev(254, 3), "only dev is set");
	memset(longname, 'a', DM_NAME_LEN);
	longname[DM_NAME_LEN] = '\0';
	CHECK(dm_req_set_id(&r, &(struct dm_id){ DM_ID_NAME, longname, NULL, 0 }) == -ENAMETOOLONG,
	      "a name the kernel refuses is not set");
	dm_req_free(&r);
}

static void test_targets_packing(void)
{
	struct dm_req r;
	struct dm_target t1 = { 0, 2048, "zero", "" }, t2 = { 2048, 100, "linear", "7:0 0" };
	const struct dm_target_spec *s1, *s2;

	dm_req_init(&r, 0);
	CHECK(dm_req_add_target(&r, &t1) == 0 && dm_req_add_target(&r, &t2) == 0, "add");
	CHECK(r.io->target_count == 2, "count");
	s1 = (const void *)((char *)r.io + sizeof(struct dm_ioctl));
	CHECK(((char *)s1 - (char *)r.io) % 8 == 0, "first spec aligned");
	CHECK(s1->next % 8 == 0 && s1->next >= sizeof(*s1) + 1, "next is aligned, relative");
	s2 = (const void *)((const char *)s1 + s1->next);
	CHECK(s2->sector_start == 2048 && s2->length == 100 && !strcmp(s2->target_type, "linear"),
	      "second spec where next says");
	CHECK(!strcmp((const char *)(s2 + 1), "7:0 0"), "params follow the spec");
	CHECK(r.used % 8 == 0, "total aligned");
	{
		struct dm_target bad = { 0, 1, "", "" };

		CHECK(dm_req_add_target(&r, &bad) == -EINVAL, "empty type refused");
	}
	dm_req_free(&r);
}

/* A reply buffer: header, then data built by the caller. */
static struct dm_ioctl *reply(size_t data, unsigned minor)
{
	struct dm_ioctl *io = calloc(1, sizeof(*io) + data + 64);

	io->version[0] = 4;
	io->version[1] = minor;
	io->data_start = sizeof(*io);
	io->data_size = (uint32_t)(sizeof(*io) + data);
	return io;
}

struct seen { int n; char names[4][32]; char uuids[4][32]; uint32_t ev[4]; dev_t dev[4]; };

static int collect_name(const struct dm_name_entry *e, void *arg)
{
	struct seen *s = arg;

	if (s->n < 4) {
		snprintf(s->names[s->n], 32, "%s", e->name);
		snprintf(s->uuids[s->n], 32, "%s", e->uuid ? e->uuid : "-");
		s->ev[s->n] = e->event_nr;
		s->dev[s->n] = e->devno;
	}
	s->n++;
	return 0;
}

/* Lays out a name list as the kernel does (4.37+). */
static size_t put_name(char *data, size_t off, uint64_t dev, const char *name,
		       uint32_t ev, const char *uuid, size_t *prev)
{
	struct dm_name_list *nl = (void *)(data + off);
	size_t p;

	if (*prev != (size_t)-1)
		((struct dm_name_list *)(void *)(data + *prev))->next = (uint32_t)(off - *prev);
	nl->dev = dev;
	nl->next = 0;
	strcpy(nl->name, name);
	p = (off + offsetof(struct dm_name_list, name) + strlen(name) + 1 + 7) & ~(size_t)7;
	((uint32_t *)(void *)(data + p))[0] = ev;
	((uint32_t *)(void *)(data + p))[1] = uuid ? DM_NAME_LIST_FLAG_HAS_UUID :
						     DM_NAME_LIST_FLAG_DOESNT_HAVE_UUID;
	p += 8;
	if (uuid) {
		strcpy(data + p, uuid);
		p += strlen(uuid) + 1;
	}
	*prev = off;
	return (p + 7) & ~(size_t)7;
}

static void test_names_reply(void)
{
	struct dm_ioctl *io = reply(512, 47);
	char *data = (char *)io + io->data_start;
	size_t off = 0, prev = (size_t)-1;
	struct seen s = { 0 };

	off = put_name(data, off, (254 << 8) | 0, "alpha", 3, "UUID-A", &prev);
	off = put_name(data, off, (254 << 8) | 1, "beta", 0, NULL, &prev);
	io->data_size = (uint32_t)(io->data_start + off);
	CHECK(dm_reply_names(io, collect_name, &s) == 0 && s.n == 2, "two devices");
	CHECK(!strcmp(s.names[0], "alpha") && !strcmp(s.uuids[0], "UUID-A") && s.ev[0] == 3,
	      "first entry");
	CHECK(!strcmp(s.names[1], "beta") && !strcmp(s.uuids[1], "-") && s.dev[1] == makedev(254, 1),
	      "second entry");

	/* a next pointing past the data */
	((struct dm_name_list *)(void *)data)->next = 4096;
	s.n = 0;
	CHECK(dm_reply_names(io, collect_name, &s) == -EPROTO, "next past the end");
	/* a name with no NUL before the end */
	((struct dm_name_list *)(void *)data)->next = 0;
	memset(data + offsetof(struct dm_name_list, name), 'x', off);
	io->data_size = (uint32_t)(io->data_start + 16);
	CHECK(dm_reply_names(io, collect_name, &s) == -EPROTO, "unterminated name");
	/* no devices */
	io->data_size = io->data_start;
	s.n = 0;
	CHECK(dm_reply_names(io, collect_name, &s) == 0 && s.n == 0, "empty list");
	/* data_start out of range */
	io->data_start = 8;
	CHECK(dm_reply_names(io, collect_name, &s) == -EPROTO, "bad data_start");
	free(io);
}

static void test_deps_reply(void)
{
	struct dm_ioctl *io = reply(64, 47);
	struct dm_target_deps *d = (void *)((char *)io + io->data_start);
	dev_t *devs;
	uint32_t n;

	d->count = 2;
	d->dev[0] = (7 << 8) | 1;
	d->dev[1] = (254 << 8) | 2;
	io->data_size = (uint32_t)(io->data_start + sizeof(*d) + 2 * sizeof(d->dev[0]));
	CHECK(dm_reply_deps(io, &devs, &n) == 0 && n == 2 && devs[0] == makedev(7, 1) &&
	      devs[1] == makedev(254, 2), "deps");
	free(devs);
	d->count = 1000;
	CHECK(dm_reply_deps(io, &devs, &n) == -EPROTO, "count past the data");
	/* a device without a table: the kernel writes nothing after the header */
	io->data_size = (uint32_t)offsetof(struct dm_ioctl, data);
	CHECK(dm_reply_deps(io, &devs, &n) == 0 && n == 0 && !devs, "no table, no deps");
	io->data_size = io->data_start + 4;
	CHECK(dm_reply_deps(io, &devs, &n) == -EPROTO, "a cut deps block");
	free(io);
}

struct tl { int n; char text[256]; };

static int collect_target(const struct dm_target *t, void *arg)
{
	struct tl *l = arg;
	size_t len = strlen(l->text);

	snprintf(l->text + len, sizeof(l->text) - len, "%llu %llu %s %s;",
		 (unsigned long long)t->start, (unsigned long long)t->length, t->type, t->params);
	l->n++;
	return 0;
}

static void test_status_reply(void)
{
	struct dm_ioctl *io = reply(512, 47);
	char *data = (char *)io + io->data_start;
	struct dm_target_spec *s1 = (void *)data, *s2;
	struct tl l = { 0, "" };

	s1->sector_start = 0;
	s1->length = 10;
	strcpy(s1->target_type, "zero");
	strcpy((char *)(s1 + 1), "");
	s1->next = 48;
	s2 = (void *)(data + 48);
	s2->sector_start = 10;
	s2->length = 5;
	strcpy(s2->target_type, "error");
	strcpy((char *)(s2 + 1), "x y");
	io->target_count = 2;
	io->data_size = (uint32_t)(io->data_start + 48 + sizeof(*s2) + 4);
	CHECK(dm_reply_targets(io, collect_target, &l) == 0 && l.n == 2 &&
	      !strcmp(l.text, "0 10 zero ;10 5 error x y;"), "two targets");
	s1->next = 8;	/* backwards into itself */
	l.n = 0;
	l.text[0] = '\0';
	CHECK(dm_reply_targets(io, collect_target, &l) == -EPROTO, "next going back");
	io->target_count = 50;
	s1->next = 48;
	CHECK(dm_reply_targets(io, collect_target, &l) == -EPROTO, "more targets than data");
	free(io);
}

static int count_versions(const struct dm_target_version *v, void *arg)
{
	int *n = arg;

	if (!strcmp(v->name, "striped") && v->version[0] == 1)
		*n += 100;
	(*n)++;
	return 0;
}

static void test_versions_and_message(void)
{
	struct dm_ioctl *io = reply(256, 47);
	char *data = (char *)io + io->data_start;
	struct dm_target_versions *v1 = (void *)data, *v2;
	int n = 0;

	v1->version[0] = 1;
	strcpy(v1->name, "zero");
	v1->next = 32;
	v2 = (void *)(data + 32);
	v2->version[0] = 1;
	v2->version[1] = 6;
	strcpy(v2->name, "striped");
	v2->next = 0;
	io->data_size = (uint32_t)(io->data_start + 32 + sizeof(*v2) + 8);
	CHECK(dm_reply_versions(io, count_versions, &n) == 0 && n == 102, "two versions");
	v2->next = 3;
	n = 0;
	CHECK(dm_reply_versions(io, count_versions, &n) == -EPROTO, "next smaller than an entry");

	strcpy(data, "answer");
	io->flags = 0;
	CHECK(dm_reply_message(io) == NULL, "no DATA_OUT: no message");
	io->flags = DM_DATA_OUT_FLAG;
	CHECK(dm_reply_message(io) && !strcmp(dm_reply_message(io), "answer"), "message");
	free(io);
}

/* The concise format: one device at a time, quoting, the three errors. */
static int concise_dev(struct dm_concise *c, const char *want[5])
{
	struct dm_concise_dev d;
	int i;

	if (dm_concise_next(c, &d) != 1 || d.nfields != 5)
		return 0;
	for (i = 0; i < 5; i++)
		if (strcmp(d.field[i], want[i]))
			return 0;
	return 1;
}

static int concise_error(const char *spec, enum dm_concise_error error, int nfields,
			 const char *last)
{
	struct dm_concise c;
	struct dm_concise_dev d;
	int ok;

	dm_concise_init(&c, spec);
	ok = dm_concise_next(&c, &d) == -EINVAL && c.error == error && d.nfields == nfields &&
	     !strcmp(d.field[nfields - 1], last) && (nfields == 5 || !d.field[nfields]);
	dm_concise_free(&c);
	return ok;
}

static void test_concise(void)
{
	struct dm_concise c;
	struct dm_concise_dev d;

	dm_concise_init(&c, "a,UUID-a,,,0 100 zero;b,,,ro,0 50 error,50 50 zero");
	CHECK(concise_dev(&c, (const char *[]){ "a", "UUID-a", "", "", "0 100 zero" }), "first device");
	CHECK(concise_dev(&c, (const char *[]){ "b", "", "", "ro", "0 50 error\n50 50 zero" }),
	      "table lines joined");
	CHECK(dm_concise_next(&c, &d) == 0, "then the end");
	dm_concise_free(&c);

	dm_concise_init(&c, "a\\,b, U\\;1, 7 ,rw, 0 8 zero;  c,,,,x\\\\y;");
	CHECK(concise_dev(&c, (const char *[]){ "a,b", "U;1", "7 ", "rw", "0 8 zero" }),
	      "quoted separators, blanks after separators skipped");
	CHECK(concise_dev(&c, (const char *[]){ "c", "", "", "", "x\\y" }), "quoted backslash");
	CHECK(dm_concise_next(&c, &d) == 0, "a final ';' ends nothing more");
	dm_concise_free(&c);

	dm_concise_init(&c, "c,,,rw,0 8 zero\n");
	CHECK(concise_dev(&c, (const char *[]){ "c", "", "", "rw", "0 8 zero\n" }), "stdin's newline kept");
	dm_concise_free(&c);
	dm_concise_init(&c, "");
	CHECK(dm_concise_next(&c, &d) == 0, "empty: no device");
	dm_concise_free(&c);

	CHECK(concise_error("a,UUID", DM_CONCISE_TOO_FEW_FIELDS, 2, "UUID"), "two fields");
	CHECK(concise_error("a,b,c,d,", DM_CONCISE_INCOMPLETE, 5, ""), "ends after the flags");
	CHECK(concise_error("a,,,,0 8 zero,", DM_CONCISE_INCOMPLETE, 5, "0 8 zero\n"), "ends after a comma");
	CHECK(concise_error("a,,,,x\\", DM_CONCISE_BACKSLASH_AT_END, 5, "x"), "a backslash at the end");
}

/* table lines as dmsetup's sscanf("%llu %llu %s %n") reads them */
static void test_table_parse(void)
{
	struct dm_table t;
	const char *type = NULL;
	int bad;
	FILE *f;
	char *text = NULL;

	CHECK(dm_table_parse("0 99999999999999999999 zero", &t, &bad, &type) == 0 &&
	      t.count == 1 && t.targets[0].length == UINT64_MAX, "a number past 64 bits saturates");
	dm_table_free(&t);
	CHECK(dm_table_parse("0 -8 zero", &t, &bad, &type) == 0 &&
	      t.targets[0].length == (uint64_t)-8, "a sign is taken, as strtoull");
	dm_table_free(&t);
	CHECK(dm_table_parse("0 8zero", &t, &bad, &type) == 0 &&
	      !strcmp(t.targets[0].type, "zero"), "no blank needed after a number");
	dm_table_free(&t);
	CHECK(dm_table_parse("0 8 linear /dev/x 0 # comment", &t, &bad, &type) == 0 &&
	      !strcmp(t.targets[0].params, "/dev/x 0 "), "a comment after the target");
	dm_table_free(&t);
	CHECK(dm_table_parse("# only\n\n  0 8 zero\n0", &t, &bad, &type) == -EINVAL && bad == 4,
	      "a line without a type: its number");
	dm_table_free(&t);
	CHECK(dm_table_parse("0 8 abcdefghijklmnop x", &t, &bad, &type) == -ENAMETOOLONG && bad == 1 &&
	      !strcmp(type, "abcdefghijklmnop"), "a type of 16 bytes");
	dm_table_free(&t);
	CHECK(dm_table_parse("0 8 abcdefghijklmno", &t, &bad, &type) == 0, "a type of 15 bytes");
	dm_table_free(&t);

	/* a NUL ends its line only */
	f = tmpfile();
	CHECK(f != NULL, "tmpfile");
	if (!f)
		return;
	fwrite("0 8 zero\0junk\n8 8 ze\0ro\n\0\n", 1, 26, f);
	rewind(f);
	CHECK(dm_table_read(f, 1 << 20, &text) == 0 && !strcmp(text, "0 8 zero\n8 8 ze\n\n"),
	      "the rest of a line after a NUL is dropped");
	free(text);
	fclose(f);
}

#define KEY64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static int hidden_as(const char *type, const char *params, const char *want)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s", params);
	dm_table_hide_keys(type, buf);
	if (strcmp(buf, want))
		printf("  hide_keys(%s, \"%s\") = \"%s\"\n", type, params, buf);
	return !strcmp(buf, want);
}

/* Keys: what table hides, which requests are secure, and that dm_run says so. */
static void test_keys(void)
{
	struct dm_req r;
	struct dm_target t = { 0, 8, "crypt", "aes-xts-plain64 " KEY64 " 0 7:0 0" };
	struct dm_target_msg hdr = { 0 };
	char *big;
	int fd;

	CHECK(hidden_as("crypt", "aes-xts-plain64 " KEY64 " 0 7:0 0",
			"aes-xts-plain64 " "0000000000000000000000000000000000000000000000000000000000000000"
			" 0 7:0 0"), "crypt key hidden");
	CHECK(hidden_as("crypt", "aes-xts-plain64 :64:logon:cryptsetup:x-d0 0 7:0 0",
			"aes-xts-plain64 :64:logon:cryptsetup:x-d0 0 7:0 0"), "keyring reference shown");
	CHECK(hidden_as("crypt", "cipher_null-ecb - 0 7:0 0", "cipher_null-ecb 0 0 7:0 0"),
	      "crypt's '-' hidden as dmsetup hides it");
	CHECK(hidden_as("crypt", "aes", "aes"), "no key word");
	CHECK(hidden_as("integrity", "7:0 0 32 J 3 internal_hash:hmac(sha256):0011 journal_crypt:ctr(aes):aabb "
			"journal_mac:hmac(sha256):cc",
			"7:0 0 32 J 3 internal_hash:hmac(sha256):0000 journal_crypt:ctr(aes):0000 "
			"journal_mac:hmac(sha256):00"), "integrity keys hidden");
	CHECK(hidden_as("integrity", "7:0 0 32 J 2 internal_hash:crc32c block_size:4096",
			"7:0 0 32 J 2 internal_hash:crc32c block_size:4096"), "an unkeyed hash shown");
	CHECK(hidden_as("linear", "7:0 0", "7:0 0"), "other targets untouched");

	CHECK(dm_table_has_keys("crypt", "aes-xts-plain64 " KEY64 " 0 7:0 0"), "crypt key");
	CHECK(!dm_table_has_keys("crypt", "aes-xts-plain64 :64:logon:cryptsetup:x-d0 0 7:0 0"),
	      "a keyring reference is no key");
	CHECK(!dm_table_has_keys("crypt", "cipher_null-ecb - 0 7:0 0"), "'-' is no key");
	CHECK(!dm_table_has_keys("crypt", "aes"), "no key word");
	CHECK(dm_table_has_keys("integrity", "7:0 0 32 J 1 journal_mac:hmac(sha256):cc"), "integrity key");
	CHECK(!dm_table_has_keys("integrity", "7:0 0 32 J 1 internal_hash:crc32c"), "unkeyed integrity");
	CHECK(!dm_table_has_keys("linear", "7:0 0"), "linear");

	CHECK(dm_message_has_key("key set " KEY64), "key set");
	CHECK(dm_message_has_key("  KEY   Set  :32:logon:x"), "key set, any case and blanks");
	CHECK(!dm_message_has_key("key wipe"), "key wipe");
	CHECK(!dm_message_has_key("keyset x") && !dm_message_has_key("key setx") &&
	      !dm_message_has_key("create_thin 1"), "other messages");

	/* a load with a key is secure, and goes with DM_SECURE_DATA_FLAG */
	CHECK(dm_req_init(&r, 0) == 0 && !r.secure, "a new request is not secure");
	CHECK(dm_req_add_target(&r, &(struct dm_target){ 0, 8, "zero", "" }) == 0 && !r.secure,
	      "zero carries no key");
	CHECK(dm_req_add_target(&r, &t) == 0 && r.secure, "a crypt key makes the request secure");
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	CHECK(fd >= 0 && dm_run(fd, DM_TABLE_LOAD, &r, DM_READONLY_FLAG, 0) < 0 &&
	      r.io->flags == (DM_READONLY_FLAG | DM_SECURE_DATA_FLAG), "sent with DM_SECURE_DATA_FLAG");
	dm_req_free(&r);
	CHECK(!r.io && !r.secure, "freed");

	dm_req_init(&r, 0);
	dm_req_add_target(&r, &(struct dm_target){ 0, 8, "crypt", "aes-xts-plain64 :64:logon:k 0 7:0 0" });
	CHECK(!r.secure && dm_run(fd, DM_TABLE_LOAD, &r, 0, 0) < 0 && r.io->flags == 0,
	      "a keyring reference: no flag");
	dm_req_free(&r);

	/* a message request: the caller marks it */
	dm_req_init(&r, 0);
	dm_req_add_bytes(&r, &hdr, sizeof(hdr));
	dm_req_add_string(&r, "key set " KEY64);
	if (dm_message_has_key((const char *)r.io + sizeof(*r.io) + sizeof(hdr)))
		r.secure = 1;
	CHECK(dm_run(fd, DM_TARGET_MSG, &r, 0, 0) < 0 && r.io->flags == DM_SECURE_DATA_FLAG,
	      "key set message sent with DM_SECURE_DATA_FLAG");
	dm_req_free(&r);

	/* growing the buffer (copied, the old one wiped) keeps the request */
	big = malloc(40000);
	memset(big, 'k', 39999);
	big[39999] = '\0';
	dm_req_init(&r, 0);
	CHECK(dm_req_add_target(&r, &t) == 0 &&
	      dm_req_add_target(&r, &(struct dm_target){ 8, 8, "crypt", big }) == 0 && r.size > 40000,
	      "the buffer grew");
	CHECK(!strcmp((const char *)r.io + sizeof(*r.io) + sizeof(struct dm_target_spec), t.params) &&
	      r.io->target_count == 2, "the first target survived the growth");
	dm_req_free(&r);
	free(big);
	if (fd >= 0)
		close(fd);
}

/* The command table: libdevmapper's names, the traits, and flags refused before any ioctl. */
static void test_command_table(void)
{
	static const unsigned long all[] = {
		DM_VERSION, DM_REMOVE_ALL, DM_LIST_DEVICES, DM_DEV_CREATE, DM_DEV_REMOVE,
		DM_DEV_RENAME, DM_DEV_SUSPEND, DM_DEV_STATUS, DM_DEV_WAIT, DM_TABLE_LOAD,
		DM_TABLE_CLEAR, DM_TABLE_DEPS, DM_TABLE_STATUS, DM_LIST_VERSIONS, DM_TARGET_MSG,
		DM_DEV_SET_GEOMETRY, DM_GET_TARGET_VERSION,
	};
	const struct dm_command *c;
	struct dm_req r;
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		CHECK(dm_command_find(all[i], 0) != NULL, "every request has an entry");
	CHECK(!strcmp(dm_command_find(DM_DEV_SUSPEND, DM_SUSPEND_FLAG)->name, "suspend"), "suspend");
	c = dm_command_find(DM_DEV_SUSPEND, DM_NOFLUSH_FLAG);
	CHECK(!strcmp(c->name, "resume") && (c->traits & DMC_UEVENT), "resume makes a uevent");
	CHECK(!(dm_command_find(DM_DEV_SUSPEND, DM_SUSPEND_FLAG)->traits & DMC_UEVENT),
	      "suspend makes none");
	CHECK(!strcmp(dm_command_find(DM_TABLE_STATUS, DM_STATUS_TABLE_FLAG)->name, "table") &&
	      !strcmp(dm_command_find(DM_TABLE_STATUS, 0)->name, "status"), "table and status");
	CHECK((dm_command_find(DM_DEV_REMOVE, 0)->traits & DMC_UEVENT) &&
	      (dm_command_find(DM_DEV_RENAME, 0)->traits & DMC_UEVENT) &&
	      !(dm_command_find(DM_DEV_CREATE, 0)->traits & DMC_UEVENT), "the uevent requests");
	CHECK(!(dm_command_find(DM_VERSION, 0)->traits & DMC_DEVICE) &&
	      (dm_command_find(DM_REMOVE_ALL, 0)->traits & DMC_DEVICE), "about devices");
	CHECK(dm_command_find(DM_LIST_DEVICES, 0)->traits & DMC_LIST, "the list of devices");
	CHECK(dm_command_find(0, 0) == NULL, "an unknown request");
	/* refused before the ioctl: fd -1 would fail with EBADF */
	CHECK(dm_req_init(&r, 0) == 0, "init");
	CHECK(dm_run(-1, DM_DEV_CREATE, &r, DM_SUSPEND_FLAG, 0) == -EINVAL, "a flag not allowed");
	CHECK(dm_run(-1, DM_TABLE_CLEAR, &r, DM_UUID_FLAG, 0) == -EINVAL, "another");
	CHECK(dm_run(-1, 0, &r, 0, 0) == -EINVAL, "an unknown request is not sent");
	CHECK(dm_run(-1, DM_TABLE_CLEAR, &r, DM_NOFLUSH_FLAG, 0) == -EBADF, "an allowed one is sent");
	dm_req_free(&r);
}

int main(void)
{
	test_command_table();
	test_names_ids();
	test_targets_packing();
	test_names_reply();
	test_deps_reply();
	test_status_reply();
	test_versions_and_message();
	test_concise();
	test_table_parse();
	test_keys();
	return unit_finish("unit-dm");
}
