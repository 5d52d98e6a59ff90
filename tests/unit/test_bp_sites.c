/*
 * test_bp_sites: the int3 site table (src/target/breakpoint.c, bp_sites_*) without a tracee:
 * sites hashed by address in chained buckets, found again after others in the same bucket came
 * and went (head, middle and end of a chain), the program's byte kept, several breakpoints
 * sharing one site (the first one in writes the int3, the last one out takes the site away),
 * addresses of removed sites kept in the moribund ring (also once a new site is there, and only
 * the last BP_MORIBUND of them), clearing. A random sequence of inserts and removals over
 * breakpoints at a few thousand addresses is checked against a plain model after every step.
 * The test does what site_use and site_put do around the table, minus the bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "target/target.h" /* internal: the library does not export it */

static struct bp_state st;

/* A breakpoint goes in at addr, as site_use does: the site found or made (over the program's
 * byte, here the address's low byte), one more user. True when it was the first one. */
static bool insert(uint64_t addr)
{
	struct bp_site *s = bp_sites_find(&st, addr);

	if (!s)
		s = bp_sites_add(&st, addr, (unsigned char)addr);
	CHECK(s != NULL, "add %#llx", (unsigned long long)addr);
	return bp_sites_hold(s);
}

/* A breakpoint at addr goes, as site_use and site_put do. True when the site went with it. */
static bool remove_one(uint64_t addr)
{
	struct bp_site *s = bp_sites_find(&st, addr);

	CHECK(s != NULL, "no site at %#llx to remove a breakpoint from", (unsigned long long)addr);
	if (!bp_sites_release(s))
		return false;
	bp_sites_unlink(&st, s);
	free(s);
	return true;
}

/* Every site reachable from one bucket once; the chains' lengths add up to nsites. */
static size_t longest_chain(void)
{
	size_t total = 0, longest = 0;

	for (size_t h = 0; h < BP_HASH; h++) {
		size_t len = 0;
		for (struct bp_site *s = st.sites[h]; s; s = s->next) {
			CHECK(bp_sites_find(&st, s->addr) == s,
			      "site %#llx in bucket %zu not found", (unsigned long long)s->addr, h);
			len++;
		}
		total += len;
		if (len > longest)
			longest = len;
	}
	CHECK(total == st.nsites, "%zu sites in the buckets, nsites %zu", total, st.nsites);
	return longest;
}

static void test_basic(void)
{
	struct bp_site *s;

	CHECK(!bp_sites_find(&st, 0x401000) && st.nsites == 0, "an empty table");
	CHECK(!bp_sites_moribund(&st, 0x401000), "an empty ring");
	s = bp_sites_add(&st, 0x401000, 0x55);
	CHECK(s && bp_sites_find(&st, 0x401000) == s, "found after add");
	CHECK(s->addr == 0x401000 && s->orig == 0x55 && !s->users && !s->inserted && !s->slot &&
		      !s->para,
	      "a new site: addr %#llx orig %#x users %d", (unsigned long long)s->addr, s->orig,
	      s->users);
	CHECK(!bp_sites_find(&st, 0x401001) && !bp_sites_find(&st, 0x400fff), "neighbours");
	CHECK_EQ(st.nsites, 1);
	bp_sites_unlink(&st, s);
	free(s);
	CHECK(!bp_sites_find(&st, 0x401000) && st.nsites == 0, "gone after unlink");
	CHECK(bp_sites_moribund(&st, 0x401000), "moribund after unlink");
	CHECK(!bp_sites_moribund(&st, 0x401001), "its neighbour is not");
	bp_sites_clear(&st);
	h_note("ok - add, find, unlink, moribund");
}

static void test_shared(void)
{
	/* Three breakpoints at one address: one site, one int3. */
	CHECK(insert(0x402000), "the first breakpoint writes the int3");
	CHECK(!insert(0x402000) && !insert(0x402000), "the others do not");
	CHECK(st.nsites == 1 && bp_sites_find(&st, 0x402000)->users == 3, "one site, 3 users");
	CHECK(!remove_one(0x402000) && !remove_one(0x402000), "the site stays while one is left");
	CHECK(bp_sites_find(&st, 0x402000) && !bp_sites_moribund(&st, 0x402000),
	      "still there, not moribund");
	CHECK(remove_one(0x402000), "the last one takes the site");
	CHECK(!bp_sites_find(&st, 0x402000) && st.nsites == 0, "no site left");
	CHECK(bp_sites_moribund(&st, 0x402000), "moribund");
	/* A new breakpoint there: a new site, the address still moribund (a late trap from the
	 * old one and a hit of the new one both land in the table then). */
	CHECK(insert(0x402000), "a new site writes its int3");
	CHECK(bp_sites_find(&st, 0x402000) && bp_sites_moribund(&st, 0x402000),
	      "a site again, still moribund");
	CHECK(remove_one(0x402000), "and goes");
	bp_sites_clear(&st);
	CHECK(!bp_sites_moribund(&st, 0x402000) && st.nmoribund == 0, "clear empties the ring");
	h_note("ok - several breakpoints share a site");
}

