package listenscore

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
)

// FitOptions are the settings of [Fit] and [CrossValidate]. The zero value
// fits from scratch with the default settings.
type FitOptions struct {
	// Config is the analysis configuration the cues are computed with
	// (a team's phrase edits and thresholds); its Weights are ignored.
	Config Config
	// Start is where fitting starts from. Each tag's weights are pulled
	// toward Start's by the L2 penalty, so a small set of labels moves
	// them only as far as it has evidence for, and a tag that no labels
	// use keeps Start's model. nil starts from zero weights; then every
	// tag must be labelled.
	Start *Weights
	// L2 is the strength of the pull: the penalty is L2/2 × Σ (w − start)²
	// over the cue weights, against the log-likelihood of the labels.
	// 0 means 0.3, chosen by cross-validation on the project's sets.
	L2 float64
	// Folds is the number of folds of [CrossValidate]; 0 means 5.
	Folds int
	// FittedBy is recorded in the weights: the command that produced
	// them. Data, when not nil, replaces the record of the data they were
	// fitted on, which by default names each labels file with its count
	// of agent turns and conversations.
	FittedBy string
	Data     []string
}

// Defaults for [FitOptions].
const (
	defaultL2    = 0.3
	defaultFolds = 5
)

// example is one labelled agent turn: its cue values and labels.
type example struct {
	set   int    // index of its labels in Fit's list
	file  string // base name: the conversation, the unit of a fold
	turn  int
	x     [numCues]float64
	has   tagBits // the human labels
	known tagBits // the tags its labels set says anything about
}

// tagBits is a set of tags, bit tagRank(tag).
type tagBits uint16

func (b tagBits) has(tag Tag) bool { return b&(1<<tagRank(tag)) != 0 }

func bitsOf(tags []Tag) tagBits {
	var b tagBits
	for _, t := range tags {
		b |= 1 << tagRank(t)
	}
	return b
}

// Fit fits the tag detectors' weights to people's labels: per tag, a
// logistic regression over the cues the tag weighs, with an L2 penalty
// toward opts.Start (see [FitOptions]), solved by Newton's method to
// convergence and rounded to three decimals. Each labels set says
// something only about the tags it uses (a set that never labels empathy
// is neither evidence for nor against it); the question model learns from
// every set that labels questions, the open model from their labelled
// questions. Labelled turns are matched to transcripts by base name as in
// [Calibrate]; only agent turns are used. The result is deterministic:
// the same inputs give the same weights, byte for byte in
// [Weights.WriteJSON].
func Fit(transcripts []*Transcript, labels []*Labels, opts FitOptions) (*Weights, error) {
	ex, err := collectExamples(transcripts, labels, opts.Config)
	if err != nil {
		return nil, err
	}
	w, err := fitExamples(ex, opts)
	if err != nil {
		return nil, err
	}
	if w.about.Data == nil {
		w.about.Data = describeData(ex, labels)
	}
	return w, nil
}

// describeData says, per labels set, how many labelled agent turns of how
// many conversations were fitted on: "annomi-dev/labels.jsonl: 3588
// agent turns of 89 conversations". The labels file is named by its
// directory and base name, so that the record does not depend on where
// the data sits.
func describeData(ex []example, labels []*Labels) []string {
	out := make([]string, len(labels))
	for s, l := range labels {
		turns, files := 0, map[string]bool{}
		for i := range ex {
			if ex[i].set == s {
				turns++
				files[ex[i].file] = true
			}
		}
		name := filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(l.name)), filepath.Base(l.name)))
		out[s] = fmt.Sprintf("%s: %d agent turns of %d conversations", name, turns, len(files))
	}
	return out
}

// collectExamples analyses every labelled transcript once and returns its
// labelled agent turns with their cues.
func collectExamples(transcripts []*Transcript, labels []*Labels, cfg Config) ([]example, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	// The tags decided while the cues are collected are not used: any
	// weights do, and zero weights need nothing embedded.
	cfg.Weights = new(Weights)
	cfg = cfg.withDefaults()
	lex := buildLexicons(cfg)
	byName := make(map[string]*Transcript, len(transcripts))
	for _, t := range transcripts {
		if t == nil {
			return nil, errors.New("listenscore: fit: nil transcript")
		}
		base := filepath.Base(t.Name)
		if _, dup := byName[base]; dup {
			return nil, fmt.Errorf("listenscore: fit: two transcripts named %s", base)
		}
		byName[base] = t
	}
	known := make([]tagBits, len(labels))
	wanted := make(map[string]bool)
	for s, l := range labels {
		for _, ll := range l.lines {
			known[s] |= bitsOf(ll.tags)
			wanted[ll.file] = true
		}
	}
	// Cues of every agent turn of the labelled transcripts, by file.
	cues := make(map[string]map[int]*[numCues]float64, len(wanted))
	names := make([]string, 0, len(wanted))
	for name := range wanted {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		t := byName[name]
		if t == nil {
			continue
		}
		m := make(map[int]*[numCues]float64)
		analyze(t, cfg, lex, func(i int, cv *cueVec, _ *turnFeatures) {
			if t.Turns[i].Role == RoleAgent {
				x := cv.val
				m[i] = &x
			}
		})
		cues[name] = m
	}
	var ex []example
	for s, l := range labels {
		for _, ll := range l.lines {
			x := cues[ll.file][ll.turn]
			if x == nil {
				continue // not analysed, past the end, not the agent's, or empty
			}
			ex = append(ex, example{set: s, file: ll.file, turn: ll.turn, x: *x, has: bitsOf(ll.tags), known: known[s]})
		}
	}
	return ex, nil
}

