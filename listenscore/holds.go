package listenscore

import (
	"slices"
	"time"
)

// This file finds holds: waits the agent side announces, how they were
// explained and how the agent came back. The hold metrics are in
// metrics.go; dead air, patience and monologues leave hold silences out
// (see the package documentation, Holds).

// A Hold is a wait the agent side announces ("one moment please", "let me
// put you on a brief hold", "it'll take about two minutes to restart"):
// from the announcing turn to the agent side's next turn, its return. On a
// timed call it is the silence between them, and an announcement after
// which no one is silent longer than Config.SilenceThreshold is no hold.
type Hold struct {
	// Turn is the announcing turn; Return the agent side's next turn that
	// is not a backchannel, or -1 when the call ends first.
	Turn, Return int
	// Announcement quotes the words that announce the hold.
	Announcement string
	// Timed reports a timed call, where Silence, Start and End are set:
	// Silence sums the gaps longer than Config.SilenceThreshold from the
	// announcement to the return; Start is when the first of them begins
	// and End when the last ends.
	Timed      bool
	Silence    time.Duration
	Start, End time.Duration
	// Explained quotes where the agent side said why or how long, in the
	// announcing turn or its turns just before (since the customer side
	// last said more than a backchannel); "" when it did not.
	Explained string
	// Thanked quotes the return's thanks or apology for the wait ("thank
	// you for holding", "sorry for the wait"); "" when there is none.
	Thanked string

	silences []int // the turns after the hold's silences
}

// A callCue is what an agent-side turn says that the call-level metrics
// read, each quoted; "" when the turn does not say it.
type callCue struct {
	hold     string // announces a hold or a wait
	reason   string // says why or how long; read only where a hold's explanation is sought
	back     string // comes back from a hold
	thanks   bool   // back thanks or apologises
	transfer string // announces a transfer or an escalation
}

// callCues holds the callCue of each turn that says one, by turn index.
type callCues map[int]callCue

// findCallCues reads every agent-side turn for its callCues. What explains a hold is
// read only in the turns where newHold seeks it: the announcing turn and
// the agent side's turns just before.
func findCallCues(t *Transcript, feats *callFeatures, lex *lexicons) callCues {
	var out callCues
	var sc turnScratch
	var strs strArena // the quotes
	const lexBits = 1<<lexHold | 1<<lexHoldReturn | 1<<lexTransfer
	// waitWords are the numbers of the words a waitLength starts with,
	// those the call says: a turn with none of them and no phrase of
	// lexBits says no callCue, and is not cut from feats.
	var waitWords []int32
	for _, w := range [...]string{"take", "takes", "give"} {
		if id, ok := feats.cw.lookup(w); ok {
			waitWords = append(waitWords, id, ^id)
		}
	}
	mayWait := func(i int) bool {
		for _, id := range feats.turnIDs(i) {
			if slices.Contains(waitWords, id) {
				return true
			}
		}
		return false
	}
	for i := range t.Turns {
		if t.Turns[i].Role != RoleAgent || feats.turns[i].wordCount == 0 {
			continue
		}
		if feats.turnStarts(i)&lexBits == 0 && (len(waitWords) == 0 || !mayWait(i)) {
			continue
		}
		f := feats.turn(i, &sc)
		var c callCue
		n := len(f.words)
		// The first phrase of each lexicon, in one pass over the words.
		for k, in := range f.info {
			if in == nil || in.startMask&lexBits == 0 {
				continue
			}
			if c.hold == "" && in.startMask&bit(lexHold) != 0 {
				if e, _ := lex.match(&f, k, n, lexHold); e >= 0 {
					c.hold = strs.quoteWords(&f, k, e)
				}
			}
			if c.back == "" && in.startMask&bit(lexHoldReturn) != 0 {
				if e, _ := lex.match(&f, k, n, lexHoldReturn); e >= 0 {
					c.back = strs.quoteWords(&f, k, e)
					for _, w := range f.words[k:e] {
						switch w {
						case "thank", "thanks", "appreciate", "sorry", "apologies", "apologise", "apologize":
							c.thanks = true
						}
					}
				}
			}
			if c.transfer == "" && in.startMask&bit(lexTransfer) != 0 {
				if e, _ := lex.match(&f, k, n, lexTransfer); e >= 0 {
					c.transfer = strs.quoteWords(&f, k, e)
				}
			}
		}
		if c.hold == "" {
			if s, e := waitLength(&f); s >= 0 {
				c.hold = strs.quoteWords(&f, s, e)
			}
		}
		if c != (callCue{}) {
			if out == nil {
				out = make(callCues)
			}
			out[i] = c
		}
	}
	var announced []int
	for a, c := range out {
		if c.hold != "" {
			announced = append(announced, a)
		}
	}
	slices.Sort(announced) // deterministic: each turn's reason is read once
	read := map[int]bool{}
	for _, a := range announced {
		for j := a; j >= 0 && explainsBefore(t, feats.turns, j); j-- {
			if t.Turns[j].Role != RoleAgent || read[j] {
				continue
			}
			read[j] = true
			f := feats.turn(j, &sc)
			if s, e := lex.holdReason(&f); s >= 0 {
				c := out[j]
				c.reason = strs.quoteWords(&f, s, e)
				out[j] = c
			}
		}
	}
	return out
}

