package listenscore

import (
	"cmp"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file holds the shared timing machinery behind the talk, timing and
// interruption metrics: turn spans, gaps between speech, talk intervals and
// their overlaps, speaker stretches, and interruptions. Each metric in
// metrics.go takes what it needs from here, so every loop over time exists
// once.

// turnSpan returns a turn's start and end, and false when it lacks either
// time. An end before the start (possible only in a Transcript built in
// code; the readers reject it) is read as the start.
func turnSpan(tu Turn) (start, end time.Duration, ok bool) {
	if !tu.HasStart || !tu.HasEnd {
		return 0, 0, false
	}
	return tu.Start, max(tu.End, tu.Start), true
}

// byStart returns the indexes of the turns that have both times and that
// include accepts (nil accepts all), ordered by start time and then by
// index.
func byStart(t *Transcript, include func(i int) bool) []int {
	order := make([]int, 0, len(t.Turns))
	for i := range t.Turns {
		if tu := &t.Turns[i]; tu.HasStart && tu.HasEnd && (include == nil || include(i)) {
			order = append(order, i)
		}
	}
	byTime := func(a, b int) int { return cmp.Compare(t.Turns[a].Start, t.Turns[b].Start) }
	if !slices.IsSortedFunc(order, byTime) { // most transcripts are in order already
		slices.SortStableFunc(order, byTime)
	}
	return order
}

// A speechGap is the time between the end of all earlier speech and the
// start of a turn.
type speechGap struct {
	turn   int           // the turn after the gap
	prev   int           // the earlier turn that ended last
	length time.Duration // turn's start minus prev's end; negative when turn starts before prev ends
}

// gaps returns a gap for every turn that include accepts (nil accepts all)
// except the first, in start order. "Earlier" speech is that of the
// accepted turns before it in [byStart] order; of several that end at the
// same latest time, prev is the first. Silence before the first turn is
// not a gap: the recording may open with ringing or a menu.
func gaps(t *Transcript, include func(i int) bool) []speechGap {
	return gapsIn(t, byStart(t, nil), include)
}

// gapsIn is gaps over order, which is byStart(t, nil): the call's order,
// found once for all the timing helpers that read it.
func gapsIn(t *Transcript, order []int, include func(i int) bool) []speechGap {
	n := countIncluded(order, include)
	if n == 0 {
		return nil
	}
	out := make([]speechGap, 0, n-1)
	for g := range eachGap(t, order, include) {
		out = append(out, g)
	}
	return out
}

// eachGap yields the gaps that gapsIn returns, in order, without keeping
// them.
func eachGap(t *Transcript, order []int, include func(i int) bool) iter.Seq[speechGap] {
	return func(yield func(speechGap) bool) {
		prev := -1
		var prevEnd time.Duration
		for _, i := range order {
			if include != nil && !include(i) {
				continue
			}
			start, end, _ := turnSpan(t.Turns[i])
			if prev < 0 {
				prev, prevEnd = i, end
				continue
			}
			if !yield(speechGap{turn: i, prev: prev, length: start - prevEnd}) {
				return
			}
			if end > prevEnd {
				prev, prevEnd = i, end
			}
		}
	}
}

// countIncluded returns how many of order include accepts (nil accepts
// all).
func countIncluded(order []int, include func(i int) bool) int {
	if include == nil {
		return len(order)
	}
	n := 0
	for _, i := range order {
		if include(i) {
			n++
		}
	}
	return n
}

// A talkInterval is a stretch of time during which a party talks: the union
// of its overlapping or touching turns.
type talkInterval struct {
	start, end time.Duration
	first      int // the earliest-starting turn of the interval
}

// talkIntervals returns the union of the spans of the timed turns with
// role r, in time order.
func talkIntervals(t *Transcript, r Role) []talkInterval {
	return talkIntervalsIn(t, byStart(t, nil), r)
}

// talkIntervalsIn is talkIntervals over order, which is byStart(t, nil).
func talkIntervalsIn(t *Transcript, order []int, r Role) []talkInterval {
	has := func(i int) bool { return t.Turns[i].Role == r }
	var out []talkInterval
	if n := countIncluded(order, has); n > 0 {
		out = make([]talkInterval, 0, n) // at most one per turn
	}
	for _, i := range order {
		if !has(i) {
			continue
		}
		start, end, _ := turnSpan(t.Turns[i])
		if n := len(out); n > 0 && start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, end)
			continue
		}
		out = append(out, talkInterval{start: start, end: end, first: i})
	}
	return out
}

