/* Device-mapper target parameters as typed JSON, from the lines kernel 6.1
 * prints for DM_TABLE_STATUS. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dmfields.h"
#include "unit.h"


#define TABLE 0
#define STATUS 1
#define HIDE_KEYS 0
#define SHOW_KEYS 1

/* want NULL: the text must not parse */
static void fields(const char *type, const char *params, int status, int showkeys,
		   const char *want)
{
	struct json_object *obj = dm_target_fields(type, params, status, showkeys);
	const char *got = obj ? json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN) : NULL;

	checks++;
	if (want ? !got || strcmp(got, want) : got != NULL) {
		printf("FAIL %s %s \"%s\"%s = %s; want %s\n", type, status ? "status" : "table",
		       params ? params : "(null)", showkeys ? " showkeys" : "", got ? got : "NULL",
		       want ? want : "NULL");
		failures++;
	}
	json_object_put(obj);
}

#define check_table(type, params, want) fields(type, params, TABLE, HIDE_KEYS, want)
#define check_status(type, params, want) fields(type, params, STATUS, HIDE_KEYS, want)


static void test_linear(void)
{
	check_table("linear", "7:0 0", "{\"device\":\"7:0\",\"offset\":0}");
	check_table("linear", "253:0 2048", "{\"device\":\"253:0\",\"offset\":2048}");
	/* above INT64_MAX the number stays exact as uint64 */
	check_table("linear", "7:0 18446744073709551615",
	      "{\"device\":\"7:0\",\"offset\":18446744073709551615}");
	check_table("linear", "7:0 9223372036854775807",
	      "{\"device\":\"7:0\",\"offset\":9223372036854775807}");
	/* numbers strtoull would take, or take in part */
	check_table("linear", "7:0 18446744073709551616", NULL);
	check_table("linear", "7:0 -1", NULL);
	check_table("linear", "7:0 +1", NULL);
	check_table("linear", "7:0 12x", NULL);
	check_table("linear", "7:0 0x10", NULL);
	check_table("linear", "7:0", NULL);
	check_table("linear", "7:0 0 1", NULL);
	check_table("linear", "", NULL);
	check_status("linear", "", "{}");
	check_status("linear", "0", NULL);
}

static void test_striped(void)
{
	check_table("striped", "2 128 7:0 0 7:1 0",
	      "{\"stripes\":2,\"chunk_size\":128,\"devices\":[{\"device\":\"7:0\",\"offset\":0},"
	      "{\"device\":\"7:1\",\"offset\":0}]}");
	check_table("striped", "1 8 253:4 2048",
	      "{\"stripes\":1,\"chunk_size\":8,\"devices\":[{\"device\":\"253:4\",\"offset\":2048}]}");
	check_table("striped", "3 128 7:0 0 7:1 0", NULL);
	check_table("striped", "2 128 7:0 0 7:1", NULL);
	check_table("striped", "0 128", NULL);
	check_table("striped", "2 128 7:0 0 7:1 x", NULL);
	check_table("striped", "18446744073709551615 128 7:0 0", NULL);
	check_status("striped", "2 7:0 7:1 1 AA",
	       "{\"stripes\":2,\"devices\":[{\"device\":\"7:0\",\"alive\":true},"
	       "{\"device\":\"7:1\",\"alive\":true}]}");
	check_status("striped", "2 7:0 7:1 1 AD",
	       "{\"stripes\":2,\"devices\":[{\"device\":\"7:0\",\"alive\":true},"
	       "{\"device\":\"7:1\",\"alive\":false}]}");
	check_status("striped", "2 7:0 7:1 1 A", NULL);
	check_status("striped", "2 7:0 7:1 1 AAA", NULL);
	check_status("striped", "2 7:0 7:1 1 AX", NULL);
	check_status("striped", "2 7:0 7:1 2 AA", NULL);
	check_status("striped", "3 7:0 7:1 1 AA", NULL);
	check_status("striped", "", NULL);
}

