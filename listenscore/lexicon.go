package listenscore

import (
	"embed"
	"math/bits"
	"slices"
	"strings"
	"sync"
)

// The phrase lists, one file per lexicon: lexicons/NAME.txt, one phrase a
// line, "#" starting a comment.
//
//go:embed lexicons/*.txt
var lexiconFiles embed.FS

// lexID identifies a lexicon. The order is alphabetical by name, which is
// the order [Lexicons] lists them in.
type lexID uint8

const (
	lexAcknowledgment     lexID = iota // verbal cues that show the listener heard
	lexAction                          // action verbs, the <action> slot of action_commitment
	lexActionCommitment                // promises to act ("I'll send")
	lexAsksForProblem                  // questions for the customer's problem ("how can I help")
	lexBackchannel                     // short listener responses
	lexCare                            // concern, hope and warmth ("hang in there")
	lexClosingSummary                  // lead-ins of a summary at the close ("so to recap")
	lexCourtesy                        // thanks for patience, procedural apologies
	lexDefensive                       // blaming, deflecting, arguing
	lexDetails                         // details a caller is asked for ("account number")
	lexDiscourse                       // discourse markers skipped at a sentence start
	lexEmotion                         // feeling words, the <emotion> slot of empathy
	lexEmpathy                         // naming, validating or sharing a feeling
	lexFiller                          // disfluencies: not content, skipped inside phrases
	lexHedge                           // words that weaken a commitment ("hopefully")
	lexHold                            // hold and wait announcements ("one moment please")
	lexHoldReturn                      // returns from a hold ("thanks for holding")
	lexInstruction                     // openings of instructions ("you need to", "click")
	lexIntensifier                     // adverbs skipped inside phrases ("so", "really")
	lexListeningComplaint              // a customer not heard ("you're not listening")
	lexOpenRequest                     // requests that open a question ("tell me about")
	lexPlayback                        // paraphrase lead-ins ("it sounds like")
	lexProblem                         // words of trouble ("not working", "charged twice")
	lexQuestionLead                    // embedded-question frames ("I wonder")
	lexRepeatMarker                    // a customer repeating ("as I said")
	lexSidesWithCustomer               // siding with the listener ("that's on us")
	lexSocialFormula                   // greetings, thanks, goodbyes
	lexSolution                        // proposals and fixes ("have you tried", "I'd recommend")
	lexStopwords                       // function words: not content
	lexTransfer                        // transfer and escalation announcements
	lexUnderstandingCheck              // checks of shared understanding
	numLex
)

var lexNames = [numLex]string{
	"acknowledgment", "action", "action_commitment", "asks_for_problem", "backchannel", "care",
	"closing_summary", "courtesy", "defensive", "details", "discourse", "emotion", "empathy",
	"filler", "hedge", "hold", "hold_return", "instruction", "intensifier", "listening_complaint",
	"open_request", "playback", "problem", "question_lead", "repeat_marker", "sides_with_customer",
	"social_formula", "solution", "stopwords", "transfer", "understanding_check",
}

// bit is the membership bit of a lexicon in wordInfo.member.
func bit(id lexID) uint32 { return 1 << id }

// Lexicons lists the names of the phrase lexicons that Config.AddPhrases
// and Config.RemovePhrases edit, in alphabetical order. A phrase is a
// sequence of words matched on word boundaries, case-insensitively, with
// typographic apostrophes folded to "'". Between the words of a phrase,
// fillers and intensifiers are skipped, so "that sounds frustrating" also
// matches "that sounds, um, really frustrating". A phrase word written
// "<action>" or "<emotion>" stands for any one-word phrase of that lexicon.
func Lexicons() []string { return slices.Clone(lexNames[:]) }

// DefaultPhrases returns the embedded phrases of the named lexicon, in the
// form they are matched ([NormalizePhrase]), in file order; ok is false for
// a name not in [Lexicons]. A rubric uses it to tell a phrase it removes
// from a misspelt one.
func DefaultPhrases(lexicon string) (phrases []string, ok bool) {
	id, ok := lexByName(lexicon)
	if !ok {
		return nil, false
	}
	return slices.Clone(defaultLexicons().lists[id]), true
}

