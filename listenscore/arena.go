package listenscore

import "unsafe"

// strArena makes the many short strings of one Analyze call (tag reasons,
// evidence reasons) from a few large chunks instead of one allocation each.
// A string is a view of bytes that are never written again: a chunk that
// fills up is left as it is, and the next string starts a new one. The
// zero value is ready to use; one arena serves one goroutine.
type strArena struct {
	chunk []byte
}

// A chunk is twice the size of the one before, from firstChunk to
// arenaChunk (about a hundred reasons): a short call's few strings do not
// take a large chunk.
const (
	firstChunk = 512
	arenaChunk = 8 << 10
)

// str returns b as a string, copied into the arena.
func (a *strArena) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if cap(a.chunk)-len(a.chunk) < len(b) {
		a.chunk = make([]byte, 0, max(len(b), min(arenaChunk, 2*cap(a.chunk)), firstChunk))
	}
	start := len(a.chunk)
	a.chunk = append(a.chunk, b...)
	return unsafe.String(&a.chunk[start], len(b))
}

// labelQuote is the package's labelQuote, its result cut from the arena.
func (a *strArena) labelQuote(label string, words ...string) string {
	var buf [128]byte
	return a.str(appendQuoted(append(buf[:0], label...), words...))
}
