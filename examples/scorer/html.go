package main

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/callqa/listenscore/listenscore"
	"github.com/callqa/listenscore/rubric"
)

// The HTML report is one self-contained page: inline CSS, inline SVG, no
// script and no network. It streams like the other reports: the page head
// and style at begin, one <details> section per call as it arrives, and the
// batch summary at the end, which CSS (order: -1 in a flex column) shows
// first. Nothing is kept between calls but a counter.

//go:embed report.html.tmpl
var reportTemplateText string

// reportTemplate holds the templates "begin", "call" and "end". It is
// parsed once and only executed afterwards, which is safe for concurrent
// use.
var reportTemplate = template.Must(template.New("report").Parse(reportTemplateText))

// openCalls is how many calls the report shows expanded; later ones start
// collapsed, so that a large batch stays a list that can be scanned.
const openCalls = 10

// htmlWriter writes the HTML report.
type htmlWriter struct {
	w io.Writer
	n int // calls written
}

func newHTMLWriter(w io.Writer) reportWriter { return &htmlWriter{w: w} }

func (h *htmlWriter) begin() error { return reportTemplate.ExecuteTemplate(h.w, "begin", nil) }

func (h *htmlWriter) call(r *callResult) error {
	h.n++
	return reportTemplate.ExecuteTemplate(h.w, "call", newCallView(r, h.n))
}

func (h *htmlWriter) end(s summary) error {
	return reportTemplate.ExecuteTemplate(h.w, "end", newSummaryView(s))
}

// callView is one call as the template shows it.
type callView struct {
	ID       string // element id prefix, "c1"
	Index    int    // 1-based position in the batch
	Open     bool
	File     string
	Base     string // file name without directory
	Dir      string // directory with trailing separator, or ""
	Format   string
	Duration string // m:ss, or "" when unknown
	Turns    int
	Error    *errorView
	Speakers []speakerView
	Warnings []string
	Grade    *gradeView
	Agents   *agentsView
	Timeline *timelineView
	Turnlist []turnView
}

// agentsView is the agents of a call with several: each agent's part, key
// metrics and grade.
type agentsView struct {
	Columns []agentColumn
	Rows    []agentView
}

// agentColumn is a key metric of the agents table: its name and a short
// heading.
type agentColumn struct {
	Metric listenscore.MetricName
	Label  string
}

type agentView struct {
	Speaker     string
	First, Last int
	Grade       *gradeView // nil without a rubric
	Values      []string   // parallel to Columns
}

// agentColumns are the metrics the agents table shows.
var agentColumns = []agentColumn{{"agent_talk_ratio", "talk ratio"}, {"longest_agent_monologue_seconds", "monologue s"},
	{"patience_seconds", "patience s"}, {"open_questions", "open q."}, {"paraphrase_rate", "paraphrase rate"},
	{"empathy_statements", "empathy"}, {"action_commitments", "commitments"}, {"hold_count", "holds"},
	{"holds_explained", "explained"}, {"holds_thanked", "thanked"}, {"transfers", "transfers"}}

type errorView struct {
	Position string // "line:column", "line" or ""
	Message  string
}

type speakerView struct {
	Label, Role, Source, Reason string
	Turns                       int
}

type gradeView struct {
	Rubric         string
	Score          string
	Grade          string
	Class          string // pass, fail, autofail or na
	Passed         bool
	AutoFailed     bool
	NotApplicable  bool
	BelowFailUnder bool
	Points         string // "113.46 / 120"
	Failed         int
	Rows           []criterionRow
}

// criterionRow is a section heading (Section set, Criterion nil) or a
// criterion.
type criterionRow struct {
	Section   string
	Criterion *criterionView
}

type criterionView struct {
	ID, Title, Metric string
	Status, Class     string
	Value, Unit       string
	Points, Max       string
	AutoFail          bool
	Reason            string
	Evidence          []evidenceView
}

type evidenceView struct {
	Turn    int
	Anchor  string // element id of the turn in the transcript
	Time    string
	Speaker string
	Role    string
	Text    string
	Reason  string
}

type turnView struct {
	Index   int
	Anchor  string
	Time    string
	Speaker string
	Role    string
	Text    string
	Tags    []tagView
}

type tagView struct{ Name, Reason string }

