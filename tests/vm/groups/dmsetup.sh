# shellcheck shell=bash disable=SC2016,SC2034
# vm-shards: 2
# vm-cases: dmsetup.cases
# (two VMs share the ~350 tests: 15 minutes each under TCG on 2 busy cores;
# the 84 cases on fixture_many take 4 to 10 s each, the others 1 to 3 s)
# dmsetup, differential: every case runs a command line once with the
# reference (/usr/sbin/dmsetup, libdevmapper 1.02.185) and once with ours on
# the same freshly built state (assert_same_output, tests/vm/lib.sh) and
# compares stdout, stderr and exit status, plus the state afterwards when an
# --after command is given (--after always runs the reference tools).
#
# Cases are grouped in the order the implementation lands: (a) version,
# targets, usage; (b) create; (c) remove; (d) suspend/resume/load/clear/
# rename/message; (e) reports: info, info -c, ls, table, status, deps,
# splitname, mangle, mknodes, setgeometry, wait; (f) target types with data
# (snapshot, thin, crypt, flakey, delay, striped, stacks).
#
# Setup functions build the state with the reference tools only ($REF_DMSETUP,
# $REF_LOSETUP); they run in the test's shell, so the variables they set
# (L0, L1, DM_MAJ) are seen by the command.  Loop devices are the first free
# ones (/dev/loop0, /dev/loop1: 7:0, 7:1 ... after the harness' cleanup) and
# dm minors the lowest free ones (dm-0, dm-1, ...), so the same on both sides;
# numbers "N:N" and "Major, minor: N, N" are normalized by the harness anyway.
#
# Left out on purpose (nondeterministic or outside the scope):
#   -vvv and more (the "Timestamp: ..." lines and the libdm debug lines with
#     source file names and line numbers), stats/dmstats (time based
#     counters and intervals), udev* commands with udev running (tests/vm/groups/udev.sh), mirror
#     and raid status (resync runs in the background, the sync ratio depends
#     on timing), the read/write counters of `info -c -o stats_all`.
#
# The cases of one line are in the table tests/vm/groups/dmsetup.cases (one
# test t_NAME each, run by lib.sh's vm_case with the setup functions here);
# the functions below are those that need more than one line.
#
# tests/vm/groups/dmref.sh (not run by default) prints the reference's raw
# output for every case of this file; its result is /work/notes/dmsetup-ref.txt.
TOOL=dmsetup

# ------------------------------------------------------------------ setup helpers
_dm() { "$REF_DMSETUP" "$@"; }
# _loopdev FILE MIB: a zeroed image attached to the first free loop device
_loopdev() { mkimg "$1" "$2" && "$REF_LOSETUP" -f --show "$1"; }
# _held NAME SECONDS: keep /dev/mapper/NAME open in a background process for
# SECONDS, and wait until the kernel counts it as open.
_held() {
	local n=$1 s=$2
	( exec 3<"/dev/mapper/$n"; sleep "$s" ) >/dev/null 2>&1 &
	wait_for 5 sh -c "[ \"\$($REF_DMSETUP info -c --noheadings -o open $n)\" -ge 1 ]"
}
_dm_major() { DM_MAJ=$(awk '$2 == "device-mapper" {print $1}' /proc/devices); [ -n "$DM_MAJ" ]; }

no_devices() { :; }
one_zero() { _dm create z --table "0 2048 zero"; }
zero_uuid() { _dm create z -u UUID-z --table "0 2048 zero"; }
# a: zero with uuid; b: two segments, no uuid; c: read-only error target
three_devs() {
	_dm create a -u UUID-a --table "0 2048 zero" &&
	printf '0 100 zero\n100 100 error\n' | _dm create b &&
	_dm create c -r --table "0 512 error"
}
one_loop() { L0=$(_loopdev a.img 4) && [ -n "$L0" ]; }
two_loops() { one_loop && L1=$(_loopdev b.img 4) && [ -n "$L1" ]; }
two_linears() { two_loops && _dm create lin0 --table "0 8192 linear $L0 0" && _dm create lin1 -u UUID-lin1 --table "0 8192 linear $L1 0"; }
# base (linear over loop0) <- mid (base + loop1) <- top; side also uses base
stack() {
	two_loops &&
	_dm create base --table "0 8192 linear $L0 0" &&
	printf '0 4096 linear /dev/mapper/base 0\n4096 4096 linear %s 0\n' "$L1" | _dm create mid &&
	_dm create top -u UUID-top --table "0 8192 linear /dev/mapper/mid 0" &&
	_dm create side --table "0 2048 linear /dev/mapper/base 4096"
}
zero_suspended() { one_zero && _dm suspend z; }
zero_inactive() { one_zero && _dm load z --table "0 4096 error"; }
zero_notable() { _dm create n --notable; }
zero_held() { one_zero && _held z 1.5; }
zero_renamed_twice() { one_zero && _dm rename z y && _dm rename y z; }
table_file() { printf '0 100 zero\n100 100 error\n200 56 zero\n' >t.tab; }
lvm_names() {
	_dm create vg-lv -u LVM-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb --table "0 2048 zero" &&
	_dm create vg-lv-real -u LVM-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaacccccccccccccccccccccccccccccccc-real --table "0 2048 zero" &&
	_dm create my--vg-my--lv -u CRYPT-LUKS2-0123-x --table "0 1024 zero"
}
snapshot_devs() {
	two_loops &&
	_dm create base --table "0 8192 linear $L0 0" &&
	_dm create orig --table "0 8192 snapshot-origin /dev/mapper/base" &&
	_dm create snap --table "0 8192 snapshot /dev/mapper/base $L1 P 8"
}
snapshot_written() {
	snapshot_devs && dd if=/dev/zero of=/dev/mapper/orig bs=4096 count=2 oflag=direct 2>/dev/null
}
thin_pool() {
	one_loop && L1=$(_loopdev data.img 8) && [ -n "$L1" ] &&
	_dm create pool --table "0 16384 thin-pool $L0 $L1 128 0"
}
thin_devs() {
	thin_pool && _dm message pool 0 "create_thin 0" && _dm create thin --table "0 8192 thin /dev/mapper/pool 0"
}
KEY=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
crypt_dev() { one_loop && _dm create cr --table "0 8192 crypt aes-xts-plain64 $KEY 0 $L0 0"; }
crypt_dev_opts() { one_loop && _dm create cr -u CRYPT-PLAIN-cr --table "0 8192 crypt aes-cbc-essiv:sha256 ${KEY:0:32} 0 $L0 0 2 allow_discards same_cpu_crypt"; }
flakey_dev() { one_loop && _dm create fl --table "0 8192 flakey $L0 0 1 0"; }
flakey_dev_features() { one_loop && _dm create fl --table "0 8192 flakey $L0 0 0 1 1 drop_writes"; }
delay_dev() { one_loop && _dm create dl --table "0 8192 delay $L0 0 50"; }
striped_dev() { two_loops && _dm create st --table "0 16384 striped 2 128 $L0 0 $L1 0"; }
long_names() {
	local n
	n=$(printf 'n%.0s' {1..100})
	_dm create "$n-base" --table "0 2048 zero" &&
	_dm create "$n-top" --table "0 2048 linear /dev/mapper/$n-base 0"
}
NAME127=$(printf 'x%.0s' {1..127})
UUID128=$(printf 'u%.0s' {1..128})

