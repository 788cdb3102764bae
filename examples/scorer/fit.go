package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/callqa/listenscore/listenscore"
)

// labelFiles is the -fit flag: labels files, one per use of the flag.
type labelFiles []string

func (l *labelFiles) String() string { return strings.Join(*l, ",") }

func (l *labelFiles) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// fitWriter collects the transcripts read and, at the end, fits weights to
// the labels, writes them to the -o file and prints how the refit agrees
// with the labels out of sample, beside the weights it started from.
type fitWriter struct {
	paths       []string // the labels files
	labels      []*listenscore.Labels
	out         io.Writer // the report
	weightsPath string
	opts        listenscore.FitOptions
	analyses    []*listenscore.Analysis // with the starting weights
}

func newFitWriter(paths []string, weightsPath string, opts listenscore.FitOptions, out io.Writer) (*fitWriter, error) {
	fw := &fitWriter{paths: paths, out: out, weightsPath: weightsPath, opts: opts}
	for _, p := range paths {
		l, err := readLabelsFile(p)
		if err != nil {
			return nil, err
		}
		fw.labels = append(fw.labels, l)
	}
	return fw, nil
}

func readLabelsFile(path string) (*listenscore.Labels, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return listenscore.ReadLabels(path, f)
}

func (fw *fitWriter) begin() error { return nil }

func (fw *fitWriter) call(r *callResult) error {
	if r.analysis != nil {
		fw.analyses = append(fw.analyses, r.analysis)
	}
	return nil
}

func (fw *fitWriter) end(s summary) error {
	transcripts := make([]*listenscore.Transcript, len(fw.analyses))
	for i, a := range fw.analyses {
		transcripts[i] = a.Transcript
	}
	w, err := listenscore.Fit(transcripts, fw.labels, fw.opts)
	if err != nil {
		return err
	}
	cv, err := listenscore.CrossValidate(transcripts, fw.labels, fw.opts)
	if err != nil {
		return err
	}
	var b strings.Builder
	if err := w.WriteJSON(&b); err != nil {
		return err
	}
	if err := os.WriteFile(fw.weightsPath, []byte(b.String()), 0o644); err != nil {
		return err
	}
	start := "the default weights"
	if fw.opts.Start == nil {
		start = "no weights: from scratch"
	}
	fmt.Fprintf(fw.out, "weights written to %s\n", fw.weightsPath)
	for k, l := range fw.labels {
		before, err := listenscore.Calibrate(l, fw.analyses...)
		if err != nil {
			return err
		}
		fmt.Fprintf(fw.out, "\n%s: %d labelled agent turns\n", fw.paths[k], cv[k].Turns)
		fmt.Fprintf(fw.out, "F1 before: the weights fitting started from (%s); after: refit, 5-fold cross-validated by conversation (out of sample)\n", start)
		tw := tabwriter.NewWriter(fw.out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "tag\tF1 before\tF1 after\tprecision after\trecall after")
		for _, t := range cv[k].Tags {
			if !t.Labelled {
				continue
			}
			b := 0.0
			for _, bt := range before.Tags {
				if bt.Tag == t.Tag {
					b = bt.F1
				}
			}
			if fw.opts.Start == nil {
				fmt.Fprintf(tw, "%s\t-\t%.3f\t%.3f\t%.3f\n", t.Tag, t.F1, t.Precision, t.Recall)
				continue
			}
			fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\n", t.Tag, b, t.F1, t.Precision, t.Recall)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if s.FailedFiles > 0 {
		_, err = fmt.Fprintf(fw.out, "%d files could not be read and are not in the fit\n", s.FailedFiles)
	}
	return err
}
