/*
 * dap_bp.c - DAP's breakpoints over the library's session: source lines, functions,
 * instructions and data (hardware watchpoints), each a session breakpoint whose number is the
 * id the client sees. Conditions and hit conditions are the library's (a condition compiled
 * and evaluated at the trap, a hit condition as an ignore count), so they cost no round trip
 * through us; a logpoint's message is written here, and the program goes on.
 *
 * Owns: d->bps and the "signals" exception filter.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dap.h"

struct dap_bp *dap_bp_find(struct dap *d, int id)
{
	for (struct dap_bp *b = d->bps; b; b = b->next)
		if (b->id == id)
			return b;
	return NULL;
}

static void bp_free(struct dap_bp *b)
{
	free(b->source);
	free(b->key);
	free(b->condition);
	free(b->hit_condition);
	free(b->log_message);
	free(b);
}

void dap_bp_free_all(struct dap *d)
{
	while (d->bps) {
		struct dap_bp *b = d->bps;
		d->bps = b->next;
		bp_free(b);
	}
}

static void unlink_bp(struct dap *d, struct dap_bp *bp)
{
	for (struct dap_bp **pp = &d->bps; *pp; pp = &(*pp)->next)
		if (*pp == bp) {
			*pp = bp->next;
			return;
		}
}

/* ---- hit conditions ---- */

/* "N", ">=N": from the Nth hit on; ">N": after the Nth; "==N", "=N": the Nth only; "%N": every
 * Nth. 0 with *op ('>', '=', '%') and *n, -1 when text is none of them. */
static int parse_hit(const char *text, char *op, unsigned long *n)
{
	const char *s = text;
	while (isspace((unsigned char)*s))
		s++;
	*op = '>';
	unsigned long add = 0;
	if (s[0] == '>' && s[1] == '=')
		s += 2;
	else if (s[0] == '>')
		s++, add = 1;
	else if (s[0] == '=' && s[1] == '=')
		s += 2, *op = '=';
	else if (s[0] == '=')
		s++, *op = '=';
	else if (s[0] == '%')
		s++, *op = '%';
	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	char *e;
	unsigned long v = strtoul(s, &e, 10);
	while (isspace((unsigned char)*e))
		e++;
	if (*e || v > 1000000000ul || (v == 0 && *op == '%'))
		return -1;
	*n = v + add;
	return 0;
}

/* The ignore count that makes the breakpoint stop at its next wanted hit. */
static unsigned ignore_for(char op, unsigned long n, unsigned long hits)
{
	unsigned long first = n ? n : 1;
	if (op == '%') {
		unsigned long next = (hits / n + 1) * n;
		return (unsigned)(next - hits - 1);
	}
	return first > hits + 1 ? (unsigned)(first - hits - 1) : 0;
}

/* Give bp its condition and hit condition: NULL, or why they cannot be used. */
static const char *apply_conditions(struct dap *d, struct dap_bp *bp, char *err, size_t len)
{
	if (cdbg_break_set_condition(d->p, bp->id, bp->condition) < 0) {
		snprintf(err, len, "the condition cannot be used: %s", cdbg_errmsg(d->p));
		return err;
	}
	struct cdbg_break_info bi;
	unsigned long hits = cdbg_break_info(d->p, bp->id, &bi) == 0 ? bi.hits : 0;
	char op;
	unsigned long n;
	if (bp->hit_condition && *bp->hit_condition) {
		if (parse_hit(bp->hit_condition, &op, &n) < 0) {
			snprintf(err, len,
				 "the hit condition '%s' is not a count: write N or >=N (from the "
				 "Nth hit on), >N, ==N (the Nth only) or %%N (every Nth)",
				 bp->hit_condition);
			return err;
		}
		if (cdbg_break_set_ignore(d->p, bp->id, ignore_for(op, n, hits)) < 0) {
			snprintf(err, len, "%s", cdbg_errmsg(d->p));
			return err;
		}
	} else if (cdbg_break_set_ignore(d->p, bp->id, 0) < 0) {
		snprintf(err, len, "%s", cdbg_errmsg(d->p));
		return err;
	}
	return NULL;
}

/* ---- logpoints ---- */

