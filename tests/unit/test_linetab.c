/*
 * test_linetab: the line-table builder (src/symbols/linetab.c, sym_ltable_fill) without libdw or
 * a tracee: tables of DWARF rows (in libdw's order: the builder keeps it, it sorts nothing)
 * against the entries gdb would record (gdb/dwarf2/read.c lnp_state_machine::record_line,
 * gdb/buildsym.c record_line), worked out by hand from those rules. Proves: a run ends with a
 * line-0 entry at the sequence's end address, rows of the run at that address dropped first
 * and no marker for a run left empty; rows at the same address all kept; non-statement rows
 * kept with their flag; a repeated line whose row had a non-zero discriminator dropped (gdb's
 * PR 17276 rule) but kept without one; line-0 rows dropped; several sequences, a sequence at
 * address 0 (code the linker dropped) skipped whole; a change of file ending the other file's
 * run there, and a non-statement row of another file at an address that already has a statement
 * row ignored; rows without a file skipped; DWARF 5's two names of the primary file made one
 * subfile; the groups' order (the primary file first, then the latest started first); column
 * and prologue_end carried.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "symbols/symbols.h" /* internal: the library does not export it */

/* A statement row, a non-statement row, one with a discriminator, a sequence's end. */
#define R(a, f, l)                                                                                 \
	{                                                                                          \
		.addr = (a), .file = (f), .line = (l), .stmt = true                                \
	}
#define RN(a, f, l)                                                                                \
	{                                                                                          \
		.addr = (a), .file = (f), .line = (l), .stmt = false                               \
	}
#define RD(a, f, l, d)                                                                             \
	{                                                                                          \
		.addr = (a), .file = (f), .line = (l), .disc = (d), .stmt = true                   \
	}
#define END(a)                                                                                     \
	{                                                                                          \
		.addr = (a), .end_seq = true, .stmt = true                                         \
	}

/* An expected entry of group `sub` (groups in the order listed); line -1: the group is empty. */
struct want {
	unsigned sub;
	uint64_t pc;
	int line;
	bool stmt;
};
#define W(s, a, l)                                                                                 \
	{                                                                                          \
		(s), (a), (l), true                                                                \
	}
#define WN(s, a, l)                                                                                \
	{                                                                                          \
		(s), (a), (l), false                                                               \
	}
#define WEMPTY(s)                                                                                  \
	{                                                                                          \
		(s), 0, -1, false                                                                  \
	}

#define N(arr) (sizeof(arr) / sizeof((arr)[0]))

static const unsigned identity[] = { 0, 1, 2, 3 };

static void dump(const struct sym_ltable *t)
{
	for (size_t g = 0; g < t->ngroups; g++) {
		fprintf(stderr, "  group %zu (subfile %u):", g, t->sub_of[g]);
		for (size_t i = t->start[g]; i < t->start[g + 1]; i++)
			fprintf(stderr, " %#llx:%d%s", (unsigned long long)t->e[i].pc, t->e[i].line,
				t->e[i].stmt ? "" : "n");
		fputc('\n', stderr);
	}
}

static void release(struct sym_ltable *t)
{
	free(t->e);
	free(t->start);
	free(t->sub_of);
	memset(t, 0, sizeof(*t));
}

/* Build from rows and compare with want, group by group and entry by entry. */
static void check_case(const char *name, const struct sym_lrow *rows, size_t n, const unsigned *map,
		       size_t nf, size_t nsub, int primary, const struct want *want, size_t nwant)
{
	struct sym_ltable t = { 0 };
	size_t g = 0, i = 0, k = 0;
	bool ok = true;
	int r = sym_ltable_fill(&t, rows, n, map, nf, nsub, primary);

	CHECK(r == 0, "%s: sym_ltable_fill returned %d", name, r);
	CHECK(t.start[t.ngroups] == t.n, "%s: %zu entries, groups end at %zu", name, t.n,
	      t.start[t.ngroups]);
	while (k < nwant && ok) {
		unsigned sub = want[k].sub;
		if (g >= t.ngroups || t.sub_of[g] != sub) {
			ok = false;
			break;
		}
		i = t.start[g];
		if (want[k].line < 0) { /* an empty group */
			ok = i == t.start[g + 1];
			k++;
			g++;
			continue;
		}
		for (; k < nwant && want[k].sub == sub && want[k].line >= 0; k++, i++) {
			const struct sym_lentry *e = &t.e[i];
			if (i >= t.start[g + 1] || e->pc != want[k].pc || e->line != want[k].line ||
			    e->stmt != want[k].stmt || e->sub != sub) {
				ok = false;
				break;
			}
		}
		if (ok && i != t.start[g + 1])
			ok = false; /* more entries than expected */
		if (ok)
			g++;
	}
	if (ok && g != t.ngroups)
		ok = false; /* more groups than expected */
	if (!ok) {
		fprintf(stderr, "%s: got\n", name);
		dump(&t);
	}
	CHECK(ok, "%s: the table differs (expected entry %zu of %zu, group %zu)", name, k, nwant,
	      g);
	release(&t);
	h_note("ok - %s", name);
}

