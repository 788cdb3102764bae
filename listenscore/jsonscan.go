package listenscore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// The JSON readers check a document's syntax once with encoding/json, then
// walk the valid document with the small scanner in this file. The scanner
// skips what a reader does not need without decoding it, and gives every
// value's byte offset, from which errors and Turn.Line/Column take their
// positions. The scanner never panics, also on invalid input, which lets
// sniffJSON use it before the syntax is checked.

// errJSONMalformed reports structure the scanner cannot walk. After the
// syntax check it cannot happen; sniffJSON ignores it.
var errJSONMalformed = errors.New("malformed JSON")

// errJSONStop stops a walk early; the caller that returns it checks for it.
var errJSONStop = errors.New("stop")

// jsonDoc is a syntactically valid JSON document being read into a source.
type jsonDoc struct {
	s *source
	jsonScanner
	// off, line and lineStart cache the line of offset off, so that
	// positions asked for in increasing order cost one pass in total.
	off, line, lineStart int
	hasCR                bool // the data has a '\r'
}

// openJSON checks the syntax of s.data and returns the document and the
// offset of its top-level value, or a syntax error at its line and column.
func openJSON(s *source) (*jsonDoc, int, error) {
	d := &jsonDoc{s: s, jsonScanner: newJSONScanner(s.data), line: 1,
		hasCR: bytes.IndexByte(s.data, '\r') >= 0}
	if json.Valid(s.data) {
		return d, jsonSkipSpace(s.data, 0), nil
	}
	// Unmarshal checks the syntax before it decodes anything, and says
	// where it is wrong.
	if err := json.Unmarshal(s.data, new(struct{})); err != nil {
		var se *json.SyntaxError
		if !errors.As(err, &se) {
			return nil, 0, d.errAt(0, detailf(ErrSyntax, "%v", err))
		}
		// Offset counts the bytes read, the offending one included.
		return nil, 0, d.errAt(int(se.Offset)-1, detailf(ErrSyntax, "%s", se.Error()))
	}
	return nil, 0, d.errAt(0, ErrSyntax) // Valid and Unmarshal disagree: cannot happen
}

// pos returns the 1-based line and byte column of offset off. Line breaks
// are "\n", "\r\n" and a lone "\r", as in line-based formats.
func (d *jsonDoc) pos(off int) (line, col int) {
	off = max(0, min(off, len(d.data)))
	if off < d.off {
		d.off, d.line, d.lineStart = 0, 1, 0
	}
	if !d.hasCR {
		for i := d.off; i < off; {
			nl := bytes.IndexByte(d.data[i:off], '\n')
			if nl < 0 {
				break
			}
			i += nl + 1
			d.line, d.lineStart = d.line+1, i
		}
		d.off = off
		return d.line, off - d.lineStart + 1
	}
	for i := d.off; i < off; i++ {
		switch d.data[i] {
		case '\n':
			d.line, d.lineStart = d.line+1, i+1
		case '\r':
			if i+1 < len(d.data) && d.data[i+1] == '\n' {
				continue
			}
			d.line, d.lineStart = d.line+1, i+1
		}
	}
	d.off = off
	return d.line, off - d.lineStart + 1
}

// errAt returns err positioned at offset off.
func (d *jsonDoc) errAt(off int, err error) *ParseError {
	line, col := d.pos(off)
	return d.s.errAt(line, col, err)
}

// members walks the object at off, which names in messages; see
// jsonScanner.members.
func (d *jsonDoc) members(name string, off int, fn func(key []byte, val int) error) error {
	if d.data[off] != '{' {
		return d.errAt(off, detailf(ErrSchema, "%s is %s, want an object", name, d.kind(off)))
	}
	return d.walkErr(off, d.jsonScanner.members(off, fn))
}