func newCallView(r *callResult, index int) callView {
	v := callView{
		ID: "c" + strconv.Itoa(index), Index: index, Open: index <= openCalls,
		File: r.File, Base: r.File, Format: r.Format, Turns: r.Turns, Warnings: r.Warnings,
	}
	if dir, base := filepath.Split(r.File); dir != "" && base != "" {
		v.Dir, v.Base = dir, base
	}
	if r.DurationSeconds != nil {
		v.Duration = clock(time.Duration(*r.DurationSeconds*float64(time.Second)), false)
	}
	if r.Error != nil {
		e := &errorView{Message: r.Error.Message}
		switch {
		case r.Error.Line > 0 && r.Error.Column > 0:
			e.Position = fmt.Sprintf("%d:%d", r.Error.Line, r.Error.Column)
		case r.Error.Line > 0:
			e.Position = strconv.Itoa(r.Error.Line)
		}
		v.Error = e
		return v
	}
	for _, s := range r.Speakers {
		v.Speakers = append(v.Speakers, speakerView{s.Label, s.Role, s.RoleSource, s.RoleReason, s.Turns})
	}
	a := r.analysis
	if r.Grade != nil {
		v.Grade = newGradeView(r.Grade, a, v.ID)
	}
	if len(r.Agents) > 0 {
		av := &agentsView{Columns: agentColumns}
		for _, ag := range r.Agents {
			row := agentView{Speaker: ag.Speaker, First: ag.FirstTurn, Last: ag.LastTurn}
			for _, c := range agentColumns {
				row.Values = append(row.Values, describeValue(ag.Metrics[c.Metric]))
			}
			if ag.Grade != nil {
				row.Grade = newGradeView(&gradeResult{Result: ag.Grade, Failed: ag.Grade.FailedCriteria()}, a, v.ID)
			}
			av.Rows = append(av.Rows, row)
		}
		v.Agents = av
	}
	if a != nil && a.Transcript != nil {
		v.Timeline = newTimeline(a, v.ID, r.Holds, r.Transfers)
		for i, tu := range a.Transcript.Turns {
			tv := turnView{
				Index: i, Anchor: turnAnchor(v.ID, i), Time: turnTime(tu),
				Speaker: tu.Speaker, Role: tu.Role.String(), Text: tu.Text,
			}
			if i < len(a.Turns) {
				for _, tag := range a.Turns[i].Tags {
					tv.Tags = append(tv.Tags, tagView{string(tag), a.Turns[i].Reason(tag)})
				}
			}
			v.Turnlist = append(v.Turnlist, tv)
		}
	}
	return v
}

func turnAnchor(id string, turn int) string { return id + "-t" + strconv.Itoa(turn) }

func newGradeView(g *gradeResult, a *listenscore.Analysis, id string) *gradeView {
	v := &gradeView{
		Rubric: g.Rubric, Score: formatScore(g.Score), Grade: g.Grade,
		Passed: g.Passed, AutoFailed: g.AutoFailed, NotApplicable: g.NotApplicable,
		BelowFailUnder: g.BelowFailUnder, Failed: len(g.Failed),
		Points: number(g.Points) + " / " + number(g.MaxPoints),
	}
	switch {
	case g.NotApplicable:
		v.Score, v.Grade, v.Class = "n/a", "n/a", "na"
	case g.AutoFailed:
		v.Class = "autofail"
	case g.Passed:
		v.Class = "pass"
	default:
		v.Class = "fail"
	}
	section := ""
	for i := range g.Criteria {
		c := &g.Criteria[i]
		if c.Section != section || i == 0 && c.Section != "" {
			section = c.Section
			if section == "" {
				section = "Other"
			}
			v.Rows = append(v.Rows, criterionRow{Section: section})
			section = c.Section
		}
		cv := &criterionView{
			ID: c.ID, Title: c.Title, Metric: string(c.Metric), Status: string(c.Status),
			Class: statusClass(c.Status), Value: describeValue(c.Value), Unit: c.Unit,
			Points: number(c.Points), Max: number(c.Max), AutoFail: c.AutoFail, Reason: c.Reason,
		}
		if cv.Title == "" {
			cv.Title = c.ID
		}
		for _, e := range c.Evidence {
			ev := evidenceView{
				Turn: e.Turn, Anchor: turnAnchor(id, e.Turn),
				Speaker: e.Speaker, Role: e.Role.String(), Text: e.Text, Reason: e.Reason,
			}
			if a != nil && e.Turn >= 0 && e.Turn < len(a.Transcript.Turns) {
				ev.Time = turnTime(a.Transcript.Turns[e.Turn])
			}
			cv.Evidence = append(cv.Evidence, ev)
		}
		v.Rows = append(v.Rows, criterionRow{Criterion: cv})
	}
	return v
}

func statusClass(s rubric.Status) string {
	switch s {
	case rubric.StatusPass:
		return "pass"
	case rubric.StatusPartial:
		return "partial"
	case rubric.StatusFail:
		return "fail"
	}
	return "na"
}

// summaryView is the batch summary as the template shows it.
type summaryView struct {
	Calls, Failed, Scored, BelowFailUnder int
	Mean, Median                          string // "" when nothing was scored
	Bands                                 []bandView
	Grades                                []countView
	MostFailed                            []countView
	Metrics                               []metricMeanView
}

// bandView is one bar of the score distribution chart, in SVG units.
type bandView struct {
	Label, Class           string
	Calls                  int
	X, Y, W, H, LabelX, TY string
}

type countView struct {
	Name, Title string
	Calls       int
	Percent     string // of the scored calls, for the meter width
}

type metricMeanView struct {
	Name, Mean string
	Calls      int
}

