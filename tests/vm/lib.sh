# shellcheck shell=bash
# tests/vm/lib.sh — helpers for VM test functions (sourced in the guest before
# the group file; see tests/vm/README.md).
#
# Every test function runs in a fresh bash with `set -u` (not -e), its cwd a
# fresh tmpfs ($SCRATCH), in its own process group.  Exit status: 0 = PASS,
# 77 = SKIP (use `skip`), anything else = FAIL.  Assertions print a message and
# end the test at once (exit 1) when they fail — except inside $(...) or a
# pipeline, where they only end that subshell: don't assert there.
#
# Environment: LODM_LOSETUP, LODM_DMSETUP (ours, /lodm/bin/*), REF_LOSETUP,
# REF_DMSETUP (/usr/sbin/*), SCRATCH, LODM_GROUP, LODM_TEST, LODM_TIMEOUT_TEST.

: "${LODM_LOSETUP:=/lodm/bin/losetup}" "${LODM_DMSETUP:=/lodm/bin/dmsetup}"
: "${REF_LOSETUP:=/usr/sbin/losetup}" "${REF_DMSETUP:=/usr/sbin/dmsetup}"
: "${SCRATCH:=$PWD}"

# ------------------------------------------------------------------ basics
log() { printf '%s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*"; exit 1; }
skip() { printf 'SKIP: %s\n' "$*"; exit 77; }

assert_eq() { # EXPECTED ACTUAL [WHAT]
    [ "$1" = "$2" ] && return 0
    printf 'FAIL: %s\n  expected: %s\n  actual:   %s\n' "${3:-assert_eq}" "$1" "$2"
    exit 1
}
assert_ne() { # UNEXPECTED ACTUAL [WHAT]
    [ "$1" != "$2" ] && return 0
    fail "${3:-assert_ne}: unexpected value '$2'"
}
assert_match() { # ERE STRING [WHAT]
    printf '%s\n' "$2" | grep -Eq -- "$1" && return 0
    printf 'FAIL: %s\n  pattern: %s\n  actual:  %s\n' "${3:-assert_match}" "$1" "$2"
    exit 1
}
assert_no_match() { # ERE STRING [WHAT]
    printf '%s\n' "$2" | grep -Eq -- "$1" || return 0
    printf 'FAIL: %s\n  pattern: %s\n  matched: %s\n' "${3:-assert_no_match}" "$1" "$2"
    exit 1
}
assert_exists() { local p; for p; do [ -e "$p" ] || fail "$p does not exist"; done; }
assert_not_exists() { local p; for p; do [ ! -e "$p" ] || fail "$p exists"; done; }

# assert_ok CMD...: run it, fail (showing its output) unless it exits 0.
assert_ok() {
    local out rc
    out=$("$@" 2>&1); rc=$?
    [ "$rc" -eq 0 ] && { [ -z "$out" ] || printf '%s\n' "$out"; return 0; }
    printf 'FAIL: command failed (exit %s): %s\n' "$rc" "$*"
    printf '%s\n' "$out" | sed 's/^/  | /'
    exit 1
}
must() { assert_ok "$@"; }
# assert_status N CMD...: run it, fail unless it exits with status N.
assert_status() {
    local want=$1 out rc; shift
    out=$("$@" 2>&1); rc=$?
    [ "$rc" -eq "$want" ] && return 0
    printf 'FAIL: expected exit %s, got %s: %s\n' "$want" "$rc" "$*"
    printf '%s\n' "$out" | sed 's/^/  | /'
    exit 1
}
# assert_fail CMD...: fail unless it exits non-zero.
assert_fail() {
    local out rc
    out=$("$@" 2>&1); rc=$?
    [ "$rc" -ne 0 ] && return 0
    printf 'FAIL: expected failure, but it succeeded: %s\n' "$*"
    printf '%s\n' "$out" | sed 's/^/  | /'
    exit 1
}

# wait_for SECONDS CMD...: poll (every 0.1 s) until CMD succeeds; 1 on timeout.
wait_for() {
    local n=$(( $1 * 10 )); shift
    while [ "$n" -gt 0 ]; do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1; n=$((n - 1))
    done
    "$@" >/dev/null 2>&1
}

# ------------------------------------------------------------------ requirements
# need_lodm losetup|dmsetup...: our binary must be in the VM — a FAIL otherwise
# (a missing build must not look like a pass).
need_lodm() {
    local t b
    for t; do
        case $t in
            losetup) b=$LODM_LOSETUP ;;
            dmsetup) b=$LODM_DMSETUP ;;
            *) fail "need_lodm: unknown tool $t" ;;
        esac
        [ -x "$b" ] || fail "$b is not in the VM: build lodm first (or set LODM_VM_BINARIES)"
    done
}
# need_target NAME...: skip unless the device-mapper target is available.
need_target() {
    local t
    for t; do
        "$REF_DMSETUP" targets 2>/dev/null | grep -q "^${t}[[:space:]]" || skip "dm target '$t' not available"
    done
}
need_cmd() { local c; for c; do command -v "$c" >/dev/null 2>&1 || skip "command '$c' not in the VM"; done; }

