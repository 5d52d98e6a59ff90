/*
 * test_values_tree: values as trees through the library API alone, as a DAP variables view
 * expands them, on the values_tree tracee stopped in tree_here(). Proves:
 *   - cdbg_value.kind says what a value is: struct, union, array, pointer, enum, bool, char,
 *     float, integer, function pointer, void pointer;
 *   - cdbg_value_children lists a struct's members by name in order with their values and
 *     kinds, a nested struct's members in turn, an array member's elements "[i]", a union's
 *     members, and what a pointer points to ("*", the next node); none for scalars, void *
 *     and function pointers;
 *   - a 1000-element array pages: the total is 1000 whatever the window, a window at 990 of
 *     20 gives 10 elements, each [i] = 3 * i, a window past the end gives none;
 *   - a 2-D array's children are its rows, "[1]" being int [3] with children 4, 5, 6;
 *   - arrays made by the expression (x@N of structs, a literal {7, 8, 9}, x@2@2) are arrays
 *     whose children are their elements (rows for x@2@2);
 *   - a null pointer's child cannot be read: CDBG_ENOMEM at address 0;
 *   - a type name longer than cdbg_value.type is cut with type_cut set, and cdbg_value_type
 *     gives it whole.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static cdbg_proc *p;
static pid_t tid;

static struct cdbg_value eval(const char *expr)
{
	struct cdbg_value v;

	CHECK(cdbg_eval_frame(p, tid, 0, expr, NULL, &v) == 0, "%s: %s", expr, cdbg_errmsg(p));
	return v;
}

static void kind_is(const char *expr, enum cdbg_value_kind kind, int nkids)
{
	struct cdbg_value v = eval(expr);
	int n = cdbg_value_children(p, &v, 0, NULL, 0);

	CHECK(v.kind == kind, "%s: kind %d, want %d (type %s)", expr, v.kind, kind, v.type);
	CHECK(n == nkids, "%s: %d children, want %d (%s)", expr, n, nkids, cdbg_errmsg(p));
}

/* Child i of kids (n of them) is named name, of kind kind, and formats as text. */
static void kid_is(const struct cdbg_var *kids, int n, int i, const char *name,
		   enum cdbg_value_kind kind, const char *text)
{
	char buf[256];

	CHECK(i < n, "child %d of %d", i, n);
	CHECK(!strcmp(kids[i].name, name), "child %d is '%s', want '%s'", i, kids[i].name, name);
	CHECK(kids[i].value.kind == kind, "%s: kind %d, want %d", name, kids[i].value.kind, kind);
	CHECK(cdbg_value_format(p, &kids[i].value, 0, 0, buf, sizeof(buf)) >= 0, "%s: %s", name,
	      cdbg_errmsg(p));
	CHECK(!strcmp(buf, text), "%s = '%s', want '%s'", name, buf, text);
}

