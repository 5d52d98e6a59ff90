/*
 * stepper - functions whose every instruction is known, called on command by worker
 * threads, for single-step and out-of-line execution tests.
 *
 * Usage: stepper
 *
 * The functions are written in assembly (SysV ABI, result in rax), so a test knows the
 * address and length of each instruction from the labels printed in the ready line:
 *   step_fn    nop; nop; step_mov: mov $1,%eax (5 bytes); step_ret: ret      returns 1
 *   call_fn    sub $8,%rsp; call_insn: call callee (e8 rel32, 5 bytes);
 *              add $8,%rsp; ret                                              returns 42
 *   callee     mov $42,%eax; ret
 *   icall_fn   sub $8,%rsp; icall_insn: call *callee_ptr(%rip) (ff 15 disp32, 6 bytes);
 *              add $8,%rsp; ret                                              returns 42
 *   riprel_fn  riprel_insn: mov rip_value(%rip),%rax (48 8b 05 disp32, 7 bytes); ret
 *              returns rip_value = 0x1122334455667788
 *   getpid_fn  mov $39,%eax; syscall_insn: syscall (0f 05, 2 bytes); ret     returns getpid()
 *   bump_fn    bump_insn: incq counter(%rip) (48 ff 05 disp32, 7 bytes);
 *              mov counter(%rip),%rax; ret                   returns the counter after it
 *   loop_fn(n) mov %rdi,%rcx; xor %eax,%eax; loop_top: inc %rax;
 *              loop_insn: loop loop_top (e2 rel8, 2 bytes); ret              returns n (n >= 1)
 *   jcc_fn(x)  test %rdi,%rdi; jcc_insn: jz jcc_zero (74 rel8, 2 bytes); mov $1,%eax; ret;
 *              jcc_zero: mov $2,%eax; ret                        returns 2 if x == 0, else 1
 *   jmp_fn     jmp_insn: jmp jmp_dest (eb rel8, 2 bytes); ud2; jmp_dest: mov $3,%eax; ret
 *              returns 3
 * A SIGUSR1 handler, on_usr1, counts its runs (`handled`); it is installed with SA_RESTART.
 *
 * Two worker threads (K = 0, 1) wait in read() on their own pipes for commands from the
 * main thread, which reads stdin and waits for each command to finish before the next,
 * so output order follows input order. What a test can observe:
 *   "worker <K> tid=<tid>"          once per worker at start, before the ready line
 *   "ready pid=<pid> step_fn=<a> step_mov=<a> step_ret=<a> call_fn=<a> call_insn=<a>
 *    callee=<a> icall_fn=<a> icall_insn=<a> riprel_fn=<a> riprel_insn=<a> rip_value=<a>
 *    getpid_fn=<a> syscall_insn=<a> bump_fn=<a> bump_insn=<a> counter=<a> loop_fn=<a>
 *    loop_top=<a> loop_insn=<a> on_usr1=<a> jcc_insn=<a> jcc_zero=<a> jmp_insn=<a>
 *    jmp_dest=<a>"                                     (one line; addresses as %p)
 *   call K NAME [N]   worker K calls NAME (step, call, icall, riprel, getpid, bump,
 *                     loop, jz0, jz1, jmp) N times (default 1; loop gets n = 5, jz0
 *                     calls jcc_fn(0), jz1 jcc_fn(1)) and prints
 *                     "result <K> <NAME> <last result> calls=<N> tid=<tid>"
 *   raise K           worker K sends itself SIGUSR1 (tgkill); once the handler ran:
 *                     "raised <K> handled=<handler runs so far> tid=<tid>"
 *   quit / EOF        "done counter=<counter> handled=<handler runs>", exit 0
 * Bad lines print "error: ..." and are ignored.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#include "tracee.h"

#define NWORKERS 2

long step_fn(void), call_fn(void), callee(void), icall_fn(void), riprel_fn(void);
long getpid_fn(void), bump_fn(void), loop_fn(long n), jcc_fn(long x), jmp_fn(void);
extern char step_mov[], step_ret[], call_insn[], icall_insn[], riprel_insn[], syscall_insn[];
extern char bump_insn[], loop_top[], loop_insn[], jcc_insn[], jcc_zero[], jmp_insn[], jmp_dest[];
extern volatile long counter, rip_value;

__asm__(".text\n"
	".globl step_fn, step_mov, step_ret\n"
	"step_fn:\n"
	"	nop\n"
	"	nop\n"
	"step_mov:\n"
	"	.byte 0xb8, 0x01, 0x00, 0x00, 0x00\n" /* mov $1,%eax */
	"step_ret:\n"
	"	ret\n"
	".globl call_fn, call_insn, callee\n"
	"call_fn:\n"
	"	sub $8, %rsp\n"
	"call_insn:\n"
	"	call callee\n"
	"	add $8, %rsp\n"
	"	ret\n"
	"callee:\n"
	"	mov $42, %eax\n"
	"	ret\n"
	".globl icall_fn, icall_insn\n"
	"icall_fn:\n"
	"	sub $8, %rsp\n"
	"icall_insn:\n"
	"	call *callee_ptr(%rip)\n"
	"	add $8, %rsp\n"
	"	ret\n"
	".globl riprel_fn, riprel_insn\n"
	"riprel_fn:\n"
	"riprel_insn:\n"
	"	mov rip_value(%rip), %rax\n"
	"	ret\n"
	".globl getpid_fn, syscall_insn\n"
	"getpid_fn:\n"
	"	mov $39, %eax\n"
	"syscall_insn:\n"
	"	syscall\n"
	"	ret\n"
	".globl bump_fn, bump_insn\n"
	"bump_fn:\n"
	"bump_insn:\n"
	"	incq counter(%rip)\n"
	"	mov counter(%rip), %rax\n"
	"	ret\n"
	".globl loop_fn, loop_top, loop_insn\n"
	"loop_fn:\n"
	"	mov %rdi, %rcx\n"
	"	xor %eax, %eax\n"
	"loop_top:\n"
	"	inc %rax\n"
	"loop_insn:\n"
	"	loop loop_top\n"
	"	ret\n"
	".globl jcc_fn, jcc_insn, jcc_zero\n"
	"jcc_fn:\n"
	"	test %rdi, %rdi\n"
	"jcc_insn:\n"
	"	jz jcc_zero\n"
	"	mov $1, %eax\n"
	"	ret\n"
	"jcc_zero:\n"
	"	mov $2, %eax\n"
	"	ret\n"
	".globl jmp_fn, jmp_insn, jmp_dest\n"
	"jmp_fn:\n"
	"jmp_insn:\n"
	"	jmp jmp_dest\n"
	"	ud2\n"
	"jmp_dest:\n"
	"	mov $3, %eax\n"
	"	ret\n"
	".data\n"
	".balign 8\n"
	".globl rip_value, counter\n"
	"rip_value:\n"
	"	.quad 0x1122334455667788\n"
	"counter:\n"
	"	.quad 0\n"
	"callee_ptr:\n"
	"	.quad callee\n"
	".text\n");

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

