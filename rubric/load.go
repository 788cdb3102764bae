package rubric

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/callqa/listenscore/listenscore"
	"go.yaml.in/yaml/v3"
)

// Load reads the rubric file name from fsys, applies its extends chain and
// validates the result. name and every extends path are slash-separated and
// resolved inside fsys: extends cannot reach outside it, so a service can
// hand users' rubrics a directory of their own.
//
// The error, when not nil, joins one [*Error] per problem found, in file
// order.
func Load(fsys fs.FS, name string) (*Rubric, error) {
	l := &loader{fsys: fsys, known: knownNames()}
	return l.load(name)
}

// LoadFile loads the rubric file at path, as [Load] over the file's
// directory: extends paths are relative to that directory and cannot leave
// it, nor follow a symbolic link out of it. To let a team rubric extend a
// shared one in a parent directory, call Load with an [io/fs.FS] rooted at
// that parent. Messages name files as path does.
func LoadFile(path string) (*Rubric, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, errors.Join(&Error{File: path, Msg: ioMessage(err), Err: err})
	}
	defer root.Close()
	l := &loader{fsys: root.FS(), dir: dir, known: knownNames()}
	return l.load(base)
}

// Parse parses a rubric held in memory; name is used in messages and as the
// default rubric name. Its extends may only name the embedded default.
func Parse(name string, data []byte) (*Rubric, error) {
	l := &loader{known: knownNames()}
	return l.finish(l.resolve(source{key: name, file: name, data: data}, 0, nil))
}

// defaultKey identifies the embedded default in an extends chain; it is not
// a valid path, so no file can collide with it.
const defaultKey = "\x00default"

// A loader loads one rubric and the files it extends.
type loader struct {
	fsys  fs.FS  // nil in Parse: only the embedded default can be extended
	dir   string // LoadFile's directory, to name files in messages
	known *names
	ps    problems
}

// A source is one rubric file's bytes: key is its path in fsys, file its
// name in messages.
type source struct {
	key, file string
	data      []byte
}

func (l *loader) display(name string) string {
	if l.dir == "" || l.dir == "." {
		return name
	}
	return filepath.Join(l.dir, filepath.FromSlash(name))
}

func (l *loader) load(name string) (*Rubric, error) {
	file := l.display(name)
	if !fs.ValidPath(name) || name == "." {
		l.ps.add(pos{file: file}, "invalid rubric path: want a slash-separated path inside the rubric directory")
		return nil, l.ps.err()
	}
	data, err := readFile(l.fsys, name)
	if err != nil {
		l.ps.addErr(&Error{File: file, Msg: ioMessage(err), Err: err})
		return nil, l.ps.err()
	}
	return l.finish(l.resolve(source{key: name, file: file, data: data}, 0, nil))
}

// readFile reads a file of at most maxFileBytes (and one byte more, to tell
// a file that is too large).
func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, errIsDir
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileBytes {
		return nil, errTooLarge
	}
	return data, nil
}

var (
	errIsDir    = errors.New("is a directory")
	errTooLarge = fmt.Errorf("file larger than %d bytes", maxFileBytes)
)

