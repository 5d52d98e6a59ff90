# gdb's kinds of setting values, through `maintenance set|show|with test-settings` (one setting
# of each kind: boolean, auto-boolean, integer, uinteger, zinteger, zuinteger,
# zuinteger-unlimited, string, string-noescape, filename, optional-filename, enum) and
# $_gdb_maint_setting / $_gdb_maint_setting_str: seeded random command lines, valid and not
# (abbreviations, "unlimited" with junk after it, out of range numbers, expressions, escapes,
# quotes, names the program does not have), piped to gdb 13 and to cdbg, with no program and
# with one; the outputs must be the same line for line. A failure prints the seed to replay:
# SETVAR_SEED=N.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
command -v python3 > /dev/null || skip "python3 is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
printf 'int main(void) { return 0; }\n' > p.c # no char type in its DWARF
gcc -g -O0 -o p p.c || fail "cannot build the program"
mkdir -p cwd && touch cwd/a.txt cwd/o.c cwd/u1 && mkdir -p cwd/odir

gen() { # gen SEED: the command lines of one run
	python3 - "$1" <<'PY'
import random, sys
r = random.Random(int(sys.argv[1]))
names = ["boolean", "auto-boolean", "integer", "uinteger", "zinteger", "zuinteger",
         "zuinteger-unlimited", "string", "string-noescape", "filename", "optional-filename",
         "enum", "zu", "bogus", "z", ""]
values = ["", "on", "of", "o", "off", "1", "0", "-1", "-2", "2147483647", "2147483648",
          "4294967295", "4294967296", "u", "unl", "unlimited", "unlimited 1", "unlimited u",
          "unlimitedu", "1a", "1 1", "1 x", "xxx", "yy", "z", "a", "xx 1", "xxx   1",
          "hello world", '"hello world"', "a\\tb\\101", "~/x", "/foo  ", "auto",
          "au", "-", "5+5", "0x10", "'a'", "enable", "disa", "yes", "no", "(1 << 20)",
          "nosuch", "3 * 7", "-0"]
lines = []
for _ in range(160):
    n = r.choice(names)
    k = r.randrange(9)
    if k < 3:
        lines.append("maint set test-settings %s %s" % (n, r.choice(values)))
    elif k == 3:
        lines.append("maint show test-settings %s" % n)
    elif k == 4:
        lines.append('print $_gdb_maint_setting("test-settings %s")' % n)
    elif k == 5:
        lines.append('print $_gdb_maint_setting_str("test-settings %s")' % n)
    elif k == 6:
        lines.append(r.choice(['ptype $', 'whatis $',
                               'ptype $_gdb_maint_setting("test-settings %s")' % n]))
    elif k == 7:
        lines.append("maint with test-settings %s %s -- maint show test-settings %s"
                     % (n, r.choice(values), n))
    else:
        w = r.choice(["", "u", "o", "x", "1", "a"])
        if n in ("zinteger", "zuinteger"):
            w = "1"  # their values complete as expressions: compared in test_cli_complete
        lines.append("complete maint set test-settings %s %s" % (n, w))
lines.append("maint show test-settings")
print("\n".join(lines))
PY
}

run() { # run SEED [PROGRAM]
	gen "$1" > cmds.txt || fail "cannot make the commands of seed $1"
	# in a directory of their own: file name completion sees the same files
	(cd cwd && gdb -nx -q ${2:-} < ../cmds.txt 2>&1) | sed 's/(gdb) //g; /^Reading symbols/d' > g.txt
	(cd cwd && "$CDBG" -nx -q ${2:-} < ../cmds.txt 2>&1) | sed 's/(cdbg) //g; /^Reading symbols/d' > c.txt
	[ -s c.txt ] || fail "cdbg printed nothing (seed $1)"
	diff -u g.txt c.txt > diff.txt || fail "seed $1${2:+ with $2}: gdb (-) / cdbg (+); replay: SETVAR_SEED=$1
$(head -40 diff.txt)"
}

if [ -n "${SETVAR_SEED:-}" ]; then
	run "$SETVAR_SEED"
	run "$SETVAR_SEED" ../p
else
	base=$(( $(date +%s) % 100000 ))
	for i in 0 1 2; do
		run $((base + i))
		run $((base + i)) ../p
	done
fi
pass
