package rubric

import (
	"bytes"
	"errors"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/callqa/listenscore/listenscore"
	"go.yaml.in/yaml/v3"
)

// The plain structs a rubric file decodes into, with KnownFields: the YAML
// keys are the tags. Pointers tell a key that is absent (inherit) from one
// that is set; the YAML node of the same file tells an explicit null
// (clear) from an absent key, and gives every value its position.
type (
	fileRubric struct {
		Name         string                 `yaml:"name"`
		Description  string                 `yaml:"description"`
		Extends      string                 `yaml:"extends"`
		Settings     *fileSettings          `yaml:"settings"`
		Weights      string                 `yaml:"weights"`
		Phrases      map[string]filePhrases `yaml:"phrases"`
		Roles        map[string]string      `yaml:"roles"`
		Grades       map[string]float64     `yaml:"grades"`
		PassingGrade string                 `yaml:"passing_grade"`
		Remove       []string               `yaml:"remove"`
		Criteria     []fileCriterion        `yaml:"criteria"`
	}
	fileSettings struct {
		SilenceSeconds                *float64 `yaml:"silence_seconds"`
		MinInterruptionOverlapSeconds *float64 `yaml:"min_interruption_overlap_seconds"`
		MaxBackchannelWords           *int     `yaml:"max_backchannel_words"`
		MinSubstantiveWords           *int     `yaml:"min_substantive_words"`
	}
	filePhrases struct {
		Add    []string `yaml:"add"`
		Remove []string `yaml:"remove"`
	}
	fileCriterion struct {
		ID          string         `yaml:"id"`
		Title       string         `yaml:"title"`
		Description string         `yaml:"description"`
		Section     string         `yaml:"section"`
		Metric      string         `yaml:"metric"`
		Weight      *float64       `yaml:"weight"`
		Min         *float64       `yaml:"min"`
		Max         *float64       `yaml:"max"`
		Tolerance   *float64       `yaml:"tolerance"`
		Steps       []fileStep     `yaml:"steps"`
		AutoFail    bool           `yaml:"auto_fail"`
		AppliesWhen *fileCondition `yaml:"applies_when"`
	}
	fileStep struct {
		Min    *float64 `yaml:"min"`
		Max    *float64 `yaml:"max"`
		Points *float64 `yaml:"points"`
	}
	fileCondition struct {
		Metric string   `yaml:"metric"`
		Min    *float64 `yaml:"min"`
		Max    *float64 `yaml:"max"`
	}
)

// structName names a file struct in messages.
func structName(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[fileRubric]():
		return "rubric"
	case reflect.TypeFor[fileSettings]():
		return "settings"
	case reflect.TypeFor[filePhrases]():
		return "phrases"
	case reflect.TypeFor[fileCriterion]():
		return "criterion"
	case reflect.TypeFor[fileStep]():
		return "step"
	case reflect.TypeFor[fileCondition]():
		return "applies_when"
	}
	return t.Name()
}

// Bounds of the settings section.
const (
	maxSettingSeconds = 3600
	maxSettingWords   = 1000
)

// names holds what a rubric may refer to, from listenscore.
type names struct {
	metrics, lexicons []string
}

func knownNames() *names {
	n := &names{lexicons: listenscore.Lexicons()}
	for _, m := range listenscore.MetricNames() {
		n.metrics = append(n.metrics, string(m))
	}
	return n
}

// A layer is one decoded rubric file of an extends chain.
type layer struct {
	file  string
	depth int
	top   *yaml.Node // the top-level mapping
	raw   fileRubric
	// invalid holds the nodes the shape check reported: their values are
	// unset (list items: dropped) in raw, and are not checked further.
	invalid map[*yaml.Node]bool
	// flagged holds the criteria the file's check reported a problem in:
	// the checks of the merged rubric skip them.
	flagged map[*yaml.Node]bool
}

func (ly *layer) at(n *yaml.Node) pos { return at(ly.file, ly.depth, n) }