// elements walks the array at off, which names in messages; see
// jsonScanner.elements.
func (d *jsonDoc) elements(name string, off int, fn func(val int) error) error {
	if d.data[off] != '[' {
		return d.errAt(off, detailf(ErrSchema, "%s is %s, want an array", name, d.kind(off)))
	}
	return d.walkErr(off, d.jsonScanner.elements(off, fn))
}

// walkErr turns the scanner's errJSONMalformed, which valid JSON cannot
// cause, into a positioned error; other errors pass unchanged.
func (d *jsonDoc) walkErr(off int, err error) error {
	if errors.Is(err, errJSONMalformed) {
		return d.errAt(off, detailf(ErrSyntax, "%v", err))
	}
	return err
}

// kind names the kind of the value at off for messages.
func (d *jsonDoc) kind(off int) string {
	switch d.data[off] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// isNull reports whether the value at off is null.
func (d *jsonDoc) isNull(off int) bool { return d.data[off] == 'n' }

// literal returns the value at off as it stands in the source, shortened
// for messages.
func (d *jsonDoc) literal(off int) string {
	lit := d.data[off:d.end(off)]
	if len(lit) > 40 {
		return string(lit[:37]) + "..."
	}
	return string(lit)
}

// str returns the string at off, and false when it is null. key names the
// value in messages.
func (d *jsonDoc) str(key string, off int) (string, bool, error) {
	switch d.data[off] {
	case 'n':
		return "", false, nil
	case '"':
		return d.stringAt(off), true, nil
	}
	return "", false, d.errAt(off, detailf(ErrSchema, "%q is %s, want a string", key, d.kind(off)))
}

// stringAt decodes the string at off.
func (d *jsonDoc) stringAt(off int) string {
	end := d.end(off)
	raw := d.data[off+1 : end-1]
	if bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
		return string(raw)
	}
	var s string
	_ = json.Unmarshal(d.data[off:end], &s) // valid JSON: cannot fail
	return s
}

// integer returns the integer at off, and false when it is null.
func (d *jsonDoc) integer(key string, off int) (int, bool, error) {
	if d.isNull(off) {
		return 0, false, nil
	}
	if c := d.data[off]; c == '-' || '0' <= c && c <= '9' {
		if n, err := strconv.Atoi(string(d.data[off:d.end(off)])); err == nil {
			return n, true, nil
		}
	}
	return 0, false, d.errAt(off, detailf(ErrSchema, "%q is %s, want an integer", key, d.literal(off)))
}

// jsonUnit is the unit of a JSON time: the number of nanosecond digits in
// one unit.
type jsonUnit int

const (
	jsonSeconds jsonUnit = 9
	jsonMillis  jsonUnit = 6
)

// duration returns the time at off: a number of units, or a string holding
// one, as AWS writes "4.87". It returns false when the value is null.
func (d *jsonDoc) duration(key string, off int, unit jsonUnit) (time.Duration, bool, error) {
	var num []byte
	switch c := d.data[off]; {
	case c == 'n':
		return 0, false, nil
	case c == '"':
		num = d.data[off+1 : d.end(off)-1]
	case c == '-' || '0' <= c && c <= '9':
		num = d.data[off:d.end(off)]
	default:
		return 0, false, d.errAt(off, detailf(ErrTimestamp, "%q is %s, want a number", key, d.kind(off)))
	}
	v, problem := parseJSONTime(num, unit)
	if problem != "" {
		return 0, false, d.errAt(off, detailf(ErrTimestamp, "%q is %s: %s", key, d.literal(off), problem))
	}
	return v, true, nil
}

// maxJSONTime bounds times, far beyond any call, as parseClock does.
const maxJSONTime = 1_000_000 * time.Hour

