package rubric

import (
	"fmt"
	"math"
	"slices"

	"github.com/callqa/listenscore/listenscore"
)

// Status is how a criterion came out.
type Status string

// The statuses of a criterion.
const (
	StatusPass    Status = "pass"    // full points
	StatusPartial Status = "partial" // some points
	StatusFail    Status = "fail"    // no points
	StatusNA      Status = "n/a"     // not applicable: left out of the score
)

// A Result is a call graded against a rubric. It marshals to JSON with
// snake_case keys. Scores and points are rounded to 0.01; a criterion's
// Value is the metric's value as computed, unrounded, so that a small ratio
// (0.004) does not read as zero.
type Result struct {
	Rubric string `json:"rubric"`
	// Score is 100 × Points / MaxPoints, or 0 when the call is auto-failed
	// or no criterion applies.
	Score float64 `json:"score"`
	// Grade is the band Score falls in; empty when the rubric has no
	// grades or no criterion applies.
	Grade string `json:"grade"`
	// Passed is true when the call is not auto-failed, some criterion
	// applies, and Score reaches the rubric's passing grade (any Score when
	// it names none).
	Passed bool `json:"passed"`
	// AutoFailed is true when an auto_fail criterion failed.
	AutoFailed bool `json:"auto_failed"`
	// NotApplicable is true when every criterion is n/a.
	NotApplicable bool `json:"not_applicable"`
	// Points and MaxPoints sum the points and weights of the applicable
	// criteria.
	Points    float64           `json:"points"`
	MaxPoints float64           `json:"max_points"`
	Criteria  []CriterionResult `json:"criteria"`
	// Analysis is the analysed call that was graded: its transcript, tags
	// and metrics (in Agents, the agent's part's metrics).
	Analysis *listenscore.Analysis `json:"-"`
	// Speaker is set on the results in Agents: the agent graded.
	Speaker string `json:"speaker,omitempty"`
	// Agents grades each agent on their own part of the call
	// ([listenscore.AgentPart]), with the same criteria, when the call has
	// more than one agent-side speaker (a transfer, a supervisor); nil
	// otherwise.
	Agents []*Result `json:"agents,omitempty"`
}

// A CriterionResult is one criterion graded on one call.
type CriterionResult struct {
	ID      string                 `json:"id"`
	Title   string                 `json:"title,omitempty"`
	Section string                 `json:"section,omitempty"`
	Metric  listenscore.MetricName `json:"metric"`
	// Value is the metric's value, unrounded; nil when it is not
	// computable.
	Value *float64 `json:"value"`
	Unit  string   `json:"unit,omitempty"`
	// Points earned of Max. Max is the criterion's weight, or 0 when the
	// criterion is n/a: n/a is never scored as zero.
	Points float64 `json:"points"`
	Max    float64 `json:"max"`
	Status Status  `json:"status"`
	// AutoFail is set on an auto_fail criterion.
	AutoFail bool `json:"auto_fail,omitempty"`
	// Reason shows how the points were reached, or why the criterion is
	// n/a, e.g. "0.6 is 0.1 above the target ≤ 0.5; within tolerance 0.2:
	// 10 × (1 − 0.1/0.2) = 5 of 10 points".
	Reason string `json:"reason"`
	// Evidence lists the turns behind the metric, in call order.
	Evidence []listenscore.Evidence `json:"evidence,omitempty"`
	// EvidenceOmitted counts the evidence turns [Result.LimitEvidence] left
	// out.
	EvidenceOmitted int `json:"evidence_omitted,omitempty"`
}

// FailedCriteria returns the criteria that earned no points, in rubric
// order.
func (res *Result) FailedCriteria() []CriterionResult {
	return res.filter(func(s Status) bool { return s == StatusFail })
}

// Unmet returns the criteria that lost points, failed or partial, in
// rubric order: what to coach on.
func (res *Result) Unmet() []CriterionResult {
	return res.filter(func(s Status) bool { return s == StatusFail || s == StatusPartial })
}

func (res *Result) filter(keep func(Status) bool) []CriterionResult {
	var out []CriterionResult
	for _, c := range res.Criteria {
		if keep(c.Status) {
			out = append(out, c)
		}
	}
	return out
}

