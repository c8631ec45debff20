# shellcheck shell=bash disable=SC2034
# vm-timeout-test: 300
# Faults (docs/robustness.md, "Faults").
#
# 1. Our dmsetup killed with SIGKILL in the middle of create, load, resume
#    and remove: at the entry of each of its system calls that act on the
#    driver or on /dev/mapper (strace's syscall injection: the process dies
#    before that call), and after random delays.  Afterwards the device is
#    complete (live table, as asked) or absent, or, between the create and
#    the load/resume ioctls of a create (three ioctls, as lvm2 makes them),
#    a device without a live table: the kernel interface cannot make that
#    atomic.  Whatever is left, our dmsetup lists it (ls, info), removes it
#    (remove, or remove_all), and mknodes drops a stale node; then nothing
#    is left.
# 2. I/O faults under a dm device (error, flakey, delay targets) with I/O in
#    flight: suspend --noflush, resume, remove --retry and remove -f finish
#    within their bounds, ours as the reference.
#
# make check: the syscall sweep and 10 random kills per operation; make
# stress (LODM_STRESS=1): 100 random kills per operation.
# a sanitizer build: LeakSanitizer cannot work under ptrace, and a killed
# process has nothing to report
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
TOOL=dmsetup

_loops() { if [ "${LODM_STRESS:-0}" = 1 ]; then echo 100; else echo 10; fi; }
TABLE="0 64 zero"

# the system calls that touch the driver or /dev/mapper
SYSCALLS=ioctl,openat,mknodat,mknod,unlinkat,unlink,mkdirat,mkdir,rename,renameat,renameat2,symlink,symlinkat,chmod,fchmodat,chown,fchownat

# _points CMD...: "NAME N" for each of those calls the command makes from
# its first open of /dev/mapper/control on, in order (the Nth call of NAME)
_points() {
	strace -f -qq -o trace -e trace="$SYSCALLS" "$@" >/dev/null 2>&1 || return 1
	awk 'match($0, /^[0-9]+ +[a-z0-9_]+\(/) {
		name = $2; sub(/\(.*/, "", name); k = name " " ++n[name]
		if (!seen && index($0, "/dev/mapper/control") == 0) next
		seen = 1; print k
	}' trace
}
# _kill_at NAME N CMD...: CMD killed on entering the Nth call of NAME; 0 if it was
_kill_at() {
	local name=$1 nth=$2; shift 2
	( strace -f -qq -o /dev/null -e trace="$name" -e inject="$name":signal=KILL:when="$nth" "$@" >/dev/null 2>&1; exit $? ) 2>/dev/null
	[ $? = 137 ]
}
# _kill_after US CMD...: CMD killed after US microseconds, unless done by then
_kill_after() {
	local us=$1 pid t; shift
	printf -v t '%d.%06d' $((us / 1000000)) $((us % 1000000))
	"$@" >/dev/null 2>&1 & pid=$!
	read -r -t "$t" -u 9
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
}

# _state NAME: absent | live (the live table as asked) | notable (no live
# table) | badtable (a live table, not the one asked for); prints it
_state() {
	local attr
	attr=$("$REF_DMSETUP" info -c --noheadings -o attr "$1" 2>/dev/null) || { echo absent; return; }
	case $attr in
	L*)
		if [ "$("$REF_DMSETUP" table "$1" | sed 's/ *$//')" = "$TABLE" ]; then echo live; else echo badtable; fi ;;
	*) echo notable ;;
	esac
}

