# gcore: a core file of a live program, read back by gdb. (a) at a breakpoint of a 4-thread
# program with breakpoints inserted in code every thread runs: gdb agrees with what cdbg printed
# live, the core's code bytes are the file's (no 0xCC of cdbg's), the program ends with its own
# accounting right; (b) `cdbg gcore -o PREFIX PID` on a running program: it keeps running, gdb
# reads the core, the note types are those of gdb's own gcore; (c) unwritable paths: one
# sentence, no file, the program goes on; (d) coredump_filter and MADV_DONTDUMP: the PT_LOADs
# the kernel's own core of the same program has.
. "$CDBG_E2E_LIB"

command -v gdb > /dev/null || skip "gdb is not installed"
PROG="$CDBG_TRACEE_DIR/dumpme"
[ -x "$PROG" ] || skip "tracee dumpme is not built"
CHECK="python3 $(dirname "$CDBG_E2E_LIB")/gcore_check.py"
T=$E2E_TMP

# ---- (a) ----
timeout 120 "$CDBG" -q -batch -ex 'break checkpoint' -ex 'break work if x < 0' -ex 'break never_called' \
	-ex run -ex 'info threads' -ex 'thread apply all bt' -ex 'info registers' -ex 'p dump_global' \
	-ex 'p dump_text' -ex 'p keep_region' -ex 'p nodump_region' -ex "gcore $T/core.a" \
	-ex 'generate-core-file' -ex delete -ex continue --args "$PROG" 4 20000 0 > "$T/a.out" 2>&1 ||
	fail "cdbg exited $?"
expect_grep "$T/a.out" "^Saved corefile $T/core.a\$"
expect_grep "$T/a.out" '^Saved corefile core\.[0-9]+$'
expect_grep "$T/a.out" '^total=320000 expected=320000$'
expect_grep "$T/a.out" 'exited normally'
defcore=$(sed -n 's/^Saved corefile \(core\.[0-9]*\)$/\1/p' "$T/a.out")
[ -f "$defcore" ] || fail "no $defcore in the current directory"
rm -f "$defcore"
ls "$T"/core.a.tmp* 2> /dev/null && fail "a temporary file was left"
timeout 120 gdb -batch -nx "$PROG" "$T/core.a" -ex 'info threads' -ex 'thread apply all bt' \
	-ex 'info registers' -ex 'p dump_global' -ex 'p dump_text' > "$T/a.gdb" 2>&1 || fail "gdb exited $?"
# Threads: the same LWPs, the first one the thread at the breakpoint.
lwps() { grep -oE '^\*? *[0-9]+ +Thread 0x[0-9a-f]+ \(LWP [0-9]+\)' "$1" | grep -oE 'LWP [0-9]+' | cut -d' ' -f2 | sort | xargs; }
expect_eq "threads in the core" "$(lwps "$T/a.gdb")" "$(lwps "$T/a.out")"
expect_eq "thread count" "$(lwps "$T/a.gdb" | wc -w)" 5
main_lwp=$(grep -oE '^\* +1 +Thread .*\(LWP [0-9]+\)' "$T/a.out" | grep -oE '[0-9]+\)$' | tr -d ')')
grep -qE "^\* +1 +Thread .*\(LWP $main_lwp\)" "$T/a.gdb" || fail "gdb's thread 1 is not LWP $main_lwp"
# Backtraces: per LWP, the same functions.
stacks() {
	awk '/^Thread [0-9]+ \(Thread/ { match($0, /LWP [0-9]+/); lwp = substr($0, RSTART + 4, RLENGTH - 4) }
	     /^#[0-9]+ / && lwp != "" { f = $2; if (f ~ /^0x/) f = $4; sub(/^clone3$/, "__clone3", f); print lwp, $1, f }' "$1" | sort
}
expect_eq "backtraces" "$(stacks "$T/a.gdb")" "$(stacks "$T/a.out")"
stacks "$T/a.out" | grep -q ' checkpoint$' || fail "no checkpoint frame"
[ "$(stacks "$T/a.out" | grep -c ' worker_main$')" = 4 ] || fail "not 4 worker stacks"
# Registers of the selected thread, general ones.
regs() { grep -E '^(r[a-z0-9]+|e?flags|[cdefgs]s) +0x' "$1" | awk '{ print $1, $2 }'; }
[ "$(regs "$T/a.out" | wc -l)" -ge 20 ] || fail "cdbg printed too few registers"
expect_eq "registers" "$(regs "$T/a.gdb")" "$(regs "$T/a.out")"
expect_grep "$T/a.gdb" '^\$1 = 12345$'
expect_grep "$T/a.gdb" '^\$2 = "gcore-marker"$'
# The code bytes: the file's, with breakpoints at checkpoint, work and never_called inserted.
$CHECK text "$T/core.a" "$PROG" > "$T/a.text" 2>&1 || fail "$(cat "$T/a.text")"
# The default filter (0x33): the written anonymous region whole, the MADV_DONTDUMP one empty.
keep=$(sed -n 's/^\$3 = \(0x[0-9a-f]*\).*/\1/p' "$T/a.out")
nodump=$(sed -n 's/^\$4 = \(0x[0-9a-f]*\).*/\1/p' "$T/a.out")
[ -n "$keep" ] && [ -n "$nodump" ] || fail "no region addresses"
$CHECK loads "$T/core.a" > "$T/a.loads"
read -r _ ms fs _ <<< "$($CHECK at "$T/core.a" "$keep")"
[ -n "$ms" ] && [ "$ms" = "$fs" ] || fail "keep_region: memsz $ms filesz $fs"
read -r _ ms fs _ <<< "$($CHECK at "$T/core.a" "$nodump")"
expect_eq "MADV_DONTDUMP region filesz" "$fs" 0x0

