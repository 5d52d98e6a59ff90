/*
 * test_long_names: no text is cut silently in cdbg.h's structs. long_names (a C++ template
 * instance over three long type names) is copied into a directory whose path is longer than
 * cdbg_module.path, started from there and attached to.
 * Proves:
 *   - cdbg_sym_by_addr gives the first 255 bytes of the 700-byte demangled name with name_cut
 *     set, and the module's path cut with module_cut; cdbg_text gives both whole (and, into a
 *     short buffer, the whole length as snprintf does);
 *   - cdbg_sym_by_name finds it by the name a frame shows, with the same flags;
 *   - cdbg_modules cuts the executable's path with path_cut, cdbg_text gives it whole;
 *   - a session breakpoint at the function lists its location by the whole name, and the
 *     breakpoint info of that location cuts a 300-byte condition with condition_cut, which
 *     cdbg_text gives whole;
 *   - stopped there, cdbg_backtrace's frame 0 has func and module cut with their flags set,
 *     cdbg_text gives the frame's whole name (cdbg_func_name of the whole symbol name); a
 *     short name (main, the source file) is whole with no flag, and cdbg_text copies it.
 * On a version without the flags the 255-byte names come back with nothing saying so.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cdbg.h"
#include "harness.h"

#define NS "long_names_test_namespace"
#define LONG_TYPE(w) NS "::" w "_type_with_a_name_that_is_long_enough_to_take_up_a_lot_of_room"
#define TYPES LONG_TYPE("Alpha") ", " LONG_TYPE("Bravo") ", " LONG_TYPE("Charlie")
#define FRAME_NAME NS "::deep<" TYPES ">"
#define SYMBOL_NAME "int " FRAME_NAME "(" TYPES ")"

#define COND_PART "1 == 1 && "
#define COND                                                                                       \
	COND_PART COND_PART COND_PART COND_PART COND_PART COND_PART COND_PART COND_PART COND_PART  \
		COND_PART COND_PART COND_PART COND_PART COND_PART COND_PART COND_PART COND_PART    \
			COND_PART COND_PART COND_PART COND_PART COND_PART COND_PART COND_PART      \
				COND_PART COND_PART COND_PART COND_PART COND_PART COND_PART        \
		"1 == 1"

static char dirs[4][PATH_MAX], exe[PATH_MAX];

/* Copy the tracee into /tmp/cdbg-long-XXXXXX/ddd.../ddd.../ddd.../long_names (a path > 512 bytes). */
static void make_long_copy(void)
{
	char seg[201], buf[65536];
	int in, out, i;
	ssize_t n;

	memset(seg, 'd', sizeof(seg) - 1);
	seg[sizeof(seg) - 1] = '\0';
	snprintf(dirs[0], sizeof(dirs[0]), "/tmp/cdbg-long-XXXXXX");
	CHECK(mkdtemp(dirs[0]), "mkdtemp: %s", strerror(errno));
	for (i = 1; i < 4; i++) {
		/* dirs[i - 1] + "/" + seg (not snprintf: gcc's -Wrestrict takes the rows of one
		 * array for one object) */
		size_t len = strlen(dirs[i - 1]);
		memcpy(dirs[i], dirs[i - 1], len);
		dirs[i][len] = '/';
		memcpy(dirs[i] + len + 1, seg, sizeof(seg));
		CHECK(mkdir(dirs[i], 0700) == 0, "mkdir: %s", strerror(errno));
	}
	snprintf(exe, sizeof(exe), "%s/long_names", dirs[3]);
	in = open(h_tracee_path("long_names"), O_RDONLY);
	if (in < 0)
		h_skip("tracee long_names is not built");
	out = open(exe, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	CHECK(out >= 0, "create %s: %s", exe, strerror(errno));
	while ((n = read(in, buf, sizeof(buf))) > 0)
		CHECK(write(out, buf, (size_t)n) == n, "write: %s", strerror(errno));
	close(in);
	close(out);
	CHECK(strlen(exe) > 512, "path of %zu bytes", strlen(exe));
}

static void remove_long_copy(void)
{
	unlink(exe);
	for (int i = 3; i >= 0; i--)
		rmdir(dirs[i]);
}

/* cdbg_text of field into a buffer that fits: must equal want. */
static void check_text(cdbg_proc *p, const void *from, enum cdbg_text_field field, const char *want,
		       const char *what)
{
	static char buf[4096];
	int n = cdbg_text(p, from, field, buf, sizeof(buf));

	CHECK(n == (int)strlen(want), "%s: cdbg_text gave %d (%s), want %zu", what, n,
	      n < 0 ? cdbg_errmsg(p) : buf, strlen(want));
	CHECK(strcmp(buf, want) == 0, "%s: whole text '%s', want '%s'", what, buf, want);
}

/* A cut field: the first size - 1 bytes of want, with its flag set. */
static void check_cut(const char *field, size_t size, int cut, const char *want, const char *what)
{
	CHECK(strlen(want) >= size, "%s: the test's text is not long enough", what);
	CHECK(cut == 1, "%s: %zu-byte text cut silently to '%s'", what, strlen(want), field);
	CHECK(strlen(field) == size - 1 && strncmp(field, want, size - 1) == 0, "%s: cut text '%s'",
	      what, field);
}

int main(void)
{
	struct tracee t;
	struct cdbg_symbol s;
	struct cdbg_module mods[64];
	struct cdbg_frame f[8];
	struct cdbg_break_spec spec = { 0 };
	struct cdbg_break_loc loc;
	struct cdbg_break_info bi;
	struct cdbg_bp_info info;
	struct cdbg_event ev;
	char line[512], small[10], *old_dir;
	const char *fn_text;
	cdbg_proc *p = cdbg_new();
	uint64_t fn;
	int id, n;

	make_long_copy();
	old_dir = getenv("CDBG_TRACEE_DIR") ? strdup(getenv("CDBG_TRACEE_DIR")) : NULL;
	setenv("CDBG_TRACEE_DIR", dirs[3], 1);
	h_start(&t, "long_names", NULL);
	if (old_dir)
		setenv("CDBG_TRACEE_DIR", old_dir, 1);
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK((fn_text = strstr(line, "fn=")), "'%s'", line);
	fn = strtoull(fn_text + 3, NULL, 0);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));

	/* The symbol: name and module cut, with their flags; whole through cdbg_text. */
	CHECK(cdbg_sym_by_addr(p, fn, &s) == 0, "symbol at %#llx: %s", (unsigned long long)fn,
	      cdbg_errmsg(p));
	check_cut(s.name, sizeof(s.name), s.name_cut, SYMBOL_NAME, "symbol name");
	check_cut(s.module, sizeof(s.module), s.module_cut, exe, "symbol module");
	check_text(p, &s, CDBG_TEXT_SYMBOL_NAME, SYMBOL_NAME, "symbol name");
	check_text(p, &s, CDBG_TEXT_SYMBOL_MODULE, exe, "symbol module");
	n = cdbg_text(p, &s, CDBG_TEXT_SYMBOL_NAME, small, sizeof(small));
	CHECK(n == (int)strlen(SYMBOL_NAME) && strlen(small) == sizeof(small) - 1,
	      "short buffer: %d, '%s'", n, small);

	/* By its name as a frame shows it: the same symbol. */
	memset(&s, 0, sizeof(s));
	CHECK(cdbg_sym_by_name(p, FRAME_NAME, &s) == 0, "by name: %s", cdbg_errmsg(p));
	CHECK(s.addr == fn && s.name_cut, "by name: %#llx, name_cut %d", (unsigned long long)s.addr,
	      s.name_cut);
	check_text(p, &s, CDBG_TEXT_SYMBOL_NAME, SYMBOL_NAME, "symbol name by name");

	/* The modules: the executable first, its path cut with path_cut. */
	n = cdbg_modules(p, mods, 64);
	CHECK(n > 0, "modules: %s", cdbg_errmsg(p));
	check_cut(mods[0].path, sizeof(mods[0].path), mods[0].path_cut, exe, "module path");
	check_text(p, &mods[0], CDBG_TEXT_MODULE_PATH, exe, "module path");
	CHECK(n < 2 || !mods[1].path_cut, "library path '%s' flagged as cut", mods[1].path);

	/* A session breakpoint there: its location named whole, a long condition flagged. */
	spec.kind = CDBG_BREAK_SOFTWARE;
	spec.addr = fn;
	spec.condition = COND;
	CHECK(cdbg_break_add(p, &spec, &id) == 0, "break: %s", cdbg_errmsg(p));
	CHECK(cdbg_break_locations(p, id, &loc, 1) == 1, "locations: %s", cdbg_errmsg(p));
	CHECK(loc.function && strcmp(loc.function, SYMBOL_NAME) == 0, "location in '%s'",
	      loc.function ? loc.function : "(null)");
	CHECK(cdbg_break_info(p, id, &bi) == 0 && bi.condition && !strcmp(bi.condition, COND),
	      "break info: condition '%s'", bi.condition ? bi.condition : "(null)");
	CHECK(loc.bp_id > 0, "location not inserted");
	CHECK(cdbg_bp_info(p, loc.bp_id, &info) == 0, "bp info: %s", cdbg_errmsg(p));
	check_cut(info.condition, sizeof(info.condition), info.condition_cut, COND, "condition");
	check_text(p, &info, CDBG_TEXT_BP_CONDITION, COND, "condition");

	/* Stopped in the function: frame 0's name and module cut, flagged, whole by cdbg_text. */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "go");
	CHECK(cdbg_wait(p, &ev, 30000) == 1, "wait: %s", cdbg_errmsg(p));
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.addr == fn, "event %s at %#llx",
	      cdbg_event_name(ev.kind), (unsigned long long)ev.addr);
	CHECK(!ev.message_cut && !ev.message[0], "message '%s'", ev.message);
	n = cdbg_backtrace(p, ev.tid, f, 8);
	CHECK(n >= 2, "backtrace: %d %s", n, cdbg_errmsg(p));
	check_cut(f[0].func, sizeof(f[0].func), f[0].func_cut, FRAME_NAME, "frame name");
	check_cut(f[0].module, sizeof(f[0].module), f[0].module_cut, exe, "frame module");
	check_text(p, &f[0], CDBG_TEXT_FRAME_FUNC, FRAME_NAME, "frame name");
	check_text(p, &f[0], CDBG_TEXT_FRAME_MODULE, exe, "frame module");
	CHECK(f[0].file[0] && !f[0].file_cut, "frame file '%s'", f[0].file);
	check_text(p, &f[0], CDBG_TEXT_FRAME_FILE, f[0].file, "frame file");
	CHECK(!strcmp(f[1].func, "main") && !f[1].func_cut, "frame 1 '%s'", f[1].func);
	check_text(p, &f[1], CDBG_TEXT_FRAME_FUNC, "main", "frame 1 name");
	CHECK(!f[0].reserved[0] && !f[0].reserved[2] && !f[0].is_dummy && !s.reserved[0] &&
		      !ev.reserved[0],
	      "reserved fields not zero");

	CHECK(cdbg_break_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_expect(&t, "deep=", line, sizeof(line), 20);
	CHECK(strcmp(line, "deep=7") == 0, "'%s'", line);
	CHECK_EQ(h_finish(&t, 20), 0);
	cdbg_free(p);
	remove_long_copy();
	free(old_dir);
	return h_pass();
}
