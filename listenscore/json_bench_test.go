package listenscore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// benchCallTurns is the number of turns of a one-hour call.
const benchCallTurns = 1000

var benchSentences = []string{
	"Thank you for calling, how can I help you today?",
	"Hi, my internet keeps dropping every evening, like every twenty minutes.",
	"I'm sorry to hear that. How long has this been going on?",
	"About a week. I work from home, so it's a real problem.",
	"So for a week the connection drops in the evenings while you work.",
	"Yes, exactly.",
	"I'm running a line test now; it takes about a minute.",
	"Okay, sure.",
}

// benchWord is one word of a generated call.
type benchWord struct {
	text, punct string
	start, end  time.Duration
}

// benchTurn is one turn of a generated call.
type benchTurn struct {
	speaker    int // 0 agent, 1 customer
	text       string
	start, end time.Duration
	words      []benchWord
}

// benchCall generates a call of n turns, about 3.6 s each.
func benchCall(n int) []benchTurn {
	turns := make([]benchTurn, n)
	t := 500 * time.Millisecond
	for i := range turns {
		text := benchSentences[i%len(benchSentences)]
		tu := benchTurn{speaker: i % 2, text: text, start: t}
		for _, w := range strings.Fields(text) {
			bare := strings.TrimRight(w, ".,;?!")
			d := time.Duration(150+40*len(bare)) * time.Millisecond
			tu.words = append(tu.words, benchWord{bare, w[len(bare):], t, t + d})
			t += d + 30*time.Millisecond
		}
		tu.end = t
		t += 400 * time.Millisecond
		turns[i] = tu
	}
	return turns
}

func secondsString(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }

func mustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return data
}

func benchCanonical(turns []benchTurn) []byte {
	t := &Transcript{Speakers: []Speaker{
		{Label: "Agent", Role: RoleAgent, RoleSource: RoleFromLabel, RoleReason: `label says "agent"`},
		{Label: "Customer", Role: RoleCustomer, RoleSource: RoleFromLabel, RoleReason: `label says "customer"`},
	}}
	for _, tu := range turns {
		sp := t.Speakers[tu.speaker]
		t.Turns = append(t.Turns, Turn{Speaker: sp.Label, Role: sp.Role, Text: tu.text, Start: tu.start, End: tu.end, HasStart: true, HasEnd: true})
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, t); err != nil {
		panic(err)
	}
	return b.Bytes()
}

type awsCAItem struct {
	Confidence                         float64 `json:"Confidence"`
	Content                            string  `json:"Content"`
	EndOffsetMillis, BeginOffsetMillis int64   `json:",omitempty"`
	Type                               string  `json:"Type"`
}

func benchAWSTurns(turns []benchTurn, idKey string) []map[string]any {
	var out []map[string]any
	roles := []string{"AGENT", "CUSTOMER"}
	for i, tu := range turns {
		var items []awsCAItem
		for _, w := range tu.words {
			items = append(items, awsCAItem{0.98, w.text, w.end.Milliseconds(), w.start.Milliseconds(), "pronunciation"})
			if w.punct != "" {
				items = append(items, awsCAItem{Content: w.punct, Type: "punctuation"})
			}
		}
		out = append(out, map[string]any{
			"LoudnessScores": []float64{78.3, 80.1, 76.9}, "Content": tu.text, "Items": items,
			"Id": fmt.Sprintf("turn-%06d", i), "BeginOffsetMillis": tu.start.Milliseconds(),
			"EndOffsetMillis": tu.end.Milliseconds(), "Sentiment": "NEUTRAL", idKey: roles[tu.speaker],
		})
	}
	return out
}

func benchCallAnalytics(turns []benchTurn) []byte {
	return mustJSON(map[string]any{"JobName": "bench", "JobStatus": "COMPLETED", "LanguageCode": "en-US",
		"Transcript": benchAWSTurns(turns, "ParticipantRole")})
}

func benchContactLens(turns []benchTurn) []byte {
	return mustJSON(map[string]any{"Version": "1.1.0", "Channel": "VOICE",
		"Participants": []map[string]string{{"ParticipantId": "AGENT", "ParticipantRole": "AGENT"}, {"ParticipantId": "CUSTOMER", "ParticipantRole": "CUSTOMER"}},
		"Transcript":   benchAWSTurns(turns, "ParticipantId")})
}

func benchTranscribe(turns []benchTurn) []byte {
	type alt struct {
		Confidence string `json:"confidence"`
		Content    string `json:"content"`
	}
	type item struct {
		ID           int    `json:"id"`
		Type         string `json:"type"`
		Alternatives []alt  `json:"alternatives"`
		StartTime    string `json:"start_time,omitempty"`
		EndTime      string `json:"end_time,omitempty"`
		SpeakerLabel string `json:"speaker_label"`
	}
	type segItem struct {
		StartTime    string `json:"start_time"`
		SpeakerLabel string `json:"speaker_label"`
		EndTime      string `json:"end_time"`
	}
	type segment struct {
		StartTime    string    `json:"start_time"`
		SpeakerLabel string    `json:"speaker_label"`
		EndTime      string    `json:"end_time"`
		Items        []segItem `json:"items"`
	}
	var items []item
	var segments []segment
	for _, tu := range turns {
		label := "spk_" + strconv.Itoa(tu.speaker)
		seg := segment{StartTime: secondsString(tu.start), SpeakerLabel: label, EndTime: secondsString(tu.end)}
		for _, w := range tu.words {
			items = append(items, item{len(items), "pronunciation", []alt{{"0.998", w.text}}, secondsString(w.start), secondsString(w.end), label})
			seg.Items = append(seg.Items, segItem{secondsString(w.start), label, secondsString(w.end)})
			if w.punct != "" {
				items = append(items, item{len(items), "punctuation", []alt{{"0.0", w.punct}}, "", "", label})
			}
		}
		segments = append(segments, seg)
	}
	return mustJSON(map[string]any{"jobName": "bench", "status": "COMPLETED", "results": map[string]any{
		"transcripts":    []map[string]string{{"transcript": "…"}},
		"speaker_labels": map[string]any{"speakers": 2, "segments": segments},
		"items":          items,
	}})
}

