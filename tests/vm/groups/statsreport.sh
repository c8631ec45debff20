# shellcheck shell=bash disable=SC2016,SC2034
# vm-timeout-test: 240
# stats list and stats report, differential (tests/vm/README.md): each case
# runs a command line with the reference (/usr/sbin/dmsetup stats,
# libdevmapper 1.02.185) and with ours on the same fresh state and compares
# stdout, stderr and exit status.
#
# The states are made with the reference only: a dm-zero device with a
# region of 4 areas and a region of one area, real I/O on it (dd with
# oflag=direct / iflag=direct: the counts, merges and sectors are exact, as
# are the rates, since lvm2's first report takes the interval to be 1 s),
# groups with aliases, histograms (precise, and bounds all I/O falls in),
# several devices.  What depends on time is masked by `untimed` (the
# columns of the time counters and the metrics made of them) and nothing
# else; the same reports without I/O, where those are 0, are compared whole.
# `dmsetup stats report` reads the counters with @stats_print_clear, so a
# command line reports once what the setup did (a second report shows 0).
TOOL=dmsetup

_dm() { "$REF_DMSETUP" "$@"; }
_z() { _dm create "${1:-z}" --table "0 204800 zero"; }
# z: region 0 of 4 areas, region 1 (sectors 1000+50000) of one area
two_regions() { _z && _dm stats create z --areas 4 >/dev/null && _dm stats create z --start 1000 --length 50000 >/dev/null; }
_io() { # DEV: 100 writes of 4 KiB, 20 reads of 64 KiB, direct
	dd if=/dev/zero of="/dev/mapper/$1" oflag=direct bs=4k count=100 2>/dev/null &&
	dd if="/dev/mapper/$1" of=/dev/null iflag=direct bs=64k count=20 2>/dev/null
}
two_regions_io() { two_regions && _io z; }
# region 0 and 1 grouped as "grp", and region 2 (8 areas) alone
grouped() {
	two_regions && _dm stats create z --areas 8 --userdata hello >/dev/null &&
	_dm stats group z --regions 0,1 --alias grp >/dev/null 2>&1
}
grouped_io() { grouped && _io z; }
# histograms: precise bins 0-1ns-1s (every I/O in the middle one), a
# millisecond one with bins 0-1s-2s, and a region without
histograms() {
	_z && _dm stats create z --bounds 1ns,1s --precise >/dev/null &&
	_dm stats create z --bounds 1s,2s --areas 2 >/dev/null &&
	_dm stats create z --start 0 --length 1000 >/dev/null && _io z
}
# two devices with regions, one without, one without a table
devices() {
	two_regions && _z y && _dm stats create y --areas 2 --programid other >/dev/null &&
	_dm stats create y >/dev/null && _z x && _dm create notable --notable && _io z && _io y
}

# z with a uuid; DM_MAJ the device-mapper major (z is dm-0)
uuid_regions() {
	_dm create z -u UUID-z --table "0 204800 zero" && _dm stats create z --areas 2 >/dev/null &&
	DM_MAJ=$(awk '$2 == "device-mapper" {print $1}' /proc/devices) && [ -n "$DM_MAJ" ]
}

# untimed CMD...: runs CMD and masks the columns of time-dependent values
# (by their headings) in its report; the exit status is CMD's.
untimed() {
	local out rc
	out=$("$@"); rc=$?
	printf '%s\n' "$out" | awk '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^(Util%|AWait|RdAWait|WrAWait|QSize|SvcTm|AccRdTime|AccWrTime|IoTicks|QueueTicks|RdTicks|WrTicks|IntervalNs|Interval)$/) t[i] = 1 }
		/^$/ { print; next }
		{ for (i in t) $i = "T"; print }'
	return "$rc"
}


