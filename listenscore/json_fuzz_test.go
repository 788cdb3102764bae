package listenscore

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// fuzzSeedMax bounds the fixtures that seed the fuzzers: large inputs
// slow the fuzzer down more than they add (it minimizes every new input).
const fuzzSeedMax = 3 << 10

// fuzzJSONReader fuzzes the reader of format, seeded with seeds and the
// small fixtures under testdata/formats/<dir>/ for each of dirs: no panic,
// every error a *ParseError positioned inside the input, every turn well
// formed. Inputs that start like JSON are also read with detection. check,
// when not nil, checks more of what the reader read.
func fuzzJSONReader(f *testing.F, format Format, check func(*testing.T, *Transcript, ReadOptions), seeds []string, dirs ...string) {
	for _, seed := range seeds {
		f.Add([]byte(seed), false)
	}
	for _, dir := range dirs {
		paths, err := filepath.Glob(filepath.Join(testdataDir, "formats", dir, "*"))
		if err != nil {
			f.Fatal(err)
		}
		for _, path := range paths {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			if len(data) > fuzzSeedMax {
				continue
			}
			f.Add(data, false)
			f.Add(data, true)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, lenient bool) {
		opts := ReadOptions{Format: format, Lenient: lenient}
		if tr := checkJSONRead(t, data, opts); tr != nil && check != nil {
			check(t, tr, opts)
		}
		if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
			checkJSONRead(t, data, ReadOptions{Lenient: lenient})
		}
	})
}

// checkJSONRead reads data and checks the invariants every read keeps.
func checkJSONRead(t *testing.T, data []byte, opts ReadOptions) *Transcript {
	t.Helper()
	lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r"))
	checkErr := func(err error) {
		t.Helper()
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error is a %T, not a *ParseError: %v", err, err)
		}
		if pe.Line < 0 || pe.Line > lines || pe.Column < 0 || pe.Column > len(data)+1 {
			t.Fatalf("position %d:%d is outside the input (%d lines, %d bytes): %v", pe.Line, pe.Column, lines, len(data), err)
		}
		if pe.Err == nil || err.Error() == "" {
			t.Fatalf("error without a reason: %#v", pe)
		}
	}
	tr, err := Read("fuzz.json", bytes.NewReader(data), opts)
	if err != nil {
		checkErr(err)
		return nil
	}
	for _, w := range tr.Warnings {
		checkErr(w)
	}
	for i, tu := range tr.Turns {
		if tu.Line < 1 || tu.Line > lines || tu.Column < 1 || tu.Column > len(data) {
			t.Fatalf("turn %d at %d:%d, outside the input", i, tu.Line, tu.Column)
		}
		if tu.Speaker == "" {
			t.Fatalf("turn %d has no speaker", i)
		}
		if tu.HasStart && tu.HasEnd && tu.End < tu.Start {
			t.Fatalf("turn %d ends before it starts", i)
		}
	}
	return tr
}

// FuzzReadCanonicalJSON fuzzes the canonical reader. It also checks the round trip: what Read accepts,
// WriteJSON writes and Read reads back to the same transcript.
func FuzzReadCanonicalJSON(f *testing.F) {
	seeds := []string{
		`{"turns": [{"speaker": "A", "role": "agent", "text": "Hi \u00e9\u2028", "start": 1e-3, "end": "2"}]}`,
		`{"speakers": [{"label": "A", "role": "customer", "role_source": "order", "role_reason": "x"}], "turns": [{"speaker": "A", "text": "a"}, {"speaker": "B", "text": "b", "start": null}]}`,
	}
	fuzzJSONReader(f, FormatJSON, func(t *testing.T, tr *Transcript, opts ReadOptions) {
		var out bytes.Buffer
		if err := WriteJSON(&out, tr); err != nil {
			t.Fatal(err)
		}
		back, err := Read("back.json", bytes.NewReader(out.Bytes()), opts)
		if err != nil {
			t.Fatalf("reading back what WriteJSON wrote: %v\n%s", err, out.Bytes())
		}
		wantSpeakers, wantTurns := roundTripView(tr)
		gotSpeakers, gotTurns := roundTripView(back)
		if !reflect.DeepEqual(wantSpeakers, gotSpeakers) || !reflect.DeepEqual(wantTurns, gotTurns) {
			t.Fatalf("round trip differs:\nspeakers %+v\n      -> %+v\nturns %+v\n   -> %+v", wantSpeakers, gotSpeakers, wantTurns, gotTurns)
		}
	}, seeds, "json")
}

