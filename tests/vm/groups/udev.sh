# shellcheck shell=bash disable=SC2016,SC2034
# vm-udev: yes
# dmsetup under a real systemd-udevd with the device-mapper rules of Debian's
# dmsetup package (55-dm.rules, 60-persistent-storage-dm.rules,
# 95-dm-notify.rules).  Our dmsetup is /sbin/dmsetup (= /usr/sbin/dmsetup):
# the rules run it (udevflags, udevcomplete, and info -c in the old-kernel
# path), whichever dmsetup made the request; the reference is
# /lodm/ref/dmsetup ($REF_DMSETUP).  The harness keeps udevd running (it is
# continued or restarted before each test) and vmclean removes every cookie
# semaphore after each test; the tests check that none is left behind.
#
# Differential cases compare the reference and ours on the same state: the
# output, and (--after, always with the reference tools) /dev/mapper,
# /dev/disk/by-id and the udev properties of the device.  Cookies and
# semaphore ids are random or counted system-wide, so they are normalized.
TOOL=dmsetup
SAME_NORMALIZE='s/0x(0d4d|d4d)[0-9a-f]{4}/0xd4dCOOKIE/gI; s/=0x20[0-9a-f]{4}( |$)/=0x20COOKIE\1/; s/\(semid [0-9]+\)/(semid N)/g; s/^0xd4dCOOKIE +[0-9]+ +/0xd4dCOOKIE SEMID /; s/[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9A-Z:]{8,} 20[0-9]{2}/DATE/g; s/semid [0-9]+:/semid N:/; s/cookie value [0-9]+ /cookie value N /'

_loopdev() { mkimg "$1" "$2" && "$REF_LOSETUP" -f --show "$1"; }
one_loop() { L0=$(_loopdev a.img 4) && [ -n "$L0" ]; }
no_devices() { :; }
# a linear device over a loop device, made by the reference
lin() { one_loop && "$REF_DMSETUP" create lin -u UUID-lin --table "0 8192 linear $L0 0"; }
lin_nouuid() { one_loop && "$REF_DMSETUP" create lin --table "0 8192 linear $L0 0"; }
two_cookies() { "$REF_DMSETUP" udevcreatecookie >cookie1 && "$REF_DMSETUP" udevcreatecookie >cookie2; }

# What udev made of the dm devices: the links and the properties the rules set.
# (the order of udev's DEVLINKS is its own: sorted here)
UDEV_STATE='udevadm settle -t 10; ls /dev/mapper /dev/disk/by-id 2>&1 | grep -v "^$"; for d in /sys/block/dm-*; do [ -e "$d" ] && udevadm info -q property -n "${d##*/}" | grep -E "^DM_" | sort && udevadm info -q symlink -n "${d##*/}" | tr " " "\n" | sort; done; cat /proc/sysvipc/sem | tail -n +2'

