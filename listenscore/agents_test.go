package listenscore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// agentTurn and customerTurn build turns whose role is given, for calls
// with several speakers per side.
func agentTurn(speaker string, start, end float64, text string) Turn {
	tu := at(speaker, start, end, text)
	tu.Role = RoleAgent
	return tu
}

func customerTurn(speaker string, start, end float64, text string) Turn {
	tu := at(speaker, start, end, text)
	tu.Role = RoleCustomer
	return tu
}

// warmTransferCall: Priya fetches her supervisor Marcus, hands the call
// over on the line, and Marcus resolves it.
//
//	turn  speaker  start–end    words
//	0     Priya     0  – 5      9
//	1     Dana      5.5–12     13
//	2     Priya    12.5–16     11    announces: "let me get my supervisor"
//	3     Marcus   17  –21      7
//	4     Priya    21.5–25      7    Priya stays on the line: warm
//	5     Dana     25.5–30      9
//	6     Marcus   30.5–36      8
//	7     Dana     36.5–38      2
func warmTransferCall() *Transcript {
	return &Transcript{Turns: []Turn{
		agentTurn("Priya", 0, 5, "Thank you for calling Northwind, how can I help?"),
		customerTurn("Dana", 5.5, 12, "I was charged twice for my May bill and nobody has fixed it."),
		agentTurn("Priya", 12.5, 16, "I'm sorry about that. Let me get my supervisor for you."),
		agentTurn("Marcus", 17, 21, "Hi Dana, I'm Marcus, the team supervisor."),
		agentTurn("Priya", 21.5, 25, "Marcus, Dana was charged twice for May."),
		customerTurn("Dana", 25.5, 30, "Yes, and I want the second charge refunded today."),
		agentTurn("Marcus", 30.5, 36, "I will refund the second charge today, Dana."),
		customerTurn("Dana", 36.5, 38, "Thank you."),
	}}
}

func TestAgentParts(t *testing.T) {
	a, err := Analyze(warmTransferCall(), Config{})
	require.NoError(t, err)
	require.Len(t, a.Agents, 2)
	priya, marcus := a.Agents[0], a.Agents[1]
	assert.Equal(t, "Priya", priya.Speaker)
	assert.Equal(t, [2]int{0, 4}, [2]int{priya.First, priya.Last}, "the first agent's part starts with the call and ends at her last turn")
	assert.Equal(t, "Marcus", marcus.Speaker)
	assert.Equal(t, [2]int{3, 7}, [2]int{marcus.First, marcus.Last}, "the last agent's part starts at his first turn and ends with the call")

	checkMetrics(t, a.Metrics, []want{
		{"agent_words", 42, true, "words", "Priya 9 + 11 + 7, Marcus 7 + 8"},
		{"agent_talk_ratio", 21.5 / 34, true, "ratio (seconds)", "both agents 5 + 3.5 + 4 + 3.5 + 5.5 = 21.5 s; Dana 6.5 + 4.5 + 1.5 = 12.5 s"},
		{"transfers", 1, true, "count", "Priya → Marcus"},
	})
	checkMetrics(t, priya.Metrics, []want{
		{"agent_words", 27, true, "words", "turns 0, 2, 4: 9 + 11 + 7"},
		{"customer_words", 13, true, "words", "turn 1"},
		{"duration_seconds", 25, true, "seconds", "turns 0–4: 0 to 25"},
		{"agent_talk_ratio", 12.0 / 18.5, true, "ratio (seconds)", "Priya 5 + 3.5 + 3.5 = 12 s; Dana 6.5 s; Marcus's 4 s are neither party's"},
		{"patience_seconds", 0.5, true, "seconds", "turn 2 replies 0.5 s after turn 1; turn 4 follows Marcus, not the customer"},
		{"longest_agent_monologue_seconds", 5, true, "seconds", "turn 0; Marcus's turn 3 ends her stretch of turn 2"},
		{"transfers", 1, true, "count", "Priya → Marcus"},
		{"hold_count", 0, true, "count", "no holds"},
	})
	checkMetrics(t, marcus.Metrics, []want{
		{"agent_words", 15, true, "words", "turns 3, 6: 7 + 8"},
		{"customer_words", 11, true, "words", "turns 5, 7: 9 + 2"},
		{"duration_seconds", 21, true, "seconds", "turns 3–7: 17 to 38"},
		{"agent_talk_ratio", 9.5 / 15.5, true, "ratio (seconds)", "Marcus 4 + 5.5; Dana 4.5 + 1.5"},
		{"patience_seconds", 0.5, true, "seconds", "turn 6 replies 0.5 s after turn 5"},
		{"transfers", 0, true, "count", "Marcus transfers no one"},
		{"longest_agent_monologue_seconds", 5.5, true, "seconds", "turn 6: 36 − 30.5"},
	})
	m, _ := priya.Metric("transfers")
	assert.Equal(t, []ev{{3, `transfer from Priya to Marcus at 0:00:17.000, warm (Priya stays on the line); announced in turn 2: "let me get my supervisor"`}}, turnReasons(m.Evidence),
		"evidence names turns by their index in the call")
	require.Len(t, m.Evidence, 1)
	assert.Equal(t, RoleAgent, m.Evidence[0].Role, "evidence carries the turn as the call has it: Marcus is an agent")
	assert.Equal(t, "Marcus", m.Evidence[0].Speaker)
	m, _ = marcus.Metric("patience_seconds")
	assert.Equal(t, []ev{{6, "replies 0.5 s after Dana's turn 5 ends"}}, turnReasons(m.Evidence))

	// One agent: the part is the call, its metrics the call's.
	one, err := Analyze(timedCall(), Config{})
	require.NoError(t, err)
	require.Len(t, one.Agents, 1)
	assert.Equal(t, AgentPart{Speaker: "Agent", First: 0, Last: 7, Metrics: one.Metrics}, one.Agents[0])

	none, err := Analyze(&Transcript{Turns: []Turn{say("Customer", "hello")}}, Config{})
	require.NoError(t, err)
	assert.Empty(t, none.Agents)
}

