package listenscore

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// readAWSCallAnalytics reads the post-call JSON of AWS Transcribe Call
// Analytics and of Amazon Connect Contact Lens: one turn per element of
// "Transcript", with "Content" and "BeginOffsetMillis"/"EndOffsetMillis"
// in milliseconds. A Call Analytics turn names its speaker by
// "ParticipantRole" (AGENT or CUSTOMER), which becomes the speaker label
// and the stated role. A Contact Lens turn names a "ParticipantId" of
// "Participants"; the participant's role becomes the label and the stated
// role, unless several participants share that role, when the
// ParticipantId is the label.
func readAWSCallAnalytics(s *source) error {
	d, root, err := openJSON(s)
	if err != nil {
		return err
	}
	transcript, participants := -1, -1
	err = d.members("the document", root, func(key []byte, val int) error {
		switch string(key) {
		case "Transcript":
			transcript = val
		case "Participants":
			participants = val
		}
		return nil
	})
	if err != nil {
		return err
	}
	labels := map[string]string{} // ParticipantId → speaker label
	if participants >= 0 && !d.isNull(participants) {
		if err := readAWSParticipants(d, participants, labels); err != nil {
			return err
		}
	}
	if transcript < 0 || d.isNull(transcript) {
		return nil // no turns: ErrEmpty
	}
	speakerKey := "ParticipantRole"
	if s.t.Format == FormatContactLens {
		speakerKey = "ParticipantId"
	}
	return d.elements(`"Transcript"`, transcript, func(off int) error {
		t := d.newTurn(off)
		if d.data[off] != '{' {
			t.setErr(d.errAt(off, detailf(ErrSchema, "turn is %s, want an object", d.kind(off))))
			return d.addTurn(t, "turn", speakerKey, "Content")
		}
		var role, id string
		err := d.members("turn", off, func(key []byte, val int) error {
			switch string(key) {
			case "ParticipantRole":
				role, _ = t.str("ParticipantRole", val)
			case "ParticipantId":
				id, _ = t.str("ParticipantId", val)
			case "Content":
				t.setText("Content", val)
			case "BeginOffsetMillis":
				t.setStart("BeginOffsetMillis", val, jsonMillis)
			case "EndOffsetMillis":
				t.setEnd("EndOffsetMillis", val, jsonMillis)
			case "Sentiment":
				t.sentiment, _ = t.str("Sentiment", val)
			}
			return nil
		})
		if err != nil {
			return err
		}
		switch {
		case role != "":
			t.speaker = role
			if r, ok := ParseRole(role); ok && r != RoleUnknown {
				s.stateRole(role, r)
			}
		case id != "":
			t.speaker = id
			if label, ok := labels[id]; ok {
				t.speaker = label
			}
		}
		return d.addTurn(t, "turn", speakerKey, "Content")
	})
}

