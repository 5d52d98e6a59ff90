/*
 * dap_vars.c - what the client reads at a stop: stack frames (paged), scopes, variables
 * (children read when the client expands them, arrays paged by start and count), evaluate
 * (watch, hover, and the debug console, where a cdbg command line works too), setVariable,
 * setExpression and completions.
 *
 * Owns: the handles of a stop (d->refs, d->frames), forgotten when the program resumes.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dap.h"

#define VALUE_TEXT_MAX 65536

/* ---- handles ---- */

static int64_t new_ref(struct dap *d, enum dap_ref_kind kind, pid_t tid, int frame,
		       const struct cdbg_value *v, const char *expr)
{
	if (d->nrefs == d->cap_refs) {
		size_t cap = d->cap_refs ? d->cap_refs * 2 : 64;
		struct dap_ref *r = realloc(d->refs, cap * sizeof(*r));
		if (!r)
			return 0;
		d->refs = r;
		d->cap_refs = cap;
	}
	struct dap_ref *r = &d->refs[d->nrefs++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->tid = tid;
	r->frame = frame;
	if (v)
		r->value = *v;
	r->expr = expr ? strdup(expr) : NULL;
	return (int64_t)d->nrefs;
}

static struct dap_ref *ref_of(struct dap *d, json_t *id)
{
	if (!json_is_integer(id) || json_integer_value(id) < 1 ||
	    (uint64_t)json_integer_value(id) > d->nrefs)
		return NULL;
	return &d->refs[json_integer_value(id) - 1];
}

static int64_t new_frame(struct dap *d, pid_t tid, int64_t goid, int level)
{
	for (size_t i = 0; i < d->nframes; i++)
		if (d->frames[i].tid == tid && d->frames[i].goid == goid &&
		    d->frames[i].level == level)
			return (int64_t)i + 1;
	if (d->nframes == d->cap_frames) {
		size_t cap = d->cap_frames ? d->cap_frames * 2 : 64;
		struct dap_frame_ref *f = realloc(d->frames, cap * sizeof(*f));
		if (!f)
			return 0;
		d->frames = f;
		d->cap_frames = cap;
	}
	d->frames[d->nframes] = (struct dap_frame_ref){ tid, level, goid };
	return (int64_t)++d->nframes;
}

int dap_frame_of(struct dap *d, int64_t id, pid_t *tid, int *level)
{
	if (id < 1 || (uint64_t)id > d->nframes)
		return -1;
	*tid = d->frames[id - 1].tid;
	*level = d->frames[id - 1].level;
	return 0;
}

static bool need_stopped(struct dap *d, json_t *req, const char *what)
{
	if (d->state == DAP_STOPPED)
		return true;
	dap_fail(d, req, "%s: %s", what,
		 d->state == DAP_RUNNING ? "the program is running; pause it first" :
					   "no program is being debugged");
	return false;
}

/* ---- frames ---- */

static json_t *source_json(const char *path)
{
	const char *base = strrchr(path, '/');
	return json_pack("{s:s, s:s}", "name", base ? base + 1 : path, "path", path);
}

void dap_stack_trace(struct dap *d, json_t *req, json_t *args)
{
	if (!need_stopped(d, req, "stackTrace"))
		return;
	json_t *jt = json_object_get(args, "threadId");
	json_t *js = json_object_get(args, "startFrame"), *jl = json_object_get(args, "levels");
	pid_t tid = d->stop_tid;
	int64_t goid = 0;
	if (json_is_integer(jt) && dap_thread_of(d, json_integer_value(jt), &tid, &goid) < 0) {
		dap_fail(d, req, "stackTrace: no thread %lld in the program",
			 (long long)json_integer_value(jt));
		return;
	}
	long start = json_is_integer(js) ? (long)json_integer_value(js) : 0;
	long levels = json_is_integer(jl) ? (long)json_integer_value(jl) : 0;
	if (start < 0 || levels < 0) {
		dap_fail(d, req, "stackTrace: startFrame and levels cannot be negative");
		return;
	}
	if (start > 100000)
		start = 100000;
	if (levels == 0 || levels > 100000)
		levels = 100000;
	/* one more than asked: whether the stack goes on */
	size_t max = (size_t)(start + levels + 1);
	if (max > 4096)
		max = 4096;
	struct cdbg_frame *f = malloc(max * sizeof(*f));
	if (!f) {
		dap_fail(d, req, "stackTrace: out of memory");
		return;
	}
	/* a goroutine parked on no thread: from where it parked */
	int n = tid ? cdbg_backtrace(d->p, tid, f, max) :
		      cdbg_goroutine_backtrace(d->p, goid, f, max);
	if (n < 0) {
		free(f);
		dap_fail_lib(d, req, "stackTrace");
		return;
	}
	json_t *list = json_array();
	for (long i = start; i < n && i < start + levels; i++) {
		const struct cdbg_frame *fr = &f[i];
		char name[512];
		if (fr->is_dummy)
			snprintf(name, sizeof(name), "<function called from cdbg>");
		else if (fr->is_sigtramp)
			snprintf(name, sizeof(name), "<signal handler called>");
		else if (fr->func[0])
			snprintf(name, sizeof(name), "%s", fr->func);
		else
			snprintf(name, sizeof(name), "0x%" PRIx64 " in ??", fr->pc);
		json_t *j = json_pack("{s:I, s:s, s:i, s:i, s:o}", "id",
				      (json_int_t)new_frame(d, tid, goid, (int)i), "name", name,
				      "line",
				      fr->line ? fr->line - (d->lines_start_at1 ? 0 : 1) : 0,
				      "column", d->columns_start_at1 ? 1 : 0,
				      "instructionPointerReference", dap_addr_json(fr->pc));
		if (fr->file[0] && fr->line)
			json_object_set_new(j, "source", source_json(fr->file));
		else
			json_object_set_new(j, "presentationHint", json_string("subtle"));
		if (fr->module[0])
			json_object_set_new(j, "moduleId", json_string(fr->module));
		json_array_append_new(list, j);
	}
	json_t *body = json_pack("{s:o}", "stackFrames", list);
	if ((size_t)n < max) /* the whole stack is known */
		json_object_set_new(body, "totalFrames", json_integer(n));
	free(f);
	dap_ok(d, req, body);
}

void dap_scopes(struct dap *d, json_t *req, json_t *args)
{
	if (!need_stopped(d, req, "scopes"))
		return;
	pid_t tid;
	int level;
	json_t *id = json_object_get(args, "frameId");
	if (!json_is_integer(id) || dap_frame_of(d, json_integer_value(id), &tid, &level) < 0) {
		dap_fail(d, req, "scopes: no frame with that frameId at this stop");
		return;
	}
	json_t *list = json_pack(
		"[{s:s, s:s, s:I, s:b}, {s:s, s:s, s:I, s:b}, {s:s, s:s, s:I, s:b}]", "name",
		"Locals", "presentationHint", "locals", "variablesReference",
		(json_int_t)new_ref(d, DAP_REF_LOCALS, tid, level, NULL, NULL), "expensive", 0,
		"name", "Arguments", "presentationHint", "arguments", "variablesReference",
		(json_int_t)new_ref(d, DAP_REF_ARGS, tid, level, NULL, NULL), "expensive", 0,
		"name", "Registers", "presentationHint", "registers", "variablesReference",
		(json_int_t)new_ref(d, DAP_REF_REGS, tid, level, NULL, NULL), "expensive", 1);
	dap_ok(d, req, json_pack("{s:o}", "scopes", list));
}

/* ---- values ---- */

/* May expr be followed by .x or [i] without parentheses? */
static bool simple_expr(const char *e)
{
	if (!*e || *e == '*' || *e == '&' || *e == '-')
		return false;
	for (const char *s = e; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_.[]$", *s) &&
		    !(s[0] == '-' && s[1] == '>') && !(s[0] == '>' && s > e && s[-1] == '-'))
			return false;
	return true;
}

/* The expression of child `name` of the value parent names (NULL when none). */
static char *child_expr(const struct cdbg_value *parent, const char *pexpr, const char *name)
{
	char *e = NULL;
	if (!pexpr)
		return NULL;
	bool simple = simple_expr(pexpr);
	if (!strcmp(name, "*"))
		(void)asprintf(&e, simple ? "*%s" : "*(%s)", pexpr);
	else if (name[0] == '[')
		(void)asprintf(&e, simple ? "%s%s" : "(%s)%s", pexpr, name);
	else if (name[0] == '<') /* a base class, an unnamed member: its members are the parent's */
		e = strdup(pexpr);
	else if (parent->is_pointer)
		(void)asprintf(&e, simple ? "%s->%s" : "(%s)->%s", pexpr, name);
	else if (pexpr[0] == '*' && simple_expr(pexpr + 1)) /* (*p).x is p->x */
		(void)asprintf(&e, "%s->%s", pexpr + 1, name);
	else
		(void)asprintf(&e, simple ? "%s.%s" : "(%s).%s", pexpr, name);
	return e;
}

static int value_format(json_t *fmt)
{
	return json_is_true(json_object_get(fmt, "hex")) ? 'x' : 0;
}

/* A variable (or an evaluate result) as the client shows it. */
static json_t *var_json(struct dap *d, const char *name, const struct cdbg_value *v, pid_t tid,
			int frame, const char *expr, int fmt, const char *name_key)
{
	static char text[VALUE_TEXT_MAX];
	char type[1024];
	if (cdbg_value_format_opts(d->p, v, fmt, CDBG_FMT_TOP, &d->c->print, text, sizeof(text)) < 0)
		snprintf(text, sizeof(text), "<%s>", cdbg_errmsg(d->p));
	if (!v->dtype || cdbg_value_type(d->p, v, type, sizeof(type)) < 0)
		snprintf(type, sizeof(type), "%s", v->type);
	json_t *j = json_pack("{s:s, s:s, s:s}", name_key, name,
			      strcmp(name_key, "name") ? "result" : "value", text, "type", type);
	int kids = 0;
	if (!v->optimized_out && v->dtype && !(v->is_pointer && v->bits == 0))
		kids = cdbg_value_children(d->p, v, 0, NULL, 0);
	int64_t ref = 0;
	struct cdbg_var kid;
	int grandkids;
	/* a pointer to a struct or union shows its members, not one "*" child first */
	if (kids == 1 && v->is_pointer && cdbg_value_children(d->p, v, 0, &kid, 1) == 1 &&
	    !kid.value.is_pointer && kid.value.type[0] &&
	    kid.value.type[strlen(kid.value.type) - 1] != ']' &&
	    (grandkids = cdbg_value_children(d->p, &kid.value, 0, NULL, 0)) > 0) {
		char *ke = child_expr(v, expr, "*");
		ref = new_ref(d, DAP_REF_VALUE, tid, frame, &kid.value, ke);
		free(ke);
		json_object_set_new(j, "namedVariables", json_integer(grandkids));
	} else if (kids > 0) {
		ref = new_ref(d, DAP_REF_VALUE, tid, frame, v, expr);
		size_t tl = strlen(v->type);
		if (!v->is_pointer && tl && (v->type[tl - 1] == ']' || !strncmp(v->type, "[]", 2)))
			json_object_set_new(j, "indexedVariables", json_integer(kids));
		else
			json_object_set_new(j, "namedVariables", json_integer(kids));
	}
	json_object_set_new(j, "variablesReference", json_integer(ref));
	if (expr)
		json_object_set_new(j, "evaluateName", json_string(expr));
	if (v->lvalue && v->addr < CDBG_VALUE_HELD_BASE)
		json_object_set_new(j, "memoryReference", dap_addr_json(v->addr));
	else if (v->is_pointer)
		json_object_set_new(j, "memoryReference", dap_addr_json(v->bits));
	return j;
}

static json_t *frame_vars(struct dap *d, struct dap_ref *r, unsigned which, int fmt,
			  const char **err)
{
	if (!r->tid) {
		*err = "the goroutine runs on no thread now: cdbg reads the variables of a "
		       "goroutine's frames only while it runs on one";
		return NULL;
	}
	size_t cap = 64;
	struct cdbg_var *vars = NULL;
	int n;
	for (;;) {
		free(vars);
		vars = malloc(cap * sizeof(*vars));
		if (!vars) {
			*err = "out of memory";
			return NULL;
		}
		n = cdbg_frame_vars(d->p, r->tid, r->frame, which, vars, cap);
		if (n < 0 || (size_t)n <= cap)
			break;
		cap = (size_t)n;
	}
	json_t *list = json_array();
	if (n == CDBG_ENOSYM)
		n = 0; /* no debug information: no variables to show */
	else if (n < 0) {
		free(vars);
		json_decref(list);
		*err = cdbg_errmsg(d->p);
		return NULL;
	}
	pid_t tid = r->tid;
	int frame = r->frame;
	for (int i = 0; i < n; i++) /* r may move: new_ref grows the table */
		json_array_append_new(list, var_json(d, vars[i].name, &vars[i].value, tid, frame,
						     vars[i].name, fmt, "name"));
	free(vars);
	return list;
}

static json_t *registers(struct dap *d, struct dap_ref *r, int fmt)
{
	(void)fmt;
	const struct cdbg_reg_desc *tab;
	size_t n = cdbg_reg_table(&tab);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		if (tab[i].kind != CDBG_REG_GPR || tab[i].size > 8)
			continue;
		uint64_t v;
		char text[160], sym[128] = "";
		int rc = r->frame ? cdbg_frame_reg(d->p, r->tid, r->frame, tab[i].name, &v) :
				    cdbg_reg_get(d->p, r->tid, tab[i].name, &v);
		if (rc == CDBG_ENOREG && r->frame) {
			snprintf(text, sizeof(text), "<not saved>");
		} else if (rc < 0) {
			continue;
		} else if (!strcmp(tab[i].name, "eflags")) {
			char fl[96];
			cdbg_format_flags(v, CDBG_FLAGS_EFLAGS, fl, sizeof(fl));
			snprintf(text, sizeof(text), "0x%" PRIx64 " %s", v, fl);
		} else {
			if (!strcmp(tab[i].name, "rip"))
				(void)cdbg_format_sym(d->p, v, CDBG_FMTSYM_ANY, sym, sizeof(sym));
			snprintf(text, sizeof(text), "0x%0*" PRIx64 "%s", (int)tab[i].size * 2, v,
				 sym);
		}
		char ev[32];
		snprintf(ev, sizeof(ev), "$%s", tab[i].name);
		json_array_append_new(list, json_pack("{s:s, s:s, s:i, s:s}", "name", tab[i].name,
						      "value", text, "variablesReference", 0,
						      "evaluateName", ev));
	}
	return list;
}

