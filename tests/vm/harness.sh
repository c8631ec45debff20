#!/bin/bash
# Guest side of tests/vm/run: runs the tests of one group and stores the
# results on the results disk (a virtio disk whose serial is "lodm-results").
#
# Results format: the disk holds a ustar archive (rewritten and fsync'ed after
# every state change) of /results, which contains
#   boot          key=value lines about the boot (kernel, failed modules)
#   T.start       written when test T starts
#   T.out         T's stdout+stderr (the last 1 MiB at most), then cleanup notes
#   T.result      key=value lines: status=PASS|FAIL|SKIP rc=N ms=N note=...
#   done          written after the last test
# The host untars the image after qemu exits; a test with .start but no
# .result was running when the VM died or was killed.
set -u
# shellcheck source=/dev/null
. /etc/lodm/run.conf
# shellcheck source=lib.sh
. /lodm/tests/vm/lib.sh
: "${LODM_GROUP:?}" "${LODM_TESTS?}"

GROUP=$LODM_GROUP
GROUP_FILE=/lodm/tests/vm/groups/$GROUP.sh
TT=${LODM_TIMEOUT_TEST:-60}
R=/results
mkdir -p "$R"
mount -t tmpfs -o size=256m tmpfs "$R"

console() { echo "lodm-vm: $*" >/dev/console; }

RESDEV=
for d in /sys/block/vd*; do
    if [ "$(cat "$d/serial" 2>/dev/null)" = lodm-results ]; then RESDEV=/dev/${d##*/}; fi
done
if [ -z "$RESDEV" ]; then
    console "FATAL: results disk (virtio, serial lodm-results) not found"
    cat /tmp/modules.err >/dev/console 2>/dev/null
    exit 1
fi

flush() {
    if ! { tar -cf /tmp/results.tar -C "$R" . 2>/dev/null &&
           dd if=/tmp/results.tar of="$RESDEV" bs=64k conv=fsync 2>/dev/null; }; then
        console "ERROR: writing results to $RESDEV failed"
    fi
}

{
    echo "kernel=$(uname -r)"
    echo "modules_failed=$(tr '\n' ' ' </tmp/modules.failed 2>/dev/null)"
    echo "bash=$BASH_VERSION"
} >"$R/boot"
flush

now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }

# cap_output FILE: keep the last 1 MiB of a huge output
cap_output() {
    local f=$1 sz
    sz=$(stat -c %s "$f" 2>/dev/null || echo 0)
    if [ "$sz" -gt 1048576 ]; then
        { echo "[... $((sz - 1048576)) bytes of output dropped ...]"; tail -c 1048576 "$f"; } >"$f.cap"
        mv "$f.cap" "$f"
    fi
}

# A group marked "# vm-udev: yes" runs under systemd-udevd (lib.sh).
UDEV_GROUP=0
if grep -q '^# vm-udev: yes' "$GROUP_FILE" 2>/dev/null; then
    UDEV_GROUP=1
    ( vm_udev_group_setup ) >/tmp/udev-setup.out 2>&1 || console "udev setup failed: $(cat /tmp/udev-setup.out)"
    REF_DMSETUP=/lodm/ref/dmsetup
    export REF_DMSETUP
    unset DM_DISABLE_UDEV
fi

