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
		name    string
		turns   []turn
		mapping map[string]Role
		stated  map[string]Speaker
		want    []Speaker
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
				{"Client", RoleCustomer, RoleFromLabel, `label says "client"`},
			},
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
			turns: []turn{{"A", "a"}, {"B", "b"}, {"A", "c"}, {"B", "d"}, {"A", "e"}, {"B", "f"}, {"B", "how can I help"}},
			want: []Speaker{
				{"A", RoleAgent, RoleFromOrder, "first undecided speaker"},
				{"B", RoleCustomer, RoleFromOrder, "another speaker (A) is the agent"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transcript{}
			for _, tu := range tt.turns {
				tr.Turns = append(tr.Turns, Turn{Speaker: tu.speaker, Text: tu.text})
			}
			assignRoles(tr, tt.mapping, tt.stated)
			assert.Equal(t, tt.want, tr.Speakers)
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