void dap_variables(struct dap *d, json_t *req, json_t *args)
{
	if (!need_stopped(d, req, "variables"))
		return;
	struct dap_ref *r = ref_of(d, json_object_get(args, "variablesReference"));
	if (!r) {
		dap_fail(d, req, "variables: no such variablesReference at this stop");
		return;
	}
	int fmt = value_format(json_object_get(args, "format"));
	const char *err = NULL;
	json_t *list = NULL;
	if (r->kind == DAP_REF_LOCALS || r->kind == DAP_REF_ARGS) {
		list = frame_vars(d, r,
				  r->kind == DAP_REF_LOCALS ? CDBG_VARS_LOCALS : CDBG_VARS_ARGS,
				  fmt, &err);
	} else if (r->kind == DAP_REF_REGS) {
		list = registers(d, r, fmt);
	} else {
		json_t *js = json_object_get(args, "start"), *jc = json_object_get(args, "count");
		size_t start = json_is_integer(js) && json_integer_value(js) > 0 ?
				       (size_t)json_integer_value(js) :
				       0;
		size_t count = json_is_integer(jc) && json_integer_value(jc) > 0 ?
				       (size_t)json_integer_value(jc) :
				       0;
		struct cdbg_value parent = r->value;
		char *pexpr = r->expr ? strdup(r->expr) : NULL;
		pid_t tid = r->tid;
		int frame = r->frame;
		int total = cdbg_value_children(d->p, &parent, 0, NULL, 0);
		if (total < 0) {
			free(pexpr);
			dap_fail_lib(d, req, "variables");
			return;
		}
		if (start > (size_t)total)
			start = (size_t)total;
		if (!count || count > (size_t)total - start)
			count = (size_t)total - start;
		struct cdbg_var *kids = calloc(count ? count : 1, sizeof(*kids));
		int got = kids ? cdbg_value_children(d->p, &parent, start, kids, count) : -1;
		if (got < 0) {
			free(kids);
			free(pexpr);
			dap_fail_lib(d, req, "variables");
			return;
		}
		list = json_array();
		for (size_t i = 0; i < count; i++) {
			char *ce = child_expr(&parent, pexpr, kids[i].name);
			json_array_append_new(list, var_json(d, kids[i].name, &kids[i].value, tid,
							     frame, ce, fmt, "name"));
			free(ce);
		}
		free(kids);
		free(pexpr);
	}
	if (!list) {
		dap_fail(d, req, "variables: %s", err ? err : "cannot be read");
		return;
	}
	dap_ok(d, req, json_pack("{s:o}", "variables", list));
}

