// Package listenscore reads call transcripts and measures how well the agent
// listened: whether they let the customer talk, avoided interrupting, asked
// open questions, played back what they heard, acknowledged feelings and
// committed to action.
//
// Reading gives a [Transcript]; [Analyze] tags every turn with what it does
// ([TurnTags], each tag with its reason) and computes call-level [Metric]
// values, each with the [Evidence] turns behind it. The rubric package
// grades an [Analysis] against a YAML rubric.
//
//	t, err := listenscore.ReadFile("call.vtt", listenscore.ReadOptions{})
//	if err != nil {
//		return err // e.g. listenscore: call.vtt:12:14: end time before start time
//	}
//	a, err := listenscore.Analyze(t, listenscore.Config{})
//	m, _ := a.Metric("open_questions")
//
// Everything is deterministic and free of global state; a [Transcript] and
// an [Analysis] are not modified after they are returned, and every function
// is safe for concurrent use.
//
// # Transcripts
//
// A [Transcript] is a list of turns in source order, one [Turn] per source
// utterance, cue or segment: readers never merge or split what the source
// separates, because tags, evidence and human calibration files refer to
// turns by index. A turn has its speaker label, role, text, start and end
// time where the source has them (HasStart and HasEnd tell a missing time
// from zero), and its line and column in the source.
//
// # Formats
//
// [Read] detects the format from the content; the file name's extension is
// only a hint for content that could be several formats, and
// ReadOptions.Format forces one.
//
//   - [FormatText]: "Speaker: text" lines, optionally led by a time stamp
//     [mm:ss], [h:mm:ss], [hh:mm:ss.mmm] (minutes above 59 allowed) or a range
//     [00:01.5 - 00:04.2]. A line without a speaker label continues the
//     previous turn; blank lines are ignored.
//   - [FormatOtter]: the Otter.ai text export: a header "Name  0:05", the
//     turn's text lines, a blank line.
//   - [FormatWebVTT]: speakers from <v Name> voice spans (two voices in one
//     cue are two turns), from a "Name:" prefix (Zoom) or from the cue
//     identifier; NOTE, STYLE and REGION blocks, cue settings, entities, tags
//     and inline time stamps are handled; the WEBVTT header is required.
//   - [FormatSRT]: speakers from a "Name:" or "[Name]" prefix; "-" dialogue
//     dashes split a cue into one turn per line.
//   - [FormatJSON]: listenscore's canonical JSON, written by [WriteJSON]; it
//     round-trips everything a [Transcript] holds.
//   - [FormatAWSCallAnalytic] and [FormatContactLens]: AWS Transcribe Call
//     Analytics and Amazon Connect Contact Lens output; roles from
//     ParticipantRole, times in milliseconds.
//   - [FormatAWSTranscribe]: AWS Transcribe with speaker_labels (seconds as
//     strings); one turn per speaker segment.
//   - [FormatDeepgram]: Deepgram with utterances (float seconds, integer
//     speakers).
//   - [FormatAssemblyAI]: AssemblyAI utterances (milliseconds, speaker
//     letters).
//   - [FormatWhisperX]: WhisperX segments with a speaker.
//
// A source without speaker labels (plain Whisper output, Deepgram without
// utterances) is an error that says so: listening metrics need to know who
// spoke.
//
// # Roles
//
// Each speaker is the agent or a customer, decided in this order, and
// [Speaker] records how ([RoleSource]) and why:
//
//  1. the source states it (AWS ParticipantRole, the canonical JSON);
//  2. ReadOptions.Roles maps the speaker label to a role;
//  3. the label names a role ("Agent", "Rep", "Customer", "Caller", …);
//  4. what is said: the speaker who, in the first six turns, says "thank
//     you for calling", "how can I help", "you've reached" or the like;
//  5. the first speaker not yet decided.
//
// Once an agent is known, every speaker still undecided is a customer.
//
// # Errors and limits
//
// Problems in the input are [*ParseError] values, rendered as
// "listenscore: call.vtt:12:14: end time before start time", that wrap a
// sentinel reason ([ErrTimestamp], [ErrEndBeforeStart], [ErrNoSpeaker],
// …) for [errors.Is]. Reading is strict by default: the first bad cue fails
// the read. ReadOptions.Lenient skips bad cues instead and records each as
// a warning in Transcript.Warnings. A turn that starts before the previous
// one is not an error in either mode: it is kept, in source order, with an
// [ErrOutOfOrder] warning, because real transcripts do step back (start
// times rounded to the second, overlapping speech), and metrics that need
// time order sort by start time.
//
// Input size (64 MiB), turn count (200,000) and line length (1 MiB) are
// limited by default (see [ReadOptions]); exceeding a limit fails with
// [ErrTooLarge], [ErrTooManyTurns] or [ErrLineTooLong], in lenient mode too.
// No input makes a reader panic: each is fuzzed.
package listenscore
