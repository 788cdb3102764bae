package listenscore

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCallWords(t *testing.T) {
	c := newCallWords()
	same := func(a, b string) bool { return c.stemOf(c.id(a)) == c.stemOf(c.id(b)) }
	assert.True(t, same("charged", "charge"), "Porter2 folds inflections")
	assert.True(t, same("charges", "charging"))
	assert.False(t, same("charge", "change"))
	assert.False(t, same("ran", "run"), "a stemmer is not a lemmatizer")
	assert.Equal(t, c.id("charged"), c.id("charged"), "numbered once")
	assert.Equal(t, c.prefix[c.id("charged")], c.prefix[c.id("change")], "same first three letters")
}
