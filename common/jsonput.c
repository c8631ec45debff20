/* Checked building of json-c documents (see jsonput.h). */
#include "config.h"

#include <errno.h>

#include "jsonput.h"

struct json_object *jdrop(struct json_object *obj)
{
	json_object_put(obj);
	return NULL;
}

/* json-c leaves val with the caller when an add fails, so it is freed here. */
int jput(struct json_object *obj, const char *key, struct json_object *val)
{
	if (!val)
		return -ENOMEM;
	if (json_object_object_add(obj, key, val)) {
		json_object_put(val);
		return -ENOMEM;
	}
	return 0;
}

int jappend(struct json_object *list, struct json_object *val)
{
	if (!val)
		return -ENOMEM;
	if (json_object_array_add(list, val)) {
		json_object_put(val);
		return -ENOMEM;
	}
	return 0;
}

struct json_object *jnew_u64(uint64_t v)
{
	return v > INT64_MAX ? json_object_new_uint64(v) : json_object_new_int64((int64_t)v);
}

int jput_str(struct json_object *obj, const char *key, const char *s)
{
	return jput(obj, key, json_object_new_string(s));
}

int jput_str_or_null(struct json_object *obj, const char *key, const char *s)
{
	return s && *s ? jput_str(obj, key, s) : jput_null(obj, key);
}

int jput_bool(struct json_object *obj, const char *key, int b)
{
	return jput(obj, key, json_object_new_boolean(b));
}

int jput_u64(struct json_object *obj, const char *key, uint64_t v)
{
	return jput(obj, key, jnew_u64(v));
}

int jput_null(struct json_object *obj, const char *key)
{
	return json_object_object_add(obj, key, NULL) ? -ENOMEM : 0;
}

struct json_object *jput_list(struct json_object *obj, const char *key)
{
	struct json_object *list = json_object_new_array();

	return jput(obj, key, list) ? NULL : list;
}

struct json_object *jput_object(struct json_object *obj, const char *key)
{
	struct json_object *child = json_object_new_object();

	return jput(obj, key, child) ? NULL : child;
}

struct json_object *jappend_object(struct json_object *list)
{
	struct json_object *obj = json_object_new_object();

	return jappend(list, obj) ? NULL : obj;
}
