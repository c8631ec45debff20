/*
 * The libFuzzer entry points every target in tests/fuzz defines.  Built with
 * clang's -fsanitize=fuzzer the fuzzer drives them; otherwise standalone.c
 * runs them over the committed corpus.
 */
#ifndef LODM_FUZZ_H
#define LODM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional: once, before the first input. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The input as a NUL-terminated string (stops at an embedded NUL); free() it. */
char *fuzz_string(const uint8_t *data, size_t size);

#endif
