# shellcheck shell=bash disable=SC2016,SC2034
# Secrets (docs/robustness.md, "Secrets"): the keys in crypt and integrity
# tables and in dm-crypt's "key set" message.
#   - `table` hides them as the reference does (compared with it), and
#     --showkeys shows them, whichever way our dmsetup loaded the table;
#   - the requests that carry a key go with DM_SECURE_DATA_FLAG (strace -v
#     decodes the dm ioctls), the others without; -vv says "securedata" on
#     them (a deviation: dmsetup 1.02.185 never sets the flag, docs/compat.md).
TOOL=dmsetup
KEY=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
ZEROS=0000000000000000000000000000000000000000000000000000000000000000
CRYPT_KEYED="aes-xts-plain64 $KEY 0"

one_loop() { mkimg a.img 8 && L0=$("$REF_LOSETUP" -f --show a.img) && [ -n "$L0" ]; }

# _same_table DEV: our table (and --showkeys) is the reference's
_same_table() {
	assert_eq "$("$REF_DMSETUP" table "$1")" "$("$LODM_DMSETUP" table "$1")" "table $1"
	assert_eq "$("$REF_DMSETUP" table --showkeys "$1")" "$("$LODM_DMSETUP" table --showkeys "$1")" "table --showkeys $1"
	assert_eq "$("$REF_DMSETUP" table --concise)" "$("$LODM_DMSETUP" table --concise)" "table --concise"
}

# strace -v ... with the ioctls decoded into FILE; LeakSanitizer cannot run
# under ptrace (a sanitizer build): leaks are checked by the other tests
_strace() { # FILE CMD...
	local f=$1; shift
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f -v -e trace=ioctl -o "$f" "$@"
}

# the load request of a traced command: the DM_TABLE_LOAD (or message) line,
# request part only (what follows " => " is the kernel's reply)
_traced() { # FILE IOCTL
	grep -E "ioctl\([0-9]+, $2, " "$1" | sed 's/ => .*//'
}

t_crypt_key_hidden_every_source() {
	need_lodm dmsetup
	one_loop || fail "no loop device"
	local want="0 8192 crypt aes-xts-plain64 $ZEROS 0 7:0 0"
	assert_ok "$LODM_DMSETUP" create c1 --table "0 8192 crypt $CRYPT_KEYED $L0 0"
	printf '0 8192 crypt %s %s 0\n' "$CRYPT_KEYED" "$L0" >t.tab
	assert_ok "$LODM_DMSETUP" create c2 t.tab
	assert_ok sh -c "\"$LODM_DMSETUP\" create c3 <t.tab"
	assert_ok "$LODM_DMSETUP" create --concise "c4,,,,0 8192 crypt $CRYPT_KEYED $L0 0"
	for d in c1 c2 c3 c4; do
		assert_match "^0 8192 crypt aes-xts-plain64 0{64} 0 7:0 0$" "$("$LODM_DMSETUP" table $d)" "$d hidden"
		assert_match "$KEY" "$("$LODM_DMSETUP" table --showkeys $d)" "$d --showkeys"
		_same_table $d
	done
	assert_no_match "$KEY" "$("$LODM_DMSETUP" table; "$LODM_DMSETUP" table --concise)" "no key in table"
	assert_eq "$want" "$("$LODM_DMSETUP" table c1 | sed 's/ [0-9]*:[0-9]* / 7:0 /')" "the hidden line"
}

t_crypt_keyring_and_null_shown_as_reference() {
	need_lodm dmsetup
	one_loop || fail "no loop device"
	# cipher_null takes no key: "-" (shown as "0", as the reference shows it)
	assert_ok "$LODM_DMSETUP" create n --table "0 8192 crypt cipher_null-ecb - 0 $L0 0"
	_same_table n
}

t_integrity_keys_hidden() {
	need_lodm dmsetup
	need_target integrity
	one_loop || fail "no loop device"
	local opts="internal_hash:hmac(sha256):$KEY journal_crypt:ctr(aes):$KEY journal_mac:hmac(sha256):$KEY"
	assert_ok "$LODM_DMSETUP" create i --table "0 8 integrity $L0 0 32 J 3 $opts"
	local t
	t=$("$LODM_DMSETUP" table i)
	assert_no_match "$KEY" "$t" "integrity keys hidden"
	assert_match "internal_hash:hmac\(sha256\):0{64}" "$t" "internal_hash key as zeros"
	assert_match "journal_crypt:ctr\(aes\):0{64}" "$t" "journal_crypt key as zeros"
	assert_match "journal_mac:hmac\(sha256\):0{64}" "$t" "journal_mac key as zeros"
	assert_match "internal_hash:hmac\(sha256\):$KEY" "$("$LODM_DMSETUP" table --showkeys i)" "--showkeys"
	_same_table i
}