# ---- (b) ----
start_tracee dumpme 3 3000 1000
for ((i = 0; i < 200; i++)); do [ "$(count_threads "$TRACEE_PID")" = 4 ] && break; sleep 0.05; done
"$CDBG" gcore -o "$T/x" "$TRACEE_PID" > "$T/b.out" 2>&1 || fail "cdbg gcore exited $?"
expect_grep "$T/b.out" "^Saved corefile $T/x.$TRACEE_PID\$"
sleep 0.2
states "$TRACEE_PID" | grep -qE '[tT]' && fail "still stopped after cdbg gcore: $(states "$TRACEE_PID")"
timeout 120 gdb -batch -nx "$PROG" "$T/x.$TRACEE_PID" -ex 'info threads' > "$T/b.gdb" 2>&1
expect_eq "threads of the standalone core" "$(lwps "$T/b.gdb" | wc -w)" 4
if gcore -o "$T/g" "$TRACEE_PID" > "$T/b.gcore" 2>&1 && [ -f "$T/g.$TRACEE_PID" ]; then
	types() { readelf -n "$1" | awk '/^  [A-Z]+ +0x/ { print $1, $3 }' | grep -v NT_GDB_TDESC | sort -u; }
	expect_eq "note types (cdbg vs gdb's gcore)" "$(types "$T/x.$TRACEE_PID")" "$(types "$T/g.$TRACEE_PID")"
fi
tracee_quit
expect_eq "dumpme exit status" "$TRACEE_STATUS" 0
expect_grep "$T/dumpme.out" '^total=27000 expected=27000$'

# ---- (c) ----
: > "$T/plainfile"
timeout 120 "$CDBG" -q -batch -ex 'break checkpoint' -ex run -ex "gcore $T/nodir/core" \
	-ex "gcore $T/plainfile/core" -ex continue --args "$PROG" 2 100 0 > "$T/c.out" 2>&1
expect_grep "$T/c.out" "^cannot write the core file $T/nodir/core: its directory does not exist\$"
expect_grep "$T/c.out" "^cannot write the core file $T/plainfile/core: not a directory\$"
expect_grep "$T/c.out" '^total=400 expected=400$'
[ -e "$T/nodir" ] && fail "a directory was made"
[ "$(ls "$T" | grep -c 'tmp')" = 0 ] || fail "files left: $(ls "$T")"
timeout 60 "$CDBG" -q -batch -ex 'gcore' > "$T/c2.out" 2>&1
expect_grep "$T/c2.out" '^The program is not being run\.$'

# ---- (d) ----
# The kernel's own core of the same program (no ASLR in both runs, the same point: checkpoint
# aborts), when this system writes one into the current directory.
mkdir "$T/k"
(cd "$T/k" && ulimit -c unlimited && setarch -R "$PROG" 0 0 0 filter=0x32 crash > /dev/null 2>&1)
timeout 120 setarch -R "$CDBG" -q -batch -ex 'break checkpoint' -ex run -ex "gcore $T/core.d" \
	-ex 'p keep_region' -ex 'p nodump_region' -ex kill --args "$PROG" 0 0 0 filter=0x32 crash > "$T/d.out" 2>&1
expect_grep "$T/d.out" "^Saved corefile $T/core.d\$"
$CHECK loads "$T/core.d" > "$T/d.loads"
keep=$(sed -n 's/^\$1 = \(0x[0-9a-f]*\).*/\1/p' "$T/d.out")
nodump=$(sed -n 's/^\$2 = \(0x[0-9a-f]*\).*/\1/p' "$T/d.out")
read -r _ ms fs _ <<< "$($CHECK at "$T/core.d" "$keep")"
expect_eq "anonymous region under filter 0x32" "$fs" 0x0
read -r _ ms fs _ <<< "$($CHECK at "$T/core.d" "$nodump")"
expect_eq "MADV_DONTDUMP region under filter 0x32" "$fs" 0x0
# No anonymous private memory, no private file bytes but the ELF headers' first pages.
awk '$5 == "" && $3 != "0x0" && $4 != 5 && $4 != 4 && $4 != 1 { print }' "$T/d.loads" | grep -q . &&
	fail "anonymous memory dumped under 0x32: $(awk '$5 == "" && $3 != "0x0"' "$T/d.loads")"
if [ -f "$T/k/core" ]; then
	$CHECK loads "$T/k/core" | awk '{ print $1, $2, $3, $4 }' | sort > "$T/k.loads"
	awk '{ print $1, $2, $3, $4 }' "$T/d.loads" | sort > "$T/d.sorted"
	diff "$T/k.loads" "$T/d.sorted" > "$T/kd.diff" || fail "PT_LOADs differ from the kernel's: $(cat "$T/kd.diff")"
else
	echo "no kernel core in the current directory: compared with the rules only"
fi
pass
