package listenscore

import (
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// Was the customer heard? The signals of not listening that show on the
// customer's side (repeating themselves, saying they are not heard) and
// on the agent's (asking for what it was told, proposing a fix before
// asking, summing up at the close). See the package documentation for
// each metric's definition; this file finds them, once per call.

// Thresholds of the signals; see the package documentation.
const (
	// minRepeatShared and minRepeatShare: a customer turn restates an
	// earlier one when they share at least this many content words, and
	// these are at least this share of the later turn's content words.
	minRepeatShared = 3
	minRepeatShare  = 0.4
	// maxRepeatLookback is how many of the customer's earlier turns a
	// turn is compared with.
	maxRepeatLookback = 30
	// minEntityDigits is the shortest number that is a detail (an
	// account, order or phone number): shorter ones are quantities.
	minEntityDigits = 3
	// solutionWindow is how many words after "I'll", "we can", "let me"
	// the verb of a commitment may come ("I'll just go ahead and send").
	solutionWindow = 5
)

// heardSignals are the signals of one call, found by findHeard.
type heardSignals struct {
	repeats, reasks  []turnReason // pairs: the turn, then the earlier one it goes back to
	nRepeats, nReask int
	complaints       []turnReason
	summaries        []turnReason
	solution         int // the agent's first proposal, instruction or fix; -1 when none
	solutionWhy      string
	firstCustomer    int // the customer's first turn with words; -1 when none
}

// A turnReason is a metric's evidence while it is being found: a turn and
// why it counts, a quarter of an Evidence's size while the list grows.
type turnReason struct {
	turn   int
	reason string
}

// evidenceOf returns trs as evidence.
func evidenceOf(trs []turnReason) []Evidence {
	if len(trs) == 0 {
		return nil
	}
	ev := make([]Evidence, len(trs))
	for k, tr := range trs {
		ev[k] = Evidence{Turn: tr.turn, Reason: tr.reason}
	}
	return ev
}

// entity is a detail a turn states: a number (its digits), an e-mail
// address, a date word, a name, an address or the problem.
type entity struct {
	slot  string // what it is: "account number", "email", "name", "problem", …
	value string // normalised: digits, a lower-case address, a word
	quote string // as said, for the reason; "" for words[from:to] of the turn, quoted when needed
	turn  int
	// from and to are the words said, in the turn; around widens the
	// quote by a few words (the problem).
	from, to int
	around   bool
}

// heardState is what findHeard keeps while it walks a call, reused from
// turn to turn.
type heardState struct {
	given    []entity          // what the customer has stated so far, each detail once
	texts    map[string]int32  // index in textList, by customer turn text
	textList []textSignals     // what each text gives
	entStore []entity          // the ents of textList, back to back
	givenAt  map[entityKey]int // the first of given by slot and value
	ents     []entity          // the current customer turn's
	slots    []string          // the current agent turn's asked details
	// The customer's last turns (maxRepeatLookback) in a ring: slot k
	// holds turn ringTurn[k] and its own content words' numbers in
	// ringWords[k]; ringNext is the slot to fill next, ringLen how many
	// are filled. preSlots has, by prefix, bit k set when slot k holds
	// a word with that prefix.
	ringTurn  [maxRepeatLookback]int
	ringWords [maxRepeatLookback][]int32
	ringNext  int
	ringLen   int
	preSlots  []uint32
	// The agent's content words since the customer last spoke, and
	// their prefixes marked with agentStamp in agentPre.
	agentWords []int32
	agentPre   []int32
	agentStamp int32
	// The current customer turn's own content words (not the agent's),
	// their prefixes marked with stamp in pre.
	own   []int32
	pre   []int32
	stamp int32
	hit   []int // scratch: the own words matched in one earlier turn
	base  int   // the view's first turn in the call, for reasons
	// lastAgent is the agent's last turn that is not a backchannel,
	// lastCustomer the customer's last turn with words.
	lastAgent, lastCustomer int
	b                       []byte
}

// customerFlags are the word flags that call for a customer turn's
// words: a phrase of a listening complaint, a repeat, a detail or the
// problem, a number or date, "again".
const customerFlags = 1<<lexListeningComplaint | 1<<lexRepeatMarker | 1<<lexDetails | 1<<lexProblem |
	flagEntity | flagAgain

// entityKey identifies a detail: what it is and its value.
type entityKey struct{ slot, value string }

// findHeard finds the signals of a call.
func (c *callStats) findHeard() *heardSignals {
	h := &heardSignals{solution: -1}
	t := c.t
	cw := c.fc.cw
	c.scored = make(map[string]int, len(t.Turns)/4)
	st := &heardState{givenAt: map[entityKey]int{}, texts: map[string]int32{},
		lastAgent: -1, lastCustomer: -1, base: c.base,
		agentPre: make([]int32, len(cw.byPrefix)+1), pre: make([]int32, len(cw.byPrefix)+1),
		preSlots: make([]uint32, len(cw.byPrefix)+1)}
	// The ring's slots start with room for most turns' words, cut from
	// one array; a longer turn's grows its slot.
	const ringRoom = 24
	ring := make([]int32, maxRepeatLookback*ringRoom)
	for k := range st.ringWords {
		st.ringWords[k] = ring[k*ringRoom : k*ringRoom : (k+1)*ringRoom]
	}
	firstCustomer := -1
	lastAsked := "" // the detail the agent's last turn asked for
	closing := 2 * len(t.Turns) / 3
	var sc turnScratch
	for i := range t.Turns {
		fs := &c.feats[i]
		if fs.wordCount == 0 {
			continue
		}
		role := t.Turns[i].Role
		switch role {
		case RoleCustomer:
			if firstCustomer < 0 {
				firstCustomer = i
			}
			// What a turn's text alone gives is read once per distinct
			// text ("Yeah.", "It's 4471."): its words' flags, its details,
			// a complaint, a repeat marker, its sentiment.
			tx := c.textSignals(st, i, lastAsked, &sc)
			fl := tx.fl
			st.ents = st.ents[:0]
			for _, e := range tx.ents {
				e.turn = i
				st.ents = append(st.ents, e)
			}
			if !fs.backchannel {
				c.findRepeat(h, st, i, fl, tx.said)
			}
			if tx.complaint != "" && st.lastAgent >= 0 {
				h.complaints = append(h.complaints, turnReason{i, tx.complaint})
			}
			for _, e := range st.ents {
				key := entityKey{e.slot, e.value}
				if _, ok := st.givenAt[key]; !ok {
					st.givenAt[key] = len(st.given)
					st.given = append(st.given, e) // first statements only
				}
			}
			if !fs.backchannel {
				st.remember(cw, i)
			}
			st.lastCustomer = i
		case RoleAgent:
			// Its words' flags: one look-up per word, cheaper than
			// hashing the text to find an equal turn's.
			fl := c.turnFlags(i)
			if !fs.backchannel {
				st.lastAgent = i
				for _, id := range c.fc.turnIDs(c.fcBase + i) {
					if id >= 0 {
						st.agentWords = append(st.agentWords, id)
						st.agentPre[cw.prefix[id]] = st.agentStamp
					}
				}
			}
			asks := fl&(bit(lexDetails)|bit(lexAsksForProblem)) != 0
			solves := h.solution < 0 && firstCustomer >= 0
			sums := i >= closing && fl&bit(lexClosingSummary) != 0
			if !asks && !solves && !sums {
				if !fs.backchannel {
					lastAsked = ""
				}
				continue
			}
			f := c.sigTurn(i, &sc)
			st.slots = st.slots[:0]
			if asks {
				st.slots = c.askedSlots(st.slots, &f)
			}
			if !fs.backchannel {
				lastAsked = ""
				for _, s := range st.slots {
					if s != "problem" {
						lastAsked = s
						break
					}
				}
			}
			if len(st.slots) > 0 && c.tags[i].Has(TagQuestion) {
				c.findReask(h, &f, i, st.slots, st.given)
			}
			if solves {
				if why := c.solutionIn(&f); why != "" {
					h.solution, h.solutionWhy = i, why
				}
			}
			if sums {
				if why := c.summaryIn(&f, i); why != "" {
					h.summaries = append(h.summaries, turnReason{i, why})
				}
			}
		}
	}
	h.firstCustomer = firstCustomer
	return h
}

// remember adds customer turn i, whose own words are in st.own, to the
// recent turns, dropping the oldest, and starts a new stretch of the
// agent's talk.
func (st *heardState) remember(cw *callWords, i int) {
	k := st.ringNext
	for _, w := range st.ringWords[k] {
		st.preSlots[cw.prefix[w]] &^= 1 << k
	}
	st.ringWords[k] = append(st.ringWords[k][:0], st.own...)
	for _, w := range st.own {
		st.preSlots[cw.prefix[w]] |= 1 << k
	}
	st.ringTurn[k] = i
	st.ringNext = (k + 1) % maxRepeatLookback
	st.ringLen = min(st.ringLen+1, maxRepeatLookback)
	st.agentWords = st.agentWords[:0]
	st.agentStamp++
}

// sharedWith returns how many of st.own (whose prefixes are marked in
// st.pre) share a stem with one of words, each counted once.
func (c *callStats) sharedWith(st *heardState, words []int32) int {
	cw := c.fc.cw
	shared := 0
	st.hit = st.hit[:0]
	for _, w := range words {
		if st.pre[cw.prefix[w]] != st.stamp {
			continue
		}
		for k, o := range st.own {
			if !slices.Contains(st.hit, k) && c.sameStem(o, w) {
				st.hit = append(st.hit, k)
				shared++
				break
			}
		}
	}
	return shared
}

// sameStem reports whether word numbers a and b share a stem: the same
// prefix first, which most pairs do not, then the stem.
func (c *callStats) sameStem(a, b int32) bool {
	cw := c.fc.cw
	return a == b || cw.prefix[a] == cw.prefix[b] && cw.stemOf(a) == cw.stemOf(b)
}

// Flags of a word for the signals (callStats.wordFlag): the signals'
// lexicons with phrases that start at the word (wordInfo.startMask bits)
// and these.
const (
	flagEntity = 1 << 28 // may be part of a detail: a digit, a spoken digit, a date word, "dot"
	flagVader  = 1 << 29 // in VADER's lexicon
	flagAgain  = 1 << 30 // "again"
	flagDone   = 1 << 31 // computed
)

// initWordFlags makes the per-word tables of wordFlag and sigTurn, once
// per call.
func (c *callStats) initWordFlags() {
	if c.sigInfo == nil {
		n := len(c.fc.cw.words)
		c.sigInfo, c.sigDone, c.flags = make([]*wordInfo, n), make([]bool, n), make([]uint32, n)
	}
}

// wordFlag returns the flags of word number m, computed once per call.
func (c *callStats) wordFlag(m int32) uint32 {
	c.initWordFlags()
	if f := c.flags[m]; f&flagDone != 0 {
		return f
	}
	w := c.fc.cw.words[m]
	if !c.sigDone[m] {
		c.sigInfo[m], c.sigDone[m] = c.sig.index.getHashed(w, hashWord(w)), true
	}
	f := uint32(flagDone)
	if in := c.sigInfo[m]; in != nil {
		f |= in.startMask
	}
	if _, ok := spokenDigit(w); ok || w[0] >= '0' && w[0] <= '9' || isDateWord(w) ||
		w == "dot" || w == "double" || w == "triple" {
		f |= flagEntity
	}
	if _, ok := vaderLexicon()[w]; ok {
		f |= flagVader
	}
	if w == "again" {
		f |= flagAgain
	}
	c.flags[m] = f
	return f
}

// turnFlags returns the union of the flags of turn i's words.
func (c *callStats) turnFlags(i int) uint32 {
	c.initWordFlags()
	var f uint32
	for _, id := range c.fc.turnIDs(c.fcBase + i) {
		m := max(id, ^id)
		wf := c.flags[m]
		if wf == 0 {
			wf = c.wordFlag(m)
		}
		f |= wf
	}
	return f
}

// textSignals is what a customer turn's text alone gives.
type textSignals struct {
	fl        uint32   // its words' flags (wordFlag)
	scoredAt  int      // a turn whose sentiment it shares; -1 for none
	asked     string   // the detail asked before, which names a bare number
	ents      []entity // the details it states (turn to be set)
	complaint string   // the reason of a listening complaint, or ""
	said      string   // a repeat marker, quoted, or ""
}

// textSignals returns what customer turn i's text gives, read once per
// distinct text (and detail asked before, when it states a number). The
// result points into st.textList: it is valid until the next call.
func (c *callStats) textSignals(st *heardState, i int, asked string, sc *turnScratch) *textSignals {
	tu := &c.t.Turns[i]
	text := tu.Text
	if c.sentiment == nil {
		c.sentiment = make([]Sentiment, len(c.t.Turns))
	}
	if k, ok := st.texts[text]; ok && (st.textList[k].asked == asked || len(st.textList[k].ents) == 0) {
		tx := &st.textList[k]
		_, label := sourceSentiment(tu.SentimentLabel)
		switch {
		case label || tx.scoredAt < 0 && tx.fl&flagVader == 0:
			c.scoreTurn(i, nil) // a source label, or no word of VADER's lexicon
		case tx.scoredAt < 0: // the text came first with a source label
			f := c.sigTurn(i, sc)
			c.scoreTurn(i, &f)
			tx.scoredAt = i
		default:
			c.sentiment[i] = c.sentiment[tx.scoredAt]
		}
		return tx
	}
	fl := c.turnFlags(i)
	// One slice holds every text's signals: one allocation per doubling,
	// not one per text.
	st.textList = append(st.textList, textSignals{asked: asked, fl: fl, scoredAt: -1})
	tx := &st.textList[len(st.textList)-1]
	st.texts[text] = int32(len(st.textList) - 1)
	fs := &c.feats[i]
	var f *turnFeatures
	scored := c.scoreAgain(i)
	if fl&customerFlags != 0 || fs.nameCue || !scored && (fl&flagVader != 0 || strings.ContainsAny(text, ":;=<@")) {
		ff := c.sigTurn(i, sc)
		f = &ff
	}
	if !scored {
		c.scoreTurn(i, f)
	}
	if _, label := sourceSentiment(tu.SentimentLabel); !label && f != nil {
		tx.scoredAt = i
	}
	if f == nil {
		return tx
	}
	if fl&customerFlags != 0 || fs.nameCue || strings.IndexByte(text, '@') >= 0 {
		from := len(st.entStore)
		st.entStore = c.entities(st.entStore, f, i, asked)
		tx.ents = st.entStore[from:len(st.entStore):len(st.entStore)]
	}
	if fl&bit(lexListeningComplaint) != 0 {
		if s, e, _ := c.sig.find(f, 0, len(f.words), lexListeningComplaint); s >= 0 {
			st.b = appendQuoted(append(st.b[:0], "says it is not being heard: "...), f.words[s:e]...)
			tx.complaint = c.strs.str(st.b)
		}
	}
	if fl&bit(lexRepeatMarker) != 0 {
		if s, e, _ := c.sig.find(f, 0, len(f.words), lexRepeatMarker); s >= 0 {
			tx.said = string(appendQuoted(st.b[:0], f.words[s:e]...))
		}
	}
	if fl&flagAgain != 0 && tx.said == "" {
		for _, s := range f.sents {
			if f.words[s.start] == "again" && f.brks[s.start] == brkComma {
				tx.said = `"again,"`
				break
			}
		}
	}
	return tx
}

// sigTurn returns the features of turn i as the signals read them: with
// the word entries of the signals' lexicons (lexicons.signals), looked up
// once per distinct word. Its words and entries are written to sc, valid
// until its next use.
func (c *callStats) sigTurn(i int, sc *turnScratch) turnFeatures {
	fc := c.fc
	c.initWordFlags()
	s := &fc.turns[c.fcBase+i]
	w0, w1 := int(s.word), int(s.word)+s.wordCount
	s0, s1 := int(s.sent), int(s.sent)+int(s.sentences)
	n := w1 - w0
	if cap(sc.words) < n || cap(sc.info) < n {
		sc.words, sc.info = make([]string, 2*n), make([]*wordInfo, 2*n)
	}
	words, info := sc.words[:n:n], sc.info[:n:n]
	off := fc.off[w0 : w1+1]
	for k, id := range fc.ids[w0:w1] {
		words[k] = fc.text[off[k]:off[k+1]]
		m := max(id, ^id)
		if !c.sigDone[m] {
			c.sigInfo[m], c.sigDone[m] = c.sig.index.getHashed(words[k], hashWord(words[k])), true
		}
		info[k] = c.sigInfo[m]
	}
	f := turnFeatures{turnSummary: *s, words: words, info: info,
		brks: fc.brks[w0:w1:w1], ids: fc.ids[w0:w1:w1], sents: fc.sents[s0:s1:s1]}
	if s.hasQuoted {
		f.quoted = fc.quoted[c.fcBase+i]
	}
	return f
}

// slotOf maps a phrase of the "details" lexicon to the detail it names,
// or "" for a detail whose value is not recognised in speech (a
// password, a balance).
func slotOf(phrase string) string {
	switch phrase {
	case "name", "full name", "first name":
		return "name"
	case "email", "email address", "e-mail":
		return "email"
	case "address":
		return "address"
	case "postcode", "post code", "zip", "zip code":
		return "postcode"
	case "date of birth", "birthday":
		return "date of birth"
	case "date":
		return "date"
	case "reference":
		return "reference number"
	case "mobile number":
		return "phone number"
	case "number":
		return "number"
	}
	if strings.HasSuffix(phrase, " number") {
		return phrase
	}
	return ""
}

// askedSlots appends to out the details a turn asks for: the "details" phrases
// in its sentences that end in "?" (anywhere when it has no "?"), and
// "problem" for a phrase of the "asks_for_problem" lexicon.
func (c *callStats) askedSlots(out []string, f *turnFeatures) []string {
	hasQ := slices.Contains(f.brks, brkQuestion)
	for _, s := range f.sents {
		if hasQ && f.brks[s.end-1] != brkQuestion {
			continue
		}
		for k := s.start; k < s.end; {
			if in := f.info[k]; in == nil || in.startMask&(bit(lexDetails)|bit(lexAsksForProblem)) == 0 {
				k++
				continue
			}
			e, p := c.sig.match(f, k, s.end, lexDetails)
			if e < 0 {
				if e2, _ := c.sig.match(f, k, s.end, lexAsksForProblem); e2 >= 0 {
					out = append(out, "problem")
					k = e2
					continue
				}
				k++
				continue
			}
			if slot := slotOf(p.text); slot != "" {
				out = append(out, slot)
			}
			k = e
		}
	}
	return out
}

// entities appends to out the details customer turn i states. A number's slot is
// the "details" phrase said within four words before it ("order 88123",
// "account number is 5512"), else what the agent's question before asked
// for (asked), else "number".
func (c *callStats) entities(out []entity, f *turnFeatures, i int, asked string) []entity {
	w := f.words
	lastSlot, lastAt := "", -10
	for k := 0; k < len(w); {
		if in := f.info[k]; in != nil && in.startMask&bit(lexDetails) != 0 {
			if e, p := c.sig.match(f, k, len(w), lexDetails); e >= 0 {
				if s := slotOf(p.text); s != "" {
					lastSlot, lastAt = s, e
				}
				k = e
				continue
			}
		}
		if c.flags[max(f.ids[k], ^f.ids[k])]&flagEntity == 0 {
			k++
			continue
		}
		if digits, e := numberAt(c.digits[:0], w, k); e > k {
			c.digits = digits
			if len(digits) >= minEntityDigits {
				slot := asked
				if k-lastAt <= 4 && lastSlot != "" && lastSlot != "name" && lastSlot != "email" {
					slot = lastSlot
				} else if k > 0 && numberKinds[w[k-1]] {
					slot = w[k-1] + " number" // "order 88123"
				}
				if slot == "" || slot == "name" || slot == "email" {
					slot = "number"
				}
				out = append(out, entity{slot: slot, value: c.strs.str(digits), turn: i, from: k, to: e})
			} else if end := streetAt(w, e); end > e {
				// "5 Mill Lane": the street's first word stands for it.
				out = append(out, entity{slot: "address", value: w[e], turn: i, from: k, to: end})
				k = end
				continue
			}
			k = e
			continue
		}
		if isDateWord(w[k]) {
			slot := "date"
			if asked == "date of birth" {
				slot = asked
			}
			out = append(out, entity{slot: slot, value: w[k], quote: w[k], turn: i})
		}
		k++
	}
	for _, m := range emailsIn(c.t.Turns[i].Text, w) {
		out = append(out, entity{slot: "email", value: m, quote: m, turn: i})
	}
	if f.nameCue {
		nw := appendNameWords(c.names[:0], c.t.Turns[i].Text)
		c.names = nw
		for k := range nw {
			if n := customerStatesName(nw, k); n != "" {
				out = append(out, entity{slot: "name", value: strings.ToLower(n), quote: n, turn: i})
				break
			}
		}
	}
	if f.contentWords >= c.cfg.MinSubstantiveWords {
		if s, e, _ := c.sig.find(f, 0, len(w), lexProblem); s >= 0 {
			out = append(out, entity{slot: "problem", turn: i, from: s, to: e, around: true})
		}
	}
	return out
}

// streetSuffixes end a street's name: "Mill Lane", "Baker Street". Those
// that are common words ("way", "place", "close") are left out: "2 days
// to place" is no address.
var streetSuffixes = map[string]bool{"street": true, "avenue": true, "ave": true, "road": true, "rd": true,
	"lane": true, "drive": true, "boulevard": true, "blvd": true, "terrace": true, "crescent": true,
	"parkway": true, "highway": true, "gardens": true}

// notStreetWords cannot be part of a street's name after a house number:
// "5 days to drive" is no address.
var notStreetWords = map[string]bool{"to": true, "the": true, "a": true, "of": true, "and": true, "in": true,
	"on": true, "at": true, "for": true, "or": true, "days": true, "weeks": true, "months": true, "years": true,
	"minutes": true, "hours": true, "times": true, "pounds": true, "dollars": true, "euros": true, "miles": true}

// streetAt returns the end of a street's name starting at word k of w,
// one to three words and a suffix ("mill lane", "north oak avenue"), or k
// when there is none: with the house number before it, an address.
func streetAt(w []string, k int) int {
	for e := k; e < len(w) && e <= k+3; e++ {
		switch {
		case e > k && streetSuffixes[w[e]]:
			return e + 1
		case notStreetWords[w[e]]:
			return k
		}
	}
	return k
}

// numberKinds name a number just before it: "order 88123", "account
// 5512".
var numberKinds = map[string]bool{"account": true, "order": true, "reference": true, "ticket": true,
	"case": true, "policy": true, "claim": true, "tracking": true, "card": true, "phone": true,
	"member": true, "invoice": true, "customer": true, "booking": true, "confirmation": true}

// quoteOf returns what the customer said of e, for a reason: up to eight
// words around the problem's phrase, the words of a number.
func (c *callStats) quoteOf(e *entity) string {
	if e.quote != "" {
		return e.quote
	}
	fc := c.fc
	first := int(fc.turns[c.fcBase+e.turn].word)
	n := fc.turns[c.fcBase+e.turn].wordCount
	from, to := e.from, e.to
	if e.around {
		from, to = max(0, from-3), min(n, max(to, from+1)+4)
	}
	var buf [128]byte
	b := buf[:0]
	if from > 0 && e.around {
		b = append(b, "…"...)
	}
	for k := from; k < to; k++ {
		if k > from {
			b = append(b, ' ')
		}
		b = append(b, fc.text[fc.off[first+k]:fc.off[first+k+1]]...)
	}
	if to < n && e.around {
		b = append(b, "…"...)
	}
	e.quote = c.strs.str(b)
	return e.quote
}

// spokenDigit returns the digit a word speaks, one digit each ("five",
// "oh"), and false for another word.
func spokenDigit(w string) (byte, bool) {
	switch w {
	case "zero", "oh":
		return '0', true
	case "one":
		return '1', true
	case "two":
		return '2', true
	case "three":
		return '3', true
	case "four":
		return '4', true
	case "five":
		return '5', true
	case "six":
		return '6', true
	case "seven":
		return '7', true
	case "eight":
		return '8', true
	case "nine":
		return '9', true
	}
	return 0, false
}

// numberAt reads the number at word k of w: a run of words written in
// digits ("5512", "55-12", "55 12") or of spoken digits ("five five one
// two", "double six"), and returns its digits, written over b, and the
// index after it; e is k when there is none.
func numberAt(b []byte, w []string, k int) (digits []byte, e int) {
	b, e = b[:0], k
	if w[k] != "" && w[k][0] >= '0' && w[k][0] <= '9' {
		for e < len(w) && w[e] != "" && w[e][0] >= '0' && w[e][0] <= '9' {
			for i := 0; i < len(w[e]); i++ {
				if d := w[e][i]; d >= '0' && d <= '9' {
					b = append(b, d)
				}
			}
			e++
		}
		return b, e
	}
	for e < len(w) {
		if d, ok := spokenDigit(w[e]); ok {
			b = append(b, d)
			e++
			continue
		}
		if (w[e] == "double" || w[e] == "triple") && e+1 < len(w) {
			if d, ok := spokenDigit(w[e+1]); ok {
				b = append(b, d, d)
				if w[e] == "triple" {
					b = append(b, d)
				}
				e += 2
				continue
			}
		}
		break
	}
	if len(b) < minEntityDigits || e-k < 2 {
		return b[:0], k // "one" or "two" alone is a word, not a detail
	}
	return b, e
}

// isDateWord reports a word that states a date: a month, a weekday,
// "yesterday".
func isDateWord(w string) bool {
	switch w {
	case "january", "february", "march", "april", "june", "july", "august", "september", "october",
		"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
		"sunday", "yesterday":
		return true
	}
	return false
}

// emailsIn returns the e-mail addresses in text, lower case: written
// ("dana@example.com") or spoken ("dana at example dot com", in words).
func emailsIn(text string, w []string) []string {
	var out []string
	if strings.IndexByte(text, '@') >= 0 {
		for f := range strings.FieldsSeq(text) {
			f = strings.Trim(f, vaderPunct)
			if at := strings.IndexByte(f, '@'); at > 0 && at < len(f)-1 {
				out = append(out, strings.ToLower(f))
			}
		}
	}
	for k := 1; k+3 < len(w); k++ {
		if w[k] != "at" || w[k+2] != "dot" || len(w[k+3]) > 4 {
			continue
		}
		local := w[k-1]
		for j := k - 2; j >= 1 && w[j] == "dot"; j -= 2 {
			local = w[j-1] + "." + local // "dana dot ito"
		}
		out = append(out, local+"@"+w[k+1]+"."+w[k+3])
	}
	return out
}

// findRepeat records customer turn i, whose words' flags are fl, as a
// repeat when it restates one of the customer's recent turns after the
// agent spoke, or says it repeats (said: "as I said", "again,").
// st.ents are the details turn i states, st.given those stated before.
func (c *callStats) findRepeat(h *heardSignals, st *heardState, i int, fl uint32, said string) {
	cw := c.fc.cw
	// The turn's distinct content words; own leaves out those the agent
	// used since the customer last spoke: taking up the agent's words, as
	// in answering its paraphrase, is not repeating.
	st.stamp++
	st.own = st.own[:0]
	total := 0
next:
	for _, id := range c.fc.turnIDs(c.fcBase + i) {
		if id < 0 {
			continue
		}
		p := cw.prefix[id]
		if st.pre[p] == st.stamp || st.pre[p] == -st.stamp {
			for _, o := range st.own {
				if c.sameStem(o, id) {
					continue next
				}
			}
		}
		total++
		if st.agentPre[p] == st.agentStamp {
			for _, a := range st.agentWords {
				if c.sameStem(a, id) {
					if st.pre[p] != st.stamp {
						st.pre[p] = -st.stamp
					}
					continue next
				}
			}
		}
		st.pre[p] = st.stamp
		st.own = append(st.own, id)
	}
	// A detail stated again that the agent did not just say.
	for _, e := range st.ents {
		if e.slot == "problem" || e.slot == "date" {
			continue
		}
		k, ok := st.givenAt[entityKey{e.slot, e.value}]
		if !ok {
			continue
		}
		g := st.given[k]
		if st.lastAgent > g.turn && !c.agentSaid(st.lastCustomer+1, i, e) {
			st.b = append(append(append(st.lead(g.turn), "states the "...), e.slot...), " again, "...)
			st.b = appendQuoted(st.b, c.quoteOf(&e))
			c.addRepeat(h, i, g.turn, st.b)
			return
		}
	}
	// The content of an earlier turn, restated.
	best, bestShared := -1, 0 // best is a ring slot
	// Too few words of its own to restate anything, and no marker: no
	// need to look.
	need := max(minRepeatShared, int(math.Ceil(minRepeatShare*float64(total))))
	marker := fl&(bit(lexRepeatMarker)|flagAgain) != 0
	if len(st.own) >= need || marker {
		// The slots sharing a prefix with each own word, counted: an
		// upper bound of the words each shares, checked by stem only
		// where it could reach need.
		var bound [maxRepeatLookback]int
		for _, o := range st.own {
			for m := st.preSlots[cw.prefix[o]]; m != 0; m &= m - 1 {
				bound[bits.TrailingZeros32(m)]++
			}
		}
		for n := 1; n <= st.ringLen; n++ {
			k := (st.ringNext - n + maxRepeatLookback) % maxRepeatLookback
			if bound[k] == 0 || bound[k] < need && !marker || st.lastAgent < st.ringTurn[k] {
				continue // the agent has not spoken since: one utterance
			}
			shared := c.sharedWith(st, st.ringWords[k])
			if shared > bestShared {
				best, bestShared = k, shared
			}
			if bestShared >= need {
				break // the most recent turn it restates
			}
		}
	}
	if best >= 0 && bestShared >= need {
		bestTurn := st.ringTurn[best]
		b := strconv.AppendInt(st.lead(bestTurn), int64(bestShared), 10)
		b = append(b, " of its "...)
		b = strconv.AppendInt(b, int64(total), 10)
		b = append(b, " content words again"...)
		quoted := 0
		for _, o := range st.own {
			for _, w := range st.ringWords[best] {
				if c.sameStem(o, w) {
					if quoted < 4 {
						b = appendQuoted(append(b, ", "...), cw.words[o])
					}
					quoted++
					break
				}
			}
		}
		st.b = b
		c.addRepeat(h, i, bestTurn, b)
		return
	}
	// Saying so.
	if said == "" {
		return
	}
	if best >= 0 && bestShared > 0 {
		c.addRepeat(h, i, st.ringTurn[best], append(append(st.lead(st.ringTurn[best]), "says so, "...), said...))
		return
	}
	h.nRepeats++
	h.repeats = append(h.repeats, turnReason{i, c.strs.str(append(append(st.b[:0], "says they are repeating themselves, "...), said...))})
}

// lead starts the reason of a repeat of turn j in st.b.
func (st *heardState) lead(j int) []byte {
	return append(strconv.AppendInt(append(st.b[:0], "repeats what the customer said in turn "...), int64(st.base+j), 10), ": "...)
}

// saidFirst is the reason of the earlier turn of a repeat, which the
// evidence lists right after the repeat.
const saidFirst = "what the customer said first (the repeat is listed just before)"

// addRepeat records customer turn i as a repeat of turn j, with the reason
// b, and turn j as the one it goes back to.
func (c *callStats) addRepeat(h *heardSignals, i, j int, b []byte) {
	h.nRepeats++
	h.repeats = append(h.repeats, turnReason{i, c.strs.str(b)}, turnReason{j, saidFirst})
}

// agentSaid reports whether an agent turn in [from, to) states e's value:
// the agent played it back, so the customer's saying it is a
// confirmation.
func (c *callStats) agentSaid(from, to int, e entity) bool {
	for k := from; k < to; k++ {
		if c.t.Turns[k].Role == RoleAgent && c.statesValue(k, e) {
			return true
		}
	}
	return false
}

// statesValue reports whether turn k states e's value.
func (c *callStats) statesValue(k int, e entity) bool {
	text := c.t.Turns[k].Text
	switch e.slot {
	case "name":
		return containsName(text, e.quote)
	case "email":
		return strings.Contains(strings.ToLower(text), e.value) ||
			strings.Contains(strings.ToLower(text), e.value[:strings.IndexByte(e.value, '@')])
	case "problem":
		return c.tags[k].Has(TagParaphrase)
	case "address":
		return containsName(text, e.value) // the street: "that's Mill Lane, right?"
	}
	f := c.fc.turn(c.fcBase+k, &c.valSC)
	var buf [32]byte
	for j := 0; j < len(f.words); {
		if d, e2 := numberAt(buf[:0], f.words, j); e2 > j {
			if string(d) == e.value || len(d) >= 4 && len(d) <= len(e.value) && e.value[len(e.value)-len(d):] == string(d) {
				return true
			}
			j = e2
			continue
		}
		if f.words[j] == e.value {
			return true
		}
		j++
	}
	return false
}

// findReask records agent question turn i, which asks for slots, when it
// asks for a detail the customer has already given, without playing it
// back.
func (c *callStats) findReask(h *heardSignals, f *turnFeatures, i int, slots []string, given []entity) {
	if slices.Contains(f.words, "spell") {
		return // asking to spell is clarifying, not asking again
	}
	for _, slot := range slots {
		var found *entity
		for k := len(given) - 1; k >= 0; k-- {
			g := &given[k]
			if g.slot == slot || slot == "number" && strings.HasSuffix(g.slot, "number") ||
				slot == "reference number" && g.slot == "reference" {
				found = g
				break
			}
		}
		if found == nil {
			continue
		}
		if c.statesValue(i, *found) {
			return // a confirmation: "that's 5512, right?"
		}
		h.nReask++
		var buf [256]byte
		b := append(append(buf[:0], "asks for the "...), slot...)
		b = strconv.AppendInt(append(b, " again: the customer gave it in turn "...), int64(c.turnNo(found.turn)), 10)
		b = appendQuoted(append(b, ", "...), c.quoteOf(found))
		h.reasks = append(h.reasks, turnReason{i, c.strs.str(b)})
		b = append(append(b[:0], "gave the "...), slot...)
		b = appendQuoted(append(b, ", "...), c.quoteOf(found))
		b = strconv.AppendInt(append(b, "; asked for again in turn "...), int64(c.turnNo(i)), 10)
		h.reasks = append(h.reasks, turnReason{found.turn, c.strs.str(b)})
		return
	}
}

// lookUpVerbs are action verbs that look something up rather than fix
// it: "let me check", "I'll pull up your account" are not a solution.
var lookUpVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range []string{"check", "confirm", "find", "investigate", "look", "review", "verify",
		"pull", "bring", "note", "log", "record", "flag", "mark", "get", "put", "search", "see"} {
		for _, f := range verbForms(v) {
			m[f] = true
		}
	}
	return m
}()

