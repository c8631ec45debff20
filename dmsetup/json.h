/*
 * dmsetup's JSON documents (-J, --json, --reportformat json), lodm's
 * addition, all written through json-c (json.c says why).
 */
#ifndef DMSETUP_JSON_H
#define DMSETUP_JSON_H

#include <sys/types.h>

struct json_object;

/* Prints a document; 0, or -EIO when stdout failed. */
int doc_print(struct json_object *doc);
/*
 * The -J document {"<key>": [...]} of a command: begun before the work (0,
 * or -ENOMEM; without -J nothing is begun), its list at hand meanwhile
 * (NULL without -J), printed at the end, also after a failure (rc, the
 * work's result) with what was found.  doc_end returns rc, or -EIO when
 * stdout failed.  None of them tells a failure.
 */
int doc_begin(const char *key);
/* The same whatever -J says (the report knows its form itself). */
int doc_open(const char *key);
struct json_object *doc_list(void);
int doc_end(int rc);
/* A device's "name", "uuid" (null when it has none), "major" and "minor"; 0 or -ENOMEM. */
int doc_put_device(struct json_object *obj, const char *name, const char *uuid, dev_t devno);
/* 1 when the command has a JSON form (-J). */
int doc_supported(const char *command);

#endif
