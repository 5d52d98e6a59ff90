# gdb 13's shapes for handle / info signals (gdb's own signal table), the attach and detach
# lines, the questions of kill, undisplay and delete, and what the stack, symbol and attach
# commands say with no program at all, and print inferior-events, compared with gdb itself: in batch
# mode (-ex, stdin from /dev/null: gdb's from_tty is 0) and with commands piped to the prompt
# (from_tty is 1, input not from a terminal: questions are printed and answered Y).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
HELLO="$CDBG_TRACEE_DIR/hello"
[ -x "$HELLO" ] || skip "tracee hello is not built"

# batch NAME DBG ARGS... / piped NAME DBG LINES...: output with gdb's prompts and noise removed.
clean() { sed -e 's/^(gdb) //g' -e 's/^(gdb) //g' | grep -vE '^\[Thread debugging|^Using host libthread_db|^Reading symbols|^cdbg [0-9]'; }
batch() { local n=$1 d=$2; shift 2; "$d" -nx -batch "$@" < /dev/null 2>&1 | clean > "$E2E_TMP/$n"; }
piped() { local n=$1 d=$2 a=$3; shift 3; printf '%s\n' "$@" | "$d" -nx -q $a 2>&1 | clean > "$E2E_TMP/$n"; }
same() { diff "$E2E_TMP/$1" "$E2E_TMP/$2" > "$E2E_TMP/diff" || fail "$3: $(cat "$E2E_TMP/diff")"; }

# ---- the whole table ----
batch g.sig gdb -ex 'info signals'
batch c.sig "$CDBG" -ex 'info signals'
expect_eq "rows" "$(wc -l < "$E2E_TMP/c.sig")" 153
same g.sig c.sig "info signals"

# ---- handle and info signals SIG, each alone, batch and piped ----
cases=("handle SIGUSR1 nostop" "handle 14-15 nostop" "handle 15-14 noprint" "handle all nostop"
	"handle all" "handle a nopa" "handle SIGKILL stop" "handle 16 stop" "handle 0 stop" "handle"
	"handle 14-16 nostop" "handle SIGEMT nostop noprint" "handle SIGUSR1 SIGUSR2 nopass"
	"handle SIG40 nostop" "handle SIG32 nostop" "handle SIG127 nostop" "handle SIG128 nostop"
	"handle sigusr1 nostop" "handle SIGRTMIN nostop" "handle SIGUSR1 bogus" "handle 14 -15 nostop"
	"handle SIGINT nopass" "handle SIGTRAP nostop" "handle SIGINT SIGINT all nostop"
	"handle SIGUSR1 stop nostop" "handle stop SIGUSR1" "handle 7 s" "handle SIGUSR1 pa nopr"
	"handle 14-15 SIGUSR1 nostop" "handle SIGALRM stop" "handle SIGCANCEL i"
	"info signals 14" "info signals SIGUSR1" "info signals 16" "info signals 0"
	"info signals 7+7" "info signals EXC_BAD_ACCESS" "info signals SIGLIBRT")
for a in "${cases[@]}"; do
	batch g.b gdb -ex "$a" -ex 'info signals SIGUSR1' -ex 'info signals 14'
	batch c.b "$CDBG" -ex "$a" -ex 'info signals SIGUSR1' -ex 'info signals 14'
	same g.b c.b "batch: $a"
	piped g.p gdb '' "$a" 'info signals SIGUSR1'
	piped c.p "$CDBG" '' "$a" 'info signals SIGUSR1'
	same g.p c.p "piped: $a"
done
# the table is printed after handle when typed, not in batch
piped c.p "$CDBG" '' 'handle SIGUSR1 nostop'
expect_eq "piped handle" "$(cat "$E2E_TMP/c.p")" "$(printf 'Signal        Stop\tPrint\tPass to program\tDescription\nSIGUSR1       No\tYes\tYes\t\tUser defined signal 1')"
batch c.b "$CDBG" -ex 'handle SIGUSR1 nostop'
expect_eq "batch handle" "$(cat "$E2E_TMP/c.b")" ""

keep() { grep -E '^(Program received|Program terminated|Kill the|Delete all|Will |There are no|No breakpoints|\[Inferior 1 \(process [0-9]+\) killed\]|Attaching|Detaching|\[Inferior 1 \(process [0-9]+\) detached)' | sed -E 's/process [0-9]+/process N/'; }

