package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/callqa/listenscore/listenscore"
	"github.com/callqa/listenscore/rubric"
)

// Defaults for config.
const (
	defaultMaxBytes    = 8 << 20
	defaultMaxTurns    = 20_000
	defaultTimeout     = 30 * time.Second
	defaultMaxEvidence = 20
	defaultMaxMemory   = 1 << 30
)

// smallBody is the largest body, in bytes, that the small lane takes: a
// call of half an hour or so. Small requests have slots and a queue of
// their own, so that a burst of large uploads never holds them up.
const smallBody = 64 << 10

// memPerByte estimates the memory a scoring request holds at its peak, per
// byte of its body: the body, the transcript, the analysis's features,
// tags, signals of being heard and sentiment, each agent's part, the grade
// and the response. TestMemoryPerByte measures it on a call with one agent
// and on one whose two agents each span the call (the most agents' parts
// an analysis computes): the live peak is up to 26 bytes a body byte (30
// under the race detector), and the collector lets the heap grow to twice
// what is live.
const memPerByte = 64

// retryAfter is the Retry-After of a 503, in seconds: a burst clears in
// about the time one analysis takes.
const retryAfter = "1"

// drainTime is how long a refused request's body is read after the 503 is
// sent, so that closing the connection does not reset an answer the
// client has not read yet.
const drainTime = time.Second

// defaultRubric is the name that selects the embedded default rubric.
const defaultRubric = "default"

// bodyName names the request body in transcript errors:
// "listenscore: body:6:1: end time before start time".
const bodyName = "body"

// maxQuoted is the most bytes of a path or method an error message quotes,
// and maxLogged the most of a path or query a log line does.
const (
	maxQuoted = 64
	maxLogged = 200
)

// config configures newServer. The zero value serves the embedded default
// rubric only, with the default limits.
type config struct {
	// RubricDir is the directory of team rubrics, NAME.yaml each, selected
	// by ?rubric=NAME. Their extends paths resolve inside it, so shared
	// parents may sit in subdirectories. Empty serves the default only.
	RubricDir string
	// MaxBytes limits a request body, in bytes. Default 8 MiB.
	MaxBytes int64
	// MaxTurns limits the turns of one transcript. Default 20,000.
	MaxTurns int
	// Timeout limits one scoring request, from its arrival (waiting in the
	// queue, reading its body, analysing) to its response; a request that
	// takes longer gets 503, and its work stops. Default 30 s.
	Timeout time.Duration
	// MaxInFlight is the most scoring requests that read and analyse at
	// once, per lane (bodies up to 64 KiB, and larger ones). Default: the
	// number of CPUs.
	MaxInFlight int
	// Queue is the most scoring requests that wait for a slot, per lane;
	// beyond it a request gets 503 at once. Default 2 × MaxInFlight.
	Queue int
	// MaxMemory bounds the memory the large lane's requests hold at once,
	// in bytes, each estimated at memPerByte times its body (times MaxBytes
	// when the body's length is not given). Default 1 GiB.
	MaxMemory int64
	// MaxEvidence is the most evidence turns a response lists per
	// criterion; "evidence_omitted" counts the rest. Default 20; negative
	// lists all.
	MaxEvidence int
	// Logger receives a line per request and internal errors; nil
	// discards them.
	Logger *slog.Logger

	// admitted, when set, is called as a scoring request takes its slot in
	// lane ("small" or "large"), before it reads its body: tests hold
	// requests there.
	admitted func(lane string)
}

func (cfg config) withDefaults() config {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = defaultMaxBytes
	}
	if cfg.MaxTurns <= 0 {
		cfg.MaxTurns = defaultMaxTurns
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = defaultTimeout
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = runtime.NumCPU()
	}
	if cfg.Queue <= 0 {
		cfg.Queue = 2 * cfg.MaxInFlight
	}
	if cfg.MaxMemory <= 0 {
		cfg.MaxMemory = defaultMaxMemory
	}
	if cfg.MaxEvidence == 0 {
		cfg.MaxEvidence = defaultMaxEvidence
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return cfg
}

// server is the service's handler. What it holds does not change after
// newServer returns, except the limiters' counts, the metrics and the
// draining flag, which are safe for concurrent use.
type server struct {
	rubrics     map[string]*rubric.Rubric
	names       []string // sorted keys of rubrics
	formats     []listenscore.Format
	maxBytes    int64
	maxTurns    int
	timeout     time.Duration
	maxEvidence int
	log         *slog.Logger
	metrics     *metrics
	// small and large are the two lanes: bodies of a stated length up to
	// smallBody, and the others.
	small, large *limiter
	admitted     func(lane string)
	// draining is set when shutdown begins: /healthz answers 503 so that a
	// load balancer stops sending requests.
	draining atomic.Bool
}

