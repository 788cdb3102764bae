package main

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoad sends a fixed number of requests over loopback from concurrent
// clients, over two rubrics and several transcript formats, and checks
// that every response is a 200 with exactly the body a sequential request
// for the same input got: the shared rubrics are read concurrently, never
// changed, and the output is deterministic. Run it with -race. The rate it
// logs is for information only.
func TestLoad(t *testing.T) {
	const requests, clients = 400, 16
	var log lockedBuffer
	h := newTestHandler(t, config{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := srv.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = clients

	type input struct{ query, file, body string }
	var inputs []input
	for _, query := range []string{"?rubric=sales", "?rubric=support&turns=1"} {
		for _, file := range []string{"outage.txt", "outage.vtt", "outage.srt", "outage.json", "outage-deepgram.json", "roles.txt"} {
			inputs = append(inputs, input{query, file, readCall(t, file)})
		}
	}
	post := func(in input) ([]byte, error) {
		resp, err := client.Post(srv.URL+"/v1/score"+in.query, "text/plain", bytes.NewReader([]byte(in.body)))
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("status %d: %s", resp.StatusCode, b)
		}
		return b, nil
	}

	want := make([][]byte, len(inputs))
	for i, in := range inputs {
		b, err := post(in)
		require.NoError(t, err, in.file+in.query)
		want[i] = b
	}

	var (
		mu       sync.Mutex
		failures []string // the first few
		failed   int
		wg       sync.WaitGroup
	)
	work := make(chan int)
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for n := range work {
				in := inputs[n%len(inputs)]
				b, err := post(in)
				if err == nil && !bytes.Equal(b, want[n%len(inputs)]) {
					err = fmt.Errorf("body differs from the sequential reference:\n%s", b)
				}
				if err != nil {
					mu.Lock()
					if failed++; failed <= 3 {
						failures = append(failures, fmt.Sprintf("request %d (%s%s): %v", n, in.file, in.query, err))
					}
					mu.Unlock()
				}
			}
		})
	}
	for n := range requests {
		work <- n
	}
	close(work)
	wg.Wait()
	elapsed := time.Since(start)
	t.Logf("%d requests from %d clients over %d inputs in %v: %.0f requests/s",
		requests, clients, len(inputs), elapsed.Round(time.Millisecond), requests/elapsed.Seconds())

	assert.Zero(t, failed, "failed requests; the first: %v", failures)
	assert.NotContains(t, log.String(), "level=ERROR")
}

// BenchmarkScore measures one POST /v1/score through the handler (no
// network), per rubric: the support rubric edits phrase lexicons.
func BenchmarkScore(b *testing.B) {
	h, err := newServer(config{RubricDir: testRubrics})
	require.NoError(b, err)
	body, err := os.ReadFile("testdata/calls/outage.vtt")
	require.NoError(b, err)
	for _, name := range []string{"default", "sales", "support"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				r := httptest.NewRequest(http.MethodPost, "/v1/score?rubric="+name, bytes.NewReader(body))
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
		})
	}
}
