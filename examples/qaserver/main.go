// Command qaserver is an HTTP service that scores call transcripts: the
// listenscore and rubric packages embedded in a server built to be
// deployed, with bounded work, cancellation, metrics and graceful shutdown.
//
// Run it with a directory of team rubrics (NAME.yaml each, typically
// "extends: default"):
//
//	go run ./examples/qaserver -rubrics examples/rubrics
//
// and score a call against the embedded default rubric, or a team's:
//
//	curl --data-binary @testdata/calls/billing-dispute.vtt localhost:8080/v1/score
//	curl --data-binary @call.json 'localhost:8080/v1/score?rubric=tech-support&format=deepgram&agent=Speaker%201&turns=1'
//
// The body is the transcript as it is, whatever its Content-Type (curl
// sends --data-binary as a form); a multipart form (curl -F) is refused,
// and so is a form without line breaks, which is what curl -d makes of a
// transcript.
//
// # Endpoints
//
// POST /v1/score reads the request body as a transcript in any format
// listenscore reads, detected from the content, and answers with the call's
// metrics and its grade:
//
//	{
//	  "rubric": "default",
//	  "format": "vtt",
//	  "turn_count": 26,
//	  "duration_seconds": 169.8,
//	  "speakers": [{"label": "Priya Shah", "role": "agent", "role_source": "content",
//	                "role_reason": "said \"thank you for calling\" in turn 0"}, …],
//	  "metrics": {"acknowledgments": 3, "agent_talk_ratio": 0.587, "customer_name_uses": null, …},
//	  "grade": {"rubric": "default", "score": 94.55, "grade": "excellent", "passed": true,
//	            "auto_failed": false, "points": 113.46, "max_points": 120, "criteria": [
//	              {"id": "talk_ratio", "metric": "agent_talk_ratio", "value": 0.587, "points": 8.46, "max": 15,
//	               "status": "partial", "reason": "0.587 is 0.087 above the target ≤ 0.5; …",
//	               "evidence": [{"turn": 3, "speaker": "Priya Shah", "text": "…", "reason": "…"}, …],
//	               "evidence_omitted": 12}, …]}
//	}
//
// A metric the call does not allow computing (a timing metric on an untimed
// transcript) is null. Each criterion lists at most -max-evidence evidence
// turns; "evidence_omitted" counts the rest. Query parameters:
//
//   - rubric=NAME grades with NAME.yaml from the -rubrics directory; without
//     it, with the embedded default rubric ("default").
//   - format=F forces a transcript format (text, otter, vtt, srt, json,
//     aws-callanalytics, contactlens, aws-transcribe, deepgram, assemblyai,
//     whisperx).
//   - agent=A,B names the agent's speaker labels, on top of the rubric's
//     roles; every other speaker is then a customer.
//   - turns=1 adds every turn ("turn", its index, as in evidence) with its
//     tags and their reasons.
//   - lenient=1 skips bad cues with a warning instead of failing.
//
// GET /v1/rubrics lists the rubric names; GET /healthz answers
// {"status": "ok"}, or 503 {"status": "draining"} once shutdown has begun;
// GET /metrics serves Prometheus metrics: qaserver_requests_total by
// endpoint and code, qaserver_request_duration_seconds, qaserver_in_flight
// and qaserver_queued by lane, qaserver_stopped_total by reason and stage,
// and the Go runtime's and the process's.
//
// # Under load
//
// At most -max-inflight scoring requests read and analyse at once, and
// -queue more wait for a slot; a request beyond that gets 503 with
// Retry-After at once, before its body is read, so that an overload never
// piles up (a client stalled in its upload gets the 503 too). Bodies up to
// 64 KiB (a call of half an hour) have slots and a queue of their own: a
// burst of large uploads does not hold up a short call. Large requests
// also share a memory budget, -max-memory, each counted at 64 times its
// body. Each scoring request has -timeout from its arrival: waiting, reading
// its body and analysing. When it passes, or the client hangs up, the
// analysis stops within a few hundred turns; the client gets 503, or, when
// it is gone, the log says "client disconnected" (not an error).
//
// Errors are JSON, {"error": {"message": "…", "line": 12, "column": 14}},
// with the position of a problem in the transcript when there is one: 400
// for a transcript that cannot be read or a bad query parameter, 404 for an
// unknown rubric or path, 405 for a wrong method, 413 for a body over
// -max-bytes, 415 for a multipart form or a form without line breaks, 431
// for headers over 64 KiB, 503 when busy or over -timeout. No message
// quotes more than 64 bytes of a path.
//
// # Flags
//
//	-addr host:port    listen address (default 127.0.0.1:8080)
//	-rubrics dir       team rubrics, NAME.yaml each; extends stay inside dir
//	-max-bytes n       largest request body (default 8 MiB)
//	-max-turns n       most turns in one transcript (default 20,000)
//	-timeout d         longest time one scoring request may take (default 30s)
//	-max-inflight n    scoring requests read and analysed at once, per lane (default: CPUs)
//	-queue n           scoring requests waiting for a slot, per lane (default 2 × max-inflight)
//	-max-memory n      memory budget of the large requests in flight (default 1 GiB)
//	-max-evidence n    evidence turns listed per criterion (default 20; -1 all)
//
// Rubrics are loaded once at start, and a rubric with problems stops the
// server with every problem listed; restart it to pick up edited rubrics.
// It logs a line per request to standard error. On SIGINT or SIGTERM it
// stops accepting connections, answers /healthz with 503, and lets the
// requests in flight and in the queue finish for up to 30 s; what is left
// then is stopped.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

