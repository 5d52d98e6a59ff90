/*
 * cli.h - pieces shared by the cdbg front-end's files. The front-end uses only cdbg.h.
 */
#ifndef CDBG_CLI_H
#define CDBG_CLI_H

#include <signal.h>
#include <stdio.h>

#include "cdbg.h"

/* Signal name ("SIGSEGV") and gdb's description ("Segmentation fault"). */
const char *cli_signame(int sig);
const char *cli_sigdesc(int sig);
/* Signal number from "SIGSEGV", "SEGV", "segv" or "11"; -1 if unknown. */
int cli_signum(const char *name);

/* Set by SIGINT/SIGTERM/SIGHUP handlers installed with cli_catch_signals(). */
extern volatile sig_atomic_t cli_got_signal;
void cli_catch_signals(void);

/* The seed's two commands. Return the process exit status for cdbg. */
int cli_cmd_attach(int argc, char **argv);
int cli_cmd_exec(int argc, char **argv);

/* Print one event the way gdb would; returns 1 if the process is gone. */
int cli_print_event(cdbg_proc *p, const struct cdbg_event *ev, const char *prog);

#endif
