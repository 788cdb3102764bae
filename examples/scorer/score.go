package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/callqa/listenscore/listenscore"
	"github.com/callqa/listenscore/rubric"
)

// callResult is what the scorer reports for one file: the call's facts,
// metrics and grade, or the error that stopped it.
type callResult struct {
	File            string                              `json:"file"`
	Format          string                              `json:"format,omitempty"`
	Turns           int                                 `json:"turns"`
	DurationSeconds *float64                            `json:"duration_seconds"`
	Speakers        []speakerResult                     `json:"speakers,omitempty"`
	Warnings        []string                            `json:"warnings,omitempty"`
	Metrics         map[listenscore.MetricName]*float64 `json:"metrics,omitempty"`
	Holds           []holdResult                        `json:"holds,omitempty"`
	Transfers       []transferResult                    `json:"transfers,omitempty"`
	Grade           *gradeResult                        `json:"grade,omitempty"`
	// Agents has each agent's part of the call, metrics and grade, when the
	// call has more than one agent-side speaker.
	Agents []agentResult `json:"agents,omitempty"`
	Error  *errorResult  `json:"error,omitempty"`

	// warnLines are the warnings as printed on standard error:
	// "file:line:col: warning: reason".
	warnLines []string

	// metricList is Metrics in listenscore.MetricNames order, for tables.
	metricList []metricValue
	// analysis is kept for outputs that show turns (annotations, HTML).
	analysis *listenscore.Analysis
}

type metricValue struct {
	name  listenscore.MetricName
	value *float64
}

type speakerResult struct {
	Label      string `json:"label"`
	Role       string `json:"role"`
	RoleSource string `json:"role_source"`
	RoleReason string `json:"role_reason"`
	Turns      int    `json:"turns"`
}

// holdResult is a hold (listenscore.Hold): who announced it and how, how
// long it lasted (null without times) and how the agent came back.
type holdResult struct {
	Turn         int      `json:"turn"`
	Speaker      string   `json:"speaker"`
	Return       *int     `json:"return"` // null when the call ends on hold
	Seconds      *float64 `json:"seconds"`
	StartSeconds *float64 `json:"start_seconds,omitempty"`
	EndSeconds   *float64 `json:"end_seconds,omitempty"`
	Announcement string   `json:"announcement"`
	Explained    string   `json:"explained,omitempty"`
	Thanked      string   `json:"thanked,omitempty"`
}

// transferResult is a transfer (listenscore.Transfer).
type transferResult struct {
	From         string   `json:"from"`
	To           string   `json:"to"` // "" when the transcript ends first
	Turn         int      `json:"turn"`
	Announced    *int     `json:"announced"` // the announcing turn, null when none
	Announcement string   `json:"announcement,omitempty"`
	AtSeconds    *float64 `json:"at_seconds"`
	Warm         bool     `json:"warm"`
}

// agentResult is one agent's part of a call with several agents: its
// turns, its metrics and its grade.
type agentResult struct {
	Speaker   string                              `json:"speaker"`
	FirstTurn int                                 `json:"first_turn"`
	LastTurn  int                                 `json:"last_turn"`
	Metrics   map[listenscore.MetricName]*float64 `json:"metrics"`
	Grade     *rubric.Result                      `json:"grade,omitempty"`
}

// gradeResult is the rubric's grade plus the scorer's gate.
type gradeResult struct {
	*rubric.Result
	// BelowFailUnder is set when -fail-under is given and the call scored
	// below it.
	BelowFailUnder bool `json:"below_fail_under,omitempty"`
	// Failed lists the criteria that earned no points.
	Failed []rubric.CriterionResult `json:"-"`
}

// errorResult is a file that could not be scored, with the position of the
// problem when there is one.
type errorResult struct {
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

// scoreInput reads, analyses and grades one input ("-" is standard input),
// masked with -redact. An input found with a problem is an error record.
func scoreInput(in input, opts options) callResult {
	var res callResult
	if in.err != nil {
		res = callResult{File: in.path, Error: newErrorResult(in.err)}
	} else {
		res = scoreUnmasked(in.path, opts)
	}
	if opts.redact {
		redactResult(&res)
	}
	return res
}

func scoreUnmasked(path string, opts options) callResult {
	res := callResult{File: path}
	readOpts := listenscore.ReadOptions{Format: opts.inputFormat, Lenient: opts.lenient, Roles: opts.roles}
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
	a, err := opts.analyzer.Analyze(t)
	if err != nil {
		res.Error = newErrorResult(err)
		return res
	}
	res.analysis = a
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
		res.warnLines = append(res.warnLines, warningLine(path, w))
	}
	if w := unmatchedAgents(opts.agents, t); w != nil {
		res.Warnings = append(res.Warnings, w.Error())
		res.warnLines = append(res.warnLines, warningLine(path, w))
	}
	res.Metrics = make(map[listenscore.MetricName]*float64, len(a.Metrics))
	for _, m := range a.Metrics {
		var v *float64
		if m.Valid {
			v = &m.Value
		}
		res.Metrics[m.Name] = v
		res.metricList = append(res.metricList, metricValue{m.Name, v})
	}
	res.Holds, res.Transfers = holdResults(a), transferResults(a)
	var agentGrades []*rubric.Result
	if opts.rubric != nil {
		full := opts.rubric.Grade(a)
		call := *full
		call.Agents = nil // shown with each agent's metrics
		agentGrades = full.Agents
		g := &gradeResult{Result: &call}
		g.Failed = g.FailedCriteria()
		g.BelowFailUnder = opts.failUnder >= 0 && g.Score < opts.failUnder
		res.Grade = g
	}
	if len(a.Agents) > 1 {
		for k, p := range a.Agents {
			ar := agentResult{Speaker: p.Speaker, FirstTurn: p.First, LastTurn: p.Last, Metrics: metricValues(p.Metrics)}
			if k < len(agentGrades) {
				ar.Grade = agentGrades[k]
			}
			res.Agents = append(res.Agents, ar)
		}
	}
	return res
}

