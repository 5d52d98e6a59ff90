// gohits - goroutines call one small function many times under asynchronous preemption, for
// breakpoint tests on the Go runtime (SIGURG arriving while a debugger handles a hit).
//
// Usage: gohits [G [K]]     (1 <= G <= 1000, 0 <= K <= 1000000; default 8 and 625)
//
// hit(x) is a //go:noinline function that counts its calls (an atomic add) and returns
// 2*x+1. After a stdin line "go", G goroutines start together; goroutine i calls hit(i) K
// times, with CPU work (a busy loop) and a 16 KiB allocation between calls, so the runtime
// preempts goroutines with SIGURG (sysmon after 10 ms, and the garbage collector) many times
// while they call hit. Async preemption is left on (the default). What a test can observe:
//
//	"ready pid=<pid> hit=<entry address of hit, 0x...> goroutines=<G> calls=<G*K>"
//	"calls=<hit's own count> sum=<sum of results> expected=<K*G*G> gcs=<collections>"
//	        after every goroutine finished; exit 0 if calls == G*K and sum == expected,
//	        else exit 1. A debugger that runs a call twice or corrupts a register across a
//	        breakpoint shows up here.
//
// "quit" or EOF before "go" prints "calls=0 sum=0 expected=0 gcs=0" and exits 0; other lines
// print "error: unknown command '<line>'". After CDBG_TRACEE_DEADLINE seconds (default 60) it
// writes "deadline" to stderr and exits 3. Build: go build -o gohits gohits.go.
package main

import (
	"bufio"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var ncalls int64

// The breakpoint target.
//
//go:noinline
func hit(x int) int {
	atomic.AddInt64(&ncalls, 1)
	return 2*x + 1
}

var sink []byte

// CPU work the compiler cannot drop, and some garbage for the collector.
func work(seed uint64) uint64 {
	x := seed | 1
	for i := 0; i < 20000; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	sink = make([]byte, 16384)
	return x
}

func deadlineSeconds() int {
	v, err := strconv.Atoi(os.Getenv("CDBG_TRACEE_DEADLINE"))
	if err != nil || v <= 0 {
		return 60
	}
	return v
}

func arg(i int, def, max int, what string) int {
	if len(os.Args) <= i {
		return def
	}
	v, err := strconv.Atoi(os.Args[i])
	if err != nil || v < 0 || v > max || (i == 1 && v == 0) {
		fmt.Fprintf(os.Stderr, "error: bad %s '%s'\n", what, os.Args[i])
		os.Exit(2)
	}
	return v
}

func waitForGo(in *bufio.Scanner) bool {
	for in.Scan() {
		line := strings.TrimRight(in.Text(), "\r")
		if line == "go" {
			return true
		}
		if line == "quit" {
			return false
		}
		fmt.Printf("error: unknown command '%s'\n", line)
	}
	return false
}

func main() {
	time.AfterFunc(time.Duration(deadlineSeconds())*time.Second, func() {
		os.Stderr.WriteString("deadline\n")
		os.Exit(3)
	})
	if len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: gohits [G [K]]")
		os.Exit(2)
	}
	g := arg(1, 8, 1000, "goroutine count")
	k := arg(2, 625, 1000000, "calls per goroutine")

	// fmt.Printf writes straight to os.Stdout, unbuffered: each line is out at once.
	fmt.Printf("ready pid=%d hit=%#x goroutines=%d calls=%d\n", os.Getpid(),
		reflect.ValueOf(hit).Pointer(), g, g*k)
	in := bufio.NewScanner(os.Stdin)
	if !waitForGo(in) {
		fmt.Println("calls=0 sum=0 expected=0 gcs=0")
		os.Exit(0)
	}

	var start, done sync.WaitGroup
	var sum int64
	start.Add(1)
	done.Add(g)
	for i := 0; i < g; i++ {
		go func(i int) {
			defer done.Done()
			start.Wait()
			s := 0
			x := uint64(i)
			for j := 0; j < k; j++ {
				s += hit(i)
				x = work(x)
			}
			atomic.AddInt64(&sum, int64(s))
		}(i)
	}
	start.Done()
	done.Wait()

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	expected := int64(k) * int64(g) * int64(g)
	calls := atomic.LoadInt64(&ncalls)
	fmt.Printf("calls=%d sum=%d expected=%d gcs=%d\n", calls, sum, expected, ms.NumGC)
	if calls != int64(g*k) || sum != expected {
		os.Exit(1)
	}
	os.Exit(0)
}