# ================================================================== (a) basics
# lodm's identity: the line that -v adds to version (docs/compat.md), the
# one deliberate difference of `-v version`.
LODM_ID='/^lodm [0-9]+\.[0-9]+\.[0-9]+$/d'
# getopt's messages start with argv[0] as invoked (/usr/sbin/dmsetup on one
# side, /lodm/bin/dmsetup on the other): the directory is normalized away.
ARGV0='s#^[^ :]*dmsetup: #dmsetup: #'

# The library line is libdevmapper's, byte for byte (scripts read it); lodm
# names itself in a third line with -v only (docs/compat.md).
t_version_lodm_line() {
	local out
	out=$("$LODM_DMSETUP" version) || fail "version failed"
	assert_eq "$("$REF_DMSETUP" version)" "$out" "version, without -v"
	out=$("$LODM_DMSETUP" -v version) || fail "-v version failed"
	assert_eq "$("$REF_DMSETUP" -v version)" "$(sed -n 1,2p <<<"$out")" "-v version: the two lines"
	assert_match '^lodm [0-9]+\.[0-9]+\.[0-9]+$' "$(sed -n 3p <<<"$out")" "-v version: lodm's line"
	assert_eq 3 "$(wc -l <<<"$out")" "-v version: three lines"
	out=$("$LODM_DMSETUP" --verbose --version) || fail "--verbose --version failed"
	assert_match '^lodm [0-9]+\.[0-9]+\.[0-9]+$' "$(sed -n 3p <<<"$out")" "--verbose --version: lodm's line"
}
t_version_verbose() {
	assert_same_output --setup no_devices --normalize "$LODM_ID" --rc 0 '%TOOL% -v version'
	assert_same_output --setup no_devices --normalize "$LODM_ID" --rc 0 '%TOOL% -vv version'
}
t_help_option() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% --help'
	assert_same_output --setup no_devices --rc 0 '%TOOL% -h'
}
# Without udev and without DM_DISABLE_UDEV, ours keeps /dev/mapper itself
# (docs/compat.md): the node comes with create, follows rename, goes with
# remove, by name and by uuid; the reference leaves it to udev.
t_nodes_without_udev() {
	[ ! -e /run/udev/control ] || skip "udev runs here"
	(
		unset DM_DISABLE_UDEV
		"$LODM_DMSETUP" create n1 -u UUID-n1 --table "0 8 zero" || exit 1
		[ -b /dev/mapper/n1 ] || { echo "FAIL: no node after create"; exit 1; }
		"$LODM_DMSETUP" rename n1 n2 || exit 1
		[ ! -e /dev/mapper/n1 ] && [ -b /dev/mapper/n2 ] || { echo "FAIL: node did not follow rename"; exit 1; }
		"$LODM_DMSETUP" remove -u UUID-n1 || exit 1
		[ ! -e /dev/mapper/n2 ] || { echo "FAIL: node left after remove -u"; exit 1; }
		"$REF_DMSETUP" create r1 --table "0 8 zero" || exit 1
		[ ! -e /dev/mapper/r1 ] || { echo "FAIL: the reference made a node (the compat row is stale)"; exit 1; }
		"$REF_DMSETUP" remove r1
	) || fail "node management without udev"
}
# The statistics report fields of info -c (docs/compat.md): listed, refused
# when asked for.  (stats and dmstats themselves: tests/vm/groups/stats.sh)
t_stats_fields_not_supported() {
	local out rc
	"$REF_DMSETUP" create z --table "0 8 zero" || fail "setup"
	out=$("$LODM_DMSETUP" info -c -o name,read_count 2>&1); rc=$?
	assert_eq 1 "$rc" "exit status of -o read_count"
	assert_eq "dmsetup: field read_count is not supported by lodm yet (statistics)." "$out" "field message"
	assert_match '^  read_count +- Count of reads completed\.$' "$("$LODM_DMSETUP" info -c -o help 2>&1)" "listed"
}
# The udev cookie commands where no udev runs (DM_DISABLE_UDEV, no udevd):
# no cookie is made, and the rules' commands change nothing.  With udev:
# tests/vm/groups/udev.sh.
t_udev_commands_without_udev() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% udevcreatecookie; %TOOL% udevcookies; %TOOL% udevflags 0x0D4D1234; %TOOL% udevcomplete 0x0D4D0001; %TOOL% udevreleasecookie 0x0D4D0001'
	assert_same_output --setup no_devices '%TOOL% udevcomplete 0; %TOOL% udevflags x; %TOOL% udevreleasecookie; %TOOL% udevcomplete_all 1x </dev/null'
	assert_same_output --setup no_devices --rc 0 '%TOOL% -vv udevcreatecookie; %TOOL% --udevcookie bad ls; DM_UDEV_COOKIE=0x12 %TOOL% -vv ls; %TOOL% --udevcookie 0x0D4D0001 create z --table "0 8 zero"'
}
# With --manglename none the reference passes a 129-byte uuid on and the
# kernel keeps 128 bytes of it; ours refuses it (docs/compat.md).
t_uuid_too_long_unmangled() {
	local u129 out rc
	u129=$(printf 'u%.0s' $(seq 129))
	out=$("$LODM_DMSETUP" --manglename none create x -u "$u129" --table "0 8 zero" 2>&1); rc=$?
	assert_eq 1 "$rc" "exit status"
	assert_match 'too long' "$out" "message"
	assert_eq "No devices found" "$("$REF_DMSETUP" ls)" "nothing created"
	"$REF_DMSETUP" --manglename none create x -u "$u129" --table "0 8 zero" >/dev/null 2>&1 ||
		fail "the reference refused it too: the compat row is stale"
	assert_eq 128 "$("$REF_DMSETUP" info -c --noheadings -o uuid x | tr -d '\n' | wc -c)" "the reference keeps 128 bytes"
}
t_help_columns() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% help -c'
	assert_same_output --setup no_devices --rc 0 '%TOOL% --help --columns'
	assert_same_output --setup no_devices --rc 0 '%TOOL% -h -C'
}
t_unknown_option() {
	assert_same_output --setup no_devices --normalize "$ARGV0" --rc 1 '%TOOL% --frobnicate ls'
	assert_same_output --setup no_devices --normalize "$ARGV0" --rc 1 '%TOOL% -Z ls'
}
t_option_missing_value() {
	assert_same_output --setup no_devices --normalize "$ARGV0" --rc 1 '%TOOL% ls -o'
	assert_same_output --setup no_devices --normalize "$ARGV0" --rc 1 --after '%DMSETUP% ls' '%TOOL% create x --table'
}
t_missing_arguments() {
	assert_same_output --rc 0 --setup one_zero '
		for c in load reload clear suspend resume wipe_table rename "rename z" message "message z" "message z 0" \
			setgeometry "setgeometry z 1 2 3" splitname wait; do
			echo "== $c"; timeout 10 %TOOL% $c; echo "rc=$?"
		done'
}
t_too_many_arguments() {
	assert_same_output --rc 0 --setup one_zero '
		for c in "rename z a b" "clear z y" "splitname a b c" "wait z 1 2" "setgeometry z 1 2 3 4 5"; do
			echo "== $c"; timeout 10 %TOOL% $c; echo "rc=$?"
		done'
}
t_verbose_ls() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% -v ls'
	assert_same_output --setup three_devs --rc 0 '%TOOL% -vv ls'
}
t_verbose_info() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% -v info a b'
	assert_same_output --setup three_devs --rc 0 '%TOOL% -vv info a'
}
# -v: the info block where lvm2's dmsetup prints it (and no "name: " prefixes)
t_verbose_table_status_deps() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% -v table; %TOOL% -v status a; %TOOL% -v deps; %TOOL% -v table --target error'
	assert_same_output --setup zero_and_notable --rc 0 '%TOOL% -v table; %TOOL% -v deps n'
}
t_verbose_suspend_resume_clear_load() {
	assert_same_output --setup one_zero --rc 0 '%TOOL% -v suspend z && %TOOL% -v load z --table "0 16 error" && %TOOL% -v resume z && %TOOL% -v clear z'
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% info' '%TOOL% -v create z -u UUID-z --table "0 8 zero" && %TOOL% -v create n --notable'
}
# -vv: the ioctl lines (flags, device numbers, new names, messages) and the node operations
t_vv_options_in_ioctl_lines() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% -vv --noopencount --checks --inactive table a; %TOOL% -vv --noflush --nolockfs suspend b; %TOOL% -vv -r load c --table "0 8 zero"; %TOOL% -vv deps -u UUID-a'
	assert_same_output --setup one_zero --rc 1 '%TOOL% -vv rename z y && %TOOL% -vv rename y --setuuid NEW-UUID && %TOOL% -vv message y 0 hello world'
	assert_same_output --setup _dm_major_and_zero --rc 0 --after '%DMSETUP% ls' '%TOOL% -vv info -j $DM_MAJ -m 0 && %TOOL% -vv create mm -j $DM_MAJ -m 7 --table "0 8 zero"'
}
t_vv_node_and_read_ahead_operations() {
	assert_same_output --setup no_devices --rc 0 --after 'stat -c "%n %a %u %g" /dev/mapper/p' '%TOOL% -vv create p -U 12 -G 34 -M 0640 --readahead 1000 --table "0 8 zero"'
	assert_same_output --setup zero_suspended --rc 0 --after '%DMSETUP% info z' '%TOOL% -vv resume --readahead +64 z && %TOOL% -vv suspend z && %TOOL% -vv resume --readahead +4096 z'
	assert_same_output --setup zero_notable --rc 0 '%TOOL% -vv info n'
	assert_same_output --setup one_zero --rc 0 --after '%DMSETUP% table' '%TOOL% -vv wipe_table z && %TOOL% -vv remove -f z'
}
# -vv on the way out of a failure: libdevmapper's "<backtrace>" lines
t_vv_failures() {
	assert_same_output --setup one_zero --rc 0 '
		for c in "create x --table \"0 10 nosuchtarget\"" "create x --table \"0 x zero\"" "create z --table \"0 8 zero\"" \
			"suspend" "suspend nosuch" "table nosuch" "status nosuch" "deps nosuch" "rename z a/b" "rename nosuch y" \
			"load z --table \"0 x zero\"" "info /dev/loop-control" "message z 0 hi"; do
			echo "== $c"; eval "timeout 10 %TOOL% -vv $c"; echo "rc=$?"
		done'
}
t_create_addnodeoncreate_notable() {
	assert_same_output --setup no_devices --rc 0 --after 'ls /dev/mapper; %DMSETUP% info n' '%TOOL% create n --notable --addnodeoncreate'
	assert_same_output --setup no_devices --rc 0 --after 'ls /dev/mapper' '%TOOL% create n --notable'
}
t_create_option_errors() {
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create p -M 0 --table "0 8 zero"'
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create p -M 999 --table "0 8 zero"'
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create p --readahead -2 --table "0 8 zero"'
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create p --addnodeoncreate --addnodeonresume --table "0 8 zero"'
}
# lvm2 declares --verbose with a required argument: "--verbose ls" takes "ls"
# as its value and runs no command.  Ours takes --verbose as -v (docs/compat.md).
t_verbose_long_option() {
	need_lodm dmsetup
	local rc
	vm_cleanup >/dev/null 2>&1
	three_devs || fail "setup three_devs"
	"$LODM_DMSETUP" --verbose --verbose ls >long.out 2>long.err; rc=$?
	"$LODM_DMSETUP" -vv ls >short.out 2>short.err
	assert_eq 0 "$rc" "--verbose --verbose ls: exit status"
	assert_eq "$(cat short.out)" "$(cat long.out)" "--verbose --verbose is -vv"
	assert_eq "" "$(cat long.err)" "--verbose --verbose ls: stderr"
	assert_match '^dm names ' "$(cat long.out)" "--verbose --verbose ls: the ioctl lines"
	# the bug this fixes, so that the row in docs/compat.md stays true
	"$REF_DMSETUP" --verbose ls >ref.out 2>ref.err; rc=$?
	assert_eq 1 "$rc" "reference --verbose ls: exit status"
	assert_eq "Usage:" "$(head -n 1 ref.err)" "reference --verbose ls: usage"
	vm_cleanup >/dev/null 2>&1
}

