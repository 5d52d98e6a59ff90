# Goroutine-aware stepping: gonext runs one function, main.loop, in 8 goroutines at once; each
# blocks, yields, sleeps and grows its stack every round, so the goroutine being stepped comes
# back on other threads, and the other seven run through the internal breakpoints a step sets.
# A seeded random run of next, step, finish, stepi and nexti from a stop in one goroutine must
# stay on that goroutine ($_goid, and loop's own k) and in the functions the step can reach,
# and the program's own accounting must come out right at the end (every goroutine's sum).
# Replay a failure with GONEXT_SEED=<seed> (printed first).
. "$CDBG_E2E_LIB"
G=$CDBG_TRACEE_DIR/gonext
[ -x "$G" ] || skip "gonext is not built (no go toolchain)"
python3 - "$CDBG" "$G" > "$E2E_TMP/next.out" 2>&1 <<'PY' || fail "$(cat "$E2E_TMP/next.out")"
import os, random, re, select, subprocess, sys, time
seed = int(os.environ.get('GONEXT_SEED') or random.randrange(1 << 30))
print('seed', seed, '(replay: GONEXT_SEED=%d)' % seed, flush=True)
rnd = random.Random(seed)
# more Ps than cores: goroutines change threads more often
env = dict(os.environ, GOMAXPROCS='4')
p = subprocess.Popen([sys.argv[1], '-q', sys.argv[2]], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
buf = b''
log = []
def say(line):
    p.stdin.write(line.encode() + b'\n'); p.stdin.flush()
def until(mark, timeout=90):
    global buf
    end = time.time() + timeout
    while mark.encode() not in buf:
        r, _, _ = select.select([p.stdout], [], [], max(0, end - time.time()))
        if not r:
            sys.exit('seed %d: no %r in %r\nlast commands: %s' % (seed, mark, buf[-2000:], log[-10:]))
        d = os.read(p.stdout.fileno(), 65536)
        if not d:
            sys.exit('seed %d: cdbg ended: %r' % (seed, buf[-2000:]))
        buf += d
    i = buf.index(mark.encode())
    out, buf = buf[:i].decode(), buf[i + len(mark):]
    return out
def cmd(line):
    log.append(line)
    say(line); say('echo @@\\n')
    return until('@@')
def val(expr):
    out = cmd('print ' + expr)
    m = re.search(r'\$\d+ = (-?\d+)', out)
    if not m:
        sys.exit('seed %d: print %s: %r\nlast commands: %s' % (seed, expr, out, log[-10:]))
    return int(m.group(1))
def func():
    out = cmd('frame')
    m = re.search(r'#0 +(?:0x[0-9a-f]+ in )?([\w.]+) ', out)
    return m.group(1) if m else out
say('set confirm off')
cmd('break gonext.go:66')
say('run')
until('hit Breakpoint 1')
until('\n')
cmd('delete')  # the other goroutines run on freely: only the step's own breakpoints remain
g, k = val('$_goid'), val('k')
threads, steps = set(), 0
for i in range(int(os.environ.get('GONEXT_STEPS', '120'))):
    f = func()
    if f == 'main.loop':
        c = rnd.choice(['next'] * 6 + ['step'] * 3 + ['stepi', 'nexti'])
    else:
        c = rnd.choice(['finish'] * 3 + ['next', 'step'])
    out = cmd(c)
    steps += 1
    if 'hit Breakpoint' in out or 'Program received' in out or 'exited' in out:
        sys.exit('seed %d: %s stopped for another reason: %r' % (seed, c, out))
    now = val('$_goid')
    if now != g:
        sys.exit('seed %d: step %d (%s) ended in goroutine %d, not %d: %r\nlast: %s'
                 % (seed, i, c, now, g, out, log[-12:]))
    f = func()
    if not (f.startswith('main.') or f.startswith('runtime.') or f.startswith('time.')
            or f.startswith('sync.') or f.startswith('internal/')):
        sys.exit('seed %d: step %d (%s) ended in %r' % (seed, i, c, f))
    if f == 'main.loop' and val('k') != k:
        sys.exit('seed %d: step %d (%s): main.loop of k=%d, not %d' % (seed, i, c, val('k'), k))
    if f.startswith('runtime.') or f.startswith('time.') or f.startswith('sync.'):
        # a step into code without lines came back; deep in the runtime: go back up
        out = cmd('finish')
    threads.add(re.search(r'^\* +(\d+)', cmd('info threads'), re.M).group(1))
out = cmd('continue')
if 'done sums-ok=yes rounds=32000' not in out or 'exited normally' not in out:
    sys.exit('seed %d: the program ended wrong: %r' % (seed, out))
say('quit'); p.wait(timeout=30)
print('ok goroutine %d k=%d steps=%d threads=%d' % (g, k, steps, len(threads)))
PY
expect_grep "$E2E_TMP/next.out" '^ok goroutine [0-9]+ k=[0-9]+ steps=[0-9]+ threads=[0-9]+$'
pass