# ------------------------------------------------------------------ list
t_list_empty() {
	assert_same_output --setup _z --rc 0 "%DMSETUP% stats list; %DMSETUP% stats list z; %DMSETUP% stats list -v z"
}
t_list() {
	assert_same_output --setup two_regions --rc 0 "%DMSETUP% stats list"
	assert_same_output --setup two_regions --rc 0 "%DMSETUP% stats list -v"
	assert_same_output --setup two_regions --rc 0 "%DMSETUP% stats list z --histogram"
}
t_list_groups() {
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list; %DMSETUP% stats list -v; %DMSETUP% stats list --group; %DMSETUP% stats list --region; %DMSETUP% stats list --area"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list --area --group; %DMSETUP% stats list --region --group -v"
}
t_list_units() {
	local u
	for u in b s k m g K M H r R 2k 1.5m; do
		assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list --units $u; %DMSETUP% stats list --units $u --nosuffix -v"
	done
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list --nosuffix"
	assert_same_output --setup grouped --rc 1 "%DMSETUP% stats list --units x"
}
t_list_fields() {
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list -o all; %DMSETUP% stats list -o region_all; %DMSETUP% stats list -o +user_data,precise,area_offset"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list -o name,uuid,major,stats_name,obj_type,region_id"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list -o help"
	assert_same_output --setup grouped --rc 1 "%DMSETUP% stats list -o nosuchfield"
}
# (not the group rows by region_id: lvm2 sorts and selects those by a stale
# stack slot, docs/compat.md)
t_list_sort_select() {
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list -O -region_id --region; %DMSETUP% stats list -O obj_type,-area_count"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list -S 'region_id=1'; %DMSETUP% stats list -S 'obj_type=group'; %DMSETUP% stats list -S 'area_count>1' -v"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list -S 'stats_name=~^g'; %DMSETUP% stats list -o region_id,selected -S 'group_id=0'"
}
# size fields are selected on in MiB unless a unit says otherwise, as doubles
t_list_select_sizes() {
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list -S 'region_start>0'; %DMSETUP% stats list -S 'region_len=100'; %DMSETUP% stats list -S 'region_start>=500k' -v"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list -S 'area_len<25m'; %DMSETUP% stats list -S 'region_len!=51200s'; %DMSETUP% stats list -S 'area_start=0.5 || area_len>24.5'"
	assert_same_output --setup grouped "%DMSETUP% stats list -S 'region_start=1%'; %DMSETUP% stats list -S 'area_count=1k'"
}
t_list_format() {
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list --noheadings; %DMSETUP% stats list --separator '|'; %DMSETUP% stats list --rows; %DMSETUP% stats list --nameprefixes; %DMSETUP% stats list --nameprefixes --unquoted"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats list --noheadings --separator , -v; %DMSETUP% stats list --rows --noheadings"
}
t_list_programs() {
	assert_same_output --setup devices --rc 0 "%DMSETUP% stats list; %DMSETUP% stats list --allprograms; %DMSETUP% stats list --programid other; %DMSETUP% stats list --programid nosuch"
	assert_same_output --setup devices --rc 0 "%DMSETUP% stats list y z; %DMSETUP% stats list -v y"
}
# the device named by uuid or number, and the switches lvm2 reads on the way
t_list_report_ids() {
	assert_same_output --setup uuid_regions --rc 0 "%DMSETUP% stats list -u UUID-z; %DMSETUP% stats report -u UUID-z -o region_id,area_id"
	assert_same_output --setup uuid_regions --rc 0 "%DMSETUP% stats list -j \$DM_MAJ -m 0; %DMSETUP% stats report --major \$DM_MAJ --minor 0 -o region_id"
	assert_same_output --setup uuid_regions --rc 0 "%DMSETUP% stats report -c --noopencount --checks --inactive --force -o region_id z; %DMSETUP% stats list --columns z"
	assert_same_output --setup uuid_regions "%DMSETUP% stats list -u nosuch; %DMSETUP% stats report -j \$DM_MAJ -m 9"
}
t_list_errors() {
	assert_same_output --setup devices "%DMSETUP% stats list nosuch"
	assert_same_output --setup devices "%DMSETUP% stats list notable"
	assert_same_output --setup devices "%DMSETUP% stats list z nosuch y"
	assert_same_output --setup devices "%DMSETUP% stats list --allprograms --programid x"
}

