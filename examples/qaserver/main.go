// Command qaserver is a small HTTP service that scores call transcripts: it
// shows the listenscore and rubric packages embedded in a real server.
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
// Use --data-binary: curl's -d drops the file's line breaks.
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
//	               "status": "partial", "reason": "0.587 is 0.087 above the target ≤ 0.5; …", "evidence": […]}, …]}
//	}
//
// A metric the call does not allow computing (a timing metric on an untimed
// transcript) is null. Query parameters:
//
//   - rubric=NAME grades with NAME.yaml from the -rubrics directory; without
//     it, with the embedded default rubric ("default").
//   - format=F forces a transcript format (text, otter, vtt, srt, json,
//     aws-callanalytics, contactlens, aws-transcribe, deepgram, assemblyai,
//     whisperx).
//   - agent=A,B names the agent's speaker labels, on top of the rubric's
//     roles; every other speaker is then a customer.
//   - turns=1 adds every turn with its tags and their reasons.
//   - lenient=1 skips bad cues with a warning instead of failing.
//
// GET /v1/rubrics lists the rubric names; GET /healthz answers
// {"status": "ok"}.
//
// Errors are JSON, {"error": {"message": "…", "line": 12, "column": 14}},
// with the position of a problem in the transcript when there is one: 400
// for a transcript that cannot be read or a bad query parameter, 404 for an
// unknown rubric or path, 405 for a wrong method, 413 for a body over
// -max-bytes, 415 for a form (multipart, or curl -d: send --data-binary),
// 503 for a request over -timeout.
//
// # Flags
//
//	-addr host:port   listen address (default 127.0.0.1:8080)
//	-rubrics dir      team rubrics, NAME.yaml each; extends stay inside dir
//	-max-bytes n      largest request body (default 8 MiB)
//	-max-turns n      most turns in one transcript (default 20,000)
//	-timeout d        longest time one request may take (default 30s)
//
// Rubrics are loaded once at start, and a rubric with problems stops the
// server with every problem listed; restart it to pick up edited rubrics.
// It logs a line per request to standard error and shuts down gracefully on
// SIGINT and SIGTERM.
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
	"syscall"
	"time"
)

// Server timeouts beside config.Timeout, the per-request limit.
const (
	readHeaderTimeout = 10 * time.Second
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 30 * time.Second
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
	h, err := newServer(cfg)
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
	logger.Info("listening", "addr", ln.Addr().String(), "rubrics", cfg.RubricDir, "max_bytes", cfg.MaxBytes)
	return serve(ctx, ln, newHTTPServer(h, cfg.Timeout), logger)
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
	fl.DurationVar(&cfg.Timeout, "timeout", defaultTimeout, "longest time one request may take")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: qaserver [flags]\n\nServes POST /v1/score, GET /v1/rubrics and GET /healthz.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return "", cfg, err
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
	}
	return *addr, cfg, nil
}

// newHTTPServer returns a server for h whose timeouts leave room for the
// handler's own: reading the body and handling the request count against
// timeout, and the response is written within a few seconds after.
func newHTTPServer(h http.Handler, timeout time.Duration) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readHeaderTimeout + timeout,
		WriteTimeout:      timeout + 5*time.Second,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// serve serves on ln until ctx is done, then shuts down gracefully: it stops
// accepting and waits up to shutdownTimeout for requests in flight.
func serve(ctx context.Context, ln net.Listener, srv *http.Server, logger *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}
