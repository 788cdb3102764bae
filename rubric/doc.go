/*
Package rubric grades listenscore analyses against YAML rubrics: criteria on
metrics, each earning weighted points, summed to a score from 0 to 100 and
a grade, with the reasoning and the transcript turns behind every point.

	r, err := rubric.LoadFile("rubrics/tech-support.yaml")
	if err != nil {
		return err // every problem of the file, each "rubric: file:line:col: message"
	}
	res, err := r.ScoreFile("call.vtt") // res.Score, res.Grade, res.Unmet(), res.Analysis
	if err != nil {
		return err // listenscore: call.vtt:12:14: end time before start time
	}

[Rubric.ScoreFile] and [Rubric.Score] (from a reader, stopping when its
context is done) read the call with the rubric's roles, analyse it with the
rubric's settings, phrases and weights (compiled once per Rubric) and grade
it. The steps they take are there for callers who need them:
[listenscore.ReadContext] with [Rubric.Roles], [listenscore.NewAnalyzer]
with [Rubric.Config], then [Rubric.Grade]. [Result.LimitEvidence] keeps a
report or a response short on a long call.

[Default] is the embedded default rubric (default.yaml in this package),
grounded in active-listening practice, with each threshold's source in a
comment.

# The format

A rubric is a YAML mapping with these keys, all optional:

	# yaml-language-server: $schema=../rubric/schema.json
	name: tech-support            # default: the file name without extension
	description: Tier-1 support calls.
	extends: default              # or a path relative to this file
	settings:                     # listenscore.Config
	  silence_seconds: 3          #   SilenceThreshold
	  min_interruption_overlap_seconds: 0.5  # MinInterruptionOverlap
	  max_backchannel_words: 3    #   MaxBackchannelWords
	  min_substantive_words: 5    #   MinSubstantiveWords
	weights: team-weights.json    # Config.Weights: the tag detectors' weights
	phrases:                      # Config.AddPhrases / RemovePhrases, by lexicon
	  empathy:
	    add: [sorry you've been without service]
	    remove: [I understand your frustration]
	roles:                        # listenscore.ReadOptions.Roles: naming an agent
	  Tier1: agent                #   makes every other speaker a customer
	grades:                       # name: minimum score; the lowest must be 0
	  excellent: 85
	  good: 70
	  poor: 0
	passing_grade: good           # the lowest grade that passes
	remove: [talk_ratio]          # drop inherited criteria by id
	criteria:
	  - id: patience              # letters, digits, "_", "-", "."
	    title: Pauses before replying
	    section: Timing           # groups criteria in reports
	    metric: patience_seconds  # one of listenscore.MetricNames
	    min: 0.6                  # band scoring
	    max: 2
	    tolerance: 0.6
	    weight: 10                # > 0; default 1
	  - id: no_interruptions
	    metric: agent_interruptions
	    steps:                    # step scoring
	      - {max: 0, points: 10}
	      - {min: 1, max: 4, points: 5}
	      - {min: 5, points: 0}
	    auto_fail: true
	    applies_when: {metric: duration_seconds, min: 120}

The JSON Schema returned by [Schema] (schema.json in this package) gives
editors completion and checking; point a rubric at it with a
"# yaml-language-server: $schema=…" first line.

# Scoring

A criterion earns points out of its weight:

  - Band scoring: min and/or max (inclusive) give full points inside. With a
    tolerance, credit falls linearly outside, to zero at tolerance beyond
    the bound: with max 0.5 and tolerance 0.2, a value of 0.6 earns
    1 − 0.1/0.2, half the weight. Without one, outside earns nothing.
  - Step scoring: the first step whose range (min and/or max, inclusive)
    holds the value earns its points, as a share of the most points any
    step earns; steps must not overlap, and a value in no step earns
    nothing (Amazon Connect's numeric answers).

A criterion passes with full points, is partial with some and fails with
none. It is n/a, and leaves the score's denominator, when its applies_when
condition does not hold (or its metric is not computable), or when its own
metric is not computable for the call, such as a timing metric on an
untimed transcript: n/a is never scored as zero. The reason says which.

The score is 100 × the points earned over the weights of the applicable
criteria, rounded to 0.01; the grade is the band of the highest minimum the
score reaches. When an auto_fail criterion fails, the call fails whatever
its points: [Result].AutoFailed is set and the score is 0, as an automatic
fail zeroes an Amazon Connect evaluation. When no criterion applies,
[Result].NotApplicable is set, with no score or grade. A call in which the
agent says nothing (no agent turn with text) has no listening to grade:
every criterion is n/a, "the agent says nothing in this call".

# Agents

A call can have several agents: a transfer, a supervisor who joins (see
Roles in the listenscore package documentation; a rubric's roles follow
its rule: naming the agents makes every other speaker of a call a
customer, unless the transcript says otherwise). [Rubric.Grade] grades
the call with the agent side pooled and, when there are several agents,
each agent on their own part of the call ([listenscore.AgentPart]) with
the same criteria, in Result.Agents: the scores a QA team gives agents one
by one.

# Extending a rubric

A rubric that extends another starts from it:

  - a criterion whose id the parent has overrides it key by key; an explicit
    null (min: ~) clears an inherited value; setting min, max or tolerance
    replaces inherited steps, and setting steps replaces an inherited band;
  - a new id adds a criterion after the inherited ones;
  - remove drops inherited criteria (remove, then add again under the same
    id, to start a criterion afresh);
  - settings and roles merge key by key; weights, a path relative to the
    file that names it and inside the rubric directory as extends is, read
    with [listenscore.ReadWeights], is inherited until a child names
    another; phrases merge, a child's add
    undoing a parent's remove of the same phrase and the other way round.
    A removed phrase must be one of the lexicon's embedded phrases
    ([listenscore.DefaultPhrases]) or an inherited addition: removing
    anything else is an error, with the closest phrase suggested;
  - grades, when given, replace the parent's; passing_grade is inherited.

name and description are the file's own. Chains are at most 8 files long,
and a cycle is an error. "default" names the embedded default; any other
extends is a slash-separated path relative to the extending file, resolved
in the [io/fs.FS] given to [Load]. It cannot leave that file system:
absolute paths and paths climbing out of its root are errors, so a service
can give each team a directory of its own. [LoadFile] roots the file system
at the file's directory; [Parse] can extend only the default.

# Validation

Loading is strict, and reports every problem of a file at once, each as an
[*Error] rendered "rubric: file:line:col: message", joined in file order:
unknown keys (with the nearest known key), values of the wrong type,
unknown metric names (with the nearest known name), min above max,
weights that are not positive, duplicate criterion ids, overlapping or
pointless steps, unknown metrics in applies_when, an unknown passing
grade, unknown lexicons and roles, missing, escaping or cyclic extends, and
criteria left without a metric or a scoring rule. Problems that depend on
the extended rubric are reported once the files of the chain are each
valid.

Files larger than 1 MiB, nested deeper than 32 levels, holding more than
100,000 YAML nodes once aliases are expanded (alias bombs), a list or
mapping of more than 1000 entries, or more than one YAML document are
rejected before decoding. Anchors and
aliases are allowed; merge keys (<<) are not.
*/
package rubric
