/*
 * Loading a shared library and the functions lodm uses from it, for the
 * libraries opened only when a run needs them (libsmartcols, json-c: why in
 * output.h and jsonc.h).  Nothing here prints or exits.
 */
#ifndef LODM_DLSYM_H
#define LODM_DLSYM_H

#include <stddef.h>

/* One function: its name in the library (after the loader's prefix) and the
 * pointer that receives it. */
struct dl_symbol {
	const char *name;
	void **slot;
};

/*
 * Opens soname and fills every slot with the function prefix+name.  0 with
 * *lib the open library; or -ELIBACC with nothing left open and, when why is
 * not NULL, the dynamic loader's words in why (the soname first when the
 * library opened but a function is missing).
 */
int dl_load_symbols(const char *soname, const char *prefix,
		    const struct dl_symbol *syms, size_t nsyms,
		    void **lib, char *why, size_t whylen);

#endif
