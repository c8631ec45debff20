/* What losetup does once its options are understood. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "losetup.h"
#include "msg.h"

/* "losetup: <what>: <suffix>: strerror(-rc)"; suffix may be NULL. */
static void warn_errno(int rc, const char *what, const char *suffix)
{
	errno = -rc;
	if (suffix)
		warn("%s: %s", what, suffix);
	else
		warn("%s", what);
}

/* util-linux's hints about a backing file a loop device cannot use whole. */
static void warn_size(const char *file, uint64_t size, uint64_t offset, unsigned match)
{
	struct stat st;

	if (!size) {
		if (stat(file, &st) < 0 || S_ISBLK(st.st_mode))
			return;
		size = (uint64_t)st.st_size;
		if (match & LOOP_MATCH_OFFSET)
			size -= offset;		/* wraps as util-linux's does */
	}
	if (size < 512)
		warnx("%s: Warning: file is smaller than 512 bytes; the loop device "
		      "may be useless or invisible for system tools.", file);
	else if (size % 512)
		warnx("%s: Warning: file does not fit into a 512-byte sector; "
		      "the end of the file will be ignored.", file);
}

/* --nooverlap without a device: reuse an identical device, refuse overlaps. */
static int reuse_overlapping(const struct request *rq, char *device)
{
	struct loop_state st;
	int rc = loop_find_overlap(rq->file, rq->offset, rq->sizelimit, &st);

	switch (rc) {
	case 0:
		return 0;
	case 1:
		errx(EXIT_FAILURE, "%s: overlapping loop device exists", rq->file);
	case 2:
		/* a read-only device cannot be made writable */
		if (st.read_only && !(rq->lo_flags & LO_FLAGS_READ_ONLY))
			errx(EXIT_FAILURE, "%s: overlapping read-only loop device exists",
			     rq->file);
		if (loop_clear_autoclear(st.path) < 0)
			errx(EXIT_FAILURE, "%s: failed to re-use loop device", rq->file);
		snprintf(device, LOOP_DEVPATH_MAX, "%s", st.path);
		return 1;
	default:
		errx(EXIT_FAILURE, "failed to inspect loop devices");
	}
}

int do_create(const struct request *rq)
{
	struct loop_setup setup = {
		.file = rq->file,
		.ref = rq->ref,
		.offset = rq->offset,
		.sizelimit = rq->sizelimit,
		.flags = rq->lo_flags,
		.sector_size = rq->blocksize,
	};
	char device[LOOP_DEVPATH_MAX];
	const char *named = rq->device[0] ? rq->device : NULL;
	enum loop_attach_stage stage;
	int rc;

	/*
	 * util-linux cannot canonicalize an empty path and stops there (with
	 * whatever errno was left: ENOENT after -f, but EEXIST with a device named
	 * or "Success" with -o; lodm always says ENOENT, docs/robustness.md).
	 */
	if (!*rq->file) {
		warn_errno(-ENOENT, rq->file, "failed to use backing file");
		return EXIT_FAILURE;
	}
	if (rq->nooverlap && !named && reuse_overlapping(rq, device))
		goto done;
	/* as util-linux: a named device is made first, kept when a check below refuses */
	if (named)
		loop_add_named(named);
	if (rq->nooverlap && named) {
		struct loop_state st;

		rc = loop_find_overlap(rq->file, rq->offset, rq->sizelimit, &st);
		if (rc > 0)
			errx(EXIT_FAILURE, "%s: overlapping loop device exists", rq->file);
		if (rc < 0) {
			errno = -rc;
			err(EXIT_FAILURE, "%s: failed to check for conflicting loop devices",
			    rq->file);
		}
	}

	rc = loop_attach(named, &setup, device, &stage);
	if (rc < 0) {
		if (stage == LOOP_STAGE_FIND) {
			errno = -rc;
			warn("cannot find an unused loop device");
		} else
			warn_errno(rc, named && stage == LOOP_STAGE_DEVICE ? named : rq->file,
				   "failed to set up loop device");
		return EXIT_FAILURE;
	}
done:
	if (rq->showdev)
		printf("%s\n", device);
	warn_size(rq->file, rq->sizelimit, rq->offset, rq->match);
	return EXIT_SUCCESS;
}

