/* Size and number parsing with util-linux's syntax. */
#ifndef LODM_SIZE_H
#define LODM_SIZE_H

#include <stdint.h>

/*
 * Parses "<number>[.<fraction>][K|KiB|KB|M|...|Y]": strtoumax base 0 (so 0x10
 * and 010 work), binary suffixes with an optional "iB", decimal ones with
 * "B".  Returns 0, -EINVAL (syntax) or -ERANGE (does not fit 64 bits).
 */
int size_parse(const char *str, uint64_t *out);

#endif
