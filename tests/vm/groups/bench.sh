# shellcheck shell=bash
# vm-default: no
# dmsetup benchmarks for `make bench` (bench/run; bench/README.md): our
# dmsetup (/lodm/bin/dmsetup), lvm2's (/usr/sbin/dmsetup) and the floor
# program (/lodm/bin/floor dm-*) side by side, interleaved, every process
# timed by /lodm/bin/timeit (in batches: no shell fork between the
# commands), system calls counted with strace.  The tests print their
# measurements as lines
#     BENCH <scenario> <tool> <metric> <value>
# (tool: ours | ref | floor | check; metric: ns, cpu (ns), rss (KiB), calls,
# dmioctl, same, fail) which bench/run reads from the kept run directory.
# A test fails only when a command fails or the two tools disagree; the
# targets are judged on the host.
#
# bench/run runs a copy of this file with the sizes prepended, in a VM whose
# clock counts instructions (qemu -icount); these are the defaults for a run
# by hand:  tests/vm/run --timeout-test 1500 --keep bench
: "${BENCH_N:=1000}"            # devices for the listing commands and --concise
: "${BENCH_REPS:=3}"            # runs per tool of each listing command
: "${BENCH_CR:=300}"            # create + remove processes per tool
: "${BENCH_CONCISE_REPS:=2}"    # runs per tool of create --concise
TOOL=dmsetup
TIMEIT=/lodm/bin/timeit
FLOOR=/lodm/bin/floor

bench_need() {
    need_lodm dmsetup
    [ -x "$TIMEIT" ] && [ -x "$FLOOR" ] || fail "$TIMEIT or $FLOOR is not in the VM (bench/run puts them there)"
    command -v strace >/dev/null 2>&1 || fail "strace is not in the VM (bench/run adds it)"
    need_target zero error linear
    # a real system has a loader cache; without one every library is
    # searched for in a dozen directories (bench/run adds ldconfig)
    [ -e /etc/ld.so.cache ] || ! command -v ldconfig >/dev/null || ldconfig
}

bin() { case $1 in ours) echo "$LODM_DMSETUP" ;; ref) echo "$REF_DMSETUP" ;; floor) echo "$FLOOR" ;; esac; }
# order I A B [C]: the tools, reversed on odd repetitions
order() { if (( $1 % 2 )); then echo "${4:+$4 }$3 $2"; else echo "$2 $3${4:+ $4}"; fi; }

# line SCEN TOOL CMD...: a line of a timeit batch (stdout discarded)
line() { local IFS=$'\t'; printf '%s\t%s\t-\t%s\n' "$1" "$2" "${*:3}"; }
# batch FILE: runs it; BENCH lines for each command's wall and CPU time,
# peak RSS and failure; returns 1 if a command failed
batch() {
    "$TIMEIT" -b "$1" >"$1.out" || { echo "timeit -b $1 failed"; return 1; }
    awk '{ print "BENCH", $1, $2, "ns", $3; print "BENCH", $1, $2, "cpu", $6
           print "BENCH", $1, $2, "rss", $5; if ($4 != 0) print "BENCH", $1, $2, "fail", 1 }' "$1.out"
    ! awk '$4 != 0 { bad = 1 } END { exit !bad }' "$1.out"
}

# count SCEN TOOL CMD...: BENCH lines for the system calls and the
# device-mapper ioctls of one run under strace
count() {
    local scen=$1 tool=$2 f; shift 2
    f=$SCRATCH/strace.$scen.$tool
    strace -f -o "$f" "$@" >/dev/null 2>&1
    awk -v s="$scen" -v t="$tool" '/^([0-9]+ +)?[a-z_0-9]+\(/ { calls++ }
        /ioctl\([0-9]+, DM_/ { dm++ }
        END { print "BENCH", s, t, "calls", calls + 0; print "BENCH", s, t, "dmioctl", dm + 0 }' "$f"
}

# same SCEN CMD...: ours and the reference print the same (stdout, stderr,
# exit status); a BENCH line says whether they did; returns 1 if not.
same() {
    local scen=$1 t; shift
    for t in ours ref; do
        "$(bin "$t")" "$@" >"$SCRATCH/out.$t" 2>&1
        echo "rc=$?" >>"$SCRATCH/out.$t"
    done
    if cmp -s "$SCRATCH/out.ours" "$SCRATCH/out.ref"; then
        echo "BENCH $scen check same 1"
        return 0
    fi
    echo "BENCH $scen check same 0"
    echo "outputs differ: dmsetup $*"
    diff "$SCRATCH/out.ref" "$SCRATCH/out.ours" | head -n 20
    return 1
}

# concise_specs N TABLE_FN: the --concise list of N devices bench0000...
concise_specs() {
    local n=$1 i sep='' s=''
    for ((i = 0; i < n; i++)); do
        s+="$sep$(printf 'bench%04d' "$i"),,,,$("$2" "$i")"
        sep=';'
    done
    printf '%s' "$s"
}
# a third linear over $BENCH_LOOP, a third zero, a third error
mixed_table() {
    case $(($1 % 3)) in
        0) echo "0 8 linear $BENCH_LOOP $(( ($1 * 8) % 65536 ))" ;;
        1) echo "0 16 zero" ;;
        2) echo "0 8 error" ;;
    esac
}
zero_table() { echo "0 $(( 8 + ($1 % 7) * 8 )) zero"; }

