/* The stats options into sopt (stats.h); options.c's getopt table has them. */
#include "config.h"

#include <stdlib.h>

#include "stats.h"

struct stats_opts sopt;

void stats_switch(int c, const char *arg)
{
	switch ((enum stats_switch)c) {
	case OPT_ALIAS: sopt.alias = arg; break;
	case OPT_ALLDEVICES: sopt.alldevices = 1; break;
	case OPT_ALLPROGRAMS: sopt.allprograms = 1; break;
	case OPT_ALLREGIONS: sopt.allregions = 1; break;
	case OPT_AREA: sopt.area = 1; break;
	case OPT_AREAS: sopt.areas = atoi(arg); sopt.have_areas = 1; break;
	case OPT_AREASIZE: sopt.areasize = arg; break;
	case OPT_BOUNDS: sopt.bounds = arg; break;
	case OPT_CLEAR: sopt.clear = 1; break;
	case OPT_FILEMAP: sopt.filemap = 1; break;
	case OPT_FOLLOW: sopt.follow = arg; break;
	case OPT_FOREGROUND: sopt.foreground = 1; break;
	case OPT_GROUP: sopt.group = 1; break;
	case OPT_GROUPID: sopt.groupid = atoi(arg); sopt.have_groupid = 1; break;
	case OPT_HISTOGRAM: sopt.histogram = 1; break;
	case OPT_LENGTH: sopt.length = arg; break;
	case OPT_NOGROUP: sopt.nogroup = 1; break;
	case OPT_NOMONITOR: sopt.nomonitor = 1; break;
	case OPT_NOSUFFIX: sopt.nosuffix = 1; break;
	case OPT_NOTIMESUFFIX: sopt.notimesuffix = 1; break;
	case OPT_PRECISE: sopt.precise = 1; break;
	case OPT_PROGRAMID: sopt.programid = arg; break;
	case OPT_RAW: sopt.raw = 1; break;
	case OPT_REGION: sopt.region = 1; break;
	case OPT_REGIONS: sopt.regions = arg; break;
	case OPT_REGIONID: sopt.regionid = atoi(arg); sopt.have_regionid = 1; break;
	case OPT_RELATIVE: sopt.relative = 1; break;
	case OPT_SEGMENTS: sopt.segments = 1; break;
	case OPT_START: sopt.start = arg; break;
	case OPT_USERDATA: sopt.userdata = arg; break;
	}
}
