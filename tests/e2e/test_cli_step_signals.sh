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
python3 - "$CDBG" "$T" "$L" > "$E2E_TMP/sig.out" 2>&1 <<'PY' || fail "$(cat "$E2E_TMP/sig.out")"
import os, random, re, select, subprocess, sys, time
seed = int(os.environ.get('STEPSIG_SEED') or random.randrange(1 << 30))
print('seed', seed, '(replay: STEPSIG_SEED=%d)' % seed, flush=True)
rnd = random.Random(seed)
p = subprocess.Popen([sys.argv[1], '-q', sys.argv[2]], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
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
            sys.exit('seed %d: no %r in %r\nlast: %s' % (seed, mark, buf[-2000:], log[-10:]))
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
say('set confirm off')
cmd('handle SIG35 nostop noprint pass')
cmd('break stepsig.c:' + sys.argv[3])
say('run')
until('Breakpoint 1, ')
until('\n')
cmd('delete')
funcs = {}
for i in range(int(os.environ.get('STEPSIG_STEPS', '300'))):
    f = re.search(r'#0 +(?:0x[0-9a-f]+ in )?(\w+) ', cmd('frame')).group(1)
    if f == 'step_me':
        c = rnd.choice(['next', 'next', 'stepi', 'nexti', 'finish'])
    else:
        c = rnd.choice(['next'] * 5 + ['step'] * 2 + ['stepi', 'nexti'])
    out = cmd(c)
    if 'Program received' in out or 'exited' in out:
        sys.exit('seed %d: %s: %r' % (seed, c, out))
    f = re.search(r'#0 +(?:0x[0-9a-f]+ in )?(\w+) ', cmd('frame')).group(1)
    funcs[f] = funcs.get(f, 0) + 1
    if f not in ('main', 'step_me'):
        sys.exit('seed %d: step %d (%s) ended in %s: %r\nlast: %s' % (seed, i, c, f, out, log[-12:]))
got = int(re.search(r'\$\d+ = (\d+)', cmd('print rt_count')).group(1))
cmd('set var stop = 1')
out = cmd('continue')
m = re.search(r'rt=(\d+) dup=(\d+) bad=(\d+) sum=(\d+) expected=(\d+)', out)
if not m or m.group(1) != '3000' or m.group(2) != '0' or m.group(3) != '0' or m.group(4) != m.group(5):
    sys.exit('seed %d: the program counted wrong: %r' % (seed, out))
if 'exited normally' not in out:
    sys.exit('seed %d: %r' % (seed, out))
if got == 0:
    sys.exit('seed %d: no signal arrived while stepping: the test tests nothing' % seed)
say('quit'); p.wait(timeout=30)
print('ok', sorted(funcs.items()), 'signals during the steps:', got)
PY
expect_grep "$E2E_TMP/sig.out" '^ok '
pass
