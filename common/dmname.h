/*
 * Device-mapper names and uuids: the rules the kernel enforces, and the
 * "\xNN" mangling libdevmapper applies so that udev can use every name.
 *
 * Every function returns 0 (or a documented non-negative value) on success
 * and -errno on failure.  Nothing here prints or exits.
 */
#ifndef LODM_DMNAME_H
#define LODM_DMNAME_H

#include <stddef.h>

/*
 * How names and uuids travel between the user and the kernel (lvm2's
 * dm_string_mangling_t):
 *   NONE  as they are;
 *   AUTO  characters outside [0-9A-Za-z#+-.:=@_] become "\xNN" on the way
 *         in, a string already in that form is kept, "\xNN" are decoded on
 *         the way out (libdevmapper's default);
 *   HEX   like AUTO, but every such character is encoded, a backslash too.
 */
enum dm_mangling { DM_MANGLE_NONE, DM_MANGLE_AUTO, DM_MANGLE_HEX };

/* "none", "auto" or "hex", in any case; -EINVAL for anything else. */
int dm_mangling_parse(const char *s, enum dm_mangling *mode);

/*
 * The form of a name or uuid that is sent to the kernel, into out (outsz
 * bytes: DM_NAME_LEN for a name, DM_UUID_LEN for a uuid).  NONE copies.
 * Returns 0; -EINVAL when AUTO meets a mixture of encoded and plain
 * characters or a "\x" without two characters after it ("contains mixed
 * mangled and unmangled characters"); -ENAMETOOLONG when the result and
 * its NUL do not fit ("Mangled form of the ... too long").
 */
int dm_name_mangle(const char *in, enum dm_mangling mode, char *out, size_t outsz);

/*
 * The form shown to the user of a name or uuid the kernel holds: each
 * "\xNN" decoded, the result ending where a "\x" has no hex digit after
 * it.  AUTO and HEX are strict: a character that should have been encoded
 * makes it -EILSEQ ("should be mangled but it contains blacklisted
 * characters"), out then "".  NONE decodes whatever it finds.  Returns 0,
 * -EILSEQ, or -ENAMETOOLONG when outsz is smaller than the input.
 */
int dm_name_unmangle(const char *in, enum dm_mangling mode, char *out, size_t outsz);
/* 1 when every character of s is one udev takes as it is (nothing to mangle). */
int dm_name_plain(const char *s);

/* 1 when mode is AUTO and s holds an encoded backslash before 'x' ("\x5cx"):
 * a string mangled twice, which AUTO refuses in both directions. */
int dm_name_mangled_twice(const char *s, enum dm_mangling mode);

/* Name and uuid rules the kernel enforces, checked before it sees them:
 * -EINVAL (empty, '/', ".", "..", "control") or -ENAMETOOLONG. */
int dm_name_check(const char *name);
int dm_uuid_check(const char *uuid);

#endif
