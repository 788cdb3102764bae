package rubric

import (
	"bytes"
	_ "embed"
	"maps"
	"slices"
	"time"

	"github.com/callqa/listenscore/listenscore"
)

//go:embed default.yaml
var defaultYAML []byte

//go:embed schema.json
var schemaJSON []byte

// defaultFile is the name the embedded default rubric has in messages.
const defaultFile = "default.yaml"

// A Rubric is a loaded, validated rubric with its extends chain applied:
// the criteria a call is graded on, the grade bands, and the analysis
// settings, phrases and speaker roles to use on the calls it grades.
//
// Rubrics come from [Load], [LoadFile], [Parse] or [Default]. A Rubric is
// not modified by grading and is safe for concurrent use.
type Rubric struct {
	// Name is the rubric's name, or its file name without extension.
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Criteria are the graded criteria, parents' first, in file order.
	Criteria []Criterion `json:"criteria"`
	// Grades are the grade bands, highest Min first.
	Grades []Band `json:"grades,omitempty"`
	// PassingGrade is the lowest grade that passes; empty means any grade
	// passes unless the call is auto-failed.
	PassingGrade string `json:"passing_grade,omitempty"`

	config   listenscore.Config
	roles    map[string]listenscore.Role
	compiled *compiled // config's Analyzer, made on first use
}

// A Criterion is one graded behaviour: a metric and how its value earns
// points. It scores by band (Min and/or Max, with Tolerance) or by Steps.
type Criterion struct {
	// ID names the criterion in results and in extending rubrics.
	ID string `json:"id"`
	// Title, Description and Section are for people: Section groups
	// criteria in reports.
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	Section     string `json:"section,omitempty"`
	// Metric is one of [listenscore.MetricNames].
	Metric listenscore.MetricName `json:"metric"`
	// Weight is the criterion's share of the score, relative to the other
	// applicable criteria; 1 unless the rubric says otherwise.
	Weight float64 `json:"weight"`
	// Min and Max (inclusive, either may be nil) give full points inside;
	// outside, credit falls linearly to zero over Tolerance.
	Min       *float64 `json:"min,omitempty"`
	Max       *float64 `json:"max,omitempty"`
	Tolerance float64  `json:"tolerance,omitempty"`
	// Steps earn the points of the first step whose range holds the value.
	Steps []Step `json:"steps,omitempty"`
	// AutoFail fails the whole call when the criterion fails.
	AutoFail bool `json:"auto_fail,omitempty"`
	// AppliesWhen, when set, makes the criterion n/a unless it holds.
	AppliesWhen *Condition `json:"applies_when,omitempty"`
}

// A Step is a value range (inclusive; nil is open) and the points it earns.
type Step struct {
	Min    *float64 `json:"min,omitempty"`
	Max    *float64 `json:"max,omitempty"`
	Points float64  `json:"points"`
}

// A Condition holds when Metric is computable and within Min and Max
// (inclusive; nil is open).
type Condition struct {
	Metric listenscore.MetricName `json:"metric"`
	Min    *float64               `json:"min,omitempty"`
	Max    *float64               `json:"max,omitempty"`
}

// A Band is a named grade for scores from Min up to the next band.
type Band struct {
	Name string  `json:"name"`
	Min  float64 `json:"min"`
}

// Default returns the embedded default rubric (default.yaml in this
// package), grounded in active-listening practice. Each call returns a new
// copy.
func Default() *Rubric {
	r, err := Parse(defaultFile, defaultYAML)
	if err != nil {
		// The embedded rubric is tested; this is a build defect.
		panic("rubric: embedded default is invalid: " + err.Error())
	}
	return r
}

// Schema returns the JSON Schema (draft-07) of the rubric format, for
// editors: a YAML file whose first line is
//
//	# yaml-language-server: $schema=path/to/schema.json
//
// gets completion and checking of keys, metric names and lexicons.
func Schema() []byte { return bytes.Clone(schemaJSON) }

// Config returns the analysis settings of the rubric's settings and phrases
// sections, for [listenscore.Analyze]. Unset settings are zero, which means
// listenscore's defaults.
func (r *Rubric) Config() listenscore.Config {
	c := r.config
	c.AddPhrases = cloneLists(c.AddPhrases)
	c.RemovePhrases = cloneLists(c.RemovePhrases)
	return c
}

// Roles returns the rubric's speaker labels mapped to roles, for
// [listenscore.ReadOptions].Roles; nil when it maps none.
func (r *Rubric) Roles() map[string]listenscore.Role {
	if len(r.roles) == 0 {
		return nil
	}
	return maps.Clone(r.roles)
}

func cloneLists(m map[string][]string) map[string][]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string][]string, len(m))
	for k, v := range m {
		out[k] = slices.Clone(v)
	}
	return out
}

// seconds converts a setting in seconds to a duration, rounded to the
// nanosecond.
func seconds(s float64) time.Duration {
	return time.Duration(s*float64(time.Second) + 0.5)
}
