/* Names and uuids between the user and the kernel (names.h). */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "dmsetup.h"
#include "log.h"
#include "names.h"

/* libdevmapper's words for each kind of string a user gives. */
static const struct {
	const char *what;	/* in the messages about the string itself */
	const char *failed;	/* in the last line when it cannot be mangled */
	const char *stop;	/* that line's end */
} user_strings[] = {
	[USER_NAME] = { "name", "device name", "." },
	[USER_NEW_NAME] = { "new name", "new device name", "" },
	[USER_UUID] = { "UUID", "device uuid", "." },
	[USER_NEW_UUID] = { "new UUID", "new device UUID", "" },
};

void tell_mangle_failure(enum user_string kind, const char *in, int rc)
{
	const char *what = user_strings[kind].what;

	if (rc == -ENAMETOOLONG)
		log_err("Mangled form of the %s too long for \"%s\".", what, in);
	else
		log_err("The %s \"%s\" contains mixed mangled and unmangled characters "
			"or it's already mangled improperly.", what, in);
	log_err("Failed to mangle %s \"%s\"%s", user_strings[kind].failed, in,
		user_strings[kind].stop);
}

int mangle_user_string(enum user_string kind, const char *in, char *out, size_t outsz)
{
	int rc;

	if (dm_name_mangled_twice(in, opt.mangle)) {
		log_err("The %s \"%s\" seems to be mangled more than once. "
			"This is not allowed in auto mode.", user_strings[kind].what, in);
		return -EINVAL;
	}
	if ((rc = dm_name_mangle(in, opt.mangle, out, outsz)) < 0)
		tell_mangle_failure(kind, in, rc);
	return rc;
}

int req_set_name(struct dm_req *r, const char *name, int quiet)
{
	char mangled[DM_NAME_LEN];
	int rc;

	if (strlen(name) >= DM_NAME_LEN) {
		if (!quiet)
			log_err("Name \"%s\" too long.", name);
		return -ENAMETOOLONG;
	}
	rc = quiet ? dm_name_mangle(name, opt.mangle, mangled, sizeof(mangled))
		   : mangle_user_string(USER_NAME, name, mangled, sizeof(mangled));
	if (rc < 0)
		return rc;
	rc = dm_req_set_id(r, &(struct dm_id){ .kind = DM_ID_NAME, .name = mangled });
	if (rc < 0 && !quiet)
		log_err("Name \"%s\" invalid.", name);
	return rc;
}

int unmangle_told(char *s, const char *what)
{
	char shown[DM_UUID_LEN];

	/* (once a device of a listing) without a backslash there is nothing to decode */
	if (opt.mangle != DM_MANGLE_NONE && !strchr(s, '\\') && dm_name_plain(s))
		return 0;
	if (dm_name_mangled_twice(s, opt.mangle)) {
		log_err("The %s \"%s\" seems to be mangled more than once. "
			"This is not allowed in auto mode.", what, s);
		return -EINVAL;
	}
	if (dm_name_unmangle(s, opt.mangle, shown, sizeof(shown)) < 0) {
		log_err("The %s \"%s\" should be mangled but it contains blacklisted characters.",
			what, s);
		return -EINVAL;
	}
	memcpy(s, shown, strlen(shown) + 1);
	return 0;
}

int reply_unmangle(unsigned long cmd, struct dm_req *r)
{
	int rc;

	if (opt.mangle == DM_MANGLE_NONE)
		return 0;
	rc = unmangle_told(r->io->name, "name");
	/* libdevmapper leaves the uuid of a removed device as it is */
	if (rc == 0 && cmd != DM_DEV_REMOVE)
		rc = unmangle_told(r->io->uuid, "UUID");
	return rc;
}
