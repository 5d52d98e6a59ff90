# `handle` takes gdb's names for realtime signals (SIG32..SIG127, in gdb's order); SIG31 and
# SIG128 are not signal names, nor is RTMIN+1 (gdb has no such name), and are refused with
# gdb's sentence. In batch mode handle prints no table (gdb's from_tty is 0): info signals shows.
. "$CDBG_E2E_LIB"

out=$("$CDBG" -q -batch -ex 'handle SIG35 nostop noprint pass' -ex 'info signals SIG35' \
	-ex 'handle SIG64 nopass' -ex 'info signals SIG64' -ex 'handle SIG31 stop' \
	-ex 'handle SIG128 stop' -ex 'handle RTMIN+1 stop' 2>&1)
echo "$out" | tr -s ' \t' ' ' | grep -q '^SIG35 No No Yes Real-time event 35$' || fail "SIG35: $out"
echo "$out" | tr -s ' \t' ' ' | grep -q '^SIG64 Yes Yes No Real-time event 64$' || fail "SIG64: $out"
for w in SIG31 SIG128 RTMIN+1; do
	echo "$out" | grep -qF "Unrecognized or ambiguous flag word: \"$w\"." || fail "$w: $out"
done
expect_eq "tables" "$(echo "$out" | grep -c '^Signal ')" 2
pass
