/*
 * Device-mapper target parameters as typed JSON: the table and status
 * lines of the targets lodm knows, in the forms kernel 6.1 prints them
 * (Documentation/admin-guide/device-mapper/).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dmfields.h"
#include "dmtable.h"
#include "jsonput.h"

/* The parameters split at blanks, in an owned and writable copy: the kernel
 * separates words with one space but leaves a trailing one on some lines. */
struct words {
	char *text;		/* (may hold a key: wiped when freed) */
	size_t size;
	char **word;
	size_t count;
};

static void words_free(struct words *w)
{
	dm_free_wiped(w->text, w->size);
	free(w->word);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static int words_split(const char *params, struct words *w)
{
	size_t len = strlen(params), i;

	w->count = 0;
	w->size = len + 1;
	w->text = strdup(params);
	/* a word and its separator take two characters, the last word one */
	w->word = malloc((len / 2 + 1) * sizeof(*w->word));
	if (!w->text || !w->word) {
		words_free(w);
		return -ENOMEM;
	}
	for (i = 0; i < len; i++) {
		if (is_blank(w->text[i]))
			w->text[i] = '\0';
		else if (i == 0 || w->text[i - 1] == '\0')
			w->word[w->count++] = &w->text[i];
	}
	return 0;
}

/* A whole decimal number.  The first-character check is needed because
 * strtoull alone takes leading blanks and a sign, and negates "-1". */
static int parse_u64(const char *s, uint64_t *value)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return -EINVAL;
	*value = v;
	return 0;
}

/* ---- building the object: every helper returns 0 or -errno ---- */

/* A word that must be a number. */
static int put_number(struct json_object *obj, const char *key, const char *word)
{
	uint64_t v;

	if (parse_u64(word, &v))
		return -EINVAL;
	return jput_u64(obj, key, v);
}

/* A number, or '-' for none (null). */
static int put_number_or_null(struct json_object *obj, const char *key, const char *word)
{
	return strcmp(word, "-") ? put_number(obj, key, word) : jput_null(obj, key);
}

/* "<used>/<total>" as two numbers; the word is split in place (it lives in
 * the owned copy). */
static int put_ratio(struct json_object *obj, const char *used_key, const char *total_key,
		     char *word)
{
	char *slash = strchr(word, '/');

	if (!slash)
		return -EINVAL;
	*slash = '\0';
	if (put_number(obj, used_key, word) || put_number(obj, total_key, slash + 1))
		return -EINVAL;
	return 0;
}

/* The optional "<#args> <arg>..." that ends a table line, from word first
 * on: an empty list when absent, else the count must match the words that
 * follow it exactly. */
static int put_features(struct json_object *obj, const struct words *w, size_t first)
{
	struct json_object *list;
	uint64_t n = 0;
	size_t i;

	if (first < w->count && (parse_u64(w->word[first], &n) || n != w->count - first - 1))
		return -EINVAL;
	list = jput_list(obj, "features");
	if (!list)
		return -ENOMEM;
	for (i = first + 1; i < w->count; i++)
		if (jappend(list, json_object_new_string(w->word[i])))
			return -ENOMEM;
	return 0;
}

/* 1 when word is yes, 0 when it is no, -1 for anything else. */
static int keyword(const char *word, const char *yes, const char *no)
{
	if (!strcmp(word, yes))
		return 1;
	return strcmp(word, no) ? -1 : 0;
}

/* {"state": text}: the single-word lines a target prints instead of its
 * fields when it has failed. */
static struct json_object *state_object(const char *text)
{
	struct json_object *obj = json_object_new_object();

	if (!obj || jput_str(obj, "state", text))
		return jdrop(obj);
	return obj;
}

/* ---- table lines ---- */

typedef struct json_object *fields_parser(const struct words *w);

/* <dev> <offset> */
static struct json_object *linear_table(const struct words *w)
{
	struct json_object *obj;

	if (w->count != 2)
		return NULL;
	obj = json_object_new_object();
	if (!obj || jput_str(obj, "device", w->word[0]) || put_number(obj, "offset", w->word[1]))
		return jdrop(obj);
	return obj;
}

/* <#stripes> <chunk size> then <dev> <offset> for each stripe */
static struct json_object *striped_table(const struct words *w)
{
	struct json_object *obj, *devices, *dev;
	uint64_t stripes;
	size_t i;

	if (w->count < 4 || (w->count - 2) % 2 || parse_u64(w->word[0], &stripes) ||
	    stripes != (w->count - 2) / 2)
		return NULL;
	obj = json_object_new_object();
	if (!obj || jput_u64(obj, "stripes", stripes) ||
	    put_number(obj, "chunk_size", w->word[1]))
		return jdrop(obj);
	devices = jput_list(obj, "devices");
	if (!devices)
		return jdrop(obj);
	for (i = 2; i + 1 < w->count; i += 2) {
		dev = jappend_object(devices);
		if (!dev || jput_str(dev, "device", w->word[i]) ||
		    put_number(dev, "offset", w->word[i + 1]))
			return jdrop(obj);
	}
	return obj;
}

