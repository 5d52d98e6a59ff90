# Breakpoints and steps while other threads vfork (gdb.threads/next-fork-other-thread.exp):
# a vfork child runs in the parent's memory without int3s, so the parent's other threads are
# held until its VFORK_DONE, as gdb does; several threads vfork at once (the int3s come back
# after the last child). vfork_threads: 4 threads vfork without pause while the main thread
# calls work(i) -> hit(i). Each `next` over work(i) must end on the next line of main (its
# return breakpoint not missed), the hits of `break hit` must equal the program's own count
# of calls, and no vfork child may meet an int3 (a breakpoint on child_mark, which only the
# children call: each must exit 7, "bad=0"). gdb on the same commands is the reference for the
# lines (not for the hits: gdb 13 counts more hits than the program made calls).
. "$CDBG_E2E_LIB"
T=$CDBG_TRACEE_DIR/vfork_threads
[ -x "$T" ] || skip "vfork_threads is not built"
SRC=$(dirname "$0")/../tracees/vfork_threads.c
L=$(grep -n 'the line of the calls' "$SRC" | cut -d: -f1)
[ -n "$L" ] || fail "no call line in vfork_threads.c"
python3 -u - "$CDBG" "$T" "$L" > "$E2E_TMP/vf.out" 2>&1 <<'PY' || fail "$(cat "$E2E_TMP/vf.out")"
import os, re, select, subprocess, sys, time
cdbg, prog, line = sys.argv[1:4]
CALLS, NEXTS = 1000, 40

def session(dbg, displaced):
    p = subprocess.Popen([dbg, '-q', '-nx', '-ex', 'set pagination off', '-ex', 'set width 0',
                          '-ex', 'set confirm off', '-ex', 'set displaced-stepping ' + displaced,
                          prog], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    buf = b''
    def cmd(c, timeout=120):
        nonlocal buf
        p.stdin.write((c + '\necho @@\\n\n').encode())
        p.stdin.flush()
        end = time.time() + timeout
        while b'@@\n' not in buf:
            r, _, _ = select.select([p.stdout], [], [], max(0, end - time.time()))
            if not r:
                sys.exit('%s: %r: no answer: %r' % (dbg, c, buf[-1500:]))
            d = os.read(p.stdout.fileno(), 65536)
            if not d:
                sys.exit('%s: ended at %r: %r' % (dbg, c, buf[-1500:]))
            buf += d
        out, buf = buf.split(b'@@\n', 1)
        return out.decode(errors='replace')
    cmd('break vfork_threads.c:%s' % line)
    cmd('break child_mark')
    out = cmd('run 4 %d' % CALLS)
    if not re.search(r'^Thread \d+ "vfork_threads" hit Breakpoint 1|^Breakpoint 1,', out, re.M):
        sys.exit('%s: run did not stop at breakpoint 1: %r' % (dbg, out[-1500:]))
    lines, outs = [], []
    for _ in range(NEXTS):
        # gdb's prompt can come before the line's text (its async output): not a line
        out = re.sub(r'\((gdb|cdbg)\) ', '', cmd('next'))
        outs.append(out)
        m = re.findall(r'^(\d+)\t', out, re.M)
        lines.append(m[-1] if m else '?: ' + out.strip()[-200:])
    cmd('delete 1')
    calls0 = int(re.search(r'= (\d+)', cmd('print calls')).group(1))
    cmd('break hit')
    cmd('ignore 3 1000000')
    out = cmd('continue', 600)
    end = re.search(r'calls=(\d+) vforks=(\d+) bad=(\d+)', out)
    if not end:
        sys.exit('%s: the program did not end: %r\n(nexts ended at %s)' % (dbg, out[-1500:], lines))
    info = cmd('info breakpoints')
    hits = re.search(r'^3\s+breakpoint.*\n(?:\t.*\n)*?\s+breakpoint already hit (\d+) time', info, re.M)
    child = re.search(r'^2\s+breakpoint.*\n(?:\t.*\n)*?\s+breakpoint already hit (\d+) time', info, re.M)
    p.stdin.write(b'quit\n')
    p.stdin.close()
    p.wait(60)
    res = {'lines': lines, 'calls': int(end.group(1)), 'bad': int(end.group(3)),
           'hits': int(hits.group(1)) if hits else 0, 'calls_after_break': int(end.group(1)) - calls0,
           'child_mark_hits': int(child.group(1)) if child else 0,
           'exited': 'exited normally' in out,
           'first': re.sub(r'\[Detaching after vfork[^\n]*\n', '', outs[0])[-600:]}
    print(dbg, 'displaced-stepping', displaced, 'vforks', end.group(2), res)
    return res

gdb = subprocess.run(['sh', '-c', 'command -v gdb'], capture_output=True, text=True).stdout.strip()
# Not yet with displaced-stepping off: the first `next` from the breakpoint then reports the same
# hit again, now and then (next-fork-other-thread.exp's 4 FAILs of displaced-stepping=off).
for displaced in ('on',):
    c = session(cdbg, displaced)
    want_lines = [str(int(line) + 1), str(int(line) - 1), line] * (NEXTS // 3 + 1)
    want_lines = want_lines[:NEXTS]
    if gdb:
        want_lines = session(gdb, displaced)['lines']
    first = c.pop('first')
    ok = (c['lines'] == want_lines and c['bad'] == 0 and c['calls'] == CALLS and
          c['hits'] == c['calls_after_break'] and c['child_mark_hits'] == 0 and c['exited'])
    if not ok:
        sys.exit('displaced-stepping %s: cdbg %s\nfirst next: %r\nwant lines %s, bad 0, calls %d, '
                 'hits == calls_after_break, child_mark 0' % (displaced, c, first, want_lines, CALLS))
print('ok')
PY
pass
