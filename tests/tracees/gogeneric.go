// gogeneric - Go generics and closures, for tests of instantiated functions and captured
// variables: main.Sum is instantiated twice (int and float64 shapes), main.MakePair once, and
// the closure inc captures counter by reference (Go's DWARF names it "&counter").
//
// Prints "<Sum of ints> <Sum of floats>" then "{a 7} <inc(3)> <inc(4)>" and exits 0: with
// counter left alone, "6 3.5" and "{a 7} 3 7"; a debugger that sets counter shows in the
// second line. After CDBG_TRACEE_DEADLINE seconds (default 60) it writes "deadline" to stderr
// and exits 3. Build: go build -gcflags=all='-N -l' -o gogeneric gogeneric.go
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

//go:noinline
func Sum[T int | float64](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

//go:noinline
func MakePair[K comparable, V any](k K, v V) Pair[K, V] {
	return Pair[K, V]{k, v}
}

func main() {
	secs, err := strconv.Atoi(os.Getenv("CDBG_TRACEE_DEADLINE"))
	if err != nil || secs <= 0 {
		secs = 60
	}
	time.AfterFunc(time.Duration(secs)*time.Second, func() {
		fmt.Fprintln(os.Stderr, "deadline")
		os.Exit(3)
	})
	counter := 0
	inc := func(d int) int {
		counter += d // the closure's line
		return counter
	}
	fmt.Println(Sum([]int{1, 2, 3}), Sum([]float64{1.5, 2}))
	p := MakePair("a", 7)
	fmt.Println(p, inc(3), inc(4))
}
