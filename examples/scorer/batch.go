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

// walkInputs calls yield for each input file in order: a file as given, a
// directory's regular files recursively in lexical order (hidden ones
// skipped), a glob pattern's matches in lexical order, and "-" for standard
// input. A pattern with no match or a missing path is yielded as is, so that
// it becomes an error record. It stops early, returning false, when yield
// returns false.
func walkInputs(args []string, yield func(string) bool) bool {
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
				if d.Type().IsRegular() && !yield(path) {
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
			if !strings.HasPrefix(filepath.Base(arg), ".") {
				// Like a shell, "*" does not match hidden names.
				kept := matches[:0]
				for _, m := range matches {
					if !strings.HasPrefix(filepath.Base(m), ".") {
						kept = append(kept, m)
					}
				}
				matches = kept
			}
			if err == nil && len(matches) > 0 {
				sort.Strings(matches)
				if !walkInputs(matches, yield) {
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
