# Libraries loaded later (dl_host dlopen()s dl_lib.so when told): a breakpoint on a function of
# the library, set on the running program before the load, is pending as in gdb (the batch
# query answered N without `set breakpoint pending on`; "Breakpoint 1 (dl_add) pending." and
# <PENDING> with it), is placed when the library is loaded and hit with the arguments the
# program passed; `info sharedlibrary` lists the library while it is loaded and not after
# dlclose, when the breakpoint is pending again (its second hit, from dl_twice, is ignored).
# Pending breakpoints by FILE:LINE likewise.
. "$CDBG_E2E_LIB"

start_tracee dl_host
"$CDBG" -q -batch -p "$TRACEE_PID" -ex 'break dl_add' -ex 'set breakpoint pending on' \
	-ex 'break dl_add' -ex 'break unloaded_here' -ex 'info breakpoints' -ex continue \
	-ex 'print $rdi' -ex 'print $rsi' -ex bt -ex 'info sharedlibrary' -ex 'ignore 1 1' \
	-ex continue -ex 'info sharedlibrary' -ex 'info breakpoints' -ex detach \
	> "$E2E_TMP/dl.out" 2>&1 &
CDBG_PID=$!
wait_line "$E2E_TMP/dl.out" '^Continuing' 20 || fail "cdbg did not continue"
printf 'load\ncall 5\nunload\n' >&7
wait "$CDBG_PID" # the refused pending breakpoint makes it exit 1, as gdb
out=$E2E_TMP/dl.out
# Refused in batch mode, then made pending.
expect_grep "$out" '^Function "dl_add" not defined\.$'
expect_grep "$out" '^Make breakpoint pending on future shared library load\? \(y or \[n\]\) \[answered N; input not from terminal\]$'
expect_grep "$out" '^Breakpoint 1 \(dl_add\) pending\.$'
expect_grep "$out" '^1       breakpoint     keep y   <PENDING> +dl_add$'
# Placed at the load, hit with dl_add(5, 2).
expect_grep "$out" '^Breakpoint 1, dl_add \(.*\) at dl_lib\.c:[0-9]+$'
expect_grep "$out" '^\$1 = 5$'
expect_grep "$out" '^\$2 = 2$'
funcs=$(grep -E '^#[0-9]+ ' "$out" | sed -E 's/^#[0-9]+ +(0x[0-9a-f]+ in )?([^ ]+) .*/\2/' |
	head -2 | tr '\n' ' ')
expect_eq "backtrace in the library" "$funcs" "dl_add main "
lib="$CDBG_TRACEE_DIR/dl_lib.so"
[ "$(grep -c " $lib\$" "$out")" = 1 ] || fail "dl_lib.so is not listed once while loaded"
# After dlclose: stopped in unloaded_here, the library is not listed, dl_add pending again.
expect_grep "$out" '^Breakpoint 2, unloaded_here \(\) at dl_host\.c:[0-9]+$'
sed -n '/^Breakpoint 2, unloaded_here/,$p' "$out" > "$E2E_TMP/after.out"
grep -q "dl_lib\.so" "$E2E_TMP/after.out" && fail "dl_lib.so still listed after dlclose"
expect_grep "$E2E_TMP/after.out" '^1       breakpoint     keep y   <PENDING> +dl_add$'
expect_grep "$E2E_TMP/after.out" 'libc\.so\.6$'
# The program ran on unchanged: the hit and the breakpoint's removal left no trace.
expect_grep "$E2E_TMP/dl_host.out" '^dl_add=7 dl_twice=20$'
expect_grep "$E2E_TMP/dl_host.out" '^unloaded$'
[ "$(states "$TRACEE_PID")" != "*t*" ] || fail "threads left in tracing stop"
tracee_quit
expect_eq "dl_host exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/dl_host.out" '^done$'

