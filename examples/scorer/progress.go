package main

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"
)

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progress prints "files done of total, rate" on one rewritten line of a
// terminal, at most every interval. The total is counted by a separate walk
// of the inputs so that scoring starts at once; until it is known the line
// shows only the count.
type progress struct {
	w        io.Writer
	start    time.Time
	last     time.Time
	interval time.Duration
	total    atomic.Int64 // -1 while counting
	done     int
}

func newProgress(w io.Writer, inputs []string) *progress {
	p := &progress{w: w, start: time.Now(), interval: 200 * time.Millisecond}
	p.total.Store(-1)
	go func() {
		var n int64
		walkInputs(inputs, func(string) bool { n++; return true })
		p.total.Store(n)
	}()
	return p
}

// step records one more file and redraws the line when it is due.
func (p *progress) step() {
	p.done++
	if now := time.Now(); now.Sub(p.last) >= p.interval {
		p.last = now
		p.draw(now)
	}
}

// finish draws the final line and ends it.
func (p *progress) finish() {
	p.draw(time.Now())
	fmt.Fprintln(p.w)
}

func (p *progress) draw(now time.Time) {
	rate := float64(p.done) / now.Sub(p.start).Seconds()
	if total := p.total.Load(); total >= 0 {
		fmt.Fprintf(p.w, "\r%d of %d files, %.1f files/s ", p.done, total, rate)
		return
	}
	fmt.Fprintf(p.w, "\r%d files, %.1f files/s ", p.done, rate)
}
