package listenscore

import (
	"slices"
	"strings"
)

// grammarClasses lists the words of each fixed grammar class.
var grammarClasses = map[wordClass][]string{
	clsWh: {"what", "how", "why", "where", "when", "who", "whom", "whose", "which",
		"what's", "how's", "why's", "where's", "when's", "who's", "what're", "how're",
		"where're", "who're", "what'd", "how'd", "where'd", "why'd", "who'd", "what'll",
		"how'll", "who'll", "whaddya", "whatcha"},
	clsWhAux: {"what's", "how's", "why's", "where's", "when's", "who's", "what're",
		"how're", "where're", "who're", "what'd", "how'd", "where'd", "why'd", "who'd",
		"what'll", "how'll", "who'll", "whaddya", "whatcha"},
	clsAux: {"do", "does", "did", "is", "are", "was", "were", "am", "can", "could",
		"would", "will", "should", "shall", "have", "has", "had", "may", "might", "must",
		"don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "can't",
		"couldn't", "wouldn't", "won't", "shouldn't", "haven't", "hasn't", "hadn't"},
	clsSubject: {"you", "i", "we", "he", "she", "they", "it", "that", "this", "there",
		"these", "those", "your", "my", "his", "her", "their", "our", "its", "the", "a",
		"an", "any", "anyone", "anybody", "anything", "someone", "somebody", "something",
		"everyone", "everybody", "everything", "all", "both", "y'all", "ya", "u", "one",
		"people", "either", "each", "some", "no", "nobody", "nothing"},
	clsPronoun: {"you", "i", "we", "he", "she", "they", "it", "y'all", "ya", "u", "there",
		"anyone", "anybody", "anything", "someone", "somebody", "something", "everyone",
		"everybody", "everything", "nobody"},
	clsFirst:  {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"},
	clsJoiner: {"and", "but"},
	clsNegation: {"not", "never", "no", "don't", "doesn't", "didn't", "isn't", "aren't",
		"wasn't", "weren't", "can't", "couldn't", "wouldn't", "won't", "shouldn't",
		"haven't", "hasn't", "hadn't", "ain't", "cannot"},
	clsSecond: {"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'd", "you'll", "y'all", "ya"},
}

// qKind is the type of a wh-question by its wording: open ("what
// happened") or asking for one fact ("how many", "which").
type qKind uint8

const (
	qNone qKind = iota
	qOpen
	qClosed
)

// qForm is how a sentence asks: the interrogative form the parser found.
type qForm uint8

const (
	formNone         qForm = iota
	formWh                 // a wh-question: "what happened", "how long have you…", "…and then what?"
	formYesNo              // an inverted auxiliary or "I wonder if": "do you…", "is it…"
	formOpenRequest        // a request to tell: "tell me about…", "can you walk me through…"
	formEmbeddedOpen       // a yes/no frame around an open question: "do you know why…"
	formMoreItems          // asking for more: "is there anything else…", "anything else?"
	formTag                // a tag question: "…, right?", "…, isn't it?"
	formDeclarative        // a statement ending in "?": "so the bill doubled?"
)

// question is what the parser found in one sentence.
type question struct {
	form qForm
	kind qKind // for formWh: open, or asking for one fact
	// endsQ reports that the sentence ends in "?".
	endsQ bool
	// restart reports that the form was found at a clause start inside
	// an unpunctuated turn ("…friday does that work for you").
	restart bool
	at, end int // the words that show the form, for the reason
}

// asks reports whether the sentence has interrogative form.
func (q question) asks() bool { return q.form != formNone }

// openAfterHow are the words after "how" that do not ask for a degree;
// closedAfterWhat are the words after "what" that ask for a time or a
// number: a closed question.
var (
	openAfterHow    = map[string]bool{"so": true, "exactly": true, "else": true}
	closedAfterWhat = map[string]bool{"time": true, "day": true, "date": true, "year": true,
		"month": true, "week": true, "number": true, "percentage": true, "age": true,
		"size": true, "color": true, "colour": true, "address": true, "email": true}
	// openAfterWh are the words that make a bare wh-word a question: "what
	// about", "what else", "what if", "how come", "why not".
	openAfterWh = map[string]bool{"about": true, "else": true, "if": true, "come": true,
		"not": true, "for": true}
	// tagWords end a declarative to make a tag question: "…, right?".
	tagWords = map[string]bool{"right": true, "okay": true, "ok": true, "correct": true,
		"yeah": true, "huh": true, "eh": true, "true": true, "no": true, "alright": true}
	// tagInversions are the two-word tags: "…, isn't it?".
	tagInversions = map[string]bool{"isn't it": true, "aren't you": true, "don't you": true,
		"didn't you": true, "wasn't it": true, "doesn't it": true, "won't you": true,
		"can't you": true, "haven't you": true, "is it": true, "did you": true,
		"do you": true, "you know": true, "all right": true, "or not": true, "or no": true,
		"am i": true}
	// closedWh are wh-words that ask for one fact or a choice.
	closedWh = map[string]bool{"which": true, "whose": true}
	// openWh are the wh-words that open an embedded open question inside a
	// yes/no frame: "do you have any idea why…".
	openWh = map[string]bool{"what": true, "how": true, "why": true}
)

// skipLead returns the first word of words [i, end) that is not a filler,
// a discourse marker, an intensifier ("just"), a stutter ("I I"), a cue
// standing alone before a comma ("okay, …") or a short vocative ("John,
// …").
func (l *lexicons) skipLead(f *turnFeatures, i, end int) int {
	for i < end {
		if i+1 < end && f.words[i] == f.words[i+1] {
			i++
			continue
		}
		if e, _ := l.match(f, i, end, lexFiller); e >= 0 {
			i = e
			continue
		}
		if e, _ := l.match(f, i, end, lexDiscourse); e >= 0 {
			i = e
			continue
		}
		if f.is(i, lexIntensifier) && i+1 < end {
			i++ // "just tell me…", "actually, what…"
			continue
		}
		if e, _ := l.match(f, i, end, lexAcknowledgment); e >= 0 && e < end && f.brks[e-1] == brkComma {
			i = e
			continue
		}
		if i+1 < end && f.brks[i] == brkComma && (f.info[i] == nil || !f.info[i].tagWord) {
			i++ // a vocative: "John, what …"
			continue
		}
		return i
	}
	return end
}

// next returns the first index ≥ i in [i, end) that is not a filler, or end.
func (f *turnFeatures) next(i, end int) int {
	for i < end && f.is(i, lexFiller) {
		i++
	}
	return i
}

// sentenceQuestion finds the interrogative form of sentence s, if any.
// Clause starts inside the sentence (after a comma or a false start) are
// searched for inverted word order and question frames, so a question
// after a preamble ("On a scale from 0 to 10, how confident are you") is
// found.
//
// lead is l.skipLead(f, s.start, s.end), which the caller has.
func (l *lexicons) sentenceQuestion(f *turnFeatures, s span, lead int) question {
	endsQ := f.brks[s.end-1] == brkQuestion
	if !endsQ && s.has&(classBit(clsWh|clsAux)|startsBit(lexOpenRequest)|startsBit(lexQuestionLead)) == 0 {
		return question{} // no question word, frame or "?"
	}
	// The first clause of a turn that continues a cut-off utterance is not
	// a sentence start: "-is a big con."
	first := !(f.continued && s.start == 0)
	bare := unpunctuated(f, s)
	for c := s.start; c < s.end; c++ {
		// In text without punctuation (speech-to-text output), a filler
		// or a discourse marker is where a new clause may start: "okay
		// uh thanks for that um can you read me the code".
		restart := bare && c > s.start && (f.is(c-1, lexFiller) || f.is(c-1, lexDiscourse) || bareInversion(f, c, s.end))
		if c > s.start && f.brks[c-1] != brkComma && f.brks[c-1] != brkDash && !f.has(c, clsJoiner) && !restart {
			continue
		}
		if restart {
			first = true
		}
		start := lead
		if c > s.start {
			start = l.skipLead(f, c, s.end)
		}
		if start >= s.end {
			break
		}
		if f.quoted != nil && f.quoted[start] {
			continue // reported speech: "How will I cope?"
		}
		if q := l.clauseQuestion(f, start, s.end, endsQ, first); q.asks() {
			q.endsQ, q.restart = endsQ, restart
			return q
		}
		first = false
	}
	if s.has&startsBit(lexOpenRequest) != 0 && s.has&classBit(clsSecond) != 0 {
		if q := l.embeddedRequest(f, s); q.asks() {
			q.endsQ = endsQ
			return q
		}
	}
	if k := inverted(f, s.start, s.end); k >= 0 && (f.quoted == nil || !f.quoted[k]) {
		return question{form: formWh, kind: l.whKind(f, k, s.end), endsQ: endsQ, at: k, end: min(k+3, s.end)}
	}
	if !endsQ {
		return question{}
	}
	start := lead
	if f.quoted != nil && f.quoted[s.end-1] {
		return question{}
	}
	if start >= s.end || s.end-start == 1 && youKnow(f, start) {
		return question{} // "Yeah?", "Okay?", "You know what?": not a question
	}
	// A tag question: "you were charged twice, right?".
	last := s.end - 1
	if last-start >= 2 && tagWords[f.words[last]] {
		return question{form: formTag, endsQ: true, at: last, end: s.end}
	}
	if last-start >= 3 {
		if tag := f.words[last-1] + " " + f.words[last]; tagInversions[tag] {
			return question{form: formTag, endsQ: true, at: last - 1, end: s.end}
		}
	}
	if l.isBackchannelRun(f, start, s.end) {
		return question{}
	}
	if k := moreItems(f, start, s.end); k >= 0 {
		return question{form: formMoreItems, endsQ: true, at: k - 1, end: k + 1}
	}
	// A wh-word in place: "and your mind says, what?".
	if f.has(last, clsWh) && !f.has(last, clsWhAux) && !youKnow(f, last) {
		return question{form: formWh, kind: l.whKind(f, last, s.end), endsQ: true, at: last, end: s.end}
	}
	if k, e, _ := l.find(f, start, s.end, lexOpenRequest); e >= 0 {
		return question{form: formOpenRequest, endsQ: true, at: k, end: e}
	}
	return question{form: formDeclarative, endsQ: true, at: start, end: s.end}
}

// unpunctuated reports a turn of more than 6 words with no punctuation at
// all, not even at its end: speech-to-text output without commas or
// sentence marks. s is its only sentence.
func unpunctuated(f *turnFeatures, s span) bool {
	if len(f.sents) != 1 || s.end-s.start <= 6 {
		return false
	}
	for k := s.start; k < s.end; k++ {
		if f.brks[k] != brkSpace {
			return false
		}
	}
	return true
}

// bareInversion reports an inverted auxiliary in the middle of an
// unpunctuated turn, where the missing "." or "?" would have been: "that
// is the safest level are you drinking more than that", "does that make
// sense". The word before must not be a subject, an auxiliary or a
// wh-word ("what you do you…", "the plan is it…" are not questions),
// except an auxiliary that ends a short clause after its pronoun subject
// when a new personal subject follows ("yes it is do you have a reading",
// "I can would you like that"; "I can do it" is no question). The
// subject must be a personal pronoun, or "that", "it" or "this" after a
// do-, will- or can-auxiliary ("would that be true").
func bareInversion(f *turnFeatures, c, end int) bool {
	if c+2 >= end || !f.has(c, clsAux) {
		return false
	}
	if f.has(c-1, clsSubject|clsPronoun|clsFirst|clsSecond|clsAux|clsWh) {
		// After a clause-ending auxiliary only a new subject starts a
		// question: "it is do you have", not "I can do it".
		if !clauseEndingAux(f, c-1) {
			return false
		}
		switch f.words[c+1] {
		case "you", "we", "they", "he", "she":
			return true
		}
		return false
	}
	switch f.words[c+1] {
	case "you", "we", "they", "he", "she", "i":
		return true
	case "that", "it", "this":
		switch f.words[c] {
		case "do", "does", "did", "would", "could", "will", "can":
			return true
		}
	}
	return false
}

// clauseEndingAux reports an auxiliary at k that ends an elliptical clause
// after its pronoun subject: "it is", "I do", "we can".
func clauseEndingAux(f *turnFeatures, k int) bool {
	if k < 1 || !f.has(k, clsAux) {
		return false
	}
	switch f.words[k-1] {
	case "it", "i", "we", "they", "he", "she", "that":
		return true
	}
	return false
}

// embeddedRequest finds an open request inside a clause addressed to the
// listener: "maybe you could tell me about…", "if you can walk me through
// it". A negation before it ("you didn't tell me about") cancels it.
func (l *lexicons) embeddedRequest(f *turnFeatures, s span) question {
	you, neg := false, false
	for k := s.start; k < s.end; k++ {
		if k > s.start && f.brks[k-1] != brkSpace {
			you, neg = false, false
		}
		if you && !neg {
			if e, _ := l.match(f, k, s.end, lexOpenRequest); e >= 0 {
				return question{form: formOpenRequest, at: k, end: e}
			}
		}
		switch {
		case f.has(k, clsSecond):
			you = true
		case f.has(k, clsNegation):
			neg = true
		}
	}
	return question{}
}

// isBackchannelRun reports whether words [i, end) are all backchannel or
// filler phrases.
func (l *lexicons) isBackchannelRun(f *turnFeatures, i, end int) bool {
	for i < end {
		e, _ := l.match(f, i, end, lexBackchannel)
		if e < 0 {
			e, _ = l.match(f, i, end, lexFiller)
		}
		if e < 0 {
			return false
		}
		i = e
	}
	return true
}

// clauseQuestion looks for a question at the clause starting at word c. The
// first clause of a sentence also accepts weaker evidence: a wh-word when
// the sentence ends in "?".
func (l *lexicons) clauseQuestion(f *turnFeatures, c, end int, endsQ, first bool) question {
	w := f.words[c]
	// "Tell me about…", "walk me through…".
	if e, _ := l.match(f, c, end, lexOpenRequest); e >= 0 {
		return question{form: formOpenRequest, at: c, end: e}
	}
	// "I wonder if…", "I'm curious what…".
	if e, _ := l.match(f, c, end, lexQuestionLead); e >= 0 {
		n := f.next(e, end)
		switch {
		case n < end && (f.words[n] == "if" || f.words[n] == "whether"):
			if k, e, _ := l.find(f, n+1, end, lexOpenRequest); e >= 0 {
				return question{form: formOpenRequest, at: k, end: e}
			}
			return question{form: formYesNo, at: c, end: n + 1}
		case n < end && f.has(n, clsWh):
			return question{form: formWh, kind: l.whKind(f, n, end), at: c, end: n + 1}
		case n < end && (f.words[n] == "about" || f.words[n] == "in" || f.words[n] == "hearing"):
			return question{form: formOpenRequest, at: c, end: n + 1}
		}
	}
	if f.has(c, clsWh) {
		if first && l.isWhQuestion(f, c, end, endsQ) || !first && l.whInversion(f, c, end, endsQ) {
			return question{form: formWh, kind: l.whKind(f, c, end), at: c, end: c + 1}
		}
		return question{}
	}
	// Inverted auxiliary: "do you…", "is it…", "can you…". After a
	// preamble it must end in "?": "one thing we talked about, was this…"
	// is a statement.
	if f.has(c, clsAux) && c+1 < end && (first || endsQ) {
		n := f.next(c+1, end)
		subj := clsSubject
		if w == "do" || w == "have" || w == "had" {
			subj = clsPronoun // "do that", "have a seat" are imperatives
		}
		if n < end && f.has(n, subj) {
			if k, e, _ := l.find(f, n+1, end, lexOpenRequest); e >= 0 {
				return question{form: formOpenRequest, at: k, end: e}
			}
			// "Is there anything else…": asking for more.
			if k := moreItems(f, n, end); k >= 0 {
				return question{form: formMoreItems, at: k - 1, end: k + 1}
			}
			// "Can I ask you what you like about it?", "do you have any
			// idea why?": a yes/no frame around an open question.
			if k := embeddedOpen(f, n+1, end); k >= 0 {
				return question{form: formEmbeddedOpen, at: k, end: k + 1}
			}
			return question{form: formYesNo, at: c, end: n + 1}
		}
	}
	return question{}
}

// embeddedOpen finds, in words [from, end) of a yes/no frame, the
// wh-word of an open question the frame asks: "do you have any idea
// why…" or a direct question after it ("can I ask you, what do you
// like…"). A free relative ("is that what you're saying?", "do you
// remember what happened?") leaves the frame a yes/no question. It
// returns the wh-word's index, or -1.
func embeddedOpen(f *turnFeatures, from, end int) int {
	if k := slices.Index(f.words[from:end], "why"); k >= 0 {
		return from + k
	}
	if k := inverted(f, from, end); k >= 0 && openWh[f.words[k]] {
		return k
	}
	return -1
}

// youKnow reports "you know" before word k: "you know what?" is an
// idiom, not a question.
func youKnow(f *turnFeatures, k int) bool {
	return k >= 2 && f.words[k-2] == "you" && f.words[k-1] == "know"
}

// moreItems returns the index of "else" after "any…" in words [from, end):
// "anything else", "anyone else". It returns -1 when there is none.
func moreItems(f *turnFeatures, from, end int) int {
	for k := from + 1; k < end; k++ {
		if f.words[k] == "else" && strings.HasPrefix(f.words[k-1], "any") {
			return k
		}
	}
	return -1
}

// whInversion reports a wh-word followed by an inverted auxiliary and its
// subject, with no break between them: "…, how confident are you". In a
// sentence ending in "?" the auxiliary is enough: "…, what's going on?".
func (l *lexicons) whInversion(f *turnFeatures, c, end int, endsQ bool) bool {
	if f.has(c, clsWhAux) {
		n := f.next(c+1, end)
		return endsQ || n < end && f.brks[c] == brkSpace && f.has(n, clsSubject)
	}
	for k := c + 1; k < end && k <= c+4; k++ {
		if f.brks[k-1] != brkSpace || declarativeOrder(f, k) {
			return false
		}
		if f.has(k, clsAux) {
			n := f.next(k+1, end)
			return endsQ && k == c+1 || n < end && f.brks[k] == brkSpace && f.has(n, clsPronoun)
		}
	}
	return false
}

// inverted finds a wh-word, an auxiliary and a personal pronoun in a row
// anywhere in words [from, end): "I'm trying to imagine what do you
// think". It returns the wh-word's index, or -1.
func inverted(f *turnFeatures, from, end int) int {
	for k := from; k+2 < end; k++ {
		if f.has(k, clsWh) && !f.has(k, clsWhAux) && f.has(k+1, clsAux) && f.has(k+2, clsPronoun) &&
			f.brks[k] == brkSpace && f.brks[k+1] == brkSpace && !suggestion(f, k, k+1, end) {
			return k
		}
	}
	return -1
}

// isWhQuestion reports whether the clause starting with the wh-word at c is
// a question rather than an embedded or relative clause ("what I'm hearing
// is…", "when you called…").
func (l *lexicons) isWhQuestion(f *turnFeatures, c, end int, endsQ bool) bool {
	if n := f.next(c+1, end); n >= end && youKnow(f, c) {
		return false // "You know what?"
	}
	if f.has(c, clsWhAux) {
		return !l.pseudoCleft(f, c+1, end, endsQ)
	}
	n := f.next(c+1, end)
	if n >= end {
		return endsQ // "Why?"
	}
	if suggestion(f, c, n, end) {
		return false // see sentenceQuestion for "why don't you tell me about…"
	}
	if f.has(n, clsAux) {
		return !l.pseudoCleft(f, n+1, end, endsQ)
	}
	if openAfterWh[f.words[n]] {
		return true
	}
	// A subject question: "what happened", "who called you", "what
	// brings you here"; "what happened was…" is a statement.
	if (f.words[c] == "what" || f.words[c] == "who") && pastOrPresent(f, n) {
		return !pseudoCleftFrom(f, n, end)
	}
	// "what kind of work do you…", "how many drinks have you…"; a subject
	// before the auxiliary is declarative order: "what I'm hearing is".
	for k := n; k < end && k <= n+4; k++ {
		if f.has(k, clsPronoun) || f.has(k, clsFirst) || f.has(k, clsSecond) {
			break
		}
		if m := f.next(k+1, end); f.has(k, clsAux) && m < end && f.has(m, clsSubject) {
			return true
		}
	}
	if endsQ {
		// "What I mean?" is an embedded clause, "what you're saying is
		// you're fed up?" a reflection; "how much?" is a question.
		if declarativeOrder(f, n) {
			return n+1 >= end || f.has(n+1, clsAux) && !pseudoCleftFrom(f, n+1, end)
		}
		return true
	}
	return false
}

// declarativeOrder reports a subject at word n, right after a wh-word:
// "what I…", "what you're…".
func declarativeOrder(f *turnFeatures, n int) bool {
	return f.has(n, clsPronoun) || f.has(n, clsFirst) || f.has(n, clsSecond)
}

// pseudoCleftFrom reports an "is" or "was" after word from: "what you're
// saying is…".
func pseudoCleftFrom(f *turnFeatures, from, end int) bool {
	for k := from + 1; k < end; k++ {
		if f.words[k] == "is" || f.words[k] == "was" {
			return true
		}
	}
	return false
}

// irregularPast are common irregular past forms that follow a subject
// "what" or "who": "what made you…", "who told you…".
var irregularPast = map[string]bool{"made": true, "brought": true, "went": true, "came": true,
	"took": true, "told": true, "gave": true, "led": true, "kept": true, "got": true,
	"caused": true, "happened": true}

// pastOrPresent reports whether word n looks like a finite verb after a
// subject wh-word: an irregular past form, or a word ending in "-ed" or
// "-s" that is not a function word ("happened", "brings", "worries").
func pastOrPresent(f *turnFeatures, n int) bool {
	w := f.words[n]
	if irregularPast[w] {
		return true
	}
	if !f.content(n) || len(w) < 4 {
		return false
	}
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "'s")
}