// parseJSONTime parses a non-negative decimal number of units ("4.87",
// "12", "1e-05") exactly, rounding to the nearest nanosecond. It returns a
// problem for messages when num is not such a number.
func parseJSONTime(num []byte, unit jsonUnit) (time.Duration, string) {
	i := 0
	if i < len(num) && num[i] == '-' {
		return 0, "negative"
	}
	// Collect the significant digits of integer and fraction in mant.
	var mantBuf [32]byte
	mant := mantBuf[:0]
	intStart := i
	for i < len(num) && '0' <= num[i] && num[i] <= '9' {
		if len(mant) > 0 || num[i] != '0' {
			mant = append(mant, num[i])
		}
		i++
	}
	if i == intStart {
		return 0, "not a number"
	}
	exp := 0
	if i < len(num) && num[i] == '.' {
		i++
		fracStart := i
		for i < len(num) && '0' <= num[i] && num[i] <= '9' {
			if len(mant) > 0 || num[i] != '0' {
				mant = append(mant, num[i])
			}
			exp--
			i++
		}
		if i == fracStart {
			return 0, "not a number"
		}
	}
	if i < len(num) && (num[i] == 'e' || num[i] == 'E') {
		i++
		neg := false
		if i < len(num) && (num[i] == '+' || num[i] == '-') {
			neg = num[i] == '-'
			i++
		}
		e, digits := 0, 0
		for i < len(num) && '0' <= num[i] && num[i] <= '9' {
			if digits++; digits > 4 {
				return 0, "exponent out of range"
			}
			e = e*10 + int(num[i]-'0')
			i++
		}
		if digits == 0 {
			return 0, "not a number"
		}
		if neg {
			e = -e
		}
		exp += e
	}
	if i != len(num) {
		return 0, "not a number"
	}
	if len(mant) > 30 {
		return 0, "too many digits"
	}
	// The value in nanoseconds is mant × 10^shift.
	shift := exp + int(unit)
	roundUp := false
	if shift < 0 {
		keep := len(mant) + shift
		if keep < 0 {
			return 0, ""
		}
		roundUp = mant[keep] >= '5'
		mant, shift = mant[:keep], 0
	}
	if len(mant)+shift > 19 {
		return 0, fmt.Sprintf("more than %d hours", maxJSONTime/time.Hour)
	}
	var ns uint64 // below 10^19, so it cannot overflow
	for _, c := range mant {
		ns = ns*10 + uint64(c-'0')
	}
	for ; shift > 0; shift-- {
		ns *= 10
	}
	if roundUp {
		ns++
	}
	if ns > uint64(maxJSONTime) {
		return 0, fmt.Sprintf("more than %d hours", maxJSONTime/time.Hour)
	}
	return time.Duration(ns), ""
}

// appendSeconds appends d as a decimal number of seconds with at most nine
// fraction digits and no trailing zeros: the exact inverse of
// parseJSONTime.
func appendSeconds(b []byte, d time.Duration) []byte {
	if d < 0 {
		b = append(b, '-')
	}
	ns := uint64(d)
	if d < 0 {
		ns = uint64(-d) // also right for math.MinInt64, whose negation wraps to itself
	}
	b = strconv.AppendUint(b, ns/1e9, 10)
	frac := ns % 1e9
	if frac == 0 {
		return b
	}
	var digits [9]byte
	for i := 8; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	n := 9
	for digits[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, digits[:n]...)
}

// jsonSkipSpace returns the offset of the first non-space byte at or after
// i.
func jsonSkipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// jsonSkipString returns the offset after the string that opens at i.
func jsonSkipString(data []byte, i int) int {
	i++
	for i <= len(data) {
		j := bytes.IndexByte(data[i:], '"')
		if j < 0 {
			break
		}
		i += j
		backslashes := 0
		for k := i - 1; k >= 0 && data[k] == '\\'; k-- {
			backslashes++
		}
		i++
		if backslashes%2 == 0 {
			return i
		}
	}
	return len(data)
}

