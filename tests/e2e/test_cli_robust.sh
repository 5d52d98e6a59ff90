# Malformed command lines, through -batch -ex and through a stdin pipe, with no process and
# with an attached spin: each gets exactly one line on stderr (the expected one, in order),
# the command after it still runs, cdbg never crashes (status 0 or 1, no sanitizer report in
# the ASan build), and an attached program is left running and ends normally.
. "$CDBG_E2E_LIB"
export LC_ALL=C

# A run's stderr must hold no sanitizer report (the ASan build runs this same script).
no_sanitizer() {
	! grep -aqE '(Address|Leak|UndefinedBehavior|Memory|Thread)Sanitizer|runtime error:' "$1" ||
		fail "$2: sanitizer report in $1: $(grep -aE 'Sanitizer|runtime error' "$1" | head -3)"
}

# Inputs and what each must print on stderr (a regex; "" = it succeeds, no stderr line).
IN=(); RE=()
add() { IN+=("$1"); RE+=("$2"); }

BIG=$(head -c 100000 /dev/zero | tr '\0' a)
DEEP="print $(printf '(%.0s' $(seq 300))1$(printf ')%.0s' $(seq 300))"
common_inputs() {
	add 'foo' '^Undefined command: "foo"\.  Try "help"\.$'
	add 'frobnicate 1 2 3' '^Undefined command: "frobnicate"\.  Try "help"\.$'
	add 'info frobnicate' '^Undefined info command: "frobnicate"\.  Try "help info"\.$'
	add 'x/4xw' '^Argument required \(starting display address\)\.$'
	add 'x/4xb 0' '^Cannot access memory at address 0x0$'
	add 'print 1/0' '^[Dd]ivision by zero'
	add 'print (' '[Ss]yntax error'
	add 'print 1 +' '[Ss]yntax error'
	add "$BIG" '^Undefined command: "'"$BIG"'"\.  Try "help"\.$'
	add "print $BIG" 'too long'
	add "echo $BIG\\n" ''
	add "$DEEP" 'deep|nest'
	add $'\x01\x02\xff\xfe' '^Undefined command: "'$'\x01''"\.  Try "help"\.$'
	add $'\xff\xfe\x80 print 1' '^Undefined command: "'$'\xff''"\.  Try "help"\.$'
	add $'\x1b[2J\x1b]0;title\x07' '^Undefined command: "'$'\x1b''"\.  Try "help"\.$'
	add $'\xc3\xa9t\xc3\xa9' '^Undefined command: "'$'\xc3''"\.  Try "help"\.$'
}
noproc_inputs() {
	local m='^The program is not being run\.$'
	add 'stepi abc' "$m"
	add 'thread xyz' "$m"
	add 'thread 99' "$m"
	add 'stepi' "$m"
	add 'continue' "$m"
	add 'kill' "$m"
	add 'detach' "$m"
	add 'info registers' '^The program has no registers now\.$'
	add 'info registers foo' '^The program has no registers now\.$'
	add 'break *0x10' ''
}
live_inputs() {
	add 'stepi abc' 'abc'
	add 'thread xyz' '^Invalid thread ID: xyz$'
	add 'thread 99' '^Unknown thread 99\.$'
	add 'thread 0' '^Invalid thread ID: 0$'
	add 'info registers foo' '^Invalid register `foo'"'"'$'
	add 'break *0x10' '0x10'
	add 'x/2xg 0x10' '^Cannot access memory at address 0x10$'
}

