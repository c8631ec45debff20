# Shared helpers for tests that attach loop devices on the host.
# A test only ever detaches devices whose backing file lies under its own
# work directory, so devices of anybody else are never touched.

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