// LimitEvidence keeps at most n evidence turns per criterion, the first
// in call order, and counts the rest in EvidenceOmitted: a long call can
// have thousands, more than a report or a response should carry. n < 0
// keeps all. It limits the Agents' results too.
func (res *Result) LimitEvidence(n int) {
	if n < 0 {
		return
	}
	for i := range res.Criteria {
		c := &res.Criteria[i]
		if len(c.Evidence) > n {
			c.EvidenceOmitted += len(c.Evidence) - n
			c.Evidence = c.Evidence[:n:n]
		}
	}
	for _, ar := range res.Agents {
		ar.LimitEvidence(n)
	}
}

// Grade grades an analysed call against the rubric, and each agent of a
// call with several on their part of it (Result.Agents). It does not
// modify a, and a nil or incomplete analysis leaves the criteria it lacks
// n/a. A call in which the agent says nothing has no listening to grade:
// every criterion is n/a and the result NotApplicable.
func (r *Rubric) Grade(a *listenscore.Analysis) *Result {
	res := r.grade(a)
	if a != nil && len(a.Agents) > 1 {
		for _, p := range a.Agents {
			pr := r.grade(&listenscore.Analysis{Transcript: a.Transcript, Turns: a.Turns, Metrics: p.Metrics})
			pr.Speaker = p.Speaker
			res.Agents = append(res.Agents, pr)
		}
	}
	return res
}

// grade grades a's metrics.
func (r *Rubric) grade(a *listenscore.Analysis) *Result {
	res := &Result{Rubric: r.Name, Criteria: make([]CriterionResult, 0, len(r.Criteria)), Analysis: a}
	silent := agentSilent(a)
	var points, maxPoints float64
	for _, c := range r.Criteria {
		if silent {
			res.Criteria = append(res.Criteria, CriterionResult{ID: c.ID, Title: c.Title, Section: c.Section,
				Metric: c.Metric, AutoFail: c.AutoFail, Status: StatusNA, Reason: "n/a: the agent says nothing in this call"})
			continue
		}
		cr, earned := grade(c, a)
		if cr.Status != StatusNA {
			points += earned
			maxPoints += cr.Max
			res.AutoFailed = res.AutoFailed || (c.AutoFail && cr.Status == StatusFail)
		}
		res.Criteria = append(res.Criteria, cr)
	}
	res.Points, res.MaxPoints = round2(points), round2(maxPoints)
	if maxPoints <= 0 {
		res.NotApplicable = true
		return res
	}
	if !res.AutoFailed {
		res.Score = round2(100 * points / maxPoints)
	}
	res.Passed = !res.AutoFailed
	for _, b := range r.Grades {
		if res.Score >= b.Min {
			res.Grade = b.Name
			break
		}
	}
	if r.PassingGrade != "" {
		for _, b := range r.Grades {
			if b.Name == r.PassingGrade {
				res.Passed = res.Passed && res.Score >= b.Min
			}
		}
	}
	return res
}

// agentSilent reports a call with turns in which the agent says no word:
// agent_words, which counts the words the analysis sees, is 0.
func agentSilent(a *listenscore.Analysis) bool {
	if a == nil || a.Transcript == nil || len(a.Transcript.Turns) == 0 {
		return false
	}
	m, ok := a.Metric(listenscore.MetricAgentWords)
	return ok && m.Valid && m.Value == 0
}