// Server timeouts beside config.Timeout, the per-request limit.
const (
	readHeaderTimeout = 10 * time.Second
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 30 * time.Second
	maxHeaderBytes    = 64 << 10
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return
	case err != nil:
		fmt.Fprintf(os.Stderr, "qaserver: %v\n", err)
		stop()
		os.Exit(2)
	}
}

// run parses the flags, loads the rubrics, and serves until ctx is done.
func run(ctx context.Context, args []string, stderr io.Writer) error {
	addr, cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	cfg.Logger = logger
	s, err := newServer(cfg)
	if err != nil {
		if cfg.RubricDir != "" {
			return fmt.Errorf("loading rubrics from %s:\n%w", cfg.RubricDir, err)
		}
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	cfg = cfg.withDefaults()
	logger.Info("listening", "addr", ln.Addr().String(), "rubrics", cfg.RubricDir, "max_bytes", cfg.MaxBytes,
		"max_inflight", cfg.MaxInFlight, "queue", cfg.Queue, "max_memory", cfg.MaxMemory)
	return serve(ctx, ln, s, cfg.Timeout, shutdownTimeout)
}

// parseFlags returns the listen address and the server's config.
func parseFlags(args []string, stderr io.Writer) (string, config, error) {
	var cfg config
	fl := flag.NewFlagSet("qaserver", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "listen on `host:port`")
	fl.StringVar(&cfg.RubricDir, "rubrics", "", "`dir`ectory of team rubrics, NAME.yaml each, chosen by ?rubric=NAME (default: the embedded rubric only)")
	fl.Int64Var(&cfg.MaxBytes, "max-bytes", defaultMaxBytes, "largest request body in `bytes`")
	fl.IntVar(&cfg.MaxTurns, "max-turns", defaultMaxTurns, "most turns in one transcript")
	fl.DurationVar(&cfg.Timeout, "timeout", defaultTimeout, "longest time one scoring request may take, waiting included")
	fl.IntVar(&cfg.MaxInFlight, "max-inflight", runtime.NumCPU(), "scoring requests read and analysed at once, per lane (bodies up to 64 KiB, and larger)")
	queue := fl.Int("queue", -1, "scoring requests waiting for a slot, per lane; beyond, 503 at once (default 2 × -max-inflight)")
	fl.Int64Var(&cfg.MaxMemory, "max-memory", defaultMaxMemory, "memory budget in `bytes` of the large requests in flight, each counted at "+strconv.Itoa(memPerByte)+" × its body")
	fl.IntVar(&cfg.MaxEvidence, "max-evidence", defaultMaxEvidence, "evidence turns listed per criterion (-1: all)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: qaserver [flags]\n\nServes POST /v1/score, GET /v1/rubrics, GET /healthz and GET /metrics.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return "", cfg, err
	}
	cfg.Queue = *queue
	if *queue < 0 {
		cfg.Queue = 2 * cfg.MaxInFlight
	}
	switch {
	case fl.NArg() > 0:
		return "", cfg, fmt.Errorf("unexpected argument %q", fl.Arg(0))
	case cfg.MaxBytes <= 0:
		return "", cfg, fmt.Errorf("-max-bytes must be positive, not %d", cfg.MaxBytes)
	case cfg.MaxTurns <= 0:
		return "", cfg, fmt.Errorf("-max-turns must be positive, not %d", cfg.MaxTurns)
	case cfg.Timeout <= 0:
		return "", cfg, fmt.Errorf("-timeout must be positive, not %v", cfg.Timeout)
	case cfg.MaxInFlight <= 0:
		return "", cfg, fmt.Errorf("-max-inflight must be positive, not %d", cfg.MaxInFlight)
	case *queue == 0:
		return "", cfg, errors.New("-queue must be positive: a request that finds every slot taken for an instant would get 503")
	case cfg.MaxMemory < cfg.MaxBytes*memPerByte:
		return "", cfg, fmt.Errorf("-max-memory %d cannot hold one request of -max-bytes: want at least %d (%d × %d)",
			cfg.MaxMemory, cfg.MaxBytes*memPerByte, memPerByte, cfg.MaxBytes)
	case cfg.MaxEvidence == 0:
		return "", cfg, errors.New("-max-evidence must be positive, or -1 for all")
	}
	return *addr, cfg, nil
}

// newHTTPServer returns a server for h whose timeouts leave room for the
// handler's own: reading the body and handling the request count against
// timeout, and the response is written within a few seconds after. Every
// request's context is derived from base, so that cancelling base stops
// the work in flight.
func newHTTPServer(h http.Handler, timeout time.Duration, base context.Context) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readHeaderTimeout + timeout,
		WriteTimeout:      timeout + 5*time.Second,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
}

// serve serves s on ln until ctx is done, then shuts down gracefully: it
// stops accepting connections, answers /healthz with 503, and waits up to
// grace for the requests in flight and in the queue; then it stops their
// work and closes what is left.
func serve(ctx context.Context, ln net.Listener, s *server, timeout, grace time.Duration) error {
	base, stopWork := context.WithCancel(context.Background())
	defer stopWork()
	srv := newHTTPServer(s, timeout, base)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(jsonErrorListener{ln}) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.log.Info("shutting down", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		s.log.Warn("grace period over: stopping the requests left", "err", err)
		stopWork()
		srv.Close()
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	s.log.Info("stopped")
	return nil
}
