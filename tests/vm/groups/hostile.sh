# shellcheck shell=bash disable=SC2016,SC2034
# vm-timeout-test: 120
# Hostile input to dmsetup (docs/robustness.md, "Hostile input"): one test
# per row of the table there.  Each case runs with the reference and with ours
# on the same fresh state (assert_same_output: stdout, stderr, exit status),
# and then checks that nothing is left behind: "ls" of the reference and
# /dev/mapper after ours.  Inputs the reference refuses are refused with its
# words and exit 1; inputs it accepts (a name with control characters is a
# valid dm name: it is mangled) are accepted, listed and removed the same way.
TOOL=dmsetup

N127=$(printf 'n%.0s' $(seq 127))
U128=$(printf 'u%.0s' $(seq 128))

# _same RC CMD [SETUP]: ours as the reference, exit RC, nothing left behind
_same() {
	local rc=$1 cmd=$2 setup=${3:-no_devices}
	assert_same_output --setup "$setup" --rc "$rc" --after '%DMSETUP% ls; ls -A /dev/mapper' "$cmd"
	assert_eq "No devices found
control
[exit 0]" "$(cat "$SCRATCH/.same.$_SAME_N/lodm.after")" "left behind"
}
no_devices() { :; }
one_dev() { "$REF_DMSETUP" create a --table "0 8 zero"; }

# ---------------------------------------------------------------- names, uuids
t_name_127_ok()        { _same 0 "%DMSETUP% create $N127 --table '0 8 zero' && %DMSETUP% ls && %DMSETUP% remove $N127"; }
t_name_128_refused()   { _same 1 "%DMSETUP% create ${N127}n --table '0 8 zero'"; }
t_uuid_128_ok()        { _same 0 "%DMSETUP% create u -u $U128 --table '0 8 zero' && %DMSETUP% info -c -o uuid u && %DMSETUP% remove u"; }
t_uuid_129_refused()   { _same 1 "%DMSETUP% create u -u ${U128}u --table '0 8 zero'"; }
t_name_slash_refused() { _same 1 "%DMSETUP% create a/b --table '0 8 zero'"; }
t_rename_slash_refused() {
	assert_same_output --setup one_dev --rc 1 --after '%DMSETUP% ls' "%DMSETUP% rename a x/y"
	assert_match '^a	' "$(cat "$SCRATCH/.same.$_SAME_N/lodm.after")" "a kept its name"
}
t_name_empty_refused() { _same 1 "%DMSETUP% create '' --table '0 8 zero'"; }
# "." and ".." are a deviation (docs/compat.md, dmsetup.sh t_create_name_dots):
# the reference creates them and shadows /dev/mapper's own entries
t_name_dots_refused() {
	need_lodm dmsetup
	local n out
	for n in . ..; do
		out=$("$LODM_DMSETUP" create "$n" --table '0 8 zero' 2>&1)
		assert_eq 1 "$?" "exit status for '$n'"
		assert_eq "Name \"$n\" invalid.
Command failed." "$out" "message for '$n'"
		assert_eq "No devices found" "$("$REF_DMSETUP" ls)" "left behind for '$n'"
	done
}
# control characters, a newline, invalid UTF-8: valid dm names, which the
# default mangling mode (auto) stores as \xNN; listed and removed by name
t_name_control_chars_accepted() { _same 0 "%DMSETUP% create \$'a\\x01b' --table '0 8 zero' && %DMSETUP% ls && %DMSETUP% info -c -o name,mangled_name \$'a\\x01b' && %DMSETUP% remove \$'a\\x01b'"; }
t_name_newline_accepted()       { _same 0 "%DMSETUP% create \$'a\\nb' --table '0 8 zero' && %DMSETUP% info -c -o mangled_name \$'a\\nb' && %DMSETUP% remove \$'a\\nb'"; }
t_name_invalid_utf8_accepted()  { _same 0 "%DMSETUP% create \$'a\\xff\\xfeb' --table '0 8 zero' && %DMSETUP% ls && %DMSETUP% remove \$'a\\xff\\xfeb'"; }
t_name_control_chars_none_mode() { _same 0 "%DMSETUP% --manglename none create \$'c\\x01d' --table '0 8 zero' && %DMSETUP% --manglename none ls && %DMSETUP% --manglename none remove \$'c\\x01d'"; }

