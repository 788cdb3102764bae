package main

import (
	"errors"
	"fmt"
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

// An input is one file to score, or a problem found while listing the
// inputs (a broken link, a link loop, a directory without transcripts),
// which becomes an error record for path.
type input struct {
	path string
	err  error
}

// Problems found while listing the inputs.
var (
	errNoTranscripts = errors.New("no transcripts found here (hidden files, recordings, images, documents and spreadsheets are skipped)")
	errNoMatch       = errors.New("no transcript matches this pattern")
)

// walkInputs calls yield for each input file in order: a file as given, a
// directory's files recursively in lexical order (hidden ones and those
// with a notTranscript extension skipped), a glob pattern's matches in
// lexical order (skipped likewise, unless the pattern names the
// extension), and "-" for standard input. Symbolic links in directories
// are followed, to files and to directories; a broken link, and a link to
// a directory already being read (a loop), are yielded with the problem.
// A missing path is yielded as is, and a directory or pattern that gives
// no transcript with errNoTranscripts or errNoMatch, so that each becomes
// an error record. A file in exclude (the report being written, the
// labels files; by os.SameFile) is never yielded from a directory or a
// glob. It stops early, returning false, when yield returns false.
func walkInputs(args []string, exclude []os.FileInfo, yield func(input) bool) bool {
	w := &walker{exclude: exclude, yield: yield}
	for _, arg := range args {
		if arg == stdinName {
			if !yield(input{path: arg}) {
				return false
			}
			continue
		}
		if info, err := os.Stat(arg); err == nil && info.IsDir() {
			n := w.yielded
			if !w.dir(arg, info) {
				return false
			}
			if w.yielded == n && !yield(input{path: arg, err: errNoTranscripts}) {
				return false
			}
			continue
		}
		if strings.ContainsAny(arg, "*?[") {
			matches, err := filepath.Glob(arg)
			if err == nil && len(matches) > 0 {
				sort.Strings(matches)
				n := w.yielded
				for _, m := range matches {
					// Like a shell, "*" does not match hidden names; like a
					// directory, it skips recordings and documents, unless
					// the pattern names their extension ("*.csv").
					hidden := strings.HasPrefix(filepath.Base(m), ".") && !strings.HasPrefix(filepath.Base(arg), ".")
					ext := strings.ToLower(filepath.Ext(m))
					if hidden || notTranscript[ext] && ext != strings.ToLower(filepath.Ext(arg)) {
						continue
					}
					info, err := os.Stat(m)
					switch {
					case err == nil && info.IsDir():
						if !w.dir(m, info) {
							return false
						}
					case err == nil && w.excluded(info):
					case !w.emit(input{path: m, err: linkError(m, err)}):
						return false
					}
				}
				if w.yielded == n && !yield(input{path: arg, err: errNoMatch}) {
					return false
				}
				continue
			}
			if err == nil {
				if !yield(input{path: arg, err: errNoMatch}) {
					return false
				}
				continue
			}
		}
		if !yield(input{path: arg}) {
			return false
		}
	}
	return true
}

// A walker lists the files of directories, following symbolic links.
type walker struct {
	exclude []os.FileInfo
	yield   func(input) bool
	// reading holds the directories being read, outermost first: a link
	// back to one of them is a loop.
	reading []dirEntry
	yielded int // inputs yielded, to tell a directory that gave none
}

type dirEntry struct {
	path string
	info os.FileInfo
}

func (w *walker) emit(in input) bool {
	w.yielded++
	return w.yield(in)
}

func (w *walker) excluded(fi os.FileInfo) bool {
	for _, x := range w.exclude {
		if os.SameFile(fi, x) {
			return true
		}
	}
	return false
}

// dir yields the files of the directory at path, whose info (followed
// through links) is info, recursively and in lexical order.
func (w *walker) dir(path string, info os.FileInfo) bool {
	for _, d := range w.reading {
		if os.SameFile(d.info, info) {
			return w.emit(input{path: path, err: fmt.Errorf("symbolic link loop: leads back to %s, which is being read; not followed", d.path)})
		}
	}
	w.reading = append(w.reading, dirEntry{path, info})
	defer func() { w.reading = w.reading[:len(w.reading)-1] }()
	entries, err := os.ReadDir(path)
	if err != nil {
		return w.emit(input{path: path, err: err}) // an unreadable directory becomes an error record
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(path, name)
		typ := e.Type()
		if typ&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			if err != nil {
				if !w.emit(input{path: p, err: linkError(p, err)}) {
					return false
				}
				continue
			}
			if fi.IsDir() {
				if !w.dir(p, fi) {
					return false
				}
				continue
			}
			typ = fi.Mode().Type()
		}
		switch {
		case typ.IsDir():
			fi, err := e.Info()
			if err != nil {
				if !w.emit(input{path: p, err: err}) {
					return false
				}
				continue
			}
			if !w.dir(p, fi) {
				return false
			}
		case !typ.IsRegular() || notTranscript[strings.ToLower(filepath.Ext(name))]:
		default:
			if fi, err := os.Stat(p); err == nil && w.excluded(fi) {
				continue
			}
			if !w.emit(input{path: p}) {
				return false
			}
		}
	}
	return true
}

// linkError says that the symbolic link at path leads nowhere, or returns
// err when path is not a link.
func linkError(path string, err error) error {
	if err == nil {
		return nil
	}
	if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(path)
		return fmt.Errorf("broken symbolic link to %s", target)
	}
	return err
}
