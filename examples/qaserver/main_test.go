package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/callqa/listenscore/listenscore"
	"github.com/callqa/listenscore/rubric"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testRubrics = "testdata/rubrics"

// newTestHandler returns the handler for cfg, with the test rubrics unless
// cfg names a directory.
func newTestHandler(t *testing.T, cfg config) http.Handler {
	t.Helper()
	if cfg.RubricDir == "" {
		cfg.RubricDir = testRubrics
	}
	h, err := newServer(cfg)
	require.NoError(t, err)
	return h
}

// request is one request to a handler.
type request struct {
	method, target, body, contentType string
}

// do sends req to h and returns the response.
func do(t *testing.T, h http.Handler, req request) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(req.method, req.target, strings.NewReader(req.body))
	if req.contentType != "" {
		r.Header.Set("Content-Type", req.contentType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func readCall(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/calls/" + name)
	require.NoError(t, err)
	return string(b)
}

// scoreResult is the part of a POST /v1/score response the tests check.
type scoreResult struct {
	Rubric    string `json:"rubric"`
	Format    string `json:"format"`
	TurnCount int    `json:"turn_count"`
	Speakers  []struct {
		Label      string `json:"label"`
		Role       string `json:"role"`
		RoleSource string `json:"role_source"`
	} `json:"speakers"`
	Warnings []struct {
		Message string `json:"message"`
		Line    int    `json:"line"`
		Column  int    `json:"column"`
	} `json:"warnings"`
	Metrics map[string]*float64 `json:"metrics"`
	Turns   []struct {
		Turn    int               `json:"turn"`
		Speaker string            `json:"speaker"`
		Tags    []string          `json:"tags"`
		Reasons map[string]string `json:"reasons"`
	} `json:"turns"`
	Grade json.RawMessage `json:"grade"`
}

func score(t *testing.T, h http.Handler, query, body string) scoreResult {
	t.Helper()
	w := do(t, h, request{method: http.MethodPost, target: "/v1/score" + query, body: body})
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
	var res scoreResult
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &res))
	return res
}

func TestHealthz(t *testing.T) {
	h := newTestHandler(t, config{})
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		w := do(t, h, request{method: method, target: "/healthz"})
		assert.Equal(t, http.StatusOK, w.Code, method)
		assert.Equal(t, "application/json", w.Header().Get("Content-Type"), method)
		want := "{\n  \"status\": \"ok\"\n}\n"
		if method == http.MethodHead {
			want = ""
		}
		assert.Equal(t, want, w.Body.String(), method)
	}
}

