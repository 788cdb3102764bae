package listenscore

// An AgentPart is one agent-side speaker's part of a call, with the
// metrics over it: what a QA team grades that agent on.
type AgentPart struct {
	// Speaker is the agent's speaker label.
	Speaker string
	// First and Last are the part's first and last turns: the agent's
	// first and last turn, except that the part of the agent side's first
	// speaker starts with the call and the part of its last speaker ends
	// with it.
	First, Last int
	// Metrics holds every metric of [MetricNames], in that order, over the
	// part's turns, with Speaker as the only agent: the other agent-side
	// speakers' turns are speech of neither party (they end silences and
	// stretches), the customer side is the customer. Holds and transfers
	// are those Speaker announces and makes; paraphrase_rate counts the
	// customer's turns that Speaker is the first of the agent side to
	// answer. Evidence names turns by their index in the call.
	Metrics []Metric
}

// Metric returns the named metric of the part and whether the name is
// known.
func (p *AgentPart) Metric(name MetricName) (Metric, bool) {
	return (&Analysis{Metrics: p.Metrics}).Metric(name)
}

// maxPartTurns bounds the work of agents' parts: their turns add up to at
// most this many times the call's. Parts are computed in order of the
// agents' first turns until the next would pass it.
const maxPartTurns = 2

// agentParts computes the part of each agent-side speaker of a, whose
// Metrics, Holds and Transfers are set. A transcript whose agent-side
// speakers each span most of the call (labels that do not tell agents
// apart) gets the parts that fit in maxPartTurns times the call, so that
// the memory and time an analysis takes stay in proportion to the call.
func agentParts(a *Analysis, feats []turnSummary, cfg Config) []AgentPart {
	return agentPartsOf(a, feats, cfg, nil, nil)
}

// agentPartsOf is agentParts with the call's words (fc, nil to read each
// part's own) and lexicons for the signals of being heard.
func agentPartsOf(a *Analysis, feats []turnSummary, cfg Config, fc *callFeatures, lex *lexicons) []AgentPart {
	t := a.Transcript
	var parts []AgentPart
	at := map[string]int{}
	lastAgent := ""
	for i, tu := range t.Turns {
		if tu.Role != RoleAgent {
			continue
		}
		k, ok := at[tu.Speaker]
		if !ok {
			k = len(parts)
			at[tu.Speaker] = k
			parts = append(parts, AgentPart{Speaker: tu.Speaker, First: i})
		}
		parts[k].Last = i
		lastAgent = tu.Speaker
	}
	if len(parts) == 0 {
		return nil
	}
	parts[0].First = 0
	parts[at[lastAgent]].Last = len(t.Turns) - 1
	if len(parts) == 1 {
		parts[0].Metrics = a.Metrics
		return parts
	}
	budget := maxPartTurns * len(t.Turns)
	for k := range parts {
		if budget -= parts[k].Last - parts[k].First + 1; budget < 0 {
			parts = parts[:k]
			break
		}
	}
	name, from := customerName(t, feats, cfg)
	for k := range parts {
		p := &parts[k]
		lo, hi := p.First, p.Last+1
		sub := &Transcript{Name: t.Name, Format: t.Format, Turns: make([]Turn, hi-lo)}
		side := make([]Role, hi-lo)
		copy(sub.Turns, t.Turns[lo:hi])
		for i := range sub.Turns {
			tu := &sub.Turns[i]
			side[i] = tu.Role
			if tu.Role == RoleAgent && tu.Speaker != p.Speaker {
				tu.Role = RoleUnknown
			}
		}
		v := view{base: lo, full: t, side: side, name: name, nameFrom: from, fc: fc, lex: lex}
		shift := func(i int) int {
			if i < 0 {
				return i
			}
			return i - lo
		}
		for _, h := range a.Holds {
			h.Turn, h.Return = shift(h.Turn), shift(h.Return)
			h.silences = append([]int(nil), h.silences...)
			for j := range h.silences {
				h.silences[j] -= lo
			}
			v.allHolds = append(v.allHolds, h)
			if t.Turns[h.Turn+lo].Speaker == p.Speaker {
				v.holds = append(v.holds, h)
			}
		}
		for _, tr := range a.Transfers {
			if tr.From == p.Speaker {
				tr.Turn, tr.Announced = shift(tr.Turn), shift(tr.Announced)
				v.transfers = append(v.transfers, tr)
			}
		}
		pa := &Analysis{Transcript: sub, Turns: a.Turns[lo:hi]}
		p.Metrics = computeView(pa, feats[lo:hi], cfg, v)
	}
	return parts
}