// newServer loads the rubrics of cfg.RubricDir and returns the service's
// handler. A rubric that fails to load is an error that lists every
// problem of every file.
func newServer(cfg config) (*server, error) {
	cfg = cfg.withDefaults()
	rubrics, err := loadRubrics(cfg.RubricDir)
	if err != nil {
		return nil, err
	}
	s := &server{
		rubrics:     rubrics,
		formats:     listenscore.Formats(),
		maxBytes:    cfg.MaxBytes,
		maxTurns:    cfg.MaxTurns,
		timeout:     cfg.Timeout,
		maxEvidence: cfg.MaxEvidence,
		log:         cfg.Logger,
		metrics:     newMetrics(),
		admitted:    cfg.admitted,
	}
	s.small = newLimiter(cfg.MaxInFlight, cfg.Queue, int64(cfg.MaxInFlight)*smallBody*memPerByte, s.metrics.lane("small"))
	s.large = newLimiter(cfg.MaxInFlight, cfg.Queue, cfg.MaxMemory, s.metrics.lane("large"))
	for name, r := range rubrics {
		// Score a line with each rubric now: its settings are compiled
		// at start, not on its first request.
		if _, err := r.Score(context.Background(), name, strings.NewReader("Agent: hello\n"), listenscore.ReadOptions{}); err != nil {
			return nil, fmt.Errorf("rubric %s: %w", name, err)
		}
		s.names = append(s.names, name)
	}
	slices.Sort(s.names)
	return s, nil
}

// endpoints are the paths served, by the name metrics give them.
var endpoints = map[string]string{
	"/v1/score": "score", "/v1/rubrics": "rubrics", "/healthz": "healthz", "/metrics": "metrics",
}

