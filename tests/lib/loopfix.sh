# Shared helpers for tests that attach loop devices on the host.
# A test only ever detaches devices whose backing file lies under its own
# work directory, so devices of anybody else are never touched.
#
# Sourcing this file puts the script under the node guard (the end of this
# file): it runs as a child, and fails when it has left a /dev/loop* node
# changed (mode, owner, group, device number), removed, or made by name.

REF_LOSETUP=${REF_LOSETUP:-/usr/sbin/losetup}

# lodm_detach_under DIR: detach every loop device backed by a file under DIR.
lodm_detach_under() {
	local dir=$1 bf dev tries
	for tries in 1 2 3 4 5; do
		local left=0
		for bf in /sys/block/loop*/loop/backing_file; do
			[ -r "$bf" ] || continue
			case "$(cat "$bf" 2>/dev/null)" in
			"$dir"/*)
				dev=${bf#/sys/block/}; dev=/dev/${dev%%/*}
				"$REF_LOSETUP" -d "$dev" 2>/dev/null || left=1 ;;
			esac
		done
		[ $left = 0 ] && return 0
		sleep 0.1
	done
	return 1
}

# lodm_devices_under DIR: list devices still backed by files under DIR.
lodm_devices_under() {
	local dir=$1 bf
	for bf in /sys/block/loop*/loop/backing_file; do
		[ -r "$bf" ] || continue
		case "$(cat "$bf" 2>/dev/null)" in
		"$dir"/*) bf=${bf#/sys/block/}; echo "/dev/${bf%%/*}" ;;
		esac
	done
}

# lodm_loop_remove N: delete unbound loop device N (LOOP_CTL_REMOVE), for a
# test that made it by name; retried a moment while a detach completes.
lodm_loop_remove() {
	local n=$1 tries
	for tries in 1 2 3 4 5 6 7 8 9 10; do
		[ -e "/sys/block/loop$n" ] || return 0
		perl -e 'open(my $c, "+<", "/dev/loop-control") or exit 1;
			 defined(ioctl($c, 0x4C81, $ARGV[0] + 0)) or exit 1' "$n" && return 0
		sleep 0.1
	done
	echo "cannot remove loop$n" >&2
	return 1
}

# lodm_unused_loop_nr: a loop number neither the kernel nor /dev has, well
# above what the machine uses.
lodm_unused_loop_nr() {
	local n=$(( 3000 + RANDOM % 2000 ))
	while [ -e "/sys/block/loop$n" ] || [ -e "/dev/loop$n" ]; do n=$((n + 1)); done
	echo "$n"
}

# lodm_make_fixtures DIR: the standard files every case may use.
lodm_make_fixtures() {
	local d=$1
	mkdir -p "$d/dir" "$d/rodir" "$d/a-very-long-directory-name-to-pass-the-sixty-four-byte-limit-of-lo_file_name"
	truncate -s 1M "$d/a.img"
	truncate -s 2M "$d/b.img"
	truncate -s 4M "$d/c.img"
	truncate -s 100 "$d/small.img"
	truncate -s 1000 "$d/odd.img"
	truncate -s 0 "$d/empty.img"
	truncate -s 1M "$d/space name.img"
	truncate -s 1M "$d/a-very-long-directory-name-to-pass-the-sixty-four-byte-limit-of-lo_file_name/long.img"
	ln -sf a.img "$d/link.img"
	truncate -s 1M "$d/rodir/ro.img"
	# a read-only view of rodir: opening ro.img for writing fails with EROFS
	mount --bind "$d/rodir" "$d/rodir" && mount -o remount,bind,ro "$d/rodir"
}

lodm_remove_fixtures() {
	local d=$1
	mountpoint -q "$d/rodir" 2>/dev/null && umount "$d/rodir"
	rm -rf "$d"
}

# lodm_node_table: one line per /dev/loop* node, what a test must not change.
lodm_node_table() {
	local n
	for n in /dev/loop*; do
		[ -e "$n" ] || [ -L "$n" ] || continue
		stat -c '%n %F %a %u %g %t:%T' "$n"
	done
}

# lodm_nodes_kept BEFORE AFTER: 0 when every node of BEFORE is in AFTER as it
# was; else prints what changed.  A new /dev/loopN is fine when every lower
# number has a node too: LOOP_CTL_GET_FREE (losetup -f) makes the lowest
# missing device, and keeps it.  Any other new node was made by name and
# should have been removed.
lodm_nodes_kept() {
	awk -v before="$1" -v after="$2" 'BEGIN {
		n = split(before, b, "\n"); for (i = 1; i <= n; i++) if (b[i] != "") { split(b[i], f, " "); was[f[1]] = b[i] }
		n = split(after, a, "\n"); for (i = 1; i <= n; i++) if (a[i] != "") { split(a[i], f, " "); now[f[1]] = a[i] }
		bad = 0
		for (k in was) {
			if (!(k in now)) { print "node removed: " was[k]; bad = 1 }
			else if (now[k] != was[k]) { print "node changed: " was[k] " -> " now[k]; bad = 1 }
		}
		for (k in now) {
			if (k in was) continue
			if (k !~ /^\/dev\/loop[0-9]+$/) { print "node made: " now[k]; bad = 1; continue }
			nr = substr(k, 10) + 0
			for (m = 0; m < nr; m++) if (!(("/dev/loop" m) in now)) break
			if (m < nr) { print "node made by name and left: " now[k]; bad = 1 }
		}
		exit bad
	}'
}

# lodm_guard_nodes ARGS: runs the sourcing script again as a child (with
# LODM_NODE_GUARD set) and exits with its status, or 1 when it changed nodes.
lodm_guard_nodes() {
	local before report rc
	before=$(lodm_node_table)
	LODM_NODE_GUARD=1 "$BASH" "$0" "$@"; rc=$?
	report=$(lodm_nodes_kept "$before" "$(lodm_node_table)") || {
		printf '%s\n' "$report" | sed "s|^|FAIL $(basename "$0"): |"
		[ "$rc" = 0 ] && rc=1
	}
	exit "$rc"
}

[ -n "${LODM_NODE_GUARD:-}" ] || lodm_guard_nodes "$@"
