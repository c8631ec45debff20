#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>

#include "dlsym.h"

static int load_failed(const char *soname, void *lib, char *why, size_t whylen)
{
	const char *said = dlerror();

	if (why && whylen)
		snprintf(why, whylen, "%s%s%s", lib ? soname : "", lib ? ": " : "",
			 said ? said : "cannot be loaded");
	if (lib)
		dlclose(lib);
	return -ELIBACC;
}

int dl_load_symbols(const char *soname, const char *prefix,
		    const struct dl_symbol *syms, size_t nsyms,
		    void **lib, char *why, size_t whylen)
{
	char name[128];
	void *handle;
	size_t i;

	if (!(handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL)))
		return load_failed(soname, NULL, why, whylen);
	for (i = 0; i < nsyms; i++) {
		if ((size_t)snprintf(name, sizeof(name), "%s%s", prefix, syms[i].name) >= sizeof(name))
			return load_failed(soname, handle, why, whylen);
		dlerror();
		if (!(*syms[i].slot = dlsym(handle, name)))
			return load_failed(soname, handle, why, whylen);
	}
	*lib = handle;
	return 0;
}
