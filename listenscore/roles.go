package listenscore

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// agentLabels and customerLabels are speaker labels that name a role; a
// label matches when its first word is one of them ("Agent", "Agent 2",
// "Caller (John)").
var (
	agentLabels = []string{"agent", "representative", "rep", "advisor", "adviser",
		"operator", "support", "csr", "associate", "specialist", "therapist",
		"counselor", "counsellor", "interviewer", "host", "staff", "supervisor",
		"manager"}
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

// agentSideLines are phrases only an agent-side speaker says, wherever in
// the call: how a transfer target or a supervisor joins ("thanks for
// holding, how can I help?"). The phrases of the "transfer" lexicon count
// too ("I'm transferring you to", "let me get my manager").
var agentSideLines = []string{
	"thank you for holding", "thanks for holding", "thank you so much for holding",
	"how can i help", "how may i help", "how can i assist", "how may i assist",
	"you're through to", "you are through to", "you've been transferred to",
	"you have been transferred to", "i'll be taking over", "i'm taking over", "i am taking over",
	"i'll take it from here", "i can take it from here",
}

// staffTitles are what an agent-side speaker calls themselves ("I'm the
// team supervisor"); staffDepartments are the departments they speak from
// ("this is Ana from billing").
var (
	staffTitles = []string{"supervisor", "supervisors", "manager", "managers",
		"team leader", "team lead", "duty manager", "shift manager", "floor manager",
		"escalations manager", "senior agent", "senior advisor", "senior adviser"}
	staffDepartments = []string{"billing", "support", "technical support", "tech support",
		"customer service", "customer services", "customer care", "retention", "retentions",
		"escalations", "claims", "collections", "complaints", "fraud", "loyalty", "disputes",
		"the billing team", "the support team", "the claims team", "the fraud team",
		"the escalations team", "the retention team", "the complaints team",
		"the billing department", "the claims department", "the technical team"}
	// staffFillers may stand between an introduction and a title: "this
	// is Marcus, the team supervisor", "I'm one of the supervisors here".
	staffFillers = []string{"the", "your", "one", "of", "a", "and", "i'm", "im", "senior",
		"team", "duty", "shift", "floor", "call", "centre", "center", "customer", "service"}
)

// rolesDecisionTurns is how many turns from the start of the call are
// searched for an agent's opener.
const rolesDecisionTurns = 6

// assignRoles decides each speaker's role, in order of precedence: the
// source's statement, the caller's mapping, the label, the call's content,
// the order of speaking (see the package documentation, Roles). It fills
// t.Speakers and every turn's Role, and adds a warning to t.Warnings for
// each conflict between the source and the mapping and for each speaker
// the mapping makes a customer who talks as an agent does.
func assignRoles(t *Transcript, mapping map[string]Role, stated map[string]Speaker) {
	index := make(map[string]int)
	first := []int{} // each speaker's first turn
	t.Speakers = t.Speakers[:0]
	for i, tu := range t.Turns {
		if _, ok := index[tu.Speaker]; !ok {
			index[tu.Speaker] = len(t.Speakers)
			t.Speakers = append(t.Speakers, Speaker{Label: tu.Speaker})
			first = append(first, i)
		}
	}
	decided := func(sp *Speaker) bool { return sp.RoleSource != "" }
	warn := func(k int, format string, args ...any) {
		tu := t.Turns[first[k]]
		t.Warnings = append(t.Warnings, &ParseError{File: t.Name, Line: tu.Line, Column: tu.Column,
			Err: detailf(ErrRoleConflict, format, args...)})
	}
	// The agents the mapping names among this call's speakers.
	var named []string
	for _, sp := range t.Speakers {
		if role, ok := lookupRole(mapping, sp.Label); ok && role == RoleAgent {
			named = append(named, sp.Label)
		}
	}
	for k := range t.Speakers {
		sp := &t.Speakers[k]
		mapped, inMapping := lookupRole(mapping, sp.Label)
		if st, ok := stated[sp.Label]; ok && st.Role != RoleUnknown {
			sp.Role, sp.RoleSource, sp.RoleReason = st.Role, RoleFromSource, "stated by the transcript"
			if st.RoleSource != "" {
				sp.RoleSource, sp.RoleReason = st.RoleSource, st.RoleReason
			}
			switch {
			case inMapping && mapped != st.Role:
				warn(k, "the source makes %q %s, the roles given make it %s; the source is kept", sp.Label, withArticle(st.Role), withArticle(mapped))
			case !inMapping && len(named) > 0 && st.Role == RoleAgent:
				warn(k, "the source makes %q an agent, but the roles given name only %s as agents; the source is kept", sp.Label, quoteList(named))
			}
		} else if inMapping {
			sp.Role, sp.RoleSource, sp.RoleReason = mapped, RoleFromMapping, "given by the caller"
		} else if len(named) > 0 {
			sp.Role, sp.RoleSource = RoleCustomer, RoleFromMapping
			sp.RoleReason = "not named as an agent (the roles given name " + quoteList(named) + ")"
			if phrase, turn := agentSideSpeech(t, sp.Label); phrase != "" {
				warn(k, "%q says %q (turn %d) as an agent does, but the roles given name only %s as agents; scored as a customer", sp.Label, phrase, turn, quoteList(named))
			}
		} else if role, word := roleFromLabel(sp.Label); role != RoleUnknown {
			sp.Role, sp.RoleSource, sp.RoleReason = role, RoleFromLabel, fmt.Sprintf("label says %q", word)
		}
	}
	agents := func() []string {
		var out []string
		for _, sp := range t.Speakers {
			if sp.Role == RoleAgent {
				out = append(out, sp.Label)
			}
		}
		return out
	}
	if len(agents()) == 0 {
		// Content: the earliest opener among undecided speakers.
		for i, tu := range t.Turns {
			if i >= rolesDecisionTurns {
				break
			}
			sp := &t.Speakers[index[tu.Speaker]]
			if decided(sp) {
				continue
			}
			if phrase := findPhrase(tu.Text, agentOpeners); phrase != "" {
				sp.Role, sp.RoleSource, sp.RoleReason = RoleAgent, RoleFromContent, fmt.Sprintf("said %q in turn %d", phrase, i)
				break
			}
		}
	}
	// Content anywhere in the call: a transfer target, a supervisor. A
	// speaker is left undecided when every other speaker is an agent: a
	// call has a customer.
	for k := range t.Speakers {
		sp := &t.Speakers[k]
		if decided(sp) || len(agents()) >= len(t.Speakers)-1 {
			continue
		}
		if phrase, turn := agentSideSpeech(t, sp.Label); phrase != "" {
			sp.Role, sp.RoleSource, sp.RoleReason = RoleAgent, RoleFromContent, fmt.Sprintf("said %q in turn %d", phrase, turn)
		}
	}
	// The speaker who answers a transfer: the first new voice after an
	// agent announces one ("I'm transferring you to metering", and then
	// "Metering, this is Dev").
	undecided := slices.ContainsFunc(t.Speakers, func(sp Speaker) bool { return !decided(&sp) })
	transfer := defaultLexicons().lists[lexTransfer]
	for i, tu := range t.Turns {
		if !undecided {
			break
		}
		if sp := t.Speakers[index[tu.Speaker]]; sp.Role != RoleAgent || findPhrase(tu.Text, transfer) == "" {
			continue
		}
		for j := i + 1; j < len(t.Turns); j++ {
			k := index[t.Turns[j].Speaker]
			if first[k] < i {
				continue // spoke before the announcement
			}
			if sp := &t.Speakers[k]; !decided(sp) && len(agents()) < len(t.Speakers)-1 {
				sp.Role, sp.RoleSource = RoleAgent, RoleFromContent
				sp.RoleReason = fmt.Sprintf("first new voice after the transfer announced in turn %d", i)
			}
			break
		}
	}
	if len(agents()) == 0 {
		for i := range t.Speakers {
			if sp := &t.Speakers[i]; !decided(sp) {
				sp.Role, sp.RoleSource, sp.RoleReason = RoleAgent, RoleFromOrder, "first undecided speaker"
				break
			}
		}
	}
	// Whoever is left is a customer, decided by what decided the agents.
	by := RoleFromOrder
	for _, sp := range t.Speakers {
		if sp.Role == RoleAgent {
			by = sp.RoleSource
			break
		}
	}
	if names := agents(); len(names) > 0 {
		reason := fmt.Sprintf("another speaker (%s) is the agent", names[0])
		if len(names) > 1 {
			reason = fmt.Sprintf("other speakers (%s) are agents", strings.Join(names, ", "))
		}
		for i := range t.Speakers {
			if sp := &t.Speakers[i]; !decided(sp) {
				sp.Role, sp.RoleSource, sp.RoleReason = RoleCustomer, by, reason
			}
		}
	}
	for i := range t.Turns {
		t.Turns[i].Role = t.Speakers[index[t.Turns[i].Speaker]].Role
	}
}

// withArticle renders a role with its article: "an agent", "a customer".
func withArticle(r Role) string {
	switch r {
	case RoleAgent:
		return "an agent"
	case RoleUnknown:
		return "of unknown role"
	}
	return "a " + r.String()
}

// quoteList renders labels quoted and joined: `"Rep"`, `"Rep", "Ana"`.
func quoteList(labels []string) string {
	q := make([]string, len(labels))
	for i, l := range labels {
		q[i] = fmt.Sprintf("%q", l)
	}
	return strings.Join(q, ", ")
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

// agentSideSpeech returns the first thing the speaker label says, in any
// turn, that only an agent-side speaker says, and the turn: a phrase of
// agentSideLines or of the embedded "transfer" lexicon, or an
// introduction as staff ("I'm the team supervisor", "this is Ana from
// billing"). It returns "" when there is none.
func agentSideSpeech(t *Transcript, label string) (string, int) {
	transfer := defaultLexicons().lists[lexTransfer]
	for i, tu := range t.Turns {
		if tu.Speaker != label {
			continue
		}
		if p := findPhrase(tu.Text, agentSideLines); p != "" {
			return p, i
		}
		if p := findPhrase(tu.Text, transfer); p != "" {
			return p, i
		}
		if p := staffIntroduction(tu.Text); p != "" {
			return p, i
		}
	}
	return "", 0
}

// staffIntroduction returns the words by which a speaker introduces
// themselves as staff, or "": "I'm", "I am", "this is", "it's" or "my
// name is", then up to four words that are capitalized names or
// staffFillers, then a title of staffTitles ("this is Marcus, the team
// supervisor") or "from", "in" or "with" and a department of
// staffDepartments ("this is Ana from billing"). A title followed by "of",
// "at" or "for" is someone else's ("I'm the manager of a restaurant").
func staffIntroduction(text string) string {
	words := nameWords(text)
	lower := make([]string, len(words))
	for k, w := range words {
		lower[k] = strings.ToLower(w)
	}
	for k := range lower {
		var at int
		switch {
		case wordsAt(lower, k, "i'm"), wordsAt(lower, k, "im"), wordsAt(lower, k, "it's"):
			at = k + 1
		case wordsAt(lower, k, "i", "am"), wordsAt(lower, k, "this", "is"):
			at = k + 2
		case wordsAt(lower, k, "my", "name", "is"):
			at = k + 3
		default:
			continue
		}
		for j := at; j <= at+4 && j < len(lower); j++ {
			if n := wordsIn(lower, j, staffTitles); n > 0 {
				if end := j + n; end < len(lower) && (lower[end] == "of" || lower[end] == "at" || lower[end] == "for") {
					break
				}
				return strings.Join(lower[k:j+n], " ")
			}
			if j > at && (lower[j] == "from" || lower[j] == "in" || lower[j] == "with") {
				if n := wordsIn(lower, j+1, staffDepartments); n > 0 {
					return strings.Join(lower[k:j+1+n], " ")
				}
				break
			}
			first := []rune(words[j])[0]
			if !slices.Contains(staffFillers, lower[j]) && !unicode.IsUpper(first) {
				break
			}
		}
	}
	return ""
}

// wordsIn returns the length in words of the longest phrase of list at word
// k of words, or 0.
func wordsIn(words []string, k int, list []string) int {
	best := 0
	for _, p := range list {
		w := strings.Fields(p)
		if len(w) > best && wordsAt(words, k, w...) {
			best = len(w)
		}
	}
	return best
}

// findPhrase returns the first phrase of list in text, matched
// case-insensitively on word boundaries, or "".
func findPhrase(text string, list []string) string {
	lower := strings.ToLower(strings.ReplaceAll(text, "’", "'"))
	for _, p := range list {
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