// bad reports whether n was reported by the shape check.
func (ly *layer) bad(n *yaml.Node) bool { return n != nil && ly.invalid[n] }

// anyBad reports whether the shape check reported n or a node inside it.
func (ly *layer) anyBad(n *yaml.Node) bool {
	if n == nil || len(ly.invalid) == 0 {
		return false
	}
	if ly.invalid[n] {
		return true
	}
	for _, c := range n.Content {
		if ly.anyBad(c) {
			return true
		}
	}
	return false
}

// items returns the elements of the sequence n that the decoder kept,
// aligned with the decoded slice.
func (ly *layer) items(n *yaml.Node) []*yaml.Node {
	if ly.bad(n) {
		return nil
	}
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		if !ly.bad(c) {
			out = append(out, c)
		}
	}
	return out
}

// entries returns the key and value nodes of the mapping n, skipping keys
// the shape check reported.
func (ly *layer) entries(n *yaml.Node) (keys, values []*yaml.Node) {
	if ly.bad(n) {
		return nil, nil
	}
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); !ly.bad(n.Content[i+1]) && k != nil && k.Kind == yaml.ScalarNode {
			keys, values = append(keys, k), append(values, n.Content[i+1])
		}
	}
	return keys, values
}

func nth(nodes []*yaml.Node, i int) *yaml.Node {
	if i < len(nodes) {
		return nodes[i]
	}
	return nil
}

// parseLayer decodes one rubric file and checks everything that does not
// depend on the file it extends, into ps. It returns nil when the file
// cannot be decoded; a layer with problems is returned, so that the file
// it extends is checked too.
func parseLayer(file string, depth int, data []byte, known *names, ps *problems) *layer {
	whole := pos{file: file, layer: depth}
	if len(data) > maxFileBytes {
		ps.add(whole, "file larger than %d bytes", maxFileBytes)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			ps.add(whole, "empty rubric")
			return nil
		}
		ps.addErr(syntaxError(file, data, err))
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		ps.add(at(file, depth, &next), "more than one YAML document")
		return nil
	case !errors.Is(err, io.EOF):
		ps.addErr(syntaxError(file, data, err))
		return nil
	}
	if e := checkLimits(file, &doc); e != nil {
		ps.addErr(e)
		return nil
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		ps.add(whole, "empty rubric")
		return nil
	}
	top := doc.Content[0]
	if resolve(top).Kind != yaml.MappingNode {
		ps.add(at(file, depth, top), "want a mapping of rubric keys at the top level, got %s", describe(top))
		return nil
	}
	sh := &shaper{file: file, layer: depth, ps: ps}
	sh.check(top, reflect.TypeFor[fileRubric](), "rubric")
	ly := &layer{file: file, depth: depth, top: resolve(top), invalid: sh.bad, flagged: make(map[*yaml.Node]bool)}
	strict := yaml.NewDecoder(bytes.NewReader(data))
	strict.KnownFields(true)
	if err := strict.Decode(&ly.raw); err != nil && len(sh.bad) == 0 {
		// The shape check should have found this; report it as the YAML
		// library words it.
		for _, e := range yamlError(file, err) {
			ps.addErr(e)
		}
		return nil
	}
	ly.check(known, ps)
	return ly
}

// check reports the problems of the file on its own.
func (ly *layer) check(known *names, ps *problems) {
	r, top := &ly.raw, ly.top
	if n := lookup(top, "extends"); !isNull(n) && !ly.bad(n) && strings.TrimSpace(r.Extends) == "" {
		ps.add(ly.at(n), "extends is empty")
	}
	ly.checkSettings(ps)
	ly.checkPhrases(known, ps)
	ly.checkRoles(ps)
	ly.checkGrades(ps)
	if len(r.Remove) > 0 && r.Extends == "" && !ly.bad(lookup(top, "extends")) {
		ps.add(ly.at(keyNode(top, "remove")), "remove needs extends: there are no inherited criteria")
	}
	removes := ly.items(lookup(top, "remove"))
	for i, id := range r.Remove {
		if strings.TrimSpace(id) == "" {
			ps.add(ly.at(nth(removes, i)), "empty criterion id")
		}
	}
	seen := make(map[string]*yaml.Node)
	crits := ly.items(lookup(top, "criteria"))
	for i := range r.Criteria {
		before := len(ps.errs)
		ly.checkCriterion(&r.Criteria[i], nth(crits, i), seen, known, ps)
		if len(ps.errs) > before && nth(crits, i) != nil {
			ly.flagged[nth(crits, i)] = true
		}
	}
}

