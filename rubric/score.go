package rubric

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"sync"

	"github.com/callqa/listenscore/listenscore"
)

// ScoreFile reads the transcript in the named file with the rubric's
// speaker roles, analyses it with the rubric's settings, phrases and
// weights, and grades it: the common path in one call. The result's
// Analysis holds the transcript, tags and metrics. See [Rubric.Score].
func (r *Rubric) ScoreFile(path string) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("listenscore: %w", err) // as listenscore.ReadFile says it
	}
	defer f.Close()
	return r.Score(context.Background(), path, f, listenscore.ReadOptions{})
}

// Score reads a transcript from rd as [listenscore.ReadContext] does
// (name is used in errors and as a format hint), analyses it with the
// rubric's settings, phrases and weights, compiled once per Rubric, and
// grades it. The rubric's roles apply to speakers opts.Roles does not
// name; opts' other fields (format, lenient, limits) are used as they are.
// Score stops when ctx is done, returning an error that wraps ctx.Err().
func (r *Rubric) Score(ctx context.Context, name string, rd io.Reader, opts listenscore.ReadOptions) (*Result, error) {
	az, err := r.analyzer()
	if err != nil {
		return nil, err
	}
	if len(r.roles) > 0 {
		roles := maps.Clone(r.roles)
		maps.Copy(roles, opts.Roles)
		opts.Roles = roles
	}
	t, err := listenscore.ReadContext(ctx, name, rd, opts)
	if err != nil {
		return nil, err
	}
	a, err := az.AnalyzeContext(ctx, t)
	if err != nil {
		return nil, err
	}
	return r.Grade(a), nil
}

// compiled is a rubric's analysis settings compiled once, on first use.
type compiled struct {
	once sync.Once
	az   *listenscore.Analyzer
	err  error
}

// analyzer returns the rubric's compiled Analyzer. A Rubric made as a
// struct literal has no config and analyses with the defaults.
func (r *Rubric) analyzer() (*listenscore.Analyzer, error) {
	c := r.compiled
	if c == nil {
		return new(listenscore.Analyzer), nil
	}
	c.once.Do(func() { c.az, c.err = listenscore.NewAnalyzer(r.config) })
	return c.az, c.err
}
