/*
 * The dm-ioctl reply parsers (common/dmreply.c) on any bytes as a kernel
 * reply.  Input: one selector byte, then the reply: a struct dm_ioctl (zero
 * filled when the input is shorter) and its data.  The header is made
 * consistent as the kernel's always is: data_size never exceeds the buffer
 * (the bytes given), which is allocated to exactly that size so any read
 * past it is caught.
 *
 * selector bits 0-2: the parser (names, deps, targets, versions, message);
 * bit 3: data_size is the whole buffer (else the input's, reduced to fit).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dm.h"
#include "fuzz.h"

static volatile size_t sink;

static int on_name(const struct dm_name_entry *e, void *arg)
{
	sink += strlen(e->name) + (e->uuid ? strlen(e->uuid) : 0) + e->event_nr;
	return ++*(unsigned *)arg > 1000000;
}

static int on_target(const struct dm_target *t, void *arg)
{
	sink += strlen(t->type) + strlen(t->params) + t->start + t->length;
	return ++*(unsigned *)arg > 1000000;
}

static int on_version(const struct dm_target_version *v, void *arg)
{
	sink += strlen(v->name) + v->version[0] + v->version[2];
	return ++*(unsigned *)arg > 1000000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dm_ioctl *io;
	size_t len;
	unsigned sel, calls = 0;

	if (!size)
		return 0;
	sel = data[0];
	data++, size--;
	len = size < sizeof(*io) ? sizeof(*io) : size;
	if (!(io = calloc(1, len)))
		abort();
	memcpy(io, data, size);
	if ((sel & 8) || io->data_size > len)
		io->data_size = (sel & 8) ? (uint32_t)len : (uint32_t)(io->data_size % (len + 1));
	switch (sel & 7) {
	case 0:
		dm_reply_names(io, on_name, &calls);
		break;
	case 1: {
		dev_t *devs = NULL;
		uint32_t count = 0, i;

		if (dm_reply_deps(io, &devs, &count) == 0)
			for (i = 0; i < count; i++)
				sink += devs[i];
		else if (devs || count)
			abort();
		free(devs);
		break;
	}
	case 2:
		dm_reply_targets(io, on_target, &calls);
		break;
	case 3:
		dm_reply_versions(io, on_version, &calls);
		break;
	default: {
		const char *m = dm_reply_message(io);

		if (m)
			sink += strlen(m);
		break;
	}
	}
	free(io);
	return 0;
}