/* ---- evaluate ---- */

/* The thread and frame a request names (frameId), else the stop's innermost frame. */
static int where(struct dap *d, json_t *args, pid_t *tid, int *level)
{
	json_t *f = json_object_get(args, "frameId");
	*tid = d->state == DAP_STOPPED ? d->stop_tid : 0;
	*level = 0;
	if (json_is_integer(f))
		return dap_frame_of(d, json_integer_value(f), tid, level);
	return 0;
}

/* Select tid's frame level for the CLI (the console's commands run there). */
static void cli_where(struct dap *d, pid_t tid, int level)
{
	if (tid > 0 && d->state == DAP_STOPPED) {
		d->c->cur_tid = tid;
		cli_select_frame(d->c, level);
	}
}

/* The captured text without its final newline. */
static char *trimmed_capture(struct dap *d)
{
	char *s = dap_captured(d);
	size_t n = s ? strlen(s) : 0;
	while (n && s[n - 1] == '\n')
		s[--n] = '\0';
	return s;
}

/* What a console line moved: the stop the client knew against the program now. */
struct snapshot {
	pid_t pid, tid;
	uint64_t pc;
	bool live;
};

static void snap(struct dap *d, struct snapshot *s)
{
	s->pid = cdbg_pid(d->p);
	s->live = s->pid > 0 && cdbg_target(d->p) == CDBG_TARGET_PROCESS;
	s->tid = d->c->cur_tid;
	s->pc = 0;
	if (s->live && s->tid > 0 && cdbg_pc_get(d->p, s->tid, &s->pc) < 0)
		s->pc = 0;
}

