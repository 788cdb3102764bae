package main

import (
	"fmt"
	"io"
	"sync"
)

// scoreAll scores the inputs on opts.workers goroutines and hands the
// results to w in input order, printing each file's warnings on stderr
// first. At most a few results per worker are held at any time, so memory
// does not grow with the number of files. prog, when not nil, is the
// progress line on stderr; shared says the report goes to that terminal
// too.
func scoreAll(inputs []string, opts options, w reportWriter, stderr io.Writer, prog *progress, shared bool) (*summarizer, error) {
	type job struct {
		index int
		in    input
	}
	type done struct {
		index int
		res   callResult
	}
	window := 4 * opts.workers // results in flight, including those waiting for their turn
	slots := make(chan struct{}, window)
	jobs := make(chan job)
	results := make(chan done, window)
	stop := make(chan struct{})

	go func() {
		defer close(jobs)
		i := 0
		walkInputs(inputs, opts.exclude, func(in input) bool {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return false
			}
			jobs <- job{i, in}
			i++
			return true
		})
	}()
	var wg sync.WaitGroup
	for range opts.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- done{j.index, scoreInput(j.in, opts)}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	st := newSummarizer()
	var werr error
	if err := w.begin(); err != nil {
		werr = err
	}
	pending := make(map[int]callResult, window)
	next := 0
	for d := range results {
		pending[d.index] = d.res
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			for _, l := range r.warnLines {
				if prog != nil {
					prog.line(l)
				} else {
					fmt.Fprintln(stderr, l)
				}
			}
			st.add(&r)
			if prog != nil {
				prog.step()
			}
			if werr == nil {
				werr = w.call(&r)
				if werr != nil {
					close(stop)
				}
			}
		}
	}
	if prog != nil {
		prog.finish(shared)
	}
	if werr != nil {
		return st, werr
	}
	return st, w.end(st.summary())
}
