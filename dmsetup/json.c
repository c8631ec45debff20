/*
 * JSON output (-J, --json, --reportformat json), lodm's addition: which
 * commands have it, and the printing of the documents.  All of them go
 * through json-c: libsmartcols (2.38) writes an empty list cell as [null],
 * and one writer keeps dmsetup's documents alike and its start-up light
 * (udev's rules start it twice for every event).  losetup -J keeps
 * libsmartcols, for util-linux's exact bytes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <json-c/json.h>

#include "dmsetup.h"

int json_print(struct json_object *doc)
{
	const char *text = json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
							  JSON_C_TO_STRING_NOSLASHESCAPE);

	if (!text || puts(text) == EOF)
		return -1;
	return 0;
}

int json_supported(const char *command)
{
	static const char *const with_json[] = {
		"info", "splitname", "version", "targets", "target-version", NULL,
	};
	size_t i;

	for (i = 0; with_json[i]; i++)
		if (!strcmp(command, with_json[i]))
			return 1;
	return 0;
}
