package listenscore

import (
	"strconv"
	"strings"
)

// detector holds the state of one tagLanguage call: the turns' features,
// their stems, and scratch space reused from turn to turn.
type detector struct {
	lex   *lexicons
	feats []turnFeatures
	cw    callWords
	ids   []int32 // word numbers of every word of every turn, -1 for non-content
	off   []int   // turn i's words are ids[off[i]:off[i+1]]
	done  []bool  // turn i's word numbers are computed

	// The context's words, and stamps that mark without clearing:
	// inContext[prefix] == ctxStamp when the context holds a word with
	// that prefix; counted[stem] == stamp when the current sentence's
	// stem has been counted.
	ctxWords           []int32
	inContext, counted []int32
	stamp, ctxStamp    int32

	qs  []question
	isQ []bool
}

// tagLanguage sets every tag except interruption on every turn, each
// relative to the other speakers' talk before it.
func tagLanguage(a *Analysis, feats []turnFeatures, lex *lexicons, _ Config) {
	d := &detector{
		lex:   lex,
		feats: feats,
		cw:    newCallWords(),
		off:   make([]int, len(feats)+1),
		done:  make([]bool, len(feats)),
	}
	for i := range feats {
		d.off[i+1] = d.off[i] + len(feats[i].words)
	}
	d.ids = make([]int32, d.off[len(feats)])
	t := a.Transcript
	last := make(map[string]int)
	for i, tu := range t.Turns {
		since := 0
		if j, ok := last[tu.Speaker]; ok {
			since = j + 1
		}
		last[tu.Speaker] = i
		d.tagTurn(&a.Turns[i], i, since < i, d.markContext(t, i, since))
	}
}

// tagTurn sets the language tags of turn i. replied reports that another
// speaker spoke since this speaker last did.
func (d *detector) tagTurn(tt *TurnTags, i int, replied bool, ctx talk) {
	f := &d.feats[i]
	if len(f.words) == 0 {
		return
	}
	d.qs, d.isQ = d.qs[:0], d.isQ[:0]
	for _, s := range f.sents {
		q := d.lex.sentenceQuestion(f, s)
		d.qs = append(d.qs, q)
		d.isQ = append(d.isQ, q.kind != qNone && !q.declarative)
	}
	if para := d.paraphraseOf(i, ctx, d.isQ); para != "" {
		tt.set(TagParaphrase, para)
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
		tt.set(TagQuestion, "question: "+open.cue)
		tt.set(TagOpenQuestion, "open question: "+open.cue)
	case closed != nil:
		tt.set(TagQuestion, "question: "+closed.cue)
		tt.set(TagClosedQuestion, "closed question: "+closed.cue)
	}
	if replied {
		if r := d.acknowledgment(f); r != "" {
			tt.set(TagAcknowledgment, r)
		}
	}
	d.phraseTags(tt, f)
}

// phraseTags sets the tags found by phrase: empathy, understanding_check,
// action_commitment and defensive, in one pass over the turn's words.
func (d *detector) phraseTags(tt *TurnTags, f *turnFeatures) {
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
						if !found[id] && d.phraseTag(tt, f, si, s, k, p) {
							found[id] = true
						}
					}
				}
				continue
			}
			for _, list := range [2][]*phrase{in.tagNext[next], in.tagOther} {
				for _, p := range list {
					if !found[p.lex] && d.phraseTag(tt, f, si, s, k, p) {
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
func (d *detector) phraseTag(tt *TurnTags, f *turnFeatures, si int, s span, k int, p *phrase) bool {
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
	tt.set(tag, label+quote(f, k, e))
	return true
}

// quote renders words [start, end) of f, quoted, for a reason.
func quote(f *turnFeatures, start, end int) string {
	return quoteText(strings.Join(f.words[start:end], " "))
}

// quoteText quotes lower-case words for a reason, with the pronoun "I"
// capitalised ("as I already said", "I'm sorry"), so that evidence reads
// as it was said.
func quoteText(s string) string {
	if strings.Contains(" "+s+" ", " i") {
		words := strings.Split(s, " ")
		for k, w := range words {
			if w == "i" || strings.HasPrefix(w, "i'") {
				words[k] = "I" + w[1:]
			}
		}
		s = strings.Join(words, " ")
	}
	return strconv.Quote(s)
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
				return "acknowledgment: " + quoteText(p.text)
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
