/* /dev/mapper nodes, kept by dmsetup itself when no udev does it. */
#ifndef LODM_DMNODE_H
#define LODM_DMNODE_H

#include <sys/types.h>

/* 1 when udev manages device nodes on this machine (its control socket exists). */
int dm_udev_running(void);
int dm_node_add(const char *name, dev_t devno);
int dm_node_remove(const char *name);
int dm_node_rename(const char *old_name, const char *new_name);

#endif
