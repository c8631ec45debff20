#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dmtable.h"

void dm_table_free(struct dm_table *t)
{
	free(t->targets);
	dm_free_wiped(t->text, t->text_size);
	memset(t, 0, sizeof(*t));
}

static int table_add(struct dm_table *t, const struct dm_target *tg)
{
	if (t->count == t->alloc) {
		size_t n = t->alloc ? t->alloc * 2 : 8;
		struct dm_target *p = realloc(t->targets, n * sizeof(*p));

		if (!p)
			return -ENOMEM;
		t->targets = p;
		t->alloc = n;
	}
	t->targets[t->count++] = *tg;
	return 0;
}

/*
 * "start length type params": what dmsetup's sscanf("%llu %llu %s %n") takes.
 * As scanf: a number may have a sign and saturates (strtoull), the blanks
 * between the fields may be missing where a number ends ("0 8zero"), and a
 * '#' in the params starts a comment.  A type of DM_MAX_TYPE_NAME bytes or
 * more is -ENAMETOOLONG (libdevmapper: "Target type name ... is too long."),
 * with *type pointing at it, NUL-terminated.
 */
static int parse_line(char *line, struct dm_target *tg, const char **type)
{
	char *p = line, *end, *comment;
	size_t n;

	tg->start = strtoull(p, &end, 10);
	if (end == p)
		return -EINVAL;
	tg->length = strtoull(p = end, &end, 10);
	if (end == p)
		return -EINVAL;
	for (p = end; isspace((unsigned char)*p); p++)
		;
	if (!*p)
		return -EINVAL;
	for (n = 0; p[n] && !isspace((unsigned char)p[n]); n++)
		;
	*type = p;
	if (n >= sizeof(tg->type)) {
		p[n] = '\0';
		return -ENAMETOOLONG;
	}
	memcpy(tg->type, p, n);
	tg->type[n] = '\0';
	for (p += n; isspace((unsigned char)*p); p++)
		;
	if ((comment = strchr(p, '#')))
		*comment = '\0';
	tg->params = p;
	return 0;
}

int dm_table_parse(const char *text, struct dm_table *t, int *bad_line,
		   const char **bad_type)
{
	char *line, *next;
	int lineno = 0, rc;

	memset(t, 0, sizeof(*t));
	*bad_line = 0;
	if (!(t->text = strdup(text)))
		return -ENOMEM;
	t->text_size = strlen(text) + 1;
	for (line = t->text; line; line = next) {
		struct dm_target tg;
		char *end;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		for (end = line + strlen(line); end > line && isspace((unsigned char)end[-1]); end--)
			;
		*end = '\0';
		while (isspace((unsigned char)*line))
			line++;
		if (!*line || *line == '#')
			continue;
		memset(&tg, 0, sizeof(tg));
		if ((rc = parse_line(line, &tg, bad_type)) < 0 || (rc = table_add(t, &tg)) < 0) {
			*bad_line = lineno;
			return rc;
		}
	}
	return 0;
}

