package listenscore

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Format names a transcript format.
type Format string

// The formats listenscore reads. See the package documentation for what
// each expects.
const (
	FormatText            Format = "text"              // "Speaker: text" lines
	FormatOtter           Format = "otter"             // Otter.ai text export
	FormatWebVTT          Format = "vtt"               // WebVTT (Teams, Zoom, …)
	FormatSRT             Format = "srt"               // SubRip
	FormatJSON            Format = "json"              // listenscore's canonical JSON
	FormatAWSCallAnalytic Format = "aws-callanalytics" // AWS Transcribe Call Analytics
	FormatContactLens     Format = "contactlens"       // Amazon Connect Contact Lens
	FormatAWSTranscribe   Format = "aws-transcribe"    // AWS Transcribe with speaker_labels
	FormatDeepgram        Format = "deepgram"          // Deepgram with utterances
	FormatAssemblyAI      Format = "assemblyai"        // AssemblyAI utterances
	FormatWhisperX        Format = "whisperx"          // WhisperX segments with speaker
)

// Formats lists every format name in a fixed order.
func Formats() []Format {
	return []Format{FormatText, FormatOtter, FormatWebVTT, FormatSRT, FormatJSON,
		FormatAWSCallAnalytic, FormatContactLens, FormatAWSTranscribe,
		FormatDeepgram, FormatAssemblyAI, FormatWhisperX}
}

// Default limits; see [ReadOptions].
const (
	DefaultMaxBytes     = 64 << 20
	DefaultMaxTurns     = 200_000
	DefaultMaxLineBytes = 1 << 20
)

// ReadOptions configures [Read]. The zero value reads strictly, detects the
// format, and applies the default limits.
type ReadOptions struct {
	// Format forces a format; empty means detect it from the content, with
	// the file name's extension as a hint.
	Format Format
	// Roles maps speaker labels (exact, then case-insensitive) to roles,
	// for speakers whose role the source does not state. Naming an agent
	// of the call makes every other speaker a customer unless the source
	// says otherwise (see Roles in the package documentation).
	Roles map[string]Role
	// Lenient skips bad cues and utterances instead of failing, recording
	// each in Transcript.Warnings. Limits still fail.
	Lenient bool
	// MaxBytes limits the input size. Default DefaultMaxBytes (64 MiB).
	MaxBytes int64
	// MaxTurns limits the number of turns. Default DefaultMaxTurns.
	MaxTurns int
	// MaxLineBytes limits one line of a line-based format (text, Otter,
	// WebVTT, SRT). Default DefaultMaxLineBytes (1 MiB).
	MaxLineBytes int
}

func (o ReadOptions) withDefaults() ReadOptions {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxTurns <= 0 {
		o.MaxTurns = DefaultMaxTurns
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = DefaultMaxLineBytes
	}
	return o
}

// ReadFile reads the transcript in the named file. See [Read].
func ReadFile(path string, opts ReadOptions) (*Transcript, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("listenscore: %w", err)
	}
	defer f.Close()
	return Read(path, f, opts)
}

// Read reads a transcript from r. The name is used in error messages and
// its extension as a format hint. Errors about the input are *[ParseError]
// values that wrap one of the Err… reasons.
func Read(name string, r io.Reader, opts ReadOptions) (*Transcript, error) {
	return ReadContext(context.Background(), name, r, opts)
}

// ReadContext is [Read] that stops when ctx is done: between the reads of
// r and every few hundred turns of parsing, returning an error that wraps
// ctx.Err(). A service passes the request's context, so that a client
// that hangs up or a deadline stops the work.
func ReadContext(ctx context.Context, name string, r io.Reader, opts ReadOptions) (*Transcript, error) {
	for label, role := range opts.Roles {
		if role != RoleUnknown && role != RoleAgent && role != RoleCustomer {
			return nil, fmt.Errorf("listenscore: ReadOptions.Roles maps %q to role %d, which is not a Role", label, int(role))
		}
	}
	opts = opts.withDefaults()
	data, err := readAll(ctx, r, opts.MaxBytes+1)
	if err != nil {
		return nil, fmt.Errorf("listenscore: %s: %w", name, err)
	}
	if int64(len(data)) > opts.MaxBytes {
		return nil, &ParseError{File: name, Err: detailf(ErrTooLarge, "more than %d bytes", opts.MaxBytes)}
	}
	return parse(ctx, name, data, opts)
}