// metricValues maps metric names to values, nil where not computable.
func metricValues(ms []listenscore.Metric) map[listenscore.MetricName]*float64 {
	out := make(map[listenscore.MetricName]*float64, len(ms))
	for _, m := range ms {
		var v *float64
		if m.Valid {
			v = &m.Value
		}
		out[m.Name] = v
	}
	return out
}

func holdResults(a *listenscore.Analysis) []holdResult {
	var out []holdResult
	for _, h := range a.Holds {
		hr := holdResult{Turn: h.Turn, Speaker: a.Transcript.Turns[h.Turn].Speaker,
			Announcement: h.Announcement, Explained: h.Explained, Thanked: h.Thanked}
		if h.Return >= 0 {
			r := h.Return
			hr.Return = &r
		}
		if h.Timed {
			sec, start, end := h.Silence.Seconds(), h.Start.Seconds(), h.End.Seconds()
			hr.Seconds, hr.StartSeconds, hr.EndSeconds = &sec, &start, &end
		}
		out = append(out, hr)
	}
	return out
}

func transferResults(a *listenscore.Analysis) []transferResult {
	var out []transferResult
	for _, tr := range a.Transfers {
		r := transferResult{From: tr.From, To: tr.To, Turn: tr.Turn, Announcement: tr.Announcement, Warm: tr.Warm}
		if tr.Announced >= 0 {
			n := tr.Announced
			r.Announced = &n
		}
		if tr.Timed {
			at := tr.At.Seconds()
			r.AtSeconds = &at
		}
		out = append(out, r)
	}
	return out
}

// warningLine renders a warning for standard error, in the form editors
// jump to: "file:line:col: warning: reason".
// unmatchedAgents returns a warning when -agent names labels, none of
// them is a speaker of t, and some speaker's role was then guessed from
// the call, which the user did not ask for. Roles the source states (AWS
// ParticipantRole) need no -agent: no warning.
func unmatchedAgents(agents []string, t *listenscore.Transcript) error {
	if len(agents) == 0 || !slices.ContainsFunc(t.Speakers, func(sp listenscore.Speaker) bool {
		return sp.RoleSource != listenscore.RoleFromSource
	}) {
		return nil
	}
	labels := make([]string, len(t.Speakers))
	for i, sp := range t.Speakers {
		for _, a := range agents {
			if strings.EqualFold(sp.Label, a) {
				return nil
			}
		}
		labels[i] = sp.Label
	}
	return fmt.Errorf("-agent %s matches no speaker (the speakers are %s); roles were decided from the call",
		strings.Join(agents, ","), strings.Join(labels, ", "))
}

func warningLine(path string, w error) string {
	var pe *listenscore.ParseError
	if !errors.As(w, &pe) {
		return path + ": warning: " + w.Error()
	}
	pos := pe.File
	if pos == "" {
		pos = path
	}
	if pe.Line > 0 {
		pos += ":" + strconv.Itoa(pe.Line)
		if pe.Column > 0 {
			pos += ":" + strconv.Itoa(pe.Column)
		}
	}
	return pos + ": warning: " + pe.Err.Error()
}

func newErrorResult(err error) *errorResult {
	e := &errorResult{Message: err.Error()}
	var pe *listenscore.ParseError
	if errors.As(err, &pe) {
		e.Line, e.Column = pe.Line, pe.Column
	}
	return e
}

