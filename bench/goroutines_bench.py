#!/usr/bin/env python3
"""goroutines_bench.py - listing the goroutines of a Go program, cdbg against delve (bench/README.md).

The program (gowait N) has N goroutines blocked on a channel. Each tool attaches, lists every
goroutine (cdbg: info goroutines; delve: goroutines), and detaches; then the grouped form (cdbg:
info goroutines -group; delve: goroutines -group user); then prints a map of 100,000 entries and
a 1 MiB string (the first page each shows: 64 entries, 64 bytes), and attaches to print nothing
(the baseline the other rows include). Timed for the whole tool process; reps interleaved
(cdbg, delve, cdbg, delve...); medians, ranges and delve's time over cdbg's.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(argv, answer=b''):
    t0 = time.monotonic()
    r = subprocess.run(argv, input=answer, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    dt = time.monotonic() - t0
    if r.returncode != 0:
        raise RuntimeError(f'{argv[0]} exited {r.returncode}: {r.stdout[-300:]!r}')
    return dt, r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--build', default='build')
    ap.add_argument('--goroutines', type=int, default=10000)
    ap.add_argument('--reps', type=int, default=5)
    a = ap.parse_args()
    cdbg = os.path.join(a.build, 'src', 'cdbg')
    go, dlv = shutil.which('go'), shutil.which('dlv')
    if not go:
        print('bench/goroutines: n/a (no go toolchain)')
        return
    tmp = tempfile.mkdtemp(prefix='cdbg-gobench.')
    prog = os.path.join(tmp, 'gowait')
    env = dict(os.environ, GO111MODULE='off', GOFLAGS='-buildvcs=false', GOCACHE=os.path.join(tmp, 'cache'))
    subprocess.run([go, 'build', '-o', prog, os.path.join(HERE, 'gowait.go')], check=True, env=env)
    p = subprocess.Popen([prog, str(a.goroutines)], stdout=subprocess.PIPE)
    p.stdout.readline()
    time.sleep(0.5)
    cases = [('list', ['info goroutines'], ['goroutines']),
             ('grouped', ['info goroutines -group'], ['goroutines -group user']),
             ('map 100k', ['print main.bigMap'], ['print main.bigMap']),
             ('string 1M', ['print main.bigString'], ['print main.bigString']),
             ('attach', [], [])]
    res = {}
    try:
        for name, ccmd, dcmd in cases:
            init = os.path.join(tmp, f'{name}.init')
            with open(init, 'w') as f:
                f.write('\n'.join(dcmd + ['exit']) + '\n')
            tc, td = [], []
            for _ in range(a.reps):
                argv = [cdbg, '-q', '-batch', '-p', str(p.pid)]
                for c in ccmd:
                    argv += ['-ex', c]
                tc.append(run(argv)[0])
                if dlv:
                    # delve asks whether to kill the process it attached to: no
                    td.append(run([dlv, 'attach', str(p.pid), '--allow-non-terminal-interactive=true',
                                   '--init', init], b'n\n')[0])
            res[name] = (tc, td)
    finally:
        p.kill()
        p.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f'bench/goroutines: attach to a Go program with {a.goroutines} goroutines, list them (or '
          f'print a value), detach (whole tool process; medians of {a.reps}, range)')
    print(f'  {"":10} {"cdbg":>26} {"delve":>26} {"delve/cdbg":>11}')
    for name, (tc, td) in res.items():
        fc = f'{statistics.median(tc) * 1e3:.0f} ms ({min(tc) * 1e3:.0f}-{max(tc) * 1e3:.0f})'
        fd = (f'{statistics.median(td) * 1e3:.0f} ms ({min(td) * 1e3:.0f}-{max(td) * 1e3:.0f})'
              if td else 'n/a')
        ratio = f'{statistics.median(td) / statistics.median(tc):.1f}x' if td else 'n/a'
        print(f'  {name:10} {fc:>26} {fd:>26} {ratio:>11}')


if __name__ == '__main__':
    main()
