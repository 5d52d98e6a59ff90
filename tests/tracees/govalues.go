// govalues - Go values in registers and pieces, for the tests of Go arguments and values.
//
// Usage: govalues     (no arguments; built with -gcflags='all=-N -l')
//
// main calls work(p, xs, m, s, e) once, with p = &Point{3, 4, "pt"}, xs = []int{1, 2, 3},
// m = map[string]int{"a": 1, "b": 2}, s = "hello", e = errors.New("boom"); Go's register ABI
// passes xs (3 words), s and e (2 words each) split over registers, which DWARF describes
// as pieces. It prints "work 14" and exits 0.
package main

import (
	"errors"
	"fmt"
)

type Point struct {
	X, Y int
	Name string
}

//go:noinline
func work(p *Point, xs []int, m map[string]int, s string, e error) int {
	total := p.X + len(xs) + len(m) + len(s)
	if e != nil {
		total++
	}
	return total
}

func main() {
	p := &Point{3, 4, "pt"}
	fmt.Println("work", work(p, []int{1, 2, 3}, map[string]int{"a": 1, "b": 2}, "hello", errors.New("boom")))
}
