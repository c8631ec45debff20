/*
 * bench/timeit — run a command and measure it, with as little of our own
 * cost inside the measurement as possible: the clock is read right before
 * posix_spawn (vfork + exec) and right after wait4 returns.
 *
 *   timeit OUT CMD [ARG...]
 *       Run CMD once, its stdout to the file OUT ("-": /dev/null), stderr
 *       inherited.  Prints one line to stdout:
 *           <wall ns> <exit status> <max RSS KiB> <CPU ns>
 *       (exit status 128+N for a signal; max RSS is wait4's ru_maxrss, the
 *       number GNU time's %M prints; CPU is its user + system time).
 *
 *   timeit -j K OUTDIR CMD [ARG...]
 *       Start K copies at once (every "%d" in an ARG replaced by the copy's
 *       number 0..K-1), copy i's stdout to OUTDIR/i, and wait for all.
 *       Prints one line:
 *           <wall ns> <copies that failed> <largest max RSS KiB>
 *       and the exit status of each copy, one per line, to OUTDIR/status.
 *
 *   timeit -b FILE
 *       Run the commands of FILE one after the other, each timed as above:
 *       a line is LABEL<TAB>LABEL<TAB>OUT<TAB>CMD[<TAB>ARG...], and for each
 *       one line is printed:
 *           <label> <label> <wall ns> <exit status> <max RSS KiB> <CPU ns>
 *       (no shell forks between the commands: under TCG a fork of bash costs
 *       more than most of the commands measured).
 *
 * Exit status: 0 when it could run the command(s) (whatever their status),
 * 2 on a usage error or when spawning failed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long cpu_ns(const struct rusage *ru)
{
	return (long long)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000000000LL +
	       (long long)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) * 1000LL;
}

static int status_code(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 255;
}

/* Spawns argv with stdout to out; the child's pid or -1. */
static pid_t spawn(const char *out, char **argv)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int rc;

	if (posix_spawn_file_actions_init(&fa))
		return -1;
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out,
					 O_WRONLY | O_CREAT | O_TRUNC, 0644);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc) {
		errno = rc;
		perror(argv[0]);
		return -1;
	}
	return pid;
}

static pid_t wait_child(pid_t pid, int *st, struct rusage *ru)
{
	pid_t r;

	while ((r = wait4(pid, st, 0, ru)) < 0 && errno == EINTR)
		;
	return r;
}

static int run_one(const char *out, char **argv)
{
	struct rusage ru;
	long long t0, t1;
	pid_t pid;
	int st;

	if (!strcmp(out, "-"))
		out = "/dev/null";
	t0 = now_ns();
	pid = spawn(out, argv);
	if (pid < 0 || wait_child(pid, &st, &ru) < 0)
		return 2;
	t1 = now_ns();
	printf("%lld %d %ld %lld\n", t1 - t0, status_code(st), ru.ru_maxrss, cpu_ns(&ru));
	return 0;
}

#define BATCH_ARGS	64

static int run_batch(const char *file)
{
	FILE *f = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	if (!f) {
		perror(file);
		return 2;
	}
	while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
		char *argv[BATCH_ARGS + 1], *p = line, *label[2];
		int argc = 0;

		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		label[0] = strsep(&p, "\t");
		label[1] = strsep(&p, "\t");
		while (p && argc < BATCH_ARGS)
			argv[argc++] = strsep(&p, "\t");
		argv[argc] = NULL;
		if (!label[1] || argc < 2 || p) {
			fprintf(stderr, "timeit: bad line in %s: %s\n", file, line);
			rc = 2;
			break;
		}
		printf("%s %s ", label[0], label[1]);
		fflush(stdout);
		rc = run_one(argv[0], argv + 1);
		fflush(stdout);
	}
	free(line);
	fclose(f);
	return rc;
}

/* argv with every "%d" replaced by i (at most one per argument). */
static char **argv_for(char **argv, int i)
{
	size_t n = 0, k;
	char **v;

	while (argv[n])
		n++;
	v = calloc(n + 1, sizeof(*v));
	if (!v)
		return NULL;
	for (k = 0; k < n; k++) {
		const char *p = strstr(argv[k], "%d");

		if (!p) {
			v[k] = argv[k];
			continue;
		}
		if (asprintf(&v[k], "%.*s%d%s", (int)(p - argv[k]), argv[k], i, p + 2) < 0)
			return NULL;
	}
	return v;
}

static int run_parallel(int k, const char *dir, char **argv)
{
	char ***argvs = calloc((size_t)k, sizeof(*argvs));
	pid_t *pids = calloc((size_t)k, sizeof(*pids));
	int *codes = calloc((size_t)k, sizeof(*codes));
	char path[4096];
	long maxrss = 0;
	long long t0, t1;
	int i, failed = 0;
	FILE *f;

	if (!argvs || !pids || !codes)
		return 2;
	for (i = 0; i < k; i++)
		if (!(argvs[i] = argv_for(argv, i)))
			return 2;
	t0 = now_ns();
	for (i = 0; i < k; i++) {
		snprintf(path, sizeof(path), "%s/%d", dir, i);
		pids[i] = spawn(path, argvs[i]);
	}
	for (i = 0; i < k; i++) {
		struct rusage ru;
		int st;

		if (pids[i] < 0 || wait_child(pids[i], &st, &ru) < 0) {
			codes[i] = -1;
			failed++;
			continue;
		}
		codes[i] = status_code(st);
		failed += codes[i] != 0;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	t1 = now_ns();
	snprintf(path, sizeof(path), "%s/status", dir);
	if (!(f = fopen(path, "w")))
		return 2;
	for (i = 0; i < k; i++)
		fprintf(f, "%d\n", codes[i]);
	if (fclose(f))
		return 2;
	printf("%lld %d %ld\n", t1 - t0, failed, maxrss);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "-b"))
		return run_batch(argv[2]);
	if (argc >= 5 && !strcmp(argv[1], "-j")) {
		int k = atoi(argv[2]);

		if (k < 1 || k > 4096)
			return 2;
		return run_parallel(k, argv[3], argv + 4);
	}
	if (argc < 3) {
		fputs("usage: timeit OUT CMD [ARG...] | timeit -j K OUTDIR CMD [ARG...] |\n"
		      "       timeit -b FILE\n", stderr);
		return 2;
	}
	return run_one(argv[1], argv + 2);
}