static void test_crypt(void)
{
	const char *line = "aes-xts-plain64 "
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef 0 7:0 4096";
	char copy[256];

	/* the key is hidden digit for digit, in the result only */
	snprintf(copy, sizeof(copy), "%s", line);
	check_table("crypt", line,
	      "{\"cipher\":\"aes-xts-plain64\",\"key\":"
	      "\"0000000000000000000000000000000000000000000000000000000000000000\","
	      "\"iv_offset\":0,\"device\":\"7:0\",\"offset\":4096,\"features\":[]}");
	CHECK(!strcmp(copy, line), "the caller's text is left as it was");
	fields("crypt", line, TABLE, SHOW_KEYS,
	       "{\"cipher\":\"aes-xts-plain64\",\"key\":"
	       "\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\","
	       "\"iv_offset\":0,\"device\":\"7:0\",\"offset\":4096,\"features\":[]}");
	/* a kernel keyring reference is shown, showkeys or not */
	check_table("crypt", "aes-xts-plain64 :64:logon:cryptsetup:0b7b6bd5-1f1b-4c09-a4bc-d5d6a7e6e8f9-d0 "
	      "0 253:2 32768 1 allow_discards",
	      "{\"cipher\":\"aes-xts-plain64\",\"key\":"
	      "\":64:logon:cryptsetup:0b7b6bd5-1f1b-4c09-a4bc-d5d6a7e6e8f9-d0\","
	      "\"iv_offset\":0,\"device\":\"253:2\",\"offset\":32768,"
	      "\"features\":[\"allow_discards\"]}");
	/* a null cipher has no key: "-", hidden as dmsetup hides it */
	check_table("crypt", "cipher_null-ecb - 0 7:0 0",
	      "{\"cipher\":\"cipher_null-ecb\",\"key\":\"0\",\"iv_offset\":0,\"device\":\"7:0\","
	      "\"offset\":0,\"features\":[]}");
	check_table("crypt", "aes-cbc-essiv:sha256 00112233445566778899aabbccddeeff 256 7:1 0 "
	      "3 allow_discards same_cpu_crypt sector_size:4096",
	      "{\"cipher\":\"aes-cbc-essiv:sha256\",\"key\":\"00000000000000000000000000000000\","
	      "\"iv_offset\":256,\"device\":\"7:1\",\"offset\":0,"
	      "\"features\":[\"allow_discards\",\"same_cpu_crypt\",\"sector_size:4096\"]}");
	check_table("crypt", "aes-xts-plain64 00 0 7:0 0 2 allow_discards", NULL);
	check_table("crypt", "aes-xts-plain64 00 0 7:0 0 1 allow_discards same_cpu_crypt", NULL);
	check_table("crypt", "aes-xts-plain64 00 0 7:0 0 x", NULL);
	check_table("crypt", "aes-xts-plain64 00 x 7:0 0", NULL);
	check_table("crypt", "aes-xts-plain64 00 0 7:0", NULL);
	check_status("crypt", "", "{}");
	check_status("crypt", "x", NULL);
}

static void test_flakey(void)
{
	check_table("flakey", "7:0 0 5 1 0",
	      "{\"device\":\"7:0\",\"offset\":0,\"up_interval\":5,\"down_interval\":1,"
	      "\"features\":[]}");
	check_table("flakey", "7:0 0 5 1",
	      "{\"device\":\"7:0\",\"offset\":0,\"up_interval\":5,\"down_interval\":1,"
	      "\"features\":[]}");
	check_table("flakey", "7:0 0 5 1 1 drop_writes",
	      "{\"device\":\"7:0\",\"offset\":0,\"up_interval\":5,\"down_interval\":1,"
	      "\"features\":[\"drop_writes\"]}");
	check_table("flakey", "7:0 0 0 1 5 corrupt_bio_byte 32 w 1 1",
	      "{\"device\":\"7:0\",\"offset\":0,\"up_interval\":0,\"down_interval\":1,"
	      "\"features\":[\"corrupt_bio_byte\",\"32\",\"w\",\"1\",\"1\"]}");
	check_table("flakey", "7:0 0 5 1 5 corrupt_bio_byte 32 w 1", NULL);
	check_table("flakey", "7:0 0 5", NULL);
	check_table("flakey", "7:0 0 five 1 0", NULL);
	check_status("flakey", "", "{}");
	check_status("flakey", "0", NULL);
}

