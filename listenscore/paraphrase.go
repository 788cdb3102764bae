package listenscore

import (
	"slices"
	"strconv"

	"github.com/kljensen/snowball/english"
)

// Paraphrase thresholds; see the package documentation.
const (
	// maxContextTurns caps how many of the other speaker's turns since this
	// speaker last spoke are compared.
	maxContextTurns = 6
	// maxContextScan caps how far back, in turns, the context is sought.
	maxContextScan = 20
	// minContextWords is how many content words of the other speaker's
	// talk are gathered before a turn, reaching back past short replies.
	minContextWords = 5
	// minRestated is how many shared content words make a statement a
	// restatement without any other cue.
	minRestated = 3
	// minRestatedShare is the share of the statement's content words that
	// must be shared for a restatement without any other cue.
	minRestatedShare = 0.5
	// maxQuoteWords is the longest played-back span quoted in a reason.
	maxQuoteWords = 8
)

// callWords numbers the distinct words of one Analyze call, so that
// comparing two words is comparing two integers, and keeps each word's
// lexicon entry, looked up once per distinct word. Each word also gets
// the number of its first three bytes, its prefix, and, only when needed,
// the number of its Porter2 stem: words that share a stem share their
// first three letters (but for a few irregular forms such as "dying" and
// "die"), so only words whose prefix the context holds are ever stemmed.
type callWords struct {
	index *wordIndex // the lexicons' words; nil gives every word a nil entry
	// slots is an open-addressing hash table of the words by hashWord.
	// Its length is a power of two, at least twice the number of words.
	slots            []wordSlot
	byPrefix, byStem map[string]int32
	prefix           []int32     // by word number
	stem             []int32     // by word number, -1 until computed
	words            []string    // by word number
	info             []*wordInfo // by word number: the lexicon entry, nil for an unlisted word
}

// wordSlot is a slot of callWords.slots.
type wordSlot struct {
	hash uint32 // hashWord of the word
	id   int32  // the word's number plus one; 0 in an empty slot
}

func newCallWords() callWords {
	return callWords{slots: make([]wordSlot, 1024), byPrefix: make(map[string]int32, 256),
		byStem: make(map[string]int32, 256)}
}

// id returns the number of word w.
func (c *callWords) id(w string) int32 {
	h := hashWord(w)
	mask := uint32(len(c.slots) - 1)
	i := h & mask
	for ; c.slots[i].id != 0; i = (i + 1) & mask {
		if sl := c.slots[i]; sl.hash == h && c.words[sl.id-1] == w {
			return sl.id - 1
		}
	}
	id := int32(len(c.words))
	c.slots[i] = wordSlot{hash: h, id: id + 1}
	c.words = append(c.words, w)
	var in *wordInfo
	if c.index != nil {
		in = c.index.getHashed(w, h)
	}
	c.info = append(c.info, in)
	c.stem = append(c.stem, -1)
	pre := w[:min(len(w), 3)]
	p, ok := c.byPrefix[pre]
	if !ok {
		p = int32(len(c.byPrefix))
		c.byPrefix[pre] = p
	}
	c.prefix = append(c.prefix, p)
	if 2*len(c.words) > len(c.slots) {
		c.grow()
	}
	return id
}

// grow doubles the hash table.
func (c *callWords) grow() {
	old := c.slots
	c.slots = make([]wordSlot, 2*len(old))
	mask := uint32(len(c.slots) - 1)
	for _, sl := range old {
		if sl.id == 0 {
			continue
		}
		i := sl.hash & mask
		for c.slots[i].id != 0 {
			i = (i + 1) & mask
		}
		c.slots[i] = sl
	}
}

// stemOf returns the number of the stem of word number id.
func (c *callWords) stemOf(id int32) int32 {
	if s := c.stem[id]; s >= 0 {
		return s
	}
	st := english.Stem(c.words[id], true)
	s, ok := c.byStem[st]
	if !ok {
		s = int32(len(c.byStem))
		c.byStem[st] = s
	}
	c.stem[id] = s
	return s
}

