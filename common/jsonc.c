/* json-c through dlopen (jsonc.h says why). */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <json-c/json.h>

#include "jsonc.h"

/* json-c's functions, typed from its header. */
#define JSONC_FN(name)	__typeof__(&name) name
static struct {
	void *lib;
	JSONC_FN(json_object_new_object);
	JSONC_FN(json_object_new_array);
	JSONC_FN(json_object_new_boolean);
	JSONC_FN(json_object_new_string);
	JSONC_FN(json_object_new_string_len);
	JSONC_FN(json_object_new_int64);
	JSONC_FN(json_object_new_uint64);
	JSONC_FN(json_object_array_add);
	JSONC_FN(json_object_object_add);
	JSONC_FN(json_object_put);
	JSONC_FN(json_object_to_json_string_ext);
} jc;

/* The loader's message of the last failure. */
static char load_error[512];

static int load_failed(void *lib)
{
	const char *why = dlerror();

	snprintf(load_error, sizeof(load_error), "%s%s%s", lib ? JSONC_SONAME ": " : "",
		 why ? why : "", why ? "" : "cannot be loaded");
	if (lib)
		dlclose(lib);
	return -ELIBACC;
}

int jsonc_load(void)
{
	void *lib;

	if (jc.lib)
		return 0;
	if (!(lib = dlopen(JSONC_SONAME, RTLD_NOW | RTLD_LOCAL)))
		return load_failed(NULL);
#define JSONC_LOAD(name) \
	if (!(jc.name = (__typeof__(jc.name))dlsym(lib, #name))) \
		return load_failed(lib)
	JSONC_LOAD(json_object_new_object);
	JSONC_LOAD(json_object_new_array);
	JSONC_LOAD(json_object_new_boolean);
	JSONC_LOAD(json_object_new_string);
	JSONC_LOAD(json_object_new_string_len);
	JSONC_LOAD(json_object_new_int64);
	JSONC_LOAD(json_object_new_uint64);
	JSONC_LOAD(json_object_array_add);
	JSONC_LOAD(json_object_object_add);
	JSONC_LOAD(json_object_put);
	JSONC_LOAD(json_object_to_json_string_ext);
#undef JSONC_LOAD
	jc.lib = lib;
	return 0;
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