func TestListRubrics(t *testing.T) {
	tests := []struct {
		name string
		dir  string
		want string
	}{
		{
			name: "team directory",
			dir:  testRubrics,
			want: `{"default": "default", "rubrics": [
				{"name": "default", "description": "` + rubric.Default().Description + `", "criteria": 21},
				{"name": "sales", "description": "Sales discovery calls.", "criteria": 21},
				{"name": "support", "description": "Tier-1 support calls.", "criteria": 20}]}`,
		},
		{
			name: "no directory",
			want: `{"default": "default", "rubrics": [
				{"name": "default", "description": "` + rubric.Default().Description + `", "criteria": 21}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := newServer(config{RubricDir: tt.dir})
			require.NoError(t, err)
			w := do(t, h, request{method: http.MethodGet, target: "/v1/rubrics"})
			require.Equal(t, http.StatusOK, w.Code)
			assert.JSONEq(t, tt.want, w.Body.String())
		})
	}
}

func TestErrors(t *testing.T) {
	h := newTestHandler(t, config{MaxBytes: 2000, MaxTurns: 10})
	outage := readCall(t, "outage.txt")
	tests := []struct {
		name      string
		req       request
		status    int
		body      string
		allow     string
		reason    string
		skipEmpty bool
	}{
		{
			name:   "score with GET",
			req:    request{method: http.MethodGet, target: "/v1/score"},
			status: http.StatusMethodNotAllowed,
			allow:  "POST",
			body:   `{"error":{"message":"method GET not allowed on /v1/score (allowed: POST)"}}`,
		},
		{
			name:   "healthz with POST",
			req:    request{method: http.MethodPost, target: "/healthz"},
			status: http.StatusMethodNotAllowed,
			allow:  "GET, HEAD",
			body:   `{"error":{"message":"method POST not allowed on /healthz (allowed: GET, HEAD)"}}`,
		},
		{
			name:   "rubrics with DELETE",
			req:    request{method: http.MethodDelete, target: "/v1/rubrics"},
			status: http.StatusMethodNotAllowed,
			allow:  "GET, HEAD",
			body:   `{"error":{"message":"method DELETE not allowed on /v1/rubrics (allowed: GET, HEAD)"}}`,
		},
		{
			name:   "unknown path",
			req:    request{method: http.MethodGet, target: "/v1/grade"},
			status: http.StatusNotFound,
			body:   `{"error":{"message":"no such endpoint \"/v1/grade\" (endpoints: POST /v1/score, GET /v1/rubrics, GET /healthz, GET /metrics)"}}`,
		},
		{
			name:   "long unknown path",
			req:    request{method: http.MethodGet, target: "/" + strings.Repeat("a", 60_000)},
			status: http.StatusNotFound,
			reason: "a path is never echoed in full",
			body:   `{"error":{"message":"no such endpoint \"/` + strings.Repeat("a", 63) + `…\" (endpoints: POST /v1/score, GET /v1/rubrics, GET /healthz, GET /metrics)"}}`,
		},
		{
			name:   "unclean path",
			req:    request{method: http.MethodPost, target: "/v1//score"},
			status: http.StatusNotFound,
			reason: "no redirect (Go's are HTML): a 404 in JSON",
			body:   `{"error":{"message":"no such endpoint \"/v1//score\" (endpoints: POST /v1/score, GET /v1/rubrics, GET /healthz, GET /metrics)"}}`,
		},
		{
			name:   "metrics with POST",
			req:    request{method: http.MethodPost, target: "/metrics"},
			status: http.StatusMethodNotAllowed,
			allow:  "GET, HEAD",
			body:   `{"error":{"message":"method POST not allowed on /metrics (allowed: GET, HEAD)"}}`,
		},
		{
			name:   "unknown rubric",
			req:    request{method: http.MethodPost, target: "/v1/score?rubric=billing", body: outage},
			status: http.StatusNotFound,
			body:   `{"error":{"message":"unknown rubric \"billing\" (available: default, sales, support)"}}`,
		},
		{
			name:   "rubric name that is a path",
			req:    request{method: http.MethodPost, target: "/v1/score?rubric=..%2Fsales", body: outage},
			status: http.StatusBadRequest,
			body:   `{"error":{"message":"invalid rubric name \"../sales\": use letters, digits, '-' and '_' only"}}`,
		},
		{
			name:   "rubric name with an extension",
			req:    request{method: http.MethodPost, target: "/v1/score?rubric=sales.yaml", body: outage},
			status: http.StatusBadRequest,
			body:   `{"error":{"message":"invalid rubric name \"sales.yaml\": use letters, digits, '-' and '_' only"}}`,
		},
		{
			name:   "unknown format",
			req:    request{method: http.MethodPost, target: "/v1/score?format=docx", body: outage},
			status: http.StatusBadRequest,
			body:   `{"error":{"message":"unknown format \"docx\" (known: text, otter, vtt, srt, json, aws-callanalytics, contactlens, aws-transcribe, deepgram, assemblyai, whisperx)"}}`,
		},
		{
			name:   "misspelt parameter",
			req:    request{method: http.MethodPost, target: "/v1/score?rubrik=sales", body: outage},
			status: http.StatusBadRequest,
			reason: "a typo must not silently grade with the default rubric",
			body:   `{"error":{"message":"unknown query parameter \"rubrik\" (known: agent, format, lenient, rubric, turns)"}}`,
		},
		{
			name:   "parameter given twice",
			req:    request{method: http.MethodPost, target: "/v1/score?rubric=sales&rubric=support", body: outage},
			status: http.StatusBadRequest,
			body:   `{"error":{"message":"query parameter \"rubric\" given more than once"}}`,
		},
		{
			name:   "bad boolean",
			req:    request{method: http.MethodPost, target: "/v1/score?turns=yes", body: outage},
			status: http.StatusBadRequest,
			body:   `{"error":{"message":"query parameter \"turns\" is \"yes\": want 1 or 0 (true or false)"}}`,
		},
		{
			name:   "malformed query",
			req:    request{method: http.MethodPost, target: "/v1/score?rubric=%zz", body: outage},
			status: http.StatusBadRequest,
			body:   `{"error":{"message":"invalid query: invalid URL escape \"%zz\""}}`,
		},
		{
			name:   "end before start",
			req:    request{method: http.MethodPost, target: "/v1/score", body: readCall(t, "bad-end.vtt")},
			status: http.StatusBadRequest,
			body:   `{"error":{"message":"listenscore: body:7:1: end time before start time: 0:00:05.000 < 0:00:09.000","line":7,"column":1}}`,
		},
		{
			name:   "empty body",
			req:    request{method: http.MethodPost, target: "/v1/score"},
			status: http.StatusBadRequest,
			body:   `{"error":{"message":"listenscore: body: no turns in transcript"}}`,
		},
		{
			name:   "forced format that does not fit",
			req:    request{method: http.MethodPost, target: "/v1/score?format=vtt", body: outage},
			status: http.StatusBadRequest,
			body:   `{"error":{"message":"listenscore: body:1:1: missing WEBVTT header: the first line is \"[00:00:00.400 - 00:00:05.100] Agent: Tha\"…, not \"WEBVTT\"","line":1,"column":1}}`,
		},
		{
			name:   "forced vendor format on canonical JSON",
			req:    request{method: http.MethodPost, target: "/v1/score?format=deepgram", body: `{"turns": [{"speaker": "Agent", "text": "Hello."}]}`},
			status: http.StatusBadRequest,
			body:   `{"error":{"message":"listenscore: body: no speaker label: Deepgram results carry no \"utterances\"; request the transcript with utterances=true and diarize=true"}}`,
		},
		{
			name:   "too many turns",
			req:    request{method: http.MethodPost, target: "/v1/score", body: strings.Repeat("Agent: Hello.\nCustomer: Hi.\n", 6)},
			status: http.StatusBadRequest,
			body:   `{"error":{"message":"listenscore: body:11:1: more turns than the turn limit: more than 10","line":11,"column":1}}`,
		},
		{
			name:   "body too large",
			req:    request{method: http.MethodPost, target: "/v1/score", body: strings.Repeat("Agent: Hello there.\n", 101)},
			status: http.StatusRequestEntityTooLarge,
			body:   `{"error":{"message":"request body larger than 2000 bytes"}}`,
		},
		{
			name:   "multipart form",
			req:    request{method: http.MethodPost, target: "/v1/score", body: "--x\r\n\r\n--x--\r\n", contentType: "multipart/form-data; boundary=x"},
			status: http.StatusUnsupportedMediaType,
			body:   `{"error":{"message":"multipart/form-data is not read: send the transcript itself as the request body (curl --data-binary @call.vtt)"}}`,
		},
		{
			name: "form-encoded body without line breaks (curl -d)",
			req: request{method: http.MethodPost, target: "/v1/score", body: "WEBVTT00:00.000 --> 00:01.000<v Agent>Hi",
				contentType: "application/x-www-form-urlencoded"},
			status: http.StatusUnsupportedMediaType,
			reason: "curl -d removes the file's line breaks: the hint names the command that keeps them",
			body:   `{"error":{"message":"the form-encoded body has no line breaks (curl -d removes them): send the file as it is, with curl --data-binary @call.vtt"}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, h, tt.req)
			assert.Equal(t, tt.status, w.Code, tt.reason)
			assert.Equal(t, tt.body+"\n", w.Body.String(), tt.reason)
			assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
			assert.Equal(t, tt.allow, w.Header().Get("Allow"))
		})
	}
}