# Launched: pending breakpoints set before `run`, by function and by FILE:LINE of the library,
# are placed when the library is loaded; on the running program a FILE:LINE of a file no module
# has yet gets gdb's sentence and, with pending on, waits too.
src=$(cd "$(dirname "$0")/../tracees" && pwd)/dl_lib.c
ret=$(grep -n 'L:add_return' "$src" | cut -d: -f1)
printf 'load\ncall 3\n' > "$E2E_TMP/run.in"
"$CDBG" -q -batch -ex 'set breakpoint pending on' -ex 'break dl_twice' -ex "break dl_lib.c:$ret" -ex "run < $E2E_TMP/run.in" \
	-ex 'print $rdi' -ex continue -ex delete \
	-ex continue "$CDBG_TRACEE_DIR/dl_host" > "$E2E_TMP/run.out" 2>&1 || fail "cdbg run exited $?"
expect_grep "$E2E_TMP/run.out" '^Breakpoint 1 \(dl_twice\) pending\.$'
expect_grep "$E2E_TMP/run.out" "^Breakpoint 2 \\(dl_lib\\.c:$ret\\) pending\\.\$"
expect_grep "$E2E_TMP/run.out" '^Breakpoint 1, dl_twice \(.*\) at dl_lib\.c:[0-9]+$'
expect_grep "$E2E_TMP/run.out" '^\$1 = 3$'
expect_grep "$E2E_TMP/run.out" "^Breakpoint 2, dl_add \\(.*\\) at dl_lib\\.c:$ret\$"
expect_grep "$E2E_TMP/run.out" '^dl_add=5 dl_twice=12$'
start_tracee dl_host
"$CDBG" -q -batch -p "$TRACEE_PID" -ex 'set breakpoint pending on' -ex "break dl_lib.c:$ret" \
	-ex 'info breakpoints' -ex detach > "$E2E_TMP/file.out" 2>&1 || fail "cdbg exited $?"
expect_grep "$E2E_TMP/file.out" '^No source file named dl_lib\.c\.$'
expect_grep "$E2E_TMP/file.out" "^Breakpoint 1 \\(dl_lib\\.c:$ret\\) pending\\.\$"
expect_grep "$E2E_TMP/file.out" "^1       breakpoint     keep y   <PENDING> +dl_lib\\.c:$ret\$"
tracee_quit
expect_eq "dl_host exit status" "$TRACEE_STATUS" 0

# `next` over the dlopen() call: the library arrives during the step, the pending breakpoint
# is placed on the way and the step still ends on the next line (not at a stop for the
# load); continuing then hits the breakpoint in the new library.
host=$(cd "$(dirname "$0")/../tracees" && pwd)/dl_host.c
open_line=$(grep -n 'h = dlopen(path' "$host" | cut -d: -f1)
"$CDBG" -q -batch -ex 'set breakpoint pending on' -ex 'break dl_add' \
	-ex "break dl_host.c:$open_line" -ex "run < $E2E_TMP/run.in" -ex next -ex continue \
	-ex continue "$CDBG_TRACEE_DIR/dl_host" > "$E2E_TMP/next.out" 2>&1 || fail "cdbg exited $?"
sed -n '/^Breakpoint 2, main/,$p' "$E2E_TMP/next.out" | grep -v -e '^loaded' -e '^Continuing' \
	-e '^\[' -e '^dl_add=' -e '^done' -e '^$' | sed -E 's/ \(.*\) at / (...) at /' |
	sed -E 's/^([0-9]+)\t\t*/\1\t/' | head -4 > "$E2E_TMP/next.body"
expect_eq "next over dlopen, then continue" "$(cat "$E2E_TMP/next.body")" \
"Breakpoint 2, main (...) at dl_host.c:$open_line
$open_line	$(sed -n "${open_line}p" "$host" | sed 's/^\t*//')
$((open_line + 1))	$(sed -n "$((open_line + 1))p" "$host" | sed 's/^\t*//')
Breakpoint 1, dl_add (...) at dl_lib.c:$(grep -n 'L:add_first' "$src" | cut -d: -f1)"
pass
