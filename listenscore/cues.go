package listenscore

import (
	"math"
	"strconv"
)

// cueID names a cue: one fact about a turn, in its context, that a person
// would cite as evidence for a tag ("opens with a wh-word", "plays back
// the customer's words", "apologises"). Every tag is decided by a
// weighted sum of cues (see model.go); the weights are fitted from human
// labels, never typed in.
type cueID uint8

// The cues. Their names, in cueDefs, are what weights files and reasons
// use; the order is the order reasons list cues of equal weight in.
const (
	// The form of the turn's question: its last sentence with
	// interrogative form (see questions.go).
	cueQuestionMark        cueID = iota // the question ends in "?"
	cueWhQuestion                       // a wh-question
	cueAsksForOneFact                   // a wh-question for one fact: "how many", "which", "what's your number"
	cueYesNoFrame                       // an inverted auxiliary: "do you", "is it"
	cueRequestToAct                     // "could you unplug it": a request to do something
	cueEitherOr                         // "…or…?": a choice
	cueOpenRequest                      // "tell me about", "walk me through"
	cueEmbeddedOpen                     // "do you know why…"
	cueAsksForMore                      // "anything else"
	cueTagQuestion                      // "…, right?"
	cueDeclarativeQuestion              // a statement ending in "?"
	cueQuestionAtEnd                    // the question is the turn's last sentence
	cueMidTurnQuestion                  // the question starts mid-turn in unpunctuated text
	cueSuggestion                       // "why don't we", "how about"
	cueBackchannelQuestion              // "Really?", "Okay?" alone
	cueUnpunctuated                     // a long turn without punctuation: speech-to-text

	// Playing back the other speaker's talk (see paraphrase.go).
	cuePlaybackLeadIn    // "it sounds like", "so what I'm hearing"
	cueSharedWords       // content words shared with the other speaker's talk
	cueSharedShare       // the share of the statement's content words that are shared
	cueYouStatement      // a statement whose subject is the listener
	cuePersonShift       // the other spoke of "I", this turn of "you", with shared words
	cueSumsUp            // a statement opening with "so"
	cueNamesFeeling      // a feeling word not the speaker's own: "frustrating", "worried"
	cueListenerFeeling   // the listener's feeling: "you must be worried"
	cueSocialFormula     // "you're welcome", "have a good day"
	cueInstruction       // "you need to", "click", "go to"
	cueSpeakerSubject    // a statement about the speaker: "I'll", "we", "let me"
	cueThingSubject      // a statement about a thing: "there's", "it's", "the fee is"
	cueNoContext         // no other speaker's talk before the turn
	cueFollowsOther      // another speaker spoke since this speaker's last turn
	cueAckOpening        // opens with an acknowledgment standing alone: "got it", "mm-hmm"
	cueAckThenBut        // the opening acknowledgment is taken back: "I understand, but", "okay, however"
	cueBackchannelTurn   // the whole turn is a backchannel
	cueAnswersQuestion   // the other speaker's turn before ends on a question
	cueAnswersYesNo      // answers the other speaker's yes/no question: "yeah, I have it"
	cueEmpathyPhrase     // "I'm sorry to hear", "that must be scary"
	cueApology           // "sorry", "apologise"
	cueCare              // "I hope you feel better", "hang in there"
	cueCourtesy          // "thank you for your patience", "sorry for the wait"
	cueSidesWithCustomer // "you shouldn't have to", "that's on us"
	cueCheckPhrase       // "did I get that right", "does that make sense"
	cueCommitmentPhrase  // "I'll send", "let me check"
	cueDoneAction        // "I've credited", "I'm escalating"
	cueHedge             // "hopefully", "I'll try"
	cueDefensivePhrase   // "as I said", "not our fault"
	cueLength            // the turn's length: ln(1 + words)
	cueShortTurn         // at most 3 words
	numCues
)

// cueDef is how a cue is named in weights files and described in reasons.
type cueDef struct {
	name string // snake_case, in weights files
	// desc says what the cue saw. A cue with quoted words adds them after
	// it (`opens with "what"`); a cue with a count formats it.
	desc string
}

