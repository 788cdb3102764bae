package listenscore

// readSRT reads SubRip: numbered blocks of a cue number, a timing line
// "HH:MM:SS,mmm --> HH:MM:SS,mmm" ('.' accepted for ','; coordinates after
// the end time ignored) and text lines, separated by blank lines. The cue
// number may be missing; a line before the timing line that is not a
// number is ErrSyntax. When a blank line is missing, a number line followed
// by a timing line (or a timing line alone) inside cue text starts the next
// cue.
//
// SRT has no speaker field. A line starting with a "Name:" or "[Name]"
// label starts a turn with that speaker; a line without a label continues
// the cue's turn, and a cue whose first line has no label is ErrNoSpeaker.
// Bracketed sound captions ("[laughs]", "[inaudible]", "[music]", …) are
// text, not labels. A line starting with a dialogue dash ("- Name: text")
// starts a turn of its own with the cue's times, and needs its own label:
// a dash marks a change of speaker, so the previous label is never carried
// over (ErrNoSpeaker otherwise).
//
// Tags (<i>, <b>, <u>, <font …>) and {\…} override tags such as {\an8} are
// removed; character references are kept as written, since SRT does not
// define them.
func readSRT(s *source) error {
	c := newCueReader(s, false)
	bs := &blockScanner{ls: newLineScanner(s)}
	for bs.next() {
		if err := c.srtBlock(bs.lines); err != nil {
			return err
		}
	}
	return bs.ls.err
}

// srtBlock reads one block of an SRT file: one cue, or several when blank
// lines between them are missing.
func (c *cueReader) srtBlock(lines []cueLine) error {
	for len(lines) > 0 {
		t := 0
		switch {
		case hasArrow(lines[0].text):
		case len(lines) > 1 && hasArrow(lines[1].text):
			t = 1
		default:
			at := lines[0]
			if len(lines) > 1 && !looksLikeTiming(at.text) && looksLikeTiming(lines[1].text) {
				at = lines[1]
			}
			return c.s.fail(at.num, firstCol(at.text), detailf(ErrSyntax, `no cue timing line ("00:00:01,000 --> 00:00:04,000") in this block`))
		}
		e := t + 1
		for e < len(lines) && !startsSRTCue(lines[e:]) {
			e++
		}
		cue := lines[:e]
		lines = lines[e:]
		if t == 1 && !isCueNumber(cue[0].text) {
			l := cue[0]
			if err := c.s.fail(l.num, firstCol(l.text), detailf(ErrSyntax, "cue number %s is not a number", quoteStart(trimBytes(l.text)))); err != nil {
				return err
			}
			continue // lenient: skip the cue
		}
		start, end, col, err := parseTiming(cue[t].text)
		if err != nil {
			if err := c.s.fail(cue[t].num, col, err); err != nil {
				return err
			}
			continue
		}
		c.beginCue(start, end, "")
		for _, l := range cue[t+1:] {
			if err := c.labelLine(l.num, l.text); err != nil {
				return err
			}
		}
		if err := c.flush(); err != nil {
			return err
		}
	}
	return nil
}

// startsSRTCue reports whether lines open a cue: a timing line, or a cue
// number followed by one.
func startsSRTCue(lines []cueLine) bool {
	return startsTiming(lines[0].text) ||
		len(lines) > 1 && isCueNumber(lines[0].text) && startsTiming(lines[1].text)
}

// isCueNumber reports whether line is a number, spaces around allowed.
func isCueNumber(line []byte) bool {
	line = trimBytes(line)
	if len(line) == 0 {
		return false
	}
	for _, b := range line {
		if b < '0' || b > '9' {
			return false
		}
	}
	return true
}
