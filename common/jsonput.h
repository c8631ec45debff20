/*
 * Building json-c documents with every allocation checked: each helper
 * returns 0 or -ENOMEM and never leaks the value it was handed.
 *
 * Nothing here prints or exits.
 */
#ifndef LODM_JSONPUT_H
#define LODM_JSONPUT_H

#include <stdint.h>
#include <json-c/json.h>

/* Frees obj (NULL is fine) and returns NULL, for "return jdrop(obj);". */
struct json_object *jdrop(struct json_object *obj);

/* Adds val under key / at the end of list; val NULL is a failed allocation. */
int jput(struct json_object *obj, const char *key, struct json_object *val);
int jappend(struct json_object *list, struct json_object *val);

/* int64 wherever the value fits, so that readers without uint64 support
 * still see an ordinary number. */
struct json_object *jnew_u64(uint64_t v);

int jput_str(struct json_object *obj, const char *key, const char *s);
/* s, or null when s is NULL or empty (a device without uuid). */
int jput_str_or_null(struct json_object *obj, const char *key, const char *s);
int jput_bool(struct json_object *obj, const char *key, int b);
int jput_u64(struct json_object *obj, const char *key, uint64_t v);
int jput_null(struct json_object *obj, const char *key);

/* A new empty list or object, put under key or appended to list and handed
 * back for filling; its parent owns it, so freeing the parent frees all. */
struct json_object *jput_list(struct json_object *obj, const char *key);
struct json_object *jput_object(struct json_object *obj, const char *key);
struct json_object *jappend_object(struct json_object *list);

#endif
