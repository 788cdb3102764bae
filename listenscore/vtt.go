package listenscore

import (
	"bytes"
	"strconv"
)

// readVTT reads WebVTT: Microsoft Teams and Zoom meeting transcripts,
// caption files with voice spans.
//
// The first line must be "WEBVTT", alone or followed by a space or tab and
// any text; header lines up to the first blank line are skipped. Blocks are
// separated by blank lines. NOTE, STYLE and REGION blocks are skipped. A
// cue is an optional identifier line, a timing line "[hh:]mm:ss.ttt -->
// [hh:]mm:ss.ttt" with optional cue settings after it, and text lines. A
// timing line that does not parse is ErrTimestamp at the bad time; a cue
// timing line inside cue text (a blank line missing) is ErrSyntax.
//
// Each cue gives one turn per speaker, all with the cue's times, in this
// order of evidence:
//   - <v Name> voice spans (classes as in <v.loud Name> allowed, </v>
//     optional): each span is a turn positioned at its tag, so two voices in
//     one cue are two turns; text outside the spans is ErrNoSpeaker;
//   - without voice spans, a "Name:" prefix (Zoom): a line with a prefix
//     starts a turn, a line without one continues it;
//   - text with neither takes the cue identifier as speaker when it reads
//     as a name (not a number, Teams "GUID/12-1", hash or "cue-3");
//   - otherwise the text is ErrNoSpeaker.
//
// Lines are joined with a space; tags, inline time stamps and <rt> ruby
// text are removed; character references are decoded (&nbsp; as a space,
// &lrm; and &rlm; dropped). A cue without text gives no turn.
func readVTT(s *source) error {
	if len(bytes.TrimSpace(s.data)) == 0 {
		return nil // the caller reports ErrEmpty
	}
	c := newCueReader(s, true)
	bs := &blockScanner{ls: newLineScanner(s)}
	if !bs.next() {
		return bs.ls.err
	}
	header := true
	if first := bs.lines[0]; first.num != 1 || !isVTTHeader(first.text) {
		line, _, _ := bytes.Cut(s.data, []byte("\n"))
		line, _, _ = bytes.Cut(line, []byte("\r"))
		if err := s.fail(1, 1, detailf(ErrMissingHeader, "the first line is %s, not \"WEBVTT\"", quoteStart(line))); err != nil {
			return err
		}
		// Lenient: read on; a misspelt header still opens the header.
		header = bytes.HasPrefix(first.text, []byte("WEBVTT"))
	}
	if header {
		// Header lines run to the first blank line; a timing line among
		// them starts the first cue.
		for i, l := range bs.lines[1:] {
			if hasArrow(l.text) {
				if err := c.vttBlock(bs.lines[1+i:]); err != nil {
					return err
				}
				break
			}
		}
	} else if err := c.vttBlock(bs.lines); err != nil {
		return err
	}
	for bs.next() {
		if err := c.vttBlock(bs.lines); err != nil {
			return err
		}
	}
	return bs.ls.err
}

// isVTTHeader reports whether line is a WebVTT file's first line.
func isVTTHeader(line []byte) bool {
	return bytes.HasPrefix(line, []byte("WEBVTT")) && (len(line) == 6 || line[6] == ' ' || line[6] == '\t')
}

// quoteStart quotes the start of a line for a message, at most 40 bytes.
func quoteStart(line []byte) string {
	if len(line) > 40 {
		return strconv.Quote(string(line[:40])) + "…"
	}
	return strconv.Quote(string(line))
}

// isVTTKeywordBlock reports whether a block's first line opens a NOTE,
// STYLE or REGION block.
func isVTTKeywordBlock(line []byte) bool {
	for _, kw := range [...]string{"NOTE", "STYLE", "REGION"} {
		if bytes.HasPrefix(line, []byte(kw)) && (len(line) == len(kw) || isSpace(line[len(kw)])) {
			return true
		}
	}
	return false
}

// vttBlock reads one block of a WebVTT file.
func (c *cueReader) vttBlock(lines []cueLine) error {
	for len(lines) > 0 {
		var id []byte
		t := 0
		switch {
		case hasArrow(lines[0].text):
		case len(lines) > 1 && hasArrow(lines[1].text):
			id, t = lines[0].text, 1
		case isVTTKeywordBlock(lines[0].text):
			return nil
		default:
			at := lines[0]
			if len(lines) > 1 && !looksLikeTiming(at.text) && looksLikeTiming(lines[1].text) {
				at = lines[1]
			}
			return c.s.fail(at.num, firstCol(at.text), detailf(ErrSyntax, `no cue timing line ("00:00:01.000 --> 00:00:04.000") in this block`))
		}
		e := t + 1
		for e < len(lines) && !hasArrow(lines[e].text) {
			e++
		}
		// A timing line inside cue text means a blank line is missing: an
		// error, or when lenient a warning and the start of the next cue,
		// with the line before it as identifier if it reads as one.
		next := e
		if e < len(lines) && e-1 > t && isNumberedID(lines[e-1].text) {
			next = e - 1
		}
		if err := c.vttCue(id, lines[t], lines[t+1:next]); err != nil {
			return err
		}
		if e == len(lines) {
			return nil
		}
		l := lines[e]
		if err := c.s.fail(l.num, bytes.Index(l.text, arrow)+1, detailf(ErrSyntax, `"-->" in cue text; a blank line must end a cue`)); err != nil {
			return err
		}
		lines = lines[next:]
	}
	return nil
}

