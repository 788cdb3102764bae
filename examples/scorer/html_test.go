package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callqa/listenscore/listenscore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateHTML = flag.Bool("update-html", false, "rewrite testdata/golden/report.html")

// demoCalls are the bundled demo calls, in the order the report lists them.
var demoCalls = []string{
	"../../testdata/calls/billing-dispute.vtt",
	"../../testdata/calls/double-charge-supervisor.json",
	"../../testdata/calls/internet-outage.txt",
	"../../testdata/calls/joint-mortgage-two-callers.srt",
	"../../testdata/calls/lost-card-silence.vtt",
	"../../testdata/calls/password-reset.txt",
	"../../testdata/calls/refund-blind-transfer.json",
	"../../testdata/calls/router-line-test.txt",
}

const missingCall = "../../testdata/calls/missing.txt"

// demoReport runs the scorer over the demo calls and a missing file, as
// the golden file records it.
func demoReport(t *testing.T) string {
	t.Helper()
	var out, errs bytes.Buffer
	status := run([]string{"-format", "html", "../../testdata/calls", missingCall}, &out, &errs)
	require.Equal(t, exitFailed, status, "the missing file fails the batch; stderr: %s", errs.String())
	return out.String()
}

// analyses scores paths as run does, for the facts a report must show.
func analyses(t *testing.T, paths ...string) []callResult {
	t.Helper()
	opts, _, status := parseFlags(paths, io.Discard)
	require.Equal(t, -1, status)
	var out []callResult
	for _, p := range paths {
		r := scoreInput(input{path: p}, opts)
		require.Nil(t, r.Error, "%s", p)
		out = append(out, r)
	}
	return out
}

