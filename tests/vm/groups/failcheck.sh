# shellcheck shell=bash
# vm-default: no
# Deliberately failing tests, to prove the runner detects failures.  Not run
# by default (see the line above); tests/vm/selfcheck-failures runs it and
# checks that the runner reports these as failures.

t_fails() {
    echo "failcheck: deliberate failure marker (stdout)"
    echo "failcheck: deliberate failure marker (stderr)" >&2
    fail "deliberate failure"
}

t_hangs() {
    echo "failcheck: about to hang marker"
    sleep 100000 &          # a child in the same process group, killed too
    sleep 100000
    echo "failcheck: not reached"
}

t_after_hang() {
    # runs after t_hangs was killed: the VM goes on, and the state is clean
    assert_eq "" "$("$REF_LOSETUP" -a)" "no loop device bound"
    local left
    # shellcheck disable=SC2009  # no pgrep in busybox here
    left=$(ps -o pid,args | grep '[s]leep 100000')
    [ -z "$left" ] || fail "the hung test's processes survive: $left"
    echo "failcheck: after hang ok"
}

t_panic() {
    # crashes the kernel (run on its own: nothing after it runs)
    echo "failcheck: crashing the kernel"
    sleep 2                 # output is flushed to the results disk every second
    echo c >/proc/sysrq-trigger
    sleep 30
}
