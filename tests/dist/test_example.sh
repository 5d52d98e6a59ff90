#!/usr/bin/env bash
# test_example: examples/backtrace, a small client of libcdbg, against examples/sample. Proves:
# started by the example (launch) and attached to while it runs (attach), the sample stops at
# do_work, the backtrace goes do_work <- worker (with sample.c lines), and after the detach the
# attached sample goes on printing ticks; the launched one's detach is reported.
# Usage: test_example.sh BACKTRACE SAMPLE
set -euo pipefail
bt=$1
sample=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cdbg-example.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}

check_trace() { # FILE WHAT
	grep -q '^breakpoint 1 at 0x[0-9a-f]*: do_work, process [0-9]*$' "$1" || fail "$2: no breakpoint line"
	grep -qE '^#0  0x[0-9a-f]+ in do_work at .*sample\.c:[0-9]+$' "$1" || fail "$2: frame 0 is not do_work"
	grep -qE '^#1  0x[0-9a-f]+ in worker at .*sample\.c:[0-9]+$' "$1" || fail "$2: frame 1 is not worker"
	grep -q '^detached$' "$1" || fail "$2: no detach"
}

# Launched by the example.
"$bt" do_work "$sample" 1 > "$tmp/launch.out" 2>&1 || { cat "$tmp/launch.out"; fail "launch: exit $?"; }
cat "$tmp/launch.out"
check_trace "$tmp/launch.out" launch

# Attached to a running sample, which carries on afterwards.
"$sample" 10 > "$tmp/sample.out" 2>&1 &
pid=$!
for _ in $(seq 50); do
	grep -q 'workers started' "$tmp/sample.out" && break
	sleep 0.1
done
"$bt" do_work -p "$pid" > "$tmp/attach.out" 2>&1 || { cat "$tmp/attach.out"; fail "attach: exit $?"; }
cat "$tmp/attach.out"
check_trace "$tmp/attach.out" attach
before=$(grep -c '^tick' "$tmp/sample.out" || true)
sleep 0.6
after=$(grep -c '^tick' "$tmp/sample.out" || true)
[ "$after" -gt "$before" ] || fail "the sample stopped ticking after the detach ($before, then $after)"
kill -0 "$pid" || fail "the sample died"
echo "PASS"