// Score distribution chart geometry, in SVG units.
const (
	chartW, chartH   = 420.0, 150.0
	chartTop         = 16.0 // room for the counts above the bars
	chartAxis        = 20.0 // room for the band labels below
	chartBar, chartG = 34.0, 8.0
)

func newSummaryView(s summary) summaryView {
	v := summaryView{Calls: s.Calls, Failed: s.FailedFiles, Scored: s.Scored, BelowFailUnder: s.BelowFailUnder}
	if s.MeanScore != nil {
		v.Mean = formatScore(*s.MeanScore)
	}
	if s.MedianScore != nil {
		v.Median = formatScore(*s.MedianScore)
	}
	most := 1
	for _, b := range s.ScoreBands {
		most = max(most, b.Calls)
	}
	plot := chartH - chartTop - chartAxis
	for i, b := range s.ScoreBands {
		h := plot * float64(b.Calls) / float64(most)
		x := 4 + float64(i)*(chartBar+chartG)
		to := b.To - 1
		if b.To >= 100 {
			to = 100
		}
		class := "lo"
		switch {
		case b.From >= 70:
			class = "hi"
		case b.From >= 50:
			class = "mid"
		}
		v.Bands = append(v.Bands, bandView{
			Label: fmt.Sprintf("%d–%d", b.From, to), Class: class, Calls: b.Calls,
			X: num(x), Y: num(chartTop + plot - h), W: num(chartBar), H: num(h),
			LabelX: num(x + chartBar/2), TY: num(chartTop + plot - h - 4),
		})
	}
	percent := func(n int) string {
		if s.Scored == 0 {
			return "0"
		}
		return num(100 * float64(n) / float64(s.Scored))
	}
	for _, g := range s.Grades {
		v.Grades = append(v.Grades, countView{Name: g.Grade, Calls: g.Calls, Percent: percent(g.Calls)})
	}
	for _, f := range s.MostFailed {
		v.MostFailed = append(v.MostFailed, countView{Name: f.ID, Title: f.Title, Calls: f.Calls, Percent: percent(f.Calls)})
	}
	for _, m := range s.MetricMeans {
		v.Metrics = append(v.Metrics, metricMeanView{m.Metric, describeValue(m.Mean), m.Calls})
	}
	return v
}

// Timeline geometry, in SVG user units: the SVG's viewBox is timelineW
// wide and scales to the page width.
const (
	timelineW   = 1200.0
	gutterW     = 150.0 // lane labels
	rightPad    = 24.0
	plotW       = timelineW - gutterW - rightPad
	laneH       = 34.0
	markTop     = 7.0  // y of the markers' centre within a lane
	barTop      = 13.0 // bar y within a lane
	barH        = 18.0
	axisH       = 20.0 // tick labels below the lanes of a row
	moodH       = 36.0 // the customer's sentiment band below the lanes, when drawn
	rowGap      = 14.0
	minBarW     = 2.0  // the shortest turn stays visible
	markStep    = 10.0 // horizontal offset between markers of one turn
	titleRunes  = 120
	turnsPerRow = 50 // in turn-order mode
	// rowMinutes is the longest time a row covers before the call is
	// split into several rows on one scale.
	rowMinutes = 5
	// maxSingleRow is the longest call drawn on one row.
	maxSingleRow = 6 * time.Minute
	// maxRows limits the rows of a timed call (4 hours of 5-minute rows).
	maxRows = 48
)

// Timeline modes.
const (
	modeTime  = "time"  // every turn has a start and an end
	modeStart = "start" // every turn has a start; missing ends run to the next start
	modeOrder = "order" // no usable times: equal slots in turn order
)

// timelineView is a call's timeline: one SVG with one or more rows, each
// row one lane per speaker on a shared axis.
type timelineView struct {
	Mode   string
	Note   string // what the axis means when not plain time
	Height string // viewBox height
	Rows   []rowView
	// Counts shown in the legend.
	Interruptions, Paraphrases, OpenQuestions, DeadAir, Overlaps, Holds, Transfers int
	Repeats, Reasks, Complaints, Solutions, Summaries                              int
	// Mood is set when the call has customer sentiment to draw: a band
	// under each row's lanes with the customer's sentiment as a line.
	Mood bool
}

type rowView struct {
	Lanes    []laneView
	Ticks    []tickView
	Bars     []barView
	Shades   []shadeView // overlaps, dead air and holds, drawn under the bars
	Lines    []lineView  // transfers, across the lanes
	Markers  []markerView
	AxisY    string // y of the axis line
	LabelY   string // y of the tick labels
	Top, Bot string // y range of the lanes, for tick lines
	// The mood band: its top and height, the y of sentiment 0 and the
	// label's baseline; the line through the customer turns' sentiment,
	// and a dot per turn.
	MoodTop, MoodH, MoodZero, MoodLabelY string
	MoodLine                             string // SVG points "x,y x,y …"
	MoodDots                             []moodDot
}

// moodDot is one customer turn's sentiment on the mood band.
type moodDot struct {
	Turn          int
	CX, CY, Title string
}

