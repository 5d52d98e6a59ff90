// gowait - the goroutines bench's program: N goroutines blocked receiving from a channel
// nobody writes (N from the first argument, default 10000), and two large values to print:
// bigMap (100,000 int keys) and bigString (1 MiB). Prints "ready PID", then sleeps until
// killed (300 seconds at most).
package main

import (
	"fmt"
	"os"
	"time"
)

func waiter(c chan int) { <-c }

var bigMap map[int]int
var bigString string

func main() {
	n := 10000
	if len(os.Args) > 1 {
		fmt.Sscan(os.Args[1], &n)
	}
	bigMap = make(map[int]int, 100000)
	for i := 0; i < 100000; i++ {
		bigMap[i] = i * i
	}
	b := make([]byte, 1<<20)
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	bigString = string(b)
	c := make(chan int)
	for i := 0; i < n; i++ {
		go waiter(c)
	}
	fmt.Println("ready", os.Getpid(), len(bigMap), len(bigString))
	time.Sleep(300 * time.Second)
}
