package listenscore

import (
	"strings"
	"time"
)

// jsonFormatKeys lists, for messages, the JSON formats listenscore reads
// and the keys by which it recognizes each.
const jsonFormatKeys = `json ("format": "listenscore" or "turns"), ` +
	`aws-callanalytics ("Transcript" turns with "ParticipantRole"), ` +
	`contactlens ("Participants", or "Transcript" turns with "ParticipantId"), ` +
	`aws-transcribe ("results" with "speaker_labels" or "items"), ` +
	`deepgram ("results" with "utterances" or "channels"), ` +
	`assemblyai ("utterances" or "audio_url"), ` +
	`whisperx ("segments")`

// sniffJSON decides the format of a JSON document from its keys, given data
// that starts with '{' or '['. It reads only the keys that tell the formats
// apart and skips every other value without decoding it. A document that
// matches no format, or is not valid JSON, goes to the canonical reader,
// which reports the syntax error or lists the formats listenscore reads.
func sniffJSON(data []byte) Format {
	if len(data) == 0 || data[0] != '{' {
		return FormatJSON
	}
	sc := newJSONScanner(data)
	var canonical, participants, assembly, whisper bool
	transcript, results := -1, -1
	_ = sc.members(0, func(key []byte, val int) error {
		switch string(key) {
		case "format", "turns":
			canonical = true
		case "Transcript":
			transcript = val
		case "Participants":
			participants = true
		case "results":
			results = val
		case "utterances", "audio_url":
			assembly = true
		case "segments":
			whisper = true
		}
		return nil
	})
	switch {
	case canonical:
		return FormatJSON
	case transcript >= 0:
		// The turns tell the two apart: Contact Lens names a
		// "ParticipantId", Call Analytics a "ParticipantRole" (its
		// output may list "Participants" too). Without either, a
		// "Participants" list means Contact Lens.
		switch awsTurnSpeakerKey(&sc, transcript) {
		case "ParticipantId":
			return FormatContactLens
		case "ParticipantRole":
			return FormatAWSCallAnalytic
		}
		if participants {
			return FormatContactLens
		}
		return FormatAWSCallAnalytic
	case results >= 0 && data[results] == '{':
		format := FormatJSON
		_ = sc.members(results, func(key []byte, _ int) error {
			switch string(key) {
			case "utterances", "channels":
				format = FormatDeepgram
			case "speaker_labels", "channel_labels", "items", "transcripts":
				format = FormatAWSTranscribe
			default:
				return nil
			}
			return errJSONStop // decided
		})
		if format != FormatJSON {
			return format
		}
	}
	switch {
	case assembly:
		return FormatAssemblyAI
	case whisper:
		return FormatWhisperX
	}
	return FormatJSON
}

// awsTurnSpeakerKey returns the key by which the first turn of the AWS
// "Transcript" array at off names its speaker: "ParticipantId", as Contact
// Lens does, or "ParticipantRole", as Transcribe Call Analytics does; ""
// when it has neither.
func awsTurnSpeakerKey(sc *jsonScanner, off int) string {
	if sc.data[off] != '[' {
		return ""
	}
	key := ""
	_ = sc.elements(off, func(turn int) error {
		if sc.data[turn] == '{' {
			_ = sc.members(turn, func(k []byte, _ int) error {
				switch string(k) {
				case "ParticipantId":
					key = "ParticipantId"
				case "ParticipantRole":
					if key == "" {
						key = "ParticipantRole"
					}
				}
				return nil
			})
		}
		return errJSONStop // the first turn decides
	})
	return key
}

// jsonTurn gathers one turn's fields as a reader finds them. The first
// problem found is kept in err; addTurn reports it.
type jsonTurn struct {
	d            *jsonDoc
	off          int // offset of the turn's JSON value
	line, column int
	speaker      string
	text         string
	hasText      bool
	start, end   time.Duration
	hasStart     bool
	hasEnd       bool
	sentiment    string // the source's sentiment label, if any
	err          error
}

// newTurn starts a turn at offset off. Call it in source order: positions
// are cheap only when asked for in increasing order.
func (d *jsonDoc) newTurn(off int) *jsonTurn {
	line, col := d.pos(off)
	return &jsonTurn{d: d, off: off, line: line, column: col}
}

// setErr keeps the first problem.
func (t *jsonTurn) setErr(err error) {
	if t.err == nil && err != nil {
		t.err = err
	}
}

// str reads a string field; null and a wrong kind leave it empty (the
// latter with a problem).
func (t *jsonTurn) str(key string, off int) (string, bool) {
	s, ok, err := t.d.str(key, off)
	t.setErr(err)
	return s, ok
}

// setText reads the text field.
func (t *jsonTurn) setText(key string, off int) {
	t.text, t.hasText = t.str(key, off)
}

// setStart and setEnd read the time fields.
func (t *jsonTurn) setStart(key string, off int, unit jsonUnit) {
	var err error
	t.start, t.hasStart, err = t.d.duration(key, off, unit)
	t.setErr(err)
}

func (t *jsonTurn) setEnd(key string, off int, unit jsonUnit) {
	var err error
	t.end, t.hasEnd, err = t.d.duration(key, off, unit)
	t.setErr(err)
}

// addTurn checks a gathered turn and adds it to the transcript: what names
// the source's unit ("utterance", "segment") and speakerKey and textKey its
// fields, for messages. A turn with a problem fails (skipped when lenient).
func (d *jsonDoc) addTurn(t *jsonTurn, what, speakerKey, textKey string) error {
	if t.err == nil && t.speaker == "" {
		t.err = d.s.errAt(t.line, t.column, detailf(ErrNoSpeaker, "%s has no %q", what, speakerKey))
	}
	if t.err == nil && !t.hasText {
		t.err = d.s.errAt(t.line, t.column, detailf(ErrSchema, "%s has no %q", what, textKey))
	}
	if t.err != nil {
		return d.fail(t.err)
	}
	return d.s.add(Turn{
		Speaker:  t.speaker,
		Text:     foldJSONText(t.text),
		Start:    t.start,
		End:      t.end,
		HasStart: t.hasStart,
		HasEnd:   t.hasEnd,
		Line:     t.line,
		Column:   t.column,

		SentimentLabel: t.sentiment,
	})
}

// fail reports err, a *ParseError from errAt, as a problem with one item:
// the error when strict, a warning when lenient (the reader skips the item).
func (d *jsonDoc) fail(err error) error {
	pe, ok := err.(*ParseError)
	if !ok {
		pe = d.s.errAt(0, 0, err)
	}
	return d.s.fail(pe.Line, pe.Column, pe.Err)
}

// foldJSONText folds runs of white space inside a turn's text to one space.
func foldJSONText(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\r' || c == '\t' || c >= 0x80 ||
			c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}