// readAll reads at most limit bytes, sizing the buffer in one step when the
// reader knows its length (a file, a bytes or strings reader). It stops
// between reads when ctx is done.
func readAll(ctx context.Context, r io.Reader, limit int64) ([]byte, error) {
	size := int64(512)
	switch v := r.(type) {
	case interface{ Len() int }:
		size = int64(v.Len()) + 1
	case *os.File:
		if info, err := v.Stat(); err == nil && info.Mode().IsRegular() {
			size = info.Size() + 1
		}
	}
	r = io.LimitReader(r, limit)
	data := make([]byte, 0, min(size, limit))
	for {
		if err := ctx.Err(); err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // let append grow the buffer
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// ctxEvery is how many turns reading and analysis take between two checks
// of their context: a few hundred microseconds of work.
const ctxEvery = 256

// readers maps each format to its reader function.
var readers = map[Format]func(*source) error{
	FormatText:            readText,
	FormatOtter:           readOtter,
	FormatWebVTT:          readVTT,
	FormatSRT:             readSRT,
	FormatJSON:            readCanonicalJSON,
	FormatAWSCallAnalytic: readAWSCallAnalytics,
	FormatContactLens:     readAWSCallAnalytics,
	FormatAWSTranscribe:   readAWSTranscribe,
	FormatDeepgram:        readDeepgram,
	FormatAssemblyAI:      readAssemblyAI,
	FormatWhisperX:        readWhisperX,
}

func parse(ctx context.Context, name string, data []byte, opts ReadOptions) (*Transcript, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if notText(data) {
		return nil, &ParseError{File: name, Err: detailf(ErrUnknownFormat,
			"binary data, not text (a UTF-16 export must be saved as UTF-8)")}
	}
	format := opts.Format
	if format == "" {
		format = detectFormat(name, data)
	}
	read, ok := readers[format]
	if !ok {
		return nil, &ParseError{File: name, Err: detailf(ErrUnknownFormat, "%q", format)}
	}
	s := &source{ctx: ctx, name: name, data: data, opts: opts, t: &Transcript{Name: name, Format: format}}
	if err := read(s); err != nil {
		return nil, err
	}
	if len(s.t.Turns) == 0 {
		return nil, &ParseError{File: name, Err: ErrEmpty}
	}
	assignRoles(s.t, opts.Roles, s.stated)
	return s.t, nil
}

// notText reports data whose first 4 KiB hold a NUL byte, which no text
// transcript has: an image, an archive, a UTF-16 export. (Other invalid
// UTF-8, such as a Latin-1 name, is read as it is.)
func notText(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), 4096)], 0) >= 0
}

// detectFormat sniffs the content; the extension decides only between
// formats the content cannot tell apart.
func detectFormat(name string, data []byte) Format {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case looksLikeJSON(trimmed):
		return sniffJSON(trimmed)
	case bytes.HasPrefix(trimmed, []byte("WEBVTT")):
		return FormatWebVTT
	case looksLikeSRT(trimmed):
		return FormatSRT
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".vtt":
		return FormatWebVTT
	case ".srt":
		return FormatSRT
	case ".json":
		return FormatJSON
	}
	if looksLikeOtter(trimmed) {
		return FormatOtter
	}
	return FormatText
}

