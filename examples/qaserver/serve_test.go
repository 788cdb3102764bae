package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// served is a server running serve on loopback.
type served struct {
	addr   string
	log    *lockedBuffer
	s      *server
	cancel context.CancelFunc // begins the shutdown
	done   chan error         // serve's result
}

// startServing runs serve with cfg on a loopback port, with the given
// grace period for the shutdown.
func startServing(t *testing.T, cfg config, grace time.Duration) *served {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	log := new(lockedBuffer)
	cfg.Logger = slog.New(slog.NewTextHandler(log, nil))
	s, err := newServer(cfg)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	sv := &served{addr: ln.Addr().String(), log: log, s: s, cancel: cancel, done: make(chan error, 1)}
	go func() { sv.done <- serve(ctx, ln, s, s.timeout, grace) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-sv.done:
		case <-time.After(grace + 10*time.Second):
			t.Error("serve did not return")
		}
	})
	return sv
}

func (sv *served) url(path string) string { return "http://" + sv.addr + path }

// get returns the status and body of GET path.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestServeShutdown(t *testing.T) {
	sv := startServing(t, config{}, 5*time.Second)
	status, body := get(t, sv.url("/healthz"))
	assert.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, `{"status": "ok"}`, body)

	sv.cancel()
	require.NoError(t, <-sv.done)
	sv.done <- nil // for the cleanup
	assert.Contains(t, sv.log.String(), `msg=request method=GET path=/healthz query="" status=200 bytes=21`)
	assert.Contains(t, sv.log.String(), `msg="shutting down"`)
	assert.Contains(t, sv.log.String(), `msg=stopped`)
}

// TestShutdownDrains holds a scoring request in its slot, begins the
// shutdown, and checks that the request still gets its 200, that
// /healthz says draining meanwhile, and that serve returns after it.
func TestShutdownDrains(t *testing.T) {
	hold, held := make(chan struct{}), make(chan struct{}, 1)
	sv := startServing(t, config{admitted: func(string) { held <- struct{}{}; <-hold }}, 20*time.Second)
	call := readCall(t, "outage.txt")
	result := make(chan int, 1)
	go func() {
		resp, err := http.Post(sv.url("/v1/score"), "text/plain", strings.NewReader(call))
		if err != nil {
			result <- 0
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		result <- resp.StatusCode
	}()
	<-held
	sv.cancel()
	require.Eventually(t, sv.s.draining.Load, 5*time.Second, time.Millisecond)
	w := do(t, sv.s, request{method: http.MethodGet, target: "/healthz"})
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.JSONEq(t, `{"status": "draining"}`, w.Body.String())
	_, err := http.Get(sv.url("/healthz"))
	assert.Error(t, err, "no new connection once shutdown has begun")
	select {
	case err := <-sv.done:
		t.Fatalf("serve returned %v with a request in flight", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(hold)
	assert.Equal(t, http.StatusOK, <-result, "the request in flight finishes")
	require.NoError(t, <-sv.done)
	sv.done <- nil
}

// TestShutdownGraceOver checks that when the grace period ends, the work
// left is stopped and serve returns.
func TestShutdownGraceOver(t *testing.T) {
	hold, held := make(chan struct{}), make(chan struct{}, 1)
	defer close(hold)
	sv := startServing(t, config{admitted: func(string) { held <- struct{}{}; <-hold }}, 100*time.Millisecond)
	go func() {
		resp, err := http.Post(sv.url("/v1/score"), "text/plain", strings.NewReader(readCall(t, "outage.txt")))
		if err == nil {
			resp.Body.Close()
		}
	}()
	<-held
	sv.cancel()
	select {
	case err := <-sv.done:
		require.NoError(t, err)
		sv.done <- nil
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after the grace period")
	}
	assert.Contains(t, sv.log.String(), `msg="grace period over: stopping the requests left"`)
}

// rawRequest writes req on a new connection and returns the response, read
// within the timeout.
func rawRequest(t *testing.T, addr, req string) *http.Response {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	require.NoError(t, c.SetDeadline(time.Now().Add(10*time.Second)))
	_, err = io.WriteString(c, req)
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// TestNetHTTPErrorsAreJSON checks the answers net/http writes before any
// handler runs: they are JSON too.
func TestNetHTTPErrorsAreJSON(t *testing.T) {
	sv := startServing(t, config{}, time.Second)
	tests := []struct {
		name   string
		req    string
		status int
		msg    string
	}{
		{name: "headers too large", status: http.StatusRequestHeaderFieldsTooLarge, msg: "request headers larger than 65536 bytes",
			req: "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 100<<10) + "\r\n\r\n"},
		{name: "malformed request line", status: http.StatusBadRequest, msg: "bad request",
			req: "GARBAGE\r\n\r\n"},
		{name: "no host", status: http.StatusBadRequest, msg: "bad request: missing required Host header",
			req: "GET /healthz HTTP/1.1\r\n\r\n"},
		{name: "unsupported transfer encoding", status: http.StatusNotImplemented, msg: "unsupported transfer encoding",
			req: "POST /v1/score HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := rawRequest(t, sv.addr, tt.req)
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
			var e struct {
				Error struct{ Message string } `json:"error"`
			}
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&e))
			assert.Equal(t, tt.msg, e.Error.Message)
		})
	}
	status, _ := get(t, sv.url("/healthz"))
	assert.Equal(t, http.StatusOK, status, "ordinary answers pass through untouched")
}

// TestStalledUploadGets503 fills the only slot and the queue, then sends
// the headers of a large upload and stalls: the 503 comes at once, without
// waiting for the body or a timeout.
func TestStalledUploadGets503(t *testing.T) {
	hold, held := make(chan struct{}), make(chan struct{}, 4)
	defer close(hold)
	sv := startServing(t, config{MaxInFlight: 1, Queue: 1, Timeout: time.Minute, admitted: func(string) { held <- struct{}{}; <-hold }}, time.Second)
	call := readCall(t, "outage.txt")
	big := strings.Repeat(call, (smallBody/len(call))+1) // the large lane
	for range 2 {                                        // one in the slot, one in the queue
		go func() {
			resp, err := http.Post(sv.url("/v1/score"), "text/plain", strings.NewReader(big))
			if err == nil {
				resp.Body.Close()
			}
		}()
	}
	<-held
	require.Eventually(t, func() bool { return queued(sv.s.large) == 1 }, 5*time.Second, time.Millisecond)

	start := time.Now()
	resp := rawRequest(t, sv.addr, fmt.Sprintf("POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\nAgent: hel", 7<<20))
	elapsed := time.Since(start)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Equal(t, "1", resp.Header.Get("Retry-After"))
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, `{"error":{"message":"too many requests in flight: retry after 1 s"}}`+"\n", string(b))
	t.Logf("503 to a stalled upload after %v", elapsed.Round(time.Millisecond))
	assert.Less(t, elapsed, 30*time.Second, "answered before the minute's timeout, without the body")
}

// queued returns the requests waiting in l.
func queued(l *limiter) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.waiting)
}

