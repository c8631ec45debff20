# shellcheck shell=bash disable=SC2034
# vm-smp: 2
# vm-timeout-test: 300
# Races of dmsetup (docs/robustness.md, "Races"): parallel create/remove of
# distinct names, and contention on one name.  Two guest CPUs, so that the
# callers really run at the same time.  make check: 1,000 operations by 4
# workers, 10 contention rounds; make stress (LODM_STRESS=1): 4,000 by 8,
# 50 rounds.  Each test prints its figures (operations, failures, leaks).
TOOL=dmsetup

# nothing of the test left: no dm device (the reference lists them), no node
# in /dev/mapper but control.  Prints what is left; 1 if anything is.
_leftovers() {
	local ls nodes
	ls=$("$REF_DMSETUP" ls 2>&1)
	nodes=$(ls -A /dev/mapper | grep -vx control)
	[ "$ls" = "No devices found" ] && [ -z "$nodes" ] && return 0
	[ "$ls" = "No devices found" ] || printf 'devices: %s\n' "$ls"
	[ -z "$nodes" ] || printf 'nodes: %s\n' "$nodes"
	return 1
}

# worker W PAIRS: creates s<W>-<i> and removes s<W>-<i-1>, PAIRS times,
# then removes the last; a failure is a line in fail.W
_worker() {
	local w=$1 pairs=$2 i prev=
	for i in $(seq "$pairs"); do
		"$LODM_DMSETUP" create "s$w-$i" -u "STRESS-$w-$i" --table "0 $((8 * (i % 4 + 1))) zero" \
			>/dev/null 2>>"err.$w" || echo "create s$w-$i" >>"fail.$w"
		[ -z "$prev" ] || "$LODM_DMSETUP" remove "$prev" 2>>"err.$w" || echo "remove $prev" >>"fail.$w"
		prev=s$w-$i
	done
	"$LODM_DMSETUP" remove "$prev" 2>>"err.$w" || echo "remove $prev" >>"fail.$w"
}

# lister: "ls" in a loop while the workers run; a failure is a line in fail.ls
_lister() {
	local n=0
	while [ ! -e workers.done ]; do
		"$LODM_DMSETUP" ls >/dev/null 2>>err.ls || echo "ls" >>fail.ls
		n=$((n + 1))
	done
	echo $n >ls.count
}

t_create_remove_distinct() {
	need_lodm dmsetup
	local P OPS pairs w pids=() t0 secs fails ls_ops left=0
	if [ "${LODM_STRESS:-0}" = 1 ]; then P=8 OPS=4000; else P=4 OPS=1000; fi
	pairs=$((OPS / P / 2))
	t0=$(date +%s)
	_lister & local lister=$!
	for w in $(seq "$P"); do _worker "$w" "$pairs" & pids+=($!); done
	wait "${pids[@]}"
	: >workers.done; wait $lister
	secs=$(($(date +%s) - t0))
	fails=$(cat fail.* 2>/dev/null | wc -l)
	ls_ops=$(cat ls.count)
	_leftovers >leftovers || left=$(wc -l <leftovers)
	log "figures: $((P * pairs * 2)) create/remove operations by $P workers, $ls_ops concurrent ls;" \
		"$fails failures, $left leaked, ${secs} s"
	if [ "$fails" != 0 ]; then cat fail.*; cat err.* | sort | uniq -c | head -20; fi
	cat leftovers
	assert_eq 0 "$fails" "failed operations"
	assert_eq 0 "$left" "leaked devices and nodes"
}

# _contend ROUND P MIXED CMD...: P callers run "DMSETUP CMD" at once (with
# MIXED, every other one is the reference); exit status and stderr of caller
# k in c.ROUND.k.rc / .err
_contend() {
	local r=$1 p=$2 mixed=$3 k tool pids=(); shift 3
	for k in $(seq "$p"); do
		tool=$LODM_DMSETUP
		[ "$mixed" = 1 ] && [ $((k % 2)) = 0 ] && tool=$REF_DMSETUP
		( "$tool" "${@//@K@/$k}" >/dev/null 2>"c.$r.$k.err"; echo $? >"c.$r.$k.rc" ) &
		pids+=($!)
	done
	wait "${pids[@]}"
}

# _one_winner ROUND P EXPECTED-LOSER-STDERR-FILE: exactly one caller won, the
# others failed with the expected words.  Prints the winner.
_one_winner() {
	local r=$1 p=$2 want=$3 k winners=0 who=
	for k in $(seq "$p"); do
		if [ "$(cat "c.$r.$k.rc")" = 0 ]; then
			winners=$((winners + 1)); who=$k
		elif ! cmp -s "$want" "c.$r.$k.err"; then
			echo "caller $k failed with other words:" >&2
			diff "$want" "c.$r.$k.err" >&2
			return 1
		elif [ "$(cat "c.$r.$k.rc")" != 1 ]; then
			echo "caller $k exited $(cat "c.$r.$k.rc")" >&2; return 1
		fi
	done
	[ $winners = 1 ] || { echo "round $r: $winners winners" >&2; return 1; }
	echo "$who"
}

_contention() {	# _contention MIXED
	need_lodm dmsetup
	local mixed=$1 R P r win table rdev ops=0 left=0 t0
	if [ "${LODM_STRESS:-0}" = 1 ]; then R=50 P=8; else R=10 P=6; fi
	# the reference's words when it loses: the same failures, one at a time
	"$REF_DMSETUP" create c -u UUID-C --table "0 8 zero" || fail "reference create"
	"$REF_DMSETUP" create c -u UUID-C --table "0 8 zero" >/dev/null 2>want.create
	"$REF_DMSETUP" remove c || fail "reference remove"
	"$REF_DMSETUP" remove c >/dev/null 2>want.remove
	log "the reference's words: $(tr '\n' '|' <want.create) and $(tr '\n' '|' <want.remove)"
	t0=$(date +%s)
	for r in $(seq "$R"); do
		# caller k asks for a table of 8k sectors: the live table tells who won
		_contend "$r" "$P" "$mixed" create c -u "UUID-C" --table "0 @K@0 zero"
		win=$(_one_winner "$r" "$P" want.create) || fail "create, round $r"
		table=$("$REF_DMSETUP" table c | sed 's/ *$//')
		assert_eq "0 ${win}0 zero" "$table" "the live table is the winner's (round $r)"
		rdev=$(stat -c '%t:%T' /dev/mapper/c 2>/dev/null)
		assert_eq "$("$REF_DMSETUP" info -c --noheadings -o major,minor --separator : c | awk -F: '{ printf "%x:%x", $1, $2 }')" \
			"$rdev" "/dev/mapper/c is the device (round $r)"
		_contend "$r.rm" "$P" "$mixed" remove c
		_one_winner "$r.rm" "$P" want.remove >/dev/null || fail "remove, round $r"
		ops=$((ops + 2 * P))
		_leftovers || fail "left behind after round $r"
	done
	log "figures: $R rounds of $P callers on one name$([ "$mixed" = 1 ] && echo ", every other one the reference"):" \
		"$ops operations, each round exactly one winner, the others the reference's words, 0 leaked, $(($(date +%s) - t0)) s"
}

t_contention_one_name() { _contention 0; }
t_contention_one_name_with_reference() { _contention 1; }
