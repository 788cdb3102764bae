package listenscore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Tag names what a turn does as listening behaviour.
type Tag string

// The per-turn tags, in the order they are listed in output.
const (
	TagQuestion           Tag = "question"
	TagOpenQuestion       Tag = "open_question"
	TagClosedQuestion     Tag = "closed_question"
	TagParaphrase         Tag = "paraphrase"
	TagAcknowledgment     Tag = "acknowledgment"
	TagEmpathy            Tag = "empathy"
	TagUnderstandingCheck Tag = "understanding_check"
	TagActionCommitment   Tag = "action_commitment"
	TagDefensive          Tag = "defensive"
	TagInterruption       Tag = "interruption"
)

// Tags lists every tag in output order.
func Tags() []Tag {
	return []Tag{TagQuestion, TagOpenQuestion, TagClosedQuestion, TagParaphrase,
		TagAcknowledgment, TagEmpathy, TagUnderstandingCheck, TagActionCommitment,
		TagDefensive, TagInterruption}
}

// TurnTags is what one turn does: its tags in [Tags] order, and for each
// tag a short reason (the cue, phrase or overlap that triggered it).
type TurnTags struct {
	Tags []Tag
	// Reasons is parallel to Tags: Reasons[k] is why the turn carries
	// Tags[k]. [TurnTags.Reason] looks a tag's reason up.
	Reasons []string
}

// Reason returns the reason for tag, or "" when the turn does not carry
// it.
func (tt TurnTags) Reason(tag Tag) string {
	for k, t := range tt.Tags {
		if t == tag && k < len(tt.Reasons) {
			return tt.Reasons[k]
		}
	}
	return ""
}

