/*
 * typeexpr.c - types for the expression operators on types, compared with gdb: alignof and
 * _Alignof (scalars, long double, __int128, complex, structs of mixed members, unions, arrays,
 * enums, typedefs, members with an aligned attribute, empty and packed structs), and casts
 * to qualified types (const, volatile, restrict, _Atomic, gdb's @code and @data) of scalars,
 * pointers, structs, unions and enums. Runs main and exits 0; nothing to wait for.
 */
#include <complex.h>

typedef long double ldbl;
typedef int aligned_int __attribute__((aligned(32)));

struct pair_cd {
	char c;
	double d;
};
struct pair_cl {
	char c;
	long double l;
};
struct with_i128 {
	short s;
	__int128 big;
};
struct with_cplx {
	char c;
	_Complex float cf;
};
struct with_array {
	char tag;
	short arr[3];
};
struct with_aligned {
	char c;
	int x __attribute__((aligned(64)));
};
struct __attribute__((packed)) packed_s {
	char c;
	long l;
};
struct nested {
	char c;
	struct pair_cd inner;
};
struct empty_s {
};
union mixed_u {
	char c;
	int i;
	double d;
};
enum small_e { SMALL_A, SMALL_B };
enum misordered { MIS_TWO = 2, MIS_ONE = 1 };

struct pair_cd v_pair_cd;
struct pair_cl v_pair_cl;
struct with_i128 v_with_i128;
struct with_cplx v_with_cplx;
struct with_array v_with_array;
struct with_aligned v_with_aligned;
struct packed_s v_packed;
struct nested v_nested;
struct empty_s v_empty;
union mixed_u v_mixed;
enum small_e v_small;
enum misordered v_misordered = MIS_ONE;
ldbl v_ldbl;
aligned_int v_aligned_int;
_Complex double v_cdouble;
__int128 v_i128;

char v_char = 'a';
signed char v_signed_char = 's';
unsigned char v_unsigned_char = 'u';
short v_short = -3;
unsigned short v_unsigned_short = 4;
int v_int = -5;
unsigned int v_unsigned_int = 6;
long v_long = -7;
unsigned long v_unsigned_long = 8;
long long v_long_long = -9;
unsigned long long v_unsigned_long_long = 10;
float v_float = 1.5f;
double v_double = 2.5;
int *v_int_pointer = &v_int;
int **v_int_pointer_pointer = &v_int_pointer;
struct t_struct {
	char c;
	int i;
} v_struct1 = { 'x', 3 };
union t_union {
	char c;
	int i;
} v_union;

int main(void)
{
	return v_int + v_char == 12345;
}
