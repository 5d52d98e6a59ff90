# Steps while signals with handlers arrive (stepsig: a child queues 3000 SIGRTMIN+1, each with
# its payload, handle ... nostop noprint pass): as gdb's, next, step, stepi, nexti and finish
# let the handler run and go on where it interrupted; none ends in the handler, and the
# program's own count says every signal was handled exactly once. gdb on the same commands
# is the reference for where each stop is (lines of main and step_me only). Replay a failure
# with STEPSIG_SEED=<seed>.
. "$CDBG_E2E_LIB"
T=$CDBG_TRACEE_DIR/stepsig
[ -x "$T" ] || skip "stepsig is not built"
L=$(grep -n 'acc += i;' "$(dirname "$0")/../tracees/stepsig.c" | cut -d: -f1) # the loop's first line
[ -n "$L" ] || fail "no loop line in stepsig.c"
python3 - "$CDBG" "$T" "$L" "$(dirname "$0")" > "$E2E_TMP/sig.out" 2>&1 <<'PY' || fail "$(cat "$E2E_TMP/sig.out")"
import os, random, re, sys
sys.path.insert(0, sys.argv[4])
from cdbgdrive import Cdbg
seed = int(os.environ.get('STEPSIG_SEED') or random.randrange(1 << 30))
print('seed', seed, '(replay: STEPSIG_SEED=%d)' % seed, flush=True)
rnd = random.Random(seed)
d = Cdbg([sys.argv[1], '-q', sys.argv[2]], seed)
d.say('set confirm off')
d.cmd('handle SIG35 nostop noprint pass')
d.cmd('break stepsig.c:' + sys.argv[3])
d.say('run')
d.until('Breakpoint 1, ')
d.until('\n')
d.cmd('delete')
funcs = {}
for i in range(int(os.environ.get('STEPSIG_STEPS', '300'))):
    f = d.func()
    if f == 'step_me':
        c = rnd.choice(['next', 'next', 'stepi', 'nexti', 'finish'])
    else:
        c = rnd.choice(['next'] * 5 + ['step'] * 2 + ['stepi', 'nexti'])
    out = d.cmd(c)
    if 'Program received' in out or 'exited' in out:
        d.fail('%s: %r' % (c, out))
    f = d.func()
    funcs[f] = funcs.get(f, 0) + 1
    if f not in ('main', 'step_me'):
        d.fail('step %d (%s) ended in %s: %r' % (i, c, f, out))
got = d.val('rt_count')
d.cmd('set var stop = 1')
out = d.cmd('continue')
m = re.search(r'rt=(\d+) dup=(\d+) bad=(\d+) sum=(\d+) expected=(\d+)', out)
if not m or m.group(1) != '3000' or m.group(2) != '0' or m.group(3) != '0' or m.group(4) != m.group(5):
    d.fail('the program counted wrong: %r' % out)
if 'exited normally' not in out:
    d.fail(repr(out))
if got == 0:
    d.fail('no signal arrived while stepping: the test tests nothing')
d.quit()
print('ok', sorted(funcs.items()), 'signals during the steps:', got)
PY
expect_grep "$E2E_TMP/sig.out" '^ok '
pass
