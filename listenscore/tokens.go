package listenscore

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// brk is the punctuation that follows a word, before the next word: the
// strongest break found there.
type brk uint8

// Breaks, from the weakest to the strongest. A sentence ends at a word whose
// break is brkRestart or stronger.
const (
	brkSpace    brk = iota // white space only
	brkComma               // "," or ":"
	brkDash                // a dash glued to the word: a false start, "I- I think"
	brkRestart             // "--", "—", "…", "...", a spaced dash: the speaker breaks off
	brkStop                // ".", "!", ";"
	brkQuestion            // "?"
)

// tokens is one text split into lower-case words with the break after each.
type tokens struct {
	words []string // lower-case, apostrophes as "'", stutters ("if-if") folded
	brks  []brk    // parallel to words
	// quoted is parallel to words and marks words inside quotation marks
	// (reported speech); nil when there are none.
	quoted []bool
	// cutOff reports that the text ends visibly cut off: "-", "--", "—",
	// "…" or "...".
	cutOff bool
	// continued reports that the text starts with a dash or an ellipsis:
	// it continues an utterance cut off before.
	continued bool
}

// tokenize splits text into words in one pass. Letters are lower-cased,
// typographic apostrophes become "'", bracketed notes ("[inaudible]",
// "(laughs)") are skipped, hyphenated words stay whole ("mm-hmm",
// "follow-up") unless they are a stutter ("that's-that's", "w-what"), which
// is folded to its last part. Numbers keep inner ".", "," and ":" ("3.5",
// "1,000", "10:30"). All words share one backing string.
func tokenize(text string) tokens {
	n := len(text)/5 + 1
	tz := tokenizer{
		buf:   make([]byte, 0, len(text)),
		words: make([]string, 0, n),
		brks:  make([]brk, 0, n),
	}
	return tz.tokens(text)
}

// tokens tokenizes text as tokenize does, appending to tz's buffers, which
// may already hold the words of earlier texts: one Analyze call tokenizes
// all its turns into the same buffers. The returned slices are views of
// the buffers, capped at their length.
func (tz *tokenizer) tokens(text string) tokens {
	tz.first = len(tz.words)
	tz.quoted = nil
	tz.pending = brkSpace
	tz.inWord = false
	tz.prev = 0
	tz.quoteEnd = -1
	tz.run(text)
	words, brks := tz.words[tz.first:], tz.brks[tz.first:]
	return tokens{words: words[:len(words):len(words)], brks: brks[:len(brks):len(brks)],
		quoted: tz.quoted, cutOff: endsCutOff(text), continued: startsContinued(text)}
}

// tokenizer is the state of tokenize calls.
type tokenizer struct {
	buf       []byte   // the words, lower-cased, back to back
	words     []string // views of finished words in buf
	brks      []brk    // the break after each word
	first     int      // index in words of the current text's first word
	quoted    []bool   // the current text's; nil until a quotation is seen
	pending   brk      // strongest break since the last word
	inWord    bool
	dashed    bool // the current word holds a "-"
	wordStart int  // start of the current word in buf
	prev      rune // last rune of the current word
	quoteEnd  int  // offset of the closing quotation mark while inside one, else -1
}

func (tz *tokenizer) run(text string) {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				// A run of lower-case letters and digits is copied at
				// once: most of a transcript's bytes.
				j := i + 1
				for j < len(text) && ('a' <= text[j] && text[j] <= 'z' || '0' <= text[j] && text[j] <= '9') {
					j++
				}
				if !tz.inWord {
					tz.startWord()
				}
				tz.buf = append(tz.buf, text[i:j]...)
				tz.prev = rune(text[j-1])
				i = j
				continue
			case 'A' <= c && c <= 'Z':
				tz.letter(c + 'a' - 'A')
				i++
				continue
			case c == ' ':
				tz.endWord()
				i++
				continue
			}
		}
		i += tz.other(text, i)
	}
	tz.endWord()
	tz.flushBreak()
}

