// Command scorer reads call transcripts, measures how well the agent
// listened, and prints the results.
//
// Usage:
//
//	go run ./examples/scorer [flags] FILE|DIR|GLOB|-...
//
// Each file's format is detected from its content. A directory is read
// recursively, a glob pattern expanded, and "-" reads standard input; in
// directories and glob matches, hidden files and recordings, images,
// documents and spreadsheets (.wav, .mp3, .png, .pdf, .md, .csv, …) are
// skipped, while a file named on the command line is always read. Files
// are scored in parallel and reported in input order. A file that cannot
// be read becomes an error record with its position, and the others still
// run.
//
// Every call is graded against a rubric: -rubric FILE, or the embedded
// default. -annotate prints every turn's tags instead of the report, and
// -calibrate LABELS compares those tags with human labels: per-tag
// precision, recall and F1, and (with -format json) every turn where the
// tags and the labels disagree, with its text, labels, tags and reasons.
//
// Columns, in this order (new ones are only ever added before the
// metrics):
//
//   - table and markdown: FILE, FORMAT, TURNS, DURATION, SCORE, GRADE,
//     FAILED CRITERIA (those that earned no points, then "(partial: …)"
//     those that lost some), WARNINGS (a count), SPEAKERS (the error
//     message on a file that could not be read), then the batch summary.
//   - csv: file, format, turns, score, grade, auto_fail, failed_criteria,
//     error, warnings (a count), partial_criteria, then one column per
//     metric. A text cell
//     that starts with = + - @, a tab or a carriage return is prefixed
//     with "'" so that a spreadsheet does not run it as a formula; numbers
//     are written as they are.
//
// Warnings (what -lenient skipped, turns out of order) are each printed
// on standard error as "file:line:col: warning: reason", counted per call
// in every format and listed in json, jsonl and html.
//
// -redact masks, in everything printed that comes from the input (speaker
// labels, transcript text, evidence, reasons, warnings and error messages,
// in every format and in -annotate and -calibrate output): digit runs and
// spelled-out ones ("four five six seven"), e-mail addresses, dates with a
// month name, street addresses, and the names of the call's people: a
// speaker label that is a name becomes the speaker's role ("Agent",
// "Customer 2"), and the label's words and names stated in the call ("my
// name is …", "this is …", "Mr. …") become [name]. File paths are not
// masked: they name the input.
//
// -rubric-root DIR lets a rubric's extends (and weights) reach files
// anywhere under DIR, such as a team rubric's "extends: ../shared/base.yaml";
// by default they stay in the rubric's own directory.
//
// A directory's symbolic links are followed, to files and directories; a
// broken link or a link loop is an error record, and so is a directory or
// a pattern that gives no transcript.
//
// With -fail-under, the calls below it are named on standard error.
//
// -o FILE is never read as an input, even inside a directory or glob being
// scored; naming it as an input is a usage error. -annotate prints JSONL
// only: another -format is a usage error.
//
// Exit status: 0 all scored, 1 some files failed, 2 usage error, 3 a call
// scored below -fail-under (1 wins over 3: the batch is incomplete).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/callqa/listenscore/listenscore"
	"github.com/callqa/listenscore/rubric"
)

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // some files could not be read
	exitUsage  = 2
	exitBelow  = 3 // a call scored below -fail-under
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the parsed command-line flags.
type options struct {
	format      string // output format
	output      string // -o
	workers     int
	inputFormat listenscore.Format
	lenient     bool
	roles       map[string]listenscore.Role
	analyzer    *listenscore.Analyzer // the rubric's settings and phrases, compiled once
	agents      []string              // the -agent labels, to warn when a call has none of them
	rubric      *rubric.Rubric
	failUnder   float64 // -1 when not set
	redact      bool
	annotate    bool
	calibrate   string // labels file
	fit         labelFiles
	fitOpts     listenscore.FitOptions
	stdin       io.Reader
	exclude     []os.FileInfo // the -o file and the labels files, never read as inputs
}

// run is the whole command, testable: it parses args, scores the inputs and
// writes the report, returning the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	return runWithInput(args, os.Stdin, stdout, stderr)
}

