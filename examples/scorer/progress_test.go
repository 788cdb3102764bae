package main

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// screen renders what a terminal shows for s: "\r" returns to the start
// of the line and later text overwrites earlier text.
func screen(s string) []string {
	var lines []string
	var cur []rune
	col := 0
	for _, r := range s {
		switch r {
		case '\n':
			lines = append(lines, strings.TrimRight(string(cur), " "))
			cur, col = nil, 0
		case '\r':
			col = 0
		default:
			if col < len(cur) {
				cur[col] = r
			} else {
				cur = append(cur, r)
			}
			col++
		}
	}
	if len(cur) > 0 {
		lines = append(lines, strings.TrimRight(string(cur), " "))
	}
	return lines
}

// TestProgressSharedTerminal runs the pipeline with the progress line and
// the report on one terminal (a buffer standing for it), the line redrawn
// after every file, and checks that no report line shares the screen line
// with progress text.
func TestProgressSharedTerminal(t *testing.T) {
	progressLine := regexp.MustCompile(`^\d+( of \d+)? files, [\d.+Inf]+ files/s$`)
	for _, format := range []string{"table", "markdown", "csv", "jsonl"} {
		for _, shared := range []bool{true, false} {
			name := format + map[bool]string{true: " shared", false: " stderr only"}[shared]
			t.Run(name, func(t *testing.T) {
				args := []string{"-lenient", "-format", format, "-workers", "2", batchDir, lenientCall}
				opts, inputs, status := parseFlags(args, io.Discard)
				require.Equal(t, -1, status)
				var term, report bytes.Buffer
				p := newProgress(&term, inputs, nil)
				p.interval = 0
				var out io.Writer = &report
				if shared {
					out = &sharedOutput{w: &term, p: p}
				}
				_, err := scoreAll(inputs, opts, newWriter(format, out), &term, p, shared)
				require.NoError(t, err)
				assert.Contains(t, term.String(), "files/s", "the progress line was drawn")

				var want bytes.Buffer
				_, err = scoreAll(inputs, opts, newWriter(format, &want), io.Discard, nil, false)
				require.NoError(t, err)
				var rest []string
				for _, l := range screen(term.String()) {
					switch {
					case progressLine.MatchString(l):
						assert.False(t, shared, "a shared terminal ends with the line cleared: %q", l)
					case strings.Contains(l, ": warning: "):
						assert.Regexp(t, `^testdata/\S+:\d+:\d+: warning: `, l, "a warning on a line of its own")
					case l != "":
						rest = append(rest, l)
					}
				}
				if shared {
					var wantLines []string
					for _, l := range screen(want.String()) {
						if l != "" {
							wantLines = append(wantLines, l)
						}
					}
					assert.Equal(t, wantLines, rest, "the report's lines, none glued to progress text")
				} else {
					assert.Empty(t, rest)
					assert.Equal(t, want.String(), report.String())
					assert.True(t, strings.HasSuffix(term.String(), "\n"), "the progress line is ended")
				}
			})
		}
	}
}

func TestProgressWaitsForReportLine(t *testing.T) {
	var term bytes.Buffer
	p := &progress{w: &term}
	p.total.Store(3)
	out := &sharedOutput{w: &term, p: p}
	steps := []struct {
		write string // report text written before the step
		want  string // the screen's last line after the step
	}{
		{"", "1 of 3 files"},
		{"a,b", "a,b"},     // mid-line: no progress drawn
		{",c\n", "3 of 3"}, // line ended: progress redrawn on the next line
	}
	for _, s := range steps {
		_, err := io.WriteString(out, s.write)
		require.NoError(t, err)
		p.step()
		lines := screen(term.String())
		require.NotEmpty(t, lines)
		assert.True(t, strings.HasPrefix(lines[len(lines)-1], s.want), "after %q: %q", s.write, lines[len(lines)-1])
	}
	assert.Equal(t, "a,b,c", screen(term.String())[0], "the report's line is whole")
}