static void after_command(struct dap *d, const struct snapshot *before)
{
	struct snapshot now;
	snap(d, &now);
	if (before->live && !now.live) {
		dap_gone(d, d->c->exitcode >= 0 ? d->c->exitcode : 0);
		return;
	}
	if (!now.live)
		return;
	if (!before->live || now.pid != before->pid) {
		/* the console started a program (run, start, attach) */
		d->state = DAP_STOPPED;
		d->terminated_sent = false;
		dap_sync_threads(d);
		dap_forget_handles(d);
		dap_report_stop(d, now.tid, "step", "Stopped", NULL);
		return;
	}
	if (now.tid != before->tid || now.pc != before->pc) {
		dap_sync_threads(d);
		dap_forget_handles(d);
		dap_report_stop(d, now.tid, "step", NULL, NULL);
	}
}

/* Does the console line name a command rather than an expression? */
static bool is_command(struct dap *d, const char *text, pid_t tid, int level)
{
	char word[64];
	size_t n = 0;
	while (isspace((unsigned char)*text))
		text++;
	while (n < sizeof(word) - 1 &&
	       (isalnum((unsigned char)text[n]) || text[n] == '_' || text[n] == '-'))
		word[n] = text[n], n++;
	word[n] = '\0';
	if (!n)
		return false;
	bool amb = false;
	if (!cli_find_command(word, &amb))
		return false;
	/* a variable of that name wins: `n` is the variable n when there is one */
	struct cdbg_value v;
	if (tid > 0 && !strchr(word, '-') &&
	    cdbg_eval_frame(d->p, tid, level, word, cli_eval_env(d->c), &v) == 0)
		return false;
	if (tid <= 0 && !strchr(word, '-') &&
	    cdbg_eval(d->p, 0, word, cli_eval_env(d->c), &v) == 0 && !v.nodebug)
		return false;
	return true;
}

