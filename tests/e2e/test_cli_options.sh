#!/bin/bash
# test_cli_options - gdb's command-line options, each in the forms gdb's getopt_long_only takes
# (one dash or two, "-name VALUE" and "-name=VALUE", an unambiguous beginning of a name): every
# form gdb accepts runs the -ex commands and exits 0, as gdb does (checked on gdb too where it is
# installed); --version and --help exit 0 wherever they are on the line; an unknown option, a
# missing argument and a bad process id give gdb's message (cdbg for gdb) and exit status 1.
. "$CDBG_E2E_LIB"

have_gdb=0
command -v gdb >/dev/null && have_gdb=1
tmp=$E2E_TMP
printf 'print 5*5\n' > "$tmp/cmds"

# accepted FLAGS...: with them, -batch -ex 'print 6*7' prints 42 and exits 0.
accepted() {
	local out rc
	out=$("$CDBG" -batch "$@" -ex 'print 6*7' 2>&1); rc=$?
	[ "$rc" = 0 ] && [ "$out" = '$1 = 42' ] || fail "cdbg $*: status $rc: $out"
	if [ $have_gdb = 1 ]; then
		out=$(gdb -nx -batch "$@" -ex 'print 6*7' 2>/dev/null); rc=$?
		[ "$rc" = 0 ] && [ "$out" = '$1 = 42' ] || fail "gdb $*: status $rc: $out"
	fi
}
for f in -nw --nw -nowindows --nowindows -nowin -nh --nh -nx -n -q --quiet -silent --batch \
	--readnow --readnever -readnow; do
	accepted "$f"
done
accepted -data-directory "$tmp"
accepted --data-directory="$tmp"
accepted -D "$tmp"
accepted --cd="$tmp"
accepted -cd "$tmp"
accepted -interpreter=console
accepted --interpreter console
accepted -d "$tmp"
accepted --directory="$tmp"

# -ex/-x/-iex in every spelling, in gdb's order: -iex first, then -ex and -x as given.
for g in "$CDBG" gdb; do
	[ "$g" = gdb ] && [ $have_gdb = 0 ] && continue
	out=$("$g" -nx -batch -ex='print 1' --eval-command='print 2' -eval-command 'print 3' \
		-x="$tmp/cmds" --command "$tmp/cmds" -iex='print 4' --init-eval-command 'print 9' 2>&1)
	want=$(printf '$1 = 4\n$2 = 9\n$3 = 1\n$4 = 2\n$5 = 3\n$6 = 25\n$7 = 25')
	[ "$out" = "$want" ] || fail "$g: -ex/-x/-iex forms: $out"
done
out=$("$CDBG" -batch -ix="$tmp/cmds" -ex 'print 1' 2>&1)
[ "$out" = "$(printf '$1 = 25\n$2 = 1')" ] || fail "-ix: $out"

# --version and --help anywhere: status 0, nothing run.
for args in "--version" "-q --version" "-batch -ex quit --version" "-nw -version" \
	"-q --help" "-batch -nw -help"; do
	# shellcheck disable=SC2086
	out=$("$CDBG" $args 2>&1) || fail "cdbg $args: status $?"
	case $out in "cdbg "* | Usage:*) ;; *) fail "cdbg $args: $out" ;; esac
done

# Refused: gdb's message shapes and status 1.
refused() {
	local want=$1 out rc; shift
	out=$("$CDBG" -batch "$@" 2>&1); rc=$?
	[ "$rc" = 1 ] || fail "cdbg $*: status $rc, not 1: $out"
	case $out in *"$want"*) ;; *) fail "cdbg $*: not '$want': $out" ;; esac
	if [ $have_gdb = 1 ] && [ -n "${GDB_WANT:-}" ]; then
		out=$(gdb -nx -batch "$@" 2>&1)
		case $out in *"$GDB_WANT"*) ;; *) fail "gdb $*: not '$GDB_WANT': $out" ;; esac
	fi
}
GDB_WANT="gdb: unrecognized option '--frobnicate'" refused \
	"cdbg: unrecognized option '--frobnicate'" --frobnicate
GDB_WANT="gdb: option '-ex' requires an argument" refused \
	"cdbg: option '-ex' requires an argument" -ex
GDB_WANT="Illegal process-id: abc." refused "Illegal process-id: abc." --pid=abc
GDB_WANT="cannot be specified simultaneously" refused "cannot be specified simultaneously" \
	--readnow --readnever
GDB_WANT="is ambiguous" refused "is ambiguous" -bat
GDB_WANT= refused "not supported" --tui
GDB_WANT= refused "not supported" --write

# --pid=N, -pid N, -p=N attach (and let go: the process goes on).
start_tracee spin 1
for form in "--pid=$TRACEE_PID" "-pid $TRACEE_PID" "-p=$TRACEE_PID" "-p $TRACEE_PID"; do
	# shellcheck disable=SC2086
	out=$("$CDBG" -batch $form -ex 'info threads' 2>&1) || fail "$form: status $?: $out"
	# gdb -batch says nothing about attaching (from_tty is 0)
	case $out in *"Attaching to"*) fail "$form: an attach line in batch: $out" ;; esac
	case $out in *"Target Id"*) ;; *) fail "$form: $out" ;; esac
done
kill -0 "$TRACEE_PID" || fail "spin is gone after the attaches"
pass
