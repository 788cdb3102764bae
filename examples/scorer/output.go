package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

func writeJSON(w io.Writer, results []callResult) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(results)
}

func writeTable(w io.Writer, results []callResult) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tFORMAT\tTURNS\tDURATION\tSPEAKERS")
	for _, r := range results {
		if r.Error != nil {
			fmt.Fprintf(tw, "%s\tERROR\t\t\t%s\n", r.File, r.Error.Message)
			continue
		}
		var sp []string
		for _, s := range r.Speakers {
			sp = append(sp, fmt.Sprintf("%s=%s (%s: %s)", s.Label, s.Role, s.RoleSource, s.RoleReason))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", r.File, r.Format, r.Turns, formatDuration(r.DurationSeconds), strings.Join(sp, "; "))
	}
	return tw.Flush()
}

// formatDuration renders seconds as h:mm:ss, or "-" when unknown.
func formatDuration(sec *float64) string {
	if sec == nil {
		return "-"
	}
	s := int(*sec + 0.5)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}