type laneView struct {
	Label, Full, Role, Class string
	Y, H, TextY, RoleY       string
}

type tickView struct{ X, Label string }

type barView struct {
	Turn             int
	Cont             bool // continues a bar from the row above
	Class            string
	X, Y, W, H, Href string
	Title            string
}

// lineView is a transfer: a line across the lanes where the new agent
// takes the call, labelled with their name.
type lineView struct {
	X, Y1, Y2, TextX, TextY string
	Label, Title            string
}

type shadeView struct {
	Kind          string // overlap, deadair or hold
	Cont          bool
	X, Y, W, H    string
	Label, LabelX string
	LabelY, Title string
}

type markerView struct {
	Kind   string // interruption, paraphrase, open, hold, repeat, reask, complaint, solution or summary
	Turn   int
	Shape  string // circle or path
	CX, CY string
	Path   string
	Title  string
}

// span is a turn's extent on the timeline's axis: seconds, or slots in
// turn-order mode.
type span struct{ from, to float64 }

func newTimeline(a *listenscore.Analysis, id string, holds []holdResult, transfers []transferResult) *timelineView {
	t := a.Transcript
	n := len(t.Turns)
	if n == 0 {
		return nil
	}
	tl := &timelineView{Mode: timelineMode(t)}
	spans := make([]span, n)
	var origin, rowSpan, total float64
	switch tl.Mode {
	case modeOrder:
		tl.Note = "No times in the transcript: turns in order, in equal slots."
		for i := range spans {
			spans[i] = span{float64(i), float64(i) + 1}
		}
		rowSpan = float64(min(n, turnsPerRow))
		total = float64(n)
	default:
		if tl.Mode == modeStart {
			tl.Note = "No end times in the transcript: each turn runs to the next turn's start; silence and overlaps are not known."
		}
		first := math.Inf(1)
		for i, tu := range t.Turns {
			from := tu.Start.Seconds()
			to := from
			switch {
			case tu.HasEnd:
				to = max(tu.End.Seconds(), from)
			case i+1 < n:
				to = max(nextStart(t, i), from)
			default:
				to = from + estimateSeconds(tu.Text)
			}
			spans[i] = span{from, to}
			first = min(first, from)
			total = max(total, to)
		}
		if first >= 60 {
			origin = math.Floor(first/60) * 60
		}
		total -= origin
		rowSpan = timeRowSpan(total)
	}
	rows := max(1, int(math.Ceil(total/rowSpan-1e-9)))

	lanes := laneOrder(t)
	laneOf := make(map[string]int, len(lanes))
	for i, l := range lanes {
		laneOf[l.Label] = i
	}
	tl.Mood = hasMood(a)
	moodBand := 0.0
	if tl.Mood {
		moodBand = moodH
	}
	rowH := float64(len(lanes))*laneH + moodBand + axisH
	tl.Height = num(float64(rows)*rowH + float64(rows-1)*rowGap + 2)
	tl.Rows = make([]rowView, rows)
	rowTop := func(r int) float64 { return 1 + float64(r)*(rowH+rowGap) }
	scale := plotW / rowSpan
	xOf := func(v float64, r int) float64 { return gutterW + (v-origin-float64(r)*rowSpan)*scale }
	lanesH := float64(len(lanes)) * laneH
	for r := range tl.Rows {
		row := &tl.Rows[r]
		top := rowTop(r)
		row.Top, row.Bot = num(top), num(top+lanesH+moodBand)
		row.AxisY, row.LabelY = num(top+lanesH+moodBand), num(top+lanesH+moodBand+14)
		if tl.Mood {
			row.MoodTop, row.MoodH = num(top+lanesH), num(moodH)
			row.MoodZero, row.MoodLabelY = num(top+lanesH+moodH/2), num(top+lanesH+moodH/2+4)
		}
		for li, l := range lanes {
			y := top + float64(li)*laneH
			lv := l
			lv.Y, lv.H, lv.TextY, lv.RoleY = num(y), num(laneH), num(y+15), num(y+28)
			row.Lanes = append(row.Lanes, lv)
		}
		from := origin + float64(r)*rowSpan
		row.Ticks = ticks(tl.Mode, from, rowSpan, func(v float64) float64 { return xOf(v, r) })
	}
	// pieces splits [from, to) over the rows it crosses.
	pieces := func(s span, each func(r int, x, w float64, cont bool)) {
		a, b := s.from-origin, s.to-origin
		first := max(0, min(rows-1, int(math.Floor(a/rowSpan))))
		for r := first; r < rows; r++ {
			lo, hi := float64(r)*rowSpan, float64(r+1)*rowSpan
			if r > first && b <= lo {
				break
			}
			x0, x1 := max(a, lo), min(b, hi)
			if r == rows-1 {
				x1 = b
			}
			x := gutterW + (x0-lo)*scale
			w := max(minBarW, (x1-x0)*scale)
			if x+w > gutterW+plotW+rightPad {
				x = gutterW + plotW + rightPad - w
			}
			each(r, x, w, r > first)
			if b <= hi {
				break
			}
		}
	}

	signals := heardMarkers(a)
	for i, tu := range t.Turns {
		lane := laneOf[tu.Speaker]
		role := roleClass(tu.Role)
		title := turnTitle(a, i)
		href := "#" + turnAnchor(id, i)
		markerRow, markerX := -1, 0.0
		pieces(spans[i], func(r int, x, w float64, cont bool) {
			y := rowTop(r) + float64(lane)*laneH + barTop
			if tl.Mode == modeOrder {
				// A small gap between slots keeps neighbouring turns apart.
				x, w = x+1, max(minBarW, w-2)
			}
			tl.Rows[r].Bars = append(tl.Rows[r].Bars, barView{
				Turn: i, Cont: cont, Class: role, X: num(x), Y: num(y), W: num(w), H: num(barH),
				Href: href, Title: title,
			})
			if !cont {
				markerRow, markerX = r, x
			}
		})
		if markerRow < 0 || i >= len(a.Turns) {
			continue
		}
		cy := rowTop(markerRow) + float64(lane)*laneH + markTop
		k := 0
		for _, h := range holds {
			if h.Turn != i {
				continue
			}
			cx := markerX + 5
			k++
			tl.Holds++
			title := fmt.Sprintf("#%d Hold: %s", i, h.Announcement)
			if h.Seconds != nil {
				title += fmt.Sprintf(", %s of silence", seconds(*h.Seconds))
			}
			title += holdEtiquette(h)
			tl.Rows[markerRow].Markers = append(tl.Rows[markerRow].Markers, markerView{
				Kind: "hold", Turn: i, Title: title,
				Path: fmt.Sprintf("M%s %sh3v9h-3zM%s %sh3v9h-3z", num(cx-4), num(cy-4.5), num(cx+1), num(cy-4.5)),
			})
		}
		// The turn's tags worth a marker, then its signals of being heard.
		var marks []signalMarker
		for _, m := range []struct {
			tag  listenscore.Tag
			kind string
			name string
		}{
			{listenscore.TagInterruption, "interruption", "Interruption"},
			{listenscore.TagOpenQuestion, "open", "Open question"},
			{listenscore.TagParaphrase, "paraphrase", "Paraphrase"},
		} {
			if a.Turns[i].Has(m.tag) {
				marks = append(marks, signalMarker{m.kind, m.name + ": " + a.Turns[i].Reason(m.tag)})
			}
		}
		for _, m := range append(marks, signals[i]...) {
			cx := markerX + 5 + float64(k)*markStep
			k++
			mv := markerView{Kind: m.kind, Turn: i, CX: num(cx), CY: num(cy), Title: fmt.Sprintf("#%d %s", i, m.title)}
			mv.Path, mv.Shape = markerShape(m.kind, cx, cy)
			tl.countMarker(m.kind)
			tl.Rows[markerRow].Markers = append(tl.Rows[markerRow].Markers, mv)
		}
		if tl.Mood && i < len(a.Sentiment) && a.Sentiment[i].Valid {
			sen := a.Sentiment[i]
			mid := (spans[i].from + spans[i].to) / 2
			r := max(0, min(rows-1, int(math.Floor((mid-origin)/rowSpan))))
			x := xOf(mid, r)
			y := rowTop(r) + lanesH + (1-sen.Score)/2*(moodH-6) + 3
			row := &tl.Rows[r]
			if row.MoodLine != "" {
				row.MoodLine += " "
			}
			row.MoodLine += num(x) + "," + num(y)
			src := "VADER"
			if sen.FromSource {
				src = "source label"
			}
			row.MoodDots = append(row.MoodDots, moodDot{Turn: i, CX: num(x), CY: num(y),
				Title: fmt.Sprintf("#%d customer sentiment %+.2f (%s): %s", i, sen.Score, src, sen.Reason)})
		}
	}

	shade := func(kind string, s span, label, title string) {
		pieces(s, func(r int, x, w float64, cont bool) {
			top := rowTop(r)
			sv := shadeView{Kind: kind, Cont: cont, X: num(x), Y: num(top), W: num(w), H: num(lanesH), Title: title}
			if (kind == "deadair" || kind == "hold") && w >= 34 {
				sv.Label, sv.LabelX, sv.LabelY = label, num(x+w/2), num(top+lanesH/2+4)
			}
			tl.Rows[r].Shades = append(tl.Rows[r].Shades, sv)
		})
	}
	if tl.Mode == modeTime {
		for _, o := range overlaps(t) {
			tl.Overlaps++
			shade("overlap", span{o.from, o.to}, "", fmt.Sprintf("Overlap: %s from %s (turn #%d starts while %s is talking)",
				seconds(o.to-o.from), clock(dur(o.from), true), o.turn, o.other))
		}
		for _, g := range deadAir(a) {
			tl.DeadAir++
			shade("deadair", span{g.from, g.to}, seconds(g.to-g.from), fmt.Sprintf("Dead air: %s of silence before turn #%d (%s to %s)",
				seconds(g.to-g.from), g.turn, clock(dur(g.from), true), clock(dur(g.to), true)))
		}
		for _, h := range holds {
			if h.StartSeconds == nil || h.EndSeconds == nil || h.Seconds == nil {
				continue
			}
			label := "hold " + clock(dur(*h.Seconds), false)
			shade("hold", span{*h.StartSeconds, *h.EndSeconds}, label, fmt.Sprintf("Hold announced in turn #%d (%s): %s of silence, %s to %s%s",
				h.Turn, h.Announcement, seconds(*h.Seconds), clock(dur(*h.StartSeconds), true), clock(dur(*h.EndSeconds), true), holdEtiquette(h)))
		}
	}
	for _, tr := range transfers {
		if tr.Turn < 0 || tr.Turn >= n {
			continue
		}
		tl.Transfers++
		at := spans[tr.Turn].from
		to, label := tr.To, "→ "+tr.To
		if to == "" {
			at, to, label = spans[tr.Turn].to, "someone outside this transcript", "→ out"
		}
		kind := "blind"
		if tr.Warm {
			kind = "warm"
		}
		title := fmt.Sprintf("Transfer (%s): %s to %s at turn #%d", kind, tr.From, to, tr.Turn)
		if tr.Announcement != "" && tr.Announced != nil {
			title += fmt.Sprintf(", announced in turn #%d: %s", *tr.Announced, tr.Announcement)
		}
		pieces(span{at, at}, func(r int, x, _ float64, cont bool) {
			if cont {
				return
			}
			top := rowTop(r)
			tl.Rows[r].Lines = append(tl.Rows[r].Lines, lineView{
				X: num(x), Y1: num(top), Y2: num(top + lanesH), TextX: num(x + 3), TextY: num(top + 10),
				Label: truncate(label, 18), Title: title,
			})
		})
	}
	return tl
}

