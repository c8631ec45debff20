/* Control device, attach/detach and the per-device ioctls. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"
#include "sysfs.h"

/* find+attach is retried this often when another process wins the device */
#define ATTACH_TRIES		64
#define ATTACH_BACKOFF_MAX_MS	200
/* one ioctl is retried this often on EAGAIN */
#define IOCTL_TRIES		10
/* a node the kernel just created may take this long to show up in /dev */
#define NODE_WAIT_TRIES		40
#define NODE_WAIT_MS		25

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* ioctl retried on EINTR and, a bounded number of times, on EAGAIN. */
static int xioctl(int fd, unsigned long req, unsigned long arg)
{
	int tries = 0, rc;

	for (;;) {
		rc = ioctl(fd, req, arg);
		if (rc >= 0)
			return rc;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN && ++tries < IOCTL_TRIES) {
			sleep_ms(NODE_WAIT_MS);
			continue;
		}
		return -errno;
	}
}

static int xflock(int fd, int op)
{
	while (flock(fd, op) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

/* Opens path, runs one ioctl on it, closes it: the ioctl's result or -errno. */
static int path_ioctl(const char *path, int mode, unsigned long req, unsigned long arg)
{
	int fd, rc;

	fd = open(path, mode | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = xioctl(fd, req, arg);
	close(fd);
	return rc;
}

static int ctl_call(unsigned long req, unsigned long arg)
{
	return path_ioctl(LOOP_CONTROL_PATH, O_RDWR, req, arg);
}

int loop_ctl_get_free(void)
{
	return ctl_call(LOOP_CTL_GET_FREE, 0);
}

int loop_ctl_add(int nr)
{
	return nr < 0 ? -EINVAL : ctl_call(LOOP_CTL_ADD, (unsigned long)nr);
}

int loop_ctl_remove(int nr)
{
	return nr < 0 ? -EINVAL : ctl_call(LOOP_CTL_REMOVE, (unsigned long)nr);
}

int loop_devpath(const char *name, char *buf, size_t size)
{
	int n;

	if (!name || !*name)
		return -EINVAL;
	n = snprintf(buf, size, "%s%s", *name == '/' ? "" : "/dev/", name);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return 0;
}

int loop_nr_from_path(const char *path)
{
	const char *p = strrchr(path, '/');
	char *end;
	long nr;

	p = p ? p + 1 : path;
	if (!strncmp(p, "loop", 4))
		p += 4;
	if (*p < '0' || *p > '9')
		return -1;
	nr = strtol(p, &end, 10);
	if (*end || nr < 0 || nr > INT_MAX)
		return -1;
	return (int)nr;
}

int loop_is_loopdev(const char *path)
{
	struct stat st;
	char name[NAME_MAX + 1];

	if (!path || stat(path, &st) < 0 || !S_ISBLK(st.st_mode))
		return 0;
	if (major(st.st_rdev) == LOOP_MAJOR_NR)
		return 1;
	/* a loop device may have been given another major; sysfs knows */
	if (sysfs_blkdev_name(st.st_rdev, name, sizeof(name)) < 0)
		return 0;
	return !strncmp(name, "loop", 4) && !strchr(name + 4, 'p');
}

/* Opens a device node, waiting a bounded time for one the kernel just made. */
static int open_node(const char *devpath, int mode, int wait_for_node)
{
	int tries = 0, fd;

	for (;;) {
		fd = open(devpath, mode | O_CLOEXEC);
		if (fd >= 0)
			return fd;
		if (errno == EINTR)
			continue;
		if (wait_for_node && (errno == ENOENT || errno == ENXIO) &&
		    ++tries < NODE_WAIT_TRIES) {
			sleep_ms(NODE_WAIT_MS);
			continue;
		}
		return -errno;
	}
}

static int valid_sector_size(uint64_t size)
{
	long page = sysconf(_SC_PAGESIZE);

	return size >= 512 && (page <= 0 || size <= (uint32_t)page) &&
	       !(size & (size - 1));
}

static void fill_info(struct loop_info64 *info, const struct loop_setup *req,
		      uint32_t flags, const char *canonical)
{
	const char *name = req->ref ? req->ref : canonical;

	memset(info, 0, sizeof(*info));
	info->lo_offset = req->offset;
	info->lo_sizelimit = req->sizelimit;
	info->lo_flags = flags;
	if (name)
		snprintf((char *)info->lo_file_name, LO_NAME_SIZE, "%s", name);
}

/*
 * LOOP_CONFIGURE, or on kernels without it LOOP_SET_FD + LOOP_SET_STATUS64 +
 * LOOP_SET_BLOCK_SIZE + LOOP_SET_DIRECT_IO.  A device we bound in the fallback
 * and could not finish is unbound again, but never after EBUSY: then the
 * device is somebody else's.
 */
static int configure(int devfd, int filefd, const struct loop_info64 *info,
		     uint32_t sector_size)
{
	struct loop_config cfg;
	int rc;

	memset(&cfg, 0, sizeof(cfg));
	cfg.fd = (__u32)filefd;
	cfg.block_size = sector_size;
	cfg.info = *info;
	rc = xioctl(devfd, LOOP_CONFIGURE, (unsigned long)&cfg);
	if (rc == 0 || (rc != -EINVAL && rc != -ENOTTY && rc != -ENOSYS))
		return rc;

	rc = xioctl(devfd, LOOP_SET_FD, (unsigned long)filefd);
	if (rc < 0)
		return rc;
	rc = xioctl(devfd, LOOP_SET_STATUS64, (unsigned long)info);
	if (rc == 0 && sector_size)
		rc = xioctl(devfd, LOOP_SET_BLOCK_SIZE, sector_size);
	if (rc == 0 && (info->lo_flags & LO_FLAGS_DIRECT_IO))
		xioctl(devfd, LOOP_SET_DIRECT_IO, 1);	/* the kernel may say no */
	if (rc < 0 && rc != -EBUSY)
		ioctl(devfd, LOOP_CLR_FD, 0);
	return rc;
}

/*
 * After configuring: the kernel took what was asked.  Old kernels ignore some
 * fields of LOOP_CONFIGURE; a second LOOP_SET_STATUS64 fixes those.
 */
static int verify(int devfd, const struct loop_info64 *want, uint32_t sector_size)
{
	struct loop_info64 got;
	const uint32_t must = LO_FLAGS_READ_ONLY | LO_FLAGS_PARTSCAN | LO_FLAGS_AUTOCLEAR;
	int tries, rc;

	memset(&got, 0, sizeof(got));	/* valgrind cannot see what the kernel fills */
	for (tries = 0; tries < 2; tries++) {
		if ((rc = xioctl(devfd, LOOP_GET_STATUS64, (unsigned long)&got)) < 0)
			return rc;
		if (got.lo_offset == want->lo_offset &&
		    got.lo_sizelimit == want->lo_sizelimit &&
		    (got.lo_flags & must) == (want->lo_flags & must))
			break;
		if (tries == 1)
			return -EIO;
		if ((rc = xioctl(devfd, LOOP_SET_STATUS64, (unsigned long)want)) < 0)
			return rc;
	}
	/* direct I/O is a request: the kernel falls back to buffered I/O */
	if ((want->lo_flags & LO_FLAGS_DIRECT_IO) && !(got.lo_flags & LO_FLAGS_DIRECT_IO))
		xioctl(devfd, LOOP_SET_DIRECT_IO, 1);
	if (sector_size) {
		int ssz = 0;

		if ((rc = xioctl(devfd, BLKSSZGET, (unsigned long)&ssz)) < 0)
			return rc;
		if ((uint32_t)ssz != sector_size &&
		    (rc = xioctl(devfd, LOOP_SET_BLOCK_SIZE, sector_size)) < 0)
			return rc;
	}
	return 0;
}

/* The size the kernel should give: the file past offset, capped by sizelimit. */
static int expected_size(int filefd, const struct loop_info64 *info, uint64_t *size)
{
	struct stat st;
	uint64_t bytes;

	if (fstat(filefd, &st) < 0)
		return -errno;
	if (S_ISBLK(st.st_mode)) {
		if (ioctl(filefd, BLKGETSIZE64, &bytes) < 0)
			return -errno;
	} else
		bytes = (uint64_t)st.st_size;
	bytes = bytes > info->lo_offset ? bytes - info->lo_offset : 0;
	if (info->lo_sizelimit && info->lo_sizelimit < bytes)
		bytes = info->lo_sizelimit;
	*size = bytes & ~UINT64_C(511);
	return 0;
}

/* Old kernels left the size stale after a status change: LOOP_SET_CAPACITY fixes it. */
static int verify_size(int devfd, int filefd, const struct loop_info64 *info)
{
	uint64_t want = 0, got = 0;
	int tries, rc;

	if ((rc = expected_size(filefd, info, &want)) < 0)
		return rc;
	for (tries = 0; tries < 2; tries++) {
		if (ioctl(devfd, BLKGETSIZE64, &got) < 0)
			return -errno;
		if (got == want)
			return 0;
		if (tries == 0 && (rc = xioctl(devfd, LOOP_SET_CAPACITY, 0)) < 0)
			return rc;
	}
	return -EIO;
}

static int open_backing(const struct loop_setup *req, uint32_t *flags)
{
	int mode = (*flags & LO_FLAGS_READ_ONLY) ? O_RDONLY : O_RDWR;
	int extra = (*flags & LO_FLAGS_DIRECT_IO) ? O_DIRECT : 0;
	int fd = open(req->file, mode | extra | O_CLOEXEC);

	if (fd < 0 && mode == O_RDWR && (errno == EROFS || errno == EACCES)) {
		/* a file we may not write is attached read-only */
		fd = open(req->file, O_RDONLY | extra | O_CLOEXEC);
		if (fd >= 0)
			*flags |= LO_FLAGS_READ_ONLY;
	}
	return fd < 0 ? -errno : fd;
}

/* One attempt on one device; the device fd is locked by the caller. */
static int attach_fd(int devfd, int filefd, const struct loop_info64 *info,
		     uint32_t sector_size)
{
	int rc = configure(devfd, filefd, info, sector_size);

	if (rc < 0)
		return rc;
	rc = verify(devfd, info, sector_size);
	if (rc == 0)
		rc = verify_size(devfd, filefd, info);
	if (rc < 0)
		ioctl(devfd, LOOP_CLR_FD, 0);
	return rc;
}

int loop_add_named(const char *devpath)
{
	struct stat st;
	int nr, rc;

	if (stat(devpath, &st) == 0 || errno != ENOENT)
		return 0;
	nr = loop_nr_from_path(devpath);
	if (nr < 0)
		return 0;
	rc = loop_ctl_add(nr);
	/* made now, or by our caller a moment ago: the node may be on its way */
	return rc >= 0 || rc == -EEXIST;
}

static int attach_named(const char *devpath, int filefd, const struct loop_info64 *info,
			uint32_t sector_size, int wait_node, enum loop_attach_stage *stage)
{
	int devfd, rc;
	int mode = (info->lo_flags & LO_FLAGS_READ_ONLY) ? O_RDONLY : O_RDWR;

	devfd = open_node(devpath, mode, wait_node);
	if (devfd < 0) {
		*stage = LOOP_STAGE_DEVICE;
		return devfd;
	}
	if ((rc = xflock(devfd, LOCK_EX)) == 0)
		rc = attach_fd(devfd, filefd, info, sector_size);
	close(devfd);
	if (rc < 0)
		*stage = LOOP_STAGE_SETUP;
	return rc;
}

/*
 * losetup -f FILE.  Lock order as systemd's: /dev/loop-control, then the
 * device, so that concurrent finders (ours or systemd's) never pick the same
 * device; the control lock is held until the device is bound.
 */
static int attach_free(int filefd, const struct loop_info64 *info, uint32_t sector_size,
		       char *out, enum loop_attach_stage *stage)
{
	unsigned backoff = 5;
	int tries, rc = -EBUSY;

	for (tries = 0; tries < ATTACH_TRIES; tries++) {
		int ctl, nr, devfd;
		int mode = (info->lo_flags & LO_FLAGS_READ_ONLY) ? O_RDONLY : O_RDWR;

		ctl = open(LOOP_CONTROL_PATH, O_RDWR | O_CLOEXEC);
		if (ctl < 0) {
			*stage = LOOP_STAGE_FIND;
			return -errno;
		}
		rc = xflock(ctl, LOCK_EX);
		nr = rc < 0 ? rc : xioctl(ctl, LOOP_CTL_GET_FREE, 0);
		if (nr < 0) {
			close(ctl);
			*stage = LOOP_STAGE_FIND;
			return nr;
		}
		snprintf(out, LOOP_DEVPATH_MAX, "/dev/loop%d", nr);
		devfd = open_node(out, mode, 1);
		if (devfd < 0) {
			close(ctl);
			*stage = LOOP_STAGE_DEVICE;
			return devfd;
		}
		rc = xflock(devfd, LOCK_EX);
		if (rc == 0)
			rc = attach_fd(devfd, filefd, info, sector_size);
		close(devfd);
		close(ctl);
		if (rc != -EBUSY && rc != -EAGAIN)
			break;
		/* someone not taking our lock bound it first: look again */
		sleep_ms(backoff);
		if (backoff < ATTACH_BACKOFF_MAX_MS)
			backoff = backoff * 2 > ATTACH_BACKOFF_MAX_MS ? ATTACH_BACKOFF_MAX_MS : backoff * 2;
	}
	if (rc < 0)
		*stage = LOOP_STAGE_SETUP;
	return rc;
}

int loop_attach(const char *devpath, const struct loop_setup *req,
		char *out, enum loop_attach_stage *stage)
{
	struct loop_info64 info;
	uint32_t flags = req->flags & (LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR |
				       LO_FLAGS_PARTSCAN | LO_FLAGS_DIRECT_IO);
	char *canonical;
	int filefd, rc, wait_node = 0;

	*stage = LOOP_STAGE_NONE;
	if (devpath) {
		snprintf(out, LOOP_DEVPATH_MAX, "%s", devpath);
		wait_node = loop_add_named(devpath);
	}
	filefd = open_backing(req, &flags);
	if (filefd < 0) {
		/* a named device that cannot be opened is the better culprit */
		int devfd = devpath ? open(devpath, O_RDWR | O_CLOEXEC) : 0;

		if (devfd < 0) {
			*stage = LOOP_STAGE_DEVICE;
			return -errno;
		}
		if (devpath)
			close(devfd);
		*stage = LOOP_STAGE_FILE;
		return filefd;
	}
	if (req->sector_size && !valid_sector_size(req->sector_size)) {
		close(filefd);
		*stage = LOOP_STAGE_SETUP;
		return -EINVAL;
	}
	canonical = realpath(req->file, NULL);
	fill_info(&info, req, flags, canonical ? canonical : req->file);
	free(canonical);

	if (devpath)
		rc = attach_named(devpath, filefd, &info, (uint32_t)req->sector_size, wait_node, stage);
	else
		rc = attach_free(filefd, &info, (uint32_t)req->sector_size, out, stage);
	close(filefd);
	return rc;
}

static int dev_ioctl(const char *devpath, unsigned long req, unsigned long arg)
{
	int rc = path_ioctl(devpath, O_RDONLY, req, arg);

	return rc < 0 ? rc : 0;
}

int loop_detach(const char *devpath)
{
	return dev_ioctl(devpath, LOOP_CLR_FD, 0);
}

int loop_set_capacity(const char *devpath)
{
	return dev_ioctl(devpath, LOOP_SET_CAPACITY, 0);
}

int loop_set_direct_io(const char *devpath, int on)
{
	return dev_ioctl(devpath, LOOP_SET_DIRECT_IO, on ? 1 : 0);
}

int loop_set_sector_size(const char *devpath, unsigned size)
{
	return dev_ioctl(devpath, LOOP_SET_BLOCK_SIZE, size);
}

int loop_clear_autoclear(const char *devpath)
{
	struct loop_info64 info;
	int fd, rc;

	fd = open(devpath, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	memset(&info, 0, sizeof(info));
	rc = xioctl(fd, LOOP_GET_STATUS64, (unsigned long)&info);
	if (rc == 0) {
		info.lo_flags &= ~LO_FLAGS_AUTOCLEAR;
		rc = xioctl(fd, LOOP_SET_STATUS64, (unsigned long)&info);
	}
	close(fd);
	return rc < 0 ? rc : 0;
}
