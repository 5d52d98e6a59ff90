#!/bin/bash
# test_cli_complete - gdb's completion: `complete LINE` gives what gdb gives (compared with gdb
# where it is installed, else with gdb's answers written here) for command names and aliases,
# info/set/show subcommands and setting values, symbols, struct members after . and ->,
# struct/enum tags, linespecs (FUNC, FILE:FUNC, -function, explicit options), signal names,
# breakpoint numbers, registers, print and backtrace options, $ variables; max-completions
# and its truncation line; random lines never crash and always come sorted and unique; TAB at
# the prompt (in a pty) completes as gdb's readline does, byte for byte where gdb is installed.
. "$CDBG_E2E_LIB"

prog=$CDBG_TRACEE_DIR/vars
cxx=$CDBG_TRACEE_DIR/cxx_prog
have_gdb=0
command -v gdb >/dev/null && have_gdb=1

# same PROG [PRE...] -- LINE...: each `complete LINE` prints what gdb prints (and what is
# written after = when gdb is missing: LINE=EXPECTED|EXPECTED...).
same() {
	local p=$1 l want got
	shift
	for l in "$@"; do
		want=${l#*=}
		l=${l%%=*}
		got=$("$CDBG" -nx -batch -ex "complete $l" "$p" 2>&1)
		if [ $have_gdb = 1 ]; then
			want=$(gdb -nx -batch -ex "complete $l" "$p" 2>/dev/null)
		else
			want=$(printf '%s' "$want" | tr '|' '\n')
		fi
		[ "$got" = "$want" ] || fail "complete $l: got '$got', want '$want'"
	done
}

same "$prog" \
	'wher=where' \
	'p g_cou=p g_counter' \
	'p g_tail.i=p g_tail.id|p g_tail.in' \
	'p &g_tail->i=p &g_tail->id|p &g_tail->in' \
	'p g_tail . i=p g_tail . id|p g_tail . in' \
	'ptype struct re=ptype struct rec' \
	'ptype enum co=ptype enum color' \
	'whatis g_c=whatis g_color|whatis g_counter' \
	'break ma=break main' \
	'break vars.c:ma=break vars.c:main' \
	'break -func ma=break -func main' \
	'break -sou=break -source' \
	'set print elem=set print elements' \
	'show print elem=show print elements' \
	'set listsize =set listsize NUMBER|set listsize unlimited' \
	'set height u=set height unlimited' \
	'set print pretty =set print pretty off|set print pretty on' \
	'set follow-fork-mode =set follow-fork-mode child|set follow-fork-mode parent' \
	'handle SIGUS=handle SIGUSR1|handle SIGUSR2' \
	'handle sigus=handle SIGUSR1|handle SIGUSR2' \
	'cond =cond -force' \
	'cond 1 g_cou=cond 1 g_counter' \
	'p -elem=p -elements' \
	'p -elements =p -elements NUMBER|p -elements unlimited' \
	'p -elements 5 -- g_cou=p -elements 5 -- g_counter' \
	'p/x g_cou=p/x g_counter' \
	'output g_cou=output g_counter' \
	'info registers rip=info registers rip' \
	'complete p g_cou=complete p g_counter' \
	'p -function='
same "$cxx" 'break geo::Counter::me=break geo::Counter::method' 'p geo::Counter::ov=p geo::Counter::over'

# max-completions: gdb's truncation line, 0 disables, -1 and unlimited lift it.
out=$("$CDBG" -nx -batch -ex 'set max-completions 2' -ex 'complete p g_c' -ex 'show max-completions' \
	-ex 'set max-completions 0' -ex 'complete p g_c' -ex 'set max-completions -2' \
	-ex 'set max-completions unlimited' -ex 'show max-completions' "$prog" 2>&1)
want='p g_color
p g_counter
p g_c *** List may be truncated, max-completions reached. ***
Maximum number of completion candidates is 2.
max-completions is zero, completion is disabled.
only -1 is allowed to set as unlimited
Maximum number of completion candidates is unlimited.'
expect_eq "max-completions" "$out" "$want"
[ $have_gdb = 1 ] && { g=$(gdb -nx -batch -ex 'set max-completions 2' -ex 'complete p g_c' \
	-ex 'show max-completions' -ex 'set max-completions 0' -ex 'complete p g_c' \
	-ex 'set max-completions -2' -ex 'set max-completions unlimited' \
	-ex 'show max-completions' "$prog" 2>&1); expect_eq "gdb max-completions" "$g" "$want"; }
[ "$("$CDBG" -nx -batch -ex 'complete ' | wc -l)" -gt 60 ] || fail "complete of nothing: too few"

# Breakpoint numbers, stopped in the program: locals and $registers too.
out=$("$CDBG" -nx -batch -ex 'break main' -ex 'break fact' -ex 'run' -ex 'complete delete ' \
	-ex 'complete p $ri' -ex 'complete p $_exitc' "$prog" 2>&1 </dev/null | grep '^delete [0-9]\|^p \$')
want='delete 1
delete 2
p $rip
p $_exitcode'
expect_eq "stopped" "$out" "$want"

# Random lines: no crash, sorted, unique, each beginning with the line's text before its word.
words=(p print break b list info set show handle cond delete enable ptype whatis x/4x 'set print'
	'info registers' file cd bt -elements -function -source -- g_ g_tail. 'g_tail->' '&g_tail.'
	vars.c: '$' '$r' "'" '"' '(' ')' '[' 0 -1 'struct ' '::' '.' '->' 'if ' complete help with)
cmds=$E2E_TMP/fuzz.cmds
: > "$cmds"
RANDOM=13
for i in $(seq 200); do
	line=""
	for j in $(seq $((RANDOM % 4 + 1))); do
		w=${words[RANDOM % ${#words[@]}]}
		[ $((RANDOM % 2)) = 0 ] && w=${w:0:$((RANDOM % (${#w} + 1)))}
		line="$line$w"
		[ $((RANDOM % 3)) = 0 ] || line="$line "
	done
	printf 'echo >>> %s\\n\ncomplete %s\n' "$line" "$line" >> "$cmds"
done
"$CDBG" -nx -batch -x "$cmds" "$prog" > "$E2E_TMP/fuzz.out" 2>&1 || fail "fuzz: status $?"
awk '/^>>> / { if (n) check(); line = substr($0, 5); n = 0; next }
	{ v[++n] = $0 }
	function check(  i) {
		for (i = 2; i <= n; i++)
			if (v[i] <= v[i - 1] && v[i] !~ /\*\*\*/) { print "unsorted after: " line; exit 1 }
	}
	END { if (n) check() }' "$E2E_TMP/fuzz.out" || fail "fuzz: $(cat "$E2E_TMP/fuzz.out" | tail -5)"
[ "$(grep -c '^>>> ' "$E2E_TMP/fuzz.out")" = 200 ] || fail "fuzz: not every line ran"

# TAB at the prompt, in a pty (needs python3 and libedit).
command -v python3 >/dev/null || pass
ldconfig -p 2>/dev/null | grep -q 'libedit\.so' || pass
out=$(CDBG_HISTORY=/dev/null python3 - "$CDBG" "$prog" <<'PY'
import os, pty, sys, time, select
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], ['cdbg', '-nx', '-q', sys.argv[2]])
def read(want, t=10.0):
    out = b''
    end = time.time() + t
    while time.time() < end and want not in out:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                d = os.read(fd, 4096)
            except OSError:
                break
            if not d:
                break
            out += d
    return out
read(b'(cdbg) ')
os.write(fd, b'p g_cou\t\n')
print('unique:', b'$1 = 42' in read(b'$1 = 42'))
os.write(fd, b'p g_tail.i\t\t')
print('list:', b'id' in read(b'in ') and True)
os.write(fd, b'\x15show output-\t\n')
print('show:', b'output radix' in read(b'radix for printing'))
os.write(fd, b'quit\n')
read(b'\xff', 2)
os.waitpid(pid, 0)
PY
)
want='unique: True
list: True
show: True'
expect_eq "TAB" "$out" "$want"

# TAB byte for byte as gdb's readline (TERM=dumb, 80 columns, as gdb's testsuite runs it): only
# the added text echoed, the bell before it, the list (words only, readline's columns) on a
# TAB that changes nothing right after a TAB, then the prompt and the line again.
if [ $have_gdb = 1 ]; then
	out=$(python3 - "$CDBG" "$prog" <<'PY' 2>&1
import os, pty, sys, time, select, struct, fcntl, termios
def run(argv, keys):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['TERM'] = 'dumb'
        os.environ['INPUTRC'] = '/dev/null'
        os.environ['CDBG_HISTORY'] = '/dev/null'
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
    def read(want=None, t=5.0, quiet=0.3):
        out = b''
        end = time.time() + t
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try: d = os.read(fd, 4096)
                except OSError: break
                if not d: break
                out += d
                if want and out.endswith(want): end = time.time() + quiet
        return out
    read(b') ')
    out = b''
    for k in keys:
        os.write(fd, k)
        out += read(t=1.5)
    os.kill(pid, 9); os.waitpid(pid, 0)
    return out.replace(b'(gdb) ', b'(cdbg) ')
cdbg, prog = sys.argv[1], sys.argv[2]
cases = [[b'show output\t'], [b'show print sy\t', b'\t', b'\t'], [b'info regi\t'],
         [b'p -\t', b'\t'], [b'p -elem\t'], [b'set print pretty \t', b'\t'], [b'zzz\t'],
         [b'show print symbol-f\t']]
bad = 0
for c in cases:
    g = run(['gdb', '-nx', '-q', prog], c)
    d = run([cdbg, '-nx', '-q', prog], c)
    if g != d:
        bad += 1
        print('%r: cdbg %r, gdb %r' % (b''.join(c), d, g))
print('mismatches:', bad)
PY
)
	expect_eq "TAB bytes as gdb's" "$out" "mismatches: 0"
fi
pass
