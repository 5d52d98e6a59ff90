// gogoroutines - goroutines parked in known functions, for `info goroutines`.
//
// Usage: gogoroutines     (no arguments)
//
// Starts 3 goroutines blocked receiving from a channel nobody writes (in main.blockRecv) and 2
// blocked on a locked mutex (in main.blockLock). Each prints its goroutine id (the number
// runtime.Stack gives it, the runtime's goid) before it blocks. What a test can observe:
//
//	"started id=<goid> func=<main.blockRecv|main.blockLock>"   once per goroutine
//	"ready pid=<pid> main=<goid of main> goroutines=5"           once all have started
//	"done"                                                      on "quit" or EOF, exit 0
//
// Other stdin lines print "error: unknown command '<line>'". After CDBG_TRACEE_DEADLINE
// seconds (default 60) it writes "deadline" to stderr and exits 3.
// Build: go build -o gogoroutines gogoroutines.go (standard library only).
package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The goroutine id from runtime.Stack's first line "goroutine 18 [running]:".
func goid() int {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	f := strings.Fields(string(buf))
	id, _ := strconv.Atoi(f[1])
	return id
}

var (
	never   = make(chan int)
	locked  sync.Mutex
	started sync.WaitGroup
	print   sync.Mutex
)

func announce(name string) {
	print.Lock()
	fmt.Printf("started id=%d func=%s\n", goid(), name)
	print.Unlock()
	started.Done()
}

//go:noinline
func blockRecv() {
	announce("main.blockRecv")
	<-never
}

//go:noinline
func blockLock() {
	announce("main.blockLock")
	locked.Lock()
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
	locked.Lock()
	started.Add(5)
	for i := 0; i < 3; i++ {
		go blockRecv()
	}
	for i := 0; i < 2; i++ {
		go blockLock()
	}
	started.Wait()
	// Let the last ones reach their blocking call (they announce just before it).
	time.Sleep(200 * time.Millisecond)
	fmt.Printf("ready pid=%d main=%d goroutines=5\n", os.Getpid(), goid())
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		line := strings.TrimRight(in.Text(), "\r")
		if line == "quit" {
			break
		}
		fmt.Printf("error: unknown command '%s'\n", line)
	}
	fmt.Println("done")
}
