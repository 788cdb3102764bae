package listenscore

import "strings"

// Initial version: the detector work replaces this file.

// turnFeatures is the analysed form of one turn's text, computed once per
// turn and shared by the detectors and the metrics.
type turnFeatures struct {
	words        []string // lower-case word tokens, in order
	wordCount    int      // spoken words, fillers included
	contentWords int      // words that are neither fillers nor function words
	backchannel  bool     // a short listener response: "mm-hmm", "I see", "got it"
	cutOff       bool     // ends visibly cut off: "-", "--", "—", "…"
}

type lexicons struct{}

func buildLexicons(Config) *lexicons { return &lexicons{} }

// Lexicons lists the names of the phrase lexicons that Config.AddPhrases
// and Config.RemovePhrases edit.
func Lexicons() []string { return nil }

func isLexicon(string) bool { return false }

func (l *lexicons) features(text string, _ Config) turnFeatures {
	w := strings.Fields(strings.ToLower(text))
	return turnFeatures{words: w, wordCount: len(w), contentWords: len(w)}
}

func tagLanguage(*Analysis, []turnFeatures, *lexicons, Config) {}
