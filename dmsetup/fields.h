/* The report of info -c and splitname: its fields (fields.c). */
#ifndef DMSETUP_FIELDS_H
#define DMSETUP_FIELDS_H

#include "dmsetup.h"

/* info -c (and info -J): the report over the devices named, or all. */
enum cmd_result info_columns(int argc, char **argv);
/* The field list of `help -c`. */
void show_report_fields(void);

#endif
