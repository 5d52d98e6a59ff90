# The janitor: cdbg killed (SIGKILL) or crashing (SIGSEGV, SIGABRT) while its breakpoints are
# in a running program must leave the program running as it was before the attach. hotcalls'
# 4 threads call hot_a and hot_b in a hot loop; cdbg attaches with `commands`/`silent`/`continue`
# on both, and dies after a random (seeded) delay. Checked from outside: the program is alive, no
# thread is traced or stopped, its code equals the ELF file's bytes, no mapping of cdbg's is
# left, its SIGTRAP action is its own again (SIG_DFL: cdbg's parachute is gone), the janitor is
# gone, and the program later exits with its own accounting consistent.
#
# CDBG_JANITOR_KILLS / CDBG_JANITOR_CRASHES: iterations (default 6 and 6; the issue's full run
# is 30 and 30). CDBG_JANITOR_SEED: the seed (printed; replay a failure with it).
. "$CDBG_E2E_LIB"

kills=${CDBG_JANITOR_KILLS:-6}
crashes=${CDBG_JANITOR_CRASHES:-6}
seed=${CDBG_JANITOR_SEED:-$(( $(date +%s) % 100000 ))}
echo "seed=$seed (replay: CDBG_JANITOR_SEED=$seed)"
RANDOM=$seed
ulimit -c 0
command -v python3 >/dev/null || skip "python3 is needed to compare memory with the ELF file"

cat > "$E2E_TMP/cmds.gdb" <<'G'
break hot_a
commands
silent
continue
end
break hot_b
commands
silent
continue
end
break *after_cc
commands
silent
continue
end
continue
G

# exec_maps PID: the program's executable mappings ("start-end perms offset path").
exec_maps() { awk '$2 ~ /x/ { print $1, $2, $3, $6 }' /proc/"$1"/maps | sort; }

# sigtrap_caught PID: 1 if the program has a handler for SIGTRAP (SigCgt bit 5), else 0.
sigtrap_caught() { echo $(( 0x$(awk '/^SigCgt:/ { print $2 }' /proc/"$1"/status) >> 4 & 1 )); }

# janitor_of PID: pids of janitors for program PID (named cdbgj-PID).
janitor_of() { grep -lx "cdbgj-$1" /proc/[0-9]*/comm 2>/dev/null | cut -d/ -f3; }

# code_matches_elf PID BIN: /proc/PID/mem over every executable mapping of BIN equals the file.
code_matches_elf() {
	python3 - "$1" "$2" <<'P'
import sys, os
pid, binpath = sys.argv[1], os.path.realpath(sys.argv[2])
data = open(binpath, 'rb').read()
mem = open('/proc/%s/mem' % pid, 'rb')
bad = 0
for line in open('/proc/%s/maps' % pid):
    f = line.split()
    if len(f) < 6 or 'x' not in f[1] or os.path.realpath(f[5]) != binpath:
        continue
    a, b = (int(x, 16) for x in f[0].split('-'))
    off = int(f[2], 16)
    want = data[off:off + (b - a)]
    mem.seek(a)
    got = mem.read(len(want))
    if got != want:
        i = next(i for i in range(len(want)) if got[i] != want[i])
        print('differs at %#x: %02x, file has %02x' % (a + i, got[i], want[i]))
        bad = 1
sys.exit(bad)
P
}

# one_round N SIG: attach, let hits flow, kill cdbg with SIG after a random delay, check.
one_round() {
	local n=$1 sig=$2 i jan cdbg_pid st tracers
	start_tracee hotcalls 4
	local pid=$TRACEE_PID bin="$CDBG_TRACEE_DIR/hotcalls"
	exec_maps "$pid" > "$E2E_TMP/maps.before"
	"$CDBG" -batch -p "$pid" -x "$E2E_TMP/cmds.gdb" > "$E2E_TMP/cdbg.log" 2>&1 &
	cdbg_pid=$!
	E2E_PIDS+=("$cdbg_pid")
	# Breakpoints are in once the janitor runs (it starts at the first int3).
	for ((i = 0; i < 200; i++)); do
		jan=$(janitor_of "$pid")
		[ -n "$jan" ] && break
		kill -0 "$cdbg_pid" 2>/dev/null || break
		sleep 0.01
	done
	local delay=$(( RANDOM % 800 ))
	sleep "$(printf '0.%03d' "$delay")"
	kill -"$sig" "$cdbg_pid" 2>/dev/null
	wait "$cdbg_pid" 2>/dev/null
	echo "round $n: SIG$sig after ${delay} ms (janitor ${jan:-none})"
	[ -n "$jan" ] || fail "round $n (seed $seed): no janitor started: $(cat "$E2E_TMP/cdbg.log")"
	# The janitor takes the program, cleans, lets go: wait for no tracer and no stop.
	for ((i = 0; i < 100; i++)); do
		tracers=$(grep -h '^TracerPid:' /proc/"$pid"/task/*/status 2>/dev/null | awk '$2 != 0' | wc -l)
		st=$(states "$pid")
		[ "$tracers" = 0 ] && ! grep -q '[tT]' <<< "$st" && [ -z "$(janitor_of "$pid")" ] && break
		sleep 0.05
	done
	kill -0 "$pid" 2>/dev/null || fail "round $n (seed $seed): the program died: $(cat "$E2E_TMP/hotcalls.out")"
	expect_eq "round $n: threads traced" "$tracers" 0
	grep -q '[tT]' <<< "$st" && fail "round $n (seed $seed): threads left stopped: $st"
	[ -z "$(janitor_of "$pid")" ] || fail "round $n: the janitor did not exit"
	code_matches_elf "$pid" "$bin" > "$E2E_TMP/code.diff" ||
		fail "round $n (seed $seed): the program's code differs from its file: $(head -3 "$E2E_TMP/code.diff")"
	expect_eq "round $n: SIGTRAP caught (SigCgt bit 5)" "$(sigtrap_caught "$pid")" 0
	exec_maps "$pid" > "$E2E_TMP/maps.after"
	cmp -s "$E2E_TMP/maps.before" "$E2E_TMP/maps.after" ||
		fail "round $n: executable mappings changed: $(diff "$E2E_TMP/maps.before" "$E2E_TMP/maps.after")"
	echo quit >&7
	tracee_quit
	expect_eq "round $n: program's exit status ($(tail -1 "$E2E_TMP/hotcalls.out"))" "$TRACEE_STATUS" 0
	expect_grep "$E2E_TMP/hotcalls.out" '^done calls=[0-9]+ checksum=ok$'
}

for ((k = 1; k <= kills; k++)); do one_round "$k" KILL; done
for ((k = 1; k <= crashes; k++)); do
	if ((k % 2)); then one_round "c$k" SEGV; else one_round "c$k" ABRT; fi
done
pass