/* The console's run commands that the server does itself, so that the client hears of the
 * program running and can pause it: continue, next, step, finish, stepi, nexti, each without
 * arguments. true when line was one (answered). */
static bool run_async(struct dap *d, json_t *req, const char *line, pid_t tid)
{
	char word[32];
	size_t n = 0;
	while (isspace((unsigned char)*line))
		line++;
	while (n < sizeof(word) - 1 && (isalnum((unsigned char)line[n]) || line[n] == '-'))
		word[n] = line[n], n++;
	word[n] = '\0';
	const char *rest = line + n;
	while (isspace((unsigned char)*rest))
		rest++;
	bool amb = false;
	const struct cli_cmd *k = n ? cli_find_command(word, &amb) : NULL;
	if (!k || *rest || d->state != DAP_STOPPED || tid <= 0)
		return false;
	int op = !strcmp(k->name, "next")     ? 0 :
		 !strcmp(k->name, "step")     ? 1 :
		 !strcmp(k->name, "finish")   ? 2 :
		 !strcmp(k->name, "nexti")    ? 3 :
		 !strcmp(k->name, "stepi")    ? 4 :
		 !strcmp(k->name, "continue") ? 5 :
						-1;
	if (op < 0)
		return false;
	dap_ok(d, req, json_pack("{s:s, s:i}", "result", "", "variablesReference", 0));
	/* the client did not ask for it by a request: it hears that the program runs */
	dap_event(d, "continued",
		  json_pack("{s:I, s:b}", "threadId", (json_int_t)dap_thread_id(d, tid),
			    "allThreadsContinued", 1));
	if (op == 5)
		dap_resume_all(d);
	else
		dap_step_thread(d, tid, op == 3 ? 0 : op == 4 ? 1 : op, op >= 3, k->name);
	return true;
}

