package listenscore

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
)

// Labels are per-turn tags given by people, read by [ReadLabels] and
// compared with analyses by [Calibrate].
type Labels struct {
	name  string // as given to ReadLabels
	lines []labelLine
}

type labelLine struct {
	line int
	file string // base name
	turn int
	tags []Tag
}

// Len returns the number of labelled turns.
func (l *Labels) Len() int { return len(l.lines) }

// ReadLabels reads human labels from JSON Lines, one labelled turn a line:
//
//	{"file": "call-17.vtt", "turn": 4, "labels": ["open_question", "paraphrase"]}
//
// "turn" is the 0-based index into Transcript.Turns of the transcript read
// from "file" (matched by base name); "labels" holds [Tag] names and may be
// empty, which says the turn carries none of the labelled tags. Other
// fields are ignored and blank lines skipped. A label "open_question" or
// "closed_question" implies "question", as in [Analyze]. The name is used
// in errors, which are *[ParseError] values at the offending line and
// column: malformed JSON, a missing field, an unknown tag
// ([ErrUnknownTag]), or a second line for the same turn.
func ReadLabels(name string, r io.Reader) (*Labels, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), DefaultMaxLineBytes)
	l := &Labels{name: name}
	seen := make(map[string]int) // "file\x00turn" → line
	errAt := func(line, col int, err error) error {
		return &ParseError{File: name, Line: line, Column: col, Err: err}
	}
	n := 0
	for sc.Scan() {
		n++
		data := sc.Bytes()
		if n == 1 {
			data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(data)) == 0 {
			continue
		}
		var raw struct {
			File   *string   `json:"file"`
			Turn   *int      `json:"turn"`
			Labels *[]string `json:"labels"`
		}
		if err := json.Unmarshal(data, &raw); err != nil {
			reason := ErrSchema // a value of the wrong type
			if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
				reason = ErrSyntax
			}
			return nil, errAt(n, jsonColumn(data, err), detailf(reason, "%s", jsonReason(err)))
		}
		switch {
		case raw.File == nil || *raw.File == "":
			return nil, errAt(n, 1, detailf(ErrSchema, `missing "file"`))
		case raw.Turn == nil:
			return nil, errAt(n, 1, detailf(ErrSchema, `missing "turn"`))
		case *raw.Turn < 0:
			return nil, errAt(n, fieldColumn(data, "turn", ""), detailf(ErrSchema, "negative turn %d", *raw.Turn))
		case raw.Labels == nil:
			return nil, errAt(n, 1, detailf(ErrSchema, `missing "labels"`))
		}
		ll := labelLine{line: n, file: filepath.Base(*raw.File), turn: *raw.Turn}
		for _, s := range *raw.Labels {
			tag := Tag(s)
			if !slices.Contains(Tags(), tag) {
				return nil, errAt(n, fieldColumn(data, "labels", s), detailf(ErrUnknownTag, "%q (known: %v)", s, Tags()))
			}
			ll.tags = append(ll.tags, tag)
			if tag == TagOpenQuestion || tag == TagClosedQuestion {
				ll.tags = append(ll.tags, TagQuestion)
			}
		}
		key := fmt.Sprintf("%s\x00%d", ll.file, ll.turn)
		if first, dup := seen[key]; dup {
			return nil, errAt(n, 1, detailf(ErrSchema, "turn %d of %s already labelled at line %d", ll.turn, ll.file, first))
		}
		seen[key] = n
		l.lines = append(l.lines, ll)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, errAt(n+1, 0, detailf(ErrLineTooLong, "more than %d bytes", DefaultMaxLineBytes))
		}
		return nil, fmt.Errorf("listenscore: %s: %w", name, err)
	}
	return l, nil
}

// jsonReason strips encoding/json's "json: " prefix.
func jsonReason(err error) string {
	msg, _ := strings.CutPrefix(err.Error(), "json: ")
	return msg
}

// jsonColumn returns the 1-based column of a JSON decoding error.
func jsonColumn(data []byte, err error) int {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return int(max(syn.Offset, 1))
	case errors.As(err, &typ):
		return int(typ.Offset) + 1 - valueLen(data, int(typ.Offset))
	}
	return 1
}

// valueLen is a best effort at the length of the JSON value ending at
// offset, so a type error points at the value's start.
func valueLen(data []byte, end int) int {
	if end <= 0 || end > len(data) {
		return 0
	}
	i := end - 1
	for i > 0 && data[i-1] != ':' && data[i-1] != ',' && data[i-1] != '[' {
		i--
	}
	for i < end && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	return end - i
}

// fieldColumn returns the 1-based column of the JSON key, or of the string
// value s after it when s is not empty.
func fieldColumn(data []byte, key, s string) int {
	at := bytes.Index(data, []byte(`"`+key+`"`))
	if at < 0 {
		return 1
	}
	if s == "" {
		return at + 1
	}
	quoted, _ := json.Marshal(s)
	if k := bytes.Index(data[at:], quoted); k >= 0 {
		return at + k + 1
	}
	return at + 1
}

// A Calibration compares [Analyze]'s tags with human labels, per tag, over
// the labelled turns. Field names are JSON-ready.
type Calibration struct {
	// Tags holds one score per tag that the labels use or the analyses
	// predicted on a labelled turn, in [Tags] order.
	Tags []TagScore `json:"tags"`
	// Turns is the number of labelled agent turns compared.
	Turns int `json:"turns"`
	// OtherRoles counts labelled turns not compared because their speaker
	// is not the agent: listening tags grade the agent, and graders label
	// the agent's behaviour.
	OtherRoles int `json:"other_roles"`
	// MissingFiles counts label lines whose file is not among the
	// analyses; MissingTurns counts label lines whose turn index is past
	// the end of its analysed transcript. Neither is compared.
	MissingFiles int `json:"missing_files"`
	MissingTurns int `json:"missing_turns"`
	// Disagreements lists, in label-file order, each compared turn and
	// labelled tag on which the analysis and the labels differ: the turns
	// to read before trusting, or changing, a detector. Tags the labels
	// never use are left out.
	Disagreements []Disagreement `json:"disagreements"`
}

