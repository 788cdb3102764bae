package listenscore

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// exchange analyses a customer turn followed by an agent turn and returns
// the agent turn's tags.
func exchange(t *testing.T, cfg Config, customer, agent string) TurnTags {
	t.Helper()
	a := analyzeTurns(t, cfg, "customer: "+customer, "agent: "+agent)
	return a.Turns[1]
}

// analyzeTurns analyses turns given as "agent: text" or "customer: text".
func analyzeTurns(t testing.TB, cfg Config, lines ...string) *Analysis {
	t.Helper()
	a, err := Analyze(turnsTranscript(t, lines...), cfg)
	require.NoError(t, err)
	return a
}

// turnsTranscript builds a transcript of turns given as "agent: text" or
// "customer: text", the speaker label saying the role.
func turnsTranscript(t testing.TB, lines ...string) *Transcript {
	t.Helper()
	tr := &Transcript{Name: "test.txt", Format: FormatText}
	for i, line := range lines {
		role := RoleAgent
		speaker, text, ok := strings.Cut(line, ": ")
		require.True(t, ok, "line %q", line)
		if speaker == "customer" {
			role = RoleCustomer
		}
		tr.Turns = append(tr.Turns, Turn{Speaker: speaker, Role: role, Text: text, Line: i + 1, Column: 1})
	}
	return tr
}