// holdEtiquette says whether a hold was explained and thanked for, for
// titles.
func holdEtiquette(h holdResult) string {
	s := "; not explained"
	if h.Explained != "" {
		s = "; explained: " + h.Explained
	}
	if h.Thanked != "" {
		return s + "; thanked: " + h.Thanked
	}
	return s + "; no thanks on return"
}

// hasMood reports whether a call has customer sentiment to draw.
func hasMood(a *listenscore.Analysis) bool {
	for _, s := range a.Sentiment {
		if s.Valid {
			return true
		}
	}
	return false
}

// signalMarker is a marker of a signal of being heard on a turn.
type signalMarker struct{ kind, title string }

// markerShape returns the SVG path of a timeline marker of kind centred at
// (cx, cy), or "circle" as its shape.
func markerShape(kind string, cx, cy float64) (path, shape string) {
	switch kind {
	case "interruption":
		return fmt.Sprintf("M%s %sh10l-5 9z", num(cx-5), num(cy-4.5)), ""
	case "open":
		return fmt.Sprintf("M%s %sl5 5l-5 5l-5-5z", num(cx), num(cy-5)), ""
	case "paraphrase":
		return "", "circle"
	case "repeat", "reask":
		return fmt.Sprintf("M%s %sh8v8h-8z", num(cx-4), num(cy-4)), ""
	case "complaint":
		return fmt.Sprintf("M%s %sl5 9h-10z", num(cx), num(cy-5)), ""
	case "solution":
		return fmt.Sprintf("M%s %sl9 5l-9 5z", num(cx-4), num(cy-5)), ""
	case "summary":
		return fmt.Sprintf("M%s %sh10v6h-10z", num(cx-5), num(cy-3)), ""
	}
	return "", ""
}

