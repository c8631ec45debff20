/* size_parse (common/size.c): losetup's -o/--sizelimit values, any text. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "fuzz.h"
#include "size.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	uint64_t v = 1;
	int rc = size_parse(s, &v);

	/* the contract: 0, -EINVAL or -ERANGE, and *out is 0 on a syntax error */
	if (rc != 0 && rc != -EINVAL && rc != -ERANGE)
		abort();
	if (rc == -EINVAL && v != 0)
		abort();
	free(s);
	return 0;
}