var cueDefs = [numCues]cueDef{
	cueQuestionMark:        {"question_mark", `ends with "?"`},
	cueWhQuestion:          {"wh_question", "wh-question"},
	cueAsksForOneFact:      {"asks_for_one_fact", "asks for one fact"},
	cueYesNoFrame:          {"yes_no_frame", "yes/no frame"},
	cueRequestToAct:        {"request_to_act", "request to act"},
	cueEitherOr:            {"either_or", "either/or"},
	cueOpenRequest:         {"open_request", "open request"},
	cueEmbeddedOpen:        {"embedded_open_question", "open question in a yes/no frame"},
	cueAsksForMore:         {"asks_for_more", "asks for more"},
	cueTagQuestion:         {"tag_question", "tag question"},
	cueDeclarativeQuestion: {"statement_as_question", `statement with "?"`},
	cueQuestionAtEnd:       {"question_at_end", "ends on the question"},
	cueMidTurnQuestion:     {"mid_turn_question", "question inside unpunctuated speech"},
	cueSuggestion:          {"suggestion", "suggestion"},
	cueBackchannelQuestion: {"backchannel_question", "backchannel with a question mark"},
	cueUnpunctuated:        {"unpunctuated", "unpunctuated speech"},
	cuePlaybackLeadIn:      {"playback_lead_in", "lead-in"},
	cueSharedWords:         {"shared_words", "plays back"},
	cueSharedShare:         {"shared_share", "of its content words are the other speaker's"},
	cueYouStatement:        {"you_statement", "statement about the listener"},
	cuePersonShift:         {"person_shift", "you→I shift"},
	cueSumsUp:              {"sums_up", `sums up ("so …")`},
	cueNamesFeeling:        {"names_feeling", "names a feeling"},
	cueListenerFeeling:     {"listener_feeling", "the listener's feeling"},
	cueSocialFormula:       {"social_formula", "social formula"},
	cueInstruction:         {"instruction", "instruction"},
	cueSpeakerSubject:      {"speaker_subject", "about the speaker"},
	cueThingSubject:        {"thing_subject", "about a thing"},
	cueNoContext:           {"no_context", "nothing said before by another speaker"},
	cueFollowsOther:        {"follows_other_speaker", "responds to another speaker"},
	cueAckOpening:          {"acknowledgment_opening", "opens with"},
	cueAckThenBut:          {"acknowledgment_then_but", "acknowledges, then objects"},
	cueBackchannelTurn:     {"backchannel_turn", "backchannel"},
	cueAnswersQuestion:     {"answers_question", "answers a question"},
	cueAnswersYesNo:        {"answers_yes_no", "answers a yes/no question"},
	cueEmpathyPhrase:       {"empathy_phrase", "empathy phrase"},
	cueApology:             {"apology", "apologises"},
	cueCare:                {"care", "shows care"},
	cueCourtesy:            {"courtesy", "courtesy"},
	cueSidesWithCustomer:   {"sides_with_customer", "sides with the customer"},
	cueCheckPhrase:         {"check_phrase", "check phrase"},
	cueCommitmentPhrase:    {"commitment_phrase", "commitment phrase"},
	cueDoneAction:          {"done_action", "acts"},
	cueHedge:               {"hedge", "hedges"},
	cueDefensivePhrase:     {"defensive_phrase", "defensive phrase"},
	cueLength:              {"length", "words"},
	cueShortTurn:           {"short_turn", "short turn"},
}

// cueByName returns the cue named name.
func cueByName(name string) (cueID, bool) {
	for id, d := range cueDefs {
		if d.name == name {
			return cueID(id), true
		}
	}
	return 0, false
}

// cueVec holds the cue values of one turn: 0 for a cue that did not fire.
// A cue that quotes words keeps their span in the turn; a count cue keeps
// its count.
type cueVec struct {
	val  [numCues]float64
	from [numCues]int32 // the quoted words are [from, to); to == 0: none
	to   [numCues]int32
	n    [numCues]int32 // a count, for cueSharedWords and cueLength
}

