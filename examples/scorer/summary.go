package main

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// scoreBuckets is the resolution of the score distribution: a histogram
// of 0.1-point buckets, the scores as reports print them.
const scoreBuckets = 1001

// summarizer accumulates the batch summary as results stream past.
type summarizer struct {
	calls, failed, belowFailUnder int
	// below lists the calls under -fail-under, as "file (score)".
	below            []string
	warned, warnings int
	scored           int
	scoreSum         float64
	scores           []float64 // unrounded, for the median: 8 bytes a call
	hist             [scoreBuckets]int
	grades           map[string]int
	metricSum        map[string]float64
	metricN          map[string]int
	metricOrder      []string
	criterionFails   map[string]int
	criterionTitle   map[string]string
}

func newSummarizer() *summarizer {
	return &summarizer{
		grades: map[string]int{}, metricSum: map[string]float64{}, metricN: map[string]int{},
		criterionFails: map[string]int{}, criterionTitle: map[string]string{},
	}
}

func (s *summarizer) add(r *callResult) {
	s.calls++
	if len(r.Warnings) > 0 {
		s.warned++
		s.warnings += len(r.Warnings)
	}
	if r.Error != nil {
		s.failed++
		return
	}
	for _, m := range r.metricList {
		name := string(m.name)
		if _, seen := s.metricN[name]; !seen {
			s.metricN[name] = 0
			s.metricOrder = append(s.metricOrder, name)
		}
		if m.value != nil {
			s.metricSum[name] += *m.value
			s.metricN[name]++
		}
	}
	g := r.Grade
	if g == nil {
		return
	}
	s.scored++
	s.scoreSum += g.Score
	s.scores = append(s.scores, g.Score)
	s.hist[int(math.Round(clamp(g.Score, 0, 100)*10))]++
	s.grades[g.Grade]++
	if g.BelowFailUnder {
		s.belowFailUnder++
		s.below = append(s.below, fmt.Sprintf("%s (%.1f)", r.File, g.Score))
	}
	for _, c := range g.Failed {
		s.criterionFails[c.ID]++
		s.criterionTitle[c.ID] = c.Title
	}
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// summary is the batch summary as reports show it.
type summary struct {
	Calls          int      `json:"calls"`
	FailedFiles    int      `json:"failed_files"`
	Scored         int      `json:"scored"`
	MeanScore      *float64 `json:"mean_score"`
	MedianScore    *float64 `json:"median_score"`
	BelowFailUnder int      `json:"below_fail_under,omitempty"`
	// CallsWithWarnings counts the calls whose input was partly skipped
	// (-lenient) or doubted; Warnings counts the warnings.
	CallsWithWarnings int            `json:"calls_with_warnings,omitempty"`
	Warnings          int            `json:"warnings,omitempty"`
	Grades            []gradeCount   `json:"grades,omitempty"`
	MetricMeans       []metricMean   `json:"metric_means,omitempty"`
	MostFailed        []failureCount `json:"most_failed,omitempty"`
	ScoreBands        []bandCount    `json:"score_distribution,omitempty"`
}

type gradeCount struct {
	Grade string `json:"grade"`
	Calls int    `json:"calls"`
}

type metricMean struct {
	Metric string   `json:"metric"`
	Mean   *float64 `json:"mean"`
	Calls  int      `json:"calls"` // calls where the metric could be computed
}

type failureCount struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Calls int    `json:"calls"`
}

// bandCount is one bar of the score distribution: scores in [From, To).
type bandCount struct {
	From  int `json:"from"`
	To    int `json:"to"`
	Calls int `json:"calls"`
}

// mostFailedLimit is how many criteria the summary lists as failed most
// often.
const mostFailedLimit = 10

func (s *summarizer) summary() summary {
	out := summary{Calls: s.calls, FailedFiles: s.failed, Scored: s.scored, BelowFailUnder: s.belowFailUnder,
		CallsWithWarnings: s.warned, Warnings: s.warnings}
	if s.scored > 0 {
		mean := s.scoreSum / float64(s.scored)
		out.MeanScore = &mean
		med := s.median()
		out.MedianScore = &med
		for from := 0; from < 100; from += 10 {
			band := bandCount{From: from, To: from + 10}
			for b := from * 10; b < (from+10)*10 || (from == 90 && b < scoreBuckets); b++ {
				band.Calls += s.hist[b]
			}
			out.ScoreBands = append(out.ScoreBands, band)
		}
	}
	for g, n := range s.grades {
		out.Grades = append(out.Grades, gradeCount{g, n})
	}
	sort.Slice(out.Grades, func(i, j int) bool {
		a, b := out.Grades[i], out.Grades[j]
		return a.Calls > b.Calls || a.Calls == b.Calls && a.Grade < b.Grade
	})
	for _, name := range s.metricOrder {
		mm := metricMean{Metric: name, Calls: s.metricN[name]}
		if n := s.metricN[name]; n > 0 {
			v := s.metricSum[name] / float64(n)
			mm.Mean = &v
		}
		out.MetricMeans = append(out.MetricMeans, mm)
	}
	for id, n := range s.criterionFails {
		out.MostFailed = append(out.MostFailed, failureCount{id, s.criterionTitle[id], n})
	}
	sort.Slice(out.MostFailed, func(i, j int) bool {
		a, b := out.MostFailed[i], out.MostFailed[j]
		return a.Calls > b.Calls || a.Calls == b.Calls && a.ID < b.ID
	})
	if len(out.MostFailed) > mostFailedLimit {
		out.MostFailed = out.MostFailed[:mostFailedLimit]
	}
	return out
}

// median returns the median of the unrounded scores: the mean of the two
// middle ones for an even count. Reports round it when they print it, as
// they do the mean.
func (s *summarizer) median() float64 {
	sorted := slices.Clone(s.scores)
	slices.Sort(sorted)
	n := len(sorted)
	return (sorted[(n-1)/2] + sorted[n/2]) / 2
}
