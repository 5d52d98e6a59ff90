/*
 * cmd_data_display.c - display [/FMT] EXPR (shown after every stop), undisplay, enable/disable
 * display, info display. The group subscribes to the core's "stopped" event (cli_display_init).
 *
 * Owns: the display list. Must not: format values itself (format.c does).
 */
#include <stdlib.h>

#include "cmd_data.h"
#include "format.h"
#include "groups.h"

/* An auto-display expression, shown after every stop (gdb's display). */
struct display {
	int num;        /* gdb's display number */
	char *expr;     /* the expression text */
	struct xfmt xf; /* its /FMT: count, letter, unit size */
	bool examine;   /* shown as x shows memory (i, s, or a unit size), else as print */
	bool enabled;
	struct display *next;
};

static struct display *displays;
static int next_display = 1;

/* "/1bi " or "/x " as info display shows the format; "" when none. */
static void display_fmt(const struct display *d, char *buf, size_t len)
{
	static const char units[] = { 0, 'b', 'h', 0, 'w', 0, 0, 0, 'g' };

	if (d->examine)
		snprintf(buf, len, "/%ld%c%c ", d->xf.count, units[d->xf.size], d->xf.fmt);
	else if (d->xf.fmt)
		snprintf(buf, len, "/%c ", d->xf.fmt);
	else
		buf[0] = '\0';
}

/* Show one display now. A failure does not count as a failed command: gdb shows
 * <error: ...> in place of the value and goes on (cli_eval has said why on stderr too). */
static void display_one(struct cli *c, struct display *d)
{
	static const char units[] = { 0, 'b', 'h', 0, 'w', 0, 0, 0, 'g' };
	int errors = c->errors;
	struct cdbg_value v;
	bool ok = cli_eval(c, d->expr, &v) == 0;
	char fmt = x_state.fmt;
	unsigned size = x_state.size;

	printf("%d: ", d->num);
	if (!d->examine) {
		if (d->xf.fmt)
			printf("/%c ", d->xf.fmt);
		printf("%s = ", d->expr);
		if (ok)
			fmt_value(c, stdout, &v, d->xf.fmt);
		else
			printf("<error: %s>", cdbg_errmsg(c->p));
		putchar('\n');
	} else {
		printf("x/");
		if (d->xf.count != 1)
			printf("%ld", d->xf.count);
		printf("%c", d->xf.fmt);
		if (d->xf.fmt != 'i' && d->xf.fmt != 's')
			printf("%c", units[d->xf.size]);
		printf(" %s%s", d->expr, d->xf.count != 1 || d->xf.fmt == 'i' ? "\n" : "  ");
		if (!ok)
			printf("<error: %s>\n", cdbg_errmsg(c->p));
		else if ((d->xf.fmt == 'i' ? x_insns(c, data_value_addr(&v), d->xf.count) :
					     x_examine(c, data_value_addr(&v), d->xf.count,
						       d->xf.fmt, d->xf.size)) < 0)
			putchar('\n'); /* what could be read stays; the next display starts afresh */
		x_state.fmt = fmt;
		x_state.size = size;
	}
	c->errors = errors;
	fflush(stdout);
}

static void do_displays(struct cli *c, const struct cdbg_event *ev)
{
	(void)ev;
	for (struct display *d = displays; d; d = d->next)
		if (d->enabled)
			display_one(c, d);
}

/* display [/FMT] [EXPR]: show EXPR after every stop; no EXPR shows them all now. */
int data_cmd_display(struct cli *c, char *args)
{
	struct display *d, **tail;
	struct xfmt xf = { .count = 1 };

	args = cli_skip_ws(args);
	if (!*args) {
		do_displays(c, NULL);
		return 0;
	}
	if (*args == '/' && data_parse_fmt(c, &args, &xf) < 0)
		return -1;
	rtrim(args);
	if (!*args)
		return cli_error(c, "Argument required (expression to compute).");
	if (!(d = calloc(1, sizeof(*d))) || !(d->expr = strdup(args))) {
		free(d);
		return cli_error(c, "out of memory");
	}
	if (xf.size && !xf.fmt)
		xf.fmt = 'x';
	if (xf.fmt == 'i' || xf.fmt == 's')
		xf.size = 1;
	if (xf.count < 1)
		xf.count = 1;
	d->xf = xf;
	d->examine = xf.size != 0;
	d->enabled = true;
	d->num = next_display++;
	for (tail = &displays; *tail; tail = &(*tail)->next)
		;
	*tail = d;
	/* gdb shows it at once, except for commands given with -batch. */
	if (c->live && !c->batch)
		display_one(c, d);
	return 0;
}

static void display_free(struct display *d)
{
	free(d->expr);
	free(d);
}

/* Each display number in args through fn; "No display number N." for unknown ones. */
static int each_display(struct cli *c, char *args, void (*fn)(struct display **))
{
	char *w, *end;
	int ret = 0;

	while ((w = cli_next_word(&args)) && *w) {
		long n = strtol(w, &end, 10);
		struct display **dp = &displays;
		if (*end || n <= 0) {
			ret = cli_error(c, "Arguments must be display numbers.");
			continue;
		}
		while (*dp && (*dp)->num != n)
			dp = &(*dp)->next;
		if (*dp)
			fn(dp);
		else
			ret = cli_error(c, "No display number %ld.", n);
	}
	return ret;
}

static void delete_display(struct display **dp)
{
	struct display *d = *dp;

	*dp = d->next;
	display_free(d);
}

static void enable_display(struct display **dp)
{
	(*dp)->enabled = true;
}

static void disable_display(struct display **dp)
{
	(*dp)->enabled = false;
}

/* undisplay [N...] (also delete display): forget displays, all of them with no argument. */
int data_cmd_undisplay(struct cli *c, char *args)
{
	if (*cli_skip_ws(args))
		return each_display(c, args, delete_display);
	if (!cli_query(c, "Delete all auto-display expressions? "))
		return 0;
	while (displays)
		delete_display(&displays);
	return 0;
}

/* enable display [N...] / disable display [N...]: for the breakpoint commands to call. */
int cli_display_enable(struct cli *c, char *args, bool on)
{
	if (*cli_skip_ws(args))
		return each_display(c, args, on ? enable_display : disable_display);
	for (struct display *d = displays; d; d = d->next)
		d->enabled = on;
	return 0;
}

int data_info_display(struct cli *c, char *args)
{
	char f[32];

	if (!displays) {
		printf("There are no auto-display expressions now.\n");
		return 0;
	}
	printf("Auto-display expressions now in effect:\nNum Enb Expression\n");
	for (struct display *d = displays; d; d = d->next) {
		display_fmt(d, f, sizeof(f));
		printf("%d:   %c  %s%s\n", d->num, d->enabled ? 'y' : 'n', f, d->expr);
	}
	return 0;
}

void cli_display_init(void)
{
	cli_observe(CLI_OBS_STOPPED, do_displays);
	cli_set_display_switch(cli_display_enable);
}