# ------------------------------------------------------------------ the handshake
t_create_links() {
	assert_same_output --setup one_loop --rc 0 --after "$UDEV_STATE" '%TOOL% create u1 --table "0 100 linear $L0 0"'
	assert_same_output --setup one_loop --rc 0 --after "$UDEV_STATE" '%TOOL% create u2 -u UUID-u2 --table "0 100 linear $L0 0"'
	assert_same_output --setup one_loop --rc 0 --after "$UDEV_STATE" '%TOOL% create u3 --notable && %TOOL% load u3 --table "0 100 linear $L0 0" && %TOOL% resume u3'
}
t_rename_moves_links() {
	assert_same_output --setup lin --rc 0 --after "$UDEV_STATE" '%TOOL% rename lin moved'
	assert_same_output --setup lin_nouuid --rc 0 --after "$UDEV_STATE" '%TOOL% rename lin --setuuid UUID-new'
}
t_suspend_resume() {
	assert_same_output --setup lin --rc 0 --after "$UDEV_STATE" '%TOOL% suspend lin && %TOOL% info lin && %TOOL% resume lin'
	# a resume of an active device makes no uevent: the semaphore is lowered at once
	assert_same_output --setup lin --rc 0 --after "$UDEV_STATE" '%TOOL% resume lin'
}
t_remove_drops_links() {
	assert_same_output --setup lin --rc 0 --after "$UDEV_STATE" '%TOOL% remove lin'
	assert_same_output --setup lin --rc 0 --after "$UDEV_STATE" '%TOOL% remove -f lin'
	assert_same_output --setup lin --after "$UDEV_STATE" '%TOOL% remove nosuch; %TOOL% rename nosuch x; %TOOL% resume nosuch'
}
# the -vv trace of the handshake: cookie created, raised, lowered, waited for, removed
t_trace() {
	assert_same_output --setup one_loop --rc 0 --after "$UDEV_STATE" '%TOOL% -vv create t --table "0 100 linear $L0 0" && %TOOL% -vv rename t t2 && %TOOL% -vv suspend t2 && %TOOL% -vv resume t2 && %TOOL% -vv resume t2 && %TOOL% -vv remove t2'
	assert_same_output --setup lin --rc 0 --after "$UDEV_STATE" '%TOOL% -vv --verifyudev rename lin v && %TOOL% -vv --verifyudev remove v'
	assert_same_output --setup one_loop --rc 0 --after "$UDEV_STATE" '%TOOL% -vv --verifyudev create v --table "0 100 linear $L0 0"'
}
t_rules_options() {
	assert_same_output --setup one_loop --rc 0 --after "$UDEV_STATE" '%TOOL% -vv --noudevrules create r --table "0 100 linear $L0 0"'
	assert_same_output --setup one_loop --rc 0 --after "$UDEV_STATE" '%TOOL% -vv --noudevsync create s --table "0 100 linear $L0 0"'
	assert_same_output --setup one_loop --rc 0 --after "$UDEV_STATE" 'DM_DISABLE_UDEV=1 %TOOL% -vv create d --table "0 100 linear $L0 0" && udevadm settle -t 10 && DM_DISABLE_UDEV=1 %TOOL% -vv remove d'
	assert_same_output --setup lin --rc 0 --after "$UDEV_STATE" '%TOOL% --noudevsync remove lin'
}
# several requests in one udev transaction: only its end waits
t_transaction() {
	# (udev settles a's event before b is created: otherwise b's "incremented
	# to N" counts a's event or not by udev's timing, for either tool)
	assert_same_output --setup one_loop --rc 0 --after "$UDEV_STATE" 'c=$(%TOOL% udevcreatecookie) && %TOOL% -vv --udevcookie $c create a --table "0 100 linear $L0 0" && udevadm settle -t 10 && DM_UDEV_COOKIE=$c %TOOL% -vv create b --table "0 100 linear $L0 100" && udevadm settle -t 10 && %TOOL% udevcookies && %TOOL% -vv udevreleasecookie $c && %TOOL% udevcookies'
	assert_same_output --setup one_loop --after "$UDEV_STATE" '%TOOL% --udevcookie 0x0D4D0001 create a --table "0 100 linear $L0 0"; %TOOL% --udevcookie 0x12340001 create b --table "0 100 linear $L0 0"'
}
# the semaphore limit reached: the request is not made, nothing is left
t_semaphore_limit() {
	assert_same_output --setup one_loop --after "$UDEV_STATE" 'old=$(cat /proc/sys/kernel/sem); echo "250 32000 32 0" >/proc/sys/kernel/sem; %TOOL% create a --table "0 100 linear $L0 0"; rc=$?; %TOOL% udevcreatecookie; echo "$old" >/proc/sys/kernel/sem; exit $rc'
}