static void run_command(struct dap *d, json_t *req, const char *line, pid_t tid, int level)
{
	if (run_async(d, req, line, tid))
		return;
	struct snapshot before;
	cli_where(d, tid, level);
	snap(d, &before);
	free(dap_captured(d));
	int r = cli_execute(d->c, line);
	char *out = trimmed_capture(d);
	if (r < 0 && out && !*out) {
		free(out);
		out = strdup("the command failed");
	}
	if (r < 0)
		dap_fail(d, req, "%s", out ? out : "the command failed");
	else
		dap_ok(d, req,
		       json_pack("{s:s, s:i}", "result", out ? out : "", "variablesReference", 0));
	free(out);
	after_command(d, &before);
}

void dap_evaluate(struct dap *d, json_t *req, json_t *args)
{
	const char *expr = json_string_value(json_object_get(args, "expression"));
	const char *ctx = json_string_value(json_object_get(args, "context"));
	int fmt = value_format(json_object_get(args, "format"));
	pid_t tid;
	int level;
	if (!expr) {
		dap_fail(d, req, "evaluate needs \"expression\"");
		return;
	}
	if (where(d, args, &tid, &level) < 0) {
		dap_fail(d, req, "evaluate: no frame with that frameId at this stop");
		return;
	}
	bool repl = ctx && !strcmp(ctx, "repl");
	if (repl) {
		const char *s = expr;
		while (isspace((unsigned char)*s))
			s++;
		if (!strncmp(s, "-exec ", 6) || *s == '`') {
			run_command(d, req, *s == '`' ? s + 1 : s + 6, tid, level);
			return;
		}
		if (d->state == DAP_RUNNING) {
			dap_fail(d, req, "the program is running: pause it to use the console");
			return;
		}
		if (is_command(d, s, tid, level)) {
			run_command(d, req, s, tid, level);
			return;
		}
	}
	if (d->state == DAP_RUNNING) {
		dap_fail(d, req, "the program is running; pause it first");
		return;
	}
	struct cdbg_value v;
	if (repl) { /* the console evaluates as print does: calls, $history, $variables */
		struct snapshot before;
		cli_where(d, tid, level);
		snap(d, &before);
		free(dap_captured(d));
		int r = cli_eval(d->c, expr, &v);
		char *err = trimmed_capture(d);
		if (r < 0) {
			dap_fail(d, req, "%s", err && *err ? err : "cannot evaluate it");
			free(err);
			return;
		}
		free(err);
		if (v.size == 0 && !v.is_aggregate) { /* a void call */
			dap_ok(d, req,
			       json_pack("{s:s, s:i}", "result", "void", "variablesReference", 0));
			return;
		}
		int hist = cli_hist_push(d->c, &v);
		json_t *j = var_json(d, expr, &v, tid, level, expr, fmt, "evaluateName");
		json_object_del(j, "evaluateName");
		char h[32];
		snprintf(h, sizeof(h), "$%d", hist);
		json_object_set_new(j, "evaluateName", json_string(h));
		dap_ok(d, req, j);
		return;
	}
	int r = tid > 0 ? cdbg_eval_frame(d->p, tid, level, expr, cli_eval_env(d->c), &v) :
			  cdbg_eval(d->p, 0, expr, cli_eval_env(d->c), &v);
	if (r < 0) {
		dap_fail(d, req, "%s", cdbg_errmsg(d->p));
		return;
	}
	json_t *j = var_json(d, expr, &v, tid, level, expr, fmt, "evaluateName");
	json_object_set_new(j, "evaluateName", json_string(expr));
	dap_ok(d, req, j);
}

