/*
 * cmd_misc.c - gdb's small commands about the session: cd, pwd, unset and info source
 * (symbol-file is in cmd_run.c, with file).
 *
 * Must not: touch the process except through cdbg.h (aliases: cmd_alias.c).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "groups.h"

static void trim_end(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

/* ---- cd, pwd ------------------------------------------------------------------------------- */

static int say_cwd(struct cli *c)
{
	char buf[PATH_MAX];

	if (!getcwd(buf, sizeof(buf)))
		return cli_error(c, "Error finding name of working directory: %s", strerror(errno));
	printf("Working directory %s%s%s.\n", cli_st(c, CDBG_STYLE_FILENAME), buf,
	       cli_st_end(c, CDBG_STYLE_FILENAME));
	return 0;
}

static int cmd_pwd(struct cli *c, char *args)
{
	if (*args)
		return cli_error(c, "The \"pwd\" command does not take an argument: %s", args);
	return say_cwd(c);
}

/* cd [DIR]: gdb's default is the home directory; "~" at the start is the home too. */
static int cmd_cd(struct cli *c, char *args)
{
	const char *home = getenv("HOME");
	char path[PATH_MAX];

	trim_end(args);
	if (!*args || !strcmp(args, "~"))
		snprintf(path, sizeof(path), "%s", home ? home : "/");
	else if (args[0] == '~' && args[1] == '/')
		snprintf(path, sizeof(path), "%s%s", home ? home : "", args + 1);
	else
		snprintf(path, sizeof(path), "%s", args);
	if (chdir(path) < 0)
		return cli_error(c, "%s: %s.", path, strerror(errno));
	if (!c->batch)
		return say_cwd(c);
	return 0;
}

/* ---- info source --------------------------------------------------------------------------- */

static int info_source(struct cli *c, char *args)
{
	struct cdbg_cu_info cu;
	struct cdbg_frame *f = NULL;
	struct cdbg_line ln;
	char full[1100];
	uint64_t pc;
	int n, sel, lline;
	const char *lfile;

	(void)args;
	if (!c->live && cli_list_where(&lfile, &lline)) {
		/* gdb's current source file: the one `list` showed */
		if (cdbg_addrs_for_line(c->p, lfile, lline > 1 ? lline - 1 : 1, &pc, 1) <= 0) {
			printf("No current source file.\n");
			return 0;
		}
	} else if (!c->live ||
		   (n = cli_frames(c, c->cur_tid, &f)) <= (sel = cli_selected_frame(c))) {
		free(f);
		printf("No current source file.\n");
		return 0;
	} else {
		pc = f[sel].is_caller ? f[sel].pc - 1 : f[sel].pc;
		free(f);
	}
	if (cdbg_line_by_addr(c->p, pc, &ln) < 0 || !ln.line || cdbg_cu_info(c->p, pc, &cu) < 0) {
		printf("No current source file.\n");
		return 0;
	}
	printf("Current source file is %s\n", cu.name);
	if (cu.comp_dir[0])
		printf("Compilation directory is %s\n", cu.comp_dir);
	if (cu.name[0] == '/' || !cu.comp_dir[0])
		snprintf(full, sizeof(full), "%s", cu.name);
	else
		snprintf(full, sizeof(full), "%s/%s", cu.comp_dir, cu.name);
	printf("Located in %s\n", full);
	if ((n = cli_source_nlines(full)) >= 0)
		printf("Contains %d lines.\n", n);
	printf("Source language is %s.\n", cu.language);
	if (cu.producer[0])
		printf("Producer is %s.\n", cu.producer);
	printf("Compiled with DWARF %d debugging format.\n", cu.dwarf_version);
	printf("%s preprocessor macro info.\n", cu.has_macros ? "Includes" : "Does not include");
	return 0;
}

