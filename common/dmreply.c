/* Parsing dm-ioctl replies.  A reply is kernel data, but every offset in it
 * is still checked against data_size before it is followed, and the records
 * in it are copied out (memcpy) rather than read in place: the kernel aligns
 * them to 8 bytes, but a reply is not trusted to. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "dm.h"

#define ALIGN8(x)	(((x) + 7) & ~(size_t)7)

/* The reply's data area: [start, end) as offsets from io. */
static int data_bounds(const struct dm_ioctl *io, size_t *start, size_t *end)
{
	if (io->data_start < sizeof(*io) || io->data_start > io->data_size)
		return -EPROTO;
	*start = io->data_start;
	*end = io->data_size;
	return 0;
}

/* Length of the NUL-terminated string at off, or -EPROTO if it runs past end. */
static long str_at(const struct dm_ioctl *io, size_t off, size_t end)
{
	const char *p = (const char *)io + off, *nul;

	if (off >= end)
		return -EPROTO;
	nul = memchr(p, '\0', end - off);
	return nul ? nul - p : -EPROTO;
}

/* Copies the record of size n at off (in bounds: checked by the caller). */
static void record_at(const struct dm_ioctl *io, size_t off, void *rec, size_t n)
{
	memcpy(rec, (const char *)io + off, n);
}

static dev_t decode_dev(uint64_t d)
{
	return makedev((unsigned)((d & 0xfff00) >> 8),
		       (unsigned)((d & 0xff) | ((d >> 12) & 0xfff00)));
}

int dm_reply_names(const struct dm_ioctl *io,
		   int (*fn)(const struct dm_name_entry *e, void *arg), void *arg)
{
	size_t start, end, off;
	int rc;

	if ((rc = data_bounds(io, &start, &end)) < 0)
		return rc;
	off = start;
	if (end - off < sizeof(struct dm_name_list))
		return 0;
	for (;;) {
		struct dm_name_list nl;
		struct dm_name_entry e = { 0 };
		size_t after;
		long len;

		if (end - off < sizeof(nl))
			return -EPROTO;
		record_at(io, off, &nl, sizeof(nl));
		if (!nl.dev)
			return 0;	/* the kernel's "no devices" */
		len = str_at(io, off + offsetof(struct dm_name_list, name), end);
		if (len < 0)
			return (int)len;
		e.name = (const char *)io + off + offsetof(struct dm_name_list, name);
		e.devno = decode_dev(nl.dev);
		/* 4.37+: event number and flags after the name, then the uuid */
		after = ALIGN8(off + offsetof(struct dm_name_list, name) + (size_t)len + 1);
		if (io->version[1] >= 37 && after + 8 <= end &&
		    (!nl.next || after + 8 <= off + nl.next)) {
			uint32_t ev[2];

			record_at(io, after, ev, sizeof(ev));
			e.event_nr = ev[0];
			e.has_event_nr = 1;
			if (ev[1] & DM_NAME_LIST_FLAG_HAS_UUID) {
				if (str_at(io, after + 8, end) < 0)
					return -EPROTO;
				e.uuid = (const char *)io + after + 8;
			}
		}
		if ((rc = fn(&e, arg)) != 0)
			return rc;
		if (!nl.next)
			return 0;
		if (nl.next < sizeof(nl) || nl.next > end - off)
			return -EPROTO;
		off += nl.next;
	}
}

int dm_reply_deps(const struct dm_ioctl *io, dev_t **devs, uint32_t *count)
{
	struct dm_target_deps d;
	size_t start, end;
	uint32_t i;
	int rc;

	*devs = NULL;
	*count = 0;
	/* no table: the kernel leaves data_size at (or below) the header's end */
	if (io->data_start >= sizeof(*io) && io->data_size <= io->data_start)
		return 0;
	if ((rc = data_bounds(io, &start, &end)) < 0)
		return rc;
	if (end - start < sizeof(d))
		return -EPROTO;
	record_at(io, start, &d, sizeof(d));
	if (d.count > (end - start - sizeof(d)) / sizeof(uint64_t))
		return -EPROTO;
	if (!d.count)
		return 0;
	if (!(*devs = calloc(d.count, sizeof(**devs))))
		return -ENOMEM;
	for (i = 0; i < d.count; i++) {
		uint64_t dev;

		record_at(io, start + sizeof(d) + i * sizeof(dev), &dev, sizeof(dev));
		(*devs)[i] = decode_dev(dev);
	}
	*count = d.count;
	return 0;
}

int dm_reply_targets(const struct dm_ioctl *io,
		     int (*fn)(const struct dm_target *t, void *arg), void *arg)
{
	size_t start, end, off;
	uint32_t i;
	int rc;

	if ((rc = data_bounds(io, &start, &end)) < 0)
		return rc;
	off = start;
	for (i = 0; i < io->target_count; i++) {
		struct dm_target_spec spec;
		struct dm_target t;
		long plen;

		if (off > end || end - off < sizeof(spec))
			return -EPROTO;
		record_at(io, off, &spec, sizeof(spec));
		if ((plen = str_at(io, off + sizeof(spec), end)) < 0)
			return -EPROTO;
		memset(&t, 0, sizeof(t));
		t.start = spec.sector_start;
		t.length = spec.length;
		memcpy(t.type, spec.target_type, sizeof(t.type) - 1);
		t.params = (const char *)io + off + sizeof(spec);
		if ((rc = fn(&t, arg)) != 0)
			return rc;
		/* in a reply, next counts from the start of the data */
		if (i + 1 < io->target_count) {
			/* forwards, past this spec and its text */
			if (spec.next < off - start + sizeof(spec) + (size_t)plen + 1 ||
			    spec.next > end - start)
				return -EPROTO;
			off = start + spec.next;
		}
	}
	return 0;
}

int dm_reply_versions(const struct dm_ioctl *io,
		      int (*fn)(const struct dm_target_version *v, void *arg), void *arg)
{
	size_t start, end, off;
	int rc;

	if ((rc = data_bounds(io, &start, &end)) < 0)
		return rc;
	off = start;
	for (;;) {
		struct dm_target_versions tv;
		struct dm_target_version v;

		if (end - off < sizeof(tv))
			return -EPROTO;
		record_at(io, off, &tv, sizeof(tv));
		if (str_at(io, off + sizeof(tv), end) < 0)
			return -EPROTO;
		v.name = (const char *)io + off + sizeof(tv);
		memcpy(v.version, tv.version, sizeof(v.version));
		if ((rc = fn(&v, arg)) != 0)
			return rc;
		if (!tv.next)
			return 0;
		if (tv.next < sizeof(tv) || tv.next > end - off)
			return -EPROTO;
		off += tv.next;
	}
}

const char *dm_reply_message(const struct dm_ioctl *io)
{
	size_t start, end;

	if (!(io->flags & DM_DATA_OUT_FLAG) || data_bounds(io, &start, &end) < 0 ||
	    str_at(io, start, end) < 0)
		return NULL;
	return (const char *)io + start;
}
