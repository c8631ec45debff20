/*
 * dm-stats derived metrics, with libdm's arithmetic: its conversions to
 * double (and, for svctm, through a percent and a float), its zero guards,
 * and rrqm/s and wrqm/s divided by the interval in nanoseconds as it does.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>

#include "dmstats.h"

#define PERCENT_1	1000000

static double per_sec(uint64_t v, uint64_t interval_ns)
{
	return ((double)v * (double)DMS_NSEC_PER_SEC) / (double)interval_ns;
}

static double ratio_guarded(uint64_t num, uint64_t den)
{
	return num > 0 && den > 0 ? (double)num / (double)den : 0.0;
}

static double utilization(const uint64_t *c, uint64_t interval_ns)
{
	uint64_t busy = c[DMS_IO_NSECS];

	/* more busy time than the interval: a clock off at start-up; no more than 100% */
	if (busy > interval_ns)
		busy = interval_ns;
	return (double)busy / (double)interval_ns;
}

int dms_metric(const struct dms_counters *counters, uint64_t interval_ns, enum dms_metric m,
	       double *value)
{
	const uint64_t *c = counters->c;
	uint64_t ios = c[DMS_READS] + c[DMS_WRITES];
	double tput, util;

	*value = 0.0;
	if (!interval_ns)
		return -EINVAL;
	switch (m) {
	case DMS_RD_MERGES_PER_SEC:
		*value = (double)c[DMS_READS_MERGED] / (double)interval_ns;
		break;
	case DMS_WR_MERGES_PER_SEC:
		*value = (double)c[DMS_WRITES_MERGED] / (double)interval_ns;
		break;
	case DMS_READS_PER_SEC:
		*value = per_sec(c[DMS_READS], interval_ns);
		break;
	case DMS_WRITES_PER_SEC:
		*value = per_sec(c[DMS_WRITES], interval_ns);
		break;
	case DMS_READ_SECTORS_PER_SEC:
		*value = per_sec(c[DMS_READ_SECTORS], interval_ns);
		break;
	case DMS_WRITE_SECTORS_PER_SEC:
		*value = per_sec(c[DMS_WRITE_SECTORS], interval_ns);
		break;
	case DMS_AVERAGE_REQUEST_SIZE:
		*value = ios ? (double)(c[DMS_READ_SECTORS] + c[DMS_WRITE_SECTORS]) / (double)ios : 0.0;
		break;
	case DMS_AVERAGE_QUEUE_SIZE:
		*value = c[DMS_WEIGHTED_IO_NSECS] ?
			 (double)c[DMS_WEIGHTED_IO_NSECS] / (double)interval_ns : 0.0;
		break;
	case DMS_AVERAGE_WAIT_TIME:
		*value = ios ? (double)(c[DMS_READ_NSECS] + c[DMS_WRITE_NSECS]) / (double)ios : 0.0;
		break;
	case DMS_AVERAGE_RD_WAIT_TIME:
		*value = ratio_guarded(c[DMS_READ_NSECS], c[DMS_READS]);
		break;
	case DMS_AVERAGE_WR_WAIT_TIME:
		*value = ratio_guarded(c[DMS_WRITE_NSECS], c[DMS_WRITES]);
		break;
	case DMS_SERVICE_TIME:
		tput = per_sec(ios, interval_ns);
		util = utilization(c, interval_ns) * 100;
		/* libdm: (uint64_t)tput == 0 || (uint64_t)util == 0, without converting a huge rate */
		if (tput < 1.0 || util < 1.0)
			break;
		/* libdm hands the percentage to dm_percent_to_float as a dm_percent_t */
		*value = ((double)DMS_NSEC_PER_SEC *
			  (double)((float)(int32_t)util / PERCENT_1 + 0.f)) / (100.0 * tput);
		break;
	case DMS_THROUGHPUT:
		*value = per_sec(ios, interval_ns);
		break;
	case DMS_UTILIZATION:
		*value = utilization(c, interval_ns);
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

int dms_utilization_percent(const struct dms_counters *c, uint64_t interval_ns, int32_t *pct)
{
	double util;
	int rc;

	*pct = 0;
	if ((rc = dms_metric(c, interval_ns, DMS_UTILIZATION, &util)) < 0)
		return rc;
	*pct = dms_make_percent((uint64_t)(PERCENT_1 * util), PERCENT_1);
	return 0;
}
