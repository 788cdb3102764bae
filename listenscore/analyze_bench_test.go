package listenscore

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// benchCallFile renders benchTranscript (a one-hour call, 1,000 turns) as a
// ranged plain-text transcript: the input of the end-to-end benchmarks.
func benchCallFile() []byte {
	tr, _ := benchTranscript()
	var b bytes.Buffer
	ts := func(d time.Duration) string {
		ms := d.Milliseconds()
		return fmt.Sprintf("%d:%02d:%02d.%03d", ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000)
	}
	for _, tu := range tr.Turns {
		fmt.Fprintf(&b, "[%s - %s] %s: %s\n", ts(tu.Start), ts(tu.End), tu.Speaker, tu.Text)
	}
	return b.Bytes()
}

// BenchmarkReadAndAnalyze reads a one-hour call from text and analyses it:
// what a caller pays per call.
//
//	go test ./listenscore -run '^$' -bench 'ReadAndAnalyze|TokenizeFile' -benchtime 2s
func BenchmarkReadAndAnalyze(b *testing.B) {
	data := benchCallFile()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		t, err := Read("call.txt", bytes.NewReader(data), ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Analyze(t, Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTokenizeFile is a bare tokenizing pass over the same file: the
// yardstick BenchmarkReadAndAnalyze is compared with.
func BenchmarkTokenizeFile(b *testing.B) {
	data := string(benchCallFile())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		tokenize(data)
	}
}
