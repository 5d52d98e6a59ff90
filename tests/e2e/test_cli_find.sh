# gdb's find over the program's memory, compared with gdb 13: characters, a string (no NUL),
# /b /h /w /g sizes and casts, mixed sizes, a count (/1, /b1, /1b, /b /1), START, END (END
# inclusive) and START, +LEN forms, an array searched for its own bytes, matches across the
# boundary of the chunks memory is read in, a range shorter than the pattern, $_ and
# $numfound, and gdb's errors. Addresses are compared with their <symbol+offset>.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > f.c <<'C'
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
int8_t buf8[100];
int16_t buf16[100];
int32_t buf32[100];
int64_t buf64[100];
static char *big;
#define BIG 50000
void stop_here(void) {}
int main(void)
{
	alarm(60);
	big = calloc(1, BIG);
	memcpy(buf8 + 40, "hello", 5);
	stop_here();
	return 0;
}
C
gcc -g -O0 -o f f.c || fail "cannot build the program"
A=(-ex 'break stop_here' -ex run -ex up -ex 'echo ===\n'
	-ex 'set *(int32_t*) &buf8[10] = 0x61616161'
	-ex "find &buf8[0], +sizeof(buf8), 'a', 'a', 'a'" -ex 'find &buf8[0], +10+3, "aaaa"'
	-ex "find &buf8[0], +10+3+1, 'a', 'a', 'a', 'a'"
	-ex "find /1 &buf8[0], +sizeof(buf8), 'a', 'a', 'a'" -ex 'print $numfound'
	-ex 'find /1b &buf8[0], +sizeof(buf8), 0x61, 0x61, 0x61'
	-ex 'find /b /1 &buf8[0], +sizeof(buf8), 0x61, 0x61, 0x61'
	-ex 'find /b &buf8[0], &buf8[0]+sizeof(buf8), 0x61, 0x61, 0x61, 0x61'
	-ex 'find buf8, +100, "hello"' -ex 'find buf8, +100, "hello", 0' -ex 'print $numfound'
	-ex 'set buf16[10] = 0x1234' -ex 'find /h &buf16[0], +sizeof(buf16), 0x1234'
	-ex 'find &buf16[0], +sizeof(buf16), (int16_t) 0x1234'
	-ex 'set buf32[10] = 0x12345678' -ex 'find /w &buf32[0], +sizeof(buf32), 0x12345678'
	-ex 'set buf64[10] = 0xfedcba9876543210LL' -ex 'find /g buf64, +sizeof(buf64), 0xfedcba9876543210LL'
	-ex 'find &buf64[0], +sizeof(buf64), (int64_t) 0xfedcba9876543210LL'
	-ex 'set *(int8_t*) &buf8[60] = 0x62' -ex 'set *(int16_t*) &buf8[61] = 0x6363'
	-ex 'set *(int32_t*) &buf8[63] = 0x64646464'
	-ex 'find &buf8[0], +100, (int8_t) 0x62, (int16_t) 0x6363, (int32_t) 0x64646464'
	-ex 'find buf64, +sizeof(buf64), buf64'
	-ex 'set *(int32_t*) &big[100] = 0x12345678' -ex 'set *(int32_t*) &big[16100] = 0x12345678'
	-ex 'set *(int32_t*) &big[15999] = 0x0badf00d' -ex 'find /w big, +50000, 0x12345678'
	-ex 'find /w big, +50000, 0x0badf00d' -ex 'print $numfound'
	-ex 'find' -ex 'find 1' -ex 'find /x 1, 2, 3' -ex 'find &buf8[0], +0, 1' -ex 'find buf8, +2, 0x11223344'
	-ex 'find buf8, buf8 - 1, 1')
"$CDBG" -nx -batch "${A[@]}" ./f > c.txt 2>&1
DEBUGINFOD_URLS= gdb -nx -batch "${A[@]}" ./f > g.txt 2>&1
norm() { sed -i -E '0,/^===$/d; s/0x[0-9a-f]{9,}/ADDR/g; /^\[Inferior 1/d' "$1"; }
norm c.txt
norm g.txt
expect_grep c.txt '<buf8\+40>'
expect_grep c.txt '^2 patterns found\.$'
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(head -40 diff.txt)"
pass
