package listenscore

import (
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

// lookup returns the number of word w, and false when the call does not
// say it.
func (c *callWords) lookup(w string) (int32, bool) {
	h := hashWord(w)
	mask := uint32(len(c.slots) - 1)
	for i := h & mask; c.slots[i].id != 0; i = (i + 1) & mask {
		if sl := c.slots[i]; sl.hash == h && c.words[sl.id-1] == w {
			return sl.id - 1, true
		}
	}
	return 0, false
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

// markContext gathers the other side's turns before turn i: those since
// its side last spoke (from index since on), and further back, past its
// own side's turns, while they hold fewer than minContextWords content
// words ("Yeah." does not end what is being reflected), at most
// maxContextTurns turns, looking back at most maxContextScan turns. It
// marks their stems with a new stamp.
func (d *detector) markContext(i, since int) talk {
	d.stamp++
	d.ctxStamp = d.stamp
	d.ctxWords = d.ctxWords[:0]
	var ctx talk
	side := d.sides[i]
	for j := i - 1; j >= 0 && j >= i-maxContextScan && ctx.turns < maxContextTurns; j-- {
		if d.sides[j] == side || j < since {
			if ctx.words >= minContextWords {
				break
			}
			if d.sides[j] == side {
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
	"won't": true, "can't": true, "shouldn't": true, "got": true, "gotta": true, "just": true}

// thingSubjects open a statement about a thing, not a person: "there's
// no fault", "it's sixty pounds", "the engineer will call", "our policy".
var thingSubjects = map[string]bool{"there": true, "there's": true, "it": true, "it's": true,
	"this": true, "that": true, "that's": true, "these": true, "those": true, "the": true,
	"a": true, "an": true, "our": true, "its": true}

// isNumber reports a word that is a number: "65", "3.5", "10:30", "six",
// "forty", "hundred", "double" (as in "double six").
func isNumber(w string) bool {
	if w != "" && w[0] >= '0' && w[0] <= '9' {
		return true
	}
	return numberWords[w]
}

// numberWords are the words numbers are spoken with.
var numberWords = map[string]bool{"zero": true, "one": true, "two": true, "three": true, "four": true,
	"five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true, "eleven": true,
	"twelve": true, "thirteen": true, "fourteen": true, "fifteen": true, "sixteen": true,
	"seventeen": true, "eighteen": true, "nineteen": true, "twenty": true, "thirty": true,
	"forty": true, "fifty": true, "sixty": true, "seventy": true, "eighty": true, "ninety": true,
	"hundred": true, "thousand": true, "million": true, "double": true, "triple": true}

// maxSharedWords caps the value of the shared-words cue: past it, more
// shared words are no more evidence of playing back.
const maxSharedWords = 6

// playbackCues sets the cues of playing back the context: a lead-in, the
// content words its statements share with the context, a statement about
// the listener, a summing-up "so", and what speaks against playing back
// (an instruction, a statement about the speaker). The statements are
// the sentences without interrogative form, those said as a question
// ("So the bill doubled?", "…, right?") and those opening with a
// lead-in ("Are you saying…?" is not one; "You're saying…?" is).
func (d *detector) playbackCues(i int, f *turnFeatures, ctx talk) {
	cv := &d.cv
	if ctx.turns == 0 {
		cv.setFlag(cueNoContext)
	}
	st := d.stems(i)
	d.stamp++ // a fresh stamp for d.counted; context marks stay older
	shared, content := 0, 0
	first, last := -1, -1
	second := false
	for si, s := range f.sents {
		start := d.leads[si]
		if start >= s.end || f.quoted != nil && f.quoted[start] {
			continue
		}
		body := start
		if s.has&startsBit(lexPlayback) != 0 {
			for c := start; c < s.end && c <= start+3; c++ {
				if e, _ := d.lex.match(f, c, s.end, lexPlayback); e >= 0 {
					cv.set(cuePlaybackLeadIn, c, e)
					body = e
					break
				}
			}
		}
		if start < s.end && d.lex.startsInstruction(f, start, s.end) {
			e, _ := d.lex.match(f, start, s.end, lexInstruction)
			cv.set(cueInstruction, start, e)
		}
		switch d.qs[si].form {
		case formNone, formDeclarative, formTag:
		default:
			if body == start {
				continue // a question by form plays nothing back
			}
		}
		for k := s.start; k < start; k++ {
			if f.words[k] == "so" {
				cv.set(cueSumsUp, k, k+1)
				break
			}
		}
		if body < s.end {
			instructs := body+1 < s.end && modalAfterYou[f.words[body+1]]
			switch w := f.words[body]; {
			case f.has(body, clsSecond) && !instructs:
				cv.set(cueYouStatement, body, min(body+2, s.end))
			case body == start && (f.has(body, clsFirst) || w == "we" || w == "we're" || w == "we'll" ||
				w == "we've" || w == "let" || w == "let's"):
				cv.set(cueSpeakerSubject, body, min(body+2, s.end))
			case thingSubjects[w] || isNumber(w):
				cv.set(cueThingSubject, body, min(body+2, s.end))
			}
		}
		for k := body; k < s.end; k++ {
			second = second || f.has(k, clsSecond)
			id := st[k]
			if id < 0 {
				continue
			}
			content++
			if !d.shared(id) {
				continue
			}
			if first < 0 {
				first = k
			}
			last = k
			stem := d.cw.stemOf(id)
			for int(stem) >= len(d.counted) {
				d.counted = append(d.counted, 0)
			}
			if d.counted[stem] != d.stamp {
				d.counted[stem] = d.stamp
				shared++
			}
		}
	}
	if shared > 0 {
		cv.val[cueSharedWords] = float64(min(shared, maxSharedWords))
		cv.n[cueSharedWords] = int32(shared)
		cv.from[cueSharedWords], cv.to[cueSharedWords] = int32(first), int32(last+1)
		cv.val[cueSharedShare] = float64(shared) / float64(content)
		if second && ctx.first {
			cv.setFlag(cuePersonShift)
		}
	}
}

// startsInstruction reports whether the clause at word start opens with
// an instruction: an imperative ("click", "go to", "try") or "you need
// to". A phrase that is also an acknowledgment or a discourse marker
// ("right", "okay") does not count, nor "please" before a question.
func (l *lexicons) startsInstruction(f *turnFeatures, start, end int) bool {
	e, p := l.match(f, start, end, lexInstruction)
	if e < 0 {
		return false
	}
	if p.text == "please" {
		// "Please hold", "please try": an instruction; "please, what's
		// your name?" is not.
		return e < end && f.info[e] != nil && f.info[e].startMask&bit(lexInstruction) != 0
	}
	return true
}