// goAheadWords may stand between a commitment opener and its verb.
var goAheadWords = map[string]bool{"go": true, "ahead": true, "and": true, "now": true, "also": true,
	"quickly": true, "personally": true, "then": true, "be": true, "able": true, "to": true}

// waitWords make an instruction a request to wait or a reassurance, not a
// solution: "please hold", "hang on a moment", "don't worry", "take your
// time".
var waitWords = []string{"hold", "hang", "moment", "second", "minute", "bear", "worry", "time", "line", "wait"}

// solutionIn returns why agent turn f proposes, instructs or fixes, or
// "": a phrase of the "solution" lexicon; a commitment to act ("I'll",
// "we will", "I can", "I've", "let me", "I'm going to" followed within a
// few words by an action verb that does not look something up); or a
// sentence that opens with an instruction, unless it asks for a detail or
// to wait.
func (c *callStats) solutionIn(f *turnFeatures) string {
	w := f.words
	if s, e, _ := c.sig.find(f, 0, len(w), lexSolution); s >= 0 {
		return c.strs.str(appendQuoted([]byte("proposes a solution, "), w[s:e]...))
	}
	for k := 0; k < len(w); k++ {
		from := commitmentAt(w, k)
		if from < 0 {
			continue
		}
		for j := from; j < len(w) && j < from+solutionWindow && f.brks[j-1] < brkRestart; j++ {
			if f.skippable(j) || goAheadWords[w[j]] {
				continue // "I'll just go ahead and send"
			}
			if f.is(j, lexAction) && !lookUpVerbs[w[j]] {
				return c.strs.str(appendQuoted([]byte("commits to a fix, "), w[k:j+1]...))
			}
			break // "I can see…": the first verb decides
		}
	}
	for _, s := range f.sents {
		start := s.start
		for start < s.end && (f.is(start, lexDiscourse) || f.is(start, lexFiller)) {
			start++
		}
		if start >= s.end || !c.sig.startsInstruction(f, start, s.end) {
			continue
		}
		sent := w[start:s.end]
		if slices.ContainsFunc(sent, func(x string) bool { return slices.Contains(waitWords, x) }) {
			continue
		}
		if d, _, _ := c.sig.find(f, start, s.end, lexDetails); d >= 0 {
			continue
		}
		return c.strs.str(appendQuoted([]byte("instructs, "), w[start:min(s.end, start+6)]...))
	}
	return ""
}

