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
