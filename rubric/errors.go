package rubric

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// An Error is one problem in a rubric file. Loading reports every problem of
// a file at once, as an [errors.Join] of *Error values in file order.
type Error struct {
	// File is the rubric's path as given to [Load] or [Parse], or the path
	// an extends clause named; "default.yaml" is the embedded default.
	File string
	// Line and Column are 1-based. Column is 0 when only the line is known,
	// Line is 0 when the problem concerns the whole file.
	Line, Column int
	// Msg says what is wrong, in lower case, e.g. `unknown metric
	// "agent_talk_ration" (did you mean "agent_talk_ratio"?)`.
	Msg string
	// Err is the underlying error, if any (e.g. one matching
	// [io/fs.ErrNotExist]).
	Err error
}

// Error renders the problem as "rubric: file:line:col: msg".
func (e *Error) Error() string {
	return "rubric: " + e.where() + ": " + e.Msg
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) where() string {
	file := e.File
	if file == "" {
		file = "<input>"
	}
	switch {
	case e.Line == 0:
		return file
	case e.Column == 0:
		return fmt.Sprintf("%s:%d", file, e.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, e.Line, e.Column)
}

// pos is a position in a rubric file. layer orders the files of an extends
// chain: the file loaded is 0, the file it extends 1, and so on, so that a
// lower layer overrides a higher one.
type pos struct {
	file         string
	line, column int
	layer        int
}

func (p pos) String() string {
	return (&Error{File: p.file, Line: p.line, Column: p.column}).where()
}

// problems collects the errors of one load.
type problems struct {
	errs []*Error
	// order ranks files by first appearance, so errors sort by file, then
	// by position.
	order map[string]int
}

func (ps *problems) add(p pos, format string, args ...any) {
	ps.addErr(&Error{File: p.file, Line: p.line, Column: p.column, Msg: fmt.Sprintf(format, args...)})
}

func (ps *problems) addErr(e *Error) {
	if ps.order == nil {
		ps.order = make(map[string]int)
	}
	if _, ok := ps.order[e.File]; !ok {
		ps.order[e.File] = len(ps.order)
	}
	ps.errs = append(ps.errs, e)
}

func (ps *problems) empty() bool { return len(ps.errs) == 0 }

// err returns the problems joined in file order, or nil.
func (ps *problems) err() error {
	if len(ps.errs) == 0 {
		return nil
	}
	sorted := slices.Clone(ps.errs)
	slices.SortStableFunc(sorted, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(ps.order[a.File], ps.order[b.File]),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column))
	})
	errs := make([]error, 0, len(sorted))
	for i, e := range sorted {
		if i > 0 && sameProblem(e, sorted[i-1]) {
			continue
		}
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

func sameProblem(a, b *Error) bool {
	return a.File == b.File && a.Line == b.Line && a.Column == b.Column && a.Msg == b.Msg
}

// syntaxError positions a YAML syntax error. The library reports the line
// where the enclosing block began (0-based, for parser errors), or no line
// at all for an unknown anchor, so the line is found instead as the
// shortest prefix of whole lines that fails to parse.
func syntaxError(file string, data []byte, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
	}
	return &Error{File: file, Line: failingLine(data), Msg: msg, Err: err}
}

// failingLine returns the 1-based line n such that the first n-1 lines of
// data parse and the first n do not, by bisection; 0 if data parses.
func failingLine(data []byte) int {
	ends := []int{0} // ends[k] is the length of the first k lines
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	fails := func(k int) bool {
		dec := yaml.NewDecoder(bytes.NewReader(data[:ends[k]]))
		for {
			var n yaml.Node
			if err := dec.Decode(&n); err != nil {
				return !errors.Is(err, io.EOF)
			}
		}
	}
	lo, hi := 0, len(ends)-1
	if !fails(hi) {
		return 0
	}
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// yamlError turns an error of the YAML library's decoder, a TypeError with
// one "line N: …" entry per problem, into positioned errors.
func yamlError(file string, err error) []*Error {
	var msgs []string
	if te, ok := errors.AsType[*yaml.TypeError](err); ok {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	out := make([]*Error, 0, len(msgs))
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		e := &Error{File: file, Msg: m, Err: err}
		var line int
		if _, scanErr := fmt.Sscanf(m, "line %d:", &line); scanErr == nil && line > 0 {
			e.Line = line
			e.Msg = strings.TrimSpace(m[strings.IndexByte(m, ':')+1:])
		}
		out = append(out, e)
	}
	return out
}