// commitmentAt returns the index after a commitment opener at word k of
// w ("i'll", "we will", "i can", "i've", "let me", "i'm going to"), or -1.
func commitmentAt(w []string, k int) int {
	next := func(n int, want ...string) bool {
		return k+n < len(w) && slices.Contains(want, w[k+n])
	}
	switch w[k] {
	case "i'll", "we'll", "i've", "we've":
		return k + 1
	case "i", "we":
		if next(1, "will", "can", "have") {
			return k + 2
		}
	case "let":
		if next(1, "me", "us") {
			return k + 2
		}
	case "i'm", "we're":
		if next(1, "gonna") {
			return k + 2
		}
		if next(1, "going") && next(2, "to") {
			return k + 3
		}
	}
	return -1
}

// futureWords state what will happen or has been done, or when: a recap
// in noun phrases ("an assessor today, a call by tomorrow") plans too.
var futureWords = []string{"will", "i'll", "you'll", "we'll", "it'll", "they'll", "that'll", "he'll",
	"she'll", "i've", "we've", "gonna", "going", "today", "tomorrow", "tonight", "within"}

// summaryIn returns why agent turn i, in the call's last third, sums up
// at the close, or "": a phrase of the "closing_summary" lexicon, and
// what was done or will happen (the turn commits to action, or says
// "will", "you'll", "I've", …).
func (c *callStats) summaryIn(f *turnFeatures, i int) string {
	s, e, _ := c.sig.find(f, 0, len(f.words), lexClosingSummary)
	if s < 0 {
		return ""
	}
	b := appendQuoted([]byte("sums up at the close, "), f.words[s:e]...)
	switch k := slices.IndexFunc(f.words[e:], func(x string) bool { return slices.Contains(futureWords, x) }); {
	case k >= 0:
		b = appendQuoted(append(b, " … "...), f.words[e+k:min(len(f.words), e+k+4)]...)
	case c.tags[i].Has(TagActionCommitment):
		b = append(b, " … and commits to action"...)
	default:
		return ""
	}
	return c.strs.str(b)
}

