package listenscore

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"
)

// modelID identifies one of the fitted tag detectors.
type modelID uint8

const (
	modelQuestion           modelID = iota // question: the turn asks something
	modelOpen                              // open_question, not closed_question, given a question
	modelParaphrase                        // paraphrase
	modelAcknowledgment                    // acknowledgment
	modelEmpathy                           // empathy
	modelUnderstandingCheck                // understanding_check
	modelActionCommitment                  // action_commitment
	modelDefensive                         // defensive
	numModels
)

// modelTags is the tag each model decides. The open model decides between
// open_question and closed_question on a turn the question model tags.
var modelTags = [numModels]Tag{TagQuestion, TagOpenQuestion, TagParaphrase, TagAcknowledgment,
	TagEmpathy, TagUnderstandingCheck, TagActionCommitment, TagDefensive}

// modelCues lists the cues each model weighs, in the order weights files
// list them. A cue outside a model's list has no weight there: the lists
// say which evidence can bear on a tag at all, the data how much it does.
var modelCues = [numModels][]cueID{
	modelQuestion: {cueQuestionMark, cueWhQuestion, cueAsksForOneFact, cueYesNoFrame,
		cueRequestToAct, cueEitherOr, cueOpenRequest, cueEmbeddedOpen, cueAsksForMore,
		cueTagQuestion, cueDeclarativeQuestion, cueQuestionAtEnd, cueMidTurnQuestion,
		cueSuggestion, cueBackchannelQuestion, cueUnpunctuated, cueCheckPhrase,
		cueSocialFormula, cueBackchannelTurn, cueShortTurn, cueLength},
	modelOpen: {cueQuestionMark, cueWhQuestion, cueAsksForOneFact, cueYesNoFrame,
		cueRequestToAct, cueEitherOr, cueOpenRequest, cueEmbeddedOpen, cueAsksForMore,
		cueTagQuestion, cueDeclarativeQuestion, cueQuestionAtEnd, cueMidTurnQuestion,
		cueCheckPhrase, cuePlaybackLeadIn, cueShortTurn, cueLength},
	modelParaphrase: {cuePlaybackLeadIn, cueSharedWords, cueSharedShare, cueYouStatement,
		cuePersonShift, cueSumsUp, cueNamesFeeling, cueListenerFeeling, cueQuestionMark,
		cueWhQuestion, cueYesNoFrame, cueOpenRequest, cueTagQuestion, cueDeclarativeQuestion,
		cueSocialFormula, cueInstruction, cueSpeakerSubject, cueThingSubject, cueCommitmentPhrase,
		cueEmpathyPhrase, cueAnswersQuestion, cueNoContext, cueBackchannelTurn, cueShortTurn, cueLength},
	modelAcknowledgment: {cueAckOpening, cueAckThenBut, cueBackchannelTurn, cueAnswersQuestion, cueAnswersYesNo, cueFollowsOther,
		cueQuestionMark, cueSocialFormula, cueShortTurn, cueLength},
	modelEmpathy: {cueEmpathyPhrase, cueApology, cueCare, cueCourtesy, cueNamesFeeling,
		cueListenerFeeling, cueSidesWithCustomer, cueQuestionMark},
	modelUnderstandingCheck: {cueCheckPhrase, cueQuestionMark, cueUnpunctuated, cueYesNoFrame, cueTagQuestion,
		cueDeclarativeQuestion, cuePlaybackLeadIn},
	modelActionCommitment: {cueCommitmentPhrase, cueDoneAction, cueHedge, cueSpeakerSubject,
		cueInstruction, cueQuestionMark, cueYesNoFrame},
	modelDefensive: {cueDefensivePhrase, cueAckThenBut, cueSidesWithCustomer, cueInstruction, cueQuestionMark},
}

// linearModel is one fitted detector: the tag is set when bias + Σ w·x > 0
// over the model's cues.
type linearModel struct {
	bias float64
	w    [numCues]float64
}

// score returns the model's sum for the cue values cv.
func (m *linearModel) score(id modelID, cv *cueVec) float64 {
	s := m.bias
	for _, c := range modelCues[id] {
		s += m.w[c] * cv.val[c]
	}
	return s
}