/* The message with each {expression} replaced by its value in tid's innermost frame. */
static char *log_text(struct dap *d, const char *msg, pid_t tid)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (!f)
		return NULL;
	for (const char *s = msg; *s; s++) {
		if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
			fputc(*s++, f);
			continue;
		}
		if (*s != '{') {
			fputc(*s, f);
			continue;
		}
		const char *end = strchr(s + 1, '}');
		if (!end) {
			fputs(s, f);
			break;
		}
		char *expr = strndup(s + 1, (size_t)(end - s - 1));
		struct cdbg_value v;
		char buf[4096];
		if (expr && cdbg_eval_frame(d->p, tid, 0, expr, cli_eval_env(d->c), &v) == 0 &&
		    cdbg_value_format_opts(d->p, &v, 0, 0, &d->c->print, buf, sizeof(buf)) >= 0)
			fputs(buf, f);
		else
			fprintf(f, "<%s>", cdbg_errmsg(d->p));
		free(expr);
		s = end;
	}
	fputc('\n', f);
	fclose(f);
	return out;
}

bool dap_bp_should_stop(struct dap *d, struct dap_bp *bp, pid_t tid)
{
	bp->hits++;
	char op = 0;
	unsigned long n = 0;
	if (bp->hit_condition && parse_hit(bp->hit_condition, &op, &n) == 0) {
		struct cdbg_break_info bi;
		unsigned long hits = cdbg_break_info(d->p, bp->id, &bi) == 0 ? bi.hits : bp->hits;
		if (op == '%' && cdbg_break_set_ignore(d->p, bp->id, ignore_for(op, n, hits)) < 0) {
			/* gone meanwhile */
		}
		if (op == '=' && cdbg_break_enable(d->p, bp->id, 0, 0) < 0) {
			/* the Nth hit only: no more */
		}
	}
	if (bp->log_message) {
		char *text = log_text(d, bp->log_message, tid);
		dap_output(d, "console", text);
		free(text);
		if (cdbg_break_hit_done(d->p, bp->id) < 0) {
			/* removed meanwhile */
		}
		return false;
	}
	return true;
}

/* ---- what the client sees ---- */

json_t *dap_bp_json(struct dap *d, struct dap_bp *bp)
{
	struct cdbg_break_info bi;
	json_t *j = json_pack("{s:i}", "id", bp->id);
	bool ok = cdbg_break_info(d->p, bp->id, &bi) == 0;
	bool verified = ok && !bi.pending && bi.nlocs > 0 && !bi.error;
	if (bp->kind == DAP_BP_DATA)
		verified = ok && !bi.error;
	json_object_set_new(j, "verified", json_boolean(verified));
	bp->verified = verified;
	if (ok && bi.error)
		json_object_set_new(j, "message", json_string(bi.error));
	else if (ok && !verified)
		json_object_set_new(j, "message",
				    json_string(cdbg_pid(d->p) > 0 ?
							"pending: no code matches it in the program "
							"or its libraries loaded so far" :
							"pending: the program has not started"));
	struct cdbg_break_loc loc;
	if (ok && bi.nlocs > 0 && cdbg_break_locations(d->p, bp->id, &loc, 1) > 0) {
		if (loc.file) {
			const char *base = strrchr(loc.file, '/');
			json_object_set_new(j, "source",
					    json_pack("{s:s, s:s}", "name",
						      base ? base + 1 : loc.file, "path", loc.file));
			json_object_set_new(j, "line", json_integer(loc.line));
		}
		json_object_set_new(j, "instructionReference", dap_addr_json(loc.addr));
	} else if (bp->kind == DAP_BP_SOURCE) {
		json_object_set_new(j, "line", json_integer(bp->line));
	}
	return j;
}

void dap_bp_recheck(struct dap *d)
{
	for (struct dap_bp *b = d->bps; b; b = b->next) {
		bool was = b->verified;
		json_t *j = dap_bp_json(d, b);
		if (b->verified != was)
			dap_event(d, "breakpoint",
				  json_pack("{s:s, s:o}", "reason", "changed", "breakpoint", j));
		else
			json_decref(j);
	}
}

/* ---- setting them ---- */

static char *opt_string(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) && *json_string_value(v) ? strdup(json_string_value(v)) : NULL;
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Make or update the breakpoint of one request entry; its JSON for the answer. old: ours of
 * the same kind and place from before, reused (NULL: a new one from spec). */