#define CASE(name, rows, map, nf, nsub, primary, want)                                             \
	check_case(name, rows, N(rows), map, nf, nsub, primary, want, N(want))

static void test_one_file(void)
{
	static const struct sym_lrow plain[] = { R(0x10, 0, 1), R(0x14, 0, 2), R(0x18, 0, 3),
						 END(0x20) };
	static const struct want plain_w[] = { W(0, 0x10, 1), W(0, 0x14, 2), W(0, 0x18, 3),
					       W(0, 0x20, 0) };
	CASE("a sequence ends with a line-0 entry", plain, identity, 1, 1, 0, plain_w);

	/* The row at the end address is dropped before the marker goes in. */
	static const struct sym_lrow at_end[] = { R(0x10, 0, 1), R(0x14, 0, 2), R(0x20, 0, 3),
						  END(0x20) };
	static const struct want at_end_w[] = { W(0, 0x10, 1), W(0, 0x14, 2), W(0, 0x20, 0) };
	CASE("rows at the end address are dropped", at_end, identity, 1, 1, 0, at_end_w);

	/* A run whose only rows are at the end address: they go, the marker stays (the line
	 * before them was not 0). */
	static const struct sym_lrow only_end[] = { R(0x20, 0, 7), R(0x20, 0, 8), END(0x20) };
	static const struct want only_end_w[] = { W(0, 0x20, 0) };
	CASE("a run of rows all at its end address", only_end, identity, 1, 1, 0, only_end_w);

	/* No rows before the end: no marker. */
	static const struct sym_lrow empty[] = { END(0x20) };
	static const struct want empty_w[] = { WEMPTY(0) };
	CASE("an empty sequence", empty, identity, 1, 1, 0, empty_w);

	static const struct sym_lrow same[] = { R(0x10, 0, 1), R(0x10, 0, 2), R(0x10, 0, 1),
						R(0x18, 0, 3), END(0x20) };
	static const struct want same_w[] = { W(0, 0x10, 1), W(0, 0x10, 2), W(0, 0x10, 1),
					      W(0, 0x18, 3), W(0, 0x20, 0) };
	CASE("rows at the same address are all kept", same, identity, 1, 1, 0, same_w);

	/* is_stmt is kept per entry; a repeated line is recorded again (no discriminator). */
	static const struct sym_lrow stmt[] = { R(0x10, 0, 1), RN(0x14, 0, 1), RN(0x18, 0, 2),
						R(0x1c, 0, 2), END(0x20) };
	static const struct want stmt_w[] = { W(0, 0x10, 1), WN(0, 0x14, 1), WN(0, 0x18, 2),
					      W(0, 0x1c, 2), W(0, 0x20, 0) };
	CASE("non-statement rows and repeated lines", stmt, identity, 1, 1, 0, stmt_w);

	/* Line 5 has a non-zero discriminator from its second row: its later rows go; line 6
	 * starts afresh. A line whose first row has one drops its repeats at once. */
	static const struct sym_lrow disc[] = { RD(0x10, 0, 5, 0), RD(0x14, 0, 5, 1),
						RD(0x18, 0, 5, 0), RD(0x1c, 0, 6, 0),
						RD(0x20, 0, 6, 0), RD(0x24, 0, 7, 2),
						RD(0x28, 0, 7, 0), RD(0x2c, 0, 8, 3),
						RD(0x30, 0, 7, 0), END(0x40) };
	static const struct want disc_w[] = { W(0, 0x10, 5), W(0, 0x1c, 6), W(0, 0x20, 6),
					      W(0, 0x24, 7), W(0, 0x2c, 8), W(0, 0x30, 7),
					      W(0, 0x40, 0) };
	CASE("discriminators drop a line's repeats", disc, identity, 1, 1, 0, disc_w);

	/* Line-0 rows are ignored; so are rows whose file is unknown or out of range, which do
	 * not even count as a change of line for the discriminator rule (line 3 at 0x24 is still
	 * a repeat of the line that had one). */
	static const struct sym_lrow zero[] = { R(0x10, 0, 1),     R(0x14, 0, 0),
						R(0x18, 0, 2),     RD(0x20, 0, 3, 1),
						R(0x22, 5, 9),     R(0x23, SIZE_MAX, 9),
						RD(0x24, 0, 3, 0), RD(0x28, 0, 4, 0),
						END(0x30) };
	static const struct want zero_w[] = { W(0, 0x10, 1), W(0, 0x18, 2), W(0, 0x20, 3),
					      W(0, 0x28, 4), W(0, 0x30, 0) };
	CASE("line 0 and rows without a file are dropped", zero, identity, 1, 1, 0, zero_w);
}