// set sets cue id to 1, quoting words [from, to) of the turn.
func (cv *cueVec) set(id cueID, from, to int) {
	if cv.val[id] != 0 {
		return // the first occurrence is quoted
	}
	cv.val[id] = 1
	cv.from[id], cv.to[id] = int32(from), int32(to)
}

// setFlag sets cue id to 1, quoting nothing.
func (cv *cueVec) setFlag(id cueID) { cv.val[id] = 1 }

// appendDesc appends the description of cue id, as it fired on the turn
// with features f, to b.
func (cv *cueVec) appendDesc(b []byte, id cueID, f *turnFeatures) []byte {
	d := cueDefs[id].desc
	switch id {
	case cueSharedWords:
		b = append(b, d...)
		b = append(b, ' ')
		b = appendSpan(b, f, int(cv.from[id]), int(cv.to[id]))
		b = append(b, " ("...)
		b = strconv.AppendInt(b, int64(cv.n[id]), 10)
		if cv.n[id] == 1 {
			b = append(b, " shared content word)"...)
		} else {
			b = append(b, " shared content words)"...)
		}
		return b
	case cueSharedShare:
		b = strconv.AppendInt(b, int64(math.Round(100*cv.val[id])), 10)
		b = append(b, "% "...)
		return append(b, d...)
	case cueLength:
		b = strconv.AppendInt(b, int64(cv.n[id]), 10)
		b = append(b, ' ')
		return append(b, d...)
	}
	b = append(b, d...)
	if to := int(cv.to[id]); to > 0 {
		b = append(b, ' ')
		b = appendSpan(b, f, int(cv.from[id]), to)
	}
	return b
}

// maxQuoteWords is the longest span of words a reason quotes in full;
// a longer one is quoted by its first and last words.
const maxQuoteWords = 8

// appendSpan appends words [from, to) of f, quoted.
func appendSpan(b []byte, f *turnFeatures, from, to int) []byte {
	if to-from <= maxQuoteWords {
		return appendQuoted(b, f.words[from:to]...)
	}
	b = appendQuoted(b, f.words[from:from+3]...)
	b = append(b, " … "...)
	return appendQuoted(b, f.words[to-2:to]...)
}

// turnCues computes the cues of turn i into d.cv. replied reports that
// another speaker spoke since this speaker last did; ctx is that talk.
func (d *detector) turnCues(i int, replied bool, ctx talk) {
	cv := &d.cv
	*cv = cueVec{}
	f := d.turn(i)
	n := len(f.words)
	cv.val[cueLength] = log1p(n)
	cv.n[cueLength] = int32(n)
	if n <= 3 {
		cv.setFlag(cueShortTurn)
	}
	if f.backchannel {
		cv.setFlag(cueBackchannelTurn)
	}
	if replied {
		cv.setFlag(cueFollowsOther)
	}
	d.qs = d.qs[:0]
	d.asks[i] = d.questionCues(f)
	d.playbackCues(i, f, ctx)
	d.phraseCues(f)
	d.acknowledgmentCues(f, i, replied)
}

// log1pTable holds ln(1 + n) for small n, the length cue of most turns.
var log1pTable = func() (t [128]float64) {
	for n := range t {
		t[n] = math.Log1p(float64(n))
	}
	return t
}()

// log1p returns ln(1 + n).
func log1p(n int) float64 {
	if n < len(log1pTable) {
		return log1pTable[n]
	}
	return math.Log1p(float64(n))
}

// anywhereMask marks the lexicons whose phrases are cues wherever they
// stand in a turn.
const anywhereMask = 1<<lexEmpathy | 1<<lexCare | 1<<lexCourtesy | 1<<lexSidesWithCustomer |
	1<<lexUnderstandingCheck | 1<<lexActionCommitment | 1<<lexHedge | 1<<lexDefensive |
	1<<lexSocialFormula

