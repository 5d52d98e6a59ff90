/*
 * log.c - the library's log lines, handed to the callback the program set.
 *
 * Owns: formatting of log lines. Must not: write to any stream itself.
 */
#include <stdio.h>

#include "base/base.h"

void cdbg_set_log(cdbg_proc *p, cdbg_log_fn fn, void *data, enum cdbg_log_level level)
{
	cdbg__base(p)->log_fn = fn;
	cdbg__base(p)->log_data = data;
	cdbg__base(p)->log_level = level;
}

void cdbg__log(cdbg_proc *p, enum cdbg_log_level lvl, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (!LOG_ON(p, lvl))
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	cdbg__base(p)->log_fn(cdbg__base(p)->log_data, lvl, line);
}