// stems returns the word numbers of turn i's words, negative for a word
// that is not a content word: see turnFeatures.ids.
func (d *detector) stems(i int) []int32 { return d.feats.turnIDs(i) }

// shared reports whether the context holds a word with the stem of word
// number id.
func (d *detector) shared(id int32) bool {
	p := d.cw.prefix[id]
	if int(p) >= len(d.inContext) || d.inContext[p] != d.ctxStamp {
		return false
	}
	st := d.cw.stemOf(id)
	for _, o := range d.ctxWords {
		if d.cw.prefix[o] == p && d.cw.stemOf(o) == st {
			return true
		}
	}
	return false
}

// talk is the other speakers' talk that a turn can play back. Its words
// are in detector.ctxWords and their prefixes marked in detector.inContext
// with detector.ctxStamp.
type talk struct {
	turns int  // how many turns it spans
	first bool // the other speaker used the first person: I, my, me
	words int  // content words
}

// markContext gathers the other speakers' turns before turn i: those since
// its speaker last spoke (from index since on), and further back, past
// the speaker's own turns, while they hold fewer than minContextWords
// content words ("Yeah." does not end what is being reflected), at most
// maxContextTurns turns, looking back at most maxContextScan turns. It
// marks their stems with a new stamp.
func (d *detector) markContext(t *Transcript, i, since int) talk {
	d.stamp++
	d.ctxStamp = d.stamp
	d.ctxWords = d.ctxWords[:0]
	var ctx talk
	speaker := t.Turns[i].Speaker
	for j := i - 1; j >= 0 && j >= i-maxContextScan && ctx.turns < maxContextTurns; j-- {
		if t.Turns[j].Speaker == speaker || j < since {
			if ctx.words >= minContextWords {
				break
			}
			if t.Turns[j].Speaker == speaker {
				continue
			}
		}
		ctx.turns++
		ctx.words += d.feats.turns[j].contentWords
		ctx.first = ctx.first || d.feats.turns[j].firstPerson
		for _, id := range d.stems(j) {
			if id < 0 {
				continue
			}
			p := d.cw.prefix[id]
			for int(p) >= len(d.inContext) {
				d.inContext = append(d.inContext, 0)
			}
			d.inContext[p] = d.stamp
			d.ctxWords = append(d.ctxWords, id)
		}
	}
	return ctx
}

// modalAfterYou are the words that make "you …" an instruction or a
// statement of fact rather than a reflection: "you need to restart".
var modalAfterYou = map[string]bool{"need": true, "needs": true, "have": true, "should": true,
	"can": true, "could": true, "will": true, "must": true, "may": true, "might": true,
	"won't": true, "can't": true, "shouldn't": true, "got": true, "gotta": true}

