/*
 * json-c, loaded (dlopen) when a tool asks for it, not at every start: only
 * dmsetup -J needs it, and mapping it costs a tenth of a run of "dmsetup ls"
 * or "dmsetup create" (bench/README.md), which udev's rules start for every
 * event.  The programs are not linked with json-c: common/jsonc.c defines
 * the json-c functions lodm uses (typed by json-c's header) and forwards
 * them to the library; a function missing there fails the link.
 *
 * Nothing here prints or exits.
 */
#ifndef LODM_JSONC_H
#define LODM_JSONC_H

/*
 * Loads the library and every function used; 0, or -ELIBACC (then
 * jsonc_load_error() says why, in the dynamic loader's words).  A forwarder
 * called without the library tries to load it and fails as json-c does on
 * no memory (NULL, or -1).
 */
int jsonc_load(void);
const char *jsonc_load_error(void);

#endif