static json_t *make_bp(struct dap *d, struct dap_bp *old, enum dap_bp_kind kind,
		       struct cdbg_break_spec *spec, json_t *entry, const char *source, int line,
		       const char *key)
{
	char err[512];
	char *cond = opt_string(entry, "condition");
	char *hit = opt_string(entry, "hitCondition");
	char *log = opt_string(entry, "logMessage");
	struct dap_bp *bp = old;
	if (!bp) {
		int id;
		spec->condition = cond;
		if (cdbg_break_add(d->p, spec, &id) < 0) {
			json_t *j = json_pack("{s:b, s:s}", "verified", 0, "message",
					      cdbg_errmsg(d->p));
			free(cond);
			free(hit);
			free(log);
			return j;
		}
		bp = calloc(1, sizeof(*bp));
		bp->id = id;
		bp->kind = kind;
		bp->source = source ? strdup(source) : NULL;
		bp->line = line;
		bp->key = key ? strdup(key) : NULL;
		bp->next = d->bps;
		d->bps = bp;
	}
	bool changed = !same(bp->condition, cond) || !same(bp->hit_condition, hit) || !old;
	free(bp->condition);
	free(bp->hit_condition);
	free(bp->log_message);
	bp->condition = cond;
	bp->hit_condition = hit;
	bp->log_message = log;
	const char *why = changed ? apply_conditions(d, bp, err, sizeof(err)) : NULL;
	json_t *j = dap_bp_json(d, bp);
	if (why) {
		json_object_set_new(j, "verified", json_false());
		json_object_set_new(j, "message", json_string(why));
		bp->verified = false;
	}
	return j;
}

/* Remove those of olds that the new list did not keep (kept[i] 0). */
static void drop_unkept(struct dap *d, const char *kept, struct dap_bp **olds, size_t nold)
{
	for (size_t i = 0; i < nold; i++) {
		if (kept[i])
			continue;
		struct dap_bp *b = olds[i];
		if (cdbg_break_remove(d->p, b->id) < 0) {
			/* removed from the console already */
		}
		unlink_bp(d, b);
		bp_free(b);
	}
}

static size_t collect(struct dap *d, enum dap_bp_kind kind, const char *source,
		      struct dap_bp ***out)
{
	size_t n = 0;
	for (struct dap_bp *b = d->bps; b; b = b->next)
		if (b->kind == kind && (!source || same(b->source, source)))
			n++;
	*out = calloc(n ? n : 1, sizeof(**out));
	n = 0;
	for (struct dap_bp *b = d->bps; b; b = b->next)
		if (b->kind == kind && (!source || same(b->source, source)))
			(*out)[n++] = b;
	return n;
}

void dap_set_breakpoints(struct dap *d, json_t *req, json_t *args)
{
	json_t *src = json_object_get(args, "source");
	const char *path = json_string_value(json_object_get(src, "path"));
	json_t *list = json_object_get(args, "breakpoints");
	if (!path || !*path) {
		dap_fail(d, req, "setBreakpoints needs \"source\" with a \"path\"");
		return;
	}
	if (list && !json_is_array(list)) {
		dap_fail(d, req, "setBreakpoints: \"breakpoints\" must be an array");
		return;
	}
	size_t n = json_array_size(list);
	for (size_t i = 0; i < n; i++) {
		json_t *l = json_object_get(json_array_get(list, i), "line");
		if (!json_is_integer(l) || json_integer_value(l) < 1 ||
		    json_integer_value(l) > 100000000) {
			dap_fail(d, req, "setBreakpoints: breakpoint %zu has no valid \"line\"", i);
			return;
		}
	}
	bool held = dap_hold(d);
	struct dap_bp **olds;
	size_t nold = collect(d, DAP_BP_SOURCE, path, &olds);
	char *kept = calloc(nold ? nold : 1, 1);
	json_t *res = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_array_get(list, i);
		int line = (int)json_integer_value(json_object_get(e, "line"));
		if (!d->lines_start_at1)
			line++;
		struct dap_bp *old = NULL;
		for (size_t k = 0; k < nold && !old; k++)
			if (!kept[k] && olds[k]->line == line) {
				old = olds[k];
				kept[k] = 1;
			}
		struct cdbg_break_spec spec = { .kind = CDBG_BREAK_SOFTWARE,
						.file = path,
						.line = line };
		json_array_append_new(res,
				      make_bp(d, old, DAP_BP_SOURCE, &spec, e, path, line, NULL));
	}
	drop_unkept(d, kept, olds, nold);
	free(kept);
	free(olds);
	dap_ok(d, req, json_pack("{s:o}", "breakpoints", res));
	dap_release(d, held);
}

