/*
 * core_golang.c - Go programs: an unrecovered panic or a fatal error of the runtime stops the
 * program before it dies, as delve's unrecovered-panic and runtime-fatal-throw breakpoints do
 * (on by default in Go programs): a library breakpoint at the entry of runtime.fatalpanic (an
 * unrecovered panic, its value ready to print) and of runtime.throw and runtime.fatal (a fatal
 * error, its message in their argument s), placed in every Go process taken, reported with
 * what the runtime is about to print.
 *
 * Owns: c->go_panic_bp, c->go_throw_bp, c->go_fatal_bp. Must not: number these breakpoints (they are not the
 * user's: `info breakpoints` does not list them, scripts' numbers do not move).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int place(struct cli *c, const char *func)
{
	struct cdbg_symbol s;
	if (cdbg_sym_by_name(c->p, func, &s) < 0 || s.kind != CDBG_SYM_FUNC)
		return 0;
	int id = cdbg_bp_insert(c->p, s.addr, 0);
	return id > 0 ? id : 0;
}

void cli_go_process_taken(struct cli *c)
{
	struct cdbg_symbol s;
	c->go_panic_bp = c->go_throw_bp = c->go_fatal_bp = 0;
	/* a Go program: its runtime's scheduler is there */
	if (cdbg_sym_by_name(c->p, "runtime.schedinit", &s) < 0)
		return;
	c->go_panic_bp = place(c, "runtime.fatalpanic");
	c->go_throw_bp = place(c, "runtime.throw");
	c->go_fatal_bp = place(c, "runtime.fatal"); /* Go 1.18 on: errors the user caused */
}

/* The value text v as the runtime prints a panic's value: a string bare, another value
 * without delve's "interface {}(T) " in front. */
static const char *bare(char *v)
{
	if (!strncmp(v, "interface {}(", 13)) {
		char *close = strstr(v, ") ");
		if (close)
			v = close + 2;
	}
	size_t n = strlen(v);
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v[n - 1] = '\0';
		v++;
	}
	return v;
}

int cli_go_death(struct cli *c, int bp_id, pid_t tid, char *buf, size_t len)
{
	struct cdbg_value v;
	char val[1024];
	bool panic = bp_id == c->go_panic_bp;
	if (bp_id <= 0 ||
	    (bp_id != c->go_panic_bp && bp_id != c->go_throw_bp && bp_id != c->go_fatal_bp))
		return 0;
	/* fatalpanic(msgs *_panic): the value is msgs.arg (an error or a Stringer is a string by
	 * then: the runtime's preprintpanics); throw(s string), fatal(s string): the message */
	if (cdbg_eval_frame(c->p, tid, 0, panic ? "msgs.arg" : "s", NULL, &v) == 0 &&
	    !v.optimized_out && cdbg_value_format(c->p, &v, 0, 0, val, sizeof(val)) >= 0)
		snprintf(buf, len, "%s: %s", panic ? "panic" : "fatal error", bare(val));
	else
		snprintf(buf, len, "%s", panic ? "panic" : "fatal error");
	return 1;
}
