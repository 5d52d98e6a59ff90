#!/usr/bin/env python3
"""gcore_check.py - reads an ELF core file for the gcore tests (test_cli_gcore.sh).

  gcore_check.py loads CORE            one line per PT_LOAD: vaddr memsz filesz flags name
  gcore_check.py at CORE ADDR         the PT_LOAD line (as loads) of the mapping holding ADDR
  gcore_check.py notes CORE            the note types, one a line, in file order
  gcore_check.py text CORE PROG        the bytes the core holds of PROG's executable mappings
                                       equal PROG's file bytes (no 0xCC of a debugger); fails
                                       unless an executable mapping of PROG was compared
"""
import os
import struct
import sys


def phdrs(d):
    assert d[:4] == b"\x7fELF" and d[4] == 2, "not an ELF64 file"
    phoff, = struct.unpack_from("<Q", d, 32)
    phentsize, phnum = struct.unpack_from("<HH", d, 54)
    if phnum == 0xFFFF:
        shoff, = struct.unpack_from("<Q", d, 40)
        phnum, = struct.unpack_from("<I", d, shoff + 44)
    for i in range(phnum):
        yield struct.unpack_from("<IIQQQQQQ", d, phoff + i * phentsize)


def notes(d):
    for (typ, _fl, off, _va, _pa, filesz, _ms, _al) in phdrs(d):
        if typ != 4:
            continue
        pos, end = off, off + filesz
        while pos < end:
            namesz, descsz, ntype = struct.unpack_from("<III", d, pos)
            pos += 12
            name = d[pos:pos + namesz].rstrip(b"\0").decode()
            pos += (namesz + 3) & ~3
            yield name, ntype, d[pos:pos + descsz]
            pos += (descsz + 3) & ~3


def files(d):
    """NT_FILE: [(start, end, file offset, name)]."""
    for name, ntype, desc in notes(d):
        if name == "CORE" and ntype == 0x46494C45:
            count, pagesz = struct.unpack_from("<QQ", desc, 0)
            names = desc[16 + 24 * count:].split(b"\0")
            out = []
            for i in range(count):
                s, e, pg = struct.unpack_from("<QQQ", desc, 16 + 24 * i)
                out.append((s, e, pg * pagesz, names[i].decode()))
            return out
    return []


def main():
    cmd, core = sys.argv[1], sys.argv[2]
    d = open(core, "rb").read()
    fl = files(d)
    if cmd in ("loads", "at"):
        at = int(sys.argv[3], 0) if cmd == "at" else None
        for (typ, flags, off, va, _pa, filesz, memsz, _al) in phdrs(d):
            if typ == 1 and (at is None or va <= at < va + memsz):
                name = next((n for (s, e, _o, n) in fl if s <= va < e), "")
                print("%#x %#x %#x %d %s" % (va, memsz, filesz, flags, name))
    elif cmd == "notes":
        for name, ntype, _desc in notes(d):
            print(name, ntype)
    elif cmd == "text":
        prog = os.path.realpath(sys.argv[3])
        pf = open(prog, "rb").read()
        compared = exec_compared = 0
        for (typ, flags, off, va, _pa, filesz, memsz, _al) in phdrs(d):
            if typ != 1 or filesz == 0 or not flags & 1:
                continue
            for (s, e, foff, n) in fl:
                if os.path.realpath(n) != prog or not (s <= va < e):
                    continue
                fo = foff + (va - s)
                got, want = d[off:off + filesz], pf[fo:fo + filesz]
                if len(want) < len(got):  # the last page beyond the file's end
                    got = got[:len(want)]
                if got != want:
                    i = next(i for i in range(len(got)) if got[i] != want[i])
                    sys.exit("core byte at %#x is %#04x, %s has %#04x" %
                             (va + i, got[i], prog, want[i]))
                compared += len(got)
                if flags & 1 and filesz == memsz:
                    exec_compared += 1
        if not exec_compared:
            sys.exit("the core holds no executable mapping of %s whole" % prog)
        print("text ok: %d bytes" % compared)


main()
