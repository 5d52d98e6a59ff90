/*
 * cmd_settings_style.c - gdb 13's `set style ...` and `show style ...`: enabled, sources,
 * disassembler enabled, and each style's foreground, background and intensity (the colours
 * live in libcdbg: cdbg_style_*), worded as gdb words them; and the escapes the CLI's own
 * output uses (cli_st), which are "" unless styling is on and standard output is a terminal.
 *
 * Owns: the style settings of struct cli. Must not: style anything itself (the callers wrap
 * their text with cli_st/cli_st_end).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_settings.h"
#include "core_setvar.h"

/* The styles gdb's `set style` names, with their colour table entry. */
struct style_name {
	const char *name;
	enum cdbg_style style;
	bool no_intensity; /* tui borders have none */
};

static const struct style_name top_styles[] = {
	{ "address", CDBG_STYLE_ADDRESS, false },
	{ "filename", CDBG_STYLE_FILENAME, false },
	{ "function", CDBG_STYLE_FUNCTION, false },
	{ "highlight", CDBG_STYLE_HIGHLIGHT, false },
	{ "metadata", CDBG_STYLE_METADATA, false },
	{ "title", CDBG_STYLE_TITLE, false },
	{ "tui-active-border", CDBG_STYLE_TUI_ACTIVE_BORDER, true },
	{ "tui-border", CDBG_STYLE_TUI_BORDER, true },
	{ "variable", CDBG_STYLE_VARIABLE, false },
	{ "version", CDBG_STYLE_VERSION, false },
	{ NULL, 0, false },
};

static const struct style_name disasm_styles[] = {
	{ "address", CDBG_STYLE_ADDRESS, false }, /* aliases of the top-level styles */
	{ "comment", CDBG_STYLE_DISASM_COMMENT, false },
	{ "immediate", CDBG_STYLE_DISASM_IMMEDIATE, false },
	{ "mnemonic", CDBG_STYLE_DISASM_MNEMONIC, false },
	{ "register", CDBG_STYLE_DISASM_REGISTER, false },
	{ "symbol", CDBG_STYLE_FUNCTION, false },
	{ NULL, 0, false },
};

static const char *const colors[] = { "none", "black",   "red",  "green", "yellow",
				      "blue", "magenta", "cyan", "white", NULL };
static const char *const intensities[] = { "normal", "bold", "dim", NULL };

/* The length of the word at s (up to a blank). */
static size_t wlen(const char *s)
{
	return strcspn(s, " \t");
}

/* gdb's lookup of a subcommand: exact, else a unique prefix. -1 none, -2 ambiguous. */
static int lookup(const char *w, size_t n, const char *const *names, size_t stride)
{
	int found = -1;

	if (!n)
		return -1;
	for (int i = 0;; i++) {
		const char *name = *(const char *const *)((const char *)names + i * stride);
		if (!name)
			break;
		if (strncmp(name, w, n))
			continue;
		if (strlen(name) == n)
			return i;
		found = found == -1 ? i : -2;
	}
	return found;
}

/* An enum argument as gdb's parse_cli_var_enum reads it. */
static int enum_arg(struct cli *c, char *v, const char *const *names, const char *valid)
{
	size_t n = wlen(v);
	int k;

	if (!*v)
		return cli_error(c, "Requires an argument. Valid arguments are %s.", valid);
	k = lookup(v, n, names, sizeof(*names));
	if (k == -2)
		return cli_error(c, "Ambiguous item \"%.*s\".", (int)n, v);
	if (k < 0)
		return cli_error(c, "Undefined item: \"%.*s\".", (int)n, v);
	if (*cli_skip_ws(v + n))
		return cli_error(c, "Junk after item \"%.*s\": %s", (int)n, v, cli_skip_ws(v + n));
	return k;
}

/* `The "address" style foreground color is: blue`, the name in its own style. */
static void show_attr(struct cli *c, const struct style_name *sn, int attr, bool prefix,
		      const char *group)
{
	static const char *const attrs[] = { "background", "foreground", "intensity" };
	struct cdbg_style_spec sp;
	const char *b = cli_st(c, sn->style), *e = cli_st_end(c, sn->style);

	if (cdbg_style_get(sn->style, &sp) < 0)
		return;
	if (prefix)
		printf("style %s%s %s:  ", group, sn->name, attrs[attr]);
	printf("The %s\"%s%s%s%s%s\" style%s ", b, e, b, sn->name, e, b, e);
	if (attr == 2)
		printf("display intensity is: %s\n", cdbg_style_intensity_name(sp.intensity));
	else
		printf("%s color is: %s\n", attrs[attr],
		       cdbg_style_color_name(attr ? sp.fg : sp.bg));
}

