package main

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/callqa/listenscore/listenscore"
)

// csvWriter writes one row per call: file, format, turns, score, grade,
// auto-fail, failed criteria, error, and a column per metric (empty when
// not computable; duration_seconds is among the metrics).
type csvWriter struct {
	cw      *csv.Writer
	metrics []string
}

func newCSVWriter(w io.Writer) *csvWriter {
	return &csvWriter{cw: csv.NewWriter(w), metrics: listenscore.MetricNames()}
}

func (c *csvWriter) begin() error {
	header := append([]string{"file", "format", "turns", "score", "grade", "auto_fail", "failed_criteria", "error"}, c.metrics...)
	return c.cw.Write(header)
}

func (c *csvWriter) call(r *callResult) error {
	row := []string{r.File, r.Format, "", "", "", "", "", ""}
	if r.Error != nil {
		row[7] = r.Error.Message
	} else {
		row[2] = strconv.Itoa(r.Turns)
	}
	if g := r.Grade; g != nil && !g.NotApplicable {
		row[3] = formatScore(g.Score)
		row[4] = g.Grade
		row[5] = strconv.FormatBool(g.AutoFailed)
		var ids []string
		for _, f := range g.Failed {
			ids = append(ids, f.ID)
		}
		row[6] = strings.Join(ids, " ")
	}
	for _, name := range c.metrics {
		row = append(row, formatFloat(r.Metrics[name]))
	}
	return c.cw.Write(row)
}

func (c *csvWriter) end(summary) error {
	c.cw.Flush()
	return c.cw.Error()
}

// formatFloat renders a value for machine-readable output: shortest exact
// form, empty when nil.
func formatFloat(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
