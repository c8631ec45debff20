/* Device-mapper names: the kernel's rules and libdevmapper's mangling. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/dm-ioctl.h>

#include "dmname.h"
#include "unit.h"


static const char *mode_name(enum dm_mangling m)
{
	return m == DM_MANGLE_NONE ? "none" : m == DM_MANGLE_AUTO ? "auto" : "hex";
}

static void mangle(const char *in, enum dm_mangling mode, size_t outsz, int want_rc,
		   const char *want)
{
	char out[256] = "";
	int rc = dm_name_mangle(in, mode, out, outsz);

	checks++;
	if (rc != want_rc || (rc == 0 && strcmp(out, want))) {
		printf("FAIL mangle(\"%s\", %s) = %d \"%s\"; want %d \"%s\"\n", in, mode_name(mode),
		       rc, rc == 0 ? out : "", want_rc, want);
		failures++;
	}
}

static void unmangle(const char *in, enum dm_mangling mode, int want_rc, const char *want)
{
	char out[256] = "junk";
	int rc = dm_name_unmangle(in, mode, out, sizeof(out));

	checks++;
	if (rc != want_rc || strcmp(out, want)) {
		printf("FAIL unmangle(\"%s\", %s) = %d \"%s\"; want %d \"%s\"\n", in, mode_name(mode),
		       rc, out, want_rc, want);
		failures++;
	}
}


static void test_mangle(void)
{
	/* the whitelist passes in every mode */
	mangle("Az09#+-.:=@_", DM_MANGLE_AUTO, DM_NAME_LEN, 0, "Az09#+-.:=@_");
	mangle("Az09#+-.:=@_", DM_MANGLE_HEX, DM_NAME_LEN, 0, "Az09#+-.:=@_");
	mangle("", DM_MANGLE_AUTO, DM_NAME_LEN, 0, "");
	/* everything else becomes \xNN, lower-case hex, bytes above 0x7f too */
	mangle("a b", DM_MANGLE_AUTO, DM_NAME_LEN, 0, "a\\x20b");
	mangle("U:1 2", DM_MANGLE_AUTO, DM_UUID_LEN, 0, "U:1\\x202");
	mangle("x/y*\xc3\xa9", DM_MANGLE_HEX, DM_NAME_LEN, 0, "x\\x2fy\\x2a\\xc3\\xa9");
	mangle("a b", DM_MANGLE_NONE, DM_NAME_LEN, 0, "a b");
	/* auto keeps what is already encoded, whatever follows "\x" */
	mangle("c\\x20d", DM_MANGLE_AUTO, DM_NAME_LEN, 0, "c\\x20d");
	mangle("c\\xzzd", DM_MANGLE_AUTO, DM_NAME_LEN, 0, "c\\xzzd");
	/* ... but not a mixture, nor a "\x" cut short */
	mangle("c\\x20d e", DM_MANGLE_AUTO, DM_NAME_LEN, -EINVAL, "");
	mangle("e f\\x20", DM_MANGLE_AUTO, DM_NAME_LEN, -EINVAL, "");
	mangle("ab\\x2", DM_MANGLE_AUTO, DM_NAME_LEN, -EINVAL, "");
	/* a lone backslash is encoded; hex encodes every backslash, mixed or not */
	mangle("a\\b", DM_MANGLE_AUTO, DM_NAME_LEN, 0, "a\\x5cb");
	mangle("c\\x20d e", DM_MANGLE_HEX, DM_NAME_LEN, 0, "c\\x5cx20d\\x20e");
}

static void test_mangle_lengths(void)
{
	char s[DM_UUID_LEN + 2];

	/* a uuid's buffer holds 128 characters and the NUL */
	memset(s, 'u', DM_UUID_LEN - 1);
	s[DM_UUID_LEN - 1] = '\0';
	mangle(s, DM_MANGLE_AUTO, DM_UUID_LEN, 0, s);
	s[DM_UUID_LEN - 1] = 'v';
	s[DM_UUID_LEN] = '\0';
	mangle(s, DM_MANGLE_AUTO, DM_UUID_LEN, -ENAMETOOLONG, "");
	mangle(s, DM_MANGLE_NONE, DM_UUID_LEN, -ENAMETOOLONG, "");
	/* a short name whose encoded form does not fit */
	memset(s, 'n', 125);
	s[125] = ' ';
	s[126] = '\0';
	mangle(s, DM_MANGLE_AUTO, DM_NAME_LEN, -ENAMETOOLONG, "");
	s[125] = 'n';
	mangle(s, DM_MANGLE_AUTO, DM_NAME_LEN, 0, s);
	/* an encoded character that just fits, with no room for the NUL: the
	 * byte after the buffer stays untouched (ASan found it written) */
	{
		char out[DM_NAME_LEN + 1];

		memset(s, 'n', 124);
		s[124] = ' ';
		s[125] = '\0';
		out[DM_NAME_LEN] = 'G';
		CHECK(dm_name_mangle(s, DM_MANGLE_AUTO, out, DM_NAME_LEN) == -ENAMETOOLONG &&
		      out[DM_NAME_LEN] == 'G', "no byte written past the buffer");
		s[123] = '\0';
		CHECK(dm_name_mangle(s, DM_MANGLE_AUTO, out, DM_NAME_LEN) == 0 &&
		      !strcmp(out + 123, "") && out[DM_NAME_LEN] == 'G', "123 plain characters fit");
		s[123] = ' ';
		s[124] = '\0';
		CHECK(dm_name_mangle(s, DM_MANGLE_AUTO, out, DM_NAME_LEN) == 0 &&
		      !strcmp(out + 123, "\\x20") && out[DM_NAME_LEN] == 'G', "an encoded last character fits");
	}
}

