/* json-c through dlopen (jsonc.h says why). */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>

#include "dlsym.h"
#include "jsonc.h"

/* The json-c functions lodm uses, each once: the list below makes both the
 * typed pointers and the loader's table. */
#define JSONC_FUNCTIONS(X)			\
	X(json_object_new_object)		\
	X(json_object_new_array)		\
	X(json_object_new_boolean)		\
	X(json_object_new_string)		\
	X(json_object_new_string_len)		\
	X(json_object_new_int64)		\
	X(json_object_new_uint64)		\
	X(json_object_new_double_s)		\
	X(json_object_array_add)		\
	X(json_object_object_add)		\
	X(json_object_put)			\
	X(json_object_to_json_string_ext)

/* json-c's functions, typed from its header. */
#define JSONC_POINTER(name)	__typeof__(&name) name;
static struct {
	void *lib;
	JSONC_FUNCTIONS(JSONC_POINTER)
} jc;

#define JSONC_SYMBOL(name)	{ #name, (void **)&jc.name },
static const struct dl_symbol jsonc_symbols[] = { JSONC_FUNCTIONS(JSONC_SYMBOL) };

/* The loader's message of the last failure. */
static char load_error[512];

int jsonc_load(void)
{
	if (jc.lib)
		return 0;
	return dl_load_symbols(JSONC_SONAME, "", jsonc_symbols,
			       sizeof(jsonc_symbols) / sizeof(jsonc_symbols[0]),
			       &jc.lib, load_error, sizeof(load_error));
}

const char *jsonc_load_error(void)
{
	return load_error;
}

/* Each forwarder: the library's function, or json-c's failure value without it. */
#define FORWARD(ret, name, params, args, failed)			\
	ret name params							\
	{								\
		if (jsonc_load() < 0)					\
			return failed;					\
		return jc.name args;					\
	}

FORWARD(struct json_object *, json_object_new_object, (void), (), NULL)
FORWARD(struct json_object *, json_object_new_array, (void), (), NULL)
FORWARD(struct json_object *, json_object_new_boolean, (json_bool b), (b), NULL)
FORWARD(struct json_object *, json_object_new_string, (const char *s), (s), NULL)
FORWARD(struct json_object *, json_object_new_string_len, (const char *s, const int len), (s, len),
	NULL)
FORWARD(struct json_object *, json_object_new_int64, (int64_t i), (i), NULL)
FORWARD(struct json_object *, json_object_new_uint64, (uint64_t i), (i), NULL)
FORWARD(struct json_object *, json_object_new_double_s, (double d, const char *ds), (d, ds), NULL)
FORWARD(int, json_object_array_add, (struct json_object *obj, struct json_object *val),
	(obj, val), -1)
FORWARD(int, json_object_object_add, (struct json_object *obj, const char *key,
				      struct json_object *val), (obj, key, val), -1)
FORWARD(const char *, json_object_to_json_string_ext, (struct json_object *obj, int flags),
	(obj, flags), NULL)

/* (called with NULL on paths without JSON: that needs no library) */
int json_object_put(struct json_object *obj)
{
	if (!obj || jsonc_load() < 0)
		return 0;
	return jc.json_object_put(obj);
}