// totalTime returns the summed length of intervals that do not overlap.
func totalTime(ivs []talkInterval) time.Duration {
	var sum time.Duration
	for _, iv := range ivs {
		sum += iv.end - iv.start
	}
	return sum
}

// bothTalk returns the non-empty intersections of two time-ordered,
// non-overlapping interval lists: the times when both parties talk. Each
// piece's first is the first turn of whichever of its two intervals started
// later (the turn that began the overlap; on equal starts, a's).
func bothTalk(a, b []talkInterval) []talkInterval {
	var out []talkInterval
	for i, j := 0, 0; i < len(a) && j < len(b); {
		start, end := max(a[i].start, b[j].start), min(a[i].end, b[j].end)
		if start < end {
			first := a[i].first
			if b[j].start > a[i].start {
				first = b[j].first
			}
			out = append(out, talkInterval{start: start, end: end, first: first})
		}
		if a[i].end < b[j].end {
			i++
		} else {
			j++
		}
	}
	return out
}

// A stretch is a speaker's continuous hold of the floor: consecutive turns
// of one speaker label, in source order. A backchannel turn ("mm-hmm", "I
// see") of another speaker does not end the stretch and is not part of it;
// any other turn of another speaker starts a new stretch. A backchannel
// when no one holds the floor (the first turn) starts a stretch.
type stretch struct {
	speaker string
	role    Role
	turns   []int // the speaker's turns, in source order
}

// stretches splits the transcript into stretches, in source order.
func stretches(t *Transcript, feats []turnSummary) []stretch {
	// Count them first, by the rule below, to allocate out once.
	n, last := 0, ""
	for i := range t.Turns {
		switch sp := t.Turns[i].Speaker; {
		case n > 0 && last == sp:
		case n > 0 && feats[i].backchannel:
		default:
			n, last = n+1, sp
		}
	}
	var out []stretch
	if n > 0 {
		out = make([]stretch, 0, n)
	}
	// The stretches' turns, back to back: turns are only ever added to the
	// last stretch.
	all := make([]int, 0, len(t.Turns))
	for i := range t.Turns {
		tu := &t.Turns[i]
		n := len(out)
		switch {
		case n > 0 && out[n-1].speaker == tu.Speaker:
			all = append(all, i)
			out[n-1].turns = out[n-1].turns[:len(out[n-1].turns)+1]
		case n > 0 && feats[i].backchannel:
			// A listener's backchannel: the floor stays with the speaker.
		default:
			all = append(all, i)
			out = append(out, stretch{speaker: tu.Speaker, role: tu.Role, turns: all[len(all)-1:]})
		}
	}
	for k := range out {
		out[k].turns = slices.Clip(out[k].turns)
	}
	return out
}

// length returns the time from the stretch's first start to its latest end,
// and false when one of its turns lacks a time.
func (s stretch) length(t *Transcript) (time.Duration, bool) {
	first, last, ok := turnSpan(t.Turns[s.turns[0]])
	if !ok {
		return 0, false
	}
	for _, i := range s.turns[1:] {
		_, end, ok := turnSpan(t.Turns[i])
		if !ok {
			return 0, false
		}
		last = max(last, end)
	}
	return last - first, true
}

// An interruption is a turn that takes the floor from another speaker.
type interruption struct {
	turn  int // the interrupting turn
	other int // the interrupted turn
	// overlap is how long other still ran after turn started; 0 when
	// found from a cut-off (untimed transcripts).
	overlap time.Duration
}

// interruptions finds the turns that interrupt the other side (see
// turnSides: an agent interrupts the customer side, never a colleague). A
// backchannel is never an interruption and is never interrupted.
//
// Between turns that both have a start and an end, a turn interrupts when
// it starts while a turn of the other side that started strictly earlier
// is still running, by more than minOverlap. Every earlier timed turn of
// the other side is considered, not only the previous turn: the
// interrupted turn is the other side's latest-ending one.
//
// Where this turn or the one just before it lacks a time (an untimed
// transcript, or a turn without an end in a timed one), a turn interrupts
// when the turn just before it, of the other side, ends visibly cut off
// ("so I was-").
func interruptions(t *Transcript, feats []turnSummary, minOverlap time.Duration) []interruption {
	return interruptionsIn(t, byStart(t, nil), turnSides(t), feats, minOverlap)
}

