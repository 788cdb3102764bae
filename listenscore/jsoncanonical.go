package listenscore

import (
	"fmt"
	"io"
	"time"
	"unicode/utf8"
)

// canonicalVersion is the version of the canonical JSON that WriteJSON
// writes and the newest that Read reads.
const canonicalVersion = 1

// WriteJSON writes t as listenscore's canonical JSON ([FormatJSON]), which
// [Read] reads back to the same speakers, roles, texts and times. The
// output is indented with one speaker or turn per line, and the same
// transcript always gives the same bytes:
//
//	{
//	  "format": "listenscore",
//	  "version": 1,
//	  "speakers": [
//	    {"label": "Agent", "role": "agent", "role_source": "label", "role_reason": "label says \"agent\""},
//	    {"label": "Caller", "role": "customer", "role_source": "label", "role_reason": "label says \"caller\""}
//	  ],
//	  "turns": [
//	    {"speaker": "Agent", "role": "agent", "start": 0.5, "end": 2.75, "text": "Thank you for calling."},
//	    {"speaker": "Caller", "role": "customer", "start": 3, "end": null, "text": "Hi, my order hasn't arrived."}
//	  ]
//	}
//
// The fields:
//   - "format" is "listenscore" and "version" is 1. Read rejects a newer
//     version.
//   - "speakers" lists each speaker label once with its "role" ("agent",
//     "customer" or "unknown"), and "role_source" and "role_reason", which
//     record how the role was decided (see [RoleSource] and
//     [Speaker.RoleReason]). Read takes a role other than "unknown" as
//     stated by the transcript and keeps the recorded source and reason;
//     without them the role's source is [RoleFromSource].
//   - "turns" holds one object per turn, in source order: the "speaker"
//     label, the speaker's "role", "start" and "end" in seconds from the
//     start of the recording — a JSON number with up to nine decimals,
//     exact to the nanosecond, or null when the time is unknown — the
//     "text", and, when the source gave one, its "sentiment" label
//     ([Turn.SentimentLabel]).
//
// Files written by hand may leave out "format", "version" and "speakers",
// and a turn's "role", "start" and "end"; "speaker" and "text" are required,
// and a time may also be a string holding a number ("4.87"). A turn's role,
// when given, must agree with its speaker's, and a listed speaker must have
// turns. Keys are case-sensitive, and an unknown or repeated key is an
// error, so that a misspelt key cannot lose data. Turn.Line and Turn.Column
// of a transcript read from this format locate the turn's object in the
// JSON.
func WriteJSON(w io.Writer, t *Transcript) error {
	b := make([]byte, 0, 256+160*len(t.Turns))
	b = append(b, "{\n  \"format\": \"listenscore\",\n  \"version\": 1,\n  \"speakers\": ["...)
	for i, sp := range t.Speakers {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    {\"label\": "...)
		b = appendJSONString(b, sp.Label)
		b = append(b, ", \"role\": "...)
		b = appendJSONString(b, sp.Role.String())
		b = append(b, ", \"role_source\": "...)
		b = appendJSONString(b, string(sp.RoleSource))
		b = append(b, ", \"role_reason\": "...)
		b = appendJSONString(b, sp.RoleReason)
		b = append(b, '}')
	}
	if len(t.Speakers) > 0 {
		b = append(b, "\n  "...)
	}
	b = append(b, "],\n  \"turns\": ["...)
	for i, tu := range t.Turns {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    {\"speaker\": "...)
		b = appendJSONString(b, tu.Speaker)
		b = append(b, ", \"role\": "...)
		b = appendJSONString(b, tu.Role.String())
		b = append(b, ", \"start\": "...)
		b = appendJSONTime(b, tu.Start, tu.HasStart)
		b = append(b, ", \"end\": "...)
		b = appendJSONTime(b, tu.End, tu.HasEnd)
		b = append(b, ", \"text\": "...)
		b = appendJSONString(b, tu.Text)
		if tu.SentimentLabel != "" {
			b = append(b, ", \"sentiment\": "...)
			b = appendJSONString(b, tu.SentimentLabel)
		}
		b = append(b, '}')
	}
	if len(t.Turns) > 0 {
		b = append(b, "\n  "...)
	}
	b = append(b, "]\n}\n"...)
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("listenscore: write JSON: %w", err)
	}
	return nil
}

// appendJSONTime appends seconds, or null when the time is unknown.
func appendJSONTime(b []byte, d time.Duration, known bool) []byte {
	if !known {
		return append(b, "null"...)
	}
	return appendSeconds(b, d)
}