func runWithInput(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, inputs, status := parseFlags(args, stderr)
	if status >= 0 {
		return status
	}
	opts.stdin = stdin
	out := stdout
	if opts.output != "" && len(opts.fit) > 0 {
		// -o names the weights -fit writes at the end; the report goes to
		// standard output.
		if in := namedOutput(opts.output, inputs); in != "" {
			fmt.Fprintf(stderr, "scorer: -o %s would overwrite the input %s\n", opts.output, in)
			return exitUsage
		}
		if fi, err := os.Stat(opts.output); err == nil {
			opts.exclude = append(opts.exclude, fi)
		}
	} else if opts.output != "" {
		if in := namedOutput(opts.output, inputs); in != "" {
			fmt.Fprintf(stderr, "scorer: -o %s would overwrite the input %s\n", opts.output, in)
			return exitUsage
		}
		f, err := os.Create(opts.output)
		if err != nil {
			fmt.Fprintf(stderr, "scorer: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		out = f
		fi, err := f.Stat()
		if err != nil {
			fmt.Fprintf(stderr, "scorer: %v\n", err)
			return exitFailed
		}
		opts.exclude = append(opts.exclude, fi)
	}
	// A labels file kept beside the transcripts is not one of them.
	for _, l := range append([]string{opts.calibrate}, opts.fit...) {
		if fi, err := os.Stat(l); err == nil && l != "" {
			opts.exclude = append(opts.exclude, fi)
		}
	}
	var prog *progress
	shared := false
	if isTerminal(stderr) {
		prog = newProgress(stderr, inputs, opts.exclude)
		if shared = sameTerminal(out, stderr); shared {
			out = &sharedOutput{w: out, p: prog}
		}
	}
	var w reportWriter
	switch {
	case len(opts.fit) > 0:
		fw, err := newFitWriter(opts.fit, opts.output, opts.fitOpts, out)
		if err != nil {
			fmt.Fprintf(stderr, "scorer: %s\n", opts.mask(err.Error(), ""))
			return exitUsage
		}
		w = fw
	case opts.calibrate != "":
		cw, err := newCalibrationWriter(opts.calibrate, opts.format, out)
		if err != nil {
			fmt.Fprintf(stderr, "scorer: %s\n", opts.mask(err.Error(), opts.calibrate))
			return exitUsage
		}
		w = cw
	case opts.annotate:
		w = &annotationWriter{enc: json.NewEncoder(out)}
	default:
		w = newWriter(opts.format, out)
	}
	st, err := scoreAll(inputs, opts, w, stderr, prog, shared)
	if f, ok := out.(*os.File); ok && err == nil && opts.output != "" && len(opts.fit) == 0 {
		err = f.Close()
	}
	if err != nil {
		fmt.Fprintf(stderr, "scorer: %s\n", opts.mask(err.Error(), ""))
		return exitFailed
	}
	if n := len(st.below); n > 0 {
		calls := "calls"
		if n == 1 {
			calls = "call"
		}
		fmt.Fprintf(stderr, "scorer: %d %s scored below -fail-under %g: %s\n", n, calls, opts.failUnder, strings.Join(st.below, ", "))
	}
	switch {
	case st.failed > 0:
		return exitFailed
	case st.belowFailUnder > 0:
		return exitBelow
	}
	return exitOK
}

var outputFormats = []string{"table", "json", "jsonl", "csv", "markdown", "html"}

// parseFlags returns the options and inputs, or an exit status ≥ 0 when the
// command should stop.
func parseFlags(args []string, stderr io.Writer) (options, []string, int) {
	fl := flag.NewFlagSet("scorer", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var opts options
	var inputFormat, agents, rubricPath, rubricRoot, weightsPath string
	var fromScratch bool
	fl.StringVar(&opts.format, "format", "table", "output `format`: "+strings.Join(outputFormats, ", "))
	fl.StringVar(&opts.output, "o", "", "write the report to `file` instead of standard output (never read as an input)")
	fl.IntVar(&opts.workers, "workers", runtime.NumCPU(), "score this many files in parallel")
	fl.StringVar(&inputFormat, "input-format", "", "read every file as this transcript `format` instead of detecting it: "+formatList())
	fl.BoolVar(&opts.lenient, "lenient", false, "skip bad cues and utterances instead of failing the file; each is printed on standard error and counted in the WARNINGS column")
	fl.StringVar(&agents, "agent", "", "comma-separated speaker `labels` that are agents: every other speaker is a customer unless the transcript states its role (a conflict is a warning)")
	fl.StringVar(&rubricPath, "rubric", "", "grade against the rubric in `file` (default: the embedded rubric)")
	fl.StringVar(&rubricRoot, "rubric-root", "", "let the rubric's extends and weights reach files anywhere under `dir` (default: the rubric's own directory)")
	fl.Float64Var(&opts.failUnder, "fail-under", -1, "exit with status 3 when any call scores below `score` (0-100)")
	fl.BoolVar(&opts.redact, "redact", false, "mask runs of 4+ digits and spelled-out ones (card, phone numbers) with letters spelled before them, e-mail addresses, dates, street addresses and the names of people and streets in all output that comes from the input: text, speaker labels, warnings, errors (not file paths)")
	fl.BoolVar(&opts.annotate, "annotate", false, "print every turn with its tags and reasons as JSONL instead of the report (-format jsonl or none)")
	fl.StringVar(&opts.calibrate, "calibrate", "", "compare the turns' tags with the human labels in JSONL `file`; print per-tag precision, recall and F1 (table), or those and every disagreeing turn (-format json)")
	fl.Var(&opts.fit, "fit", "fit the tag detectors' weights to the human labels in JSONL `file` (repeat for several sets), write them to the -o file, and print how they agree with the labels out of sample (5-fold cross-validation by conversation)")
	fl.BoolVar(&fromScratch, "from-scratch", false, "with -fit: start from zero weights instead of the current ones (every tag must then be labelled)")
	fl.StringVar(&weightsPath, "weights", "", "tag the turns with the detector weights in `file` (written by -fit) instead of the rubric's")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: scorer [flags] FILE|DIR|GLOB|-...\n\nFlags:\n")
		fl.PrintDefaults()
		fmt.Fprintf(stderr, "\nColumns:\n  table, markdown: %s\n  csv: %s, then one per metric\n"+
			"Warnings are printed on standard error as file:line:col: warning: reason.\n",
			strings.Join(gridHeader, ", "), strings.Join(csvColumns, ","))
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return opts, nil, exitOK
		}
		return opts, nil, exitUsage
	}
	usage := func(format string, a ...any) (options, []string, int) {
		fmt.Fprintf(stderr, "scorer: "+format+"\n", a...)
		return opts, nil, exitUsage
	}
	opts.inputFormat = listenscore.Format(inputFormat)
	if inputFormat != "" && !slices.Contains(listenscore.Formats(), opts.inputFormat) {
		return usage("unknown -input-format %q (want one of %s)", inputFormat, formatList())
	}
	if !slices.Contains(outputFormats, opts.format) {
		return usage("unknown -format %q (want one of %s)", opts.format, strings.Join(outputFormats, ", "))
	}
	if opts.workers < 1 {
		return usage("-workers must be at least 1, got %d", opts.workers)
	}
	if opts.failUnder != -1 && (opts.failUnder < 0 || opts.failUnder > 100) {
		return usage("-fail-under must be between 0 and 100, got %g", opts.failUnder)
	}
	if opts.calibrate != "" && opts.format != "table" && opts.format != "json" {
		return usage("-calibrate prints a table or json, not %q", opts.format)
	}
	formatSet := false
	fl.Visit(func(f *flag.Flag) { formatSet = formatSet || f.Name == "format" })
	if opts.annotate && formatSet && opts.format != "jsonl" {
		return usage("-annotate prints jsonl, not %q", opts.format)
	}
	if opts.annotate && opts.calibrate != "" {
		return usage("-annotate and -calibrate cannot be combined")
	}
	if len(opts.fit) > 0 {
		switch {
		case opts.annotate || opts.calibrate != "":
			return usage("-fit cannot be combined with -annotate or -calibrate")
		case opts.output == "":
			return usage("-fit writes the weights to the file named by -o")
		case formatSet && opts.format != "table":
			return usage("-fit prints a table, not %q", opts.format)
		}
	} else if fromScratch {
		return usage("-from-scratch is an option of -fit")
	}
	opts.rubric = rubric.Default()
	if rubricRoot != "" && rubricPath == "" {
		return usage("-rubric-root is an option of -rubric")
	}
	if rubricPath != "" {
		r, err := loadRubric(rubricPath, rubricRoot)
		if err != nil {
			fmt.Fprintf(stderr, "scorer: %v\n", err)
			return opts, nil, exitUsage
		}
		opts.rubric = r
	}
	cfg := opts.rubric.Config()
	if weightsPath != "" {
		w, err := readWeightsFile(weightsPath)
		if err != nil {
			fmt.Fprintf(stderr, "scorer: %v\n", err)
			return opts, nil, exitUsage
		}
		cfg.Weights = w
	}
	if len(opts.fit) > 0 {
		opts.fitOpts = listenscore.FitOptions{Config: cfg, Start: cfg.Weights, FittedBy: fitCommand(args)}
		if opts.fitOpts.Start == nil {
			opts.fitOpts.Start = listenscore.DefaultWeights()
		}
		if fromScratch {
			opts.fitOpts.Start = nil
		}
	}
	az, err := listenscore.NewAnalyzer(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "scorer: %v\n", err)
		return opts, nil, exitUsage
	}
	opts.analyzer = az
	opts.roles = opts.rubric.Roles()
	for _, a := range strings.Split(agents, ",") {
		if a = strings.TrimSpace(a); a != "" {
			if opts.roles == nil {
				opts.roles = map[string]listenscore.Role{}
			}
			opts.roles[a] = listenscore.RoleAgent
			opts.agents = append(opts.agents, a)
		}
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return opts, nil, exitUsage
	}
	stdins := 0
	for _, a := range fl.Args() {
		if a == stdinName {
			stdins++
		}
	}
	if stdins > 1 {
		return usage("standard input (-) can be named only once")
	}
	return opts, fl.Args(), -1
}