// NormalizePhrase returns phrase in the form phrases are matched: its
// words as the analysis splits them, lower case, one space apart ("I’m
// SORRY " becomes "i'm sorry").
func NormalizePhrase(phrase string) string { return normalizePhrase(phrase) }

func isLexicon(name string) bool {
	_, ok := lexByName(name)
	return ok
}

func lexByName(name string) (lexID, bool) {
	for i, n := range lexNames {
		if n == name {
			return lexID(i), true
		}
	}
	return 0, false
}

// wordClass is a word's grammatical role in the question detector. The
// classes are fixed grammar, not editable phrases.
type wordClass uint16

const (
	clsWh       wordClass = 1 << iota // what, how, why, …
	clsWhAux                          // what's, how's: a wh-word with its auxiliary
	clsAux                            // auxiliaries and modals that invert in questions
	clsSubject                        // words that can open a subject after an inverted auxiliary
	clsPronoun                        // personal pronouns: the only subjects after "do", "have"
	clsFirst                          // first person singular: I, me, my, I'm
	clsSecond                         // second person: you, your, you're
	clsJoiner                         // conjunctions that start a clause: and, but
	clsNegation                       // not, never, don't
)

// callLexicons are the lexicons the call-level metrics read (holds and
// transfers) and no tag does: their words leave the tags as they were.
const callLexicons = 1<<lexHold | 1<<lexHoldReturn | 1<<lexTransfer

// wordInfo is what the lexicons know about one word.
type wordInfo struct {
	member uint32    // bit(id) set when the word alone is a phrase of lexicon id
	class  wordClass // grammar classes
	// tagWord is set when the word is a word of the grammar classes or of
	// a phrase of a lexicon the tags read (any but callLexicons): a word
	// no tag knows may be a name ("John, what…").
	tagWord bool
	// starts holds the phrases whose first word can be this word, by
	// lexicon, longest first; lexicon id's are starts[at[id]:at[id+1]].
	starts []*phrase
	at     [numLex + 1]uint32
	// startMask has bit(id) set when startsOf(id) is not empty.
	startMask uint32
	// The phrases of the anywhereMask lexicons that start here, split
	// for speed: tagNext by their literal second word, tagOther the rest.
	tagNext  map[*wordInfo][]*phrase
	tagOther []*phrase
	// bloom is the word's bit in seconds: one of 64, by its hash.
	bloom uint64
	// seconds has, for each lexicon with phrases that start here (the
	// bits of startMask, in order), the bloom bits of those phrases'
	// literal second words; loose has bit(id) set when one of lexicon
	// id's phrases has no literal second word (one word, or a slot).
	// match rejects most words with them at once.
	seconds []uint64
	loose   uint32
	// anywhereSeconds is the union of seconds over the anywhereMask
	// lexicons: phraseCues's rejection of a word before any look-up.
	anywhereSeconds uint64
}

// lexOrdinal returns the index in seconds of lexicon id, which must have
// phrases that start with the word.
func (in *wordInfo) lexOrdinal(id lexID) int {
	return bits.OnesCount32(in.startMask & (bit(id) - 1))
}

// startsOf returns the phrases of lexicon id that can start with the word.
func (in *wordInfo) startsOf(id lexID) []*phrase {
	return in.starts[in.at[id]:in.at[id+1]]
}

// elem is one word of a phrase: a literal word, or a slot that matches any
// one-word phrase of another lexicon.
type elem struct {
	info *wordInfo // a literal word's entry: words are compared by entry
	slot lexID
	any  bool // a slot
}

// phrase is one entry of a lexicon.
type phrase struct {
	lex   lexID
	text  string // normalized: lower-case words joined by single spaces
	elems []elem
	// second is the entry of the literal second word, nil when the
	// phrase has one word or a slot there: matchAt's fast rejection.
	second *wordInfo
	// third is the entry of the literal third word, nil when the phrase
	// has fewer words or a slot there: phraseCues's fast rejection.
	third *wordInfo
}