// A Disagreement is one turn on which a tag and the human labels differ.
type Disagreement struct {
	File string `json:"file"` // base name, as in the labels
	Turn int    `json:"turn"`
	// Line is the label line in the labels file.
	Line    int    `json:"line"`
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
	Tag     Tag    `json:"tag"`
	// Kind is "false_positive" (tagged, not labelled) or "false_negative"
	// (labelled, not tagged).
	Kind string `json:"kind"`
	// Reason is the tag's reason on a false positive.
	Reason string `json:"reason,omitempty"`
	// Labels are the turn's human labels; Tags the analysis's tags.
	Labels []Tag `json:"labels"`
	Tags   []Tag `json:"tags"`
}

// The kinds of [Disagreement].
const (
	FalsePositive = "false_positive"
	FalseNegative = "false_negative"
)

// A TagScore is the agreement on one tag. Precision is TP/(TP+FP), Recall
// TP/(TP+FN), F1 their harmonic mean; each is 0 when its denominator is.
type TagScore struct {
	Tag Tag `json:"tag"`
	// Labelled reports whether any label line uses the tag. When it is
	// false the labels say nothing about the tag, and every prediction
	// counts as a false positive.
	Labelled  bool    `json:"labelled"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Calibrate compares the per-turn tags of the agent's turns in analyses with
// labels. An analysis is matched to label lines by the base name of its
// Transcript.Name; two analyses with the same base name are an error. Label
// lines that name a file or turn not analysed are counted in MissingFiles
// and MissingTurns, and those of turns by other speakers in OtherRoles.
func Calibrate(labels *Labels, analyses ...*Analysis) (*Calibration, error) {
	byName := make(map[string]*Analysis, len(analyses))
	for _, a := range analyses {
		if a == nil || a.Transcript == nil {
			return nil, errors.New("listenscore: calibrate: nil analysis")
		}
		base := filepath.Base(a.Transcript.Name)
		if _, dup := byName[base]; dup {
			return nil, fmt.Errorf("listenscore: calibrate: two analyses named %s", base)
		}
		byName[base] = a
	}
	type counts struct {
		labelled, predicted bool
		tp, fp, fn          int
	}
	tags := Tags()
	per := make([]counts, len(tags))
	c := &Calibration{}
	if labels == nil {
		labels = &Labels{}
	}
	for _, ll := range labels.lines {
		a, ok := byName[ll.file]
		switch {
		case !ok:
			c.MissingFiles++
			continue
		case ll.turn >= len(a.Turns):
			c.MissingTurns++
			continue
		}
		if a.Transcript.Turns[ll.turn].Role != RoleAgent {
			c.OtherRoles++
			continue
		}
		c.Turns++
		got := a.Turns[ll.turn]
		for k, tag := range tags {
			want := slices.Contains(ll.tags, tag)
			has := got.Has(tag)
			per[k].labelled = per[k].labelled || want
			per[k].predicted = per[k].predicted || has
			switch {
			case want && has:
				per[k].tp++
				continue
			case has:
				per[k].fp++
			case want:
				per[k].fn++
			default:
				continue
			}
			tu := a.Transcript.Turns[ll.turn]
			d := Disagreement{File: ll.file, Turn: ll.turn, Line: ll.line, Speaker: tu.Speaker,
				Text: tu.Text, Tag: tag, Kind: FalseNegative, Labels: nonNil(ll.tags), Tags: nonNil(got.Tags)}
			if has {
				d.Kind, d.Reason = FalsePositive, got.Reason(tag)
			}
			c.Disagreements = append(c.Disagreements, d)
		}
	}
	// Keep the disagreements on tags the labels use.
	c.Disagreements = slices.DeleteFunc(c.Disagreements, func(d Disagreement) bool {
		return !per[slices.Index(tags, d.Tag)].labelled
	})
	if c.Disagreements == nil {
		c.Disagreements = []Disagreement{}
	}
	for k, tag := range tags {
		p := per[k]
		if !p.labelled && !p.predicted {
			continue
		}
		s := TagScore{Tag: tag, Labelled: p.labelled, TP: p.tp, FP: p.fp, FN: p.fn}
		s.Precision = ratio(p.tp, p.tp+p.fp)
		s.Recall = ratio(p.tp, p.tp+p.fn)
		if s.Precision+s.Recall > 0 {
			s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
		c.Tags = append(c.Tags, s)
	}
	return c, nil
}

// nonNil returns tags, or an empty list for nil: JSON [] rather than null.
func nonNil(tags []Tag) []Tag {
	if tags == nil {
		return []Tag{}
	}
	return tags
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// WriteTable writes the calibration as an aligned text table, one row per
// tag, then a line with the number of turns compared and of label lines
// not compared.
func (c *Calibration) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "tag\tTP\tFP\tFN\tprecision\trecall\tF1")
	for _, s := range c.Tags {
		name := string(s.Tag)
		if !s.Labelled {
			name += " (not labelled)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\n", name, s.TP, s.FP, s.FN, s.Precision, s.Recall, s.F1)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d labelled agent turns compared; %d labelled turns of other speakers not compared; %d label lines name a file not analysed, %d a turn past its transcript's end\n",
		c.Turns, c.OtherRoles, c.MissingFiles, c.MissingTurns)
	return err
}
