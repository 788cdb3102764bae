package listenscore

import (
	"errors"
	"fmt"
)

// Reasons a transcript, a labels file or a weights file cannot be read. A
// [*ParseError] wraps one of them, so callers can test with [errors.Is].
var (
	ErrUnknownFormat = errors.New("unrecognized transcript format")
	ErrEmpty         = errors.New("no turns in transcript")
	ErrSyntax        = errors.New("syntax error")
	// ErrSchema is well-formed JSON that does not have the format's
	// shape: an unknown or missing key, a value of the wrong type, a
	// speaker listed twice.
	ErrSchema         = errors.New("schema error")
	ErrTimestamp      = errors.New("invalid timestamp")
	ErrEndBeforeStart = errors.New("end time before start time")
	ErrOutOfOrder     = errors.New("turn starts before the previous turn")
	ErrNoSpeaker      = errors.New("no speaker label")
	ErrMissingHeader  = errors.New("missing WEBVTT header")
	ErrTooLarge       = errors.New("input larger than the size limit")
	ErrTooManyTurns   = errors.New("more turns than the turn limit")
	ErrLineTooLong    = errors.New("line longer than the line limit")
	// ErrRoleConflict is a warning: the source and ReadOptions.Roles
	// disagree on a speaker, or a speaker the roles make a customer talks
	// as an agent does (see Roles in the package documentation).
	ErrRoleConflict = errors.New("role conflict")
	// ErrUnknownTag is a label in a labels file that is not one of [Tags].
	ErrUnknownTag = errors.New("unknown tag")
)

// A ParseError is a problem at a position in a transcript. Line and Column
// are 1-based; Column counts bytes and is 0 when only the line is known, and
// Line is 0 when the problem concerns the whole input.
type ParseError struct {
	File   string
	Line   int
	Column int
	Err    error
}

// Error renders the error as "listenscore: file:line:col: reason".
func (e *ParseError) Error() string {
	file := e.File
	if file == "" {
		file = "<input>"
	}
	switch {
	case e.Line == 0:
		return fmt.Sprintf("listenscore: %s: %v", file, e.Err)
	case e.Column == 0:
		return fmt.Sprintf("listenscore: %s:%d: %v", file, e.Line, e.Err)
	}
	return fmt.Sprintf("listenscore: %s:%d:%d: %v", file, e.Line, e.Column, e.Err)
}

// Unwrap returns the reason.
func (e *ParseError) Unwrap() error { return e.Err }

// detailf wraps a sentinel reason with detail: "invalid timestamp: "00:61"".
func detailf(reason error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", reason, fmt.Sprintf(format, args...))
}