// lexicons is the compiled form of every lexicon: a word index that answers
// membership and grammar questions with one map look-up per word, and gives
// the phrases that can start at a word. It is immutable once built.
type lexicons struct {
	lists [numLex][]string // normalized phrase texts, sorted, deduplicated
	vocab map[string]*wordInfo
	index wordIndex // vocab again, for the look-up of every word of a call
	// signals holds the lexicons of the signals of being heard
	// (signalLexicons) with those they share with the tags
	// (sharedWithSignals), compiled apart: their words are not in vocab,
	// so that editing or adding them cannot change a tag (the tags read
	// a word in no lexicon as a name or a noun). Nil in a signals
	// lexicons itself.
	signals *lexicons
}

// signalLexicons are the lexicons only the signals of being heard read;
// sharedWithSignals are tag lexicons they read too.
const (
	signalLexicons = 1<<lexAsksForProblem | 1<<lexClosingSummary | 1<<lexListeningComplaint |
		1<<lexProblem | 1<<lexRepeatMarker | 1<<lexSolution
	sharedWithSignals = 1<<lexDetails | 1<<lexAction | 1<<lexInstruction | 1<<lexDiscourse |
		1<<lexFiller | 1<<lexIntensifier
)

// compileTags compiles the tags' lexicons of lists, without the signals'.
func compileTags(lists [numLex][]string) *lexicons {
	var tagLists [numLex][]string
	for id := range numLex {
		if bit(id)&signalLexicons == 0 {
			tagLists[id] = lists[id]
		}
	}
	return compileLexicons(tagLists)
}

// compileSignals compiles the signals' lexicons of lists, with those
// they share with the tags.
func compileSignals(lists [numLex][]string) *lexicons {
	var sigLists [numLex][]string
	for id := range numLex {
		if bit(id)&(signalLexicons|sharedWithSignals) != 0 {
			sigLists[id] = slices.Clone(lists[id])
		}
	}
	return compileLexicons(sigLists)
}

// compileAll compiles the tags' lexicons and, apart, the signals'.
func compileAll(lists [numLex][]string) *lexicons {
	l := compileTags(lists)
	l.signals = compileSignals(lists)
	for id := range numLex {
		if bit(id)&signalLexicons != 0 {
			l.lists[id] = l.signals.lists[id]
		}
	}
	return l
}

// wordIndex is an open-addressing hash table of a vocabulary: a faster
// look-up than a map for the short words of a transcript.
type wordIndex struct {
	words []string    // by slot; "" in an empty slot
	infos []*wordInfo // by slot; nil in an empty slot
	mask  uint32      // len(words)-1, a power of two minus one
}

func newWordIndex(vocab map[string]*wordInfo) wordIndex {
	size := 16
	for size < 2*len(vocab) {
		size *= 2
	}
	x := wordIndex{words: make([]string, size), infos: make([]*wordInfo, size), mask: uint32(size - 1)}
	for w, in := range vocab {
		i := hashWord(w) & x.mask
		for x.infos[i] != nil {
			i = (i + 1) & x.mask
		}
		x.words[i], x.infos[i] = w, in
	}
	return x
}

// hashWord is FNV-1a.
func hashWord(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h ^= uint32(w[i])
		h *= 16777619
	}
	return h
}

// getHashed returns the entry of word w, whose hashWord is h, or nil.
func (x *wordIndex) getHashed(w string, h uint32) *wordInfo {
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		in := x.infos[i]
		if in == nil || x.words[i] == w {
			return in
		}
	}
}

// defaultLexicons compiles the embedded phrase lists, once.
var defaultLexicons = sync.OnceValue(func() *lexicons {
	var lists [numLex][]string
	for id, name := range lexNames {
		data, err := lexiconFiles.ReadFile("lexicons/" + name + ".txt")
		if err != nil {
			panic("listenscore: missing embedded lexicon " + name) // a build defect
		}
		for line := range strings.Lines(string(data)) {
			line, _, _ = strings.Cut(line, "#")
			if p := normalizePhrase(line); p != "" {
				lists[id] = append(lists[id], p)
			}
		}
	}
	return compileAll(lists)
})

