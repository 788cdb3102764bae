package listenscore_test

import (
	"fmt"
	"time"

	"github.com/callqa/listenscore/listenscore"
)

// A transcript built in code: times in seconds, roles given. The agent
// cuts into the customer's story, then leaves 4 s of silence before
// answering.
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
		turn("Agent", agent, 23, 30, "I have reset the line for you"),
	}}

	a, err := listenscore.Analyze(t, listenscore.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []listenscore.MetricName{listenscore.MetricAgentTalkRatio, listenscore.MetricPatienceSeconds,
		listenscore.MetricDeadAirCount, listenscore.MetricAgentInterruptions, listenscore.MetricCustomerNameUses} {
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
	// agent_talk_ratio: 0.5 ratio (seconds)
	// patience_seconds: 2 seconds
	//   turn 2 (Agent, "Which router do you have"): starts 1 s before Customer's turn 1 ends (counts as 0 s)
	//   turn 4 (Agent, "I have reset the line for you"): replies 4 s after Customer's turn 3 ends
	// dead_air_count: 1 count
	//   turn 4 (Agent, "I have reset the line for you"): 4 s of silence before this turn
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
