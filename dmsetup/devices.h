/*
 * The devices a command acts on: the one a user names (a name, a path, or
 * -u/-j/-m), every device the kernel lists, and running a command's
 * function over them the way lvm2's dmsetup does.
 */
#ifndef DMSETUP_DEVICES_H
#define DMSETUP_DEVICES_H

#include "dm.h"

/* Names r's device as the user did (arg NULL: -u/-j/-m); 0, or -errno told. */
int req_for_device(struct dm_req *r, const char *arg);
/* The same without a word on failure (a look-up before the real request). */
int req_for_device_quiet(struct dm_req *r, const char *arg);
/* task_init + req_for_device; on failure nothing is left to free. */
int device_task(struct dm_req *r, const char *arg);
/* DM_DEV_STATUS of a device: 1 found, 0 absent, -errno (told). */
int device_status(const char *dev, struct dm_req *r);

/*
 * Calls fn for each device the kernel has, names and uuids as shown to the
 * user; *none tells there were none.  As in libdevmapper, one name that
 * cannot be shown fails the whole list, before fn is called.
 */
int list_device_names(int (*fn)(const struct dm_name_entry *e, void *arg), void *arg, int *none);
/* The same with names and uuids as the kernel holds them (/dev/mapper nodes). */
int list_kernel_names(int (*fn)(const struct dm_name_entry *e, void *arg), void *arg, int *none);

/* Runs fn(dev, arg) on each device argument (NULL when there is none, for
 * -u/-j/-m), stopping at the first failure; 1 when all succeeded. */
int each_device(int argc, char **argv, int (*fn)(const char *dev, void *arg), void *arg);
/*
 * Runs fn on each device argument, stopping at the first failure, or on
 * every device when there is none, each one whatever the others did, as
 * lvm2 ("No devices found" when there is none at all); 1 when all
 * succeeded.  fn's several: whether more than one device is shown.
 */
int for_each_arg_or_all(int argc, char **argv, int (*fn)(const char *dev, int several, void *arg),
			void *arg);
/*
 * While on, a device named alone is shown as one of several (fn's several
 * is 1): lvm2 runs the command that -S picked on each device so (its
 * multiple_devices), "name: " before each line.
 */
void devices_one_of_several(int on);

#endif