// Has reports whether the turn carries tag.
func (tt TurnTags) Has(tag Tag) bool {
	for _, t := range tt.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// set adds tag with its reason, keeping Tags (and Reasons with them) in
// [Tags] order. A tag already present keeps its first reason. Tags and
// Reasons may be views of arrays shared with other turns, capped at their
// length: append copies them rather than write past their end.
func (tt *TurnTags) set(tag Tag, reason string) {
	if tt.Has(tag) {
		return
	}
	tt.Tags = append(tt.Tags, tag)
	tt.Reasons = append(tt.Reasons, reason)
	for i := len(tt.Tags) - 1; i > 0 && tagRank(tt.Tags[i]) < tagRank(tt.Tags[i-1]); i-- {
		tt.Tags[i], tt.Tags[i-1] = tt.Tags[i-1], tt.Tags[i]
		tt.Reasons[i], tt.Reasons[i-1] = tt.Reasons[i-1], tt.Reasons[i]
	}
}

// tagRank is a tag's position in [Tags].
func tagRank(t Tag) int {
	switch t {
	case TagQuestion:
		return 0
	case TagOpenQuestion:
		return 1
	case TagClosedQuestion:
		return 2
	case TagParaphrase:
		return 3
	case TagAcknowledgment:
		return 4
	case TagEmpathy:
		return 5
	case TagUnderstandingCheck:
		return 6
	case TagActionCommitment:
		return 7
	case TagDefensive:
		return 8
	case TagInterruption:
		return 9
	}
	return 10
}

// Evidence is a turn behind a metric: which turn, what was said, and why
// it counted. It carries the turn's speaker, text, start time and line, so
// that a report can show it without the transcript, and is what a rubric's
// criteria list too. It marshals to JSON as {"turn", "time" (h:mm:ss.mmm,
// omitted without a start time), "speaker", "role", "text", "line",
// "reason"}.
type Evidence struct {
	Turn     int // index into Transcript.Turns
	Speaker  string
	Role     Role
	Text     string
	Start    time.Duration // meaningful only when HasStart
	HasStart bool
	Line     int    // of the turn in the source
	Reason   string // e.g. `open question: starts with "what"`
}

// MarshalJSON renders e with the turn's start as "time", h:mm:ss.mmm.
func (e Evidence) MarshalJSON() ([]byte, error) {
	type ev struct {
		Turn    int    `json:"turn"`
		Time    string `json:"time,omitempty"`
		Speaker string `json:"speaker"`
		Role    Role   `json:"role"`
		Text    string `json:"text"`
		Line    int    `json:"line,omitempty"`
		Reason  string `json:"reason"`
	}
	v := ev{Turn: e.Turn, Speaker: e.Speaker, Role: e.Role, Text: e.Text, Line: e.Line, Reason: e.Reason}
	if e.HasStart {
		v.Time = clock(e.Start)
	}
	return json.Marshal(v)
}

// A Metric is one call-level measurement. When it cannot be computed (a
// timing metric on an untimed transcript, a ratio with a zero denominator)
// Valid is false, Value is 0 and meaningless, and Note says why.
type Metric struct {
	Name     MetricName
	Value    float64
	Valid    bool
	Unit     string
	Note     string // why the metric cannot be computed; empty when Valid
	Evidence []Evidence
}

// An Analysis is the result of [Analyze]: per-turn tags and call-level
// metrics.
type Analysis struct {
	Transcript *Transcript
	// Turns is parallel to Transcript.Turns.
	Turns []TurnTags
	// Metrics holds every metric of [MetricNames], in that order.
	Metrics []Metric
	// Holds and Transfers are the call's holds and transfers, in order
	// (see Holds and Transfers in the package documentation).
	Holds     []Hold
	Transfers []Transfer
	// Agents has one part per agent-side speaker, in order of their
	// first turn, with the metrics over that part: a QA team grades each
	// agent on their own part. With one agent, its part is the whole call
	// and its metrics are Metrics. The parts' turns add up to at most
	// twice the call's: the later agents of a transcript whose agent-side
	// speakers each span the call have no part.
	Agents []AgentPart
	// Sentiment is parallel to Transcript.Turns: each customer turn's
	// sentiment; other turns' are not Valid.
	Sentiment []Sentiment
	// CustomerName is the customer's name as customer_name_uses knows it
	// (Config.CustomerName, or as the call states it): the first name,
	// then the surname when known; "" when unknown. Redacting a report
	// should hide it.
	CustomerName string
}

// Metric returns the named metric and whether the name is known.
func (a *Analysis) Metric(name MetricName) (Metric, bool) {
	for _, m := range a.Metrics {
		if m.Name == name {
			return m, true
		}
	}
	return Metric{}, false
}

// Config holds the analysis settings. The zero value means the defaults
// given on each field.
type Config struct {
	// SilenceThreshold is the gap with no one speaking that counts as dead
	// air. Default 3 s (Amazon Connect, MiiTel).
	SilenceThreshold time.Duration
	// MinInterruptionOverlap is how far a turn must start before the other
	// speaker's turn ends to count as an interruption. Default 500 ms.
	MinInterruptionOverlap time.Duration
	// MaxBackchannelWords is the longest turn, in words, that can be a
	// backchannel ("mm-hmm", "I see", "got it"). Default 3.
	MaxBackchannelWords int
	// MinSubstantiveWords is the number of content words (not fillers or
	// function words) that makes a customer turn substantive, i.e. worth
	// playing back. Default 5.
	MinSubstantiveWords int
	// CustomerName, when set, is counted in customer_name_uses; otherwise
	// the name is taken from the call when the customer states it.
	CustomerName string
	// AddPhrases and RemovePhrases edit the embedded phrase lexicons, keyed
	// by lexicon name (see [Lexicons]). Phrases are matched on word
	// boundaries, case-insensitively.
	AddPhrases    map[string][]string
	RemovePhrases map[string][]string
	// Weights are the tag detectors' weights (see [Fit]); nil means
	// [DefaultWeights].
	Weights *Weights
}

// maxAnalyzeBytes is the most turn text, in bytes, that one Analyze call
// takes: 2 GiB, far beyond any call (a one-hour call holds about 60 KB),
// which lets the analysis keep word positions in 32 bits.
const maxAnalyzeBytes = 1<<31 - 1

// Defaults for [Config].
const (
	DefaultSilenceThreshold       = 3 * time.Second
	DefaultMinInterruptionOverlap = 500 * time.Millisecond
	DefaultMaxBackchannelWords    = 3
	DefaultMinSubstantiveWords    = 5
)

func (c Config) withDefaults() Config {
	if c.SilenceThreshold == 0 {
		c.SilenceThreshold = DefaultSilenceThreshold
	}
	if c.MinInterruptionOverlap == 0 {
		c.MinInterruptionOverlap = DefaultMinInterruptionOverlap
	}
	if c.MaxBackchannelWords == 0 {
		c.MaxBackchannelWords = DefaultMaxBackchannelWords
	}
	if c.MinSubstantiveWords == 0 {
		c.MinSubstantiveWords = DefaultMinSubstantiveWords
	}
	return c
}

// Validate reports settings that cannot be used: negative thresholds and
// unknown lexicon names.
func (c Config) Validate() error {
	switch {
	case c.SilenceThreshold < 0:
		return fmt.Errorf("listenscore: negative silence threshold %v", c.SilenceThreshold)
	case c.MinInterruptionOverlap < 0:
		return fmt.Errorf("listenscore: negative interruption overlap %v", c.MinInterruptionOverlap)
	case c.MaxBackchannelWords < 0:
		return fmt.Errorf("listenscore: negative backchannel length %d", c.MaxBackchannelWords)
	case c.MinSubstantiveWords < 0:
		return fmt.Errorf("listenscore: negative substantive-turn length %d", c.MinSubstantiveWords)
	}
	for _, edits := range []map[string][]string{c.AddPhrases, c.RemovePhrases} {
		for name := range edits {
			if !isLexicon(name) {
				return fmt.Errorf("listenscore: unknown lexicon %q (known: %v)", name, Lexicons())
			}
		}
	}
	return nil
}

// Analyze tags every turn and computes the call's metrics. It does not
// modify t, and is safe to call concurrently. It fails on an invalid cfg,
// and on turns that hold more than 2 GiB of text in all. It compiles cfg's
// phrase edits on every call; to analyse many calls with one Config, make
// an [Analyzer] once.
func Analyze(t *Transcript, cfg Config) (*Analysis, error) {
	az, err := NewAnalyzer(cfg)
	if err != nil {
		return nil, err
	}
	return az.Analyze(t)
}

// An Analyzer analyses transcripts with one Config, compiled once: its
// phrase edits are applied to the lexicons when the Analyzer is made, not
// on every call. The zero value analyses with the defaults. An Analyzer is
// safe for concurrent use.
type Analyzer struct {
	cfg Config    // with defaults filled in; zero in the zero Analyzer
	lex *lexicons // nil in the zero Analyzer: the default lexicons
}

// NewAnalyzer validates cfg and compiles its phrase lexicons.
func NewAnalyzer(cfg Config) (*Analyzer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	return &Analyzer{cfg: cfg, lex: buildLexicons(cfg)}, nil
}

// WithCustomerName returns an Analyzer that shares az's compiled
// lexicons and settings but counts name in customer_name_uses, as
// Config.CustomerName: the name is per call, the rest per team.
func (az *Analyzer) WithCustomerName(name string) *Analyzer {
	c := *az
	if c.lex == nil {
		c.cfg, c.lex = Config{}.withDefaults(), defaultLexicons()
	}
	c.cfg.CustomerName = name
	return &c
}

// Analyze tags every turn of t and computes the call's metrics. It does
// not modify t. It fails on turns that hold more than 2 GiB of text in all.
func (az *Analyzer) Analyze(t *Transcript) (*Analysis, error) {
	return az.AnalyzeContext(context.Background(), t)
}

// AnalyzeContext is [Analyzer.Analyze] that stops when ctx is done, every
// few hundred turns, returning an error that wraps ctx.Err().
func (az *Analyzer) AnalyzeContext(ctx context.Context, t *Transcript) (*Analysis, error) {
	if t == nil {
		return nil, errors.New("listenscore: Analyze of a nil transcript")
	}
	size := 0
	for i := range t.Turns {
		size += len(t.Turns[i].Text)
	}
	if size > maxAnalyzeBytes {
		return nil, fmt.Errorf("listenscore: %d bytes of turn text, more than Analyze takes (2 GiB)", size)
	}
	cfg, lex := az.cfg, az.lex
	if lex == nil {
		cfg, lex = Config{}.withDefaults(), defaultLexicons()
	}
	a, err := analyzeContext(ctx, t, cfg, lex, nil)
	if err != nil {
		return nil, fmt.Errorf("listenscore: analysis of %s stopped: %w", t.Name, err)
	}
	return a, nil
}

// analyze tags the turns of t and computes its metrics. capture, when
// set, receives each turn's cues (see detector.capture).
func analyze(t *Transcript, cfg Config, lex *lexicons, capture cueSink) *Analysis {
	a, _ := analyzeContext(context.Background(), t, cfg, lex, capture) // cannot stop
	return a
}

// analyzeContext is analyze that stops, returning ctx.Err(), when ctx is
// done.
func analyzeContext(ctx context.Context, t *Transcript, cfg Config, lex *lexicons, capture cueSink) (*Analysis, error) {
	w := cfg.Weights
	if w == nil {
		w = DefaultWeights()
	}
	feats := lex.allFeatures(t.Turns, cfg)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a := &Analysis{Transcript: t, Turns: make([]TurnTags, len(t.Turns))}
	sides := turnSides(t)
	if err := tagLanguage(ctx, a, feats, sides, lex, w, capture); err != nil {
		return nil, err
	}
	order := byStart(t, nil) // read by every timing helper below
	tagInterruptionsIn(a, feats.turns, cfg, order, sides)
	cues := findCallCues(t, feats, lex)
	timed := t.Timed()
	var silences []speechGap
	if timed {
		silences = gapsIn(t, order, nil)
	}
	a.Holds = findHolds(t, feats.turns, cues, silences, timed, cfg.SilenceThreshold)
	a.Transfers = findTransfers(t, feats.turns, cues)
	name, nameFrom := customerName(t, feats.turns, cfg)
	a.CustomerName = name.full()
	a.Metrics = computeView(a, feats.turns, cfg, view{holds: a.Holds, transfers: a.Transfers, silences: silences,
		order: order, fc: feats, lex: lex, name: name, nameFrom: nameFrom})
	a.Agents = agentPartsOf(a, feats.turns, cfg, feats, lex)
	return a, ctx.Err()
}
