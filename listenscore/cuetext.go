package listenscore

import (
	"bytes"
	"html"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file holds what the WebVTT and SRT readers share: blocks of lines,
// cue timing lines, cue text cleaning (tags, entities, white space) and
// speaker labels ("Name:", "[Name]", cue identifiers).

// arrow separates the start and end times of a cue timing line.
var arrow = []byte("-->")

// maxLabelBytes and maxLabelWords bound a speaker label in a "Name:" or
// "[Name]" prefix or a cue identifier; longer text before a colon is a
// sentence, not a name.
const (
	maxLabelBytes = 48
	maxLabelWords = 4
)

// maxPreallocTurns caps the turn slice allocated up front from the input
// size, so that a large input does not make a read reserve much memory
// before it has parsed anything.
const maxPreallocTurns = 4096

// cueLine is one line of a block with its 1-based line number.
type cueLine struct {
	num  int
	text []byte
}

// blockScanner yields the blocks of a cue-based format: runs of lines that
// are not blank. Lines of white space only count as blank.
type blockScanner struct {
	ls    *lineScanner
	lines []cueLine
}

// next collects the next block into bs.lines, reporting false at the end of
// input or on an error (see bs.ls.err).
func (bs *blockScanner) next() bool {
	bs.lines = bs.lines[:0]
	for bs.ls.next() {
		if isBlank(bs.ls.text) {
			if len(bs.lines) > 0 {
				return true
			}
			continue
		}
		bs.lines = append(bs.lines, cueLine{bs.ls.line, bs.ls.text})
	}
	return bs.ls.err == nil && len(bs.lines) > 0
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\f' || c == '\v' }

// firstCol returns the 1-based column of the first byte of b that is not a
// space or tab (1 when there is none).
func firstCol(b []byte) int {
	for i, c := range b {
		if c != ' ' && c != '\t' {
			return i + 1
		}
	}
	return 1
}

// trimBytes trims spaces and tabs.
func trimBytes(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// hasArrow reports whether line contains "-->", which makes it a cue timing
// line.
func hasArrow(line []byte) bool { return bytes.Contains(line, arrow) }

// looksLikeTiming reports whether line starts like a time ("00:01…"); it
// decides which line a missing-timing error points at.
func looksLikeTiming(line []byte) bool {
	line = trimBytes(line)
	return len(line) > 0 && line[0] >= '0' && line[0] <= '9' && bytes.IndexByte(line, ':') > 0
}

// parseTiming parses a cue timing line "start --> end [settings]" (the line
// must contain "-->"). Times are what [parseClock] accepts; anything after
// the end time (WebVTT cue settings, SRT coordinates) is ignored. On failure
// it returns the 1-based column of the bad time and an error wrapping
// [ErrTimestamp].
func parseTiming(line []byte) (start, end time.Duration, col int, err error) {
	a := bytes.Index(line, arrow)
	i, j := 0, a
	for i < j && isSpace(line[i]) {
		i++
	}
	for j > i && isSpace(line[j-1]) {
		j--
	}
	if i == j {
		return 0, 0, a + 1, detailf(ErrTimestamp, "missing start time before %q", "-->")
	}
	var ok bool
	if start, ok = parseClock(string(line[i:j])); !ok {
		return 0, 0, i + 1, detailf(ErrTimestamp, "%q", line[i:j])
	}
	k := a + len(arrow)
	for k < len(line) && isSpace(line[k]) {
		k++
	}
	m := k
	for m < len(line) && !isSpace(line[m]) {
		m++
	}
	if k == m {
		return 0, 0, a + 1, detailf(ErrTimestamp, "missing end time after %q", "-->")
	}
	if end, ok = parseClock(string(line[k:m])); !ok {
		return 0, 0, k + 1, detailf(ErrTimestamp, "%q", line[k:m])
	}
	return start, end, 0, nil
}

// startsTiming reports whether line contains "-->" after a valid start time:
// within SRT cue text such a line begins a new cue (a blank line is
// missing), while "Settings --> Privacy" stays text.
func startsTiming(line []byte) bool {
	a := bytes.Index(line, arrow)
	if a < 0 {
		return false
	}
	_, ok := parseClock(string(trimBytes(line[:a])))
	return ok
}

// Why a turn has no speaker, as the detail of ErrNoSpeaker.
const (
	whyVTTNoLabel   = `no <v Name> voice, "Name:" prefix or name as cue identifier`
	whyVTTOutside   = `text outside the cue's <v Name> voice spans`
	whySRTNoLabel   = `no "Name:" or "[Name]" prefix on the cue's first line`
	whySRTDashLabel = `dialogue dash line without a "Name:" or "[Name]" prefix`
)

// cueReader turns the cues of a WebVTT or SRT file into turns. It holds the
// turn being built so that a cue's text lines can continue it, and reuses
// its buffers from cue to cue: the only allocation per turn is its text.
type cueReader struct {
	s *source
	// vtt selects WebVTT cue text rules: entities, <v> voices, <rt> ruby
	// text and time stamp tags. Otherwise SRT rules apply: {\...} override
	// tags, "[Name]" labels and dialogue dashes.
	vtt     bool
	labels  map[string]string // interned speaker labels
	scratch []byte            // one cleaned line

	// The cue being read.
	start, end time.Duration
	idLabel    string // the cue identifier when it reads as a name
	inRT       bool   // inside <rt>…</rt>, whose text is not kept

	// The turn being built: open says there is one. A turn without label
	// is reported as ErrNoSpeaker (with detail why) when it is flushed, if
	// it has any text.
	open      bool
	label     string
	why       string
	line, col int
	text      []byte
}

func newCueReader(s *source, vtt bool) *cueReader {
	// A cue takes 100 to 200 bytes.
	s.t.Turns = make([]Turn, 0, min(len(s.data)/128+1, maxPreallocTurns, s.opts.MaxTurns))
	return &cueReader{s: s, vtt: vtt}
}

// intern returns label as a string, the same string for equal labels.
func (c *cueReader) intern(label []byte) string {
	if l, ok := c.labels[string(label)]; ok {
		return l
	}
	if c.labels == nil {
		c.labels = make(map[string]string)
	}
	l := string(label)
	c.labels[l] = l
	return l
}

// beginCue starts a cue; its turns get its times.
func (c *cueReader) beginCue(start, end time.Duration, idLabel string) {
	c.start, c.end, c.idLabel, c.inRT = start, end, idLabel, false
}

// openTurn flushes the turn being built and starts one. An empty label
// starts a turn without speaker, reported with why when flushed.
func (c *cueReader) openTurn(label, why string, line, col int) error {
	if err := c.flush(); err != nil {
		return err
	}
	c.open, c.label, c.why, c.line, c.col = true, label, why, line, col
	return nil
}

// flush adds the turn being built. A labelled turn is added even when its
// text is empty (the speaker's words were not transcribed); a turn without
// label is an ErrNoSpeaker failure when it has text and nothing otherwise.
func (c *cueReader) flush() error {
	if !c.open {
		return nil
	}
	c.open = false
	text := c.text
	c.text = c.text[:0]
	if c.label == "" {
		if len(text) == 0 {
			return nil
		}
		return c.s.fail(c.line, c.col, detailf(ErrNoSpeaker, "%s", c.why))
	}
	return c.s.add(Turn{
		Speaker: c.label, Text: string(text),
		Start: c.start, End: c.end, HasStart: true, HasEnd: true,
		Line: c.line, Column: c.col,
	})
}

// appendText appends cleaned text to the turn, a space before it.
func (c *cueReader) appendText(b []byte) {
	if len(b) == 0 {
		return
	}
	if len(c.text) > 0 {
		c.text = append(c.text, ' ')
	}
	c.text = append(c.text, b...)
}

// labelLine reads a cue text line in the absence of voice spans: a line
// with a speaker label starts a turn, a line without one continues the
// cue's turn, or starts one for the cue identifier's name, or is a turn
// without speaker. In SRT a dialogue dash ("-" or "- ") always starts a
// turn and needs its own label: a dash marks a change of speaker, so
// carrying the previous label over would be wrong, and picking "the other"
// speaker would be a guess.
func (c *cueReader) labelLine(num int, raw []byte) error {
	col := firstCol(raw)
	body := raw[col-1:]
	dash := 0
	if !c.vtt {
		dash = dashLen(body)
		body = body[dash:]
	}
	c.scratch = c.appendClean(c.scratch[:0], body, false)
	continuation := c.open && dash == 0
	if label, rest, ok := c.splitLabel(c.scratch, continuation); ok {
		if err := c.openTurn(c.intern(label), "", num, col); err != nil {
			return err
		}
		c.appendText(rest)
		return nil
	}
	var err error
	switch {
	case dash > 0:
		err = c.openTurn("", whySRTDashLabel, num, col)
	case c.open:
	case c.idLabel != "":
		err = c.openTurn(c.idLabel, "", num, col)
	case c.vtt:
		err = c.openTurn("", whyVTTNoLabel, num, col)
	default:
		err = c.openTurn("", whySRTNoLabel, num, col)
	}
	c.appendText(c.scratch)
	return err
}

// dashLen returns the length of a dialogue dash with the spaces after it at
// the start of b: "-" followed by a space or by text, but not "--" (a cut
// off) or "-5" (a number).
func dashLen(b []byte) int {
	if len(b) == 0 || b[0] != '-' {
		return 0
	}
	if len(b) > 1 && (b[1] == '-' || b[1] >= '0' && b[1] <= '9') {
		return 0
	}
	n := 1
	for n < len(b) && (b[n] == ' ' || b[n] == '\t') {
		n++
	}
	return n
}

// appendClean appends the text of raw cue text to dst: tags removed
// (WebVTT <c>, <i>, <b>, <u>, <v>, <lang>, <ruby>, time stamps; SRT <i>,
// <font …>, {\an8}), WebVTT entities decoded, <rt> ruby text dropped,
// white space folded to single spaces and trimmed. With sep a space goes
// before the text when dst is not empty.
func (c *cueReader) appendClean(dst, raw []byte, sep bool) []byte {
	space := sep
	// The last '>' and '}' of raw, found when first needed (-2 before):
	// a '<' or '{' after them opens nothing, and knowing it keeps a line
	// full of them from being searched once per byte.
	lastGT, lastBrace := -2, -2
	for i := 0; i < len(raw); {
		if !c.inRT && !special[raw[i]] {
			// A run of plain text, copied at once.
			j := i + 1
			for j < len(raw) && !special[raw[j]] {
				j++
			}
			if space && len(dst) > 0 {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, raw[i:j]...)
			i = j
			continue
		}
		b := raw[i]
		switch {
		case b == '<':
			if lastGT == -2 {
				lastGT = bytes.LastIndexByte(raw, '>')
			}
			if e := tagEnd(raw, i, c.vtt, lastGT); e > 0 {
				c.tag(raw[i+1 : e])
				i = e + 1
				continue
			}
		case b == '{' && !c.vtt && i+1 < len(raw) && raw[i+1] == '\\':
			if lastBrace == -2 {
				lastBrace = bytes.LastIndexByte(raw, '}')
			}
			if lastBrace > i {
				i += bytes.IndexByte(raw[i+2:], '}') + 3
				continue
			}
		case b == '&' && c.vtt:
			if dec, n := entityAt(raw[i:]); n > 0 {
				i += n
				if c.inRT {
					continue
				}
				for _, r := range dec {
					switch r {
					case '\u00a0', ' ', '\t':
						space = true
					case '\u200e', '\u200f':
					default:
						if space && len(dst) > 0 {
							dst = append(dst, ' ')
						}
						space = false
						dst = utf8.AppendRune(dst, r)
					}
				}
				continue
			}
		case isSpace(b):
			if !c.inRT {
				space = true
			}
			i++
			continue
		case b == 0xc2 && i+1 < len(raw) && raw[i+1] == 0xa0: // U+00A0
			if !c.inRT {
				space = true
			}
			i += 2
			continue
		}
		i++
		if c.inRT {
			continue
		}
		if space && len(dst) > 0 {
			dst = append(dst, ' ')
		}
		space = false
		dst = append(dst, b)
	}
	return dst
}

// special marks the bytes appendClean looks at: the starts of tags,
// override codes, references, white space and U+00A0.
var special = func() (t [256]bool) {
	for _, b := range []byte("<{& \t\f\v\xc2") {
		t[b] = true
	}
	return t
}()

// tagEnd returns the index of the '>' closing a tag that opens at raw[i],
// or -1 when the '<' is literal text. A tag starts with a letter or '/', or
// in WebVTT with a digit (an inline time stamp), and ends on the same line.
// lastGT is the index of raw's last '>'.
func tagEnd(raw []byte, i int, vtt bool, lastGT int) int {
	if i+1 >= len(raw) || lastGT <= i {
		return -1
	}
	c := raw[i+1]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || vtt && c >= '0' && c <= '9') {
		return -1
	}
	e := bytes.IndexByte(raw[i+1:], '>')
	if e < 0 {
		return -1
	}
	return i + 1 + e
}

// tagName returns the name of a tag from its content (between < and >),
// and whether it is an end tag: "c.loud" gives "c", "/v" gives "v".
func tagName(content []byte) (name []byte, closing bool) {
	if len(content) > 0 && content[0] == '/' {
		content, closing = content[1:], true
	}
	for i, b := range content {
		if b == '.' || isSpace(b) {
			return content[:i], closing
		}
	}
	return content, closing
}

// tag updates the cleaning state for a tag: ruby text (<rt>) is a reading
// aid, not speech, and is dropped.
func (c *cueReader) tag(content []byte) {
	if !c.vtt {
		return
	}
	switch name, closing := tagName(content); string(name) {
	case "rt":
		c.inRT = !closing
	case "ruby":
		c.inRT = false
	}
}

// entityAt decodes a character reference ("&amp;", "&#233;", "&#xE9;", any
// HTML named reference) at the start of b, returning the text and the
// number of bytes read, or 0 when b does not start with one. The common
// references are decoded without allocating.
func entityAt(b []byte) (string, int) {
	end := -1
	for i := 1; i < len(b) && i < 40; i++ {
		c := b[i]
		if c == ';' {
			end = i
			break
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#') {
			return "", 0
		}
	}
	if end < 2 {
		return "", 0
	}
	ref := b[:end+1]
	switch string(ref) {
	case "&amp;":
		return "&", len(ref)
	case "&lt;":
		return "<", len(ref)
	case "&gt;":
		return ">", len(ref)
	case "&nbsp;":
		return "\u00a0", len(ref)
	case "&lrm;":
		return "\u200e", len(ref)
	case "&rlm;":
		return "\u200f", len(ref)
	case "&quot;":
		return `"`, len(ref)
	case "&apos;", "&#39;":
		return "'", len(ref)
	}
	s := string(ref)
	if dec := html.UnescapeString(s); dec != s {
		return dec, len(ref)
	}
	return "", 0
}

// splitLabel finds a speaker label at the start of cleaned cue text:
// "Name: text", or in SRT also "[Name] text" and "[Name]: text". It
// returns the label and the text after it. A continuation line (one after
// the start of a turn in the same cue) needs a stricter label, so that
// "the reason is: the bill" stays text: one already seen in the call, or
// one whose every word starts with a capital letter or a digit.
func (c *cueReader) splitLabel(text []byte, continuation bool) (label, rest []byte, ok bool) {
	if !c.vtt && len(text) > 0 && text[0] == '[' {
		e := bytes.IndexByte(text, ']')
		if e < 0 || e > maxLabelBytes+2 {
			return nil, text, false
		}
		label = trimBytes(text[1:e])
		rest = text[e+1:]
		if len(rest) > 0 && rest[0] == ':' {
			rest = rest[1:]
		}
		if len(rest) > 0 && rest[0] != ' ' || isSoundTag(label) || !c.isLabel(label, continuation) {
			return nil, text, false
		}
		return label, trimBytes(rest), true
	}
	k := bytes.IndexByte(text, ':')
	if k <= 0 || k > maxLabelBytes || k+1 < len(text) && text[k+1] != ' ' {
		return nil, text, false // also "10:30" and "https://…"
	}
	label = trimBytes(text[:k])
	if !c.isLabel(label, continuation) {
		return nil, text, false
	}
	return label, trimBytes(text[k+1:]), true
}

// isLabel reports whether b reads as a speaker's name: 1 to 48 bytes, at
// most four words, starting with a letter, made of letters, digits, spaces
// and . , - _ ' ’ ( ) &. With strict, see [cueReader.splitLabel].
func (c *cueReader) isLabel(b []byte, strict bool) bool {
	if len(b) == 0 || len(b) > maxLabelBytes || bytes.Count(b, []byte(" ")) >= maxLabelWords {
		return false
	}
	titled := true
	wordStart := true
	for i, r := range string(b) {
		switch {
		case unicode.IsLetter(r):
			if wordStart && unicode.IsLower(r) {
				titled = false
			}
		case i == 0:
			return false
		case unicode.IsDigit(r) || unicode.IsMark(r):
		case r == ' ':
			wordStart = true
			continue
		case strings.ContainsRune(".,-_'’()&", r):
		default:
			return false
		}
		wordStart = false
	}
	if !strict || titled {
		return true
	}
	_, known := c.labels[string(b)]
	return known
}

// soundTags are bracketed captions of sounds, not speakers.
var soundTags = []string{
	"applause", "background noise", "beep", "beeping", "blank_audio", "chuckles",
	"chuckling", "clears throat", "coughs", "coughing", "crosstalk", "cross talk",
	"foreign language", "hold music", "inaudible", "indistinct", "laughs",
	"laughing", "laughter", "music", "no audio", "noise", "overlapping",
	"overtalk", "pause", "phone ringing", "ringing", "sighs", "silence",
	"sniffles", "static", "typing", "unintelligible", "unclear",
}

func isSoundTag(b []byte) bool {
	for _, w := range soundTags {
		if len(b) == len(w) && strings.EqualFold(string(b), w) {
			return true
		}
	}
	return false
}

// labelFromID returns a WebVTT cue identifier as a speaker label when it reads
// as a name ("Agent", "Maria Lopez", "Speaker 2"), and "" for the
// identifiers tools number cues with: numbers, Teams' "GUID/12-1", hex
// hashes, and words glued to numbers ("cue-12", "c3", "s0004").
func (c *cueReader) labelFromID(id []byte) string {
	id = trimBytes(id)
	if bytes.IndexByte(id, '/') >= 0 || bytes.IndexByte(id, ':') >= 0 || !c.isLabel(id, false) {
		return ""
	}
	if bytes.IndexByte(id, ' ') < 0 {
		// One token: a word glued to a number, or a hex string.
		i := 0
		for i < len(id) && (id[i] >= 'a' && id[i] <= 'z' || id[i] >= 'A' && id[i] <= 'Z') {
			i++
		}
		j := i
		for j < len(id) && (id[j] == '-' || id[j] == '_' || id[j] == '.') {
			j++
		}
		if j < len(id) && id[j] >= '0' && id[j] <= '9' {
			return ""
		}
		if isHexID(id) {
			return ""
		}
	}
	return c.intern(id)
}

// isHexID reports whether id is made of hex digits and dashes with at least
// one digit and eight hex digits, like a GUID or a hash.
func isHexID(id []byte) bool {
	digits, hex := 0, 0
	for _, b := range id {
		switch {
		case b >= '0' && b <= '9':
			digits++
			hex++
		case b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F':
			hex++
		case b == '-':
		default:
			return false
		}
	}
	return digits > 0 && hex >= 8
}
