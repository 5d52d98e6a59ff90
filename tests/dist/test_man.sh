#!/usr/bin/env bash
# test_man: cdbg.1 (written by help2man from `cdbg --help` and the prompt's `help`) renders with
# man -l, and says what --help says: every option and both commands without a prompt are in it,
# and so is every command of the prompt's `help all`. Usage: test_man.sh CDBG MANPAGE
set -euo pipefail
cdbg=$1
page=$2
fail() {
	echo "FAIL: $*"
	exit 1
}
[ -e "$page" ] || { echo "SKIP: no man page (help2man is not installed)"; exit 77; }
text=$(LC_ALL=C MANWIDTH=200 man -l "$page" 2>&1) || fail "man -l $page: $text"
for section in NAME SYNOPSIS DESCRIPTION COMMANDS ENVIRONMENT EXAMPLES "SEE ALSO"; do
	grep -q "^$section" <<< "$text" || fail "no $section section"
done
# Every option and command line of --help ("  -x, --long ARG  text", "  attach -p PID").
"$cdbg" --help | awk '/^  [-a-z]/ && !/^  or:/ { sub(/^  /, ""); sub(/  .*/, ""); print }' |
	while read -r opt; do
		grep -qF -- "$opt" <<< "$text" || fail "'$opt' from --help is not in the man page"
	done
"$cdbg" -q -batch -ex 'help all' </dev/null | sed -n 's/^\([a-z][a-z-]*\)\(, [^ ]*\)* -- .*/\1/p' | while read -r c; do
	grep -qE "^ +$c( |$)" <<< "$text" || fail "the prompt's '$c' is not in the man page"
done
if grep -qi "seed" <<< "$text$("$cdbg" --help)"; then
	fail "the project's history in user output: $(grep -i seed <<< "$text")"
fi
echo "PASS"
