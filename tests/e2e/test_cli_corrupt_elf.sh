# Corrupted ELF files: copies of a small program built with -g (hello) with a few bytes
# changed (seeded: half of them in the .debug_*/.symtab/.strtab sections, half anywhere),
# each read and run by cdbg: break main, info line main, list main, run, bt, info line main,
# list main; then more seeds read before any run only (the program's file: break, info line,
# list, info functions/scope, ptype, print, x/i, disassemble; CDBG_CORRUPT_FILE_SEEDS, default
# 51-250). Whatever the file holds, cdbg must not crash (exit status not from a signal),
# hang, or produce a sanitizer report (the ASan+UBSan build runs this same script); the
# program itself may fail in any way. A failure names the seed: CDBG_CORRUPT_SEEDS=N-M runs
# those again (default 1-50), CDBG_CORRUPT_KEEP=DIR keeps the failing files there.
. "$CDBG_E2E_LIB"
export LC_ALL=C

SRC="$CDBG_TRACEE_DIR/hello"
[ -x "$SRC" ] || skip "tracee hello is not built"
command -v readelf > /dev/null || skip "readelf is not installed"
SEEDS=${CDBG_CORRUPT_SEEDS:-1-50}
FLIPS=6
export CDBG_TRACEE_DEADLINE=10
# A leak inside libdw on bad DWARF (dwarf_getscopes drops its array when its second walk
# fails): not cdbg's to fix. Everything else leaking is reported.
printf 'leak:pc_record\n' > "$E2E_TMP/lsan.supp"
export LSAN_OPTIONS="suppressions=$E2E_TMP/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

# File ranges of the sections whose bytes are changed most: "offset size" lines.
RANGES=()
while read -r off size; do
	((0x$size > 0)) && RANGES+=("$((0x$off)) $((0x$size))")
done < <(readelf -SW "$SRC" | awk '{ for (i = 1; i < NF; i++) if ($i ~ /^\.(debug_[a-z_]*|symtab|strtab)$/) { print $(i + 3), $(i + 4); break } }')
[ "${#RANGES[@]}" -gt 0 ] || skip "no .debug sections in $SRC"
SIZE=$(stat -c %s "$SRC")

# R: the next number of the seeded sequence (no $(...): bash reseeds RANDOM in a subshell).
rand32() { R=$(((RANDOM << 15 | RANDOM) & 0x3fffffff)); }

# corrupt SEED OUT: OUT is SRC with FLIPS bytes changed, the same ones for the same seed.
corrupt() {
	local k pos old new range
	cp "$SRC" "$2"
	RANDOM=$1
	for ((k = 0; k < FLIPS; k++)); do
		rand32
		if ((k % 2 == 0)); then
			range=${RANGES[$((R % ${#RANGES[@]}))]}
			rand32
			pos=$((${range% *} + R % ${range#* }))
		else
			pos=$((R % SIZE))
		fi
		old=$(od -An -tu1 -j "$pos" -N1 "$2" | tr -d ' ')
		if ((RANDOM % 2)); then new=$((old ^ (1 << (RANDOM % 8)))); else new=$((old ^ (1 + RANDOM % 255))); fi
		printf "\\x$(printf %02x "$new")" | dd of="$2" bs=1 seek="$pos" conv=notrunc status=none
	done
	chmod +x "$2"
}

# judge SEED STATUS FILE: a hang, a death by signal or a sanitizer report counts against cdbg.
judge() {
	local seed=$1 status=$2 f=$3 why=
	if ((status == 124 || status == 137)); then
		why="cdbg did not end within 60 s"
	elif ((status >= 128)); then
		why="cdbg died of signal $((status - 128))"
	elif grep -aqE '(Address|Leak|UndefinedBehavior|Memory)Sanitizer|runtime error:' "$E2E_TMP/err.$seed"; then
		why="sanitizer report: $(grep -aE 'Sanitizer|runtime error' "$E2E_TMP/err.$seed" | head -2 | tr '\n' ' ')"
	fi
	if [ -n "$why" ]; then
		echo "seed $seed: $why" >&2
		sed 's/^/    /' "$E2E_TMP/err.$seed" | head -20 >&2
		[ -n "${CDBG_CORRUPT_KEEP:-}" ] && cp "$f" "$CDBG_CORRUPT_KEEP/"
		bad=$((bad + 1))
	fi
}

bad=0
first=${SEEDS%-*}
last=${SEEDS#*-}
for ((seed = first; seed <= last; seed++)); do
	f="$E2E_TMP/hello.$seed"
	corrupt "$seed" "$f"
	# A program that hangs by itself (its code corrupted into a loop) would hang under any
	# debugger: for such a file cdbg only reads it, without running it.
	RUN=(-ex run -ex bt)
	timeout -k 1 5 "$f" < /dev/null > /dev/null 2>&1
	(($? == 124 || $? == 137)) && RUN=()
	timeout -k 5 60 "$CDBG" -q -batch -ex 'break main' -ex 'info line main' -ex 'list main' \
		"${RUN[@]}" -ex 'info line main' -ex 'list main' "$f" \
		< /dev/null > "$E2E_TMP/out.$seed" 2> "$E2E_TMP/err.$seed"
	judge "$seed" $? "$f"
	rm -f "$f"
done
((bad == 0)) || fail "$bad of the corrupted files (seeds $SEEDS) broke cdbg; rerun one with CDBG_CORRUPT_SEEDS=N-N"

# Before any run: the program's file alone, read by the commands that work on it.
FSEEDS=${CDBG_CORRUPT_FILE_SEEDS:-51-250}
for ((seed = ${FSEEDS%-*}; seed <= ${FSEEDS#*-}; seed++)); do
	f="$E2E_TMP/hello.$seed"
	corrupt "$seed" "$f"
	timeout -k 5 60 "$CDBG" -q -batch -ex 'break main' -ex 'info line main' -ex 'list main' \
		-ex 'info functions ^ma' -ex 'info variables' -ex 'info scope main' -ex 'ptype main' \
		-ex 'print &main' -ex 'x/4i main' -ex 'disassemble main' -ex 'info sharedlibrary' \
		"$f" < /dev/null > "$E2E_TMP/out.$seed" 2> "$E2E_TMP/err.$seed"
	judge "$seed" $? "$f"
	rm -f "$f"
done
((bad == 0)) || fail "$bad of the corrupted files read before run (seeds $FSEEDS) broke cdbg; rerun one with CDBG_CORRUPT_SEEDS=1-0 CDBG_CORRUPT_FILE_SEEDS=N-N"
pass