/* setFunctionBreakpoints, setInstructionBreakpoints: the whole list of that kind. */
static void set_keyed(struct dap *d, json_t *req, json_t *args, enum dap_bp_kind kind)
{
	json_t *list = json_object_get(args, "breakpoints");
	const char *what = kind == DAP_BP_FUNCTION ? "setFunctionBreakpoints" :
						     "setInstructionBreakpoints";
	if (!json_is_array(list)) {
		dap_fail(d, req, "%s needs \"breakpoints\", an array", what);
		return;
	}
	size_t n = json_array_size(list);
	char **keys = calloc(n ? n : 1, sizeof(*keys));
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_array_get(list, i);
		if (kind == DAP_BP_FUNCTION) {
			const char *name = json_string_value(json_object_get(e, "name"));
			if (!name || !*name) {
				dap_fail(d, req, "%s: breakpoint %zu has no \"name\"", what, i);
				goto out;
			}
			keys[i] = strdup(name);
		} else {
			const char *ref = json_string_value(
				json_object_get(e, "instructionReference"));
			json_t *off = json_object_get(e, "offset");
			uint64_t addr;
			if (!ref || dap_parse_addr(ref, &addr) < 0) {
				dap_fail(d, req,
					 "%s: breakpoint %zu has no \"instructionReference\" "
					 "address",
					 what, i);
				goto out;
			}
			if (json_is_integer(off))
				addr += (uint64_t)json_integer_value(off);
			if (asprintf(&keys[i], "0x%" PRIx64, addr) < 0)
				keys[i] = NULL;
		}
	}
	bool held = dap_hold(d);
	struct dap_bp **olds;
	size_t nold = collect(d, kind, NULL, &olds);
	char *kept = calloc(nold ? nold : 1, 1);
	json_t *res = json_array();
	for (size_t i = 0; i < n; i++) {
		struct dap_bp *old = NULL;
		for (size_t k = 0; k < nold && !old; k++)
			if (!kept[k] && keys[i] && same(olds[k]->key, keys[i])) {
				old = olds[k];
				kept[k] = 1;
			}
		struct cdbg_break_spec spec = { .kind = CDBG_BREAK_SOFTWARE };
		if (kind == DAP_BP_FUNCTION)
			spec.function = keys[i];
		else
			spec.addr = keys[i] ? strtoull(keys[i], NULL, 16) : 0;
		json_array_append_new(res, make_bp(d, old, kind, &spec, json_array_get(list, i),
						   NULL, 0, keys[i]));
	}
	drop_unkept(d, kept, olds, nold);
	free(kept);
	free(olds);
	dap_ok(d, req, json_pack("{s:o}", "breakpoints", res));
	dap_release(d, held);
out:
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

void dap_set_function_breakpoints(struct dap *d, json_t *req, json_t *args)
{
	set_keyed(d, req, args, DAP_BP_FUNCTION);
}

void dap_set_instruction_breakpoints(struct dap *d, json_t *req, json_t *args)
{
	set_keyed(d, req, args, DAP_BP_INSTRUCTION);
}

/* ---- data breakpoints ---- */

/* A data id: "ADDR/LEN/EXPR" (hex address, bytes, the expression for display). */
static int parse_data_id(const char *id, uint64_t *addr, unsigned *len, const char **expr)
{
	char *e;
	*addr = strtoull(id, &e, 16);
	if (*e != '/')
		return -1;
	*len = (unsigned)strtoul(e + 1, &e, 10);
	if (*e != '/' || !(*len == 1 || *len == 2 || *len == 4 || *len == 8))
		return -1;
	*expr = e + 1;
	return 0;
}

