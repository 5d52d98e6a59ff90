/*
 * dap_main.c - `cdbg dap`: the transport (stdin/stdout, or one TCP client with --listen), the
 * poll loop, the dispatch of requests, and what every answer and event has in common.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli.h"
#include "dap.h"

/* ---- sending ---- */

static int write_all(int fd, const char *b, size_t n)
{
	while (n) {
		ssize_t w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

void dap_send(struct dap *d, json_t *msg)
{
	json_object_set_new(msg, "seq", json_integer(++d->seq));
	char *body = json_dumps(msg, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(msg);
	if (!body)
		return;
	size_t n = strlen(body);
	char head[64];
	int hl = snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n", n);
	if (write_all(d->out_fd, head, (size_t)hl) < 0 || write_all(d->out_fd, body, n) < 0)
		d->quit = true; /* the client is gone */
	free(body);
}

void dap_event(struct dap *d, const char *event, json_t *body)
{
	json_t *m = json_pack("{s:s, s:s}", "type", "event", "event", event);
	if (body)
		json_object_set_new(m, "body", body);
	dap_send(d, m);
}

void dap_output(struct dap *d, const char *category, const char *text)
{
	if (!text || !*text)
		return;
	dap_event(d, "output", json_pack("{s:s, s:s}", "category", category, "output", text));
}

static json_t *response(json_t *req, bool ok)
{
	json_t *seq = json_object_get(req, "seq");
	json_t *cmd = json_object_get(req, "command");
	return json_pack("{s:s, s:I, s:b, s:s}", "type", "response", "request_seq",
			 (json_int_t)(json_is_integer(seq) ? json_integer_value(seq) : 0),
			 "success", ok, "command",
			 json_is_string(cmd) ? json_string_value(cmd) : "unknown");
}

void dap_ok(struct dap *d, json_t *req, json_t *body)
{
	json_t *m = response(req, true);
	if (body)
		json_object_set_new(m, "body", body);
	dap_send(d, m);
}

static void fail_text(struct dap *d, json_t *req, const char *text)
{
	json_t *m = response(req, false);
	json_object_set_new(m, "message", json_string(text));
	json_object_set_new(m, "body",
			    json_pack("{s:{s:i, s:s, s:b}}", "error", "id", 1, "format", text,
				      "showUser", false));
	dap_send(d, m);
}

void dap_fail(struct dap *d, json_t *req, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* a format with "{" would be taken for DAP's {variable} placeholders: not ours */
	fail_text(d, req, buf);
}

void dap_fail_lib(struct dap *d, json_t *req, const char *what)
{
	const char *m = cdbg_errmsg(d->p);
	if (!*m)
		m = cdbg_strerror(cdbg_errcode(d->p));
	dap_fail(d, req, "%s: %s", what, m);
}

/* ---- the CLI's output ---- */

char *dap_captured(struct dap *d)
{
	fflush(stdout);
	fflush(stderr);
	off_t n = lseek(d->capture_fd, 0, SEEK_END);
	char *s = malloc(n > 0 ? (size_t)n + 1 : 1);
	if (!s)
		return NULL;
	size_t got = 0;
	if (n > 0) {
		ssize_t r = pread(d->capture_fd, s, (size_t)n, 0);
		got = r > 0 ? (size_t)r : 0;
	}
	s[got] = '\0';
	if (ftruncate(d->capture_fd, 0) < 0) {
		/* a memfd truncates; nothing else to do */
	}
	lseek(d->capture_fd, 0, SEEK_SET);
	return s;
}

/* ---- dispatch ---- */

static void initialize(struct dap *d, json_t *req, json_t *args)
{
	if (d->initialized) {
		dap_fail(d, req, "initialize was already done: a session takes one");
		return;
	}
	json_t *v = json_object_get(args, "linesStartAt1");
	d->lines_start_at1 = !json_is_false(v);
	v = json_object_get(args, "columnsStartAt1");
	d->columns_start_at1 = !json_is_false(v);
	d->initialized = true;
	json_t *filters = json_pack(
		"[{s:s, s:s, s:s, s:b}, {s:s, s:s, s:s, s:b}]", "filter", "signals", "label",
		"Signals", "description",
		"Stop when the program receives a signal that `handle` says stops (gdb's defaults: "
		"every signal but SIGALRM, SIGCHLD, SIGWINCH, SIGURG, SIGPROF, SIGVTALRM, SIGIO)",
		"default", true, "filter", "panics", "label", "Go panics and fatal errors",
		"description",
		"Stop a Go program about to die of an unrecovered panic or a fatal error of its "
		"runtime, before it dies",
		"default", true);
	json_t *caps = json_pack(
		"{s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, "
		"s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:o}",
		"supportsConfigurationDoneRequest", 1, "supportsFunctionBreakpoints", 1,
		"supportsConditionalBreakpoints", 1, "supportsHitConditionalBreakpoints", 1,
		"supportsEvaluateForHovers", 1, "supportsSetVariable", 1, "supportsSetExpression",
		1, "supportsLogPoints", 1, "supportsDataBreakpoints", 1,
		"supportsInstructionBreakpoints", 1, "supportsDisassembleRequest", 1,
		"supportsReadMemoryRequest", 1, "supportsWriteMemoryRequest", 1,
		"supportsSteppingGranularity", 1, "supportsModulesRequest", 1,
		"supportsLoadedSourcesRequest", 1, "supportsTerminateRequest", 1,
		"supportTerminateDebuggee", 1, "supportsCompletionsRequest", 1,
		"supportsBreakpointLocationsRequest", 1, "supportsExceptionInfoRequest", 1,
		"supportsValueFormattingOptions", 1, "supportsDelayedStackTraceLoading", 1,
		"supportsEvaluateForHovers", 1, "supportsClipboardContext", 1,
		"supportsExceptionOptions", 0, "exceptionBreakpointFilters", filters);
	dap_ok(d, req, caps);
	dap_event(d, "initialized", NULL);
}

static void cancel(struct dap *d, json_t *req, json_t *args)
{
	(void)args;
	/* Requests are answered in order as they come; by the time this one is read, the one
	 * it names has its answer. */
	dap_ok(d, req, NULL);
}

static const struct {
	const char *name;
	dap_handler fn;
} handlers[] = {
	{ "initialize", initialize },
	{ "launch", dap_launch },
	{ "attach", dap_attach },
	{ "configurationDone", dap_configuration_done },
	{ "setBreakpoints", dap_set_breakpoints },
	{ "setFunctionBreakpoints", dap_set_function_breakpoints },
	{ "setInstructionBreakpoints", dap_set_instruction_breakpoints },
	{ "dataBreakpointInfo", dap_data_breakpoint_info },
	{ "setDataBreakpoints", dap_set_data_breakpoints },
	{ "setExceptionBreakpoints", dap_set_exception_breakpoints },
	{ "breakpointLocations", dap_breakpoint_locations },
	{ "threads", dap_threads },
	{ "stackTrace", dap_stack_trace },
	{ "scopes", dap_scopes },
	{ "variables", dap_variables },
	{ "setVariable", dap_set_variable },
	{ "setExpression", dap_set_expression },
	{ "evaluate", dap_evaluate },
	{ "completions", dap_completions },
	{ "continue", dap_continue },
	{ "next", dap_next },
	{ "stepIn", dap_step_in },
	{ "stepOut", dap_step_out },
	{ "pause", dap_pause },
	{ "disconnect", dap_disconnect },
	{ "terminate", dap_terminate },
	{ "exceptionInfo", dap_exception_info },
	{ "modules", dap_modules },
	{ "loadedSources", dap_loaded_sources },
	{ "disassemble", dap_disassemble },
	{ "readMemory", dap_read_memory },
	{ "writeMemory", dap_write_memory },
	{ "source", dap_source },
	{ "cancel", cancel },
};

static void dispatch(struct dap *d, json_t *msg)
{
	json_t *type = json_object_get(msg, "type");
	json_t *cmd = json_object_get(msg, "command");
	json_t *seq = json_object_get(msg, "seq");
	if (json_is_string(type) && !strcmp(json_string_value(type), "response"))
		return; /* an answer to a request of ours: we send none that needs one */
	if (!json_is_string(type) || strcmp(json_string_value(type), "request")) {
		dap_fail(d, msg, "a message of type %s: cdbg's DAP server takes requests only",
			 json_is_string(type) ? json_string_value(type) : "(none)");
		return;
	}
	if (!json_is_string(cmd) || !json_is_integer(seq)) {
		dap_fail(d, msg, "a request needs a \"command\" string and a \"seq\" number");
		return;
	}
	json_t *args = json_object_get(msg, "arguments");
	if (args && !json_is_object(args)) {
		dap_fail(d, msg, "the request's \"arguments\" is not an object");
		return;
	}
	json_t *empty = NULL;
	if (!args)
		args = empty = json_object();
	const char *name = json_string_value(cmd);
	size_t i;
	for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (!strcmp(handlers[i].name, name))
			break;
	if (i == sizeof(handlers) / sizeof(handlers[0]))
		dap_fail(d, msg, "unknown request '%s': cdbg's DAP server does not implement it",
			 name);
	else if (!d->initialized && strcmp(name, "initialize"))
		dap_fail(d, msg, "'%s' before 'initialize': send initialize first", name);
	else
		handlers[i].fn(d, msg, args);
	json_decref(empty);
}

static void queue_push(struct dap_msg_queue *q, json_t *m)
{
	if (q->n == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 16;
		json_t **v = malloc(cap * sizeof(*v));
		if (!v) {
			json_decref(m);
			return;
		}
		for (size_t i = 0; i < q->n; i++)
			v[i] = q->v[(q->head + i) % q->cap];
		free(q->v);
		q->v = v;
		q->cap = cap;
		q->head = 0;
	}
	q->v[(q->head + q->n) % q->cap] = m;
	q->n++;
}

static json_t *queue_pop(struct dap_msg_queue *q)
{
	if (!q->n)
		return NULL;
	json_t *m = q->v[q->head];
	q->head = (q->head + 1) % q->cap;
	q->n--;
	return m;
}

/* Messages that arrived: into the queue. Bad ones are answered at once. */
static void take_input(struct dap *d)
{
	for (;;) {
		json_t *m;
		const char *why;
		char whybuf[256];
		int r = dap_next_message(&d->rd, &m, &why, whybuf, sizeof(whybuf));
		if (r == 0)
			break;
		if (r == 1) {
			queue_push(&d->queue, m);
			continue;
		}
		json_t *fake = json_object();
		dap_fail(d, fake, "%s", why);
		json_decref(fake);
		if (r < 0)
			break;
	}
}

/* Read what the client sent without blocking (while a step runs): true when a request that
 * must stop it (pause, disconnect, terminate) is waiting. */
bool dap_poll_client(struct dap *d);
bool dap_poll_client(struct dap *d)
{
	struct pollfd pf = { .fd = d->in_fd, .events = POLLIN };
	while (!d->rd.eof && poll(&pf, 1, 0) > 0 && (pf.revents & (POLLIN | POLLHUP))) {
		if (dap_read_some(&d->rd, d->in_fd) <= 0)
			break;
	}
	take_input(d);
	if (d->rd.eof)
		return true;
	for (size_t i = 0; i < d->queue.n; i++) {
		json_t *m = d->queue.v[(d->queue.head + i) % d->queue.cap];
		const char *cmd = json_string_value(json_object_get(m, "command"));
		if (cmd && (!strcmp(cmd, "pause") || !strcmp(cmd, "disconnect") ||
			    !strcmp(cmd, "terminate")))
			return true;
	}
	return false;
}

static void program_output(struct dap *d, int *fd, const char *category)
{
	char buf[16384];
	ssize_t n = read(*fd, buf, sizeof(buf) - 1);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		close(*fd);
		*fd = -1;
		return;
	}
	buf[n] = '\0';
	/* bytes that are not UTF-8 would make jansson refuse the string: send them escaped */
	json_t *s = json_stringn(buf, (size_t)n);
	if (!s) {
		char esc[sizeof(buf) * 4];
		size_t k = 0;
		for (ssize_t i = 0; i < n; i++) {
			unsigned char ch = (unsigned char)buf[i];
			if (ch < 0x80)
				esc[k++] = (char)ch;
			else
				k += (size_t)snprintf(esc + k, 5, "\\%03o", ch);
		}
		s = json_stringn(esc, k);
	}
	dap_event(d, "output", json_pack("{s:s, s:o}", "category", category, "output", s));
}

/* Drain the program's output (at a stop, before the stop is reported). */
void dap_drain_output(struct dap *d);
void dap_drain_output(struct dap *d)
{
	for (int k = 0; k < 2; k++) {
		int *fd = k ? &d->prog_err : &d->prog_out;
		struct pollfd pf = { .fd = *fd, .events = POLLIN };
		while (*fd >= 0 && poll(&pf, 1, 0) > 0 && pf.revents)
			program_output(d, fd, k ? "stderr" : "stdout");
	}
}

static void loop(struct dap *d)
{
	while (!d->quit && !cli_got_signal) {
		json_t *m = queue_pop(&d->queue);
		if (m) {
			dispatch(d, m);
			json_decref(m);
			continue;
		}
		if (d->state == DAP_RUNNING && d->ndeferred) {
			dap_pump(d);
			continue;
		}
		if (d->rd.eof)
			break;
		struct pollfd pf[4];
		int n = 0, ev_i = -1, out_i = -1, err_i = -1;
		pf[n++] = (struct pollfd){ .fd = d->in_fd, .events = POLLIN };
		if (d->state == DAP_RUNNING) {
			int efd = cdbg_event_fd(d->p);
			if (efd >= 0) {
				ev_i = n;
				pf[n++] = (struct pollfd){ .fd = efd, .events = POLLIN };
			}
		}
		if (d->prog_out >= 0) {
			out_i = n;
			pf[n++] = (struct pollfd){ .fd = d->prog_out, .events = POLLIN };
		}
		if (d->prog_err >= 0) {
			err_i = n;
			pf[n++] = (struct pollfd){ .fd = d->prog_err, .events = POLLIN };
		}
		/* a timeout: a SIGCHLD that raced the descriptor is looked at again */
		int r = poll(pf, (nfds_t)n, d->state == DAP_RUNNING ? 200 : -1);
		if (r < 0 && errno != EINTR)
			break;
		if (out_i >= 0 && pf[out_i].revents)
			program_output(d, &d->prog_out, "stdout");
		if (err_i >= 0 && pf[err_i].revents)
			program_output(d, &d->prog_err, "stderr");
		if (pf[0].revents) {
			if (dap_read_some(&d->rd, d->in_fd) < 0)
				break;
			take_input(d);
		}
		if (d->state == DAP_RUNNING && (r == 0 || (ev_i >= 0 && pf[ev_i].revents)))
			dap_pump(d);
	}
}

/* ---- start and end ---- */

static int listen_on(const char *spec, int *port_out)
{
	char host[256];
	const char *colon = strrchr(spec, ':');
	if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof(host)) {
		fprintf(stderr, "cdbg dap: --listen wants HOST:PORT (127.0.0.1:4711), not '%s'\n",
			spec);
		return -1;
	}
	memcpy(host, spec, (size_t)(colon - spec));
	host[colon - spec] = '\0';
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
				  .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_PASSIVE | AI_NUMERICSERV },
			*ai;
	int e = getaddrinfo(host, colon + 1, &hints, &ai);
	if (e) {
		fprintf(stderr, "cdbg dap: cannot listen on '%s': %s\n", spec, gai_strerror(e));
		return -1;
	}
	int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, 1) < 0) {
		fprintf(stderr, "cdbg dap: cannot listen on '%s': %s\n", spec, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	bool loopback = false;
	if (ai->ai_family == AF_INET)
		loopback = (ntohl(((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr) >> 24) ==
			   127;
	else if (ai->ai_family == AF_INET6)
		loopback = IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr);
	freeaddrinfo(ai);
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int port = 0;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		port = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port :
						       ((struct sockaddr_in6 *)&ss)->sin6_port);
	if (!loopback)
		fprintf(stderr,
			"cdbg dap: warning: listening on %s, which is not a loopback address: DAP "
			"has no authentication, anyone who can reach it controls cdbg and the "
			"program\n",
			host);
	fprintf(stderr, "cdbg dap: listening on %s port %d\n", host, port);
	*port_out = port;
	return fd;
}

static void usage(void)
{
	printf("Usage: cdbg dap [--listen HOST:PORT]\n"
	       "Serve the Debug Adapter Protocol: on stdin and stdout (how editors start an "
	       "adapter),\nor to one client that connects to HOST:PORT (127.0.0.1:0 picks a "
	       "port, printed on stderr).\nDAP has no authentication: listen on a loopback "
	       "address (127.0.0.1, ::1) unless the\nnetwork is trusted.\n");
}

void dap_free_all(struct dap *d);

int dap_main(struct cli *c, int argc, char **argv)
{
	const char *listen_spec = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--listen") && i + 1 < argc) {
			listen_spec = argv[++i];
		} else if (!strncmp(argv[i], "--listen=", 9)) {
			listen_spec = argv[i] + 9;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage();
			return 0;
		} else {
			fprintf(stderr, "cdbg dap: unknown argument '%s' (see cdbg dap --help)\n",
				argv[i]);
			return 2;
		}
	}
	struct dap dd = { 0 }, *d = &dd;
	d->c = c;
	d->p = c->p;
	d->prog_out = d->prog_err = -1;
	d->stop_signals = true;
	d->stop_panics = true;
	d->lines_start_at1 = d->columns_start_at1 = true;
	signal(SIGPIPE, SIG_IGN);
	if (listen_spec) {
		int port, lfd = listen_on(listen_spec, &port);
		if (lfd < 0)
			return 1;
		int fd;
		do
			fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		while (fd < 0 && errno == EINTR);
		close(lfd);
		if (fd < 0) {
			fprintf(stderr, "cdbg dap: accept: %s\n", strerror(errno));
			return 1;
		}
		d->in_fd = fd;
		d->out_fd = fd;
	} else {
		d->in_fd = dup(0);
		d->out_fd = dup(1);
		int null = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (null >= 0) {
			dup2(null, 0);
			close(null);
		}
	}
	/* The CLI writes to stdout and stderr: into a file of ours, which the debug console
	 * shows; never onto the protocol's stream. */
	d->capture_fd = memfd_create("cdbg-dap-console", MFD_CLOEXEC);
	if (d->capture_fd < 0 || d->in_fd < 0 || d->out_fd < 0) {
		fprintf(stderr, "cdbg dap: cannot set up: %s\n", strerror(errno));
		return 1;
	}
	fflush(stdout);
	fflush(stderr);
	int saved_err = dup(2);
	dup2(d->capture_fd, 1);
	dup2(d->capture_fd, 2);
	setvbuf(stdout, NULL, _IOFBF, 0);
	c->confirm = false; /* nobody answers questions on the console */
	c->quiet = true;
	loop(d);
	dap_free_all(d);
	fflush(stderr);
	if (saved_err >= 0) { /* what is said at the end (a sanitizer's report) goes out again */
		dup2(saved_err, 2);
		close(saved_err);
	}
	return 0;
}
