package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScore(t *testing.T) {
	var b strings.Builder
	require.NoError(t, score(&b, "../../testdata/calls/internet-outage.txt"))
	out := b.String()
	assert.True(t, strings.HasPrefix(out, "../../testdata/calls/internet-outage.txt: "), out)
	assert.Contains(t, out, "failed no_defensive:")
	assert.Contains(t, out, `"Well, as I already said, the restart is the first step.`, "failed criteria show their evidence turns")

	err := score(&b, "../../testdata/nope.txt")
	assert.ErrorContains(t, err, "no such file")
}
