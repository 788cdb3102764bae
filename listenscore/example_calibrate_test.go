package listenscore_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/callqa/listenscore/listenscore"
)

// Calibrate the detectors against a person's labels of the same call.
func ExampleCalibrate() {
	call := &listenscore.Transcript{Name: "calls/call-17.txt", Turns: []listenscore.Turn{
		{Speaker: "Customer", Role: listenscore.RoleCustomer, Text: "I was charged twice this month."},
		{Speaker: "Agent", Role: listenscore.RoleAgent, Text: "So you were charged twice. What happened when you called?"},
		{Speaker: "Customer", Role: listenscore.RoleCustomer, Text: "Nobody answered."},
		{Speaker: "Agent", Role: listenscore.RoleAgent, Text: "Did you leave a message?"},
	}}
	a, err := listenscore.Analyze(call, listenscore.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	labels, err := listenscore.ReadLabels("labels.jsonl", strings.NewReader(`
{"file": "call-17.txt", "turn": 1, "labels": ["paraphrase", "open_question"]}
{"file": "call-17.txt", "turn": 3, "labels": ["open_question"]}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := listenscore.Calibrate(labels, a)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := c.WriteTable(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// The turns behind the errors, to read before trusting a detector.
	for _, d := range c.Disagreements {
		fmt.Printf("%s turn %d, %s, %s: %q, tagged %v\n", d.File, d.Turn, d.Tag, d.Kind, d.Text, d.Tags)
	}
	// Output:
	// tag                             TP  FP  FN  precision  recall  F1
	// question                        2   0   0   1.000      1.000   1.000
	// open_question                   1   0   1   1.000      0.500   0.667
	// closed_question (not labelled)  0   1   0   0.000      0.000   0.000
	// paraphrase                      1   0   0   1.000      1.000   1.000
	// 2 labelled agent turns compared; 0 labelled turns of other speakers not compared; 0 label lines name a file not analysed, 0 a turn past its transcript's end
	// call-17.txt turn 3, open_question, false_negative: "Did you leave a message?", tagged [question closed_question]
}
