package rubric

import (
	"fmt"
	"math"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Limits on one rubric file, against hostile or runaway input.
const (
	// maxFileBytes is the largest rubric file read.
	maxFileBytes = 1 << 20
	// maxDepth is the deepest nesting of YAML collections, counting
	// through aliases; a rubric needs 5.
	maxDepth = 32
	// maxNodes is the most YAML nodes a file may hold with its aliases
	// expanded; it rejects alias bombs ("billion laughs") before anything
	// expands them. A large rubric holds a few thousand.
	maxNodes = 100_000
	// maxEntries is the most items of a list or keys of a mapping; it keeps
	// pairwise checks (overlapping steps) and merges cheap.
	maxEntries = 1000
	// maxExtends is the longest chain of extends clauses.
	maxExtends = 8
)

// at returns the position of n in file.
func at(file string, layer int, n *yaml.Node) pos {
	if n == nil {
		return pos{file: file, layer: layer}
	}
	return pos{file: file, line: n.Line, column: n.Column, layer: layer}
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxDepth; i++ {
		n = n.Alias
	}
	return n
}

// isNull reports whether n (resolved) is absent or an explicit null.
func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// lookup returns the value node of key in the mapping n (resolved), or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k != nil && k.Kind == yaml.ScalarNode && k.Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// keyNode returns the key node of key in the mapping n (resolved), or nil.
func keyNode(n *yaml.Node, key string) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k != nil && k.Kind == yaml.ScalarNode && k.Value == key {
			return n.Content[i]
		}
	}
	return nil
}

// item returns the i-th element of the sequence n (resolved), or nil.
func item(n *yaml.Node, i int) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
		return nil
	}
	return n.Content[i]
}

// describe names what a node holds, for "want …, got …" messages.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch {
	case isNull(n):
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	}
	v := n.Value
	if r := []rune(v); len(r) > 40 {
		v = string(r[:40]) + "…"
	}
	return fmt.Sprintf("%q", v)
}

