# shellcheck shell=bash disable=SC2016
# dmsetup -J (lodm's addition; docs/json.md): every document parses (jq -e),
# has its shape and types, and says what the text output of the same state
# says.  Commands without a JSON form yet refuse -J.
_dm() { "$REF_DMSETUP" "$@"; }
D=$LODM_DMSETUP
# a: zero with uuid; b: two segments, suspended; c: read-only error target
three() {
	_dm create a -u UUID-a --table "0 2048 zero" &&
		printf '0 100 zero\n100 100 error\n' | _dm create b &&
		_dm create c -r --table "0 512 error" && _dm suspend b
}
# jq -e on a document; fails the test with the document when it is not true
jq_true() { # FILTER DOC WHAT
	printf '%s' "$2" | jq -e "$1" >/dev/null 2>&1 && return 0
	printf 'FAIL: %s\n  filter: %s\n  document:\n%s\n' "$3" "$1" "$2"
	exit 1
}
# run ours, expect exit status want; sets OUT (stdout) and ERR (stderr)
_run() { # WANT ARGS...
	local want=$1 rc; shift
	OUT=$("$D" "$@" 2>/tmp/json.err); rc=$?; ERR=$(cat /tmp/json.err)
	[ "$rc" = "$want" ] || fail "dmsetup $*: exit $rc, expected $want; stderr: $ERR"
	printf '%s' "$OUT" | jq . >/dev/null 2>&1 || fail "dmsetup $*: not JSON: $OUT"
}