/* `set var LVALUE = VALUE` in tid's frame level: NULL, or why not (malloc'd). */
static char *assign(struct dap *d, const char *lvalue, const char *value, pid_t tid, int level)
{
	char *line = NULL;
	if (asprintf(&line, "set var %s = %s", lvalue, value) < 0)
		return strdup("out of memory");
	cli_where(d, tid, level);
	free(dap_captured(d));
	int r = cli_execute(d->c, line);
	free(line);
	char *out = trimmed_capture(d);
	if (r == 0) {
		free(out);
		return NULL;
	}
	return out && *out ? out : (free(out), strdup("the value cannot be set"));
}

static void answer_value(struct dap *d, json_t *req, const char *expr, pid_t tid, int level,
			 int fmt)
{
	struct cdbg_value v;
	if (cdbg_eval_frame(d->p, tid, level, expr, cli_eval_env(d->c), &v) < 0) {
		dap_fail(d, req, "%s", cdbg_errmsg(d->p));
		return;
	}
	json_t *j = var_json(d, expr, &v, tid, level, expr, fmt, "name");
	json_object_del(j, "name");
	dap_ok(d, req, j);
}

void dap_set_variable(struct dap *d, json_t *req, json_t *args)
{
	if (!need_stopped(d, req, "setVariable"))
		return;
	struct dap_ref *r = ref_of(d, json_object_get(args, "variablesReference"));
	const char *name = json_string_value(json_object_get(args, "name"));
	const char *value = json_string_value(json_object_get(args, "value"));
	int fmt = value_format(json_object_get(args, "format"));
	if (!r || !name || !value) {
		dap_fail(d, req,
			 "setVariable needs a \"variablesReference\" of this stop, "
			 "\"name\" and \"value\"");
		return;
	}
	char *expr = NULL;
	pid_t tid = r->tid;
	int level = r->frame;
	if (r->kind == DAP_REF_REGS)
		(void)asprintf(&expr, "$%s", name);
	else if (r->kind == DAP_REF_VALUE)
		expr = child_expr(&r->value, r->expr, name);
	else
		expr = strdup(name);
	if (!expr || (r->kind == DAP_REF_VALUE && name[0] == '<')) {
		dap_fail(d, req, "setVariable: %s cannot be set: no expression names it", name);
		free(expr);
		return;
	}
	char *why = assign(d, expr, value, tid, level);
	if (why) {
		dap_fail(d, req, "%s", why);
		free(why);
		free(expr);
		return;
	}
	answer_value(d, req, expr, tid, level, fmt);
	free(expr);
}