static void test_unmangle(void)
{
	unmangle("c\\x20d", DM_MANGLE_AUTO, 0, "c d");
	unmangle("c\\x20d", DM_MANGLE_HEX, 0, "c d");
	unmangle("c\\x20d", DM_MANGLE_NONE, 0, "c d");
	unmangle("plain", DM_MANGLE_AUTO, 0, "plain");
	unmangle("\\x2F\\x2a", DM_MANGLE_AUTO, 0, "/*");
	/* strict modes refuse what should have been encoded */
	unmangle("a b", DM_MANGLE_AUTO, -EILSEQ, "");
	unmangle("a b", DM_MANGLE_HEX, -EILSEQ, "");
	unmangle("a b", DM_MANGLE_NONE, 0, "a b");
	unmangle("a\\x20b c", DM_MANGLE_NONE, 0, "a b c");
	/* no hex digit after "\x" ends the result; one digit is a whole code */
	unmangle("ab\\xzz", DM_MANGLE_AUTO, 0, "ab");
	unmangle("ab\\x", DM_MANGLE_NONE, 0, "ab");
	unmangle("a\\x5zb", DM_MANGLE_NONE, 0, "a\x05" "b");
	unmangle("a\\x5", DM_MANGLE_NONE, 0, "a\x05");
	unmangle("a\\b", DM_MANGLE_AUTO, 0, "a\\b");
	{
		char out[4];

		CHECK(dm_name_unmangle("abcd", DM_MANGLE_AUTO, out, sizeof(out)) == -ENAMETOOLONG,
		      "unmangle into a short buffer");
	}
}

static void test_round_trip(void)
{
	const char *names[] = { "a b", "x\\y", "tab\there", "\xff\x01", "U:1 2", "ok" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char m[DM_NAME_LEN], u[DM_NAME_LEN];

		CHECK(dm_name_mangle(names[i], DM_MANGLE_HEX, m, sizeof(m)) == 0 &&
		      dm_name_unmangle(m, DM_MANGLE_HEX, u, sizeof(u)) == 0 && !strcmp(u, names[i]),
		      "hex round trip");
	}
}

static void test_modes_and_checks(void)
{
	enum dm_mangling m = DM_MANGLE_NONE;
	char longname[DM_NAME_LEN + 1];

	CHECK(dm_mangling_parse("HeX", &m) == 0 && m == DM_MANGLE_HEX, "parse hex, any case");
	CHECK(dm_mangling_parse("auto", &m) == 0 && m == DM_MANGLE_AUTO, "parse auto");
	CHECK(dm_mangling_parse("none", &m) == 0 && m == DM_MANGLE_NONE, "parse none");
	CHECK(dm_mangling_parse("bogus", &m) == -EINVAL && m == DM_MANGLE_NONE, "bogus refused");
	CHECK(dm_name_mangled_twice("a\\x5cx20b", DM_MANGLE_AUTO), "twice in auto");
	CHECK(!dm_name_mangled_twice("a\\x5cx20b", DM_MANGLE_HEX), "hex allows it");
	CHECK(!dm_name_mangled_twice("a\\x5c", DM_MANGLE_AUTO), "an encoded backslash alone");

	memset(longname, 'a', DM_NAME_LEN - 1);
	longname[DM_NAME_LEN - 1] = '\0';
	CHECK(dm_name_check(longname) == 0, "127 characters fit");
	longname[DM_NAME_LEN - 1] = 'a';
	longname[DM_NAME_LEN] = '\0';
	CHECK(dm_name_check(longname) == -ENAMETOOLONG, "128 characters do not");
	CHECK(dm_name_check("a/b") == -EINVAL, "slash");
	CHECK(dm_name_check(".") == -EINVAL && dm_name_check("..") == -EINVAL, "dot names");
	CHECK(dm_name_check("control") == -EINVAL, "control");
	CHECK(dm_name_check("") == -EINVAL, "empty");
	CHECK(dm_uuid_check("") == 0 && dm_uuid_check(NULL) == -EINVAL, "uuid");
}

int main(void)
{
	test_mangle();
	test_mangle_lengths();
	test_unmangle();
	test_round_trip();
	test_modes_and_checks();
	return unit_finish("unit-dmname");
}