# ------------------------------------------------------------------ images
# mkimg FILE MIB: sparse zero file.
mkimg() { rm -f "$1"; truncate -s "${2}M" "$1" || fail "mkimg $1 failed"; }

_le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255)); }
# mkimg_mbr FILE TOTAL_MIB P1_MIB [P2_MIB [P3_MIB [P4_MIB]]]: image with an
# MS-DOS partition table of primary Linux (0x83) partitions, the first at 1 MiB,
# each following the previous one.  A size of 0 means "up to the end".
# Written byte by byte, so it needs no partitioning tool.
mkimg_mbr() {
    local f=$1 total=$2 start=2048 size i=0 tab='' n; shift 2
    { [ $# -ge 1 ] && [ $# -le 4 ]; } || fail "mkimg_mbr: 1 to 4 partitions"
    mkimg "$f" "$total"
    for n; do
        if [ "$n" -eq 0 ]; then size=$(( total * 2048 - start )); else size=$(( n * 2048 )); fi
        [ $(( start + size )) -le $(( total * 2048 )) ] || fail "mkimg_mbr: partitions exceed $total MiB"
        tab+="\\x00\\xfe\\xff\\xff\\x83\\xfe\\xff\\xff$(_le32 "$start")$(_le32 "$size")"
        start=$(( start + size )); i=$((i + 1))
    done
    # shellcheck disable=SC2059
    printf "$tab" | dd of="$f" bs=1 seek=446 conv=notrunc 2>/dev/null || fail "mkimg_mbr: write failed"
    printf '\x4c\x4f\x44\x4d' | dd of="$f" bs=1 seek=440 conv=notrunc 2>/dev/null  # disk id "LODM"
    printf '\x55\xaa' | dd of="$f" bs=1 seek=510 conv=notrunc 2>/dev/null
}

# ------------------------------------------------------------------ state
# vm_cleanup [--report]: unmount file systems on loop/dm devices, remove all dm
# devices (also those without a table), detach all loop devices.  With --report, print
# what was left over and what could not be removed.  Run by the harness after
# every test and by assert_same_output before and after each side.
# The removal and the bounded wait are done by one static process
# (tests/vm/vmclean.c, built and installed by the runner).
VMCLEAN=${VMCLEAN:-/lodm/tests/vm/vmclean}
_vm_unmount() {
    local -a mnts=()
    local n m
    while read -r n m _; do
        case $n in /dev/loop*|/dev/dm-*|/dev/mapper/*) mnts=("$m" "${mnts[@]}") ;; esac
    done </proc/mounts
    for m in "${mnts[@]}"; do   # the last mounted first
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
    done
}
# shellcheck disable=SC2120
vm_cleanup() {
    local m rc
    _vm_unmount
    if [ "${1:-}" = --report ]; then "$VMCLEAN" --report; else "$VMCLEAN"; fi
    rc=$?
    # under udev (a "# vm-udev: yes" group) the links go when udev has seen the removals
    [ -n "${DM_DISABLE_UDEV+x}" ] || [ ! -S /run/udev/control ] || vm_udev_settle 5
    # stale /dev/mapper entries (e.g. made by a test without DM_DISABLE_UDEV)
    if [ "$rc" = 0 ]; then
        for m in /dev/mapper/*; do [ "$m" = /dev/mapper/control ] || [ ! -e "$m" ] || rm -f "$m"; done
    fi
    return "$rc"
}

# ------------------------------------------------------------------ udev
# A group whose file has the line "# vm-udev: yes" runs with systemd-udevd and
# the device-mapper rules of Debian's dmsetup package (harness.sh calls
# vm_udev_group_setup once, vm_udev_restore before each test and
# vm_udev_settle after it): DM_DISABLE_UDEV is not set, our dmsetup is the
# system's /usr/sbin/dmsetup (= /sbin/dmsetup, which the rules call) and the
# reference is moved to /lodm/ref/dmsetup ($REF_DMSETUP).
UDEVD=/usr/lib/systemd/systemd-udevd
vm_udev_pids() { pidof systemd-udevd 2>/dev/null; }
vm_udev_start() {
    [ -x "$UDEVD" ] || fail "no $UDEVD in the VM (install the udev package on the host)"
    "$UDEVD" --daemon --resolve-names=never >/dev/null 2>&1 || fail "systemd-udevd did not start"
    wait_for 10 test -S /run/udev/control || fail "systemd-udevd: no /run/udev/control after 10 s"
}
# vm_udev_settle [SECONDS]: wait (bounded, default 10 s) until udev has handled every event.
vm_udev_settle() { udevadm settle --timeout="${1:-10}" >/dev/null 2>&1; }
# vm_udev_restore: udevd running (continued if stopped, started if gone) with
# the stock rules only.
vm_udev_restore() {
    local p
    for p in $(vm_udev_pids); do kill -CONT "$p" 2>/dev/null; done
    if [ -n "$(ls -A /etc/udev/rules.d 2>/dev/null)" ]; then
        rm -f /etc/udev/rules.d/*
        [ -z "$(vm_udev_pids)" ] || udevadm control --reload >/dev/null 2>&1
    fi
    if [ -z "$(vm_udev_pids)" ]; then
        rm -f /run/udev/control
        vm_udev_start
    fi
}
vm_udev_group_setup() {
    mkdir -p /lodm/ref
    cp /usr/sbin/dmsetup /lodm/ref/dmsetup || return 1
    [ ! -x "$LODM_DMSETUP" ] || cp "$LODM_DMSETUP" /usr/sbin/dmsetup || return 1
    REF_DMSETUP=/lodm/ref/dmsetup
    export REF_DMSETUP
    unset DM_DISABLE_UDEV
    vm_udev_start
}
# The udev cookie semaphores (key prefix 0x0D4D) in /proc/sysvipc/sem, one per line.
vm_cookies() { awk 'NR > 1 && int($1 / 65536) == 3405 { printf "0x%08x\n", $1 }' /proc/sysvipc/sem; }
assert_no_cookies() {
    local c
    c=$(vm_cookies)
    [ -z "$c" ] || fail "udev cookie semaphores left: $(echo $c)"
}

# ------------------------------------------------------------------ fixtures
# fixture_many: many device-mapper devices of every kind, made with the
# reference tools, for the cases that run "over all devices" (no device
# argument, --target, -S): two loop devices (L0, L1: 8 MiB each) and, in
# this order (dm minor numbers 0, 1, ...; DM_MAJ is the dm major):
#   lin      linear over L0, uuid UUID-lin, renamed once (event number 1)
#   top      linear over lin (a stack: deps, ls --tree)
#   st       striped over L0 and L1
#   zer      zero, uuid LVM-...-style (splitname fields)
#   err      error, read-only
#   cr       crypt over L1 (when the kernel has the crypt target)
#   odd:n@m#e+x=y_z.w-v   zero: every character that no mangling changes
#   sp ace   zero, uuid "U 1": both stored mangled (sp\x20ace, U\x201)
#   pct%n    zero: stored as pct\x25n
#   susp     zero, suspended
#   notab    no table at all
#   inact    an inactive table only (zero)
#   both     a live zero table and an inactive error table
FIXTURE_KEY=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
fixture_many() {
    local d=$REF_DMSETUP
    mkimg many0.img 8 && mkimg many1.img 8 &&
    L0=$("$REF_LOSETUP" -f --show many0.img) && L1=$("$REF_LOSETUP" -f --show many1.img) &&
    DM_MAJ=$(awk '$2 == "device-mapper" {print $1}' /proc/devices) && [ -n "$DM_MAJ" ] &&
    "$d" create lin0 -u UUID-lin --table "0 4096 linear $L0 0" && "$d" rename lin0 lin &&
    "$d" create top --table "0 2048 linear /dev/mapper/lin 1024" &&
    "$d" create st --table "0 4096 striped 2 8 $L0 8192 $L1 0" &&
    "$d" create zer -u LVM-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb --table "0 2048 zero" &&
    "$d" create err -r --table "0 1024 error" || return 1
    if "$d" targets | grep -q '^crypt '; then
        "$d" create cr --table "0 2048 crypt aes-xts-plain64 $FIXTURE_KEY 0 $L1 8192" || return 1
    fi
    "$d" create 'odd:n@m#e+x=y_z.w-v' --table "0 512 zero" &&
    "$d" create 'sp ace' -u 'U 1' --table "0 512 zero" &&
    "$d" create 'pct%n' --table "0 512 zero" &&
    "$d" create susp --table "0 512 zero" && "$d" suspend susp &&
    "$d" create notab --notable &&
    "$d" create inact --notable && "$d" load inact --table "0 512 zero" &&
    "$d" create both --table "0 512 zero" && "$d" load both --table "0 512 error"
}

# ------------------------------------------------------------------ differential
# assert_same_output [options] 'COMMAND'
#
# Runs COMMAND (a shell string, eval'ed in a subshell of the test) twice: first
# with the reference tools, then with ours, and fails unless both runs give the
# same stdout, stderr and exit status.  In COMMAND,
#   %LOSETUP% / %DMSETUP%   become the side's losetup / dmsetup binary,
#   %TOOL%                  the side's binary of $TOOL (set TOOL=losetup or
#                           TOOL=dmsetup in the group file, or use --tool).
# Each side starts from an identical fresh state:
#   1. vm_cleanup (no dm devices, no loop devices bound — so anything the test
#      set up before is gone: put all preparation into the setup function);
#   2. a fresh tmpfs is mounted on $SCRATCH/same, which becomes the cwd (same
#      path and same inode numbers on both sides);
#   3. the setup function (--setup FN, default $SAME_SETUP) runs in the test's
#      shell — variables it sets are visible to COMMAND;
#   4. COMMAND runs (stdin /dev/null);
#   5. the --after command (default $SAME_AFTER), if any, runs (also with the
#      placeholders replaced by the *reference* binaries, so the effect of
#      COMMAND is observed with the same tool on both sides); its output and
#      status are compared too;
#   6. vm_cleanup, and the tmpfs is unmounted.
# Before comparing, outputs are normalised (unless --exact): device numbers
# "N:N" -> "MAJ:MIN", "Major, minor: N, N" -> "Major, minor: MAJ, MIN", the
# side directory -> @DIR@, $SCRATCH -> @SCRATCH@, /tmp/tmp.XXXX -> @TMP@, plus
# any --normalize SED_EXPR given (and $SAME_NORMALIZE, a group's deliberate
# deviation that shows in many outputs).  Nothing else is normalised: program names
# are the same ("losetup: ..."), since both binaries have the same basename.
#
# Options: --setup FN, --after 'CMD', --tool losetup|dmsetup, --exact,
#          --normalize SED_EXPR (repeatable), --rc N (both sides must exit N —
#          guards against both failing the same way when success is expected).
# After it returns, SAME_RC is the (common) exit status and SAME_STDOUT /
# SAME_STDERR are files holding the reference side's raw output.
_SAME_N=0
assert_same_output() {
    local setup=${SAME_SETUP:-} after=${SAME_AFTER:-} exact=0 tool=${TOOL:-} want_rc='' cmd
    local -a norm=()
    [ -z "${SAME_NORMALIZE:-}" ] || norm+=(-e "$SAME_NORMALIZE")
    while [ $# -gt 0 ]; do
        case $1 in
            --setup) setup=$2; shift 2 ;;
            --after) after=$2; shift 2 ;;
            --tool) tool=$2; shift 2 ;;
            --exact) exact=1; shift ;;
            --normalize) norm+=(-e "$2"); shift 2 ;;
            --rc) want_rc=$2; shift 2 ;;
            --) shift; break ;;
            -*) fail "assert_same_output: unknown option $1" ;;
            *) break ;;
        esac
    done
    [ $# -eq 1 ] || fail "assert_same_output: expected exactly one COMMAND string"
    cmd=$1
    case "$cmd $after" in *%TOOL%*)
        case $tool in losetup|dmsetup) ;; *) fail "assert_same_output: %TOOL% used but TOOL is '$tool' (set TOOL=losetup|dmsetup)" ;; esac
    esac
    case "$cmd $after" in *%TOOL%*) need_lodm "$tool" ;; esac
    case "$cmd $after" in *%LOSETUP%*) need_lodm losetup ;; esac
    case "$cmd $after" in *%DMSETUP%*) need_lodm dmsetup ;; esac

    _SAME_N=$((_SAME_N + 1))
    local o=$SCRATCH/.same.$_SAME_N d=$SCRATCH/same side c a lo dm tb
    mkdir -p "$o" "$d"
    for side in ref lodm; do
        if [ "$side" = ref ]; then lo=$REF_LOSETUP; dm=$REF_DMSETUP; else lo=$LODM_LOSETUP; dm=$LODM_DMSETUP; fi
        case $tool in losetup) tb=$lo ;; dmsetup) tb=$dm ;; *) tb=/nonexistent-TOOL-not-set ;; esac
        # (no $(...) here: every fork counts under TCG)
        _same_subst c "$cmd" "$lo" "$dm" "$tb"
        if [ "$tool" = dmsetup ]; then tb=$REF_DMSETUP; else tb=$REF_LOSETUP; fi
        _same_subst a "$after" "$REF_LOSETUP" "$REF_DMSETUP" "$tb"
        cd / || fail "cd /"
        # (the lodm side starts from the clean slate the ref side's cleanup left)
        if [ "$side" = ref ]; then
            vm_cleanup >"$o/$side.cleanup" 2>&1 || { cat "$o/$side.cleanup"; fail "assert_same_output: could not clean up before the $side side"; }
        fi
        grep -q " $d " /proc/mounts && umount "$d"
        mount -t tmpfs tmpfs "$d" || fail "assert_same_output: mount tmpfs on $d failed"
        cd "$d" || fail "cd $d"
        if [ -n "$setup" ]; then
            "$setup" >"$o/$side.setup" 2>&1 || {
                sed 's/^/  | /' "$o/$side.setup"; fail "assert_same_output: setup '$setup' failed on the $side side"; }
        fi
        ( eval "$c" ) </dev/null >"$o/$side.stdout" 2>"$o/$side.stderr"
        echo $? >"$o/$side.rc"
        if [ -n "$a" ]; then
            { ( eval "$a" ) </dev/null 2>&1; echo "[exit $?]"; } >"$o/$side.after"
        else
            : >"$o/$side.after"
        fi
        cd "$SCRATCH" || fail "cd $SCRATCH"
        vm_cleanup >>"$o/$side.cleanup" 2>&1 || { cat "$o/$side.cleanup"; fail "assert_same_output: could not clean up after the $side side"; }
        umount "$d" 2>/dev/null || umount -l "$d"
    done
    # normalize only when the raw outputs differ (most cases: they do not)
    local raw_same=1
    for f in stdout stderr after; do _same_file "$o/ref.$f" "$o/lodm.$f" || { raw_same=0; break; }; done
    [ "$raw_same" = 1 ] || for side in ref lodm; do
        for f in stdout stderr after; do
            if [ "$exact" = 1 ]; then cp "$o/$side.$f" "$o/$side.$f.n"
            else _same_norm "$d" "${norm[@]}" <"$o/$side.$f" >"$o/$side.$f.n"; fi
        done
    done
    # shellcheck disable=SC2034  # results for the caller
    read -r SAME_RC <"$o/ref.rc"
    # shellcheck disable=SC2034
    SAME_STDOUT=$o/ref.stdout
    # shellcheck disable=SC2034
    SAME_STDERR=$o/ref.stderr
    local bad=0 rr lr
    read -r rr <"$o/ref.rc"; read -r lr <"$o/lodm.rc"
    {
        echo "assert_same_output: ours differs from the reference"
        echo "  command: $cmd"
        [ -z "$after" ] || echo "  after:   $after"
        [ -z "$setup" ] || echo "  setup:   $setup"
    } >"$o/report"
    if [ "$rr" != "$lr" ]; then bad=1; echo "  exit status: reference $rr, ours $lr" >>"$o/report"; fi
    for f in stdout stderr after; do
        [ "$raw_same" = 1 ] && break
        if ! cmp -s "$o/ref.$f.n" "$o/lodm.$f.n"; then
            bad=1
            echo "  --- $f differs (- reference, + ours):" >>"$o/report"
            diff -u "$o/ref.$f.n" "$o/lodm.$f.n" | tail -n +3 | sed 's/^/  /' >>"$o/report"
        fi
    done
    if [ "$bad" = 1 ]; then cat "$o/report"; exit 1; fi
    if [ -n "$want_rc" ] && [ "$rr" != "$want_rc" ]; then
        echo "FAIL: assert_same_output: both sides exited $rr, expected $want_rc: $cmd"
        sed 's/^/  stdout| /' "$o/ref.stdout"; sed 's/^/  stderr| /' "$o/ref.stderr"
        exit 1
    fi
    echo "same (exit $rr): $cmd"
    return 0
}
_same_subst() { # VAR STRING LOSETUP DMSETUP TOOL: VAR = STRING with the placeholders replaced
    local s=$2 p1='%LOSETUP%' p2='%DMSETUP%' p3='%TOOL%'
    s=${s//"$p1"/"$3"}; s=${s//"$p2"/"$4"}; s=${s//"$p3"/"$5"}
    printf -v "$1" '%s' "$s"
}
# _same_file A B: whether two (text) files have the same bytes, without a process.
_same_file() {
    local a b
    IFS= read -r -d '' a <"$1"; IFS= read -r -d '' b <"$2"
    [ "$a" = "$b" ]
}
_same_norm() { # DIR [-e SED]...
    local d=$1; shift
    sed -E -e "s#${d}#@DIR@#g" -e "s#${SCRATCH}#@SCRATCH@#g" -e 's#/tmp/tmp\.[A-Za-z0-9]+#@TMP@#g' \
        -e 's/(Major, minor:[[:space:]]*)[0-9]+, *[0-9]+/\1MAJ, MIN/g' \
        -e 's/[0-9]+:[0-9]+/MAJ:MIN/g' "$@"
}

# ------------------------------------------------------------------ case tables
# A group may keep its one-line differential cases in a table: a line
# "# vm-cases: FILE" in the group file names FILE (beside the group file), and
# the group calls `vm_cases_load "${BASH_SOURCE[0]}"`.  One case a line:
#     name | setup | rc | options | command
# is the test t_NAME, running
#     assert_same_output --setup SETUP --rc RC OPTIONS 'COMMAND'
# (an empty setup or rc is left out; OPTIONS are more assert_same_output
# options, as shell words, expanded when the case runs: --after "$LS_TABLE";
# the command is the rest of the line, taken literally, '|' and all).  Lines
# that are empty or start with '#' are comments.  tests/vm/run lists the
# cases with the same rule (list_tests).
#
# A case named in tests/matrix/exceptions as "pending GROUP:NAME | why" shows
# a difference of lodm's not fixed yet: it still runs; while it fails it is a
# SKIP ("pending: why", never a pass), and once it passes it is a FAIL until
# that line is removed.
VM_EXCEPTIONS=${VM_EXCEPTIONS:-/lodm/tests/matrix/exceptions}
declare -A _VM_CASE=() _VM_CASE_GROUP=()
# vm_cases_load GROUP_FILE: define t_NAME for every case of the group's table.
vm_cases_load() {
    local gf=$1 f line name g
    f=$(sed -n 's/^# vm-cases: *\([^ ]*\).*/\1/p' "$gf" | head -n 1)
    [ -n "$f" ] || { echo "vm_cases_load: no '# vm-cases: FILE' line in $gf"; return 1; }
    g=${f%.cases}
    f=${gf%/*}/$f
    [ -r "$f" ] || { echo "vm_cases_load: cannot read $f"; return 1; }
    while IFS= read -r line || [ -n "$line" ]; do
        case $line in ''|'#'*) continue ;; esac
        name=${line%%|*}; name=${name//[[:space:]]/}
        [[ $name =~ ^[A-Za-z0-9_]+$ ]] || { echo "vm_cases_load: bad case name '$name' in $f"; return 1; }
        _VM_CASE[$name]=$line; _VM_CASE_GROUP[$name]=$g
        eval "t_$name() { vm_case $name; }"
    done <"$f"
}
_vm_trim() { # VAR: strip the blanks around the value of VAR
    local v=${!1}
    v=${v#"${v%%[![:space:]]*}"}; v=${v%"${v##*[![:space:]]}"}
    printf -v "$1" '%s' "$v"
}
# vm_case_pending GROUP:NAME: print why the case is pending (nothing if it is not).
vm_case_pending() {
    local line key why
    [ -r "$VM_EXCEPTIONS" ] || return 0
    while IFS= read -r line; do
        case $line in "pending $1 |"*|"pending $1|"*) ;; *) continue ;; esac
        why=${line#*|}; _vm_trim why
        printf '%s\n' "$why"
        return 0
    done <"$VM_EXCEPTIONS"
}
# vm_case NAME: run the case NAME of the loaded table.
vm_case() {
    local line=${_VM_CASE[$1]-} name setup rc opts cmd why
    local -a o=()
    [ -n "$line" ] || fail "vm_case: no case '$1'"
    IFS='|' read -r name setup rc opts cmd <<<"$line"
    _vm_trim setup; _vm_trim rc; _vm_trim opts; _vm_trim cmd
    [ -z "$setup" ] || o+=(--setup "$setup")
    [ -z "$rc" ] || o+=(--rc "$rc")
    [ -z "$opts" ] || eval "o+=($opts)"
    why=$(vm_case_pending "${_VM_CASE_GROUP[$1]}:$1")
    if [ -n "$why" ] && [ "${VM_CASES_PENDING:-}" != run ]; then
        if ( assert_same_output "${o[@]}" "$cmd" ); then
            fail "pending case passes now: remove 'pending ${_VM_CASE_GROUP[$1]}:$1 | ...' from tests/matrix/exceptions"
        fi
        skip "pending: $why"
    fi
    assert_same_output "${o[@]}" "$cmd"
}