// ServeHTTP routes a request by its exact path (no redirects: any other
// path is a 404), then logs and counts it.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w}
	endpoint, ok := endpoints[r.URL.Path]
	switch {
	case !ok:
		endpoint = "other"
		s.notFound(rec, r)
	case endpoint == "score":
		s.score(rec, r, start)
	case endpoint == "rubrics":
		s.listRubrics(rec, r)
	case endpoint == "healthz":
		s.health(rec, r)
	case r.Method != http.MethodGet && r.Method != http.MethodHead: // metrics
		s.methodNotAllowed(rec, r, "GET, HEAD")
	default:
		s.metrics.handler().ServeHTTP(rec, r)
	}
	d := time.Since(start)
	status := cmpOr(rec.status, http.StatusOK)
	attrs := []any{"method", shorten(r.Method, maxQuoted), "path", shorten(r.URL.Path, maxLogged),
		"query", shorten(r.URL.RawQuery, maxLogged)}
	if rec.gone == "" && rec.writeErr != nil {
		rec.gone = "response"
	}
	if rec.gone != "" {
		// The client hung up: nothing was answered, and that is not the
		// server's error. 499 is nginx's "client closed request".
		status = 499
		attrs = append(attrs, "stage", rec.gone, "duration", d.Round(time.Microsecond), "remote", r.RemoteAddr)
		s.log.Info("client disconnected", attrs...)
	} else {
		level := slog.LevelInfo
		switch {
		case status == http.StatusServiceUnavailable:
			level = slog.LevelWarn // overload or a deadline: working as designed
		case status >= 500:
			level = slog.LevelError
		}
		attrs = append(attrs, "status", status, "bytes", rec.bytes, "duration", d.Round(time.Microsecond), "remote", r.RemoteAddr)
		s.log.Log(r.Context(), level, "request", attrs...)
	}
	s.metrics.observe(endpoint, status, d)
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// shorten cuts s to at most n bytes, on a character boundary, marking the
// cut with "…".
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// loadRubrics loads every NAME.yaml in dir (hidden files and
// subdirectories aside) and the embedded default, named "default". The
// directory is opened as an os.Root, so neither extends paths nor
// symbolic links can reach files outside it.
func loadRubrics(dir string) (map[string]*rubric.Rubric, error) {
	rubrics := map[string]*rubric.Rubric{defaultRubric: rubric.Default()}
	if dir == "" {
		return rubrics, nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	fsys := root.FS()
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, e := range entries {
		file := e.Name()
		name, ok := strings.CutSuffix(file, ".yaml")
		if !ok || e.IsDir() || strings.HasPrefix(file, ".") {
			continue
		}
		switch {
		case !validName(name):
			errs = append(errs, &rubric.Error{File: file, Msg: "the file name cannot be a rubric name: use letters, digits, '-' and '_' only"})
			continue
		case name == defaultRubric:
			errs = append(errs, &rubric.Error{File: file, Msg: `the name "default" is reserved for the embedded default rubric`})
			continue
		}
		r, err := rubric.Load(fsys, file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rubrics[name] = r
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return rubrics, nil
}

// validName reports whether name may name a rubric: letters, digits, '-'
// and '_', so that it cannot be a path.
func validName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}

// scoreParams are the query parameters of POST /v1/score.
type scoreParams struct {
	rubricName string
	rubric     *rubric.Rubric
	format     listenscore.Format
	agents     []string
	turns      bool
	lenient    bool
}

// queryParams lists the query parameters of POST /v1/score, sorted.
var queryParams = []string{"agent", "format", "lenient", "rubric", "turns"}

// parseScoreQuery validates the query of POST /v1/score. An empty value
// means the parameter is not given.
func (s *server) parseScoreQuery(raw string) (scoreParams, *apiError) {
	p := scoreParams{rubricName: defaultRubric}
	q, err := url.ParseQuery(raw)
	if err != nil {
		return p, badRequest("invalid query: %v", err)
	}
	for _, key := range slices.Sorted(maps.Keys(q)) {
		if !slices.Contains(queryParams, key) {
			return p, badRequest("unknown query parameter %q (known: %s)", key, strings.Join(queryParams, ", "))
		}
		if len(q[key]) > 1 && key != "agent" {
			return p, badRequest("query parameter %q given more than once", key)
		}
	}
	if name := q.Get("rubric"); name != "" {
		if !validName(name) {
			return p, badRequest("invalid rubric name %q: use letters, digits, '-' and '_' only", name)
		}
		p.rubricName = name
	}
	p.rubric = s.rubrics[p.rubricName]
	if p.rubric == nil {
		return p, &apiError{status: http.StatusNotFound,
			Message: fmt.Sprintf("unknown rubric %q (available: %s)", p.rubricName, strings.Join(s.names, ", "))}
	}
	if f := q.Get("format"); f != "" {
		p.format = listenscore.Format(f)
		if !slices.Contains(s.formats, p.format) {
			names := make([]string, len(s.formats))
			for i, f := range s.formats {
				names[i] = string(f)
			}
			return p, badRequest("unknown format %q (known: %s)", f, strings.Join(names, ", "))
		}
	}
	for _, v := range q["agent"] {
		for label := range strings.SplitSeq(v, ",") {
			if label = strings.TrimSpace(label); label != "" {
				p.agents = append(p.agents, label)
			}
		}
	}
	for _, flag := range []struct {
		key string
		dst *bool
	}{{"lenient", &p.lenient}, {"turns", &p.turns}} {
		if v := q.Get(flag.key); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return p, badRequest("query parameter %q is %q: want 1 or 0 (true or false)", flag.key, v)
			}
			*flag.dst = b
		}
	}
	return p, nil
}

// roles maps the agent labels of the query to the agent role; the
// rubric's own roles apply to the other speakers.
func (p scoreParams) roles() map[string]listenscore.Role {
	if len(p.agents) == 0 {
		return nil
	}
	roles := make(map[string]listenscore.Role, len(p.agents))
	for _, label := range p.agents {
		roles[label] = listenscore.RoleAgent
	}
	return roles
}