// appendJSONString appends s as a JSON string. Unlike encoding/json it
// leaves <, > and & alone, for people reading the file; invalid UTF-8
// becomes U+FFFD, as encoding/json decodes it.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, `\u00`...)
				b = append(b, hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			// Valid JSON, but not valid JavaScript; escaped as encoding/json does.
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// readCanonicalJSON reads listenscore's canonical JSON; see [WriteJSON].
// JSON that matches no format listenscore reads also ends here (see
// sniffJSON) and fails with ErrUnknownFormat.
func readCanonicalJSON(s *source) error {
	d, root, err := openJSON(s)
	if err != nil {
		return err
	}
	if d.data[root] == '[' && d.data[jsonSkipSpace(d.data, root+1)] == ']' {
		return nil // no turns: ErrEmpty
	}
	if d.data[root] != '{' {
		return s.errAt(0, 0, detailf(ErrUnknownFormat, "the JSON is %s, not an object of a format listenscore reads: %s", d.kind(root), jsonFormatKeys))
	}
	c := canonicalReader{d: d, declared: map[string]*declaredSpeaker{}}
	at := [len(canonicalDocKeys)]int{-1, -1, -1, -1} // offsets of the values
	var problems []error
	err = c.fields("the document", root, canonicalDocKeys[:], func(k, val int) { at[k] = val },
		func(err error) error {
			problems = append(problems, err)
			return nil
		})
	if err != nil {
		return err
	}
	format, version, speakers, turns := at[0], at[1], at[2], at[3]
	if format < 0 && version < 0 && speakers < 0 && turns < 0 {
		if len(problems) == 0 {
			return nil // {}: ErrEmpty
		}
		return s.errAt(0, 0, detailf(ErrUnknownFormat, "JSON without the keys of any format listenscore reads: %s", jsonFormatKeys))
	}
	if format >= 0 {
		if f, _, _ := d.str("format", format); f != "listenscore" {
			return d.errAt(format, detailf(ErrUnknownFormat, "\"format\" is %s, not \"listenscore\"", d.literal(format)))
		}
	}
	if version >= 0 {
		if v, ok, _ := d.integer("version", version); !ok || v != canonicalVersion {
			return d.errAt(version, detailf(ErrUnknownFormat, "listenscore JSON version %s; this version of listenscore reads version %d", d.literal(version), canonicalVersion))
		}
	}
	for _, problem := range problems {
		if err := d.fail(problem); err != nil {
			return err
		}
	}
	if speakers >= 0 && !d.isNull(speakers) {
		if err := d.elements(`"speakers"`, speakers, c.speaker); err != nil {
			return err
		}
	}
	if turns >= 0 && !d.isNull(turns) {
		if err := d.elements(`"turns"`, turns, c.turn); err != nil {
			return err
		}
	}
	for _, label := range c.order {
		if sp := c.declared[label]; !sp.used {
			if err := d.fail(d.errAt(sp.off, detailf(ErrSchema, "speaker %q has no turns", label))); err != nil {
				return err
			}
		}
	}
	return nil
}

// The keys of the objects of canonical JSON.
var (
	canonicalDocKeys     = [...]string{"format", "version", "speakers", "turns"}
	canonicalSpeakerKeys = [...]string{"label", "role", "role_source", "role_reason"}
	canonicalTurnKeys    = [...]string{"speaker", "role", "start", "end", "text", "sentiment"}
)

// canonicalReader reads the speakers and turns of canonical JSON.
type canonicalReader struct {
	d *jsonDoc
	// declared holds the entries of "speakers" by label; order lists
	// their labels in source order.
	declared map[string]*declaredSpeaker
	order    []string
}

// declaredSpeaker is an entry of "speakers".
type declaredSpeaker struct {
	off  int  // offset of its JSON object
	used bool // a turn has its label
}

// fields walks the object at off, calling fn with the index in keys of each
// key and the offset of its value. A key that is not in keys, or that
// repeats, goes to report, positioned at its value; report returns an
// error to stop the walk.
func (c *canonicalReader) fields(what string, off int, keys []string, fn func(k, val int), report func(error) error) error {
	var seen uint32
	return c.d.members(what, off, func(key []byte, val int) error {
		k := -1
		for i, name := range keys {
			if string(key) == name {
				k = i
				break
			}
		}
		switch {
		case k < 0:
			return report(c.d.errAt(val, detailf(ErrSchema, "%s has unknown key %q", what, key)))
		case seen&(1<<k) != 0:
			return report(c.d.errAt(val, detailf(ErrSchema, "%s has %q twice", what, key)))
		}
		seen |= 1 << k
		fn(k, val)
		return nil
	})
}

// speaker reads one entry of "speakers", stating its role.
func (c *canonicalReader) speaker(off int) error {
	d := c.d
	if d.data[off] != '{' {
		return d.fail(d.errAt(off, detailf(ErrSchema, "speaker is %s, want an object", d.kind(off))))
	}
	var sp Speaker
	var problem error
	keep := func(err error) error {
		if problem == nil {
			problem = err
		}
		return nil
	}
	err := c.fields("speaker", off, canonicalSpeakerKeys[:], func(k, val int) {
		var err error
		switch canonicalSpeakerKeys[k] {
		case "label":
			sp.Label, _, err = d.str("label", val)
		case "role":
			sp.Role, err = c.role(val)
		case "role_source":
			var src string
			src, _, err = d.str("role_source", val)
			sp.RoleSource = RoleSource(src)
			if err == nil && !knownRoleSource(sp.RoleSource) {
				err = d.errAt(val, detailf(ErrSchema, "\"role_source\" is %q, want source, mapping, label, content or order", src))
			}
		case "role_reason":
			sp.RoleReason, _, err = d.str("role_reason", val)
		}
		keep(err)
	}, keep)
	if err != nil {
		return err
	}
	if problem == nil && sp.Label == "" {
		problem = d.errAt(off, detailf(ErrNoSpeaker, "speaker has no \"label\""))
	}
	if problem == nil && c.declared[sp.Label] != nil {
		problem = d.errAt(off, detailf(ErrSchema, "speaker %q is listed twice", sp.Label))
	}
	if problem != nil {
		return d.fail(problem)
	}
	c.declared[sp.Label] = &declaredSpeaker{off: off}
	c.order = append(c.order, sp.Label)
	if sp.Role != RoleUnknown {
		d.s.stateSpeaker(sp)
	}
	return nil
}

// turn reads one entry of "turns".
func (c *canonicalReader) turn(off int) error {
	d := c.d
	t := d.newTurn(off)
	if d.data[off] != '{' {
		return d.fail(d.errAt(off, detailf(ErrSchema, "turn is %s, want an object", d.kind(off))))
	}
	role, roleOff := RoleUnknown, -1
	err := c.fields("turn", off, canonicalTurnKeys[:], func(k, val int) {
		switch canonicalTurnKeys[k] {
		case "speaker":
			t.speaker, _ = t.str("speaker", val)
		case "role":
			var err error
			role, err = c.role(val)
			roleOff = val
			t.setErr(err)
		case "start":
			t.setStart("start", val, jsonSeconds)
		case "end":
			t.setEnd("end", val, jsonSeconds)
		case "text":
			t.setText("text", val)
		case "sentiment":
			t.sentiment, _ = t.str("sentiment", val)
		}
	}, func(err error) error {
		t.setErr(err)
		return nil
	})
	if err != nil {
		return err
	}
	if role != RoleUnknown {
		if stated, ok := d.s.stated[t.speaker]; ok && stated.Role != role {
			t.setErr(d.errAt(roleOff, detailf(ErrSchema, "turn's role %s differs from speaker %q's role %s", role, t.speaker, stated.Role)))
		}
	}
	n := len(d.s.t.Turns)
	if err := d.addTurn(t, "turn", "speaker", "text"); err != nil {
		return err
	}
	if len(d.s.t.Turns) > n {
		if sp := c.declared[t.speaker]; sp != nil {
			sp.used = true
		}
		if _, stated := d.s.stated[t.speaker]; role != RoleUnknown && !stated {
			d.s.stateRole(t.speaker, role)
		}
	}
	return nil
}

// role reads a "role" value.
func (c *canonicalReader) role(val int) (Role, error) {
	s, _, err := c.d.str("role", val)
	if err != nil {
		return RoleUnknown, err
	}
	role, ok := ParseRole(s)
	if !ok {
		return RoleUnknown, c.d.errAt(val, detailf(ErrSchema, "\"role\" is %q, want agent, customer or unknown", s))
	}
	return role, nil
}

// knownRoleSource reports whether src is one of the RoleFrom… values, or
// empty.
func knownRoleSource(src RoleSource) bool {
	switch src {
	case "", RoleFromSource, RoleFromMapping, RoleFromLabel, RoleFromContent, RoleFromOrder:
		return true
	}
	return false
}
