/*
 * Names and uuids between the user and the kernel: mangled as the user
 * writes them (--manglename, $DM_DEFAULT_NAME_MANGLING_MODE), shown as the
 * kernel holds them unmangled, with libdevmapper's checks and messages.
 */
#ifndef DMSETUP_NAMES_H
#define DMSETUP_NAMES_H

#include <stddef.h>

#include "dm.h"

/* What kind of string the user gave, for the messages. */
enum user_string { USER_NAME, USER_NEW_NAME, USER_UUID, USER_NEW_UUID };

/* What the user typed, in the form sent to the kernel; 0, or -errno told. */
int mangle_user_string(enum user_string kind, const char *in, char *out, size_t outsz);
/* libdevmapper's messages when dm_name_mangle failed with rc. */
void tell_mangle_failure(enum user_string kind, const char *in, int rc);
/* Names r's device by a name the user gave (or listed): mangled, checked;
 * 0, or -errno (told unless quiet). */
int req_set_name(struct dm_req *r, const char *name, int quiet);
/* A name or uuid ("name", "UUID") from the kernel as shown to the user, in
 * place; 0, or -EINVAL told. */
int unmangle_told(char *s, const char *what);
/* A reply's name and uuid as shown to the user, in place; 0, or -errno told. */
int reply_unmangle(unsigned long cmd, struct dm_req *r);

#endif