// phraseCues finds the phrases of the anywhereMask lexicons, the feeling
// words, apologies and completed actions, in one pass over the turn's
// words. Each cue quotes its first occurrence; the social formula cue's
// value is the share of the turn's words that social formulae cover.
func (d *detector) phraseCues(f *turnFeatures) {
	cv := &d.cv
	formula, formulaEnd := 0, 0
	var found uint32 // the lexicons whose cue is set, but social formula's
	for si, s := range f.sents {
		// A feeling asked about ("how do you feel about it?") is a
		// question, not the listener's feeling named.
		asks := d.qs[si].form != formNone && d.qs[si].form != formDeclarative && d.qs[si].form != formTag
		// A promise, an apology or a reproach said in a question ("shall I
		// send it?", "did you not read the terms?") is not made.
		want := uint32(anywhereMask)
		if asks || f.brks[s.end-1] == brkQuestion {
			want &^= statementLexicons
		}
		for k := s.start; k < s.end; k++ {
			in := f.info[k]
			if in == nil {
				continue
			}
			if cv.val[cueNamesFeeling] == 0 {
				if e := d.lex.feelingAt(f, k, s.end); e > 0 && !idiomFeeling(f, k) && !speakerFeeling(f, k, s.start) {
					cv.set(cueNamesFeeling, k, e)
				}
			}
			if in.class&clsSecond != 0 && !asks && cv.val[cueListenerFeeling] == 0 {
				if e := d.lex.listenerFeeling(f, k, s.end); e > 0 {
					cv.set(cueListenerFeeling, k, e)
				}
			}
			switch w := f.words[k]; {
			case w[0] == 's' || w[0] == 'a':
				switch w {
				case "sorry", "apologize", "apologise", "apologies", "apologizing", "apologising":
					cv.set(cueApology, k, k+1)
				}
			case in.class&clsFirst != 0 || w[0] == 'w' && (w == "we" || w == "we've" || w == "we're"):
				if e := d.lex.doneAction(f, k, s.end); e > 0 {
					cv.set(cueDoneAction, k, e)
				}
			}
			want &^= found
			if in.startMask&want == 0 {
				continue
			}
			var next *wordInfo
			if k+1 < s.end {
				next = f.info[k+1]
			}
			if in.loose&want == 0 && (next == nil || next.member&skipMask == 0 &&
				next.startMask&bit(lexFiller) == 0 && next.bloom&in.anywhereSeconds == 0) {
				continue // no phrase of these lexicons can go on with the next word
			}
			try := func(p *phrase, adjacent bool) {
				if want&bit(p.lex) == 0 || p.lex == lexSocialFormula && k < formulaEnd {
					return
				}
				if adjacent && !mayFollow(p, f, k, s.end) {
					return
				}
				e := p.matchAt(f, k, s.end)
				if e < 0 || !phraseHolds(f, p.lex, k, e, s.end) {
					return
				}
				if p.lex == lexSocialFormula {
					formula += e - k
					formulaEnd = e
				} else {
					found |= bit(p.lex)
					want &^= bit(p.lex)
				}
				cv.set(phraseCue[p.lex], k, e)
			}
			if next != nil && (next.member&skipMask != 0 || next.startMask&bit(lexFiller) != 0) {
				// Fillers may stand between the phrase's words: try all.
				for _, id := range anywhereLexicons {
					for _, p := range in.startsOf(id) {
						try(p, false)
					}
				}
				continue
			}
			for _, list := range [2][]*phrase{in.tagNext[next], in.tagOther} {
				for _, p := range list {
					try(p, true)
				}
			}
		}
	}
	if formula > 0 {
		cv.val[cueSocialFormula] = float64(formula) / float64(len(f.words))
	}
}

// mayFollow reports whether phrase p, starting at word k of a sentence
// ending at end, may match, judged by its second and third words alone,
// when the word after k is neither a filler nor an intensifier: a slot
// must be filled at once, a literal third word must stand at k+2 or be
// preceded there by a word that may be skipped. It rejects most phrases
// before matchAt.
func mayFollow(p *phrase, f *turnFeatures, k, end int) bool {
	if len(p.elems) < 2 {
		return true
	}
	if k+1 >= end {
		return false
	}
	if e := &p.elems[1]; e.any && !e.matches(f, k+1) {
		return false
	}
	if p.third == nil {
		return true
	}
	if k+2 >= end {
		return false
	}
	w := f.info[k+2]
	return w == p.third || w != nil && (w.member&skipMask != 0 || w.startMask&bit(lexFiller) != 0)
}