static void test_struct(void)
{
	struct cdbg_value v = eval("t_head");
	struct cdbg_var kids[16], in[4], next[16];
	int n, m;

	CHECK(v.kind == CDBG_VAL_STRUCT && !strcmp(v.type, "struct node") && !v.type_cut,
	      "t_head: kind %d type %s", v.kind, v.type);
	n = cdbg_value_children(p, &v, 0, kids, 16);
	CHECK(n == 9, "t_head: %d members: %s", n, cdbg_errmsg(p));
	kid_is(kids, n, 0, "id", CDBG_VAL_INT, "1");
	kid_is(kids, n, 1, "at", CDBG_VAL_STRUCT, "{x = 3, y = 4}");
	kid_is(kids, n, 2, "hist", CDBG_VAL_ARRAY, "{10, 20, 30, 40}");
	kid_is(kids, n, 4, "shade", CDBG_VAL_ENUM, "DARK");
	kid_is(kids, n, 5, "on", CDBG_VAL_BOOL, "true");
	kid_is(kids, n, 6, "tag", CDBG_VAL_CHAR, "104 'h'");
	kid_is(kids, n, 7, "weight", CDBG_VAL_FLOAT, "2.5");
	kid_is(kids, n, 8, "w", CDBG_VAL_UNION, "{i = 7, f = 9.80908925e-45}");
	CHECK(!strcmp(kids[3].name, "next") && kids[3].value.kind == CDBG_VAL_POINTER,
	      "member 3: %s kind %d", kids[3].name, kids[3].value.kind);

	/* the nested struct, the array member, the union */
	m = cdbg_value_children(p, &kids[1].value, 0, in, 4);
	kid_is(in, m, 0, "x", CDBG_VAL_INT, "3");
	kid_is(in, m, 1, "y", CDBG_VAL_INT, "4");
	CHECK(m == 2, "at: %d members", m);
	m = cdbg_value_children(p, &kids[2].value, 1, in, 4);
	CHECK(m == 4, "hist: %d elements: %s", m, cdbg_errmsg(p));
	kid_is(in, 3, 0, "[1]", CDBG_VAL_INT, "20");
	kid_is(in, 3, 2, "[3]", CDBG_VAL_INT, "40");
	m = cdbg_value_children(p, &kids[8].value, 0, in, 4);
	kid_is(in, m, 0, "i", CDBG_VAL_INT, "7");
	CHECK(m == 2 && in[1].value.kind == CDBG_VAL_FLOAT, "w: %d members", m);

	/* the pointer: its pointee is the next node, whose members come in turn */
	m = cdbg_value_children(p, &kids[3].value, 0, in, 4);
	CHECK(m == 1 && !strcmp(in[0].name, "*") && in[0].value.kind == CDBG_VAL_STRUCT,
	      "next: %d children (%s)", m, cdbg_errmsg(p));
	m = cdbg_value_children(p, &in[0].value, 0, next, 16);
	CHECK(m == 9, "*next: %d members", m);
	kid_is(next, m, 0, "id", CDBG_VAL_INT, "2");
	kid_is(next, m, 1, "at", CDBG_VAL_STRUCT, "{x = 5, y = 6}");
	kid_is(next, m, 3, "next", CDBG_VAL_POINTER, "0x0");
	kid_is(next, m, 6, "tag", CDBG_VAL_CHAR, "116 't'");

	/* a window inside the members */
	m = cdbg_value_children(p, &v, 7, kids, 16);
	CHECK(m == 9, "window: %d", m);
	kid_is(kids, 2, 0, "weight", CDBG_VAL_FLOAT, "2.5");
}

static void test_paging(void)
{
	struct cdbg_value v = eval("t_big");
	struct cdbg_var kids[20];
	char name[16], text[16];
	int n;

	CHECK(v.kind == CDBG_VAL_ARRAY && !strcmp(v.type, "int [1000]"), "t_big: %d %s", v.kind,
	      v.type);
	CHECK_EQ(cdbg_value_children(p, &v, 0, NULL, 0), 1000);
	n = cdbg_value_children(p, &v, 500, kids, 3);
	CHECK_EQ(n, 1000);
	kid_is(kids, 3, 0, "[500]", CDBG_VAL_INT, "1500");
	kid_is(kids, 3, 2, "[502]", CDBG_VAL_INT, "1506");
	memset(kids, 0, sizeof(kids));
	n = cdbg_value_children(p, &v, 990, kids, 20);
	CHECK_EQ(n, 1000);
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "[%d]", 990 + i);
		snprintf(text, sizeof(text), "%d", 3 * (990 + i));
		kid_is(kids, 10, i, name, CDBG_VAL_INT, text);
	}
	CHECK(!kids[10].name[0], "a child past the end was written: %s", kids[10].name);
	CHECK_EQ(cdbg_value_children(p, &v, 5000, kids, 20), 1000);

	/* a 2-D array: rows, then elements */
	v = eval("t_grid");
	n = cdbg_value_children(p, &v, 0, kids, 20);
	CHECK(n == 2, "t_grid: %d rows", n);
	kid_is(kids, n, 1, "[1]", CDBG_VAL_ARRAY, "{4, 5, 6}");
	CHECK(!strcmp(kids[1].value.type, "int [3]"), "row type %s", kids[1].value.type);
	v = kids[1].value;
	n = cdbg_value_children(p, &v, 0, kids, 20);
	CHECK(n == 3, "t_grid[1]: %d", n);
	kid_is(kids, n, 2, "[2]", CDBG_VAL_INT, "6");

	/* arrays the program never declared: x@N of structs, a literal, x@2@2 */
	v = eval("t_head.at@2");
	n = cdbg_value_children(p, &v, 0, kids, 20);
	CHECK(v.kind == CDBG_VAL_ARRAY && n == 2, "t_head.at@2: kind %d, %d children (%s)", v.kind,
	      n, cdbg_errmsg(p));
	kid_is(kids, n, 0, "[0]", CDBG_VAL_STRUCT, "{x = 3, y = 4}");
	v = eval("{7, 8, 9}");
	n = cdbg_value_children(p, &v, 1, kids, 20);
	CHECK(v.kind == CDBG_VAL_ARRAY && n == 3, "{7, 8, 9}: kind %d, %d", v.kind, n);
	kid_is(kids, 2, 1, "[2]", CDBG_VAL_INT, "9");
	v = eval("t_big[1]@2@2");
	n = cdbg_value_children(p, &v, 0, kids, 20);
	CHECK(n == 2, "t_big[1]@2@2: %d rows", n);
	kid_is(kids, n, 1, "[1]", CDBG_VAL_ARRAY, "{9, 12}");
}