static void test_thin_pool(void)
{
	/* the kernel ends these lines with a space */
	check_table("thin-pool", "7:0 7:1 128 0 0 ",
	      "{\"metadata_device\":\"7:0\",\"data_device\":\"7:1\",\"data_block_size\":128,"
	      "\"low_water_mark\":0,\"features\":[]}");
	check_table("thin-pool", "253:1 253:2 1024 32768 2 skip_block_zeroing error_if_no_space ",
	      "{\"metadata_device\":\"253:1\",\"data_device\":\"253:2\",\"data_block_size\":1024,"
	      "\"low_water_mark\":32768,\"features\":[\"skip_block_zeroing\",\"error_if_no_space\"]}");
	check_table("thin-pool", "7:0 7:1 128",
	      NULL);
	check_table("thin-pool", "7:0 7:1 128 0 1 ", NULL);
	check_status("thin-pool", "0 10/4096 0/1638 - rw discard_passdown queue_if_no_space - 1024 ",
	       "{\"transaction_id\":0,\"used_metadata_blocks\":10,\"total_metadata_blocks\":4096,"
	       "\"used_data_blocks\":0,\"total_data_blocks\":1638,\"held_metadata_root\":null,"
	       "\"mode\":\"rw\",\"discard_passdown\":true,\"error_if_no_space\":false,"
	       "\"needs_check\":false,\"metadata_low_watermark\":1024}");
	check_status("thin-pool", "3 211/4161600 1638/1638 71 out_of_data_space no_discard_passdown "
	       "error_if_no_space needs_check 1024 ",
	       "{\"transaction_id\":3,\"used_metadata_blocks\":211,"
	       "\"total_metadata_blocks\":4161600,\"used_data_blocks\":1638,"
	       "\"total_data_blocks\":1638,\"held_metadata_root\":71,"
	       "\"mode\":\"out_of_data_space\",\"discard_passdown\":false,"
	       "\"error_if_no_space\":true,\"needs_check\":true,\"metadata_low_watermark\":1024}");
	/* ignore_discard: not passed down, and said so */
	check_status("thin-pool", "1 12/4096 5/1638 - ro ignore_discard queue_if_no_space - 1024 ",
	       "{\"transaction_id\":1,\"used_metadata_blocks\":12,\"total_metadata_blocks\":4096,"
	       "\"used_data_blocks\":5,\"total_data_blocks\":1638,\"held_metadata_root\":null,"
	       "\"mode\":\"ro\",\"discard_passdown\":false,\"ignore_discard\":true,"
	       "\"error_if_no_space\":false,\"needs_check\":false,\"metadata_low_watermark\":1024}");
	/* older kernels stop before the watermark */
	check_status("thin-pool", "0 10/4096 0/1638 - rw discard_passdown queue_if_no_space -",
	       "{\"transaction_id\":0,\"used_metadata_blocks\":10,\"total_metadata_blocks\":4096,"
	       "\"used_data_blocks\":0,\"total_data_blocks\":1638,\"held_metadata_root\":null,"
	       "\"mode\":\"rw\",\"discard_passdown\":true,\"error_if_no_space\":false,"
	       "\"needs_check\":false}");
	check_status("thin-pool", "Fail", "{\"state\":\"Fail\"}");
	check_status("thin-pool", "Error", "{\"state\":\"Error\"}");
	check_status("thin-pool", "0 10/4096 0/1638 - bogus discard_passdown queue_if_no_space - 1024", NULL);
	check_status("thin-pool", "0 10/4096 0/1638 - rw passdown queue_if_no_space - 1024", NULL);
	check_status("thin-pool", "0 10/4096 0/1638 - rw discard_passdown queue - 1024", NULL);
	check_status("thin-pool", "0 10/4096 0/1638 - rw discard_passdown queue_if_no_space x 1024", NULL);
	check_status("thin-pool", "0 10-4096 0/1638 - rw discard_passdown queue_if_no_space - 1024", NULL);
	check_status("thin-pool", "0 10/ 0/1638 - rw discard_passdown queue_if_no_space - 1024", NULL);
	check_status("thin-pool", "0 10/4096 0/1638 x rw discard_passdown queue_if_no_space - 1024", NULL);
	check_status("thin-pool", "0 10/4096 0/1638 - rw discard_passdown queue_if_no_space - 1024 7", NULL);
	check_status("thin-pool", "fail", NULL);
}