/* unset environment [VAR], unset substitute-path [FROM]. */
static int cmd_unset(struct cli *c, char *args)
{
	size_t n = strcspn(args, " \t");
	char *rest = cli_skip_ws(args + n), *argv[2];
	int k;

	if (n && !strncmp(args, "environment", n)) {
		if (!*rest) {
			if (!cli_query(c, "Delete all environment variables? "))
				return 0;
			return clearenv() == 0 ? 0 : cli_error(c, "cannot clear the environment");
		}
		return unsetenv(rest) == 0 ? 0 : cli_error(c, "cannot unset \"%s\"", rest);
	}
	if (n && !strncmp(args, "substitute-path", n)) {
		if ((k = cli_buildargv(rest, argv, 2)) > 1)
			return cli_error(c, "Incorrect usage, too many arguments in command");
		if (!k && !cli_query(c, "Delete all source path substitution rules? "))
			return cli_error(c, "Canceled");
		if (!cli_subst_unset(k ? argv[0] : NULL) && k)
			return cli_error(c, "No substitution rule defined for `%s'", argv[0]);
		return 0;
	}
	if (!n) { /* gdb's list of the subcommands (those cdbg has) */
		printf("List of unset subcommands:\n\n"
		       "unset environment -- Cancel environment variable VAR for the program.\n"
		       "unset substitute-path -- Delete one or all substitution rules rewriting "
		       "the source directories.\n\n"
		       "Type \"help unset\" followed by unset subcommand name for full "
		       "documentation.\n"
		       "Type \"apropos word\" to search for commands related to \"word\".\n"
		       "Type \"apropos -v word\" for full documentation of commands related to "
		       "\"word\".\n"
		       "Command name abbreviations are allowed if unambiguous.\n");
		return 0;
	}
	return cli_error(c, "Undefined unset command: \"%.*s\".  Try \"help unset\".", (int)n,
			 args);
}

const struct cli_cmd cli_cmds_misc[] = {
	{ "unset",
	  { NULL },
	  cmd_unset,
	  0,
	  "Complement to certain \"set\" commands.\n"
	  "unset environment [VAR]: remove VAR (every variable with none) from the environment\n"
	  "the program will be started with; unset substitute-path [FROM]: delete FROM's source\n"
	  "path substitution rule (every rule with none)." },
	{ "cd", { NULL }, cmd_cd, 0, "Set working directory to DIR for debugger (default: home)." },
	{ "pwd", { NULL }, cmd_pwd, 0, "Print working directory." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

/* gdb's info program: the process, where it stopped and why. */
static int info_program(struct cli *c, char *args)
{
	struct cdbg_break_info bi;
	uint64_t pc = 0;
	int id, loc;

	(void)args;
	if (!c->live) {
		printf("The program being debugged is not being run.\n");
		return 0;
	}
	if (cdbg_pc_get(c->p, c->cur_tid, &pc) < 0)
		return cli_lib_error(c);
	char tn[96];
	const char *who = cli_thread_name(c, c->cur_tid, tn, sizeof(tn));
	if (!strncmp(who, "LWP ", 4)) { /* no thread library: gdb's "process N" */
		snprintf(tn, sizeof(tn), "process %d", (int)cdbg_pid(c->p));
		who = tn;
	}
	printf("\tUsing the running image of %s %s.\n",
	       cdbg_is_launched(c->p) ? "child" : "attached", who);
	printf("Program stopped at 0x%llx.\n", (unsigned long long)pc);
	if (c->stop_why == CLI_STOP_STEPPED)
		printf("It stopped after being stepped.\n");
	else if (c->stop_why == CLI_STOP_GONE_BP ||
		 (c->stop_why == CLI_STOP_BREAKPOINT &&
		  (cdbg_break_of_hit(c->p, c->stop_bp, &id, &loc) < 0 ||
		   cdbg_break_info(c->p, id, &bi) < 0)))
		printf("It stopped at a breakpoint that has since been deleted.\n");
	else if (c->stop_why == CLI_STOP_BREAKPOINT)
		printf("It stopped at breakpoint %d.\n", id);
	else if (c->stop_why == CLI_STOP_SIGNAL)
		printf("It stopped with signal %s, %s.\n", cli_signame(c->stop_sig),
		       cli_sigdesc(c->stop_sig));
	if (cli_from_tty(c))
		printf("Type \"info stack\" or \"info registers\" for more information.\n");
	return 0;
}

const struct cli_cmd cli_info_misc[] = {
	{ "source", { NULL }, info_source, 0, "Information about the current source file." },
	{ "program",
	  { NULL },
	  info_program,
	  0,
	  "Execution status of the program: where it stopped and why." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