enum op { OP_CALL, OP_RAISE };

/* A command sent down a worker's pipe */
struct command {
	enum op op;		/* call a function or raise SIGUSR1 */
	char name[16];		/* OP_CALL: which function */
	long n;			/* OP_CALL: how many times */
};

/* One worker thread */
struct worker {
	int k;			/* its number in commands */
	int fd[2];		/* pipe: main writes commands to fd[1], the worker reads fd[0] */
	pthread_t thread;
};

static struct worker workers[NWORKERS];
static sem_t done;	/* posted by a worker after each command and after starting */

static void sem_wait_nointr(sem_t *s)
{
	while (sem_wait(s) && errno == EINTR)
		;
}

/* Call function `name` once; returns 0 and *out, or -1 for an unknown name */
static int call_one(const char *name, long *out)
{
	if (!strcmp(name, "step"))
		*out = step_fn();
	else if (!strcmp(name, "call"))
		*out = call_fn();
	else if (!strcmp(name, "icall"))
		*out = icall_fn();
	else if (!strcmp(name, "riprel"))
		*out = riprel_fn();
	else if (!strcmp(name, "getpid"))
		*out = getpid_fn();
	else if (!strcmp(name, "bump"))
		*out = bump_fn();
	else if (!strcmp(name, "loop"))
		*out = loop_fn(5);
	else if (!strcmp(name, "jz0"))
		*out = jcc_fn(0);
	else if (!strcmp(name, "jz1"))
		*out = jcc_fn(1);
	else if (!strcmp(name, "jmp"))
		*out = jmp_fn();
	else
		return -1;
	return 0;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct command c;
	long v = 0, i;
	ssize_t r;

	printf("worker %d tid=%d\n", w->k, (int)tracee_gettid());
	sem_post(&done);
	for (;;) {
		r = read(w->fd[0], &c, sizeof(c));
		if (r < 0 && errno == EINTR)
			continue;
		if (r != sizeof(c))
			return NULL;
		if (c.op == OP_RAISE) {
			syscall(SYS_tgkill, getpid(), tracee_gettid(), SIGUSR1);
			printf("raised %d handled=%d tid=%d\n", w->k, (int)handled,
			       (int)tracee_gettid());
		} else {
			for (i = 0; i < c.n; i++) {
				if (call_one(c.name, &v) < 0) {
					printf("error: no function '%s'\n", c.name);
					break;
				}
			}
			if (i == c.n)
				printf("result %d %s %ld calls=%ld tid=%d\n", w->k, c.name, v, c.n,
				       (int)tracee_gettid());
		}
		sem_post(&done);
	}
}

