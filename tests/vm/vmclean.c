/*
 * vmclean: the VM tests' clean slate in one process (tests/vm/lib.sh,
 * vm_cleanup).  Removes every device-mapper device (resumed first, so that
 * a suspended one can go), detaches every bound loop device and removes the
 * udev cookie semaphores of device-mapper (keys 0x0D4Dxxxx), then waits,
 * bounded, until the kernel lists none.  Statically linked: under TCG each
 * dynamically linked tool costs ~80 ms to start, and this runs several times
 * per differential case.  Independent of the code under test on purpose.
 *
 *   vmclean [--report]   exit 0: clean; 1: something is left (told)
 *   --report: first print what was left over ("leftover dm devices: ...",
 *             "leftover udev cookies: 0x0d4d1234 ...").
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/dm-ioctl.h>
#include <linux/loop.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sem.h>
#include <time.h>
#include <unistd.h>

#define LIST_BUF (256 * 1024)

static int ctl = -1;

static void init_io(struct dm_ioctl *io, size_t size)
{
	memset(io, 0, size);
	io->version[0] = DM_VERSION_MAJOR;
	io->data_size = (__u32)size;
	io->data_start = sizeof(*io);
}

/* The dm devices' names, separated by blanks, into out; their count. */
static int dm_list(char *out, size_t outsz)
{
	static char buf[LIST_BUF] __attribute__((aligned(8)));
	struct dm_ioctl *io = (void *)buf;
	struct dm_name_list *nl;
	size_t off;
	int n = 0;

	*out = '\0';
	if (ctl < 0)
		return 0;
	init_io(io, sizeof(buf));
	if (ioctl(ctl, DM_LIST_DEVICES, io) < 0 || io->data_size <= io->data_start)
		return 0;
	off = io->data_start;
	for (;;) {
		nl = (void *)(buf + off);
		if (!nl->dev)
			break;
		n++;
		if (strlen(out) + strlen(nl->name) + 2 < outsz) {
			strcat(out, nl->name);
			strcat(out, " ");
		}
		if (!nl->next)
			break;
		off += nl->next;
	}
	return n;
}

static void dm_named(unsigned long cmd, const char *name, __u32 flags)
{
	struct dm_ioctl io;

	init_io(&io, sizeof(io));
	snprintf(io.name, sizeof(io.name), "%s", name);
	io.flags = flags;
	ioctl(ctl, cmd, &io);
}

/* Resumes every device (a suspended one may hold I/O), then removes all. */
static void dm_clean(void)
{
	char names[8192], *p, *sp;
	struct dm_ioctl io;

	if (!dm_list(names, sizeof(names)))
		return;
	for (p = strtok_r(names, " ", &sp); p; p = strtok_r(NULL, " ", &sp))
		dm_named(DM_DEV_SUSPEND, p, 0);
	init_io(&io, sizeof(io));
	ioctl(ctl, DM_REMOVE_ALL, &io);
}

/* Bound loop devices (those with a backing file), separated by blanks. */
static int loop_list(char *out, size_t outsz)
{
	DIR *d = opendir("/sys/block");
	struct dirent *e;
	char path[300];
	int n = 0;

	*out = '\0';
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "loop", 4))
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s/loop/backing_file", e->d_name);
		if (access(path, F_OK))
			continue;
		n++;
		if (strlen(out) + strlen(e->d_name) + 2 < outsz) {
			strcat(out, e->d_name);
			strcat(out, " ");
		}
	}
	closedir(d);
	return n;
}

static void loop_clean(void)
{
	char names[8192], path[300], *p, *sp;
	int fd;

	if (!loop_list(names, sizeof(names)))
		return;
	for (p = strtok_r(names, " ", &sp); p; p = strtok_r(NULL, " ", &sp)) {
		snprintf(path, sizeof(path), "/dev/%s", p);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		ioctl(fd, LOOP_CLR_FD, 0);
		close(fd);
	}
}

/*
 * The udev cookie semaphores (key prefix 0x0D4D), "0x%08x " each, into out;
 * with remove, they are removed.  Their count.
 */
static int cookies(char *out, size_t outsz, int remove)
{
	struct seminfo info;
	struct semid_ds ds;
	char one[16];
	int max, id, semid, n = 0;

	*out = '\0';
	if ((max = semctl(0, 0, SEM_INFO, &info)) < 0)
		return 0;
	for (id = 0; id <= max; id++) {
		if ((semid = semctl(id, 0, SEM_STAT, &ds)) < 0 ||
		    ((unsigned)ds.sem_perm.__key >> 16) != 0x0D4D)
			continue;
		n++;
		snprintf(one, sizeof(one), "0x%08x ", (unsigned)ds.sem_perm.__key);
		if (strlen(out) + strlen(one) < outsz)
			strcat(out, one);
		if (remove)
			semctl(semid, 0, IPC_RMID);
	}
	return n;
}

int main(int argc, char **argv)
{
	char dm[8192], loops[8192], sems[8192];
	struct timespec tenth = { 0, 100 * 1000 * 1000 };
	int i;

	ctl = open("/dev/mapper/control", O_RDWR | O_CLOEXEC);
	if (argc > 1 && !strcmp(argv[1], "--report")) {
		if (dm_list(dm, sizeof(dm)))
			printf("leftover dm devices: %s\n", dm);
		if (loop_list(loops, sizeof(loops)))
			printf("leftover loop devices: %s\n", loops);
		if (cookies(sems, sizeof(sems), 0))
			printf("leftover udev cookies: %s\n", sems);
	}
	cookies(sems, sizeof(sems), 1);
	/* detaching is asynchronous and a device may be closed a moment later */
	for (i = 0; i < 50; i++) {
		int ndm = dm_list(dm, sizeof(dm)), nloop = loop_list(loops, sizeof(loops));

		if (!ndm && !nloop)
			return 0;
		if (i % 10 == 0) {
			dm_clean();
			loop_clean();
			continue;
		}
		nanosleep(&tenth, NULL);
	}
	printf("vm_cleanup: could not remove: %s%s%s%s\n", *dm ? "dm: " : "", dm,
	       *loops ? "loop: " : "", loops);
	return 1;
}
