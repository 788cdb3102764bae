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
//
// DETECTORS-PLACEHOLDER
//
// # Metrics
//
// [Analyze] computes every metric of [MetricNames], in that order. A
// metric that cannot be computed has Valid false and Value 0, which means
// "not applicable", never "zero": a rubric should treat it as N/A. Each
// metric carries [Evidence]: the turns behind its value, each with a
// reason. Totals (word counts, talk ratio, words per minute) carry none.
//
// "Agent" and "customer" mean the turns whose [Role] is agent or customer;
// with several agent or customer speakers their turns are pooled. Turns of
// unknown role count as speech for gaps and dead air but belong to neither
// party.
//
// # Time stamps
//
// Metrics marked "needs times" are computed only when the transcript is
// timed ([Transcript.Timed]: every turn has a start and an end). Otherwise
// they are invalid: an untimed transcript, a start-only one such as
// "[mm:ss] Speaker: text" or Otter text, and one where any turn lacks a
// time. Times are taken as given; turns are ordered by start time (then
// source order) wherever time order matters.
//
// A party's talk time is the union of its turns' spans, so its own
// overlapping turns count once, while time when agent and customer talk
// together counts for both (as in AWS Transcribe Call Analytics, where the
// parties' talk time can exceed the call's length).
//
// A backchannel is a short listener response ("mm-hmm", "I see", "got
// it"; at most Config.MaxBackchannelWords words). It does not take the
// floor: it never interrupts, is never interrupted, does not end the other
// speaker's stretch, is not a speaker switch, and is not a reply for
// patience. It is still speech: it ends a silence and counts in talk time
// and overtalk.
//
// # Talk
//
//   - agent_talk_ratio (unit "ratio (seconds)" or "ratio (words)"): agent
//     talk ÷ (agent talk + customer talk). On a timed transcript talk is
//     talk time in seconds and the unit is "ratio (seconds)"; otherwise
//     it is words (agent_words and customer_words) and the unit is
//     "ratio (words)". The denominator is the parties' speech, not the
//     call's duration (AWS Contact Lens divides by the duration; Gong-style
//     talk ratios divide by speech). Invalid when there is no talk at all.
//   - agent_words, customer_words (words): spoken words of the party's
//     turns, fillers ("um", "uh") included.
//   - duration_seconds (seconds): last end − first start. Needs times.
//   - agent_wpm, customer_wpm (words/min): the party's words ÷ minutes of
//     its own talk time. Needs times; invalid when the party has no talk
//     time.
//   - longest_agent_monologue_seconds, longest_customer_story_seconds
//     (seconds): the party's longest stretch, from the stretch's first
//     start to its latest end. A stretch is a run of consecutive turns (in
//     source order) of one speaker; another speaker's backchannel inside
//     it does not end it, any other turn does (Gong's "longest monologue"
//     and "longest customer story"; Revenue.io's longest streak). Needs
//     times; invalid when the party has no turns. Evidence: the turns of
//     that stretch.
//   - switches_per_minute (per minute): floor changes ÷ call minutes, where
//     a floor change is the start of a new stretch, so backchannels are not
//     switches (MiiTel's "rallies"; Gong's interactivity counts speaker
//     changes). Needs times; invalid when the duration is 0. Evidence: the
//     turns that take the floor.
//
// # Timing
//
// A gap is the time from the end of all earlier speech (the latest end of
// the turns that started before) to a turn's start; it is negative when
// the turn starts while earlier speech is still running. The silence
// before the first turn is not a gap.
//
//   - patience_seconds (seconds): the mean gap before the agent's replies
//     to the customer, an overlap counting as 0. A reply is an agent turn
//     whose latest-ending earlier turn is the customer's; backchannels are
//     left out on both sides (Gong's patience: the pause before the rep
//     speaks after the customer stops). Needs times; invalid when the agent
//     never replies to the customer. Evidence: each reply with its gap.
//   - dead_air_count (count), dead_air_seconds (seconds): the gaps longer
//     than Config.SilenceThreshold (default 3 s: Amazon Connect Contact
//     Lens non-talk time, MiiTel), counted and summed, whoever speaks next.
//     Needs times. Evidence: the turn after each gap.
//   - overtalk_ratio (ratio): seconds in which agent and customer both talk
//     ÷ duration_seconds (the overlap "% of the call" of Symbl and
//     Genesys). Backchannels count: this measures speech, not
//     interruptions. Needs times; invalid when the duration is 0. Evidence:
//     the turn that starts each overlap.
//
// # Interruptions
//
// A turn is tagged [TagInterruption] when it takes the floor from another
// speaker (a different speaker label) and neither turn is a backchannel
// (as Revenue.io separates backchannels from interruptions):
//
//   - timed transcript: the turn starts while a turn of another speaker
//     that started earlier is still running, by more than
//     Config.MinInterruptionOverlap (default 500 ms). All earlier turns of
//     all other speakers are considered, not only the previous one. The
//     reason reads "starts 1.2 s before Customer finishes turn 14";
//   - otherwise: the previous turn, by another speaker, ends visibly cut
//     off ("-", "--", "—", "…"). The reason reads "Customer's turn 14 is
//     cut off ("…so I was-")". Transcripts that never mark cut-offs (most
//     speech-to-text output without times) therefore show none.
//
// Turn numbers in reasons are indexes into Transcript.Turns, as in
// [Evidence].
//
//   - agent_interruptions, customer_interruptions (count): the party's
//     turns tagged interruption. Evidence: those turns.
//
// # Language
//
// The language metrics count the agent's tagged turns (see [Tags]); each
// is valid on any transcript, with or without times. Evidence for a count
// is the tagged turns with the tag's reason.
//
//   - agent_questions (count): agent turns tagged question.
//   - open_questions, closed_questions (count): agent turns tagged
//     open_question or closed_question.
//   - open_question_ratio (ratio): open ÷ (open + closed). Questions that
//     are neither open nor closed are left out (MITI 3.1.1 %OQ: 50 % fair,
//     70 % good). Invalid when there are no open or closed questions.
//   - paraphrases (count): agent turns tagged paraphrase.
//   - paraphrase_rate (ratio): the share of the customer's substantive
//     turns (at least Config.MinSubstantiveWords content words, not a
//     backchannel) whose next agent turn that is not a backchannel is
//     tagged paraphrase. Invalid when the customer has no substantive
//     turns. Evidence: every substantive customer turn, saying whether it
//     was played back.
//   - reflection_to_question_ratio (ratio): paraphrases ÷ agent_questions
//     (MITI 4.2.1 R:Q: 1 fair, 2 good). Invalid when there are no
//     questions.
//   - empathy_statements, acknowledgments, understanding_checks,
//     action_commitments, defensive_statements (count): agent turns tagged
//     empathy, acknowledgment, understanding_check, action_commitment or
//     defensive.
//   - customer_name_uses (count): agent turns that contain the customer's
//     first name, on word boundaries, ignoring case ("Dana's" counts). The
//     name is Config.CustomerName (its first word after a title such as
//     "Mrs"); otherwise the first the call states: a customer's "my name
//     is Dana", "this is Dana" (capitalized) or "it's Dana speaking", or
//     the agent's "am I speaking with Dana?" answered "yes", "yeah",
//     "speaking", "correct", …. Invalid when the name is unknown. Evidence:
//     the turns, each saying where the name came from.
package listenscore