static void test_sequences(void)
{
	/* Two sequences of one file: each run ends with its marker. */
	static const struct sym_lrow two[] = { R(0x100, 0, 1),  R(0x108, 0, 2),   END(0x110),
					       R(0x200, 0, 10), RN(0x204, 0, 11), END(0x210) };
	static const struct want two_w[] = { W(0, 0x100, 1),  W(0, 0x108, 2),   W(0, 0x110, 0),
					     W(0, 0x200, 10), WN(0, 0x204, 11), W(0, 0x210, 0) };
	CASE("two sequences", two, identity, 1, 1, 0, two_w);

	/* A one-row sequence at the previous one's end address: its row and the old marker go
	 * (both at that address), one marker comes back. */
	static const struct sym_lrow abut[] = { R(0x100, 0, 1), R(0x108, 0, 2), END(0x110),
						R(0x110, 0, 3), END(0x110) };
	static const struct want abut_w[] = { W(0, 0x100, 1), W(0, 0x108, 2), W(0, 0x110, 0) };
	CASE("an empty sequence at the previous end", abut, identity, 1, 1, 0, abut_w);

	/* A sequence at address 0 (the linker dropped its code) is skipped to its end, whatever
	 * its rows' addresses; the state starts afresh in the next one (line 4, which had a
	 * discriminator in the first, is not a repeat in the third). */
	static const struct sym_lrow dropped[] = { RD(0x100, 0, 4, 1), END(0x108),      R(0, 0, 20),
						   R(0x4, 0, 21),      R(0x100, 0, 22), END(0x10),
						   RD(0x300, 0, 4, 0), END(0x308) };
	static const struct want dropped_w[] = { W(0, 0x100, 4), W(0, 0x108, 0), W(0, 0x300, 4),
						 W(0, 0x308, 0) };
	CASE("a sequence at address 0 is skipped", dropped, identity, 1, 1, 0, dropped_w);
}

static void test_files(void)
{
	/* A change of file ends the other file's run there. */
	static const struct sym_lrow sw[] = { R(0x10, 0, 1), R(0x14, 1, 10), R(0x18, 0, 2),
					      END(0x20) };
	static const struct want sw_w[] = { W(0, 0x10, 1), W(0, 0x14, 0),  W(0, 0x18, 2),
					    W(0, 0x20, 0), W(1, 0x14, 10), W(1, 0x18, 0) };
	CASE("a change of file ends the run", sw, identity, 2, 2, 0, sw_w);

	/* A statement row of another file at the same address takes it over: the old file's
	 * rows there go. A non-statement one is ignored: no marker in the old file's run, no
	 * entry in its own (which was seen all the same: an empty group). */
	static const struct sym_lrow over[] = { R(0x10, 0, 1), R(0x14, 0, 2), R(0x14, 1, 10),
						R(0x18, 0, 3), END(0x20) };
	static const struct want over_w[] = { W(0, 0x10, 1), W(0, 0x14, 0),  W(0, 0x18, 3),
					      W(0, 0x20, 0), W(1, 0x14, 10), W(1, 0x18, 0) };
	CASE("a statement row of another file at the same address", over, identity, 2, 2, 0,
	     over_w);
	static const struct sym_lrow nonstmt[] = { R(0x10, 0, 1), R(0x14, 0, 2), RN(0x14, 1, 10),
						   R(0x18, 0, 2), END(0x20) };
	static const struct want nonstmt_w[] = { W(0, 0x10, 1), W(0, 0x14, 2), W(0, 0x18, 2),
						 W(0, 0x20, 0), WEMPTY(1) };
	CASE("a non-statement row of another file at the same address", nonstmt, identity, 2, 2, 0,
	     nonstmt_w);
	/* ... but not when the address had no statement row: then it ends the run. */
	static const struct sym_lrow nostmt[] = { R(0x10, 0, 1), RN(0x14, 0, 2), RN(0x14, 1, 10),
						  END(0x20) };
	static const struct want nostmt_w[] = { W(0, 0x10, 1), W(0, 0x14, 0), WN(1, 0x14, 10),
						W(1, 0x20, 0) };
	CASE("a non-statement row where no statement row is", nostmt, identity, 2, 2, 0, nostmt_w);

	/* DWARF 5 names the primary file twice (files 0 and 1): one subfile. File 2 is another
	 * one; back in file 1 after it is a change of file. */
	static const unsigned dup_map[] = { 0, 0, 1 };
	static const struct sym_lrow dup[] = { R(0x10, 1, 1), R(0x14, 0, 2), R(0x18, 2, 30),
					       R(0x1c, 1, 3), END(0x20) };
	static const struct want dup_w[] = { W(0, 0x10, 1), W(0, 0x14, 2), W(0, 0x18, 0),
					     W(0, 0x1c, 3), W(0, 0x20, 0), W(1, 0x18, 30),
					     W(1, 0x1c, 0) };
	CASE("two names of one file are one subfile", dup, dup_map, 3, 2, 0, dup_w);
}

