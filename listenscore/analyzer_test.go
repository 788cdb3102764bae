package listenscore

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// analyzerCall is a short call whose tags depend on phrase edits and on the
// customer's name.
var analyzerCall = []string{
	"customer: Hi, this is Dana Whitfield, my router keeps dropping the connection every evening.",
	"agent: Thanks Dana. Zorblat, what happens when it drops?",
	"customer: The lights go red and I have to unplug it.",
	"agent: Right, Dana, I'm sorry to hear that. I'll send you a replacement today.",
}

func analysisJSON(t *testing.T, a *Analysis) string {
	t.Helper()
	b, err := json.Marshal(struct {
		Turns   []TurnTags
		Metrics []Metric
	}{a.Turns, a.Metrics})
	require.NoError(t, err)
	return string(b)
}

func TestAnalyzerMatchesAnalyze(t *testing.T) {
	tr := analyzeTurns(t, Config{}, analyzerCall...).Transcript
	tests := []struct {
		name string
		cfg  Config
	}{
		{name: "defaults", cfg: Config{}},
		{name: "phrase edits", cfg: Config{
			AddPhrases:    map[string][]string{"empathy": {"zorblat"}},
			RemovePhrases: map[string][]string{"empathy": {"sorry to hear", "I'm sorry to hear"}},
		}},
		{name: "thresholds and name", cfg: Config{MinSubstantiveWords: 2, CustomerName: "Dana"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := Analyze(tr, tt.cfg)
			require.NoError(t, err)
			az, err := NewAnalyzer(tt.cfg)
			require.NoError(t, err)
			got, err := az.Analyze(tr)
			require.NoError(t, err)
			assert.Equal(t, analysisJSON(t, want), analysisJSON(t, got))
		})
	}
}

func TestAnalyzerPhraseEditsApply(t *testing.T) {
	tr := analyzeTurns(t, Config{}, "customer: My router died again.", "agent: Zorblat, Dana.").Transcript
	az, err := NewAnalyzer(Config{AddPhrases: map[string][]string{"empathy": {"zorblat"}}})
	require.NoError(t, err)
	a, err := az.Analyze(tr)
	require.NoError(t, err)
	assert.Contains(t, a.Turns[1].Reason(TagEmpathy), `empathy phrase "zorblat"`,
		"an added phrase is matched by the compiled Analyzer")
	tr = analyzeTurns(t, Config{}, analyzerCall...).Transcript
	def, err := Analyze(tr, Config{})
	require.NoError(t, err)
	require.Contains(t, def.Turns[3].Reason(TagEmpathy), `empathy phrase "I'm sorry to hear"`, "precondition: the default matches it")
	az, err = NewAnalyzer(Config{RemovePhrases: map[string][]string{"empathy": {"sorry to hear", "I'm sorry to hear", "I'm sorry"}}})
	require.NoError(t, err)
	a, err = az.Analyze(tr)
	require.NoError(t, err)
	assert.NotContains(t, a.Turns[3].Reason(TagEmpathy), "empathy phrase", "a removed phrase is not matched")
}

func TestZeroAnalyzer(t *testing.T) {
	tr := analyzeTurns(t, Config{}, analyzerCall...).Transcript
	want, err := Analyze(tr, Config{})
	require.NoError(t, err)
	var az Analyzer
	got, err := az.Analyze(tr)
	require.NoError(t, err)
	assert.Equal(t, analysisJSON(t, want), analysisJSON(t, got), "the zero Analyzer uses the defaults")
}

func TestAnalyzerWithCustomerName(t *testing.T) {
	tr := analyzeTurns(t, Config{}, analyzerCall...).Transcript
	tests := []struct {
		name string
		az   *Analyzer
	}{
		{name: "zero Analyzer", az: new(Analyzer)},
		{name: "compiled Analyzer", az: must(NewAnalyzer(Config{CustomerName: "Someone"}))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := Analyze(tr, Config{CustomerName: "Dana"})
			require.NoError(t, err)
			got, err := tt.az.WithCustomerName("Dana").Analyze(tr)
			require.NoError(t, err)
			assert.Equal(t, analysisJSON(t, want), analysisJSON(t, got))
			m, ok := got.Metric("customer_name_uses")
			require.True(t, ok)
			assert.Equal(t, 2.0, m.Value, "Dana is said in turns 1 and 3")
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestNewAnalyzerErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{name: "unknown lexicon", cfg: Config{AddPhrases: map[string][]string{"empaty": {"x"}}},
			want: `listenscore: unknown lexicon "empaty" (known: ` + fmt.Sprint(Lexicons()) + `)`},
		{name: "negative silence", cfg: Config{SilenceThreshold: -1},
			want: "listenscore: negative silence threshold -1ns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			az, err := NewAnalyzer(tt.cfg)
			assert.Nil(t, az)
			assert.EqualError(t, err, tt.want)
		})
	}
}

func TestAnalyzerNilTranscript(t *testing.T) {
	var az Analyzer
	a, err := az.Analyze(nil)
	assert.Nil(t, a)
	assert.EqualError(t, err, "listenscore: Analyze of a nil transcript")
}

// TestAnalyzerConcurrent runs one Analyzer from several goroutines; run
// with -race.
func TestAnalyzerConcurrent(t *testing.T) {
	tr := analyzeTurns(t, Config{}, analyzerCall...).Transcript
	az, err := NewAnalyzer(Config{AddPhrases: map[string][]string{"empathy": {"zorblat"}}})
	require.NoError(t, err)
	first, err := az.Analyze(tr)
	require.NoError(t, err)
	want := analysisJSON(t, first)
	results := make([]string, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			a, err := az.Analyze(tr)
			if err == nil {
				b, _ := json.Marshal(struct {
					Turns   []TurnTags
					Metrics []Metric
				}{a.Turns, a.Metrics})
				results[i] = string(b)
			}
		})
	}
	wg.Wait()
	for i, got := range results {
		assert.Equal(t, want, got, "goroutine %d", i)
	}
}

// FuzzAnalyze analyses arbitrary text as a plain transcript: no input
// makes the tags, the signals of being heard or the metrics panic, and two
// analyses agree.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"Agent: How can I help?\nCustomer: It's 5 Mill Lane now, my internet isn't working.\nAgent: What's the address? Maria Lopez?",
		"[0:01] Rep: Can I take your full name?\n[0:04] Caller: Sure, it's Tom, T-O-M, 4471 2290.\n[0:09] Rep: I understand, but that's our policy.",
		"a: yes it is do you have a reading\nb: like I said, you're not listening\na: so to recap, I'll send it tomorrow",
		"Agent:\nCustomer: ?\nAgent: …",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tr, err := Read("fuzz.txt", strings.NewReader(text), ReadOptions{Format: FormatText, Lenient: true})
		if err != nil {
			return
		}
		a, err := Analyze(tr, Config{})
		if err != nil {
			t.Fatalf("Analyze: %v", err)
		}
		b, err := Analyze(tr, Config{})
		if err != nil {
			t.Fatalf("Analyze again: %v", err)
		}
		if !reflect.DeepEqual(a.Metrics, b.Metrics) || !reflect.DeepEqual(a.Turns, b.Turns) {
			t.Fatalf("two analyses of %q differ", text)
		}
	})
}
