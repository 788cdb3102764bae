package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"
)

// writeCalls generates n short timed calls (12 turns each, text format)
// under dir, with some variety so that tags and grades differ.
func writeCalls(tb testing.TB, dir string, n int) {
	tb.Helper()
	agent := []string{
		"Thank you for calling Contoso, how can I help you today?",
		"I'm sorry to hear that, it sounds really frustrating. So your order arrived damaged?",
		"What happened when you opened the box?",
		"Got it.",
		"Okay, I'll send you a replacement today and email you the tracking number.",
		"Does that make sense?",
	}
	customer := []string{
		"Hi, my order arrived yesterday and the screen is cracked, I need it for work on Monday.",
		"Yes, it was broken when I took it out of the packaging.",
		"The corner was crushed and the glass was shattered all over the foam.",
		"Mm-hmm.",
		"That would be great, thank you.",
		"Yes, thanks.",
	}
	for i := range n {
		var b strings.Builder
		t := 0.0
		for k := range 6 {
			a := agent[(k+i)%len(agent)]
			fmt.Fprintf(&b, "[%s - %s] Agent: %s\n", stamp(t), stamp(t+4), a)
			t += 4.5 + float64(i%3)
			fmt.Fprintf(&b, "[%s - %s] Customer: %s\n", stamp(t), stamp(t+5), customer[k])
			t += 5.5
		}
		sub := filepath.Join(dir, fmt.Sprintf("%02d", i%100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("call-%05d.txt", i)), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

func stamp(sec float64) string {
	return fmt.Sprintf("%02d:%04.1f", int(sec)/60, sec-float64(int(sec)/60*60))
}

// peakHeap samples the live heap (as marked by the latest garbage
// collection) every few milliseconds until stop is called, and returns the
// largest value seen.
func peakHeap() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}

// BenchmarkScoreBatch scores generated calls through the whole pipeline
// (walk, read, analyse, grade, CSV report) and reports calls per second and
// the peak live heap. The live heap stays flat as the batch grows: results
// stream to the report and only a bounded window is in flight.
//
//	go test ./examples/scorer -run '^$' -bench ScoreBatch -benchtime 1x
func BenchmarkScoreBatch(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 30_000} {
		b.Run(fmt.Sprintf("calls=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			writeCalls(b, dir, n)
			b.ResetTimer()
			var peak uint64
			for b.Loop() {
				runtime.GC()
				stop := peakHeap()
				status := runWithInput([]string{"-format", "csv", dir}, strings.NewReader(""), io.Discard, io.Discard)
				peak = max(peak, stop())
				if status != exitOK {
					b.Fatalf("exit status %d", status)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "calls/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-live-heap-MiB")
		})
	}
}