# ------------------------------------------------------------------ report
t_report_no_io() {
	assert_same_output --setup two_regions --rc 0 "%DMSETUP% stats report; %DMSETUP% stats report z"
	assert_same_output --setup two_regions --rc 0 "%DMSETUP% stats report --raw"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats report; %DMSETUP% stats report --group; %DMSETUP% stats report --region; %DMSETUP% stats report --area"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats report -o all"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats report --area --region --group -o stats_name,region_id,area_id,obj_type,group_id"
}
t_report_io() {
	assert_same_output --setup two_regions_io --rc 0 "untimed %DMSETUP% stats report"
	assert_same_output --setup two_regions_io --rc 0 "untimed %DMSETUP% stats report --raw"
	assert_same_output --setup grouped_io --rc 0 "untimed %DMSETUP% stats report -v"
	assert_same_output --setup grouped_io --rc 0 "untimed %DMSETUP% stats report --group --region"
}
t_report_counters() {
	local flds=region_id,area_id,obj_type,read_count,reads_merged_count,read_sector_count,write_count,writes_merged_count,write_sector_count,in_progress_count
	assert_same_output --setup two_regions_io --rc 0 "%DMSETUP% stats report -o $flds"
	assert_same_output --setup grouped_io --rc 0 "%DMSETUP% stats report -o $flds --area --region --group"
	# the rates of the first report are per nominal second: exact
	flds=reads_per_sec,writes_per_sec,reads_merged_per_sec,writes_merged_per_sec,read_size_per_sec,write_size_per_sec,avg_request_size,throughput
	assert_same_output --setup grouped_io --rc 0 "%DMSETUP% stats report -o region_id,obj_type,$flds"
	assert_same_output --setup grouped_io --rc 0 "%DMSETUP% stats report -o region_id,$flds --units k; %DMSETUP% stats report -o $flds --units b --region"
}
t_report_cleared() {
	# the counters are read and cleared: the second report shows zeros
	assert_same_output --setup two_regions_io --rc 0 "%DMSETUP% stats report -o region_id,write_count >/dev/null; %DMSETUP% stats report -o region_id,write_count; %DMSETUP% stats print z --allregions"
}
t_report_units() {
	local u
	for u in b s k m H r R 4k; do
		assert_same_output --setup two_regions_io --rc 0 "%DMSETUP% stats report -o area_start,area_len,area_offset,region_start,region_len,read_size_per_sec,write_size_per_sec,avg_request_size --units $u -v"
	done
	assert_same_output --setup two_regions --rc 0 "%DMSETUP% stats report --nosuffix; %DMSETUP% stats report --units k --nosuffix"
}
t_report_histograms() {
	local flds=hist_count,hist_count_bounds,hist_count_ranges,hist_percent,hist_percent_bounds,hist_percent_ranges,hist_bins,hist_bounds,hist_ranges,precise
	assert_same_output --setup histograms --rc 0 "%DMSETUP% stats report -o region_id,obj_type,$flds"
	assert_same_output --setup histograms --rc 0 "%DMSETUP% stats report -o region_id,obj_type,$flds --noheadings"
	assert_same_output --setup histograms --rc 0 "%DMSETUP% stats report -o $flds --notimesuffix --region"
	assert_same_output --setup histograms --rc 0 "%DMSETUP% stats report -o hist_count_bounds,hist_percent_ranges --separator '|' --area"
	assert_same_output --setup histograms --rc 0 "untimed %DMSETUP% stats report --histogram"
	assert_same_output --setup histograms --rc 0 "untimed %DMSETUP% stats report --histogram --relative"
	assert_same_output --setup histograms --rc 0 "%DMSETUP% stats list --histogram; %DMSETUP% stats list --histogram -v"
}
t_report_fields_format() {
	assert_same_output --setup grouped_io --rc 0 "%DMSETUP% stats report -o name,major,minor,uuid,attr,stats_name,region_id,write_count -O -write_count,region_id --area --region"
	assert_same_output --setup grouped_io --rc 0 "%DMSETUP% stats report -o region_id,area_id,write_count,read_count -S 'write_count>0'"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats report --noheadings; %DMSETUP% stats report --rows; %DMSETUP% stats report --nameprefixes --unquoted; %DMSETUP% stats report --separator :: -o region_id,obj_type"
	assert_same_output --setup grouped --rc 0 "%DMSETUP% stats report -o help"
	assert_same_output --setup grouped --rc 1 "%DMSETUP% stats report -o read_count,bad"
	assert_same_output --setup grouped --rc 1 "%DMSETUP% stats report -O nosuch"
}
t_report_devices() {
	assert_same_output --setup devices --rc 0 "%DMSETUP% stats report -o stats_name,region_id,write_count,read_count"
	assert_same_output --setup devices --rc 0 "%DMSETUP% stats report -o stats_name,region_id,program_id --allprograms y; %DMSETUP% stats report --programid other -o region_id,area_id"
	assert_same_output --setup devices "%DMSETUP% stats report nosuch"
	assert_same_output --setup devices "%DMSETUP% stats report notable -o region_id"
}
t_report_repeat() {
	# the second report's interval is measured: masked
	assert_same_output --setup two_regions_io --rc 0 "untimed %DMSETUP% stats report --count 2 --interval 1 -o region_id,write_count,interval_ns"
	assert_same_output --setup two_regions_io --rc 0 "untimed %DMSETUP% stats report --count 2 -o region_id,interval"
	assert_same_output --setup two_regions --rc 0 "%DMSETUP% stats report --count 1 -o region_id"
	assert_same_output --setup two_regions "%DMSETUP% stats report --count -1; %DMSETUP% stats report --interval 0"
}

