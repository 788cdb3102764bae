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
//	m, _ := a.Metric(listenscore.MetricOpenQuestions)
//
// To analyse many calls with one team's settings, make an [Analyzer] once
// with [NewAnalyzer]: it compiles the Config's phrase edits a single time,
// where Analyze compiles them on every call. A service reads with
// [ReadContext] and analyses with [Analyzer.AnalyzeContext]: both stop
// when the context is done (a client that hangs up, a deadline), checking
// it every few hundred turns. The rubric package's Rubric.ScoreFile does
// all of this in one call with a rubric's settings.
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
// Each speaker is on the agent side or the customer side. A call can have
// several speakers on each: a first agent, the agent a call is transferred
// to, a supervisor who joins; a caller and a spouse on the same line.
// [Speaker] records how each role was decided ([RoleSource]) and why,
// in this order:
//
//  1. the source states it (AWS ParticipantRole, Contact Lens
//     Participants, the canonical JSON);
//  2. ReadOptions.Roles (a rubric's roles, the scorer's -agent) maps the
//     speaker label to a role. When it names an agent who speaks in the
//     call, every other speaker the source does not state is a customer:
//     naming the agents is saying who the agents are;
//  3. the label names a role ("Agent", "Rep", "Supervisor", "Customer",
//     "Caller", …);
//  4. what is said: the speaker who, in the first six turns, says "thank
//     you for calling", "how can I help", "you've reached" or the like,
//     or, on an outbound call, "am I speaking with", "I'm calling about
//     your", "calling on behalf of";
//  5. what is said anywhere in the call, which only the agent side says:
//     a phrase of the embedded "transfer" lexicon ("I'm transferring you
//     to", "let me get my manager"), "thanks for holding", "how can I
//     help", "you're through to", or an introduction as staff ("I'm
//     Marcus, the team supervisor", "this is Ana from billing": "I'm",
//     "this is" or "my name is", a name, then a title such as supervisor,
//     manager or team leader, or "from", "in" or "with" and a department
//     such as billing, support or claims; "the manager of…" is someone
//     else's); or is the first new voice after an agent announces a
//     transfer ("I'm transferring you to metering", then "Metering, this
//     is Dev"). A speaker stays a customer when every other speaker is an
//     agent: a call has a customer;
//  6. the first speaker not yet decided, when no agent is known.
//
// Every speaker still undecided is a customer. Where the source and
// ReadOptions.Roles disagree (the source makes a speaker an agent the
// roles did not name, or the roles make a speaker the source states
// another role), the source is kept, and a warning ([ErrRoleConflict] in
// Transcript.Warnings) names the speaker and the roles given; so does a
// speaker the roles make a customer who talks as an agent does.
//
// # Errors and limits
//
// Problems in the input are [*ParseError] values, rendered as
// "listenscore: call.vtt:12:14: end time before start time", that wrap a
// sentinel reason ([ErrTimestamp], [ErrEndBeforeStart], [ErrNoSpeaker],
// …) for [errors.Is]. For JSON, [ErrSyntax] is malformed JSON and
// [ErrSchema] well-formed JSON without the format's shape (an unknown key,
// a missing "text", a value of the wrong type). Reading is strict by default: the first bad cue fails
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
// # Per-turn tags
//
// [Analyze] tags the turns of every speaker: question, open_question,
// closed_question, acknowledgment and interruption on every turn; the
// agent's listening behaviours (paraphrase, empathy, understanding_check,
// action_commitment, defensive) on every turn that is not a customer's
// (agents' turns, and those of speakers whose role is unknown), because
// they are fitted and measured on agents' turns and only agents are
// graded on them. Each tag comes with a short reason that names the cues
// that carried it, with what each added to the decision: `open question:
// wh-question "what" (+3.1), ends with "?" (+2.9)`. Tags other than interruption are decided from the words alone,
// so they work on untimed transcripts. What each tag means, as the
// project's graders label it:
//
//   - question: the turn asks the other speaker something.
//   - open_question: it invites more than a yes/no or a single fact ("What
//     happened when you tried to log in?", "Tell me more about the
//     charges"). closed_question: it asks for a yes/no, a choice or one
//     fact ("Is the light green?", "What's your policy number?", "Is there
//     anything else?"); a statement said as a question ("So the bill
//     doubled?") is closed. A turn gets one of the two, with question: the
//     kind of the last question it asks. A request to act ("Could you
//     unplug the router?") is an instruction, not a question.
//   - paraphrase: the turn plays back what the other speaker said or meant,
//     as a statement or a question ("So the bill doubled?", "It sounds like
//     you've been without service all week"); never a social formula
//     ("You're welcome", "You too"), an instruction, or the speaker's own
//     information.
//   - acknowledgment: a short verbal cue that shows the listener heard —
//     "mm-hmm", "yeah", "oh", "wow", "right", "okay", "I see", "got it",
//     "perfect", "fair question" — responding to what the other speaker
//     said. The same word answering the other's yes/no question is an
//     answer.
//   - empathy: names, validates or shares the other's feeling, or apologises
//     for their trouble ("I'm sorry it's taken four calls", "I know how you
//     feel", "that's a completely fair worry"); concern for their wellbeing
//     counts, thanking for patience is courtesy.
//   - understanding_check: checks that the speaker understood the other, or
//     the other understood ("Did I get that right?", "Does that make
//     sense?").
//   - action_commitment: commits to a concrete action for the other, or
//     says it is being or has just been taken ("I'll send a new card",
//     "I've credited twenty pounds").
//   - defensive: blames the other, deflects responsibility, argues or
//     justifies instead of listening ("That's not our fault", "As I already
//     said…", "It's clearly stated in the terms"); siding with the other
//     ("You shouldn't have to pay for that") is not.
//   - interruption: see Interruptions below.
//
// # Detectors: named cues, fitted weights
//
// Each language tag is decided by a small linear model over named cues:
// facts about the turn and its context that a person would cite as
// evidence. The question model sets question; given a question, the open
// model chooses open_question or closed_question; the paraphrase,
// acknowledgment, empathy, understanding_check, action_commitment and
// defensive models set their tags. A model sets its tag when its bias plus
// the weighted values of its cues is above zero, and the reason lists the
// cues with the largest positive contributions (for closed_question, the
// largest contributions against open), at most three.
//
// Most cues are 0 or 1; a few are counts or shares. The question cues are
// read from the turn's question: its last sentence with interrogative form
// (see Questions), which the listener is asked to answer. The cues:
//
//   - question form: question_mark (it ends in "?"), wh_question (a
//     wh-question, quoting the wh-word), asks_for_one_fact ("which", "whose",
//     "how" before an adjective such as "how many", "what" before a word for
//     a time or number, or "what's your" followed by a word of the
//     "details" lexicon), yes_no_frame (an inverted auxiliary: "do you",
//     "is it"; "I wonder if"), request_to_act ("could you", "can you", "would
//     you" or "will you" followed by a phrase of the "instruction" lexicon),
//     either_or ("or" inside a yes/no question), open_request (a phrase of
//     the "open_request" lexicon: "tell me about", "walk me through"),
//     embedded_open_question ("do you know why…"), asks_for_more ("anything
//     else"), tag_question ("…, right?"), statement_as_question (a
//     statement ending in "?"), question_at_end (the question is the turn's
//     last sentence), mid_turn_question (it starts mid-turn in unpunctuated
//     speech), suggestion ("why don't we", "how about"), backchannel_question
//     ("Yeah?", "Really?"), unpunctuated (a turn of more than 6 words with no
//     punctuation).
//   - playing back: playback_lead_in (a phrase of the "playback" lexicon
//     within the first four words of a sentence: "it sounds like", "what
//     I'm hearing", "are you saying"), shared_words (the content-word stems
//     the turn's statements share with the other speaker's recent talk,
//     counted up to 6), shared_share (shared ÷ the statements' content
//     words), you_statement (a statement whose subject is "you" or "your",
//     not an instruction such as "you need to"), person_shift (the other
//     spoke of "I", this turn of "you", with shared words), sums_up (a
//     statement opening with "so"), speaker_subject (a statement about the
//     speaker: "I", "we", "let me"), thing_subject (about a thing: "there's",
//     "it's", "the…", a number), instruction (a sentence opening with a
//     phrase of the "instruction" lexicon), social_formula (the share of
//     the turn's words in phrases of the "social_formula" lexicon: "you're
//     welcome", "have a good day"), no_context (no other speaker spoke
//     before), answers_question (the other speaker's turn just before ends
//     on a question).
//   - feelings: names_feeling (a word or phrase of the "emotion" lexicon
//     that is not the speaker's own: not within three words after "I" or
//     "my", unless "I'd"/"would" makes it shared; "I'm afraid…" and "as far
//     as we're concerned" are idioms), listener_feeling (a feeling or "feel"
//     within four words after "you" or "your" in a statement: "you must be
//     worried", "you sound worn down"), empathy_phrase,
//     care, courtesy and sides_with_customer (phrases of the lexicons of
//     those names), apology ("sorry", "apologise").
//   - listening: acknowledgment_opening (a phrase of the "acknowledgment"
//     lexicon at the turn's start, past fillers and discourse markers,
//     standing alone: followed by punctuation, the end of the turn, or
//     another cue, marker or filler), backchannel_turn (the whole turn is a
//     backchannel), answers_yes_no (the turn opens with yes, yeah, no, sure,
//     right, okay… right after the other speaker's yes/no question),
//     follows_other_speaker (another speaker spoke since this speaker's last
//     turn).
//   - commitments and the rest: check_phrase, commitment_phrase, hedge and
//     defensive_phrase (phrases of the "understanding_check",
//     "action_commitment", "hedge" and "defensive" lexicons; a defensive
//     "you should have" followed by "received", "it" and the like is an
//     expectation), done_action ("I've", "I'm", "we have", "I just" followed
//     within a few words by a form of an "action" verb: "I've credited",
//     "I'm escalating"), length (ln(1 + words)), short_turn (at most three
//     words).
//
// Which cues each model weighs is fixed in code (what can bear on a tag at
// all); how much each counts, and the bias, are data: the embedded
// weights.json, fitted by [Fit] on two labelled sets — AnnoMI-dev's 89
// motivational-interviewing conversations (question, open and closed
// questions, paraphrase) and the project's own labelled customer-service
// calls (every tag) — each set counting the same in all. The file names
// the command and the data that produced it; [DefaultWeights] returns it,
// [ReadWeights] reads another and Config.Weights uses it.
//
// # Fitting
//
// [Fit] fits the weights to people's labels: per model, a logistic
// regression over its cues, penalised by L2/2 × Σ (w − start)² (FitOptions:
// L2 default 0.3, the start the weights fitting begins from, zero or
// Start), solved by Newton's method to convergence and rounded to three
// decimals, so that the same labels give the same file, byte for byte. A
// labels set is evidence only about the tags it uses; a tag no set uses
// keeps Start's model. [CrossValidate] measures a refit out of sample: each
// set's conversations are sorted by file name and dealt into five folds in
// turn, and each fold is tagged by weights fitted without it.
//
// # Words
//
// Each turn is tokenized once. Letters are lower-cased and typographic
// apostrophes folded to "'" ("don’t" = "don't"). A word keeps inner
// apostrophes, hyphens ("mm-hmm", "follow-up") and number punctuation
// ("3.5", "10:30"); a stutter written with hyphens ("that's-that's",
// "I-I-I", "w-what") is folded to its last part. A contraction written
// without its apostrophe, as some speech-to-text output is ("im", "dont",
// "youll", "thats"), reads as the contraction; "ill" reads as "I'll" unless
// a word such as "is", "was", "feel" or "very" before it makes it the
// adjective. Bracketed notes
// ("[inaudible]", "(laughs)") and quotation marks are not words; words
// inside quotation marks are reported speech. The punctuation after a word
// is kept as a break: comma, false start ("I- I"), restart ("--", "—", "…"),
// full stop, question mark. A sentence is a run of words ending at a
// restart, a full stop or a question mark; a clause starts a sentence, or
// follows a comma, a false start, "and" or "but". A turn with no
// punctuation at all, as some speech-to-text output is, is one long
// sentence: there a clause also starts after a filler or discourse marker
// ("okay uh thanks um can you…") and at an auxiliary followed by a
// personal pronoun that does not follow a subject ("…for adults are you
// drinking…", "…friday does that work for you"), and such a clause counts
// as a sentence start.
//
// A content word is a word in neither the "stopwords" nor the "filler"
// lexicon. Content words are compared by their Porter2 stem ("charged" =
// "charge"), so a stemmer's limits apply: "ran" and "run" differ. Leading
// fillers, discourse markers and intensifiers ("so", "okay", "um", "well",
// "you know", "just") are skipped before a clause is examined, as are
// stutters ("I I") and a short vocative before a comma ("John, …").
//
// # Questions
//
// A sentence has interrogative form when one of its clauses does:
//
//   - a wh-word ("what", "how", "why", "where", "when", "who", "which",
//     "whose") followed by an auxiliary ("what do…", "how is…", "what's…"),
//     or by "about", "else", "if", "come", "not", "for", or by up to four
//     words and then an inverted auxiliary and subject ("what kind of work
//     do you…"); "what" or "who" followed by a verb form ending in -ed or
//     -s or a common irregular past ("what happened", "who told you"). "What
//     I'm hearing is…" (subject first) and "what is important is…" (a
//     second "is") are statements. In a sentence ending in "?", a wh-word
//     opening the sentence suffices unless a pronoun subject follows it.
//     After a preamble (a later clause), only the inverted form counts: "On
//     a scale of 1 to 10, how confident are you"; anywhere in a sentence, a
//     wh-word, auxiliary and pronoun in a row count.
//   - an inverted auxiliary: an auxiliary or modal followed by a subject
//     ("do you", "is it", "can you", "is there"). After "do", "have" and
//     "had" the subject must be a personal pronoun, so "do that" and "have a
//     seat" are imperatives. After a preamble the sentence must end in "?".
//   - an open request of the "open_request" lexicon at a clause start, or
//     after "you" in the same clause, unless negated.
//   - a frame of the "question_lead" lexicon ("I wonder", "I'm curious")
//     followed by "if" or "whether", a wh-word, "about" or "in".
//   - a sentence ending in "?" with none of the above: a tag question, a
//     request for more ("anything else?"), a wh-word at its end ("…and then
//     what?"), an open request, or a statement said as a question. A "?" on
//     a backchannel alone ("Yeah?") or on reported speech in quotation
//     marks is not a question.
//
// "Why don't we…" and "how about you…" are suggestions, not questions. In
// an unpunctuated turn (speech-to-text without punctuation) a clause also
// starts after a filler or discourse marker and at an auxiliary followed by
// a personal pronoun that does not follow a subject ("…for adults are you
// drinking…").
//
// # Context
//
// A turn is read against the other side: an agent-side turn against the
// customer side's talk, never a colleague's; a customer-side turn against
// the agent side's (a turn of unknown role against the other speakers').
// The "other speaker" of the cues above is the other side. The talk a
// turn can play back, its context, is the other side's turns since this
// turn's side last spoke, extended further back, past its own side's turns
// (a colleague's included), while it holds fewer than 5 content words
// ("Yeah." does not end what is being reflected), at most 6 turns within
// the 20 turns before it. Content words are compared by stem.
//
// # Lexicons
//
// Phrases live in editable lexicons (see [Lexicons] and
// [Config.AddPhrases]). A phrase matches on word boundaries, case-
// insensitively; between its words, fillers ("um", "you know") and
// intensifiers ("so", "really", "just") are skipped, so "I'm sorry to hear"
// matches "I'm so sorry to hear". A phrase word "<emotion>" or "<action>"
// matches any one-word phrase of that lexicon.
//
// # Calibration
//
// [ReadLabels] reads people's labels and [Calibrate] compares them with the
// analyses: per tag, over the labelled turns only, TP, FP, FN, precision
// TP/(TP+FP), recall TP/(TP+FN) and F1. A label open_question or
// closed_question implies question. Calibration.Disagreements lists every
// false positive and false negative on a tag the labels use, with the
// turn's text, labels, tags and the tag's reason: the turns to read, with
// the graders, before trusting or changing a detector. When the graders
// read the tags differently from the project, [Fit] refits the weights to
// their labels, starting from the embedded ones, and [CrossValidate] says
// how the refit agrees with them on conversations it was not fitted on.
//
// # Metrics
//
// [Analyze] computes every metric of [MetricNames], in that order. A
// metric that cannot be computed has Valid false and Value 0, which means
// "not applicable", never "zero": a rubric should treat it as N/A. Each
// metric carries [Evidence]: the turns behind its value, each with a
// reason. Totals (word counts, talk ratio, words per minute) carry none.
//
// "Agent" and "customer" mean the turns whose [Role] is agent or customer:
// with several speakers on a side (a transfer, a supervisor, two callers
// on one line) the side's turns are pooled. Turns of unknown role count as
// speech for gaps and dead air but belong to neither party.
//
// # Agents' parts
//
// Analysis.Agents has each agent-side speaker's part of the call
// ([AgentPart]), for grading agents one by one: from the agent's first
// turn to their last (from the start of the call for the agent side's
// first speaker, to its end for its last), with every metric computed over
// those turns as if that speaker were the only agent. The colleagues'
// turns there are speech of neither party: they end silences and
// stretches but are no one's talk, replies or interruptions. Holds and
// transfers count those the agent announces and makes; paraphrase_rate
// counts the customer's substantive turns that the agent, not a colleague,
// answers first. With one agent-side speaker the part is the call. The
// parts' turns add up to at most twice the call's, which bounds the
// analysis's memory and time: when the agent-side speakers each span the
// call (labels that do not tell agents apart), the later ones get no part.
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
//   - duration_seconds (seconds): the last end time − the first start
//     time; valid whenever some turn has a start and some turn an end.
//   - agent_wpm, customer_wpm (words/min): the party's words ÷ minutes of
//     its own talk time. Needs times; invalid when the party has no talk
//     time.
//   - longest_agent_monologue_seconds, longest_customer_story_seconds
//     (seconds): the party's longest stretch, counted in speaking time:
//     the union of the stretch's turns' spans, not the span from its first
//     start to its last end. A stretch is a run of consecutive turns (in
//     source order) of one speaker; another speaker's backchannel inside
//     it does not end it, any other turn does, and so does a silence
//     longer than Config.SilenceThreshold before any of its turns or
//     backchannels (Gong's "longest monologue" and "longest customer
//     story"; Revenue.io's longest streak). A hold's silence does not end
//     a stretch and adds nothing to it: the talk before and after a hold
//     counts as if the hold were cut out of the call. Needs times; invalid
//     when the party has no turns. Evidence: the turns of that stretch.
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
//     speaks after the customer stops). Only pauses count: a reply after a
//     gap longer than Config.SilenceThreshold is left out, because that
//     gap is a wait (dead air, or a hold), already counted where it
//     belongs, and one wait would swamp the mean (a 115 s wait among ten
//     1 s replies makes the mean 11.4 s against a 0.6–2 s target). Needs
//     times; invalid when the agent never replies to the customer within
//     the threshold. Evidence: each reply with its gap.
//   - dead_air_count (count), dead_air_seconds (seconds): the gaps longer
//     than Config.SilenceThreshold (default 3 s: Amazon Connect Contact
//     Lens non-talk time, MiiTel), counted and summed, whoever speaks next,
//     except a hold's silences (see Holds) and the wait between an
//     announced transfer and the new voice's first turn (see Transfers):
//     an unannounced silence is dead air, an announced wait is not. Needs
//     times. Evidence: the turn after each gap.
//   - overtalk_ratio (ratio): seconds in which agent and customer both talk
//     ÷ duration_seconds (the overlap "% of the call" of Symbl and
//     Genesys). Backchannels count: this measures speech, not
//     interruptions. Needs times; invalid when the duration is 0. Evidence:
//     the turn that starts each overlap.
//
// # Holds
//
// A hold is a wait the agent side announces ([Hold]): an agent-side turn
// with a phrase of the "hold" lexicon ("one moment please", "bear with
// me", "let me put you on a brief hold", "please stay on the line while it
// reboots") or a wait with its length ("it'll take about two minutes to
// restart", "give it thirty seconds": "take" or "give it", then a length
// in seconds or minutes). The hold lasts until the agent side's next turn
// that is not a backchannel, its return. On a timed call its silence is
// every gap longer than Config.SilenceThreshold from the announcement to
// the return (the customer calling "hello?" in the middle does not end
// it), and an announcement with no such gap after it is no hold; without
// times every announcement is a hold, of unknown length. A hold's silence
// is not dead air, not agent talk, not part of a monologue or a customer
// story, and not a pause for patience.
//
//   - hold_count (count): the agent's holds. Evidence: each announcing
//     turn, with its silence and return.
//   - hold_seconds, longest_hold_seconds (seconds): the holds' silences,
//     summed and the longest (Amazon Connect's CUSTOMER_HOLD_TIME and
//     LONGEST_HOLD_DURATION); 0 when there are none. Needs times: null on
//     an untimed call, where the holds are counted but not timed.
//   - holds_explained (ratio): the share of holds for which the agent side
//     said why or how long, in the announcing turn or in its turns just
//     before (since the customer side last said more than a backchannel):
//     "while…", "because…", "so I can…", "so that…"; "to", "let me",
//     "I'll" or "just" before a verb of the "action" lexicon or check,
//     look, see, find, speak, talk, ask ("let me check with billing", "I
//     need to speak to the adjuster's team"), but not put, place, pop or
//     hold ("let me put you on hold" explains nothing); or a length in
//     minutes, or in seconds other than one ("a few minutes", "thirty
//     seconds"; "one moment" and "a second" are not lengths). Invalid
//     when there are no holds. Evidence: each hold, with the words.
//   - holds_thanked (ratio): the share of holds whose return thanks or
//     apologises for the wait: a phrase of the "hold_return" lexicon with
//     thank, thanks, appreciate, sorry or apologies in it ("thank you for
//     holding", "sorry for the wait"; "are you still there?" returns
//     without thanks). Invalid when there are no holds. Evidence: each
//     return, or the announcing turn when the call ends on hold.
//
// # Transfers
//
// A transfer ([Transfer], Analysis.Transfers) is a new agent-side voice:
// an agent-side speaker's first turn after another agent-side speaker has
// spoken (a transfer, an escalation, a supervisor joining), at that
// turn's start. It is announced by the latest agent-side turn since the
// previous transfer with a phrase of the "transfer" lexicon ("I'm
// transferring you to billing", "let me get my supervisor"), and warm
// when the agent who had the call speaks again after the new voice joins
// (a handover on the line), blind otherwise. An announcement in one of
// the agent side's last two turns with no new voice after it is a
// transfer out of the transcript, at the announcing turn's end.
//
//   - transfers (count): the transfers the agent makes. Evidence: the new
//     voice's first turn (or the announcement), with who, when, warm or
//     blind, and the announcement.
//
// # Interruptions
//
// A turn is tagged [TagInterruption] when it takes the floor from the
// other side (see Context: an agent interrupts the customer side, never a
// colleague; a speaker of unknown role, any other speaker) and neither
// turn is a backchannel (as Revenue.io separates backchannels from
// interruptions):
//
//   - a turn with a start and an end: it starts while a turn of the other
//     side that has both times and started earlier is still running, by
//     more than Config.MinInterruptionOverlap (default 500 ms). All
//     earlier timed turns of the other side are considered, not only the
//     previous one. The reason reads "starts 1.2 s before Customer
//     finishes turn 14";
//   - where the turn or the one before it lacks a time (an untimed
//     transcript, or a turn without an end in a timed one): the previous
//     turn, of the other side, ends visibly cut off ("-", "--", "—",
//     "…"). The reason reads "Customer's turn 14 is cut off ("…so I
//     was-")". Transcripts that never mark cut-offs (most speech-to-text
//     output without times) therefore show none.
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
// is valid on any transcript, with or without times, in which the agent
// says something. A party that says nothing (no turn with that role, or
// only empty ones) has no behaviour to count: its counts, agent_talk_ratio,
// paraphrase_rate and customer_name_uses are invalid with the note "the
// agent says nothing in this call", never zero. Evidence for a count
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
//     backchannel) whose next agent-side turn that is not a backchannel is
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
//     first name, on word boundaries, ignoring case ("Dana's" counts), or
//     a title and the surname ("Mrs Ito") when the surname is known. The
//     name is Config.CustomerName (its first word after a title such as
//     "Mrs", and its last when there are more); otherwise the first the
//     call states: a customer's "my name is Dana", "this is Dana"
//     (capitalized) or "it's Dana speaking", the agent's "am I speaking
//     with Dana?" answered "yes", "yeah", "speaking", "correct", …, or the
//     customer's answer to the agent asking for their name ("can I take
//     your full name?", "who am I speaking with?") when its first phrase
//     is only the name, capitalized ("Dana Ito, fourth of May", "Sure,
//     it's Dana."); failing those, a customer's speaker label that reads
//     as a person's name ("Dana Ito", not "Caller" or "Speaker 2").
//     With several customers on the line, an agent turn that uses the
//     first name of another customer whose speaker label is a name
//     ("Doug" of "Doug Marsh") counts too. Invalid when the name is
//     unknown. Evidence: the turns, each saying which name and where it
//     came from.//
//
// # Was the customer heard
//
// The strongest evidence of poor listening is what the customer does when
// not heard. These metrics read both sides; each is valid on any
// transcript, with or without times, in which the party it counts says
// something (seconds_to_first_solution needs two start times). Phrases
// come from lexicons a team can edit like the others ("repeat_marker",
// "listening_complaint", "asks_for_problem", "problem", "solution",
// "closing_summary"); they are compiled apart from the tags' lexicons, so
// editing them changes no tag.
//
// A detail is a number of at least three digits, written ("5512",
// "55-12", "5512 8841" read as one) or spoken ("five five one two",
// "double six"); an e-mail address, written or spoken ("dana at example
// dot com"); a name the customer states (as for customer_name_uses); an
// address, a house number and a street of one to three words and a
// suffix ("5 Mill Lane", played back by naming the street); a month,
// weekday or "yesterday"; or the problem: a customer turn of at
// least Config.MinSubstantiveWords content words with a phrase of the
// "problem" lexicon ("not working", "charged twice"). A number is the
// detail a "details" phrase names within four words before it ("order
// 88123", "account number is 5512"), else the one the agent's last turn
// asked for, else "number".
//
//   - customer_repeats (count): customer turns, other than backchannels,
//     that say again what the customer already said after the agent has
//     spoken: a detail stated again (not one the agent just said: "yes,
//     5512" confirming the agent's "5512?" is not a repeat); or at least 3
//     content words (by stem) shared with one of the customer's 30
//     previous turns (the most recent such turn), making at least 40% of
//     the turn's distinct content words, leaving out words the agent used since the customer last
//     spoke (taking up the agent's words, as in answering its paraphrase,
//     is not repeating); or a phrase of "repeat_marker" ("as I said",
//     "like I said", "I already told you") or a sentence opening with
//     "again,". Evidence: each repeat, then the earlier turn it goes back
//     to (for a marker without shared words, the turn alone).
//   - agent_reasks (count): agent question turns that ask for a detail the
//     customer has already given: a "details" phrase ("account number",
//     "email", "name", "address", "date") in a sentence ending in "?" (in
//     any sentence when the turn has no "?"), or a phrase of
//     "asks_for_problem" ("how can I help", "what seems to be the
//     problem") after the customer described the problem. A question that
//     plays the value back ("that's 5512, right?"; for the problem, one
//     tagged paraphrase) is a confirmation, not a re-ask; nor is asking to
//     spell. Evidence: each re-ask, then the turn where the customer gave
//     the detail, with the detail.
//   - listening_complaints (count): customer turns with a phrase of
//     "listening_complaint" ("you're not listening", "let me finish", "that's
//     not what I said", "hello? are you there?"), reported speech included
//     ("my wife said you're not listening to us"), once the agent has
//     said something. The agent's "I'm listening" is not the customer's
//     complaint. Evidence: the turns, with
//     the phrase.
//   - questions_before_solution (count): agent turns tagged question before
//     the agent's first solution: the first agent turn after the customer
//     first speaks that holds a phrase of "solution" ("have you tried",
//     "I'd recommend", "what I can do is"); commits to act — "I'll", "I
//     will", "we'll", "I can", "we can", "I've", "let me", "I'm going to"
//     followed within five words by an "action" verb that does not look
//     something up (not "check", "look", "pull up", "verify", …); or opens
//     a sentence with an instruction ("try restarting", "you need to"),
//     unless the sentence asks for a detail or to wait ("please hold",
//     "don't worry"). Invalid when there is none. Evidence: the questions,
//     then the solution.
//   - seconds_to_first_solution (seconds): the first solution's start −
//     the start of the customer's first turn with words: how long the
//     customer had to describe the issue. Needs those two start times
//     only; invalid without a solution. Evidence: the two turns.
//   - closing_summary (count): agent turns in the call's last third (turn
//     index ≥ ⌊2n/3⌋ of n turns) with a phrase of "closing_summary" ("so
//     to recap", "just to confirm", "so what happens next") that state
//     what was done or will happen: a later "will", "you'll", "I've", "going
//     to", …, or the turn is tagged action_commitment. A mid-call
//     paraphrase is not one. Evidence: the turns.
//
// # The customer's mood
//
// Each customer turn with words gets a [Sentiment]: from −1 (most
// negative) to +1, in Analysis.Sentiment. When the source labels the turn
// (AWS Call Analytics and Contact Lens give POSITIVE, NEGATIVE, NEUTRAL or
// MIXED per turn, in Turn.SentimentLabel) the label is used: 1, −1, 0
// and 0. Otherwise it is VADER's compound score (Hutto and Gilbert, ICWSM
// 2014): VADER's lexicon of 7,500 rated words and emoticons, embedded, with
// VADER's rules — a negation in the three words before flips and scales
// (× −0.74), degree adverbs add or take 0.293 ("very", "kind of"), a word
// in capitals among words that are not adds 0.733, words before "but"
// count half and after it 1.5 times, each "!" adds 0.292 (at most four),
// two or three "?" add 0.18 each — summed and normalised to sum ÷ √(sum² +
// 15). Two adjustments for speech: "like" counts only as a verb (after a
// subject or an auxiliary: "I like it"), and an answer or discourse marker
// ("yes", "yeah", "okay", "well", "right", "sure") opening a clause and
// followed by a pause is not sentiment. The README gives its measured
// agreement with people.
//
//   - customer_sentiment_start, customer_sentiment_end (sentiment, −1 to 1):
//     the mean sentiment of the first and of the last third of the
//     customer's turns with words (⌈n/3⌉ of n turns), each turn weighted by
//     its words. Invalid when the customer says nothing. Evidence: those
//     turns, with the words that weighed most.
//   - customer_sentiment_shift (sentiment change, −2 to 2): end − start.
//     Invalid with fewer than two customer turns with words. Evidence: the
//     first turn of the first third and the last of the last, with each
//     third's mean.
package listenscore
