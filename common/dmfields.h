/*
 * The parameters of a device-mapper target, as the kernel reports them for
 * DM_TABLE_STATUS, turned into typed JSON for dmsetup -J table / status.
 *
 * Nothing here prints or exits.
 */
#ifndef LODM_DMFIELDS_H
#define LODM_DMFIELDS_H

#include <json-c/json.h>

/* The typed fields of a target's parameters: its table line (status 0) or
 * its status line (status 1) as the kernel reports them for DM_TABLE_STATUS.
 * A new object, or NULL for a target type lodm does not parse or text that
 * does not have the target's form (the caller then leaves the fields out).
 * Without showkeys a table's keys are hidden as dmsetup's table text hides
 * them (dm_table_hide_keys). */
struct json_object *dm_target_fields(const char *type, const char *params, int status, int showkeys);

#endif
