# shellcheck shell=bash disable=SC2016,SC2034
# vm-cases: stats.cases
# vm-shards: 2
# dmsetup stats and dmstats, differential: each case runs a command line once
# with the reference (/usr/sbin/dmsetup and its /usr/sbin/dmstats link,
# libdevmapper 1.02.185) and once with ours (/lodm/bin/dmsetup, dmstats) on
# the same fresh state (assert_same_output, tests/vm/lib.sh): stdout, stderr
# and exit status, and the state afterwards where an --after command is given
# (--after runs the reference: so it also shows that lvm2 reads the regions
# ours made; the setups make theirs with the reference, which ours then reads).
#
# The commands of one line are in stats.cases; the functions below are the
# setups (reference tools only) and the tests that need more than a line.
# list and report output: tests/vm/groups/statsreport.sh.
#
# Only what depends on time is normalised: the time counters of a
# @stats_print line (fields 4, 8 and 10 to 13: ms reading, writing, doing
# I/O, weighted, total read and write time) and its histogram bins (which
# bin an I/O falls in depends on how long it took; the counts of reads and
# writes, merges, sectors and I/Os in flight are compared as they are).
TOOL=dmsetup
# (the harness has already made "N:N" of the histogram "MAJ:MIN" when this runs)
SAME_NORMALIZE='s/^([0-9]+\+[0-9]+) ([0-9]+) ([0-9]+) ([0-9]+) [0-9]+ ([0-9]+) ([0-9]+) ([0-9]+) [0-9]+ ([0-9]+) [0-9]+ [0-9]+ [0-9]+ [0-9]+( [0-9A-Z:]+)?$/\1 \2 \3 \4 T \5 \6 \7 T \8 T T T T\9/; s/^(.* T T T T) [0-9A-Z:]+$/\1 HIST/'

# ------------------------------------------------------------------ helpers
_dm() { "$REF_DMSETUP" "$@"; }
# _dmstats BINARY ARGS...: BINARY's dmstats link (argv[0] dmstats) run with ARGS
_dmstats() { local d=$1; shift; "${d%/*}/dmstats" "$@"; }
# _loopdev FILE MIB: a zeroed image attached to the first free loop device
_loopdev() { mkimg "$1" "$2" && "$REF_LOSETUP" -f --show "$1"; }

# ------------------------------------------------------------------ setups
no_devices() { :; }
# z: 1 MiB of zeros
zero1() { _dm create z --table "0 2048 zero"; }
# two: two segments; z beside it
two_seg() { zero1 && printf '0 1024 zero\n1024 1024 zero\n' | _dm create two; }
# z, two, a device without a table and one with a uuid
several() { two_seg && _dm create notable --notable && _dm create u -u UUID-u --table "0 512 zero"; }
# regions of every kind on z, made by lvm2's dmstats
regions() {
	zero1 && _dm stats create z >/dev/null &&
		_dm stats create z --start 256 --length 512 --areas 4 >/dev/null &&
		_dm stats create z --areasize 64k >/dev/null &&
		_dm stats create z --bounds 1ms,10ms,100ms >/dev/null &&
		_dm stats create z --precise --userdata note >/dev/null &&
		_dm stats create z --programid other >/dev/null
}
# regions whose aux data holds group descriptors lvm2 cannot read: no ':'
# (region 0), a first member that is not the region (1), no member list (2);
# each alone, and all three
bad_aux_tag() { regions && _dm message z 0 "@stats_set_aux 0 DMS_GROUP=foo"; }
bad_aux_leader() { regions && _dm message z 0 "@stats_set_aux 1 DMS_GROUP=bar:0-1#ud"; }
bad_aux_members() { regions && _dm message z 0 "@stats_set_aux 2 DMS_GROUP=baz:x"; }
bad_aux() {
	bad_aux_tag && _dm message z 0 "@stats_set_aux 1 DMS_GROUP=bar:0-1#ud" &&
		_dm message z 0 "@stats_set_aux 2 DMS_GROUP=baz:x"
}
# two with a group of its two segments (alias "halves"), z with regions
grouped() {
	two_seg && _dm stats create two --segments --alias halves >/dev/null &&
		_dm stats create z --areas 2 >/dev/null && _dm stats create z --start 0 --length 1024 >/dev/null
}
# lin: linear over a loop device, regions (one with areas, one with a
# histogram, one precise), then direct I/O: 4 writes of 4 KiB, 3 reads
after_io() {
	L0=$(_loopdev l0.img 8) && _dm create lin --table "0 8192 linear $L0 0" &&
		_dm stats create lin >/dev/null && _dm stats create lin --areas 4 >/dev/null &&
		_dm stats create lin --bounds 10us,1ms,1s >/dev/null &&
		_dm stats create lin --precise >/dev/null &&
		dd if=/dev/zero of=/dev/mapper/lin bs=4k count=4 oflag=direct status=none &&
		dd if=/dev/mapper/lin of=/dev/null bs=4k count=3 iflag=direct status=none
}
# a file on ext2 (busybox's mke2fs) on a linear device, mounted at mnt
file_on_dm() {
	L0=$(_loopdev l0.img 16) && _dm create fs --table "0 32768 linear $L0 0" &&
		mke2fs -F /dev/mapper/fs >/dev/null 2>&1 && mkdir -p mnt && mount /dev/mapper/fs mnt &&
		dd if=/dev/urandom of=mnt/f bs=4k count=8 status=none && sync
}

