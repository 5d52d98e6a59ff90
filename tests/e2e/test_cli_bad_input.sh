# Inputs a sanitizer build found mishandled, each with gdb's sentence (or one that says what
# failed, why and what to do), cdbg ending normally (no signal) and, in the ASan+UBSan build
# that runs this same script, no sanitizer report (leaks included):
#   list 2147483647                  signed overflow computing the lines around it
#   thread apply all / 1 / (nothing) 16 bytes leaked; gdb's "Please specify ..." sentences
#   thread apply 3-1 p 1             silently did nothing; gdb: "inverted range" (and gdb takes
#                                    no commas in ID lists: "Invalid thread ID: 1,4-2 p 1")
#   x/x $sp, p $pc after detach      "no register named 'sp'"; gdb: "No registers."
#   run of a program whose interpreter (PT_INTERP, or #! line) does not exist: said "no such
#                                    file or directory" of a file that exists
. "$CDBG_E2E_LIB"
export LC_ALL=C

PROG="$CDBG_TRACEE_DIR/sym_basic"
[ -x "$PROG" ] || skip "tracee sym_basic is not built"

# run NAME ARGS...: cdbg -q -batch ARGS, stdout/stderr to NAME.out/NAME.err; checks the status.
run() {
	local name=$1; shift
	timeout -k 5 60 "$CDBG" -q -batch "$@" < /dev/null > "$E2E_TMP/$name.out" 2> "$E2E_TMP/$name.err"
	local st=$?
	((st < 124)) || fail "$name: cdbg ended with status $st"
	! grep -aqE '(Address|Leak|UndefinedBehavior|Memory)Sanitizer|runtime error:' "$E2E_TMP/$name.err" ||
		fail "$name: sanitizer report: $(grep -aE 'Sanitizer|runtime error' "$E2E_TMP/$name.err" | head -3)"
}
# errs NAME: its stderr lines, the program's own output left out.
errs() { grep -avE '^(ready|file=|calls=)' "$E2E_TMP/$1.err"; }

run list -ex 'break main' -ex run -ex 'list 2147483647' -ex 'list 99999999999999999999' \
	-ex 'list 80,+2147483647' "$PROG"
SRCFILE="$(cd "$(dirname "$CDBG_E2E_LIB")/../tracees" && pwd)/sym_basic.c"
N=$(wc -l < "$SRCFILE")
expect_eq "list errors" "$(errs list)" "Line number 2147483642 out of range; $SRCFILE has $N lines.
Line number 9007199254740987 out of range; $SRCFILE has $N lines."
expect_grep "$E2E_TMP/list.out" "^$N	}\$"

run apply -ex 'break main' -ex run -ex 'thread apply all' -ex 'thread apply' -ex 'thread apply 1' \
	-ex 'thread apply 3-1 p 1' -ex 'thread apply 1,4-2 p 1' -ex 'thread apply 1-1 p 2' "$PROG"
expect_eq "thread apply errors" "$(errs apply)" "Please specify a command at the end of 'thread apply all'
Please specify a thread ID list
Please specify a command following the thread ID list
inverted range
Invalid thread ID: 1,4-2 p 1"
expect_grep "$E2E_TMP/apply.out" '^\$1 = 2$'

run noregs -ex 'x/x $sp' -ex 'break main' -ex run -ex detach -ex 'x/x $sp' -ex 'p $pc' -ex 'p $rax' \
	-ex 'p $nosuch' "$PROG"
expect_eq "no-register errors" "$(errs noregs)" "No registers.
No registers.
No registers.
No registers."
expect_grep "$E2E_TMP/noregs.out" '^\$1 = void$'

# A program whose file gives no symbols (stripped: no .symtab, no DWARF): `break main` set
# before `run` stays pending, and cdbg says why instead of letting it run to its end silently.
if command -v strip > /dev/null; then
	strip --strip-all -o "$E2E_TMP/stripped" "$PROG"
	run nosyms -ex 'set breakpoint pending on' -ex 'break main' -ex run "$E2E_TMP/stripped"
	expect_grep "$E2E_TMP/nosyms.err" "^warning: no symbol table and no debug information could be read from $E2E_TMP/stripped \\(stripped or corrupted\\); breakpoints on its functions stay pending: use break \\*ADDRESS$"
fi

# The program's interpreter does not exist: PT_INTERP renamed in a copy, and a #! script.
INTERP=$(readelf -l "$PROG" 2>/dev/null | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
[ -n "$INTERP" ] || skip "sym_basic names no interpreter"
BAD=${INTERP%?}9
[ ! -e "$BAD" ] || skip "$BAD exists"
sed "s|$INTERP|$BAD|" "$PROG" > "$E2E_TMP/badinterp"
chmod +x "$E2E_TMP/badinterp"
printf '#!/nonexistent/cdbg-test-sh\necho hi\n' > "$E2E_TMP/badsh"
chmod +x "$E2E_TMP/badsh"
run interp -ex run "$E2E_TMP/badinterp"
expect_eq "missing interpreter" "$(errs interp)" "cannot run $E2E_TMP/badinterp: its interpreter $BAD does not exist (install it, or rebuild the program for this system)"
run shebang -ex run "$E2E_TMP/badsh"
expect_eq "missing #! interpreter" "$(errs shebang)" "cannot run $E2E_TMP/badsh: its interpreter /nonexistent/cdbg-test-sh does not exist (install it, or rebuild the program for this system)"
pass
