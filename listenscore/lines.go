package listenscore

import "bytes"

// lineScanner yields the lines of a line-based format with their 1-based
// numbers, without the line ending ("\n", "\r\n" or a lone "\r"), and
// enforces the line-length limit.
type lineScanner struct {
	s    *source
	data []byte
	pos  int
	line int // number of the line last returned
	text []byte
	err  error
}

func newLineScanner(s *source) *lineScanner {
	return &lineScanner{s: s, data: s.data}
}

// next advances to the next line, reporting false at the end of input or on
// an error (see err).
func (ls *lineScanner) next() bool {
	if ls.err != nil || ls.pos >= len(ls.data) {
		return false
	}
	rest := ls.data[ls.pos:]
	// Find "\n" fast, then look for a lone "\r" inside that line.
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		end = len(rest)
	}
	if cr := bytes.IndexByte(rest[:end], '\r'); cr >= 0 {
		end = cr
	}
	adv := end + 1
	switch {
	case end == len(rest):
		adv = end
	case rest[end] == '\r' && end+1 < len(rest) && rest[end+1] == '\n':
		adv++
	}
	ls.line++
	ls.text = rest[:end]
	ls.pos += adv
	if end > ls.s.opts.MaxLineBytes {
		ls.err = ls.s.errAt(ls.line, ls.s.opts.MaxLineBytes+1, detailf(ErrLineTooLong, "more than %d bytes", ls.s.opts.MaxLineBytes))
		return false
	}
	return true
}
