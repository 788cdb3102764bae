package listenscore

import (
	"math/bits"
	"strconv"
	"unsafe"
)

// detector holds the state of one tagLanguage call: the turns' features,
// their content words' numbers, and scratch space reused from turn to turn.
type detector struct {
	lex   *lexicons
	feats *callFeatures
	cw    *callWords
	// cur holds the features of turn curTurn, cut once for its detectors,
	// its words and info in scratch.
	cur     turnFeatures
	curTurn int
	scratch turnScratch

	// The context's words, and stamps that mark without clearing:
	// inContext[prefix] == ctxStamp when the context holds a word with
	// that prefix; counted[stem] == stamp when the current sentence's
	// stem has been counted.
	ctxWords           []int32
	inContext, counted []int32
	stamp, ctxStamp    int32

	qs   []question
	isQ  []bool
	tags []Tag    // backing array of the turns' TurnTags.Tags
	strs strArena // the reasons' bytes
}

// tagLanguage sets every tag except interruption on every turn, each
// relative to the other speakers' talk before it.
func tagLanguage(a *Analysis, feats *callFeatures, lex *lexicons, _ Config) {
	cw := feats.cw
	d := &detector{
		lex:     lex,
		feats:   feats,
		cw:      cw,
		tags:    make([]Tag, 0, len(feats.turns)),
		curTurn: -1,
		// Every prefix and stem is numbered below the number of words.
		inContext: make([]int32, len(cw.words)),
		counted:   make([]int32, len(cw.words)),
	}
	t := a.Transcript
	var last lastTurns
	for i, tu := range t.Turns {
		since := 0
		if j, ok := last.swap(tu.Speaker, i); ok {
			since = j + 1
		}
		d.tagTurn(&a.Turns[i], i, since < i, d.markContext(t, i, since))
	}
}

// lastTurns remembers each speaker's last turn: in a short list for the
// few speakers of most calls, in a map past maxFewSpeakers.
type lastTurns struct {
	few  []speakerTurn
	many map[string]int
}

type speakerTurn struct {
	speaker string
	turn    int
}

const maxFewSpeakers = 8

// swap records turn i as speaker's last, and returns the one before it.
func (l *lastTurns) swap(speaker string, i int) (int, bool) {
	if l.many != nil {
		j, ok := l.many[speaker]
		l.many[speaker] = i
		return j, ok
	}
	for k := range l.few {
		if l.few[k].speaker == speaker {
			j := l.few[k].turn
			l.few[k].turn = i
			return j, true
		}
	}
	if len(l.few) < maxFewSpeakers {
		l.few = append(l.few, speakerTurn{speaker, i})
		return 0, false
	}
	l.many = make(map[string]int, 2*maxFewSpeakers)
	for _, st := range l.few {
		l.many[st.speaker] = st.turn
	}
	l.many[speaker] = i
	return 0, false
}

// tagTurn sets the language tags of turn i. replied reports that another
// speaker spoke since this speaker last did.
func (d *detector) tagTurn(tt *TurnTags, i int, replied bool, ctx talk) {
	f := d.turn(i)
	if len(f.words) == 0 {
		return
	}
	var ts tagSet
	d.qs, d.isQ = d.qs[:0], d.isQ[:0]
	for _, s := range f.sents {
		q := d.lex.sentenceQuestion(f, s)
		d.qs = append(d.qs, q)
		d.isQ = append(d.isQ, q.kind != qNone && !q.declarative)
	}
	if para := d.paraphraseOf(i, ctx, d.isQ); para != "" {
		ts.set(TagParaphrase, para)
	}
	// Humans label an utterance with the question type it asks; when a
	// turn asks both, the open question is what it invites the listener
	// to answer ("What happened? Did it fail?").
	var open, closed *question
	for k := range d.qs {
		q := &d.qs[k]
		switch {
		case q.kind == qOpen && open == nil:
			open = q
		case q.kind == qClosed && closed == nil:
			closed = q
		}
	}
	switch {
	case open != nil:
		// "question: …" is the tail of "open question: …": one string.
		r := "open question: " + open.cue
		ts.set(TagQuestion, r[len("open "):])
		ts.set(TagOpenQuestion, r)
	case closed != nil:
		r := "closed question: " + closed.cue
		ts.set(TagQuestion, r[len("closed "):])
		ts.set(TagClosedQuestion, r)
	}
	if replied {
		if r := d.acknowledgment(f); r != "" {
			ts.set(TagAcknowledgment, r)
		}
	}
	d.phraseTags(&ts, f)
	ts.store(tt, &d.tags)
}