// countMarker counts a marker of kind for the legend.
func (tl *timelineView) countMarker(kind string) {
	switch kind {
	case "interruption":
		tl.Interruptions++
	case "open":
		tl.OpenQuestions++
	case "paraphrase":
		tl.Paraphrases++
	case "repeat":
		tl.Repeats++
	case "reask":
		tl.Reasks++
	case "complaint":
		tl.Complaints++
	case "solution":
		tl.Solutions++
	case "summary":
		tl.Summaries++
	}
}

// heardMarkers returns, by turn, the markers of the signals of being
// heard, from the metrics' evidence: the repeats and re-asks (each
// evidence pair is the turn, then the earlier turn it goes back to, which
// is not marked), the listening complaints, the first solution (the last
// evidence of questions_before_solution) and the closing summaries.
func heardMarkers(a *listenscore.Analysis) map[int][]signalMarker {
	out := map[int][]signalMarker{}
	add := func(metric listenscore.MetricName, kind, name string, pick func(ev []listenscore.Evidence) []listenscore.Evidence) {
		m, ok := a.Metric(metric)
		if !ok || !m.Valid {
			return
		}
		for _, e := range pick(m.Evidence) {
			out[e.Turn] = append(out[e.Turn], signalMarker{kind, name + ": " + e.Reason})
		}
	}
	subjects := func(ev []listenscore.Evidence) []listenscore.Evidence {
		var s []listenscore.Evidence
		for k := 0; k < len(ev); k++ {
			s = append(s, ev[k])
			if k+1 < len(ev) && ev[k+1].Turn < ev[k].Turn {
				k++ // the earlier turn of the pair
			}
		}
		return s
	}
	all := func(ev []listenscore.Evidence) []listenscore.Evidence { return ev }
	last := func(ev []listenscore.Evidence) []listenscore.Evidence {
		if len(ev) == 0 {
			return nil
		}
		return ev[len(ev)-1:]
	}
	add("customer_repeats", "repeat", "Customer repeats", subjects)
	add("agent_reasks", "reask", "Re-ask", subjects)
	add("listening_complaints", "complaint", "Not heard", all)
	add("questions_before_solution", "solution", "First solution", last)
	add("closing_summary", "summary", "Closing summary", all)
	return out
}