// TestBodyLimit checks the boundary of -max-bytes, for a body whose length
// the request states and for one streamed without it: a body of exactly
// MaxBytes is read, one byte more is refused.
func TestBodyLimit(t *testing.T) {
	body := readCall(t, "outage.txt")
	for _, tt := range []struct {
		name     string
		maxBytes int64
		status   int
	}{
		{"at the limit", int64(len(body)), http.StatusOK},
		{"one byte over", int64(len(body)) - 1, http.StatusRequestEntityTooLarge},
	} {
		h := newTestHandler(t, config{MaxBytes: tt.maxBytes})
		for _, length := range []int64{int64(len(body)), -1} {
			t.Run(fmt.Sprintf("%s/content length %d", tt.name, length), func(t *testing.T) {
				r := httptest.NewRequest(http.MethodPost, "/v1/score", strings.NewReader(body))
				r.ContentLength = length
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				assert.Equal(t, tt.status, w.Code, w.Body.String())
				if tt.status == http.StatusRequestEntityTooLarge {
					want := fmt.Sprintf(`{"error":{"message":"request body larger than %d bytes"}}`+"\n", tt.maxBytes)
					assert.Equal(t, want, w.Body.String())
				}
			})
		}
	}
}

// TestShippedRubrics checks that the rubrics the package documentation
// runs the server with load.
func TestShippedRubrics(t *testing.T) {
	h := newTestHandler(t, config{RubricDir: "../rubrics"})
	w := do(t, h, request{method: http.MethodGet, target: "/v1/rubrics"})
	require.Equal(t, http.StatusOK, w.Code)
	assert.Contains(t, w.Body.String(), `"name": "tech-support"`)
	res := score(t, h, "?rubric=tech-support", readCall(t, "outage.vtt"))
	assert.Equal(t, "tech-support", res.Rubric)
}