# ================================================================== (b) create
LS_TABLE='%DMSETUP% ls; %DMSETUP% table; %DMSETUP% info'
t_create_multiline_table_option() {
	assert_same_output --rc 0 --setup no_devices --after "$LS_TABLE" '%TOOL% create m --table "0 100 zero
100 100 error
200 50 zero"'
}
t_create_uuid() {
	assert_same_output --setup no_devices --rc 0 --after "$LS_TABLE" '%TOOL% create z -u LODM-0123-uuid --table "0 2048 zero"'
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% info -c' '%TOOL% create z --uuid=LODM-long --table "0 8 zero"'
}
t_create_notable() {
	assert_same_output --setup no_devices --rc 0 --after "$LS_TABLE; %DMSETUP% status" '%TOOL% create n -n'
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% info n' '%TOOL% create n --notable -u UUID-n'
}
t_create_readonly() {
	assert_same_output --setup no_devices --rc 0 --after "$LS_TABLE" '%TOOL% create r -r --table "0 2048 zero"'
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% info -c -o name,attr,readonly' '%TOOL% --readonly create r --table "0 2048 zero"'
}
_dm_major_and_zero() { _dm_major && one_zero; }
t_create_readahead() {
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% info z' '%TOOL% create z --readahead 512 --table "0 2048 zero"'
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% info -c -o name,read_ahead' '%TOOL% create z --readahead +64 --table "0 2048 zero"'
}
t_create_readahead_auto_none() {
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% info -c -o name,read_ahead' '%TOOL% create z --readahead auto --table "0 2048 zero"'
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% info -c -o name,read_ahead' '%TOOL% create z --readahead none --table "0 2048 zero"'
}
t_create_concise_bad() {
	assert_same_output --rc 1 --setup no_devices --after '%DMSETUP% ls' '%TOOL% create --concise "a,,,xx,0 100 zero"'
	assert_same_output --rc 1 --setup no_devices --after '%DMSETUP% ls' '%TOOL% create --concise "a,UUID"'
}
t_create_concise_quoting() {
	# backslash-quoted separators, blanks after separators, a minor, the quoting of table --concise
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% ls; %DMSETUP% table --concise' '%TOOL% create --concise "a\\,b, U\\;1, 7 ,rw, 0 8 zero;  c,,,,0 8 error,8 8 zero;"'
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% ls' '%TOOL% create --concise ""'
	assert_same_output --setup concise_quoted --rc 0 '%TOOL% table --concise; %TOOL% table --concise --target error'
}
# a name and a uuid with the separators of the concise format, a table-less device
concise_quoted() { _dm create 'a,b;c\d' -u 'U;1,2' --table "0 8 zero" && _dm create n --notable; }
t_create_concise_errors() {
	# a mistake further on: the same words; lvm2 keeps the devices before it,
	# lodm makes none (docs/compat.md, hostile.sh t_concise_second_broken)
	assert_same_output --setup no_devices --rc 1 '%TOOL% create --concise "a,,,,0 8 zero;b,,,,0 8 zero\\"'
	# other mistakes (nothing made on either side), and a device the kernel
	# refuses (the devices before it stay on both)
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create --concise "a,,,,0 8 zero,"'
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create --concise "a,b,c,d,"'
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create --concise "a,,,,0 8 zero;a,,,,0 8 zero"'
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create --concise "a,,,,0 8 frob"'
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create --concise x y'
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create --concise -u U "a,,,,0 8 zero"'
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% info -c -o name,attr' '%TOOL% create -r --concise "a,,,,0 8 zero;b,,,,0 8 zero"'
}
t_create_bad_line() {
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create x --table "abc"'
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create x --table "0 10"'
}
t_create_bad_numbers() {
	assert_same_output --rc 1 --setup no_devices --after '%DMSETUP% ls' '%TOOL% create x --table "x 10 zero"'
	assert_same_output --rc 1 --setup no_devices --after '%DMSETUP% ls' '%TOOL% create x --table "0 -10 zero"'
}
t_create_target_arguments_bad() {
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create x --table "0 8 zero extra"'
	assert_same_output --setup no_devices --rc 1 --after '%DMSETUP% ls' '%TOOL% create x --table "0 8 linear"'
}
# the kernel accepts ".", ".." and "control"; libdevmapper only declines to
# make their /dev/mapper node (and says so), the command succeeds
# Names ".", ".." and "control" are refused on purpose (docs/compat.md):
# lvm2's dmsetup creates the devices, warns that "/dev/mapper/." is not a
# block device, and "control" shadows /dev/mapper/control in udev's rules.
_refused_name() { # NAME
	local rc
	vm_cleanup >/dev/null 2>&1
	"$LODM_DMSETUP" create "$1" --table "0 8 zero" >out 2>err; rc=$?
	assert_eq 1 "$rc" "create '$1': exit status"
	assert_eq "" "$(cat out)" "create '$1': stdout"
	assert_eq "Name \"$1\" invalid.
Command failed." "$(cat err)" "create '$1': stderr"
	assert_eq "No devices found" "$("$REF_DMSETUP" ls 2>&1)" "create '$1': nothing created"
	[ -c /dev/mapper/control ] || fail "create '$1': /dev/mapper/control is no longer the control node"
}
t_create_name_dots() {
	need_lodm dmsetup
	_refused_name .
	_refused_name ..
}
t_create_name_control() {
	need_lodm dmsetup
	_refused_name control
}

