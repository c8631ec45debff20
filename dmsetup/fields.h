/* The report of info -c and splitname: its fields (fields.c). */
#ifndef DMSETUP_FIELDS_H
#define DMSETUP_FIELDS_H

#include "dmsetup.h"

/* info -c (and info -J): the report over the devices named, or all. */
enum cmd_result info_columns(int argc, char **argv);
/* Whether -S applies to the command: lvm2 then runs it through info -c's
 * selection (-o, -O and -S as info -c takes them). */
int takes_selection(const struct command *cmd);
/* What lvm2's report set-up refuses for cmd before it runs (-c --sort on
 * table and status); 0, or -EINVAL told. */
int columns_check(const struct command *cmd);
/* That run: cmd on each device (of argv, or all) the selection picks, as one
 * of several; a command_fn (dmsetup.h). */
enum cmd_result run_on_selected(const struct command *cmd, int argc, char **argv);
struct dm_ioctl;
/* -v with -c: a device's info as a row of info -c's report instead of the
 * long block, as lvm2 (every -v of a command adds one); 0 or -errno (told). */
int verbose_row(const struct dm_ioctl *io);
/* Those rows, printed after the command (main); 0 or -errno. */
int verbose_rows_output(void);
/* The field list of `help -c`. */
void show_report_fields(void);

#endif