// turn returns the features of turn i.
func (d *detector) turn(i int) *turnFeatures {
	if d.curTurn != i {
		d.cur, d.curTurn = d.feats.turn(i, &d.scratch), i
	}
	return &d.cur
}

// tagSet collects the tags of one turn, each with its first reason, so that
// TurnTags.Tags and Reasons are built once, at their final size.
type tagSet struct {
	reasons [numTagRanks]string // by tagRank
	has     uint16              // bit tagRank(tag) set for each tag
	n       int
}

// tagOrder lists every tag in [Tags] order. It is never modified.
var tagOrder = [...]Tag{TagQuestion, TagOpenQuestion, TagClosedQuestion, TagParaphrase,
	TagAcknowledgment, TagEmpathy, TagUnderstandingCheck, TagActionCommitment,
	TagDefensive, TagInterruption}

// numTagRanks is the number of values tagRank returns.
const numTagRanks = 11

// set adds tag with its reason. A tag already present keeps its first
// reason.
func (ts *tagSet) set(tag Tag, reason string) {
	r := tagRank(tag)
	if ts.has&(1<<r) != 0 {
		return
	}
	ts.has |= 1 << r
	ts.reasons[r] = reason
	ts.n++
}

// store adds the collected tags to tt, as TurnTags.set would one by one,
// cutting a new Tags slice from *backing.
func (ts *tagSet) store(tt *TurnTags, backing *[]Tag) {
	if ts.n == 0 {
		return
	}
	if len(tt.Tags) > 0 {
		for r, tag := range tagOrder {
			if ts.has&(1<<r) != 0 {
				tt.set(tag, ts.reasons[r])
			}
		}
		return
	}
	if tt.Reasons == nil {
		tt.Reasons = make(map[Tag]string, ts.n)
	}
	start := len(*backing)
	for h := ts.has; h != 0; h &= h - 1 {
		r := bits.TrailingZeros16(h)
		if r >= len(tagOrder) {
			break
		}
		tag := tagOrder[r]
		*backing = append(*backing, tag)
		tt.Reasons[tag] = ts.reasons[r]
	}
	tt.Tags = (*backing)[start:len(*backing):len(*backing)]
}

// phraseTags sets the tags found by phrase: empathy, understanding_check,
// action_commitment and defensive, in one pass over the turn's words.
func (d *detector) phraseTags(ts *tagSet, f *turnFeatures) {
	var found [numLex]bool
	for si, s := range f.sents {
		if s.has&(tagMask<<16) == 0 {
			continue
		}
		for k := s.start; k < s.end; k++ {
			in := f.info[k]
			if in == nil || in.startMask&tagMask == 0 {
				continue
			}
			var next *wordInfo
			if k+1 < s.end {
				next = f.info[k+1]
			}
			if next != nil && (next.member&skipMask != 0 || next.startMask&bit(lexFiller) != 0) {
				// Fillers may stand between the phrase's words: try all.
				for _, id := range tagLexicons {
					for _, p := range in.startsOf(id) {
						if !found[id] && d.phraseTag(ts, f, si, s, k, p) {
							found[id] = true
						}
					}
				}
				continue
			}
			for _, list := range [2][]*phrase{in.tagNext[next], in.tagOther} {
				for _, p := range list {
					if !found[p.lex] && d.phraseTag(ts, f, si, s, k, p) {
						found[p.lex] = true
					}
				}
			}
		}
	}
}

// tagLexicons are the lexicons whose phrases set a tag on their own.
var tagLexicons = [...]lexID{lexEmpathy, lexUnderstandingCheck, lexActionCommitment, lexDefensive}

const tagMask = 1<<lexEmpathy | 1<<lexUnderstandingCheck | 1<<lexActionCommitment | 1<<lexDefensive

