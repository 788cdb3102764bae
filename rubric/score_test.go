package rubric

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/callqa/listenscore/listenscore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScoreIsTheThreeSteps checks that the one-call path gives what the
// three steps it replaces give: read with the rubric's roles, analyse with
// its config, grade.
func TestScoreIsTheThreeSteps(t *testing.T) {
	r, err := LoadFile("../examples/rubrics/tech-support.yaml")
	require.NoError(t, err)
	for _, call := range []string{"billing-dispute.vtt", "internet-outage.txt", "password-reset.txt"} {
		path := "../testdata/calls/" + call
		tr, err := listenscore.ReadFile(path, listenscore.ReadOptions{Roles: r.Roles()})
		require.NoError(t, err)
		a, err := listenscore.Analyze(tr, r.Config())
		require.NoError(t, err)
		want := r.Grade(a)

		got, err := r.ScoreFile(path)
		require.NoError(t, err)
		assert.Equal(t, want.Criteria, got.Criteria, call)
		assert.Equal(t, want.Score, got.Score, call)
		assert.Equal(t, want.Analysis.Metrics, got.Analysis.Metrics, call)
	}
}

func TestScoreRoles(t *testing.T) {
	r, err := Parse("team.yaml", []byte("extends: default\nroles: {Rep: agent, Client: customer}\n"))
	require.NoError(t, err)
	call := "Client: Hi, my bill doubled this month.\nRep: I'm sorry about that. What changed?\n"
	tests := []struct {
		name  string
		roles map[string]listenscore.Role
		want  map[string]listenscore.RoleSource
	}{
		{name: "the rubric's", want: map[string]listenscore.RoleSource{"Rep": listenscore.RoleFromMapping, "Client": listenscore.RoleFromMapping}},
		{name: "the caller's win", roles: map[string]listenscore.Role{"Client": listenscore.RoleAgent},
			want: map[string]listenscore.RoleSource{"Rep": listenscore.RoleFromMapping, "Client": listenscore.RoleFromMapping}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Score(context.Background(), "call.txt", strings.NewReader(call), listenscore.ReadOptions{Roles: tt.roles})
			require.NoError(t, err)
			for _, sp := range res.Analysis.Transcript.Speakers {
				assert.Equal(t, tt.want[sp.Label], sp.RoleSource, sp.Label)
				wantRole := r.Roles()[sp.Label]
				if role, ok := tt.roles[sp.Label]; ok {
					wantRole = role
				}
				assert.Equal(t, wantRole, sp.Role, sp.Label)
			}
		})
	}
	assert.Equal(t, map[string]listenscore.Role{"Rep": listenscore.RoleAgent, "Client": listenscore.RoleCustomer}, r.Roles(),
		"the rubric's roles are not changed by a call's")
}

func TestScoreErrors(t *testing.T) {
	r := Default()
	_, err := r.ScoreFile("../testdata/nope.vtt")
	assert.ErrorIs(t, err, os.ErrNotExist)
	assert.EqualError(t, err, "listenscore: open ../testdata/nope.vtt: no such file or directory")

	_, err = r.Score(context.Background(), "bad.vtt", strings.NewReader("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\n<v A>hi\n"), listenscore.ReadOptions{})
	var pe *listenscore.ParseError
	require.ErrorAs(t, err, &pe)
	assert.ErrorIs(t, err, listenscore.ErrEndBeforeStart)
	assert.Positive(t, pe.Line)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = r.Score(ctx, "call.txt", strings.NewReader("Agent: hi\n"), listenscore.ReadOptions{})
	assert.ErrorIs(t, err, context.Canceled)

	res, err := (&Rubric{Criteria: []Criterion{{ID: "w", Metric: listenscore.MetricAgentWords, Weight: 1, Min: ptr(1)}}}).
		Score(context.Background(), "call.txt", strings.NewReader("Agent: hello there\n"), listenscore.ReadOptions{})
	require.NoError(t, err, "a Rubric made in code analyses with the defaults")
	assert.Equal(t, StatusPass, res.Criteria[0].Status)
}

func TestUnmet(t *testing.T) {
	res := &Result{Criteria: []CriterionResult{
		{ID: "a", Status: StatusPass}, {ID: "b", Status: StatusPartial}, {ID: "c", Status: StatusFail}, {ID: "d", Status: StatusNA},
	}}
	ids := func(cs []CriterionResult) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	assert.Equal(t, []string{"b", "c"}, ids(res.Unmet()), "partial criteria lost points too")
	assert.Equal(t, []string{"c"}, ids(res.FailedCriteria()))
}
