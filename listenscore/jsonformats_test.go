package listenscore

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// summarizeTurns renders turns as "speaker start-end text" for compact
// expectations.
func summarizeTurns(t *Transcript) []string {
	var out []string
	for _, tu := range t.Turns {
		start, end := turnClocks(tu)
		out = append(out, fmt.Sprintf("%s %s-%s %s", tu.Speaker, start, end, tu.Text))
	}
	return out
}

func TestSniffJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Format
	}{
		{"canonical", `{"format": "listenscore", "turns": []}`, FormatJSON},
		{"canonical without format", `{"turns": [{"speaker": "A", "text": "hi"}]}`, FormatJSON},
		{"call analytics", `{"JobName": "x", "Transcript": [{"ParticipantRole": "AGENT", "Content": "hi"}]}`, FormatAWSCallAnalytic},
		{"contact lens", `{"Participants": [], "Transcript": [{"ParticipantId": "AGENT", "Content": "hi"}]}`, FormatContactLens},
		{"contact lens, turns first", `{"Transcript": [{"Content": "hi", "ParticipantId": "A"}], "Participants": []}`, FormatContactLens},
		{"contact lens without turns", `{"Participants": [{"ParticipantId": "A", "ParticipantRole": "AGENT"}], "Transcript": []}`, FormatContactLens},
		{"call analytics with a Participants list", `{"JobName": "j", "Participants": [{"ParticipantRole": "AGENT"}, {"ParticipantRole": "CUSTOMER"}], ` +
			`"Transcript": [{"ParticipantRole": "AGENT", "Content": "hi", "BeginOffsetMillis": 0, "EndOffsetMillis": 900}]}`, FormatAWSCallAnalytic},
		{"call analytics, Participants after the turns", `{"Transcript": [{"Content": "hi", "ParticipantRole": "CUSTOMER"}], "Participants": [{"ParticipantRole": "CUSTOMER"}]}`, FormatAWSCallAnalytic},
		{"call analytics without turns", `{"JobName": "x", "Transcript": []}`, FormatAWSCallAnalytic},
		{"aws transcribe", `{"jobName": "x", "results": {"transcripts": [], "speaker_labels": {}, "items": []}}`, FormatAWSTranscribe},
		{"aws transcribe channels", `{"results": {"channel_labels": {}}}`, FormatAWSTranscribe},
		{"deepgram", `{"metadata": {}, "results": {"channels": [], "utterances": []}}`, FormatDeepgram},
		{"deepgram without utterances", `{"metadata": {}, "results": {"channels": []}}`, FormatDeepgram},
		{"assemblyai", `{"id": "x", "status": "completed", "utterances": [{"speaker": "A"}]}`, FormatAssemblyAI},
		{"assemblyai, utterances null", `{"id": "x", "audio_url": "https://x", "utterances": null}`, FormatAssemblyAI},
		{"whisperx", `{"segments": [{"speaker": "SPEAKER_00", "text": "hi"}], "word_segments": []}`, FormatWhisperX},
		{"plain whisper", `{"text": "hi", "segments": [{"id": 0, "text": "hi"}], "language": "en"}`, FormatWhisperX},
		{"unknown", `{"hello": "world"}`, FormatJSON},
		{"array", `[{"speaker": "A"}]`, FormatJSON},
		{"invalid", `{"results": {"utterances": [`, FormatDeepgram},
		{"results not an object", `{"results": 5}`, FormatJSON},
		{"keys are case-sensitive", `{"Segments": []}`, FormatJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, sniffJSON([]byte(tt.in)))
		})
	}
}

