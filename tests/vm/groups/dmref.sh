# shellcheck shell=bash
# vm-default: no
#
# Catalogue of the reference dmsetup's exact output for every case of the
# dmsetup group (tests/vm/groups/dmsetup.sh and its table dmsetup.cases): each assert_same_output call
# there is run once, with the reference only, on the same freshly built state,
# and its command, exit status, raw stdout and stderr and the output of its
# --after command are printed.  The tests pass whatever the output is; read it
# from the kept run directory:
#
#   tests/vm/run --keep --timeout-test 900 dmref
#   cat RUNDIR/res/t_catalogue_[1-5].out   # /work/notes/dmsetup-ref.txt: a header, then this
#
# Output lines are shown as "  |" + the bytes + "$" (like cat -A, but UTF-8
# passes through): a tab is ^I, other control characters ^X (ESC is ^[),
# DEL is ^?; a missing final newline is noted.  Nothing is normalized: device
# numbers, loop and dm-N names are the real ones (loop0 = 7:0, loop1 = 7:1,
# the first dm device 253:0 = dm-0).

# shellcheck source=tests/vm/groups/dmsetup.sh disable=SC1091
. "${BASH_SOURCE[0]%/*}/dmsetup.sh"
DMREF_GROUP_FILE=${BASH_SOURCE[0]%/*}/dmsetup.sh

# _ref_show LABEL FILE: the file's bytes, visibly
_ref_show() {
	local n
	n=$(stat -c %s "$2")
	if [ "$n" -eq 0 ]; then printf '%s: (empty)\n' "$1"; return; fi
	printf '%s (%s bytes):\n' "$1" "$n"
	awk 'BEGIN { for (i = 1; i < 32; i++) if (i != 9 && i != 10) { ctrl = ctrl sprintf("%c", i); key = key sprintf("%c", i + 64) }
	             del = sprintf("%c", 127) }
	     { out = ""
	       for (i = 1; i <= length($0); i++) {
	           c = substr($0, i, 1); p = index(ctrl, c)
	           if (c == "\t") out = out "^I"
	           else if (p) out = out "^" substr(key, p, 1)
	           else if (c == del) out = out "^?"
	           else out = out c
	       }
	       print "  |" out "$" }' "$2"
	[ "$(tail -c 1 "$2" | od -An -c | tr -d ' ')" = '\n' ] || echo "  (no newline at the end of the last line)"
}

_ref_cmd() { # the command as a user would type it
	local s=$1
	s=${s//%TOOL%/dmsetup}; s=${s//%DMSETUP%/dmsetup}; s=${s//%LOSETUP%/losetup}
	printf '%s\n' "$s" | sed 's/^/    $ /'
}

# Replaces lib.sh's assert_same_output: run the reference side only, print.
assert_same_output() {
	local setup=${SAME_SETUP:-} after=${SAME_AFTER:-} cmd c a want=''
	local -a norm=()
	while [ $# -gt 0 ]; do
		case $1 in
			--setup) setup=$2; shift 2 ;;
			--after) after=$2; shift 2 ;;
			--tool) shift 2 ;;
			--exact) shift ;;
			--normalize) norm+=("$2"); shift 2 ;;
			--rc) want=$2; shift 2 ;;
			--) shift; break ;;
			*) break ;;
		esac
	done
	cmd=$1
	_SAME_N=$((_SAME_N + 1))
	local o=$SCRATCH/.ref d=$SCRATCH/same rc
	rm -rf "$o"; mkdir -p "$o" "$d"
	c=$(_same_subst "$cmd" "$REF_LOSETUP" "$REF_DMSETUP" "$REF_DMSETUP")
	a=$(_same_subst "$after" "$REF_LOSETUP" "$REF_DMSETUP" "$REF_DMSETUP")
	cd / || exit 1
	vm_cleanup >/dev/null 2>&1
	grep -q " $d " /proc/mounts && umount "$d"
	mount -t tmpfs tmpfs "$d" || exit 1
	cd "$d" || exit 1
	L0='' L1='' DM_MAJ=''
	if [ -n "$setup" ]; then
		"$setup" >"$o/setup.out" 2>&1 || { echo "!! SETUP FAILED: $setup"; cat "$o/setup.out"; }
	fi
	( eval "$c" ) </dev/null >"$o/stdout" 2>"$o/stderr"
	rc=$?
	if [ -n "$a" ]; then
		{ ( eval "$a" ) </dev/null 2>&1; echo "[exit $?]"; } >"$o/after"
	fi
	cd "$SCRATCH" || exit 1
	vm_cleanup >/dev/null 2>&1
	umount "$d" 2>/dev/null || umount -l "$d"

	printf '\n=== %s #%s\n' "$LODM_CASE" "$_SAME_N"
	printf 'setup: %s' "${setup:-(none)}"
	local v="${L0:+ L0=$L0}${L1:+ L1=$L1}${DM_MAJ:+ DM_MAJ=$DM_MAJ}"
	[ -z "$v" ] || printf '   (%s)' "${v# }"
	printf '\ncommand:\n'
	_ref_cmd "$cmd"
	printf 'exit status: %s\n' "$rc"
	[ -z "$want" ] || [ "$want" = "$rc" ] || echo "!! the test expects exit status $want"
	_ref_show stdout "$o/stdout"
	_ref_show stderr "$o/stderr"
	if [ -n "$a" ]; then
		echo "after (reference; stdout and stderr together, then its exit status):"
		_ref_cmd "$after"
		_ref_show output "$o/after"
	fi
	[ ${#norm[@]} -eq 0 ] || printf 'normalized by the test before comparing: %s\n' "${norm[*]}"
}

# pending cases (tests/matrix/exceptions) are catalogued like the others
VM_CASES_PENDING=run
# The dmsetup group's test functions in file order, then the cases of its table
_ref_tests() {
	sed -nE 's/^[[:space:]]*(t_[A-Za-z0-9_]+)[[:space:]]*\([[:space:]]*\).*/\1/p' "$DMREF_GROUP_FILE"
	sed -nE 's/^[[:space:]]*([A-Za-z0-9_]+)[[:space:]]*\|.*/t_\1/p' "${DMREF_GROUP_FILE%.sh}.cases"
}
# _ref_run FROM TO: run tests [FROM, TO) (0-based, file order)
_ref_run() {
	local from=$1 to=$2 i=0 t
	for t in $(_ref_tests); do
		if [ "$i" -ge "$from" ] && [ "$i" -lt "$to" ]; then
			printf '\n%s\n# %s\n' "##############################################################################" "$t"
			( LODM_CASE=$t; _SAME_N=0; "$t" ) || echo "!! $t exited with status $?"
		fi
		i=$((i + 1))
	done
}

# Part 1 starts with the environment and every setup function.
t_catalogue_1() {
	local f
	echo "dmsetup reference catalogue: $($REF_DMSETUP version 2>&1 | tr '\n' ' ')"
	echo "kernel $(uname -r); $(_ref_tests | wc -l) tests in tests/vm/groups/dmsetup.sh and dmsetup.cases"
	echo "environment: DM_DISABLE_UDEV=$DM_DISABLE_UDEV (no udev: libdevmapper makes /dev/mapper nodes itself), no /etc/lvm, stdout not a terminal"
	echo
	echo "Setup functions and variables of tests/vm/groups/dmsetup.sh (reference tools only):"
	echo "KEY=$KEY"
	echo "NAME127=<127 x>  UUID128=<128 u>"
	for f in $(sed -nE 's/^([A-Za-z_][A-Za-z0-9_]*)\(\) \{.*/\1/p' "$DMREF_GROUP_FILE" | grep -v '^t_'); do
		declare -f "$f"
	done
	_ref_run 0 50
}
t_catalogue_2() { _ref_run 50 100; }
t_catalogue_3() { _ref_run 100 150; }
t_catalogue_4() { _ref_run 150 200; }
t_catalogue_5() { _ref_run 200 100000; }