# ---------------------------------------------------------------- table files
t_table_nul_in_word() {
	printf '0 8 ze\0ro\n' >"$SCRATCH/nul1.tab"
	_same 1 "%DMSETUP% create x $SCRATCH/nul1.tab"
}
t_table_nul_after_line() {
	printf '0 8 zero\n\0garbage\n' >"$SCRATCH/nul2.tab"
	_same 0 "%DMSETUP% create x $SCRATCH/nul2.tab && %DMSETUP% table x && %DMSETUP% remove x"
}
t_table_binary() {
	local i
	for i in $(seq 0 255); do printf "\\$(printf %03o "$i")"; done >"$SCRATCH/bin.tab"
	_same 1 "%DMSETUP% create x $SCRATCH/bin.tab"
}
t_table_line_1mib() {
	{ printf '0 8 error '; head -c 1048576 /dev/zero | tr '\0' a; echo; } >"$SCRATCH/long1.tab"
	_same 0 "%DMSETUP% create x $SCRATCH/long1.tab && %DMSETUP% table x | wc -c && %DMSETUP% remove x"
}
t_table_line_1mib_garbage() {
	{ head -c 1048576 /dev/zero | tr '\0' a; echo; } >"$SCRATCH/long2.tab"
	_same 1 "%DMSETUP% create x $SCRATCH/long2.tab"
}
t_table_100000_lines() {
	awk 'BEGIN { for (i = 0; i < 100000; i++) print i * 8, 8, "zero" }' >"$SCRATCH/many.tab"
	local t0=$(date +%s)
	_same 0 "%DMSETUP% create x $SCRATCH/many.tab && %DMSETUP% table x | wc -l && %DMSETUP% info -c -o name,segments x && %DMSETUP% remove x"
	local secs=$(($(date +%s) - t0))
	log "both sides: ${secs} s"
	[ "$secs" -lt 60 ] || fail "100,000 lines took ${secs} s"
}
# a type of 16 bytes or more is refused by libdevmapper; of 4096 or more it
# overflows the reference's buffer (see docs/robustness.md)
t_table_type_too_long()    { _same 1 "%DMSETUP% create x --table '0 8 $(printf 't%.0s' $(seq 16))'"; }
t_table_type_4096() {
	need_lodm dmsetup
	local out rc t
	t=$(printf 't%.0s' $(seq 5000))
	out=$("$LODM_DMSETUP" create x --table "0 8 $t" 2>&1); rc=$?
	assert_eq 1 "$rc" "exit status"
	assert_eq "Target type name $t is too long.
Command failed." "$out" "message"
	assert_eq "No devices found" "$("$REF_DMSETUP" ls)" "left behind"
	"$REF_DMSETUP" create x --table "0 8 $t" >ref.out 2>&1; rc=$?
	log "the reference: exit $rc, $(head -c 200 ref.out)"
}
t_table_comment_after_target() { _same 0 "%DMSETUP% create x --table '0 8 zero # a comment' && %DMSETUP% table x && %DMSETUP% remove x"; }
t_table_glued_fields()     { _same 0 "%DMSETUP% create x --table '0 8zero' && %DMSETUP% table x && %DMSETUP% remove x"; }
t_table_sector_overflow()  { _same 1 "%DMSETUP% create x --table '0 99999999999999999999 zero'"; }
t_table_start_max()        { _same 1 "%DMSETUP% create x --table '18446744073709551615 8 zero'"; }
t_table_length_negative()  { _same 1 "%DMSETUP% create x --table '0 -8 zero'"; }
t_table_length_empty()     { _same 1 "%DMSETUP% create x --table '0'"; }