static void test_chains(void)
{
	enum { N = 3 * BP_HASH };
	uint64_t base = 0x555555554000ull;
	size_t longest;

	/* More sites than buckets: chains of several. */
	for (size_t i = 0; i < N; i++)
		CHECK(insert(base + 7 * i), "insert %zu", i);
	longest = longest_chain();
	CHECK(longest >= 3, "longest chain %zu", longest);
	/* Take out every third (heads, middles and ends of chains alike): the rest are found. */
	for (size_t i = 0; i < N; i += 3)
		CHECK(remove_one(base + 7 * i), "remove %zu", i);
	for (size_t i = 0; i < N; i++) {
		struct bp_site *s = bp_sites_find(&st, base + 7 * i);
		CHECK(i % 3 ? s && s->orig == (unsigned char)(base + 7 * i) : !s, "site %zu: %p", i,
		      (void *)s);
	}
	CHECK_EQ(st.nsites, N - N / 3);
	longest_chain();
	bp_sites_clear(&st);
	for (size_t h = 0; h < BP_HASH; h++)
		CHECK(!st.sites[h], "bucket %zu not empty after clear", h);
	CHECK(st.nsites == 0 && !bp_sites_find(&st, base + 7), "cleared");
	h_note("ok - chains: sites found after their neighbours went");
}

static void test_ring(void)
{
	/* The ring keeps the last BP_MORIBUND addresses, the oldest one forgotten first. */
	for (uint64_t i = 0; i <= BP_MORIBUND; i++) {
		CHECK(insert(0x403000 + i), "insert %llu", (unsigned long long)i);
		CHECK(remove_one(0x403000 + i), "remove %llu", (unsigned long long)i);
	}
	CHECK(!bp_sites_moribund(&st, 0x403000), "the oldest is forgotten");
	for (uint64_t i = 1; i <= BP_MORIBUND; i++)
		CHECK(bp_sites_moribund(&st, 0x403000 + i), "%llu is moribund",
		      (unsigned long long)i);
	bp_sites_clear(&st);
	h_note("ok - the moribund ring keeps the last %d", BP_MORIBUND);
}

/* ---- against a model ---------------------------------------------------------------------- */

#define NADDR 4096
#define STEPS 40000

static int users[NADDR];          /* breakpoints at address i */
static size_t removed[STEPS + 1]; /* addresses whose site went, in order */
static size_t nremoved;

static unsigned long long rng = 0x9e3779b97f4a7c15ull;

static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

/* Addresses that spread over the buckets unevenly: code addresses, 1-byte apart in places. */
static uint64_t addr_of(size_t i)
{
	return 0x7f0000001000ull + (i % 64) * 0x10000 + (i / 64) * 3;
}

static bool model_moribund(size_t i)
{
	for (size_t k = nremoved > BP_MORIBUND ? nremoved - BP_MORIBUND : 0; k < nremoved; k++)
		if (removed[k] == i)
			return true;
	return false;
}

static void check_model(void)
{
	size_t live = 0;

	for (size_t i = 0; i < NADDR; i++) {
		struct bp_site *s = bp_sites_find(&st, addr_of(i));
		CHECK(users[i] ? s && s->users == users[i] : !s, "address %zu: site %p users %d/%d",
		      i, (void *)s, s ? s->users : 0, users[i]);
		CHECK(bp_sites_moribund(&st, addr_of(i)) == model_moribund(i),
		      "address %zu: moribund %d", i, bp_sites_moribund(&st, addr_of(i)));
		live += users[i] > 0;
	}
	CHECK_EQ(st.nsites, live);
}

static void test_model(void)
{
	for (size_t step = 0; step < STEPS; step++) {
		size_t i = next_rand() % NADDR;
		if (users[i] && next_rand() % 2) {
			bool went = remove_one(addr_of(i));
			CHECK(went == (users[i] == 1), "step %zu: remove at %zu went %d", step, i,
			      went);
			if (--users[i] == 0)
				removed[nremoved++] = i;
		} else {
			bool first = insert(addr_of(i));
			CHECK(first == (users[i] == 0), "step %zu: insert at %zu first %d", step, i,
			      first);
			users[i]++;
		}
		struct bp_site *s = bp_sites_find(&st, addr_of(i));
		CHECK(users[i] ? s && s->users == users[i] : !s, "step %zu: address %zu", step, i);
		if (step % 1000 == 0)
			check_model();
	}
	check_model();
	longest_chain();
	bp_sites_clear(&st);
	h_note("ok - %d random inserts and removals agree with the model", STEPS);
}

int main(void)
{
	test_basic();
	test_shared();
	test_chains();
	test_ring();
	test_model();
	return h_pass();
}
