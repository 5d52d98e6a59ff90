# The terminal between the debugger and the program, as gdb's target_terminal::inferior/ours:
# under a pty, `run` puts the program in a process group of its own that is the terminal's
# foreground while it runs; Ctrl-C typed then stops it ("received signal SIGINT"), the program
# reads what is typed (also during `advance`, a step of the library), the prompt gets the
# terminal back at each stop, and a program detached from survives the terminal's closing
# (gdb.base/dprintf-detach.exp: it died of the SIGHUP in cdbg's group before). gdb runs the
# same session as the reference. With stdin a pipe nothing changes: the program stays in
# cdbg's group.
. "$CDBG_E2E_LIB"
T=$CDBG_TRACEE_DIR/spin
[ -x "$T" ] || skip "spin is not built"
L=$(grep -n "error: unknown command" "$(dirname "$0")/../tracees/spin.c" | tail -1 | cut -d: -f1)
[ -n "$L" ] || fail "no printf line in spin.c"
python3 -u - "$CDBG" "$T" "$L" "$E2E_TMP" > "$E2E_TMP/term.out" 2>&1 <<'PY' || fail "$(cat "$E2E_TMP/term.out")"
import ctypes, os, pty, re, select, signal, subprocess, sys, time
cdbg, prog, line = sys.argv[1], sys.argv[2], sys.argv[3]
# The debugger's children come to us when it ends: their exit status tells a SIGHUP death.
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER

def stat(pid):
    s = open('/proc/%d/stat' % pid).read()
    f = s[s.rindex(')') + 2:].split()
    return {'state': f[0], 'pgrp': int(f[2]), 'tpgid': int(f[5])}

def wait_read(pid):
    # the program's main thread waits in read(0, ...): a Ctrl-C then interrupts that read
    end = time.time() + 60
    while time.time() < end:
        try:
            if open('/proc/%d/syscall' % pid).read().split()[:2] == ['0', '0x0']:
                return
        except OSError:
            pass
        time.sleep(0.02)
    sys.exit('%d never waited in read' % pid)

class Dbg:
    """A debugger in a pty of its own (it is the session leader, as under expect)."""
    def __init__(self, dbg, prompt):
        self.dbg, self.prompt, self.buf = dbg, prompt, b''
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(dbg, [dbg, '-q', '-nx', '-ex', 'set pagination off', '-ex',
                            'set confirm off', '-ex', 'set width 0', prog],
                      dict(os.environ, TERM='dumb'))
        self.until(re.escape(prompt))

    def until(self, pat, timeout=30):
        end = time.time() + timeout
        while True:
            m = re.search(pat.encode(), self.buf)
            if m:
                out, self.buf = self.buf[:m.end()].decode(errors='replace'), self.buf[m.end():]
                return out, m
            r, _, _ = select.select([self.fd], [], [], max(0, end - time.time()))
            if not r:
                sys.exit('%s: no %r in %r' % (self.dbg, pat, self.buf[-1500:]))
            try:
                d = os.read(self.fd, 65536)
            except OSError:
                d = b''
            if not d:
                sys.exit('%s: ended waiting for %r: %r' % (self.dbg, pat, self.buf[-1500:]))
            self.buf += d

    def type(self, s):
        os.write(self.fd, s.encode())

    def cmd(self, c):
        self.type(c + '\n')
        return self.until(re.escape(self.prompt))[0]

    def check(self, cond, what):
        if not cond:
            while select.select([self.fd], [], [], 1)[0]:
                try:
                    self.buf += os.read(self.fd, 65536)
                except OSError:
                    break
            sys.exit('%s: %s\n(last output %r)' % (self.dbg, what, self.buf[-800:]))

    def run(self, args):
        self.type('run %s\n' % args)
        return int(self.until(r'ready pid=(\d+)')[1].group(1))

    def interrupt(self, p):
        wait_read(p)
        self.type('\x03')
        out, _ = self.until(r'\n([^\n]*) received signal SIGINT, Interrupt\.')
        self.until(re.escape(self.prompt))
        self.check(stat(self.pid)['tpgid'] == os.getpgid(self.pid),
                   'the prompt has not the terminal: %s' % stat(p))
        # which thread takes a process-directed SIGINT is the kernel's choice: not compared
        who = re.search(r'(Program|Thread \d+ "[^"]*") received signal SIGINT', out).group(1)
        return re.sub(r'^Thread \d+', 'Thread N', who)

    def leave(self):
        self.type('quit\n')
        os.waitpid(self.pid, 0)
        os.close(self.fd)  # the terminal closes