// grade grades one criterion and returns its unrounded points.
func grade(c Criterion, a *listenscore.Analysis) (CriterionResult, float64) {
	cr := CriterionResult{ID: c.ID, Title: c.Title, Section: c.Section, Metric: c.Metric,
		AutoFail: c.AutoFail, Status: StatusNA}
	if a == nil {
		cr.Reason = "n/a: no analysis"
		return cr, 0
	}
	m, ok := a.Metric(c.Metric)
	if !ok {
		cr.Reason = fmt.Sprintf("n/a: the analysis has no metric %q", c.Metric)
		return cr, 0
	}
	cr.Unit = m.Unit
	valid := m.Valid && !math.IsNaN(m.Value) && !math.IsInf(m.Value, 0)
	if valid {
		v := m.Value
		cr.Value = &v
		cr.Evidence = slices.Clone(m.Evidence)
	}
	if w := c.AppliesWhen; w != nil {
		cond := fmt.Sprintf("applies only when %s %s", w.Metric, rangeText(w.Min, w.Max))
		if wm, ok := a.Metric(w.Metric); !ok {
			cr.Reason = fmt.Sprintf("n/a: %s, and the analysis has no metric %q", cond, w.Metric)
			return cr, 0
		} else if !wm.Valid || math.IsNaN(wm.Value) {
			cr.Reason = fmt.Sprintf("n/a: %s, which is not computable for this call%s", cond, because(wm.Note))
			return cr, 0
		} else if !inRange(wm.Value, w.Min, w.Max) {
			cr.Reason = fmt.Sprintf("n/a: %s; it is %s", cond, num(wm.Value))
			return cr, 0
		}
	}
	if !valid {
		cr.Reason = fmt.Sprintf("n/a: %s is not computable for this call%s", c.Metric, because(m.Note))
		return cr, 0
	}
	w := max(c.Weight, 0)
	if math.IsNaN(w) || math.IsInf(w, 0) {
		w = 0
	}
	var credit float64
	if len(c.Steps) > 0 {
		credit, cr.Reason = stepCredit(c, m.Value, w)
	} else {
		credit, cr.Reason = bandCredit(c, m.Value, w)
	}
	earned := w * credit
	cr.Points, cr.Max = round2(earned), round2(w)
	switch {
	case credit >= 1:
		cr.Status = StatusPass
	case credit > 0:
		cr.Status = StatusPartial
	default:
		cr.Status = StatusFail
		if c.AutoFail {
			cr.Reason += "; auto_fail: the call fails"
		}
	}
	return cr, earned
}

// bandCredit scores v against [Min, Max]: full credit inside, falling
// linearly to zero over Tolerance outside.
func bandCredit(c Criterion, v, w float64) (float64, string) {
	target := rangeText(c.Min, c.Max)
	var miss float64
	var side string
	switch {
	case c.Min != nil && v < *c.Min:
		miss, side = *c.Min-v, "below"
	case c.Max != nil && v > *c.Max:
		miss, side = v-*c.Max, "above"
	default:
		return 1, fmt.Sprintf("%s meets the target %s: %s of %s points", num(v), target, pts(w), pts(w))
	}
	off := fmt.Sprintf("%s is %s %s the target %s", num(v), num(miss), side, target)
	if c.Tolerance <= 0 {
		return 0, fmt.Sprintf("%s: 0 of %s points", off, pts(w))
	}
	// Snap rounding noise: 0.7 − 0.5 is 0.19999999999999996, and a value
	// at the tolerance's end earns nothing.
	credit := 1 - miss/c.Tolerance
	if credit < 1e-9 {
		return 0, fmt.Sprintf("%s, beyond tolerance %s: 0 of %s points", off, num(c.Tolerance), pts(w))
	}
	return credit, fmt.Sprintf("%s; within tolerance %s: %s × (1 − %s/%s) = %s of %s points",
		off, num(c.Tolerance), pts(w), num(miss), num(c.Tolerance), pts(w*credit), pts(w))
}

// stepCredit scores v by the first step whose range holds it, as a share
// of the most points any step earns.
func stepCredit(c Criterion, v, w float64) (float64, string) {
	best := 0.0
	for _, s := range c.Steps {
		best = max(best, s.Points)
	}
	for i, s := range c.Steps {
		if !inRange(v, s.Min, s.Max) {
			continue
		}
		step := fmt.Sprintf("%s falls in step %d (%s → %s of %s)", num(v), i+1, rangeText(s.Min, s.Max), num(s.Points), num(best))
		if best <= 0 || s.Points <= 0 {
			return 0, fmt.Sprintf("%s: 0 of %s points", step, pts(w))
		}
		credit := min(s.Points/best, 1)
		if credit == 1 {
			return 1, fmt.Sprintf("%s: %s of %s points", step, pts(w), pts(w))
		}
		return credit, fmt.Sprintf("%s: %s × %s/%s = %s of %s points",
			step, pts(w), num(s.Points), num(best), pts(w*credit), pts(w))
	}
	return 0, fmt.Sprintf("%s falls in no step: 0 of %s points", num(v), pts(w))
}

func inRange(v float64, lo, hi *float64) bool {
	return (lo == nil || v >= *lo) && (hi == nil || v <= *hi)
}

func round2(v float64) float64 {
	r := math.Round(v*100) / 100
	if r == 0 {
		return 0 // no -0
	}
	return r
}

// pts renders points as they appear in results, rounded to 0.01.
func pts(v float64) string { return num(round2(v)) }

// because renders a metric's note on why it is not computable as a clause.
func because(note string) string {
	if note == "" {
		return ""
	}
	return " (" + note + ")"
}