static void test_thin(void)
{
	check_table("thin", "253:3 1", "{\"pool_device\":\"253:3\",\"device_id\":1}");
	check_table("thin", "253:3 2 7:2",
	      "{\"pool_device\":\"253:3\",\"device_id\":2,\"external_origin\":\"7:2\"}");
	check_table("thin", "253:3", NULL);
	check_table("thin", "253:3 one", NULL);
	check_table("thin", "253:3 1 7:2 x", NULL);
	check_status("thin", "0 -", "{\"mapped_sectors\":0,\"highest_mapped_sector\":null}");
	check_status("thin", "131072 131071",
	       "{\"mapped_sectors\":131072,\"highest_mapped_sector\":131071}");
	check_status("thin", "Fail", "{\"state\":\"Fail\"}");
	check_status("thin", "Error", "{\"state\":\"Error\"}");
	check_status("thin", "0", NULL);
	check_status("thin", "- -", NULL);
}

static void test_snapshot(void)
{
	check_table("snapshot", "7:0 7:1 P 8",
	      "{\"origin\":\"7:0\",\"cow_device\":\"7:1\",\"persistent\":true,\"overflow\":false,"
	      "\"chunk_size\":8}");
	check_table("snapshot", "7:0 7:1 PO 16",
	      "{\"origin\":\"7:0\",\"cow_device\":\"7:1\",\"persistent\":true,\"overflow\":true,"
	      "\"chunk_size\":16}");
	check_table("snapshot", "253:0 253:1 N 8",
	      "{\"origin\":\"253:0\",\"cow_device\":\"253:1\",\"persistent\":false,"
	      "\"overflow\":false,\"chunk_size\":8}");
	check_table("snapshot", "7:0 7:1 P 8 2 discard_zeroes_cow discard_passdown_origin",
	      "{\"origin\":\"7:0\",\"cow_device\":\"7:1\",\"persistent\":true,\"overflow\":false,"
	      "\"chunk_size\":8,\"features\":[\"discard_zeroes_cow\",\"discard_passdown_origin\"]}");
	check_table("snapshot-merge", "7:0 7:1 P 8",
	      "{\"origin\":\"7:0\",\"cow_device\":\"7:1\",\"persistent\":true,\"overflow\":false,"
	      "\"chunk_size\":8}");
	check_table("snapshot", "7:0 7:1 NO 8", NULL);
	check_table("snapshot", "7:0 7:1 p 8", NULL);
	check_table("snapshot", "7:0 7:1 P", NULL);
	check_table("snapshot", "7:0 7:1 P 8 1", NULL);
	check_table("snapshot-origin", "7:0", "{\"origin\":\"7:0\"}");
	check_table("snapshot-origin", "7:0 7:1", NULL);
	check_status("snapshot", "16/204800 16",
	       "{\"allocated_sectors\":16,\"total_sectors\":204800,\"metadata_sectors\":16}");
	check_status("snapshot-merge", "0/204800 0",
	       "{\"allocated_sectors\":0,\"total_sectors\":204800,\"metadata_sectors\":0}");
	check_status("snapshot", "Invalid", "{\"state\":\"Invalid\"}");
	check_status("snapshot", "Overflow", "{\"state\":\"Overflow\"}");
	check_status("snapshot-merge", "Merge failed", "{\"state\":\"Merge failed\"}");
	check_status("snapshot", "Merge", NULL);
	check_status("snapshot", "16/204800", NULL);
	check_status("snapshot", "16 16", NULL);
	check_status("snapshot", "16/204800/3 16", NULL);
	check_status("snapshot-origin", "", "{}");
}

static void test_others(void)
{
	/* types lodm does not parse, whatever their text */
	check_table("error", "", NULL);
	check_status("zero", "", NULL);
	check_table("raid", "raid1 3 0 region_size 1024 2 - 7:0 - 7:1", NULL);
	check_table("Linear", "7:0 0", NULL);
	CHECK(!dm_target_fields(NULL, "7:0 0", TABLE, HIDE_KEYS), "no type");
	CHECK(!dm_target_fields("linear", NULL, TABLE, HIDE_KEYS), "no params");
}

int main(void)
{
	test_linear();
	test_striped();
	test_crypt();
	test_flakey();
	test_thin_pool();
	test_thin();
	test_snapshot();
	test_others();
	return unit_finish("unit-dmfields");
}