// TestAgentPartsLanguage pins the language metrics of agents' parts with
// tags set by hand: each agent's counts are their own, and a customer turn
// a colleague answers is not the agent's to play back.
func TestAgentPartsLanguage(t *testing.T) {
	turns := []Turn{
		say("Ann", "hello there"),
		say("Customer", "one two three four five six"),
		say("Bo", "so the bill went up"),
		say("Customer", "one two three four five six"),
		say("Ann", "let me note that"),
		say("Customer", "one two three four five six"),
		say("Bo", "so you want a refund"),
	}
	for i := range turns {
		if turns[i].Speaker != "Customer" {
			turns[i].Role = RoleAgent
		}
	}
	tr := &Transcript{Turns: turns}
	feats := handFeats(turns, nil, nil)
	a := &Analysis{Transcript: tr, Turns: make([]TurnTags, len(turns))}
	a.Turns[2].set(TagParaphrase, "paraphrase cue c")
	a.Turns[6].set(TagParaphrase, "paraphrase cue g")
	a.Turns[4].set(TagActionCommitment, "commitment cue e")
	cfg := Config{}.withDefaults()
	a.Metrics = computeMetrics(a, feats, nil, cfg)
	parts := agentParts(a, feats, cfg)
	require.Len(t, parts, 2)
	assert.Equal(t, [4]int{0, 4, 2, 6}, [4]int{parts[0].First, parts[0].Last, parts[1].First, parts[1].Last})

	checkMetrics(t, a.Metrics, []want{
		{"paraphrase_rate", 2.0 / 3, true, "", "turns 1, 3, 5 answered by 2 (yes), 4 (no), 6 (yes)"},
		{"paraphrases", 2, true, "", "turns 2, 6"},
	})
	checkMetrics(t, parts[0].Metrics, []want{
		{"paraphrase_rate", 0, true, "", "turn 1 is answered by Bo: not Ann's; turn 3 by Ann's turn 4, no paraphrase"},
		{"paraphrases", 0, true, "", "Bo's turn 2 is in Ann's part but not hers"},
		{"action_commitments", 1, true, "", "turn 4"},
		{"agent_words", 6, true, "", "turns 0 and 4: 2 + 4"},
	})
	checkMetrics(t, parts[1].Metrics, []want{
		{"paraphrase_rate", 1, true, "", "turn 3 is answered by Ann: not Bo's; turn 5 by Bo's turn 6, a paraphrase"},
		{"paraphrases", 2, true, "", "turns 2 and 6"},
		{"action_commitments", 0, true, "", "Ann's turn 4 is not Bo's"},
	})
	m, _ := parts[1].Metric("paraphrase_rate")
	assert.Equal(t, []ev{{5, "substantive (6 content words); agent's next turn 6 paraphrases it"}}, turnReasons(m.Evidence))
}

// TestAgentPartsBudget pins the bound on agents' parts: their turns add
// up to at most twice the call's, so three agents who each span the call
// get two parts, in order of their first turns.
func TestAgentPartsBudget(t *testing.T) {
	var turns []Turn
	for r := range 4 {
		for _, sp := range []string{"A", "B", "C"} {
			turns = append(turns, agentTurn(sp, float64(10*r), float64(10*r+2), "I can help with that"))
		}
		turns = append(turns, customerTurn("Customer", float64(10*r+3), float64(10*r+5), "my bill is wrong again"))
	}
	a, err := Analyze(&Transcript{Turns: turns}, Config{})
	require.NoError(t, err)
	require.Len(t, a.Agents, 2, "A's part is turns 0-12 (13), B's 1-13 (13): 26 of a budget of 2 × 16; C's 2-15 (14) does not fit")
	assert.Equal(t, []string{"A", "B"}, []string{a.Agents[0].Speaker, a.Agents[1].Speaker})
	assert.Equal(t, [4]int{0, 12, 1, 13}, [4]int{a.Agents[0].First, a.Agents[0].Last, a.Agents[1].First, a.Agents[1].Last})
}
