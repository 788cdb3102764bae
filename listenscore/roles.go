package listenscore

import (
	"fmt"
	"strings"
)

// agentLabels and customerLabels are speaker labels that name a role; a
// label matches when its first word is one of them ("Agent", "Agent 2",
// "Caller (John)").
var (
	agentLabels = []string{"agent", "representative", "rep", "advisor", "adviser",
		"operator", "support", "csr", "associate", "specialist", "therapist",
		"counselor", "counsellor", "interviewer", "host", "staff"}
	customerLabels = []string{"customer", "caller", "client", "member", "patient",
		"guest", "user", "consumer", "prospect", "buyer"}
)

// agentOpeners are phrases by which an agent opens a call.
var agentOpeners = []string{
	"thank you for calling", "thanks for calling", "thank you for contacting",
	"thanks for contacting", "how can i help", "how may i help", "how can i assist",
	"how may i assist", "what can i do for you", "how can we help", "how may we help",
	"welcome to", "you've reached", "you have reached", "this call may be recorded",
	"this call is being recorded", "calls may be recorded",
	// Outbound calls: the agent calls the customer.
	"i'm calling about your", "i am calling about your", "calling on behalf of",
	"this is a courtesy call", "i'm reaching out about your", "i am reaching out about your",
	"am i speaking with", "am i speaking to", "is this a good time",
}

// rolesDecisionTurns is how many turns from the start of the call are
// searched for an agent's opener.
const rolesDecisionTurns = 6

// assignRoles decides each speaker's role, in order of precedence: the
// source's statement, the caller's mapping, the label, the call's content,
// the order of speaking. It fills t.Speakers and every turn's Role.
func assignRoles(t *Transcript, mapping map[string]Role, stated map[string]Speaker) {
	index := make(map[string]int)
	t.Speakers = t.Speakers[:0]
	for _, tu := range t.Turns {
		if _, ok := index[tu.Speaker]; !ok {
			index[tu.Speaker] = len(t.Speakers)
			t.Speakers = append(t.Speakers, Speaker{Label: tu.Speaker})
		}
	}
	decided := func(sp *Speaker) bool { return sp.RoleSource != "" }
	for i := range t.Speakers {
		sp := &t.Speakers[i]
		if st, ok := stated[sp.Label]; ok && st.Role != RoleUnknown {
			sp.Role, sp.RoleSource, sp.RoleReason = st.Role, RoleFromSource, "stated by the transcript"
			if st.RoleSource != "" {
				sp.RoleSource, sp.RoleReason = st.RoleSource, st.RoleReason
			}
		} else if role, ok := lookupRole(mapping, sp.Label); ok {
			sp.Role, sp.RoleSource, sp.RoleReason = role, RoleFromMapping, "given by the caller"
		} else if role, word := roleFromLabel(sp.Label); role != RoleUnknown {
			sp.Role, sp.RoleSource, sp.RoleReason = role, RoleFromLabel, fmt.Sprintf("label says %q", word)
		}
	}
	hasAgent := func() (Speaker, bool) {
		for _, sp := range t.Speakers {
			if sp.Role == RoleAgent {
				return sp, true
			}
		}
		return Speaker{}, false
	}
	if _, ok := hasAgent(); !ok {
		// Content: the earliest opener among undecided speakers.
		for i, tu := range t.Turns {
			if i >= rolesDecisionTurns {
				break
			}
			sp := &t.Speakers[index[tu.Speaker]]
			if decided(sp) {
				continue
			}
			if phrase := findOpener(tu.Text); phrase != "" {
				sp.Role, sp.RoleSource, sp.RoleReason = RoleAgent, RoleFromContent, fmt.Sprintf("said %q in turn %d", phrase, i)
				break
			}
		}
	}
	if _, ok := hasAgent(); !ok {
		for i := range t.Speakers {
			if sp := &t.Speakers[i]; !decided(sp) {
				sp.Role, sp.RoleSource, sp.RoleReason = RoleAgent, RoleFromOrder, "first undecided speaker"
				break
			}
		}
	}
	// Whoever is left is a customer, decided by what decided the agent.
	agent, _ := hasAgent()
	for i := range t.Speakers {
		if sp := &t.Speakers[i]; !decided(sp) {
			sp.Role, sp.RoleSource, sp.RoleReason = RoleCustomer, agent.RoleSource, fmt.Sprintf("another speaker (%s) is the agent", agent.Label)
		}
	}
	for i := range t.Turns {
		t.Turns[i].Role = t.Speakers[index[t.Turns[i].Speaker]].Role
	}
}

// lookupRole finds label in mapping, exactly and then ignoring case.
func lookupRole(mapping map[string]Role, label string) (Role, bool) {
	if role, ok := mapping[label]; ok {
		return role, true
	}
	for k, role := range mapping {
		if strings.EqualFold(k, label) {
			return role, true
		}
	}
	return RoleUnknown, false
}

// roleFromLabel returns the role a label's first word names.
func roleFromLabel(label string) (Role, string) {
	first := strings.ToLower(strings.TrimFunc(label, func(r rune) bool { return r == '[' || r == '(' }))
	if i := strings.IndexFunc(first, func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	}); i >= 0 {
		first = first[:i]
	}
	for _, w := range agentLabels {
		if first == w {
			return RoleAgent, w
		}
	}
	for _, w := range customerLabels {
		if first == w {
			return RoleCustomer, w
		}
	}
	return RoleUnknown, ""
}

// findOpener returns the first agent opener phrase in text, matched
// case-insensitively on word boundaries, or "".
func findOpener(text string) string {
	lower := strings.ToLower(strings.ReplaceAll(text, "’", "'"))
	for _, p := range agentOpeners {
		for off := 0; ; {
			i := strings.Index(lower[off:], p)
			if i < 0 {
				break
			}
			i += off
			end := i + len(p)
			if (i == 0 || !isWordByte(lower[i-1])) && (end == len(lower) || !isWordByte(lower[end])) {
				return p
			}
			off = i + 1
		}
	}
	return ""
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '\'' || c >= 0x80
}