# ------------------------------------------------------------------ tests
# A region made by ours is read by lvm2's dmstats and the other way round:
# list, print, delete on the other side see the same regions and groups.
t_ours_read_by_reference() {
	assert_same_output --setup two_seg --rc 0 \
		--after '%DMSETUP% stats list --allprograms; %DMSETUP% stats print --allregions two' \
		'%DMSETUP% stats create two --segments --alias pair && %DMSETUP% stats create z --areas 3 --bounds 5ms,50ms --userdata ud --precise'
	assert_same_output --setup grouped --rc 0 \
		--after '%DMSETUP% stats list --allprograms' \
		'%DMSETUP% stats ungroup two --groupid 0 && %DMSETUP% stats group z --regions 0,1 --alias again'
}

# --clear: the second print of each region (lvm2 prints them twice) shows
# the counters the first one cleared.
t_print_clear_after_io() {
	assert_same_output --setup after_io --rc 0 --after '%DMSETUP% stats print --allregions lin' \
		'%DMSETUP% stats print --clear --allregions lin'
}

# every subcommand through a dmstats link works as "dmsetup stats"
t_dmstats_personality() {
	assert_same_output --setup zero1 --rc 0 --after '%DMSETUP% stats print --allregions z' \
		'_dmstats %DMSETUP% create z --areas 2 && _dmstats %DMSETUP% print --regionid 0 z && _dmstats %DMSETUP% clear --allregions z && _dmstats %DMSETUP% delete --regionid 0 z && _dmstats %DMSETUP% create /dev/mapper/z'
}

# create --filemap: one region per extent, grouped under the file's name
t_filemap() {
	assert_same_output --setup file_on_dm --rc 0 \
		--after '%DMSETUP% stats list --allprograms --group' \
		'%DMSETUP% stats create --filemap --nomonitor mnt/f'
}
t_filemap_nogroup_precise() {
	assert_same_output --setup file_on_dm --rc 0 \
		--after '%DMSETUP% stats print --allregions fs | wc -l' \
		'%DMSETUP% stats create --filemap --nomonitor --nogroup mnt/f'
}
# --filemap --precise: lvm2 1.02.185 drops --precise there (it reads the
# wrong table); ours follows upstream's fix (f0fd03b12): every region of the
# file has precise_timestamps (docs/compat.md)
t_filemap_precise() {
	file_on_dm || fail "setup"
	local out
	out=$("$REF_DMSETUP" stats create --filemap --nomonitor --precise mnt/f 2>&1) || fail "reference: $out"
	out=$("$REF_DMSETUP" message fs 0 @stats_list)
	assert_no_match precise_timestamps "$out" "the reference's regions (its bug: none precise)"
	"$REF_DMSETUP" stats delete --allregions fs || fail "delete"
	out=$("$LODM_DMSETUP" stats create --filemap --nomonitor --precise mnt/f 2>&1) || fail "ours: $out"
	assert_match '^mnt/f: Created new group with [0-9]+ region\(s\) as group ID 0\.$' "$out"
	out=$("$REF_DMSETUP" message fs 0 @stats_list)
	assert_match precise_timestamps "$out" "our regions"
	assert_no_match '^[0-9]+: [^ ]+ [^ ]+ [^ ]+ [^ ]+$' "$out" "a region without precise_timestamps"
}
# update_filemap after the file grew: the group follows its extents
t_update_filemap() {
	grown() { file_on_dm && _dm stats create --filemap --nomonitor mnt/f >/dev/null &&
		dd if=/dev/urandom of=mnt/f bs=4k count=64 conv=notrunc status=none && sync; }
	assert_same_output --setup grown --rc 0 \
		--after '%DMSETUP% stats list --allprograms --group' \
		'%DMSETUP% stats update_filemap --nomonitor --groupid 0 mnt/f'
}

vm_cases_load "${BASH_SOURCE[0]}" || return 1

# docs/compat.md: 1.02.185 reads --bounds past its own text when the last
# value has no unit (into the next argument: "--bounds 1,2 st1" fails with
# "Invalid character in histogram: "); lodm stops at the end of the text, so
# "1,2" means what the reference makes of it where it happens to work
# (device "xy1").
t_bounds_unitless_last_value() {
	need_lodm dmsetup
	_dm create st1 --table "0 2048 zero" && _dm create xy1 --table "0 2048 zero" || fail setup
	local ref ours
	"$REF_DMSETUP" stats create --bounds 1,2 xy1 >/dev/null || fail "the reference on xy1"
	ref=$("$REF_DMSETUP" stats list --noheadings -o hist_bounds xy1)
	"$LODM_DMSETUP" stats create --bounds 1,2 st1 >/dev/null || fail "ours on st1"
	ours=$("$LODM_DMSETUP" stats list --noheadings -o hist_bounds st1)
	assert_eq "$ref" "$ours" "the bounds made"
	"$REF_DMSETUP" stats delete --allregions st1 >/dev/null || fail "delete"
	"$REF_DMSETUP" stats create --bounds 1,2 st1 >/dev/null 2>&1 && fail "the reference on st1 now works: drop the compat row"
	return 0
}