func TestReadJSONFormats(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		lenient bool
		// want is summarizeTurns of the result, or wantErr the error.
		want     []string
		wantErr  string
		wantIs   error
		speakers []string // "label role source: reason", when checked
		warnings []string
	}{
		{
			name: "canonical with byte order mark",
			in:   "\xef\xbb\xbf" + `{"turns": [{"speaker": "Agent", "text": "Hello.", "start": 1, "end": 2.5}]}`,
			want: []string{"Agent 0:00:01.000-0:00:02.500 Hello."},
		},
		{
			name: "deepgram with byte order mark",
			in:   "\xef\xbb\xbf" + `{"results": {"utterances": [{"start": 0.5, "end": 1.25, "transcript": "Hi.", "speaker": 0, "channel": 0}]}}`,
			want: []string{"Speaker 0 0:00:00.500-0:00:01.250 Hi."},
		},
		{
			name: "utf-8 names and escapes",
			in: `{"turns": [
				{"speaker": "José Núñez", "text": "¿Cómo le puedo ayudar? 🙂"},
				{"speaker": "Jos\u00e9 N\u00fa\u00f1ez", "text": "Gr\u00fc\u00dfe \"quoted\" \\ back\tslash"},
				{"speaker": "客服", "text": "您好"}]}`,
			want: []string{"José Núñez --- ¿Cómo le puedo ayudar? 🙂", `José Núñez --- Grüße "quoted" \ back slash`, "客服 --- 您好"},
		},
		{
			name: "white space in text is folded",
			in:   `{"segments": [{"speaker": "SPEAKER_00", "text": "  Hello\n\nthere,   how\u00a0are you? ", "start": 0, "end": 1}]}`,
			want: []string{"SPEAKER_00 0:00:00.000-0:00:01.000 Hello there, how are you?"},
		},
		{name: "empty object", in: `{}`, wantErr: `listenscore: call.json: no turns in transcript`, wantIs: ErrEmpty},
		{name: "empty array", in: ` [ ] `, wantErr: `listenscore: call.json: no turns in transcript`, wantIs: ErrEmpty},
		{name: "canonical without turns", in: `{"format": "listenscore", "version": 1}`, wantIs: ErrEmpty},
		{name: "canonical, empty turns", in: `{"format": "listenscore", "turns": []}`, wantIs: ErrEmpty},
		{name: "call analytics, empty", in: `{"JobName": "x", "Transcript": []}`, wantIs: ErrEmpty},
		{name: "contact lens, empty", in: `{"Participants": [{"ParticipantId": "A", "ParticipantRole": "AGENT"}], "Transcript": []}`, wantIs: ErrEmpty},
		{name: "aws transcribe, empty", in: `{"results": {"speaker_labels": {"segments": []}, "items": []}}`, wantIs: ErrEmpty},
		{name: "deepgram, empty", in: `{"results": {"channels": [], "utterances": []}}`, wantIs: ErrEmpty},
		{name: "assemblyai, empty", in: `{"status": "completed", "utterances": []}`, wantIs: ErrEmpty},
		{name: "whisperx, empty", in: `{"segments": []}`, wantIs: ErrEmpty},
		{
			name:    "unknown JSON",
			in:      `{"conversation": [{"who": "A", "said": "hi"}]}`,
			wantErr: `listenscore: call.json: unrecognized transcript format: JSON without the keys of any format listenscore reads: ` + jsonFormatKeys,
			wantIs:  ErrUnknownFormat,
		},
		{
			name:    "array of turns",
			in:      `[{"speaker": "A", "text": "hi"}]`,
			wantErr: `listenscore: call.json: unrecognized transcript format: the JSON is an array, not an object of a format listenscore reads: ` + jsonFormatKeys,
		},
		{
			name:     "one speaker only",
			in:       `{"status": "completed", "utterances": [{"speaker": "A", "text": "Hello?", "start": 0, "end": 800}, {"speaker": "A", "text": "Is anyone there?", "start": 1500, "end": 2900}]}`,
			want:     []string{"A 0:00:00.000-0:00:00.800 Hello?", "A 0:00:01.500-0:00:02.900 Is anyone there?"},
			speakers: []string{"A agent order: first undecided speaker"},
		},
		{
			name: "turns out of order: kept with a warning, strict or lenient",
			in: `{"segments": [
  {"speaker": "SPEAKER_00", "text": "Second.", "start": 5.0, "end": 6.0},
  {"speaker": "SPEAKER_01", "text": "First.", "start": 1.0, "end": 2.0}]}`,
			want:     []string{"SPEAKER_00 0:00:05.000-0:00:06.000 Second.", "SPEAKER_01 0:00:01.000-0:00:02.000 First."},
			warnings: []string{`listenscore: call.json:3:3: turn starts before the previous turn: 0:00:01.000 < 0:00:05.000 at line 2`},
		},
		{
			name: "end before start",
			in: `{"results": {"utterances": [
  {"start": 1.5, "end": 3.0, "transcript": "Hello.", "speaker": 0, "channel": 0},
  {"start": 4.0, "end": 3.5, "transcript": "Hi.", "speaker": 1, "channel": 0}]}}`,
			wantErr: `listenscore: call.json:3:3: end time before start time: 0:00:03.500 < 0:00:04.000`,
			wantIs:  ErrEndBeforeStart,
		},
		{
			name: "overlapping turns are kept",
			in: `{"utterances": [
  {"speaker": "A", "text": "So the charge was from the twelfth to the", "start": 1000, "end": 4200},
  {"speaker": "B", "text": "Oh, I was in Toronto.", "start": 3600, "end": 5100}]}`,
			want: []string{"A 0:00:01.000-0:00:04.200 So the charge was from the twelfth to the", "B 0:00:03.600-0:00:05.100 Oh, I was in Toronto."},
		},
		{
			name: "a call longer than an hour",
			in: `{"Transcript": [
  {"ParticipantRole": "AGENT", "Content": "Are you still there?", "BeginOffsetMillis": 3599000, "EndOffsetMillis": 3601250},
  {"ParticipantRole": "CUSTOMER", "Content": "Yes.", "BeginOffsetMillis": 7384500, "EndOffsetMillis": 7385000}]}`,
			want: []string{"AGENT 0:59:59.000-1:00:01.250 Are you still there?", "CUSTOMER 2:03:04.500-2:03:05.000 Yes."},
		},
		{
			name: "aws transcribe, seconds as strings",
			in: `{"results": {
  "speaker_labels": {"speakers": 2, "segments": [
    {"speaker_label": "spk_0", "start_time": "4.87", "end_time": "6.88", "items": [{"start_time": "4.87"}, {"start_time": "5.02"}]},
    {"speaker_label": "spk_1", "start_time": "3725.5", "end_time": "3726", "items": [{"start_time": "3725.5"}]}]},
  "items": [
    {"start_time": "4.87", "end_time": "5.02", "alternatives": [{"content": "Hold"}], "type": "pronunciation"},
    {"start_time": "5.02", "end_time": "6.88", "alternatives": [{"content": "on"}], "type": "pronunciation"},
    {"alternatives": [{"content": "."}], "type": "punctuation"},
    {"start_time": "3725.5", "end_time": "3726", "alternatives": [{"content": "Okay"}], "type": "pronunciation"},
    {"alternatives": [{"content": "?"}], "type": "punctuation"}]}}`,
			want: []string{"spk_0 0:00:04.870-0:00:06.880 Hold on.", "spk_1 1:02:05.500-1:02:06.000 Okay?"},
		},
		{
			name: "aws transcribe, seconds as numbers too",
			in: `{"results": {"speaker_labels": {"segments": [{"speaker_label": "spk_0", "start_time": 1.25, "end_time": 2, "items": [{"start_time": 1.25}]}]},
  "items": [{"start_time": 1.25, "end_time": 2, "alternatives": [{"content": "Hi"}], "type": "pronunciation"}]}}`,
			want: []string{"spk_0 0:00:01.250-0:00:02.000 Hi"},
		},
		{
			name: "aws transcribe, punctuation before the first word",
			in: `{"results": {"speaker_labels": {"segments": [{"speaker_label": "spk_0", "start_time": "0.5", "end_time": "1", "items": [{"start_time": "0.5"}]}]},
  "items": [{"alternatives": [{"content": "¿"}], "type": "punctuation"}, {"start_time": "0.5", "end_time": "1", "alternatives": [{"content": "Sí"}], "type": "pronunciation"}, {"alternatives": [{"content": "?"}], "type": "punctuation"}]}}`,
			want: []string{"spk_0 0:00:00.500-0:00:01.000 ¿Sí?"},
		},
		{
			name: "aws transcribe, words outside every segment",
			in: `{"results": {"speaker_labels": {"segments": [{"speaker_label": "spk_0", "start_time": "0.5", "end_time": "1", "items": [{"start_time": "0.5"}]}]},
  "items": [
    {"start_time": "0.5", "end_time": "1", "alternatives": [{"content": "Hi"}], "type": "pronunciation"},
    {"start_time": "1.5", "end_time": "2", "alternatives": [{"content": "there"}], "type": "pronunciation"}]}}`,
			wantErr: `listenscore: call.json:4:5: schema error: 1 words of "results.items", from "there" on, are in no speaker segment`,
		},
		{
			name: "aws transcribe, channel identification",
			in: `{"results": {"channel_labels": {"number_of_channels": 2, "channels": [
  {"channel_label": "ch_0", "items": [
    {"start_time": "0.5", "end_time": "0.9", "alternatives": [{"content": "Hello"}], "type": "pronunciation"},
    {"alternatives": [{"content": "."}], "type": "punctuation"},
    {"start_time": "3.0", "end_time": "3.4", "alternatives": [{"content": "Sure"}], "type": "pronunciation"}]},
  {"channel_label": "ch_1", "items": [
    {"start_time": "1.2", "end_time": "1.5", "alternatives": [{"content": "Hi"}], "type": "pronunciation"},
    {"start_time": "1.5", "end_time": "2.1", "alternatives": [{"content": "there"}], "type": "pronunciation"}]}]}}}`,
			want: []string{"ch_0 0:00:00.500-0:00:00.900 Hello.", "ch_1 0:00:01.200-0:00:02.100 Hi there", "ch_0 0:00:03.000-0:00:03.400 Sure"},
		},
		{
			name:    "aws transcribe without diarization",
			in:      `{"results": {"transcripts": [{"transcript": "Hi."}], "items": []}}`,
			wantErr: `listenscore: call.json: no speaker label: AWS Transcribe results carry no "speaker_labels"; start the job with ShowSpeakerLabels (or ChannelIdentification for a call recorded in stereo)`,
			wantIs:  ErrNoSpeaker,
		},
		{
			name: "contact lens, participants sharing a role",
			in: `{"Participants": [{"ParticipantId": "AGENT", "ParticipantRole": "AGENT"}, {"ParticipantId": "AGENT_2", "ParticipantRole": "AGENT"}, {"ParticipantId": "CUSTOMER", "ParticipantRole": "CUSTOMER"}],
 "Transcript": [
  {"ParticipantId": "AGENT", "Content": "Let me bring in my supervisor.", "BeginOffsetMillis": 0, "EndOffsetMillis": 2000},
  {"ParticipantId": "AGENT_2", "Content": "Hi, I'm Robin.", "BeginOffsetMillis": 2500, "EndOffsetMillis": 3500},
  {"ParticipantId": "CUSTOMER", "Content": "Hi Robin.", "BeginOffsetMillis": 4000, "EndOffsetMillis": 4800},
  {"ParticipantId": "SYSTEM", "Content": "Recording paused.", "BeginOffsetMillis": 5000, "EndOffsetMillis": 5500}]}`,
			want: []string{"AGENT 0:00:00.000-0:00:02.000 Let me bring in my supervisor.", "AGENT_2 0:00:02.500-0:00:03.500 Hi, I'm Robin.",
				"CUSTOMER 0:00:04.000-0:00:04.800 Hi Robin.", "SYSTEM 0:00:05.000-0:00:05.500 Recording paused."},
			speakers: []string{"AGENT agent source: stated by the transcript", "AGENT_2 agent source: stated by the transcript",
				"CUSTOMER customer source: stated by the transcript", "SYSTEM customer source: other speakers (AGENT, AGENT_2) are agents"},
		},
		{
			name: "deepgram, multichannel with diarization",
			in: `{"results": {"utterances": [
  {"start": 0.25, "end": 1.0, "transcript": "Hello.", "speaker": 0, "channel": 0},
  {"start": 1.5, "end": 2.0, "transcript": "Hi.", "speaker": 0, "channel": 1}]}}`,
			want: []string{"Channel 0 Speaker 0 0:00:00.250-0:00:01.000 Hello.", "Channel 1 Speaker 0 0:00:01.500-0:00:02.000 Hi."},
		},
		{
			name:    "deepgram without diarization",
			in:      `{"results": {"utterances": [{"start": 0.25, "end": 1.0, "transcript": "Hello.", "channel": 0}]}}`,
			wantErr: `listenscore: call.json: no speaker label: Deepgram utterances carry no "speaker"; request the transcript with diarize=true (or multichannel=true for a call recorded in stereo)`,
			wantIs:  ErrNoSpeaker,
		},
		{
			name:    "deepgram speaker not an integer",
			in:      `{"results": {"utterances": [{"start": 0.25, "end": 1.0, "transcript": "Hello.", "channel": 0, "speaker": "A"}]}}`,
			wantErr: `listenscore: call.json:1:106: schema error: "speaker" is "A", want an integer`,
		},
		{
			name:    "assemblyai status not completed",
			in:      `{"id": "x", "status": "error", "error": "Download error", "utterances": null}`,
			wantErr: `listenscore: call.json:1:23: no turns in transcript: AssemblyAI transcript status is "error", not "completed"`,
			wantIs:  ErrEmpty,
		},
		{
			name:    "assemblyai speaker of the wrong kind",
			in:      `{"utterances": [{"speaker": 1, "text": "Hi.", "start": 0, "end": 500}]}`,
			wantErr: `listenscore: call.json:1:29: schema error: "speaker" is a number, want a string`,
		},
		{
			name:    "canonical null text",
			in:      "{\"turns\": [\n  {\"speaker\": \"Agent\", \"text\": null}\n]}",
			wantErr: `listenscore: call.json:2:3: schema error: turn has no "text"`,
		},
		{
			name:    "deepgram null transcript",
			in:      `{"results": {"utterances": [{"start": 0.25, "end": 1.0, "transcript": null, "channel": 0, "speaker": 0}]}}`,
			wantErr: `listenscore: call.json:1:29: schema error: utterance has no "transcript"`,
		},
		{
			name: "empty text is kept",
			in:   `{"utterances": [{"speaker": "A", "text": "", "start": 0, "end": 500}, {"speaker": "B", "text": "Hello?", "start": 600, "end": 900}]}`,
			want: []string{"A 0:00:00.000-0:00:00.500 ", "B 0:00:00.600-0:00:00.900 Hello?"},
		},
		{
			name:    "whisperx segment without speaker",
			in:      `{"segments": [{"speaker": "SPEAKER_00", "text": "Hi.", "start": 0, "end": 1}, {"text": "Hello.", "start": 1.2, "end": 2}]}`,
			wantErr: `listenscore: call.json:1:79: no speaker label: segment has no "speaker"`,
			wantIs:  ErrNoSpeaker,
		},
		{
			name:    "plain whisper",
			in:      `{"text": " Hi. Hello.", "segments": [{"id": 0, "seek": 0, "start": 0.0, "end": 1.0, "text": " Hi."}], "language": "en"}`,
			wantErr: `listenscore: call.json: no speaker label: Whisper segments carry no speaker; run diarization (WhisperX) or pass a diarized transcript`,
			wantIs:  ErrNoSpeaker,
		},
		{
			name: "times: exponents, fractions beyond nanoseconds, null",
			in: `{"segments": [
  {"speaker": "S", "text": "a", "start": 1e-05, "end": 2.5E+1},
  {"speaker": "S", "text": "b", "start": 25.0000000004, "end": 25.0000000005},
  {"speaker": "S", "text": "c", "start": null}]}`,
			want: []string{"S 0:00:00.000-0:00:25.000 a", "S 0:00:25.000-0:00:25.000 b", "S --- c"},
		},
		{
			name:    "negative time",
			in:      `{"segments": [{"speaker": "S", "text": "a", "start": -0.5, "end": 1}]}`,
			wantErr: `listenscore: call.json:1:54: invalid timestamp: "start" is -0.5: negative`,
			wantIs:  ErrTimestamp,
		},
		{
			name:    "time beyond any call",
			in:      `{"segments": [{"speaker": "S", "text": "a", "start": 1e300, "end": 1}]}`,
			wantErr: `listenscore: call.json:1:54: invalid timestamp: "start" is 1e300: more than 1000000 hours`,
			wantIs:  ErrTimestamp,
		},
		{
			name:    "time too large",
			in:      `{"segments": [{"speaker": "S", "text": "a", "start": 4000000000, "end": 1}]}`,
			wantErr: `listenscore: call.json:1:54: invalid timestamp: "start" is 4000000000: more than 1000000 hours`,
			wantIs:  ErrTimestamp,
		},
		{
			name:    "time of the wrong kind",
			in:      `{"segments": [{"speaker": "S", "text": "a", "start": true}]}`,
			wantErr: `listenscore: call.json:1:54: invalid timestamp: "start" is a boolean, want a number`,
			wantIs:  ErrTimestamp,
		},
		{
			name:    "syntax error positioned after CRLF lines",
			in:      "{\r\n  \"turns\": [\r\n    {\"speaker\": \"A\", \"text\": \"hi\",}\r\n  ]\r\n}",
			wantErr: `listenscore: call.json:3:35: syntax error: invalid character '}' looking for beginning of object key string`,
			wantIs:  ErrSyntax,
		},
		{
			name:    "truncated",
			in:      "{\"turns\": [\n  {\"speaker\": \"A\", \"te",
			wantErr: `listenscore: call.json:2:22: syntax error: unexpected end of JSON input`,
			wantIs:  ErrSyntax,
		},
		{
			name:    "trailing data",
			in:      `{"turns": []} {"turns": []}`,
			wantErr: `listenscore: call.json:1:15: syntax error: invalid character '{' after top-level value`,
		},
		{
			name:    "canonical format of another program",
			in:      `{"format": "otter", "turns": []}`,
			wantErr: `listenscore: call.json:1:12: unrecognized transcript format: "format" is "otter", not "listenscore"`,
			wantIs:  ErrUnknownFormat,
		},
		{
			name: "canonical speakers: stated roles and provenance",
			in: `{"speakers": [{"label": "Rep", "role": "agent", "role_source": "content", "role_reason": "said \"how can i help\" in turn 0"},
  {"label": "Bob", "role": "unknown"}],
 "turns": [{"speaker": "Bob", "text": "Hi."}, {"speaker": "Rep", "text": "Hello."}]}`,
			want:     []string{"Bob --- Hi.", "Rep --- Hello."},
			speakers: []string{"Bob customer content: another speaker (Rep) is the agent", `Rep agent content: said "how can i help" in turn 0`},
		},
		{
			name:     "canonical turn roles state the role",
			in:       `{"turns": [{"speaker": "Bob", "role": "customer", "text": "Hi."}, {"speaker": "Ann", "text": "Hello."}, {"speaker": "Bob", "role": "customer", "text": "Bye."}]}`,
			want:     []string{"Bob --- Hi.", "Ann --- Hello.", "Bob --- Bye."},
			speakers: []string{"Bob customer source: stated by the transcript", "Ann agent order: first undecided speaker"},
		},
		{
			name:    "canonical speaker listed twice",
			in:      `{"speakers": [{"label": "A", "role": "agent"}, {"label": "A", "role": "customer"}], "turns": [{"speaker": "A", "text": "Hi."}]}`,
			wantErr: `listenscore: call.json:1:48: schema error: speaker "A" is listed twice`,
		},
		{
			name:    "canonical role misspelt",
			in:      `{"turns": [{"speaker": "A", "role": "agnet", "text": "Hi."}]}`,
			wantErr: `listenscore: call.json:1:37: schema error: "role" is "agnet", want agent, customer or unknown`,
		},
		{
			name:    "canonical role source unknown",
			in:      `{"speakers": [{"label": "A", "role": "agent", "role_source": "guess"}], "turns": [{"speaker": "A", "text": "Hi."}]}`,
			wantErr: `listenscore: call.json:1:62: schema error: "role_source" is "guess", want source, mapping, label, content or order`,
		},
		{
			name:    "canonical unknown top-level key",
			in:      `{"turns": [{"speaker": "A", "text": "Hi."}], "speaker": []}`,
			wantErr: `listenscore: call.json:1:57: schema error: the document has unknown key "speaker"`,
			wantIs:  ErrSchema,
		},
		{
			name: "escaped keys",
			in:   `{"\u0073egments": [{"sp\u0065aker": "SPEAKER_00", "text": "Hi.", "start": 0, "end": 1}]}`,
			want: []string{"SPEAKER_00 0:00:00.000-0:00:01.000 Hi."},
		},
		{
			name:    "canonical key given twice",
			in:      `{"turns": [{"speaker": "A", "text": "Hi.", "text": "Hello."}]}`,
			wantErr: `listenscore: call.json:1:52: schema error: turn has "text" twice`,
		},
		{
			name: "canonical unknown keys, lenient",
			in: `{"format": "listenscore", "notes": "x", "speakers": [{"label": "A", "colour": "red"}],
 "turns": [{"speaker": "A", "text": "Hi."}, {"speaker": "B", "text": "Hello."}], "tags": []}`,
			lenient: true,
			want:    []string{"A --- Hi.", "B --- Hello."},
			warnings: []string{
				`listenscore: call.json:1:36: schema error: the document has unknown key "notes"`,
				`listenscore: call.json:2:90: schema error: the document has unknown key "tags"`,
				`listenscore: call.json:1:79: schema error: speaker has unknown key "colour"`,
			},
		},
		{
			name:    "canonical turns not an array",
			in:      `{"turns": {"speaker": "A", "text": "Hi."}}`,
			wantErr: `listenscore: call.json:1:11: schema error: "turns" is an object, want an array`,
		},
		{
			name:    "canonical turn not an object",
			in:      `{"turns": ["A: Hi."]}`,
			wantErr: `listenscore: call.json:1:12: schema error: turn is a string, want an object`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := Read("call.json", strings.NewReader(tt.in), ReadOptions{Lenient: tt.lenient})
			if tt.wantErr != "" || tt.wantIs != nil {
				require.Error(t, err)
				var pe *ParseError
				assert.ErrorAs(t, err, &pe)
				if tt.wantErr != "" {
					assert.Equal(t, tt.wantErr, err.Error())
				}
				if tt.wantIs != nil {
					assert.ErrorIs(t, err, tt.wantIs)
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, summarizeTurns(tr))
			if tt.speakers != nil {
				var got []string
				for _, sp := range tr.Speakers {
					got = append(got, fmt.Sprintf("%s %s %s: %s", sp.Label, sp.Role, sp.RoleSource, sp.RoleReason))
				}
				assert.Equal(t, tt.speakers, got)
			}
			var warnings []string
			for _, w := range tr.Warnings {
				warnings = append(warnings, w.Error())
			}
			assert.Equal(t, tt.warnings, warnings)
		})
	}
}

