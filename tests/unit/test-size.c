/* size_parse: util-linux's size syntax, values and errors. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "size.h"
#include "unit.h"


static void expect(const char *in, int want_rc, uint64_t want)
{
	uint64_t v = 0;
	int rc = size_parse(in, &v);

	checks++;

	if (rc != want_rc || (rc == 0 && v != want)) {
		printf("FAIL size_parse(\"%s\") = %d, %" PRIu64 "; want %d, %" PRIu64 "\n",
		       in, rc, v, want_rc, want);
		failures++;
	}
}

int main(void)
{
	expect("0", 0, 0);
	expect("512", 0, 512);
	expect("0x10", 0, 16);
	expect("010", 0, 8);
	expect(" 5", 0, 5);
	expect("1K", 0, 1024);
	expect("1k", 0, 1024);
	expect("1KiB", 0, 1024);
	expect("1Kib", 0, 1024);
	expect("1KB", 0, 1000);
	expect("1kb", 0, 1000);
	expect("2M", 0, 2 * 1024 * 1024);
	expect("3MB", 0, 3000000);
	expect("1G", 0, UINT64_C(1) << 30);
	expect("1T", 0, UINT64_C(1) << 40);
	expect("1P", 0, UINT64_C(1) << 50);
	expect("1E", 0, UINT64_C(1) << 60);
	expect("15E", 0, UINT64_C(15) << 60);
	expect("1.5K", 0, 1536);
	expect("1.05K", 0, 1024 + 1024 / 20);
	expect("0.5K", 0, 512);
	/* util-linux sums each digit's share, truncated: 0.25M is 1 byte short */
	expect("0.25M", 0, 262143);
	expect("1.0K", 0, 1024);
	expect("1.25G", 0, (UINT64_C(1) << 30) + (UINT64_C(1) << 28) - 1);
	expect("18446744073709551615", 0, UINT64_MAX);

	expect("", -EINVAL, 0);
	expect("-5", -EINVAL, 0);
	expect(" -5", -EINVAL, 0);
	expect("abc", -EINVAL, 0);
	expect("5 ", -EINVAL, 0);
	expect("1Q", -EINVAL, 0);
	expect("1e3", -EINVAL, 0);
	expect("1.5", -EINVAL, 0);
	expect("1.0", -EINVAL, 0);
	expect("1.", -EINVAL, 0);
	expect("1B", -EINVAL, 0);
	expect("1iB", -EINVAL, 0);
	expect("1KiBx", -EINVAL, 0);
	expect("16E", -ERANGE, 0);
	expect("20E", -ERANGE, 0);
	expect("1Z", -ERANGE, 0);
	expect("18446744073709551616", -ERANGE, 0);
	expect("99999999999999999999", -ERANGE, 0);
	expect("1.999999999999999999999K", -ERANGE, 0);

	return unit_finish("unit-size");
}