func (ly *layer) checkSettings(ps *problems) {
	s := ly.raw.Settings
	sn := lookup(ly.top, "settings")
	if s == nil || ly.bad(sn) {
		return
	}
	between := func(key string, v, hi float64) {
		switch n := lookup(sn, key); {
		case ly.bad(n):
		case v <= 0:
			ps.add(ly.at(n), "%s must be greater than 0, got %s", key, num(v))
		case v > hi:
			ps.add(ly.at(n), "%s must be at most %s, got %s", key, num(hi), num(v))
		}
	}
	if s.SilenceSeconds != nil {
		between("silence_seconds", *s.SilenceSeconds, maxSettingSeconds)
	}
	if s.MinInterruptionOverlapSeconds != nil {
		between("min_interruption_overlap_seconds", *s.MinInterruptionOverlapSeconds, maxSettingSeconds)
	}
	if s.MaxBackchannelWords != nil {
		between("max_backchannel_words", float64(*s.MaxBackchannelWords), maxSettingWords)
	}
	if s.MinSubstantiveWords != nil {
		between("min_substantive_words", float64(*s.MinSubstantiveWords), maxSettingWords)
	}
}

func (ly *layer) checkPhrases(known *names, ps *problems) {
	keys, values := ly.entries(lookup(ly.top, "phrases"))
	for i, k := range keys {
		lex := k.Value
		if !slices.Contains(known.lexicons, lex) {
			if hint := didYouMean(lex, known.lexicons); hint != "" {
				ps.add(ly.at(k), "unknown lexicon %q%s", lex, hint)
			} else {
				ps.add(ly.at(k), "unknown lexicon %q; want one of: %s", lex, strings.Join(known.lexicons, ", "))
			}
		}
		edits := ly.raw.Phrases[lex]
		adds, removes := ly.items(lookup(values[i], "add")), ly.items(lookup(values[i], "remove"))
		added := make(map[string]bool)
		for j, p := range edits.Add {
			if strings.TrimSpace(p) == "" {
				ps.add(ly.at(nth(adds, j)), "empty phrase")
			}
			added[strings.ToLower(p)] = true
		}
		for j, p := range edits.Remove {
			switch {
			case strings.TrimSpace(p) == "":
				ps.add(ly.at(nth(removes, j)), "empty phrase")
			case added[strings.ToLower(p)]:
				ps.add(ly.at(nth(removes, j)), "phrase %q is both added and removed", p)
			}
		}
	}
}

func (ly *layer) checkRoles(ps *problems) {
	keys, values := ly.entries(lookup(ly.top, "roles"))
	for i, k := range keys {
		label, role := k.Value, ly.raw.Roles[k.Value]
		if strings.TrimSpace(label) == "" {
			ps.add(ly.at(k), "empty speaker label")
			continue
		}
		if _, ok := parseRole(role); !ok {
			const want = "agent, customer or unknown"
			if role == "" {
				ps.add(ly.at(values[i]), "speaker %q has no role (want %s)", label, want)
			} else if hint := didYouMean(role, []string{"agent", "customer", "unknown"}); hint != "" {
				ps.add(ly.at(values[i]), "unknown role %q for speaker %q%s", role, label, hint)
			} else {
				ps.add(ly.at(values[i]), "unknown role %q for speaker %q (want %s)", role, label, want)
			}
		}
	}
}

