package listenscore

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The definitions of the metrics (formula, unit, denominator, behaviour
// without times) are in metrics_doc.go; this file implements them, one
// method per metric, over the timing helpers of timing.go.

// MetricName names a metric. The constants are the names [Analyze]
// computes, each defined in the package documentation; [Analysis.Metric]
// and rubrics take them.
type MetricName string

// The metrics, in output order ([MetricNames]).
const (
	MetricAgentTalkRatio               MetricName = "agent_talk_ratio"
	MetricAgentWords                   MetricName = "agent_words"
	MetricCustomerWords                MetricName = "customer_words"
	MetricDurationSeconds              MetricName = "duration_seconds"
	MetricAgentWPM                     MetricName = "agent_wpm"
	MetricCustomerWPM                  MetricName = "customer_wpm"
	MetricLongestAgentMonologueSeconds MetricName = "longest_agent_monologue_seconds"
	MetricLongestCustomerStorySeconds  MetricName = "longest_customer_story_seconds"
	MetricSwitchesPerMinute            MetricName = "switches_per_minute"
	MetricPatienceSeconds              MetricName = "patience_seconds"
	MetricDeadAirCount                 MetricName = "dead_air_count"
	MetricDeadAirSeconds               MetricName = "dead_air_seconds"
	MetricOvertalkRatio                MetricName = "overtalk_ratio"
	MetricHoldCount                    MetricName = "hold_count"
	MetricHoldSeconds                  MetricName = "hold_seconds"
	MetricLongestHoldSeconds           MetricName = "longest_hold_seconds"
	MetricHoldsExplained               MetricName = "holds_explained"
	MetricHoldsThanked                 MetricName = "holds_thanked"
	MetricTransfers                    MetricName = "transfers"
	MetricAgentInterruptions           MetricName = "agent_interruptions"
	MetricCustomerInterruptions        MetricName = "customer_interruptions"
	MetricAgentQuestions               MetricName = "agent_questions"
	MetricOpenQuestions                MetricName = "open_questions"
	MetricClosedQuestions              MetricName = "closed_questions"
	MetricOpenQuestionRatio            MetricName = "open_question_ratio"
	MetricParaphrases                  MetricName = "paraphrases"
	MetricParaphraseRate               MetricName = "paraphrase_rate"
	MetricReflectionToQuestionRatio    MetricName = "reflection_to_question_ratio"
	MetricEmpathyStatements            MetricName = "empathy_statements"
	MetricAcknowledgments              MetricName = "acknowledgments"
	MetricUnderstandingChecks          MetricName = "understanding_checks"
	MetricActionCommitments            MetricName = "action_commitments"
	MetricDefensiveStatements          MetricName = "defensive_statements"
	MetricCustomerNameUses             MetricName = "customer_name_uses"
	MetricCustomerRepeats              MetricName = "customer_repeats"
	MetricAgentReasks                  MetricName = "agent_reasks"
	MetricListeningComplaints          MetricName = "listening_complaints"
	MetricQuestionsBeforeSolution      MetricName = "questions_before_solution"
	MetricSecondsToFirstSolution       MetricName = "seconds_to_first_solution"
	MetricClosingSummary               MetricName = "closing_summary"
	MetricCustomerSentimentStart       MetricName = "customer_sentiment_start"
	MetricCustomerSentimentEnd         MetricName = "customer_sentiment_end"
	MetricCustomerSentimentShift       MetricName = "customer_sentiment_shift"
)

// A metricDef is one metric: its name, its unit, and how it is computed.
// compute returns the metric without Name; it sets Unit only when the unit
// depends on the call (agent_talk_ratio).
type metricDef struct {
	name    MetricName
	unit    string
	compute func(*callStats) Metric
}

// metricDefs lists the metrics in output order. It is never modified.
var metricDefs = []metricDef{
	// Talk.
	{MetricAgentTalkRatio, "ratio", (*callStats).agentTalkRatio},
	{MetricAgentWords, "words", func(c *callStats) Metric { return c.words(RoleAgent) }},
	{MetricCustomerWords, "words", func(c *callStats) Metric { return c.words(RoleCustomer) }},
	{MetricDurationSeconds, "seconds", (*callStats).durationSeconds},
	{MetricAgentWPM, "words/min", func(c *callStats) Metric { return c.wordsPerMinute(RoleAgent) }},
	{MetricCustomerWPM, "words/min", func(c *callStats) Metric { return c.wordsPerMinute(RoleCustomer) }},
	{MetricLongestAgentMonologueSeconds, "seconds", func(c *callStats) Metric { return c.longestStretch(RoleAgent) }},
	{MetricLongestCustomerStorySeconds, "seconds", func(c *callStats) Metric { return c.longestStretch(RoleCustomer) }},
	{MetricSwitchesPerMinute, "per minute", (*callStats).switchesPerMinute},
	// Timing.
	{MetricPatienceSeconds, "seconds", (*callStats).patience},
	{MetricDeadAirCount, "count", func(c *callStats) Metric { return c.deadAir(false) }},
	{MetricDeadAirSeconds, "seconds", func(c *callStats) Metric { return c.deadAir(true) }},
	{MetricOvertalkRatio, "ratio", (*callStats).overtalkRatio},
	// Holds and transfers.
	{MetricHoldCount, "count", (*callStats).holdCount},
	{MetricHoldSeconds, "seconds", func(c *callStats) Metric { return c.holdSeconds(false) }},
	{MetricLongestHoldSeconds, "seconds", func(c *callStats) Metric { return c.holdSeconds(true) }},
	{MetricHoldsExplained, "ratio", func(c *callStats) Metric { return c.holdShare(false) }},
	{MetricHoldsThanked, "ratio", func(c *callStats) Metric { return c.holdShare(true) }},
	{MetricTransfers, "count", (*callStats).transferCount},
	// Interruptions.
	{MetricAgentInterruptions, "count", func(c *callStats) Metric { return c.count(RoleAgent, TagInterruption) }},
	{MetricCustomerInterruptions, "count", func(c *callStats) Metric { return c.count(RoleCustomer, TagInterruption) }},
	// Language, agent.
	{MetricAgentQuestions, "count", func(c *callStats) Metric { return c.count(RoleAgent, TagQuestion) }},
	{MetricOpenQuestions, "count", func(c *callStats) Metric { return c.count(RoleAgent, TagOpenQuestion) }},
	{MetricClosedQuestions, "count", func(c *callStats) Metric { return c.count(RoleAgent, TagClosedQuestion) }},
	{MetricOpenQuestionRatio, "ratio", func(c *callStats) Metric {
		return c.tagRatio(TagOpenQuestion, TagOpenQuestion, TagClosedQuestion)
	}},
	{MetricParaphrases, "count", func(c *callStats) Metric { return c.count(RoleAgent, TagParaphrase) }},
	{MetricParaphraseRate, "ratio", (*callStats).paraphraseRate},
	{MetricReflectionToQuestionRatio, "ratio", func(c *callStats) Metric {
		return c.tagRatio(TagParaphrase, TagQuestion)
	}},
	{MetricEmpathyStatements, "count", func(c *callStats) Metric { return c.count(RoleAgent, TagEmpathy) }},
	{MetricAcknowledgments, "count", func(c *callStats) Metric { return c.count(RoleAgent, TagAcknowledgment) }},
	{MetricUnderstandingChecks, "count", func(c *callStats) Metric { return c.count(RoleAgent, TagUnderstandingCheck) }},
	{MetricActionCommitments, "count", func(c *callStats) Metric { return c.count(RoleAgent, TagActionCommitment) }},
	{MetricDefensiveStatements, "count", func(c *callStats) Metric { return c.count(RoleAgent, TagDefensive) }},
	{MetricCustomerNameUses, "count", (*callStats).customerNameUses},
	// Was the customer heard.
	{MetricCustomerRepeats, "count", (*callStats).customerRepeats},
	{MetricAgentReasks, "count", (*callStats).agentReasks},
	{MetricListeningComplaints, "count", (*callStats).listeningComplaints},
	{MetricQuestionsBeforeSolution, "count", (*callStats).questionsBeforeSolution},
	{MetricSecondsToFirstSolution, "seconds", (*callStats).secondsToFirstSolution},
	{MetricClosingSummary, "count", (*callStats).closingSummary},
	// The customer's mood.
	{MetricCustomerSentimentStart, "sentiment (-1 to 1)", func(c *callStats) Metric { return c.sentimentThird(false) }},
	{MetricCustomerSentimentEnd, "sentiment (-1 to 1)", func(c *callStats) Metric { return c.sentimentThird(true) }},
	{MetricCustomerSentimentShift, "sentiment change (-2 to 2)", (*callStats).sentimentShift},
}

// MetricNames lists every metric name in output order.
func MetricNames() []MetricName {
	names := make([]MetricName, len(metricDefs))
	for i, d := range metricDefs {
		names[i] = d.name
	}
	return names
}

// tagInterruptions tags each turn that interrupts another speaker (see
// [interruptions]) with TagInterruption and the overlap or cut-off that
// shows it.
func tagInterruptions(a *Analysis, feats []turnSummary, cfg Config) {
	t := a.Transcript
	tagInterruptionsIn(a, feats, cfg, byStart(t, nil), turnSides(t))
}

// tagInterruptionsIn is tagInterruptions with the call's byStart(t, nil)
// and turnSides(t), found once for all their users.
func tagInterruptionsIn(a *Analysis, feats []turnSummary, cfg Config, order []int, sides []string) {
	t := a.Transcript
	for _, in := range interruptionsIn(t, order, sides, feats, cfg.MinInterruptionOverlap) {
		other := t.Turns[in.other]
		var reason string
		if in.overlap > 0 {
			reason = fmt.Sprintf("starts %s before %s finishes turn %d", formatSeconds(in.overlap), speakerName(other), in.other)
		} else {
			reason = fmt.Sprintf("%s's turn %d is cut off (\"%s\")", speakerName(other), in.other, lastWords(other.Text))
		}
		a.Turns[in.turn].set(TagInterruption, reason)
	}
}

// computeMetrics computes every metric of [MetricNames], in that order,
// from the transcript, its turn features, its tags and its holds and
// transfers. cfg has its defaults applied. The words are read from the
// transcript with lex (nil: the default lexicons): tests give made-up
// feats.
func computeMetrics(a *Analysis, feats []turnSummary, lex *lexicons, cfg Config) []Metric {
	return computeView(a, feats, cfg, view{holds: a.Holds, transfers: a.Transfers, lex: lex})
}

// A view is what the metrics are computed over: the whole call, or one
// agent's part of it (see agentParts), whose transcript holds the part's
// turns only, that agent's as the agent's.
type view struct {
	// base is the index in the call of the view's first turn: evidence
	// and reasons name turns by their index in the call.
	base int
	// full is the whole call's transcript, whose turns evidence carries;
	// nil when the view is the whole call.
	full *Transcript
	// side holds the role each of the view's turns has in the call (the
	// agent's colleagues are on the agent side); nil when it is the
	// view's own.
	side []Role
	// holds and transfers are the agent's, with turns counted from base;
	// allHolds are the holds of every agent, whose silences are not dead
	// air.
	holds, allHolds []Hold
	transfers       []Transfer
	// name and nameFrom are the customer's name and where it comes
	// from, when found in the whole call; "" to find it in the view.
	name     personName
	nameFrom string
	// silences are the view's gaps (see gaps), when already found; nil
	// to find them.
	silences []speechGap
	// order is byStart(t, nil) of the view's transcript, when already
	// found; nil to find it.
	order []int
	// fc holds the whole call's words, for the signals of being heard
	// (turn i of the view is its turn base+i); nil to read the view's
	// transcript with lex (nil: the default lexicons).
	fc  *callFeatures
	lex *lexicons
}

// computeView computes every metric over v.
func computeView(a *Analysis, feats []turnSummary, cfg Config, v view) []Metric {
	if v.allHolds == nil {
		v.allHolds = v.holds
	}
	full := v.full
	if full == nil {
		full = a.Transcript
	}
	if v.lex == nil {
		v.lex = defaultLexicons()
	}
	if v.order == nil {
		v.order = byStart(a.Transcript, nil)
	}
	c := newCallStats(a, feats, cfg, v.silences, v.order)
	c.view = v
	c.holdGap = make([]bool, len(a.Transcript.Turns))
	for _, h := range v.allHolds {
		for _, j := range h.silences {
			if j >= 0 && j < len(c.holdGap) {
				c.holdGap[j] = true
			}
		}
	}
	// An announced transfer's wait for the new voice is a wait the
	// customer was told of, as a hold's is.
	for _, tr := range v.transfers {
		if tr.Announced >= 0 && tr.To != "" {
			for j := max(tr.Announced+1, 0); j <= tr.Turn && j < len(c.holdGap); j++ {
				c.holdGap[j] = true
			}
		}
	}
	c.sig, c.fc, c.fcBase = v.lex.signals, v.fc, v.base
	if c.fc == nil {
		c.fc, c.fcBase = v.lex.allFeatures(a.Transcript.Turns, cfg), 0
	}
	c.heard = c.findHeard() // scores the customer's turns too
	if c.sentiment == nil {
		c.sentiment = make([]Sentiment, len(a.Transcript.Turns))
	}
	a.Sentiment = c.sentiment
	out := make([]Metric, len(metricDefs))
	for i, d := range metricDefs {
		m := d.compute(c)
		m.Name = d.name
		if m.Unit == "" {
			m.Unit = d.unit
		}
		if !m.Valid {
			m.Value = 0
		}
		for k := range m.Evidence {
			e := &m.Evidence[k]
			e.Turn += v.base
			tu := &full.Turns[e.Turn]
			e.Speaker, e.Role, e.Text, e.Line = tu.Speaker, tu.Role, tu.Text, tu.Line
			e.Start, e.HasStart = tu.Start, tu.HasStart
		}
		out[i] = m
	}
	return out
}

// callStats holds what several metrics share, computed once.
type callStats struct {
	t     *Transcript
	tags  []TurnTags
	feats []turnSummary
	fc    *callFeatures // the turns' words, for the signals of being heard
	sig   *lexicons     // the signals' lexicons
	// sigInfo caches, by word number, the word's entry in sig (sigDone
	// once looked up).
	sigInfo []*wordInfo
	sigDone []bool
	flags   []uint32    // by word number: wordFlag's, once computed
	valSC   turnScratch // statesValue's
	digits  []byte      // entities' scratch
	names   []string    // entities' scratch
	cfg     Config
	// timed is t.Timed(): every turn has a start and an end. Metrics that
	// need times are invalid otherwise.
	timed        bool
	duration     time.Duration // first start to last end, when timed
	agentTalk    []talkInterval
	customerTalk []talkInterval
	silences     []speechGap     // gaps between all speech, when timed
	gapLen       []time.Duration // by turn: the gap before it, when timed
	stretches    []stretch
	// byTag lists the turns carrying each tag, by tagRank, in order;
	// roles is the role of each turn (Transcript.Turns is large to walk).
	byTag [numTagRanks][]int
	roles []Role
	// speaks reports, by Role, whether the party says any word in the
	// call: a party that never speaks has no behaviour to count.
	speaks [3]bool
	strs   strArena // the evidence reasons' bytes

	view
	// holdGap marks the turns after a hold's silence or an announced
	// transfer's wait for the new voice: not dead air.
	holdGap []bool
	// holdReasons caches holdReason by hold.
	holdReasons []string

	// heard holds the signals of being heard, sentiment the turns'
	// sentiment (a.Sentiment): computed once, for several metrics.
	heard     *heardSignals
	sentiment []Sentiment
	moodTurns []int      // the turns with a valid sentiment, once found
	thirds    [2]*Metric // customer_sentiment_start and _end, once computed
	scorer    *sentimentScorer
	scored    map[string]int // a scored text's first turn
	// fcBase is the index in fc of the view's first turn.
	fcBase int
}

// turnNo is turn i of the view as reasons name it: its index in the call.
func (c *callStats) turnNo(i int) int { return c.base + i }

// newCallStats returns the callStats of a's transcript, with its gaps
// (silences, nil to find them) and its turns in byStart order.
func newCallStats(a *Analysis, feats []turnSummary, cfg Config, silences []speechGap, order []int) *callStats {
	t := a.Transcript
	c := &callStats{t: t, tags: a.Turns, feats: feats, cfg: cfg, timed: t.Timed()}
	if c.timed {
		c.duration, _ = t.Duration()
		c.agentTalk = talkIntervalsIn(t, order, RoleAgent)
		c.customerTalk = talkIntervalsIn(t, order, RoleCustomer)
		c.silences = silences
		if c.silences == nil {
			c.silences = gapsIn(t, order, nil)
		}
		c.gapLen = make([]time.Duration, len(t.Turns))
		for _, g := range c.silences {
			c.gapLen[g.turn] = g.length
		}
	}
	c.stretches = stretches(t, feats)
	c.indexTags()
	return c
}

// Notes on metrics that cannot be computed.
const (
	needsTimes          = "needs a start and an end time on every turn"
	needsTimesAndLength = "needs a start and an end time on every turn, and a call longer than zero"
	noTalk              = "this party has no talk time"
)

// silent is the note on a metric of a party that says nothing in the call:
// no turn with that role, or only empty ones.
func silent(r Role) string { return "the " + r.String() + " says nothing in this call" }

// notComputable returns an invalid metric with the note that says why.
func notComputable(note string) Metric { return Metric{Note: note} }

// validMetric returns a computed metric.
func validMetric(v float64, ev []Evidence) Metric {
	return Metric{Value: v, Valid: true, Evidence: ev}
}

func (c *callStats) talk(r Role) []talkInterval {
	if r == RoleAgent {
		return c.agentTalk
	}
	return c.customerTalk
}

func (c *callStats) agentTalkRatio() Metric {
	if !c.speaks[RoleAgent] {
		return notComputable(silent(RoleAgent))
	}
	if c.timed {
		agent, customer := totalTime(c.agentTalk), totalTime(c.customerTalk)
		if agent+customer <= 0 {
			return Metric{Unit: "ratio (seconds)", Note: "no agent or customer talk"}
		}
		m := validMetric(agent.Seconds()/(agent+customer).Seconds(), nil)
		m.Unit = "ratio (seconds)"
		return m
	}
	agent, customer := c.wordCount(RoleAgent), c.wordCount(RoleCustomer)
	if agent+customer == 0 {
		return Metric{Unit: "ratio (words)", Note: "no agent or customer words"}
	}
	m := validMetric(float64(agent)/float64(agent+customer), nil)
	m.Unit = "ratio (words)"
	return m
}

func (c *callStats) wordCount(r Role) int {
	n := 0
	for i, tu := range c.t.Turns {
		if tu.Role == r {
			n += c.feats[i].wordCount
		}
	}
	return n
}

func (c *callStats) words(r Role) Metric { return validMetric(float64(c.wordCount(r)), nil) }

// durationSeconds is [Transcript.Duration]: the first start time to the
// last end time, which a transcript with some times missing has too.
func (c *callStats) durationSeconds() Metric {
	d, ok := c.t.Duration()
	if !ok {
		return notComputable("needs a start time and an end time")
	}
	first, last := -1, -1
	for i, tu := range c.t.Turns {
		if tu.HasStart && (first < 0 || tu.Start < c.t.Turns[first].Start) {
			first = i
		}
		if tu.HasEnd && (last < 0 || tu.End > c.t.Turns[last].End) {
			last = i
		}
	}
	starts := "first to start, at " + formatSeconds(c.t.Turns[first].Start)
	ends := "last to end, at " + formatSeconds(c.t.Turns[last].End)
	if first == last {
		return validMetric(d.Seconds(), []Evidence{{Turn: first, Reason: starts + "; " + ends}})
	}
	return validMetric(d.Seconds(), []Evidence{{Turn: first, Reason: starts}, {Turn: last, Reason: ends}})
}

func (c *callStats) wordsPerMinute(r Role) Metric {
	if !c.timed {
		return notComputable(needsTimes)
	}
	talk := totalTime(c.talk(r))
	if talk <= 0 {
		return notComputable(noTalk)
	}
	return validMetric(float64(c.wordCount(r))/talk.Minutes(), nil)
}

// longestStretch is the party's longest talk: the speaking time of a
// stretch (see stretches), which a silence longer than the silence
// threshold ends (before any of its turns, or before another speaker's
// backchannel inside it), unless it is a hold's: a hold is cut out of the
// call, as if the agent had not left.
func (c *callStats) longestStretch(r Role) Metric {
	if !c.timed {
		return notComputable(needsTimes)
	}
	silentBefore := func(j int) bool { return c.gapLen[j] > c.cfg.SilenceThreshold && !c.holdGap[j] }
	var best []int
	var bestLen time.Duration
	consider := func(turns []int) {
		if n := talkTime(c.t, turns); best == nil || n > bestLen {
			best, bestLen = turns, n
		}
	}
	for _, s := range c.stretches {
		if s.role != r {
			continue
		}
		from := 0
		for k := 1; k < len(s.turns); k++ {
			for j := s.turns[k-1] + 1; j <= s.turns[k]; j++ {
				if silentBefore(j) {
					consider(s.turns[from:k])
					from = k
					break
				}
			}
		}
		consider(s.turns[from:])
	}
	if best == nil {
		return notComputable("this party has no turns")
	}
	where := fmt.Sprintf("turn %d", c.turnNo(best[0]))
	if len(best) > 1 {
		where = fmt.Sprintf("turns %d to %d", c.turnNo(best[0]), c.turnNo(best[len(best)-1]))
	}
	reason := fmt.Sprintf("%s of talk in %s's stretch (%s)", formatSeconds(bestLen), speakerName(c.t.Turns[best[0]]), where)
	ev := make([]Evidence, len(best))
	for k, i := range best {
		ev[k] = Evidence{Turn: i, Reason: reason}
	}
	return validMetric(bestLen.Seconds(), ev)
}

// talkTime returns the time the given timed turns cover: the union of
// their spans.
func talkTime(t *Transcript, turns []int) time.Duration {
	var buf [16][2]time.Duration // most stretches have a few turns
	spans := buf[:0]
	for _, i := range turns {
		start, end, _ := turnSpan(t.Turns[i])
		spans = append(spans, [2]time.Duration{start, end})
	}
	byStart := func(a, b [2]time.Duration) int { return cmp.Compare(a[0], b[0]) }
	if !slices.IsSortedFunc(spans, byStart) {
		slices.SortFunc(spans, byStart)
	}
	var sum, end time.Duration
	for k, sp := range spans {
		if k == 0 || sp[0] > end {
			sum += sp[1] - sp[0]
			end = sp[1]
			continue
		}
		if sp[1] > end {
			sum += sp[1] - end
			end = sp[1]
		}
	}
	return sum
}

func (c *callStats) switchesPerMinute() Metric {
	if !c.timed || c.duration <= 0 {
		return notComputable(needsTimesAndLength)
	}
	var ev []Evidence
	if len(c.stretches) > 1 {
		ev = make([]Evidence, 0, len(c.stretches)-1)
	}
	// One reason string per speaker, for the first few speakers: most
	// calls have two.
	var names, reasons []string
	for k := 1; k < len(c.stretches); k++ {
		from := speakerName(c.t.Turns[c.stretches[k-1].turns[0]])
		j := slices.Index(names, from)
		if j < 0 {
			reason := "takes the floor from " + from
			if len(names) == 8 {
				ev = append(ev, Evidence{Turn: c.stretches[k].turns[0], Reason: reason})
				continue
			}
			j = len(names)
			names = append(names, from)
			reasons = append(reasons, reason)
		}
		ev = append(ev, Evidence{Turn: c.stretches[k].turns[0], Reason: reasons[j]})
	}
	return validMetric(float64(len(ev))/c.duration.Minutes(), ev)
}

func (c *callStats) patience() Metric {
	if !c.timed {
		return notComputable(needsTimes)
	}
	var sum time.Duration
	// The gaps before the turns that are not backchannels, walked twice:
	// to count the replies, then to describe them.
	replies := eachGap(c.t, c.order, func(i int) bool { return !c.feats[i].backchannel })
	waits := 0
	isReply := func(g speechGap) bool {
		return c.t.Turns[g.turn].Role == RoleAgent && c.t.Turns[g.prev].Role == RoleCustomer
	}
	// A gap longer than the silence threshold is a wait, not a pause
	// before replying: dead air or a hold, counted there.
	long := func(g speechGap) bool { return g.length > c.cfg.SilenceThreshold }
	n := 0
	for g := range replies {
		switch {
		case !isReply(g):
		case long(g):
			waits++
		default:
			n++
		}
	}
	var ev []Evidence
	if n > 0 {
		ev = make([]Evidence, 0, n)
	}
	for g := range replies {
		if !isReply(g) || long(g) {
			continue
		}
		var buf [128]byte
		b := buf[:0]
		if g.length >= 0 {
			sum += g.length
			b = appendSecondsUnit(append(b, "replies "...), g.length)
			b = append(b, " after "...)
		} else {
			b = appendSecondsUnit(append(b, "starts "...), -g.length)
			b = append(b, " before "...)
		}
		b = append(b, speakerName(c.t.Turns[g.prev])...)
		b = strconv.AppendInt(append(b, "'s turn "...), int64(c.turnNo(g.prev)), 10)
		b = append(b, " ends"...)
		if g.length < 0 {
			b = append(b, " (counts as 0 s)"...)
		}
		ev = append(ev, Evidence{Turn: g.turn, Reason: c.strs.str(b)})
	}
	if len(ev) == 0 {
		if waits > 0 {
			return notComputable("the agent replies to the customer only after silences longer than the silence threshold: waits, not pauses")
		}
		return notComputable("the agent never replies to the customer")
	}
	slices.SortStableFunc(ev, evidenceByTurn)
	return validMetric(sum.Seconds()/float64(len(ev)), ev)
}

// deadAir returns dead_air_seconds when seconds is set, dead_air_count
// otherwise.
func (c *callStats) deadAir(seconds bool) Metric {
	if !c.timed {
		return notComputable(needsTimes)
	}
	var total time.Duration
	var ev []Evidence
	for _, g := range c.silences {
		if g.length > c.cfg.SilenceThreshold && !c.holdGap[g.turn] {
			total += g.length
			var buf [64]byte
			b := append(appendSecondsUnit(buf[:0], g.length), " of silence before this turn"...)
			ev = append(ev, Evidence{Turn: g.turn, Reason: c.strs.str(b)})
		}
	}
	slices.SortStableFunc(ev, evidenceByTurn)
	if seconds {
		return validMetric(total.Seconds(), ev)
	}
	return validMetric(float64(len(ev)), ev)
}

// holdCount counts the agent's holds: on a timed call the announced waits
// with a silence, otherwise every announcement.
func (c *callStats) holdCount() Metric {
	if !c.speaks[RoleAgent] {
		return notComputable(silent(RoleAgent))
	}
	ev := make([]Evidence, 0, len(c.holds))
	for k, h := range c.holds {
		ev = append(ev, Evidence{Turn: h.Turn, Reason: c.holdReason(k)})
	}
	return validMetric(float64(len(ev)), ev)
}

// holdReason says what makes the k-th hold a hold: `announces a hold
// ("one moment please"): 125 s of silence until turn 9`. The reason is
// made once and shared by the hold metrics' evidence.
func (c *callStats) holdReason(k int) string {
	if c.holdReasons == nil {
		c.holdReasons = make([]string, len(c.holds))
	}
	if r := c.holdReasons[k]; r != "" {
		return r
	}
	h := c.holds[k]
	var buf [192]byte
	b := append(buf[:0], "announces a hold ("...)
	b = append(b, h.Announcement...)
	b = append(b, ')')
	switch {
	case h.Timed:
		b = appendSecondsUnit(append(b, ": "...), h.Silence)
		b = append(b, " of silence"...)
		if h.Return >= 0 {
			b = strconv.AppendInt(append(b, " until turn "...), int64(c.turnNo(h.Return)), 10)
		}
	case h.Return >= 0:
		b = strconv.AppendInt(append(b, "; the agent side returns in turn "...), int64(c.turnNo(h.Return)), 10)
	default:
		b = append(b, "; the call ends before the agent side returns"...)
	}
	c.holdReasons[k] = c.strs.str(b)
	return c.holdReasons[k]
}

// holdSeconds returns hold_seconds, or longest_hold_seconds when longest
// is set: the holds' silences summed, or the longest.
func (c *callStats) holdSeconds(longest bool) Metric {
	if !c.timed {
		return notComputable(needsTimes)
	}
	if !c.speaks[RoleAgent] {
		return notComputable(silent(RoleAgent))
	}
	var total, most time.Duration
	var ev []Evidence
	for k, h := range c.holds {
		total += h.Silence
		e := Evidence{Turn: h.Turn, Reason: c.holdReason(k)}
		switch {
		case !longest:
			ev = append(ev, e)
		case h.Silence > most:
			most, ev = h.Silence, []Evidence{e}
		}
	}
	if longest {
		return validMetric(most.Seconds(), ev)
	}
	return validMetric(total.Seconds(), ev)
}

// holdShare returns holds_explained, or holds_thanked when thanked is
// set: the share of the agent's holds that were explained, or thanked
// for on return.
func (c *callStats) holdShare(thanked bool) Metric {
	if !c.speaks[RoleAgent] {
		return notComputable(silent(RoleAgent))
	}
	if len(c.holds) == 0 {
		return notComputable("no holds in this call")
	}
	n := 0
	ev := make([]Evidence, 0, len(c.holds))
	for _, h := range c.holds {
		var reason string
		turn := h.Turn
		var buf [128]byte
		switch {
		case !thanked && h.Explained != "":
			n++
			reason = c.strs.str(append(append(buf[:0], "explained: "...), h.Explained...))
		case !thanked:
			reason = "not explained: no reason or length from the agent side before the hold"
		case h.Thanked != "":
			n++
			turn, reason = h.Return, c.strs.str(append(append(buf[:0], "thanks on return: "...), h.Thanked...))
		case h.Return >= 0:
			turn, reason = h.Return, "returns from the hold without thanks or an apology for the wait"
		default:
			reason = "no return: the call ends on hold"
		}
		ev = append(ev, Evidence{Turn: turn, Reason: reason})
	}
	slices.SortStableFunc(ev, evidenceByTurn)
	return validMetric(float64(n)/float64(len(c.holds)), ev)
}

// transferCount counts the transfers from the agent, each with who took
// the call, when, and how it was announced.
func (c *callStats) transferCount() Metric {
	if !c.speaks[RoleAgent] {
		return notComputable(silent(RoleAgent))
	}
	ev := make([]Evidence, 0, len(c.transfers))
	for _, tr := range c.transfers {
		ev = append(ev, Evidence{Turn: tr.Turn, Reason: c.transferReason(tr)})
	}
	return validMetric(float64(len(ev)), ev)
}

// transferReason describes a transfer: `transfer from Priya to Marcus at
// 0:02:15, warm (Priya stays on the line); announced in turn 12: "let me
// get my supervisor"`.
func (c *callStats) transferReason(tr Transfer) string {
	var b []byte
	if tr.To == "" {
		b = fmt.Appendf(b, "%s transfers the call out of this transcript", tr.From)
	} else {
		b = fmt.Appendf(b, "transfer from %s to %s", tr.From, tr.To)
	}
	if tr.Timed {
		b = append(append(b, " at "...), clock(tr.At)...)
	}
	switch {
	case tr.To == "":
	case tr.Warm:
		b = fmt.Appendf(b, ", warm (%s stays on the line)", tr.From)
	default:
		b = append(b, ", blind"...)
	}
	switch {
	case tr.Announced < 0:
		b = append(b, "; not announced"...)
	case tr.To != "":
		b = fmt.Appendf(b, "; announced in turn %d: %s", c.turnNo(tr.Announced), tr.Announcement)
	default:
		b = fmt.Appendf(b, ": %s", tr.Announcement)
	}
	return c.strs.str(b)
}

func (c *callStats) overtalkRatio() Metric {
	if !c.timed || c.duration <= 0 {
		return notComputable(needsTimesAndLength)
	}
	var both time.Duration
	var ev []Evidence
	for _, p := range bothTalk(c.agentTalk, c.customerTalk) {
		both += p.end - p.start
		var buf [96]byte
		b := appendSecondsUnit(append(buf[:0], "agent and customer both talk for "...), p.end-p.start)
		b = appendSecondsUnit(append(b, " from "...), p.start)
		ev = append(ev, Evidence{Turn: p.first, Reason: c.strs.str(b)})
	}
	slices.SortStableFunc(ev, evidenceByTurn)
	return validMetric(both.Seconds()/c.duration.Seconds(), ev)
}

// tagged returns the turns of role r tagged tag, with the tag's reason.
func (c *callStats) tagged(r Role, tag Tag) []Evidence {
	turns := c.byTag[tagRank(tag)]
	n := 0
	for _, i := range turns {
		if c.roles[i] == r {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	ev := make([]Evidence, 0, n)
	for _, i := range turns {
		if c.roles[i] == r {
			ev = append(ev, Evidence{Turn: i, Reason: c.tags[i].Reason(tag)})
		}
	}
	return ev
}

// indexTags fills c.byTag, c.roles and c.speaks.
func (c *callStats) indexTags() {
	c.roles = make([]Role, len(c.tags))
	var counts [numTagRanks]int
	total := 0
	for i := range c.tags {
		c.roles[i] = c.t.Turns[i].Role
		if c.feats[i].wordCount > 0 && int(c.roles[i]) < len(c.speaks) {
			c.speaks[c.roles[i]] = true
		}
		for _, tag := range c.tags[i].Tags {
			counts[tagRank(tag)]++
			total++
		}
	}
	// One backing array, cut by tag; appends below fill it in place.
	all, off := make([]int, total), 0
	for r := range c.byTag {
		c.byTag[r] = all[off : off : off+counts[r]]
		off += counts[r]
	}
	for i := range c.tags {
		for _, tag := range c.tags[i].Tags {
			r := tagRank(tag)
			c.byTag[r] = append(c.byTag[r], i)
		}
	}
}

func (c *callStats) count(r Role, tag Tag) Metric {
	if !c.speaks[r] {
		return notComputable(silent(r))
	}
	ev := c.tagged(r, tag)
	return validMetric(float64(len(ev)), ev)
}

// tagRatio returns the number of agent turns tagged num divided by the
// number tagged with any of den (a turn counts once per tag), invalid when
// the denominator is 0. Evidence is each turn counted, once, with the
// reasons of its counted tags in [Tags] order, joined by "; " (each
// reason opens with its tag's label: "open question: …").
func (c *callStats) tagRatio(num Tag, den ...Tag) Metric {
	counted := func(i int) bool {
		tt := &c.tags[i]
		if len(tt.Tags) == 0 || c.roles[i] != RoleAgent {
			return false
		}
		for _, tag := range tt.Tags {
			if tag == num || slices.Contains(den, tag) {
				return true
			}
		}
		return false
	}
	// One evidence per counted turn: count them to size it.
	most := 0
	for i := range c.tags {
		if counted(i) {
			most++
		}
	}
	ev := make([]Evidence, 0, most)
	var n, d int
	for i := range c.tags {
		if !counted(i) {
			continue
		}
		tt := &c.tags[i]
		// The reasons of the counted tags: one as it is, several joined by
		// "; ", built in place.
		var buf [256]byte
		reason, first, found := buf[:0], "", 0
		for k, tag := range tt.Tags {
			inNum, inDen := tag == num, slices.Contains(den, tag)
			if inNum {
				n++
			}
			if inDen {
				d++
			}
			if inNum || inDen {
				if found == 0 {
					first = tt.Reasons[k]
				} else {
					reason = append(reason, "; "...)
				}
				reason = append(reason, tt.Reasons[k]...)
				found++
			}
		}
		if found == 1 {
			ev = append(ev, Evidence{Turn: i, Reason: first})
		} else {
			ev = append(ev, Evidence{Turn: i, Reason: c.strs.str(reason)})
		}
	}
	if d == 0 {
		return notComputable("the denominator is zero: no matching agent turns")
	}
	return validMetric(float64(n)/float64(d), ev)
}

func (c *callStats) paraphraseRate() Metric {
	if !c.speaks[RoleAgent] {
		return notComputable(silent(RoleAgent))
	}
	substantive := func(i int) bool {
		f := &c.feats[i]
		return c.t.Turns[i].Role == RoleCustomer && !f.backchannel && f.contentWords >= c.cfg.MinSubstantiveWords
	}
	most := 0 // the evidence's length, but for turns a colleague replies to
	for i := range c.t.Turns {
		if substantive(i) {
			most++
		}
	}
	var ev []Evidence
	if most > 0 {
		ev = make([]Evidence, 0, most)
	}
	played := 0
	for i := range c.t.Turns {
		f := &c.feats[i]
		if !substantive(i) {
			continue
		}
		var buf [128]byte
		b := strconv.AppendInt(append(buf[:0], "substantive ("...), int64(f.contentWords), 10)
		b = append(b, " content words); "...)
		reply := c.nextAgentTurn(i)
		switch {
		case reply >= 0 && c.t.Turns[reply].Role != RoleAgent:
			continue // a colleague replies: not this agent's to play back
		case reply < 0:
			b = append(b, "no agent turn follows"...)
		case c.tags[reply].Has(TagParaphrase):
			played++
			b = strconv.AppendInt(append(b, "agent's next turn "...), int64(c.turnNo(reply)), 10)
			b = append(b, " paraphrases it"...)
		default:
			b = strconv.AppendInt(append(b, "agent's next turn "...), int64(c.turnNo(reply)), 10)
			b = append(b, " does not paraphrase it"...)
		}
		ev = append(ev, Evidence{Turn: i, Reason: c.strs.str(b)})
	}
	if len(ev) == 0 {
		return notComputable("the customer has no substantive turns")
	}
	return validMetric(float64(played)/float64(len(ev)), ev)
}

// nextAgentTurn returns the first agent-side turn after turn i (the
// agent's, or in an agent's part a colleague's) that says something and is
// not a backchannel, or -1.
func (c *callStats) nextAgentTurn(i int) int {
	for j := i + 1; j < len(c.t.Turns); j++ {
		if c.sideOf(j) == RoleAgent && !c.feats[j].backchannel && c.feats[j].wordCount > 0 {
			return j
		}
	}
	return -1
}

// sideOf returns the role turn i has in the call.
func (c *callStats) sideOf(i int) Role {
	if c.side != nil {
		return c.side[i]
	}
	return c.t.Turns[i].Role
}

func (c *callStats) customerNameUses() Metric {
	if !c.speaks[RoleAgent] {
		return notComputable(silent(RoleAgent))
	}
	name, from := c.name, c.nameFrom
	if name.first == "" {
		name, from = customerName(c.t, c.feats, c.cfg)
	}
	if name.first == "" {
		return notComputable("the customer's name is not known: pass it, have the customer state it, or label the customer's turns with it")
	}
	// The other customers on the line whose labels are names.
	type labelled struct{ label, first string }
	var others []labelled
	seen := ""
	for i := range c.t.Turns {
		tu := &c.t.Turns[i]
		if tu.Role != RoleCustomer || tu.Speaker == seen || slices.ContainsFunc(others, func(o labelled) bool { return o.label == tu.Speaker }) {
			continue
		}
		seen = tu.Speaker
		if n := labelName(tu.Speaker); n != "" && !strings.EqualFold(n, name.first) {
			others = append(others, labelled{tu.Speaker, n})
		}
	}
	var ev []Evidence
	reason := "" // the same for every use of the first name
	for i := range c.t.Turns {
		tu := &c.t.Turns[i]
		if tu.Role != RoleAgent {
			continue
		}
		if used := name.usedIn(tu.Text); used == name.first {
			if reason == "" {
				reason = fmt.Sprintf("uses the customer's name %q (%s)", name.first, from)
			}
			ev = append(ev, Evidence{Turn: i, Reason: reason})
		} else if used != "" {
			ev = append(ev, Evidence{Turn: i, Reason: fmt.Sprintf("uses the customer's name %q (%s)", used, from)})
		} else {
			for _, o := range others {
				if containsName(tu.Text, o.first) {
					ev = append(ev, Evidence{Turn: i, Reason: fmt.Sprintf("uses the name %q of another customer on the line (from the speaker label %q)", o.first, o.label)})
					break
				}
			}
		}
	}
	return validMetric(float64(len(ev)), ev)
}

func evidenceByTurn(a, b Evidence) int { return cmp.Compare(a.Turn, b.Turn) }

// Finding the customer's name.

// nameTitles are skipped before a name: "my name is Mrs Smith" gives
// "Smith".
var nameTitles = []string{"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam"}

// notNames are words that follow "my name is", "this is" or "speaking with"
// without being a name.
var notNames = []string{
	"a", "an", "the", "this", "that", "it", "i", "you", "he", "she", "we", "they", "me",
	"my", "your", "his", "her", "our", "their", "someone", "somebody", "anyone",
	"anybody", "not", "just", "so", "very", "really", "still", "also", "actually",
	"about", "regarding", "because", "what", "who", "calling", "going", "trying",
	"here", "there", "is", "was", "on", "in", "at", "for", "with", "to", "from", "and",
	"but", "or", "no", "yes", "sorry", "okay", "ok", "well", "um", "uh", "hi", "hello",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december",
}

// yesWords open a customer's reply that confirms "am I speaking with X?".
var yesWords = []string{"yes", "yeah", "yep", "yup", "speaking", "correct", "right", "indeed"}

// customerName returns the customer's first name, and where it comes from,
// or "" when it is unknown. Config.CustomerName wins (its first word after
// a title); otherwise the first of these in the call, in turn order:
//   - a customer says "my name is X", "this is X" (X capitalized, as a
//     name is) or "it's X speaking";
//   - the agent asks "am I speaking with X" (or "to X") and the customer's
//     next turn opens with yes, yeah, speaking, correct, …;
//   - the agent asks for the name ("can I take your name?", "who am I
//     speaking with?") and the customer's next turn opens with a sentence
//     that is only the name, capitalized ("Maria Lopez.", "Sure, it's
//     Maria.").
//
// Failing those, a customer's speaker label that reads as a person's name
// ("José Núñez", "Mrs Dana Ito": see labelName) gives its first name. A
// surname comes with the first name when the configuration, the answer
// or the label gives more than one word.
func customerName(t *Transcript, feats []turnSummary, cfg Config) (name personName, from string) {
	if w := nameWords(cfg.CustomerName); len(w) > 0 {
		k := skipTitle(w, 0)
		if k == len(w) {
			k = 0 // the whole name is a title word: use it
		}
		return personName{w[k], surname(w, k)}, "from the configuration"
	}
	var buf []string // the words of one turn, then the next
	for i, tu := range t.Turns {
		if !feats[i].nameCue {
			continue
		}
		w := appendNameWords(buf[:0], tu.Text)
		buf = w
		for k := range w {
			switch {
			case tu.Role == RoleCustomer:
				if n := customerStatesName(w, k); n != "" {
					return personName{first: n}, fmt.Sprintf("stated in turn %d", i)
				}
			case tu.Role == RoleAgent && (wordsAt(w, k, "am", "i", "speaking", "with") || wordsAt(w, k, "am", "i", "speaking", "to")):
				if n, _ := nameAt(w, k+4, false); n != "" && confirmed(t, i) {
					return personName{first: n}, fmt.Sprintf("confirmed in turn %d", i)
				} else if n == "" && k+4 == len(w) {
					if n := answeredName(t, i); n.first != "" {
						return n, fmt.Sprintf("given in answer to turn %d", i)
					}
				}
			case tu.Role == RoleAgent && wordsAt(w, k, "your") && (wordsAt(w, k+1, "name") || wordsAt(w, k+1, "full", "name")):
				if n := answeredName(t, i); n.first != "" {
					return n, fmt.Sprintf("given in answer to turn %d", i)
				}
			}
		}
	}
	checked := ""
	for _, tu := range t.Turns {
		if tu.Role != RoleCustomer || tu.Speaker == checked {
			continue
		}
		checked = tu.Speaker
		if n := labelName(tu.Speaker); n != "" {
			w := nameWords(tu.Speaker)
			return personName{n, surname(w, skipTitle(w, 0))}, fmt.Sprintf("from the speaker label %q", tu.Speaker)
		}
	}
	return personName{}, ""
}

// personName is the customer's first name and, when known, surname.
type personName struct {
	first, last string
}

// full returns the first name and the surname, when known: "Margaret
// Hughes".
func (n personName) full() string {
	if n.last == "" {
		return n.first
	}
	return n.first + " " + n.last
}

// usedIn returns how text addresses the customer by name: the first name
// ("Dana's" counts), or else a title and the surname as text says them
// ("Mrs Hughes"); "" when it does not.
func (n personName) usedIn(text string) string {
	if containsName(text, n.first) {
		return n.first
	}
	if n.last == "" || !containsName(text, n.last) {
		return ""
	}
	w := nameWords(text)
	for k := 1; k < len(w); k++ {
		if slices.Contains(nameTitles, strings.ToLower(w[k-1])) && strings.EqualFold(w[k], n.last) {
			return w[k-1] + " " + w[k]
		}
	}
	return ""
}

// surname returns the last of the name words w[k:] when they are more
// than one, "" otherwise.
func surname(w []string, k int) string {
	if len(w)-k < 2 {
		return ""
	}
	return w[len(w)-1]
}

// genericLabels are label words that name no person and no role (the
// role words are roles.go's agentLabels and customerLabels).
var genericLabels = []string{"speaker", "spk", "unknown", "person", "participant",
	"interviewee", "moderator", "attendee", "visitor", "note", "support", "team", "desk", "service"}

// labelName returns the first name in a speaker label that reads as a
// person's name: one to three words of at least two letters, each
// capitalized, an optional title first ("Mrs Dana Ito"), none naming a
// role or a part ("Caller", "Speaker 2": roleFromLabel, genericLabels).
// It returns "" otherwise.
func labelName(label string) string {
	if role, _ := roleFromLabel(label); role != RoleUnknown {
		return "" // "Caller", "Customer 2"
	}
	w := nameWords(label)
	k := skipTitle(w, 0)
	if k == len(w) || len(w)-k > 3 {
		return ""
	}
	for _, word := range w[k:] {
		first, _ := utf8.DecodeRuneInString(word)
		if utf8.RuneCountInString(word) < 2 || !unicode.IsUpper(first) || slices.Contains(genericLabels, strings.ToLower(word)) ||
			slices.Contains(notNames, strings.ToLower(word)) || strings.IndexFunc(word, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) >= 0 {
			return ""
		}
	}
	if strings.ContainsAny(label, ":@0123456789") {
		return "" // "spk_0", "+1 555…", an e-mail address
	}
	return w[k]
}

// hasNameCue reports whether a turn's lower-case words may state or ask
// for a name: they hold "name is", "this is", "your name", "your full
// name" or "speaking" (which the "it's Dana speaking" and "am I speaking
// with Dana" patterns need). It spares re-reading the other turns' text.
func hasNameCue(words []string) bool {
	for k, w := range words {
		switch len(w) { // most words are neither length: one test each
		case len("speaking"):
			if w == "speaking" {
				return true
			}
		case len("name"):
			if (w == "name" || w == "this") && k+1 < len(words) && words[k+1] == "is" {
				return true
			}
			if w == "name" && (k > 0 && words[k-1] == "your" || k > 1 && words[k-1] == "full" && words[k-2] == "your") {
				return true
			}
		}
	}
	return false
}

// customerStatesName returns the name a customer states at word k of w, or
// "".
func customerStatesName(w []string, k int) string {
	var n string
	var at int
	switch {
	case wordsAt(w, k, "my", "name", "is"):
		n, _ = nameAt(w, k+3, false)
	case wordsAt(w, k, "this", "is"):
		n, _ = nameAt(w, k+2, true)
	case wordsAt(w, k, "it's"):
		if n, at = nameAt(w, k+1, false); !wordsAt(w, at+1, "speaking") {
			n = ""
		}
	case wordsAt(w, k, "it", "is"):
		if n, at = nameAt(w, k+2, false); !wordsAt(w, at+1, "speaking") {
			n = ""
		}
	}
	return n
}

// confirmed reports whether the first customer turn after turn i opens
// with a yes-word.
func confirmed(t *Transcript, i int) bool {
	j := nextCustomerTurn(t, i)
	if j < 0 {
		return false
	}
	w := nameWords(t.Turns[j].Text)
	return len(w) > 0 && slices.Contains(yesWords, strings.ToLower(w[0]))
}

// answerOpeners may open an answer that gives a name: "Sure, it's Maria".
var answerOpeners = []string{"yes", "yeah", "yep", "sure", "okay", "ok", "of", "course", "it's", "its", "it",
	"is", "that's", "my", "name's", "name", "um", "uh", "er", "erm"}

// answeredName returns the name the customer's first turn after
// turn i gives as the first phrase of its first sentence (up to a comma or
// the sentence's end) that is more than answerOpeners: one to three
// capitalized words ("Maria Lopez, born …", "Sure, it's Maria."); "" when
// that phrase says anything else or the sentence asks back.
func answeredName(t *Transcript, i int) personName {
	j := nextCustomerTurn(t, i)
	if j < 0 {
		return personName{}
	}
	text := t.Turns[j].Text
	if end := strings.IndexAny(text, ".?!"); end >= 0 {
		if text[end] == '?' {
			return personName{}
		}
		text = text[:end]
	}
	for phrase := range strings.SplitSeq(text, ",") {
		w := nameWords(phrase)
		k := 0
		for k < len(w) && slices.Contains(answerOpeners, strings.ToLower(w[k])) {
			k++
		}
		if k < len(w) { // not only "Sure,"
			return nameOnly(w, k)
		}
	}
	return personName{}
}

// nextCustomerTurn returns the first customer turn after turn i, or -1.
func nextCustomerTurn(t *Transcript, i int) int {
	for j := i + 1; j < len(t.Turns); j++ {
		if t.Turns[j].Role == RoleCustomer {
			return j
		}
	}
	return -1
}

// nameOnly returns the name when words k… of w are a name and nothing
// else: a title, then one to three capitalized words that are not common
// words; the zero personName otherwise.
func nameOnly(w []string, k int) personName {
	if n := len(w) - skipTitle(w, k); n < 1 || n > 3 {
		return personName{}
	}
	name, at := nameAt(w, k, true)
	if name == "" {
		return personName{}
	}
	for _, word := range w[at:] {
		if first, _ := utf8.DecodeRuneInString(word); !unicode.IsUpper(first) || slices.Contains(notNames, strings.ToLower(word)) {
			return personName{}
		}
	}
	return personName{name, surname(w, at)}
}

// nameAt returns the name at word k of w, after a title, and its index; or
// "" when the word there is not a name: a common word, or, when capital is
// set, a word without a capital initial.
func nameAt(w []string, k int, capital bool) (string, int) {
	k = skipTitle(w, k)
	if k >= len(w) {
		return "", k
	}
	word := w[k]
	first, _ := utf8.DecodeRuneInString(word)
	if !unicode.IsLetter(first) || slices.Contains(notNames, strings.ToLower(word)) ||
		capital && !unicode.IsUpper(first) {
		return "", k
	}
	return word, k
}

// skipTitle returns k, or k+1 when word k of w is a title ("Mrs").
func skipTitle(w []string, k int) int {
	if k < len(w) && slices.Contains(nameTitles, strings.ToLower(w[k])) {
		return k + 1
	}
	return k
}

// wordsAt reports whether w holds want, case-insensitively, from word k.
// want is lower case.
func wordsAt(w []string, k int, want ...string) bool {
	if k < 0 || k+len(want) > len(w) {
		return false
	}
	for j, x := range want {
		if !lowerIs(w[k+j], x) {
			return false
		}
	}
	return true
}

// lowerIs reports whether strings.ToLower(s) == x, without lower-casing a
// copy of an ASCII s.
func lowerIs(s, x string) bool {
	if !isASCII(s) {
		return strings.ToLower(s) == x
	}
	if len(s) != len(x) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != x[i] {
			return false
		}
	}
	return true
}

// nameWords splits text into words of letters, digits and inner
// apostrophes (’ read as '), keeping their case. It is the tokenization of
// name finding only, which must see capitals and "it's" whole.
func nameWords(text string) []string { return appendNameWords(nil, text) }

// appendNameWords appends the words nameWords returns to out.
func appendNameWords(out []string, text string) []string {
	text = strings.ReplaceAll(text, "’", "'") // text itself when it has none
	start := -1                               // the current word's, or -1 between words
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = appendNameWord(out, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = appendNameWord(out, text[start:])
	}
	return out
}

// appendNameWord appends field, a run of letters, digits and apostrophes,
// without its outer apostrophes, unless nothing else is left.
func appendNameWord(out []string, field string) []string {
	if f := strings.Trim(field, "'"); f != "" {
		out = append(out, f)
	}
	return out
}

// containsName reports whether text holds word on word boundaries (no
// letter or digit on either side), ignoring case: "Dana's" holds "Dana",
// "Danae" does not.
func containsName(text, word string) bool {
	if isASCII(text) && isASCII(word) {
		return containsNameASCII(text, word)
	}
	text, word = strings.ToLower(text), strings.ToLower(word)
	if word == "" {
		return false
	}
	for off := 0; off < len(text); {
		i := strings.Index(text[off:], word)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+len(word):])
		if !isNameRune(before) && !isNameRune(after) {
			return true
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		off = i + size
	}
	return false
}

// containsNameASCII is containsName for ASCII text and word, without
// lower-casing copies.
func containsNameASCII(text, word string) bool {
	if word == "" {
		return false
	}
	first := word[0] | 0x20 // lower case, for a letter
	for i := 0; i+len(word) <= len(text); i++ {
		if text[i]|0x20 != first || !strings.EqualFold(text[i:i+len(word)], word) {
			continue
		}
		if (i == 0 || !isNameByte(text[i-1])) && (i+len(word) == len(text) || !isNameByte(text[i+len(word)])) {
			return true
		}
	}
	return false
}

// isNameByte is isNameRune for an ASCII byte.
func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isNameRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
