package listenscore

import "strconv"

// readDeepgram reads a Deepgram pre-recorded response requested with
// utterances=true and diarize=true: one turn per element of
// "results.utterances", timed by "start" and "end" (seconds), with the
// "transcript" as text. Deepgram numbers speakers from 0; the label is
// "Speaker 0", "Speaker 1", …. When the utterances come from more than one
// channel (multichannel=true), the label names the channel too: "Channel 1
// Speaker 0", or "Channel 1" without diarization.
func readDeepgram(s *source) error {
	d, root, err := openJSON(s)
	if err != nil {
		return err
	}
	utterances := -1
	err = d.members("the document", root, func(key []byte, val int) error {
		if string(key) != "results" || d.isNull(val) {
			return nil
		}
		return d.members(`"results"`, val, func(key []byte, val int) error {
			if string(key) == "utterances" {
				utterances = val
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if utterances < 0 || d.isNull(utterances) {
		return s.errAt(0, 0, detailf(ErrNoSpeaker, "Deepgram results carry no \"utterances\"; request the transcript with utterances=true and diarize=true"))
	}
	type utterance struct {
		t                *jsonTurn
		speaker, channel int
		hasSpeaker       bool
	}
	var utts []utterance
	multichannel, diarized := false, false
	err = d.elements(`"utterances"`, utterances, func(off int) error {
		u := utterance{t: d.newTurn(off)}
		if d.data[off] != '{' {
			u.t.setErr(d.errAt(off, detailf(ErrSchema, "utterance is %s, want an object", d.kind(off))))
			utts = append(utts, u)
			return nil
		}
		err := d.members("utterance", off, func(key []byte, val int) error {
			var err error
			switch string(key) {
			case "start":
				u.t.setStart("start", val, jsonSeconds)
			case "end":
				u.t.setEnd("end", val, jsonSeconds)
			case "transcript":
				u.t.setText("transcript", val)
			case "speaker":
				u.speaker, u.hasSpeaker, err = d.integer("speaker", val)
				diarized = diarized || !d.isNull(val)
			case "channel":
				u.channel, _, err = d.integer("channel", val)
			}
			u.t.setErr(err)
			return nil
		})
		if err != nil {
			return err
		}
		multichannel = multichannel || u.channel != 0
		utts = append(utts, u)
		return nil
	})
	if err != nil {
		return err
	}
	if len(utts) > 0 && !diarized && !multichannel {
		return s.errAt(0, 0, detailf(ErrNoSpeaker, "Deepgram utterances carry no \"speaker\"; request the transcript with diarize=true (or multichannel=true for a call recorded in stereo)"))
	}
	for _, u := range utts {
		switch {
		case multichannel && u.hasSpeaker:
			u.t.speaker = "Channel " + strconv.Itoa(u.channel) + " Speaker " + strconv.Itoa(u.speaker)
		case multichannel:
			u.t.speaker = "Channel " + strconv.Itoa(u.channel)
		case u.hasSpeaker:
			u.t.speaker = "Speaker " + strconv.Itoa(u.speaker)
		}
		if err := d.addTurn(u.t, "utterance", "speaker", "transcript"); err != nil {
			return err
		}
	}
	return nil
}

// readAssemblyAI reads an AssemblyAI transcript requested with
// speaker_labels: one turn per element of "utterances", labelled as
// AssemblyAI labels it ("A", "B", …), timed by "start" and "end"
// (milliseconds).
func readAssemblyAI(s *source) error {
	d, root, err := openJSON(s)
	if err != nil {
		return err
	}
	utterances, status := -1, -1
	err = d.members("the document", root, func(key []byte, val int) error {
		switch string(key) {
		case "utterances":
			utterances = val
		case "status":
			status = val
		}
		return nil
	})
	if err != nil {
		return err
	}
	if status >= 0 {
		if st, _, _ := d.str("status", status); st != "" && st != "completed" {
			return d.errAt(status, detailf(ErrEmpty, "AssemblyAI transcript status is %q, not \"completed\"", st))
		}
	}
	if utterances < 0 || d.isNull(utterances) {
		return s.errAt(0, 0, detailf(ErrNoSpeaker, "AssemblyAI transcript has no \"utterances\"; request it with speaker_labels: true"))
	}
	return d.elements(`"utterances"`, utterances, func(off int) error {
		t := d.newTurn(off)
		if d.data[off] != '{' {
			t.setErr(d.errAt(off, detailf(ErrSchema, "utterance is %s, want an object", d.kind(off))))
			return d.addTurn(t, "utterance", "speaker", "text")
		}
		err := d.members("utterance", off, func(key []byte, val int) error {
			switch string(key) {
			case "speaker":
				t.speaker, _ = t.str("speaker", val)
			case "text":
				t.setText("text", val)
			case "start":
				t.setStart("start", val, jsonMillis)
			case "end":
				t.setEnd("end", val, jsonMillis)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return d.addTurn(t, "utterance", "speaker", "text")
	})
}

// readWhisperX reads WhisperX output after speaker assignment: one turn per
// element of "segments", labelled as WhisperX labels it ("SPEAKER_00"),
// timed by "start" and "end" (seconds). Whisper's own JSON has the same
// segments without speakers and fails with ErrNoSpeaker.
func readWhisperX(s *source) error {
	d, root, err := openJSON(s)
	if err != nil {
		return err
	}
	segments := -1
	err = d.members("the document", root, func(key []byte, val int) error {
		if string(key) == "segments" {
			segments = val
		}
		return nil
	})
	if err != nil {
		return err
	}
	if segments < 0 || d.isNull(segments) {
		return s.errAt(0, 0, detailf(ErrEmpty, "WhisperX JSON has no \"segments\""))
	}
	var turns []*jsonTurn
	diarized := false
	err = d.elements(`"segments"`, segments, func(off int) error {
		t := d.newTurn(off)
		turns = append(turns, t)
		if d.data[off] != '{' {
			t.setErr(d.errAt(off, detailf(ErrSchema, "segment is %s, want an object", d.kind(off))))
			return nil
		}
		return d.members("segment", off, func(key []byte, val int) error {
			switch string(key) {
			case "speaker":
				t.speaker, _ = t.str("speaker", val)
				diarized = diarized || !d.isNull(val)
			case "text":
				t.setText("text", val)
			case "start":
				t.setStart("start", val, jsonSeconds)
			case "end":
				t.setEnd("end", val, jsonSeconds)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if len(turns) > 0 && !diarized {
		return s.errAt(0, 0, detailf(ErrNoSpeaker, "Whisper segments carry no speaker; run diarization (WhisperX) or pass a diarized transcript"))
	}
	for _, t := range turns {
		if err := d.addTurn(t, "segment", "speaker", "text"); err != nil {
			return err
		}
	}
	return nil
}
