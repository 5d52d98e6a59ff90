// gospin - a Go program with busy and blocked goroutines, for attaching to the Go runtime
// (many threads, SIGURG preemption, signal handlers on alternate stacks).
//
// Usage: gospin [G]     (0 <= G <= 100000, default 8)
//
// Starts G goroutines doing CPU work in loops, plus 4 blocked ones (2 on a channel
// never written, 2 in a time.Sleep loop). The main goroutine reads stdin. What a test
// can observe:
//
//	"ready pid=<pid> goroutines=<G>"  once every goroutine has started
//	"done"                            on a line "quit" or EOF of stdin, then exit 0
//
// Other stdin lines print "error: unknown command '<line>'" and are ignored. After
// CDBG_TRACEE_DEADLINE seconds (default 60) it writes "deadline" to stderr and exits 3.
// Build: go build -o gospin gospin.go (standard library only, no module needed).
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const blockedGoroutines = 4

// Busy work the compiler cannot drop: the result goes to a shared counter now and then.
func spin(total *uint64) {
	x := uint64(1)
	for {
		for i := 0; i < 1000000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		atomic.AddUint64(total, x|1)
	}
}

func deadlineSeconds() int {
	v, err := strconv.Atoi(os.Getenv("CDBG_TRACEE_DEADLINE"))
	if err != nil || v <= 0 {
		return 60
	}
	return v
}

func main() {
	time.AfterFunc(time.Duration(deadlineSeconds())*time.Second, func() {
		os.Stderr.WriteString("deadline\n")
		os.Exit(3)
	})

	g := 8
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "usage: gospin [G]")
		os.Exit(2)
	}
	if len(os.Args) == 2 {
		v, err := strconv.Atoi(os.Args[1])
		if err != nil || v < 0 || v > 100000 {
			fmt.Fprintf(os.Stderr, "error: bad goroutine count '%s' (want 0..100000)\n", os.Args[1])
			os.Exit(2)
		}
		g = v
	}

	var started sync.WaitGroup
	var total uint64
	never := make(chan struct{})
	started.Add(g + blockedGoroutines)
	for i := 0; i < g; i++ {
		go func() {
			started.Done()
			spin(&total)
		}()
	}
	for i := 0; i < blockedGoroutines; i++ {
		sleeper := i%2 == 1
		go func() {
			started.Done()
			if !sleeper {
				<-never
			}
			for {
				time.Sleep(time.Second)
			}
		}()
	}
	started.Wait()
	// fmt.Printf writes straight to os.Stdout, unbuffered: each line is out at once.
	fmt.Printf("ready pid=%d goroutines=%d\n", os.Getpid(), g)

	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		line := strings.TrimRight(in.Text(), "\r")
		if line == "quit" {
			break
		}
		fmt.Printf("error: unknown command '%s'\n", line)
	}
	fmt.Println("done")
	os.Exit(0)
}
