/*
 * JSON output (-J, --json, --reportformat json), lodm's addition: which
 * commands have it, and the printing of the documents.  All of them go
 * through json-c: libsmartcols (2.38) writes an empty list cell as [null],
 * and one writer keeps dmsetup's documents alike and its start-up light
 * (udev's rules start it twice for every event).  losetup -J keeps
 * libsmartcols, for util-linux's exact bytes.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <json-c/json.h>

#include "dmsetup.h"
#include "json.h"
#include "jsonput.h"

/* The open {"<key>": [...]} document of the running command. */
static struct json_object *open_doc, *open_list;

int doc_open(const char *key)
{
	if (!(open_doc = json_object_new_object()) || !(open_list = jput_list(open_doc, key)))
		open_doc = jdrop(open_doc);
	return open_list ? 0 : -ENOMEM;
}

int doc_begin(const char *key)
{
	return opt.json ? doc_open(key) : 0;
}

struct json_object *doc_list(void)
{
	return open_list;
}

int doc_end(int rc)
{
	int print_rc;

	if (open_doc && (print_rc = doc_print(open_doc)) < 0 && rc == 0)
		rc = print_rc;
	open_doc = jdrop(open_doc);
	open_list = NULL;
	return rc;
}

int doc_print(struct json_object *doc)
{
	const char *text = json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
							  JSON_C_TO_STRING_NOSLASHESCAPE);

	if (!text || puts(text) == EOF)
		return -EIO;
	return 0;
}

int doc_supported(const char *command)
{
	static const char *const with_json[] = {
		"info", "ls", "table", "status", "measure", "deps", "splitname", "version",
		"targets", "target-version", "udevcookies", "udevflags", NULL,
	};
	size_t i;

	for (i = 0; with_json[i]; i++)
		if (!strcmp(command, with_json[i]))
			return 1;
	return 0;
}

int doc_put_device(struct json_object *obj, const char *name, const char *uuid, dev_t devno)
{
	if (jput_str(obj, "name", name) || jput_str_or_null(obj, "uuid", uuid) ||
	    jput_u64(obj, "major", major(devno)) || jput_u64(obj, "minor", minor(devno)))
		return -ENOMEM;
	return 0;
}