static void send_command(int k, const struct command *c)
{
	if (k < 0 || k >= NWORKERS) {
		printf("error: no thread %d\n", k);
		return;
	}
	if (write(workers[k].fd[1], c, sizeof(*c)) != (ssize_t)sizeof(*c)) {
		printf("error: write to thread %d: %s\n", k, strerror(errno));
		return;
	}
	sem_wait_nointr(&done);
}

static void run_line(const char *line)
{
	struct command c;
	int k, end = 0;

	memset(&c, 0, sizeof(c));
	c.n = 1;
	if (sscanf(line, "call %d %15s %n", &k, c.name, &end) == 2 && !line[end]) {
		c.op = OP_CALL;
		send_command(k, &c);
	} else if (sscanf(line, "call %d %15s %ld %n", &k, c.name, &c.n, &end) == 3 &&
		   !line[end] && c.n >= 1) {
		c.op = OP_CALL;
		send_command(k, &c);
	} else if (sscanf(line, "raise %d %n", &k, &end) == 1 && !line[end]) {
		c.op = OP_RAISE;
		send_command(k, &c);
	} else {
		printf("error: unknown command '%s'\n", line);
	}
}

int main(void)
{
	struct sigaction sa;
	char line[256];
	int i;

	tracee_init();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sem_init(&done, 0, 0);
	for (i = 0; i < NWORKERS; i++) {
		workers[i].k = i;
		if (pipe(workers[i].fd) ||
		    pthread_create(&workers[i].thread, NULL, worker_main, &workers[i])) {
			printf("error: cannot start worker %d\n", i);
			return 2;
		}
		sem_wait_nointr(&done);
	}
	printf("ready pid=%d step_fn=%p step_mov=%p step_ret=%p call_fn=%p call_insn=%p "
	       "callee=%p icall_fn=%p icall_insn=%p riprel_fn=%p riprel_insn=%p rip_value=%p "
	       "getpid_fn=%p syscall_insn=%p bump_fn=%p bump_insn=%p counter=%p loop_fn=%p "
	       "loop_top=%p loop_insn=%p on_usr1=%p jcc_insn=%p jcc_zero=%p jmp_insn=%p "
	       "jmp_dest=%p\n",
	       (int)getpid(), (void *)step_fn, (void *)step_mov, (void *)step_ret,
	       (void *)call_fn, (void *)call_insn, (void *)callee, (void *)icall_fn,
	       (void *)icall_insn, (void *)riprel_fn, (void *)riprel_insn, (void *)&rip_value,
	       (void *)getpid_fn, (void *)syscall_insn, (void *)bump_fn, (void *)bump_insn,
	       (void *)&counter, (void *)loop_fn, (void *)loop_top, (void *)loop_insn,
	       (void *)on_usr1, (void *)jcc_insn, (void *)jcc_zero, (void *)jmp_insn,
	       (void *)jmp_dest);
	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line))
		run_line(line);
	printf("done counter=%ld handled=%d\n", counter, (int)handled);
	return 0;
}