static int table_add(struct libscols_table *tb, const struct request *rq,
		     const struct loop_state *st)
{
	struct libscols_line *ln = out_table_new_line(tb);
	int raw_or_json = !!(rq->out_mode & (OUT_RAW | OUT_JSON));
	size_t i;

	if (!ln)
		return -ENOMEM;
	for (i = 0; i < rq->ncolumns; i++) {
		char buf[64];
		const char *cell = column_cell(rq->columns[i], st, raw_or_json, buf, sizeof(buf));

		if (cell && out_line_set_data(ln, i, cell))
			return -ENOMEM;
	}
	return 0;
}

static unsigned needed_reads(const struct request *rq)
{
	unsigned what = 0;
	size_t i;

	for (i = 0; i < rq->ncolumns; i++)
		what |= column_reads(rq->columns[i]);
	return what;
}

static struct libscols_table *new_table(const struct request *rq)
{
	struct libscols_table *tb = out_table_new(losetup_columns, rq->columns, rq->ncolumns,
						  rq->out_mode, "loopdevices");

	if (!tb)
		err(EXIT_FAILURE, "failed to allocate output table");
	return tb;
}

static int print_table(struct libscols_table *tb, int rc)
{
	if (rc == 0)
		rc = out_table_print(tb);
	out_table_free(tb);
	return rc ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* The deprecated one-line format of -a, -j and "losetup DEVICE". */
static void print_legacy(const struct loop_state *st)
{
	const char *lost = st->lost ? " (lost)" : "";

	if (st->has_status)
		printf("%s%s: [%04jd]:%ju (%s)", st->path, lost, (intmax_t)st->back_dev,
		       (uintmax_t)st->back_ino, st->backing_file);
	else
		printf("%s%s: []: (%s)", st->path, lost, st->backing_file);
	if (st->offset)
		printf(", offset %ju", (uintmax_t)st->offset);
	if (st->sizelimit)
		printf(", sizelimit %ju", (uintmax_t)st->sizelimit);
	putchar('\n');
}

/* -j FILE: by device and inode, else by the name as given, else canonical. */
struct file_filter {
	const char *file;
	struct stat sb;
	int has_sb;
	char *canonical;
	uint64_t offset;
	unsigned match;
};

static int filter_accepts(struct file_filter *f, const struct loop_state *st)
{
	const struct stat *sb = f->has_sb ? &f->sb : NULL;

	if (!f->file)
		return 1;
	if (loop_state_uses_file(st, sb, f->file, f->offset, 0, f->match))
		return 1;
	if (sb && st->has_status)
		return 0;
	if (!f->canonical)
		f->canonical = realpath(f->file, NULL);
	return f->canonical &&
	       loop_state_uses_file(st, sb, f->canonical, f->offset, 0, f->match);
}

int do_show(const struct request *rq)
{
	struct file_filter filter = { .file = rq->file, .offset = rq->offset,
				      .match = rq->match & LOOP_MATCH_OFFSET };
	struct libscols_table *tb = rq->list ? new_table(rq) : NULL;
	struct loop_iter it;
	struct loop_state *st = malloc(sizeof(*st));
	int rc;

	if (!st)
		err(EXIT_FAILURE, "cannot allocate memory");
	if (rq->file)
		filter.has_sb = stat(rq->file, &filter.sb) == 0;
	rc = loop_iter_open(&it, rq->list ? needed_reads(rq) : 0,
			    filter.has_sb ? &filter.sb : NULL);
	while (rc == 0 && loop_iter_next(&it, st) == 1) {
		if (!filter_accepts(&filter, st))
			continue;
		if (tb)
			rc = table_add(tb, rq, st);
		else
			print_legacy(st);
	}
	loop_iter_close(&it);
	free(filter.canonical);
	free(st);
	if (tb)
		return print_table(tb, rc);
	return rc ? EXIT_FAILURE : EXIT_SUCCESS;
}

int do_show_one(const struct request *rq)
{
	struct loop_state *st = malloc(sizeof(*st));
	int rc;

	if (!st)
		err(EXIT_FAILURE, "cannot allocate memory");
	rc = loop_state_read(rq->device, rq->list ? needed_reads(rq) : 0, st);
	if (rq->list) {
		struct libscols_table *tb = new_table(rq);

		rc = print_table(tb, rc < 0 ? rc : table_add(tb, rq, st));
	} else if (rc == 0 && st->bound) {
		print_legacy(st);
		rc = EXIT_SUCCESS;
	} else {
		warn_errno(rc < 0 ? rc : -ENOENT, rq->device, NULL);
		rc = EXIT_FAILURE;
	}
	free(st);
	return rc;
}

int do_find_free(void)
{
	struct stat sb;
	int nr = loop_ctl_get_free();
	char path[LOOP_DEVPATH_MAX];

	if (nr < 0) {
		errno = -nr;
		warn("cannot find an unused loop device");
		return EXIT_FAILURE;
	}
	snprintf(path, sizeof(path), "/dev/loop%d", nr);
	/* a free device the kernel has but /dev lacks is "lost" */
	printf("%s%s\n", path, stat(path, &sb) < 0 && errno == ENOENT ? " (lost)" : "");
	return EXIT_SUCCESS;
}

/* A device the kernel has but /dev has lost cannot be opened: say how to fix it. */
static void warn_lost(const struct loop_state *st)
{
	if (st && st->lost && st->nr >= 0)
		warnx("device node %s (%u:%u) is lost. You may use mknod(1) to recover it.",
		      st->path, LOOP_MAJOR_NR, (unsigned)st->nr);
}

static int detach_state(const char *device, const struct loop_state *st)
{
	int rc = loop_detach(device);

	if (rc < 0) {
		warn_errno(rc, device, "detach failed");
		warn_lost(st);
		return 1;
	}
	return 0;
}

/*
 * As 2.38.1: a further name that is not a loop device is reported, and the
 * previous device is asked again.
 */
int do_delete(const struct request *rq, char *const *more, int n)
{
	char device[LOOP_DEVPATH_MAX];
	int failed, i;

	snprintf(device, sizeof(device), "%s", rq->device);
	failed = detach_state(device, NULL);
	for (i = 0; i < n; i++) {
		if (!loop_is_loopdev(more[i]) ||
		    loop_devpath(more[i], device, sizeof(device)) < 0)
			warn_errno(-ENODEV, more[i], "failed to use device");
		failed += detach_state(device, NULL);
	}
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

int do_delete_all(void)
{
	struct loop_iter it;
	struct loop_state *st = malloc(sizeof(*st));
	int failed = 0;

	if (!st)
		err(EXIT_FAILURE, "cannot allocate memory");
	if (loop_iter_open(&it, 0, NULL) < 0) {
		free(st);
		return EXIT_FAILURE;
	}
	while (loop_iter_next(&it, st) == 1)
		failed += detach_state(st->path, st);
	loop_iter_close(&it);
	free(st);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* LOOP_CTL_REMOVE of an unbound device, by its number; nonzero on failure. */
static int remove_one(const char *device)
{
	char path[LOOP_DEVPATH_MAX];
	int rc;

	if ((rc = loop_devpath(device, path, sizeof(path))) < 0) {
		warn_errno(rc, device, "failed to use device");
		return 1;
	}
	rc = loop_nr_from_path(path);
	rc = rc < 0 ? -EINVAL : loop_ctl_remove(rc);
	if (rc < 0) {
		warn_errno(rc, path, "remove failed");
		return 1;
	}
	return 0;
}

int do_remove(char *const *names, int n)
{
	int failed = 0, i;

	if (n < 1)
		errx(EXIT_FAILURE, "no loop device specified");
	for (i = 0; i < n; i++)
		failed += remove_one(names[i]);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* "<device>: <what> failed: <error>" when rc is an error. */
static int setting_done(int rc, const char *device, const char *what)
{
	if (rc < 0) {
		errno = -rc;
		warn("%s: %s failed", device, what);
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

int do_set_capacity(const struct request *rq)
{
	return setting_done(loop_set_capacity(rq->device), rq->device, "set capacity");
}

int do_set_direct_io(const struct request *rq)
{
	return setting_done(loop_set_direct_io(rq->device, rq->use_dio), rq->device,
			    "set direct io");
}

int do_set_blocksize(const struct request *rq)
{
	return setting_done(loop_set_sector_size(rq->device, (unsigned)rq->blocksize),
			    rq->device, "set logical block size");
}
