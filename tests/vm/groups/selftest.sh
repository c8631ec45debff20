# shellcheck shell=bash
# Tests of the VM runner itself (tests/vm/run selftest): the VM boots, the
# modules are there, the reference tools work, partition scanning works,
# tests are isolated and the helpers of lib.sh behave.

t_pass() {
    log "hello from $(uname -r)"
    assert_eq 1 1
}

t_environment() {
    assert_eq /lodm/bin/losetup "$LODM_LOSETUP" LODM_LOSETUP
    assert_eq /lodm/bin/dmsetup "$LODM_DMSETUP" LODM_DMSETUP
    assert_eq /usr/sbin/losetup "$REF_LOSETUP" REF_LOSETUP
    assert_eq /usr/sbin/dmsetup "$REF_DMSETUP" REF_DMSETUP
    assert_eq "$SCRATCH" "$PWD" "cwd is the scratch dir"
    assert_match "^tmpfs $SCRATCH tmpfs " "$(grep " $SCRATCH " /proc/mounts)" "scratch is a tmpfs"
    assert_eq "" "$(ls -A)" "scratch dir starts empty"
    assert_eq selftest "$LODM_GROUP"
    assert_eq t_environment "$LODM_TEST"
    # set -u is on
    case $- in *u*) ;; *) fail "set -u is not in effect ($-)" ;; esac
    # own process group
    assert_eq "$$" "$(cut -d" " -f5 /proc/$$/stat)" "test is its own process group"
    assert_exists /usr/sbin/losetup /usr/sbin/dmsetup
    assert_ok "$REF_LOSETUP" --version
    assert_ok "$REF_DMSETUP" --version
}

t_loop_module() {
    assert_exists /sys/module/loop /dev/loop-control
    local f
    f=$(assert_ok "$REF_LOSETUP" -f) || exit 1
    assert_match '^/dev/loop[0-9]+$' "$f" "losetup -f"
}

t_dm_module() {
    if ! grep -q device-mapper /proc/misc && [ ! -d /sys/module/dm_mod ]; then
        fail "dm-mod is not loaded (/proc/misc: $(tr '\n' ' ' </proc/misc))"
    fi
    assert_exists /sys/module/dm_mod
    [ -c /dev/mapper/control ] || fail "/dev/mapper/control is not a character device"
    local v
    v=$("$REF_DMSETUP" version 2>&1) || fail "dmsetup version failed: $v"
    log "$v"
    assert_match '^Driver version: +4\.[0-9]+\.[0-9]+' "$(printf '%s\n' "$v" | grep '^Driver version')" "dmsetup version"
    # the dm targets the other groups rely on are registered
    local targets
    targets=$("$REF_DMSETUP" targets)
    log "$targets"
    for t in zero linear striped error snapshot thin-pool thin crypt flakey delay mirror; do
        assert_match "^$t " "$(printf '%s\n' "$targets" | grep "^$t ")" "dm target $t"
    done
}

t_dm_create_remove() {
    assert_ok "$REF_DMSETUP" create z --table "0 2048 zero"
    assert_exists /dev/mapper/z
    assert_match '^0 2048 zero ?$' "$("$REF_DMSETUP" table z)" "dmsetup table z"
    assert_eq 1048576 "$(blockdev --getsize64 /dev/mapper/z)" "size of /dev/mapper/z"
    assert_ok "$REF_DMSETUP" remove z
    assert_not_exists /dev/mapper/z
    assert_match 'No devices found' "$("$REF_DMSETUP" ls 2>&1)" "dmsetup ls after remove"
}

t_dm_crypt() {
    # dm-crypt with aes-xts-plain64 needs crypto modules (xts, ...) in the VM
    mkimg disk 8
    local dev key
    dev=$("$REF_LOSETUP" -f --show disk) || fail "losetup failed"
    key=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    assert_ok "$REF_DMSETUP" create c --table "0 16384 crypt aes-xts-plain64 $key 0 $dev 0"
    assert_ok dd if=/dev/zero of=/dev/mapper/c bs=4096 count=4 conv=fsync
    assert_ok "$REF_DMSETUP" remove c
    assert_ok "$REF_LOSETUP" -d "$dev"
    # the plaintext zeros are not stored as zeros
    [ "$(od -An -tx1 -N16 disk | tr -d ' \n')" != "00000000000000000000000000000000" ] || fail "data was not encrypted"
}

