package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// A reportWriter writes a report as results stream in: begin once, call
// once per file in input order, end once with the batch's counts.
type reportWriter interface {
	begin() error
	call(r *callResult) error
	end(st batchStats) error
}

func newWriter(format string, w io.Writer) reportWriter {
	switch format {
	case "json":
		return &jsonWriter{w: w}
	case "jsonl":
		return &jsonlWriter{enc: json.NewEncoder(w)}
	}
	return &tableWriter{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
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

func (j *jsonWriter) end(st batchStats) error {
	b, err := json.MarshalIndent(newSummary(st), "  ", "  ")
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
func (j *jsonlWriter) end(batchStats) error     { return nil }

// summary is the batch summary.
type summary struct {
	Calls  int `json:"calls"`
	Failed int `json:"failed"`
}

func newSummary(st batchStats) summary {
	return summary{Calls: st.calls, Failed: st.failed}
}

// tableWriter writes aligned columns, one row per call, then the summary.
type tableWriter struct{ tw *tabwriter.Writer }

func (t *tableWriter) begin() error {
	_, err := fmt.Fprintln(t.tw, "FILE\tFORMAT\tTURNS\tDURATION\tSPEAKERS")
	return err
}

func (t *tableWriter) call(r *callResult) error {
	if r.Error != nil {
		_, err := fmt.Fprintf(t.tw, "%s\tERROR\t\t\t%s\n", r.File, r.Error.Message)
		return err
	}
	var sp []string
	for _, s := range r.Speakers {
		sp = append(sp, fmt.Sprintf("%s=%s (%s: %s)", s.Label, s.Role, s.RoleSource, s.RoleReason))
	}
	_, err := fmt.Fprintf(t.tw, "%s\t%s\t%d\t%s\t%s\n", r.File, r.Format, r.Turns, formatDuration(r.DurationSeconds), strings.Join(sp, "; "))
	return err
}

func (t *tableWriter) end(st batchStats) error {
	if err := t.tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(t.tw, "\n%d calls, %d failed\n", st.calls, st.failed)
	if err != nil {
		return err
	}
	return t.tw.Flush()
}

// formatDuration renders seconds as h:mm:ss, or "-" when unknown.
func formatDuration(sec *float64) string {
	if sec == nil {
		return "-"
	}
	s := int(*sec + 0.5)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}
