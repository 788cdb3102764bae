package listenscore

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// textSentiment scores one text as Analyze scores a customer turn.
func textSentiment(text string) (float64, string) {
	lex := defaultLexicons()
	c := lex.allFeatures([]Turn{{Text: text}}, Config{}.withDefaults())
	f := c.turn(0, new(turnScratch))
	s := newSentimentScorer(c.cw)
	score := s.score(f.words, f.ids, f.brks, text)
	return score, string(s.appendReason(nil, score))
}

func TestSentimentRules(t *testing.T) {
	// Hand-computed with VADER's rules and lexicon: "good" 1.9, "bad"
	// −2.5, "great" 3.1, "horrible" −2.5, "okay" 0.9, "like" 1.5, "thanks" 1.9, ":)" 2.0.
	norm := func(s float64) float64 { return s / math.Sqrt(s*s+15) }
	tests := []struct {
		name, text string
		want       float64
		reason     string
	}{
		{name: "one word", text: "The service was good.", want: norm(1.9),
			reason: `sentiment +0.44: "good" (+1.9)`},
		{name: "negation flips and scales", text: "The service was not good.", want: norm(1.9 * -0.74),
			reason: `sentiment −0.34: "good" (−1.4)`},
		{name: "booster", text: "The service was very good.", want: norm(1.9 + 0.293)},
		{name: "dampener", text: "It was kind of good.", want: norm(1.9 - 0.293)},
		{name: "but halves before, raises after", text: "The phone is great but the battery is horrible.",
			want: norm(3.1*0.5 + -2.5*1.5), reason: `sentiment −0.49: "horrible" (−3.8), "great" (+1.6)`},
		{name: "exclamation marks", text: "This is bad!!", want: norm(-2.5 - 2*0.292)},
		{name: "capitals among lower case", text: "This is BAD.", want: norm(-2.5 - 0.733)},
		{name: "all capitals: no emphasis", text: "THIS IS BAD.", want: norm(-2.5)},
		{name: "at least is not negation", text: "At least it's not horrible.", want: norm(-2.5 * -0.74)},
		{name: "emoticon, boosted by so two words before", text: "Thanks so much :)", want: norm(1.9 + 2.0 + 0.293*0.95)},
		{name: "like as a filler is not liking", text: "It's like three weeks now.", want: 0,
			reason: "sentiment 0: no word of VADER's lexicon"},
		{name: "like as a verb", text: "I like the new plan.", want: norm(1.5)},
		{name: "an answer is not sentiment", text: "Yes, it's 5512.", want: 0},
		{name: "okay as a word still counts", text: "The signal is okay now.", want: norm(0.9)},
		{name: "no words", text: "5512", want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, reason := textSentiment(tt.text)
			assert.InDelta(t, tt.want, got, 1e-9)
			if tt.reason != "" {
				assert.Equal(t, tt.reason, reason)
			}
		})
	}
}

// sentimentSet reads one of VADER's ground-truth files: id, mean rating,
// text per line.
func sentimentSet(t *testing.T, path string) (texts []string, ratings []float64) {
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no human sentiment ratings here: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.SplitN(strings.TrimRight(sc.Text(), "\r"), "\t", 3)
		require.Len(t, parts, 3)
		y, err := strconv.ParseFloat(parts[1], 64)
		require.NoError(t, err)
		texts, ratings = append(texts, parts[2]), append(ratings, y)
	}
	require.NoError(t, sc.Err())
	return texts, ratings
}

func pearson(x, y []float64) float64 {
	n := float64(len(x))
	var sx, sy, sxx, syy, sxy float64
	for i := range x {
		sx, sy = sx+x[i], sy+y[i]
		sxx, syy, sxy = sxx+x[i]*x[i], syy+y[i]*y[i], sxy+x[i]*y[i]
	}
	return (n*sxy - sx*sy) / math.Sqrt((n*sxx-sx*sx)*(n*syy-sy*sy))
}

// TestSentimentAccuracy measures the scorer against the mean of about 20
// people's ratings on VADER's evaluation sets ($LISTENSCORE_DATA/sentiment,
// skipped without them):
// the Pearson correlation, and the accuracy on the sign over the texts
// rated at least 0.5 from neutral (a score of 0 counts as a miss).
//
//	LISTENSCORE_DATA=$DATA go test ./listenscore -run SentimentAccuracy -v
func TestSentimentAccuracy(t *testing.T) {
	dir := dataDir(t, "sentiment")
	for _, tt := range []struct {
		file          string
		minR, minSign float64
	}{
		{"tweets_GroundTruth.txt", 0.85, 0.95},
		{"amazonReviewSnippets_GroundTruth.txt", 0.595, 0.61},
	} {
		t.Run(tt.file, func(t *testing.T) {
			texts, ratings := sentimentSet(t, filepath.Join(dir, tt.file))
			scores := make([]float64, len(texts))
			right, rated := 0, 0
			for i, text := range texts {
				scores[i], _ = textSentiment(text)
				if math.Abs(ratings[i]) >= 0.5 {
					rated++
					if scores[i]*ratings[i] > 0 {
						right++
					}
				}
			}
			r, sign := pearson(scores, ratings), float64(right)/float64(rated)
			t.Logf("%s: %d texts, r = %.3f, sign accuracy %.3f (%d of %d)", tt.file, len(texts), r, sign, right, rated)
			assert.GreaterOrEqual(t, r, tt.minR)
			assert.GreaterOrEqual(t, sign, tt.minSign)
		})
	}
}

// TestSentimentTransfer checks the scorer on sets kept outside the
// project and the research corpora: JSON files of {"text", "class"} (class 1
// positive, 0 negative) in the folder $LISTENSCORE_SENTIMENT_SETS, such as
// the Amazon, IMDb and Yelp sentences of the UCI "Sentiment Labelled
// Sentences" set (Kotzias et al., KDD 2015) that the npm package
// sentiment@5.0.2 ships as test/fixtures/{amazon,imdb,yelp}.json. It
// reports the point-biserial correlation and the accuracy on the sign
// (a score of 0 counts as a miss).
func TestSentimentTransfer(t *testing.T) {
	dir := os.Getenv("LISTENSCORE_SENTIMENT_SETS")
	if dir == "" {
		t.Skip("LISTENSCORE_SENTIMENT_SETS is not set")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var items []struct {
			Text  string `json:"text"`
			Class int    `json:"class"`
		}
		require.NoError(t, json.Unmarshal(data, &items))
		var xs, ys []float64
		right, zero := 0, 0
		for _, it := range items {
			x, _ := textSentiment(it.Text)
			y := float64(2*it.Class - 1)
			xs, ys = append(xs, x), append(ys, y)
			if x*y > 0 {
				right++
			}
			if x == 0 {
				zero++
			}
		}
		msg := fmt.Sprintf("%s: %d texts, r = %.3f, sign accuracy %.3f, scored 0: %d", filepath.Base(file),
			len(items), pearson(xs, ys), float64(right)/float64(len(items)), zero)
		t.Log(msg)
	}
}