func TestHTMLGolden(t *testing.T) {
	got := demoReport(t)
	path := filepath.Join("testdata", "golden", "report.html")
	if *updateHTML {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./examples/scorer -run TestHTMLGolden -update-html to create it")
	assert.Equal(t, string(want), got, "HTML report differs from %s; rerun with -update-html after checking the change", path)
	assert.Equal(t, got, demoReport(t), "the report is deterministic")
}

func TestHTMLStructure(t *testing.T) {
	page := demoReport(t)
	require.NoError(t, checkWellFormed(page))
	assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>\n"), "starts with the doctype")
	assert.True(t, strings.HasSuffix(page, "</html>\n"), "ends with </html>")

	t.Run("self-contained", func(t *testing.T) {
		for _, bad := range []string{"http://", "https://", "@import", "url(", "<script", "<link", "<img", "<iframe", "<object", "<embed"} {
			assert.NotContains(t, strings.ToLower(page), bad)
		}
		refs := regexp.MustCompile(`(?i)\b(?:src|href)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(page, -1)
		require.NotEmpty(t, refs, "bars and evidence link to transcript turns")
		for _, m := range refs {
			assert.True(t, strings.HasPrefix(m[1], "#"), "reference %q stays in the page", m[1])
		}
	})

	t.Run("summary last in the document, first on screen", func(t *testing.T) {
		sum := strings.Index(page, `<section class="summary`)
		last := strings.LastIndex(page, `<details class="call`)
		require.Positive(t, sum)
		assert.Greater(t, sum, last, "the summary is written after every call")
		assert.Contains(t, page, ".page > .summary { order: -1; }")
		assert.Contains(t, page, ".page { display: flex; flex-direction: column;")
	})

	t.Run("error record", func(t *testing.T) {
		assert.Contains(t, page, fmt.Sprintf(`<details class="call error" id="c%d" open>`, len(demoCalls)+1))
		assert.Contains(t, page, "<code>"+missingCall+"</code>: listenscore: open "+missingCall+": no such file or directory")
	})

	svgs := timelineSVGs(t, page)
	results := analyses(t, demoCalls...)
	require.Len(t, svgs, len(results), "one timeline per call that was read")
	for i, r := range results {
		t.Run(filepath.Base(r.File), func(t *testing.T) {
			a := r.analysis
			svg := svgs[i]
			var firsts []int
			for _, e := range svg.all("rect") {
				cls := e.attr("class")
				if !hasClass(cls, "bar") || hasClass(cls, "cont") {
					continue
				}
				n, err := strconv.Atoi(e.attr("data-turn"))
				require.NoError(t, err)
				firsts = append(firsts, n)
				assert.NotEmpty(t, e.child("title").text(), "bar %d has a tooltip", n)
			}
			want := make([]int, len(a.Transcript.Turns))
			for k := range want {
				want[k] = k
			}
			assert.Equal(t, want, firsts, "one bar per turn, in turn order")

			for _, m := range []struct {
				class string
				tag   listenscore.Tag
			}{
				{"mk-interruption", listenscore.TagInterruption},
				{"mk-paraphrase", listenscore.TagParaphrase},
				{"mk-open", listenscore.TagOpenQuestion},
			} {
				tagged := 0
				for _, tt := range a.Turns {
					if tt.Has(m.tag) {
						tagged++
					}
				}
				assert.Equal(t, tagged, len(svg.withClass(m.class)), "%s markers", m.tag)
			}

			deadAir, _ := a.Metric("dead_air_count")
			shades := 0
			for _, e := range svg.withClass("deadair") {
				if !hasClass(e.attr("class"), "cont") {
					shades++
				}
			}
			assert.Equal(t, int(deadAir.Value), shades, "one dead-air shade per silence the metric counted")

			overtalk, _ := a.Metric("overtalk_ratio")
			duration, _ := a.Metric("duration_seconds")
			if overtalk.Valid {
				var both float64
				for _, o := range overlaps(a.Transcript) {
					both += o.to - o.from
				}
				assert.InDelta(t, overtalk.Value*duration.Value, both, 1e-6, "shaded overlap is the time both talk")
				assert.Len(t, svg.withClass("overlap"), len(overlaps(a.Transcript)))
			}
		})
	}
}

func TestHTMLEscapes(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, `x<b>&"y.txt`)
	require.NoError(t, os.WriteFile(name, []byte(
		"Agent: Thank you for calling, how can I help? <script>alert(1)</script>\n"+
			"Customer: My name is \"Bob\" & I'm <b>angry</b> about </svg> and ]]> things\n"), 0o644))
	var out, errs bytes.Buffer
	require.Equal(t, exitOK, run([]string{"-format", "html", name}, &out, &errs), errs.String())
	page := out.String()
	require.NoError(t, checkWellFormed(page))
	assert.NotContains(t, page, "<script")
	assert.NotContains(t, page, "<b>angry")
	assert.NotContains(t, page, `x<b>`)
	assert.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt;", "text shows escaped")
	assert.Contains(t, page, "&lt;b&gt;angry&lt;/b&gt; about &lt;/svg&gt; and ]]&gt; things")
	assert.Contains(t, page, "x&lt;b&gt;&amp;&#34;y.txt")
	svgs := timelineSVGs(t, page)
	require.Len(t, svgs, 1, "the timeline survives hostile text")
	assert.Len(t, svgs[0].withClass("bar"), 2)
	assert.Contains(t, svgs[0].withClass("bar")[0].child("title").text(), "<script>alert(1)</script>", "tooltip shows the text as written")
}

func TestHTMLErrorRecord(t *testing.T) {
	tests := []struct {
		name string
		err  errorResult
		want string
	}{
		{"line and column", errorResult{Message: "listenscore: calls/bad.vtt:12:14: end time before start time", Line: 12, Column: 14},
			"<code>calls/bad.vtt:12:14</code>: listenscore: calls/bad.vtt:12:14: end time before start time"},
		{"line only", errorResult{Message: "listenscore: calls/bad.vtt:3: syntax error", Line: 3},
			"<code>calls/bad.vtt:3</code>: listenscore: calls/bad.vtt:3: syntax error"},
		{"no position", errorResult{Message: "listenscore: calls/bad.vtt: unrecognized transcript format"},
			"<code>calls/bad.vtt</code>: listenscore: calls/bad.vtt: unrecognized transcript format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := newHTMLWriter(&buf)
			require.NoError(t, w.begin())
			require.NoError(t, w.call(&callResult{File: "calls/bad.vtt", Error: &tt.err}))
			require.NoError(t, w.end(summary{Calls: 1, FailedFiles: 1}))
			assert.Contains(t, buf.String(), tt.want)
			assert.Contains(t, buf.String(), `<span class="badge error">not read</span>`)
			assert.NoError(t, checkWellFormed(buf.String()))
		})
	}
}

