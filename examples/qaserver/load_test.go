package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	rtmetrics "runtime/metrics"
	"slices"
	"strings"
	"sync"
	"syscall"
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
	h := newTestHandler(t, config{Logger: slog.New(slog.NewTextHandler(&log, nil)), MaxInFlight: 2, Queue: clients})
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

// largeCall repeats the outage call up to about n bytes, one line per
// turn: a long call in the large lane.
func largeCall(t testing.TB, n int) []byte {
	b, err := os.ReadFile("testdata/calls/outage.txt")
	require.NoError(t, err)
	return bytes.Repeat(b, max(1, n/len(b)))
}

// heapSampler samples the bytes of live and unswept heap objects every few
// milliseconds, from runtime/metrics (which does not stop the world), and
// keeps the peak.
type heapSampler struct {
	stop chan struct{}
	done chan uint64
}

func sampleHeap() *heapSampler {
	h := &heapSampler{stop: make(chan struct{}), done: make(chan uint64, 1)}
	go func() {
		s := []rtmetrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			rtmetrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-h.stop:
				h.done <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

func (h *heapSampler) peak() uint64 {
	close(h.stop)
	return <-h.done
}

// heapNow returns the heap objects' bytes after a collection.
func heapNow() uint64 {
	runtime.GC()
	s := []rtmetrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	rtmetrics.Read(s)
	return s[0].Value.Uint64()
}

// TestMemoryPerByte measures the peak live heap one scoring request of a
// large call takes, per byte of its body, with every turn in the
// response: the estimate memPerByte that the memory budget counts must
// cover twice that, because by default (GOGC=100) the collector lets the
// heap grow to twice what was live after its last collection. The live
// peak is measured with the collector running ten times as often
// (SetGCPercent(10)): the sampled heap is then within about 10 % of what
// is live, where at the default it swings between one and two times that
// with the collector's timing, which made the measure flaky. The calls:
// one agent, and two agents who each span the call, which doubles the
// agents' parts an analysis computes (the most it computes).
func TestMemoryPerByte(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	one := largeCall(t, 1<<20)
	b, err := os.ReadFile("testdata/calls/outage.txt")
	require.NoError(t, err)
	pair := append(slices.Clone(b), bytes.ReplaceAll(b, []byte("] Agent:"), []byte("] Supervisor:"))...)
	two := bytes.Repeat(pair, max(1, (1<<20)/len(pair)))
	for name, body := range map[string][]byte{"one agent": one, "two agents": two} {
		t.Run(name, func(t *testing.T) {
			s, err := newServer(config{MaxInFlight: 1})
			require.NoError(t, err)
			base := heapNow()
			h := sampleHeap()
			r := httptest.NewRequest(http.MethodPost, "/v1/score?turns=1", bytes.NewReader(body))
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			peak := h.peak()
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			perByte := float64(peak-base) / float64(len(body))
			t.Logf("one request of %d bytes (response %d bytes): peak live heap %.1f MiB above the base, %.1f bytes per body byte; twice that %.1f (memPerByte %d)",
				len(body), w.Body.Len(), float64(peak-base)/(1<<20), perByte, 2*perByte, memPerByte)
			assert.Less(t, 2*perByte, float64(memPerByte), "memPerByte underestimates a request's memory")
		})
	}
}

// loadFigures are what a load test reports.
type loadFigures struct {
	requests, ok, busy, other int
	burst, toIdle             time.Duration
	peakHeap                  uint64
	smallOK, smallOther       int
	smallLatencies            []time.Duration
}

// TestLoadBurst sends a burst of large calls, far beyond the slots and the
// queue, from concurrent clients on loopback, with a client posting a small
// call every few milliseconds throughout. It checks behaviour, not speed:
// every large request gets 200 or an immediate 503 with Retry-After, the
// slots and queue are all used, the heap stays within the memory budget,
// every small request gets 200 (its lane is never held up), and the server
// is idle when the last client has its answer. The figures it logs are in
// the README.
func TestLoadBurst(t *testing.T) {
	const clients, slots, queue = 64, 2, 2
	size := 7 << 20 // the overload that once took 5.3 GB
	if raceEnabled {
		size = 512 << 10
	}
	body := largeCall(t, size)
	budget := int64(slots) * int64(len(body)) * memPerByte
	var log lockedBuffer
	s, err := newServer(config{MaxInFlight: slots, Queue: queue, MaxMemory: budget, MaxBytes: int64(len(body)), MaxTurns: 1 << 20,
		Timeout: 5 * time.Minute, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	require.NoError(t, err)
	srv := httptest.NewServer(s)
	defer srv.Close()
	small := readCall(t, "outage.txt")

	base := heapNow()
	heap := sampleHeap()
	var (
		mu  sync.Mutex
		fig = loadFigures{requests: clients}
		wg  sync.WaitGroup
	)
	stopSmall := make(chan struct{})
	smallDone := make(chan struct{})
	go func() {
		defer close(smallDone)
		client := &http.Client{}
		for {
			select {
			case <-stopSmall:
				return
			case <-time.After(20 * time.Millisecond):
			}
			start := time.Now()
			resp, err := client.Post(srv.URL+"/v1/score", "text/plain", strings.NewReader(small))
			d := time.Since(start)
			mu.Lock()
			if err == nil && resp.StatusCode == http.StatusOK {
				fig.smallOK++
				fig.smallLatencies = append(fig.smallLatencies, d)
			} else {
				fig.smallOther++
			}
			mu.Unlock()
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
	}()

	start := time.Now()
	var failures []string
	for range clients {
		wg.Go(func() {
			// A client of its own each: a connection each, as 64 callers.
			client := &http.Client{Transport: &http.Transport{}}
			resp, err := client.Post(srv.URL+"/v1/score", "text/plain", bytes.NewReader(body))
			status, retry, msg := 0, "", ""
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				status, retry, msg = resp.StatusCode, resp.Header.Get("Retry-After"), string(b)
			} else {
				msg = err.Error()
			}
			mu.Lock()
			defer mu.Unlock()
			switch {
			case status == http.StatusOK:
				fig.ok++
			case status == http.StatusServiceUnavailable && retry == "1" && strings.Contains(msg, "too many requests in flight"):
				fig.busy++
			default:
				fig.other++
				if len(failures) < 3 {
					failures = append(failures, fmt.Sprintf("status %d, Retry-After %q: %.200s", status, retry, msg))
				}
			}
		})
	}
	wg.Wait()
	fig.burst = time.Since(start)
	idle := time.Now()
	for s.large.busy() {
		time.Sleep(time.Millisecond)
	}
	fig.toIdle = time.Since(idle)
	close(stopSmall)
	<-smallDone
	fig.peakHeap = heap.peak() - base

	slices.Sort(fig.smallLatencies)
	median, slowest := time.Duration(0), time.Duration(0)
	if n := len(fig.smallLatencies); n > 0 {
		median, slowest = fig.smallLatencies[n/2], fig.smallLatencies[n-1]
	}
	t.Logf("%d clients × %.1f MiB, %d slots + %d queued, budget %.0f MiB: %d × 200, %d × 503 (Retry-After 1), %d other, in %v; "+
		"idle %v after the last answer; peak heap %.0f MiB above the base; small calls alongside: %d × 200 (%d other), median %v, slowest %v",
		clients, float64(len(body))/(1<<20), slots, queue, float64(budget)/(1<<20), fig.ok, fig.busy, fig.other,
		fig.burst.Round(time.Millisecond), fig.toIdle.Round(time.Millisecond), float64(fig.peakHeap)/(1<<20),
		fig.smallOK, fig.smallOther, median.Round(time.Millisecond), slowest.Round(time.Millisecond))

	assert.Zero(t, fig.other, "every answer is a 200 or a 503 with Retry-After; the first others: %v", failures)
	assert.GreaterOrEqual(t, fig.ok, slots+queue, "the slots and the queue were used")
	assert.GreaterOrEqual(t, fig.busy, clients/2, "the excess was refused rather than queued")
	assert.LessOrEqual(t, fig.peakHeap, uint64(budget), "the heap stays within the memory budget")
	assert.Positive(t, fig.smallOK, "small calls were scored during the burst")
	assert.Zero(t, fig.smallOther, "no small call was refused or failed: the large lane never holds it up")
	assert.Zero(t, fig.toIdle.Round(100*time.Millisecond), "no work left once every client has its answer")
	assert.NotContains(t, log.String(), "level=ERROR")
}

// TestLoadCancel starts two long analyses, cancels both clients, and checks
// that the work stops: the slots are free again, both requests are logged
// as disconnects, and the process uses next to no CPU in the second after.
// Without cancellation the analyses would run on for seconds, using both
// cores.
func TestLoadCancel(t *testing.T) {
	const slots = 2
	size := 7 << 20
	if raceEnabled {
		size = 2 << 20
	}
	body := largeCall(t, size)
	var log lockedBuffer
	admitted := make(chan struct{}, slots)
	s, err := newServer(config{MaxInFlight: slots, MaxBytes: int64(len(body)), MaxTurns: 1 << 20, Timeout: 5 * time.Minute,
		Logger: slog.New(slog.NewTextHandler(&log, nil)), admitted: func(string) { admitted <- struct{}{} }})
	require.NoError(t, err)
	srv := httptest.NewServer(s)
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	sent := make(chan struct{}, slots)
	for range slots {
		wg.Go(func() {
			client := &http.Client{Transport: &http.Transport{}}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/v1/score", &eofSignal{r: bytes.NewReader(body), eof: sent})
			if err != nil {
				return
			}
			if resp, err := client.Do(req); err == nil {
				resp.Body.Close()
			}
		})
	}
	for range slots {
		<-admitted
		<-sent
	}
	time.Sleep(50 * time.Millisecond) // the bodies are sent: into the parsing and the analysis
	cpuAtCancel := cpuTime(t)
	cancelled := time.Now()
	cancel()
	wg.Wait()
	for s.large.busy() {
		time.Sleep(time.Millisecond)
	}
	toIdle := time.Since(cancelled)
	time.Sleep(time.Until(cancelled.Add(time.Second)))
	cpu1 := cpuTime(t)
	time.Sleep(time.Second)
	cpu2 := cpuTime(t)
	t.Logf("%d analyses of %.1f MiB cancelled: slots free %v later; CPU %v in the first second after, %v in the next",
		slots, float64(len(body))/(1<<20), toIdle.Round(time.Millisecond), (cpu1 - cpuAtCancel).Round(time.Millisecond),
		(cpu2 - cpu1).Round(time.Millisecond))

	assert.Less(t, cpu1-cpuAtCancel, time.Second, "the analyses stop: running on, they would use both cores for the second")
	assert.Less(t, cpu2-cpu1, 300*time.Millisecond, "CPU stops within a second of the cancellation (busy would be 2 s of CPU)")
	stopped := regexp.MustCompile(`msg="client disconnected" method=POST path=/v1/score query="" stage=(read|analysis) `)
	assert.Len(t, stopped.FindAllString(log.String(), -1), slots, "both stopped while reading or analysing:\n%s", log.String())
	assert.NotContains(t, log.String(), "level=ERROR")
}

// eofSignal reads r and sends on eof when r is done.
type eofSignal struct {
	r    io.Reader
	eof  chan<- struct{}
	done bool
}

func (e *eofSignal) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF && !e.done {
		e.done = true
		e.eof <- struct{}{}
	}
	return n, err
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	require.NoError(t, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestLoadAdmission holds every admitted request in its slot and sends a
// burst well beyond the slots and the queue: exactly the slots and the
// queue are admitted, every other request gets its 503 while they are
// held (it does not wait for them), a small call is scored meanwhile, and
// once released the admitted ones get 200.
func TestLoadAdmission(t *testing.T) {
	const clients, slots, queue = 40, 2, 4
	hold := make(chan struct{})
	s, err := newServer(config{MaxInFlight: slots, Queue: queue, admitted: func(lane string) {
		if lane == "large" {
			<-hold
		}
	}})
	require.NoError(t, err)
	srv := httptest.NewServer(s)
	defer srv.Close()
	body := largeCall(t, 2*smallBody)

	type answer struct {
		status int
		retry  string
	}
	answers := make(chan answer, clients)
	for range clients {
		go func() {
			client := &http.Client{Transport: &http.Transport{}}
			resp, err := client.Post(srv.URL+"/v1/score", "text/plain", bytes.NewReader(body))
			if err != nil {
				answers <- answer{}
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			answers <- answer{resp.StatusCode, resp.Header.Get("Retry-After")}
		}()
	}
	for range clients - slots - queue {
		a := <-answers
		assert.Equal(t, answer{http.StatusServiceUnavailable, "1"}, a, "refused at once, while the admitted are held")
	}
	resp, err := srv.Client().Post(srv.URL+"/v1/score", "text/plain", strings.NewReader(readCall(t, "outage.txt")))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, "a small call has a lane of its own")

	s.large.mu.Lock()
	inUse, waiting := slots-s.large.slots, len(s.large.waiting)
	s.large.mu.Unlock()
	assert.Equal(t, slots, inUse)
	assert.Equal(t, queue, waiting)
	close(hold)
	for range slots + queue {
		assert.Equal(t, answer{http.StatusOK, ""}, <-answers)
	}
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