func TestReadJSONPositions(t *testing.T) {
	in := "{\r\n  \"turns\": [\r\n    {\"speaker\": \"A\", \"text\": \"one\"},\r\n\r\n      {\"speaker\": \"B\", \"text\": \"two\"},\r{\"speaker\": \"A\", \"text\": \"three\"}\n]}"
	tr, err := Read("call.json", strings.NewReader(in), ReadOptions{})
	require.NoError(t, err)
	var got []string
	for _, tu := range tr.Turns {
		got = append(got, fmt.Sprintf("%d:%d", tu.Line, tu.Column))
	}
	assert.Equal(t, []string{"3:5", "5:7", "6:1"}, got, "CRLF, blank lines and a lone CR")
}

func TestParseJSONTime(t *testing.T) {
	tests := []struct {
		in      string
		unit    jsonUnit
		want    time.Duration
		problem string
	}{
		{"0", jsonSeconds, 0, ""},
		{"4.87", jsonSeconds, 4870 * time.Millisecond, ""},
		{"0.41915998", jsonSeconds, 419159980 * time.Nanosecond, ""},
		{"5.430120000000001", jsonSeconds, 5430120000 * time.Nanosecond, ""},
		{"0.0000000005", jsonSeconds, 1, ""},
		{"0.0000000004", jsonSeconds, 0, ""},
		{"1e-05", jsonSeconds, 10 * time.Microsecond, ""},
		{"1.5E3", jsonSeconds, 1500 * time.Second, ""},
		{"1e-9999", jsonSeconds, 0, ""},
		{"007", jsonSeconds, 7 * time.Second, ""},
		{"3601250", jsonMillis, 3601250 * time.Millisecond, ""},
		{"12.5", jsonMillis, 12500 * time.Microsecond, ""},
		{"3600000000", jsonSeconds, maxJSONTime, ""},
		{"3600000000.000000001", jsonSeconds, 0, "more than 1000000 hours"},
		{"99999999999999999999", jsonSeconds, 0, "more than 1000000 hours"},
		{"1e20", jsonSeconds, 0, "more than 1000000 hours"},
		{"1e10000", jsonSeconds, 0, "exponent out of range"},
		{"-1", jsonSeconds, 0, "negative"},
		{"", jsonSeconds, 0, "not a number"},
		{".5", jsonSeconds, 0, "not a number"},
		{"5.", jsonSeconds, 0, "not a number"},
		{"5e", jsonSeconds, 0, "not a number"},
		{"4.87s", jsonSeconds, 0, "not a number"},
		{"1,5", jsonSeconds, 0, "not a number"},
		{strings.Repeat("1", 31), jsonSeconds, 0, "too many digits"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, problem := parseJSONTime([]byte(tt.in), tt.unit)
			assert.Equal(t, tt.problem, problem)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestAppendSeconds(t *testing.T) {
	for _, d := range []time.Duration{0, 1, 999, time.Millisecond, 4870 * time.Millisecond,
		419159980, time.Hour + 2*time.Second + 5, maxJSONTime} {
		s := string(appendSeconds(nil, d))
		got, problem := parseJSONTime([]byte(s), jsonSeconds)
		assert.Empty(t, problem, s)
		assert.Equal(t, d, got, s)
	}
	assert.Equal(t, "4.87", string(appendSeconds(nil, 4870*time.Millisecond)))
	assert.Equal(t, "12", string(appendSeconds(nil, 12*time.Second)))
	assert.Equal(t, "-1.5", string(appendSeconds(nil, -1500*time.Millisecond)))
	assert.Equal(t, "-9223372036.854775808", string(appendSeconds(nil, -1<<63)))
}

// TestReadSharedContactLens reads the real Contact Lens outputs under
// ../shared/data/formats (skipped when absent) and checks them against a
// plain decoding of the same files.
func TestReadSharedContactLens(t *testing.T) {
	dir := dataDir(t, "formats")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			var plain struct {
				Participants []struct{ ParticipantId, ParticipantRole string }
				Transcript   []struct {
					ParticipantId                      string
					Content                            string
					BeginOffsetMillis, EndOffsetMillis int64
				}
			}
			require.NoError(t, json.Unmarshal(data, &plain))
			require.NotEmpty(t, plain.Transcript)

			tr, err := ReadFile(path, ReadOptions{})
			require.NoError(t, err)
			assert.Equal(t, FormatContactLens, tr.Format)
			require.Len(t, tr.Turns, len(plain.Transcript))
			first := plain.Transcript[0]
			assert.Equal(t, first.Content, tr.Turns[0].Text)
			assert.Equal(t, first.ParticipantId, tr.Turns[0].Speaker)
			assert.Equal(t, time.Duration(first.BeginOffsetMillis)*time.Millisecond, tr.Turns[0].Start)
			assert.Equal(t, time.Duration(first.EndOffsetMillis)*time.Millisecond, tr.Turns[0].End)
			roles := map[string]Role{}
			for _, sp := range tr.Speakers {
				roles[sp.Label] = sp.Role
				assert.Equal(t, RoleFromSource, sp.RoleSource, sp.Label)
			}
			assert.Equal(t, map[string]Role{"AGENT": RoleAgent, "CUSTOMER": RoleCustomer}, roles)
			for i, tu := range tr.Turns {
				assert.Equal(t, plain.Transcript[i].ParticipantId, tu.Speaker, "turn %d", i)
				assert.Equal(t, roles[tu.Speaker], tu.Role, "turn %d", i)
			}
		})
	}
}

