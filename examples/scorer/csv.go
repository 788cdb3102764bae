package main

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/callqa/listenscore/listenscore"
	"github.com/callqa/listenscore/rubric"
)

// csvColumns are the CSV report's fixed columns, in order; a column per
// metric (listenscore.MetricNames order) follows them.
var csvColumns = []string{"file", "format", "turns", "score", "grade", "auto_fail", "failed_criteria", "error", "warnings",
	"partial_criteria"}

// csvWriter writes one row per call: file, format, turns, score, grade,
// auto-fail, failed criteria (no points), error, warnings (a count),
// partial criteria (some points lost), and a column per
// metric (empty when not computable; duration_seconds is among the
// metrics). Text cells that a spreadsheet would run as a formula are
// prefixed with "'" (see csvText); numbers are written as they are.
type csvWriter struct {
	cw      *csv.Writer
	metrics []listenscore.MetricName
}

func newCSVWriter(w io.Writer) *csvWriter {
	return &csvWriter{cw: csv.NewWriter(w), metrics: listenscore.MetricNames()}
}

func (c *csvWriter) begin() error {
	header := slices.Clone(csvColumns)
	for _, m := range c.metrics {
		header = append(header, string(m))
	}
	return c.cw.Write(header)
}

func (c *csvWriter) call(r *callResult) error {
	row := []string{csvText(r.File), csvText(r.Format), "", "", "", "", "", "", "", ""}
	if r.Error != nil {
		row[7] = csvText(r.Error.Message)
	} else {
		row[2] = strconv.Itoa(r.Turns)
		row[8] = strconv.Itoa(len(r.Warnings))
	}
	if g := r.Grade; g != nil && !g.NotApplicable {
		row[3] = formatScore(g.Score)
		row[4] = csvText(g.Grade)
		row[5] = strconv.FormatBool(g.AutoFailed)
		var failed, partial []string
		for _, c := range g.Unmet() {
			if c.Status == rubric.StatusFail {
				failed = append(failed, c.ID)
			} else {
				partial = append(partial, c.ID)
			}
		}
		row[6] = csvText(strings.Join(failed, " "))
		row[9] = csvText(strings.Join(partial, " "))
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

// csvText defuses a text cell that a spreadsheet would read as a formula
// (one starting with = + - @, a tab or a carriage return) by prefixing a
// single quote, as OWASP recommends against CSV injection. Only text
// cells go through it: the numbers the scorer writes stay numbers.
func csvText(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// formatFloat renders a value for machine-readable output: shortest exact
// form, empty when nil.
func formatFloat(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