// interruptionsIn is interruptions over order, which is byStart(t, nil),
// and sides, which is turnSides(t).
func interruptionsIn(t *Transcript, order []int, sides []string, feats []turnSummary, minOverlap time.Duration) []interruption {
	floor := func(i int) bool { return !feats[i].backchannel }
	var cut []interruption
	for i := 1; i < len(t.Turns); i++ {
		_, _, timed := turnSpan(t.Turns[i])
		_, _, prevTimed := turnSpan(t.Turns[i-1])
		if timed && prevTimed {
			continue // the overlap decides, below
		}
		if sides[i] != sides[i-1] && feats[i-1].cutOff && floor(i) && floor(i-1) {
			cut = append(cut, interruption{turn: i, other: i - 1})
		}
	}
	// Sweep in start order, keeping the latest-ending turn seen (best) and
	// the latest-ending turn of any side other than best's (second).
	// Turns with equal starts are checked before any of them is added, so
	// only strictly earlier turns count as running.
	var out []interruption
	best, second := -1, -1
	end := func(i int) time.Duration { _, e, _ := turnSpan(t.Turns[i]); return e }
	add := func(k int) {
		switch {
		case best < 0:
			best = k
		case sides[k] == sides[best]:
			if end(k) > end(best) {
				best = k
			}
		case end(k) > end(best):
			best, second = k, best
		case second < 0 || end(k) > end(second):
			second = k
		}
	}
	for lo := 0; lo < len(order); {
		hi := lo
		for hi < len(order) && t.Turns[order[hi]].Start == t.Turns[order[lo]].Start {
			hi++
		}
		for _, i := range order[lo:hi] {
			if !floor(i) {
				continue
			}
			other := best
			if other >= 0 && sides[other] == sides[i] {
				other = second
			}
			if other < 0 {
				continue
			}
			if overlap := end(other) - t.Turns[i].Start; overlap > minOverlap {
				out = append(out, interruption{turn: i, other: other, overlap: overlap})
			}
		}
		for _, i := range order[lo:hi] {
			if floor(i) {
				add(i)
			}
		}
		lo = hi
	}
	// A turn found both ways keeps its overlap: one finding per turn.
	out = append(out, cut...)
	slices.SortStableFunc(out, func(a, b interruption) int { return cmp.Compare(a.turn, b.turn) })
	return slices.CompactFunc(out, func(a, b interruption) bool { return a.turn == b.turn })
}

// formatSeconds renders a duration in seconds for reasons, rounded to the
// millisecond with trailing zeros dropped: "1.2 s", "0.35 s", "4 s".
func formatSeconds(d time.Duration) string {
	var buf [32]byte
	return string(appendSecondsUnit(buf[:0], d))
}

// appendSecondsUnit appends d as formatSeconds renders it to dst. It
// writes the milliseconds as a decimal, which is what the shortest
// formatting of their float64 quotient by 1000 gives, without the float.
func appendSecondsUnit(dst []byte, d time.Duration) []byte {
	ms := d.Round(time.Millisecond).Milliseconds()
	if ms < 0 {
		dst = append(dst, '-')
		ms = -ms
	}
	dst = strconv.AppendInt(dst, ms/1000, 10)
	if frac := ms % 1000; frac != 0 {
		digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
		n := 3
		for digits[n-1] == '0' {
			n--
		}
		dst = append(append(dst, '.'), digits[:n]...)
	}
	return append(dst, " s"...)
}

// speakerName names a turn's speaker in reasons: its label, or its role
// when the label is empty.
func speakerName(tu Turn) string {
	if tu.Speaker != "" {
		return tu.Speaker
	}
	return tu.Role.String()
}

// lastWords returns the last few words of text, with a leading "…" when words
// were left out.
func lastWords(text string) string {
	const n = 4
	words := strings.Fields(text)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return "…" + strings.Join(words[len(words)-n:], " ")
}