// redactResult masks, in every text the result carries that comes from
// the input, digit runs, e-mail addresses, dates, street addresses,
// spelled-out digit runs and the names of the call's people (see
// redactor): speaker labels and role reasons, warnings, the error,
// evidence, and (through a copy of the analysis) the turns, speakers and
// metrics that annotations, calibrations and reports show. The file's own
// path is not masked where a message quotes it: it names the input, as
// the file column does.
func redactResult(r *callResult) {
	rd := newRedactor(r.analysis)
	for i := range r.Speakers {
		r.Speakers[i].Label = rd.label(r.Speakers[i].Label)
		r.Speakers[i].RoleReason = rd.text(r.Speakers[i].RoleReason)
	}
	for i := range r.Warnings {
		r.Warnings[i] = rd.message(r.Warnings[i], r.File)
	}
	for i := range r.warnLines {
		r.warnLines[i] = rd.message(r.warnLines[i], r.File)
	}
	if r.Error != nil {
		r.Error.Message = rd.message(r.Error.Message, r.File)
	}
	if r.Grade != nil {
		rd.grade(r.Grade.Result)
		r.Grade.Failed = r.Grade.FailedCriteria()
	}
	for i := range r.Holds {
		h := &r.Holds[i]
		h.Speaker, h.Announcement = rd.label(h.Speaker), rd.text(h.Announcement)
		h.Explained, h.Thanked = rd.text(h.Explained), rd.text(h.Thanked)
	}
	for i := range r.Transfers {
		tr := &r.Transfers[i]
		tr.From, tr.To, tr.Announcement = rd.label(tr.From), rd.label(tr.To), rd.text(tr.Announcement)
	}
	for i := range r.Agents {
		ag := &r.Agents[i]
		ag.Speaker = rd.label(ag.Speaker)
		if ag.Grade != nil {
			g := *ag.Grade
			g.Speaker = rd.label(g.Speaker)
			rd.grade(&g)
			ag.Grade = &g
		}
	}
	if r.analysis != nil {
		a := *r.analysis
		t := *a.Transcript
		t.Turns = append([]listenscore.Turn(nil), t.Turns...)
		for i := range t.Turns {
			t.Turns[i].Speaker = rd.label(t.Turns[i].Speaker)
			t.Turns[i].Text = rd.text(t.Turns[i].Text)
		}
		t.Speakers = append([]listenscore.Speaker(nil), t.Speakers...)
		for i := range t.Speakers {
			t.Speakers[i].Label = rd.label(t.Speakers[i].Label)
			t.Speakers[i].RoleReason = rd.text(t.Speakers[i].RoleReason)
		}
		t.Warnings = nil // shown through r.Warnings, masked
		a.Transcript = &t
		a.Turns = append([]listenscore.TurnTags(nil), a.Turns...)
		for i := range a.Turns {
			reasons := make([]string, len(a.Turns[i].Reasons))
			for k, v := range a.Turns[i].Reasons {
				reasons[k] = rd.text(v)
			}
			a.Turns[i].Reasons = reasons
		}
		a.Metrics = append([]listenscore.Metric(nil), a.Metrics...)
		for i := range a.Metrics {
			a.Metrics[i].Evidence = rd.evidence(a.Metrics[i].Evidence)
		}
		a.Holds = append([]listenscore.Hold(nil), a.Holds...)
		for i := range a.Holds {
			h := &a.Holds[i]
			h.Announcement, h.Explained, h.Thanked = rd.text(h.Announcement), rd.text(h.Explained), rd.text(h.Thanked)
		}
		a.Transfers = append([]listenscore.Transfer(nil), a.Transfers...)
		for i := range a.Transfers {
			tr := &a.Transfers[i]
			tr.From, tr.To, tr.Announcement = rd.label(tr.From), rd.label(tr.To), rd.text(tr.Announcement)
		}
		a.Agents = append([]listenscore.AgentPart(nil), a.Agents...)
		for i := range a.Agents {
			p := &a.Agents[i]
			p.Speaker = rd.label(p.Speaker)
			p.Metrics = append([]listenscore.Metric(nil), p.Metrics...)
			for k := range p.Metrics {
				p.Metrics[k].Evidence = rd.evidence(p.Metrics[k].Evidence)
			}
		}
		r.analysis = &a
	}
}

// grade masks the reasons and evidence of g, on a copy of its criteria.
func (rd *redactor) grade(g *rubric.Result) {
	g.Criteria = append([]rubric.CriterionResult(nil), g.Criteria...)
	for i := range g.Criteria {
		c := &g.Criteria[i]
		c.Reason = rd.text(c.Reason)
		c.Evidence = rd.evidence(c.Evidence)
	}
}

// evidence returns a masked copy of ev.
func (rd *redactor) evidence(ev []listenscore.Evidence) []listenscore.Evidence {
	if ev == nil {
		return nil
	}
	out := make([]listenscore.Evidence, len(ev))
	for i, e := range ev {
		e.Speaker, e.Text, e.Reason = rd.label(e.Speaker), rd.text(e.Text), rd.text(e.Reason)
		out[i] = e
	}
	return out
}

// message masks a message that may quote the input's path: the path stays
// readable, everything else is masked. Standard input has no path to keep.
func (rd *redactor) message(msg, path string) string {
	if path == "" || path == stdinName {
		return rd.text(msg)
	}
	parts := strings.Split(msg, path)
	for i := range parts {
		parts[i] = rd.text(parts[i])
	}
	return strings.Join(parts, path)
}

// describeValue renders a metric value for tables: "-" when not computable.
func describeValue(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.4g", *v)
}

// redactMessage masks a message outside any call's context (see
// redactor.message).
func redactMessage(msg, path string) string { return newRedactor(nil).message(msg, path) }