t_secure_flag_on_keyed_loads() {
	need_lodm dmsetup
	need_cmd strace
	one_loop || fail "no loop device"
	local l
	assert_ok _strace tr1 "$LODM_DMSETUP" create c --table "0 8192 crypt $CRYPT_KEYED $L0 0"
	l=$(_traced tr1 DM_TABLE_LOAD)
	assert_match "DM_SECURE_DATA_FLAG" "$l" "crypt load with a key: flag set"
	assert_ok _strace tr2 "$LODM_DMSETUP" load c --table "0 8192 crypt $CRYPT_KEYED $L0 0"
	assert_match "DM_SECURE_DATA_FLAG" "$(_traced tr2 DM_TABLE_LOAD)" "reload with a key: flag set"
	printf '0 8192 crypt %s %s 0\n' "$CRYPT_KEYED" "$L0" | _strace tr3 "$LODM_DMSETUP" create c2 ||
		fail "create from stdin"
	assert_match "DM_SECURE_DATA_FLAG" "$(_traced tr3 DM_TABLE_LOAD)" "table from stdin: flag set"
	# no key: no flag (linear; crypt's "-"; a kernel keyring reference, refused for want of the key)
	assert_ok _strace tr4 "$LODM_DMSETUP" create l --table "0 8 linear $L0 0"
	l=$(_traced tr4 DM_TABLE_LOAD)
	assert_match "linear" "$l" "the linear load traced"
	assert_no_match "DM_SECURE_DATA_FLAG" "$l" "linear: no flag"
	assert_ok _strace tr5 "$LODM_DMSETUP" create n --table "0 8 crypt cipher_null-ecb - 0 $L0 0"
	assert_no_match "DM_SECURE_DATA_FLAG" "$(_traced tr5 DM_TABLE_LOAD)" "cipher_null '-': no flag"
	_strace tr6 "$LODM_DMSETUP" create k --table "0 8 crypt aes-xts-plain64 :64:logon:lodm:none 0 $L0 0" \
		>/dev/null 2>&1
	l=$(_traced tr6 DM_TABLE_LOAD)
	assert_match "logon" "$l" "the keyring load traced"
	assert_no_match "DM_SECURE_DATA_FLAG" "$l" "keyring reference: no flag"
}

t_secure_flag_on_key_set_message() {
	need_lodm dmsetup
	need_cmd strace
	one_loop || fail "no loop device"
	assert_ok "$LODM_DMSETUP" create c --table "0 8192 crypt $CRYPT_KEYED $L0 0"
	assert_ok "$LODM_DMSETUP" suspend c
	assert_ok _strace tr1 "$LODM_DMSETUP" message c 0 key wipe
	assert_match "key wipe" "$(_traced tr1 DM_TARGET_MSG)" "the key wipe message traced"
	assert_no_match "DM_SECURE_DATA_FLAG" "$(_traced tr1 DM_TARGET_MSG)" "key wipe: no flag"
	assert_ok _strace tr2 "$LODM_DMSETUP" message c 0 key set "$KEY"
	assert_match "DM_SECURE_DATA_FLAG" "$(_traced tr2 DM_TARGET_MSG)" "key set: flag set"
	assert_ok "$LODM_DMSETUP" resume c
	assert_match "$KEY" "$("$LODM_DMSETUP" table --showkeys c)" "the key set is the device's"
	assert_match "^0 8192 crypt aes-xts-plain64 0{64} " "$("$LODM_DMSETUP" table c)" "and hidden"
}

t_vv_says_securedata() {
	need_lodm dmsetup
	one_loop || fail "no loop device"
	local ours ref
	ours=$("$LODM_DMSETUP" -vv create c --table "0 8192 crypt $CRYPT_KEYED $L0 0" 2>&1)
	assert_match '^dm reload .*securedata' "$ours" "ours: securedata on the reload"
	assert_no_match "$KEY" "$ours" "-vv prints no key"
	assert_ok "$LODM_DMSETUP" remove c
	ref=$("$REF_DMSETUP" -vv create c --table "0 8192 crypt $CRYPT_KEYED $L0 0" 2>&1)
	assert_match '^dm reload ' "$ref" "the reference's reload line"
	assert_no_match 'securedata' "$ref" "the reference never sets the flag"
}