static void test_order(void)
{
	/* Files appear in the order 1, 3, 0, 2. The primary file (0) comes first, then the
	 * others, the latest started first: 2, 3, 1. Without a primary: 2, 0, 3, 1. A file with
	 * no rows (4) has no group. */
	static const struct sym_lrow rows[] = { R(0x10, 1, 1), R(0x14, 3, 2), R(0x18, 0, 3),
						R(0x1c, 2, 4), R(0x20, 1, 5), END(0x24) };
	static const unsigned map5[] = { 0, 1, 2, 3, 4 };
	static const struct want prim_w[] = { W(0, 0x18, 3), W(0, 0x1c, 0), W(2, 0x1c, 4),
					      W(2, 0x20, 0), W(3, 0x14, 2), W(3, 0x18, 0),
					      W(1, 0x10, 1), W(1, 0x14, 0), W(1, 0x20, 5),
					      W(1, 0x24, 0) };
	static const struct want none_w[] = { W(2, 0x1c, 4), W(2, 0x20, 0), W(0, 0x18, 3),
					      W(0, 0x1c, 0), W(3, 0x14, 2), W(3, 0x18, 0),
					      W(1, 0x10, 1), W(1, 0x14, 0), W(1, 0x20, 5),
					      W(1, 0x24, 0) };
	CASE("groups: the primary file first, then the latest started", rows, map5, 5, 5, 0,
	     prim_w);
	CASE("groups without a primary file", rows, map5, 5, 5, -1, none_w);
}

static void test_fields(void)
{
	static const struct sym_lrow rows[] = {
		{ .addr = 0x10, .file = 0, .line = 1, .column = 5, .stmt = true },
		{ .addr = 0x14,
		  .file = 0,
		  .line = 2,
		  .column = 9,
		  .stmt = true,
		  .prologue_end = true },
		END(0x18),
	};
	struct sym_ltable t = { 0 };

	CHECK_EQ(sym_ltable_fill(&t, rows, N(rows), identity, 1, 1, 0), 0);
	CHECK_EQ(t.n, 3);
	CHECK(t.e[0].column == 5 && !t.e[0].prologue_end, "entry 0: column %d pend %d",
	      t.e[0].column, t.e[0].prologue_end);
	CHECK(t.e[1].column == 9 && t.e[1].prologue_end, "entry 1: column %d pend %d",
	      t.e[1].column, t.e[1].prologue_end);
	CHECK(t.e[2].line == 0 && t.e[2].column == 0 && !t.e[2].prologue_end && t.e[2].stmt,
	      "the marker: line %d column %d", t.e[2].line, t.e[2].column);
	release(&t);
	h_note("ok - column and prologue_end are carried");

	/* No rows at all: no groups but the primary file's (empty). */
	CHECK_EQ(sym_ltable_fill(&t, rows, 0, identity, 1, 1, 0), 0);
	CHECK(t.n == 0 && t.ngroups == 1 && t.start[1] == 0, "no rows: %zu entries, %zu groups",
	      t.n, t.ngroups);
	release(&t);
	h_note("ok - no rows");
}

int main(void)
{
	test_one_file();
	test_sequences();
	test_files();
	test_order();
	test_fields();
	return h_pass();
}