// phraseTag sets the tag of phrase p and reports true when p matches at
// word k of sentence si and its lexicon's condition holds.
func (d *detector) phraseTag(ts *tagSet, f *turnFeatures, si int, s span, k int, p *phrase) bool {
	e := p.matchAt(f, k, s.end)
	if e < 0 {
		return false
	}
	var tag Tag
	var label string
	switch p.lex {
	case lexEmpathy:
		if !emotionEnds(f, e, s.end) {
			return false
		}
		tag, label = TagEmpathy, "empathy: "
	case lexUnderstandingCheck:
		// "Makes sense." agrees; "Makes sense?" checks.
		if d.qs[si].kind == qNone && f.brks[s.end-1] != brkQuestion && !f.has(k, clsAux) {
			return false
		}
		tag, label = TagUnderstandingCheck, "understanding check: "
	case lexActionCommitment:
		if d.isQ[si] {
			return false
		}
		tag, label = TagActionCommitment, "commits: "
	case lexDefensive:
		if epistemicShould(f, e, s.end) {
			return false
		}
		tag, label = TagDefensive, "defensive: "
	default:
		return false
	}
	ts.set(tag, d.strs.labelQuote(label, f.words[k:e]...))
	return true
}

// quoteText quotes lower-case words for a reason, with the pronoun "I"
// capitalised ("as I already said", "I'm sorry"), so that evidence reads
// as it was said.
func quoteText(s string) string {
	return labelQuote("", s)
}

// labelQuote returns label followed by words, joined by spaces and quoted
// as quoteText quotes them, in one allocation.
func labelQuote(label string, words ...string) string {
	var buf [128]byte
	return string(appendQuoted(append(buf[:0], label...), words...))
}

// appendQuoted appends words, joined by spaces, to dst as quoteText quotes
// them.
func appendQuoted(dst []byte, words ...string) []byte {
	var buf [128]byte
	text := buf[:0]
	for k, w := range words {
		if k > 0 {
			text = append(text, ' ')
		}
		text = append(text, w...)
	}
	for k, c := range text {
		if c == 'i' && (k == 0 || text[k-1] == ' ') &&
			(k+1 == len(text) || text[k+1] == ' ' || text[k+1] == '\'') {
			text[k] = 'I' // "i", "i'm": the pronoun
		}
	}
	if plainASCII(text) {
		// What strconv.Quote gives for printable ASCII without escapes.
		dst = append(dst, '"')
		dst = append(dst, text...)
		return append(dst, '"')
	}
	// The view does not outlive text: AppendQuote copies it.
	return strconv.AppendQuote(dst, unsafe.String(unsafe.SliceData(text), len(text)))
}

// plainASCII reports whether b is printable ASCII without a '"' or a '\\'.
func plainASCII(b []byte) bool {
	for _, c := range b {
		if c < ' ' || c > '~' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// acknowledgment looks at the start of the turn, past fillers and
// discourse markers, for an acknowledgment cue that stands alone: followed
// by a punctuation break (not "?"), the end of the turn, or another
// discourse marker or filler. "I see." acknowledges; "I see the charge"
// does not.
func (d *detector) acknowledgment(f *turnFeatures) string {
	n := len(f.words)
	for i := 0; i < n; {
		if e, p := d.lex.match(f, i, n, lexAcknowledgment); e >= 0 {
			b := f.brks[e-1]
			alone := b != brkSpace && b != brkQuestion ||
				e == n && b != brkQuestion ||
				e < n && (f.is(e, lexDiscourse) || f.is(e, lexFiller))
			if alone {
				return d.strs.labelQuote("acknowledgment: ", p.text)
			}
		}
		if e, _ := d.lex.match(f, i, n, lexFiller); e >= 0 {
			i = e
			continue
		}
		if e, _ := d.lex.match(f, i, n, lexDiscourse); e >= 0 {
			i = e
			continue
		}
		break
	}
	return ""
}

// emotionEnds reports whether an empathy phrase ending at word end may end
// there: unless the phrase's last word is a feeling word, always; after a
// feeling word, only at a break or before "for", "and", "too", "when",
// "because", "that", "right" ("that's hard." and "that sounds hard for
// you", not "that's hard to say").
func emotionEnds(f *turnFeatures, end, sentEnd int) bool {
	if !f.is(end-1, lexEmotion) || end >= sentEnd || f.brks[end-1] != brkSpace {
		return true
	}
	switch f.words[end] {
	case "for", "and", "too", "when", "because", "that", "right":
		return true
	}
	return false
}

// epistemicShould reports "you should have received…": an expectation,
// not a reproach.
func epistemicShould(f *turnFeatures, end, sentEnd int) bool {
	if end >= sentEnd || f.words[end-1] != "have" && f.words[end-1] != "should've" {
		return false
	}
	switch f.words[end] {
	case "received", "gotten", "got", "seen", "been", "heard", "arrived":
		return true
	}
	return false
}
