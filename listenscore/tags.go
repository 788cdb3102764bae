package listenscore

import (
	"context"
	"math"
	"math/bits"
	"strconv"
	"unsafe"
)

// detector holds the state of one tagLanguage call: the turns' features,
// their content words' numbers, and scratch space reused from turn to turn.
type detector struct {
	lex   *lexicons
	w     *Weights
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

	// sides holds each turn's side (see turnSides): a turn relates to
	// the other side's talk, never to a colleague's.
	sides []string

	qs    []question // the current turn's sentences' parses
	leads []int      // and where each starts past fillers and markers (skipLead)
	cv    cueVec     // the current turn's cues
	// asks holds, by turn, how the turn ends: on a question, on one
	// that asks for a yes or a no, or not on a question. The next
	// speaker's turn answers it.
	asks    []endsOn
	tags    []Tag    // backing array of the turns' TurnTags.Tags
	reasons []string // and of their Reasons
	strs    strArena // the reasons' bytes
	// capture, when set, receives every turn's cues before its tags are
	// decided: how fitting collects its examples.
	capture cueSink
}

// cueSink receives the cues of turn i, whose features are f, before its
// tags are decided: how fitting collects examples. Both are valid only
// during the call.
type cueSink func(i int, cv *cueVec, f *turnFeatures)

// tagLanguage sets every tag except interruption on every turn, each
// relative to the other side's talk before it (sides, see turnSides), with
// the weights w. It stops, returning ctx.Err(), when ctx is done (checked
// every ctxEvery turns).
func tagLanguage(ctx context.Context, a *Analysis, feats *callFeatures, sides []string, lex *lexicons, w *Weights, capture cueSink) error {
	cw := feats.cw
	d := &detector{
		lex:   lex,
		w:     w,
		feats: feats,
		cw:    cw,
		// Calls carry 1.2 to 1.5 tags a turn: room for 1.5 spares most
		// calls a copy.
		tags:    make([]Tag, 0, len(feats.turns)*3/2),
		reasons: make([]string, 0, len(feats.turns)*3/2),
		curTurn: -1,
		// Every prefix and stem is numbered below the number of words.
		inContext: make([]int32, len(cw.words)),
		counted:   make([]int32, len(cw.words)),
		asks:      make([]endsOn, len(feats.turns)),
		capture:   capture,
	}
	t := a.Transcript
	d.sides = sides
	var last lastTurns
	for i := range t.Turns {
		if i%ctxEvery == ctxEvery-1 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		since := 0
		if j, ok := last.swap(d.sides[i], i); ok {
			since = j + 1
		}
		if d.feats.turns[i].wordCount == 0 {
			continue
		}
		d.turnCues(i, since < i, d.markContext(i, since))
		if d.capture != nil {
			d.capture(i, &d.cv, d.turn(i))
		}
		d.decide(&a.Turns[i], i, t.Turns[i].Role == RoleCustomer)
	}
	return nil
}

// turnSides returns each turn's side: its role when it is known (every
// agent-side speaker is one side, every customer-side speaker the other),
// its speaker label otherwise. A turn is read against the other side's
// talk: an agent's turn plays back the customer side, never a colleague.
func turnSides(t *Transcript) []string {
	sides := make([]string, len(t.Turns))
	for i := range t.Turns {
		switch tu := &t.Turns[i]; tu.Role {
		case RoleAgent:
			sides[i] = "\x00agent"
		case RoleCustomer:
			sides[i] = "\x00customer"
		default:
			sides[i] = tu.Speaker
		}
	}
	return sides
}

// lastTurns remembers each side's last turn: in a short list for the
// few sides of most calls, in a map past maxFewSpeakers.
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

// decide sets the tags of turn i from its cues, d.cv: each model's sum
// above zero sets its tag, with a reason naming the cues that carried it.
// A customer's turn gets only the tags of customerModels.
func (d *detector) decide(tt *TurnTags, i int, customer bool) {
	f := d.turn(i)
	cv := &d.cv
	var ts tagSet
	ms := &d.w.models
	if ms[modelQuestion].score(modelQuestion, cv) > 0 {
		ts.set(TagQuestion, d.reason("question: ", modelQuestion, 1, f))
		if ms[modelOpen].score(modelOpen, cv) > 0 {
			ts.set(TagOpenQuestion, d.reason("open question: ", modelOpen, 1, f))
		} else {
			ts.set(TagClosedQuestion, d.reason("closed question: ", modelOpen, -1, f))
		}
	}
	for m := modelParaphrase; m < numModels; m++ {
		if customer && !customerModels[m] {
			continue
		}
		if ms[m].score(m, cv) > 0 {
			ts.set(modelTags[m], d.reason(reasonLabels[m], m, 1, f))
		}
	}
	ts.store(tt, &d.tags, &d.reasons)
}

// customerModels are the models that also decide a customer's turns.
// The others are the agent's listening behaviours: their weights are
// fitted and measured on agent turns only, and no metric reads them on a
// customer's. On a customer's turn they would be evidence nobody checked:
// a caller's "I've restarted the router" is not a commitment to act for
// the other speaker.
var customerModels = [numModels]bool{modelQuestion: true, modelOpen: true, modelAcknowledgment: true}

