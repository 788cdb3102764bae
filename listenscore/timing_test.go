package listenscore

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sec converts seconds, with up to three decimals, to an exact Duration.
func sec(s float64) time.Duration {
	return time.Duration(math.Round(s*1000)) * time.Millisecond
}

// roleOf gives the test speakers their roles: "Agent…" is the agent,
// "Customer…" a customer, anything else unknown.
func roleOf(label string) Role {
	switch {
	case strings.HasPrefix(label, "Agent"):
		return RoleAgent
	case strings.HasPrefix(label, "Customer"):
		return RoleCustomer
	}
	return RoleUnknown
}

// at builds a timed turn.
func at(speaker string, start, end float64, text string) Turn {
	return Turn{Speaker: speaker, Role: roleOf(speaker), Text: text,
		Start: sec(start), End: sec(end), HasStart: true, HasEnd: true}
}

// say builds an untimed turn.
func say(speaker, text string) Turn {
	return Turn{Speaker: speaker, Role: roleOf(speaker), Text: text}
}

// from builds a start-only turn, as "[mm:ss] Speaker: text" gives.
func from(speaker string, start float64, text string) Turn {
	return Turn{Speaker: speaker, Role: roleOf(speaker), Text: text, Start: sec(start), HasStart: true}
}

// handFeats gives turns hand-made features, independent of the tokenizer:
// wordCount and contentWords are the text's space-separated fields, and
// the turns listed in bc are backchannels, those in cut are cut off.
func handFeats(turns []Turn, bc, cut []int) []turnSummary {
	feats := make([]turnSummary, len(turns))
	for i, tu := range turns {
		w := strings.Fields(strings.ToLower(tu.Text))
		feats[i] = turnSummary{wordCount: len(w), contentWords: len(w), nameCue: hasNameCue(w)}
	}
	for _, i := range bc {
		feats[i].backchannel = true
	}
	for _, i := range cut {
		feats[i].cutOff = true
	}
	return feats
}

func TestGaps(t *testing.T) {
	tests := []struct {
		name    string
		turns   []Turn
		exclude []int // turns gaps must skip
		want    []speechGap
		reason  string
	}{
		{
			name: "sequence with overlap",
			turns: []Turn{
				at("Agent", 0, 4, "hello"),
				at("Customer", 4.5, 12, "long story"),
				at("Agent", 11, 13, "which one"),
				at("Customer", 13.5, 15, "the black one"),
			},
			want: []speechGap{
				{turn: 1, prev: 0, length: sec(0.5)},  // 4.5 − 4
				{turn: 2, prev: 1, length: sec(-1)},   // 11 − 12
				{turn: 3, prev: 2, length: sec(0.5)}}, // 13.5 − 13
		},
		{
			name: "a short turn inside a long one leaves the long one last",
			turns: []Turn{
				at("Customer", 0, 20, "long story"),
				at("Agent", 5, 6, "right"),
				at("Customer", 24, 25, "so"),
			},
			want: []speechGap{
				{turn: 1, prev: 0, length: sec(-15)}, // 5 − 20
				{turn: 2, prev: 0, length: sec(4)}},  // 24 − 20: turn 1 ended earlier
		},
		{
			name: "excluded turns are neither gaps nor earlier speech",
			turns: []Turn{
				at("Customer", 0, 10, "long story"),
				at("Agent", 10.2, 10.5, "mm-hmm"),
				at("Agent", 11, 12, "I see what happened"),
			},
			exclude: []int{1},
			want:    []speechGap{{turn: 2, prev: 0, length: sec(1)}}, // 11 − 10, turn 1 skipped
		},
		{
			name: "source order out of time order",
			turns: []Turn{
				at("Agent", 5, 6, "second"),
				at("Customer", 0, 4, "first"),
			},
			want: []speechGap{{turn: 0, prev: 1, length: sec(1)}}, // 5 − 4
		},
		{
			name:   "untimed turns have no gaps",
			turns:  []Turn{say("Agent", "hello"), say("Customer", "hi")},
			want:   nil,
			reason: "gaps need a start and an end",
		},
		{
			name:  "start-only turns have no gaps",
			turns: []Turn{from("Agent", 0, "hello"), from("Customer", 5, "hi")},
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transcript{Turns: tt.turns}
			include := func(i int) bool {
				for _, x := range tt.exclude {
					if x == i {
						return false
					}
				}
				return true
			}
			assert.Equal(t, tt.want, gaps(tr, include), tt.reason)
		})
	}
}