func TestHTMLStreams(t *testing.T) {
	r := analyses(t, demoCalls[0])[0]
	var buf bytes.Buffer
	w := newHTMLWriter(&buf)
	require.NoError(t, w.begin())
	require.NoError(t, w.call(&r))
	afterCall := buf.String()
	assert.Contains(t, afterCall, `<svg class="tl"`, "a call is written when it arrives")
	assert.NotContains(t, afterCall, "Batch summary")
	require.NoError(t, w.call(&r))
	s := newSummarizer()
	s.add(&r)
	s.add(&r)
	require.NoError(t, w.end(s.summary()))
	page := buf.String()
	assert.True(t, strings.HasPrefix(page, afterCall), "earlier output is never rewritten")
	assert.Equal(t, 2, strings.Count(page, `<svg class="tl"`))
	assert.Contains(t, page, `id="c2"`)
	assert.NoError(t, checkWellFormed(page))
}

// transcriptText builds a text-format transcript.
func readText(t *testing.T, text string) *listenscore.Analysis {
	t.Helper()
	tr, err := listenscore.Read("call.txt", strings.NewReader(text), listenscore.ReadOptions{})
	require.NoError(t, err)
	a, err := listenscore.Analyze(tr, listenscore.Config{})
	require.NoError(t, err)
	return a
}

// longCall is an hour-long timed call of 1,000 turns.
func longCall() string {
	var b strings.Builder
	for i := range 1000 {
		start := time.Duration(i) * 3600 * time.Millisecond
		who := "Agent"
		if i%2 == 1 {
			who = "Customer"
		}
		fmt.Fprintf(&b, "[%s - %s] %s: So what happened to the order number %d this morning?\n",
			clockStamp(start), clockStamp(start+3*time.Second), who, i)
	}
	return b.String()
}

