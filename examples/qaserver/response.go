package main

import (
	"errors"
	"time"

	"github.com/callqa/listenscore/listenscore"
	"github.com/callqa/listenscore/rubric"
)

// scoreResponse is the body of a successful POST /v1/score.
type scoreResponse struct {
	// Rubric is the name the rubric was selected by ("default" without
	// ?rubric); Grade.Rubric is the name the rubric file gives itself.
	Rubric          string             `json:"rubric"`
	Format          listenscore.Format `json:"format"`
	TurnCount       int                `json:"turn_count"`
	DurationSeconds *float64           `json:"duration_seconds"`
	Speakers        []speakerJSON      `json:"speakers"`
	// Warnings are what a lenient read skipped or doubted.
	Warnings []*apiError `json:"warnings,omitempty"`
	// Metrics maps every metric name to its value, or null when the call
	// does not allow computing it (a timing metric on an untimed call).
	Metrics map[listenscore.MetricName]*float64 `json:"metrics"`
	// Turns, with ?turns=1, lists every turn with its tags.
	Turns []turnJSON     `json:"turns,omitempty"`
	Grade *rubric.Result `json:"grade"`
}

// speakerJSON is a speaker with its role and how the role was decided.
type speakerJSON struct {
	Label      string                 `json:"label"`
	Role       listenscore.Role       `json:"role"`
	RoleSource listenscore.RoleSource `json:"role_source"`
	RoleReason string                 `json:"role_reason"`
}

// turnJSON is one turn and what it does.
type turnJSON struct {
	// Turn is the turn's index, as evidence and -annotate name it.
	Turn    int              `json:"turn"`
	Speaker string           `json:"speaker"`
	Role    listenscore.Role `json:"role"`
	// Start and End are seconds from the start of the recording, or null.
	Start *float64 `json:"start"`
	End   *float64 `json:"end"`
	Text  string   `json:"text"`
	Line  int      `json:"line"`
	// Tags are in listenscore.Tags order; Reasons says why each applies.
	Tags    []listenscore.Tag          `json:"tags"`
	Reasons map[listenscore.Tag]string `json:"reasons,omitempty"`
}

func newScoreResponse(rubricName string, grade *rubric.Result, withTurns bool) *scoreResponse {
	a := grade.Analysis
	t := a.Transcript
	res := &scoreResponse{
		Rubric:    rubricName,
		Format:    t.Format,
		TurnCount: len(t.Turns),
		Speakers:  make([]speakerJSON, len(t.Speakers)),
		Metrics:   make(map[listenscore.MetricName]*float64, len(a.Metrics)),
		Grade:     grade,
	}
	if d, ok := t.Duration(); ok {
		res.DurationSeconds = seconds(d, true)
	}
	for i, sp := range t.Speakers {
		res.Speakers[i] = speakerJSON{Label: sp.Label, Role: sp.Role, RoleSource: sp.RoleSource, RoleReason: sp.RoleReason}
	}
	for _, w := range t.Warnings {
		e := &apiError{Message: w.Error()}
		var pe *listenscore.ParseError
		if errors.As(w, &pe) {
			e.Line, e.Column = pe.Line, pe.Column
		}
		res.Warnings = append(res.Warnings, e)
	}
	for _, m := range a.Metrics {
		res.Metrics[m.Name] = nil
		if m.Valid {
			res.Metrics[m.Name] = &m.Value
		}
	}
	if withTurns {
		res.Turns = make([]turnJSON, len(t.Turns))
		for i, tu := range t.Turns {
			tags := a.Turns[i].Tags
			if tags == nil {
				tags = []listenscore.Tag{}
			}
			res.Turns[i] = turnJSON{
				Turn: i, Speaker: tu.Speaker, Role: tu.Role,
				Start: seconds(tu.Start, tu.HasStart), End: seconds(tu.End, tu.HasEnd),
				Text: tu.Text, Line: tu.Line,
				Tags: tags,
			}
			for k, tag := range a.Turns[i].Tags {
				if res.Turns[i].Reasons == nil {
					res.Turns[i].Reasons = make(map[listenscore.Tag]string, len(tags))
				}
				res.Turns[i].Reasons[tag] = a.Turns[i].Reasons[k]
			}
		}
	}
	return res
}

// seconds returns d in seconds, or nil when it is not known.
func seconds(d time.Duration, ok bool) *float64 {
	if !ok {
		return nil
	}
	s := d.Seconds()
	return &s
}