// fitExamples fits every model to ex.
func fitExamples(ex []example, opts FitOptions) (*Weights, error) {
	l2 := opts.L2
	if l2 == 0 {
		l2 = defaultL2
	}
	if l2 < 0 || math.IsNaN(l2) || math.IsInf(l2, 0) {
		return nil, fmt.Errorf("listenscore: fit: L2 %v, want a positive number", l2)
	}
	w := &Weights{about: weightsAbout{FittedBy: opts.FittedBy, Data: slices.Clone(opts.Data), L2: l2}}
	for m := range numModels {
		var rows [][numCues]float64
		var y []bool
		var sets []int
		tag := modelTags[m]
		for i := range ex {
			e := &ex[i]
			switch m {
			case modelQuestion:
				if !e.known.has(TagQuestion) {
					continue
				}
			case modelOpen:
				if !e.known.has(TagOpenQuestion) && !e.known.has(TagClosedQuestion) || !e.has.has(TagQuestion) {
					continue
				}
			default:
				if !e.known.has(tag) {
					continue
				}
			}
			rows = append(rows, e.x)
			y = append(y, e.has.has(tag))
			sets = append(sets, e.set)
		}
		var start linearModel
		if opts.Start != nil {
			start = opts.Start.models[m]
		}
		if len(rows) == 0 {
			// No labels set says anything about the tag.
			if opts.Start == nil {
				return nil, fmt.Errorf("listenscore: fit: no labels set uses %s, and there are no weights to start from", tag)
			}
			w.models[m] = start
			continue
		}
		w.models[m] = fitLogistic(modelCues[m], rows, y, setWeights(sets), start, l2)
	}
	return w, nil
}

// setWeights returns the weight of each row, by its labels set, so that
// every set counts the same in all: a large corpus of one kind of
// conversation does not drown a small one of another. The weights
// average 1.
func setWeights(sets []int) []float64 {
	count := make(map[int]int)
	for _, s := range sets {
		count[s]++
	}
	w := make([]float64, len(sets))
	for i, s := range sets {
		w[i] = float64(len(sets)) / float64(len(count)*count[s])
	}
	return w
}

// Newton's method's limits: it stops when no parameter moves by more than
// fitTolerance, or after fitMaxIterations.
const (
	fitTolerance     = 1e-9
	fitMaxIterations = 100
	// biasL2 keeps the bias's Hessian entry positive when a tag is
	// (nearly) separable; it barely pulls.
	biasL2 = 1e-4
)

