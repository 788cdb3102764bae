package main

import (
	"errors"

	"github.com/callqa/listenscore/listenscore"
)

// callResult is what the scorer reports for one file: either the call's
// facts or the error that stopped it.
type callResult struct {
	File            string          `json:"file"`
	Format          string          `json:"format,omitempty"`
	Turns           int             `json:"turns"`
	DurationSeconds *float64        `json:"duration_seconds"`
	Speakers        []speakerResult `json:"speakers,omitempty"`
	Warnings        []string        `json:"warnings,omitempty"`
	Error           *errorResult    `json:"error,omitempty"`
}

type speakerResult struct {
	Label      string `json:"label"`
	Role       string `json:"role"`
	RoleSource string `json:"role_source"`
	RoleReason string `json:"role_reason"`
	Turns      int    `json:"turns"`
}

// errorResult is a file that could not be scored, with the position of the
// problem when there is one.
type errorResult struct {
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

// scoreInput reads and scores one input ("-" is standard input).
func scoreInput(path string, opts options) callResult {
	res := callResult{File: path}
	readOpts := listenscore.ReadOptions{Format: opts.inputFormat, Lenient: opts.lenient}
	if len(opts.agents) > 0 {
		readOpts.Roles = map[string]listenscore.Role{}
		for _, a := range opts.agents {
			readOpts.Roles[a] = listenscore.RoleAgent
		}
	}
	var t *listenscore.Transcript
	var err error
	if path == stdinName {
		t, err = listenscore.Read(path, opts.stdin, readOpts)
	} else {
		t, err = listenscore.ReadFile(path, readOpts)
	}
	if err != nil {
		res.Error = newErrorResult(err)
		return res
	}
	res.Format = string(t.Format)
	res.Turns = len(t.Turns)
	if d, ok := t.Duration(); ok {
		s := d.Seconds()
		res.DurationSeconds = &s
	}
	counts := map[string]int{}
	for _, tu := range t.Turns {
		counts[tu.Speaker]++
	}
	for _, sp := range t.Speakers {
		res.Speakers = append(res.Speakers, speakerResult{
			Label: sp.Label, Role: sp.Role.String(), RoleSource: string(sp.RoleSource),
			RoleReason: sp.RoleReason, Turns: counts[sp.Label],
		})
	}
	for _, w := range t.Warnings {
		res.Warnings = append(res.Warnings, w.Error())
	}
	return res
}

func newErrorResult(err error) *errorResult {
	e := &errorResult{Message: err.Error()}
	var pe *listenscore.ParseError
	if errors.As(err, &pe) {
		e.Line, e.Column = pe.Line, pe.Column
	}
	return e
}