run_one() {
    local t=$1 scratch=/scratch/$1 out=/tmp/$1.out pid spid done_pid rc status note t0 ms
    : >"$R/$t.start"
    flush
    console "=== start $GROUP:$t"
    mkdir -p "$scratch"
    mount -t tmpfs tmpfs "$scratch"
    [ "$UDEV_GROUP" = 0 ] || ( vm_udev_restore ) >/tmp/udev-restore.out 2>&1 ||
        console "udev restore failed: $(cat /tmp/udev-restore.out)"
    local klines
    klines=$(dmesg 2>/dev/null | wc -l)
    t0=$(now_ms)
    # The test runs in a fresh bash, in its own session / process group
    # (setsid execs in place, so $! is the group id), with set -u.
    (
        cd "$scratch" || exit 1
        export LODM_TEST=$t SCRATCH=$scratch
        # shellcheck disable=SC2016
        exec setsid bash -c 'set -u
            . /lodm/tests/vm/lib.sh
            . "$1" || { echo "sourcing $1 failed"; exit 1; }
            declare -F "$2" >/dev/null || { echo "test function $2 not defined"; exit 1; }
            cd "$SCRATCH" || exit 1
            "$2"' lodm-test "$GROUP_FILE" "$t"
    ) </dev/null >"$out" 2>&1 &
    pid=$!
    # While it runs, flush its output so far every second (seen by the host
    # if the VM dies or is killed).  The flusher never writes concurrently
    # with the harness: on TERM, bash runs the trap only after a running dd
    # has finished, while `wait` (for the sleep) is interrupted at once, and
    # the harness waits for the flusher to exit.
    (
        trap 'kill "$sp" 2>/dev/null; exit 0' TERM
        while :; do
            sleep 1 & sp=$!
            wait "$sp"
            cp "$out" "$R/$t.out" 2>/dev/null
            flush
        done
    ) &
    local fpid=$!
    sleep "$TT" &
    spid=$!
    wait -n -p done_pid "$pid" "$spid"
    rc=$?
    note=
    if [ "${done_pid:-}" = "$spid" ]; then
        # timeout: kill the test's whole process group
        kill -KILL -- "-$pid" 2>/dev/null
        kill -KILL "$pid" 2>/dev/null
        sleep 10 & spid=$!
        wait -n -p done_pid "$pid" "$spid"
        [ "${done_pid:-}" = "$pid" ] || echo "[harness: test process $pid did not die after SIGKILL (stuck in the kernel?)]" >>"$out"
        kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null
        rc=124
        note="timeout after ${TT}s"
        echo "[harness: timeout after ${TT}s, process group killed]" >>"$out"
    else
        kill "$spid" 2>/dev/null
        wait "$spid" 2>/dev/null
        # leftover background processes of the test
        kill -KILL -- "-$pid" 2>/dev/null
    fi
    ms=$(( $(now_ms) - t0 ))
    kill -TERM "$fpid" 2>/dev/null; wait "$fpid" 2>/dev/null
    case $rc in
        0) status=PASS ;;
        77) status=SKIP; note=$(sed -n 's/^SKIP: //p' "$out" | tail -n 1) ;;
        *) status=FAIL; [ -n "$note" ] || note="exit status $rc" ;;
    esac
    # kernel messages of level warning or worse logged during the test; a
    # kernel warning/BUG/oops fails the test (an oops also panics the VM)
    local kmsg
    kmsg=$(dmesg -r 2>/dev/null | tail -n +$((klines + 1)) | grep '^<[0-4]>')
    if [ -n "$kmsg" ]; then
        printf '[kernel messages (level <= warning) during the test]\n%s\n' "$kmsg" >>"$out"
        if printf '%s\n' "$kmsg" | grep -Eq 'WARNING:|BUG:|Oops|Call Trace:|general protection'; then
            [ "$status" = FAIL ] || { status=FAIL; note="kernel warning/BUG during the test"; }
        fi
    fi
    # cleanup, so the next test starts from a clean slate
    cd /
    if [ "$UDEV_GROUP" = 1 ]; then
        ( vm_udev_restore; vm_udev_settle ) >/dev/null 2>&1
    fi
    local left
    left=$(vm_cleanup --report 2>&1)
    [ -z "$left" ] || printf '[harness cleanup after the test]\n%s\n' "$left" >>"$out"
    umount -l "$scratch" 2>/dev/null
    rmdir "$scratch" 2>/dev/null
    cap_output "$out"
    cp "$out" "$R/$t.out"
    rm -f "$out"
    printf 'status=%s\nrc=%s\nms=%s\nnote=%s\n' "$status" "$rc" "$ms" "$note" >"$R/$t.result"
    flush
    console "=== end $GROUP:$t $status ($ms ms) $note"
}

[ -f "$GROUP_FILE" ] || { console "no group file $GROUP_FILE"; }
# shellcheck disable=SC2153
for t in $LODM_TESTS; do
    run_one "$t"
done
: >"$R/done"
flush
console "=== done $GROUP"