// isNumberedID reports whether a line is a cue identifier of the kind
// tools number cues with: a number (Zoom) or "GUID/12-1" (Teams).
func isNumberedID(line []byte) bool {
	if isCueNumber(line) {
		return true
	}
	guid, seq, ok := bytes.Cut(trimBytes(line), []byte("/"))
	return ok && isHexID(guid) && len(seq) > 0 && len(bytes.Trim(seq, "0123456789-")) == 0
}

// vttCue reads one cue: its identifier line (nil when absent), timing line
// and text lines.
func (c *cueReader) vttCue(id []byte, timing cueLine, text []cueLine) error {
	start, end, col, err := parseTiming(timing.text)
	if err != nil {
		return c.s.fail(timing.num, col, err)
	}
	idLabel := ""
	if id != nil {
		idLabel = c.labelFromID(id)
	}
	c.beginCue(start, end, idLabel)
	voices := false
	for _, l := range text {
		if c.hasVoiceStart(l.text) {
			voices = true
			break
		}
	}
	for _, l := range text {
		if voices {
			err = c.voiceLine(l.num, l.text)
		} else {
			err = c.labelLine(l.num, l.text)
		}
		if err != nil {
			return err
		}
	}
	return c.flush()
}

// Kinds of voice tag found by nextVoice.
const (
	noVoice = iota
	voiceStart
	voiceEnd
)

// nextVoice finds the next voice tag in raw from i: a <v Name> start tag
// with a non-empty name (left decoded in c.scratch) or a </v> end tag. It
// returns the tag's start and end (after '>') and its kind, or len(raw) and
// noVoice. Other tags are skipped whole, as appendClean reads them. lastGT
// is the index of raw's last '>'.
func (c *cueReader) nextVoice(raw []byte, i, lastGT int) (at, next, kind int) {
	for i < lastGT {
		k := bytes.IndexByte(raw[i:], '<')
		if k < 0 {
			break
		}
		k += i
		e := tagEnd(raw, k, true, lastGT)
		if e < 0 {
			i = k + 1
			continue
		}
		content := raw[k+1 : e]
		name, closing := tagName(content)
		if string(name) == "v" {
			if closing {
				return k, e + 1, voiceEnd
			}
			if sp := bytes.IndexAny(content, " \t"); sp >= 0 {
				inRT := c.inRT
				c.inRT = false
				c.scratch = c.appendClean(c.scratch[:0], content[sp+1:], false)
				c.inRT = inRT
				if len(c.scratch) > 0 {
					return k, e + 1, voiceStart
				}
			}
		}
		i = e + 1
	}
	return len(raw), len(raw), noVoice
}

// hasVoiceStart reports whether raw has a <v Name> tag.
func (c *cueReader) hasVoiceStart(raw []byte) bool {
	lastGT := bytes.LastIndexByte(raw, '>')
	for i := 0; i < len(raw); {
		_, next, kind := c.nextVoice(raw, i, lastGT)
		if kind == voiceStart {
			return true
		}
		i = next
	}
	return false
}

// voiceLine reads a cue text line of a cue with voice spans.
func (c *cueReader) voiceLine(num int, raw []byte) error {
	lastGT := bytes.LastIndexByte(raw, '>')
	for i := 0; ; {
		at, next, kind := c.nextVoice(raw, i, lastGT)
		var label string
		if kind == voiceStart {
			label = c.intern(c.scratch)
		}
		seg := raw[i:at]
		if c.open {
			c.text = c.appendClean(c.text, seg, true)
		} else if c.text = c.appendClean(c.text[:0], seg, false); len(c.text) > 0 {
			// Text outside any voice span.
			c.open, c.label, c.why, c.line, c.col = true, "", whyVTTOutside, num, i+firstCol(seg)
		}
		switch kind {
		case noVoice:
			return nil
		case voiceStart:
			if err := c.openTurn(label, "", num, at+1); err != nil {
				return err
			}
		case voiceEnd:
			if err := c.flush(); err != nil {
				return err
			}
		}
		i = next
	}
}