# ================================================================== (c) remove
_dm_major_and_three() { _dm_major && three_devs; }
t_remove_nonexistent() {
	assert_same_output --setup no_devices --rc 1 '%TOOL% remove nosuch'
	assert_same_output --setup three_devs --rc 1 --after '%DMSETUP% ls' '%TOOL% remove a nosuch c'
}
t_remove_nonexistent_uuid_path() {
	assert_same_output --setup one_zero --rc 1 --after '%DMSETUP% ls' '%TOOL% remove -u NOSUCH'
	assert_same_output --setup one_zero --rc 1 --after '%DMSETUP% ls' '%TOOL% remove /dev/mapper/nosuch'
	assert_same_output --setup one_zero --rc 1 --after '%DMSETUP% ls' '%TOOL% remove /dev/loop0'
}
t_remove_retry() {
	# The holder closes the device after 1.5 s, within the ~5 s of retries.
	# Every failed attempt prints "device-mapper: remove ioctl on z  failed:
	# Device or resource busy" (about 7 of them, depending on timing), so the
	# messages are compared without repetitions.
	assert_same_output --setup zero_held --rc 0 --after '%DMSETUP% ls' '%TOOL% remove --retry z 2>err; rc=$?; sort -u err >&2; exit $rc'
}
zero_held_and_more() { three_devs && one_zero && _held z 1.5; }