# _clean NAME HOW: our dmsetup lists the device (if any), shows it, removes it
# (HOW: remove | remove_all), drops stale nodes; then nothing is left
_clean() {
	local n=$1 how=$2 st
	st=$(_state "$n")
	if [ "$st" != absent ]; then
		"$LODM_DMSETUP" ls | grep -q "^$n	" || { echo "our ls does not list $n ($st)"; return 1; }
		"$LODM_DMSETUP" info "$n" >/dev/null || { echo "our info fails on $n ($st)"; return 1; }
		if [ "$how" = remove ]; then
			"$LODM_DMSETUP" remove "$n" || { echo "our remove fails on $n ($st)"; return 1; }
		else
			"$LODM_DMSETUP" remove_all || { echo "our remove_all fails ($st)"; return 1; }
		fi
	fi
	"$LODM_DMSETUP" mknodes || { echo "our mknodes fails"; return 1; }
	[ "$("$REF_DMSETUP" ls)" = "No devices found" ] || { echo "left: $("$REF_DMSETUP" ls)"; return 1; }
	[ -z "$(ls -A /dev/mapper | grep -vx control)" ] || { echo "nodes left: $(ls -A /dev/mapper)"; return 1; }
}

# setups: the state each operation starts from
_setup_create() { :; }
_setup_load() { "$REF_DMSETUP" create k --notable; }
_setup_resume() { "$REF_DMSETUP" create k --notable && "$REF_DMSETUP" load k --table "$TABLE"; }
_setup_remove() { "$REF_DMSETUP" create k --table "$TABLE"; }

# _fault OP ALLOWED-STATES CMD...: the sweep and the random kills of one
# operation; every outcome must be one of ALLOWED-STATES
_fault() {
	need_lodm dmsetup
	need_cmd strace
	local op=$1 allowed=$2 points name nth st k=0 us span t0 i how
	local -A seen=()
	shift 2
	exec 9<> <(:)
	"_setup_$op" || fail "setup of $op"
	points=$(_points "$@") || fail "untraced $op failed"
	_clean k remove || fail "after the traced run"
	while read -r name nth; do
		k=$((k + 1))
		"_setup_$op" || fail "setup of $op"
		_kill_at "$name" "$nth" "$@" || fail "$op was not killed at $name #$nth"
		st=$(_state k)
		case " $allowed " in *" $st "*) ;; *)
			"$REF_DMSETUP" info k; "$REF_DMSETUP" table k; sed -n "/$name(/p" trace | sed -n "${nth}p"
			fail "$op killed at $name #$nth: the device is $st" ;;
		esac
		seen[$st]=$((${seen[$st]:-0} + 1))
		how=remove; [ $((k % 2)) = 0 ] && how=remove_all
		_clean k $how || fail "$op killed at $name #$nth ($st): cleaning with our tools"
	done <<<"$points"
	log "figures: $op killed at each of $k system calls: $(for st in "${!seen[@]}"; do printf '%s %s, ' "$st" "${seen[$st]}"; done)all cleaned"
	# random kills: delays spread over the command's own run time
	"_setup_$op" || fail "setup of $op"
	t0=${EPOCHREALTIME/./}; "$@" >/dev/null 2>&1; span=$(( ${EPOCHREALTIME/./} - t0 ))
	_clean k remove || fail "after the timed run"
	seen=()
	for i in $(seq "$(_loops)"); do
		"_setup_$op" || fail "setup of $op"
		us=$(( (RANDOM * 32768 + RANDOM) % (span + 1) ))
		_kill_after "$us" "$@"
		st=$(_state k)
		case " $allowed " in *" $st "*) ;; *)
			"$REF_DMSETUP" info k; "$REF_DMSETUP" table k
			fail "$op killed after $us us: the device is $st" ;;
		esac
		seen[$st]=$((${seen[$st]:-0} + 1))
		how=remove; [ $((i % 2)) = 0 ] && how=remove_all
		_clean k $how || fail "$op killed after $us us ($st): cleaning with our tools"
	done
	log "figures: $op killed after a random 0..$span us, $(_loops) times: $(for st in "${!seen[@]}"; do printf '%s %s, ' "$st" "${seen[$st]}"; done)all cleaned"
}

t_kill_create() { _fault create "absent notable live" "$LODM_DMSETUP" create k --table "$TABLE"; }
t_kill_load()   { _fault load "notable" "$LODM_DMSETUP" load k --table "$TABLE"; }
t_kill_resume() { _fault resume "notable live" "$LODM_DMSETUP" resume k; }
t_kill_remove() { _fault remove "live absent" "$LODM_DMSETUP" remove k; }