// reasonLabels start the reasons of the models' tags.
var reasonLabels = [numModels]string{
	modelParaphrase:         "paraphrase: ",
	modelAcknowledgment:     "acknowledgment: ",
	modelEmpathy:            "empathy: ",
	modelUnderstandingCheck: "understanding check: ",
	modelActionCommitment:   "action commitment: ",
	modelDefensive:          "defensive: ",
}

// maxReasonCues is how many cues a reason names.
const maxReasonCues = 3

// reason renders label and the cues that carried model m's decision, the
// largest contribution first: `open question: wh-question "what" (+2.3),
// ends with "?" (+1.1)`. sign is -1 for the closed side of the open
// model, whose evidence is its negative contributions. The string is cut
// from the arena.
func (d *detector) reason(label string, m modelID, sign float64, f *turnFeatures) string {
	type contribution struct {
		c cueID
		v float64
	}
	var top [maxReasonCues]contribution
	n := 0
	w := &d.w.models[m].w
	for _, c := range modelCues[m] {
		v := sign * w[c] * d.cv.val[c]
		if v < 0.05 {
			continue // rounds to +0.0: carried nothing
		}
		// Insert in descending order; ties keep cue order.
		k := min(n, maxReasonCues-1)
		if n == maxReasonCues && v <= top[k].v {
			continue
		}
		for k > 0 && top[k-1].v < v {
			top[k] = top[k-1]
			k--
		}
		top[k] = contribution{c, v}
		n = min(n+1, maxReasonCues)
	}
	var buf [256]byte
	b := append(buf[:0], label...)
	if n == 0 {
		b = append(b, "no cue for it stands out"...)
		if sign < 0 {
			b = append(b[:len(label)], "no cue for an open question"...)
		}
		return d.strs.str(b)
	}
	for k := range n {
		if k > 0 {
			b = append(b, ", "...)
		}
		b = d.cv.appendDesc(b, top[k].c, f)
		b = append(b, " (+"...)
		b = appendTenths(b, top[k].v)
		b = append(b, ')')
	}
	return d.strs.str(b)
}

// turn returns the features of turn i.
func (d *detector) turn(i int) *turnFeatures {
	if d.curTurn != i {
		d.cur, d.curTurn = d.feats.turn(i, &d.scratch), i
	}
	return &d.cur
}

// appendTenths appends v ≥ 0 rounded to one decimal ("3.1"), as
// strconv.AppendFloat(b, v, 'f', 1, 64) does (but for ties of v × 10 rounded
// in binary), without its cost.
func appendTenths(b []byte, v float64) []byte {
	t := int64(math.RoundToEven(v * 10))
	b = strconv.AppendInt(b, t/10, 10)
	return append(b, '.', byte('0'+t%10))
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
// cutting new Tags and Reasons slices from *tags and *reasons: one
// allocation for many turns.
func (ts *tagSet) store(tt *TurnTags, tags *[]Tag, reasons *[]string) {
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
	start := len(*tags)
	for h := ts.has; h != 0; h &= h - 1 {
		r := bits.TrailingZeros16(h)
		if r >= len(tagOrder) {
			break
		}
		*tags = append(*tags, tagOrder[r])
		*reasons = append(*reasons, ts.reasons[r])
	}
	end := len(*tags)
	tt.Tags, tt.Reasons = (*tags)[start:end:end], (*reasons)[start:end:end]
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
	// The words are written in place, after the opening quote, which is
	// what strconv.Quote gives for printable ASCII without escapes: the
	// usual case.
	start := len(dst)
	dst = append(dst, '"')
	for k, w := range words {
		if k > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, w...)
	}
	text := dst[start+1:]
	for k, c := range text {
		if c == 'i' && (k == 0 || text[k-1] == ' ') &&
			(k+1 == len(text) || text[k+1] == ' ' || text[k+1] == '\'') {
			text[k] = 'I' // "i", "i'm": the pronoun
		}
	}
	if plainASCII(text) {
		return append(dst, '"')
	}
	// Escapes are needed: quote a copy of the text over what was written.
	var buf [128]byte
	cp := append(buf[:0], text...)
	// The view does not outlive cp: AppendQuote copies it.
	return strconv.AppendQuote(dst[:start], unsafe.String(unsafe.SliceData(cp), len(cp)))
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

// emotionEnds reports whether an empathy phrase ending at word end may end
// there: unless the phrase's last word is a feeling word, always; after a
// feeling word, only at a break or before "for", "and", "too", "when",
// "because", "that", "right" ("that's hard." and "that sounds hard for
// you", not "that's hard to say").
func emotionEnds(f *turnFeatures, end, sentEnd int) bool {
	w := f.words[end-1]
	if !f.is(end-1, lexEmotion) && w != "hard" && w != "bad" || end >= sentEnd || f.brks[end-1] != brkSpace {
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