// The metrics of being heard.

func (c *callStats) customerRepeats() Metric {
	if !c.speaks[RoleCustomer] {
		return notComputable(silent(RoleCustomer))
	}
	return validMetric(float64(c.heard.nRepeats), evidenceOf(c.heard.repeats))
}

func (c *callStats) agentReasks() Metric {
	if !c.speaks[RoleAgent] {
		return notComputable(silent(RoleAgent))
	}
	return validMetric(float64(c.heard.nReask), evidenceOf(c.heard.reasks))
}

func (c *callStats) listeningComplaints() Metric {
	if !c.speaks[RoleCustomer] {
		return notComputable(silent(RoleCustomer))
	}
	return validMetric(float64(len(c.heard.complaints)), evidenceOf(c.heard.complaints))
}

// noSolution is the note when the agent proposes nothing.
const noSolution = "the agent proposes no solution, instruction or fix after the customer speaks"

func (c *callStats) questionsBeforeSolution() Metric {
	if !c.speaks[RoleAgent] {
		return notComputable(silent(RoleAgent))
	}
	h := c.heard
	if h.solution < 0 {
		return notComputable(noSolution)
	}
	var ev []Evidence
	for _, i := range c.byTag[tagRank(TagQuestion)] {
		if i < h.solution && c.roles[i] == RoleAgent {
			ev = append(ev, Evidence{Turn: i, Reason: "asks before the first solution: " + c.tags[i].Reason(TagQuestion)})
		}
	}
	n := len(ev)
	ev = append(ev, Evidence{Turn: h.solution, Reason: "first solution: " + h.solutionWhy})
	return validMetric(float64(n), ev)
}

func (c *callStats) secondsToFirstSolution() Metric {
	if !c.speaks[RoleAgent] {
		return notComputable(silent(RoleAgent))
	}
	h := c.heard
	if h.solution < 0 {
		return notComputable(noSolution)
	}
	first, sol := c.t.Turns[h.firstCustomer], c.t.Turns[h.solution]
	if !first.HasStart || !sol.HasStart {
		return notComputable("needs the start times of the customer's first turn and of the solution")
	}
	d := max(0, sol.Start-first.Start)
	var buf [96]byte
	b := appendSecondsUnit(append(buf[:0], "the customer starts at "...), first.Start)
	ev := []Evidence{{Turn: h.firstCustomer, Reason: c.strs.str(b)}}
	b = appendSecondsUnit(append(buf[:0], "first solution, "...), d)
	b = append(append(b, " later: "...), h.solutionWhy...)
	ev = append(ev, Evidence{Turn: h.solution, Reason: c.strs.str(b)})
	return validMetric(d.Seconds(), ev)
}

func (c *callStats) closingSummary() Metric {
	if !c.speaks[RoleAgent] {
		return notComputable(silent(RoleAgent))
	}
	return validMetric(float64(len(c.heard.summaries)), evidenceOf(c.heard.summaries))
}
