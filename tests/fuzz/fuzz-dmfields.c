/*
 * dm_target_fields (common/dmfields.c): a target's table or status
 * parameters, as the kernel reports them, turned into JSON for dmsetup -J.
 * Input: one byte (type, table or status, showkeys) then the parameters.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dmfields.h"
#include "fuzz.h"

static const char *const types[] = {
	"linear", "striped", "crypt", "flakey", "thin-pool", "thin", "snapshot",
	"snapshot-merge", "snapshot-origin", "integrity", "error", "zero",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_object *o;
	char *params;
	unsigned sel;

	if (!size)
		return 0;
	sel = data[0];
	params = fuzz_string(data + 1, size - 1);
	o = dm_target_fields(types[(sel >> 2) % (sizeof(types) / sizeof(types[0]))], params,
			     sel & 1, !!(sel & 2));
	if (o) {
		if (!json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN))
			abort();
		json_object_put(o);
	}
	free(params);
	return 0;
}
