# gdb's command options (core_options.c): `maintenance test-options require-delimiter |
# unknown-is-error | unknown-is-operand` (gdb's own test bed: flags, booleans, enums,
# uinteger, zuinteger-unlimited and string options, "--", unknown and ambiguous options),
# what completing them offers and concludes (`maintenance show
# test-options-completion-result`), and print's options; seeded random lines piped to gdb 13
# and to cdbg, outputs compared line for line. A failure prints the seed to replay:
# OPTRULES_SEED=N.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
command -v python3 > /dev/null || skip "python3 is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > p.c <<'C'
struct s { int a, b, c; } g_s = { 1, 2, 3 };
int xxx1 = 5;
char str[] = "hello";
int arr[40];
int main(void) { return 0; }
C
gcc -g -O0 -o p p.c || fail "cannot build the program"

gen() { # gen SEED: the command lines of one run
	python3 - "$1" <<'PY'
import random, sys
r = random.Random(int(sys.argv[1]))
modes = ["require-delimiter", "unknown-is-error", "unknown-is-operand"]
toks = ["-flag", "-xx1", "-xx2", "-xx", "-x", "-fl", "-bool", "-bool on", "-bool off",
        "-bool 0", "-bool yes", "-bool xxx", "-bool o", "-enum", "-enum yyy", "-enum y",
        "-enum a", "-uinteger 5", "-uinteger unlimited", "-uinteger u", "-uinteger -1",
        "-uinteger 0", "-uinteger xxx", "-uinteger 1a", "-zuinteger-unlimited -1",
        "-zuinteger-unlimited 7", "-zuinteger-unlimited -2", "-string foo",
        "-string 'a b'", '-string "x y"', "-string", "-FLAG", "-1", "--", "-", "operand",
        "999", "o"]
ptoks = ["-pretty", "-pretty off", "-elements 3", "-elements unlimited", "-repeats 2",
         "-max-depth 0", "-address off", "-symbol off", "-array-indexes", "-null-stop",
         "-nibbles", "-e 2", "-pre", "-nosuch", "-raw-values", "--", "-"]
exprs = ["g_s", "str", "arr", "&xxx1", "xxx1", "-1", "/x 255", ""]
lines = []
for _ in range(120):
    k = r.randrange(6)
    if k == 5:  # frame apply's and thread apply's options, then a command
        pre = r.choice(["frame apply all ", "frame apply 2 ", "frame apply level 0 ", "faas ",
                        "tfaas ", "taas ", "thread apply all ", "thread apply 1 "])
        words = [r.choice(["-c", "-q", "-s", "-past-main", "-ascending", "-x"])
                 for _ in range(r.randrange(3))]
        # ends in an option word being typed (a command word would list cdbg's commands,
        # which are not gdb's)
        words.append(r.choice(["-", "-q", "-p", "-pa", "--", "-s", "-c", "-a", "-x"]))
        lines.append("complete " + pre + " ".join(words))
        continue
    if k < 2:
        words = [r.choice(toks) for _ in range(r.randrange(5))]
        lines.append(("maint test-options %s %s" % (r.choice(modes), " ".join(words))).rstrip())
    elif k < 4:
        words = [r.choice(toks) for _ in range(r.randrange(4))]
        line = "maint test-options %s %s" % (r.choice(modes), " ".join(words))
        cut = r.randrange(len("maint test-options ") + 1, len(line) + 1)
        lines.append("complete " + line[:cut])
        lines.append("maint show test-options-completion-result")
    else:
        words = [r.choice(ptoks) for _ in range(r.randrange(4))]
        line = ("print %s %s" % (" ".join(words), r.choice(exprs))).rstrip()
        lines.append(line)
print("\n".join(lines))
PY
}

run() { # run SEED
	gen "$1" > cmds.txt || fail "cannot make the commands of seed $1"
	gdb -nx -q ./p < cmds.txt 2>&1 | sed 's/(gdb) //g; /^Reading symbols/d' > g.txt
	"$CDBG" -nx -q ./p < cmds.txt 2>&1 | sed 's/(cdbg) //g; /^Reading symbols/d' > c.txt
	[ -s c.txt ] || fail "cdbg printed nothing (seed $1)"
	diff -u g.txt c.txt > diff.txt || fail "seed $1: gdb (-) / cdbg (+); replay: OPTRULES_SEED=$1
$(head -40 diff.txt)"
}

if [ -n "${OPTRULES_SEED:-}" ]; then
	run "$OPTRULES_SEED"
else
	base=$(( $(date +%s) % 100000 ))
	for i in 0 1 2 3; do
		run $((base + i))
	done
fi
pass