// buildLexicons returns the default lexicons with cfg's edits applied:
// first RemovePhrases, then AddPhrases. Without edits the shared default
// is returned as is.
func buildLexicons(cfg Config) *lexicons {
	def := defaultLexicons()
	if len(cfg.AddPhrases) == 0 && len(cfg.RemovePhrases) == 0 {
		return def
	}
	lists := def.lists
	for name, phrases := range cfg.RemovePhrases {
		id, ok := lexByName(name)
		if !ok {
			continue // Config.Validate reports it
		}
		drop := make(map[string]bool, len(phrases))
		for _, p := range phrases {
			drop[normalizePhrase(p)] = true
		}
		lists[id] = slices.DeleteFunc(slices.Clone(lists[id]), func(p string) bool { return drop[p] })
	}
	for name, phrases := range cfg.AddPhrases {
		id, ok := lexByName(name)
		if !ok {
			continue
		}
		lists[id] = slices.Clone(lists[id])
		for _, p := range phrases {
			if p = normalizePhrase(p); p != "" {
				lists[id] = append(lists[id], p)
			}
		}
	}
	// Recompile only the side the edits touch: the tags' lexicons, the
	// signals', or both.
	var edited uint32
	for _, edits := range []map[string][]string{cfg.AddPhrases, cfg.RemovePhrases} {
		for name := range edits {
			if id, ok := lexByName(name); ok {
				edited |= bit(id)
			}
		}
	}
	switch {
	case edited&signalLexicons == edited:
		l := *def
		l.signals = compileSignals(lists)
		for id := range numLex {
			if bit(id)&signalLexicons != 0 {
				l.lists[id] = l.signals.lists[id]
			}
		}
		return &l
	case edited&(signalLexicons|sharedWithSignals) == 0:
		l := compileTags(lists)
		l.signals = def.signals
		for id := range numLex {
			if bit(id)&signalLexicons != 0 {
				l.lists[id] = def.lists[id]
			}
		}
		return l
	}
	return compileAll(lists)
}

// normalizePhrase tokenizes a phrase the way turns are tokenized, keeping
// "<name>" slot words for the word lexicons "action" and "emotion".
func normalizePhrase(p string) string {
	var words []string
	for field := range strings.FieldsSeq(p) {
		if slotName, ok := strings.CutPrefix(field, "<"); ok {
			if slotName, ok = strings.CutSuffix(slotName, ">"); ok && isSlotLexicon(slotName) {
				words = append(words, field)
				continue
			}
		}
		words = append(words, tokenize(field).words...)
	}
	return strings.Join(words, " ")
}

func isSlotLexicon(name string) bool { return name == "action" || name == "emotion" }

