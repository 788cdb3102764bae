package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/callqa/listenscore/listenscore"
	"github.com/callqa/listenscore/rubric"
)

// Defaults for config.
const (
	defaultMaxBytes = 8 << 20
	defaultMaxTurns = 20_000
	defaultTimeout  = 30 * time.Second
)

// defaultRubric is the name that selects the embedded default rubric.
const defaultRubric = "default"

// bodyName names the request body in transcript errors:
// "listenscore: body:6:1: end time before start time".
const bodyName = "body"

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
	// Timeout limits one request, from reading its body to writing the
	// response; a request that takes longer gets 503. Default 30 s.
	Timeout time.Duration
	// Logger receives a line per request and internal errors; nil
	// discards them.
	Logger *slog.Logger
}

// server holds what the handlers share. Nothing in it changes after
// newServer returns, so requests read it concurrently without locks.
type server struct {
	rubrics map[string]*rubric.Rubric
	// analyzers hold each rubric's settings and phrases, compiled once.
	analyzers map[string]*listenscore.Analyzer
	names     []string // sorted keys of rubrics
	formats   []listenscore.Format
	maxBytes  int64
	maxTurns  int
	log       *slog.Logger
}

// newServer loads the rubrics of cfg.RubricDir and returns the service's
// handler. A rubric that fails to load is an error that lists every
// problem of every file.
func newServer(cfg config) (http.Handler, error) {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = defaultMaxBytes
	}
	if cfg.MaxTurns <= 0 {
		cfg.MaxTurns = defaultMaxTurns
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = defaultTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	rubrics, err := loadRubrics(cfg.RubricDir)
	if err != nil {
		return nil, err
	}
	s := &server{
		rubrics:   rubrics,
		analyzers: make(map[string]*listenscore.Analyzer, len(rubrics)),
		formats:   listenscore.Formats(),
		maxBytes:  cfg.MaxBytes,
		maxTurns:  cfg.MaxTurns,
		log:       cfg.Logger,
	}
	for name, r := range rubrics {
		az, err := listenscore.NewAnalyzer(r.Config())
		if err != nil {
			return nil, fmt.Errorf("rubric %s: %w", name, err)
		}
		s.analyzers[name] = az
		s.names = append(s.names, name)
	}
	slices.Sort(s.names)

	mux := http.NewServeMux()
	mux.HandleFunc("/v1/score", s.score)
	mux.HandleFunc("/v1/rubrics", s.listRubrics)
	mux.HandleFunc("/healthz", s.health)
	mux.HandleFunc("/", s.notFound)
	return s.logRequests(withTimeout(mux, cfg.Timeout)), nil
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

// roles merges the rubric's roles with the agent labels of the query.
func (p scoreParams) roles() map[string]listenscore.Role {
	roles := maps.Clone(p.rubric.Roles()) // the request's own: agents are added below
	if len(p.agents) > 0 && roles == nil {
		roles = make(map[string]listenscore.Role, len(p.agents))
	}
	for _, label := range p.agents {
		roles[label] = listenscore.RoleAgent
	}
	return roles
}

// score handles POST /v1/score: read the body as a transcript, analyse it
// with the rubric's settings and grade it.
func (s *server) score(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		s.methodNotAllowed(w, r, http.MethodPost)
		return
	}
	p, apiErr := s.parseScoreQuery(r.URL.RawQuery)
	if apiErr != nil {
		s.writeError(w, apiErr)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		// A form is not a transcript; curl -d also strips the file's line
		// breaks on the way, so the transcript would arrive broken.
		if mt, _, _ := mime.ParseMediaType(ct); mt == "multipart/form-data" || mt == "application/x-www-form-urlencoded" {
			s.writeError(w, &apiError{status: http.StatusUnsupportedMediaType,
				Message: mt + " is not read: send the transcript itself as the request body (curl --data-binary @call.vtt)"})
			return
		}
	}
	if r.ContentLength > s.maxBytes {
		s.writeError(w, s.tooLarge())
		return
	}
	body := http.MaxBytesReader(w, r.Body, s.maxBytes)
	t, err := listenscore.Read(bodyName, body, listenscore.ReadOptions{
		Format:   p.format,
		Roles:    p.roles(),
		Lenient:  p.lenient,
		MaxBytes: s.maxBytes,
		MaxTurns: s.maxTurns,
	})
	if err != nil {
		s.writeError(w, s.readError(err))
		return
	}
	a, err := s.analyzers[p.rubricName].Analyze(t)
	if err != nil {
		s.internalError(w, r, fmt.Errorf("analyze: %w", err))
		return
	}
	s.writeJSON(w, r, http.StatusOK, newScoreResponse(p.rubricName, a, p.rubric.Grade(a), p.turns))
}

// readError turns an error of listenscore.Read into a 400 or 413.
func (s *server) readError(err error) *apiError {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || errors.Is(err, listenscore.ErrTooLarge) {
		return s.tooLarge()
	}
	e := &apiError{status: http.StatusBadRequest, Message: err.Error()}
	var pe *listenscore.ParseError
	if errors.As(err, &pe) {
		e.Line, e.Column = pe.Line, pe.Column
	}
	return e
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
	s.writeJSON(w, r, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.writeError(w, &apiError{status: http.StatusNotFound,
		Message: fmt.Sprintf("no such endpoint %q (endpoints: POST /v1/score, GET /v1/rubrics, GET /healthz)", r.URL.Path)})
}

func (s *server) methodNotAllowed(w http.ResponseWriter, r *http.Request, allow string) {
	w.Header().Set("Allow", allow)
	s.writeError(w, &apiError{status: http.StatusMethodNotAllowed,
		Message: fmt.Sprintf("method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, allow)})
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

// withTimeout answers 503 with a JSON error when h takes longer than d.
// Reading and analysis do not stop at the deadline; they finish in the
// background and their response is dropped.
func withTimeout(h http.Handler, d time.Duration) http.Handler {
	body := errorBody(&apiError{Message: fmt.Sprintf("request took longer than %v", d)})
	th := http.TimeoutHandler(h, d, string(body))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// TimeoutHandler writes its body with the headers already set
		// here; a response that makes it in time sets its own.
		w.Header().Set("Content-Type", "application/json")
		th.ServeHTTP(w, r)
	})
}

// logRequests logs one line per request: method, path, status, response
// size and duration.
func (s *server) logRequests(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path,
			"query", r.URL.RawQuery, "status", rec.status, "bytes", rec.bytes,
			"duration", time.Since(start).Round(time.Microsecond), "remote", r.RemoteAddr)
	})
}

// statusRecorder records the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (rec *statusRecorder) WriteHeader(status int) {
	rec.status = status
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *statusRecorder) Write(b []byte) (int, error) {
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (rec *statusRecorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }
