package rubric_test

import (
	"fmt"
	"testing/fstest"

	"github.com/callqa/listenscore/listenscore"
	"github.com/callqa/listenscore/rubric"
)

// analysis stands in for listenscore.Analyze on a real call.
func analysis() *listenscore.Analysis {
	return &listenscore.Analysis{
		Transcript: &listenscore.Transcript{Turns: []listenscore.Turn{
			{Speaker: "Dana", Role: listenscore.RoleAgent, Text: "How has the router been behaving?"},
			{Speaker: "Sam", Role: listenscore.RoleCustomer, Text: "It drops every evening."},
		}},
		Metrics: []listenscore.Metric{
			{Name: "agent_talk_ratio", Value: 0.6, Valid: true},
			{Name: "agent_interruptions", Value: 2, Valid: true},
			{Name: "open_questions", Value: 1, Valid: true,
				Evidence: []listenscore.Evidence{{Turn: 0, Speaker: "Dana", Role: listenscore.RoleAgent,
					Text: "How has the router been behaving?", Reason: `open question: starts with "how"`}}},
			{Name: "patience_seconds"}, // not computable: an untimed transcript
		},
	}
}

const teamRubric = `
name: team
criteria:
  - id: talk
    metric: agent_talk_ratio
    max: 0.5
    tolerance: 0.2
    weight: 10
  - id: interruptions
    metric: agent_interruptions
    steps:
      - {max: 0, points: 10}
      - {min: 1, max: 4, points: 5}
      - {min: 5, points: 0}
    weight: 10
  - id: open
    metric: open_questions
    min: 2
    weight: 5
  - id: patience
    metric: patience_seconds
    min: 0.6
    max: 2
grades: {good: 70, poor: 0}
`

func Example_grade() {
	r, err := rubric.Parse("team.yaml", []byte(teamRubric))
	if err != nil {
		fmt.Println(err)
		return
	}
	res := r.Grade(analysis())
	fmt.Printf("%s: %.2f (%s), %v of %v points\n", res.Rubric, res.Score, res.Grade, res.Points, res.MaxPoints)
	for _, c := range res.Criteria {
		fmt.Printf("%-13s %-7s %s\n", c.ID, c.Status, c.Reason)
		for _, e := range c.Evidence {
			fmt.Printf("%13s turn %d, %s: %q (%s)\n", "", e.Turn, e.Speaker, e.Text, e.Reason)
		}
	}
	// Output:
	// team: 40.00 (poor), 10 of 25 points
	// talk          partial 0.6 is 0.1 above the target ≤ 0.5; within tolerance 0.2: 10 × (1 − 0.1/0.2) = 5 of 10 points
	// interruptions partial 2 falls in step 2 (1 to 4 → 5 of 10): 10 × 5/10 = 5 of 10 points
	// open          fail    1 is 1 below the target ≥ 2: 0 of 5 points
	//               turn 0, Dana: "How has the router been behaving?" (open question: starts with "how")
	// patience      n/a     n/a: patience_seconds is not computable for this call
}

func ExampleLoad() {
	// A service hands each team a directory; extends stays inside it.
	teams := fstest.MapFS{
		"shared/base.yaml": {Data: []byte(teamRubric)},
		"support/tier1.yaml": {Data: []byte(`
extends: ../shared/base.yaml
remove: [patience]
criteria:
  - id: talk        # override key by key
    max: 0.6
  - id: empathy     # add a criterion
    metric: empathy_statements
    min: 1
`)},
	}
	r, err := rubric.Load(teams, "support/tier1.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range r.Criteria {
		fmt.Printf("%s: %s, weight %v\n", c.ID, c.Metric, c.Weight)
	}
	fmt.Println("talk max:", *r.Criteria[0].Max, "tolerance:", r.Criteria[0].Tolerance)
	// Output:
	// talk: agent_talk_ratio, weight 10
	// interruptions: agent_interruptions, weight 10
	// open: open_questions, weight 5
	// empathy: empathy_statements, weight 1
	// talk max: 0.6 tolerance: 0.2
}

func ExampleParse_errors() {
	_, err := rubric.Parse("team.yaml", []byte(`
extends: default
criteria:
  - id: talk_ratio
    metric: agent_talk_ration
    tolerence: 0.1
  - id: patience
    weight: 0
`))
	fmt.Println(err)
	// Output:
	// rubric: team.yaml:5:13: unknown metric "agent_talk_ration" (did you mean "agent_talk_ratio"?)
	// rubric: team.yaml:6:5: unknown key "tolerence" in criterion (did you mean "tolerance"?)
	// rubric: team.yaml:8:13: weight must be greater than 0, got 0
}

func ExampleDefault() {
	r := rubric.Default()
	for _, c := range r.Criteria {
		fmt.Printf("%-20s %-32s %v\n", c.ID, c.Metric, c.Weight)
	}
	fmt.Println(r.Config().SilenceThreshold)
	// Output:
	// talk_ratio           agent_talk_ratio                 15
	// no_interruptions     agent_interruptions              15
	// monologue            longest_agent_monologue_seconds  5
	// dead_air             dead_air_seconds                 5
	// open_questions       open_questions                   10
	// paraphrase           paraphrase_rate                  15
	// empathy              empathy_statements               10
	// acknowledgments      acknowledgments                  5
	// understanding_check  understanding_checks             5
	// patience             patience_seconds                 10
	// hold_explained       holds_explained                  5
	// hold_thanked         holds_thanked                    5
	// hold_length          longest_hold_seconds             5
	// next_step            action_commitments               10
	// no_defensive         defensive_statements             15
	// no_listening_complaints listening_complaints             10
	// no_reasks            agent_reasks                     10
	// customer_not_repeating customer_repeats                 5
	// asks_before_solving  questions_before_solution        5
	// closing_summary      closing_summary                  5
	// mood_not_worse       customer_sentiment_shift         5
	// 3s
}

func ExampleResult_FailedCriteria() {
	r, _ := rubric.Parse("team.yaml", []byte(teamRubric))
	for _, c := range r.Grade(analysis()).FailedCriteria() {
		fmt.Println(c.ID+":", c.Reason)
	}
	// Output:
	// open: 1 is 1 below the target ≥ 2: 0 of 5 points
}

// The common path in one call: read a transcript with the rubric's
// roles, analyse it with its settings and grade it.
func ExampleRubric_ScoreFile() {
	res, err := rubric.Default().ScoreFile("../testdata/calls/internet-outage.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f %s\n", res.Score, res.Grade)
	m, _ := res.Analysis.Metric(listenscore.MetricOpenQuestions)
	fmt.Printf("%s: %g\n", m.Name, m.Value)
	res.LimitEvidence(1)
	for _, c := range res.Unmet() {
		fmt.Printf("%s %s: %d evidence turns shown, %d more\n", c.Status, c.ID, len(c.Evidence), c.EvidenceOmitted)
	}
	// Output:
	// 54.6 needs_coaching
	// open_questions: 0
	// partial no_interruptions: 1 evidence turns shown, 1 more
	// partial dead_air: 1 evidence turns shown, 1 more
	// fail open_questions: 0 evidence turns shown, 0 more
	// fail paraphrase: 1 evidence turns shown, 6 more
	// fail empathy: 0 evidence turns shown, 0 more
	// fail understanding_check: 0 evidence turns shown, 0 more
	// partial patience: 1 evidence turns shown, 5 more
	// fail no_defensive: 1 evidence turns shown, 1 more
	// fail closing_summary: 0 evidence turns shown, 0 more
}