// compileLexicons builds the word index from normalized phrase lists.
func compileLexicons(lists [numLex][]string) *lexicons {
	l := &lexicons{vocab: make(map[string]*wordInfo, 1024)}
	entry := func(w string) *wordInfo {
		in := l.vocab[w]
		if in == nil {
			in = &wordInfo{}
			l.vocab[w] = in
		}
		return in
	}
	var all []*phrase
	for id := range numLex {
		slices.Sort(lists[id])
		lists[id] = slices.Compact(lists[id])
		for _, text := range lists[id] {
			p := &phrase{lex: id, text: text}
			for w := range strings.SplitSeq(text, " ") {
				var e elem
				if name, ok := strings.CutPrefix(w, "<"); ok {
					e.slot, _ = lexByName(strings.TrimSuffix(name, ">"))
					e.any = true
				} else {
					e.info = entry(w)
					e.info.tagWord = e.info.tagWord || bit(id)&callLexicons == 0
				}
				p.elems = append(p.elems, e)
			}
			if len(p.elems) == 1 && !p.elems[0].any {
				entry(text).member |= bit(id)
			}
			if len(p.elems) > 1 && !p.elems[1].any {
				p.second = p.elems[1].info
			}
			if len(p.elems) > 2 && !p.elems[2].any {
				p.third = p.elems[2].info
			}
			all = append(all, p)
		}
	}
	l.lists = lists
	for _, p := range all {
		first := p.elems[0]
		if !first.any {
			first.info.starts = append(first.info.starts, p)
			continue
		}
		for _, w := range lists[first.slot] {
			if !strings.Contains(w, " ") {
				in := entry(w)
				in.starts = append(in.starts, p)
			}
		}
	}
	for _, in := range l.vocab {
		slices.SortFunc(in.starts, func(a, b *phrase) int {
			if a.lex != b.lex {
				return int(a.lex) - int(b.lex)
			}
			if d := len(b.elems) - len(a.elems); d != 0 {
				return d
			}
			return strings.Compare(a.text, b.text)
		})
		k := 0
		for id := range numLex {
			in.at[id] = uint32(k)
			for k < len(in.starts) && in.starts[k].lex == id {
				k++
			}
		}
		in.at[numLex] = uint32(k)
		for _, p := range in.starts {
			in.startMask |= bit(p.lex)
			if bit(p.lex)&anywhereMask == 0 {
				continue
			}
			if len(p.elems) < 2 || p.elems[1].any {
				in.tagOther = append(in.tagOther, p)
				continue
			}
			if in.tagNext == nil {
				in.tagNext = make(map[*wordInfo][]*phrase)
			}
			in.tagNext[p.elems[1].info] = append(in.tagNext[p.elems[1].info], p)
		}
	}
	// An action verb's forms are members of its lexicon too, so that
	// "<action>" matches "credited", "sent" and "escalating".
	for _, w := range lists[lexAction] {
		if !strings.Contains(w, " ") {
			for _, form := range verbForms(w) {
				in := entry(form)
				in.member |= bit(lexAction)
				in.tagWord = true
			}
		}
	}
	for class, words := range grammarClasses {
		for _, w := range words {
			in := entry(w)
			in.class |= class
			in.tagWord = true
		}
	}
	for w, in := range l.vocab {
		in.bloom = 1 << (hashWord(w) & 63)
	}
	for _, in := range l.vocab {
		if in.startMask != 0 {
			in.seconds = make([]uint64, bits.OnesCount32(in.startMask))
		}
		for _, p := range in.starts {
			if len(p.elems) < 2 || p.elems[1].any {
				in.loose |= bit(p.lex)
			} else {
				in.seconds[in.lexOrdinal(p.lex)] |= p.elems[1].info.bloom
				if bit(p.lex)&anywhereMask != 0 {
					in.anywhereSeconds |= p.elems[1].info.bloom
				}
			}
		}
	}
	l.index = newWordIndex(l.vocab)
	return l
}

// irregularForms are the irregular past forms of common action verbs.
// "get" has none here: "I've got your account" is having, not acting.
var irregularForms = map[string][]string{
	"send": {"sent"}, "put": {"put"}, "set": {"set"},
	"take": {"took", "taken"}, "find": {"found"}, "make": {"made"}, "give": {"gave", "given"},
	"pay": {"paid"}, "reship": {"reshipped"}, "ship": {"shipped"}, "write": {"wrote", "written"},
	"do": {"did", "done"}, "run": {"ran"}, "leave": {"left"}, "tell": {"told"}, "bring": {"brought"},
}

// verbForms returns a verb's forms: itself, -s, -ed, -ing (with the
// usual spelling changes) and its irregular past forms.
func verbForms(v string) []string {
	forms := append([]string{v, v + "s"}, irregularForms[v]...)
	stem := v
	switch {
	case strings.HasSuffix(v, "e"):
		stem = v[:len(v)-1]
		forms = append(forms, v+"d", stem+"ing")
		return forms
	case strings.HasSuffix(v, "y") && len(v) > 2 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		forms = append(forms, v[:len(v)-1]+"ied", v+"ing", v[:len(v)-1]+"ies")
		return forms
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x"):
		forms = append(forms, v+"es")
	}
	forms = append(forms, stem+"ed", stem+"ing")
	if n := len(v); n >= 3 && !strings.ContainsRune("aeiouwxy", rune(v[n-1])) &&
		strings.ContainsRune("aeiou", rune(v[n-2])) && !strings.ContainsRune("aeiou", rune(v[n-3])) {
		// A short final syllable doubles its consonant: "stopped".
		d := v + v[n-1:]
		forms = append(forms, d+"ed", d+"ing")
	}
	return forms
}

