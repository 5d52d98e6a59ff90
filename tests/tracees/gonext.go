// gonext - G goroutines (default 8) run one function, loop, at the same time, for tests of
// goroutine-aware stepping: next, step and finish must stay on the goroutine that started
// them while it moves between threads (it blocks, yields, sleeps, grows its stack) and the
// other goroutines run the same code through the same internal breakpoints.
//
// Usage: gonext [G [ROUNDS]]   (1 <= G <= 64; default 8 goroutines, 4000 rounds each)
//
// Goroutine k (1..G) calls loop(k, ROUNDS); each round adds k, blocker's result and grow's
// result to its sum and counts itself in rounds[k]. At the end it prints
// "done sums-ok=<yes|no> rounds=<total>" (sums-ok: every goroutine's sum equals the value
// computed without goroutines) and exits 0 when they are right, else 1. After
// CDBG_TRACEE_DEADLINE seconds (default 60) it writes "deadline" to stderr and exits 3.
// Build: go build -gcflags=all='-N -l' -o gonext gonext.go
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

var rounds [65]int64
var mu sync.Mutex
var shared int64
var ch = make(chan int, 1)

// blocker gives the goroutine up in one of four ways, so that it may come back on another
// thread.
//
//go:noinline
func blocker(k int, i int) int {
	switch i % 4 {
	case 0:
		runtime.Gosched()
	case 1:
		time.Sleep(20 * time.Microsecond)
	case 2:
		mu.Lock()
		shared++
		mu.Unlock()
	case 3:
		ch <- k
		<-ch
	}
	return i%7 + 1
}

// grow recurses with a large frame: the runtime copies the goroutine's stack to grow it.
//
//go:noinline
func grow(n int) int {
	var buf [512]byte
	buf[n%512] = byte(n)
	if n == 0 {
		return 1
	}
	return grow(n-1) + int(buf[n%512])
}

func loop(k int, n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		sum += k
		sum += blocker(k, i)
		rounds[k]++
		sum += grow(i % 40)
	}
	return sum
}

func expect(k int, n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		g := 1
		for j := 1; j <= i%40; j++ {
			g += j % 256
		}
		sum += k + i%7 + 1 + g
	}
	return sum
}

func main() {
	g, n := 8, 4000
	if len(os.Args) > 1 {
		g, _ = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) > 2 {
		n, _ = strconv.Atoi(os.Args[2])
	}
	if g < 1 || g > 64 || n < 0 {
		fmt.Fprintln(os.Stderr, "usage: gonext [G [ROUNDS]]")
		os.Exit(2)
	}
	secs, err := strconv.Atoi(os.Getenv("CDBG_TRACEE_DEADLINE"))
	if err != nil || secs <= 0 {
		secs = 60
	}
	time.AfterFunc(time.Duration(secs)*time.Second, func() {
		fmt.Fprintln(os.Stderr, "deadline")
		os.Exit(3)
	})
	var wg sync.WaitGroup
	ok := make([]bool, g+1)
	for k := 1; k <= g; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			ok[k] = loop(k, n) == expect(k, n)
		}(k)
	}
	wg.Wait()
	all, total := true, int64(0)
	for k := 1; k <= g; k++ {
		all = all && ok[k]
		total += rounds[k]
	}
	yes := map[bool]string{true: "yes", false: "no"}[all]
	fmt.Printf("done sums-ok=%s rounds=%d\n", yes, total)
	if !all || total != int64(g*n) {
		os.Exit(1)
	}
}