func TestReadJSONLenientKeepsGoing(t *testing.T) {
	in := `{"utterances": [
  {"speaker": "A", "text": "Thanks for calling.", "start": 0, "end": 1000},
  {"speaker": "B", "text": "Hi.", "start": "soon", "end": 1500},
  {"speaker": "B", "start": 1600, "end": 1700},
  7,
  {"speaker": "B", "text": "My order is late.", "start": 1800, "end": 2500}]}`
	tr, err := Read("call.json", strings.NewReader(in), ReadOptions{Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"A 0:00:00.000-0:00:01.000 Thanks for calling.", "B 0:00:01.800-0:00:02.500 My order is late."}, summarizeTurns(tr))
	var warnings []string
	for _, w := range tr.Warnings {
		var pe *ParseError
		require.True(t, errors.As(w, &pe))
		warnings = append(warnings, w.Error())
	}
	assert.Equal(t, []string{
		`listenscore: call.json:3:44: invalid timestamp: "start" is "soon": not a number`,
		`listenscore: call.json:4:3: schema error: utterance has no "text"`,
		`listenscore: call.json:5:3: schema error: utterance is a number, want an object`,
	}, warnings)

	_, err = Read("call.json", strings.NewReader(in), ReadOptions{})
	assert.EqualError(t, err, `listenscore: call.json:3:44: invalid timestamp: "start" is "soon": not a number`)
}