type benchDGWord struct {
	Word              string  `json:"word"`
	Start             float64 `json:"start"`
	End               float64 `json:"end"`
	Confidence        float64 `json:"confidence"`
	Speaker           int     `json:"speaker"`
	SpeakerConfidence float64 `json:"speaker_confidence"`
	PunctuatedWord    string  `json:"punctuated_word"`
}

func benchDeepgram(turns []benchTurn) []byte {
	var all []benchDGWord
	var utts []map[string]any
	for i, tu := range turns {
		var words []benchDGWord
		for _, w := range tu.words {
			words = append(words, benchDGWord{strings.ToLower(w.text), w.start.Seconds() + 0.00012345, w.end.Seconds() + 0.00012345, 0.99812345, tu.speaker, 0.8712345, w.text + w.punct})
		}
		all = append(all, words...)
		utts = append(utts, map[string]any{"start": words[0].Start, "end": words[len(words)-1].End, "confidence": 0.97,
			"channel": 0, "transcript": tu.text, "words": words, "speaker": tu.speaker, "id": fmt.Sprintf("utt-%06d", i)})
	}
	return mustJSON(map[string]any{
		"metadata": map[string]any{"request_id": "bench", "duration": turns[len(turns)-1].end.Seconds(), "channels": 1},
		"results": map[string]any{
			"channels":   []any{map[string]any{"alternatives": []any{map[string]any{"transcript": "…", "confidence": 0.99, "words": all}}}},
			"utterances": utts,
		},
	})
}

func benchAssemblyAI(turns []benchTurn) []byte {
	type word struct {
		Text       string  `json:"text"`
		Start      int64   `json:"start"`
		End        int64   `json:"end"`
		Confidence float64 `json:"confidence"`
		Speaker    string  `json:"speaker"`
	}
	var all []word
	var utts []map[string]any
	for _, tu := range turns {
		sp := string(rune('A' + tu.speaker))
		var words []word
		for _, w := range tu.words {
			words = append(words, word{w.text + w.punct, w.start.Milliseconds(), w.end.Milliseconds(), 0.98765, sp})
		}
		all = append(all, words...)
		utts = append(utts, map[string]any{"confidence": 0.95, "end": tu.end.Milliseconds(), "speaker": sp,
			"start": tu.start.Milliseconds(), "text": tu.text, "words": words})
	}
	return mustJSON(map[string]any{"id": "bench", "status": "completed", "audio_url": "https://example.com/a.mp3",
		"text": "…", "words": all, "utterances": utts, "speaker_labels": true})
}

func benchWhisperX(turns []benchTurn) []byte {
	type word struct {
		Word    string  `json:"word"`
		Start   float64 `json:"start"`
		End     float64 `json:"end"`
		Score   float64 `json:"score"`
		Speaker string  `json:"speaker"`
	}
	var all []word
	var segs []map[string]any
	for _, tu := range turns {
		sp := fmt.Sprintf("SPEAKER_%02d", tu.speaker)
		var words []word
		for _, w := range tu.words {
			words = append(words, word{w.text + w.punct, w.start.Seconds(), w.end.Seconds(), 0.876, sp})
		}
		all = append(all, words...)
		segs = append(segs, map[string]any{"start": tu.start.Seconds(), "end": tu.end.Seconds(), "text": " " + tu.text, "words": words, "speaker": sp})
	}
	return mustJSON(map[string]any{"segments": segs, "word_segments": all, "language": "en"})
}

// BenchmarkReadJSON reads a generated one-hour call of 1,000 turns in each
// JSON format, vendor formats with their word-level data, through Read
// (detection and roles included).
func BenchmarkReadJSON(b *testing.B) {
	turns := benchCall(benchCallTurns)
	for _, bench := range []struct {
		format Format
		data   []byte
	}{
		{FormatJSON, benchCanonical(turns)},
		{FormatAWSCallAnalytic, benchCallAnalytics(turns)},
		{FormatContactLens, benchContactLens(turns)},
		{FormatAWSTranscribe, benchTranscribe(turns)},
		{FormatDeepgram, benchDeepgram(turns)},
		{FormatAssemblyAI, benchAssemblyAI(turns)},
		{FormatWhisperX, benchWhisperX(turns)},
	} {
		b.Run(string(bench.format), func(b *testing.B) {
			tr, err := Read("bench.json", bytes.NewReader(bench.data), ReadOptions{})
			if err != nil {
				b.Fatal(err)
			}
			if tr.Format != bench.format || len(tr.Turns) != benchCallTurns {
				b.Fatalf("read %d turns as %s", len(tr.Turns), tr.Format)
			}
			b.SetBytes(int64(len(bench.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Read("bench.json", bytes.NewReader(bench.data), ReadOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteJSON writes a one-hour call of 1,000 turns as canonical
// JSON.
func BenchmarkWriteJSON(b *testing.B) {
	tr, err := Read("bench.json", bytes.NewReader(benchCanonical(benchCall(benchCallTurns))), ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteJSON(&out, tr); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(out.Len()))
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := WriteJSON(&out, tr); err != nil {
			b.Fatal(err)
		}
	}
}
