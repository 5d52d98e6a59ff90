# $_goid, the goroutine the thread runs (from the g the Go runtime keeps in its TLS): at a
# breakpoint it names the goroutine info goroutines marks with '*', and a condition on it,
# evaluated inside the library at the trap, stops only that goroutine (gohits: 4 goroutines
# calling main.hit 50 times each); the program's own count says every call ran once.
. "$CDBG_E2E_LIB"
G=$CDBG_TRACEE_DIR/gohits
[ -x "$G" ] || skip "gohits is not built (no go toolchain)"
printf 'go\n' > "$E2E_TMP/go.in" # the program's stdin: start its goroutines
python3 - "$CDBG" "$G" "$E2E_TMP/go.in" > "$E2E_TMP/goid.out" 2>&1 <<'PY' || fail "$(cat "$E2E_TMP/goid.out")"
import os, re, select, subprocess, sys, time
p = subprocess.Popen([sys.argv[1], '-q', sys.argv[2]], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
buf = b''
def say(line):
    p.stdin.write(line.encode() + b'\n'); p.stdin.flush()
def until(mark, timeout=60):
    global buf
    end = time.time() + timeout
    while mark.encode() not in buf:
        r, _, _ = select.select([p.stdout], [], [], max(0, end - time.time()))
        if not r:
            sys.exit('no %r in %r' % (mark, buf[-2000:]))
        d = os.read(p.stdout.fileno(), 65536)
        if not d:
            sys.exit('cdbg ended: %r' % buf[-2000:])
        buf += d
    out, buf = buf[:buf.index(mark.encode())].decode(), buf[buf.index(mark.encode()) + len(mark):]
    return out
def cmd(line):
    say(line); say('echo @@\\n')
    return until('@@')
say('set confirm off'); cmd('break main.hit')
say('run 4 50 < ' + sys.argv[3])
until('hit Breakpoint 1')
until('\n')
g = int(re.search(r'\$\d+ = (\d+)', cmd('print $_goid')).group(1))
star = re.search(r'^\* Goroutine (\d+) ', cmd('info goroutines -with running'), re.M)
assert star and int(star.group(1)) == g, 'the * goroutine is %s, $_goid %d' % (star, g)
# a new breakpoint with the condition (a hit of the old one another thread made in the same
# all-stop is still queued; it would be reported as decided then)
cmd('delete')
cmd('break main.hit if $_goid == %d' % g)
for i in range(3):
    out = cmd('continue')
    assert 'hit Breakpoint 2' in out and 'Error' not in out, out
    got = int(re.search(r'\$\d+ = (\d+)', cmd('print $_goid')).group(1))
    assert got == g, 'stopped in goroutine %d, not %d' % (got, g)
cmd('delete')
out = cmd('continue')
assert re.search(r'calls=200 sum=800 expected=800', out), out
assert 'exited normally' in out, out
say('quit'); p.wait(timeout=30)
print('ok goroutine', g)
PY
expect_grep "$E2E_TMP/goid.out" '^ok goroutine [0-9]+$'
pass