# ------------------------------------------------------------------ JSON (ours only: docs/json.md)
# jq -e FILTER on DOC, or FAIL showing both
_jq_true() { # FILTER DOC WHAT
	printf '%s' "$2" | jq -e "$1" >/dev/null 2>&1 && return 0
	printf 'FAIL: %s\n  filter: %s\n  document:\n%s\n' "$3" "$1" "$2"
	exit 1
}
t_json_list() {
	need_lodm dmsetup; need_cmd jq
	grouped || fail setup
	local doc text
	doc=$("$LODM_DMSETUP" -J stats list) || fail "stats list -J failed"
	_jq_true '.stats | length == 4' "$doc" "three regions and the group"
	_jq_true '[.stats[] | .obj_type] == ["region","region","region","group"]' "$doc" "the rows of the text"
	_jq_true '.stats[0] | .stats_name == "grp" and .group_id == 0 and .region_id == 0 and .region_start == 0 and .region_len == 104857600 and .area_count == 4 and .area_len == 26214400 and .program_id == "dmstats"' "$doc" "region 0"
	_jq_true '.stats[2].group_id == null and .stats[3].region_id == "0-1" and .stats[3].region_len == (104857600 + 25600000)' "$doc" "no group; the group's members and length"
	text=$("$LODM_DMSETUP" stats list --noheadings -o stats_name,region_id,area_count --separator '|')
	assert_eq "$text" "$(printf '%s' "$doc" | jq -r '.stats[] | [.stats_name, .region_id, .area_count] | map(tostring) | join("|")')" "the values of the text"
	doc=$("$LODM_DMSETUP" -J stats list -o region_id,user_data,precise,hist_bins,hist_bounds -S 'region_id=2')
	_jq_true '.stats == [{"region_id": 2, "user_data": "hello", "precise": false, "hist_bins": 0, "hist_bounds": []}]' "$doc" "types of the region fields, selection"
	_jq_true '. == {"stats": []}' "$("$LODM_DMSETUP" -J stats list --programid nosuch)" "no regions: an empty list"
}
t_json_report() {
	need_lodm dmsetup; need_cmd jq
	two_regions_io || fail setup
	local doc
	doc=$("$LODM_DMSETUP" -J stats report -o region_id,area_id,obj_type,read_count,write_count,write_sector_count,writes_per_sec,write_size_per_sec,avg_request_size,util,await,interval_ns,interval) || fail "stats report -J failed"
	_jq_true '.stats | length == 6' "$doc" "4 + 1 areas and region 0"
	_jq_true '.stats[0] | .read_count == 20 and .write_count == 100 and .write_sector_count == 800 and .writes_per_sec == 100 and .write_size_per_sec == 409600 and .interval_ns == 1000000000 and .interval == 1' "$doc" "counters and rates as numbers"
	_jq_true 'all(.stats[]; (.util|type) == "number" and (.await|type) == "number" and .util >= 0 and .util <= 100)' "$doc" "metrics as numbers"
	_jq_true '.stats[5] | .obj_type == "region" and .write_count == 100' "$doc" "the region's sums"
}
t_json_histogram() {
	need_lodm dmsetup; need_cmd jq
	histograms || fail setup
	local doc
	doc=$("$LODM_DMSETUP" -J stats report --region -o region_id,hist_count,hist_count_bounds,hist_percent_ranges,hist_bounds,hist_ranges,precise) || fail "stats report -J failed"
	_jq_true '.stats[0] | .hist_count == [0, 120, 0] and .hist_bounds == [0, 1, 1000000000] and .precise == true' "$doc" "counts and bounds as arrays"
	_jq_true '.stats[0].hist_count_bounds == [{"lower": 0, "count": 0}, {"lower": 1, "count": 120}, {"lower": 1000000000, "count": 0}]' "$doc" "counts with bounds"
	_jq_true '.stats[0].hist_ranges[2] == {"lower": 1000000000, "upper": null} and .stats[0].hist_percent_ranges[1].percent == 100' "$doc" "ranges, percent"
	_jq_true '.stats[2].hist_count == [] and .stats[2].precise == false' "$doc" "no histogram: []"
}
t_json_repeat() {
	need_lodm dmsetup; need_cmd jq
	two_regions || fail setup
	local out
	out=$("$LODM_DMSETUP" -J stats report --count 2 -o region_id) || fail "--count 2 failed"
	assert_eq 2 "$(printf '%s' "$out" | jq -s 'length')" "a document per interval"
}
# docs/compat.md: 1.02.185 reads user data followed by precise_timestamps or
# a histogram one character short ("note" as "not"); lvm2 fixed it (commit
# 33931431c) and lodm follows: the whole text, whoever made the region.
t_user_data_before_options_kept() {
	need_lodm dmsetup
	_z && _dm stats create z --precise --userdata note >/dev/null &&
		_dm stats create z --bounds 1ms,2ms --userdata hist >/dev/null || fail setup
	local ours ref
	ours=$("$LODM_DMSETUP" stats list --noheadings -o region_id,user_data --separator '|') || fail "stats list failed"
	assert_eq "$(printf '0|note\n1|hist')" "$ours" "ours: the whole user data"
	ref=$("$REF_DMSETUP" stats list --noheadings -o region_id,user_data --separator '|')
	assert_eq "$(printf '0|not\n1|his')" "$ref" "the reference (1.02.185) cuts the last character"
}
