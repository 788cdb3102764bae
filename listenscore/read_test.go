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
					got = dumpTranscript(tr)
				}
				checkGolden(t, filepath.Join("golden", "formats", string(format), name+".golden"), got)
			})
		}
	}
}
