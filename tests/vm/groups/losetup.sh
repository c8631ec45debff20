# losetup on a real Debian kernel: what the host cannot show (partition
# scanning) or must not do (detaching every device of the machine).
TOOL=losetup

three_devices() {
	mkimg a.img 4; mkimg b.img 4; mkimg c.img 4
	"$REF_LOSETUP" -f a.img && "$REF_LOSETUP" -f -o 512 b.img && "$REF_LOSETUP" -f -r c.img
}
t_detach_all_differential() {
	assert_same_output --setup three_devices --after '%LOSETUP% -a' '%TOOL% -D'
}
t_detach_all_long_differential() {
	assert_same_output --setup three_devices --after '%LOSETUP% -l' '%TOOL% --detach-all'
}
# -v and -L are accepted beside -D and change nothing; -V ends the command
# before anything is detached
t_detach_all_verbose_differential() {
	assert_same_output --setup three_devices --after '%LOSETUP% -a' '%TOOL% -v -D'
}
t_detach_all_nooverlap_differential() {
	assert_same_output --setup three_devices --after '%LOSETUP% -a' '%TOOL% -L -D'
}
t_detach_all_version_differential() {
	assert_same_output --setup three_devices --after '%LOSETUP% -a' '%TOOL% -D -V'
}
no_devices() { :; }
t_detach_all_nothing_differential() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% -D'
}
t_detach_all_excl_differential() {
	assert_same_output --setup three_devices '%TOOL% -D -d /dev/loop0'
}
t_detach_all_held_open() {
	need_lodm losetup
	three_devices
	# a device held open is detached lazily (autoclear), not refused
	exec 7</dev/loop0
	assert_ok "$LODM_LOSETUP" -D
	assert_eq 1 "$(cat /sys/block/loop0/loop/autoclear)" "autoclear of the held device"
	exec 7<&-
	wait_for 5 test ! -e /sys/block/loop0/loop/backing_file || fail "loop0 still bound after close"
	assert_eq "" "$("$REF_LOSETUP" -a)" "devices left"
}

partitioned() { mkimg_mbr part.img 16 4 4; }
t_partscan_differential() {
	assert_same_output --setup partitioned \
		--after 'sleep 0.5; ls /sys/block/loop0 | grep -c "^loop0p"; ls /dev | grep "^loop0p"; %LOSETUP% -l -O NAME,PARTSCAN' \
		'%TOOL% -f --show -P part.img'
}
t_partscan_list_differential() {
	assert_same_output --setup 'partitioned_attached' '%TOOL% -l -O NAME,PARTSCAN,RO,SIZELIMIT'
}
partitioned_attached() { partitioned; "$REF_LOSETUP" -f -P part.img; }
t_partitions_appear_and_vanish() {
	need_lodm losetup
	partitioned
	local d
	d=$("$LODM_LOSETUP" -f --show -P part.img) || fail "attach -P failed"
	d=${d#/dev/}
	wait_for 5 test -e /sys/block/$d/${d}p2 || fail "${d}p1/p2 did not appear in /sys/block/$d"
	wait_for 5 test -b /dev/${d}p1 -a -b /dev/${d}p2 || fail "/dev/${d}p1, p2 did not appear"
	assert_eq 1 "$("$LODM_LOSETUP" -l -n -O PARTSCAN /dev/$d | tr -d ' ')" "PARTSCAN column"
	assert_ok "$LODM_LOSETUP" -d /dev/$d
	wait_for 5 test ! -e /dev/${d}p1 || fail "/dev/${d}p1 still there after -d"
	assert_not_exists /sys/block/$d/${d}p1 /sys/block/$d/${d}p2
}
t_partscan_off_no_partitions() {
	need_lodm losetup
	partitioned
	local d
	d=$("$LODM_LOSETUP" -f --show part.img) || fail "attach failed"
	d=${d#/dev/}
	sleep 0.5
	assert_not_exists /dev/${d}p1 /sys/block/$d/${d}p1
}
t_remove_after_detach() {
	need_lodm losetup
	mkimg a.img 4
	local d n
	d=$("$LODM_LOSETUP" -f --show a.img) || fail "attach failed"
	n=${d#/dev/loop}
	assert_status 1 "$LODM_LOSETUP" --remove "$d"
	assert_eq "losetup: $d: remove failed: Device or resource busy" "$("$LODM_LOSETUP" --remove "$d" 2>&1)" "busy message"
	assert_ok "$LODM_LOSETUP" -d "$d"
	wait_for 5 test ! -e /sys/block/loop$n/loop/backing_file || fail "$d still bound"
	assert_ok "$LODM_LOSETUP" --remove "$d"
	wait_for 5 test ! -e /sys/block/loop$n || fail "loop$n still exists after --remove"
	# the kernel makes it again on request
	assert_ok "$LODM_LOSETUP" "$d" a.img
	assert_exists /sys/block/loop$n/loop/backing_file
}
t_find_creates_device() {
	need_lodm losetup
	mkimg a.img 1
	local i
	# more devices than the module made at load: LOOP_CTL_GET_FREE adds them
	for i in $(seq 12); do "$LODM_LOSETUP" -f a.img || fail "attach $i failed"; done
	assert_eq 12 "$("$REF_LOSETUP" -a | wc -l)" "bound devices"
	assert_ok "$LODM_LOSETUP" -D
	wait_for 5 sh -c '[ -z "$('"$REF_LOSETUP"' -a)" ]' || fail "devices left after -D"
}
# -J with no device bound at all (only the VM has none): util-linux's bytes,
# and jq accepts the empty document; the same with every device listed
t_json_no_devices_differential() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% -J; %TOOL% -J -l -O NAME,RO,SIZELIMIT; %TOOL% --json --list --noheadings'
}
t_json_no_devices_parses() {
	need_lodm losetup; need_cmd jq
	local out
	out=$("$LODM_LOSETUP" -J) || fail "losetup -J failed"
	assert_eq '{"loopdevices":[]}' "$(printf '%s' "$out" | jq -c .)" "the empty document"
	three_devices || fail setup
	out=$("$LODM_LOSETUP" -J --output-all) || fail "losetup -J --output-all failed"
	printf '%s' "$out" | jq -e '(.loopdevices | length) == 3 and (.loopdevices | sort_by(.name) | [.[].ro] == [false,false,true] and [.[].offset] == [0,512,0]) and all(.loopdevices[]; (.maj|type) == "number" and (.partscan|type) == "boolean")' >/dev/null ||
		fail "three devices: $out"
}
# --remove beside -D is refused in either order with 2.42's words, before
# anything is detached (the host's expect test covers the other options)
t_remove_detach_all_exclusive() {
	need_lodm losetup
	three_devices || fail setup
	assert_status 1 "$LODM_LOSETUP" -D --remove /dev/loop0
	assert_eq "losetup: options --detach-all and --remove cannot be combined" \
		"$("$LODM_LOSETUP" -D --remove /dev/loop0 2>&1)" "-D --remove"
	assert_status 1 "$LODM_LOSETUP" --remove -D
	assert_eq "losetup: options --remove and --detach-all cannot be combined" \
		"$("$LODM_LOSETUP" --remove -D 2>&1)" "--remove -D"
	assert_eq 3 "$("$REF_LOSETUP" -a | wc -l)" "devices still bound"
}