// letter appends an ASCII letter or digit.
func (tz *tokenizer) letter(c byte) {
	if !tz.inWord {
		tz.startWord()
	}
	tz.buf = append(tz.buf, c)
	tz.prev = rune(c)
}

func (tz *tokenizer) startWord() {
	tz.flushBreak()
	tz.pending = brkSpace
	tz.inWord = true
	tz.dashed = false
	tz.wordStart = len(tz.buf)
}

// flushBreak gives the last word the strongest break seen after it.
func (tz *tokenizer) flushBreak() {
	if n := len(tz.brks); n > tz.first && tz.pending > tz.brks[n-1] {
		tz.brks[n-1] = tz.pending
	}
}

func (tz *tokenizer) raise(b brk) {
	tz.endWord()
	if b > tz.pending {
		tz.pending = b
	}
}

func (tz *tokenizer) endWord() {
	if !tz.inWord {
		return
	}
	tz.inWord = false
	// A trailing apostrophe ("goin'", "students'") is not part of it.
	for len(tz.buf) > tz.wordStart && tz.buf[len(tz.buf)-1] == '\'' {
		tz.buf = tz.buf[:len(tz.buf)-1]
	}
	if len(tz.buf) == tz.wordStart {
		return
	}
	if tz.dashed {
		tz.buf = foldStutter(tz.buf, tz.wordStart)
	}
	if n := len(tz.buf) - tz.wordStart; n >= 2 && n <= 8 {
		if full := tz.bareContraction(tz.buf[tz.wordStart:]); full != "" {
			tz.buf = append(tz.buf[:tz.wordStart], full...)
		}
	}
	// The word is a view of buf, not a copy: bytes before len(buf) are
	// never written again, and a buf that grows leaves them in place.
	word := tz.buf[tz.wordStart:]
	tz.words = append(tz.words, unsafe.String(&word[0], len(word)))
	tz.brks = append(tz.brks, brkSpace)
	if tz.quoteEnd >= 0 && tz.quoted == nil {
		k := len(tz.words) - tz.first - 1
		tz.quoted = make([]bool, k, 2*k+8)
	}
	if tz.quoted != nil {
		tz.quoted = append(tz.quoted, tz.quoteEnd >= 0)
	}
}

// bareContraction returns the contraction that w spells without its
// apostrophe, as speech-to-text output without punctuation does ("im",
// "dont", "youll"), or "". Only spellings that are not also words are
// restored, and "ill" only where it cannot be the adjective ("I'll send
// it", not "she was ill").
func (tz *tokenizer) bareContraction(w []byte) string {
	switch string(w) {
	case "im":
		return "i'm"
	case "ive":
		return "i've"
	case "ill":
		if n := len(tz.words); n > tz.first {
			switch tz.words[n-1] {
			case "is", "was", "be", "been", "being", "are", "were", "am", "feel", "feeling", "felt",
				"feels", "fell", "very", "too", "really", "quite", "seriously", "critically",
				"terminally", "mentally", "gravely", "an", "of", "get", "got", "gets", "getting", "look", "looks":
				return ""
			}
		}
		return "i'll"
	case "youre":
		return "you're"
	case "youve":
		return "you've"
	case "youll":
		return "you'll"
	case "theyre":
		return "they're"
	case "theyve":
		return "they've"
	case "theyll":
		return "they'll"
	case "weve":
		return "we've"
	case "dont":
		return "don't"
	case "doesnt":
		return "doesn't"
	case "didnt":
		return "didn't"
	case "cant":
		return "can't"
	case "wont":
		return "won't"
	case "isnt":
		return "isn't"
	case "arent":
		return "aren't"
	case "wasnt":
		return "wasn't"
	case "werent":
		return "weren't"
	case "wouldnt":
		return "wouldn't"
	case "couldnt":
		return "couldn't"
	case "shouldnt":
		return "shouldn't"
	case "havent":
		return "haven't"
	case "hasnt":
		return "hasn't"
	case "hadnt":
		return "hadn't"
	case "aint":
		return "ain't"
	case "thats":
		return "that's"
	case "whats":
		return "what's"
	case "theres":
		return "there's"
	case "heres":
		return "here's"
	case "itll":
		return "it'll"
	case "thatll":
		return "that'll"
	case "whos":
		return "who's"
	case "wheres":
		return "where's"
	case "hows":
		return "how's"
	}
	return ""
}

