package listenscore

import (
	"bytes"
	"encoding/binary"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// This file reads the two plain-text formats.
//
// FormatText has one turn per labelled line, "Speaker: text". A line may
// open with a time stamp:
//
//	[01:02] Agent: …               start only: [mm:ss], [h:mm:ss], [hh:mm:ss.mmm]
//	(01:02) Agent: …               the same in parentheses
//	01:02 Agent: …                 a bare clock, only when a label follows
//	[00:01.5 - 00:04.2] Agent: …   start and end; "-", "–", "—" or "-->" between
//	Speaker 1 (00:05): …           a stamp just before the label's colon (Rev)
//
// The leading field of a clock may exceed 59 ("[75:02]"). A line without a
// label continues the turn before it (joined with one space); blank lines are
// ignored. A label is the text before the line's first colon when isTextLabel
// accepts it.
//
// FormatOtter is Otter.ai's text export: a header "Speaker Name  0:05" (the
// name, two or more spaces or a tab, a start time), the turn's text on the
// following lines, and a blank line. Otter's closing line "Transcribed by
// https://otter.ai" is not speech and is skipped.
//
// In both formats a lenient read skips a turn whose time stamp is bad, or an
// unlabelled line before the first turn, together with the label-less lines
// that follow it; one warning covers them.

// Reasons for a line without a speaker.
var (
	errTextOrphan   = detailf(ErrNoSpeaker, `text before the first "Speaker: text" line`)
	errStampNoLabel = detailf(ErrNoSpeaker, `no "Speaker:" after the time stamp`)
	errOtterOrphan  = detailf(ErrNoSpeaker, `text before the first "Name  0:00" header`)
)

// Limits of a speaker label in FormatText and of a name in an Otter header.
const (
	textLabelMaxBytes = 40
	textLabelMaxWords = 5
)

// readText reads FormatText.
func readText(s *source) error {
	p := newPlainReader(s, 1, errTextOrphan)
	ls := newLineScanner(s)
	for {
		at := ls.pos
		if !ls.next() {
			break
		}
		if err := p.textLine(ls.line, p.str[at:at+len(ls.text)]); err != nil {
			return err
		}
	}
	if ls.err != nil {
		return ls.err
	}
	return p.flush()
}

// readOtter reads FormatOtter.
func readOtter(s *source) error {
	p := newPlainReader(s, 3, errOtterOrphan)
	ls := newLineScanner(s)
	for {
		at := ls.pos
		if !ls.next() {
			break
		}
		if err := p.otterLine(ls.line, p.str[at:at+len(ls.text)]); err != nil {
			return err
		}
	}
	if ls.err != nil {
		return ls.err
	}
	return p.flush()
}

// looksLikeOtter reports whether data (left-trimmed of white space) opens
// with an Otter turn header that is not followed by a "Speaker: text" line.
// It looks at the first 260 bytes only.
func looksLikeOtter(data []byte) bool {
	const maxLine = 128
	head := data[:min(len(data), 2*maxLine+4)]
	first, rest := plainCutLine(head)
	if len(first) > maxLine {
		return false
	}
	_, clk, _, ok := otterHeader(string(first), 0)
	if !ok {
		return false
	}
	if _, ok := parseClock(clk); !ok {
		return false
	}
	second, _ := plainCutLine(rest)
	body := string(second)
	i := plainSkip(body, 0)
	return i == len(body) || splitTextLine(body, i).label == ""
}

// plainCutLine splits data after its first line, which it returns without
// the line ending.
func plainCutLine(data []byte) (line, rest []byte) {
	end := bytes.IndexAny(data, "\r\n")
	if end < 0 {
		return data, nil
	}
	rest = data[end+1:]
	if data[end] == '\r' && len(rest) > 0 && rest[0] == '\n' {
		rest = rest[1:]
	}
	return data[:end], rest
}

// plainReader is the state of one FormatText or FormatOtter read.
type plainReader struct {
	s *source
	// str is the input as one string: labels and one-line texts are
	// substrings of it, so most turns cost no allocation.
	str string
	// tu is the turn being built when open is set.
	tu   Turn
	open bool
	// joined is set when tu's text spans several lines; buf then holds
	// it.
	joined bool
	buf    []byte
	// skipping is set after a lenient read skipped a turn or an unlabelled
	// line: the label-less lines that follow are skipped with it.
	skipping bool
	// labels interns speaker labels so that equal labels share a string;
	// recent holds the last two, which most lines repeat.
	labels map[string]string
	recent [2]string
	// newPara is set at the start of the input and after a blank line.
	newPara bool
	// orphan is the error for text before the first turn.
	orphan error
}

// newPlainReader prepares a read whose turns take about linesPerTurn lines
// each.
func newPlainReader(s *source, linesPerTurn int, orphan error) *plainReader {
	estimate := min((bytes.Count(s.data, []byte("\n"))+1)/linesPerTurn+1, len(s.data)/8+1, s.opts.MaxTurns)
	if cap(s.t.Turns) < estimate {
		s.t.Turns = make([]Turn, 0, estimate)
	}
	// s.data is Read's own buffer, which nothing writes after reading:
	// a view of it, not a copy, serves as the turns' text.
	str := unsafe.String(unsafe.SliceData(s.data), len(s.data))
	return &plainReader{s: s, str: str, newPara: true, orphan: orphan}
}

// textLine reads line n of FormatText.
func (p *plainReader) textLine(n int, line string) error {
	i := plainSkip(line, 0)
	if i == len(line) {
		return nil
	}
	tp := splitTextLine(line, i)
	switch {
	case tp.bad != nil:
		return p.skip(n, tp.badAt+1, tp.bad)
	case tp.label != "":
		return p.begin(n, i+1, tp.label, tp.stamp, tp.text)
	case tp.stamp.ok:
		col := tp.labelAt + 1
		if tp.labelAt == len(line) {
			col = i + 1
		}
		return p.skip(n, col, errStampNoLabel)
	}
	return p.continueWith(n, i+1, line[i:])
}

// otterLine reads line n of FormatOtter.
func (p *plainReader) otterLine(n int, line string) error {
	i := plainSkip(line, 0)
	if i == len(line) {
		p.newPara = true
		return nil
	}
	newPara := p.newPara
	p.newPara = false
	if name, clk, at, ok := otterHeader(line, i); ok {
		if d, ok := parseClock(clk); ok {
			return p.begin(n, i+1, name, lineStamp{start: d, ok: true}, "")
		}
		if newPara {
			return p.skip(n, at+1, detailf(ErrTimestamp, "%q", plainShorten(clk)))
		}
	}
	if newPara && isOtterFooter(line[i:]) {
		return nil
	}
	return p.continueWith(n, i+1, line[i:])
}

// begin adds the turn being built and starts a new one at line n, column
// col.
func (p *plainReader) begin(n, col int, label string, st lineStamp, text string) error {
	if err := p.flush(); err != nil {
		return err
	}
	if plainNeedsFold(label) {
		label = string(plainFold(nil, label))
	}
	p.tu = Turn{
		Speaker: p.intern(label), Text: text,
		Start: st.start, End: st.end, HasStart: st.ok, HasEnd: st.hasEnd,
		Line: n, Column: col,
	}
	p.open, p.joined, p.skipping = true, false, false
	return nil
}

// skip reports a problem with the item (turn or unlabelled line) that
// starts at line n, after adding the turn before it. When lenient, the
// label-less lines that follow are skipped with it.
func (p *plainReader) skip(n, col int, err error) error {
	if ferr := p.flush(); ferr != nil {
		return ferr
	}
	p.skipping = true
	return p.s.fail(n, col, err)
}

// continueWith adds a line without a label to the turn being built.
func (p *plainReader) continueWith(n, col int, text string) error {
	if p.skipping {
		return nil
	}
	if !p.open {
		return p.skip(n, col, p.orphan)
	}
	text = plainTrim(text)
	switch {
	case text == "":
		return nil
	case p.joined:
	case p.tu.Text == "":
		p.tu.Text = text
		return nil
	default:
		p.buf = plainFold(p.buf[:0], p.tu.Text)
		p.joined = true
	}
	p.buf = plainFold(p.buf, text)
	return nil
}

// flush adds the turn being built, if any.
func (p *plainReader) flush() error {
	if !p.open {
		return nil
	}
	p.open = false
	switch {
	case p.joined:
		p.tu.Text = string(p.buf)
	case plainNeedsFold(p.tu.Text):
		p.buf = plainFold(p.buf[:0], p.tu.Text)
		p.tu.Text = string(p.buf)
	}
	return p.s.add(p.tu)
}

// intern returns the read's one copy of label.
func (p *plainReader) intern(label string) string {
	switch label {
	case p.recent[0]:
		return p.recent[0]
	case p.recent[1]:
		p.recent[0], p.recent[1] = p.recent[1], p.recent[0]
		return p.recent[0]
	}
	v, ok := p.labels[label]
	if !ok {
		if p.labels == nil {
			p.labels = make(map[string]string)
		}
		p.labels[label], v = label, label
	}
	p.recent[0], p.recent[1] = v, p.recent[0]
	return v
}

// A lineStamp is a time stamp of a FormatText line or an Otter header.
type lineStamp struct {
	start, end time.Duration
	ok, hasEnd bool // start is set; end is set
}

// textParts is a FormatText line taken apart. label is empty when the line
// has no speaker label; bad is a malformed time stamp at index badAt.
type textParts struct {
	stamp   lineStamp
	label   string
	labelAt int    // index where a label would start (after the stamp)
	text    string // after the label's colon, trimmed
	badAt   int
	bad     error
}

// splitTextLine takes apart line, whose first non-blank byte is at i.
//
// Square brackets whose first word starts with a digit and has a colon are
// always a time stamp, so "[00:6x]" is an error. Parentheses and a bare
// clock are a stamp only when a speaker label follows (after a bare clock,
// one that does not start with a lower-case letter); otherwise the line is
// text. A malformed one that a label follows is an error.
func splitTextLine(line string, i int) (tp textParts) {
	j := i
	switch c := line[i]; {
	case c == '[' || c == '(':
		st, end, badAt, bad := bracketStamp(line, i)
		if c == '(' && !labelFollows(line, end, false) {
			break
		}
		if bad != nil {
			tp.badAt, tp.bad = badAt, bad
			return tp
		}
		tp.stamp, j = st, end
	case plainDigit(c):
		st, end := bareStamp(line, i)
		if end == i || !labelFollows(line, end, true) {
			break
		}
		if !st.ok {
			tp.badAt, tp.bad = i, detailf(ErrTimestamp, "%q", plainShorten(line[i:end]))
			return tp
		}
		tp.stamp, j = st, end
	}
	j = plainSkip(line, j)
	tp.labelAt = j
	c := strings.IndexByte(line[j:], ':')
	if c < 0 {
		return tp
	}
	c += j
	if !tp.stamp.ok && trailingTextStamp(line, j, c, &tp) {
		return tp
	}
	if label := plainTrimLabel(line[j:c]); isTextLabel(label, line[c+1:]) {
		tp.label, tp.text = label, plainTrim(line[c+1:])
	}
	return tp
}

// labelFollows reports whether a speaker label starts at line[j:] after
// blanks; with notLower, one that does not start with a lower-case letter.
func labelFollows(line string, j int, notLower bool) bool {
	j = plainSkip(line, j)
	c := strings.IndexByte(line[j:], ':')
	if c < 0 {
		return false
	}
	label := plainTrimLabel(line[j : j+c])
	if r, _ := utf8.DecodeRuneInString(label); notLower && unicode.IsLower(r) {
		return false
	}
	return isTextLabel(label, line[j+c+1:])
}

// trailingTextStamp recognises a label with a time stamp before its colon,
// "Speaker 1 (00:05):" or "Agent [00:01 - 00:04]:", where line[j:] starts
// the label and line[c] is the line's first colon. It fills tp and reports
// whether it found one.
func trailingTextStamp(line string, j, c int, tp *textParts) bool {
	b := strings.LastIndexAny(line[j:c], "([")
	if b < 0 {
		return false
	}
	b += j
	ib := plainSkip(line, b+1)
	if ib == c || !plainDigits(line[ib:c]) {
		return false
	}
	closer := byte(')')
	if line[b] == '[' {
		closer = ']'
	}
	k := strings.IndexByte(line[c:], closer)
	if k < 0 {
		return false
	}
	k += c
	e := plainSkip(line, k+1)
	label := plainTrimLabel(line[j:b])
	if e == len(line) || line[e] != ':' || !isTextLabel(label, line[e+1:]) {
		return false
	}
	inner := plainTrimRight(line[ib:k])
	st, off, ok := parseStampRange(inner)
	if !ok {
		tp.badAt, tp.bad = ib+off, detailf(ErrTimestamp, "%q", plainShorten(inner))
		return true
	}
	tp.stamp, tp.label, tp.text = st, label, plainTrim(line[e+1:])
	return true
}

// bracketStamp parses a time stamp in brackets at line[i] ("[01:02]",
// "(00:01.5 - 00:04.2)"), returning the index after the closing bracket.
// The brackets hold a stamp when their first word starts with a digit and
// has a colon; otherwise end is i. A stamp that does not close or parse is
// reported by bad, at badAt.
func bracketStamp(line string, i int) (st lineStamp, end, badAt int, bad error) {
	closer := byte(']')
	if line[i] == '(' {
		closer = ')'
	}
	j := plainSkip(line, i+1)
	w := j
	for w < len(line) && !plainBlank(line[w]) && line[w] != closer && line[w] != '-' && line[w] < utf8.RuneSelf {
		w++
	}
	if w == j || !plainDigit(line[j]) || strings.IndexByte(line[j:w], ':') < 0 {
		return lineStamp{}, i, 0, nil
	}
	k := strings.IndexByte(line[j:], closer)
	if k < 0 {
		return lineStamp{}, i, i, detailf(ErrTimestamp, "missing %q", string(closer))
	}
	inner := plainTrimRight(line[j : j+k])
	st, off, ok := parseStampRange(inner)
	if !ok {
		return lineStamp{}, j + k + 1, j + off, detailf(ErrTimestamp, "%q", plainShorten(inner))
	}
	return st, j + k + 1, 0, nil
}

// bareStamp parses a clock at line[i] followed by white space. end is the
// index after the clock's word when that word has a colon (st.ok tells
// whether it parses), or i.
func bareStamp(line string, i int) (st lineStamp, end int) {
	end = i
	for end < len(line) && !plainBlank(line[end]) {
		end++
	}
	if end == len(line) || strings.IndexByte(line[i:end], ':') < 0 {
		return lineStamp{}, i
	}
	d, ok := parseClock(line[i:end])
	return lineStamp{start: d, ok: ok}, end
}

// parseStampRange parses a clock, or two clocks separated by "-", "–", "—"
// or "-->" (a start and an end). s has no blanks at either end. When it
// fails, off is the index of the part that does not parse.
func parseStampRange(s string) (st lineStamp, off int, ok bool) {
	sep, n := strings.IndexByte(s, '-'), 1
	if sep >= 0 && strings.HasPrefix(s[sep:], "-->") {
		n = 3
	}
	// An en or em dash before it (both start with the same byte).
	head := s
	if sep >= 0 {
		head = s[:sep]
	}
	for k := strings.IndexByte(head, "–"[0]); k >= 0; {
		if strings.HasPrefix(s[k:], "–") || strings.HasPrefix(s[k:], "—") {
			sep, n = k, len("–")
			break
		}
		next := strings.IndexByte(head[k+1:], "–"[0])
		if next < 0 {
			break
		}
		k += 1 + next
	}
	if sep < 0 {
		d, ok := parseClock(s)
		return lineStamp{start: d, ok: ok}, 0, ok
	}
	start, ok := parseClock(plainTrimRight(s[:sep]))
	if !ok {
		return lineStamp{}, 0, false
	}
	at := plainSkip(s, sep+n)
	end, ok := parseClock(s[at:])
	if !ok {
		return lineStamp{}, at, false
	}
	return lineStamp{start: start, end: end, ok: true, hasEnd: true}, 0, true
}

// otterHeader splits an Otter turn header "Name  0:05" at line[i:], where i
// is the first non-blank byte: a name that isTextLabel accepts and that has
// no colon, two or more spaces or a tab, then a word that starts with a
// digit and has a colon. It returns that word (which the caller parses as a
// clock) and its index; ok is false when the line does not have this shape.
func otterHeader(line string, i int) (name, clk string, clkAt int, ok bool) {
	end := len(line)
	for end > i && plainBlank(line[end-1]) {
		end--
	}
	k := end
	for k > i && !plainBlank(line[k-1]) {
		k--
	}
	if k == i || !plainDigit(line[k]) || strings.IndexByte(line[k:end], ':') < 0 {
		return "", "", 0, false
	}
	g := k
	for g > i && plainBlank(line[g-1]) {
		g--
	}
	if gap := line[g:k]; len(gap) < 2 && gap != "\t" {
		return "", "", 0, false
	}
	name = plainTrimLabel(line[i:g])
	if strings.IndexByte(name, ':') >= 0 || !isTextLabel(name, "") {
		return "", "", 0, false
	}
	return name, line[k:end], k, true
}

// isOtterFooter reports whether s is the line Otter appends to its
// exports.
func isOtterFooter(s string) bool {
	return strings.HasPrefix(s, "Transcribed by ") && strings.Contains(s, "otter.ai")
}

// isTextLabel reports whether s, the text before a line's first colon, is a
// speaker label; after is the text after the colon. A label has at most
// textLabelMaxBytes bytes and textLabelMaxWords words, a letter or digit,
// no sentence punctuation (? ! ; , quotes, ellipsis; a full stop only after
// a title or an initial: "Dr.", "J."), no contraction ("I'm", "don't"),
// and, when it starts with a lower-case letter, at most two words ("agent
// 2"). The colon must not be part of a time ("10:30"), a URL ("https://")
// or a path ("C:\").
func isTextLabel(s, after string) bool {
	if s == "" || len(s) > textLabelMaxBytes {
		return false
	}
	if strings.HasPrefix(after, "//") || strings.HasPrefix(after, `\`) {
		return false
	}
	if after != "" && plainDigit(after[0]) && plainDigit(s[len(s)-1]) {
		return false
	}
	words, seg := 0, 0
	inWord, alnum := false, false
	for i := 0; i < len(s); {
		c := s[i]
		if plainBlank(c) {
			inWord = false
			i++
			continue
		}
		if !inWord {
			inWord, words, seg = true, words+1, i
		}
		if c < utf8.RuneSelf {
			switch {
			case plainDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z':
				alnum = true
			case c == '.':
				if !isLabelAbbrev(s[seg:i]) {
					return false
				}
				seg = i + 1
			case c == '\'':
				if isLabelContraction(s[i+1:]) {
					return false
				}
			case c == '?' || c == '!' || c == ';' || c == ',' || c == '"':
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '’':
			if isLabelContraction(s[i+size:]) {
				return false
			}
		case '“', '”', '…', '¿', '¡', '。', '，', '？', '！', '；':
			return false
		default:
			alnum = alnum || unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		i += size
	}
	if words > textLabelMaxWords || !alnum {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsLower(r) && words > 2 {
		return false
	}
	return true
}

// isLabelAbbrev reports whether s, followed by a full stop, is a title or an
// initial.
func isLabelAbbrev(s string) bool {
	switch s {
	case "Dr", "Mr", "Mrs", "Ms", "Mx", "Jr", "Sr", "Sra", "Srta", "St", "Prof",
		"Rev", "Fr", "Hon", "Capt", "Sgt", "Lt", "Col", "Gen", "Mme", "Mlle", "No":
		return true
	}
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && unicode.IsUpper(r)
}

// isLabelContraction reports whether s, which follows an apostrophe, is the end
// of an English contraction ("'m", "'re", "'ve", "'ll", "'d", "n't"). The
// possessive "'s" is not counted.
func isLabelContraction(s string) bool {
	n := 0
	for n < len(s) && 'a' <= s[n] && s[n] <= 'z' {
		n++
	}
	if n < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsLetter(r) {
			return false
		}
	}
	switch s[:n] {
	case "t", "m", "re", "ve", "ll", "d":
		return true
	}
	return false
}

// plainNeedsFold reports whether plainFold would change s: it has a space
// at either end, two in a row, or another blank. It reads eight bytes at a
// time, and each byte alone only in the eight that hold a control byte.
func plainNeedsFold(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
		lows  = 0x7f7f7f7f7f7f7f7f
	)
	i, space := 0, false // space: the byte before i is a space
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		// The high bit of each byte below 0x20; of each space in spaces.
		if ^(((x&lows)+0x60*ones)|x)&highs != 0 {
			break // a control byte: see below, byte by byte
		}
		y := x ^ 0x20*ones
		spaces := ^(((y & lows) + lows) | y) & highs
		if spaces&(spaces<<8) != 0 || space && spaces&0x80 != 0 {
			return true
		}
		space = spaces>>63 != 0
	}
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c > ' ':
			space = false
		case c == ' ':
			if space {
				return true
			}
			space = true
		case c == '\t' || c == '\v' || c == '\f':
			return true
		default:
			space = false
		}
	}
	return false
}

// plainFold appends the words of s to buf, separated by single spaces,
// with a space between buf's earlier content and the first word.
func plainFold(buf []byte, s string) []byte {
	for {
		s = s[plainSkip(s, 0):]
		if s == "" {
			return buf
		}
		w := 0
		for w < len(s) && !plainBlank(s[w]) {
			w++
		}
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, s[:w]...)
		s = s[w:]
	}
}

// plainShorten cuts s to at most 40 bytes for an error message.
func plainShorten(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// plainBlank reports whether c is white space within a line.
func plainBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' }

func plainDigit(c byte) bool { return '0' <= c && c <= '9' }

func plainDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plainDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// plainSkip returns the index of the first non-blank byte of s at or after
// i, or len(s).
func plainSkip(s string, i int) int {
	for i < len(s) && plainBlank(s[i]) {
		i++
	}
	return i
}

func plainTrimRight(s string) string {
	end := len(s)
	for end > 0 && plainBlank(s[end-1]) {
		end--
	}
	return s[:end]
}

func plainTrim(s string) string { return plainTrimRight(s[plainSkip(s, 0):]) }

// plainTrimLabel trims a speaker label of blanks and of Unicode spaces
// (a no-break space pasted from a document, "\u00a0Agent") at both ends.
func plainTrimLabel(s string) string {
	s = plainTrim(s)
	if s != "" && (s[0] >= utf8.RuneSelf || s[len(s)-1] >= utf8.RuneSelf) {
		s = strings.TrimFunc(s, unicode.IsSpace)
	}
	return s
}
