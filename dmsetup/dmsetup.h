/*
 * dmsetup: the options and the commands.  Each concern below them has a
 * header of its own: log.h (messages), call.h (sending requests),
 * names.h (mangling), devices.h (the devices a command acts on), udev.h,
 * nodes.h, json.h, display.h, fields.h (info -c), tree.h (ls --tree).
 */
#ifndef DMSETUP_H
#define DMSETUP_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "dmname.h"

/* Command-line switches shared by the commands. */
struct opts {
	int verbose;
	int force, readonly, notable, noflush, nolockfs, inactive, retry, deferred;
	int columns, noheadings, nameprefixes, rows, unquoted, showkeys, concise;
	int json;			/* -J, --json, --reportformat json: lodm's JSON output */
	int tree, setuuid, yes, noopencount, checks;
	int noudevsync, noudevrules, verifyudev;
	/* --udevcookie or DM_UDEV_COOKIE: a transaction whose end waits for udev */
	uint32_t udev_cookie;
	int have_udevcookie;
	/* --udevtimeout / DM_UDEV_TIMEOUT: the longest wait for udev; 0 none */
	long udev_timeout_ms;
	int addnode_on_create;		/* else on resume, libdevmapper's default */
	const char *uuid, *table, *target, *exec, *options, *separator, *sort, *select;
	int major, minor;		/* -1: not given */
	int have_major, have_minor;
	/* names and uuids to and from the kernel: $DM_DEFAULT_NAME_MANGLING_MODE, --manglename */
	enum dm_mangling mangle;
	int have_manglename;		/* given: the form the mangle command converts to */
	enum dm_mangling mangle_target;	/* mangle: that form (options_for_command) */
	/* the /dev/mapper node create makes: libdevmapper's defaults unless -U/-G/-M */
	uid_t node_uid;
	gid_t node_gid;
	mode_t node_mode;
	/* --readahead: applied after a resume; READ_AHEAD_AUTO leaves the kernel's */
	uint32_t read_ahead;
	int read_ahead_minimum;		/* "+N": only raise it to N */
	/* --count N (0: for ever) and --interval S: the command repeated, a
	 * report S seconds apart (main: repeat_count) */
	int count, have_count;
	uint64_t interval_ns;		/* 1 s unless --interval */
	int have_interval;
	/* --unbuffered: taken, and (as in lvm2 up to its newest, whose switch
	 * parser never records it) the report stays buffered */
	int unbuffered;
	/* --units, as dm_units_to_factor reads it (checked in main, after the
	 * report's options): the unit letter and bytes per unit */
	const char *units_arg;
	char units;
	uint64_t units_factor;
	int have_units;
};

/* The longest wait for udev unless told (lvm2 waits for ever) */
#define UDEV_TIMEOUT_DEFAULT_S	60

/* --readahead values, as libdevmapper numbers them */
#define READ_AHEAD_AUTO		UINT32_MAX
#define READ_AHEAD_NONE		0

extern struct opts opt;

/* options.c: the environment (DM_DEV_DIR, DM_UDEV_TIMEOUT,
 * DM_DEFAULT_NAME_MANGLING_MODE) into opt; 0, or -EINVAL told. */
int read_environment(void);
/* The switches into opt (argv's command and its arguments start at optind). */
enum switches { SWITCHES_BAD = -1, SWITCHES_COMMAND, SWITCHES_HELP, SWITCHES_VERSION };
enum switches parse_switches(int argc, char **argv);
/* What a command implies of the options, set before it runs (splitname is a
 * report; mangle takes names as the kernel holds them). */
void options_for_command(const char *command);
/* libdevmapper's dm_units_to_factor (not strict): "[N]<unit>[anything]",
 * the unit h/H/r/R, b/B, s/S, k/m/g/t/p/e (powers of 1024) or K/M/G/T/P/E
 * (of 1000); *unit the letter ('U' for a custom N); 0 when not a unit. */
uint64_t units_to_factor(const char *s, char *unit);
/* --units into opt.units and opt.units_factor; 0, or -EINVAL after
 * "Invalid --units argument." */
int check_units(void);
/* How many times main runs the command: --count's N, for ever (UINT64_MAX)
 * with --count 0 or --interval alone, else once. */
uint64_t repeat_count(void);
/* A cookie as the user writes it (0x..., octal, decimal); 0 after "Incorrect cookie value." */
uint32_t cookie_value(const char *s);
extern const char dmsetup_usage_text[];

enum cmd_result { CMD_OK = 0, CMD_FAILED /* caller prints "Command failed." */, CMD_TOLD /* failure already told completely */ };

struct command;
/* A command's function: argv[0] is the command name; nonzero on success. */
typedef int (*command_fn)(const struct command *cmd, int argc, char **argv);

struct command {
	const char *name;
	int min_args, max_args;		/* max -1: any */
	command_fn fn;
};

/* Commands.  Each returns 1 on success, 0 on failure ("Command failed."), -1
 * on a failure it told completely (a bad report field: nothing more said). */
int cmd_version(const struct command *cmd, int argc, char **argv);
int cmd_targets(const struct command *cmd, int argc, char **argv);
int cmd_target_version(const struct command *cmd, int argc, char **argv);
int cmd_ls(const struct command *cmd, int argc, char **argv);
int cmd_info(const struct command *cmd, int argc, char **argv);
int cmd_table(const struct command *cmd, int argc, char **argv);
int cmd_deps(const struct command *cmd, int argc, char **argv);
int cmd_create(const struct command *cmd, int argc, char **argv);
int cmd_load(const struct command *cmd, int argc, char **argv);
int cmd_remove(const struct command *cmd, int argc, char **argv);
int cmd_remove_all(const struct command *cmd, int argc, char **argv);
int cmd_suspend(const struct command *cmd, int argc, char **argv);
int cmd_clear(const struct command *cmd, int argc, char **argv);
int cmd_rename(const struct command *cmd, int argc, char **argv);
int cmd_mangle(const struct command *cmd, int argc, char **argv);
int cmd_message(const struct command *cmd, int argc, char **argv);
int cmd_mknodes(const struct command *cmd, int argc, char **argv);
int cmd_wipe_table(const struct command *cmd, int argc, char **argv);
int cmd_setgeometry(const struct command *cmd, int argc, char **argv);
int cmd_wait(const struct command *cmd, int argc, char **argv);
int cmd_splitname(const struct command *cmd, int argc, char **argv);
int cmd_udevcreatecookie(const struct command *cmd, int argc, char **argv);
int cmd_udevreleasecookie(const struct command *cmd, int argc, char **argv);
int cmd_udevflags(const struct command *cmd, int argc, char **argv);
int cmd_udevcomplete(const struct command *cmd, int argc, char **argv);
int cmd_udevcomplete_all(const struct command *cmd, int argc, char **argv);
int cmd_udevcookies(const struct command *cmd, int argc, char **argv);
/* The library version line's value: libdevmapper's, as lvm2 1.02.185 prints
 * it (scripts and lvm2's test harness read it). */
#define LIBDM_VERSION "1.02.185 (2022-05-18)"
/* lodm's own identity: the line `-v version` adds. */
#define LODM_IDENTITY "lodm " PACKAGE_VERSION

#endif