func TestReadJSONTurnLimit(t *testing.T) {
	in := `{"segments": [{"speaker": "S", "text": "a"}, {"speaker": "S", "text": "b"}, {"speaker": "S", "text": "c"}]}`
	_, err := Read("call.json", strings.NewReader(in), ReadOptions{MaxTurns: 2, Lenient: true})
	assert.EqualError(t, err, `listenscore: call.json:1:77: more turns than the turn limit: more than 2`)
	assert.ErrorIs(t, err, ErrTooManyTurns)
}

func TestReadJSONForcedFormat(t *testing.T) {
	tests := []struct {
		format  Format
		in      string
		wantErr string
	}{
		{FormatAWSTranscribe, `{"segments": []}`, `listenscore: call.json: no turns in transcript: AWS Transcribe JSON has no "results"`},
		{FormatDeepgram, `{"segments": []}`, `listenscore: call.json: no speaker label: Deepgram results carry no "utterances"; request the transcript with utterances=true and diarize=true`},
		{FormatAssemblyAI, `{"segments": []}`, `listenscore: call.json: no speaker label: AssemblyAI transcript has no "utterances"; request it with speaker_labels: true`},
		{FormatWhisperX, `{"utterances": []}`, `listenscore: call.json: no turns in transcript: WhisperX JSON has no "segments"`},
		{FormatAWSCallAnalytic, `{"segments": []}`, `listenscore: call.json: no turns in transcript`},
		{FormatJSON, `"just a string"`, `listenscore: call.json: unrecognized transcript format: the JSON is a string, not an object of a format listenscore reads: ` + jsonFormatKeys},
		{FormatDeepgram, `{"results": []}`, `listenscore: call.json:1:13: schema error: "results" is an array, want an object`},
		{FormatWhisperX, ``, `listenscore: call.json:1:1: syntax error: unexpected end of JSON input`},
	}
	for _, tt := range tests {
		t.Run(string(tt.format)+" "+tt.in, func(t *testing.T) {
			_, err := Read("call.json", strings.NewReader(tt.in), ReadOptions{Format: tt.format})
			assert.EqualError(t, err, tt.wantErr)
		})
	}
}
