/*
 * macroexp.h - C preprocessor macro expansion as gdb's macroexp.c does it: object-like and
 * function-like macros, # and ##, __VA_ARGS__, GNU named variadic parameters (args...) and
 * their ", ## args", C++20 __VA_OPT__, no recursive re-expansion, arguments expanded before
 * they are substituted. Pure: the definitions come from the caller's lookup function.
 *
 * Owns: struct mx_def (one definition, parsed from "NAME(ARGS) BODY" text) and the expander.
 * Must not: keep global state, print, or know where definitions come from.
 */
#ifndef CDBG_MACROEXP_H
#define CDBG_MACROEXP_H

#include <stdbool.h>
#include <stddef.h>

/* One macro definition. argc < 0: object-like. A variadic macro's last parameter is "..."
 * (__VA_ARGS__ names it) or "NAME..." (NAME names it). */
struct mx_def {
	char *name;
	int argc;
	char **argv;
	char *body;
};

/* The definition of the identifier name[0..len) in scope, or NULL. */
typedef const struct mx_def *(*mx_lookup_fn)(void *arg, const char *name, size_t len);

/* Parse "NAME BODY", "NAME(A, B) BODY" or "NAME" (gdb's `macro define` and DWARF's define
 * strings) into *d (malloc'ed: mx_def_free). 0, or -1 with gdb's message in err. */
int mx_def_parse(const char *text, struct mx_def *d, char *err, size_t errlen);
void mx_def_free(struct mx_def *d);
/* Is the identifier s[0..len) what the macro's definition text starts with (a C identifier)?
 * Returns its length, 0 when s starts with no identifier. */
size_t mx_ident_len(const char *s);

/* Expand every macro of src. 0 with *out (malloc'ed), or -1 with gdb's message in err. */
int mx_expand(const char *src, mx_lookup_fn lookup, void *arg, char **out, char *err,
	      size_t errlen);
/* Does src name any macro lookup knows (outside strings and character literals)? */
bool mx_mentions_macro(const char *src, mx_lookup_fn lookup, void *arg);

#endif
