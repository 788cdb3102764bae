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
				tz.letter(c)
				i++
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

// turnFeatures is the analysed form of one turn's text, computed once per
// turn and shared by the detectors and the metrics.
type turnFeatures struct {
	words        []string // lower-case word tokens, in order
	wordCount    int      // spoken words, fillers included
	contentWords int      // words that are neither fillers nor function words
	backchannel  bool     // a short listener response: "mm-hmm", "I see", "got it"
	cutOff       bool     // ends visibly cut off: "-", "--", "—", "…"

	continued   bool // starts with a dash or an ellipsis: continues a cut-off utterance
	firstPerson bool // says "I", "me", "my"

	brks   []brk       // parallel to words: the punctuation after each
	quoted []bool      // parallel to words when not nil: inside quotation marks
	info   []*wordInfo // parallel to words: lexicon entry, nil for an unlisted word
	sents  []span      // sentences: runs of words ending in brkRestart or stronger
}

// span is a half-open range of word indexes.
type span struct {
	start, end int
	// has is the union of its words' grammar classes (bits 0–15), the
	// lexicons with phrases starting at one of them (startsBit) and the
	// one-word lexicons they belong to (memberBit): a sentence without a
	// wh-word or an auxiliary, for example, is skipped by the question
	// detector at once.
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
	var ar featureArena
	return l.featuresIn(&ar, text, cfg.withDefaults().MaxBackchannelWords)
}

// allFeatures computes the features of every turn. The turns' slices share
// a few backing arrays, allocated once for the call. cfg has its defaults
// applied.
func (l *lexicons) allFeatures(turns []Turn, cfg Config) []turnFeatures {
	size := 0
	for i := range turns {
		size += len(turns[i].Text)
	}
	n := size/5 + len(turns)
	ar := featureArena{
		tz: tokenizer{
			buf:   make([]byte, 0, size),
			words: make([]string, 0, n),
			brks:  make([]brk, 0, n),
		},
		info:  make([]*wordInfo, 0, n),
		sents: make([]span, 0, len(turns)+n/8),
	}
	feats := make([]turnFeatures, len(turns))
	for i := range turns {
		feats[i] = l.featuresIn(&ar, turns[i].Text, cfg.MaxBackchannelWords)
	}
	return feats
}

// featureArena holds the backing arrays that the per-turn slices of
// turnFeatures are cut from. A turn's slices are capped at their length, so
// the turns never write into one another's.
type featureArena struct {
	tz    tokenizer
	info  []*wordInfo
	sents []span
}

// featuresIn computes the features of text, cutting its slices from ar.
func (l *lexicons) featuresIn(ar *featureArena, text string, maxBackchannelWords int) turnFeatures {
	tk := ar.tz.tokens(text)
	f := turnFeatures{
		words:     tk.words,
		wordCount: len(tk.words),
		cutOff:    tk.cutOff,
		continued: tk.continued,
		brks:      tk.brks,
		quoted:    tk.quoted,
	}
	first := len(ar.info)
	for _, w := range f.words {
		ar.info = append(ar.info, l.index.get(w))
	}
	f.info = ar.info[first:len(ar.info):len(ar.info)]
	firstSent := len(ar.sents)
	start, has := 0, uint64(0)
	for i := range f.words {
		in := f.info[i]
		if in == nil || in.member&(bit(lexStopwords)|bit(lexFiller)) == 0 {
			f.contentWords++
		} else if in.class&clsFirst != 0 {
			f.firstPerson = true
		}
		if in != nil {
			has |= uint64(in.class) | uint64(in.startMask)<<16 | uint64(in.member)<<32
		}
		if f.brks[i] >= brkRestart || i == len(f.words)-1 {
			ar.sents = append(ar.sents, span{start: start, end: i + 1, has: has})
			start, has = i+1, 0
		}
	}
	f.sents = ar.sents[firstSent:len(ar.sents):len(ar.sents)]
	f.backchannel = l.isBackchannel(&f, maxBackchannelWords)
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
