# shellcheck shell=bash
# vm-default: no
# What `./dev setup` shows of dmsetup: lodm's dmsetup doing its main job in
# the VM's kernel (this machine's has no device-mapper).  A linear device
# over a loop device and a zero device are created, listed as a tree, their
# tables and JSON report printed, one suspended and resumed, both removed.
# Every command must succeed; ./dev setup prints this test's output.

# show CMD...: print the command as a user would type it (an argument with
# a blank in single quotes), then run it
show() {
    local a line=
    for a; do
        case $a in *' '*) line+=" '$a'" ;; *) line+=" $a" ;; esac
    done
    printf '\n$%s\n' "$line"
    "$@" || fail "$line exited with status $?"
}

t_dmsetup_at_work() {
    need_lodm losetup
    need_lodm dmsetup
    PATH=/lodm/bin:$PATH    # plain "dmsetup" and "losetup" are lodm's
    local loop
    echo "In a qemu VM, kernel $(uname -r): $(dmsetup version | sed -n 's/^Driver version: *//p' | sed 's/^/device-mapper /')"
    mkimg disk.img 8
    loop=$(losetup -f --show disk.img) || fail "losetup -f --show disk.img"
    printf '\n$ losetup -f --show disk.img\n%s\n' "$loop"
    show dmsetup create demo-linear --table "0 16384 linear $loop 0"
    show dmsetup create demo-zero --table "0 2048 zero"
    show dmsetup ls --tree
    show dmsetup table
    show dmsetup info -c -J
    show dmsetup suspend demo-linear
    show dmsetup info -c -o name,suspended demo-linear
    assert_match 'Suspended' "$(dmsetup info -c --noheadings -o suspended demo-linear)" "state after suspend"
    show dmsetup resume demo-linear
    show dmsetup info -c -o name,suspended demo-linear
    assert_match 'Active' "$(dmsetup info -c --noheadings -o suspended demo-linear)" "state after resume"
    show dmsetup remove demo-linear demo-zero
    show losetup -d "$loop"
    show dmsetup ls
    assert_eq "No devices found" "$(dmsetup ls)" "dmsetup ls after remove"
}