# ------------------------------------------------------------------ the cookie commands
t_udevflags() {
	assert_same_output --setup no_devices --rc 0 '%TOOL% udevflags 0x0D4D0001; %TOOL% udevflags 0xFFFF1234; %TOOL% udevflags 12; %TOOL% udevflags 0x00200000; %TOOL% udevflags 0100000000; %TOOL% udevflags 4294967295'
	assert_same_output --setup no_devices '%TOOL% udevflags 0; %TOOL% udevflags x; %TOOL% udevflags 4294967296; %TOOL% udevflags -- -1; %TOOL% udevflags 12z'
}
t_udevcomplete() {
	assert_same_output --setup two_cookies --rc 0 'c=$(cat cookie1) c2=$(cat cookie2); %TOOL% udevcomplete $c && %TOOL% udevcookies && %TOOL% udevcomplete 0x12340000 && %TOOL% udevcomplete 0x0020${c2#0x0D4D} && %TOOL% udevcookies'
	assert_same_output --setup no_devices '%TOOL% udevcomplete 0x0D4D0001; %TOOL% udevcomplete bad; %TOOL% udevcomplete 0x12340001'
	assert_same_output --setup two_cookies '%TOOL% udevcomplete $(cat cookie1); %TOOL% udevcomplete $(cat cookie1); %TOOL% udevcookies'
}
t_udevcookies_and_release() {
	assert_same_output --setup two_cookies --rc 0 '%TOOL% udevcookies; %TOOL% udevreleasecookie $(cat cookie2); %TOOL% udevcookies'
	assert_same_output --setup no_devices '%TOOL% udevreleasecookie; %TOOL% udevreleasecookie bad; %TOOL% udevreleasecookie 0x0D4D0005; %TOOL% udevreleasecookie 0x12340005'
	assert_same_output --setup no_devices --rc 0 'c=$(%TOOL% -vv udevcreatecookie) && echo "$c" | grep -c "^0x0D4D[0-9A-F]\{4\}$" && %TOOL% -vv --udevcookie "$(tail -n 1 <<<"$c")" udevreleasecookie'
}
t_udevcomplete_all() {
	assert_same_output --setup two_cookies --rc 0 'echo n | %TOOL% udevcomplete_all; %TOOL% udevcookies | wc -l; echo y | %TOOL% udevcomplete_all 5; %TOOL% udevcookies | wc -l'
	assert_same_output --setup two_cookies --rc 0 'printf "maybe\nxy\n" | %TOOL% udevcomplete_all; printf "yes please\n" | %TOOL% udevcomplete_all 0; %TOOL% udevcookies | wc -l'
	assert_same_output --setup two_cookies --rc 0 '%TOOL% udevcomplete_all </dev/null; %TOOL% udevcomplete_all -y; %TOOL% udevcomplete_all -y 10; %TOOL% udevcookies'
	assert_same_output --setup two_cookies '%TOOL% udevcomplete_all -y x; %TOOL% udevcomplete_all -y 1 2'
}

# ------------------------------------------------------------------ our dmsetup in the rules
# The old-kernel path of 55-dm.rules: DM_NAME, DM_UUID and DM_SUSPENDED come
# from "/sbin/dmsetup info -j %M -m %m -c --nameprefixes --noheadings --rows
# -o name,uuid,suspended" (ours) instead of sysfs.
old_kernel_rules() {
	sed -e '/^TEST=="dm", /d' -e 's/^TEST!="dm", //' /usr/lib/udev/rules.d/55-dm.rules >/etc/udev/rules.d/55-dm.rules &&
		udevadm control --reload
}
t_info_imported_through_ours() {
	need_lodm dmsetup
	local p
	cmp -s /usr/sbin/dmsetup "$LODM_DMSETUP" || fail "/usr/sbin/dmsetup is not ours"
	old_kernel_rules || fail "rules"
	one_loop || fail setup
	must "$LODM_DMSETUP" create imp -u UUID-imp --table "0 100 linear $L0 0"
	p=$(udevadm info -q property -n /dev/mapper/imp)
	assert_match '(^|[[:space:]])DM_NAME=imp($|[[:space:]])' "$p" "DM_NAME"
	assert_match '(^|[[:space:]])DM_UUID=UUID-imp($|[[:space:]])' "$p" "DM_UUID"
	assert_match '(^|[[:space:]])DM_SUSPENDED=0($|[[:space:]])' "$p" "DM_SUSPENDED"
	assert_match '(^|[[:space:]])DM_UDEV_PRIMARY_SOURCE_FLAG=1($|[[:space:]])' "$p" "flags from udevflags"
	must "$LODM_DMSETUP" suspend imp
	must udevadm trigger --action=change --settle /dev/mapper/imp
	p=$(udevadm info -q property -n /dev/dm-0)
	assert_match '(^|[[:space:]])DM_SUSPENDED=1($|[[:space:]])' "$p" "DM_SUSPENDED of a suspended device"
	must "$LODM_DMSETUP" resume imp
	must "$LODM_DMSETUP" remove imp
	assert_not_exists /dev/mapper/imp /dev/disk/by-id/dm-name-imp /dev/disk/by-id/dm-uuid-UUID-imp
	assert_no_cookies
}
# ours waits for lvm2's own udevcomplete just as well (the reference in the rules)
t_reference_in_the_rules() {
	need_lodm dmsetup
	cp "$REF_DMSETUP" /usr/sbin/dmsetup || fail "cp"
	one_loop || { cp "$LODM_DMSETUP" /usr/sbin/dmsetup; fail setup; }
	local rc=0
	(
		must "$LODM_DMSETUP" create r -u UUID-r --table "0 100 linear $L0 0"
		assert_exists /dev/mapper/r /dev/disk/by-id/dm-uuid-UUID-r
		must "$LODM_DMSETUP" rename r r2
		assert_exists /dev/mapper/r2 /dev/disk/by-id/dm-name-r2
		assert_not_exists /dev/mapper/r
		must "$LODM_DMSETUP" remove r2
		assert_not_exists /dev/mapper/r2
		assert_no_cookies
	) || rc=1
	cp "$LODM_DMSETUP" /usr/sbin/dmsetup || fail "cp back"
	[ "$rc" = 0 ] || fail "ours with lvm2's dmsetup in the rules"
}

