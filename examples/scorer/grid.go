package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/callqa/listenscore/rubric"
)

// gridWriter writes the report as a grid, one row per call, then the batch
// summary: aligned columns for a terminal (tw set) or a Markdown table.
// Both render the same cells.
type gridWriter struct {
	w        io.Writer
	tw       *tabwriter.Writer
	markdown bool
}

var gridHeader = []string{"FILE", "FORMAT", "TURNS", "DURATION", "SCORE", "GRADE", "FAILED CRITERIA", "WARNINGS", "SPEAKERS"}

// callCells returns a call's row.
func callCells(r *callResult) []string {
	if r.Error != nil {
		return []string{r.File, "ERROR", "", "", "", "", "", "", r.Error.Message}
	}
	score, grade, failed := "-", "-", "-"
	if g := r.Grade; g != nil {
		score, grade = formatScore(g.Score), g.Grade
		if g.NotApplicable {
			score, grade = "n/a", "n/a"
		}
		if g.AutoFailed {
			grade += " (auto-fail)"
		}
		failed = unmetCell(g.Result)
	}
	var sp []string
	for _, s := range r.Speakers {
		sp = append(sp, fmt.Sprintf("%s=%s (%s)", s.Label, s.Role, s.RoleSource))
	}
	return []string{r.File, r.Format, fmt.Sprint(r.Turns), formatDuration(r.DurationSeconds), score, grade, failed,
		fmt.Sprint(len(r.Warnings)), strings.Join(sp, "; ")}
}

func (g *gridWriter) row(cells []string) error {
	if g.markdown {
		esc := make([]string, len(cells))
		for i, c := range cells {
			esc[i] = strings.ReplaceAll(strings.ReplaceAll(c, "|", `\|`), "\n", " ")
		}
		_, err := fmt.Fprintf(g.w, "| %s |\n", strings.Join(esc, " | "))
		return err
	}
	_, err := fmt.Fprintln(g.tw, strings.Join(cells, "\t"))
	return err
}

func (g *gridWriter) begin() error {
	if g.markdown {
		if _, err := fmt.Fprint(g.w, "# Call scores\n\n"); err != nil {
			return err
		}
		if err := g.row(gridHeader); err != nil {
			return err
		}
		return g.row(strings.Split(strings.Repeat("---,", len(gridHeader)-1)+"---", ","))
	}
	return g.row(gridHeader)
}

func (g *gridWriter) call(r *callResult) error { return g.row(callCells(r)) }

func (g *gridWriter) end(s summary) error {
	if g.tw != nil {
		if err := g.tw.Flush(); err != nil {
			return err
		}
	}
	var b strings.Builder
	heading := "\nSummary\n"
	if g.markdown {
		heading = "\n## Summary\n\n"
	}
	b.WriteString(heading)
	line := func(format string, a ...any) {
		if g.markdown {
			b.WriteString("- ")
		} else {
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, format+"\n", a...)
	}
	line("calls: %d (%d could not be read)", s.Calls, s.FailedFiles)
	if s.MeanScore != nil {
		line("score: mean %s, median %s", formatScore(*s.MeanScore), formatScore(*s.MedianScore))
	}
	if s.CallsWithWarnings > 0 {
		line("calls with warnings: %d (%d warnings, each printed on standard error)", s.CallsWithWarnings, s.Warnings)
	}
	if s.BelowFailUnder > 0 {
		line("below -fail-under: %d", s.BelowFailUnder)
	}
	if len(s.Grades) > 0 {
		var parts []string
		for _, gc := range s.Grades {
			parts = append(parts, fmt.Sprintf("%s %d", gc.Grade, gc.Calls))
		}
		line("grades: %s", strings.Join(parts, ", "))
	}
	if len(s.MostFailed) > 0 {
		var parts []string
		for _, f := range s.MostFailed {
			parts = append(parts, fmt.Sprintf("%s %d", f.ID, f.Calls))
		}
		line("failed most often: %s", strings.Join(parts, ", "))
	}
	if len(s.MetricMeans) > 0 {
		line("metric means (over the calls where computable):")
		for _, m := range s.MetricMeans {
			if g.markdown {
				b.WriteString("  ")
			} else {
				b.WriteString("    ")
			}
			if g.markdown {
				b.WriteString("- ")
			}
			fmt.Fprintf(&b, "%s: %s (%d calls)\n", m.Metric, describeValue(m.Mean), m.Calls)
		}
	}
	_, err := io.WriteString(g.w, b.String())
	return err
}

// unmetCell lists the criteria that lost points for the FAILED CRITERIA
// column: those that earned none, then in parentheses those that earned
// some ("paraphrase (partial: no_interruptions, no_reasks)"), so that a
// coach scanning the table sees every criterion to coach on; "-" when
// none lost points.
func unmetCell(res *rubric.Result) string {
	var failed, partial []string
	for _, c := range res.Unmet() {
		if c.Status == rubric.StatusFail {
			failed = append(failed, c.ID)
		} else {
			partial = append(partial, c.ID)
		}
	}
	cell := strings.Join(failed, ", ")
	if len(partial) > 0 {
		if cell != "" {
			cell += " "
		}
		cell += "(partial: " + strings.Join(partial, ", ") + ")"
	}
	if cell == "" {
		return "-"
	}
	return cell
}
