/*
 * dap_misc.c - the program's pieces: modules (and their events), loaded sources, disassembly
 * around an address (backwards too), memory read and written as base64, and sources by path.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "dap.h"

json_t *dap_addr_json(uint64_t addr)
{
	char b[24];
	snprintf(b, sizeof(b), "0x%" PRIx64, addr);
	return json_string(b);
}

int dap_parse_addr(const char *s, uint64_t *out)
{
	char *e;
	if (!s || !*s)
		return -1;
	errno = 0;
	*out = strtoull(s, &e, 0);
	return *e || errno ? -1 : 0;
}

/* memoryReference plus offset: 0, or -1 (answered). */
static int mem_ref(struct dap *d, json_t *req, json_t *args, const char *what, uint64_t *addr)
{
	const char *ref = json_string_value(json_object_get(args, "memoryReference"));
	json_t *off = json_object_get(args, "offset");
	if (!ref || dap_parse_addr(ref, addr) < 0) {
		dap_fail(d, req, "%s needs \"memoryReference\", an address such as \"0x401136\"",
			 what);
		return -1;
	}
	if (json_is_integer(off))
		*addr += (uint64_t)json_integer_value(off);
	if (cdbg_pid(d->p) <= 0 && cdbg_target(d->p) == CDBG_TARGET_NONE) {
		dap_fail(d, req, "%s: no program is being debugged", what);
		return -1;
	}
	return 0;
}

/* ---- modules ---- */

static int list_modules(struct dap *d, struct cdbg_module **out)
{
	int n = cdbg_modules(d->p, NULL, 0);
	*out = NULL;
	if (n <= 0)
		return 0;
	*out = calloc((size_t)n, sizeof(**out));
	if (!*out)
		return 0;
	n = cdbg_modules(d->p, *out, (size_t)n);
	return n < 0 ? 0 : n;
}

static json_t *module_json(const struct cdbg_module *m)
{
	const char *base = strrchr(m->path, '/');
	char range[64];
	snprintf(range, sizeof(range), "0x%" PRIx64 "-0x%" PRIx64, m->start, m->end);
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", m->path, "name",
			 base ? base + 1 : m->path, "path", m->path, "addressRange", range,
			 "symbolStatus",
			 m->has_dwarf  ? "Symbols loaded." :
			 m->has_symtab ? "Symbol table loaded (no debug information)." :
					 "Dynamic symbols only.");
}

void dap_sync_modules(struct dap *d)
{
	struct cdbg_module *m;
	int n = cdbg_pid(d->p) > 0 ? list_modules(d, &m) : 0;
	if (n <= 0)
		m = NULL;
	char *seen = calloc(d->nmodules ? d->nmodules : 1, 1);
	for (int i = 0; i < n; i++) {
		size_t k;
		for (k = 0; k < d->nmodules; k++)
			if (!seen[k] && !strcmp(d->modules[k], m[i].path))
				break;
		if (k < d->nmodules)
			seen[k] = 1;
		else
			dap_event(d, "module",
				  json_pack("{s:s, s:o}", "reason", "new", "module",
					    module_json(&m[i])));
	}
	for (size_t k = 0; k < d->nmodules; k++)
		if (!seen[k])
			dap_event(d, "module",
				  json_pack("{s:s, s:{s:s, s:s}}", "reason", "removed", "module",
					    "id", d->modules[k], "name", d->modules[k]));
	for (size_t k = 0; k < d->nmodules; k++)
		free(d->modules[k]);
	free(d->modules);
	free(seen);
	d->modules = calloc((size_t)(n > 0 ? n : 1), sizeof(char *));
	d->nmodules = 0;
	for (int i = 0; i < n && d->modules; i++)
		d->modules[d->nmodules++] = strdup(m[i].path);
	free(m);
}