/* <cipher> <key> <iv_offset> <dev> <offset> [<#opt_params> <opt_params>...] */
static struct json_object *crypt_table(const struct words *w)
{
	struct json_object *obj;

	if (w->count < 5)
		return NULL;
	obj = json_object_new_object();
	/* (the key hidden already, unless showkeys) */
	if (!obj || jput_str(obj, "cipher", w->word[0]) || jput_str(obj, "key", w->word[1]) ||
	    put_number(obj, "iv_offset", w->word[2]) || jput_str(obj, "device", w->word[3]) ||
	    put_number(obj, "offset", w->word[4]) || put_features(obj, w, 5))
		return jdrop(obj);
	return obj;
}

/* <dev> <offset> <up interval> <down interval> [<#feature args> <args>...] */
static struct json_object *flakey_table(const struct words *w)
{
	struct json_object *obj;

	if (w->count < 4)
		return NULL;
	obj = json_object_new_object();
	if (!obj || jput_str(obj, "device", w->word[0]) || put_number(obj, "offset", w->word[1]) ||
	    put_number(obj, "up_interval", w->word[2]) ||
	    put_number(obj, "down_interval", w->word[3]) || put_features(obj, w, 4))
		return jdrop(obj);
	return obj;
}

/* <metadata dev> <data dev> <data block size> <low water mark>
 * [<#feature args> <args>...] */
static struct json_object *thin_pool_table(const struct words *w)
{
	struct json_object *obj;

	if (w->count < 4)
		return NULL;
	obj = json_object_new_object();
	if (!obj || jput_str(obj, "metadata_device", w->word[0]) ||
	    jput_str(obj, "data_device", w->word[1]) ||
	    put_number(obj, "data_block_size", w->word[2]) ||
	    put_number(obj, "low_water_mark", w->word[3]) || put_features(obj, w, 4))
		return jdrop(obj);
	return obj;
}

/* <pool dev> <dev id> [<external origin dev>] */
static struct json_object *thin_table(const struct words *w)
{
	struct json_object *obj;

	if (w->count != 2 && w->count != 3)
		return NULL;
	obj = json_object_new_object();
	if (!obj || jput_str(obj, "pool_device", w->word[0]) ||
	    put_number(obj, "device_id", w->word[1]) ||
	    (w->count == 3 && jput_str(obj, "external_origin", w->word[2])))
		return jdrop(obj);
	return obj;
}

/* <origin> <COW device> <P|N|PO> <chunksize> [<#feature args> <args>...]
 * (snapshot and snapshot-merge); the discard features of kernel 4.x on
 * appear as "features" only when the kernel prints them. */
static struct json_object *snapshot_table(const struct words *w)
{
	struct json_object *obj;
	const char *store;
	int persistent, overflow;

	if (w->count < 4)
		return NULL;
	store = w->word[2];
	persistent = store[0] == 'P';
	overflow = persistent && store[1] == 'O';
	if (strcmp(store, "N") && strcmp(store, "P") && strcmp(store, "PO"))
		return NULL;
	obj = json_object_new_object();
	if (!obj || jput_str(obj, "origin", w->word[0]) || jput_str(obj, "cow_device", w->word[1]) ||
	    jput_bool(obj, "persistent", persistent) || jput_bool(obj, "overflow", overflow) ||
	    put_number(obj, "chunk_size", w->word[3]) ||
	    (w->count > 4 && put_features(obj, w, 4)))
		return jdrop(obj);
	return obj;
}

/* <origin> */
static struct json_object *snapshot_origin_table(const struct words *w)
{
	struct json_object *obj;

	if (w->count != 1)
		return NULL;
	obj = json_object_new_object();
	if (!obj || jput_str(obj, "origin", w->word[0]))
		return jdrop(obj);
	return obj;
}

/* ---- status lines ---- */

/* Targets whose status line the kernel leaves empty. */
static struct json_object *empty_status(const struct words *w)
{
	return w->count ? NULL : json_object_new_object();
}

/* <#stripes> <dev>... 1 <one A (alive) or D (dead) for each stripe> */
static struct json_object *striped_status(const struct words *w)
{
	struct json_object *obj, *devices, *dev;
	const char *health;
	uint64_t stripes;
	size_t i;

	if (w->count < 4 || parse_u64(w->word[0], &stripes) || stripes != w->count - 3)
		return NULL;
	health = w->word[w->count - 1];
	if (strcmp(w->word[w->count - 2], "1") || strlen(health) != stripes)
		return NULL;
	obj = json_object_new_object();
	if (!obj || jput_u64(obj, "stripes", stripes))
		return jdrop(obj);
	devices = jput_list(obj, "devices");
	if (!devices)
		return jdrop(obj);
	for (i = 0; i < stripes; i++) {
		int alive = health[i] == 'A';

		if (!alive && health[i] != 'D')
			return jdrop(obj);
		dev = jappend_object(devices);
		if (!dev || jput_str(dev, "device", w->word[1 + i]) || jput_bool(dev, "alive", alive))
			return jdrop(obj);
	}
	return obj;
}

