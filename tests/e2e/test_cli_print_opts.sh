# gdb's print settings and options on vars, a program with a char array, a char * and an int *,
# compared line by line with gdb 13: data pointers carry <sym+off> (unsigned char * too, with
# its "(type) " prefix; plain char * without) under set print symbol on|off and print address
# on|off; print -elements/-repeats/-symbol/-- options for one command (a string that ends right
# at the limit gets no "..."); print null-stop; print max-depth (structs and arrays nested
# deeper as {...}, strings and scalars as they are); print pretty (members a line each,
# indented by level, arrays of structs as gdb breaks them); print array-indexes; the options
# -pretty, -array-indexes, -max-depth (and -a, -m ambiguous as in gdb); print nibbles in C, C++ and Rust (set language);
# show language and the print settings; an array assigned to a pointer decays; gdb's errors
# for bad character literals. (gdb's warning that the language does not match the frame is
# left out: gdb prints it after some commands only.)
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/vars
CMDS=(-ex 'break main' -ex 'run'
      -ex 'p &g_text[1]' -ex 'p (unsigned char *)g_text' -ex 'p (const char *)g_text'
      -ex 'p (signed char *)&g_text[1]' -ex 'p g_ptr' -ex 'p g_msg'
      -ex 'show print symbol' -ex 'set print symbol off' -ex 'show print symbol'
      -ex 'p &g_text[1]' -ex 'p (unsigned char *)g_text' -ex 'p g_ptr'
      -ex 'set print address off' -ex 'p &g_text[1]' -ex 'p g_ptr' -ex 'p (char *)0'
      -ex 'set print symbol on' -ex 'p &g_text[1]' -ex 'p g_ptr' -ex 'p (unsigned char *)g_text'
      -ex 'set print address on'
      -ex 'p -elements 1 -- g_text' -ex 'p -elements 2 -- g_msg' -ex 'p -elements 5 -- g_msg'
      -ex 'p -elements 4 -- g_msg' -ex 'p -symbol off -- g_ptr' -ex 'p -elem 2 -- g_grid'
      -ex 'p -- -1' -ex 'p -1' -ex 'p g_text'
      -ex 'show print null-stop' -ex 'set print null-stop on' -ex 'p g_text'
      -ex 'show print null-stop' -ex 'set print null-stop off'
      -ex 'show print max-depth' -ex 'set print max-depth 0' -ex 'p g_head' -ex 'p g_grid'
      -ex 'p g_text' -ex 'p g_head.id' -ex 'set print max-depth 1' -ex 'p g_head' -ex 'p g_grid'
      -ex 'set print max-depth 2' -ex 'p g_head' -ex 'set print max-depth -2'
      -ex 'set print max-depth -1' -ex 'show print max-depth' -ex 'p g_head'
      -ex 'set print max-depth unl' -ex 'show print max-depth' -ex 'set print max-depth 20'
      -ex 'show print pretty' -ex 'set print pretty on' -ex 'p g_head' -ex 'p g_grid' -ex 'p *&g_head'
      -ex 'output g_tail' -ex 'echo \n' -ex 'show print pretty' -ex 'set print pretty off'
      -ex 'show print array-indexes' -ex 'set print array-indexes' -ex 'p g_grid' -ex 'p g_head'
      -ex 'set print pretty on' -ex 'p g_head' -ex 'set print pretty off'
      -ex 'set print array-indexes off' -ex 'p -pretty -- g_tail' -ex 'p -array-indexes -- g_grid'
      -ex 'p -max-depth 0 -- g_head' -ex 'p -a -- 1' -ex 'p -m 1 -- 1' -ex 'p -pr off -- g_grid'
      -ex 'set print pretty bogus'
      -ex 'show print nibbles' -ex 'set print nibbles on' -ex 'p/t 0x30' -ex 'p/t 1' -ex 'p/t 0'
      -ex 'p/t g_counter' -ex 'show language' -ex 'set language rust' -ex 'show language'
      -ex 'p/t 0x70f' -ex 'set language auto' -ex 'set language c++' -ex 'p/t 0x70f' -ex 'set language foo'
      -ex 'set language auto' -ex 'show language' -ex 'set print nibbles off' -ex 'p/t 0x30'
      -ex 'show print sevenbit-strings' -ex 'set print sevenbit-strings' -ex 'show print sevenbit-strings'
      -ex 'show charset' -ex 'show host-charset' -ex 'show target-wide-charset'
      -ex 'set target-charset ASCII' -ex 'show target-charset' -ex 'set charset ASCII'
      -ex 'show charset' -ex 'set host-charset auto' -ex 'show host-charset'
      -ex 'set var g_ptr = g_grid[1]' -ex 'p *g_ptr' -ex 'p g_ptr'
      -ex "p ''" -ex "p '''" -ex "p '\\'" -ex "p '\\\\\\'" -ex "p 'ab'" -ex "p '\\''")

# the values and messages, without the lines of the start
shape() {
	grep -v -E '^(Warning: the current language|Breakpoint 1|Starting program|\[Thread debugging|Using host libthread|[0-9]+[[:space:]])' "$1"
}

timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
timeout 60 "$CDBG" -batch "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
expect_grep "$E2E_TMP/cdbg.out" "^The current source language is \"rust\""
expect_grep "$E2E_TMP/gdb.out" '<g_text\+1> "i"'
expect_grep "$E2E_TMP/gdb.out" '^\$[0-9]* = 0111_0000_1111'
diff -u <(shape "$E2E_TMP/gdb.out") <(shape "$E2E_TMP/cdbg.out") >&2 || fail "cdbg and gdb differ"
pass
