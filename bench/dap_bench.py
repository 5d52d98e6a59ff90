#!/usr/bin/env python3
"""dap_bench.py - DAP servers side by side on a program with many threads (bench/README.md).

The program (dap_threads N) has N threads blocked in pause() and a main thread calling tick()
in a loop. Each server launches it, breaks at tick's first line, and then, rep after rep:
  stop    continue until the breakpoint is hit again; from the `stopped` event, the time until
          `threads` and a 20-frame `stackTrace` of the stopped thread are answered
  next    `next` of the stopped thread; from the request until `threads` and `stackTrace`
          are answered after the new stop (what an editor does for every step)
The servers are run one after the other on the same program, the reps interleaved per server
session; medians, the range, and the ratio to cdbg are printed. A server that is not installed
is shown as n/a.
"""
import argparse
import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


class Server:
    def __init__(self, argv):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        self.buf = b''
        self.seq = 0
        self.events = []

    def send(self, cmd, **args):
        self.seq += 1
        body = json.dumps({'seq': self.seq, 'type': 'request', 'command': cmd,
                           'arguments': args}).encode()
        self.p.stdin.write(b'Content-Length: %d\r\n\r\n' % len(body) + body)
        self.p.stdin.flush()
        return self.seq

    def read(self, timeout):
        end = time.monotonic() + timeout
        while True:
            i = self.buf.find(b'\r\n\r\n')
            if i >= 0:
                n = int(self.buf[:i].split(b':')[1])
                if len(self.buf) >= i + 4 + n:
                    m = json.loads(self.buf[i + 4:i + 4 + n])
                    self.buf = self.buf[i + 4 + n:]
                    return m
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError('no message')
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if r:
                d = os.read(self.p.stdout.fileno(), 1 << 20)
                if not d:
                    raise EOFError('the server closed its output')
                self.buf += d

    def request(self, cmd, timeout=120, **args):
        s = self.send(cmd, **args)
        while True:
            m = self.read(timeout)
            if m.get('type') == 'response' and m.get('request_seq') == s:
                if not m.get('success'):
                    raise RuntimeError(f'{cmd}: {m.get("message")}')
                return m
            if m.get('type') == 'event':
                self.events.append(m)

    def event(self, name, timeout=120):
        for k, m in enumerate(self.events):
            if m['event'] == name:
                return self.events.pop(k)
        while True:
            m = self.read(timeout)
            if m.get('type') == 'event':
                if m['event'] == name:
                    return m
                self.events.append(m)

    def close(self):
        try:
            self.request('disconnect', timeout=20, terminateDebuggee=True)
        except Exception:
            pass
        try:
            self.p.stdin.close()
            self.p.wait(timeout=20)
        except Exception:
            self.p.kill()


def line_of(path, marker):
    with open(path) as f:
        for i, line in enumerate(f, 1):
            if f'/* B:{marker} */' in line:
                return i
    raise SystemExit(f'no marker {marker} in {path}')


def session(argv, prog, nthreads, reps, verbose):
    src = os.path.join(HERE, 'dap_threads.c')
    line = line_of(src, 'tick')
    s = Server(argv)
    stop_t, next_t, step_t = [], [], []
    try:
        s.request('initialize', adapterID='bench', linesStartAt1=True, columnsStartAt1=True,
                  pathFormat='path')
        s.send('launch', program=prog, args=[str(nthreads)], stopOnEntry=False)
        s.event('initialized')
        s.request('setBreakpoints', source={'path': src}, breakpoints=[{'line': line}])
        s.request('configurationDone')
        ev = s.event('stopped', timeout=300)
        tid = ev['body']['threadId']
        th = s.request('threads')['body']['threads']
        if len(th) < nthreads + 1:
            raise RuntimeError(f'threads lists {len(th)} threads, not {nthreads + 1}')
        for rep in range(reps):
            s.request('continue', threadId=tid)
            ev = s.event('stopped')
            t0 = time.monotonic()
            tid = ev['body']['threadId']
            s.request('threads')
            s.request('stackTrace', threadId=tid, startFrame=0, levels=20)
            stop_t.append(time.monotonic() - t0)
            t0 = time.monotonic()
            s.send('next', threadId=tid)
            ev = s.event('stopped')
            step_t.append(time.monotonic() - t0)
            tid = ev['body']['threadId']
            s.request('threads')
            st = s.request('stackTrace', threadId=tid, startFrame=0, levels=20)
            next_t.append(time.monotonic() - t0)
            top = st['body']['stackFrames'][0]
            if top.get('line') != line + 1:
                raise RuntimeError(f'next stopped at line {top.get("line")}, not {line + 1}')
            if verbose:
                print(f'  {os.path.basename(argv[0])} rep {rep}: stop {stop_t[-1] * 1e3:.1f} ms, '
                      f'next {next_t[-1] * 1e3:.1f} ms', file=sys.stderr)
    finally:
        s.close()
    return stop_t, next_t, step_t