void dap_modules(struct dap *d, json_t *req, json_t *args)
{
	json_t *js = json_object_get(args, "startModule"),
	       *jc = json_object_get(args, "moduleCount");
	int start = json_is_integer(js) && json_integer_value(js) > 0 ?
			    (int)json_integer_value(js) :
			    0;
	int count = json_is_integer(jc) && json_integer_value(jc) > 0 ?
			    (int)json_integer_value(jc) :
			    0;
	struct cdbg_module *m = NULL;
	int n = cdbg_pid(d->p) > 0 ? list_modules(d, &m) : 0;
	json_t *list = json_array();
	for (int i = start; i < n && (!count || i < start + count); i++)
		json_array_append_new(list, module_json(&m[i]));
	free(m);
	dap_ok(d, req, json_pack("{s:o, s:i}", "modules", list, "totalModules", n));
}

struct sources {
	char **v;
	size_t n, cap;
};

static int add_source(void *data, const struct cdbg_symlist_entry *e)
{
	struct sources *s = data;
	if (!e->has_debug || !e->file)
		return 0;
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], e->file))
			return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return 1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = strdup(e->file);
	return 0;
}

void dap_loaded_sources(struct dap *d, json_t *req, json_t *args)
{
	(void)args;
	struct sources s = { 0 };
	if (cdbg_target(d->p) != CDBG_TARGET_NONE &&
	    cdbg_symbols_each(d->p, CDBG_LIST_FUNCTIONS, NULL, 0, add_source, &s) < 0) {
		/* no symbols: no sources */
	}
	json_t *list = json_array();
	for (size_t i = 0; i < s.n; i++) {
		const char *base = strrchr(s.v[i], '/');
		json_array_append_new(list, json_pack("{s:s, s:s}", "name",
						      base ? base + 1 : s.v[i], "path", s.v[i]));
		free(s.v[i]);
	}
	free(s.v);
	dap_ok(d, req, json_pack("{s:o}", "sources", list));
}

/* ---- disassembly ---- */

static json_t *invalid_insn(uint64_t addr)
{
	json_t *j = json_pack("{s:o, s:s, s:s}", "address", dap_addr_json(addr), "instruction",
			      "??", "presentationHint", "invalid");
	return j;
}

static json_t *insn_json(struct dap *d, const struct cdbg_insn *in, bool symbols, char *last_file,
			 size_t lf_len, int *last_line)
{
	char text[512], bytes[64] = "", sym[256] = "";
	if (cdbg_insn_format(d->p, in, text, sizeof(text)) < 0)
		snprintf(text, sizeof(text), "%s", in->text);
	for (unsigned i = 0, k = 0; i < in->size && k + 4 < sizeof(bytes); i++)
		k += (unsigned)snprintf(bytes + k, sizeof(bytes) - k, i ? " %02x" : "%02x",
					in->bytes[i]);
	json_t *j = json_pack("{s:o, s:s, s:s}", "address", dap_addr_json(in->addr),
			      "instructionBytes", bytes, "instruction", text);
	struct cdbg_symbol s;
	if (symbols && cdbg_sym_by_addr(d->p, in->addr, &s) == 0) {
		char fn[256];
		cdbg_func_name(s.name, fn, sizeof(fn));
		if (s.offset)
			snprintf(sym, sizeof(sym), "%s+%" PRIu64, fn, s.offset);
		else
			snprintf(sym, sizeof(sym), "%s", fn);
		json_object_set_new(j, "symbol", json_string(sym));
	}
	struct cdbg_line li;
	if (cdbg_line_by_addr(d->p, in->addr, &li) == 0 && li.line > 0) {
		/* the source where it changes, as clients show it */
		if (strcmp(last_file, li.file) || *last_line != li.line) {
			json_object_set_new(j, "location",
					    json_pack("{s:s, s:s}", "name",
						      strrchr(li.file, '/') ?
							      strrchr(li.file, '/') + 1 :
							      li.file,
						      "path", li.file));
			json_object_set_new(j, "line", json_integer(li.line));
			snprintf(last_file, lf_len, "%s", li.file);
			*last_line = li.line;
		}
	}
	return j;
}

/* Up to want instructions that end exactly at addr, decoded from an earlier start that falls
 * in step with addr. Returns how many (in out, ascending). */