// loadRubric loads the rubric at path. With a root, the rubric is loaded
// from the directory root, so that its extends and weights may reach any
// file under it; messages still name the files as paths from here.
func loadRubric(path, root string) (*rubric.Rubric, error) {
	if root == "" {
		return rubric.LoadFile(path)
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return nil, fmt.Errorf("-rubric %s is not under -rubric-root %s", path, root)
	}
	dir, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("-rubric-root: %w", err)
	}
	defer dir.Close()
	r, err := rubric.Load(dir.FS(), filepath.ToSlash(rel))
	if err != nil {
		// Name the files as paths from here, not from the root.
		var walk func(error)
		walk = func(err error) {
			if e, ok := err.(*rubric.Error); ok {
				if e.File != "default.yaml" && !filepath.IsAbs(e.File) {
					e.File = filepath.Join(root, filepath.FromSlash(e.File))
				}
				return
			}
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				for _, e := range j.Unwrap() {
					walk(e)
				}
			}
		}
		walk(err)
	}
	return r, err
}

// readWeightsFile reads a weights file written by -fit.
func readWeightsFile(path string) (*listenscore.Weights, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return listenscore.ReadWeights(path, f)
}

// fitCommand is the command line recorded in fitted weights: the
// arguments as given, without -o and its file, which says where the
// weights went, not how they were made.
func fitCommand(args []string) string {
	var kept []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-o" || a == "--o":
			i++
			continue
		case strings.HasPrefix(a, "-o=") || strings.HasPrefix(a, "--o="):
			continue
		}
		kept = append(kept, a)
	}
	return strings.Join(append([]string{"scorer"}, kept...), " ")
}

// namedOutput returns the input argument that names the -o file itself,
// or "". Directories and globs that hold it are fine: the walk skips it.
func namedOutput(output string, inputs []string) string {
	outAbs, err := filepath.Abs(output)
	if err != nil {
		return ""
	}
	outInfo, outErr := os.Stat(output)
	for _, in := range inputs {
		if in == stdinName {
			continue
		}
		if abs, err := filepath.Abs(in); err == nil && abs == outAbs {
			return in
		}
		if info, err := os.Stat(in); outErr == nil && err == nil && !info.IsDir() && os.SameFile(info, outInfo) {
			return in
		}
	}
	return ""
}

// mask redacts a message with -redact (errors can quote the labels file
// and the transcripts), keeping path readable, and returns it as is
// otherwise.
func (o options) mask(msg, path string) string {
	if o.redact {
		return redactMessage(msg, path)
	}
	return msg
}

func formatList() string {
	var names []string
	for _, f := range listenscore.Formats() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}
