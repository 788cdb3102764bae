package listenscore

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAssignRoles(t *testing.T) {
	type turn struct{ speaker, text string }
	tests := []struct {
		name     string
		turns    []turn
		reason   string
		mapping  map[string]Role
		stated   map[string]Speaker
		want     []Speaker
		warnings []string
	}{
		{
			name:  "content: opener in the second speaker's first turn",
			turns: []turn{{"Ann", "Hello?"}, {"Bob", "Hi, thank you for calling Contoso, how can I help?"}, {"Ann", "My order is late."}},
			want: []Speaker{
				{"Ann", RoleCustomer, RoleFromContent, "another speaker (Bob) is the agent"},
				{"Bob", RoleAgent, RoleFromContent, `said "thank you for calling" in turn 1`},
			},
		},
		{
			name: "content: an outbound call, the agent calls",
			turns: []turn{{"Speaker 1", "Hello?"}, {"Speaker 2", "Hi, am I speaking with Maria Lopez? This is Mark from Acme Insurance."},
				{"Speaker 1", "Yes, that's me."}},
			want: []Speaker{
				{"Speaker 1", RoleCustomer, RoleFromContent, "another speaker (Speaker 2) is the agent"},
				{"Speaker 2", RoleAgent, RoleFromContent, `said "am i speaking with" in turn 1`},
			},
		},
		{
			name:  "content: curly apostrophe and upper case",
			turns: []turn{{"spk_0", "Hi."}, {"spk_1", "YOU’VE REACHED billing."}},
			want: []Speaker{
				{"spk_0", RoleCustomer, RoleFromContent, "another speaker (spk_1) is the agent"},
				{"spk_1", RoleAgent, RoleFromContent, `said "you've reached" in turn 1`},
			},
		},
		{
			name:  "content: opener must sit on word boundaries",
			turns: []turn{{"A", "I was rewelcome to try."}, {"B", "Okay."}},
			want: []Speaker{
				{"A", RoleAgent, RoleFromOrder, "first undecided speaker"},
				{"B", RoleCustomer, RoleFromOrder, "another speaker (A) is the agent"},
			},
		},
		{
			name:  "order: no evidence, first speaker is the agent",
			turns: []turn{{"A", "Hi."}, {"B", "Hello."}, {"C", "Hey."}},
			want: []Speaker{
				{"A", RoleAgent, RoleFromOrder, "first undecided speaker"},
				{"B", RoleCustomer, RoleFromOrder, "another speaker (A) is the agent"},
				{"C", RoleCustomer, RoleFromOrder, "another speaker (A) is the agent"},
			},
		},
		{
			name:  "label words, with suffixes",
			turns: []turn{{"Caller (John)", "Hi."}, {"Agent 2", "Hello."}},
			want: []Speaker{
				{"Caller (John)", RoleCustomer, RoleFromLabel, `label says "caller"`},
				{"Agent 2", RoleAgent, RoleFromLabel, `label says "agent"`},
			},
		},
		{
			name:    "mapping beats label, case-insensitive, others become customers",
			turns:   []turn{{"Agent", "Hi."}, {"therapist", "Hello."}, {"Client", "Hey."}},
			mapping: map[string]Role{"Therapist": RoleAgent, "Agent": RoleCustomer},
			want: []Speaker{
				{"Agent", RoleCustomer, RoleFromMapping, "given by the caller"},
				{"therapist", RoleAgent, RoleFromMapping, "given by the caller"},
				{"Client", RoleCustomer, RoleFromMapping, `not named as an agent (the roles given name "therapist")`},
			},
		},
		{
			name:    "naming the agent makes every other speaker a customer, whatever its label",
			reason:  "issue 10: -agent Caller on a call with Rep and Caller gave two agents and no customer",
			turns:   []turn{{"Rep", "Thanks for calling, how can I help?"}, {"Caller", "Hi, it's about my bill."}},
			mapping: map[string]Role{"Caller": RoleAgent},
			want: []Speaker{
				{"Rep", RoleCustomer, RoleFromMapping, `not named as an agent (the roles given name "Caller")`},
				{"Caller", RoleAgent, RoleFromMapping, "given by the caller"},
			},
			warnings: []string{`listenscore: call.txt:1:1: role conflict: "Rep" says "how can i help" (turn 0) as an agent does, but the roles given name only "Caller" as agents; scored as a customer`},
		},
		{
			name:    "a mapping that names no speaker of the call leaves the roles to the call",
			turns:   []turn{{"Rep", "Hello."}, {"Caller", "Hi."}},
			mapping: map[string]Role{"Therapist": RoleAgent},
			want: []Speaker{
				{"Rep", RoleAgent, RoleFromLabel, `label says "rep"`},
				{"Caller", RoleCustomer, RoleFromLabel, `label says "caller"`},
			},
		},
		{
			name:    "a mapping that names only customers leaves the others to the usual rules",
			turns:   []turn{{"Ann", "Thank you for calling."}, {"Bob", "Hi."}, {"Cy", "Hello, it's Bob's son."}},
			mapping: map[string]Role{"Bob": RoleCustomer},
			want: []Speaker{
				{"Ann", RoleAgent, RoleFromContent, `said "thank you for calling" in turn 0`},
				{"Bob", RoleCustomer, RoleFromMapping, "given by the caller"},
				{"Cy", RoleCustomer, RoleFromContent, "another speaker (Ann) is the agent"},
			},
		},
		{
			name:    "source says agent for a speaker the mapping did not name: kept, with a warning naming both",
			turns:   []turn{{"spk_0", "Hello."}, {"spk_1", "Hi."}, {"spk_2", "Hey."}},
			mapping: map[string]Role{"spk_0": RoleAgent},
			stated:  map[string]Speaker{"spk_2": {Role: RoleAgent}},
			want: []Speaker{
				{"spk_0", RoleAgent, RoleFromMapping, "given by the caller"},
				{"spk_1", RoleCustomer, RoleFromMapping, `not named as an agent (the roles given name "spk_0")`},
				{"spk_2", RoleAgent, RoleFromSource, "stated by the transcript"},
			},
			warnings: []string{`listenscore: call.txt:3:1: role conflict: the source makes "spk_2" an agent, but the roles given name only "spk_0" as agents; the source is kept`},
		},
		{
			name:    "source beats mapping",
			turns:   []turn{{"AGENT", "Hi."}, {"CUSTOMER", "Hello."}},
			mapping: map[string]Role{"AGENT": RoleCustomer},
			stated:  map[string]Speaker{"AGENT": {Role: RoleAgent}, "CUSTOMER": {Role: RoleCustomer}},
			want: []Speaker{
				{"AGENT", RoleAgent, RoleFromSource, "stated by the transcript"},
				{"CUSTOMER", RoleCustomer, RoleFromSource, "stated by the transcript"},
			},
			warnings: []string{`listenscore: call.txt:1:1: role conflict: the source makes "AGENT" an agent, the roles given make it a customer; the source is kept`},
		},
		{
			name:   "source keeps a stated decision (canonical JSON round trip)",
			turns:  []turn{{"Sam", "Hi."}, {"Kim", "Hello."}},
			stated: map[string]Speaker{"Sam": {Role: RoleCustomer, RoleSource: RoleFromContent, RoleReason: "another speaker (Kim) is the agent"}, "Kim": {Role: RoleAgent, RoleSource: RoleFromMapping, RoleReason: "given by the caller"}},
			want: []Speaker{
				{"Sam", RoleCustomer, RoleFromContent, "another speaker (Kim) is the agent"},
				{"Kim", RoleAgent, RoleFromMapping, "given by the caller"},
			},
		},
		{
			name:  "one speaker only",
			turns: []turn{{"Solo", "Testing one two."}, {"Solo", "Still me."}},
			want:  []Speaker{{"Solo", RoleAgent, RoleFromOrder, "first undecided speaker"}},
		},
		{
			name:  "opener after the decision window is ignored",
			turns: []turn{{"A", "a"}, {"B", "b"}, {"A", "c"}, {"B", "d"}, {"A", "e"}, {"B", "f"}, {"B", "welcome to Contoso"}},
			want: []Speaker{
				{"A", RoleAgent, RoleFromOrder, "first undecided speaker"},
				{"B", RoleCustomer, RoleFromOrder, "another speaker (A) is the agent"},
			},
		},
		{
			name:   "agent-side speech anywhere beats speaking order",
			reason: `"thanks for holding" is said by an agent, wherever it falls`,
			turns:  []turn{{"A", "a"}, {"B", "b"}, {"A", "c"}, {"B", "d"}, {"A", "e"}, {"B", "f"}, {"B", "Thanks for holding."}},
			want: []Speaker{
				{"A", RoleCustomer, RoleFromContent, "another speaker (B) is the agent"},
				{"B", RoleAgent, RoleFromContent, `said "thanks for holding" in turn 6`},
			},
		},
		{
			name: "a supervisor joining is an agent by content alone",
			turns: []turn{{"Priya", "Thank you for calling Northwind, how can I help?"}, {"Dana", "I was charged twice."},
				{"Marcus", "Hi Dana, I'm Marcus, the team supervisor."}, {"Dana", "Hi."}},
			want: []Speaker{
				{"Priya", RoleAgent, RoleFromContent, `said "thank you for calling" in turn 0`},
				{"Dana", RoleCustomer, RoleFromContent, "other speakers (Priya, Marcus) are agents"},
				{"Marcus", RoleAgent, RoleFromContent, `said "i'm marcus the team supervisor" in turn 2`},
			},
		},
		{
			name: "a transfer target from a department, labelled agent and unlabelled",
			turns: []turn{{"Agent", "I'm transferring you to billing now."}, {"Customer", "Okay."},
				{"Ana", "Hi, this is Ana from billing."}, {"Customer", "Hi Ana."}},
			want: []Speaker{
				{"Agent", RoleAgent, RoleFromLabel, `label says "agent"`},
				{"Customer", RoleCustomer, RoleFromLabel, `label says "customer"`},
				{"Ana", RoleAgent, RoleFromContent, `said "this is ana from billing" in turn 2`},
			},
		},
		{
			name: "the agent who fetches a manager, found after the opening turns",
			turns: []turn{{"S1", "Hello?"}, {"S2", "Hi."}, {"S1", "I want a refund."}, {"S2", "I see."}, {"S1", "Now."},
				{"S2", "Okay."}, {"S2", "Let me get my manager."}, {"S3", "Hello, I'm the duty manager."}},
			want: []Speaker{
				{"S1", RoleCustomer, RoleFromContent, "other speakers (S2, S3) are agents"},
				{"S2", RoleAgent, RoleFromContent, `said "let me get my manager" in turn 6`},
				{"S3", RoleAgent, RoleFromContent, `said "i'm the duty manager" in turn 7`},
			},
		},
		{
			name: "the first new voice after a transfer announcement takes the call",
			turns: []turn{{"A", "Good morning, Lakeside Energy, how may I help?"}, {"B", "My meter reading is wrong."},
				{"A", "I'm transferring you to our metering team now."}, {"C", "Metering, this is Dev. What's the account number?"}},
			want: []Speaker{
				{"A", RoleAgent, RoleFromContent, `said "how may i help" in turn 0`},
				{"B", RoleCustomer, RoleFromContent, "other speakers (A, C) are agents"},
				{"C", RoleAgent, RoleFromContent, "first new voice after the transfer announced in turn 2"},
			},
		},
		{
			name:   "two customers on one line",
			reason: "a spouse who introduces herself is not staff",
			turns: []turn{{"Agent", "Thanks for calling, how can I help?"}, {"Tom", "It's about our joint account."},
				{"Lisa", "Hi, this is Lisa, I'm his wife. I'm the manager of a bakery, so I handle the money."}},
			want: []Speaker{
				{"Agent", RoleAgent, RoleFromLabel, `label says "agent"`},
				{"Tom", RoleCustomer, RoleFromLabel, "another speaker (Agent) is the agent"},
				{"Lisa", RoleCustomer, RoleFromLabel, "another speaker (Agent) is the agent"},
			},
		},
		{
			name:   "a call keeps a customer",
			reason: "with one other speaker, agent-side speech does not make a second agent",
			turns:  []turn{{"Agent", "Hello."}, {"Bob", "Thanks for holding, I'm back."}},
			want: []Speaker{
				{"Agent", RoleAgent, RoleFromLabel, `label says "agent"`},
				{"Bob", RoleCustomer, RoleFromLabel, "another speaker (Agent) is the agent"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transcript{Name: "call.txt"}
			for i, tu := range tt.turns {
				tr.Turns = append(tr.Turns, Turn{Speaker: tu.speaker, Text: tu.text, Line: i + 1, Column: 1})
			}
			assignRoles(tr, tt.mapping, tt.stated)
			assert.Equal(t, tt.want, tr.Speakers, tt.reason)
			var warnings []string
			for _, w := range tr.Warnings {
				warnings = append(warnings, w.Error())
				assert.ErrorIs(t, w, ErrRoleConflict)
			}
			assert.Equal(t, tt.warnings, warnings)
			for _, tu := range tr.Turns {
				for _, sp := range tr.Speakers {
					if sp.Label == tu.Speaker {
						assert.Equal(t, sp.Role, tu.Role, "turn role follows its speaker")
					}
				}
			}
		})
	}
}

func TestParseRole(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Role
		ok   bool
	}{{"agent", RoleAgent, true}, {"CUSTOMER", RoleCustomer, true}, {"", RoleUnknown, true}, {"boss", RoleUnknown, false}} {
		got, ok := ParseRole(tt.in)
		assert.Equal(t, tt.want, got, tt.in)
		assert.Equal(t, tt.ok, ok, tt.in)
	}
	var r Role
	assert.EqualError(t, r.UnmarshalText([]byte("boss")), `listenscore: unknown role "boss" (want agent, customer or unknown)`)
	b, err := RoleCustomer.MarshalText()
	assert.NoError(t, err)
	assert.Equal(t, "customer", string(b))
}

