/* Helpers the fuzz targets share. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

char *fuzz_string(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t len = nul ? (size_t)(nul - data) : size;
	char *s = malloc(len + 1);

	if (!s)
		abort();
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}