// is reports whether word i of f is, alone, a phrase of lexicon id.
func (f *turnFeatures) is(i int, id lexID) bool {
	in := f.info[i]
	return in != nil && in.member&bit(id) != 0
}

// has reports whether word i of f belongs to the grammar class c.
func (f *turnFeatures) has(i int, c wordClass) bool {
	in := f.info[i]
	return in != nil && in.class&c != 0
}

// skipMask marks the words skipped between the words of a phrase.
const skipMask = 1<<lexFiller | 1<<lexIntensifier

// skippable reports whether word i may be skipped between the words of a
// phrase: a filler or an intensifier.
func (f *turnFeatures) skippable(i int) bool {
	in := f.info[i]
	return in != nil && in.member&skipMask != 0
}

// match finds the longest phrase of lexicon id that starts at word i and
// ends by word end, and returns the index after its last word, or -1.
func (l *lexicons) match(f *turnFeatures, i, end int, id lexID) (int, *phrase) {
	if i >= end || f.info[i] == nil || f.info[i].startMask&bit(id) == 0 {
		return -1, nil
	}
	in := f.info[i]
	if in.loose&bit(id) == 0 {
		// Every phrase has a literal second word: the next word must be
		// one of them, or a filler or an intensifier that may stand
		// between (see matchAt).
		if i+1 >= end {
			return -1, nil
		}
		next := f.info[i+1]
		if next == nil || next.member&skipMask == 0 && next.startMask&bit(lexFiller) == 0 &&
			in.seconds[in.lexOrdinal(id)]&next.bloom == 0 {
			return -1, nil
		}
	}
	for _, p := range in.startsOf(id) {
		if e := p.matchAt(f, i, end); e >= 0 {
			return e, p
		}
	}
	return -1, nil
}

// find returns the first match of lexicon id in words [from, end), as the
// start and end of the matched words, or -1, -1.
func (l *lexicons) find(f *turnFeatures, from, end int, id lexID) (int, int, *phrase) {
	for i := from; i < end; i++ {
		if e, p := l.match(f, i, end, id); e >= 0 {
			return i, e, p
		}
	}
	return -1, -1, nil
}

// matchAt matches p at word i, skipping fillers and intensifiers between
// its words, and returns the index after the last matched word, or -1.
func (p *phrase) matchAt(f *turnFeatures, i, end int) int {
	// Fast rejection on the second word, the usual outcome.
	if p.second != nil && i+1 < end {
		next := f.info[i+1]
		if next != p.second && (next == nil || next.member&skipMask == 0 && next.startMask&bit(lexFiller) == 0) {
			return -1
		}
	}
	// The first word: the phrase is usually indexed under it.
	if e := &p.elems[0]; f.info[i] != e.info && (i >= end || !e.matches(f, i)) {
		return -1
	}
	j := i + 1
	for k := 1; k < len(p.elems); k++ {
		e := &p.elems[k]
		for j < end && !e.matches(f, j) {
			if f.skippable(j) {
				j++
			} else if fe := fillerPhraseAt(f, j, end); fe > j {
				j = fe
			} else {
				break
			}
		}
		if j >= end || !e.matches(f, j) {
			return -1
		}
		j++
	}
	return j
}

// fillerPhraseAt returns the end of a filler phrase of several words
// ("you know", "kind of") at word i, or -1.
func fillerPhraseAt(f *turnFeatures, i, end int) int {
	if f.info[i] == nil || f.info[i].startMask&bit(lexFiller) == 0 {
		return -1
	}
next:
	for _, p := range f.info[i].startsOf(lexFiller) {
		if len(p.elems) < 2 || i+len(p.elems) > end {
			continue
		}
		for k := range p.elems {
			if !p.elems[k].matches(f, i+k) {
				continue next
			}
		}
		return i + len(p.elems)
	}
	return -1
}

func (e *elem) matches(f *turnFeatures, i int) bool {
	if e.any {
		return f.is(i, e.slot)
	}
	return f.info[i] == e.info
}
