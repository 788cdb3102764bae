package listenscore_test

import (
	"fmt"
	"time"

	"github.com/callqa/listenscore/listenscore"
)

// A transcript built in code: times in seconds, roles given. The agent
// cuts into the customer's story, then puts the customer on hold while
// checking the line: 30 s of silence that are a hold, not dead air.
func ExampleAnalyze() {
	turn := func(speaker string, role listenscore.Role, start, end float64, text string) listenscore.Turn {
		return listenscore.Turn{Speaker: speaker, Role: role, Text: text,
			Start: time.Duration(start * float64(time.Second)), HasStart: true,
			End: time.Duration(end * float64(time.Second)), HasEnd: true}
	}
	const agent, customer = listenscore.RoleAgent, listenscore.RoleCustomer
	t := &listenscore.Transcript{Turns: []listenscore.Turn{
		turn("Agent", agent, 0, 4, "Thank you for calling Acme support"),
		turn("Customer", customer, 4.5, 12, "My internet keeps dropping every evening around eight"),
		turn("Agent", agent, 11, 13, "Which router do you have"),
		turn("Customer", customer, 13.5, 19, "The black one you sent me last spring"),
		turn("Agent", agent, 20.5, 24, "Let me check the line, one moment please"),
		turn("Agent", agent, 54, 60, "Thanks for holding, I have reset the line for you"),
	}}

	a, err := listenscore.Analyze(t, listenscore.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []listenscore.MetricName{listenscore.MetricPatienceSeconds, listenscore.MetricDeadAirCount,
		listenscore.MetricHoldSeconds, listenscore.MetricHoldsExplained, listenscore.MetricHoldsThanked,
		listenscore.MetricAgentInterruptions, listenscore.MetricCustomerNameUses} {
		m, _ := a.Metric(name)
		if !m.Valid {
			fmt.Printf("%s: n/a\n", m.Name)
			continue
		}
		fmt.Printf("%s: %g %s\n", m.Name, m.Value, m.Unit)
		for _, e := range m.Evidence {
			fmt.Printf("  turn %d (%s, %q): %s\n", e.Turn, e.Speaker, e.Text, e.Reason)
		}
	}
	// Output:
	// patience_seconds: 0.75 seconds
	//   turn 2 (Agent, "Which router do you have"): starts 1 s before Customer's turn 1 ends (counts as 0 s)
	//   turn 4 (Agent, "Let me check the line, one moment please"): replies 1.5 s after Customer's turn 3 ends
	// dead_air_count: 0 count
	// hold_seconds: 30 seconds
	//   turn 4 (Agent, "Let me check the line, one moment please"): announces a hold ("one moment please"): 30 s of silence until turn 5
	// holds_explained: 1 ratio
	//   turn 4 (Agent, "Let me check the line, one moment please"): explained: "let me check the line"
	// holds_thanked: 1 ratio
	//   turn 5 (Agent, "Thanks for holding, I have reset the line for you"): thanks on return: "thanks for holding"
	// agent_interruptions: 1 count
	//   turn 2 (Agent, "Which router do you have"): starts 1 s before Customer finishes turn 1
	// customer_name_uses: n/a
}

// An Analyzer compiles a team's phrase edits once and analyses many calls
// with them; WithCustomerName sets the one setting that changes per call.
func ExampleAnalyzer() {
	az, err := listenscore.NewAnalyzer(listenscore.Config{
		AddPhrases: map[string][]string{"empathy": {"we've got you covered"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	calls := []struct {
		customer string
		turns    []listenscore.Turn
	}{
		{"Ana", []listenscore.Turn{
			{Speaker: "Customer", Role: listenscore.RoleCustomer, Text: "My order never arrived."},
			{Speaker: "Agent", Role: listenscore.RoleAgent, Text: "Ana, we've got you covered. I'll ship it again today."},
		}},
		{"Bo", []listenscore.Turn{
			{Speaker: "Customer", Role: listenscore.RoleCustomer, Text: "I was charged twice."},
			{Speaker: "Agent", Role: listenscore.RoleAgent, Text: "What did the second charge say?"},
		}},
	}
	for _, c := range calls {
		a, err := az.WithCustomerName(c.customer).Analyze(&listenscore.Transcript{Turns: c.turns})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(c.customer, a.Turns[1].Tags)
		names, _ := a.Metric("customer_name_uses")
		fmt.Println("  customer_name_uses:", names.Value)
	}
	// Output:
	// Ana [empathy action_commitment]
	//   customer_name_uses: 1
	// Bo [question open_question]
	//   customer_name_uses: 0
}