// score handles POST /v1/score: wait for a slot, read the body as a
// transcript, analyse it with the rubric's settings and grade it.
//
// Everything that can be answered without the body is answered first, at
// once: a bad query, a form, a stated length over the limit, and a 503
// when both the slots and the queue of the request's lane are full. The
// request's deadline covers the wait, the read (a stalled upload ends at
// it) and the analysis, which stops at the deadline or when the client
// hangs up.
func (s *server) score(w *statusRecorder, r *http.Request, start time.Time) {
	if r.Method != http.MethodPost {
		s.methodNotAllowed(w, r, http.MethodPost)
		return
	}
	p, apiErr := s.parseScoreQuery(r.URL.RawQuery)
	if apiErr != nil {
		s.writeError(w, apiErr)
		return
	}
	form := false
	if ct := r.Header.Get("Content-Type"); ct != "" {
		switch mt, _, _ := mime.ParseMediaType(ct); mt {
		case "multipart/form-data":
			s.writeError(w, &apiError{status: http.StatusUnsupportedMediaType,
				Message: mt + " is not read: send the transcript itself as the request body (curl --data-binary @call.vtt)"})
			return
		case "application/x-www-form-urlencoded":
			// What curl sends with --data-binary as well as with -d: the
			// body is read as it is, unless -d took out its line breaks.
			form = true
		}
	}
	if r.ContentLength > s.maxBytes {
		w.Header().Set("Connection", "close") // rather than read the body to reuse the connection
		s.writeError(w, s.tooLarge())
		return
	}
	deadline := start.Add(s.timeout)
	ctx, cancel := context.WithDeadline(r.Context(), deadline)
	defer cancel()
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(deadline) // a stalled upload ends at the deadline

	lane, laneName, need := s.large, "large", s.maxBytes*memPerByte
	if r.ContentLength >= 0 {
		need = r.ContentLength * memPerByte
		if r.ContentLength <= smallBody {
			lane, laneName = s.small, "small"
		}
	}
	if err := lane.acquire(ctx, need); err != nil {
		if errors.Is(err, errBusy) {
			s.busy(w, r, rc)
		} else {
			s.stopped(w, r, "queue", deadline)
		}
		return
	}
	defer lane.release(need)
	if s.admitted != nil {
		s.admitted(laneName)
	}

	var body io.Reader = http.MaxBytesReader(w, r.Body, s.maxBytes)
	if form {
		b, err := io.ReadAll(body)
		if err != nil {
			s.readFailed(w, r, err, deadline)
			return
		}
		if len(b) > 0 && !bytes.ContainsAny(b, "\r\n") && !looksLikeJSON(b) {
			s.writeError(w, &apiError{status: http.StatusUnsupportedMediaType,
				Message: "the form-encoded body has no line breaks (curl -d removes them): send the file as it is, with curl --data-binary @call.vtt"})
			return
		}
		body = bytes.NewReader(b)
	}
	res, err := p.rubric.Score(ctx, bodyName, body, listenscore.ReadOptions{
		Format:   p.format,
		Roles:    p.roles(),
		Lenient:  p.lenient,
		MaxBytes: s.maxBytes,
		MaxTurns: s.maxTurns,
	})
	if err != nil {
		s.readFailed(w, r, err, deadline)
		return
	}
	if r.Context().Err() != nil {
		s.stopped(w, r, "response", deadline) // the client hung up as the analysis ended
		return
	}
	res.LimitEvidence(s.maxEvidence)
	s.writeJSON(w, r, http.StatusOK, newScoreResponse(p.rubricName, res, p.turns))
}

// looksLikeJSON reports a body that opens a JSON object or array: JSON
// needs no line breaks.
func looksLikeJSON(b []byte) bool {
	b = bytes.TrimLeft(b, " \t")
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}

// readFailed answers a request whose transcript could not be read or
// analysed: 413 for a body over the limit, 400 with the position for a
// transcript that cannot be read; otherwise the work stopped (see
// stopped).
func (s *server) readFailed(w *statusRecorder, r *http.Request, err error, deadline time.Time) {
	var mbe *http.MaxBytesError
	var pe *listenscore.ParseError
	switch {
	case errors.As(err, &mbe) || errors.Is(err, listenscore.ErrTooLarge):
		w.Header().Set("Connection", "close")
		s.writeError(w, s.tooLarge())
	case errors.As(err, &pe):
		e := &apiError{status: http.StatusBadRequest, Message: err.Error()}
		e.Line, e.Column = pe.Line, pe.Column
		s.writeError(w, e)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		s.stopped(w, r, "analysis", deadline)
	default:
		// Reading the body failed: the read deadline passed (a stalled
		// upload), or the client went away while sending.
		s.stopped(w, r, "read", deadline)
	}
}

// stopped answers a request whose work stopped early, at stage (queue,
// read, analysis): a 503 with Retry-After when its deadline passed;
// nothing when the client hung up, which the request log records as a
// disconnect.
func (s *server) stopped(w *statusRecorder, r *http.Request, stage string, deadline time.Time) {
	if time.Now().Before(deadline) {
		s.metrics.stopped.WithLabelValues("disconnect", stage).Inc()
		w.gone = stage
		return
	}
	s.metrics.stopped.WithLabelValues("timeout", stage).Inc()
	w.Header().Set("Retry-After", retryAfter)
	w.Header().Set("Connection", "close")
	s.writeError(w, &apiError{status: http.StatusServiceUnavailable,
		Message: fmt.Sprintf("request took longer than %v (stopped in %s)", s.timeout, stage)})
}

