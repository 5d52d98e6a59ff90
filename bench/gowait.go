// gowait - the goroutines bench's program: N goroutines blocked receiving from a channel
// nobody writes (N from the first argument, default 10000). Prints "ready PID", then sleeps
// until killed (300 seconds at most).
package main

import (
	"fmt"
	"os"
	"time"
)

func waiter(c chan int) { <-c }

func main() {
	n := 10000
	if len(os.Args) > 1 {
		fmt.Sscan(os.Args[1], &n)
	}
	c := make(chan int)
	for i := 0; i < n; i++ {
		go waiter(c)
	}
	fmt.Println("ready", os.Getpid())
	time.Sleep(300 * time.Second)
}