static void show_all_attrs(struct cli *c, const struct style_name *sn, const char *group)
{
	for (int a = 0; a < (sn->no_intensity ? 2 : 3); a++)
		show_attr(c, sn, a, true, group);
}

/* set/show style NAME [background|foreground|intensity [VALUE]] */
static int style_attr(struct cli *c, const struct style_name *sn, char *rest, bool set,
		      const char *group)
{
	static const char *const attrs[] = { "background", "foreground", "intensity", NULL };
	struct cdbg_style_spec sp;
	size_t n = wlen(rest);
	int a, v;

	a = lookup(rest, n, attrs, sizeof(*attrs));
	if (a == 2 && sn->no_intensity)
		a = -1;
	if (a < 0 && !set && !*rest) {
		show_all_attrs(c, sn, group);
		return 0;
	}
	if (a < 0 && set && !*rest) {
		printf("List of set style %s%s subcommands:\n\n", group, sn->name);
		printf("set style %s%s background -- Set the background color for this property.\n",
		       group, sn->name);
		printf("set style %s%s foreground -- Set the foreground color for this property.\n",
		       group, sn->name);
		if (!sn->no_intensity)
			printf("set style %s%s intensity -- Set the display intensity for this "
			       "property.\n",
			       group, sn->name);
		return 0;
	}
	if (a < 0)
		return cli_error(
			c, "Undefined %s style %s%s command: \"%s\".  Try \"help %s style %s%s\".",
			set ? "set" : "show", group, sn->name, rest, set ? "set" : "show", group,
			sn->name);
	if (!set) {
		show_attr(c, sn, a, false, group);
		return 0;
	}
	rest = cli_skip_ws(rest + n);
	if (cdbg_style_get(sn->style, &sp) < 0)
		return -1;
	if (a == 2) {
		if ((v = enum_arg(c, rest, intensities, "normal, bold, dim")) < 0)
			return -1;
		sp.intensity = v;
	} else {
		if ((v = enum_arg(c, rest, colors,
				  "none, black, red, green, yellow, blue, magenta, cyan, white")) <
		    0)
			return -1;
		*(a ? &sp.fg : &sp.bg) = v - 1;
	}
	return cdbg_style_set(sn->style, &sp) < 0 ? cli_error(c, "invalid style") : 0;
}

static int bool_setting(struct cli *c, char *v, bool *out)
{
	bool b = true;

	if (*v && cli_parse_boolean(c, v, &b) < 0)
		return -1;
	*out = b;
	return 0;
}

static const char *const disasm_names[] = { "address",  "comment",  "enabled", "immediate",
					    "mnemonic", "register", "symbol",  NULL };

static void show_disasm_enabled(struct cli *c, bool prefix)
{
	printf("%sDisassembler output styling is %s.\n",
	       prefix ? "style disassembler enabled:  " : "",
	       c->style_disasm ? "enabled" : "disabled");
}

static int disasm(struct cli *c, char *rest, bool set)
{
	size_t n = wlen(rest);
	int k = lookup(rest, n, disasm_names, sizeof(*disasm_names));

	if (!*rest) {
		if (set) {
			printf("List of set style disassembler subcommands:\n\n"
			       "set style disassembler comment -- Disassembler comment display "
			       "styling.\n"
			       "set style disassembler enabled -- Set whether disassembler output "
			       "styling is enabled.\n"
			       "set style disassembler immediate -- Disassembler immediate display "
			       "styling.\n"
			       "set style disassembler mnemonic -- Disassembler mnemonic display "
			       "styling.\n"
			       "set style disassembler register -- Disassembler register display "
			       "styling.\n");
			return 0;
		}
		for (int i = 1; disasm_styles[i].name; i++) {
			if (disasm_styles[i].style == CDBG_STYLE_FUNCTION)
				continue;
			if (!strcmp(disasm_styles[i].name, "immediate"))
				show_disasm_enabled(c, true);
			show_all_attrs(c, &disasm_styles[i], "disassembler ");
		}
		return 0;
	}
	if (k < 0)
		return cli_error(c,
				 "%s set style disassembler command: \"%s\".  Try \"help %s style "
				 "disassembler\".",
				 k == -2 ? "Ambiguous" : "Undefined", rest, set ? "set" : "show");
	if (!strcmp(disasm_names[k], "enabled")) {
		if (!set) {
			show_disasm_enabled(c, false);
			return 0;
		}
		return bool_setting(c, cli_skip_ws(rest + n), &c->style_disasm);
	}
	for (int i = 0; disasm_styles[i].name; i++)
		if (!strcmp(disasm_styles[i].name, disasm_names[k]))
			return style_attr(c, &disasm_styles[i], cli_skip_ws(rest + n), set,
					  "disassembler ");
	return -1;
}