# ================================================================== (d) suspend, resume, load, clear, rename, message
t_suspend_noflush_nolockfs() {
	assert_same_output --setup one_zero --rc 0 --after '%DMSETUP% info z' '%TOOL% suspend --noflush z'
	assert_same_output --setup one_zero --rc 0 --after '%DMSETUP% info z' '%TOOL% suspend --nolockfs --noflush z'
}
t_info_suspended() {
	assert_same_output --setup zero_suspended --rc 0 '%TOOL% info z'
	assert_same_output --setup zero_suspended --rc 0 '%TOOL% info -c'
}
t_load_from_file_and_stdin() {
	assert_same_output --setup zero_and_table_file --rc 0 --after '%DMSETUP% table --inactive z' '%TOOL% load z t.tab'
	assert_same_output --setup one_zero --rc 0 --after '%DMSETUP% table --inactive z' 'printf "0 10 error\n10 10 zero\n" | %TOOL% load z'
}
zero_and_table_file() { one_zero && table_file; }
t_info_inactive_table() {
	assert_same_output --setup zero_inactive --rc 0 '%TOOL% info z'
	assert_same_output --setup zero_inactive --rc 0 '%TOOL% info -c -o name,attr,tables_loaded,segments'
}
notable_loaded() { zero_notable && _dm load n --table "0 8 zero"; }
t_table_inactive() {
	assert_same_output --setup zero_inactive --rc 0 '%TOOL% table --inactive z'
	assert_same_output --setup zero_inactive --rc 0 '%TOOL% table --inactive'
}
t_rename_bad_names() {
	assert_same_output --setup one_zero --rc 1 --after '%DMSETUP% ls' '%TOOL% rename z ${NAME127}y'
	assert_same_output --setup one_zero --rc 1 --after '%DMSETUP% ls' '%TOOL% rename z a/b'
	assert_same_output --rc 1 --setup one_zero --after '%DMSETUP% ls' '%TOOL% rename z ""'
}
t_message_thin_pool_errors() {
	assert_same_output --setup thin_devs --rc 1 --after '%DMSETUP% status pool' '%TOOL% message pool 0 create_thin 0'
	assert_same_output --setup thin_devs --rc 1 '%TOOL% message pool 0 frobnicate'
}
t_message_bad_sector() {
	assert_same_output --rc 1 --setup thin_pool --after '%DMSETUP% status pool' '%TOOL% message pool abc create_thin 0'
	assert_same_output --rc 1 --setup thin_pool --after '%DMSETUP% status pool' '%TOOL% message pool 99999 create_thin 0'
}

# ================================================================== (e) info
t_info_one() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% info a'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info c'
}
zero_and_notable() { one_zero && zero_notable; }
t_info_no_devices() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% info'
	assert_same_output --setup no_devices --rc 0 '%TOOL% info -c'
}
t_info_nonexistent() {
	assert_same_output --setup three_devs --rc 1 '%TOOL% info nosuch'
	assert_same_output --setup three_devs --rc 1 '%TOOL% info a nosuch c'
}
t_info_by_uuid_and_majmin() {
	assert_same_output --setup _dm_major_and_three --rc 0 '%TOOL% info -u UUID-a'
	assert_same_output --setup _dm_major_and_three --rc 0 '%TOOL% info -j $DM_MAJ -m 1'
	assert_same_output --setup _dm_major_and_three --rc 0 '%TOOL% info /dev/mapper/c /dev/dm-1'
}
t_info_noopencount() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% --noopencount info a'
	assert_same_output --setup three_devs --rc 0 '%TOOL% --noopencount info -c'
}
t_info_columns_default() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -C a'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info --columns c b'
}
t_info_columns_fields() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c -o name,uuid,attr,open,segments,events,devno,major,minor'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c -o name,blkdevname,tables_loaded,suspended,readonly,read_ahead'
}
t_info_columns_all_sections() {
	assert_same_output --setup stack --rc 0 '%TOOL% info -c -o name_all'
	assert_same_output --setup stack --rc 0 '%TOOL% info -c -o info_all'
	assert_same_output --setup stack --rc 0 '%TOOL% info -c -o deps_all'
}
t_info_columns_splitname_fields() {
	assert_same_output --setup lvm_names --rc 0 '%TOOL% info -c -o name,splitname_all'
	assert_same_output --setup lvm_names --rc 0 '%TOOL% info -c -o name,subsystem,vg_name,lv_name,lv_layer,uuid'
}
t_info_columns_sort() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c -O -name'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c -o name,segments,minor -O -segments,minor'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c --sort uuid,name'
}
t_info_columns_select() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c -S "name=~^[ab]"'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c -S "segments>1"'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c -S "readonly=1 || uuid=UUID-a" -o name,readonly,uuid'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c --select "name=nosuch"'
}
t_info_columns_select_braces_literal() {
	# libdevmapper's regular expressions have no intervals: "a{2}" is those
	# four characters (and nested intervals cannot blow regcomp up)
	assert_same_output --setup no_devices --rc 0 '%TOOL% splitname -o vg_name -S "vg_name=~^a{2}\$" "a{2}-lv"; %TOOL% splitname -S "vg_name=~^a{2}\$" aa-lv'
	assert_same_output --setup no_devices --rc 0 '%TOOL% splitname -S "vg_name=~}|\{" "}-x"; %TOOL% splitname -S "vg_name=~[{]" "{-x"'
	assert_same_output --setup no_devices --rc 0 '%TOOL% splitname -S "vg_name=~a{999}{999}{999}" x'
	# a run of repetition operators is one (regcomp would copy 'a' 2^24 times)
	assert_same_output --setup no_devices --rc 0 '%TOOL% splitname -S "vg_name=~^a++++++++++++++++++++++++\$" aa-lv; %TOOL% splitname -S "vg_name=~^a+?*+\$" aaa-lv'
}
t_select_regex_nested_groups() {
	# groups nested 19 deep, each repeated by '+': libdevmapper's engine
	# takes them, and so does lodm's (regex.c: an NFA of the pattern's size)
	assert_same_output --setup no_devices --rc 0 '%TOOL% splitname -S "vg_name=~\"(((((((((((((((((((a+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+\"" aa-lv; %TOOL% splitname -S "vg_name=~\"((((((a+)+)+)+)+)+)\"" aa-lv'
	need_lodm dmsetup
	local t0=$SECONDS
	"$LODM_DMSETUP" splitname -S "vg_name=~\"$(printf '(%.0s' {1..3000})a$(printf ')+%.0s' {1..3000})\"" aa-lv >/dev/null 2>&1
	[ $((SECONDS - t0)) -lt 10 ] || fail "3000 nested groups took $((SECONDS - t0)) s"
}
t_info_columns_select_bad() {
	assert_same_output --rc 1 --setup three_devs '%TOOL% info -c -S "nosuchfield=1"'
	assert_same_output --rc 1 --setup three_devs '%TOOL% info -c -S "name=~("'
	assert_same_output --rc 1 --setup three_devs '%TOOL% info -c -S "segments=abc"'
}
t_info_columns_noheadings() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c --noheadings'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c --noheadings -o name'
}
t_info_columns_separator() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c --separator : -o name,uuid,attr'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c --separator "<->" --noheadings'
}
t_info_columns_nameprefixes() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c --nameprefixes'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c --nameprefixes --noheadings -o name,uuid'
}
t_info_columns_rows() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c --rows'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c --rows --noheadings -o name,minor'
}
t_info_columns_help() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% info -c -o help'
	assert_same_output --setup three_devs --rc 0 '%TOOL% info -c -o help'
	assert_same_output --rc 0 --setup three_devs '%TOOL% info -c -o "?"'
}
t_info_columns_bad_field() {
	assert_same_output --rc 1 --setup three_devs '%TOOL% info -c -o name,nosuchfield'
	assert_same_output --rc 1 --setup three_devs '%TOOL% info -c -O nosuchfield'
}
t_info_columns_mangling() {
	assert_same_output --setup spaced_names --rc 0 '%TOOL% info -c -o name,mangled_name,unmangled_name,uuid,mangled_uuid,unmangled_uuid'
	assert_same_output --setup spaced_names --rc 0 '%TOOL% --manglename none info -c -o name,mangled_name,unmangled_name,uuid,mangled_uuid,unmangled_uuid'
	assert_same_output --setup spaced_names --rc 0 '%TOOL% --manglename hex info -c -o name,mangled_name,unmangled_name'
}
t_info_columns_unmangled_in_kernel() {
	# "a b" stored unmangled: auto mode refuses the name
	assert_same_output --setup weird_names --rc 1 '%TOOL% info -c -o name,mangled_name,unmangled_name,uuid,mangled_uuid,unmangled_uuid'
	assert_same_output --setup weird_names --rc 0 '%TOOL% --manglename none info -c -o name,mangled_name,unmangled_name,uuid'
}
# "c d" and uuid "U:1 2" mangled by the default (auto) mode
spaced_names() { _dm create 'c d' -u 'U:1 2' --table "0 8 zero" && _dm create plain --table "0 8 zero"; }
# "a b" and uuid "U U" stored as they are; "c\x20d" stored mangled
weird_names() { _dm --manglename none create 'a b' -u 'U U' --table "0 8 zero" && _dm create 'c\x20d' --table "0 8 zero"; }