static void test_leaves(void)
{
	struct cdbg_var kid;
	struct cdbg_value v;
	char buf[1024];

	kind_is("t_head.id", CDBG_VAL_INT, 0);
	kind_is("t_head.shade", CDBG_VAL_ENUM, 0);
	kind_is("t_void", CDBG_VAL_POINTER, 0);
	kind_is("t_fn", CDBG_VAL_POINTER, 0);
	kind_is("*t_fn", CDBG_VAL_FUNCTION, 0);
	kind_is("t_head.weight * 2", CDBG_VAL_FLOAT, 0);
	kind_is("1 == 1", CDBG_VAL_INT, 0);
	kind_is("(char)65", CDBG_VAL_CHAR, 0);
	kind_is("&t_head", CDBG_VAL_POINTER, 1);

	/* a null pointer has a child that cannot be read */
	v = eval("t_null");
	CHECK(v.kind == CDBG_VAL_POINTER && v.bits == 0, "t_null: %d", v.kind);
	CHECK_EQ(cdbg_value_children(p, &v, 0, &kid, 1), CDBG_ENOMEM);
	CHECK(cdbg_erraddr(p) == 0 && !strcmp(cdbg_errmsg(p), "cannot access memory at address 0x0"),
	      "null: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_value_children(p, &v, 0, NULL, 0), 1); /* counting reads nothing */

	/* a name longer than the field: cut, flagged, whole from cdbg_value_type */
	v = eval("&t_long");
	CHECK(v.type_cut && strlen(v.type) == CDBG_TYPE_MAX - 1, "type_cut %d, %zu bytes",
	      v.type_cut, strlen(v.type));
	CHECK(cdbg_value_type(p, &v, buf, sizeof(buf)) > CDBG_TYPE_MAX, "whole: %s", buf);
	CHECK(!strncmp(buf, v.type, strlen(v.type)) && !strcmp(buf + strlen(buf) - 5, "end *"),
	      "whole name: %s", buf);
	v = eval("t_long");
	CHECK(v.kind == CDBG_VAL_STRUCT && v.type_cut, "t_long: %d %d", v.kind, v.type_cut);
}

int main(void)
{
	char *argv[] = { (char *)"values_tree", NULL };
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	struct cdbg_launch_opts o = { .stdin_fd = -1, .stdout_fd = null, .stderr_fd = -1 };
	struct cdbg_event ev;
	uint64_t here;
	int pid, bp;

	u_watchdog(60);
	p = u_new();
	pid = cdbg_launch(p, h_tracee_path("values_tree"), argv, &o);
	CHECK(pid > 0, "launch values_tree: %s", cdbg_errmsg(p));
	CHECK(cdbg_func_break_addr(p, "tree_here", &here) == 0, "tree_here: %s", cdbg_errmsg(p));
	CHECK((bp = cdbg_bp_insert(p, here, 0)) > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	do
		u_wait(p, &ev, 20000);
	while (!ev.stopped && ev.kind != CDBG_EV_EXITED && ev.kind != CDBG_EV_KILLED);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == bp, "got %s", u_ev(&ev));
	tid = ev.tid;

	test_struct();
	test_paging();
	test_leaves();

	CHECK(cdbg_bp_remove(p, bp) == 0, "remove: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	do
		u_wait(p, &ev, 20000);
	while (!ev.stopped && ev.kind != CDBG_EV_EXITED && ev.kind != CDBG_EV_KILLED);
	CHECK(ev.kind == CDBG_EV_EXITED && ev.code == 0, "got %s", u_ev(&ev));
	close(null);
	cdbg_free(p);
	return h_pass();
}