// looksLikeJSON reports whether data opens a JSON object, or an array of
// objects or arrays; "[00:01] Agent: …" is a time-stamped text line.
func looksLikeJSON(data []byte) bool {
	if len(data) == 0 {
		return false
	}
	if data[0] == '{' {
		return true
	}
	if data[0] != '[' {
		return false
	}
	rest := bytes.TrimLeft(data[1:], " \t\r\n")
	return len(rest) == 0 || rest[0] == '{' || rest[0] == '[' || rest[0] == ']'
}

// looksLikeSRT reports whether data opens with a cue number line followed by
// a timing line.
func looksLikeSRT(data []byte) bool {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	first = bytes.TrimSpace(first)
	if len(first) == 0 {
		return false
	}
	for _, c := range first {
		if c < '0' || c > '9' {
			return false
		}
	}
	second, _, _ := bytes.Cut(rest, []byte("\n"))
	return bytes.Contains(second, []byte("-->"))
}

// source is the state of one read: the input, the options and the
// transcript being built. Format readers append turns with add and report
// problems with fail.
type source struct {
	ctx  context.Context // checked every ctxEvery turns
	name string
	data []byte
	opts ReadOptions
	t    *Transcript
	// stated records roles the source states, by speaker label.
	stated map[string]Speaker
}

// errAt returns a positioned error.
func (s *source) errAt(line, col int, err error) *ParseError {
	return &ParseError{File: s.name, Line: line, Column: col, Err: err}
}

// fail reports a problem with one cue or utterance. In strict mode it
// returns the error, which the reader returns; in lenient mode it records a
// warning and returns nil, and the reader skips the item.
func (s *source) fail(line, col int, err error) error {
	pe := s.errAt(line, col, err)
	if s.opts.Lenient {
		s.t.Warnings = append(s.t.Warnings, pe)
		return nil
	}
	return pe
}

// stateRole records a role the source states for a speaker label.
func (s *source) stateRole(label string, role Role) {
	s.stateSpeaker(Speaker{Label: label, Role: role})
}

// stateSpeaker records a speaker's role as the source states it, with how
// it was decided when the source says so (the canonical JSON keeps the
// RoleSource and RoleReason of the transcript it was written from).
func (s *source) stateSpeaker(sp Speaker) {
	if s.stated == nil {
		s.stated = make(map[string]Speaker)
	}
	s.stated[sp.Label] = sp
}

// add appends a turn after checking its times and the turn limit. Text is
// trimmed. A turn whose end precedes its start is a failure (skipped when
// lenient). A turn that starts before the previous timed turn is kept, in
// source order, with an ErrOutOfOrder warning in both modes: real
// transcripts step back a second or two (time stamps rounded to the second,
// overlapping speech), and that is data, not a broken file. Exceeding the
// turn limit always fails.
func (s *source) add(tu Turn) error {
	if len(s.t.Turns) >= s.opts.MaxTurns {
		return s.errAt(tu.Line, tu.Column, detailf(ErrTooManyTurns, "more than %d", s.opts.MaxTurns))
	}
	if len(s.t.Turns)%ctxEvery == ctxEvery-1 {
		if err := s.ctx.Err(); err != nil {
			return fmt.Errorf("listenscore: %s: %w", s.name, err)
		}
	}
	tu.Text = strings.TrimSpace(tu.Text)
	if tu.HasStart && tu.HasEnd && tu.End < tu.Start {
		return s.fail(tu.Line, tu.Column, detailf(ErrEndBeforeStart, "%s < %s", clock(tu.End), clock(tu.Start)))
	}
	if tu.HasStart {
		for i := len(s.t.Turns) - 1; i >= 0; i-- {
			prev := s.t.Turns[i]
			if !prev.HasStart {
				continue
			}
			if tu.Start < prev.Start {
				err := detailf(ErrOutOfOrder, "%s < %s at line %d", clock(tu.Start), clock(prev.Start), prev.Line)
				s.t.Warnings = append(s.t.Warnings, s.errAt(tu.Line, tu.Column, err))
			}
			break
		}
	}
	s.t.Turns = append(s.t.Turns, tu)
	return nil
}