# ---------------------------------------------------------------- --concise
t_concise_trailing_backslash() { _same 1 "%DMSETUP% create --concise 'x,,,rw,0 8 zero\\'"; }
t_concise_escaped_separator()  { _same 1 "%DMSETUP% create --concise 'x,,,rw,0 8 zero\\;'"; }
# the reference makes x before it finds the mistake in y, and leaves it;
# ours checks the whole list first (docs/compat.md): same words, nothing made
t_concise_second_broken() {
	local spec='x,,,rw,0 8 zero;y,,,rw,0 8 zero\'
	assert_same_output --setup no_devices --rc 1 "%DMSETUP% create --concise '$spec'"
	"$LODM_DMSETUP" create --concise "$spec" 2>/dev/null
	assert_eq "No devices found" "$("$REF_DMSETUP" ls)" "left behind by ours"
	"$REF_DMSETUP" create --concise "$spec" 2>/dev/null
	assert_match '^x	' "$("$REF_DMSETUP" ls)" "the reference leaves x (else the compat row is stale)"
}
t_concise_second_bad_flags() {
	local spec='x,,,rw,0 8 zero;y,,,rx,0 8 zero'
	assert_same_output --setup no_devices --rc 1 "%DMSETUP% create --concise '$spec'"
	"$LODM_DMSETUP" create --concise "$spec" 2>/dev/null
	assert_eq "No devices found" "$("$REF_DMSETUP" ls)" "left behind by ours"
}
t_concise_too_few_fields()     { _same 1 "%DMSETUP% create --concise 'x,,rw,0 8 zero'"; }
t_concise_escaped_comma_name() { _same 0 "%DMSETUP% create --concise 'x\\,y,,,rw,0 8 zero' && %DMSETUP% ls && %DMSETUP% remove 'x,y'"; }

# ---------------------------------------------------------------- --exec
# a recorder in a directory whose name is full of shell metacharacters: it
# writes its arguments, one per line, to $SCRATCH/args
_recorder() {
	local dir="$SCRATCH/m;e|t&a\$x(y)"
	mkdir -p "$dir"
	printf '#!/bin/sh\nprintf "argc=%%s\\n" "$#" >>%s/args\nfor a; do printf "[%%s]\\n" "$a" >>%s/args; done\n' \
		"$SCRATCH" "$SCRATCH" >"$dir/rec>x"
	chmod +x "$dir/rec>x"
	echo "$dir/rec>x"
}
exec_setup() {
	"$REF_DMSETUP" create 'a b;c' --table '0 8 zero' && "$REF_DMSETUP" create plain --table '0 8 zero'
	rm -f "$SCRATCH/args" "$SCRATCH/pwned"
}
t_exec_metacharacters() {
	local rec; rec=$(_recorder)
	assert_same_output --setup exec_setup --rc 0 --after "cat $SCRATCH/args; ls $SCRATCH/pwned 2>&1" \
		"%DMSETUP% ls --exec '$rec \$(touch$SCRATCH/pwned) ;rm |x'"
	# run once a device, with the words as given and the device path as one more
	assert_eq 2 "$(grep -c '^argc=4$' "$SCRATCH/args")" "runs with 4 arguments"
	assert_eq 2 "$(grep -c '^\[;rm\]$' "$SCRATCH/args")" "';rm' passed as a word"
	assert_eq 1 "$(grep -c '^\[/dev/mapper/plain\]$' "$SCRATCH/args")" "plain's path"
	assert_eq 1 "$(grep -c '^\[/dev/mapper/a.*b.*c\]$' "$SCRATCH/args")" "the path of 'a b;c' as one argument"
	assert_not_exists "$SCRATCH/pwned"
}
t_exec_shell_line_not_run() {
	assert_same_output --setup exec_setup --rc 0 --after "ls $SCRATCH/pwned 2>&1" \
		"%DMSETUP% ls --exec 'echo;touch $SCRATCH/pwned'"
	assert_not_exists "$SCRATCH/pwned"
}

# ---------------------------------------------------------------- DM_DEV_DIR
t_dm_dev_dir_relative()     { _same 1 "DM_DEV_DIR=dev %DMSETUP% ls"; }
t_dm_dev_dir_relative_dot() { _same 1 "DM_DEV_DIR=./dev %DMSETUP% create x --table '0 8 zero'"; }
t_dm_dev_dir_version()      { _same 1 "DM_DEV_DIR=dev %DMSETUP% version"; }
t_dm_dev_dir_help()         { _same 1 "DM_DEV_DIR=dev %DMSETUP% help"; }
t_dm_dev_dir_too_long()     { _same 1 "DM_DEV_DIR=/\$(printf 'd%.0s' \$(seq 5000)) %DMSETUP% ls"; }
t_dm_dev_dir_empty()        { _same 0 "DM_DEV_DIR= %DMSETUP% ls"; }
