// Command scorer reads call transcripts, measures how well the agent
// listened, and prints the results.
//
// Usage:
//
//	go run ./examples/scorer [flags] FILE|DIR...
//
// Each file's format is detected from its content. A directory is read
// recursively. A file that cannot be read is reported with its positioned
// error and the others still run; the exit status is then 1.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/callqa/listenscore/listenscore"
)

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // some files could not be read
	exitUsage  = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the parsed command-line flags.
type options struct {
	format      string // output format
	inputFormat listenscore.Format
	lenient     bool
	agents      []string
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("scorer", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var opts options
	var inputFormat, agents string
	fl.StringVar(&opts.format, "format", "table", "output `format`: table or json")
	fl.StringVar(&inputFormat, "input-format", "", "read every file as this transcript `format` instead of detecting it: "+formatList())
	fl.BoolVar(&opts.lenient, "lenient", false, "skip bad cues and utterances with a warning instead of failing the file")
	fl.StringVar(&agents, "agent", "", "comma-separated speaker `labels` that are the agent (all other speakers are customers)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: scorer [flags] FILE|DIR...\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	opts.inputFormat = listenscore.Format(inputFormat)
	if inputFormat != "" && !knownFormat(opts.inputFormat) {
		fmt.Fprintf(stderr, "scorer: unknown -input-format %q (want one of %s)\n", inputFormat, formatList())
		return exitUsage
	}
	if opts.format != "table" && opts.format != "json" {
		fmt.Fprintf(stderr, "scorer: unknown -format %q (want table or json)\n", opts.format)
		return exitUsage
	}
	for _, a := range strings.Split(agents, ",") {
		if a = strings.TrimSpace(a); a != "" {
			opts.agents = append(opts.agents, a)
		}
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return exitUsage
	}
	files, err := expand(fl.Args())
	if err != nil {
		fmt.Fprintf(stderr, "scorer: %v\n", err)
		return exitUsage
	}
	results := make([]callResult, 0, len(files))
	for _, f := range files {
		results = append(results, scoreFile(f, opts))
	}
	var werr error
	switch opts.format {
	case "json":
		werr = writeJSON(stdout, results)
	default:
		werr = writeTable(stdout, results)
	}
	if werr != nil {
		fmt.Fprintf(stderr, "scorer: %v\n", werr)
		return exitFailed
	}
	status := exitOK
	for _, r := range results {
		if r.Error != nil {
			fmt.Fprintln(stderr, r.Error.Message)
			status = exitFailed
		}
	}
	return status
}

// expand turns the arguments into a list of files: a directory becomes the
// regular files below it, sorted; a file stays as given.
func expand(args []string) ([]string, error) {
	var files []string
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil || !info.IsDir() {
			files = append(files, arg) // a missing file becomes an error record
			continue
		}
		var found []string
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

func knownFormat(f listenscore.Format) bool {
	for _, k := range listenscore.Formats() {
		if k == f {
			return true
		}
	}
	return false
}

func formatList() string {
	var names []string
	for _, f := range listenscore.Formats() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}