# check NAME STATUS: NAME.err has one line per failing input, in order, each matching its
# regex; NAME.out has every sentinel "ok-N" in order; cdbg exited with STATUS.
check() {
	local name=$1 want=$2 st=$3 err="$E2E_TMP/$1.err" out="$E2E_TMP/$1.out" i=0 n=0 line
	no_sanitizer "$err" "$name"
	[ "$st" -lt 128 ] || fail "$name: cdbg died (status $st)"
	expect_eq "$name: exit status" "$st" "$want"
	local idx=()
	for ((i = 0; i < ${#IN[@]}; i++)); do [ -n "${RE[i]}" ] && idx+=("$i"); done
	expect_eq "$name: stderr lines" "$(wc -l < "$err")" "${#idx[@]}"
	while IFS= read -r line; do
		i=${idx[n]}
		[[ $line =~ ${RE[i]} ]] ||
			fail "$name: input $((i + 1)) '${IN[i]:0:40}': stderr '${line:0:120}', want /${RE[i]:0:80}/"
		n=$((n + 1))
	done < "$err"
	local want_ok=
	for ((i = 1; i <= ${#IN[@]}; i++)); do want_ok+="ok-$i "; done
	expect_eq "$name: sentinels" "$(grep -ao 'ok-[0-9]*' "$out" | tr '\n' ' ')" "$want_ok"
}

# run_batch NAME [cdbg args...]: every input as -ex, each followed by an echo of ok-N.
run_batch() {
	local name=$1 args=() i; shift
	for ((i = 0; i < ${#IN[@]}; i++)); do args+=(-ex "${IN[i]}" -ex "echo ok-$((i + 1))\\n"); done
	"$CDBG" -batch "$@" "${args[@]}" > "$E2E_TMP/$name.out" 2> "$E2E_TMP/$name.err"
}

# write_pipe FILE: the same lines for standard input, then lines only a pipe can carry (NUL
# bytes: the line ends there; a carriage return), appended to IN/RE as printf formats.
write_pipe() {
	local i
	: > "$1"
	for ((i = 0; i < ${#IN[@]}; i++)); do
		printf '%s\necho ok-%d\\n\n' "${IN[i]}" $((i + 1)) >> "$1"
	done
	local raw=('\001\000\377 zz' '\377\376\000\000more' 'foo\000bar' '  bar\r' '\000' '\t\000!x')
	local rre=('^Undefined command: "'$'\x01''"\.' '^Undefined command: "'$'\xff''"\.'
		'^Undefined command: "foo"\.' '^Undefined command: "bar"\.' '' '')
	for ((i = 0; i < ${#raw[@]}; i++)); do
		IN+=("${raw[i]}"); RE+=("${rre[i]}")
		printf "${raw[i]}\\n" >> "$1"
		printf 'echo ok-%d\\n\n' ${#IN[@]} >> "$1"
	done
	printf 'echo ok-%d\\n' $((${#IN[@]} + 1)) >> "$1" # the last line has no newline
	IN+=("(no newline at the end)"); RE+=("")
}

# ---- no process ---------------------------------------------------------------------------
IN=(); RE=(); common_inputs; noproc_inputs
run_batch nop_batch; check nop_batch 1 $?
expect_grep "$E2E_TMP/nop_batch.out" '^Breakpoint 1 at 0x10$'
write_pipe "$E2E_TMP/nop.in"
"$CDBG" -q < "$E2E_TMP/nop.in" > "$E2E_TMP/nop_pipe.out" 2> "$E2E_TMP/nop_pipe.err"
check nop_pipe 1 $?

# Random bytes, without lines that could name a command (a word or "!"): all are unknown.
head -c 65536 /dev/urandom | grep -av $'^[ \t]*[[:alnum:]!_-]' > "$E2E_TMP/random.in"
# (an empty line first: a random last line ending with a backslash goes on in the next, as
# in gdb, and must not take the echo with it)
printf '\necho survived\\n\n' >> "$E2E_TMP/random.in"
"$CDBG" -q < "$E2E_TMP/random.in" > "$E2E_TMP/random.out" 2> "$E2E_TMP/random.err"
st=$?
no_sanitizer "$E2E_TMP/random.err" random
[ "$st" -le 1 ] || fail "random bytes: cdbg exit status $st"
expect_grep "$E2E_TMP/random.out" '^survived$'
n=$(grep -avcE '^Undefined command: ".*"\.  Try "help"\.$' "$E2E_TMP/random.err")
expect_eq "random bytes: stderr lines that are not 'Undefined command'" "$n" 0

# A batch where every command succeeds exits 0.
"$CDBG" -batch -ex 'echo a\n' -ex 'print 1+1' -ex 'info breakpoints' > "$E2E_TMP/good.out" 2>&1
expect_eq "all-good batch status" "$?" 0

# ---- an attached program ------------------------------------------------------------------
start_tracee spin 3
IN=(); RE=(); common_inputs; live_inputs
add 'info threads' ''
run_batch live_batch -p "$TRACEE_PID"; check live_batch 1 $?
grep -q "^Attaching to" "$E2E_TMP/live_batch.out" && fail "an attach line in batch mode (gdb has none)"
expect_eq "threads listed" "$(grep -cE '^[* ] [0-9]+ +Thread 0x[0-9a-f]+ \(LWP [0-9]+\) "spin"' \
	"$E2E_TMP/live_batch.out")" 4
s=$(states "$TRACEE_PID"); [[ $s != *[tT]* ]] || fail "after -batch: threads stopped ($s)"

write_pipe "$E2E_TMP/live.in"
"$CDBG" -q -p "$TRACEE_PID" < "$E2E_TMP/live.in" > "$E2E_TMP/live_pipe.out" \
	2> "$E2E_TMP/live_pipe.err"
check live_pipe 1 $?
s=$(states "$TRACEE_PID"); [[ $s != *[tT]* ]] || fail "after the pipe: threads stopped ($s)"
expect_eq "spin threads" "$(count_threads "$TRACEE_PID")" 4

tracee_quit
expect_eq "spin exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/spin.out" '^done total=[1-9]'
pass
