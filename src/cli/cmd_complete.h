/*
 * cmd_complete.h - the completion group's own header (cmd_complete*.c): the list of
 * candidates one completion builds, and the completers of each kind of word.
 */
#ifndef CDBG_CLI_CMD_COMPLETE_H
#define CDBG_CLI_CMD_COMPLETE_H

#include "cli.h"

/* The candidates for the word of line that starts at line + wstart: each is kept whole
 * (the text before the word, then the candidate), once the list is sorted. */
struct cpl {
	struct cli *c;
	const char *line; /* the line up to the cursor */
	size_t wstart;    /* where the word being completed starts */
	char **v;
	size_t n, alloc;
	bool oom;
	bool nocase; /* candidates match the word in any case (gdb's signal names) */
	bool wild;   /* ... or after any "::" in them (C++ names in linespecs) */
};

/* Add cand when it starts with the word (line + wstart). */
void cpl_add(struct cpl *l, const char *cand);
/* cpl_add for a callback (void * is the struct cpl). */
void cpl_add_fn(void *l, const char *cand);
/* Set the word to the one that starts at line + at. */
void cpl_word_at(struct cpl *l, size_t at);
/* The word being completed. */
static inline const char *cpl_word(const struct cpl *l)
{
	return l->line + l->wstart;
}

/* cmd_complete_words.c: the completers, each completing the word that starts at `at`. */
void cpl_expression(struct cpl *l, size_t at);  /* symbols, locals, fields, $vars, registers */
void cpl_linespec(struct cpl *l, size_t at);    /* FUNC, FILE:LINE, FILE:FUNC, -function... */
void cpl_filename(struct cpl *l, size_t at);    /* files and directories */
void cpl_signal(struct cpl *l, size_t at);      /* gdb's signal names, all */
void cpl_breakpoints(struct cpl *l, size_t at); /* breakpoint numbers */
void cpl_registers(struct cpl *l, size_t at);   /* register names */
/* cmd_complete_words.c: print's options (-elements ...), then its expression. */
void cpl_print(struct cpl *l, size_t at);
void cpl_backtrace(struct cpl *l, size_t at);

/* cmd_complete_gdb.c: gdb's settings (set/show NAME [SUB] VALUE). */
void cpl_setting(struct cpl *l, size_t at, bool show, bool maint);

#endif