// paraphraseOf looks for a statement of turn i that plays back the
// context, and returns the reason, or "". isQuestion marks the sentences
// with interrogative structure; they are not statements.
func (d *detector) paraphraseOf(i int, ctx talk, isQuestion []bool) string {
	if ctx.turns == 0 || d.feats.turns[i].backchannel {
		return ""
	}
	f := d.turn(i)
	asks := slices.Contains(isQuestion, true)
	st := d.stems(i)
	for si, s := range f.sents {
		if isQuestion[si] {
			continue
		}
		start := d.lex.skipLead(f, s.start, s.end)
		if start >= s.end || f.quoted != nil && f.quoted[start] {
			continue
		}
		so := false
		for k := s.start; k < start; k++ {
			so = so || f.words[k] == "so"
		}
		lead, body := "", start
		for c := start; c < s.end && c <= start+3 && s.has&startsBit(lexPlayback) != 0; c++ {
			if e, p := d.lex.match(f, c, s.end, lexPlayback); e >= 0 {
				lead, body = p.text, e
				break
			}
		}
		// Shared content words after the lead-in, each counted once.
		d.stamp++ // a fresh stamp for d.counted; context marks stay older
		shared, content := 0, 0
		firstShared, lastShared := -1, -1
		second, feeling := false, ""
		for k := start; k < s.end; k++ {
			second = second || f.has(k, clsSecond)
			if feeling == "" && f.is(k, lexEmotion) {
				feeling = f.words[k]
			}
			id := st[k]
			if k < body || id < 0 {
				continue
			}
			content++
			if !d.shared(id) {
				continue
			}
			if firstShared < 0 {
				firstShared = k
			}
			lastShared = k
			stem := d.cw.stemOf(id)
			for int(stem) >= len(d.counted) {
				d.counted = append(d.counted, 0)
			}
			if d.counted[stem] != d.stamp {
				d.counted[stem] = d.stamp
				shared++
			}
		}
		instructs := f.has(start, clsSecond) && start+1 < s.end && modalAfterYou[f.words[start+1]]
		youSubject := f.has(start, clsSecond) && !instructs
		// why is built in place; restates marks the plain "restates".
		var whyBuf [96]byte
		why, restates := whyBuf[:0], false
		switch {
		case lead != "" && (shared > 0 || second || feeling != ""):
			why = appendQuoted(append(why, "lead-in "...), lead)
		case shared >= minRestated && float64(shared) >= minRestatedShare*float64(content):
			restates = true
		case youSubject && shared > 0 && ctx.first:
			why = append(why, "statement about the listener"...)
		case asks || instructs || d.aboutSpeaker(f, s, start):
			continue // sets up a question, instructs, or speaks of the speaker
		case youSubject:
			why = append(why, "statement about the listener"...)
		case so:
			why = append(why, `sums up ("so …")`...)
		case feeling != "":
			why = append(appendQuoted(append(why, "names a feeling ("...), feeling), ')')
		case shared > 0:
			restates = true
		default:
			continue
		}
		return playbackReason(&d.strs, f, why, restates, shared, second && ctx.first, firstShared, lastShared)
	}
	return ""
}

// aboutSpeaker reports whether sentence s, whose first word after fillers
// and discourse markers is start, speaks of the speaker: its subject is I
// or we ("I'll check", "let me see"), or it holds an action commitment.
func (d *detector) aboutSpeaker(f *turnFeatures, s span, start int) bool {
	switch w := f.words[start]; {
	case f.has(start, clsFirst), w == "we", w == "we're", w == "we'll", w == "let", w == "let's":
		return true
	}
	if s.has&startsBit(lexActionCommitment) == 0 {
		return false
	}
	_, e, _ := d.lex.find(f, s.start, s.end, lexActionCommitment)
	return e >= 0
}

// playbackReason renders `plays back "payment went through twice" (4
// shared content words; you→I shift)`, after "why; " unless restates is
// set. The string is cut from strs.
func playbackReason(strs *strArena, f *turnFeatures, why []byte, restates bool, shared int, shift bool, first, last int) string {
	var buf [160]byte
	b := buf[:0]
	if !restates {
		b = append(b, why...)
		b = append(b, "; "...)
	}
	if shared == 0 {
		b = append(b, "no shared content words"...)
		return strs.str(b)
	}
	b = append(b, "plays back "...)
	if last-first+1 <= maxQuoteWords {
		b = appendQuoted(b, f.words[first:last+1]...)
	} else {
		b = appendQuoted(b, f.words[first])
		b = append(b, " … "...)
		b = appendQuoted(b, f.words[last])
	}
	b = append(b, " ("...)
	b = strconv.AppendInt(b, int64(shared), 10)
	b = append(b, " shared content "...)
	if shared == 1 {
		b = append(b, "word"...)
	} else {
		b = append(b, "words"...)
	}
	if shift {
		b = append(b, "; you→I shift"...)
	}
	b = append(b, ')')
	return strs.str(b)
}