// fitLogistic fits a logistic regression of y on the cues of rows, each
// row's log-likelihood weighted by weight, penalised by l2/2 × Σ (w − start.w)² (and biasL2/2 × (b − start.bias)²),
// and returns it rounded to weightDecimals.
func fitLogistic(cues []cueID, rows [][numCues]float64, y []bool, weight []float64, start linearModel, l2 float64) linearModel {
	d := len(cues) + 1 // the bias first
	theta := make([]float64, d)
	prior := make([]float64, d)
	prior[0] = start.bias
	for j, c := range cues {
		prior[j+1] = start.w[c]
	}
	copy(theta, prior)
	pen := func(j int) float64 {
		if j == 0 {
			return biasL2
		}
		return l2
	}
	x := make([]float64, d)
	row := func(i int) []float64 {
		x[0] = 1
		for j, c := range cues {
			x[j+1] = rows[i][c]
		}
		return x
	}
	loss := func(th []float64) float64 {
		var l float64
		for i := range rows {
			z := dot(th, row(i))
			li := softplus(z)
			if y[i] {
				li -= z
			}
			l += weight[i] * li
		}
		for j := range th {
			l += pen(j) / 2 * (th[j] - prior[j]) * (th[j] - prior[j])
		}
		return l
	}
	g := make([]float64, d)
	h := make([]float64, d*d)
	step := make([]float64, d)
	next := make([]float64, d)
	cur := loss(theta)
	for range fitMaxIterations {
		clear(g)
		clear(h)
		for i := range rows {
			xi := row(i)
			p := sigmoid(dot(theta, xi))
			r := p
			if y[i] {
				r -= 1
			}
			r *= weight[i]
			v := weight[i] * p * (1 - p)
			for a := range d {
				g[a] += r * xi[a]
				if xi[a] == 0 {
					continue
				}
				for b := range d {
					h[a*d+b] += v * xi[a] * xi[b]
				}
			}
		}
		for j := range d {
			g[j] += pen(j) * (theta[j] - prior[j])
			h[j*d+j] += pen(j)
		}
		if !solveCholesky(h, g, step, d) {
			break
		}
		// Backtracking: halve the step until the loss does not rise.
		t := 1.0
		for range 30 {
			for j := range d {
				next[j] = theta[j] - t*step[j]
			}
			if l := loss(next); l <= cur {
				cur = l
				break
			}
			t /= 2
		}
		moved := 0.0
		for j := range d {
			moved = max(moved, math.Abs(next[j]-theta[j]))
		}
		copy(theta, next)
		if moved < fitTolerance {
			break
		}
	}
	var m linearModel
	m.bias = roundWeight(theta[0])
	for j, c := range cues {
		m.w[c] = roundWeight(theta[j+1])
	}
	return m
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// sigmoid is the logistic function, computed without overflow.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// softplus is ln(1 + e^z), computed without overflow.
func softplus(z float64) float64 {
	if z > 0 {
		return z + math.Log1p(math.Exp(-z))
	}
	return math.Log1p(math.Exp(z))
}

// solveCholesky solves the symmetric positive definite system a·x = b of
// size n (a row-major) into x, and reports false when a is not positive
// definite. a is overwritten with its Cholesky factor.
func solveCholesky(a, b, x []float64, n int) bool {
	for j := range n {
		s := a[j*n+j]
		for k := range j {
			s -= a[j*n+k] * a[j*n+k]
		}
		if s <= 0 || math.IsNaN(s) {
			return false
		}
		a[j*n+j] = math.Sqrt(s)
		for i := j + 1; i < n; i++ {
			s := a[i*n+j]
			for k := range j {
				s -= a[i*n+k] * a[j*n+k]
			}
			a[i*n+j] = s / a[j*n+j]
		}
	}
	// L·z = b, then Lᵀ·x = z.
	for i := range n {
		s := b[i]
		for k := range i {
			s -= a[i*n+k] * x[k]
		}
		x[i] = s / a[i*n+i]
	}
	for i := n - 1; i >= 0; i-- {
		s := x[i]
		for k := i + 1; k < n; k++ {
			s -= a[k*n+i] * x[k]
		}
		x[i] = s / a[i*n+i]
	}
	return true
}

// CrossValidate measures how weights fitted to the labels agree with them
// out of sample. For each labels set, its conversations (transcripts, by
// base name) are sorted by name and dealt into opts.Folds folds in turn,
// the i-th name into fold i mod Folds; each fold's conversations are
// analysed with weights fitted, as [Fit] fits them, to every labelled
// turn of every set except that fold's conversations, and compared with
// the set's labels as [Calibrate] compares them. It returns one
// Calibration per labels set, in order: an estimate of how a refit
// agrees with the same graders on conversations it has not seen.
func CrossValidate(transcripts []*Transcript, labels []*Labels, opts FitOptions) ([]*Calibration, error) {
	folds := opts.Folds
	if folds == 0 {
		folds = defaultFolds
	}
	if folds < 2 {
		return nil, fmt.Errorf("listenscore: cross-validate: %d folds, want at least 2", folds)
	}
	ex, err := collectExamples(transcripts, labels, opts.Config)
	if err != nil {
		return nil, err
	}
	byName := make(map[string]*Transcript, len(transcripts))
	for _, t := range transcripts {
		byName[filepath.Base(t.Name)] = t
	}
	cfg := opts.Config
	out := make([]*Calibration, len(labels))
	for s, l := range labels {
		var files []string
		for _, ll := range l.lines {
			if byName[ll.file] != nil && !slices.Contains(files, ll.file) {
				files = append(files, ll.file)
			}
		}
		slices.Sort(files)
		analyses := make([]*Analysis, 0, len(files))
		for k := range folds {
			test := make(map[string]bool)
			for i, f := range files {
				if i%folds == k {
					test[f] = true
				}
			}
			if len(test) == 0 {
				continue
			}
			train := slices.DeleteFunc(slices.Clone(ex), func(e example) bool { return test[e.file] })
			w, err := fitExamples(train, opts)
			if err != nil {
				return nil, err
			}
			cfg.Weights = w
			az, err := NewAnalyzer(cfg)
			if err != nil {
				return nil, err
			}
			for i, f := range files {
				if i%folds != k {
					continue
				}
				a, err := az.Analyze(byName[f])
				if err != nil {
					return nil, err
				}
				analyses = append(analyses, a)
			}
		}
		c, err := Calibrate(l, analyses...)
		if err != nil {
			return nil, err
		}
		out[s] = c
	}
	return out, nil
}