func timelineMode(t *listenscore.Transcript) string {
	if t.Timed() {
		return modeTime
	}
	for _, tu := range t.Turns {
		if !tu.HasStart {
			return modeOrder
		}
	}
	for i := 1; i < len(t.Turns); i++ {
		if t.Turns[i].Start < t.Turns[i-1].Start {
			// Out of order (a lenient read keeps such turns): bars from
			// start to next start would run backwards.
			return modeOrder
		}
	}
	return modeStart
}

// nextStart returns the start of the first later turn that starts after
// turn i, or turn i's own start when none does.
func nextStart(t *listenscore.Transcript, i int) float64 {
	for j := i + 1; j < len(t.Turns); j++ {
		if t.Turns[j].Start > t.Turns[i].Start {
			return t.Turns[j].Start.Seconds()
		}
	}
	return t.Turns[i].Start.Seconds()
}

// estimateSeconds guesses how long a text takes to say, at 150 words a
// minute, for the last turn of a transcript without end times.
func estimateSeconds(text string) float64 {
	return max(1, float64(len(strings.Fields(text)))/2.5)
}

// timeRowSpan returns the seconds one row covers: the whole call, rounded
// up to a tick, when it is short; otherwise rows of about rowMinutes each,
// on one scale, rounded up to half a minute; at most maxRows rows, so that
// a recording of many hours gets longer rows rather than a page of them.
func timeRowSpan(total float64) float64 {
	if total <= 0 {
		return 10
	}
	if total <= maxSingleRow.Seconds() {
		step := tickStep(total)
		return math.Ceil(total/step-1e-9) * step
	}
	rows := min(math.Ceil(total/(rowMinutes*60)), maxRows)
	return math.Ceil(total/rows/30) * 30
}

// tickStep returns the tick interval in seconds that gives at most 12
// ticks over span.
func tickStep(span float64) float64 {
	for _, s := range []float64{1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600} {
		if span/s <= 12 {
			return s
		}
	}
	return 3600
}

// ticks returns a row's axis ticks from from to from+length.
func ticks(mode string, from, length float64, x func(float64) float64) []tickView {
	var out []tickView
	if mode == modeOrder {
		step := 1.0
		switch {
		case length > 20:
			step = 5
		case length > 10:
			step = 2
		}
		for v := math.Ceil(from/step) * step; v < from+length; v += step {
			// A tick sits in the middle of its turn's slot.
			out = append(out, tickView{num(x(v + 0.5)), "#" + strconv.Itoa(int(v))})
		}
		return out
	}
	step := tickStep(length)
	for v := math.Ceil(from/step-1e-9) * step; v <= from+length+1e-9; v += step {
		out = append(out, tickView{num(x(v)), clock(dur(v), false)})
	}
	return out
}