func clockStamp(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

func TestHTMLTimelineModes(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		mode   string
		rows   int
		ticks  []string // the first row's tick labels
		widths []float64
		reason string
	}{
		{
			name: "timed", mode: modeTime, rows: 1,
			text:   "[00:00.0 - 00:04.0] Agent: How can I help?\n[00:03.0 - 00:10.0] Caller: My order is late.\n[00:14.0 - 00:15.0] Agent: I see.\n",
			ticks:  []string{"0:00", "0:02", "0:04", "0:06", "0:08", "0:10", "0:12", "0:14", "0:16"},
			widths: []float64{4, 7, 1},
		},
		{
			name: "start times only", mode: modeStart, rows: 1,
			text:   "[00:00] Agent: How can I help?\n[00:04] Caller: My order is late and I need it.\n[00:09] Agent: I see.\n",
			ticks:  []string{"0:00", "0:01", "0:02", "0:03", "0:04", "0:05", "0:06", "0:07", "0:08", "0:09", "0:10"},
			widths: []float64{4, 5, 1},
			reason: "a bar runs to the next turn's start; the last one lasts its words at 150 a minute, at least 1 s",
		},
		{
			name: "untimed", mode: modeOrder, rows: 1,
			text:   "Agent: How can I help?\nCaller: My order is late.\nAgent: I see.\n",
			ticks:  []string{"#0", "#1", "#2"},
			widths: []float64{1, 1, 1},
		},
		{
			name: "ten hours, two turns", mode: modeTime, rows: 48,
			text:   "[0:00:00.0 - 0:01:00.0] Agent: How can I help?\n[9:58:00.0 - 10:00:00.0] Caller: Still there?\n",
			ticks:  []string{"0:00", "2:00", "4:00", "6:00", "8:00", "10:00", "12:00"},
			widths: []float64{1, 2},
			reason: "rows grow beyond five minutes rather than number more than 48",
		},
		{
			name: "hour-long call of 1,000 turns", mode: modeTime, rows: 12,
			text:   longCall(),
			ticks:  []string{"0:00", "0:30", "1:00", "1:30", "2:00", "2:30", "3:00", "3:30", "4:00", "4:30", "5:00"},
			reason: "rows of five minutes on one scale",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := readText(t, tt.text)
			tl := newTimeline(a, "c1", holdResults(a), transferResults(a))
			require.NotNil(t, tl)
			assert.Equal(t, tt.mode, tl.Mode)
			assert.Len(t, tl.Rows, tt.rows, tt.reason)
			var ticks []string
			for _, tk := range tl.Rows[0].Ticks {
				ticks = append(ticks, tk.Label)
			}
			assert.Equal(t, tt.ticks, ticks)
			var firsts []barView
			for _, row := range tl.Rows {
				for _, b := range row.Bars {
					x, w := parseNum(t, b.X), parseNum(t, b.W)
					assert.GreaterOrEqual(t, w, minBarW, "turn %d is visible", b.Turn)
					assert.GreaterOrEqual(t, x, gutterW, "turn %d starts inside the plot", b.Turn)
					assert.LessOrEqual(t, x+w, timelineW, "turn %d ends inside the plot", b.Turn)
					if !b.Cont {
						firsts = append(firsts, b)
					}
				}
			}
			require.Len(t, firsts, len(a.Transcript.Turns), "one bar per turn")
			if tt.widths != nil {
				unit := parseNum(t, firsts[0].W) / tt.widths[0]
				for i, want := range tt.widths {
					w := parseNum(t, firsts[i].W)
					if tt.mode == modeOrder {
						w += 2 // the gap between slots
					}
					assert.InDelta(t, want, w/unit, 0.02, "turn %d's width: %s", i, tt.reason)
				}
			}
		})
	}
}

func TestClock(t *testing.T) {
	tests := []struct {
		d      time.Duration
		tenths bool
		want   string
	}{
		{0, false, "0:00"},
		{59*time.Second + 600*time.Millisecond, false, "1:00"},
		{96*time.Second + 540*time.Millisecond, true, "1:36.5"},
		{time.Hour + 2*time.Minute + 3*time.Second, false, "1:02:03"},
		{-1500 * time.Millisecond, true, "-0:01.5"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, clock(tt.d, tt.tenths), "%v", tt.d)
	}
}

// TestHTMLChromium renders the demo report in headless Chromium: the page
// must load offline, paint, and keep its timelines.
func TestHTMLChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not on PATH: install it (apt-get install chromium) to render the report in a browser")
	}
	dir := t.TempDir()
	report := filepath.Join(dir, "report.html")
	require.NoError(t, os.WriteFile(report, []byte(demoReport(t)), 0o644))
	shot := filepath.Join(dir, "shot.png")
	chrome := func(args ...string) []byte {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir=" + filepath.Join(dir, "profile"), "--window-size=1366,900"}
		cmd := exec.CommandContext(ctx, bin, append(append(base, args...), "file://"+report)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		require.NoError(t, err, "chromium: %s", stderr.String())
		return out
	}

	chrome("--screenshot=" + shot)
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	b := img.Bounds()
	assert.Equal(t, 1366, b.Dx())
	assert.Equal(t, 900, b.Dy())
	colours := map[color.RGBA]bool{}
	nonWhite := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			colours[c] = true
			if c.R < 235 || c.G < 235 || c.B < 235 {
				nonWhite++
			}
		}
	}
	assert.Greater(t, len(colours), 50, "the page is drawn, not blank")
	assert.Greater(t, nonWhite, (b.Dx()/2)*(b.Dy()/2)/50, "at least 2%% of the screen is ink")

	dom := string(chrome("--dump-dom"))
	assert.Equal(t, len(demoCalls), strings.Count(dom, `<svg class="tl"`), "every timeline is in the rendered DOM")
	assert.Contains(t, dom, `<rect class="bar agent"`)
	assert.Contains(t, dom, `<section class="summary panel"`)
	assert.Equal(t, len(demoCalls)+1, strings.Count(dom, `<details class="call`))
}