func TestTalkIntervals(t *testing.T) {
	tr := &Transcript{Turns: []Turn{
		at("Agent", 0, 4, "a"),        // 0
		at("Agent", 3, 6, "b"),        // 1: overlaps turn 0, merged
		at("Customer", 5, 11, "c"),    // 2
		at("Agent", 10, 12, "d"),      // 3
		at("Agent", 12, 13, "e"),      // 4: touches turn 3, merged
		at("Customer", 20, 21, "f"),   // 5
		at("Unknown", 30, 40, "g"),    // 6: neither party
		at("Customer 2", 11, 11, "h"), // 7: zero length, inside nothing
	}}
	agent := talkIntervals(tr, RoleAgent)
	assert.Equal(t, []talkInterval{
		{start: sec(0), end: sec(6), first: 0},
		{start: sec(10), end: sec(13), first: 3},
	}, agent)
	customer := talkIntervals(tr, RoleCustomer)
	// Turn 7 starts at 11, exactly where turn 2 ends: touching intervals
	// merge, so the customer has [5,11] and [20,21].
	assert.Equal(t, []talkInterval{
		{start: sec(5), end: sec(11), first: 2},
		{start: sec(20), end: sec(21), first: 5},
	}, customer)
	assert.Equal(t, sec(9), totalTime(agent))    // 6 + 3
	assert.Equal(t, sec(7), totalTime(customer)) // 6 + 1

	// Both talk in [5,6] (customer turn 2 starts inside agent's [0,6]) and
	// [10,11] (agent turn 3 starts inside customer's [5,11]).
	assert.Equal(t, []talkInterval{
		{start: sec(5), end: sec(6), first: 2},
		{start: sec(10), end: sec(11), first: 3},
	}, bothTalk(agent, customer))
	assert.Empty(t, bothTalk(agent, nil))
}

func TestStretches(t *testing.T) {
	turns := []Turn{
		at("Agent", 0, 5, "opening"),         // 0
		at("Customer", 5, 5.5, "mm-hmm"),     // 1: backchannel, agent keeps the floor
		at("Agent", 5.5, 9, "more opening"),  // 2
		at("Customer", 9.5, 15, "story"),     // 3
		at("Customer", 15.5, 20, "story"),    // 4
		at("Agent", 16, 16.4, "right"),       // 5: backchannel
		at("Customer", 20, 30, "story"),      // 6
		at("Agent", 31, 33, "got it thanks"), // 7: not a backchannel here
	}
	tr := &Transcript{Turns: turns}
	got := stretches(tr, handFeats(turns, []int{1, 5}, nil))
	require.Equal(t, []stretch{
		{speaker: "Agent", role: RoleAgent, turns: []int{0, 2}},
		{speaker: "Customer", role: RoleCustomer, turns: []int{3, 4, 6}},
		{speaker: "Agent", role: RoleAgent, turns: []int{7}},
	}, got)
	lengths := []time.Duration{sec(9), sec(20.5), sec(2)} // 9 − 0; 30 − 9.5; 33 − 31
	for k, s := range got {
		n, ok := s.length(tr)
		assert.True(t, ok)
		assert.Equal(t, lengths[k], n, "stretch %d", k)
	}

	t.Run("a backchannel opening the call starts a stretch", func(t *testing.T) {
		turns := []Turn{say("Customer", "hello"), say("Agent", "thanks for calling")}
		got := stretches(&Transcript{Turns: turns}, handFeats(turns, []int{0}, nil))
		assert.Equal(t, []stretch{
			{speaker: "Customer", role: RoleCustomer, turns: []int{0}},
			{speaker: "Agent", role: RoleAgent, turns: []int{1}},
		}, got)
	})
	t.Run("untimed stretches have no length", func(t *testing.T) {
		turns := []Turn{say("Agent", "a"), from("Agent", 3, "b")}
		got := stretches(&Transcript{Turns: turns}, handFeats(turns, nil, nil))
		require.Len(t, got, 1)
		_, ok := got[0].length(&Transcript{Turns: turns})
		assert.False(t, ok)
	})
}