# ------------------------------------------------------------------ bounded waits
# ms since the epoch
_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
# _timed VAR_MS VAR_RC VAR_OUT CMD...: run, with its time, status and output
_timed() {
	local __t0 __o __r
	__t0=$(_ms)
	__o=$("${@:4}" 2>&1); __r=$?
	printf -v "$1" '%s' $(( $(_ms) - __t0 )); printf -v "$2" '%s' "$__r"; printf -v "$3" '%s' "$__o"
}
_udevd_stop() { local p; for p in $(vm_udev_pids); do kill -STOP "$p"; done; }
_udevd_kill() { local p; for p in $(vm_udev_pids); do kill -KILL "$p"; done; wait_for 5 sh -c '[ -z "$(pidof systemd-udevd)" ]'; }

# udev stopped (SIGSTOP, as a stuck udevd) or killed (its control socket
# left behind): a command with the default timeout (60 s) notices within
# seconds that udevd does not answer on /run/udev/control and stops waiting,
# with a warning, the result of the request kept, the node right and no
# semaphore left; a timeout of a second ends the wait before udevd is asked.
# The reference would wait for ever.
_stuck_udev_cycle() { # how: stop|kill
	need_lodm dmsetup
	local ms rc out
	one_loop || fail setup
	if [ "$1" = stop ]; then _udevd_stop; else _udevd_kill; fi
	assert_exists /run/udev/control
	_timed ms rc out "$LODM_DMSETUP" create s -u UUID-s --table "0 100 linear $L0 0"
	log "create: ${ms} ms, exit $rc: $out"
	assert_eq 0 "$rc" "create's result kept"
	# (half a second of quiet, then at most 2 s for the ping)
	[ "$ms" -ge 400 ] && [ "$ms" -lt 5000 ] || fail "create took ${ms} ms under a dead udev"
	assert_match '^WARNING: udev is not answering on /run/udev/control: cookie 0x0D4D[0-9A-F]{4} \(device s\) is released and /dev/mapper/s is set up by dmsetup\.$' "$out" "warning"
	assert_no_cookies
	[ -b /dev/mapper/s ] || fail "/dev/mapper/s is not a block device"
	local t
	t=$(stat -L -c '%t %T' /dev/mapper/s)
	assert_eq "$("$REF_DMSETUP" info -c --noheadings -o major,minor s)" "$((16#${t% *})):$((16#${t#* }))" "the node's device"
	_timed ms rc out "$LODM_DMSETUP" --udevtimeout 1 rename s s2
	log "rename: ${ms} ms, exit $rc: $out"
	assert_eq 0 "$rc" "rename's result kept"
	[ "$ms" -lt 5000 ] || fail "rename took ${ms} ms with a 1 s timeout"
	assert_exists /dev/mapper/s2
	assert_not_exists /dev/mapper/s
	# (a timeout well above a command's own time, even a slow one: a loaded
	# host, a sanitizer build)
	_timed ms rc out "$LODM_DMSETUP" --udevtimeout 3 resume s2
	assert_eq 0 "$rc" "resume (no uevent: no wait)"
	[ "$ms" -lt 2500 ] || fail "a resume without uevent waited ${ms} ms"
	_timed ms rc out "$LODM_DMSETUP" --udevtimeout 1 remove s2
	log "remove: ${ms} ms, exit $rc: $out"
	assert_eq 0 "$rc" "remove's result kept"
	[ "$ms" -lt 5000 ] || fail "remove took ${ms} ms with a 1 s timeout"
	assert_not_exists /dev/mapper/s2
	assert_no_cookies
	c=$("$LODM_DMSETUP" udevcreatecookie) || fail "udevcreatecookie"
	must "$LODM_DMSETUP" --udevcookie "$c" create t --table "0 100 linear $L0 0"
	_timed ms rc out "$LODM_DMSETUP" --udevtimeout 1 udevreleasecookie "$c"
	log "udevreleasecookie: ${ms} ms, exit $rc: $out"
	assert_eq 0 "$rc" "udevreleasecookie"
	assert_match "^WARNING: udev did not complete cookie $c within 1 seconds" "$out" "warning"
	assert_no_cookies
	# no limit at all (--udevtimeout 0): a dead udevd still ends the wait
	c=$("$LODM_DMSETUP" udevcreatecookie) || fail "udevcreatecookie"
	must "$LODM_DMSETUP" --udevcookie "$c" remove t
	_timed ms rc out "$LODM_DMSETUP" --udevtimeout 0 udevreleasecookie "$c"
	log "udevreleasecookie (no limit): ${ms} ms, exit $rc: $out"
	assert_eq 0 "$rc" "udevreleasecookie without a limit"
	[ "$ms" -lt 5000 ] || fail "udevreleasecookie took ${ms} ms under a dead udev"
	assert_eq "WARNING: udev is not answering on /run/udev/control: cookie $c is released." "$out" "warning without a device"
	assert_no_cookies
}
# DM_DEV_DIR elsewhere than udev's /dev (lvm2's test harness): the control
# node made there, the nodes kept there by dmsetup itself while udev keeps
# /dev/mapper (issue 14 item 6)
t_dev_dir_under_udev() {
	assert_same_output --setup one_loop --rc 0 --after "$UDEV_STATE; ls dev/mapper" 'mkdir dev && DM_DEV_DIR=$PWD/dev %TOOL% version >/dev/null && DM_DEV_DIR=$PWD/dev %TOOL% create dd --table "0 100 linear $L0 0" && ls -l dev/mapper | awk "{print \$1, \$NF}" && DM_DEV_DIR=$PWD/dev %TOOL% remove dd'
}
t_stuck_udev_stopped() { _stuck_udev_cycle stop; }
# udev alive but slow (a rule that takes 5 s before dm's rules complete the
# cookie): it answers the ping, so the wait is the whole timeout, and a
# timeout longer than the rules lets the command finish without a warning.
t_slow_udev_full_timeout() {
	need_lodm dmsetup
	local ms rc out slow=/run/udev/rules.d/00-lodm-slow.rules
	one_loop || fail setup
	mkdir -p /run/udev/rules.d || fail "mkdir"
	echo 'SUBSYSTEM=="block", KERNEL=="dm-*", ACTION=="change", RUN+="/bin/sleep 5"' >"$slow"
	udevadm control --reload || { rm -f "$slow"; fail "udevadm control --reload"; }
	_timed ms rc out "$LODM_DMSETUP" --udevtimeout 3 create slow1 --table "0 100 linear $L0 0"
	log "create, 3 s timeout: ${ms} ms, exit $rc: $out"
	local ms2 rc2 out2
	_timed ms2 rc2 out2 "$LODM_DMSETUP" --udevtimeout 15 create slow2 --table "0 100 linear $L0 0"
	log "create, 15 s timeout: ${ms2} ms, exit $rc2: $out2"
	rm -f "$slow"
	udevadm control --reload
	udevadm settle -t 20
	"$REF_DMSETUP" remove slow1; "$REF_DMSETUP" remove slow2
	assert_eq 0 "$rc" "create's result kept"
	[ "$ms" -ge 2900 ] && [ "$ms" -lt 4500 ] || fail "create took ${ms} ms with a 3 s timeout (the whole of it is udev's)"
	assert_match '^WARNING: udev did not complete cookie 0x0D4D[0-9A-F]{4} \(device slow1\) within 3 seconds' "$out" "warning"
	assert_eq 0 "$rc2" "create with time enough"
	[ "$ms2" -ge 4500 ] && [ "$ms2" -lt 14000 ] || fail "create took ${ms2} ms with rules of 5 s"
	assert_eq "" "$out2" "no warning when udev finishes in time"
	assert_no_cookies
}
t_stuck_udev_killed() { _stuck_udev_cycle kill; }
# interrupted while waiting: the semaphore goes with the process
t_wait_interrupted() {
	need_lodm dmsetup
	local pid n=0
	one_loop || fail setup
	_udevd_stop
	"$LODM_DMSETUP" --udevtimeout 0 create w --table "0 100 linear $L0 0" >/dev/null 2>&1 &
	pid=$!
	wait_for 10 sh -c '[ -n "$(tail -n +2 /proc/sysvipc/sem)" ]' || fail "no cookie while waiting"
	sleep 0.3
	kill -TERM "$pid"
	wait "$pid"
	assert_eq 143 "$?" "killed by SIGTERM"
	assert_no_cookies
}
t_timeout_option_errors() {
	need_lodm dmsetup
	local out rc
	out=$("$LODM_DMSETUP" --udevtimeout x ls 2>&1); rc=$?
	assert_eq 1 "$rc" "exit status of --udevtimeout x"
	assert_eq $'Invalid argument for --udevtimeout: x.\nCouldn\'t process command line.' "$out" "message"
	out=$(DM_UDEV_TIMEOUT=-1 "$LODM_DMSETUP" ls 2>&1); rc=$?
	assert_eq 1 "$rc" "exit status of DM_UDEV_TIMEOUT=-1"
	assert_eq "Invalid DM_UDEV_TIMEOUT environment variable value." "$out" "message"
	out=$(DM_UDEV_TIMEOUT=0 "$LODM_DMSETUP" --udevtimeout 5 ls 2>&1); rc=$?
	assert_eq 0 "$rc" "a valid value"
}
# udev running, everything prompt: create, rename, resume, remove each well
# under a second, no warning, nothing left
t_prompt() {
	need_lodm dmsetup
	local ms rc out i
	local -a steps=("create p -u UUID-p --table" "rename p q" "suspend q" "resume q" "remove q")
	one_loop || fail setup
	for i in "${!steps[@]}"; do
		# shellcheck disable=SC2086
		if [ "$i" = 0 ]; then
			_timed ms rc out "$LODM_DMSETUP" ${steps[$i]} "0 100 linear $L0 0"
		else
			_timed ms rc out "$LODM_DMSETUP" ${steps[$i]}
		fi
		log "${steps[$i]}: ${ms} ms"
		assert_eq 0 "$rc" "${steps[$i]}: $out"
		assert_eq "" "$out" "${steps[$i]} prints nothing"
		[ "$ms" -lt 3000 ] || fail "${steps[$i]} took ${ms} ms"
		case $i in
			0) assert_exists /dev/mapper/p /dev/disk/by-id/dm-name-p /dev/disk/by-id/dm-uuid-UUID-p ;;
			1) assert_exists /dev/mapper/q /dev/disk/by-id/dm-name-q; assert_not_exists /dev/mapper/p /dev/disk/by-id/dm-name-p ;;
			4) assert_not_exists /dev/mapper/q /dev/disk/by-id/dm-name-q /dev/disk/by-id/dm-uuid-UUID-p ;;
		esac
	done
	assert_no_cookies
}
# -J udevcookies (lodm's addition, docs/json.md): the text's cookies, semids,
# values and times
t_udevcookies_json() {
	need_cmd jq
	two_cookies || fail setup
	local out text json
	out=$("$LODM_DMSETUP" -J udevcookies) || fail "udevcookies -J failed"
	printf '%s' "$out" | jq -e '(.cookies | length) == 2 and all(.cookies[]; (keys | sort) == ["cookie","last_change_time","last_semop_time","semid","value"] and (.cookie | test("^0xd4d[0-9a-f]{4}$")) and (.semid|type) == "number" and .value == 1 and (.last_semop_time|type) == "number" and (.last_change_time|type) == "number")' >/dev/null ||
		fail "shape and types: $out"
	text=$("$LODM_DMSETUP" udevcookies | tail -n +2 | sed 's/  */ /g')
	json=$(printf '%s' "$out" | jq -r '.cookies[] | "\(.cookie) \(.semid) \(.value) \(.last_semop_time) \(.last_change_time)"' |
		while read -r c s v o t; do
			echo "$c $s $v $(date -d "@$o" '+%a %b %e %H:%M:%S %Y') $(date -d "@$t" '+%a %b %e %H:%M:%S %Y')"
		done | sed 's/  */ /g')
	assert_eq "$text" "$json" "the text's cookies"
	"$LODM_DMSETUP" udevcomplete_all -y >/dev/null || fail cleanup
	out=$("$LODM_DMSETUP" -J udevcookies) || fail "udevcookies -J failed"
	assert_eq '{"cookies":[]}' "$(printf '%s' "$out" | jq -c .)" "no cookies"
}
