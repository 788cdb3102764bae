package listenscore

// This file holds the documentation of the per-turn language detectors, to
// be merged into doc.go. It declares nothing.

/*
# Per-turn tags

[Analyze] tags every turn of every speaker. Each tag comes with a short
reason that quotes the cue, for example `open question: starts with "what"`
or `lead-in "it sounds like"; plays back "payment went through twice" (3
shared content words; you→I shift)`. Tags other than interruption are
decided from the words alone, so they work on untimed transcripts.

# Words

Each turn is tokenized once. Letters are lower-cased and typographic
apostrophes folded to "'" ("don’t" = "don't"). A word keeps inner
apostrophes, hyphens ("mm-hmm", "follow-up") and number punctuation
("3.5", "10:30"); a stutter written with hyphens ("that's-that's",
"I-I-I", "w-what") is folded to its last part. Bracketed notes
("[inaudible]", "(laughs)") and quotation marks are not words; words
inside quotation marks are reported speech. The punctuation after a word
is kept as a break: comma, false start ("I- I"), restart ("--", "—", "…"),
full stop, question mark. A sentence is a run of words ending at a
restart, a full stop or a question mark; a clause starts a sentence, or
follows a comma, a false start, "and" or "but".

A content word is a word in neither the "stopwords" nor the "filler"
lexicon. Content words are compared by their Porter2 stem ("charged" =
"charge"), so a stemmer's limits apply: "ran" and "run" differ. Leading
fillers, discourse markers and intensifiers ("so", "okay", "um", "well",
"you know", "just") are skipped before a clause is examined, as are
stutters ("I I") and a short vocative before a comma ("John, …").

# Questions

A sentence is a question when one of its clauses has interrogative form:

  - a wh-word ("what", "how", "why", "where", "when", "who", "which",
    "whose") followed by an auxiliary ("what do…", "how is…", "what's…"),
    or by "about", "else", "if", "come", "not", "for", or by up to four
    words and then an inverted auxiliary and subject ("what kind of work
    do you…"); "what" or "who" followed by a verb form ending in -ed or
    -s or a common irregular past ("what happened", "what brings you",
    "who told you"). "What I'm hearing is…" (subject first) and "what is
    important is…" (a second "is") are statements. In a sentence ending
    in "?", a wh-word opening the sentence suffices unless a pronoun
    subject follows it ("What I mean?"). After a preamble (a later
    clause), only the inverted form counts: "On a scale of 1 to 10, how
    confident are you"; anywhere in a sentence, a wh-word, auxiliary and
    pronoun in a row count ("I'm trying to picture what do you think").
  - an inverted auxiliary: an auxiliary or modal followed by a subject
    ("do you", "is it", "can you", "would you", "have you", "is there").
    After "do", "have" and "had" the subject must be a personal pronoun,
    so "do that" and "have a seat" are imperatives. After a preamble the
    sentence must end in "?".
  - an open request from the "open_request" lexicon ("tell me about",
    "walk me through", "help me understand", "describe"), at a clause
    start or after "you" in the same clause ("maybe you could tell me
    about…"), unless negated ("you didn't tell me about").
  - a frame from the "question_lead" lexicon ("I wonder", "I'm curious",
    "I'd like to know") followed by "if" or "whether" (closed) or by a
    wh-word, "about" or "in" (open).
  - a sentence ending in "?" with none of the above: a tag question
    ("…, right?", "…, isn't it?") is closed; a declarative with a question
    mark ("You were charged twice?") is a question too, closed unless it
    asks for more ("anything else?"), ends with a wh-word ("…and then
    what?") or holds an open request ("why don't you tell me about it?"). A "?" on a backchannel alone ("Yeah?", "Okay?") is not a
    question, nor is reported speech in quotation marks.

"Why don't we…" and "how about you…" are suggestions, not questions.

Open or closed: a wh-question is open, except "which" and "whose", "how"
followed by an adjective or adverb ("how many", "how long", "how
confident"), and "what" followed by a word asking for a time or number
("what time", "what day"), which are closed. An open request is open. An
inverted auxiliary is closed, unless the sentence holds an open request
("can you tell me more about…"), asks for more ("is there anything else…",
"any other…"), or embeds an open wh-clause ("do you have any idea why…").
A turn with several questions is tagged with one type: open when any of
its questions is open, otherwise closed. question is set with either.

# Paraphrase

A turn is tagged paraphrase when one of its statements (sentences that are
not questions by form; a declarative ending in "?" counts as a statement)
plays back the other speaker's preceding talk. That talk, the context, is
the other speakers' turns since this speaker last spoke, extended further
back, past this speaker's own turns, while it holds fewer than 5 content
words ("Yeah." does not end what is being reflected), at most 6 turns
within the 20 turns before it.

For a statement S, with its leading fillers and discourse markers
skipped, let shared be the number of distinct content-word stems of S that
occur in the context (after a lead-in, if any), and content the number of
content words of S. S plays back the context, in this order, when:

 1. it opens, within its first four words, with a phrase of the
    "playback" lexicon ("it sounds like", "what I'm hearing", "you're
    saying", "so you", "you feel", "if I understand") and either
    shared ≥ 1, S addresses the listener (you, your), or S names a
    feeling (the "emotion" lexicon);
 2. shared ≥ 3 and shared ≥ 0.5 × content: a restatement;
 3. S's subject is the listener ("you…", "your…"), not as an
    instruction ("you need to", "you can", "you should", "you will"),
    shared ≥ 1 and the context speaks in the first person;
 4. otherwise, unless the turn also asks a question by form (the
    statement then only sets up the question), S instructs, or S is
    about the speaker (its subject is I, we, "let me", or S holds an
    action commitment): S's subject is the listener; or S opens with a
    summarising "so"; or S names a feeling; or shared ≥ 1.

A turn that is a backchannel is never a paraphrase. The reason names the
rule, quotes the played-back span (from the first to the last shared
word, up to 8 words) and counts the shared words; "you→I shift" notes
that the context speaks in the first person and S in the second.

# Other tags

  - acknowledgment: a phrase of the "acknowledgment" lexicon ("mm-hmm", "I
    see", "got it", "okay", "right", "that makes sense") at the start of
    the turn, after fillers and discourse markers, standing alone: followed
    by punctuation other than "?", the end of the turn, or a discourse
    marker or filler. "I see." acknowledges; "I see the charge on your
    account" does not. Only when another speaker spoke since this
    speaker's last turn.
  - empathy: a phrase of the "empathy" lexicon anywhere ("that sounds
    frustrating", "I'm sorry to hear", "I'd feel the same", "I can
    imagine"). A phrase ending in a feeling word must end the clause or be
    followed by "for", "and", "too", "when", "because", "that" or "right"
    ("that's hard." but not "that's hard to say").
  - understanding_check: a phrase of the "understanding_check" lexicon
    ("did I get that right", "does that make sense") in a question, in a
    sentence ending in "?", or opening with an auxiliary. "Makes sense."
    agrees; "Makes sense?" checks.
  - action_commitment: a phrase of the "action_commitment" lexicon in a
    sentence that is not a question: a first-person future frame and an
    action verb of the "action" lexicon ("I'll send", "let me check", "we
    will follow up") or an explicit undertaking ("I'll make sure", "let me
    go ahead and").
  - defensive: a phrase of the "defensive" lexicon anywhere ("that's not
    our fault", "as I already said", "calm down", "you should have"),
    except "you should have received/seen/gotten…", an expectation.

# Lexicons

Phrases live in editable lexicons (see [Lexicons] and
[Config.AddPhrases]). A phrase matches on word boundaries, case-
insensitively; between its words, fillers ("um", "you know") and
intensifiers ("so", "really", "just") are skipped, so "I'm sorry to hear"
matches "I'm so sorry to hear". A phrase word "<emotion>" or "<action>"
matches any one-word phrase of that lexicon.

# Calibration

[ReadLabels] reads people's labels and [Calibrate] compares them with the
analyses: per tag, over the labelled turns only, TP, FP, FN, precision
TP/(TP+FP), recall TP/(TP+FN) and F1. A label open_question or
closed_question implies question.
*/