void dap_data_breakpoint_info(struct dap *d, json_t *req, json_t *args)
{
	const char *name = json_string_value(json_object_get(args, "name"));
	json_t *vref = json_object_get(args, "variablesReference");
	json_t *fid = json_object_get(args, "frameId");
	if (!name || !*name) {
		dap_fail(d, req, "dataBreakpointInfo needs \"name\"");
		return;
	}
	if (d->state != DAP_STOPPED) {
		dap_ok(d, req,
		       json_pack("{s:n, s:s}", "dataId", "description",
				 "data breakpoints are set while the program is stopped"));
		return;
	}
	pid_t tid = d->stop_tid;
	int level = 0;
	char *expr = NULL;
	if (json_is_integer(vref) && json_integer_value(vref) > 0) {
		size_t i = (size_t)json_integer_value(vref) - 1;
		if (i >= d->nrefs) {
			dap_fail(d, req, "dataBreakpointInfo: no variables reference %lld",
				 (long long)json_integer_value(vref));
			return;
		}
		struct dap_ref *r = &d->refs[i];
		tid = r->tid;
		level = r->frame;
		if (r->kind == DAP_REF_VALUE && r->expr) {
			const char *t = r->value.type;
			size_t tl = strlen(t);
			if (r->value.is_pointer)
				expr = strdup("");
			else if (tl && t[tl - 1] == ']' && name[0] == '[')
				(void)asprintf(&expr, "(%s)%s", r->expr, name);
			else
				(void)asprintf(&expr, "(%s).%s", r->expr, name);
			if (r->value.is_pointer) {
				free(expr);
				(void)asprintf(&expr, "*(%s)", r->expr);
			}
		} else if (r->kind == DAP_REF_REGS) {
			dap_ok(d, req,
			       json_pack("{s:n, s:s}", "dataId", "description",
					 "registers cannot be watched"));
			return;
		} else {
			expr = strdup(name);
		}
	} else {
		if (json_is_integer(fid) &&
		    dap_frame_of(d, json_integer_value(fid), &tid, &level) < 0) {
			dap_fail(d, req, "dataBreakpointInfo: no frame %lld",
				 (long long)json_integer_value(fid));
			return;
		}
		expr = strdup(name);
	}
	char *addr_expr = NULL;
	struct cdbg_value a, v;
	(void)asprintf(&addr_expr, "&(%s)", expr);
	int r1 = cdbg_eval_frame(d->p, tid, level, addr_expr, cli_eval_env(d->c), &a);
	int r2 = r1 < 0 ? r1 : cdbg_eval_frame(d->p, tid, level, expr, cli_eval_env(d->c), &v);
	free(addr_expr);
	if (r1 < 0 || r2 < 0) {
		char desc[512];
		snprintf(desc, sizeof(desc), "%s cannot be watched: %s", expr, cdbg_errmsg(d->p));
		dap_ok(d, req, json_pack("{s:n, s:s}", "dataId", "description", desc));
		free(expr);
		return;
	}
	unsigned size = v.size;
	if (!(size == 1 || size == 2 || size == 4 || size == 8) || (a.bits % size)) {
		char desc[512];
		snprintf(desc, sizeof(desc),
			 "%s is %u bytes at 0x%" PRIx64
			 ": a hardware watchpoint watches 1, 2, 4 or 8 aligned bytes",
			 expr, size, a.bits);
		dap_ok(d, req, json_pack("{s:n, s:s}", "dataId", "description", desc));
		free(expr);
		return;
	}
	char *id = NULL, desc[512];
	(void)asprintf(&id, "%" PRIx64 "/%u/%s", a.bits, size, expr);
	snprintf(desc, sizeof(desc), "%s (%u bytes at 0x%" PRIx64 ")", expr, size, a.bits);
	dap_ok(d, req,
	       json_pack("{s:s, s:s, s:[sss], s:b}", "dataId", id, "description", desc,
			 "accessTypes", "write", "read", "readWrite", "canPersist", 0));
	free(id);
	free(expr);
}