# ------------------------------------------------------------------ ls
t_ls_no_devices() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% ls'
	assert_same_output --setup no_devices --rc 0 '%TOOL% ls --tree'
}
t_ls_target() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% ls --target zero'
	assert_same_output --setup three_devs --rc 0 '%TOOL% ls --target error'
	assert_same_output --setup three_devs --rc 0 '%TOOL% ls --target linear'
}
t_ls_options() {
	assert_same_output --setup stack --rc 0 '%TOOL% ls -o devno'
	assert_same_output --setup stack --rc 0 '%TOOL% ls -o blkdevname'
	assert_same_output --setup stack --rc 0 '%TOOL% ls -o devname'
}
t_ls_tree_styles() {
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o ascii'
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o utf'
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o vt100'
}
t_ls_tree_compact_inverted() {
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o compact'
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o inverted'
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o inverted,compact,ascii'
}
t_ls_tree_fields() {
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o blkdevname'
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o nodevice'
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o active,open,rw,uuid'
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o device,blkdevname,uuid,ascii'
}
stack_suspended_ro() { stack && _dm suspend side && _dm create ro -r --table "0 8 zero"; }
t_ls_tree_notrunc() {
	assert_same_output --setup long_names --rc 0 '%TOOL% ls --tree'
	assert_same_output --setup long_names --rc 0 '%TOOL% ls --tree -o notrunc'
}
t_ls_exec() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% ls --exec echo'
	assert_same_output --setup three_devs --rc 0 '%TOOL% ls --exec "echo dev:"'
}
# -o words stand for the first keyword they begin; nodevice leaves out the
# nameless (non-dm) nodes; table/status turn compact drawing off
t_ls_tree_option_words() {
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o inv,nod; %TOOL% ls --tree -o b,a,o,r,u'
	assert_same_output --setup stack --rc 0 '%TOOL% ls --tree -o compact,table; %TOOL% ls --tree -o inverted,compact,nodevice,blkdevname'
	assert_same_output --setup stack --rc 0 '%TOOL% deps -o d mid; %TOOL% ls -o ,blk'
	assert_same_output --rc 1 --setup stack '%TOOL% info --tree -o frob'
}
# a command of blanks runs nothing and fails each device; -v lists the devices too
# (after the commands' output: dmsetup's stdout is flushed at exit); a device
# without a table is run on, but matches no --target
t_ls_exec_edge() {
	assert_same_output --rc 1 --setup three_devs '%TOOL% ls --exec " "'
	assert_same_output --setup three_devs --rc 0 '%TOOL% ls -v --exec "echo x"'
	assert_same_output --setup zero_notable --rc 0 '%TOOL% ls --exec echo; %TOOL% ls --target zero'
}

# ------------------------------------------------------------------ table, status
t_table_nonexistent() {
	assert_same_output --setup three_devs --rc 1 '%TOOL% table nosuch'
	assert_same_output --setup three_devs --rc 1 '%TOOL% table a nosuch'
}
t_table_no_devices() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% table'
	assert_same_output --setup no_devices --rc 0 '%TOOL% status'
}
t_table_target() {
	assert_same_output --setup stack --rc 0 '%TOOL% table --target linear'
	assert_same_output --setup three_devs --rc 0 '%TOOL% table --target error'
	assert_same_output --setup three_devs --rc 0 '%TOOL% table --target striped'
}
# --exec runs the command on each matching device instead of printing its lines
t_table_exec() {
	assert_same_output --setup stack --rc 0 '%TOOL% table --exec echo; %TOOL% status --target linear --exec "echo s" top base'
	assert_same_output --setup three_devs --rc 0 '%TOOL% table --target zero --exec "echo z"'
	assert_same_output --setup zero_notable --rc 0 '%TOOL% table --exec echo; %TOOL% status --exec echo n'
}
t_table_concise() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% table --concise'
	assert_same_output --setup three_devs --rc 0 '%TOOL% table --concise b'
	assert_same_output --setup stack --rc 0 '%TOOL% table --concise top mid'
}
t_status_target() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% status --target zero'
	assert_same_output --setup stack --rc 0 '%TOOL% status --target linear top base'
}