// suggestion reports "why don't we…", "how about you…": a proposal in
// question form, not a request for information.
func suggestion(f *turnFeatures, c, n, end int) bool {
	w := f.words[c]
	m := f.next(n+1, end)
	if m >= end {
		return false
	}
	switch {
	case w == "why" && f.words[n] == "don't":
		return f.words[m] == "we" || f.words[m] == "you" || f.words[m] == "i"
	case (w == "how" || w == "what") && f.words[n] == "about":
		return f.words[m] == "we" || f.words[m] == "you" || f.words[m] == "i" || f.words[m] == "we'll"
	}
	return false
}

// pseudoCleft reports a "what … is …" statement ("what is important is
// that…"): a second "is" or "was" after the one following the wh-word, in
// a sentence that does not end in "?".
func (l *lexicons) pseudoCleft(f *turnFeatures, from, end int, endsQ bool) bool {
	return !endsQ && pseudoCleftFrom(f, from, end)
}

// whKind says whether the wh-question starting at c is open or closed:
// "what", "how", "why" open; "which", "whose", "how many", "what time"
// closed.
func (l *lexicons) whKind(f *turnFeatures, c, end int) qKind {
	w, _, _ := strings.Cut(f.words[c], "'")
	if closedWh[w] {
		return qClosed
	}
	n := f.next(c+1, end)
	if n >= end || f.words[c] != w {
		return qOpen
	}
	next := f.words[n]
	switch {
	case w == "how" && !f.has(n, clsAux) && !declarativeOrder(f, n) && !openAfterWh[next] && !openAfterHow[next]:
		return qClosed // a degree: "how many", "how long", "how confident are you"
	case w == "what" && closedAfterWhat[next]:
		return qClosed // "what time", "what day"
	}
	return qOpen
}

