package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// A reportWriter writes a report as results stream in: begin once, call
// once per file in input order, end once with the batch summary.
type reportWriter interface {
	begin() error
	call(r *callResult) error
	end(s summary) error
}

func newWriter(format string, w io.Writer) reportWriter {
	switch format {
	case "json":
		return &jsonWriter{w: w}
	case "jsonl":
		return &jsonlWriter{enc: json.NewEncoder(w)}
	case "csv":
		return newCSVWriter(w)
	case "markdown":
		return &gridWriter{w: w, markdown: true}
	case "html":
		return newHTMLWriter(w)
	}
	return &gridWriter{w: w, tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
}

// jsonWriter writes {"calls": [...], "summary": {...}}, streaming the calls.
type jsonWriter struct {
	w io.Writer
	n int
}

func (j *jsonWriter) begin() error {
	_, err := io.WriteString(j.w, "{\n  \"calls\": [")
	return err
}

func (j *jsonWriter) call(r *callResult) error {
	b, err := json.MarshalIndent(r, "    ", "  ")
	if err != nil {
		return err
	}
	sep := ",\n    "
	if j.n == 0 {
		sep = "\n    "
	}
	j.n++
	_, err = fmt.Fprintf(j.w, "%s%s", sep, b)
	return err
}

func (j *jsonWriter) end(s summary) error {
	b, err := json.MarshalIndent(s, "  ", "  ")
	if err != nil {
		return err
	}
	closing := "\n  ],\n"
	if j.n == 0 {
		closing = "],\n"
	}
	_, err = fmt.Fprintf(j.w, "%s  \"summary\": %s\n}\n", closing, b)
	return err
}

// jsonlWriter writes one JSON object per call and nothing else.
type jsonlWriter struct{ enc *json.Encoder }

func (j *jsonlWriter) begin() error             { return nil }
func (j *jsonlWriter) call(r *callResult) error { return j.enc.Encode(r) }
func (j *jsonlWriter) end(summary) error        { return nil }

// formatDuration renders seconds as h:mm:ss, or "-" when unknown.
func formatDuration(sec *float64) string {
	if sec == nil {
		return "-"
	}
	s := int(*sec + 0.5)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}

// formatScore renders a score with one decimal.
func formatScore(v float64) string { return fmt.Sprintf("%.1f", v) }
