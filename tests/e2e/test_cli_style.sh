# set style as gdb 13: under a terminal (TERM=xterm, a pty made by script(1)) the escapes cdbg
# writes around function names, arguments, file names, addresses, struct members, enumerators,
# <symbols>, <repeats N times>, the disassembler's mnemonics, registers, immediates and comments
# are byte for byte gdb's, in frame and stop lines, bt, info breakpoints, print, x/i and
# disassemble, and source lines as gdb's source-highlight styles C (list, stops, frame; plain
# with set style sources off); frame lines wrapped at set width N as gdb wraps them (escapes take
# no column); set/show style round-trips (colours, background, intensity, none), bad colour
# names refused with gdb's words, style enabled off and disassembler enabled off. Without a
# terminal (a pipe) nothing is styled, with style enabled on or not.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
command -v script > /dev/null || skip "script(1) is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > st.c <<'C'
#include <unistd.h> /* see <http://example.org/x> or <who@example.org> */
#define TWICE(x) ((x) * 2) // TODO: FIXME
/* TODO: a BUG, see http://example.org/y */
enum etype { VALUE_ONE = 1, VALUE_TWO = 2 };
struct some_struct {
	int int_field;
	char *string_field;
	enum etype e_field;
};
struct some_struct struct_value = { 23, "skid\too", VALUE_TWO };
static const char nl = '\n';
double ratio = 1.5e3 + 0x1Fu;
int zeros[8];
volatile int sink;
static int callee(int x)
{
	sink = x;
	return x + 1;
}
int main(int argc, char **argv)
{
	alarm(60);
	return callee(argc) - 2; /* here */
}
C
gcc -g -O0 -o st st.c || fail "cannot build the program"
CMDS=('set height 0' 'set width 0' 'set confirm off' 'break callee' run bt
	frame 'list 1,20' 'set style sources off' 'list 8,9' 'frame' 'set style sources on'
	'info breakpoints' 'print struct_value' 'print struct_value.e_field'
	'print $_as_string(struct_value.e_field)' 'set print repeats 3' 'print zeros'
	'print &main' 'print main' 'print *main' 'print $pc'
	'x/2i $pc' 'disassemble callee' up 'show style address foreground'
	'show style disassembler mnemonic' 'show style enabled' 'show style sources'
	'set style function foreground red' 'set style address background white'
	'set style address intensity bold' 'frame 1' 'info breakpoints'
	'set style address foreground pink' 'set style address intensity loud'
	'set style address foreground' 'set style address foreground bl'
	'set style address foreground red junk' 'set style address fg red'
	'set style metadata foreground gr' 'show style metadata' 'print zeros'
	'set style function foreground none' 'set style address background none'
	'set style address intensity normal' 'frame 1'
	'set style disassembler enabled off' 'x/2i $pc' 'show style disassembler enabled'
	'set style disassembler enabled on' 'maint show libopcodes-styling enabled'
	'maint set libopcodes-styling enabled off' 'maint show libopcodes-styling enabled'
	'maint set libopcodes-styling enabled on' 'x/1i $pc'
	'set style enabled off' 'frame 0' 'show style enabled' 'print struct_value'
	'set style enabled on' 'tbreak st.c:19' 'info breakpoints' 'with width 20 -- frame 1'
	'with width 30 -- bt' 'set width 40' bt 'set width 60' bt 'set width 0' kill quit)
A=()
for l in "${CMDS[@]}"; do A+=(-ex "$l"); done
# Lines both print alike only in part: gdb's "Starting program: ... " ends in a blank, its
# "Reading symbols" is said before -ex; stack addresses differ by the environment.
run() {
	TERM=xterm timeout 60 script -qc "$(printf '%q ' "$1" -nx -q "${A[@]}" ./st)" /dev/null \
		< /dev/null 2>&1 | tr -d '\r' |
		grep -v '^\[\|^Using host\|^Starting program\|^Reading symbols' |
		sed -E "s|$PWD/||g; s/0x7ff[0-9a-f]+/0xSTACK/g; s/\x1b\[\?2004[hl]//g"
}
run gdb > g.txt
run "$CDBG" > c.txt
grep -q $'\e\\[33mcallee\e\\[m' c.txt || fail "cdbg styled no function name: $(cat -v c.txt)"
grep -q $'\e\\[2m<repeats \e\\[m' g.txt || fail "gdb's output is not styled: $(cat -v g.txt)"
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat -v diff.txt)"
# no terminal: no escape, whatever style enabled says
"$CDBG" -nx -q -ex 'set style enabled on' -ex 'break callee' -ex run -ex bt -ex 'print struct_value' \
	-ex 'x/2i $pc' -ex kill -ex quit ./st > p.txt 2>&1
grep -q 'callee' p.txt || fail "no backtrace in a pipe: $(cat p.txt)"
grep -q $'\e' p.txt && fail "escapes written to a pipe: $(cat -v p.txt)"
# TERM=dumb: off, as gdb
TERM=dumb timeout 60 script -qc "$(printf '%q ' "$CDBG" -nx -q -ex 'show style enabled' \
	-ex 'break callee' -ex run -ex bt -ex kill -ex quit ./st)" /dev/null < /dev/null > d.txt 2>&1
grep -q 'CLI output styling is disabled' d.txt || fail "TERM=dumb: $(cat -v d.txt)"
grep -q $'\e\\[3' d.txt && fail "TERM=dumb styled: $(cat -v d.txt)"
pass