static int before(struct dap *d, uint64_t addr, int want, struct cdbg_insn *out)
{
	struct cdbg_symbol s;
	uint64_t lo = addr > (uint64_t)want * 15 ? addr - (uint64_t)want * 15 : 0;
	/* within one function, its start is an instruction boundary */
	if (cdbg_sym_by_addr(d->p, addr, &s) == 0 && s.addr < addr && s.addr > lo)
		lo = s.addr;
	struct cdbg_insn *buf = malloc(((size_t)want * 15 + 16) * sizeof(*buf));
	if (!buf)
		return 0;
	int best = 0;
	for (uint64_t start = lo; start < addr && start < lo + 16; start++) {
		int n = 0;
		uint64_t a = start;
		while (a < addr && n < want * 15) {
			int k = cdbg_disasm(d->p, a, &buf[n], 1);
			if (k <= 0)
				break;
			a += buf[n].size;
			n++;
		}
		if (a != addr || !n)
			continue;
		int take = n < want ? n : want;
		memcpy(out, buf + n - take, (size_t)take * sizeof(*out));
		best = take;
		break;
	}
	free(buf);
	return best;
}

void dap_disassemble(struct dap *d, json_t *req, json_t *args)
{
	uint64_t addr;
	if (mem_ref(d, req, args, "disassemble", &addr) < 0)
		return;
	json_t *jo = json_object_get(args, "instructionOffset"),
	       *jc = json_object_get(args, "instructionCount");
	long ioff = json_is_integer(jo) ? (long)json_integer_value(jo) : 0;
	long count = json_is_integer(jc) ? (long)json_integer_value(jc) : 0;
	bool symbols = !json_is_false(json_object_get(args, "resolveSymbols"));
	if (count <= 0 || count > 100000 || ioff < -100000 || ioff > 100000) {
		dap_fail(d, req,
			 "disassemble: instructionCount must be 1 to 100000 and "
			 "instructionOffset within 100000");
		return;
	}
	json_t *list = json_array();
	char last_file[512] = "";
	int last_line = 0;
	long produced = 0;
	if (ioff < 0) { /* instructions before addr, invalid ones where there are none */
		int want = (int)-ioff;
		struct cdbg_insn *pre = calloc((size_t)want, sizeof(*pre));
		int got = pre ? before(d, addr, want, pre) : 0;
		uint64_t first = got ? pre[0].addr : addr;
		for (int i = got; i < want && produced < count; i++, produced++)
			json_array_append_new(list, invalid_insn(first - (uint64_t)(want - i)));
		for (int i = 0; i < got && produced < count; i++, produced++)
			json_array_append_new(list, insn_json(d, &pre[i], symbols, last_file,
							      sizeof(last_file), &last_line));
		free(pre);
		ioff = 0;
	}
	uint64_t a = addr;
	struct cdbg_insn in;
	for (long skip = 0; skip < ioff; skip++) { /* instructions after addr to skip */
		if (cdbg_disasm(d->p, a, &in, 1) <= 0)
			break;
		a += in.size;
	}
	while (produced < count) {
		if (cdbg_disasm(d->p, a, &in, 1) <= 0) {
			json_array_append_new(list, invalid_insn(a));
			a++;
		} else {
			json_array_append_new(list, insn_json(d, &in, symbols, last_file,
							      sizeof(last_file), &last_line));
			a += in.size;
		}
		produced++;
	}
	dap_ok(d, req, json_pack("{s:o}", "instructions", list));
}

/* ---- memory ---- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *base64(const unsigned char *p, size_t n)
{
	char *o = malloc((n + 2) / 3 * 4 + 1), *q = o;
	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
			     (i + 2 < n ? p[i + 2] : 0);
		*q++ = b64[v >> 18 & 63];
		*q++ = b64[v >> 12 & 63];
		*q++ = i + 1 < n ? b64[v >> 6 & 63] : '=';
		*q++ = i + 2 < n ? b64[v & 63] : '=';
	}
	*q = '\0';
	return o;
}

/* Decode base64 (whitespace ignored): the bytes and *n, or NULL when it is not base64. */
static unsigned char *unbase64(const char *s, size_t *n)
{
	size_t len = strlen(s);
	unsigned char *o = malloc(len / 4 * 3 + 3);
	unsigned v = 0;
	int bits = 0;
	size_t k = 0;
	bool pad = false;
	if (!o)
		return NULL;
	for (const char *c = s; *c; c++) {
		if (*c == ' ' || *c == '\n' || *c == '\r' || *c == '\t')
			continue;
		if (*c == '=') {
			pad = true;
			continue;
		}
		const char *x = strchr(b64, *c);
		if (!x || pad) {
			free(o);
			return NULL;
		}
		v = v << 6 | (unsigned)(x - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			o[k++] = (unsigned char)(v >> bits);
		}
	}
	*n = k;
	return o;
}

