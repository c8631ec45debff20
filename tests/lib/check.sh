# Minimal test bookkeeping for the host scripts: run_test NAME FUNCTION,
# then finish prints "<suite>: N passed, N failed" and sets the exit status.
_passed=0 _failed=0

# fail MESSAGE: inside a test function, record why it failed.
fail() { echo "    $*"; return 1; }

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] && return 0
	echo "    $1: got:"; printf '%s\n' "$2" | sed 's/^/      |/'
	echo "    $1: want:"; printf '%s\n' "$3" | sed 's/^/      |/'
	return 1
}

run_test() {
	local name=$1 fn=$2 out rc
	out=$( ( set -u; "$fn" ) 2>&1 ); rc=$?
	if [ $rc = 0 ]; then
		_passed=$((_passed + 1)); echo "PASS $name"
	else
		_failed=$((_failed + 1)); echo "FAIL $name"; [ -n "$out" ] && printf '%s\n' "$out"
	fi
}

finish() {
	echo "$1: $_passed passed, $_failed failed"
	[ $_failed = 0 ] && [ $_passed -gt 0 ]
}