// jsonSkipValue returns the offset after the value that starts at i. On a
// byte that cannot start a value it returns i.
func jsonSkipValue(data []byte, i int) int {
	if i >= len(data) {
		return len(data)
	}
	switch data[i] {
	case '"':
		return jsonSkipString(data, i)
	case '{', '[':
		depth := 0
		for i < len(data) {
			switch c := data[i]; {
			case !jsonStructural[c]:
			case c == '"':
				i = jsonSkipString(data, i)
				continue
			case c == '{' || c == '[':
				depth++
			default: // '}' or ']'
				if depth--; depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(data)
	}
	for i < len(data) {
		switch data[i] {
		case ',', ':', '}', ']', '{', '[', '"', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// jsonStructural marks the bytes that jsonSkipValue must look at inside a
// container.
var jsonStructural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}

// jsonKey returns the decoded key of the string data[i:end].
func jsonKey(data []byte, i, end int) []byte {
	if end-i < 2 {
		return nil
	}
	raw := data[i+1 : end-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw
	}
	var s string
	if json.Unmarshal(data[i:end], &s) != nil {
		return raw
	}
	return []byte(s)
}

// jsonScanner walks the members of objects and the elements of arrays. It
// remembers the extent of the container it walked last, so that a walk over
// a container does not scan again a value that its callback has walked.
type jsonScanner struct {
	data                   []byte
	walkedStart, walkedEnd int
}

func newJSONScanner(data []byte) jsonScanner {
	return jsonScanner{data: data, walkedStart: -1}
}

// end returns the offset after the value at i. A reader that reads a value
// finds its end here, so that the walk around it need not scan it again.
func (sc *jsonScanner) end(i int) int {
	if i != sc.walkedStart {
		sc.walked(i, jsonSkipValue(sc.data, i))
	}
	return sc.walkedEnd
}

// walked records that the container at start ends before end.
func (sc *jsonScanner) walked(start, end int) {
	sc.walkedStart, sc.walkedEnd = start, end
}

// members calls fn with the key and the value's offset of each member of
// the object that opens at i, in source order. It stops at the first error
// fn returns, and returns errJSONMalformed on structure it cannot walk.
func (sc *jsonScanner) members(i int, fn func(key []byte, val int) error) error {
	data, open := sc.data, i
	i = jsonSkipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		sc.walked(open, i+1)
		return nil
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return errJSONMalformed
		}
		end := jsonSkipString(data, i)
		key := jsonKey(data, i, end)
		i = jsonSkipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return errJSONMalformed
		}
		val := jsonSkipSpace(data, i+1)
		if val >= len(data) {
			return errJSONMalformed
		}
		if err := fn(key, val); err != nil {
			return err
		}
		var done bool
		var err error
		if i, done, err = sc.afterValue(open, val, '}'); done || err != nil {
			return err
		}
	}
}

// elements calls fn with the offset of each element of the array that
// opens at i. Errors are as for members.
func (sc *jsonScanner) elements(i int, fn func(val int) error) error {
	data, open := sc.data, i
	i = jsonSkipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		sc.walked(open, i+1)
		return nil
	}
	for {
		if i >= len(data) {
			return errJSONMalformed
		}
		if err := fn(i); err != nil {
			return err
		}
		var done bool
		var err error
		if i, done, err = sc.afterValue(open, i, ']'); done || err != nil {
			return err
		}
	}
}

// afterValue moves past the value at val inside the object or array that
// opens at open: it returns the offset of the next member or element, or
// done when the closing byte ends the container.
func (sc *jsonScanner) afterValue(open, val int, closing byte) (next int, done bool, err error) {
	end := sc.end(val)
	if end <= val {
		return 0, false, errJSONMalformed
	}
	i := jsonSkipSpace(sc.data, end)
	switch {
	case i >= len(sc.data):
		return 0, false, errJSONMalformed
	case sc.data[i] == ',':
		return jsonSkipSpace(sc.data, i+1), false, nil
	case sc.data[i] == closing:
		sc.walked(open, i+1)
		return i + 1, true, nil
	}
	return 0, false, errJSONMalformed
}
