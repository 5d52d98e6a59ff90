# `handle` takes the names cdbg and gdb print for realtime signals (SIG34..SIG64), as well as
# numbers and RTMIN+N; SIG31 and SIG65 are not signal names and are refused with gdb's sentence.
. "$CDBG_E2E_LIB"

out=$("$CDBG" -q -batch -ex 'handle SIG35 nostop noprint pass' -ex 'handle RTMIN+1 stop' \
	-ex 'handle SIG64 nopass' -ex 'handle SIG65 stop' 2>&1)
echo "$out" | tr -s ' \t' ' ' | grep -q '^SIG35 No No Yes Real-time event' || fail "SIG35: $out"
echo "$out" | tr -s ' \t' ' ' | grep -q '^SIG35 Yes Yes Yes Real-time event' || fail "RTMIN+1: $out"
echo "$out" | tr -s ' \t' ' ' | grep -q '^SIG64 .* No Real-time event' || fail "SIG64: $out"
echo "$out" | grep -qF 'Unrecognized or ambiguous flag word: "SIG65".' || fail "SIG65: $out"
pass