void dap_read_memory(struct dap *d, json_t *req, json_t *args)
{
	uint64_t addr;
	if (mem_ref(d, req, args, "readMemory", &addr) < 0)
		return;
	json_t *jc = json_object_get(args, "count");
	if (!json_is_integer(jc) || json_integer_value(jc) < 0 ||
	    json_integer_value(jc) > (16 << 20)) {
		dap_fail(d, req, "readMemory: \"count\" must be 0 to 16 MiB");
		return;
	}
	size_t count = (size_t)json_integer_value(jc);
	unsigned char *buf = malloc(count ? count : 1);
	if (!buf) {
		dap_fail(d, req, "readMemory: out of memory");
		return;
	}
	ssize_t got = count ? cdbg_mem_read(d->p, addr, buf, count) : 0;
	if (got < 0)
		got = 0;
	char *data = base64(buf, (size_t)got);
	json_t *body = json_pack("{s:o, s:s}", "address", dap_addr_json(addr), "data",
				 data ? data : "");
	if ((size_t)got < count)
		json_object_set_new(body, "unreadableBytes",
				    json_integer((json_int_t)(count - (size_t)got)));
	free(data);
	free(buf);
	dap_ok(d, req, body);
}

void dap_write_memory(struct dap *d, json_t *req, json_t *args)
{
	uint64_t addr;
	if (mem_ref(d, req, args, "writeMemory", &addr) < 0)
		return;
	const char *data = json_string_value(json_object_get(args, "data"));
	bool partial = json_is_true(json_object_get(args, "allowPartial"));
	size_t n;
	unsigned char *bytes = data ? unbase64(data, &n) : NULL;
	if (!bytes) {
		dap_fail(d, req, "writeMemory: \"data\" must be base64");
		return;
	}
	if (cdbg_target(d->p) != CDBG_TARGET_PROCESS) {
		free(bytes);
		dap_fail(d, req, "writeMemory: only a running program's memory can be written");
		return;
	}
	ssize_t w = n ? cdbg_mem_write(d->p, addr, bytes, n) : 0;
	free(bytes);
	if (w < 0 || (!partial && (size_t)w < n)) {
		dap_fail(d, req, "writeMemory: %s", cdbg_errmsg(d->p));
		return;
	}
	dap_ok(d, req, json_pack("{s:i, s:I}", "offset", 0, "bytesWritten", (json_int_t)w));
}

void dap_source(struct dap *d, json_t *req, json_t *args)
{
	const char *path = json_string_value(
		json_object_get(json_object_get(args, "source"), "path"));
	if (!path) {
		dap_fail(d, req,
			 "source: cdbg gives sources by path only (\"source\": {\"path\"})");
		return;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > (16 << 20)) {
		dap_fail(d, req, "source: cannot read %s: %s", path,
			 fd < 0 ? strerror(errno) : "not a regular file of at most 16 MiB");
		if (fd >= 0)
			close(fd);
		return;
	}
	char *buf = malloc((size_t)st.st_size + 1);
	ssize_t n = buf ? read(fd, buf, (size_t)st.st_size) : -1;
	close(fd);
	if (n < 0) {
		free(buf);
		dap_fail(d, req, "source: cannot read %s", path);
		return;
	}
	json_t *content = json_stringn(buf, (size_t)n);
	free(buf);
	if (!content) {
		dap_fail(d, req, "source: %s is not UTF-8 text", path);
		return;
	}
	dap_ok(d, req, json_pack("{s:o}", "content", content));
}
