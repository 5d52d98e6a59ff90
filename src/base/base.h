/*
 * base.h - private to libcdbg: the handle's diagnostics (last failure, log callback, owner
 * thread) and the helpers every layer uses to fail and to log.
 *
 * Owns: struct cdbg__base, the first member of every struct cdbg_proc, so that this layer, the
 * lowest, can reach it from a handle without knowing the rest. Must not: include the header of
 * any other layer (only cdbg.h).
 */
#ifndef CDBG_BASE_H
#define CDBG_BASE_H

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>

#include "cdbg.h"

#define CDBG_ERRMSG_MAX 512

struct cdbg__base {
	pthread_t owner; /* the thread that may make calls on this handle */
	pid_t owner_tid; /* its kernel tid, for messages */
	int errcode;
	char errmsg[CDBG_ERRMSG_MAX];
	uint64_t erraddr; /* with errcode CDBG_ENOMEM: the address (cdbg__fail_mem) */
	cdbg_log_fn log_fn;
	void *log_data;
	enum cdbg_log_level log_level;
};

/* The handle's diagnostics: struct cdbg_proc starts with them (target/target.h checks). */
static inline struct cdbg__base *cdbg__base(const cdbg_proc *p)
{
	return (struct cdbg__base *)p;
}

/* error.c */
int cdbg__fail(cdbg_proc *p, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void cdbg__clear_error(cdbg_proc *p);
int cdbg__fail_mem(cdbg_proc *p, uint64_t addr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int cdbg__check_owner(cdbg_proc *p, const char *what);
const char *cdbg__errstr(int errnum);

/* log.c */
void cdbg__log(cdbg_proc *p, enum cdbg_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define LOG_ON(p, lvl) (cdbg__base(p)->log_fn && (lvl) <= cdbg__base(p)->log_level)
#define logd(p, ...)                                                                               \
	do {                                                                                       \
		if (LOG_ON(p, CDBG_LOG_DEBUG))                                                     \
			cdbg__log(p, CDBG_LOG_DEBUG, __VA_ARGS__);                                 \
	} while (0)
#define logt(p, ...)                                                                               \
	do {                                                                                       \
		if (LOG_ON(p, CDBG_LOG_TRACE))                                                     \
			cdbg__log(p, CDBG_LOG_TRACE, __VA_ARGS__);                                 \
	} while (0)
#define logw(p, ...)                                                                               \
	do {                                                                                       \
		if (LOG_ON(p, CDBG_LOG_WARN))                                                      \
			cdbg__log(p, CDBG_LOG_WARN, __VA_ARGS__);                                  \
	} while (0)

#endif /* CDBG_BASE_H */
