/*
 * json-c, loaded when the first JSON value is made, not at every start:
 * only -J needs it, and mapping it costs a tenth of a run of "dmsetup ls" or
 * "dmsetup create" (bench/README.md), which udev's rules start for every
 * event.  dmsetup is not linked with json-c: these definitions of the
 * functions it and common/dmfields.c use (typed by json-c's header) load the
 * library (dlopen) on the first call and forward to it; a function missing
 * here fails the link.
 */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <json-c/json.h>

#include "dmsetup.h"

/* The library's function name; exits (as the loader would) when it cannot be had. */
static void *jsonc(const char *name)
{
	static void *lib;
	void *fn;

	if (!lib && !(lib = dlopen(JSONC_SONAME, RTLD_NOW | RTLD_LOCAL))) {
		log_err("%s", dlerror());
		exit(EXIT_FAILURE);
	}
	if (!(fn = dlsym(lib, name))) {
		log_err("%s: %s", JSONC_SONAME, dlerror());
		exit(EXIT_FAILURE);
	}
	return fn;
}

#define FORWARD(ret, name, params, args)				\
	ret name params							\
	{								\
		static __typeof__(&name) fn;				\
									\
		if (!fn)						\
			fn = (__typeof__(&name))jsonc(#name);		\
		return fn args;						\
	}

FORWARD(struct json_object *, json_object_new_object, (void), ())
FORWARD(struct json_object *, json_object_new_array, (void), ())
FORWARD(struct json_object *, json_object_new_boolean, (json_bool b), (b))
FORWARD(struct json_object *, json_object_new_string, (const char *s), (s))
FORWARD(struct json_object *, json_object_new_string_len, (const char *s, const int len), (s, len))
FORWARD(struct json_object *, json_object_new_int64, (int64_t i), (i))
FORWARD(struct json_object *, json_object_new_uint64, (uint64_t i), (i))
FORWARD(int, json_object_array_add, (struct json_object *obj, struct json_object *val), (obj, val))
FORWARD(int, json_object_object_add, (struct json_object *obj, const char *key,
				      struct json_object *val), (obj, key, val))
/* (called with NULL on paths without JSON: that needs no library) */
int json_object_put(struct json_object *obj)
{
	static __typeof__(&json_object_put) fn;

	if (!obj)
		return 0;
	if (!fn)
		fn = (__typeof__(&json_object_put))jsonc("json_object_put");
	return fn(obj);
}
FORWARD(const char *, json_object_to_json_string_ext, (struct json_object *obj, int flags),
	(obj, flags))
