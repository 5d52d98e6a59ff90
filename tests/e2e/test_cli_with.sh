# gdb's with SETTING [VALUE] [-- COMMAND] (and its alias w): the setting changed for one
# command and put back whatever the command did (an error, a nested with), the errors gdb
# gives (no arguments, an unknown setting, a bad value), and with no command the line typed
# before (not a -ex line, not itself: a relaunch leaves the line before as it was). Compared
# with gdb 13 in batch mode and with commands piped in.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > w.c <<'C'
struct s { int a, b; struct { int c; } in; } g_s = { 1, 2, { 3 } };
int arr[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
char g_name[] = "w"; /* (a string literal takes its char type from the program) */
int main(void) { return g_s.a - 1; }
C
gcc -g -O0 -o w w.c || fail "cannot build the program"
A=(-ex 'with print pretty -- print g_s' -ex 'show print pretty'
	-ex 'w print repeats unlimited -- w print repeats 1 -- p "1223334444"'
	-ex 'show print repeats' -ex 'with' -ex 'with xxxx yyyy' -ex 'with print xxxx yyyy'
	-ex 'with print elements 2 -- p arr' -ex 'show print elements'
	-ex 'with print pretty on -- p nosuch' -ex 'show print pretty'
	-ex 'with language pascal -- show language' -ex 'show language'
	-ex 'with print pretty bogus -- p 1' -ex 'show print pretty'
	-ex 'with width 30 -- show width' -ex 'show width' -ex 'with print pretty off -- p g_s'
	-ex 'with print max-depth 0 -- with print pretty -- p g_s' -ex 'show print max-depth'
	-ex 'with print pretty' -ex 'with -- p 1' -ex 'with --')
gdb -nx -batch "${A[@]}" ./w > g.txt 2>&1
"$CDBG" -nx -batch "${A[@]}" ./w > c.txt 2>&1
grep -q '^  a = 1,$' c.txt || fail "with print pretty did not print pretty: $(head -5 c.txt)"
diff -u g.txt c.txt > diff.txt || fail "batch: gdb (-) / cdbg (+):
$(cat diff.txt)"
lines='print g_s
with print pretty
with print pretty --
with print elements 1 -- with print pretty
show print pretty
with print elements 3
print arr
with print elements 3'
printf '%s\n' "$lines" | gdb -nx -q ./w 2>&1 | sed 's/^(gdb) //' > g.txt
printf '%s\n' "$lines" | "$CDBG" -nx -q ./w 2>&1 | sed 's/^(cdbg) //' > c.txt
sed -i '/^Reading symbols/d' g.txt c.txt
diff -u g.txt c.txt > diff.txt || fail "piped: gdb (-) / cdbg (+):
$(cat diff.txt)"
pass