# ---------------------------------------------------------------- I/O faults
# _timed BOUND-S CMD...: runs CMD, FAIL unless it ends within BOUND-S
# seconds; its exit status in $TIMED_RC, its time in $TIMED_MS
_timed() {
	local bound=$1 t0 pid; shift
	t0=${EPOCHREALTIME/./}
	timeout -s KILL "$((bound + 5))" "$@" >timed.out 2>&1
	TIMED_RC=$?
	TIMED_MS=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
	[ "$TIMED_MS" -le $((bound * 1000)) ] || { cat timed.out; fail "$* took ${TIMED_MS} ms (bound ${bound} s)"; }
}

# _io_writer DEV: direct writes to DEV in a loop until stopped (in flight
# all the time), in its own session: $WRITER is its process group
_io_writer() {
	setsid bash -c 'while [ -b "$1" ]; do dd if=/dev/zero of="$1" bs=4k count=64 oflag=direct 2>/dev/null; done' \
		writer "$1" </dev/null >/dev/null 2>&1 &
	WRITER=$!
	disown $WRITER
}
# _io_stop NAME: the writer killed, and NAME closed or gone (a dd waiting
# for a delayed write dies when the write ends): bounded wait
_io_stop() {
	kill -9 -- "-$WRITER" 2>/dev/null
	wait_for 10 sh -c "o=\$($REF_DMSETUP info -c --noheadings -o open $1 2>/dev/null) || exit 0; [ \"\$o\" = 0 ]" ||
		fail "$1 still open 10 s after its writer was killed"
}

# _io_case TARGET-TABLE: a device over TARGET with writes in flight;
# suspend --noflush, resume, remove --retry (the writer still has it open:
# fails, as the reference's does, after its bounded retries), then the
# writer is stopped and remove -f removes it; each within its bound
_io_case() {
	local what=$1 table=$2 tool rcs=() figures=""
	for tool in "$REF_DMSETUP" "$LODM_DMSETUP"; do
		"$REF_DMSETUP" create f --table "$table" || fail "create $what"
		_io_writer /dev/mapper/f
		sleep 0.3
		_timed 10 "$tool" suspend --noflush f; rcs+=("suspend=$TIMED_RC"); figures+=" suspend --noflush ${TIMED_MS} ms,"
		_timed 10 "$tool" resume f; rcs+=("resume=$TIMED_RC"); figures+=" resume ${TIMED_MS} ms,"
		_timed 15 "$tool" remove --retry f; rcs+=("remove--retry=$TIMED_RC"); figures+=" remove --retry (writer running) ${TIMED_MS} ms,"
		_io_stop f
		_timed 10 "$tool" remove -f f; rcs+=("remove-f=$TIMED_RC"); figures+=" remove -f ${TIMED_MS} ms"
		[ "$("$REF_DMSETUP" ls)" = "No devices found" ] || fail "$what: left behind by $tool: $("$REF_DMSETUP" ls)"
		log "figures: $what, $(basename "$(dirname "$tool")"):$figures"
		figures=""
		rcs+=("|")
	done
	# the same exit statuses on both sides
	local all=" ${rcs[*]} "
	assert_eq "${all%%|*}" "$(echo "${all#*|}" | sed 's/ |//')" "exit statuses (reference | ours)"
}

_loop_dev() { mkimg "$SCRATCH/back.img" 64; L0=$("$REF_LOSETUP" -f --show "$SCRATCH/back.img") || fail "losetup"; }
t_io_error_target() { _io_case error "0 65536 error"; }
t_io_flakey_target() {
	need_target flakey
	_loop_dev
	_io_case flakey "0 65536 flakey $L0 0 1 1"
}
t_io_delay_target() {
	need_target delay
	_loop_dev
	_io_case delay "0 65536 delay $L0 0 500"
}
