/* Mutually exclusive options, checked as util-linux's optutils does. */
#ifndef LODM_OPTEXCL_H
#define LODM_OPTEXCL_H

#define OPTEXCL_ROW_MAX 10

/* A row lists option values in ascending order, 0-terminated. */
typedef int optexcl_row[OPTEXCL_ROW_MAX];

/*
 * Records option c.  Returns the index of the row in which an earlier,
 * different option conflicts with c, or -1.  status has one int per row,
 * zero-initialised.
 */
int optexcl_check(const optexcl_row *rows, int *status, int c);

#endif