# ---- questions: kill, undisplay, delete; ignore's sentences ----
q=("break main" "run" "display 1+1" "display 2+2" "undisplay" "info display" "ignore 1 3"
	"ignore 1 1" "ignore 1 0" "break main" "delete" "info breakpoints" "kill" "info inferiors")
args=(); for l in "${q[@]}"; do args+=(-ex "$l"); done
batch g.q gdb "${args[@]}" "$HELLO"
batch c.q "$CDBG" "${args[@]}" "$HELLO"
keep < "$E2E_TMP/g.q" > "$E2E_TMP/g.k"; keep < "$E2E_TMP/c.q" > "$E2E_TMP/c.k"
grep -q '^Kill the program being debugged? (y or n) \[answered Y; input not from terminal\]$' "$E2E_TMP/c.k" ||
	fail "batch: no kill question: $(cat "$E2E_TMP/c.k")"
same g.k c.k "batch questions"
piped g.q gdb "$HELLO" "${q[@]}"
piped c.q "$CDBG" "$HELLO" "${q[@]}"
keep < "$E2E_TMP/g.q" > "$E2E_TMP/g.k"; keep < "$E2E_TMP/c.q" > "$E2E_TMP/c.k"
grep -q '^Delete all breakpoints? (y or n) \[answered Y; input not from terminal\]$' "$E2E_TMP/c.k" ||
	fail "piped: no delete question: $(cat "$E2E_TMP/c.k")"
same g.k c.k "piped questions"
# set confirm off: no question at all
for d in gdb "$CDBG"; do
	batch "q.off" "$d" -ex 'set confirm off' "${args[@]}" "$HELLO"
	grep -q "(y or n)" "$E2E_TMP/q.off" && fail "$d asked with confirm off: $(cat "$E2E_TMP/q.off")"
done

# ---- attach and detach lines ----
start_tracee spin 1
SP=$TRACEE_PID
for form in "-p $SP" "$CDBG_TRACEE_DIR/spin $SP"; do
	# shellcheck disable=SC2086
	batch g.a gdb $form -ex detach; batch c.a "$CDBG" $form -ex detach
	keep < "$E2E_TMP/g.a" > "$E2E_TMP/g.k"; keep < "$E2E_TMP/c.a" > "$E2E_TMP/c.k"
	same g.k c.k "batch $form"
	piped g.a gdb "$form" detach "attach $SP" detach
	piped c.a "$CDBG" "$form" detach "attach $SP" detach
	keep < "$E2E_TMP/g.a" > "$E2E_TMP/g.k"; keep < "$E2E_TMP/c.a" > "$E2E_TMP/c.k"
	same g.k c.k "piped $form"
done
grep -q "^Attaching to program: $CDBG_TRACEE_DIR/spin, process N$" "$E2E_TMP/c.k" ||
	fail "no Attaching to program line: $(cat "$E2E_TMP/c.k")"
kill -0 "$SP" || fail "spin is gone after the attaches"

# ---- no program at all: the stack, symbol and attach commands say what gdb says ----
none=(bt frame up down do up-silently down-silently 'info frame' 'info locals' 'info args'
	'info stack' 'commands' 'end' break attach 'attach 0x' 'info functions'
	'info variables x' 'info types t')
for a in "${none[@]}"; do
	batch g.n gdb -ex "$a"
	batch c.n "$CDBG" -ex "$a"
	same g.n c.n "no program: $a"
done

# ---- print inferior-events off: no killed / detached lines (exits are still said) ----
ie=(-ex 'show print inferior-events' -ex 'set print inferior-events off'
	-ex 'show print inferior-events' -ex 'break main' -ex run -ex kill -ex run -ex detach
	-ex 'set print inferior-events on' -ex run -ex kill)
batch g.ie gdb "${ie[@]}" "$HELLO"
batch c.ie "$CDBG" "${ie[@]}" "$HELLO"
sed -i -E 's/process [0-9]+/process N/; /^Starting program|^Breakpoint 1 at |^Continuing|^Breakpoint 1, |^[0-9]+[[:space:]]/d' \
	"$E2E_TMP/g.ie" "$E2E_TMP/c.ie"
grep -q 'killed' "$E2E_TMP/c.ie" || fail "no killed line once inferior-events is on again"
same g.ie c.ie "print inferior-events"
pass
