// govalues - Go values in registers and pieces, for the tests of Go arguments and values.
//
// Usage: govalues [panic|deadlock]     (built with -gcflags='all=-N -l')
//
// main calls work(p, xs, m, s, e) once, with p = &Point{3, 4, "pt"}, xs = []int{1, 2, 3},
// m = map[string]int{"a": 1, "b": 2}, s = "hello", e = errors.New("boom"); Go's register ABI
// passes xs (3 words), s and e (2 words each) split over registers, which DWARF describes
// as pieces. Then it sets the package variables below (values of every kind: long strings and
// slices past delve's limits, nil ones, nested structs, maps, interfaces, channels, funcs)
// and calls probe(), where a debugger compares them. It prints "work 14" and exits 0.
// "panic": then panics with errors.New("boom") (unrecovered: exit status 2); "deadlock":
// then blocks forever with no other goroutine (the runtime's fatal "all goroutines are
// asleep - deadlock!", exit status 2).
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

type Point struct {
	X, Y int
	Name string
}

type Outer struct {
	ID    int
	In    Point
	Tags  []string
	Ptr   *Point
	Inner struct{ A, B int8 }
}

var (
	gLong    string
	gBig     []int
	gNilS    []int
	gNilM    map[string]int
	gNilE    error
	gNilP    *Point
	gIntMap  map[int]string
	gStrs    []string
	gOuter   Outer
	gAny     interface{}
	gAnyP    interface{}
	gArr     [3]float64
	gBool    bool
	gByte    uint8
	gF32     float32
	gC128    complex128
	gChan    chan int
	gFunc    func(int) int
	gNeg     int16
	gEsc     string
	gStructs map[string]Point
)

func helper(x int) int { return x + 1 }

//go:noinline
func probe() {}

//go:noinline
func work(p *Point, xs []int, m map[string]int, s string, e error) int {
	total := p.X + len(xs) + len(m) + len(s)
	if e != nil {
		total++
	}
	return total
}

func main() {
	gLong = strings.Repeat("abcdefghij", 10)
	for i := 0; i < 100; i++ {
		gBig = append(gBig, i*i)
	}
	gIntMap = map[int]string{7: "seven"}
	gStrs = []string{"x", "yy", ""}
	gOuter = Outer{ID: 9, In: Point{1, 2, "in"}, Tags: []string{"a", "b"}, Ptr: &Point{5, 6, "pp"}}
	gOuter.Inner.A, gOuter.Inner.B = -1, 2
	gAny = 42
	gAnyP = &Point{7, 8, "any"}
	gArr = [3]float64{1.5, -2, 0.25}
	gBool = true
	gByte = 200
	gF32 = 0.5
	gC128 = complex(1, -2)
	gChan = make(chan int, 10)
	gChan <- 1
	gChan <- 2
	gFunc = helper
	gNeg = -300
	gEsc = "tab\there \"q\" \\ nl\n"
	gStructs = map[string]Point{"o": {0, 0, "origin"}}
	probe()
	p := &Point{3, 4, "pt"}
	fmt.Println("work", work(p, []int{1, 2, 3}, map[string]int{"a": 1, "b": 2}, "hello", errors.New("boom")))
	if len(os.Args) > 1 && os.Args[1] == "panic" {
		panic(errors.New("boom"))
	}
	if len(os.Args) > 1 && os.Args[1] == "deadlock" {
		select {}
	}
}