// endsOn is how a turn ends, for the turn that answers it.
type endsOn uint8

const (
	endsOnStatement endsOn = iota
	endsOnQuestion         // a question that is the turn's last sentence
	endsOnYesNo            // such a question that asks for a yes or a no
)

// questionCues parses every sentence of f into d.qs and sets the
// question cues from the turn's question: its last sentence with
// interrogative form, the one the listener is asked to answer. It also
// sets the cues of what looks like a question but is not one (a
// suggestion, a backchannel with "?"), and reports how the turn ends.
func (d *detector) questionCues(f *turnFeatures) endsOn {
	cv := &d.cv
	main := -1
	d.leads = d.leads[:0]
	for si, s := range f.sents {
		start := d.lex.skipLead(f, s.start, s.end)
		d.leads = append(d.leads, start)
		q := d.lex.sentenceQuestion(f, s, start)
		d.qs = append(d.qs, q)
		if q.asks() {
			main = si
		}
		if !q.asks() && f.brks[s.end-1] == brkQuestion && d.lex.isBackchannelRun(f, s.start, s.end) {
			cv.set(cueBackchannelQuestion, s.start, s.end) // "Yeah?", "Really?"
		}
		if start >= s.end {
			continue
		}
		if e := suggestionAt(f, start, s.end); e > 0 {
			cv.set(cueSuggestion, start, e)
		}
	}
	if len(f.sents) == 1 && unpunctuated(f, f.sents[0]) {
		cv.setFlag(cueUnpunctuated)
	}
	if main < 0 {
		return endsOnStatement
	}
	q, s := d.qs[main], f.sents[main]
	if q.endsQ {
		cv.setFlag(cueQuestionMark)
	}
	ends := endsOnStatement
	if main == len(f.sents)-1 {
		cv.setFlag(cueQuestionAtEnd)
		ends = endsOnQuestion
	}
	if q.restart {
		cv.setFlag(cueMidTurnQuestion)
	}
	switch q.form {
	case formWh:
		cv.set(cueWhQuestion, q.at, q.end)
		if q.kind == qClosed {
			cv.set(cueAsksForOneFact, q.at, min(q.at+2, s.end))
		} else if e := d.lex.asksForDetail(f, q.at, s.end); e > 0 {
			cv.set(cueAsksForOneFact, q.at, e)
		}
	case formYesNo:
		cv.set(cueYesNoFrame, q.at, q.end)
		if e := d.lex.requestToAct(f, q, s.end); e > 0 {
			cv.set(cueRequestToAct, q.at, e)
		}
	case formOpenRequest:
		cv.set(cueOpenRequest, q.at, q.end)
	case formEmbeddedOpen:
		cv.set(cueEmbeddedOpen, q.at, q.end)
	case formMoreItems:
		cv.set(cueAsksForMore, q.at, q.end)
	case formTag:
		cv.set(cueTagQuestion, q.at, q.end)
	case formDeclarative:
		cv.setFlag(cueDeclarativeQuestion)
	}
	switch q.form {
	case formYesNo, formDeclarative, formTag:
		if q.endsQ {
			for k := q.end; k < s.end-1; k++ {
				if f.words[k] == "or" {
					cv.set(cueEitherOr, k, k+1)
					break
				}
			}
		}
		if ends == endsOnQuestion {
			ends = endsOnYesNo
		}
	}
	return ends
}