func BenchmarkHTMLCall(b *testing.B) {
	text := longCall()
	tr, err := listenscore.Read("long.txt", strings.NewReader(text), listenscore.ReadOptions{})
	require.NoError(b, err)
	a, err := listenscore.Analyze(tr, listenscore.Config{})
	require.NoError(b, err)
	r := callResult{File: "long.txt", Format: "text", Turns: len(tr.Turns), analysis: a}
	w := newHTMLWriter(io.Discard)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := w.call(&r); err != nil {
			b.Fatal(err)
		}
	}
}

func parseNum(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err)
	return v
}

// voidElements are the HTML elements without an end tag.
var voidElements = map[string]bool{"meta": true, "br": true, "hr": true, "img": true, "input": true, "link": true, "col": true, "wbr": true}

// checkWellFormed tokenizes an HTML page with encoding/xml (the x/net/html
// parser is not a dependency) and checks that every element is closed, in
// order, and that entities and attributes are well-formed.
func checkWellFormed(page string) error {
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict = false // attributes without values: <details open>
	d.Entity = xml.HTMLEntity
	var stack []string
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if !voidElements[tok.Name.Local] {
				stack = append(stack, tok.Name.Local)
			}
		case xml.EndElement:
			if n := len(stack); n == 0 || stack[n-1] != tok.Name.Local {
				line, col := d.InputPos()
				return fmt.Errorf("%d:%d: </%s> closes %v", line, col, tok.Name.Local, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("unclosed elements at the end: %v", stack)
	}
	return nil
}

// element is a parsed SVG element.
type element struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []element  `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (e element) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (e element) child(name string) element {
	for _, c := range e.Children {
		if c.XMLName.Local == name {
			return c
		}
	}
	return element{}
}

func (e element) text() string { return e.Text }

// all returns the descendants named name.
func (e element) all(name string) []element {
	var out []element
	for _, c := range e.Children {
		if c.XMLName.Local == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

// withClass returns the descendants that have class cls.
func (e element) withClass(cls string) []element {
	var out []element
	for _, c := range e.Children {
		if hasClass(c.attr("class"), cls) {
			out = append(out, c)
		}
		out = append(out, c.withClass(cls)...)
	}
	return out
}

func hasClass(list, cls string) bool {
	for _, c := range strings.Fields(list) {
		if c == cls {
			return true
		}
	}
	return false
}

// timelineSVGs parses every call timeline of a page, strictly, as XML.
func timelineSVGs(t *testing.T, page string) []element {
	t.Helper()
	var out []element
	for _, frag := range regexp.MustCompile(`(?s)<svg class="tl".*?</svg>`).FindAllString(page, -1) {
		var e element
		d := xml.NewDecoder(strings.NewReader(frag))
		d.Entity = xml.HTMLEntity
		require.NoError(t, d.Decode(&e), "timeline SVG is well-formed XML")
		vb := strings.Fields(e.attr("viewBox"))
		require.Len(t, vb, 4)
		assert.Equal(t, "1200", vb[2], "the SVG scales by its viewBox")
		assert.False(t, math.IsNaN(parseNum(t, vb[3])))
		out = append(out, e)
	}
	return out
}