/* <transaction id> <used>/<total metadata> <used>/<total data> <held root|->
 * ro|rw|out_of_data_space <discards> <no space policy> needs_check|-
 * [<metadata low watermark>], or "Fail" or "Error" alone */
static struct json_object *thin_pool_status(const struct words *w)
{
	struct json_object *obj;
	int passdown, error_if_no_space, needs_check, ignore_discard;
	const char *mode;

	if (w->count == 1 && (!strcmp(w->word[0], "Fail") || !strcmp(w->word[0], "Error")))
		return state_object(w->word[0]);
	if (w->count != 8 && w->count != 9)
		return NULL;
	mode = w->word[4];
	if (strcmp(mode, "rw") && strcmp(mode, "ro") && strcmp(mode, "out_of_data_space"))
		return NULL;
	/* ignore_discard: discards are not even taken, let alone passed down */
	ignore_discard = !strcmp(w->word[5], "ignore_discard");
	passdown = ignore_discard ? 0 : keyword(w->word[5], "discard_passdown", "no_discard_passdown");
	error_if_no_space = keyword(w->word[6], "error_if_no_space", "queue_if_no_space");
	needs_check = keyword(w->word[7], "needs_check", "-");
	if (passdown < 0 || error_if_no_space < 0 || needs_check < 0)
		return NULL;
	obj = json_object_new_object();
	if (!obj || put_number(obj, "transaction_id", w->word[0]) ||
	    put_ratio(obj, "used_metadata_blocks", "total_metadata_blocks", w->word[1]) ||
	    put_ratio(obj, "used_data_blocks", "total_data_blocks", w->word[2]) ||
	    put_number_or_null(obj, "held_metadata_root", w->word[3]) ||
	    jput_str(obj, "mode", mode) || jput_bool(obj, "discard_passdown", passdown) ||
	    (ignore_discard && jput_bool(obj, "ignore_discard", 1)) ||
	    jput_bool(obj, "error_if_no_space", error_if_no_space) ||
	    jput_bool(obj, "needs_check", needs_check) ||
	    (w->count == 9 && put_number(obj, "metadata_low_watermark", w->word[8])))
		return jdrop(obj);
	return obj;
}

/* <nr mapped sectors> <highest mapped sector|->, or "Fail" or "Error" alone */
static struct json_object *thin_status(const struct words *w)
{
	struct json_object *obj;

	if (w->count == 1 && (!strcmp(w->word[0], "Fail") || !strcmp(w->word[0], "Error")))
		return state_object(w->word[0]);
	if (w->count != 2)
		return NULL;
	obj = json_object_new_object();
	if (!obj || put_number(obj, "mapped_sectors", w->word[0]) ||
	    put_number_or_null(obj, "highest_mapped_sector", w->word[1]))
		return jdrop(obj);
	return obj;
}

/* <sectors allocated>/<total sectors> <metadata sectors>, or one of
 * "Invalid", "Overflow", "Merge failed" (snapshot and snapshot-merge) */
static struct json_object *snapshot_status(const struct words *w)
{
	struct json_object *obj;

	if (w->count == 1 && (!strcmp(w->word[0], "Invalid") || !strcmp(w->word[0], "Overflow")))
		return state_object(w->word[0]);
	if (w->count != 2)
		return NULL;
	if (!strcmp(w->word[0], "Merge") && !strcmp(w->word[1], "failed"))
		return state_object("Merge failed");
	obj = json_object_new_object();
	if (!obj || put_ratio(obj, "allocated_sectors", "total_sectors", w->word[0]) ||
	    put_number(obj, "metadata_sectors", w->word[1]))
		return jdrop(obj);
	return obj;
}

static const struct target_form {
	const char *type;
	fields_parser *table, *status;
} target_forms[] = {
	{ "linear", linear_table, empty_status },
	{ "striped", striped_table, striped_status },
	{ "crypt", crypt_table, empty_status },
	{ "flakey", flakey_table, empty_status },
	{ "thin-pool", thin_pool_table, thin_pool_status },
	{ "thin", thin_table, thin_status },
	{ "snapshot", snapshot_table, snapshot_status },
	{ "snapshot-merge", snapshot_table, snapshot_status },
	{ "snapshot-origin", snapshot_origin_table, empty_status },
};

struct json_object *dm_target_fields(const char *type, const char *params, int status, int showkeys)
{
	const size_t nforms = sizeof(target_forms) / sizeof(target_forms[0]);
	struct json_object *obj;
	struct words w;
	char *hidden = NULL;
	size_t i;

	if (!type || !params)
		return NULL;
	for (i = 0; i < nforms && strcmp(type, target_forms[i].type); i++)
		;
	if (i == nforms)
		return NULL;
	/* keys are hidden as in dmsetup's table text: one rule for both */
	if (!status && !showkeys) {
		if (!(hidden = strdup(params)))
			return NULL;
		dm_table_hide_keys(type, hidden);	/* (in place: the copy keeps no key) */
		params = hidden;
	}
	obj = NULL;
	if (words_split(params, &w) == 0) {
		obj = (status ? target_forms[i].status : target_forms[i].table)(&w);
		words_free(&w);
	}
	free(hidden);
	return obj;
}
