/*
 * How commands show devices: the info block, the names ls and deps show
 * (-o devno|blkdevname|devname, read before any command runs), and --exec.
 */
#ifndef DMSETUP_DISPLAY_H
#define DMSETUP_DISPLAY_H

#include <stddef.h>
#include <sys/types.h>

#include "dm.h"

/* The "Name: ... UUID:" block of info (and -v) for a device's reply. */
void show_info(const struct dm_ioctl *io);
/* libdevmapper's dm_device_get_name: a dm device's name (unless prefer_kernel) or the kernel's;
 * 0, or -ENOENT (untold). */
int device_name(dev_t devno, int prefer_kernel, char *buf, size_t size);
/* The name ls and deps show (-o devno|blkdevname|devname); -ENOENT: show the numbers. */
int shown_device_name(dev_t devno, char *buf, size_t size);
/* -o's comma-separated words, each standing for the first keyword it begins; 0, or
 * -EINVAL after "<what> not recognised: <rest>." */
int each_option_word(const char *options, const char *const keywords[], const char *what,
		     void (*pick)(int keyword));
/* -o (or with --tree the tree's options) read before the command runs; 0, or -errno told. */
int process_display_options(void);
/* --exec's command run on /dev/mapper/NAME (ls, table, status); 0, or -errno
 * (told where dmsetup tells: too many words, a node not made). */
int exec_on_device(const char *name);

#endif