void dap_set_data_breakpoints(struct dap *d, json_t *req, json_t *args)
{
	json_t *list = json_object_get(args, "breakpoints");
	if (!json_is_array(list)) {
		dap_fail(d, req, "setDataBreakpoints needs \"breakpoints\", an array");
		return;
	}
	size_t n = json_array_size(list);
	for (size_t i = 0; i < n; i++) {
		uint64_t addr;
		unsigned len;
		const char *expr;
		const char *id = json_string_value(
			json_object_get(json_array_get(list, i), "dataId"));
		if (!id || parse_data_id(id, &addr, &len, &expr) < 0) {
			dap_fail(d, req,
				 "setDataBreakpoints: breakpoint %zu has no \"dataId\" from "
				 "dataBreakpointInfo",
				 i);
			return;
		}
	}
	bool held = dap_hold(d);
	struct dap_bp **olds;
	size_t nold = collect(d, DAP_BP_DATA, NULL, &olds);
	char *kept = calloc(nold ? nold : 1, 1);
	json_t *res = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_array_get(list, i);
		const char *id = json_string_value(json_object_get(e, "dataId"));
		const char *acc = json_string_value(json_object_get(e, "accessType"));
		char *key = NULL;
		(void)asprintf(&key, "%s#%s", acc ? acc : "write", id);
		struct dap_bp *old = NULL;
		for (size_t k = 0; k < nold && !old; k++)
			if (!kept[k] && same(olds[k]->key, key)) {
				old = olds[k];
				kept[k] = 1;
			}
		uint64_t addr;
		unsigned len;
		const char *expr;
		parse_data_id(id, &addr, &len, &expr);
		struct cdbg_break_spec spec = {
			.kind = !acc || !strcmp(acc, "write") ? CDBG_BREAK_WATCH_WRITE :
				!strcmp(acc, "read")          ? CDBG_BREAK_WATCH_READ :
								CDBG_BREAK_WATCH_ACCESS,
			.addr = addr,
			.len = len,
			.expr = expr,
			.flags = CDBG_BREAK_FIXED,
		};
		json_array_append_new(res, make_bp(d, old, DAP_BP_DATA, &spec, e, NULL, 0, key));
		free(key);
	}
	drop_unkept(d, kept, olds, nold);
	free(kept);
	free(olds);
	dap_ok(d, req, json_pack("{s:o}", "breakpoints", res));
	dap_release(d, held);
}

void dap_set_exception_breakpoints(struct dap *d, json_t *req, json_t *args)
{
	json_t *filters = json_object_get(args, "filters");
	size_t i;
	json_t *f;
	bool sig = false, panics = false;
	json_array_foreach(filters, i, f)
	{
		if (json_is_string(f) && !strcmp(json_string_value(f), "signals"))
			sig = true;
		if (json_is_string(f) && !strcmp(json_string_value(f), "panics"))
			panics = true;
	}
	d->stop_signals = sig;
	d->stop_panics = panics;
	json_t *res = json_array();
	json_array_foreach(filters, i, f)
	{
		bool known = json_is_string(f) && (!strcmp(json_string_value(f), "signals") ||
						   !strcmp(json_string_value(f), "panics"));
		json_t *b = json_pack("{s:b}", "verified", known);
		if (!known)
			json_object_set_new(b, "message",
					    json_string("unknown exception filter: cdbg has "
							"\"signals\" and \"panics\""));
		json_array_append_new(res, b);
	}
	dap_ok(d, req, json_pack("{s:o}", "breakpoints", res));
}

void dap_breakpoint_locations(struct dap *d, json_t *req, json_t *args)
{
	const char *path = json_string_value(
		json_object_get(json_object_get(args, "source"), "path"));
	json_t *jl = json_object_get(args, "line"), *je = json_object_get(args, "endLine");
	if (!path || !json_is_integer(jl)) {
		dap_fail(d, req,
			 "breakpointLocations needs \"source\" with a \"path\", and \"line\"");
		return;
	}
	long line = (long)json_integer_value(jl);
	long end = json_is_integer(je) ? (long)json_integer_value(je) : line;
	if (line < 1 || end < line || end - line > 10000) {
		dap_fail(d, req,
			 "breakpointLocations: lines %ld to %ld are not a range of at most "
			 "10000 lines",
			 line, end);
		return;
	}
	json_t *res = json_array();
	int last = 0;
	for (long l = line; l <= end; l++) {
		uint64_t addrs[16];
		int n = cdbg_addrs_for_line(d->p, path, (int)l, addrs, 16);
		if (n == CDBG_ENONAME)
			break; /* no such file: no line has code */
		for (int i = 0; i < n && i < 16; i++) {
			struct cdbg_line li;
			if (cdbg_line_by_addr(d->p, addrs[i], &li) < 0)
				continue;
			/* a line without code means the next one that has some: each once */
			if (li.line >= line && li.line <= end && li.line > last) {
				json_array_append_new(res, json_pack("{s:i}", "line", li.line));
				last = li.line;
			}
		}
	}
	dap_ok(d, req, json_pack("{s:o}", "breakpoints", res));
}
