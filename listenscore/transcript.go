package listenscore

import (
	"fmt"
	"strings"
	"time"
)

// Role is the part a speaker plays in a call.
type Role int

// The roles a speaker can have. The zero value is [RoleUnknown].
const (
	RoleUnknown Role = iota
	RoleAgent
	RoleCustomer
)

// String returns "unknown", "agent" or "customer".
func (r Role) String() string {
	switch r {
	case RoleAgent:
		return "agent"
	case RoleCustomer:
		return "customer"
	}
	return "unknown"
}

// MarshalText implements [encoding.TextMarshaler].
func (r Role) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]. It accepts the
// strings [Role.String] returns, in any letter case.
func (r *Role) UnmarshalText(b []byte) error {
	role, ok := ParseRole(string(b))
	if !ok {
		return fmt.Errorf("listenscore: unknown role %q (want agent, customer or unknown)", b)
	}
	*r = role
	return nil
}

// ParseRole parses "agent", "customer" or "unknown", in any letter case.
func ParseRole(s string) (Role, bool) {
	switch strings.ToLower(s) {
	case "agent":
		return RoleAgent, true
	case "customer":
		return RoleCustomer, true
	case "unknown", "":
		return RoleUnknown, true
	}
	return RoleUnknown, false
}

// RoleSource says how a speaker's role was decided.
type RoleSource string

// The ways a role is decided, from the most to the least certain.
const (
	// RoleFromSource: the transcript states it (AWS ParticipantRole, the
	// canonical JSON's role field).
	RoleFromSource RoleSource = "source"
	// RoleFromMapping: the caller's mapping of speaker labels to roles.
	RoleFromMapping RoleSource = "mapping"
	// RoleFromLabel: the speaker label itself names the role ("Agent",
	// "Customer", "Caller", "Representative").
	RoleFromLabel RoleSource = "label"
	// RoleFromContent: what the speaker says ("thank you for calling",
	// "how can I help"); Speaker.RoleReason quotes it.
	RoleFromContent RoleSource = "content"
	// RoleFromOrder: no other evidence; the first speaker is taken as the
	// agent and every other speaker as a customer.
	RoleFromOrder RoleSource = "order"
)

// A Turn is one utterance, cue or segment of the source, never merged with
// or split from its neighbours: turn indexes in tags, evidence and
// calibration files refer to the source's own units.
type Turn struct {
	// Speaker is the speaker's label as the source gives it.
	Speaker string
	// Role is the speaker's role; see [Transcript.Speakers] for how it was
	// decided.
	Role Role
	// Text is the turn's words, with markup removed and white space
	// folded.
	Text string
	// Start and End are offsets from the start of the recording. They are
	// meaningful only when HasStart and HasEnd are set: a source without
	// times (or with start times only) leaves them unset, which is
	// different from a time of zero.
	Start, End       time.Duration
	HasStart, HasEnd bool
	// SentimentLabel is the source's own sentiment of the turn, as it
	// gives it: AWS Call Analytics and Contact Lens "POSITIVE",
	// "NEGATIVE", "NEUTRAL" or "MIXED"; "" when it gives none.
	SentimentLabel string
	// Line and Column locate the turn in the source (1-based).
	Line, Column int
}

// Duration returns End-Start and true when both times are known.
func (t Turn) Duration() (time.Duration, bool) {
	if !t.HasStart || !t.HasEnd {
		return 0, false
	}
	return t.End - t.Start, true
}

// A Speaker is one distinct speaker label of a transcript, with its role and
// how that role was decided.
type Speaker struct {
	Label      string
	Role       Role
	RoleSource RoleSource
	// RoleReason explains the decision in a few words, e.g. `said "thank
	// you for calling"` or `first speaker`.
	RoleReason string
}

// A Transcript is a call as a list of turns in source order.
type Transcript struct {
	// Name is the file name the transcript was read from, as given.
	Name string
	// Format is the format it was read as.
	Format Format
	// Turns holds one entry per source utterance.
	Turns []Turn
	// Speakers lists each speaker label once, in order of first
	// appearance.
	Speakers []Speaker
	// Warnings holds what a lenient read skipped or doubted, each a
	// *[ParseError]. A strict read returns the first such problem as its
	// error instead.
	Warnings []error
}

// Timed reports whether every turn has both a start and an end time.
func (t *Transcript) Timed() bool {
	if len(t.Turns) == 0 {
		return false
	}
	for _, tu := range t.Turns {
		if !tu.HasStart || !tu.HasEnd {
			return false
		}
	}
	return true
}

// Duration returns the span from the first start to the last end, and false
// when the transcript has no end times.
func (t *Transcript) Duration() (time.Duration, bool) {
	var first, last time.Duration
	var hasFirst, hasLast bool
	for _, tu := range t.Turns {
		if tu.HasStart && (!hasFirst || tu.Start < first) {
			first, hasFirst = tu.Start, true
		}
		if tu.HasEnd && (!hasLast || tu.End > last) {
			last, hasLast = tu.End, true
		}
	}
	if !hasFirst || !hasLast {
		return 0, false
	}
	return last - first, true
}