// FuzzReadAWS fuzzes the reader of Call Analytics and Contact Lens.
func FuzzReadAWS(f *testing.F) {
	fuzzJSONReader(f, FormatAWSCallAnalytic, nil, []string{
		`{"Transcript": [{"ParticipantRole": "AGENT", "Content": "Hi.", "BeginOffsetMillis": 0, "EndOffsetMillis": 900, "Items": [{"Content": "Hi", "Type": "pronunciation"}]}]}`,
		`{"Participants": [{"ParticipantId": "A", "ParticipantRole": "AGENT"}, {"ParticipantId": "B", "ParticipantRole": "AGENT"}], "Transcript": [{"ParticipantId": "B", "Content": "x"}, {"ParticipantId": "C", "Content": "y"}]}`,
	}, "aws-callanalytics", "contactlens")
}

// FuzzReadTranscribe fuzzes the reader of AWS Transcribe.
func FuzzReadTranscribe(f *testing.F) {
	fuzzJSONReader(f, FormatAWSTranscribe, nil, []string{
		`{"results": {"speaker_labels": {"segments": [{"speaker_label": "spk_0", "start_time": "0.5", "end_time": "1", "items": [{"start_time": "0.5"}]}]}, "items": [{"alternatives": [{"content": "¿"}], "type": "punctuation"}, {"start_time": "0.5", "end_time": "1", "alternatives": [{"content": "Sí"}], "type": "pronunciation"}, {"alternatives": [{"content": "?"}], "type": "punctuation"}]}}`,
		`{"results": {"channel_labels": {"channels": [{"channel_label": "ch_0", "items": [{"start_time": "0.5", "end_time": "0.9", "alternatives": [{"content": "Hello"}], "type": "pronunciation"}]}, {"channel_label": "ch_1", "items": [{"start_time": "0.2", "end_time": "0.4", "alternatives": [{"content": "Hi"}], "type": "pronunciation"}]}]}}}`,
	}, "aws-transcribe")
}

// FuzzReadDeepgram fuzzes the reader of Deepgram.
func FuzzReadDeepgram(f *testing.F) {
	fuzzJSONReader(f, FormatDeepgram, nil, []string{
		`{"metadata": {"channels": 1}, "results": {"channels": [{"alternatives": [{"words": []}]}], "utterances": [{"start": 0.41915998, "end": 1.0, "transcript": "Hello.", "speaker": 0, "channel": 0}, {"start": 1.5, "end": 2.0, "transcript": "Hi.", "speaker": 1, "channel": 1}]}}`,
	}, "deepgram")
}

// FuzzReadAssemblyAI fuzzes the reader of AssemblyAI.
func FuzzReadAssemblyAI(f *testing.F) {
	fuzzJSONReader(f, FormatAssemblyAI, nil, []string{
		`{"id": "x", "status": "completed", "utterances": [{"speaker": "A", "text": "Hello?", "start": 0, "end": 800, "words": [{"text": "Hello?", "start": 0, "end": 800}]}]}`,
	}, "assemblyai")
}

// FuzzReadWhisperX fuzzes the reader of WhisperX.
func FuzzReadWhisperX(f *testing.F) {
	fuzzJSONReader(f, FormatWhisperX, nil, []string{
		`{"segments": [{"speaker": "SPEAKER_00", "text": " Hi.", "start": 0.031, "end": 1e0, "words": []}, {"text": "x", "start": 2, "end": 1}]}`,
	}, "whisperx")
}