def status(p):
    _, st = os.waitpid(p, 0)
    return ('exit %d' % os.WEXITSTATUS(st) if os.WIFEXITED(st) else
            'killed by %s' % signal.Signals(os.WTERMSIG(st)).name)


def session(dbg, prompt):
    res = {}
    d = Dbg(dbg, prompt)
    p = d.run('1')
    st = stat(p)
    d.check(st['pgrp'] == p, 'the program is not in a group of its own: %s' % st)
    d.check(st['tpgid'] == p, 'the running program is not the foreground: %s' % st)
    # it reads what is typed; Ctrl-C stops it; the prompt takes the terminal back
    d.type('hello\n')
    d.until(r"unknown command 'hello'")
    res['sigint'] = d.interrupt(p)
    d.check('$1 = 42' in d.cmd('print 6*7'), 'no answer at the prompt')
    # a step of the library (advance) gives the program the terminal too: the read in it gets
    # the line, and advance ends where read's frame returns
    d.type('advance spin.c:%s\n' % line)
    end = time.time() + 60
    while stat(p)['tpgid'] != p and time.time() < end:
        time.sleep(0.05)
    d.check(stat(p)['tpgid'] == p, 'advance: the program is not the foreground: %s' % stat(p))
    d.type('stepped\n')
    out = d.until(re.escape(prompt))[0]
    d.check(re.search(r'_IO_(new_)?file_underflow', out), 'advance did not stop: %r' % out)
    # continue: the program got "stepped", reads on; Ctrl-C again
    d.type('continue\n')
    d.until(r"unknown command 'stepped'")
    d.type('again\n')
    d.until(r"unknown command 'again'")
    res['sigint2'] = d.interrupt(p)
    d.cmd('kill')
    d.leave()
    # detach, leave, the terminal closes: the program lives on (its stdin a fifo: a program
    # reading the terminal would stop of SIGTTIN, and die as gdb's does when the group is
    # orphaned); before, the terminal's SIGHUP killed it with cdbg's group
    fifo = os.path.join(tmp, 'in')
    os.mkfifo(fifo)
    d = Dbg(dbg, prompt)
    d.type('run 1 < %s\n' % fifo)
    w = os.open(fifo, os.O_WRONLY)
    p = int(d.until(r'ready pid=(\d+)')[1].group(1))
    os.write(w, b'fifo\n')
    d.until(r"unknown command 'fifo'")
    res['sigint3'] = d.interrupt(p)
    d.check('detached' in d.cmd('detach'), 'no detach')
    d.leave()
    try:
        os.write(w, b'quit\n')  # the program, still alive, ends
    except BrokenPipeError:
        pass
    os.close(w)
    os.unlink(fifo)
    res['detached'] = status(p)
    return res


tmp = sys.argv[4]
want = {'sigint': 'Thread N "spin"', 'sigint2': 'Thread N "spin"',
        'sigint3': 'Thread N "spin"', 'detached': 'exit 0'}
gdb = subprocess.run(['sh', '-c', 'command -v gdb'], capture_output=True, text=True).stdout.strip()
if gdb:
    want = session(gdb, '(gdb) ')
    print('gdb:', want)
c = session(cdbg, '(cdbg) ')
print('cdbg:', c)
if c != want:
    sys.exit('cdbg %s, gdb %s' % (c, want))

# stdin a pipe: the program stays in cdbg's group, as before
d = subprocess.Popen([cdbg, '-q', prog], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT)
d.stdin.write(b'run 1\n')
d.stdin.flush()
out = b''
while not re.search(rb'ready pid=(\d+)', out):
    b = d.stdout.read1(4096)
    if not b:
        sys.exit('pipe: no ready line: %r' % out)
    out += b
p = int(re.search(rb'ready pid=(\d+)', out).group(1))
pg = stat(p)['pgrp']
os.kill(d.pid, signal.SIGINT)
d.stdin.write(b'kill\nquit\n')
d.stdin.flush()
d.communicate(timeout=60)
if pg != os.getpgid(0):
    sys.exit('pipe: the program is in group %d, cdbg in %d' % (pg, os.getpgid(0)))
print('ok')
PY
pass
