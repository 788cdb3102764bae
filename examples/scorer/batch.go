package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// stdinName is the argument that reads a transcript from standard input.
const stdinName = "-"

// notTranscript lists the extensions a directory walk skips: recordings,
// images, documents and spreadsheets kept beside transcripts. A file named
// on the command line is read whatever its extension.
var notTranscript = map[string]bool{
	".wav": true, ".mp3": true, ".m4a": true, ".ogg": true, ".opus": true, ".flac": true, ".aac": true,
	".wma": true, ".mp4": true, ".mov": true, ".webm": true, ".mkv": true, ".avi": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true,
	".pdf": true, ".doc": true, ".docx": true, ".md": true, ".html": true, ".htm": true,
	".csv": true, ".tsv": true, ".xls": true, ".xlsx": true, ".zip": true, ".gz": true,
	".yaml": true, ".yml": true,
}

// walkInputs calls yield for each input file in order: a file as given, a
// directory's regular files recursively in lexical order (hidden ones and
// those with a notTranscript extension skipped), a glob pattern's matches
// in lexical order (skipped likewise, unless the pattern names the
// extension), and "-" for standard input. A pattern with no match or
// a missing path is yielded as is, so that
// it becomes an error record. A file in exclude (the report being
// written, the labels files; by os.SameFile) is never yielded from a
// directory or a glob. It stops early, returning false, when yield returns
// false.
func walkInputs(args []string, exclude []os.FileInfo, yield func(string) bool) bool {
	excluded := func(info func() (os.FileInfo, error)) bool {
		if len(exclude) == 0 {
			return false
		}
		fi, err := info()
		if err != nil {
			return false
		}
		for _, x := range exclude {
			if os.SameFile(fi, x) {
				return true
			}
		}
		return false
	}
	for _, arg := range args {
		if arg == stdinName {
			if !yield(arg) {
				return false
			}
			continue
		}
		if info, err := os.Stat(arg); err == nil && info.IsDir() {
			stop := false
			_ = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					// An unreadable directory becomes an error record.
					if !yield(path) {
						stop = true
						return filepath.SkipAll
					}
					return nil
				}
				if strings.HasPrefix(d.Name(), ".") && path != arg {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.Type().IsRegular() && !notTranscript[strings.ToLower(filepath.Ext(path))] && !excluded(d.Info) && !yield(path) {
					stop = true
					return filepath.SkipAll
				}
				return nil
			})
			if stop {
				return false
			}
			continue
		}
		if strings.ContainsAny(arg, "*?[") {
			matches, err := filepath.Glob(arg)
			kept := matches[:0]
			for _, m := range matches {
				// Like a shell, "*" does not match hidden names; like a
				// directory, it skips recordings and documents, unless the
				// pattern names their extension ("*.csv").
				hidden := strings.HasPrefix(filepath.Base(m), ".") && !strings.HasPrefix(filepath.Base(arg), ".")
				ext := strings.ToLower(filepath.Ext(m))
				other := notTranscript[ext] && ext != strings.ToLower(filepath.Ext(arg))
				if !hidden && !other && !excluded(func() (os.FileInfo, error) { return os.Stat(m) }) {
					kept = append(kept, m)
				}
			}
			if err == nil && len(kept) > 0 {
				sort.Strings(kept)
				if !walkInputs(kept, exclude, yield) {
					return false
				}
				continue
			}
		}
		if !yield(arg) {
			return false
		}
	}
	return true
}