// suggestionAt reports "why don't we…", "how about you…", "what about
// we…" at word start: a proposal in question form. It returns the index
// after the frame, or 0.
func suggestionAt(f *turnFeatures, start, end int) int {
	if start+2 >= end || !f.has(start, clsWh) {
		return 0
	}
	if suggestion(f, start, start+1, end) {
		return start + 3
	}
	return 0
}

// detailDeterminers may stand between "what's" and the detail it asks for.
var detailDeterminers = map[string]bool{"your": true, "the": true, "his": true, "her": true,
	"their": true, "my": true, "our": true, "this": true, "that": true, "a": true}

// asksForDetail reports a "what" question for one detail of the
// "details" lexicon: "what's your account number", "what is the
// postcode on the account". It returns the index after the detail, or 0.
func (l *lexicons) asksForDetail(f *turnFeatures, at, end int) int {
	w := f.words[at]
	if w != "what" && w != "what's" && w != "what're" {
		return 0
	}
	k := at + 1
	if w == "what" && k < end {
		switch f.words[k] {
		case "is", "was", "are", "were":
			k++
		}
	}
	if k < end && detailDeterminers[f.words[k]] {
		k++
	}
	for j := k; j < end && j <= k+2; j++ {
		if e, _ := l.match(f, j, end, lexDetails); e >= 0 {
			return e
		}
	}
	return 0
}

// requestModals open a request: "could you…", "can you…".
var requestModals = map[string]bool{"can": true, "could": true, "would": true, "will": true,
	"won't": true}

// requestToAct reports a yes/no frame that asks the listener to do
// something: a modal, "you" and an instruction ("could you unplug it",
// "can you please restart"), not a request for information ("could you
// read me the code"). It returns the index after the instruction, or 0.
func (l *lexicons) requestToAct(f *turnFeatures, q question, end int) int {
	if !requestModals[f.words[q.at]] || f.words[q.end-1] != "you" {
		return 0
	}
	k := q.end
	for k < end && (f.words[k] == "please" || f.words[k] == "just" || f.skippable(k)) {
		k++
	}
	if e, p := l.match(f, k, end, lexInstruction); e >= 0 && p.text != "please" {
		return e
	}
	return 0
}
