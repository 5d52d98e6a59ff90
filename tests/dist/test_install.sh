#!/usr/bin/env bash
# test_install: `cmake --install BUILD --prefix DIR` into a temporary prefix, then
# examples/backtrace.c compiled against the installed tree alone (PKG_CONFIG_PATH, cdbg.pc) and
# run against the sample. Proves: the binary, libcdbg.a, libcdbg.so with its soname link,
# cdbg.h, cdbg.pc and cdbg.1 are installed; cdbg.pc is relocatable (it names the temporary
# prefix, and still the right one after the tree is moved); a program builds with
# `cc $(pkg-config --cflags --libs cdbg)` (shared) and with the installed libcdbg.a (static)
# and runs; libcdbg.a and libcdbg.so export only cdbg_ symbols; DESTDIR installs under itself.
# Usage: test_install.sh BUILD SOURCE SAMPLE   (CDBG_EXAMPLE_CFLAGS: extra flags, e.g. ASan's)
set -euo pipefail
build=$1
src=$2
sample=$3
cflags=${CDBG_EXAMPLE_CFLAGS:-}
cc=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cdbg-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
command -v pkg-config >/dev/null || { echo "SKIP: no pkg-config"; exit 77; }

cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log" || { cat "$tmp/install.log"; fail "install"; }
export PKG_CONFIG_PATH=$tmp/prefix/lib/pkgconfig
pkg-config --exists cdbg || fail "no cdbg.pc in $PKG_CONFIG_PATH: $(cat "$tmp/install.log")"
libdir=$(pkg-config --variable=libdir cdbg)
incdir=$(pkg-config --variable=includedir cdbg)
[ "$(realpath "$libdir")" = "$tmp/prefix/lib" ] || fail "cdbg.pc's libdir is $libdir"
[ "$(realpath "$incdir")" = "$tmp/prefix/include" ] || fail "cdbg.pc's includedir is $incdir"
for f in bin/cdbg lib/libcdbg.a lib/libcdbg.so include/cdbg.h lib/pkgconfig/cdbg.pc; do
	[ -e "$tmp/prefix/$f" ] || fail "not installed: $f"
done
soname=$(objdump -p "$tmp/prefix/lib/libcdbg.so" | awk '$1 == "SONAME" { print $2 }')
[ -n "$soname" ] && [ -e "$tmp/prefix/lib/$soname" ] || fail "no soname link ($soname)"
if [ -e "$build/cdbg.1" ]; then
	[ -e "$tmp/prefix/share/man/man1/cdbg.1" ] || fail "cdbg.1 built but not installed"
	man -l "$tmp/prefix/share/man/man1/cdbg.1" 2>&1 | grep -q 'gdb-compatible debugger' ||
		fail "the installed man page does not render"
fi
bad=$( { nm -D --defined-only "$tmp/prefix/lib/libcdbg.so"; nm --defined-only "$tmp/prefix/lib/libcdbg.a"; } |
	awk 'NF == 3 && $2 ~ /[A-Z]/ && $3 !~ /^cdbg_/ { print $3 }' | sort -u)
[ -z "$bad" ] || fail "exported without the cdbg_ prefix: $(echo $bad)"

# Shared: what `pkg-config --cflags --libs cdbg` gives, nothing from the build tree.
# shellcheck disable=SC2046
$cc $cflags -o "$tmp/bt_shared" "$src/examples/backtrace.c" $(pkg-config --cflags --libs cdbg) ||
	fail "cannot build the example against the installed libcdbg.so"
objdump -p "$tmp/bt_shared" | grep -q "NEEDED *$soname" || fail "bt_shared does not use $soname"
LD_LIBRARY_PATH=$libdir "$tmp/bt_shared" do_work "$sample" 1 > "$tmp/shared.out" 2>&1 ||
	{ cat "$tmp/shared.out"; fail "the shared example failed"; }
grep -qE '^#0  0x[0-9a-f]+ in do_work' "$tmp/shared.out" || { cat "$tmp/shared.out"; fail "shared: no backtrace"; }

# Static: the installed libcdbg.a with what it needs (cdbg.pc's private requirements).
# shellcheck disable=SC2046
$cc $cflags -o "$tmp/bt_static" "$src/examples/backtrace.c" $(pkg-config --cflags cdbg) \
	"$libdir/libcdbg.a" $(pkg-config --libs libdw) -ldl ||
	fail "cannot build the example against the installed libcdbg.a"
objdump -p "$tmp/bt_static" | grep -q "NEEDED *libcdbg" && fail "bt_static needs libcdbg.so"
"$tmp/bt_static" do_work "$sample" 1 > "$tmp/static.out" 2>&1 ||
	{ cat "$tmp/static.out"; fail "the static example failed"; }
grep -qE '^#0  0x[0-9a-f]+ in do_work' "$tmp/static.out" || { cat "$tmp/static.out"; fail "static: no backtrace"; }

# Relocatable: the same tree moved elsewhere is found where it now is.
mv "$tmp/prefix" "$tmp/moved"
export PKG_CONFIG_PATH=$tmp/moved/lib/pkgconfig
[ "$(realpath "$(pkg-config --variable=includedir cdbg)")" = "$tmp/moved/include" ] ||
	fail "after a move, cdbg.pc's includedir is $(pkg-config --variable=includedir cdbg)"

# DESTDIR: everything under it, at the configured prefix.
DESTDIR=$tmp/dest cmake --install "$build" --prefix /usr/local > /dev/null
[ -e "$tmp/dest/usr/local/include/cdbg.h" ] && [ -e "$tmp/dest/usr/local/bin/cdbg" ] ||
	fail "DESTDIR install: $(find "$tmp/dest" -maxdepth 4)"
echo "PASS"