// ioMessage says why a file could not be read, without repeating its path.
func ioMessage(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "file does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// resolve parses src, then the file it extends, and returns the merged
// state; nil when anything in the chain has a problem. Each file is
// checked even when another has problems, so that all are reported.
//
// A file with problems is still applied, so that the problems that show
// only in the merged rubric (a removed criterion that is not inherited,
// a criterion without a scoring rule, an unknown passing grade) are
// reported in the same run; only a file that cannot be decoded, or whose
// parent cannot be loaded, stops the chain.
func (l *loader) resolve(src source, depth int, chain []string) *state {
	ly := parseLayer(src.file, depth, src.data, l.known, &l.ps)
	if ly == nil {
		return nil
	}
	base := &state{}
	if en := lookup(ly.top, "extends"); ly.raw.Extends != "" && !ly.bad(en) {
		base = l.parent(ly, src, depth, slices.Concat(chain, []string{src.key}))
	} else if ly.bad(en) {
		return nil // inherited criteria unknown: checking the rest would mislead
	}
	if base == nil {
		return nil
	}
	l.apply(base, ly)
	if ly.raw.Weights != "" && !ly.bad(lookup(ly.top, "weights")) {
		l.loadWeights(base, ly, src)
	}
	return base
}

// loadWeights reads the tag detectors' weights a rubric file names, a path
// relative to it inside the rubric directory, as [listenscore.ReadWeights]
// reads them.
func (l *loader) loadWeights(st *state, ly *layer, src source) {
	name := ly.raw.Weights
	p := ly.at(lookup(ly.top, "weights"))
	if l.fsys == nil || src.key == defaultKey {
		l.ps.add(p, "weights %q: a rubric held in memory cannot name a file (use Load)", name)
		return
	}
	if path.IsAbs(name) || strings.HasPrefix(name, `\`) || filepath.IsAbs(name) {
		l.ps.add(p, "weights %q must be a relative path", name)
		return
	}
	target := path.Join(path.Dir(src.key), name)
	if !fs.ValidPath(target) || target == "." {
		l.ps.add(p, "weights %q is outside the rubric directory", name)
		return
	}
	data, err := readFile(l.fsys, target)
	if err != nil {
		l.ps.addErr(&Error{File: p.file, Line: p.line, Column: p.column,
			Msg: fmt.Sprintf("weights %q: %s", name, ioMessage(err)), Err: err})
		return
	}
	w, err := listenscore.ReadWeights(l.display(target), bytes.NewReader(data))
	if err != nil {
		l.ps.addErr(&Error{File: p.file, Line: p.line, Column: p.column,
			Msg: fmt.Sprintf("weights %q: %s", name, strings.TrimPrefix(err.Error(), "listenscore: ")), Err: err})
		return
	}
	st.weights = w
}

// parent resolves the file ly extends.
func (l *loader) parent(ly *layer, src source, depth int, chain []string) *state {
	ext := ly.raw.Extends
	p := ly.at(lookup(ly.top, "extends"))
	var parent source
	switch {
	case ext == "default":
		parent = source{key: defaultKey, file: defaultFile, data: defaultYAML}
	case l.fsys == nil || src.key == defaultKey:
		l.ps.add(p, "extends %q: only the embedded default can be extended here (use Load to extend files)", ext)
		return nil
	case path.IsAbs(ext) || strings.HasPrefix(ext, `\`) || filepath.IsAbs(ext):
		l.ps.add(p, "extends %q must be a relative path", ext)
		return nil
	default:
		target := path.Join(path.Dir(src.key), ext)
		if !fs.ValidPath(target) || target == "." {
			l.ps.add(p, "extends %q is outside the rubric directory", ext)
			return nil
		}
		if i := slices.Index(chain, target); i >= 0 {
			var cycle []string
			for _, k := range slices.Concat(chain[i:], []string{target}) {
				cycle = append(cycle, l.display(k))
			}
			l.ps.add(p, "extends cycle: %s", strings.Join(cycle, " → "))
			return nil
		}
		data, err := readFile(l.fsys, target)
		if err != nil {
			l.ps.addErr(&Error{File: p.file, Line: p.line, Column: p.column,
				Msg: fmt.Sprintf("extends %q: %s", ext, ioMessage(err)), Err: err})
			return nil
		}
		parent = source{key: target, file: l.display(target), data: data}
	}
	if depth+1 >= maxExtends {
		l.ps.add(p, "extends chain longer than %d files", maxExtends)
		return nil
	}
	return l.resolve(parent, depth+1, chain)
}

// state is a rubric being assembled along its extends chain, with where
// each value was set.
type state struct {
	file              string // the last file applied, for whole-rubric messages
	name, description string
	criteria          []*crit
	grades            []Band
	passing           string
	passingAt         pos
	settings          fileSettings
	weights           *listenscore.Weights // nil: the default weights
	add, remove       map[string][]string
	roles             map[string]listenscore.Role
	// partial is set when a file's criteria list had an item the check
	// dropped: "no criteria" would then be wrong.
	partial bool
}

// A crit is a criterion being assembled: at is where it was last defined or
// overridden, and set where each of its keys was last set.
type crit struct {
	Criterion
	at  pos
	set map[string]pos
	// bad is set when the file's check reported one of its values: the
	// checks of the merged rubric skip it rather than report again.
	bad bool
}

func (st *state) find(id string) int {
	return slices.IndexFunc(st.criteria, func(c *crit) bool { return c.ID == id })
}

func (st *state) ids() []string {
	ids := make([]string, len(st.criteria))
	for i, c := range st.criteria {
		ids[i] = c.ID
	}
	return ids
}

// apply merges one file onto the state of the file it extends.
func (l *loader) apply(st *state, ly *layer) {
	r := &ly.raw
	parentFile := st.file
	st.file = ly.file
	st.name = cmp.Or(r.Name, strings.TrimSuffix(path.Base(filepath.ToSlash(ly.file)), path.Ext(ly.file)))
	st.description = r.Description
	if s := r.Settings; s != nil {
		st.settings.SilenceSeconds = cmp.Or(s.SilenceSeconds, st.settings.SilenceSeconds)
		st.settings.MinInterruptionOverlapSeconds = cmp.Or(s.MinInterruptionOverlapSeconds, st.settings.MinInterruptionOverlapSeconds)
		st.settings.MaxBackchannelWords = cmp.Or(s.MaxBackchannelWords, st.settings.MaxBackchannelWords)
		st.settings.MinSubstantiveWords = cmp.Or(s.MinSubstantiveWords, st.settings.MinSubstantiveWords)
	}
	if pn := resolve(lookup(ly.top, "phrases")); !isNull(pn) {
		for i := 0; i < len(pn.Content); i += 2 {
			lex := resolve(pn.Content[i]).Value
			edits := r.Phrases[lex]
			l.checkRemovals(st, ly, lex, edits.Remove, lookup(pn.Content[i+1], "remove"))
			// A phrase this file removes leaves the inherited additions,
			// and one it adds leaves the inherited removals.
			st.add = without(st.add, lex, edits.Remove)
			st.remove = without(st.remove, lex, edits.Add)
			st.remove = with(st.remove, lex, edits.Remove)
			st.add = with(st.add, lex, edits.Add)
		}
	}
	if rn := resolve(lookup(ly.top, "roles")); !isNull(rn) {
		if st.roles == nil {
			st.roles = make(map[string]listenscore.Role)
		}
		for i := 0; i < len(rn.Content); i += 2 {
			// Labels match ignoring case, so a child's "rep" replaces a
			// parent's "Rep".
			label := resolve(rn.Content[i]).Value
			maps.DeleteFunc(st.roles, func(k string, _ listenscore.Role) bool { return strings.EqualFold(k, label) })
			st.roles[label], _ = parseRole(r.Roles[label])
		}
	}
	if gn := lookup(ly.top, "grades"); !isNull(gn) {
		st.grades = st.grades[:0]
		for name, lo := range r.Grades {
			st.grades = append(st.grades, Band{Name: name, Min: lo})
		}
		slices.SortFunc(st.grades, func(a, b Band) int { return cmp.Compare(b.Min, a.Min) })
	}
	if r.PassingGrade != "" {
		st.passing, st.passingAt = r.PassingGrade, ly.at(lookup(ly.top, "passing_grade"))
	}
	removes := ly.items(lookup(ly.top, "remove"))
	for i, id := range r.Remove {
		j := st.find(id)
		if j < 0 {
			if strings.TrimSpace(id) != "" && r.Extends != "" { // else reported by the file's check
				l.ps.add(ly.at(nth(removes, i)), "remove: %s has no criterion %q%s", parentFile, id, didYouMean(id, st.ids()))
			}
			continue
		}
		st.criteria = slices.Delete(st.criteria, j, j+1)
	}
	cn := lookup(ly.top, "criteria")
	crits := ly.items(cn)
	if ly.bad(cn) || (resolve(cn) != nil && len(r.Criteria) < len(resolve(cn).Content)) {
		st.partial = true
	}
	for i := range r.Criteria {
		fc, n := &r.Criteria[i], nth(crits, i)
		c := &crit{Criterion: Criterion{ID: fc.ID, Weight: 1}, set: make(map[string]pos)}
		if j := st.find(fc.ID); j >= 0 {
			c = st.criteria[j]
		} else {
			st.criteria = append(st.criteria, c)
		}
		c.override(fc, n, ly)
	}
}

// with appends phrases to m[lex], leaving out those there already,
// ignoring case.
func with(m map[string][]string, lex string, phrases []string) map[string][]string {
	if len(phrases) == 0 {
		return m
	}
	if m == nil {
		m = make(map[string][]string)
	}
	seen := make(map[string]bool)
	for _, p := range m[lex] {
		seen[strings.ToLower(p)] = true
	}
	for _, p := range phrases {
		if key := strings.ToLower(p); !seen[key] {
			seen[key] = true
			m[lex] = append(m[lex], p)
		}
	}
	return m
}

// checkRemovals reports each phrase removed from lexicon lex that is
// neither one of its embedded phrases nor an inherited addition: a typo
// there would otherwise remove nothing, silently. rn is the remove list's
// node. An unknown lexicon is reported by the file's check.
func (l *loader) checkRemovals(st *state, ly *layer, lex string, removed []string, rn *yaml.Node) {
	known, ok := listenscore.DefaultPhrases(lex)
	if !ok || len(removed) == 0 {
		return
	}
	for _, p := range st.add[lex] {
		known = append(known, listenscore.NormalizePhrase(p))
	}
	added := make(map[string]bool)
	for _, p := range ly.raw.Phrases[lex].Add {
		added[listenscore.NormalizePhrase(p)] = true
	}
	for i, p := range removed {
		key := listenscore.NormalizePhrase(p)
		if key == "" || slices.Contains(known, key) || added[key] {
			continue // an empty phrase, or one also added, is reported by the file's check
		}
		l.ps.add(ly.at(item(rn, i)), "phrase %q is not in the %s lexicon or added by a rubric this one extends, so removing it changes nothing%s",
			p, lex, didYouMean(key, known))
	}
}

// without removes phrases from m[lex], ignoring case.
func without(m map[string][]string, lex string, phrases []string) map[string][]string {
	if len(phrases) == 0 || len(m[lex]) == 0 {
		return m
	}
	drop := make(map[string]bool, len(phrases))
	for _, p := range phrases {
		drop[strings.ToLower(p)] = true
	}
	m[lex] = slices.DeleteFunc(m[lex], func(p string) bool { return drop[strings.ToLower(p)] })
	return m
}

// override sets the keys present in the file's criterion mapping n: a
// value replaces the inherited one, an explicit null clears it. Setting a
// band (min, max, tolerance) drops inherited steps, and setting steps drops
// an inherited band.
func (c *crit) override(fc *fileCriterion, n *yaml.Node, ly *layer) {
	c.at = ly.at(n)
	keys, _ := yamlFields(reflect.TypeFor[fileCriterion]())
	band, steps := false, false
	for _, key := range keys {
		vn := lookup(n, key)
		if vn == nil || key == "id" {
			continue
		}
		switch key {
		case "title":
			c.Title = fc.Title
		case "description":
			c.Description = fc.Description
		case "section":
			c.Section = fc.Section
		case "metric":
			c.Metric = listenscore.MetricName(fc.Metric)
		case "weight":
			c.Weight = 1
			if fc.Weight != nil {
				c.Weight = *fc.Weight
			}
		case "min":
			c.Min, band = clonePtr(fc.Min), band || fc.Min != nil
		case "max":
			c.Max, band = clonePtr(fc.Max), band || fc.Max != nil
		case "tolerance":
			c.Tolerance, band = 0, band || fc.Tolerance != nil
			if fc.Tolerance != nil {
				c.Tolerance = *fc.Tolerance
			}
		case "steps":
			c.Steps, steps = nil, fc.Steps != nil
			for _, s := range fc.Steps {
				var points float64
				if s.Points != nil {
					points = *s.Points
				}
				c.Steps = append(c.Steps, Step{Min: clonePtr(s.Min), Max: clonePtr(s.Max), Points: points})
			}
		case "auto_fail":
			c.AutoFail = fc.AutoFail
		case "applies_when":
			c.AppliesWhen = nil
			if w := fc.AppliesWhen; w != nil {
				c.AppliesWhen = &Condition{Metric: listenscore.MetricName(w.Metric), Min: clonePtr(w.Min), Max: clonePtr(w.Max)}
			}
		}
		if isNull(vn) {
			delete(c.set, key)
		} else {
			c.set[key] = ly.at(vn)
		}
		c.bad = c.bad || ly.bad(vn)
	}
	c.bad = c.bad || !validID(fc.ID) || ly.flagged[n] || ly.anyBad(n)
	switch {
	case band && !steps:
		c.Steps = nil
		delete(c.set, "steps")
	case steps && !band:
		c.Min, c.Max, c.Tolerance = nil, nil, 0
		delete(c.set, "min")
		delete(c.set, "max")
		delete(c.set, "tolerance")
	}
}

func clonePtr(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// finish checks the merged rubric as a whole and builds it.
func (l *loader) finish(st *state) (*Rubric, error) {
	if st == nil {
		return nil, l.ps.err()
	}
	for _, c := range st.criteria {
		if c.bad {
			continue
		}
		if c.Metric == "" {
			l.ps.add(c.at, "criterion %q has no metric", c.ID)
		}
		switch {
		case c.Min == nil && c.Max == nil && len(c.Steps) == 0 && c.Tolerance > 0:
			l.ps.add(c.at, "criterion %q has a tolerance but no min or max", c.ID)
		case c.Min == nil && c.Max == nil && len(c.Steps) == 0:
			l.ps.add(c.at, "criterion %q has no scoring rule: give min and/or max, or steps", c.ID)
		case c.Min != nil && c.Max != nil && *c.Min > *c.Max:
			// Set in different files: each file on its own was fine.
			lo, hi := c.set["min"], c.set["max"]
			if lo.layer <= hi.layer {
				l.ps.add(lo, "min %s is above max %s (max at %s)", num(*c.Min), num(*c.Max), hi)
			} else {
				l.ps.add(hi, "max %s is below min %s (min at %s)", num(*c.Max), num(*c.Min), lo)
			}
		}
	}
	if len(st.criteria) == 0 && !st.partial {
		l.ps.add(pos{file: st.file}, "the rubric has no criteria")
	}
	if st.passing != "" && !slices.ContainsFunc(st.grades, func(b Band) bool { return b.Name == st.passing }) {
		var grades []string
		for _, b := range st.grades {
			grades = append(grades, b.Name)
		}
		if len(grades) == 0 {
			l.ps.add(st.passingAt, "unknown grade %q in passing_grade: the rubric has no grades", st.passing)
		} else if hint := didYouMean(st.passing, grades); hint != "" {
			l.ps.add(st.passingAt, "unknown grade %q in passing_grade%s", st.passing, hint)
		} else {
			l.ps.add(st.passingAt, "unknown grade %q in passing_grade; want one of: %s", st.passing, strings.Join(grades, ", "))
		}
	}
	r := &Rubric{
		Name:         st.name,
		Description:  st.description,
		Grades:       slices.Clone(st.grades),
		PassingGrade: st.passing,
		config:       st.config(),
		roles:        st.roles,
		compiled:     new(compiled),
	}
	if err := r.config.Validate(); err != nil && l.ps.empty() {
		l.ps.add(pos{file: st.file}, "%s", strings.TrimPrefix(err.Error(), "listenscore: "))
	}
	if !l.ps.empty() {
		return nil, l.ps.err()
	}
	for _, c := range st.criteria {
		r.Criteria = append(r.Criteria, c.Criterion)
	}
	return r, nil
}

// config returns the analysis settings the state sets.
func (st *state) config() listenscore.Config {
	var c listenscore.Config
	s := st.settings
	if s.SilenceSeconds != nil {
		c.SilenceThreshold = seconds(*s.SilenceSeconds)
	}
	if s.MinInterruptionOverlapSeconds != nil {
		c.MinInterruptionOverlap = seconds(*s.MinInterruptionOverlapSeconds)
	}
	if s.MaxBackchannelWords != nil {
		c.MaxBackchannelWords = *s.MaxBackchannelWords
	}
	if s.MinSubstantiveWords != nil {
		c.MinSubstantiveWords = *s.MinSubstantiveWords
	}
	c.AddPhrases = nonEmpty(st.add)
	c.RemovePhrases = nonEmpty(st.remove)
	c.Weights = st.weights
	return c
}

// nonEmpty returns m without its empty lists, or nil.
func nonEmpty(m map[string][]string) map[string][]string {
	var out map[string][]string
	for k, v := range m {
		if len(v) > 0 {
			if out == nil {
				out = make(map[string][]string)
			}
			out[k] = slices.Clone(v)
		}
	}
	return out
}
