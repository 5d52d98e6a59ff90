/*
 * fuzz_macroexp: libFuzzer target for the macro expander (src/expr/macroexp.c). The input's
 * lines but the last are definitions ("NAME BODY", "NAME(ARGS) BODY": mx_def_parse, which may
 * refuse them); the last line is expanded with those in scope.
 *
 * Checks, beyond the sanitizers: a refused definition or a failed expansion leaves a message
 * and no output; an expansion that succeeds is a NUL-terminated string; expanding is
 * deterministic. Must not: read files or keep state between inputs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr/macroexp.h"

#define MAX_DEFS 16

struct fz_defs {
	struct mx_def d[MAX_DEFS];
	int n;
};

static const struct mx_def *fz_lookup(void *arg, const char *name, size_t len)
{
	struct fz_defs *t = arg;

	for (int i = t->n - 1; i >= 0; i--)
		if (strlen(t->d[i].name) == len && !memcmp(t->d[i].name, name, len))
			return &t->d[i];
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *line, *next, *out = NULL, *again = NULL, err[256];
	struct fz_defs t = { .n = 0 };

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (line = text; (next = strchr(line, '\n')) && t.n < MAX_DEFS; line = next + 1) {
		*next = '\0';
		err[0] = '\0';
		if (mx_def_parse(line, &t.d[t.n], err, sizeof(err)) == 0)
			t.n++;
		else if (!err[0])
			__builtin_trap(); /* a refusal says why */
	}
	err[0] = '\0';
	int r = mx_expand(line, fz_lookup, &t, &out, err, sizeof(err));
	if (r < 0 && (out || !err[0]))
		__builtin_trap();
	if (r == 0) {
		if (!out || mx_expand(line, fz_lookup, &t, &again, err, sizeof(err)) != 0 ||
		    strcmp(out, again))
			__builtin_trap(); /* deterministic */
	}
	free(out);
	free(again);
	for (int i = 0; i < t.n; i++)
		mx_def_free(&t.d[i]);
	free(text);
	return 0;
}