// Weights are the fitted weights of the tag detectors: for each tag, a
// bias and a weight per cue, the tag being set when the bias plus the
// weighted cue values is above zero. [DefaultWeights] are the embedded
// ones; [Fit] fits new ones to people's labels; [ReadWeights] reads a
// file that [Weights.WriteJSON] wrote. Weights are immutable and safe for
// concurrent use.
type Weights struct {
	models [numModels]linearModel
	about  weightsAbout
}

// weightsAbout says where weights came from.
type weightsAbout struct {
	FittedBy string   `json:"fitted_by"`
	Data     []string `json:"data"`
	L2       float64  `json:"l2"`
}

//go:embed weights.json
var defaultWeightsJSON []byte

// defaultWeights parses the embedded weights, once.
var defaultWeights = sync.OnceValue(func() *Weights {
	w, err := ReadWeights("weights.json", bytes.NewReader(defaultWeightsJSON))
	if err != nil {
		panic("listenscore: embedded weights: " + err.Error()) // a build defect
	}
	return w
})

// DefaultWeights returns the embedded weights, fitted by the project on
// human-labelled conversations (the package documentation says which).
func DefaultWeights() *Weights { return defaultWeights() }

// weightsFile is the JSON form of [Weights].
type weightsFile struct {
	Format   string         `json:"format"`
	FittedBy string         `json:"fitted_by"`
	Data     []string       `json:"data"`
	L2       float64        `json:"l2"`
	Models   []modelFileRow `json:"models"`
}

type modelFileRow struct {
	Tag     string          `json:"tag"`
	Bias    float64         `json:"bias"`
	Weights json.RawMessage `json:"weights"`
}

// weightsFormat names the file format, so that a file of another kind is
// rejected at once.
const weightsFormat = "listenscore weights 1"