// statementLexicons are the anywhereMask lexicons whose phrases count
// only in a sentence that does not ask.
const statementLexicons = 1<<lexActionCommitment | 1<<lexCare | 1<<lexDefensive | 1<<lexEmpathy

// anywhereLexicons lists the lexicons of anywhereMask.
var anywhereLexicons = [...]lexID{lexActionCommitment, lexCare, lexCourtesy, lexDefensive, lexEmpathy,
	lexHedge, lexSidesWithCustomer, lexSocialFormula, lexUnderstandingCheck}

// phraseCue is the cue each anywhereMask lexicon sets.
var phraseCue = [numLex]cueID{
	lexActionCommitment:   cueCommitmentPhrase,
	lexCare:               cueCare,
	lexCourtesy:           cueCourtesy,
	lexDefensive:          cueDefensivePhrase,
	lexEmpathy:            cueEmpathyPhrase,
	lexHedge:              cueHedge,
	lexSidesWithCustomer:  cueSidesWithCustomer,
	lexSocialFormula:      cueSocialFormula,
	lexUnderstandingCheck: cueCheckPhrase,
}

// phraseHolds reports whether a phrase of lexicon id at words [start,
// end), in a sentence ending at sentEnd, counts: an empathy phrase ending
// in a feeling word must end its clause ("that's hard." but not "that's
// hard to say"), "you should have received…" is an expectation, not a
// reproach, and siding with the listener cannot be negated ("that's not
// our fault" is the opposite).
func phraseHolds(f *turnFeatures, id lexID, start, end, sentEnd int) bool {
	switch id {
	case lexEmpathy:
		return emotionEnds(f, end, sentEnd)
	case lexDefensive:
		return !epistemicShould(f, end, sentEnd)
	case lexSidesWithCustomer:
		for k := start - 1; k >= 0 && k >= start-2 && f.brks[k] == brkSpace; k-- {
			if f.has(k, clsNegation) {
				return false
			}
		}
	}
	return true
}

// speakerFeeling reports that the feeling word at k is the speaker's
// own: "I" or "my" stands within the three words before it, in the same
// clause ("I was so anxious", "my anxiety"). A hypothetical one ("I'd be
// worried too") shares the listener's feeling and does not count.
func speakerFeeling(f *turnFeatures, k, start int) bool {
	for j := k - 1; j >= start && j >= k-3; j-- {
		if f.brks[j] != brkSpace {
			return false
		}
		switch f.words[j] {
		case "i'd", "would":
			return false
		}
		if f.has(j, clsFirst) {
			return true
		}
	}
	return false
}

// idiomFeeling reports a feeling word used in an idiom that names no
// feeling: "I'm afraid we don't…" (a politeness), "as far as we're
// concerned".
func idiomFeeling(f *turnFeatures, k int) bool {
	switch f.words[k] {
	case "afraid":
		return k > 0 && (f.words[k-1] == "i'm" || f.words[k-1] == "am")
	case "concerned":
		for j := max(k-4, 0); j+1 < k; j++ {
			if f.words[j] == "as" && f.words[j+1] == "far" {
				return true
			}
		}
	}
	return false
}

// feelingAt returns the index after a feeling of the "emotion" lexicon
// (a word, or a phrase such as "fed up") starting at word k, or 0.
func (l *lexicons) feelingAt(f *turnFeatures, k, end int) int {
	in := f.info[k]
	switch {
	case in == nil:
		return 0
	case in.startMask&bit(lexEmotion) != 0:
		if e, _ := l.match(f, k, end, lexEmotion); e > 0 {
			return e
		}
	}
	if in.member&bit(lexEmotion) != 0 {
		return k + 1
	}
	return 0
}