// TestDisconnectIsNotAnError checks that a client that hangs up before its
// answer is logged as a disconnect, not as a server error, and that its
// work stops.
func TestDisconnectIsNotAnError(t *testing.T) {
	hold, held := make(chan struct{}), make(chan struct{}, 1)
	sv := startServing(t, config{admitted: func(string) { held <- struct{}{}; <-hold }}, time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	call := readCall(t, "outage.txt")
	long := strings.Repeat(call, 200<<10/len(call)) // an analysis long enough to see the hang-up
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, sv.url("/v1/score"), strings.NewReader(long))
	require.NoError(t, err)
	errc := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	<-held
	cancel()
	assert.Error(t, <-errc)
	close(hold)
	require.Eventually(t, func() bool { return strings.Contains(sv.log.String(), `msg="client disconnected"`) },
		5*time.Second, 5*time.Millisecond)
	assert.Regexp(t, `level=INFO msg="client disconnected" method=POST path=/v1/score query="" stage=(read|analysis|response) `, sv.log.String())
	assert.NotContains(t, sv.log.String(), "level=ERROR")
	assert.NotContains(t, sv.log.String(), "status=200")
}

func TestMetricsEndpoint(t *testing.T) {
	s, err := newServer(config{})
	require.NoError(t, err)
	do(t, s, request{method: http.MethodGet, target: "/healthz"})
	do(t, s, request{method: http.MethodPost, target: "/v1/score", body: readCall(t, "outage.txt")})
	do(t, s, request{method: http.MethodGet, target: "/nope"})
	w := do(t, s, request{method: http.MethodGet, target: "/metrics"})
	require.Equal(t, http.StatusOK, w.Code)
	assert.True(t, strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain; version=0.0.4"), w.Header().Get("Content-Type"))
	body := w.Body.String()
	for _, want := range []string{
		`qaserver_requests_total{code="200",endpoint="healthz"} 1`,
		`qaserver_requests_total{code="200",endpoint="score"} 1`,
		`qaserver_requests_total{code="404",endpoint="other"} 1`,
		`qaserver_in_flight{lane="small"} 0`,
		`qaserver_queued{lane="large"} 0`,
		`qaserver_request_duration_seconds_count{endpoint="score"} 1`,
		`qaserver_request_duration_seconds_bucket{endpoint="score",le="+Inf"} 1`,
		"go_goroutines ",
		"go_memstats_heap_alloc_bytes ",
		"process_cpu_seconds_total ",
	} {
		assert.Contains(t, body, want)
	}
}

// TestCurlDataBinary checks the README's curl command: curl sends
// --data-binary as application/x-www-form-urlencoded, and the body is read
// as the transcript it is.
func TestCurlDataBinary(t *testing.T) {
	s, err := newServer(config{})
	require.NoError(t, err)
	for _, file := range []string{"outage.vtt", "outage.txt", "outage.json"} {
		w := do(t, s, request{method: http.MethodPost, target: "/v1/score", body: readCall(t, file),
			contentType: "application/x-www-form-urlencoded"})
		assert.Equal(t, http.StatusOK, w.Code, "%s: %s", file, w.Body.String())
	}
	// curl -d takes out the line breaks: JSON survives that, a text
	// transcript does not, and the hint says how to send it.
	json := strings.ReplaceAll(readCall(t, "outage.json"), "\n", "")
	w := do(t, s, request{method: http.MethodPost, target: "/v1/score", body: json, contentType: "application/x-www-form-urlencoded"})
	assert.Equal(t, http.StatusOK, w.Code, w.Body.String())
}
