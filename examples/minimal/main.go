// Command minimal is the smallest complete use of listenscore: read one
// transcript, analyse it, grade it against the embedded default rubric, and
// print the score with the evidence behind each failed criterion.
//
//	go run ./examples/minimal testdata/calls/internet-outage.txt
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/callqa/listenscore/listenscore"
	"github.com/callqa/listenscore/rubric"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: minimal TRANSCRIPT")
		os.Exit(2)
	}
	if err := score(os.Stdout, os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func score(w io.Writer, path string) error {
	r := rubric.Default()
	t, err := listenscore.ReadFile(path, listenscore.ReadOptions{Roles: r.Roles()})
	if err != nil {
		return err // listenscore: call.vtt:12:14: end time before start time
	}
	a, err := listenscore.Analyze(t, r.Config())
	if err != nil {
		return err
	}
	res := r.Grade(a)
	fmt.Fprintf(w, "%s: %.1f (%s)\n", path, res.Score, res.Grade)
	for _, c := range res.FailedCriteria() {
		fmt.Fprintf(w, "  failed %s: %s\n", c.ID, c.Reason)
		for _, e := range c.Evidence {
			fmt.Fprintf(w, "    turn %d %s: %q (%s)\n", e.Turn, e.Speaker, e.Text, e.Reason)
		}
	}
	return nil
}
