// Command minimal is the smallest complete use of listenscore: score one
// transcript against the embedded default rubric in one call, and print
// the score with the evidence behind each criterion that lost points.
//
//	go run ./examples/minimal testdata/calls/internet-outage.txt
//
// Its score function is the README's library example, word for word (a
// test keeps them the same).
package main

import (
	"fmt"
	"os"

	"github.com/callqa/listenscore/rubric"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: minimal TRANSCRIPT")
		os.Exit(2)
	}
	if err := score(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func score(path string) error {
	r := rubric.Default()         // or rubric.LoadFile("team.yaml")
	res, err := r.ScoreFile(path) // read with its roles, analyse with its settings, grade
	if err != nil {
		return err // listenscore: call.vtt:12:14: end time before start time
	}
	fmt.Printf("%s: %.1f (%s)\n", path, res.Score, res.Grade)
	for _, c := range res.Unmet() { // failed or partial
		fmt.Printf("  %s %s: %s\n", c.Status, c.ID, c.Reason)
		for _, e := range c.Evidence { // the turns behind the metric, and why
			fmt.Printf("    turn %d %s: %q (%s)\n", e.Turn, e.Speaker, e.Text, e.Reason)
		}
	}
	return nil
}