// parseRole accepts the roles a rubric may map a speaker to.
func parseRole(s string) (listenscore.Role, bool) {
	if strings.TrimSpace(s) == "" {
		return listenscore.RoleUnknown, false
	}
	return listenscore.ParseRole(s)
}

func (ly *layer) checkGrades(ps *problems) {
	keys, values := ly.entries(lookup(ly.top, "grades"))
	byMin := make(map[float64]string)
	lowest := 100.0
	for i, k := range keys {
		name, lo := k.Value, ly.raw.Grades[k.Value]
		switch {
		case strings.TrimSpace(name) == "":
			ps.add(ly.at(k), "empty grade name")
			continue
		case isNull(values[i]):
			ps.add(ly.at(values[i]), "grade %q has no min", name)
			continue
		case lo < 0 || lo > 100:
			ps.add(ly.at(values[i]), "grade %q: min %s is outside 0 to 100", name, num(lo))
			continue
		}
		if other, dup := byMin[lo]; dup {
			ps.add(ly.at(values[i]), "grades %q and %q have the same min %s", other, name, num(lo))
			continue
		}
		byMin[lo] = name
		lowest = min(lowest, lo)
	}
	if len(byMin) > 0 && lowest > 0 {
		ps.add(ly.at(keyNode(ly.top, "grades")), "no grade for scores below %s: give the lowest grade min 0", num(lowest))
	}
}

