/* Device-mapper names: the kernel's rules and libdevmapper's "\xNN" mangling. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <linux/dm-ioctl.h>

#include "dmname.h"

int dm_mangling_parse(const char *s, enum dm_mangling *mode)
{
	if (!strcasecmp(s, "none"))
		*mode = DM_MANGLE_NONE;
	else if (!strcasecmp(s, "auto"))
		*mode = DM_MANGLE_AUTO;
	else if (!strcasecmp(s, "hex"))
		*mode = DM_MANGLE_HEX;
	else
		return -EINVAL;
	return 0;
}

/* The characters udev takes as they are; not locale dependent. */
static const char hex_digits[] = "0123456789abcdef";

static int plain_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c && strchr("#+-.:=@_", c));
}

int dm_name_plain(const char *s)
{
	for (; *s; s++)
		if (!plain_char(*s))
			return 0;
	return 1;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int dm_name_mangle(const char *in, enum dm_mangling mode, char *out, size_t outsz)
{
	/* AUTO takes a string either all plain or already encoded, never both */
	enum { UNKNOWN, ENCODED, PLAIN } seen = UNKNOWN;
	size_t len = strlen(in), i, j = 0;

	if (mode == DM_MANGLE_NONE) {
		if (len >= outsz)
			return -ENAMETOOLONG;
		memcpy(out, in, len + 1);
		return 0;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		if (mode == DM_MANGLE_AUTO && c == '\\' && in[i + 1] == 'x') {
			/* kept as it is, whatever the two characters after "\x" */
			if (len - i < 4 || seen == PLAIN)
				return -EINVAL;
			if (outsz - j < 4)
				return -ENAMETOOLONG;
			memcpy(out + j, in + i, 4);
			i += 3;
			j += 4;
			seen = ENCODED;
		} else if (plain_char((char)c)) {
			if (outsz - j < 1)
				return -ENAMETOOLONG;
			out[j++] = (char)c;
		} else {
			if (mode != DM_MANGLE_HEX && seen == ENCODED)
				return -EINVAL;
			if (outsz - j < 4)
				return -ENAMETOOLONG;
			/* (4 bytes: no NUL here, there may be no room for one) */
			out[j++] = '\\';
			out[j++] = 'x';
			out[j++] = hex_digits[c >> 4];
			out[j++] = hex_digits[c & 15];
			seen = PLAIN;
		}
	}
	if (outsz - j < 1)
		return -ENAMETOOLONG;
	out[j] = '\0';
	return 0;
}

int dm_name_unmangle(const char *in, enum dm_mangling mode, char *out, size_t outsz)
{
	size_t len = strlen(in), i, j = 0;

	if (len >= outsz)
		return -ENAMETOOLONG;
	for (i = 0; i < len; i++) {
		int hi, lo;

		if (mode != DM_MANGLE_NONE && !plain_char(in[i]) && in[i] != '\\') {
			out[0] = '\0';
			return -EILSEQ;
		}
		if (in[i] != '\\' || in[i + 1] != 'x') {
			out[j++] = in[i];
			continue;
		}
		/* as libdevmapper: no hex digit ends the result, one is a whole code */
		if ((hi = hex_value(in[i + 2])) < 0)
			break;
		lo = hex_value(in[i + 3]);
		out[j++] = (char)(lo < 0 ? hi : hi * 16 + lo);
		/* libdevmapper skips four characters, however many digits it read */
		i += i + 3 < len ? 3 : len - i - 1;
	}
	out[j] = '\0';
	return 0;
}

int dm_name_mangled_twice(const char *s, enum dm_mangling mode)
{
	return mode == DM_MANGLE_AUTO && strstr(s, "\\x5cx") != NULL;
}

int dm_name_check(const char *name)
{
	if (!name || !*name)
		return -EINVAL;
	if (strlen(name) >= DM_NAME_LEN)
		return -ENAMETOOLONG;
	if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..") ||
	    !strcmp(name, "control"))
		return -EINVAL;
	return 0;
}

int dm_uuid_check(const char *uuid)
{
	if (!uuid)
		return -EINVAL;
	if (strlen(uuid) >= DM_UUID_LEN)
		return -ENAMETOOLONG;
	return 0;
}
