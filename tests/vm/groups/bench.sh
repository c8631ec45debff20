# shellcheck shell=bash
# vm-default: no
# dmsetup benchmarks for `make bench` (bench/run; bench/README.md): our
# dmsetup (/lodm/bin/dmsetup) and lvm2's (/usr/sbin/dmsetup) side by side,
# interleaved (ABBA), each process timed by /lodm/bin/timeit, system calls
# counted with strace -c -f.  The tests print their measurements as lines
#     BENCH <scenario> <tool> <metric> <value>
# (tool: ours | ref | check; metric: ns, rss (KiB), calls, ioctl, same, fail)
# which bench/run reads from the kept run directory.  A test fails only when
# the two tools disagree or a command fails; targets are judged on the host.
#
# bench/run runs a copy of this file with the sizes prepended; these are the
# defaults for a run by hand:  tests/vm/run --timeout-test 900 --keep bench
: "${BENCH_N:=1000}"            # devices for the listing commands and --concise
: "${BENCH_REPS:=5}"            # repetitions per tool of each listing command
: "${BENCH_CR:=300}"            # create + remove processes per tool
: "${BENCH_CONCISE_REPS:=3}"    # repetitions per tool of create --concise
TOOL=dmsetup
TIMEIT=/lodm/bin/timeit

bench_need() {
    need_lodm dmsetup
    [ -x "$TIMEIT" ] || fail "$TIMEIT is not in the VM (bench/run puts it there)"
    command -v strace >/dev/null 2>&1 || fail "strace is not in the VM (bench/run adds it)"
    need_target zero error linear
}

# bin ours|ref
bin() { if [ "$1" = ours ]; then echo "$LODM_DMSETUP"; else echo "$REF_DMSETUP"; fi; }
# order I: "ours ref" on even repetitions, "ref ours" on odd ones (ABBA)
order() { if (( $1 % 2 )); then echo "ref ours"; else echo "ours ref"; fi; }

# timed SCEN TOOL CMD...: one timed run, stdout discarded; BENCH lines for
# its wall time and peak RSS; returns its exit status.
timed() {
    local scen=$1 tool=$2 ns rc rss; shift 2
    read -r ns rc rss < <("$TIMEIT" - "$@") || { echo "BENCH $scen $tool fail 1"; return 1; }
    echo "BENCH $scen $tool ns $ns"
    echo "BENCH $scen $tool rss $rss"
    [ "$rc" = 0 ] || echo "BENCH $scen $tool fail 1"
    return "$rc"
}

# count SCEN TOOL CMD...: BENCH lines for all system calls and ioctls of one
# run under strace -c -f.
count() {
    local scen=$1 tool=$2 f; shift 2
    f=$SCRATCH/strace.$scen.$tool
    strace -f -c -o "$f" "$@" >/dev/null 2>&1
    awk -v s="$scen" -v t="$tool" '$NF == "total" { print "BENCH", s, t, "calls", $4 }
        $NF == "ioctl" { print "BENCH", s, t, "ioctl", $4 }' "$f"
    grep -q ' ioctl$' "$f" || echo "BENCH $scen $tool ioctl 0"
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
    echo "BENCHMETA vm_ours_dmsetup $("$LODM_DMSETUP" version 2>&1 | tr '\n' ' ' | tr -s ' \t' ' ')"
    echo "BENCHMETA vm_sizes N=$BENCH_N reps=$BENCH_REPS create_remove=$BENCH_CR concise_reps=$BENCH_CONCISE_REPS"
}

# ls, info, info -c, table, status with N devices
t_dm_list() {
    bench_need
    local bad=0 i t scen args
    mkimg backing.img 64
    BENCH_LOOP=$("$REF_LOSETUP" -f --show backing.img) || fail "cannot attach backing.img"
    must "$REF_DMSETUP" create --concise "$(concise_specs "$BENCH_N" mixed_table)"
    [ "$("$REF_DMSETUP" ls | wc -l)" = "$BENCH_N" ] || fail "expected $BENCH_N devices"
    for args in ls info "info -c" table status; do
        scen=dm-${args// /-}
        # shellcheck disable=SC2086  # args are words
        same "$scen" $args || bad=1
        for ((i = 0; i < BENCH_REPS; i++)); do
            for t in $(order "$i"); do
                # shellcheck disable=SC2086
                timed "$scen" "$t" "$(bin "$t")" $args || bad=1
            done
        done
        for t in ours ref; do
            # shellcheck disable=SC2086
            count "$scen" "$t" "$(bin "$t")" $args
        done
    done
    return "$bad"
}

# BENCH_CR processes "create NAME --table ..." and as many "remove NAME", per tool
t_dm_create_remove() {
    bench_need
    local bad=0 i t name
    for ((i = 0; i < BENCH_CR; i++)); do
        name=$(printf 'cr%04d' "$i")
        for t in $(order "$i"); do
            timed dm-create "$t" "$(bin "$t")" create "$name" --table "0 8 zero" || bad=1
            [ -e "/dev/mapper/$name" ] || { echo "no /dev/mapper/$name after $t create"; bad=1; }
            timed dm-remove "$t" "$(bin "$t")" remove "$name" || bad=1
            [ ! -e "/dev/mapper/$name" ] || { echo "/dev/mapper/$name left after $t remove"; bad=1; }
        done
    done
    for t in ours ref; do
        count dm-create "$t" "$(bin "$t")" create crx --table "0 8 zero"
        count dm-remove "$t" "$(bin "$t")" remove crx
    done
    [ "$("$REF_DMSETUP" ls)" = "No devices found" ] || { echo "devices left over"; bad=1; }
    return "$bad"
}

# create --concise of N devices in one process
t_dm_concise() {
    bench_need
    local bad=0 i t specs
    specs=$(concise_specs "$BENCH_N" zero_table)
    for ((i = 0; i < BENCH_CONCISE_REPS; i++)); do
        for t in $(order "$i"); do
            timed dm-concise "$t" "$(bin "$t")" create --concise "$specs" || bad=1
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