int dm_table_read(FILE *f, size_t max, char **text)
{
	size_t len = 0, size = 4096;
	char *buf = malloc(size);

	if (!buf)
		return -ENOMEM;
	/* straight into buf: stdio keeps no copy (a no-op once f was read) */
	setvbuf(f, NULL, _IONBF, 0);
	for (;;) {
		size_t n;

		if (len + 1 == size) {
			char *p;

			if (size >= max) {
				dm_free_wiped(buf, size);
				return -EFBIG;
			}
			if (!(p = malloc(size * 2))) {
				dm_free_wiped(buf, size);
				return -ENOMEM;
			}
			memcpy(p, buf, len);
			dm_free_wiped(buf, size);
			buf = p;
			size *= 2;
		}
		n = fread(buf + len, 1, size - 1 - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		dm_free_wiped(buf, size);
		return -EIO;
	}
	/* dmsetup reads line by line and takes each as a C string */
	{
		size_t in, out = 0;
		int cut = 0;

		for (in = 0; in < len; in++) {
			if (buf[in] == '\n')
				cut = 0;
			else if (buf[in] == '\0')
				cut = 1;
			if (!cut)
				buf[out++] = buf[in];
		}
		/* what was dropped lies past the text's end, where the caller's
		 * wipe (strlen bytes) does not reach */
		explicit_bzero(buf + out, len - out);
		len = out;
	}
	buf[len] = '\0';
	*text = buf;
	return 0;
}

int dm_concise_init(struct dm_concise *c, const char *spec)
{
	size_t len = strlen(spec);

	memset(c, 0, sizeof(*c));
	/* one byte spare: a device that ends the text ends one past its NUL */
	if (!(c->text = malloc(len + 2)))
		return -ENOMEM;
	c->size = len + 2;
	memcpy(c->text, spec, len + 1);
	c->in = c->out = c->text;
	return 0;
}

void dm_concise_free(struct dm_concise *c)
{
	dm_free_wiped(c->text, c->size);
	memset(c, 0, sizeof(*c));
}

static void skip_blanks(struct dm_concise *c)
{
	while (isspace((unsigned char)*c->in))
		c->in++;
}

int dm_concise_next(struct dm_concise *c, struct dm_concise_dev *dev)
{
	int f = DM_CONCISE_NAME;

	/* the text is rewritten in place: out never overtakes in */
	memset(dev, 0, sizeof(*dev));
	dev->field[f] = c->out;
	dev->nfields = 1;
	while (*c->in) {
		char ch = *c->in;

		if (ch == '\\') {
			if (!c->in[1]) {
				*c->out = '\0';
				c->error = DM_CONCISE_BACKSLASH_AT_END;
				return -EINVAL;
			}
			*c->out++ = c->in[1];
			c->in += 2;
		} else if (ch == ',' && f < DM_CONCISE_TABLE) {
			*c->out++ = '\0';
			c->in++;
			dev->field[++f] = c->out;
			dev->nfields = f + 1;
			skip_blanks(c);
		} else if (ch == ',') {
			*c->out++ = '\n';	/* the next line of the table */
			c->in++;
		} else if (ch == ';' || !c->in[1]) {
			/* as dmsetup: the text's last character ends a device too */
			if (ch != ';')
				*c->out++ = ch;
			*c->out++ = '\0';
			c->in++;
			if (f != DM_CONCISE_TABLE) {
				c->error = DM_CONCISE_TOO_FEW_FIELDS;
				return -EINVAL;
			}
			skip_blanks(c);
			return 1;
		} else
			*c->out++ = *c->in++;
	}
	if (dev->field[DM_CONCISE_NAME] != c->out) {
		*c->out = '\0';
		c->error = DM_CONCISE_INCOMPLETE;
		return -EINVAL;
	}
	return 0;
}

/*
 * dmsetup does not print keys unless asked (--showkeys): the key characters
 * become '0'.  crypt: the word after the cipher, unless it names a kernel
 * key (":..."); integrity: the values of the options that may carry keys
 * ("internal_hash:alg:key", "journal_crypt:...", "journal_mac:...").
 * key_span finds them, for hiding them and for knowing a table has one.
 */
static const char *const integrity_key_options[] = {
	"internal_hash:", "journal_crypt:", "journal_mac:",
};

/* The n-th key of params: its offset and length (maybe 0); -1 when no more. */
static long key_span(const char *type, const char *params, unsigned n, size_t *len)
{
	const char *c;

	if (!strcmp(type, "crypt")) {
		if (n)
			return -1;
		c = params + strcspn(params, " ");
		if (*c)
			c++;
		if (*c == ':')
			return -1;
	} else if (!strcmp(type, "integrity")) {
		const char *option;

		if (n >= sizeof(integrity_key_options) / sizeof(integrity_key_options[0]))
			return -1;
		option = integrity_key_options[n];
		/* (the first occurrence, as dmsetup's hide_key; the key is optional) */
		if (!(c = strstr(params, option)) || !(c = strpbrk(c + strlen(option), " :")) ||
		    *c++ != ':') {
			*len = 0;
			return (long)strlen(params);	/* none: an empty span at the end */
		}
	} else
		return -1;
	*len = strcspn(c, " ");
	return (long)(c - params);
}

int dm_table_may_have_keys(const char *type)
{
	return !strcmp(type, "crypt") || !strcmp(type, "integrity");
}

void dm_table_hide_keys(const char *type, char *params)
{
	size_t len;
	long off;
	unsigned n;

	for (n = 0; (off = key_span(type, params, n, &len)) >= 0; n++)
		memset(params + off, '0', len);
}

int dm_table_has_keys(const char *type, const char *params)
{
	size_t len;
	long off;
	unsigned n;

	for (n = 0; (off = key_span(type, params, n, &len)) >= 0; n++)
		if (len && !(len == 1 && params[off] == '-'))
			return 1;
	return 0;
}

/* dm-crypt takes "key set <key>" (and "key wipe"), words split at blanks, any case. */
int dm_message_has_key(const char *message)
{
	const char *p = message + strspn(message, " \t\n");

	if (strncasecmp(p, "key", 3) || !isspace((unsigned char)p[3]))
		return 0;
	p += 3;
	p += strspn(p, " \t\n");
	return !strncasecmp(p, "set", 3) && (!p[3] || isspace((unsigned char)p[3]));
}
