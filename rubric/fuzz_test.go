package rubric

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/callqa/listenscore/listenscore"
)

// FuzzLoad loads arbitrary bytes as a rubric that may extend a valid one:
// no panic; every problem an *Error on one line, positioned inside its
// file; the same problems in the same order on every load; and a rubric
// that loads grades a call to a score from 0 to 100 that renders as JSON.
func FuzzLoad(f *testing.F) {
	base, err := os.ReadFile(filepath.Join(rubricsDir, "valid", "base.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	seeds := []string{"default.yaml"}
	for _, dir := range []string{rubricsDir, "../examples/rubrics"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".yaml") {
				seeds = append(seeds, p)
			}
			return err
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("extends: ../base.yaml\ncriteria: [{id: talk, min: 0.7}]\n"))

	a := &listenscore.Analysis{Transcript: &listenscore.Transcript{}}
	for i, name := range []string{"agent_talk_ratio", "agent_interruptions", "open_questions",
		"empathy_statements", "defensive_statements", "customer_words", "agent_words"} {
		a.Metrics = append(a.Metrics, listenscore.Metric{Name: listenscore.MetricName(name), Value: float64(i) / 2, Valid: true,
			Evidence: []listenscore.Evidence{{Turn: i - 1, Reason: "fuzz"}}})
	}
	a.Metrics = append(a.Metrics, listenscore.Metric{Name: "duration_seconds"})

	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "team/r.yaml"
		fsys := fstest.MapFS{name: {Data: data}, "base.yaml": {Data: base}}
		r, err := Load(fsys, name)
		if err != nil {
			_, again := Load(fsys, name)
			if again == nil || again.Error() != err.Error() {
				t.Fatalf("problems differ between loads:\n%v\n---\n%v", err, again)
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				re, ok := e.(*Error)
				switch {
				case !ok:
					t.Fatalf("problem of type %T: %v", e, e)
				case strings.Contains(re.Error(), "\n"):
					t.Fatalf("problem on several lines: %q", re.Error())
				case re.Line < 0 || re.Column < 0 || (re.File == name && re.Line > lines):
					t.Fatalf("position outside %s (%d lines): %v", re.File, lines, re)
				}
			}
			return
		}
		if err := r.Config().Validate(); err != nil {
			t.Fatalf("loaded rubric has invalid settings: %v", err)
		}
		res := r.Grade(a)
		if res.Score < 0 || res.Score > 100 {
			t.Fatalf("score %v", res.Score)
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result does not marshal: %v", err)
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("rubric does not marshal: %v", err)
		}
	})
}
