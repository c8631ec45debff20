/*
 * A main for the fuzz targets without libFuzzer: runs LLVMFuzzerTestOneInput
 * once on each file named, or on each file of each directory named (in name
 * order), so the targets run over their corpora with any compiler.
 * Prints "<argv0>: N inputs" and exits 0; a finding aborts (sanitizers).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* Targets that need no set-up leave LLVMFuzzerInitialize undefined. */
#pragma weak LLVMFuzzerInitialize

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, size = 0;

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t n;

		if (len == size) {
			uint8_t *p = realloc(buf, size = size ? size * 2 : 4096);

			if (!p) {
				free(buf);
				fclose(f);
				return -1;
			}
			buf = p;
		}
		if (!(n = fread(buf + len, 1, size - len, f)))
			break;
		len += n;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	/* exactly len bytes, as libFuzzer passes them: overreads are caught */
	{
		uint8_t *exact = malloc(len ? len : 1);

		if (!exact) {
			free(buf);
			return -1;
		}
		if (len)
			memcpy(exact, buf, len);
		free(buf);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv)
{
	unsigned long inputs = 0;
	int i, rc = 0, fd = dup(1);
	/* (a target may send stdout elsewhere in its initialisation) */
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (!out)
		return 1;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;
		struct dirent **ents;
		int n, j;

		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (run_file(argv[i]) < 0)
				rc = 1;
			else
				inputs++;
			continue;
		}
		if ((n = scandir(argv[i], &ents, NULL, by_name)) < 0) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		for (j = 0; j < n; j++) {
			char path[4096];

			if (ents[j]->d_name[0] != '.' &&
			    (size_t)snprintf(path, sizeof(path), "%s/%s", argv[i], ents[j]->d_name) < sizeof(path) &&
			    stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
				if (run_file(path) < 0)
					rc = 1;
				else
					inputs++;
			}
			free(ents[j]);
		}
		free(ents);
	}
	fprintf(out, "%s: %lu inputs\n", argv[0], inputs);
	fclose(out);
	return rc;
}