static const char *const style_names[] = {
	"address",  "disassembler",      "enabled",    "filename",
	"function", "highlight",         "metadata",   "sources",
	"title",    "tui-active-border", "tui-border", "tui-current-position",
	"variable", "version",           NULL
};

static void show_flag(const char *name, bool prefix, const char *what, bool on)
{
	printf("%s%s is %s.\n", prefix ? name : "", what, on ? "enabled" : "disabled");
}

static void show_everything(struct cli *c)
{
	for (int i = 0; style_names[i]; i++) {
		const char *nm = style_names[i];
		if (!strcmp(nm, "disassembler"))
			disasm(c, (char *)"", false);
		else if (!strcmp(nm, "enabled"))
			show_flag("style enabled:  ", true, "CLI output styling", c->style_enabled);
		else if (!strcmp(nm, "sources"))
			show_flag("style sources:  ", true, "Source code styling",
				  c->style_sources);
		else if (!strcmp(nm, "tui-current-position"))
			printf("style tui-current-position:  Styling the text highlighted by the "
			       "TUI's current position indicator is off.\n");
		else
			for (int k = 0; top_styles[k].name; k++)
				if (!strcmp(top_styles[k].name, nm))
					show_all_attrs(c, &top_styles[k], "");
	}
}

int cli_style_setting(struct cli *c, char *args, bool set)
{
	char *rest = cli_skip_ws(args);
	size_t n = wlen(rest);
	int k = lookup(rest, n, style_names, sizeof(*style_names));
	const char *nm;

	if (!*rest) {
		if (!set) {
			show_everything(c);
			return 0;
		}
		printf("List of set style subcommands:\n\n");
		for (int i = 0; style_names[i]; i++)
			printf("set style %s\n", style_names[i]);
		return 0;
	}
	if (k == -2)
		return cli_error(c, "Ambiguous %s style command \"%s\": ...", set ? "set" : "show",
				 rest);
	if (k < 0)
		return cli_error(c, "Undefined %s style command: \"%.*s\".  Try \"help %s style\".",
				 set ? "set" : "show", (int)n, rest, set ? "set" : "show");
	nm = style_names[k];
	rest = cli_skip_ws(rest + n);
	if (!strcmp(nm, "disassembler"))
		return disasm(c, rest, set);
	if (!strcmp(nm, "enabled")) {
		if (!set) {
			show_flag("", false, "CLI output styling", c->style_enabled);
			return 0;
		}
		if (bool_setting(c, rest, &c->style_enabled) < 0)
			return -1;
		cli_style_update(c);
		return 0;
	}
	if (!strcmp(nm, "sources")) {
		if (!set) {
			show_flag("", false, "Source code styling", c->style_sources);
			return 0;
		}
		return bool_setting(c, rest, &c->style_sources);
	}
	if (!strcmp(nm, "tui-current-position")) {
		bool b;
		if (!set) {
			printf("Styling the text highlighted by the TUI's current position indicator "
			       "is off.\n");
			return 0;
		}
		if (bool_setting(c, rest, &b) < 0)
			return -1;
		return b ? cli_error(c, "cdbg has no TUI: its current position is never styled.") :
			   0;
	}
	for (int i = 0; top_styles[i].name; i++)
		if (!strcmp(top_styles[i].name, nm))
			return style_attr(c, &top_styles[i], rest, set, "");
	return -1;
}

/* gdb's libopcodes styling of disassembly (off: none, as gdb without Python's pygments). */
int cli_style_libopcodes(struct cli *c, char *args, bool set)
{
	char *rest = cli_skip_ws(args);
	size_t n = wlen(rest);

	if (!n) {
		if (set)
			printf("List of maintenance set libopcodes-styling subcommands:\n\n"
			       "maintenance set libopcodes-styling enabled -- Set whether the "
			       "libopcodes styling support should be used.\n");
		else
			printf("libopcodes-styling enabled:  Use of libopcodes styling support is "
			       "\"%s\".\n",
			       c->style_libopcodes ? "on" : "off");
		return 0;
	}
	if (strncmp("enabled", rest, n))
		return cli_error(c,
				 "Undefined maintenance %s libopcodes-styling command: \"%s\".  Try "
				 "\"help maintenance %s libopcodes-styling\".",
				 set ? "set" : "show", rest, set ? "set" : "show");
	rest = cli_skip_ws(rest + n);
	if (!set) {
		printf("Use of libopcodes styling support is \"%s\".\n",
		       c->style_libopcodes ? "on" : "off");
		return 0;
	}
	if (!*rest)
		return cli_error(c, "\"on\" or \"off\" expected.");
	return bool_setting(c, rest, &c->style_libopcodes);
}