// explainsBefore reports whether turn j can still explain a hold
// announced at or after it: an agent-side turn, or a customer-side turn
// that says nothing more than a backchannel. A customer's real turn starts
// another topic.
func explainsBefore(t *Transcript, feats []turnSummary, j int) bool {
	return t.Turns[j].Role == RoleAgent || feats[j].backchannel || feats[j].wordCount == 0
}

// quoteWords quotes words [from, to) of f, as reasons quote them, in a
// string cut from the arena.
func (a *strArena) quoteWords(f *turnFeatures, from, to int) string {
	var buf [128]byte
	return a.str(appendSpan(buf[:0], f, from, to))
}

// waitLength finds a wait said with its length: "take" or "takes", or
// "give it", then up to three words such as "about" or "up to", then a
// length in seconds or minutes (see durationAt): "it'll take about two
// minutes to restart", "give it thirty seconds". It returns the words'
// span, or -1, -1.
func waitLength(f *turnFeatures) (int, int) {
	for k, w := range f.words {
		j := k + 1
		switch {
		case w == "take" || w == "takes":
		case w == "give" && j < len(f.words) && f.words[j] == "it":
			j++
		default:
			continue
		}
		for skip := 0; j < len(f.words) && skip < 3 && approxWords[f.words[j]]; skip++ {
			j++
		}
		if e, unit, _ := durationAt(f, j); e > 0 && unit != "moment" {
			return k, e
		}
	}
	return -1, -1
}

// approxWords may stand between "take" and a length: "take about two
// minutes", "take up to a minute".
var approxWords = map[string]bool{"about": true, "around": true, "roughly": true,
	"approximately": true, "up": true, "to": true, "only": true, "just": true,
	"maybe": true, "probably": true, "another": true, "less": true, "than": true, "under": true}

// durationUnits are the units of a length of wait.
var durationUnits = map[string]string{"second": "second", "seconds": "second", "sec": "second",
	"secs": "second", "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
	"moment": "moment", "moments": "moment"}

// durationAt reads a length of wait at word k: up to four words of
// quantity ("a", "a couple of", "a few", "two or three", "30", "half a"),
// an optional "more", then a unit (second, minute, moment). It returns
// the index after the unit, the unit, and whether the quantity is one ("a
// second", "one minute"); 0 when there is no length at k.
func durationAt(f *turnFeatures, k int) (end int, unit string, one bool) {
	j := k
	for j < len(f.words) && j-k < 4 && (isNumber(f.words[j]) || quantityWords[f.words[j]]) {
		j++
	}
	if j == k {
		return 0, "", false
	}
	switch f.words[k] {
	case "a", "an", "one":
		one = j == k+1
	}
	if j < len(f.words) && f.words[j] == "more" {
		j++
	}
	if j < len(f.words) {
		if u, ok := durationUnits[f.words[j]]; ok {
			return j + 1, u, one
		}
	}
	return 0, "", false
}

// quantityWords say how many, besides numbers.
var quantityWords = map[string]bool{"a": true, "an": true, "couple": true, "of": true,
	"few": true, "several": true, "or": true, "and": true, "half": true}

// holdVerbs are the verbs of putting someone on hold, which give no
// reason for it.
var holdVerbs = map[string]bool{"put": true, "putting": true, "take": true, "taking": true,
	"place": true, "placing": true, "pop": true, "popping": true, "hold": true, "holding": true,
	"leave": true, "leaving": true, "keep": true, "keeping": true}

// reasonVerbs are verbs of finding out, besides the "action" lexicon's,
// that say why the agent side asks for a wait: "let me see", "to speak
// with billing".
var reasonVerbs = map[string]bool{"see": true, "speak": true, "talk": true, "ask": true,
	"consult": true, "read": true, "double-check": true, "look": true, "find": true, "grab": true}

