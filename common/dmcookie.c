#include "config.h"

#include <errno.h>
#include <sys/random.h>
#include <sys/sem.h>
#include <time.h>

#include "dmcookie.h"

/* A few thousand tries find a free key among 65,535 unless nearly all are taken. */
#define CREATE_TRIES	4096

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

int dm_cookie_sem_supported(void)
{
	struct seminfo info;
	union semun arg = { .__buf = &info };

	return semctl(0, 0, SEM_INFO, arg) >= 0;
}

int dm_cookie_create(uint32_t *cookie, int *semid)
{
	union semun arg = { .val = 1 };
	uint16_t base;
	uint32_t c;
	int id, tries;

	for (tries = 0; tries < CREATE_TRIES; tries++) {
		if (getrandom(&base, sizeof(base), 0) != (ssize_t)sizeof(base))
			return errno ? -errno : -EIO;
		if (!base)
			continue;
		c = (uint32_t)DM_COOKIE_MAGIC << DM_UDEV_FLAGS_SHIFT | base;
		if ((id = semget((key_t)c, 1, 0600 | IPC_CREAT | IPC_EXCL)) < 0) {
			if (errno == EEXIST)
				continue;	/* taken: another random one */
			return -errno;
		}
		if (semctl(id, 0, SETVAL, arg) < 0) {
			int err = errno;

			semctl(id, 0, IPC_RMID);
			return -err;
		}
		*cookie = c;
		*semid = id;
		return 0;
	}
	return -EEXIST;
}

int dm_cookie_get(uint32_t cookie, int *semid)
{
	if (cookie >> DM_UDEV_FLAGS_SHIFT != DM_COOKIE_MAGIC)
		return -EINVAL;
	if ((*semid = semget((key_t)cookie, 1, 0)) < 0)
		return -errno;
	return 0;
}

static int semop_one(int semid, short op, short flags)
{
	struct sembuf sb = { 0, op, flags };

	return semop(semid, &sb, 1) < 0 ? -errno : 0;
}

int dm_cookie_inc(int semid)
{
	return semop_one(semid, 1, 0);
}

int dm_cookie_dec(int semid)
{
	return semop_one(semid, -1, IPC_NOWAIT);
}

int dm_cookie_value(int semid)
{
	int v = semctl(semid, 0, GETVAL);

	return v < 0 ? -errno : v;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

int dm_cookie_wait_zero(int semid, long timeout_ms)
{
	struct sembuf sb = { 0, 0, 0 };
	struct timespec t0, left;
	long rest;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (timeout_ms < 0) {
			if (semop(semid, &sb, 1) == 0)
				return 0;
		} else {
			rest = timeout_ms - ms_since(&t0);
			if (rest <= 0)
				return -ETIMEDOUT;
			left.tv_sec = rest / 1000;
			left.tv_nsec = (rest % 1000) * 1000000;
			if (semtimedop(semid, &sb, 1, &left) == 0)
				return 0;
			if (errno == EAGAIN)
				return -ETIMEDOUT;
		}
		if (errno == EIDRM || errno == EINVAL)
			return 0;	/* removed meanwhile: nobody waits on it any more */
		if (errno != EINTR)
			return -errno;
	}
}

int dm_cookie_destroy(int semid)
{
	return semctl(semid, 0, IPC_RMID) < 0 ? -errno : 0;
}

int dm_cookie_each(int (*fn)(const struct dm_cookie_sem *s, void *arg), void *arg)
{
	struct seminfo info;
	struct semid_ds ds;
	union semun a = { .__buf = &info };
	struct dm_cookie_sem s;
	int max, id, rc;

	if ((max = semctl(0, 0, SEM_INFO, a)) < 0)
		return -errno;
	if (!fn)
		return 0;
	for (id = 0; id <= max; id++) {
		a.buf = &ds;
		if ((s.semid = semctl(id, 0, SEM_STAT, a)) < 0)
			continue;
		s.cookie = (uint32_t)ds.sem_perm.__key;
		if (s.cookie >> DM_UDEV_FLAGS_SHIFT != DM_COOKIE_MAGIC)
			continue;
		s.otime = ds.sem_otime;
		s.ctime = ds.sem_ctime;
		if ((rc = fn(&s, arg)))
			return rc;
	}
	return 0;
}