void dap_set_expression(struct dap *d, json_t *req, json_t *args)
{
	if (!need_stopped(d, req, "setExpression"))
		return;
	const char *expr = json_string_value(json_object_get(args, "expression"));
	const char *value = json_string_value(json_object_get(args, "value"));
	int fmt = value_format(json_object_get(args, "format"));
	pid_t tid;
	int level;
	if (!expr || !value) {
		dap_fail(d, req, "setExpression needs \"expression\" and \"value\"");
		return;
	}
	if (where(d, args, &tid, &level) < 0) {
		dap_fail(d, req, "setExpression: no frame with that frameId at this stop");
		return;
	}
	char *why = assign(d, expr, value, tid, level);
	if (why) {
		dap_fail(d, req, "%s", why);
		free(why);
		return;
	}
	answer_value(d, req, expr, tid, level, fmt);
}

void dap_completions(struct dap *d, json_t *req, json_t *args)
{
	const char *text = json_string_value(json_object_get(args, "text"));
	json_t *jc = json_object_get(args, "column");
	if (!text || !json_is_integer(jc)) {
		dap_fail(d, req, "completions needs \"text\" and \"column\"");
		return;
	}
	long col = (long)json_integer_value(jc) - (d->columns_start_at1 ? 1 : 0);
	size_t len = strlen(text);
	if (col < 0 || (size_t)col > len)
		col = (long)len;
	char *line = strndup(text, (size_t)col);
	char **out = NULL;
	bool trunc = false;
	int n = line ? cli_complete(d->c, line, &out, &trunc) : -1;
	json_t *list = json_array();
	/* each completion replaces the word being typed */
	size_t ws = (size_t)col;
	while (ws > 0 && !isspace((unsigned char)line[ws - 1]))
		ws--;
	for (int i = 0; i < n; i++) {
		const char *word = strlen(out[i]) >= ws ? out[i] + ws : out[i];
		json_array_append_new(list,
				      json_pack("{s:s, s:s, s:i, s:i}", "label", word, "text", word,
						"start", (int)ws + (d->columns_start_at1 ? 1 : 0),
						"length", (int)((size_t)col - ws)));
		free(out[i]);
	}
	free(out);
	free(line);
	free(dap_captured(d)); /* what completion printed, if anything */
	dap_ok(d, req, json_pack("{s:o}", "targets", list));
}
