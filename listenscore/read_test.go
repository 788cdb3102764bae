package listenscore

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGoldenFormats reads every fixture under testdata/formats/<format>/,
// checks that detection picks <format>, and compares the parsed transcript
// (or the error, for files named bad-*) with
// testdata/golden/formats/<format>/<file>.golden. Files named lenient-* are
// read with ReadOptions.Lenient.
func TestGoldenFormats(t *testing.T) {
	dirs, err := os.ReadDir(filepath.Join(testdataDir, "formats"))
	require.NoError(t, err)
	for _, dir := range dirs {
		format := Format(dir.Name())
		files, err := os.ReadDir(filepath.Join(testdataDir, "formats", dir.Name()))
		require.NoError(t, err)
		for _, f := range files {
			name := f.Name()
			t.Run(string(format)+"/"+name, func(t *testing.T) {
				path := filepath.Join(testdataDir, "formats", string(format), name)
				opts := ReadOptions{Lenient: strings.HasPrefix(name, "lenient-")}
				tr, err := ReadFile(path, opts)
				var got string
				if strings.HasPrefix(name, "bad-") {
					require.Error(t, err)
					got = "error: " + strings.ReplaceAll(err.Error(), filepath.ToSlash(path), name) + "\n"
				} else {
					require.NoError(t, err)
					assert.Equal(t, format, tr.Format, "detected format")
					got = strings.ReplaceAll(dumpTranscript(tr), filepath.ToSlash(path), name)
				}
				checkGolden(t, filepath.Join("golden", "formats", string(format), name+".golden"), got)
			})
		}
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             Format
	}{
		{"vtt header", "x.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>hi", FormatWebVTT},
		{"vtt extension without header", "x.vtt", "00:01.000 --> 00:02.000\nA: hi", FormatWebVTT},
		{"srt by content", "x.txt", "1\n00:00:01,000 --> 00:00:02,000\nA: hi\n", FormatSRT},
		{"srt by extension", "x.srt", "A: hi\n", FormatSRT},
		{"json object", "x.txt", `{"format":"listenscore","version":1,"turns":[]}`, FormatJSON},
		{"text with a bracketed range is not json", "x.txt", "[00:00.0 - 00:03.1] Agent: hi\n", FormatText},
		{"text with a bracketed stamp is not json", "x.txt", "[01:02] Agent: hi\n", FormatText},
		{"a .json name that is not json is read as json, to report where it breaks", "x.json", "oops", FormatJSON},
		{"plain text", "x", "Agent: hi\nCustomer: hello\n", FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, detectFormat(tt.file, []byte(tt.data)))
		})
	}
}