t_meta() {
    echo "BENCHMETA vm_kernel $(uname -r)"
    echo "BENCHMETA vm_cpus $(nproc)"
    echo "BENCHMETA vm_ref_dmsetup $("$REF_DMSETUP" version 2>&1 | tr '\n' ' ' | tr -s ' \t' ' ')"
    echo "BENCHMETA vm_sizes N=$BENCH_N, $BENCH_REPS runs per listing command, $BENCH_CR create+remove, $BENCH_CONCISE_REPS runs of create --concise"
}

# ls, info, info -c, table, status with N devices
t_dm_list() {
    bench_need
    local bad=0 i t scen args b=$SCRATCH/list.batch
    mkimg backing.img 64
    BENCH_LOOP=$("$REF_LOSETUP" -f --show backing.img) || fail "cannot attach backing.img"
    must "$REF_DMSETUP" create --concise "$(concise_specs "$BENCH_N" mixed_table)"
    [ "$("$REF_DMSETUP" ls | wc -l)" = "$BENCH_N" ] || fail "expected $BENCH_N devices"
    : >"$b"
    for args in ls info "info -c" table status; do
        scen=dm-${args// -/-}      # dm-ls, dm-info, dm-info-c, ...
        # shellcheck disable=SC2086  # args are words
        same "$scen" $args || bad=1        # (also warms the caches for both)
        for ((i = 0; i < BENCH_REPS; i++)); do
            for t in $(order "$i" ours ref floor); do
                if [ "$t" = floor ]; then
                    [ "$args" = "info -c" ] || line "$scen" floor "$FLOOR" "dm-$args" >>"$b"
                else
                    # shellcheck disable=SC2086
                    line "$scen" "$t" "$(bin "$t")" $args >>"$b"
                fi
            done
        done
        for t in ours ref; do
            # shellcheck disable=SC2086
            count "$scen" "$t" "$(bin "$t")" $args
        done
        [ "$args" = "info -c" ] || count "$scen" floor "$FLOOR" "dm-$args"
    done
    batch "$b" || bad=1
    return "$bad"
}

# BENCH_CR processes "create NAME --table ..." and as many "remove NAME", per tool
t_dm_create_remove() {
    bench_need
    local bad=0 i t name b=$SCRATCH/cr.batch left
    : >"$b"
    for ((i = 0; i < BENCH_CR; i++)); do
        name=$(printf 'cr%04d' "$i")
        for t in $(order "$i" ours ref floor); do
            if [ "$t" = floor ]; then
                line dm-create floor "$FLOOR" dm-create "$name" "0 8 zero" >>"$b"
                line dm-remove floor "$FLOOR" dm-remove "$name" >>"$b"
            else
                line dm-create "$t" "$(bin "$t")" create "$name" --table "0 8 zero" >>"$b"
                line dm-remove "$t" "$(bin "$t")" remove "$name" >>"$b"
            fi
        done
    done
    batch "$b" || bad=1
    left=$(ls /dev/mapper | grep -v '^control$')
    [ -z "$left" ] || { echo "left in /dev/mapper: $left"; bad=1; }
    [ "$("$REF_DMSETUP" ls)" = "No devices found" ] || { echo "devices left over"; bad=1; }
    for t in ours ref floor; do
        if [ "$t" = floor ]; then
            count dm-create floor "$FLOOR" dm-create crx "0 8 zero"
            count dm-remove floor "$FLOOR" dm-remove crx
        else
            count dm-create "$t" "$(bin "$t")" create crx --table "0 8 zero"
            count dm-remove "$t" "$(bin "$t")" remove crx
        fi
    done
    return "$bad"
}

# create --concise of N devices in one process
t_dm_concise() {
    bench_need
    local bad=0 i t specs b=$SCRATCH/concise.batch
    specs=$(concise_specs "$BENCH_N" zero_table)
    for ((i = 0; i < BENCH_CONCISE_REPS; i++)); do
        for t in $(order "$i" ours ref); do
            line dm-concise "$t" "$(bin "$t")" create --concise "$specs" >"$b"
            batch "$b" || bad=1
            "$REF_DMSETUP" table >"$SCRATCH/table.$t" 2>&1
            vm_cleanup
        done
        if cmp -s "$SCRATCH/table.ours" "$SCRATCH/table.ref" &&
           [ "$(wc -l <"$SCRATCH/table.ours")" = "$BENCH_N" ]; then
            echo "BENCH dm-concise check same 1"
        else
            echo "BENCH dm-concise check same 0"
            echo "tables after create --concise differ (or not $BENCH_N devices)"
            diff "$SCRATCH/table.ref" "$SCRATCH/table.ours" | head -n 20
            bad=1
        fi
    done
    for t in ours ref; do
        count dm-concise "$t" "$(bin "$t")" create --concise "$specs"
        vm_cleanup
    done
    return "$bad"
}