t_json_info_columns() {
	need_lodm dmsetup; need_cmd jq
	three || fail setup
	local f='name,major,minor,attr,open,segments,events,uuid' text json
	_run 0 -J info -c
	jq_true '.devices | length == 3' "$OUT" "three devices"
	jq_true 'all(.devices[]; (.name|type) == "string" and (.major|type) == "number" and (.minor|type) == "number" and (.attr|type) == "string" and (.open|type) == "number" and (.segments|type) == "number" and (.events|type) == "number" and ((.uuid|type) == "string" or .uuid == null))' "$OUT" "types"
	text=$("$D" info -c --noheadings --separator '|' -o "$f")
	json=$(printf '%s' "$OUT" | jq -r '.devices[] | [.name, .major, .minor, .attr, .open, .segments, .events, (.uuid // "")] | map(tostring) | join("|")')
	assert_eq "$text" "$json" "the same values as the text report"
	# booleans, sort keys and selection as in the text form
	_run 0 -J info -c -o name,suspended,readonly -O -name -S 'name!=a'
	jq_true '.devices == [{"name":"c","suspended":false,"readonly":true},{"name":"b","suspended":true,"readonly":false}]' "$OUT" "booleans, sorted, selected"
	assert_eq "$("$D" info -c --noheadings -o name,suspended,readonly -O -name -S 'name!=a')" "c:Active:Read-only
b:Suspended:Writeable" "the text of the same report"
	_run 0 -J info -c -o name,selected -S 'name=a'
	jq_true '[.devices[].selected] == [true,false,false]' "$OUT" "selected as a boolean"
	# lvm's spelling gives the same document
	assert_eq "$OUT" "$("$D" --reportformat json info -c -o name,selected -S 'name=a')" "--reportformat json"
	assert_eq "$OUT" "$("$D" --reportformat json_std info -c -o name,selected -S 'name=a')" "--reportformat json_std"
}
t_json_lists() {
	need_lodm dmsetup; need_cmd jq
	local l0
	mkimg a.img 4; l0=$("$REF_LOSETUP" -f --show a.img) || fail setup
	_dm create lin --table "0 8192 linear $l0 0" && _dm create top --table "0 8192 linear /dev/mapper/lin 0" || fail setup
	_run 0 -J info -c -o name,devnos_used,blkdevs_used,names_using_dev,device_count -O name
	jq_true '.devices[0] == {"name":"lin","devnos_used":["7:0"],"blkdevs_used":["loop0"],"names_using_dev":["top"],"device_count":1}' "$OUT" "lin's lists"
	jq_true '.devices[1].names_using_dev == [] and (.devices[1].devnos_used | length) == 1' "$OUT" "top's lists"
}
t_json_info() {
	need_lodm dmsetup; need_cmd jq
	three || fail setup
	local name text
	_run 0 -J info
	jq_true 'all(.devices[]; (keys | sort) == ["events","major","minor","name","open","read_ahead","readonly","segments","suspended","tables_loaded","uuid"])' "$OUT" "the fields of info"
	for name in a b c; do
		text=$("$D" info "$name")
		jq_true ".devices[] | select(.name == \"$name\") | .major == $(echo "$text" | sed -n 's/^Major, minor: *\([0-9]*\),.*/\1/p') and .minor == $(echo "$text" | sed -n 's/^Major, minor: *[0-9]*, *\([0-9]*\)$/\1/p') and .read_ahead == $(echo "$text" | sed -n 's/^Read Ahead: *//p') and .events == $(echo "$text" | sed -n 's/^Event number: *//p') and .segments == $(echo "$text" | sed -n 's/^Number of targets: *//p') and .suspended == $(echo "$text" | grep -q SUSPENDED && echo true || echo false) and .readonly == $(echo "$text" | grep -q READ-ONLY && echo true || echo false)" "$OUT" "$name as info says"
	done
	_run 0 -J info a
	jq_true '.devices | length == 1 and .[0].uuid == "UUID-a" and .[0].tables_loaded == "Live"' "$OUT" "one device"
}
t_json_empty_and_errors() {
	need_lodm dmsetup; need_cmd jq
	_run 0 -J info
	jq_true '. == {"devices":[]}' "$OUT" "no devices: an empty array"
	assert_eq "" "$ERR" "nothing said"
	_run 0 -J info -c
	jq_true '. == {"devices":[]}' "$OUT" "no devices, columns"
	_run 1 -J info nosuch
	jq_true '. == {"devices":[]}' "$OUT" "a missing device"
	assert_eq $'Device does not exist.\nCommand failed.' "$ERR" "its message"
	_run 0 -J target-version zero
	_run 1 -J target-version zero nosuchtarget
	jq_true '.targets | length == 1 and .[0].name == "zero"' "$OUT" "what was found before the failure"
}
t_json_splitname() {
	need_lodm dmsetup; need_cmd jq
	_run 0 -J splitname vg-lv-tmeta
	jq_true '. == {"names":[{"vg_name":"vg","lv_name":"lv","lv_layer":"tmeta"}]}' "$OUT" "splitname"
	_run 0 -J splitname my--vg-my--lv
	jq_true '.names[0] | .vg_name == "my-vg" and .lv_name == "my-lv" and .lv_layer == null' "$OUT" "escaped dashes, no layer"
	assert_eq "my-vg:my-lv:" "$("$D" splitname --noheadings my--vg-my--lv)" "the text"
}
t_json_version_targets() {
	need_lodm dmsetup; need_cmd jq
	local text
	_run 0 -J version
	jq_true "(.library|type) == \"string\" and .driver == \"$("$D" version | sed -n 's/^Driver version: *//p')\"" "$OUT" "version"
	_run 0 -J targets
	text=$("$D" targets | awk '{printf "%s %s\n", $1, substr($2, 2)}')
	assert_eq "$text" "$(printf '%s' "$OUT" | jq -r '.targets[] | "\(.name) \(.version)"')" "targets as the text lists them"
	_run 0 -J target-version linear zero
	jq_true '[.targets[].name] == ["linear","zero"] and all(.targets[]; .version | test("^[0-9]+\\.[0-9]+\\.[0-9]+$"))' "$OUT" "target-version"
}
t_json_not_yet() {
	need_lodm dmsetup
	local out rc c
	for c in ls table status deps udevcookies; do
		out=$("$D" -J $c 2>&1 >/dev/null); rc=$?
		assert_eq 1 "$rc" "exit status of -J $c"
		assert_eq "dmsetup: $c has no JSON output (-J) in lodm yet." "$out" "-J $c"
		assert_eq "" "$("$D" -J $c 2>/dev/null)" "nothing on stdout for -J $c"
	done
	out=$("$D" --reportformat xml info 2>&1); rc=$?
	assert_eq 1 "$rc" "exit status of --reportformat xml"
	assert_eq $'Unknown report format "xml": basic, json or json_std.\nCouldn\'t process command line.' "$out" "message"
}