t_partition_scan() {
    mkimg_mbr disk.img 16 4 0
    local dev n
    dev=$("$REF_LOSETUP" -f --show -P disk.img) || fail "losetup -P failed"
    n=${dev#/dev/}
    wait_for 5 test -b "${dev}p2" || true
    assert_exists "/sys/block/$n/${n}p1" "/sys/block/$n/${n}p2" "${dev}p1" "${dev}p2"
    assert_eq 4194304 "$(blockdev --getsize64 "${dev}p1")" "size of p1"
    assert_eq $((11 * 1048576)) "$(blockdev --getsize64 "${dev}p2")" "size of p2"
    assert_eq 2048 "$(cat "/sys/block/$n/${n}p1/start")" "start of p1"
    assert_ok "$REF_LOSETUP" -d "$dev"
    wait_for 5 test ! -e "${dev}p1" || true
    assert_not_exists "/sys/block/$n/${n}p1" "/sys/block/$n/${n}p2" "${dev}p1" "${dev}p2"
}

t_leaves_devices() {
    # deliberately leave a loop device and a dm device behind: the harness
    # must clean them up before the next test (checked by t_clean_slate)
    mkimg img 4
    "$REF_LOSETUP" -f img || fail "losetup failed"
    "$REF_DMSETUP" create leftover --table "0 8 zero" || fail "dmsetup create failed"
}

t_leaves_tableless_device() {
    # a dm device that never had a table has no /sys/block entry: the
    # cleanup must still find and remove it (checked by t_clean_slate)
    "$REF_DMSETUP" create leftover-notable --notable || fail "dmsetup create --notable failed"
    assert_not_exists /sys/block/dm-0
}

t_clean_slate() {
    assert_eq "" "$("$REF_LOSETUP" -a)" "no loop device bound"
    assert_match 'No devices found' "$("$REF_DMSETUP" ls 2>&1)" "no dm device"
    assert_not_exists img
}

t_skip_helper() {
    # need_target on something that does not exist must skip (exit 77)
    ( need_target no-such-target ) >out 2>&1
    assert_eq 77 $? "need_target exit status"
    assert_match '^SKIP: ' "$(cat out)"
    ( fail "boom" ) >out 2>&1
    assert_eq 1 $? "fail exit status"
    ( assert_eq a b ) >/dev/null 2>&1 && fail "assert_eq a b passed"
    ( assert_status 3 sh -c 'exit 3' ) || fail "assert_status 3"
    ( assert_fail false ) || fail "assert_fail false"
    ( assert_fail true ) >/dev/null && fail "assert_fail true passed"
    true
}

# assert_same_output, exercised with the reference on both sides (our binaries
# may not be built yet): the "lodm" side runs a copy of the reference tools.
_fake_lodm() {
    mkdir -p /tmp/fakelodm
    cp "$REF_LOSETUP" /tmp/fakelodm/losetup
    cp "$REF_DMSETUP" /tmp/fakelodm/dmsetup
    LODM_LOSETUP=/tmp/fakelodm/losetup LODM_DMSETUP=/tmp/fakelodm/dmsetup
}
_setup_img() { mkimg img 8 && "$REF_LOSETUP" -f img; }
t_same_output_helper() {
    _fake_lodm
    # shellcheck disable=SC2034  # read by assert_same_output
    TOOL=losetup
    assert_same_output --setup _setup_img --rc 0 '%TOOL% --list --noheadings -O NAME,SIZELIMIT,OFFSET,AUTOCLEAR,RO,BACK-FILE'
    assert_same_output --rc 0 --after '%DMSETUP% table z' '%DMSETUP% create z --table "0 16 zero"'
    assert_same_output --setup _setup_img '%TOOL% -a'
    grep -q '/same/img' "$SAME_STDOUT" || fail "reference output lacks the image path: $(cat "$SAME_STDOUT")"
    # a real difference must be detected
    ( assert_same_output 'case %TOOL% in /tmp/*) echo ours;; *) echo ref;; esac' ) >out 2>&1 &&
        fail "a difference was not detected: $(cat out)"
    assert_match 'stdout differs' "$(cat out)"
    ( assert_same_output --rc 0 'false' ) >out 2>&1 && fail "--rc 0 with both failing was not detected"
    true
}

t_background_child() {
    # a background process left by a test is killed with its process group
    sleep 1000 &
    echo $! >/tmp/selftest.bgpid
}

t_background_child_gone() {
    local pid
    pid=$(cat /tmp/selftest.bgpid) || fail "no pid from t_background_child"
    ! kill -0 "$pid" 2>/dev/null || fail "background process $pid of the previous test still runs"
}