// checkLimits walks the document as the struct decoder would, expanding
// aliases, and reports the first node beyond the depth, node or entry
// limits, at the outermost alias being expanded, if any.
func checkLimits(file string, doc *yaml.Node) *Error {
	count := 0
	var walk func(n, via *yaml.Node, depth int) *Error
	walk = func(n, via *yaml.Node, depth int) *Error {
		if n == nil {
			return nil
		}
		count++
		where := n
		if via != nil {
			where = via
		}
		switch {
		case depth > maxDepth:
			return &Error{File: file, Line: where.Line, Column: where.Column,
				Msg: fmt.Sprintf("nesting deeper than %d levels", maxDepth)}
		case count > maxNodes:
			return &Error{File: file, Line: where.Line, Column: where.Column,
				Msg: fmt.Sprintf("more than %d YAML nodes with aliases expanded", maxNodes)}
		case n.Kind == yaml.AliasNode:
			if via == nil {
				via = n
			}
			return walk(n.Alias, via, depth+1)
		case n.Kind == yaml.SequenceNode && len(n.Content) > maxEntries:
			return &Error{File: file, Line: where.Line, Column: where.Column,
				Msg: fmt.Sprintf("list of more than %d items", maxEntries)}
		case n.Kind == yaml.MappingNode && len(n.Content) > 2*maxEntries:
			return &Error{File: file, Line: where.Line, Column: where.Column,
				Msg: fmt.Sprintf("mapping of more than %d keys", maxEntries)}
		}
		for _, c := range n.Content {
			if err := walk(c, via, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(doc, nil, 0)
}

// shaper checks a YAML node against the plain struct it will be decoded
// into: mappings where structs are, known keys (with suggestions), lists,
// numbers, booleans. It reports each problem at its node, so that the
// strict decode that follows finds nothing new.
type shaper struct {
	file  string
	layer int
	ps    *problems
	// bad holds the nodes reported, whose values the decoder leaves unset
	// (or, for list items, drops): later checks skip them.
	bad map[*yaml.Node]bool
}

func (s *shaper) mark(n *yaml.Node) {
	if s.bad == nil {
		s.bad = make(map[*yaml.Node]bool)
	}
	s.bad[n] = true
}

func (s *shaper) at(n *yaml.Node) pos { return at(s.file, s.layer, n) }

func (s *shaper) check(n *yaml.Node, t reflect.Type, key string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	v := resolve(n)
	if isNull(v) {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if v.Kind != yaml.MappingNode {
			s.want(n, key, "a mapping")
			return
		}
		names, types := yamlFields(t)
		s.mapping(v, func(name string, k, val *yaml.Node) {
			ft, ok := types[name]
			if !ok {
				s.mark(val)
				if hint := didYouMean(name, names); hint != "" {
					s.ps.add(s.at(k), "unknown key %q in %s%s", name, structName(t), hint)
				} else {
					s.ps.add(s.at(k), "unknown key %q in %s; want one of: %s", name, structName(t), strings.Join(names, ", "))
				}
				return
			}
			s.check(val, ft, name)
		})
	case reflect.Map:
		if v.Kind != yaml.MappingNode {
			s.want(n, key, "a mapping")
			return
		}
		s.mapping(v, func(_ string, _, val *yaml.Node) { s.check(val, t.Elem(), key) })
	case reflect.Slice:
		if v.Kind != yaml.SequenceNode {
			s.want(n, key, "a list")
			return
		}
		for _, c := range v.Content {
			s.check(c, t.Elem(), key)
		}
	default:
		what := scalarName(t.Kind())
		if v.Kind != yaml.ScalarNode {
			s.want(n, key, what)
			return
		}
		ptr := reflect.New(t)
		if err := v.Decode(ptr.Interface()); err != nil {
			s.want(n, key, what)
			return
		}
		switch t.Kind() {
		case reflect.Float64:
			if f := ptr.Elem().Float(); math.IsNaN(f) || math.IsInf(f, 0) {
				s.want(n, key, "a finite number")
			}
		case reflect.Int:
			// The decoder truncates 2.5 to 2 without a word.
			var f float64
			if err := v.Decode(&f); err != nil || f != math.Trunc(f) {
				s.want(n, key, what)
			}
		}
	}
}

func scalarName(k reflect.Kind) string {
	switch k {
	case reflect.Float64:
		return "a number"
	case reflect.Int:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	}
	return "a string"
}

// mapping calls fn for each key of the mapping v, reporting keys that are
// not plain names, merge keys and duplicates.
func (s *shaper) mapping(v *yaml.Node, fn func(name string, k, val *yaml.Node)) {
	seen := make(map[string]*yaml.Node)
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		rk := resolve(k)
		switch {
		case rk == nil || rk.Kind != yaml.ScalarNode || isNull(rk):
			s.ps.add(s.at(k), "want a key name, got %s", describe(k))
			s.mark(val)
			continue
		case rk.ShortTag() == "!!merge":
			s.ps.add(s.at(k), "merge keys (<<) are not supported")
			s.mark(val)
			continue
		}
		if first, dup := seen[rk.Value]; dup {
			s.ps.add(s.at(k), "duplicate key %q (first at %d:%d)", rk.Value, first.Line, first.Column)
			s.mark(val)
			s.mark(lookup(v, rk.Value))
			continue
		}
		seen[rk.Value] = k
		fn(rk.Value, k, val)
	}
}

func (s *shaper) want(n *yaml.Node, key, what string) {
	s.ps.add(s.at(n), "%s: want %s, got %s", key, what, describe(n))
	s.mark(n)
}

// yamlFields lists a struct's YAML keys in declaration order, with their
// types.
func yamlFields(t reflect.Type) ([]string, map[string]reflect.Type) {
	var names []string
	types := make(map[string]reflect.Type)
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		names = append(names, name)
		types[name] = f.Type
	}
	return names, types
}

// didYouMean returns ` (did you mean "x"?)` for the known name closest to
// name, or "" when none is close: one edit away, or within a third of the
// name's length, or containing the name.
func didYouMean(name string, known []string) string {
	best, bestD := "", -1
	for _, k := range known {
		if d := editDistance(name, k); bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	if bestD >= 0 && (bestD == 1 || 3*bestD <= len([]rune(name))) {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	if len(name) >= 4 {
		for _, k := range known {
			if strings.Contains(k, strings.ToLower(name)) {
				return fmt.Sprintf(" (did you mean %q?)", k)
			}
		}
	}
	return ""
}

// editDistance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent
// characters each cost 1. Case differences cost nothing.
func editDistance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	if len(ra) > 64 || len(rb) > 64 {
		if string(ra) == string(rb) {
			return 0
		}
		return max(len(ra), len(rb))
	}
	// d[i][j] is the distance between ra[:i] and rb[:j].
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