// busy answers 503 at once, before reading the body: every slot of the
// lane is taken and its queue is full. The answer is flushed first, so
// that a client stalled in its upload gets it too; the body is then read
// and dropped for at most drainTime, so that closing the connection does
// not reset an answer the client has not read yet.
func (s *server) busy(w *statusRecorder, r *http.Request, rc *http.ResponseController) {
	_ = rc.EnableFullDuplex()
	w.Header().Set("Retry-After", retryAfter)
	w.Header().Set("Connection", "close")
	s.writeError(w, &apiError{status: http.StatusServiceUnavailable,
		Message: "too many requests in flight: retry after " + retryAfter + " s"})
	_ = rc.Flush()
	if rc.SetReadDeadline(time.Now().Add(drainTime)) == nil {
		_, _ = io.CopyN(io.Discard, r.Body, s.maxBytes)
	}
}

func (s *server) tooLarge() *apiError {
	return &apiError{status: http.StatusRequestEntityTooLarge,
		Message: fmt.Sprintf("request body larger than %d bytes", s.maxBytes)}
}

// rubricInfo is one entry of GET /v1/rubrics.
type rubricInfo struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Criteria    int    `json:"criteria"`
}

// listRubrics handles GET /v1/rubrics.
func (s *server) listRubrics(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.methodNotAllowed(w, r, "GET, HEAD")
		return
	}
	list := make([]rubricInfo, len(s.names))
	for i, name := range s.names {
		rb := s.rubrics[name]
		list[i] = rubricInfo{Name: name, Description: rb.Description, Criteria: len(rb.Criteria)}
	}
	s.writeJSON(w, r, http.StatusOK, struct {
		Default string       `json:"default"`
		Rubrics []rubricInfo `json:"rubrics"`
	}{defaultRubric, list})
}

// health handles GET /healthz.
func (s *server) health(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.methodNotAllowed(w, r, "GET, HEAD")
		return
	}
	if s.draining.Load() {
		s.writeJSON(w, r, http.StatusServiceUnavailable, map[string]string{"status": "draining"})
		return
	}
	s.writeJSON(w, r, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.writeError(w, &apiError{status: http.StatusNotFound,
		Message: fmt.Sprintf("no such endpoint %q (endpoints: POST /v1/score, GET /v1/rubrics, GET /healthz, GET /metrics)", shorten(r.URL.Path, maxQuoted))})
}

func (s *server) methodNotAllowed(w http.ResponseWriter, r *http.Request, allow string) {
	w.Header().Set("Allow", allow)
	s.writeError(w, &apiError{status: http.StatusMethodNotAllowed,
		Message: fmt.Sprintf("method %s not allowed on %s (allowed: %s)", shorten(r.Method, maxQuoted), r.URL.Path, allow)})
}

// apiError is a request that failed, rendered as
// {"error": {"message": …, "line": …, "column": …}}.
type apiError struct {
	status  int
	Message string `json:"message"`
	// Line and Column locate a problem in the transcript; 0 when unknown.
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, Message: fmt.Sprintf(format, args...)}
}

func (s *server) writeError(w http.ResponseWriter, e *apiError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	w.Write(errorBody(e))
}

// errorBody renders e as {"error": {…}} on one line.
func errorBody(e *apiError) []byte {
	b, err := encode(struct {
		Error *apiError `json:"error"`
	}{e}, false)
	if err != nil { // cannot happen: strings and ints only
		return []byte(`{"error":{"message":"internal error"}}` + "\n")
	}
	return b
}

// encode renders v as JSON and a newline, indented or not, leaving '<',
// '>' and '&' as they are: a transcript's "<v Name>" stays readable.
func encode(v any, indent bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// internalError logs err and answers 500 without details.
func (s *server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	s.writeError(w, &apiError{status: http.StatusInternalServerError, Message: "internal error"})
}

// writeJSON writes v, indented, or a 500 if it cannot be encoded.
func (s *server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := encode(v, true)
	if err != nil {
		s.internalError(w, r, fmt.Errorf("encode response: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// statusRecorder records the status and size of a response, or the stage
// at which the client hung up.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
	gone   string // "queue", "read", "analysis" or "response" when the client hung up
	// writeErr is the first error writing the response: the client is
	// gone.
	writeErr error
}

func (rec *statusRecorder) WriteHeader(status int) {
	rec.status = status
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *statusRecorder) Write(b []byte) (int, error) {
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += n
	if err != nil && rec.writeErr == nil {
		rec.writeErr = err
	}
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (rec *statusRecorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }
