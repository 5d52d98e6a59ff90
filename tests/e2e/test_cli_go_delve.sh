# Go values printed as delve prints them, compared with delve itself on the same program
# (govalues, -N -l): strings (and delve's 64-character limit), slices (64 elements, then
# "...+N more"), arrays, maps (from the runtime's buckets), structs with nested structs,
# pointers and anonymous structs, interfaces holding values and pointers (the dynamic type
# from the runtime's type descriptor), channels, func values, integers, floats, complex
# numbers; package variables by their qualified names (main.gLong) and the arguments of a
# function whose slices, strings and errors Go passes in several registers. delve's `print`
# spreads maps and nested structs over lines; the comparison joins them (its single-line
# form is what cdbg prints).
. "$CDBG_E2E_LIB"
set -f # the expressions below hold '*' and '[': words, not file patterns
G=$CDBG_TRACEE_DIR/govalues
[ -x "$G" ] || skip "govalues is not built (no go toolchain)"
command -v dlv > /dev/null || fail "dlv is not installed (scripts/install-deps installs Debian's delve)"
vars="gLong gBig gIntMap gStrs gOuter gAny gAnyP gArr gBool gByte gF32 gC128 gFunc gNeg gEsc gStructs"
# at main.work: its arguments, and Go's expressions (indexing slices, strings and maps, len,
# cap, members through pointers)
exprs='p *p xs m s e p.Name xs[1] s[1] len(xs) cap(xs) len(m) len(s) xs[0]+xs[2] p.Name[1]
len(main.gBig) m["a"] m["b"]+1 main.gIntMap[7] main.gStructs["o"] main.gStructs["o"].Name'
args=()
{
	echo 'break main.probe'
	echo continue
	echo 'print "@@@"'
	for v in $vars; do
		echo "print main.$v"
		echo 'print "@@@"'
	done
	echo 'break main.work'
	echo continue
	echo 'print "@@@"'
	for v in $exprs; do
		echo "print $v"
		echo 'print "@@@"'
	done
	echo exit
} > "$E2E_TMP/dlv.init"
for v in $vars; do args+=(-ex "print main.$v"); done
wargs=()
for v in $exprs; do wargs+=(-ex "print $v"); done
"$CDBG" -q -batch -ex 'break main.probe' -ex run "${args[@]}" -ex 'break main.work' -ex continue \
	"${wargs[@]}" "$G" > "$E2E_TMP/cdbg.out" 2>&1 || fail "cdbg exited $?"
(cd "$E2E_TMP" && timeout 120 dlv exec --allow-non-terminal-interactive=true \
	--init "$E2E_TMP/dlv.init" "$G" < /dev/null > "$E2E_TMP/dlv.out" 2>&1) || true
python3 - "$E2E_TMP/cdbg.out" "$E2E_TMP/dlv.out" "$vars" "$exprs" > "$E2E_TMP/cmp.out" 2>&1 <<'PY' ||
import re, sys
cdbg = [re.sub(r'^\$\d+ = ', '', l.rstrip('\n')) for l in open(sys.argv[1]) if re.match(r'^\$\d+ = ', l)]
text = re.sub(r'\x1b\[[0-9;]*m', '', open(sys.argv[2]).read())
# delve's values: the text between the "@@@" it prints after each, stop listings left out
vals, cur = [], None
for l in text.split('\n'):
    if l == '"@@@"':
        if cur is not None:
            vals.append('\n'.join(cur))
        cur = []
    elif cur is not None and not re.match(r'^(=>| ) +\d+:\t|^> |^Breakpoint |^\(dlv\)', l):
        cur.append(l)
def norm(s):
    s = re.sub(r',[ ]?\n\t*', ', ', s)
    s = s.replace('\n', '').replace('\t', '')
    return s.replace(',}', '}').replace(', }', '}')
names = sys.argv[3].split() + sys.argv[4].split()
want = len(names)
vals = [norm(v) for v in vals if v.strip()][:want]
n = len(sys.argv[3].split())
got = cdbg
bad = 0
if len(vals) != want or len(got) != want:
    print(f'counts: delve {len(vals)}, cdbg {len(got)}, expected {want}')
    print('delve:', vals); print('cdbg:', got)
    sys.exit(1)
for name, c, d in zip(names, got, vals):
    if c != d:
        bad += 1
        print(f'{name}:\n  cdbg:  {c}\n  delve: {d}')
sys.exit(1 if bad else 0)
PY
	fail "cdbg and delve differ: $(cat "$E2E_TMP/cmp.out")"
pass