def cli_session(cdbg, prog, nthreads, reps, verbose):
    """cdbg's command line on the same program: `next` from the typed line until the next
    line's output (an echo after it) is read: what the DAP server's next is compared with."""
    src = os.path.join(HERE, 'dap_threads.c')
    line = line_of(src, 'tick')
    p = subprocess.Popen([cdbg, '-q', '--args', prog, str(nthreads)], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    buf = b''

    def until(mark, timeout=300):
        nonlocal buf
        end = time.monotonic() + timeout
        while mark not in buf:
            r, _, _ = select.select([p.stdout], [], [], max(0, end - time.monotonic()))
            if not r:
                raise TimeoutError(f'cdbg: no {mark!r}')
            d = os.read(p.stdout.fileno(), 1 << 20)
            if not d:
                raise EOFError('cdbg ended')
            buf += d
        buf = buf[buf.index(mark) + len(mark):]

    def say(text):
        p.stdin.write(text.encode())
        p.stdin.flush()

    out = []
    try:
        say(f'set confirm off\nbreak dap_threads.c:{line}\nrun\necho @R@\\n\n')
        until(b'@R@')
        for rep in range(reps):
            say('continue\necho @C@\\n\n')
            until(b'@C@')
            t0 = time.monotonic()
            say('next\necho @N@\\n\n')
            until(b'@N@')
            out.append(time.monotonic() - t0)
            if verbose:
                print(f'  cdbg CLI rep {rep}: next {out[-1] * 1e3:.1f} ms', file=sys.stderr)
        say('kill\nquit\n')
        p.stdin.close()
        p.wait(timeout=30)
    except Exception:
        p.kill()
        raise
    return out


def fmt(v):
    if not v:
        return 'n/a'
    return f'{statistics.median(v) * 1e3:8.1f} ms ({min(v) * 1e3:.1f}-{max(v) * 1e3:.1f})'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--build', default='build', help='cdbg build tree (cdbg: BUILD/src/cdbg)')
    ap.add_argument('--threads', default='1000', help='thread counts, comma-separated')
    ap.add_argument('--reps', type=int, default=10)
    ap.add_argument('--lldb', default=None, help='lldb-vscode (default: lldb-vscode-14 on PATH)')
    ap.add_argument('-v', action='store_true')
    a = ap.parse_args()
    cdbg = os.path.join(a.build, 'src', 'cdbg')
    prog = os.path.join(a.build, 'bench', 'dap_threads')
    lldb = a.lldb or shutil.which('lldb-vscode-14') or shutil.which('lldb-vscode') or shutil.which('lldb-dap')
    servers = [('cdbg dap', [cdbg, 'dap'] if os.access(cdbg, os.X_OK) else None),
               ('lldb-vscode', [lldb] if lldb else None)]
    print('bench/dap: a DAP client on a program with N threads blocked in pause() and one at a '
          'breakpoint')
    print('  stop: stopped event -> threads + 20-frame stackTrace answered;  next: next request -> '
          'stopped -> threads + stackTrace answered')
    print('  medians (range) of the reps; ratio = the server\'s median / cdbg\'s')
    for n in [int(x) for x in a.threads.split(',')]:
        res = {}
        for name, argv in servers:
            if not argv:
                res[name] = ([], [], [])
                continue
            try:
                res[name] = session(argv, prog, n, a.reps, a.v)
            except Exception as e:  # a server that fails is reported, not fatal
                print(f'  {name} at {n} threads: {e}', file=sys.stderr)
                res[name] = ([], [], [])
        try:
            cli = cli_session(cdbg, prog, n, a.reps, a.v) if os.access(cdbg, os.X_OK) else []
        except Exception as e:
            print(f'  cdbg CLI at {n} threads: {e}', file=sys.stderr)
            cli = []
        base = res['cdbg dap']
        print(f'\nthreads {n}')
        print(f'  {"server":<14} {"stop":<32} {"next":<32} {"ratio stop":>10} {"ratio next":>10}')
        for name, _ in servers:
            st, nx, sp = res[name]
            rs = (f'{statistics.median(st) / statistics.median(base[0]):.1f}x'
                  if st and base[0] else 'n/a')
            rn = (f'{statistics.median(nx) / statistics.median(base[1]):.1f}x'
                  if nx and base[1] else 'n/a')
            print(f'  {name:<14} {fmt(st):<32} {fmt(nx):<32} {rs:>10} {rn:>10}')
        print(f'  next alone (request -> stopped event): cdbg dap {fmt(base[2]).strip()}, '
              f'lldb-vscode {fmt(res["lldb-vscode"][2]).strip()}; cdbg CLI at the prompt '
              f'(line shown) {fmt(cli).strip()}')


if __name__ == '__main__':
    main()