// ReadWeights reads weights that [Weights.WriteJSON] wrote. name is used
// in errors, which are *[ParseError] values wrapping [ErrSyntax] for
// malformed JSON and [ErrSchema] for a file of another shape: another
// format, an unknown tag or cue, a tag given twice or missing. Every tag
// must have a model and every cue named must be one the model weighs; a
// cue left out weighs 0.
func ReadWeights(name string, r io.Reader) (*Weights, error) {
	data, err := io.ReadAll(io.LimitReader(r, 1<<20+1))
	if err != nil {
		return nil, fmt.Errorf("listenscore: %s: %w", name, err)
	}
	if len(data) > 1<<20 {
		return nil, &ParseError{File: name, Line: 1, Column: 1, Err: detailf(ErrTooLarge, "weights file over 1 MiB")}
	}
	fail := func(at string, format string, args ...any) error {
		line, col := 1, 1
		if at != "" {
			line, col = positionOf(data, at)
		}
		return &ParseError{File: name, Line: line, Column: col, Err: detailf(ErrSchema, format, args...)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f weightsFile
	if err := dec.Decode(&f); err != nil {
		line, col, reason := 1, 1, ErrSchema
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			line, col = lineCol(data, int(syn.Offset)-1) // the offending byte
			reason = ErrSyntax
		case errors.As(err, &typ):
			line, col = lineCol(data, int(typ.Offset)-valueLen(data, int(typ.Offset))) // the value's start
		}
		return nil, &ParseError{File: name, Line: line, Column: col, Err: detailf(reason, "%s", jsonReason(err))}
	}
	if f.Format != weightsFormat {
		return nil, fail(`"format"`, "format is %q, want %q", f.Format, weightsFormat)
	}
	w := &Weights{about: weightsAbout{FittedBy: f.FittedBy, Data: f.Data, L2: f.L2}}
	var seen [numModels]bool
	for _, row := range f.Models {
		id, ok := modelByTag(row.Tag)
		if !ok {
			return nil, fail(strconv.Quote(row.Tag), "unknown tag %q (a model per tag: %v)", row.Tag, modelTags)
		}
		if seen[id] {
			return nil, fail(strconv.Quote(row.Tag), "tag %q given twice", row.Tag)
		}
		seen[id] = true
		m := &w.models[id]
		m.bias = row.Bias
		var cues map[string]float64
		if err := json.Unmarshal(row.Weights, &cues); err != nil {
			return nil, fail(strconv.Quote(row.Tag), "tag %q: weights: %s", row.Tag, jsonReason(err))
		}
		for cname, v := range cues {
			c, ok := cueByName(cname)
			if !ok || !slices.Contains(modelCues[id], c) {
				return nil, fail(strconv.Quote(cname), "tag %q has no cue %q (its cues: %s)", row.Tag, cname, cueNames(id))
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fail(strconv.Quote(cname), "cue %q: weight %v", cname, v)
			}
			m.w[c] = v
		}
		if math.IsNaN(m.bias) || math.IsInf(m.bias, 0) {
			return nil, fail(strconv.Quote(row.Tag), "tag %q: bias %v", row.Tag, m.bias)
		}
	}
	for id, ok := range seen {
		if !ok {
			return nil, fail("", "no model for tag %q", modelTags[id])
		}
	}
	return w, nil
}

// modelByTag returns the model that decides tag.
func modelByTag(tag string) (modelID, bool) {
	for id, t := range modelTags {
		if string(t) == tag {
			return modelID(id), true
		}
	}
	return 0, false
}

// cueNames lists the names of model id's cues.
func cueNames(id modelID) string {
	var b []byte
	for k, c := range modelCues[id] {
		if k > 0 {
			b = append(b, ", "...)
		}
		b = append(b, cueDefs[c].name...)
	}
	return string(b)
}

// positionOf returns the line and column of the first occurrence of s in
// data, or 1, 1.
func positionOf(data []byte, s string) (int, int) {
	k := bytes.Index(data, []byte(s))
	if k < 0 {
		return 1, 1
	}
	return lineCol(data, k)
}

// lineCol converts a byte offset in data into a 1-based line and column.
func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

// WriteJSON writes w as an indented JSON document that [ReadWeights]
// reads back: where the weights came from, then per tag the bias and each
// cue's weight, in a fixed order, so that the same weights give the same
// bytes.
func (w *Weights) WriteJSON(out io.Writer) error {
	var b bytes.Buffer
	str := func(s string) {
		q, _ := json.Marshal(s)
		b.Write(q)
	}
	b.WriteString("{\n  \"format\": ")
	str(weightsFormat)
	b.WriteString(",\n  \"fitted_by\": ")
	str(w.about.FittedBy)
	b.WriteString(",\n  \"data\": [")
	for k, d := range w.about.Data {
		if k > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		str(d)
	}
	if len(w.about.Data) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("],\n  \"l2\": ")
	b.WriteString(formatWeight(w.about.L2))
	b.WriteString(",\n  \"models\": [")
	for id := range numModels {
		m := &w.models[id]
		if id > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    {\"tag\": ")
		str(string(modelTags[id]))
		b.WriteString(", \"bias\": ")
		b.WriteString(formatWeight(m.bias))
		b.WriteString(", \"weights\": {")
		for k, c := range modelCues[id] {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n      ")
			str(cueDefs[c].name)
			b.WriteString(": ")
			b.WriteString(formatWeight(m.w[c]))
		}
		b.WriteString("\n    }}")
	}
	b.WriteString("\n  ]\n}\n")
	_, err := out.Write(b.Bytes())
	return err
}

// weightDecimals is the precision weights are kept at: fitting rounds
// them, so the written file is exactly the model that runs.
const weightDecimals = 3

// formatWeight formats a weight with weightDecimals decimals, "-0"
// written as "0".
func formatWeight(v float64) string {
	s := strconv.FormatFloat(v, 'f', weightDecimals, 64)
	if s == "-0.000" {
		s = "0.000"
	}
	return s
}

// roundWeight rounds v to weightDecimals decimals.
func roundWeight(v float64) float64 {
	const scale = 1e3
	r := math.Round(v*scale) / scale
	if r == 0 {
		return 0 // not -0
	}
	return r
}