# ------------------------------------------------------------------ deps
t_deps_options() {
	assert_same_output --setup stack --rc 0 '%TOOL% deps -o devno mid'
	assert_same_output --setup stack --rc 0 '%TOOL% deps -o blkdevname mid'
	assert_same_output --setup stack --rc 0 '%TOOL% deps -o devname'
}
t_deps_options_combined_bad() {
	assert_same_output --rc 0 --setup stack '%TOOL% deps -o devname,blkdevname mid'
	assert_same_output --rc 1 --setup stack '%TOOL% deps -o frob mid'
}
t_deps_none() {
	assert_same_output --setup three_devs --rc 0 '%TOOL% deps a'
	assert_same_output --setup zero_notable --rc 0 '%TOOL% deps n'
}
t_deps_columns() {
	assert_same_output --setup stack --rc 0 '%TOOL% info -c -o name,device_count,devs_used,devnos_used,blkdevs_used'
	assert_same_output --setup stack --rc 0 '%TOOL% info -c -o name,device_ref_count,names_using_dev,devnos_using_dev'
}

# ------------------------------------------------------------------ splitname, mangle, mknodes, setgeometry, wait, help
t_splitname() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% splitname vg-lv'
	assert_same_output --setup no_devices --rc 0 '%TOOL% splitname my--vg-my--lv-_mlog'
}
t_splitname_subsystem() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% splitname vg-lv LVM'
	assert_same_output --rc 0 --setup no_devices '%TOOL% splitname vg-lv OTHER'
}
t_splitname_odd() {
	assert_same_output --rc 0 --setup no_devices '%TOOL% splitname novg'
	assert_same_output --rc 0 --setup no_devices '%TOOL% splitname -- -lv'
	assert_same_output --rc 0 --setup no_devices '%TOOL% splitname a-b-c-d'
}
t_splitname_options() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% splitname --noheadings -o vg_name,lv_name --separator : vg-lv-layer'
	assert_same_output --setup no_devices --rc 0 '%TOOL% splitname --nameprefixes vg-lv'
	assert_same_output --setup no_devices --rc 0 '%TOOL% splitname -o subsystem,vg_name vg-lv'
}
t_mangle_names() {
	assert_same_output --setup no_devices --rc 0 --after '%DMSETUP% ls; %DMSETUP% --manglename none ls; ls /dev/mapper' '%TOOL% create "a b" --table "0 8 zero"'
	assert_same_output --rc 0 --setup no_devices --after '%DMSETUP% --manglename none ls; ls /dev/mapper' '%TOOL% --manglename hex create ab --table "0 8 zero"'
}
t_mangle_command_one() {
	assert_same_output --rc 1 --setup weird_names --after '%DMSETUP% --manglename none ls' '%TOOL% mangle "a b"'
	assert_same_output --setup three_devs --rc 0 '%TOOL% mangle a'
}
t_manglename_modes_ls() {
	assert_same_output --setup weird_names --rc 0 '%TOOL% --manglename none ls'
	assert_same_output --setup weird_names --rc 1 '%TOOL% --manglename auto ls'
	assert_same_output --setup weird_names --rc 1 '%TOOL% --manglename hex ls'
	assert_same_output --setup spaced_names --rc 0 '%TOOL% ls; %TOOL% --manglename none ls; %TOOL% --manglename hex ls'
	assert_same_output --rc 1 --setup weird_names '%TOOL% --manglename bogus ls'
}
t_mangle_env_default() {
	assert_same_output --rc 0 --setup no_devices --after '%DMSETUP% --manglename none ls; ls /dev/mapper' 'DM_DEFAULT_NAME_MANGLING_MODE=none %TOOL% create "x y" --table "0 8 zero"'
	assert_same_output --rc 0 --setup weird_names 'DM_DEFAULT_NAME_MANGLING_MODE=NONE %TOOL% ls; DM_DEFAULT_NAME_MANGLING_MODE=bogus %TOOL% --manglename none ls'
	assert_same_output --rc 1 --setup weird_names 'DM_DEFAULT_NAME_MANGLING_MODE=bogus %TOOL% ls'
	assert_same_output --rc 0 --setup spaced_names 'DM_DEFAULT_NAME_MANGLING_MODE=none %TOOL% --manglename auto ls'
}
t_mangle_bad_names() {
	# mixed, mangled twice, a mangled form too long, a "\x" cut short
	assert_same_output --rc 1 --setup no_devices --after '%DMSETUP% ls' '%TOOL% create "a\\x20b c" --table "0 8 zero"'
	assert_same_output --rc 1 --setup no_devices --after '%DMSETUP% ls' '%TOOL% create "a\\x5cx20b" --table "0 8 zero"'
	assert_same_output --rc 1 --setup no_devices --after '%DMSETUP% ls' '%TOOL% create "${NAME127:3} " --table "0 8 zero"'
	assert_same_output --rc 1 --setup no_devices --after '%DMSETUP% ls' '%TOOL% create "ab\\x2" --table "0 8 zero"'
	assert_same_output --rc 1 --setup no_devices --after '%DMSETUP% ls' '%TOOL% create z -u "U\\x20V W" --table "0 8 zero"'
	assert_same_output --rc 0 --setup no_devices --after '%DMSETUP% --manglename none ls' '%TOOL% --manglename hex create "a\\x20b c" --table "0 8 zero"'
}
t_mangle_lookups() {
	# names and uuids the user gives are mangled before the kernel sees them
	assert_same_output --rc 0 --setup spaced_names '%TOOL% info "c d"; %TOOL% table -u "U:1 2"; %TOOL% --manglename none info "c\\x20d"'
	assert_same_output --rc 1 --setup spaced_names '%TOOL% --manglename none info "c d"'
	assert_same_output --rc 0 --setup spaced_names --after '%DMSETUP% --manglename none ls; ls /dev/mapper' '%TOOL% rename "c d" "e f"'
	assert_same_output --rc 0 --setup spaced_names --after '%DMSETUP% --manglename none info -c -o name,uuid' '%TOOL% rename plain --setuuid "V 1"'
	assert_same_output --rc 0 --setup spaced_names --after '%DMSETUP% --manglename none ls; ls /dev/mapper' '%TOOL% remove "c d"'
	assert_same_output --rc 0 --setup spaced_names '%TOOL% table; %TOOL% status; %TOOL% --manglename none table --concise'
}
spaced_names_no_node() { spaced_names && rm -f '/dev/mapper/c\x20d'; }
# stale nodes of a device gone, under its mangled and its unmangled name
spaced_names_stale_nodes() { spaced_names && mknod '/dev/mapper/zz y' b 7 0 && mknod '/dev/mapper/zz\x20y' b 7 0; }
t_mangle_mknodes() {
	# libdevmapper's mknodes names the nodes as shown (unmangled), create as the kernel does
	assert_same_output --rc 0 --setup spaced_names_no_node --after 'ls /dev/mapper' '%TOOL% mknodes "c d"'
	assert_same_output --rc 0 --setup spaced_names_no_node --after 'ls /dev/mapper' '%TOOL% mknodes'
	assert_same_output --rc 0 --setup spaced_names --after 'ls /dev/mapper' '%TOOL% mknodes; %TOOL% --manglename none mknodes'
	assert_same_output --rc 0 --setup spaced_names_stale_nodes --after 'ls /dev/mapper' '%TOOL% mknodes'
	assert_same_output --rc 0 --setup spaced_names_stale_nodes --after 'ls /dev/mapper' '%TOOL% --manglename none mknodes'
	assert_same_output --rc 1 --setup weird_names --after 'ls /dev/mapper' '%TOOL% mknodes'
}
t_mangle_command_modes() {
	assert_same_output --rc 1 --setup spaced_names --after '%DMSETUP% --manglename none ls' '%TOOL% --manglename none mangle'
	assert_same_output --rc 0 --setup weird_names_no_uuid --after '%DMSETUP% --manglename none ls; ls /dev/mapper' '%TOOL% mangle'
	assert_same_output --rc 0 --setup weird_names_no_uuid --after '%DMSETUP% --manglename none ls' '%TOOL% --manglename hex mangle "a b"'
	assert_same_output --rc 1 --setup no_devices '%TOOL% mangle nosuch'
	assert_same_output --rc 0 --setup no_devices '%TOOL% mangle'
}
weird_names_no_uuid() { _dm --manglename none create 'a b' --table "0 8 zero" && _dm --manglename none create 'c\x20d' --table "0 8 zero"; }
three_devs_no_nodes() { three_devs && rm -f /dev/mapper/a /dev/mapper/b; }
three_devs_stale_node() { three_devs && mknod /dev/mapper/stale b 253 200 && rm -f /dev/mapper/c && mknod /dev/mapper/c b 253 100; }
t_setgeometry() {
	need_cmd sfdisk
	assert_same_output --setup one_zero --rc 0 --after 'sfdisk -g /dev/mapper/z' '%TOOL% setgeometry z 16 4 32 0'
}
t_setgeometry_bad() {
	assert_same_output --rc 1 --setup one_zero '%TOOL% setgeometry z a b c d'
	assert_same_output --rc 1 --setup one_zero '%TOOL% setgeometry z 1 1 1 99999'
	assert_same_output --rc 1 --setup no_devices '%TOOL% setgeometry nosuch 16 4 32 0'
}
t_wait_past_event() {
	# the device's event number is 2 (two renames), so these return at once;
	# timeout only guards against a hang
	assert_same_output --setup zero_renamed_twice --rc 0 'timeout 10 %TOOL% wait z 0'
	assert_same_output --setup zero_renamed_twice --rc 0 'timeout 10 %TOOL% -v wait z 1'
}
t_wait_bad() {
	assert_same_output --rc 1 --setup no_devices 'timeout 10 %TOOL% wait nosuch 0'
	assert_same_output --rc 0 --setup zero_renamed_twice 'timeout 10 %TOOL% wait z abc'
}