func TestInterruptions(t *testing.T) {
	tests := []struct {
		name    string
		turns   []Turn
		bc, cut []int // backchannel and cut-off turns
		want    []interruption
		reasons map[int]string // the interruption reason of each tagged turn
	}{
		{
			name: "timed: overlap above the threshold",
			turns: []Turn{
				at("Customer", 0, 10, "my internet keeps dropping every evening"),
				at("Agent", 9, 12, "which router do you have"),
			},
			want:    []interruption{{turn: 1, other: 0, overlap: sec(1)}}, // 10 − 9 > 0.5
			reasons: map[int]string{1: "starts 1 s before Customer finishes turn 0"},
		},
		{
			name: "timed: overlap below the threshold",
			turns: []Turn{
				at("Customer", 0, 10, "my internet keeps dropping"),
				at("Agent", 9.7, 12, "which router do you have"), // 10 − 9.7 = 0.3
			},
		},
		{
			name: "timed: overlap exactly at the threshold is not enough",
			turns: []Turn{
				at("Customer", 0, 10, "my internet keeps dropping"),
				at("Agent", 9.5, 12, "which router do you have"), // 10 − 9.5 = 0.5, not > 0.5
			},
		},
		{
			name: "timed: a backchannel overlap is not an interruption",
			turns: []Turn{
				at("Customer", 0, 10, "my internet keeps dropping"),
				at("Agent", 5, 5.5, "mm-hmm"),
			},
			bc: []int{1},
		},
		{
			name: "timed: a backchannel is never interrupted",
			turns: []Turn{
				at("Agent", 0, 4, "let me check that for you"),
				at("Customer", 3.5, 6, "okay"),
				at("Agent", 5, 9, "the line looks fine from here"),
			},
			bc: []int{1},
		},
		{
			name: "timed: the other speaker's earlier turn, not just the previous turn",
			turns: []Turn{
				at("Customer", 0, 20, "a long story about the router"),
				at("Agent", 5, 5.5, "mm-hmm"),
				at("Agent", 10, 12, "sorry which router"),
			},
			bc:      []int{1},
			want:    []interruption{{turn: 2, other: 0, overlap: sec(10)}}, // 20 − 10
			reasons: map[int]string{2: "starts 10 s before Customer finishes turn 0"},
		},
		{
			name: "timed: the latest-ending of several speakers is the one interrupted",
			turns: []Turn{
				at("Customer", 0, 20, "a long story"),
				at("Customer 2", 1, 8, "and I was there too"),
				at("Agent", 6, 9, "can I ask one thing"),
			},
			// Customer 2's turn ends at 8 and Customer's at 20: the agent
			// cuts into Customer's (20 − 6 = 14 s left). Customer 2 talks
			// over Customer, on the same side: not an interruption.
			want: []interruption{
				{turn: 2, other: 0, overlap: sec(14)},
			},
			reasons: map[int]string{
				2: "starts 14 s before Customer finishes turn 0",
			},
		},
		{
			name: "timed: a colleague talking over the agent is not an interruption",
			turns: []Turn{
				at("Agent", 0, 10, "so the charge on the fourth was a duplicate"),
				at("Agent 2", 8, 12, "and I can refund it today"),
				at("Customer", 11, 14, "wait which charge"),
			},
			// Agent 2 starts 2 s before Agent finishes: same side. The
			// customer starts 1 s before Agent 2 finishes: an interruption
			// of the agent side.
			want: []interruption{
				{turn: 2, other: 1, overlap: sec(1)},
			},
			reasons: map[int]string{
				2: "starts 1 s before Agent 2 finishes turn 1",
			},
		},
		{
			name: "untimed: a cut-off colleague is not interrupted",
			turns: []Turn{
				say("Agent", "so what we'll do is-"),
				say("Agent 2", "I'll take it from here"),
				say("Customer", "thanks so-"),
				say("Agent 2", "you're welcome"),
			},
			cut:  []int{0, 2},
			want: []interruption{{turn: 3, other: 2}},
			reasons: map[int]string{
				3: "Customer's turn 2 is cut off (\"thanks so-\")",
			},
		},
		{
			name: "timed: two turns starting together interrupt neither",
			turns: []Turn{
				at("Agent", 0, 5, "so what I can do"),
				at("Customer", 0, 3, "can I just say"),
			},
		},
		{
			name: "timed: a speaker's own overlapping turns are not interruptions",
			turns: []Turn{
				at("Agent", 0, 5, "so what I can do"),
				at("Agent", 2, 6, "is refund the order"),
			},
		},
		{
			name: "timed: cut-off text is not used when times are known",
			turns: []Turn{
				at("Customer", 0, 4, "so I was-"),
				at("Agent", 4.2, 6, "let me stop you there"),
			},
			cut: []int{0},
		},
		{
			name: "untimed: the other speaker's turn is cut off",
			turns: []Turn{
				say("Customer", "I was calling because my router-"),
				say("Agent", "let me stop you there"),
			},
			cut:     []int{0},
			want:    []interruption{{turn: 1, other: 0}},
			reasons: map[int]string{1: `Customer's turn 0 is cut off ("…calling because my router-")`},
		},
		{
			name: "untimed: a backchannel after a cut-off does not take the floor",
			turns: []Turn{
				say("Customer", "so I was-"),
				say("Agent", "mm-hmm"),
				say("Customer", "going to say"),
			},
			bc:  []int{1},
			cut: []int{0},
		},
		{
			name: "untimed: the same speaker continuing is a self-repair",
			turns: []Turn{
				say("Customer", "so I was-"),
				say("Customer", "I mean I am"),
			},
			cut: []int{0},
		},
		{
			name: "untimed: no cut-off, no interruption",
			turns: []Turn{
				say("Customer", "so I was calling"),
				say("Agent", "let me stop you there"),
			},
		},
		{
			name: "start-only: the cut-off rule applies",
			turns: []Turn{
				from("Customer", 0, "so I was-"),
				from("Agent", 3, "let me stop you there"),
			},
			cut:     []int{0},
			want:    []interruption{{turn: 1, other: 0}},
			reasons: map[int]string{1: `Customer's turn 0 is cut off ("so I was-")`},
		},
		{
			name: "partly timed: timed turns still overlap",
			turns: []Turn{
				at("Customer", 4.5, 12, "my order never arrived and nobody answers my emails"),
				at("Agent", 6, 8, "right what is the order number"),
				from("Customer", 12.5, "it is 55123"), // no end time
				at("Agent", 15, 19, "I will reship it today"),
			},
			want:    []interruption{{turn: 1, other: 0, overlap: sec(6)}},
			reasons: map[int]string{1: "starts 6 s before Customer finishes turn 0"},
		},
		{
			name: "partly timed: a turn without an end falls back to the cut-off",
			turns: []Turn{
				from("Customer", 0, "so I was-"), // no end time
				at("Agent", 3, 5, "let me stop you there"),
				at("Customer", 4, 8, "no wait"),
			},
			cut: []int{0},
			want: []interruption{
				{turn: 1, other: 0},
				{turn: 2, other: 1, overlap: sec(1)},
			},
			reasons: map[int]string{1: `Customer's turn 0 is cut off ("so I was-")`, 2: "starts 1 s before Agent finishes turn 1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transcript{Turns: tt.turns}
			feats := handFeats(tt.turns, tt.bc, tt.cut)
			assert.Equal(t, tt.want, interruptions(tr, feats, DefaultMinInterruptionOverlap))

			a := &Analysis{Transcript: tr, Turns: make([]TurnTags, len(tt.turns))}
			tagInterruptions(a, feats, Config{}.withDefaults())
			for i, tags := range a.Turns {
				reason, ok := tt.reasons[i]
				if !ok {
					assert.False(t, tags.Has(TagInterruption), "turn %d tagged: %v", i, tags.Reasons)
					continue
				}
				assert.Equal(t, []Tag{TagInterruption}, tags.Tags, "turn %d", i)
				assert.Equal(t, reason, tags.Reason(TagInterruption), "turn %d", i)
			}
		})
	}
}

func TestInterruptionThresholdIsConfigurable(t *testing.T) {
	turns := []Turn{
		at("Customer", 0, 10, "my internet keeps dropping"),
		at("Agent", 9, 12, "which router do you have"), // 1 s overlap
	}
	tr := &Transcript{Turns: turns}
	feats := handFeats(turns, nil, nil)
	assert.Len(t, interruptions(tr, feats, sec(0.999)), 1)
	assert.Empty(t, interruptions(tr, feats, sec(1)))
}

func TestFormatSeconds(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{sec(1.2), "1.2 s"},
		{sec(0.35), "0.35 s"},
		{sec(4), "4 s"},
		{0, "0 s"},
		{1234567 * time.Microsecond, "1.235 s"},
		{sec(-0.5), "-0.5 s"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, formatSeconds(tt.d), "%v", tt.d)
	}
}

func TestLastWords(t *testing.T) {
	assert.Equal(t, "so I was-", lastWords("  so I  was- "))
	assert.Equal(t, "…my bill and I-", lastWords("I called about my bill and I-"))
	assert.Equal(t, "", lastWords(""))
}