// other handles any byte but an ASCII letter, digit or space at text[i],
// and returns how many bytes it consumed.
func (tz *tokenizer) other(text string, i int) int {
	r, size := rune(text[i]), 1
	if r >= utf8.RuneSelf {
		r, size = utf8.DecodeRuneInString(text[i:])
	}
	switch {
	case r == '\'' || r == '\u2019' || r == '\u2018' || r == '\u02bc':
		// Inside a word ("don't") it is kept; elsewhere it is a quote.
		if tz.inWord && i+size < len(text) && isWordStart(text[i+size:]) {
			tz.buf = append(tz.buf, '\'')
			tz.prev = '\''
		} else {
			tz.endWord()
		}
	case r == '-':
		switch {
		case tz.inWord && i+1 < len(text) && isWordStart(text[i+1:]):
			tz.buf = append(tz.buf, '-')
			tz.prev = '-'
			tz.dashed = true
		case i+1 < len(text) && text[i+1] == '-':
			tz.raise(brkRestart)
			for i+size < len(text) && text[i+size] == '-' {
				size++
			}
		case tz.inWord:
			tz.raise(brkDash)
		default:
			tz.raise(brkRestart)
		}
	case r == '.' || r == ',' || r == ':':
		if tz.inWord && isDigit(tz.prev) && i+1 < len(text) && isDigit(rune(text[i+1])) {
			tz.buf = append(tz.buf, byte(r))
			tz.prev = r
			break
		}
		switch {
		case r == '.' && strings.HasPrefix(text[i:], "..."):
			tz.raise(brkRestart)
			size = 3
		case r == '.':
			tz.raise(brkStop)
		default:
			tz.raise(brkComma)
		}
	case r == '!' || r == ';':
		tz.raise(brkStop)
	case r == '?':
		tz.raise(brkQuestion)
	case r == '\u2014' || r == '\u2013' || r == '\u2026':
		tz.raise(brkRestart)
	case r == '"' || r == '\u201c' || r == '\u201d':
		tz.endWord()
		switch {
		case i == tz.quoteEnd:
			tz.quoteEnd = -1
		case tz.quoteEnd < 0 && r != '\u201d':
			closer := "\""
			if r == '\u201c' {
				closer = "\u201d"
			}
			if j := strings.Index(text[i+size:], closer); j >= 0 {
				tz.quoteEnd = i + size + j
			}
		}
	case r == '[' || r == '(':
		tz.endWord()
		closer := "]"
		if r == '(' {
			closer = ")"
		}
		if j := strings.Index(text[i+1:], closer); j >= 0 {
			size = j + 2 // a note: skipped, no break
		}
	case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
		if !tz.inWord {
			tz.startWord()
		}
		lr := unicode.ToLower(r)
		tz.buf = utf8.AppendRune(tz.buf, lr)
		tz.prev = lr
	default:
		tz.endWord()
	}
	return size
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isWordStart reports whether s begins with a letter or digit.
func isWordStart(s string) bool {
	c := s[0]
	if c < utf8.RuneSelf {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// foldStutter folds a hyphenated stutter in buf[start:] to its last part:
// when every part before the last is a prefix of it ("if-if", "I-I-I",
// "w-what"), only the last part stays. "mm-hmm" and "follow-up" are kept.
func foldStutter(buf []byte, start int) []byte {
	w := buf[start:]
	last := -1
	for k := len(w) - 1; k >= 0; k-- {
		if w[k] == '-' {
			last = k
			break
		}
	}
	if last < 0 {
		return buf
	}
	tail := w[last+1:]
	for part := range strings.SplitSeq(string(w[:last]), "-") {
		if part == "" || !strings.HasPrefix(string(tail), part) {
			return buf
		}
	}
	n := copy(w, tail)
	return buf[:start+n]
}

// endsCutOff reports whether text ends with a dash or an ellipsis.
func endsCutOff(text string) bool {
	t := strings.TrimRightFunc(text, unicode.IsSpace)
	return strings.HasSuffix(t, "-") || strings.HasSuffix(t, "\u2014") ||
		strings.HasSuffix(t, "\u2013") || strings.HasSuffix(t, "\u2026") ||
		strings.HasSuffix(t, "...")
}

// turnSummary is what the metrics read of one turn's text, and where its
// words and sentences are in its callFeatures.
type turnSummary struct {
	wordCount    int  // spoken words, fillers included
	contentWords int  // words that are neither fillers nor function words
	backchannel  bool // a short listener response: "mm-hmm", "I see", "got it"
	cutOff       bool // ends visibly cut off: "-", "--", "—", "…"

	continued   bool // starts with a dash or an ellipsis: continues a cut-off utterance
	firstPerson bool // says "I", "me", "my"
	// nameCue reports that the words hold "name is", "this is" or
	// "speaking": the turn may state the customer's name.
	nameCue bool

	hasQuoted  bool  // callFeatures.quoted holds the turn's quoted marks
	word, sent int32 // the turn's first word and first sentence in callFeatures
	sentences  int32 // how many sentences
}

// turnFeatures is the analysed form of one turn's text, as the detectors
// read it: cut from the call's callFeatures, computed once per call.
type turnFeatures struct {
	turnSummary
	words  []string    // lower-case word tokens, in order
	brks   []brk       // parallel to words: the punctuation after each
	quoted []bool      // parallel to words when not nil: inside quotation marks
	info   []*wordInfo // parallel to words: lexicon entry, nil for an unlisted word
	sents  []span      // sentences: runs of words ending in brkRestart or stronger
	// ids is parallel to words: a content word's number in the call's
	// callWords, and for a filler or a stopword the number's complement
	// (^number), which is negative.
	ids []int32
}

// span is a half-open range of word indexes.
type span struct {
	start, end int
	// has is the union of its words' grammar classes (bits 0–15) and
	// the lexicons with phrases starting at one of them (startsBit, bits
	// 16–47): a sentence without a wh-word or an auxiliary, for example,
	// is skipped by the question detector at once.
	has uint64
}

// classBit and startsBit are bits of span.has.
func classBit(c wordClass) uint64 { return uint64(c) }
func startsBit(id lexID) uint64   { return 1 << (16 + id) }

// content reports whether word i is a content word: neither a filler nor a
// stopword.
func (f *turnFeatures) content(i int) bool {
	in := f.info[i]
	return in == nil || in.member&(bit(lexStopwords)|bit(lexFiller)) == 0
}

// features tokenizes text once and derives everything the detectors and
// metrics read from it.
func (l *lexicons) features(text string, cfg Config) turnFeatures {
	c := l.allFeatures([]Turn{{Text: text}}, cfg.withDefaults())
	return c.turn(0, new(turnScratch))
}

// callFeatures holds the features of every turn of a call, in call-wide
// arrays without pointers: the words as offsets into the lower-cased text
// of all turns, their breaks and numbers, the sentences, and a summary of
// each turn that says where its words are. A call's words are thus neither
// kept as strings nor scanned by the garbage collector; turn cuts one
// turn's features when a detector needs them.
type callFeatures struct {
	turns []turnSummary // by turn
	// text holds the lower-cased words of every turn back to back: word k
	// of the call is text[off[k]:off[k+1]].
	text   string
	off    []uint32
	brks   []brk
	ids    []int32 // see turnFeatures.ids
	sents  []span
	quoted map[int][]bool // by turn, for the turns with quotation marks
	cw     *callWords     // numbers the words of ids
}

// turnScratch holds the slices that callFeatures.turn writes a turn's
// words and entries to, reused from turn to turn.
type turnScratch struct {
	words []string
	info  []*wordInfo
}

// turn returns the features of turn i. Their words and info are written
// to sc, and are valid until its next use.
func (c *callFeatures) turn(i int, sc *turnScratch) turnFeatures {
	s := &c.turns[i]
	w0, w1 := int(s.word), int(s.word)+s.wordCount
	s0, s1 := int(s.sent), int(s.sent)+int(s.sentences)
	n := w1 - w0
	if cap(sc.words) < n || cap(sc.info) < n {
		sc.words, sc.info = make([]string, 2*n), make([]*wordInfo, 2*n)
	}
	words, info := sc.words[:n:n], sc.info[:n:n]
	text, off, entries := c.text, c.off[w0:w1+1], c.cw.info
	for k, id := range c.ids[w0:w1] {
		words[k] = text[off[k]:off[k+1]]
		info[k] = entries[max(id, ^id)] // a negative id is ^number
	}
	f := turnFeatures{turnSummary: *s, words: words, info: info,
		brks: c.brks[w0:w1:w1], ids: c.ids[w0:w1:w1], sents: c.sents[s0:s1:s1]}
	if s.hasQuoted {
		f.quoted = c.quoted[i]
	}
	return f
}

// turnStarts returns the union of the startMask of turn i's words: the
// lexicons with a phrase that may start in the turn.
func (c *callFeatures) turnStarts(i int) uint32 {
	s := &c.turns[i]
	var has uint64
	for _, sp := range c.sents[s.sent : s.sent+s.sentences] {
		has |= sp.has
	}
	return uint32(has >> 16)
}

// turnIDs returns the ids of turn i's words: see turnFeatures.ids.
func (c *callFeatures) turnIDs(i int) []int32 {
	s := &c.turns[i]
	return c.ids[s.word : int(s.word)+s.wordCount]
}

// allFeatures computes the features of every turn, and numbers their
// words. cfg has its defaults applied.
func (l *lexicons) allFeatures(turns []Turn, cfg Config) *callFeatures {
	size := 0
	for i := range turns {
		size += len(turns[i].Text)
	}
	n := size/5 + len(turns)
	ar := featureArena{
		tz:    tokenizer{buf: make([]byte, 0, size)},
		off:   make([]uint32, 0, n+1),
		brks:  make([]brk, 0, n),
		ids:   make([]int32, 0, n),
		sents: make([]span, 0, len(turns)+n/16),
		cw:    new(callWords),
	}
	*ar.cw = newCallWords()
	ar.cw.index = &l.index
	c := &callFeatures{turns: make([]turnSummary, len(turns)), cw: ar.cw}
	for i := range turns {
		f := l.featuresIn(&ar, turns[i].Text, cfg.MaxBackchannelWords)
		c.turns[i] = f.turnSummary
		if f.quoted != nil {
			if c.quoted == nil {
				c.quoted = make(map[int][]bool)
			}
			c.quoted[i] = f.quoted
		}
	}
	buf := ar.tz.buf
	// buf is complete: nothing writes to it any more.
	c.text = unsafe.String(unsafe.SliceData(buf), len(buf))
	c.off = append(ar.off, uint32(len(buf)))
	c.brks, c.ids, c.sents = ar.brks, ar.ids, ar.sents
	return c
}

// featureArena holds the state of an allFeatures call: the tokenizer,
// whose words and breaks hold one turn's at a time but whose buffer holds
// every turn's words back to back, and the call-wide arrays that
// featuresIn appends to.
type featureArena struct {
	tz    tokenizer
	info  []*wordInfo // the current turn's
	off   []uint32
	brks  []brk
	ids   []int32
	sents []span
	cw    *callWords // numbers the words
}

// featuresIn computes the features of text, appending them to ar, and
// returns its summary, quoted marks and slices. The returned words and
// info (set only for a turn short enough to be a backchannel) are valid
// until the next call, the other slices for good.
//
// The tokenizer appends a word's bytes to its buffer only between the
// word's start and its end, and drops those of a word it discards, so the
// turn's words follow one another in the buffer from where it stood before
// the turn: each starts where the one before ends.
func (l *lexicons) featuresIn(ar *featureArena, text string, maxBackchannelWords int) turnFeatures {
	ar.tz.words, ar.tz.brks = ar.tz.words[:0], ar.tz.brks[:0]
	pos := len(ar.tz.buf)
	tk := ar.tz.tokens(text)
	f := turnFeatures{
		turnSummary: turnSummary{wordCount: len(tk.words), cutOff: tk.cutOff, continued: tk.continued,
			hasQuoted: tk.quoted != nil, word: int32(len(ar.ids)), sent: int32(len(ar.sents))},
		words:  tk.words,
		quoted: tk.quoted,
	}
	first, firstSent := len(ar.ids), len(ar.sents)
	ar.brks = append(ar.brks, tk.brks...)
	f.brks = ar.brks[first:len(ar.brks):len(ar.brks)]
	start, has := 0, uint64(0)
	for i, w := range f.words {
		ar.off = append(ar.off, uint32(pos))
		pos += len(w)
		id := ar.cw.id(w)
		in := ar.cw.info[id]
		if in == nil || in.member&(bit(lexStopwords)|bit(lexFiller)) == 0 {
			f.contentWords++
		} else {
			id = ^id // not a content word
			if in.class&clsFirst != 0 {
				f.firstPerson = true
			}
		}
		ar.ids = append(ar.ids, id)
		if in != nil {
			has |= uint64(in.class) | uint64(in.startMask)<<16
		}
		if f.brks[i] >= brkRestart || i == len(f.words)-1 {
			ar.sents = append(ar.sents, span{start: start, end: i + 1, has: has})
			start, has = i+1, 0
		}
	}
	f.ids = ar.ids[first:len(ar.ids):len(ar.ids)]
	f.sents = ar.sents[firstSent:len(ar.sents):len(ar.sents)]
	f.sentences = int32(len(f.sents))
	// Only a turn short enough to be a backchannel needs its entries here.
	if f.wordCount > 0 && f.wordCount <= maxBackchannelWords {
		ar.info = ar.info[:0]
		for _, id := range f.ids {
			ar.info = append(ar.info, ar.cw.info[max(id, ^id)])
		}
		f.info = ar.info
		f.backchannel = l.isBackchannel(&f, maxBackchannelWords)
	}
	f.nameCue = hasNameCue(f.words)
	return f
}

// isBackchannel reports whether the whole turn is a short listener
// response: at most maxWords words, every one of them part of a
// backchannel or filler phrase ("mm-hmm", "yeah, I see", "okay got it").
func (l *lexicons) isBackchannel(f *turnFeatures, maxWords int) bool {
	if f.wordCount == 0 || f.wordCount > maxWords {
		return false
	}
	for i := 0; i < len(f.words); {
		end, _ := l.match(f, i, len(f.words), lexBackchannel)
		if end < 0 {
			end, _ = l.match(f, i, len(f.words), lexFiller)
		}
		if end < 0 {
			return false
		}
		i = end
	}
	return true
}

// startsContinued reports whether text starts with a dash or an ellipsis.
func startsContinued(text string) bool {
	t := strings.TrimLeftFunc(text, unicode.IsSpace)
	return strings.HasPrefix(t, "-") || strings.HasPrefix(t, "\u2014") ||
		strings.HasPrefix(t, "\u2013") || strings.HasPrefix(t, "\u2026") ||
		strings.HasPrefix(t, "...")
}
