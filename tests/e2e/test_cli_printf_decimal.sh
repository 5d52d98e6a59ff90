# printf's %Hf %Df %DDf of decimal float values (literals with df dd dl, and arithmetic on them),
# compared with gdb: the value as gdb prints it, rounded to the conversion's digits; integers
# and binary floats converted; several in one format; large and small exponents, negatives.
. "$CDBG_E2E_LIB"

command -v gdb > /dev/null || skip "gdb is not installed"
CMDS=()
for a in 1.2df -1.2df 1.234567df 1234567.df 1.2E1df 1.2E10df 1.2E-10df 1.2E96df; do
	CMDS+=(-ex "printf \"%Hf\\n\", $a")
done
for a in 1.2dd -1.234567890123456dd 1234567890123456.dd 1.2E10dd 1.2E-10dd 1.2E384dd; do
	CMDS+=(-ex "printf \"%Df\\n\", $a")
done
for a in 1.2dl -1.234567890123456789012345678901234dl 1.2E-10dl 1.2E6144dl; do
	CMDS+=(-ex "printf \"%DDf\\n\", $a")
done
CMDS+=(-ex 'printf "%Hf %Hf\n", 1.2df, 1.3df' -ex 'printf "%Df|%Hf\n", 1.5dd + 2.25dd, 7.1df'
	-ex 'printf "%Hf\n", 12' -ex 'printf "%Df\n", -7' -ex 'printf "%Hf\n", 2.5'
	-ex 'printf "%Hf\n", 1.23456789df' -ex 'printf "%Df\n", 1.2dd * 3')
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" > "$E2E_TMP/gdb.out" 2>&1
grep -q '^1.2$' "$E2E_TMP/gdb.out" || fail "gdb printed no decimal"
diff -u "$E2E_TMP/gdb.out" "$E2E_TMP/cdbg.out" >&2 || fail "cdbg and gdb differ"
pass
