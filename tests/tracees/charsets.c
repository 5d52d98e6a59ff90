/*
 * charsets: characters in other charsets and widths for test_cli_charset (compared with gdb):
 * EBCDIC-US, ISO-8859-1 and UTF-8 bytes, wchar_t (and a typedef of it), char16_t and char32_t
 * arrays and pointers with units above 0777, surrogates, runs to fold. Stops in stop_here()
 * and exits at once: nothing to wait for.
 */
#include <uchar.h>
#include <wchar.h>

typedef wchar_t my_wchar;

char ebcdic[] = { 0xc1, 0xc2, 0x81, 0x2f, 0x25, 0x4a, 0x7d, 0xe0, 0xf1, 0x00 };
char latin1[] = "caf\351 \242 ok";
char utf8[] = "caf\303\251 \342\202\254 ok";
char utf8cut[] = "\342\202"; /* a character cut short */
wchar_t wide[] = L"wide \x3b1\x3b2 \xffef" L"f";
wchar_t wrep[40];
my_wchar wch = L'Z';
wchar_t whigh = 0xbeef;
char16_t u16[] = u"h\xd83d\xde00!";
char32_t u32[] = U"\x1f600 ok";
char16_t c16 = u'q';
char32_t c32 = U'\x10ffff';
wchar_t *wp = wide;
char16_t *u16p = u16;
char32_t *u32p = u32;

__attribute__((noinline)) void stop_here(void)
{
	__asm__ volatile("" ::: "memory"); /* wrep's stores happen before the stop */
}

int main(void)
{
	int i;

	wrep[0] = L'A';
	for (i = 1; i < 22; i++)
		wrep[i] = 0242;
	wrep[22] = L'B';
	stop_here();
	return 0;
}
