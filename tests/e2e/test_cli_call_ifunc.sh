# Calls of glibc functions that are GNU indirect functions (STT_GNU_IFUNC): strlen and
# strcmp. Their symbol's address is the resolver, which returns the implementation for this
# CPU; gdb calls the resolver first and then the function it returned. cdbg must do the same:
# `call (long)strlen("hello")` is 5, not the address of __strlen_avx2.
. "$CDBG_E2E_LIB"

start_tracee call_basic
wait_in_syscall "$TRACEE_PID" 0 20 || fail "call_basic is not blocked in read()"
"$CDBG" -q -batch -p "$TRACEE_PID" -ex 'call (long)strlen("hello")' \
	-ex 'print (long)strlen("a somewhat longer string")' \
	-ex 'call (int)strcmp("abc", "abd")' \
	> "$E2E_TMP/i.out" 2> "$E2E_TMP/i.err"
grep '^\$' "$E2E_TMP/i.out" > "$E2E_TMP/i.vals"
expect_eq "IFUNC calls" "$(cat "$E2E_TMP/i.vals")" "\$1 = 5
\$2 = 24
\$3 = -1"
[ "$(states "$TRACEE_PID")" != "*t*" ] || fail "threads left in tracing stop"
tracee_quit
expect_eq "call_basic exit status" "$TRACEE_STATUS" 0
pass
