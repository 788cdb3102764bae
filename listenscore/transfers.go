package listenscore

import "time"

// A Transfer is the call passing from one agent-side speaker to another
// (a transfer, an escalation, a supervisor joining), or out of the
// transcript after the agent side announces a transfer.
type Transfer struct {
	// From is the agent-side speaker who had the call; To is the one who
	// takes it, "" when the transcript ends first.
	From, To string
	// Turn is To's first turn, or the announcing turn when To is "".
	Turn int
	// Announced is the turn that announces the transfer ("I'm
	// transferring you to billing", "let me get my supervisor"), -1 when
	// none does; Announcement quotes its words.
	Announced    int
	Announcement string
	// At is when the transfer happens: Turn's start, or when To is "" the
	// announcing turn's end. Timed reports that the source has that time.
	At    time.Duration
	Timed bool
	// Warm reports that From speaks again after To's first turn: the call
	// is handed over on the line (a warm transfer, a supervisor joining).
	// A transfer that is not warm is blind.
	Warm bool
}

// findTransfers finds the transfers of a call, in source order: each
// agent-side speaker's first turn after another agent-side speaker has
// spoken is a transfer from the agent-side speaker who spoke last, announced
// by the latest turn with a "transfer" phrase since the previous transfer.
// An announcement with no new agent-side voice after it, in one of the
// agent side's last two turns, is a transfer out of the transcript.
func findTransfers(t *Transcript, feats []turnSummary, cues callCues) []Transfer {
	var out []Transfer
	seen := map[string]bool{}
	cur, ann := "", -1
	annText := func(i int) string { return cues[i].transfer }
	last, beforeLast := -1, -1 // the agent side's last two turns
	for i := range t.Turns {
		tu := &t.Turns[i]
		if tu.Role != RoleAgent || feats[i].wordCount == 0 {
			continue
		}
		last, beforeLast = i, last
		if cur != "" && !seen[tu.Speaker] {
			tr := Transfer{From: cur, To: tu.Speaker, Turn: i, Announced: ann, At: tu.Start, Timed: tu.HasStart}
			if ann >= 0 {
				tr.Announcement = annText(ann)
			}
			for j := i + 1; j < len(t.Turns); j++ {
				if t.Turns[j].Speaker == cur && feats[j].wordCount > 0 {
					tr.Warm = true
					break
				}
			}
			out = append(out, tr)
			ann = -1
		}
		if annText(i) != "" {
			ann = i
		}
		seen[tu.Speaker] = true
		cur = tu.Speaker
	}
	if ann >= 0 && (ann == last || ann == beforeLast) {
		tu := &t.Turns[ann]
		out = append(out, Transfer{From: tu.Speaker, Turn: ann, Announced: ann, Announcement: annText(ann),
			At: tu.End, Timed: tu.HasEnd})
	}
	return out
}
