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
t_json_ls() {
	need_lodm dmsetup; need_cmd jq
	three || fail setup
	_run 0 -J ls
	jq_true '.devices | length == 3' "$OUT" "three devices"
	jq_true 'all(.devices[]; (keys | sort) == ["events","major","minor","name","uuid"] and (.name|type) == "string" and (.major|type) == "number" and (.minor|type) == "number" and (.events|type) == "number" and ((.uuid|type) == "string" or .uuid == null))' "$OUT" "fields and types"
	jq_true '[.devices[] | select(.name == "a") | .uuid] == ["UUID-a"] and ([.devices[] | select(.name != "a") | .uuid] == [null, null])' "$OUT" "uuids"
	assert_eq "$("$D" ls)" "$(printf '%s' "$OUT" | jq -r '.devices[] | "\(.name)\t(\(.major):\(.minor))"')" "the text's names and numbers, in its order"
	# --target keeps the devices with such a target, as the text does
	_run 0 -J ls --target error
	assert_eq "$("$D" ls --target error | cut -f1)" "$(printf '%s' "$OUT" | jq -r '.devices[].name')" "--target error"
	jq_true '[.devices[].name] == ["b","c"]' "$OUT" "b and c have error targets"
	_run 0 -J ls --target striped
	jq_true '. == {"devices":[]}' "$OUT" "no device with such a target"
}
t_json_tree() {
	need_lodm dmsetup; need_cmd jq
	local l0 walk='def w: .[] | "\(.major):\(.minor)", (.children | w); .devices | w'
	mkimg a.img 4; l0=$("$REF_LOSETUP" -f --show a.img) || fail setup
	_dm create lin -u UUID-lin --table "0 8192 linear $l0 0" && _dm create top --table "0 8192 linear /dev/mapper/lin 0" && _dm create lone --table "0 8 zero" || fail setup
	_run 0 -J ls --tree
	jq_true '[.devices[].name] | sort == ["lone","top"]' "$OUT" "the top devices"
	jq_true '.devices[] | select(.name == "top") | .dm and .uuid == null and (.children | length) == 1 and .children[0].name == "lin" and .children[0].uuid == "UUID-lin" and .children[0].children[0].name == "'"${l0#/dev/}"'" and .children[0].children[0].dm == false and .children[0].children[0].major == 7 and .children[0].children[0].children == []' "$OUT" "top, lin, the loop device"
	jq_true '.devices[] | select(.name == "lone") | .children == []' "$OUT" "a device on nothing"
	# the same devices in the same order as the drawing
	assert_eq "$("$D" ls --tree | grep -o '[0-9]*:[0-9]*')" "$(printf '%s' "$OUT" | jq -r "$walk")" "the drawing's order"
	_run 0 -J ls --tree -o inverted
	assert_eq "$("$D" ls --tree -o inverted | grep -o '[0-9]*:[0-9]*')" "$(printf '%s' "$OUT" | jq -r "$walk")" "inverted: the drawing's order"
	jq_true '[.devices[].name] | sort == ["lone","'"${l0#/dev/}"'"]' "$OUT" "inverted: the bottom devices first"
	_dm remove top && _dm remove lin && _dm remove lone || fail cleanup
	_run 0 -J ls --tree
	jq_true '. == {"devices":[]}' "$OUT" "no devices"
}
# "NAME: START LENGTH TYPE PARAMS" lines of a table/status document, as the text prints them for several devices
lines='.devices[] | .name as $n | .targets[] | "\($n): \(.start) \(.length) \(.type) \(.params)"'
t_json_table_status() {
	need_lodm dmsetup; need_cmd jq
	local l0 l1 key=0123456789abcdef0123456789abcdef cmd
	mkimg a.img 4; mkimg b.img 4
	l0=$("$REF_LOSETUP" -f --show a.img) && l1=$("$REF_LOSETUP" -f --show b.img) || fail setup
	three || fail setup
	_dm create lin --table "0 2048 linear $l0 8" &&
		_dm create str --table "0 2048 striped 2 64 $l0 4096 $l1 0" &&
		_dm create fl --table "0 1024 flakey $l1 2048 5 1 1 drop_writes" &&
		_dm create cr --table "0 1024 crypt aes-cbc-essiv:sha256 $key 0 $l1 4096" &&
		_dm create nt --notable || fail setup
	for cmd in table status; do
		_run 0 -J $cmd
		jq_true '.devices | length == 8' "$OUT" "$cmd: eight devices"
		jq_true 'all(.devices[]; (keys | sort) == ["major","minor","name","targets","uuid"] and all(.targets[]; (keys | sort) == ["fields","length","params","start","type"] and (.start|type) == "number" and (.length|type) == "number" and (.type|type) == "string" and (.params|type) == "string" and ((.fields|type) == "object" or .fields == null)))' "$OUT" "$cmd: shape and types"
		assert_eq "$("$D" $cmd | grep -v '^nt: $')" "$(printf '%s' "$OUT" | jq -r "$lines")" "$cmd: the text's lines"
		jq_true '.devices[] | select(.name == "nt") | .targets == []' "$OUT" "$cmd: no table"
		jq_true '[.devices[] | select(.name == "b") | .targets[] | [.start, .length, .type, .fields]] == [[0,100,"zero",null],[100,100,"error",null]]' "$OUT" "$cmd: b's two segments (types not parsed: null)"
	done
	_run 0 -J table lin str fl cr
	jq_true '.devices[0].targets[0].fields == {"device":"7:0","offset":8}' "$OUT" "linear's fields"
	jq_true '.devices[1].targets[0].fields | .stripes == 2 and .chunk_size == 64 and .devices == [{"device":"7:0","offset":4096},{"device":"7:1","offset":0}]' "$OUT" "striped's fields"
	jq_true '.devices[2].targets[0].fields | .device == "7:1" and .offset == 2048 and .up_interval == 5 and .down_interval == 1 and .features == ["drop_writes"]' "$OUT" "flakey's fields"
	jq_true '.devices[3].targets[0] | (.params | test("'$key'") | not) and .fields.cipher == "aes-cbc-essiv:sha256" and .fields.iv_offset == 0 and .fields.device == "7:1" and .fields.offset == 4096 and (tostring | test("'$key'") | not)' "$OUT" "crypt: the key hidden, as in the text"
	assert_eq "$("$D" table cr | cut -d' ' -f5)" "$(printf '%s' "$OUT" | jq -r '.devices[3].targets[0].params' | cut -d' ' -f2)" "the hidden key as the text shows it"
	_run 0 -J table --showkeys cr
	jq_true '.devices[0].targets[0] | (.params | test("'$key'")) and .fields.key == "'$key'"' "$OUT" "--showkeys shows the key"
	_run 0 -J status str
	jq_true '.devices[0].targets[0].fields == {"stripes":2,"devices":[{"device":"7:0","alive":true},{"device":"7:1","alive":true}]}' "$OUT" "striped's status fields"
	_run 0 -J status lin
	jq_true '.devices[0].targets[0].fields == {}' "$OUT" "linear's status has no fields"
	# --target: the matching targets, devices without one left out
	_run 0 -J table --target error
	assert_eq "$("$D" table --target error)" "$(printf '%s' "$OUT" | jq -r "$lines")" "--target error"
	jq_true '[.devices[] | [.name, (.targets | length)]] == [["b",1],["c",1]]' "$OUT" "b's and c's error targets"
	# one device by uuid
	_run 0 -J table -u UUID-a
	jq_true '.devices == [{"name":"a","uuid":"UUID-a","major":.devices[0].major,"minor":.devices[0].minor,"targets":[{"start":0,"length":2048,"type":"zero","params":"","fields":null}]}]' "$OUT" "by uuid"
	# the concise line is text; -J is its structured form
	_run 1 -J table --concise
	assert_eq "--concise and -J cannot be used together." "$ERR" "--concise with -J"
	assert_eq "" "$OUT" "--concise with -J: nothing printed"
}
t_json_thin() {
	need_lodm dmsetup; need_cmd jq
	local m d
	mkimg meta.img 4; mkimg data.img 16
	m=$("$REF_LOSETUP" -f --show meta.img) && d=$("$REF_LOSETUP" -f --show data.img) || fail setup
	dd if=/dev/zero of="$m" bs=4096 count=1 2>/dev/null
	_dm create pool --table "0 32768 thin-pool $m $d 128 0" && _dm message pool 0 "create_thin 0" &&
		_dm create thin --table "0 4096 thin /dev/mapper/pool 0" || fail setup
	_run 0 -J status pool thin
	assert_eq "$("$D" status pool thin)" "$(printf '%s' "$OUT" | jq -r "$lines")" "the text's lines"
	jq_true '.devices[0].targets[0].fields | .transaction_id == 0 and (.used_metadata_blocks|type) == "number" and (.total_data_blocks|type) == "number" and .mode == "rw" and (.discard_passdown|type) == "boolean" and .needs_check == false' "$OUT" "thin-pool's status fields"
	jq_true '.devices[1].targets[0].fields | (.mapped_sectors|type) == "number"' "$OUT" "thin's status fields"
	_run 0 -J table pool thin
	jq_true '.devices[0].targets[0].fields | .data_block_size == 128 and .low_water_mark == 0 and (.metadata_device|type) == "string"' "$OUT" "thin-pool's table fields"
	jq_true '.devices[1].targets[0].fields | .device_id == 0 and (.pool_device|type) == "string"' "$OUT" "thin's table fields"
}
t_json_deps() {
	need_lodm dmsetup; need_cmd jq
	local l0
	mkimg a.img 4; l0=$("$REF_LOSETUP" -f --show a.img) || fail setup
	_dm create lin --table "0 8192 linear $l0 0" && _dm create top --table "0 8192 linear /dev/mapper/lin 0" && _dm create z --table "0 8 zero" || fail setup
	_run 0 -J deps
	jq_true 'all(.devices[]; (keys | sort) == ["dependencies","major","minor","name","uuid"] and all(.dependencies[]; (keys | sort) == ["major","minor","name"] and (.major|type) == "number" and (.minor|type) == "number" and (.name|type) == "string"))' "$OUT" "shape and types"
	assert_eq "$("$D" deps -o blkdevname)" "$(printf '%s' "$OUT" | jq -r '.devices[] | "\(.name): \(.dependencies | length) dependencies\t:" + (.dependencies | map(" (\(.name))") | join(""))')" "the text's devices and kernel names"
	assert_eq "$("$D" deps)" "$(printf '%s' "$OUT" | jq -r '.devices[] | "\(.name): \(.dependencies | length) dependencies\t:" + (.dependencies | map(" (\(.major), \(.minor))") | join(""))')" "the text's numbers"
	_run 0 -J deps lin
	jq_true '.devices == [{"name":"lin","uuid":null,"major":.devices[0].major,"minor":.devices[0].minor,"dependencies":[{"major":7,"minor":'"${l0#/dev/loop}"',"name":"'"${l0#/dev/}"'"}]}]' "$OUT" "lin on the loop device"
	_run 1 -J deps nosuch
	jq_true '. == {"devices":[]}' "$OUT" "a missing device"
}
t_json_udevflags() {
	need_lodm dmsetup; need_cmd jq
	_run 0 -J udevflags 0x0D4D0000
	jq_true '.flags | length == 7' "$OUT" "seven flags"
	assert_eq "$("$D" udevflags 0x0D4D0000 | sed "s/='1'\$//")" "$(printf '%s' "$OUT" | jq -r '.flags[]')" "the text's flags"
	_run 0 -J udevflags 0x1234
	jq_true '. == {"flags":[]}' "$OUT" "no flags"
	_run 0 -J udevcookies
	jq_true '. == {"cookies":[]}' "$OUT" "no cookies (no udev here)"
}
t_json_measure() {
	need_lodm dmsetup; need_cmd jq
	_dm create a --table "0 8 zero" || fail setup
	local rc
	"$D" measure a >/dev/null 2>&1; rc=$?
	_run $rc -J measure a
	[ $rc = 0 ] || return 0	# the kernel has no IMA measurement: the error, and valid JSON
	jq_true '.devices[0].name == "a" and all(.devices[0].targets[]; .fields == null)' "$OUT" "measure"
}
t_json_other_commands() {
	need_lodm dmsetup
	local out rc c
	# commands that change things have no JSON form, and say so before doing anything
	for c in "create x --notable" "remove x" "mknodes" "udevcreatecookie"; do
		out=$("$D" -J $c 2>&1 >/dev/null); rc=$?
		assert_eq 1 "$rc" "exit status of -J $c"
		assert_eq "dmsetup: ${c%% *} has no JSON output (-J)." "$out" "-J $c"
	done
	[ ! -e /dev/mapper/x ] || fail "create -J made a device"
	out=$("$D" --reportformat xml info 2>&1); rc=$?
	assert_eq 1 "$rc" "exit status of --reportformat xml"
	assert_eq $'Unknown report format "xml": basic, json or json_std.\nCouldn\'t process command line.' "$out" "message"
}