// laneOrder returns the lanes: agents first, then customers, then speakers
// of unknown role, each in order of first appearance.
func laneOrder(t *listenscore.Transcript) []laneView {
	seen := map[string]bool{}
	var sp []listenscore.Speaker
	for _, s := range t.Speakers {
		if !seen[s.Label] {
			seen[s.Label] = true
			sp = append(sp, s)
		}
	}
	for _, tu := range t.Turns {
		if !seen[tu.Speaker] {
			seen[tu.Speaker] = true
			sp = append(sp, listenscore.Speaker{Label: tu.Speaker, Role: tu.Role})
		}
	}
	rank := func(r listenscore.Role) int {
		switch r {
		case listenscore.RoleAgent:
			return 0
		case listenscore.RoleCustomer:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(sp, func(a, b listenscore.Speaker) int { return rank(a.Role) - rank(b.Role) })
	lanes := make([]laneView, len(sp))
	for i, s := range sp {
		label := s.Label
		if label == "" {
			label = "(no label)"
		}
		lanes[i] = laneView{Label: truncate(label, 18), Full: label, Role: s.Role.String(), Class: roleClass(s.Role)}
	}
	return lanes
}

func roleClass(r listenscore.Role) string {
	switch r {
	case listenscore.RoleAgent:
		return "agent"
	case listenscore.RoleCustomer:
		return "customer"
	}
	return "unknown"
}

// turnTitle is a bar's tooltip: index, time, speaker and role, the start
// of the text, and the turn's tags.
func turnTitle(a *listenscore.Analysis, i int) string {
	tu := a.Transcript.Turns[i]
	var b strings.Builder
	fmt.Fprintf(&b, "#%d", i)
	if tm := turnTime(tu); tm != "" {
		b.WriteString(" · " + tm)
	}
	fmt.Fprintf(&b, " · %s (%s)\n%s", tu.Speaker, tu.Role, truncate(tu.Text, titleRunes))
	if i < len(a.Turns) && len(a.Turns[i].Tags) > 0 {
		tags := make([]string, len(a.Turns[i].Tags))
		for k, tag := range a.Turns[i].Tags {
			tags[k] = string(tag)
		}
		b.WriteString("\n[" + strings.Join(tags, ", ") + "]")
	}
	return b.String()
}

// turnTime renders a turn's times, "1:36.5–1:45.0", or its start alone, or
// "" when it has none.
func turnTime(tu listenscore.Turn) string {
	switch {
	case tu.HasStart && tu.HasEnd:
		return clock(tu.Start, true) + "–" + clock(tu.End, true)
	case tu.HasStart:
		return clock(tu.Start, true)
	}
	return ""
}

// timedSpan is a stretch of time on the timeline, with the turn it belongs
// to.
type timedSpan struct {
	from, to float64
	turn     int
	other    string // overlaps: the speaker talked over
}

// overlaps returns the times when speakers of different sides talk at
// once (overtalk_ratio's agent and customer), in time order, merged where
// they touch. Each piece names the turn that started it.
func overlaps(t *listenscore.Transcript) []timedSpan {
	order := make([]int, len(t.Turns))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(t.Turns[a].Start, t.Turns[b].Start) })
	var out []timedSpan
	var active []int
	for _, i := range order {
		tu := t.Turns[i]
		kept := active[:0]
		for _, j := range active {
			if t.Turns[j].End > tu.Start {
				kept = append(kept, j)
			}
		}
		active = kept
		for _, j := range active {
			o := t.Turns[j]
			if o.Speaker == tu.Speaker || o.Role == tu.Role && o.Role != listenscore.RoleUnknown {
				continue // one side: overtalk is the agent and the customer at once
			}
			from, to := tu.Start.Seconds(), min(o.End, tu.End).Seconds()
			if to > from {
				out = append(out, timedSpan{from, to, i, o.Speaker})
			}
		}
		active = append(active, i)
	}
	slices.SortStableFunc(out, func(a, b timedSpan) int { return cmp.Compare(a.from, b.from) })
	var merged []timedSpan
	for _, o := range out {
		if k := len(merged) - 1; k >= 0 && o.from <= merged[k].to {
			merged[k].to = max(merged[k].to, o.to)
			continue
		}
		merged = append(merged, o)
	}
	return merged
}

// deadAir returns the silences the analysis counted as dead air (the
// evidence of dead_air_count: the turn after each gap), each from the end
// of all earlier speech to the turn's start.
func deadAir(a *listenscore.Analysis) []timedSpan {
	m, ok := a.Metric("dead_air_count")
	if !ok || !m.Valid || len(m.Evidence) == 0 {
		return nil
	}
	t := a.Transcript
	after := make(map[int]bool, len(m.Evidence))
	for _, e := range m.Evidence {
		after[e.Turn] = true
	}
	order := make([]int, len(t.Turns))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(t.Turns[a].Start, t.Turns[b].Start) })
	var out []timedSpan
	end := t.Turns[order[0]].End
	for _, i := range order[1:] {
		tu := t.Turns[i]
		if after[i] && tu.Start > end {
			out = append(out, timedSpan{from: end.Seconds(), to: tu.Start.Seconds(), turn: i})
		}
		end = max(end, tu.End)
	}
	return out
}

// clock renders a time as m:ss, or h:mm:ss from an hour, with tenths of a
// second when tenths is set.
func clock(d time.Duration, tenths bool) string {
	if d < 0 {
		return "-" + clock(-d, tenths)
	}
	unit := time.Second
	if tenths {
		unit = 100 * time.Millisecond
	}
	d = d.Round(unit)
	h, m, s := int(d/time.Hour), int(d/time.Minute%60), int(d/time.Second%60)
	sec := fmt.Sprintf("%02d", s)
	if tenths {
		sec += "." + strconv.Itoa(int(d/(100*time.Millisecond)%10))
	}
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%s", h, m, sec)
	}
	return fmt.Sprintf("%d:%s", m, sec)
}

func dur(sec float64) time.Duration { return time.Duration(math.Round(sec * float64(time.Second))) }

// seconds renders a length of time, "3.4 s".
func seconds(sec float64) string {
	return strconv.FormatFloat(math.Round(sec*10)/10, 'f', 1, 64) + " s"
}

// num renders an SVG coordinate with at most one decimal.
func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// number renders points with at most two decimals.
func number(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// truncate shortens s to n runes, ending it with "…" when cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}
