/* Device-mapper table text: the lines dmsetup create/load read. */
#ifndef LODM_DMTABLE_H
#define LODM_DMTABLE_H

#include <stddef.h>
#include <stdio.h>

#include "dm.h"

struct dm_table {
	struct dm_target *targets;	/* params point into text */
	size_t count, alloc;
	char *text;			/* owned copy of the table text (wiped when freed) */
	size_t text_size;
};

/*
 * Parses table text: one target a line ("start length type params"), blank
 * lines and '#' comments skipped, surrounding white space trimmed, numbers
 * read as dmsetup's sscanf reads them.  Returns 0, -ENOMEM, or -EINVAL with
 * *bad_line set to the 1-based line, or -ENAMETOOLONG (a target type of
 * DM_MAX_TYPE_NAME bytes or more) with *bad_line and *bad_type (in t->text).
 */
int dm_table_parse(const char *text, struct dm_table *t, int *bad_line,
		   const char **bad_type);
/*
 * Reads all of f (bounded) into a string; -EFBIG past max bytes.  A NUL byte
 * ends its line's text (the rest of that line is dropped), as dmsetup's
 * line-by-line reading has it.  f is made unbuffered first (no copy of a key
 * is left in stdio's buffer) and the buffers let go while growing are wiped:
 * free the text with dm_free_wiped(text, strlen(text)) once used.
 */
int dm_table_read(FILE *f, size_t max, char **text);
/* Frees t, wiping its copy of the text. */
void dm_table_free(struct dm_table *t);

/*
 * What dmsetup shows of a target's table parameters without --showkeys:
 * the key characters become '0' (crypt's key unless it names a kernel key,
 * ":..."; integrity's keyed options), in place.
 */
void dm_table_hide_keys(const char *type, char *params);
/* 1 when a target of this type may have keys for dm_table_hide_keys to hide. */
int dm_table_may_have_keys(const char *type);
/*
 * 1 when a target's parameters hold a key: exactly what dm_table_hide_keys
 * hides, unless empty or crypt's "-" (no key: cipher_null).  A table load
 * with such a target is sent with DM_SECURE_DATA_FLAG.
 */
int dm_table_has_keys(const char *type, const char *params);
/* 1 when a target message sets a key (dm-crypt's "key set <key>"). */
int dm_message_has_key(const char *message);

/*
 * dmsetup's concise format: devices separated by ';', each
 * "name,uuid,minor,flags,table" with the table's lines separated by ','; a
 * backslash takes the next character as it is; blanks after a separating
 * ',' or ';' are skipped.  Parsed one device at a time, as dmsetup creates
 * each before it reads the next.
 */
enum dm_concise_field { DM_CONCISE_NAME, DM_CONCISE_UUID, DM_CONCISE_MINOR,
			DM_CONCISE_FLAGS, DM_CONCISE_TABLE, DM_CONCISE_FIELDS };
struct dm_concise_dev {
	const char *field[DM_CONCISE_FIELDS];	/* NULL: not reached */
	int nfields;				/* fields parsed */
};
enum dm_concise_error {
	DM_CONCISE_BACKSLASH_AT_END = 1,	/* a backslash ends the text */
	DM_CONCISE_TOO_FEW_FIELDS,		/* a device ended before its table */
	DM_CONCISE_INCOMPLETE,			/* the text ended inside a device */
};
struct dm_concise {
	char *text;		/* owned copy, rewritten in place (wiped when freed) */
	size_t size;
	char *in, *out;		/* read and write positions in it */
	enum dm_concise_error error;
};
int dm_concise_init(struct dm_concise *c, const char *spec);
/*
 * The next device: 1 with every field set (the table's lines joined by
 * '\n'), 0 after the last one, or -EINVAL with c->error set and dev holding
 * the fields parsed so far.
 */
int dm_concise_next(struct dm_concise *c, struct dm_concise_dev *dev);
void dm_concise_free(struct dm_concise *c);

#endif
