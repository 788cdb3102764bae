package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMEQuickStart keeps the README true: the table it shows for the
// quick-start command is what the command prints.
func TestREADMEQuickStart(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	t.Chdir("../..")
	status, out, _ := runScorer(t, "", "testdata/calls")
	require.Equal(t, exitOK, status)
	table, summary, ok := strings.Cut(out, "\nSummary\n")
	require.True(t, ok)
	assert.Contains(t, string(readme), table, "README's quick-start output is stale; paste the new table")
	for _, line := range strings.Split(summary, "\n")[:4] {
		assert.Contains(t, string(readme), line, "README's summary lines")
	}
}