# ================================================================== (f) targets with data
t_snapshot_deps_tree() {
	assert_same_output --setup snapshot_devs --rc 0 '%TOOL% deps; %TOOL% ls --tree'
	assert_same_output --setup snapshot_devs --rc 0 '%TOOL% info -c -o name,attr,open,devs_used,names_using_dev'
}
thin_written() { thin_devs && dd if=/dev/zero of=/dev/mapper/thin bs=65536 count=3 oflag=direct 2>/dev/null; }
t_crypt_table_hides_key() {
	assert_same_output --setup crypt_dev --rc 0 '%TOOL% table cr'
	assert_same_output --setup crypt_dev --rc 0 '%TOOL% table'
}
t_crypt_showkeys() {
	assert_same_output --setup crypt_dev --rc 0 '%TOOL% table --showkeys cr'
	assert_same_output --setup crypt_dev --rc 0 '%TOOL% table --showkeys --concise'
}
t_crypt_options() {
	assert_same_output --setup crypt_dev_opts --rc 0 '%TOOL% table; %TOOL% table --showkeys; %TOOL% status'
	assert_same_output --setup crypt_dev_opts --rc 0 '%TOOL% info -c -o name,uuid,subsystem'
}
t_flakey() {
	assert_same_output --setup flakey_dev --rc 0 '%TOOL% table fl; %TOOL% status fl'
	assert_same_output --setup flakey_dev_features --rc 0 '%TOOL% table fl; %TOOL% status fl'
}
t_stack_info_all() {
	assert_same_output --setup stack --rc 0 '%TOOL% info'
	assert_same_output --setup stack --rc 0 '%TOOL% info -c'
}

# For the cases on fixture_many (lib.sh): the state afterwards, and _rc CMD
# ARGS..., which runs a command and prints its exit status, so that every
# call of a case that makes several is compared on its status too.
MANY_STATE='%DMSETUP% info -c -o name,attr,tables_loaded,segments,uuid; ls /dev/mapper'
_rc() { "$@"; echo "[exit $?]"; }
# _sel TOOL SELECTION...: the names each selection picks (info -c, one line
# each), and its exit status: for the cases of the selection grammar
_sel() {
	local tool=$1 s
	shift
	for s in "$@"; do
		printf '%s => ' "$s"
		"$tool" info -c -o name --noheadings --rows -S "$s"
		echo "[exit $?]"
	done
}

# the one-line cases: tests/vm/groups/dmsetup.cases
vm_cases_load "${BASH_SOURCE[0]}" || return 1