// reasonLeads come before a verb that says why: "to check", "let me
// check", "I'll check", "just check".
var reasonLeads = map[string]bool{"to": true, "me": true, "i'll": true, "we'll": true,
	"just": true, "i": true, "we": true, "i'm": true}

// holdReason finds where a turn says why or how long a wait is: "while",
// "because", "so I can", "so that"; "to", "let me", "I'll" or "just"
// before a verb of the "action" lexicon or of finding out ("let me check
// with billing", "to speak to the adjuster"), not of holding ("let me put
// you on hold"); or a length in minutes, or in seconds other than one ("a
// few minutes", "thirty seconds"). It returns the words' span, or -1, -1.
func (l *lexicons) holdReason(f *turnFeatures) (int, int) {
	n := len(f.words)
	for k, w := range f.words {
		switch w {
		case "while", "because", "cause":
			return k, clauseEnd(f, k)
		case "so":
			if k+1 < n && (f.words[k+1] == "that" || f.words[k+1] == "i" || f.words[k+1] == "we") {
				return k, clauseEnd(f, k)
			}
		}
		if k > 0 && reasonLeads[f.words[k-1]] && !holdVerbs[w] && (reasonVerbs[w] || f.is(k, lexAction)) {
			from := k - 1
			if f.words[from] == "me" && from > 0 && f.words[from-1] == "let" {
				from--
			}
			return from, clauseEnd(f, k)
		}
		if e, unit, one := durationAt(f, k); e > 0 && (unit == "minute" || unit == "second" && !one) {
			return k, e
		}
	}
	return -1, -1
}

// clauseEnd returns the end of the clause that word k is in, at most
// eight words on: after the first word followed by punctuation.
func clauseEnd(f *turnFeatures, k int) int {
	for j := k; j < len(f.words) && j < k+8; j++ {
		if f.brks[j] != brkSpace {
			return j + 1
		}
	}
	return min(k+8, len(f.words))
}

// findHolds finds the holds of a call from its agent-side turns' callCues.
// silences are the gaps between all speech, in start order, on a timed
// call (nil otherwise); threshold is Config.SilenceThreshold.
func findHolds(t *Transcript, feats []turnSummary, cues callCues, silences []speechGap, timed bool, threshold time.Duration) []Hold {
	announced := false
	for _, c := range cues {
		announced = announced || c.hold != ""
	}
	if !announced {
		return nil
	}
	agentTurn := func(i int) bool {
		return t.Turns[i].Role == RoleAgent && !feats[i].backchannel && feats[i].wordCount > 0
	}
	var holds []Hold
	if !timed {
		for a := range t.Turns {
			if cues[a].hold == "" {
				continue
			}
			r := -1
			for j := a + 1; j < len(t.Turns); j++ {
				if agentTurn(j) {
					r = j
					break
				}
			}
			holds = append(holds, newHold(t, feats, cues, a, r))
		}
		return holds
	}
	// In start order: the turns after an announcement up to the agent
	// side's next turn, and the gaps before them.
	order := byStart(t, nil)
	gapBefore := make([]time.Duration, len(t.Turns)) // 0 before a turn without a gap
	for _, g := range silences {
		gapBefore[g.turn] = g.length
	}
	for p, a := range order {
		if cues[a].hold == "" {
			continue
		}
		h := Hold{Turn: a, Return: -1, Timed: true}
		for _, j := range order[p+1:] {
			if g := gapBefore[j]; g > threshold {
				if len(h.silences) == 0 {
					h.Start = t.Turns[j].Start - g
				}
				h.silences = append(h.silences, j)
				h.Silence += g
				h.End = t.Turns[j].Start
			}
			if agentTurn(j) {
				h.Return = j
				break
			}
		}
		if len(h.silences) == 0 {
			continue // no one waited: not a hold
		}
		hh := newHold(t, feats, cues, a, h.Return)
		hh.Timed, hh.Silence, hh.Start, hh.End, hh.silences = true, h.Silence, h.Start, h.End, h.silences
		holds = append(holds, hh)
	}
	return holds
}

// newHold returns the hold announced in turn a with its return r (-1 for
// none), with what explains it and the return's thanks.
func newHold(t *Transcript, feats []turnSummary, cues callCues, a, r int) Hold {
	h := Hold{Turn: a, Return: r, Announcement: cues[a].hold}
	for j := a; j >= 0 && explainsBefore(t, feats, j); j-- {
		if cues[j].reason != "" {
			h.Explained = cues[j].reason
			break
		}
	}
	if r >= 0 && cues[r].thanks {
		h.Thanked = cues[r].back
	}
	return h
}
