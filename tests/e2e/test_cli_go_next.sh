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
python3 - "$CDBG" "$G" "$(dirname "$0")" > "$E2E_TMP/next.out" 2>&1 <<'PY' || fail "$(cat "$E2E_TMP/next.out")"
import os, random, re, sys
sys.path.insert(0, sys.argv[3])
from cdbgdrive import Cdbg
seed = int(os.environ.get('GONEXT_SEED') or random.randrange(1 << 30))
print('seed', seed, '(replay: GONEXT_SEED=%d)' % seed, flush=True)
rnd = random.Random(seed)
# more Ps than cores: goroutines change threads more often
d = Cdbg([sys.argv[1], '-q', sys.argv[2]], seed, dict(os.environ, GOMAXPROCS='4'))
d.say('set confirm off')
d.cmd('break gonext.go:66')
d.say('run')
d.until('hit Breakpoint 1')
d.until('\n')
d.cmd('delete')  # the other goroutines run on freely: only the step's own breakpoints remain
g, k = d.val('$_goid'), d.val('k')
threads, steps = set(), 0
for i in range(int(os.environ.get('GONEXT_STEPS', '120'))):
    f = d.func()
    if f == 'main.loop':
        c = rnd.choice(['next'] * 6 + ['step'] * 3 + ['stepi', 'nexti'])
    else:
        c = rnd.choice(['finish'] * 3 + ['next', 'step'])
    out = d.cmd(c)
    steps += 1
    if 'hit Breakpoint' in out or 'Program received' in out or 'exited' in out:
        d.fail('%s stopped for another reason: %r' % (c, out))
    now = d.val('$_goid')
    if now != g:
        d.fail('step %d (%s) ended in goroutine %d, not %d: %r' % (i, c, now, g, out))
    f = d.func()
    if not (f.startswith('main.') or f.startswith('runtime.') or f.startswith('time.')
            or f.startswith('sync.') or f.startswith('internal/')):
        d.fail('step %d (%s) ended in %r' % (i, c, f))
    if f == 'main.loop' and d.val('k') != k:
        d.fail('step %d (%s): main.loop of k=%d, not %d' % (i, c, d.val('k'), k))
    if f.startswith('runtime.') or f.startswith('time.') or f.startswith('sync.'):
        # a step into code without lines came back; deep in the runtime: go back up
        out = d.cmd('finish')
    threads.add(re.search(r'^\* +(\d+)', d.cmd('info threads'), re.M).group(1))
out = d.cmd('continue')
if 'done sums-ok=yes rounds=32000' not in out or 'exited normally' not in out:
    d.fail('the program ended wrong: %r' % out)
d.quit()
print('ok goroutine %d k=%d steps=%d threads=%d' % (g, k, steps, len(threads)))
PY
expect_grep "$E2E_TMP/next.out" '^ok goroutine [0-9]+ k=[0-9]+ steps=[0-9]+ threads=[0-9]+$'
pass