// validID reports whether id is letters, digits, '_', '-' and '.'.
func validID(id string) bool {
	for _, c := range id {
		if !(c == '_' || c == '-' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return id != ""
}

func (ly *layer) checkCriterion(c *fileCriterion, n *yaml.Node, seen map[string]*yaml.Node, known *names, ps *problems) {
	idn := lookup(n, "id")
	switch {
	case ly.bad(idn):
	case strings.TrimSpace(c.ID) == "":
		ps.add(ly.at(n), "criterion has no id")
	case !validID(c.ID):
		ps.add(ly.at(idn), `id %q may contain only letters, digits, "_", "-" and "."`, c.ID)
	}
	if c.ID != "" {
		if first, dup := seen[c.ID]; dup {
			ps.add(ly.at(idn), "duplicate criterion id %q (first at %d:%d)", c.ID, first.Line, first.Column)
		} else {
			seen[c.ID] = idn
		}
	}
	if mn := lookup(n, "metric"); !isNull(mn) && !ly.bad(mn) {
		ly.checkMetric(mn, c.Metric, known, ps)
	}
	if c.Weight != nil && *c.Weight <= 0 && !ly.bad(lookup(n, "weight")) {
		ps.add(ly.at(lookup(n, "weight")), "weight must be greater than 0, got %s", num(*c.Weight))
	}
	if c.Tolerance != nil && *c.Tolerance < 0 && !ly.bad(lookup(n, "tolerance")) {
		ps.add(ly.at(lookup(n, "tolerance")), "tolerance must not be negative, got %s", num(*c.Tolerance))
	}
	if c.Min != nil && c.Max != nil && *c.Min > *c.Max && !ly.bad(lookup(n, "min")) && !ly.bad(lookup(n, "max")) {
		ps.add(ly.at(lookup(n, "min")), "min %s is above max %s", num(*c.Min), num(*c.Max))
	}
	band := c.Min != nil || c.Max != nil || c.Tolerance != nil
	if sn := lookup(n, "steps"); !isNull(sn) && !ly.bad(sn) {
		if band {
			ps.add(ly.at(keyNode(n, "steps")), "criterion has both min/max/tolerance and steps; use one")
		}
		ly.checkSteps(c.Steps, sn, ps)
	}
	if an := lookup(n, "applies_when"); c.AppliesWhen != nil && !ly.bad(an) {
		ly.checkCondition(c.AppliesWhen, keyNode(n, "applies_when"), an, known, ps)
	}
}

func (ly *layer) checkMetric(n *yaml.Node, metric string, known *names, ps *problems) {
	switch {
	case strings.TrimSpace(metric) == "":
		ps.add(ly.at(n), "metric is empty")
	case !slices.Contains(known.metrics, metric):
		ps.add(ly.at(n), "unknown metric %q%s", metric, didYouMean(metric, known.metrics))
	}
}

func (ly *layer) checkSteps(steps []fileStep, sn *yaml.Node, ps *problems) {
	nodes := ly.items(sn)
	if len(resolve(sn).Content) == 0 {
		ps.add(ly.at(sn), "steps is empty")
		return
	}
	earns, complete := false, len(nodes) == len(resolve(sn).Content)
	usable := make([]bool, len(steps))
	for j, s := range steps {
		n := nth(nodes, j)
		usable[j] = true
		switch pn := lookup(n, "points"); {
		case ly.bad(pn):
			complete = false
		case s.Points == nil:
			ps.add(ly.at(n), "step %d has no points", j+1)
			complete = false
		case *s.Points < 0:
			ps.add(ly.at(pn), "points must not be negative, got %s", num(*s.Points))
			complete = false
		case *s.Points > 0:
			earns = true
		}
		if ly.bad(lookup(n, "min")) || ly.bad(lookup(n, "max")) {
			usable[j] = false
		} else if s.Min != nil && s.Max != nil && *s.Min > *s.Max {
			ps.add(ly.at(lookup(n, "min")), "min %s is above max %s", num(*s.Min), num(*s.Max))
			usable[j] = false
		}
	}
	for j := range steps {
		for k := 0; k < j && usable[j]; k++ {
			if usable[k] && overlaps(steps[k], steps[j]) {
				ps.add(ly.at(nth(nodes, j)), "step %d (%s) overlaps step %d (%s)",
					j+1, rangeText(steps[j].Min, steps[j].Max), k+1, rangeText(steps[k].Min, steps[k].Max))
				break
			}
		}
	}
	if complete && !earns {
		ps.add(ly.at(sn), "no step earns points")
	}
}

// overlaps reports whether two inclusive ranges share a value.
func overlaps(a, b fileStep) bool {
	lo := func(p *float64) float64 {
		if p == nil {
			return math.Inf(-1)
		}
		return *p
	}
	hi := func(p *float64) float64 {
		if p == nil {
			return math.Inf(1)
		}
		return *p
	}
	return max(lo(a.Min), lo(b.Min)) <= min(hi(a.Max), hi(b.Max))
}

func (ly *layer) checkCondition(c *fileCondition, key, n *yaml.Node, known *names, ps *problems) {
	if mn := lookup(n, "metric"); isNull(mn) {
		ps.add(ly.at(key), "applies_when has no metric")
	} else {
		ly.checkMetric(mn, c.Metric, known, ps)
	}
	switch {
	case ly.bad(lookup(n, "min")) || ly.bad(lookup(n, "max")):
	case c.Min == nil && c.Max == nil:
		ps.add(ly.at(key), "applies_when needs min and/or max")
	case c.Min != nil && c.Max != nil && *c.Min > *c.Max:
		ps.add(ly.at(lookup(n, "min")), "min %s is above max %s", num(*c.Min), num(*c.Max))
	}
}

// rangeText renders an inclusive range: "1 to 4", "≥ 5", "≤ 0", "3".
func rangeText(lo, hi *float64) string {
	switch {
	case lo != nil && hi != nil && *lo == *hi:
		return num(*lo)
	case lo != nil && hi != nil:
		return num(*lo) + " to " + num(*hi)
	case lo != nil:
		return "≥ " + num(*lo)
	case hi != nil:
		return "≤ " + num(*hi)
	}
	return "any value"
}

// num renders a number for messages: three decimals, or four significant
// digits below 1 (so that "1 − 0.1818/0.2" works out as the points shown),
// without trailing zeros.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) >= 1e9 {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	decimals := 3
	if a := math.Abs(v); a > 0 && a < 1 {
		decimals = min(max(3, 4-int(math.Ceil(math.Log10(a)))), 15)
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}