// TestRubricSelection checks that ?rubric picks the team rubric and that
// the grade is exactly what the library gives for that rubric.
func TestRubricSelection(t *testing.T) {
	h := newTestHandler(t, config{})
	body := readCall(t, "outage.vtt")
	load := func(name string) *rubric.Rubric {
		r, err := rubric.Load(os.DirFS(testRubrics), name+".yaml")
		require.NoError(t, err)
		return r
	}
	tests := []struct {
		query, name string
		rubric      *rubric.Rubric
	}{
		{"", "default", rubric.Default()},
		{"?rubric=default", "default", rubric.Default()},
		{"?rubric=sales", "sales", load("sales")},
		{"?rubric=support", "support", load("support")},
	}
	grades := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name+tt.query, func(t *testing.T) {
			res := score(t, h, tt.query, body)
			assert.Equal(t, tt.name, res.Rubric)

			tr, err := listenscore.Read("body", strings.NewReader(body), listenscore.ReadOptions{Roles: tt.rubric.Roles()})
			require.NoError(t, err)
			a, err := listenscore.Analyze(tr, tt.rubric.Config())
			require.NoError(t, err)
			want, err := json.Marshal(tt.rubric.Grade(a))
			require.NoError(t, err)
			assert.JSONEq(t, string(want), string(res.Grade))
			grades[tt.name] = string(res.Grade)
		})
	}
	assert.NotEqual(t, grades["default"], grades["sales"], "the team rubrics must grade differently")
	assert.NotEqual(t, grades["default"], grades["support"], "the team rubrics must grade differently")
}

