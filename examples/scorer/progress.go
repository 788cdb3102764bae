package main

import (
	"fmt"
	"io"
	"os"
	"strings"
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

// sameTerminal reports whether a and b are the same terminal, as when
// standard output and standard error both go to the screen.
func sameTerminal(a, b io.Writer) bool {
	fa, ok := a.(*os.File)
	if !ok || !isTerminal(a) || !isTerminal(b) {
		return false
	}
	fb := b.(*os.File)
	ia, errA := fa.Stat()
	ib, errB := fb.Stat()
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// progress prints "files done of total, rate" on one rewritten line of a
// terminal, at most every interval. The total is counted by a separate walk
// of the inputs so that scoring starts at once; until it is known the line
// shows only the count.
//
// The line is cleared before anything else is written to the terminal:
// warnings (through line) and, when the report shares the terminal,
// the report (through reportWriter's writes). While the report has written
// part of a line the progress line is not drawn, so the two never mix.
// All methods are called from one goroutine.
type progress struct {
	w        io.Writer
	start    time.Time
	last     time.Time
	interval time.Duration
	total    atomic.Int64 // -1 while counting
	done     int
	shown    int  // width of the drawn line; 0 when none is on screen
	midLine  bool // the report sharing the terminal has written part of a line
}

func newProgress(w io.Writer, inputs []string, exclude []os.FileInfo) *progress {
	p := &progress{w: w, start: time.Now(), interval: 200 * time.Millisecond}
	p.total.Store(-1)
	go func() {
		var n int64
		walkInputs(inputs, exclude, func(input) bool { n++; return true })
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

// finish draws the final line and ends it. When the report shares the
// terminal the line is cleared instead: the report's summary follows.
func (p *progress) finish(shared bool) {
	if shared {
		p.clear()
		return
	}
	p.draw(time.Now())
	if p.shown > 0 {
		fmt.Fprintln(p.w)
		p.shown = 0
	}
}

// clear removes the drawn line, leaving the cursor at its start.
func (p *progress) clear() {
	if p.shown > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.shown))
		p.shown = 0
	}
}

// line writes s and a newline to the terminal on a line of its own.
func (p *progress) line(s string) {
	p.clear()
	if p.midLine {
		fmt.Fprintln(p.w)
		p.midLine = false
	}
	fmt.Fprintln(p.w, s)
}

func (p *progress) draw(now time.Time) {
	if p.midLine {
		return
	}
	rate := float64(p.done) / now.Sub(p.start).Seconds()
	var s string
	if total := p.total.Load(); total >= 0 {
		s = fmt.Sprintf("%d of %d files, %.1f files/s", p.done, total, rate)
	} else {
		s = fmt.Sprintf("%d files, %.1f files/s", p.done, rate)
	}
	pad := ""
	if p.shown > len(s) {
		pad = strings.Repeat(" ", p.shown-len(s))
	}
	fmt.Fprintf(p.w, "\r%s%s", s, pad)
	p.shown = max(len(s), p.shown)
}

// sharedOutput is the report's writer when it goes to the terminal the
// progress line is drawn on: each write first clears the line.
type sharedOutput struct {
	w io.Writer
	p *progress
}

func (s *sharedOutput) Write(b []byte) (int, error) {
	s.p.clear()
	n, err := s.w.Write(b)
	if n > 0 {
		s.p.midLine = b[n-1] != '\n'
	}
	return n, err
}
