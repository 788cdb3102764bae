package listenscore

import "testing"

// teamConfig edits phrase lexicons, as a team rubric does.
var teamConfig = Config{
	AddPhrases:    map[string][]string{"empathy": {"we've got you covered"}, "action_commitment": {"I'll escalate"}},
	RemovePhrases: map[string][]string{"acknowledgment": {"sure"}},
}

// BenchmarkAnalyzePhraseEdits analyses a one-hour call with a Config that
// edits the lexicons: compiled on every call (Analyze) or once
// (Analyzer).
//
//	go test ./listenscore -run '^$' -bench AnalyzePhraseEdits -benchtime 2s
func BenchmarkAnalyzePhraseEdits(b *testing.B) {
	tr, _ := benchTranscript()
	b.Run("Analyze", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Analyze(tr, teamConfig); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Analyzer", func(b *testing.B) {
		az, err := NewAnalyzer(teamConfig)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := az.Analyze(tr); err != nil {
				b.Fatal(err)
			}
		}
	})
}