// listenerFeeling finds a feeling, or "feel", within the four words after
// the second-person word at k, in the same clause: "you must be worried",
// "you've been so frustrated", "your frustration", "you sound worn down",
// "you feel like nobody listens". It returns the index after it, or 0.
func (l *lexicons) listenerFeeling(f *turnFeatures, k, end int) int {
	for j := k + 1; j < end && j <= k+4; j++ {
		if f.brks[j-1] != brkSpace {
			return 0
		}
		if e := l.feelingAt(f, j, end); e > 0 {
			return e
		}
		switch f.words[j] {
		case "feel", "feeling", "feels", "felt":
			return j + 1
		}
	}
	return 0
}

// perfectFrames open a statement of what the speaker has done or is
// doing; doneFillers may stand between the frame and the verb.
var (
	perfectFrames = map[string]bool{"i've": true, "we've": true, "i'm": true, "we're": true}
	perfectAux    = map[string]bool{"have": true, "am": true, "are": true, "just": true, "already": true}
	doneFillers   = map[string]bool{"just": true, "already": true, "gone": true, "went": true, "ahead": true,
		"and": true, "now": true, "also": true, "actually": true, "quickly": true, "right": true}
)

// doneAction reports a completed or ongoing action of the speaker's at
// word k: "I've credited", "we have just sent", "I'm escalating", "I just
// booked". It returns the index after the action verb, or 0.
func (l *lexicons) doneAction(f *turnFeatures, k, end int) int {
	j := k + 1
	switch w := f.words[k]; {
	case perfectFrames[w]:
	case (w == "i" || w == "we") && j < end && perfectAux[f.words[j]]:
		j++
	default:
		return 0
	}
	for ; j < end && j <= k+5; j++ {
		if f.is(j, lexAction) {
			return j + 1
		}
		if !doneFillers[f.words[j]] && !f.skippable(j) {
			return 0
		}
	}
	return 0
}

// answerWords open an answer to a yes/no question.
var answerWords = map[string]bool{"yes": true, "yeah": true, "yep": true, "yup": true, "no": true,
	"nope": true, "nah": true, "sure": true, "correct": true, "absolutely": true, "definitely": true,
	"certainly": true, "right": true, "okay": true, "ok": true, "uh-huh": true, "mm-hmm": true}

// contrastWords take back the acknowledgment they follow: "I understand,
// but it's our policy" grants nothing (the "yes, but" of the
// active-listening literature).
var contrastWords = map[string]bool{"but": true, "however": true}

// acknowledgmentCues finds an acknowledgment at the start of the turn,
// past fillers and discourse markers, standing alone: followed by a
// punctuation break, the end of the turn, or another cue, discourse
// marker or filler. "I see." acknowledges; "I see the charge on your
// account" does not. It also marks an answer to the other speaker's
// yes/no question.
func (d *detector) acknowledgmentCues(f *turnFeatures, i int, replied bool) {
	cv := &d.cv
	n := len(f.words)
	if replied && i > 0 && d.asks[i-1] != endsOnStatement {
		cv.setFlag(cueAnswersQuestion)
		if k := f.next(0, n); d.asks[i-1] == endsOnYesNo && k < n && answerWords[f.words[k]] {
			cv.set(cueAnswersYesNo, k, k+1)
		}
	}
	for k := 0; k < n; {
		if e, _ := d.lex.match(f, k, n, lexAcknowledgment); e >= 0 {
			b := f.brks[e-1]
			alone := b != brkSpace || e == n ||
				f.is(e, lexDiscourse) || f.is(e, lexFiller) || f.info[e] != nil && f.info[e].startMask&bit(lexAcknowledgment) != 0
			if alone {
				cv.set(cueAckOpening, k, e)
				if e < n && contrastWords[f.words[e]] {
					cv.set(cueAckThenBut, k, e+1)
				}
				return
			}
		}
		if e, _ := d.lex.match(f, k, n, lexFiller); e >= 0 {
			k = e
			continue
		}
		if e, _ := d.lex.match(f, k, n, lexDiscourse); e >= 0 {
			k = e
			continue
		}
		return
	}
}