// readAWSParticipants reads Contact Lens "Participants" into labels, a map
// from ParticipantId to speaker label, and states each participant's role.
func readAWSParticipants(d *jsonDoc, off int, labels map[string]string) error {
	type participant struct{ id, role string }
	var parts []participant
	perRole := map[string]int{}
	err := d.elements(`"Participants"`, off, func(val int) error {
		var p participant
		err := d.members("participant", val, func(key []byte, v int) error {
			var err error
			switch string(key) {
			case "ParticipantId":
				p.id, _, err = d.str("ParticipantId", v)
			case "ParticipantRole":
				p.role, _, err = d.str("ParticipantRole", v)
			}
			return err
		})
		if err != nil {
			return err
		}
		if p.id != "" {
			parts = append(parts, p)
			perRole[p.role]++
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range parts {
		label := p.id
		if p.role != "" && perRole[p.role] == 1 {
			label = p.role
		}
		labels[p.id] = label
		if r, ok := ParseRole(p.role); ok && r != RoleUnknown {
			d.s.stateRole(label, r)
		}
	}
	return nil
}

// awsWord is a word of AWS Transcribe "items", with the punctuation that
// follows it.
type awsWord struct {
	off          int // offset of the item
	line, column int
	channel      string
	text         string
	start, end   time.Duration
	hasStart     bool
	hasEnd       bool
	err          error // a problem with the word or its punctuation
}

// readAWSTranscribe reads AWS Transcribe (standard) output. With speaker
// diarization, each segment of "results.speaker_labels.segments" is a turn,
// labelled as AWS labels it ("spk_0"), timed by its "start_time" and
// "end_time" (seconds, as strings), and its text is the words of
// "results.items" that its "items" list, punctuation attached to the word
// before. With channel identification instead, each run of consecutive
// words from one channel of "results.channel_labels" is a turn, labelled
// by the channel ("ch_0"). Turn.Line and Turn.Column locate the segment, or
// the first word of the run.
func readAWSTranscribe(s *source) error {
	d, root, err := openJSON(s)
	if err != nil {
		return err
	}
	results := -1
	err = d.members("the document", root, func(key []byte, val int) error {
		if string(key) == "results" {
			results = val
		}
		return nil
	})
	if err != nil {
		return err
	}
	if results < 0 || d.isNull(results) {
		return s.errAt(0, 0, detailf(ErrEmpty, "AWS Transcribe JSON has no \"results\""))
	}
	speakerLabels, channelLabels, items := -1, -1, -1
	err = d.members(`"results"`, results, func(key []byte, val int) error {
		switch string(key) {
		case "speaker_labels":
			speakerLabels = val
		case "channel_labels":
			channelLabels = val
		case "items":
			items = val
		}
		return nil
	})
	if err != nil {
		return err
	}
	switch {
	case speakerLabels >= 0 && !d.isNull(speakerLabels):
		var words []awsWord
		if items >= 0 && !d.isNull(items) {
			if words, err = readAWSItems(d, items, "", nil); err != nil {
				return err
			}
		}
		return readAWSSegments(d, speakerLabels, words)
	case channelLabels >= 0 && !d.isNull(channelLabels):
		return readAWSChannels(d, channelLabels)
	}
	return s.errAt(0, 0, detailf(ErrNoSpeaker, "AWS Transcribe results carry no \"speaker_labels\"; start the job with ShowSpeakerLabels (or ChannelIdentification for a call recorded in stereo)"))
}

// readAWSItems appends the words of the "items" array at off to words, each
// pronunciation item a word, with the content of the punctuation items that
// follow it.
func readAWSItems(d *jsonDoc, off int, channel string, words []awsWord) ([]awsWord, error) {
	first := len(words)
	var pending string   // punctuation before the first word
	var pendingErr error // a problem with it
	err := d.elements(`"items"`, off, func(item int) error {
		w := awsWord{off: item, channel: channel}
		w.line, w.column = d.pos(item)
		typ, content, hasContent := "", "", false
		if d.data[item] != '{' {
			return d.errAt(item, detailf(ErrSchema, "item is %s, want an object", d.kind(item)))
		}
		err := d.members("item", item, func(key []byte, val int) error {
			var err error
			switch string(key) {
			case "type":
				typ, _, err = d.str("type", val)
			case "start_time":
				w.start, w.hasStart, err = d.duration("start_time", val, jsonSeconds)
			case "end_time":
				w.end, w.hasEnd, err = d.duration("end_time", val, jsonSeconds)
			case "alternatives":
				content, hasContent, err = awsFirstContent(d, val)
			}
			w.err = cmp.Or(w.err, err)
			return nil
		})
		if err != nil {
			return err
		}
		if !hasContent && w.err == nil {
			w.err = d.errAt(item, detailf(ErrSchema, "item has no \"alternatives\" with \"content\""))
		}
		if typ == "punctuation" {
			if len(words) == first {
				pending += content
				pendingErr = cmp.Or(pendingErr, w.err)
				return nil
			}
			prev := &words[len(words)-1]
			prev.text += content
			prev.err = cmp.Or(prev.err, w.err)
			return nil
		}
		w.text = pending + content
		w.err = cmp.Or(pendingErr, w.err)
		pending, pendingErr = "", nil
		words = append(words, w)
		return nil
	})
	if err == nil && pending != "" && len(words) == first {
		err = d.errAt(off, detailf(ErrSchema, "\"items\" has punctuation but no words"))
	}
	return words, err
}

// awsFirstContent returns the "content" of the first of the
// "alternatives" at off.
func awsFirstContent(d *jsonDoc, off int) (content string, ok bool, err error) {
	if d.isNull(off) {
		return "", false, nil
	}
	err = d.elements(`"alternatives"`, off, func(alt int) error {
		err := d.members("alternative", alt, func(key []byte, val int) error {
			var err error
			if string(key) == "content" {
				content, ok, err = d.str("content", val)
			}
			return err
		})
		if err != nil {
			return err
		}
		return errJSONStop
	})
	if err == errJSONStop {
		err = nil
	}
	return content, ok, err
}

// readAWSSegments reads "speaker_labels" at off, taking each segment's
// words from words in order.
func readAWSSegments(d *jsonDoc, off int, words []awsWord) error {
	segments := -1
	err := d.members(`"speaker_labels"`, off, func(key []byte, val int) error {
		if string(key) == "segments" {
			segments = val
		}
		return nil
	})
	if err != nil || segments < 0 || d.isNull(segments) {
		return err // no segments: ErrEmpty
	}
	next := 0 // index of the next word
	var text strings.Builder
	err = d.elements(`"segments"`, segments, func(seg int) error {
		t := d.newTurn(seg)
		if d.data[seg] != '{' {
			return d.errAt(seg, detailf(ErrSchema, "speaker segment is %s, want an object", d.kind(seg)))
		}
		type itemStart struct {
			start time.Duration
			known bool
		}
		var starts []itemStart
		err := d.members("speaker segment", seg, func(key []byte, val int) error {
			switch string(key) {
			case "speaker_label":
				t.speaker, _ = t.str("speaker_label", val)
			case "start_time":
				t.setStart("start_time", val, jsonSeconds)
			case "end_time":
				t.setEnd("end_time", val, jsonSeconds)
			case "items":
				return d.elements(`"items"`, val, func(item int) error {
					var st itemStart
					if d.data[item] == '{' {
						err := d.members("item", item, func(key []byte, v int) error {
							if string(key) == "start_time" {
								var err error
								st.start, st.known, err = d.duration("start_time", v, jsonSeconds)
								t.setErr(err)
							}
							return nil
						})
						if err != nil {
							return err
						}
					}
					starts = append(starts, st)
					return nil
				})
			}
			return nil
		})
		if err != nil {
			return err
		}
		if next+len(starts) > len(words) {
			return d.errAt(seg, detailf(ErrSchema, "speaker segment lists %d items, but only %d words of \"results.items\" are left", len(starts), len(words)-next))
		}
		text.Reset()
		for i, st := range starts {
			w := words[next+i]
			if st.known && w.hasStart && st.start != w.start {
				return d.errAt(seg, detailf(ErrSchema, "speaker segment's item %d starts at %s, but the word it stands for (%q at line %d) starts at %s",
					i, clock(st.start), w.text, w.line, clock(w.start)))
			}
			t.setErr(w.err)
			if i > 0 {
				text.WriteByte(' ')
			}
			text.WriteString(w.text)
		}
		next += len(starts)
		t.text, t.hasText = text.String(), true
		return d.addTurn(t, "speaker segment", "speaker_label", "items")
	})
	if err != nil {
		return err
	}
	if next < len(words) {
		w := words[next]
		return d.fail(d.s.errAt(w.line, w.column, detailf(ErrSchema, "%d words of \"results.items\", from %q on, are in no speaker segment", len(words)-next, w.text)))
	}
	return nil
}

// readAWSChannels reads "channel_labels" at off: the words of all channels
// in time order, each run of words from one channel a turn.
func readAWSChannels(d *jsonDoc, off int) error {
	channels := -1
	err := d.members(`"channel_labels"`, off, func(key []byte, val int) error {
		if string(key) == "channels" {
			channels = val
		}
		return nil
	})
	if err != nil || channels < 0 || d.isNull(channels) {
		return err // no channels: ErrEmpty
	}
	var words []awsWord
	err = d.elements(`"channels"`, channels, func(ch int) error {
		label, items := "", -1
		err := d.members("channel", ch, func(key []byte, val int) error {
			var err error
			switch string(key) {
			case "channel_label":
				label, _, err = d.str("channel_label", val)
			case "items":
				items = val
			}
			return err
		})
		if err != nil {
			return err
		}
		if label == "" {
			return d.errAt(ch, detailf(ErrNoSpeaker, "channel has no \"channel_label\""))
		}
		if items >= 0 && !d.isNull(items) {
			words, err = readAWSItems(d, items, label, words)
		}
		return err
	})
	if err != nil {
		return err
	}
	slices.SortStableFunc(words, func(a, b awsWord) int { return cmp.Compare(a.start, b.start) })
	var text strings.Builder
	for i := 0; i < len(words); {
		first := words[i]
		t := &jsonTurn{d: d, off: first.off, line: first.line, column: first.column,
			speaker: first.channel, start: first.start, hasStart: first.hasStart, hasText: true}
		text.Reset()
		j := i
		for ; j < len(words) && words[j].channel == first.channel; j++ {
			if j > i {
				text.WriteByte(' ')
			}
			text.WriteString(words[j].text)
			t.setErr(words[j].err)
			t.end, t.hasEnd = words[j].end, words[j].hasEnd
		}
		t.text = text.String()
		if err := d.addTurn(t, "word", "channel_label", "content"); err != nil {
			return err
		}
		i = j
	}
	return nil
}
