/*
 * fuzz_dap_reader: libFuzzer target for the DAP server's message reader (src/dap/dap_io.c):
 * arbitrary bytes, fed in chunks whose sizes the input's first byte chooses (a message split
 * anywhere, several in one read), framed into messages until the reader wants more input or
 * gives up. Checks, beyond the sanitizers: a message handed out is a JSON object; the reader
 * never holds more bytes than it was fed; after it gives up (-1) it holds nothing; every
 * failure comes with a reason.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dap/dap.h"

static void feed(struct dap_reader *r, const uint8_t *p, size_t n)
{
	if (r->cap - r->len < n) {
		size_t cap = r->len + n + 1;
		r->buf = realloc(r->buf, cap);
		if (!r->buf)
			abort();
		r->cap = cap;
	}
	memcpy(r->buf + r->len, p, n);
	r->len += n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dap_reader r = { 0 };
	size_t chunk = size ? (size_t)data[0] % 64 + 1 : 1, fed = 0, taken = 0;
	char why[256];
	if (size) {
		data++;
		size--;
	}
	while (fed < size) {
		size_t n = size - fed < chunk ? size - fed : chunk;
		feed(&r, data + fed, n);
		fed += n;
		for (;;) {
			json_t *m;
			const char *reason;
			size_t before = r.len;
			int k = dap_next_message(&r, &m, &reason, why, sizeof(why));
			if (r.len > before || r.len > fed - taken)
				abort(); /* bytes from nowhere */
			taken += before - r.len;
			if (k == 0)
				break;
			if (k == 1) {
				if (!m || !json_is_object(m))
					abort();
				json_decref(m);
				continue;
			}
			if (m || !reason || !*reason)
				abort(); /* a failure says why */
			if (k < 0) {
				if (r.len)
					abort();
				break;
			}
		}
	}
	dap_reader_free(&r);
	return 0;
}
