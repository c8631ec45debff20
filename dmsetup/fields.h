/* The report of info -c and splitname: its fields (fields.c). */
#ifndef DMSETUP_FIELDS_H
#define DMSETUP_FIELDS_H

/* info -c (and info -J): the report over the devices named, or all. */
int info_columns(int argc, char **argv);
/* The field list of `help -c`. */
void show_report_fields(void);

/*
 * stats list and stats report (statsreport.c): a report over the same
 * fields, whose rows show stats objects (statsfields.h) of devices.
 */
struct dm_ioctl;
struct info_report;
struct report;
struct stats_cursor;
/* The report of default_fields (or -o's); list: `-o all` is the region
 * fields, else the statistics ones too.  NULL after telling why. */
struct info_report *stats_columns_init(const char *default_fields, int list);
struct report *stats_columns_report(struct info_report *ir);
/* Whether the report uses counters (which stats report reads with @stats_print). */
int stats_columns_use_counters(const struct info_report *ir);
/* A row for object cur of device io (DM_DEV_STATUS's); 0, or -errno told. */
int stats_columns_add(struct info_report *ir, const struct dm_ioctl *io,
		      const struct stats_cursor *cur);
void stats_columns_free(struct info_report *ir);
/* A row's stats object (statsfields.c's getters). */
const struct stats_cursor *dev_row_stats(const void *row);

#endif