// TestRoles checks where the agent comes from: a call whose customer speaks
// first, under labels that name no role.
func TestRoles(t *testing.T) {
	h := newTestHandler(t, config{})
	body := readCall(t, "roles.txt")
	type speaker struct{ label, role, source string }
	tests := []struct {
		name, query string
		want        []speaker
		reason      string
	}{
		{
			name:   "default rubric",
			want:   []speaker{{"Dana", "agent", "order"}, {"Tier1", "customer", "order"}},
			reason: "no evidence: the first speaker is taken as the agent",
		},
		{
			name:   "team rubric with roles",
			query:  "?rubric=support",
			want:   []speaker{{"Dana", "customer", "mapping"}, {"Tier1", "agent", "mapping"}},
			reason: "support.yaml maps Tier1 to agent",
		},
		{
			name:  "agent parameter",
			query: "?agent=Tier1",
			want:  []speaker{{"Dana", "customer", "mapping"}, {"Tier1", "agent", "mapping"}},
		},
		{
			name:  "agent parameter with spaces and empty items",
			query: "?agent=%20tier1%20,,",
			want:  []speaker{{"Dana", "customer", "mapping"}, {"Tier1", "agent", "mapping"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := score(t, h, tt.query, body)
			var got []speaker
			for _, sp := range res.Speakers {
				got = append(got, speaker{sp.Label, sp.Role, sp.RoleSource})
			}
			assert.Equal(t, tt.want, got, tt.reason)
		})
	}
}

// TestFormats checks detection and forcing over the same call in several
// formats: each is read as its format, with the same turns and words.
func TestFormats(t *testing.T) {
	h := newTestHandler(t, config{})
	tests := []struct {
		file, query, format string
	}{
		{"outage.txt", "", "text"},
		{"outage.vtt", "", "vtt"},
		{"outage.srt", "", "srt"},
		{"outage.json", "", "json"},
		{"outage-deepgram.json", "", "deepgram"},
		{"outage.txt", "?format=text", "text"},
		{"outage.srt", "?format=srt", "srt"},
		{"outage-deepgram.json", "?format=deepgram", "deepgram"},
	}
	for _, tt := range tests {
		t.Run(tt.file+tt.query, func(t *testing.T) {
			res := score(t, h, tt.query, readCall(t, tt.file))
			assert.Equal(t, tt.format, res.Format)
			assert.Equal(t, 12, res.TurnCount)
			require.NotNil(t, res.Metrics["agent_words"])
			assert.Equal(t, 124.0, *res.Metrics["agent_words"])
			require.NotNil(t, res.Metrics["dead_air_count"], "every fixture is timed")
			assert.Len(t, res.Metrics, len(listenscore.MetricNames()))
		})
	}
}

func TestUntimedMetricsAreNull(t *testing.T) {
	h := newTestHandler(t, config{})
	w := do(t, h, request{method: http.MethodPost, target: "/v1/score", body: readCall(t, "roles.txt")})
	require.Equal(t, http.StatusOK, w.Code)
	assert.Contains(t, w.Body.String(), `"dead_air_seconds": null`)
	assert.Contains(t, w.Body.String(), `"duration_seconds": null`)
}

func TestTurns(t *testing.T) {
	h := newTestHandler(t, config{})
	body := readCall(t, "roles.txt")

	res := score(t, h, "", body)
	assert.Nil(t, res.Turns, "turns only on request")

	res = score(t, h, "?turns=1", body)
	require.Len(t, res.Turns, 5)
	turn := res.Turns[1]
	assert.Equal(t, 1, turn.Turn, `"turn", as evidence and -annotate name the index`)
	assert.Equal(t, "Tier1", turn.Speaker)
	assert.Contains(t, turn.Tags, "open_question")
	assert.Contains(t, turn.Reasons["open_question"], `open question: wh-question "what" (+`)
	for _, tu := range res.Turns {
		assert.NotNil(t, tu.Tags, "a turn without tags has [] rather than null")
	}
}

func TestLenient(t *testing.T) {
	h := newTestHandler(t, config{})
	res := score(t, h, "?lenient=1", readCall(t, "bad-end.vtt"))
	assert.Equal(t, 1, res.TurnCount)
	require.Len(t, res.Warnings, 1)
	assert.Equal(t, "listenscore: body:7:1: end time before start time: 0:00:05.000 < 0:00:09.000", res.Warnings[0].Message)
	assert.Equal(t, 7, res.Warnings[0].Line)
	assert.Equal(t, 1, res.Warnings[0].Column)
}

func TestNewServerErrors(t *testing.T) {
	tests := []struct {
		name, dir, want string
	}{
		{
			name: "every problem of every file",
			dir:  "testdata/bad-rubrics",
			want: `rubric: default.yaml: the name "default" is reserved for the embedded default rubric
rubric: escape.yaml:1:10: extends "../rubrics/sales.yaml" is outside the rubric directory
rubric: misspelled.yaml:3:1: unknown key "critera" in rubric (did you mean "criteria"?)
rubric: misspelled.yaml:6:13: unknown metric "agent_talk_ration" (did you mean "agent_talk_ratio"?)
rubric: two words.yaml: the file name cannot be a rubric name: use letters, digits, '-' and '_' only`,
		},
		{
			name: "missing directory",
			dir:  "testdata/no-such-dir",
			want: "open testdata/no-such-dir: no such file or directory",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := newServer(config{RubricDir: tt.dir})
			assert.Nil(t, h)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		addr    string
		cfg     config
		wantErr string
	}{
		{
			name: "defaults",
			addr: "127.0.0.1:8080",
			cfg: config{MaxBytes: 8 << 20, MaxTurns: 20_000, Timeout: defaultTimeout, MaxInFlight: runtime.NumCPU(),
				Queue: 2 * runtime.NumCPU(), MaxMemory: 1 << 30, MaxEvidence: 20},
		},
		{
			name: "all flags",
			args: []string{"-addr", ":9000", "-rubrics", "r", "-max-bytes", "1024", "-max-turns", "50", "-timeout", "5s",
				"-max-inflight", "3", "-queue", "7", "-max-memory", "100000", "-max-evidence", "-1"},
			addr: ":9000",
			cfg: config{RubricDir: "r", MaxBytes: 1024, MaxTurns: 50, Timeout: 5e9, MaxInFlight: 3, Queue: 7,
				MaxMemory: 100000, MaxEvidence: -1},
		},
		{name: "queue follows max-inflight", args: []string{"-max-inflight", "3"}, addr: "127.0.0.1:8080",
			cfg: config{MaxBytes: 8 << 20, MaxTurns: 20_000, Timeout: defaultTimeout, MaxInFlight: 3, Queue: 6,
				MaxMemory: 1 << 30, MaxEvidence: 20}},
		{name: "zero in flight", args: []string{"-max-inflight", "0"}, wantErr: "-max-inflight must be positive, not 0"},
		{name: "zero queue", args: []string{"-queue", "0"},
			wantErr: "-queue must be positive: a request that finds every slot taken for an instant would get 503"},
		{name: "memory below one request", args: []string{"-max-memory", "1000"},
			wantErr: "-max-memory 1000 cannot hold one request of -max-bytes: want at least 536870912 (64 × 8388608)"},
		{name: "zero evidence", args: []string{"-max-evidence", "0"}, wantErr: "-max-evidence must be positive, or -1 for all"},
		{name: "zero max bytes", args: []string{"-max-bytes", "0"}, wantErr: "-max-bytes must be positive, not 0"},
		{name: "negative turns", args: []string{"-max-turns", "-1"}, wantErr: "-max-turns must be positive, not -1"},
		{name: "zero timeout", args: []string{"-timeout", "0s"}, wantErr: "-timeout must be positive, not 0s"},
		{name: "argument", args: []string{"rubrics"}, wantErr: `unexpected argument "rubrics"`},
		{name: "unknown flag", args: []string{"-port", "80"}, wantErr: "flag provided but not defined: -port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, cfg, err := parseFlags(tt.args, io.Discard)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, tt.wantErr, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.addr, addr)
			assert.Equal(t, tt.cfg, cfg)
		})
	}
}

func TestRunRubricErrors(t *testing.T) {
	err := run(context.Background(), []string{"-rubrics", "testdata/bad-rubrics", "-addr", "127.0.0.1:0"}, io.Discard)
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "loading rubrics from testdata/bad-rubrics:\nrubric: default.yaml: "), err.Error())
}

// lockedBuffer is a log destination safe for concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