func TestParseClock(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // clock() rendering, or "" for invalid
	}{
		{"00:05", "0:00:05.000"},
		{"75:02", "1:15:02.000"},
		{"1:02:03", "1:02:03.000"},
		{"01:02:03.5", "1:02:03.500"},
		{"00:00:01,250", "0:00:01.250"},
		{"123:04:05.123456789", "123:04:05.123"},
		{"5", ""}, {"00:60", ""}, {"00:5", ""}, {"1:2:3:4", ""}, {"00:05.", ""}, {"00:05.1234567890", ""},
		{"00:05x", ""}, {"", ""}, {":05", ""}, {"99999999999999999999:00", ""},
		{"0:00:05.995", "0:00:05.995"},
		{"1000000:00", "16666:40:00.000"},
		{"1000001:00", ""},
		{"1:00:00:", ""}, {"1:00:", ""}, {"1:000", ""}, {"1:0", ""}, {"1:00:5", ""},
		{"00:05,5", "0:00:05.500"}, {"00:05.123456789", "0:00:05.123"},
	} {
		d, ok := parseClock(tt.in)
		if tt.want == "" {
			assert.False(t, ok, "%q should be invalid", tt.in)
			continue
		}
		if assert.True(t, ok, "%q should parse", tt.in) {
			assert.Equal(t, tt.want, clock(d), tt.in)
		}
	}
}

func TestReadRejectsInvalidRole(t *testing.T) {
	_, err := Read("call.txt", strings.NewReader("Bob: hello\nAnn: hi\n"), ReadOptions{Roles: map[string]Role{"Bob": Role(42)}})
	assert.EqualError(t, err, `listenscore: ReadOptions.Roles maps "Bob" to role 42, which is not a Role`)
	tr, err := Read("call.txt", strings.NewReader("Bob: hello\nAnn: hi\n"), ReadOptions{Roles: map[string]Role{"Bob": RoleAgent}})
	require.NoError(t, err)
	assert.Equal(t, RoleAgent, tr.Turns[0].Role)
}
