package listenscore

import (
	"bytes"
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

// roundTripView returns what canonical JSON must keep of a transcript: the
// speakers, and each turn without its position (which refers to the file
// it was read from).
func roundTripView(t *Transcript) ([]Speaker, []Turn) {
	turns := make([]Turn, len(t.Turns))
	for i, tu := range t.Turns {
		tu.Line, tu.Column = 0, 0
		turns[i] = tu
	}
	return t.Speakers, turns
}

// TestCanonicalJSONRoundTrip reads every fixture of every format, writes it
// as canonical JSON, reads that back and compares: speakers with their roles
// and how they were decided, and turns with speakers, roles, texts and
// times. Writing the transcript read back gives the same bytes.
func TestCanonicalJSONRoundTrip(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(testdataDir, "formats", "*", "*"))
	require.NoError(t, err)
	tested := map[string]bool{}
	for _, path := range paths {
		name := filepath.Base(path)
		if strings.HasPrefix(name, "bad-") {
			continue
		}
		format := filepath.Base(filepath.Dir(path))
		t.Run(format+"/"+name, func(t *testing.T) {
			opts := ReadOptions{Lenient: strings.HasPrefix(name, "lenient-")}
			orig, err := ReadFile(path, opts)
			require.NoError(t, err)
			var out bytes.Buffer
			require.NoError(t, WriteJSON(&out, orig))

			back, err := Read("roundtrip.json", bytes.NewReader(out.Bytes()), opts)
			require.NoError(t, err, "reading back:\n%s", out.String())
			assert.Equal(t, FormatJSON, back.Format)
			wantSpeakers, wantTurns := roundTripView(orig)
			gotSpeakers, gotTurns := roundTripView(back)
			assert.Equal(t, wantSpeakers, gotSpeakers)
			assert.Equal(t, wantTurns, gotTurns)

			var again bytes.Buffer
			require.NoError(t, WriteJSON(&again, back))
			assert.Equal(t, out.String(), again.String(), "second generation differs")

			for i, tu := range back.Turns {
				assert.Equal(t, i+7+len(back.Speakers)-boolInt(len(back.Speakers) == 0), tu.Line, "turn %d is on its own line", i)
				assert.Equal(t, 5, tu.Column, "turn %d", i)
			}
			tested[format] = true
		})
	}
	for _, f := range []Format{FormatJSON, FormatAWSCallAnalytic, FormatContactLens, FormatAWSTranscribe, FormatDeepgram, FormatAssemblyAI, FormatWhisperX} {
		assert.True(t, tested[string(f)], "no fixture of %s", f)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestWriteJSON(t *testing.T) {
	tr := &Transcript{
		Speakers: []Speaker{
			{Label: "Ann <Support>", Role: RoleAgent, RoleSource: RoleFromMapping, RoleReason: "given by the caller"},
			{Label: "Bo\tb", Role: RoleCustomer, RoleSource: RoleFromOrder, RoleReason: "another speaker (Ann <Support>) is the agent"},
		},
		Turns: []Turn{
			{Speaker: "Ann <Support>", Role: RoleAgent, Text: `Say "hi" & \ bye`, Start: 1500 * time.Millisecond, End: time.Hour + 419159980, HasStart: true, HasEnd: true},
			{Speaker: "Bo\tb", Role: RoleCustomer, Text: "line\u2028sep \x01 \xff ok", Start: 2 * time.Second, HasStart: true},
			{Speaker: "Bo\tb", Role: RoleCustomer, Text: "no times"},
		},
	}
	var b bytes.Buffer
	require.NoError(t, WriteJSON(&b, tr))
	want := `{
  "format": "listenscore",
  "version": 1,
  "speakers": [
    {"label": "Ann <Support>", "role": "agent", "role_source": "mapping", "role_reason": "given by the caller"},
    {"label": "Bo\tb", "role": "customer", "role_source": "order", "role_reason": "another speaker (Ann <Support>) is the agent"}
  ],
  "turns": [
    {"speaker": "Ann <Support>", "role": "agent", "start": 1.5, "end": 3600.41915998, "text": "Say \"hi\" & \\ bye"},
    {"speaker": "Bo\tb", "role": "customer", "start": 2, "end": null, "text": "line\u2028sep \u0001 \ufffd ok"},
    {"speaker": "Bo\tb", "role": "customer", "start": null, "end": null, "text": "no times"}
  ]
}
`
	assert.Equal(t, want, b.String())

	var empty bytes.Buffer
	require.NoError(t, WriteJSON(&empty, &Transcript{}))
	assert.Equal(t, "{\n  \"format\": \"listenscore\",\n  \"version\": 1,\n  \"speakers\": [],\n  \"turns\": []\n}\n", empty.String())
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteJSONWriterError(t *testing.T) {
	err := WriteJSON(failingWriter{}, &Transcript{})
	assert.EqualError(t, err, "listenscore: write JSON: disk full")
}

func ExampleWriteJSON() {
	vtt := `WEBVTT

00:00:01.000 --> 00:00:03.500
<v Agent>Thanks for calling, how can I help?

00:00:04.000 --> 00:00:06.250
<v Caller>My order hasn't arrived.
`
	tr, err := Read("call.vtt", strings.NewReader(vtt), ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := WriteJSON(os.Stdout, tr); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "format": "listenscore",
	//   "version": 1,
	//   "speakers": [
	//     {"label": "Agent", "role": "agent", "role_source": "label", "role_reason": "label says \"agent\""},
	//     {"label": "Caller", "role": "customer", "role_source": "label", "role_reason": "label says \"caller\""}
	//   ],
	//   "turns": [
	//     {"speaker": "Agent", "role": "agent", "start": 1, "end": 3.5, "text": "Thanks for calling, how can I help?"},
	//     {"speaker": "Caller", "role": "customer", "start": 4, "end": 6.25, "text": "My order hasn't arrived."}
	//   ]
	// }
}
