"""cdbgdrive.py - drive an interactive cdbg from a test: one process reading commands on a
pipe, each command's output taken up to a marker it echoes, every failure naming the seed that
replays it and the last commands sent. Used by the seeded e2e tests written in Python
(test_cli_go_next.sh, test_cli_step_signals.sh)."""
import os, re, select, subprocess, sys, time


class Cdbg:
    def __init__(self, argv, seed, env=None):
        self.seed = seed
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, env=env)
        self.buf = b''
        self.log = []

    def fail(self, what):
        sys.exit('seed %d: %s\nlast commands: %s' % (self.seed, what, self.log[-12:]))

    def say(self, line):
        self.p.stdin.write(line.encode() + b'\n')
        self.p.stdin.flush()

    def until(self, mark, timeout=90):
        """The output up to mark (consumed with it)."""
        end = time.time() + timeout
        while mark.encode() not in self.buf:
            r, _, _ = select.select([self.p.stdout], [], [], max(0, end - time.time()))
            if not r:
                self.fail('no %r in %r' % (mark, self.buf[-2000:]))
            d = os.read(self.p.stdout.fileno(), 65536)
            if not d:
                self.fail('cdbg ended: %r' % self.buf[-2000:])
            self.buf += d
        i = self.buf.index(mark.encode())
        out, self.buf = self.buf[:i].decode(), self.buf[i + len(mark):]
        return out

    def cmd(self, line):
        """line's whole output."""
        self.log.append(line)
        self.say(line)
        self.say('echo @@\\n')
        return self.until('@@')

    def val(self, expr):
        """print expr's integer value."""
        out = self.cmd('print ' + expr)
        m = re.search(r'\$\d+ = (-?\d+)', out)
        if not m:
            self.fail('print %s: %r' % (expr, out))
        return int(m.group(1))

    def func(self):
        """The selected frame's function."""
        out = self.cmd('frame')
        m = re.search(r'#0 +(?:0x[0-9a-f]+ in )?([\w.]+) ', out)
        return m.group(1) if m else out

    def quit(self):
        self.say('quit')
        self.p.wait(timeout=30)
