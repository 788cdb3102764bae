package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/callqa/listenscore/listenscore"
)

// annotation is one -annotate line: a turn with its tags and reasons.
type annotation struct {
	File    string                     `json:"file"`
	Turn    int                        `json:"turn"`
	Speaker string                     `json:"speaker"`
	Role    listenscore.Role           `json:"role"`
	Start   *float64                   `json:"start"`
	End     *float64                   `json:"end"`
	Text    string                     `json:"text"`
	Tags    []listenscore.Tag          `json:"tags"`
	Reasons map[listenscore.Tag]string `json:"reasons"`
}

// annotationWriter writes -annotate output: one JSON line per turn, and
// one error record per file that could not be read.
type annotationWriter struct{ enc *json.Encoder }

func (w *annotationWriter) begin() error { return nil }

func (w *annotationWriter) call(r *callResult) error {
	if r.Error != nil {
		return w.enc.Encode(struct {
			File  string       `json:"file"`
			Error *errorResult `json:"error"`
		}{r.File, r.Error})
	}
	a := r.analysis
	for i, tu := range a.Transcript.Turns {
		line := annotation{
			File: r.File, Turn: i, Speaker: tu.Speaker, Role: tu.Role, Text: tu.Text,
			Tags: a.Turns[i].Tags, Reasons: make(map[listenscore.Tag]string, len(a.Turns[i].Tags)),
		}
		if line.Tags == nil {
			line.Tags = []listenscore.Tag{}
		}
		for k, tag := range a.Turns[i].Tags {
			line.Reasons[tag] = a.Turns[i].Reasons[k]
		}
		if tu.HasStart {
			s := tu.Start.Seconds()
			line.Start = &s
		}
		if tu.HasEnd {
			e := tu.End.Seconds()
			line.End = &e
		}
		if err := w.enc.Encode(line); err != nil {
			return err
		}
	}
	return nil
}

func (w *annotationWriter) end(summary) error { return nil }

// calibrationWriter collects the analyses and, at the end, compares their
// tags with human labels.
type calibrationWriter struct {
	labels   *listenscore.Labels
	w        io.Writer
	json     bool
	analyses []*listenscore.Analysis
}

func newCalibrationWriter(path, format string, w io.Writer) (*calibrationWriter, error) {
	labels, err := readLabelsFile(path)
	if err != nil {
		return nil, err
	}
	return &calibrationWriter{labels: labels, w: w, json: format == "json"}, nil
}

func (c *calibrationWriter) begin() error { return nil }

func (c *calibrationWriter) call(r *callResult) error {
	if r.analysis != nil {
		c.analyses = append(c.analyses, r.analysis)
	}
	return nil
}

func (c *calibrationWriter) end(s summary) error {
	cal, err := listenscore.Calibrate(c.labels, c.analyses...)
	if err != nil {
		return err
	}
	if c.json {
		enc := json.NewEncoder(c.w)
		enc.SetIndent("", "  ")
		return enc.Encode(cal)
	}
	if err := cal.WriteTable(c.w); err != nil {
		return err
	}
	if n := len(cal.Disagreements); n > 0 {
		if _, err := fmt.Fprintf(c.w, "%d disagreements on labelled tags: -format json lists each turn with its text, labels, tags and reasons\n", n); err != nil {
			return err
		}
	}
	if s.FailedFiles > 0 {
		_, err = fmt.Fprintf(c.w, "%d files could not be read and are not in the comparison\n", s.FailedFiles)
	}
	return err
}
