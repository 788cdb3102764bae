package listenscore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// plainTurns renders each turn as `line:col [start end] Speaker: "text"`.
func plainTurns(tr *Transcript) []string {
	var out []string
	for _, tu := range tr.Turns {
		start, end := turnClocks(tu)
		out = append(out, fmt.Sprintf("%d:%d [%s %s] %s: %q", tu.Line, tu.Column, start, end, tu.Speaker, tu.Text))
	}
	return out
}

func plainWarnings(tr *Transcript) []string {
	var out []string
	for _, w := range tr.Warnings {
		out = append(out, w.Error())
	}
	return out
}

// plainCase is one read of a string as call.txt.
type plainCase struct {
	name   string
	reason string
	in     string
	opts   ReadOptions
	// want lists the turns (see plainTurns) and warnings of a successful
	// read.
	want     []string
	warnings []string
	// format is the format detection must choose; empty means FormatText
	// unless opts.Format is set.
	format Format
	// err is the exact message of a failed read, and is its reason.
	err string
	is  error
}

func runPlainCases(t *testing.T, cases []plainCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := Read("call.txt", strings.NewReader(tc.in), tc.opts)
			if tc.err != "" {
				require.Error(t, err, tc.reason)
				assert.Equal(t, tc.err, err.Error(), tc.reason)
				assert.ErrorIs(t, err, tc.is)
				var pe *ParseError
				assert.ErrorAs(t, err, &pe)
				return
			}
			require.NoError(t, err, tc.reason)
			want := tc.format
			if want == "" {
				want = tc.opts.Format
			}
			if want == "" {
				want = FormatText
			}
			assert.Equal(t, want, tr.Format, "format")
			assert.Equal(t, tc.want, plainTurns(tr), tc.reason)
			assert.Equal(t, tc.warnings, plainWarnings(tr), tc.reason)
			for _, w := range tr.Warnings {
				var pe *ParseError
				assert.ErrorAs(t, w, &pe)
			}
		})
	}
}

func TestReadText(t *testing.T) {
	lenient := ReadOptions{Lenient: true}
	runPlainCases(t, []plainCase{
		{
			name: "untimed",
			in:   "Agent: Thank you for calling.\nCustomer: Hi, I have a question about my bill.\n",
			want: []string{
				`1:1 [- -] Agent: "Thank you for calling."`,
				`2:1 [- -] Customer: "Hi, I have a question about my bill."`,
			},
		},
		{
			name: "CRLF",
			in:   "Agent: Hello.\r\nCustomer: Hi.\r\n\r\nAgent: How can I help?\r\n",
			want: []string{
				`1:1 [- -] Agent: "Hello."`,
				`2:1 [- -] Customer: "Hi."`,
				`4:1 [- -] Agent: "How can I help?"`,
			},
		},
		{
			name:   "lone CR",
			reason: "old Mac line endings still count lines",
			in:     "Agent: Hello.\rCustomer: Hi.\r\rAgent: How can I help?",
			want: []string{
				`1:1 [- -] Agent: "Hello."`,
				`2:1 [- -] Customer: "Hi."`,
				`4:1 [- -] Agent: "How can I help?"`,
			},
		},
		{
			name:   "BOM",
			reason: "the byte order mark is not part of the first label",
			in:     "\ufeff[00:01] Agent: Hello.\n[00:03] Customer: Hi.\n",
			want: []string{
				`1:1 [0:00:01.000 -] Agent: "Hello."`,
				`2:1 [0:00:03.000 -] Customer: "Hi."`,
			},
		},
		{
			name: "UTF-8 names",
			in:   "José Álvarez: Buenos días.\nАгент: Здравствуйте, чем могу помочь?\nJosé Álvarez: Tengo un problema con mi factura.\n",
			want: []string{
				`1:1 [- -] José Álvarez: "Buenos días."`,
				`2:1 [- -] Агент: "Здравствуйте, чем могу помочь?"`,
				`3:1 [- -] José Álvarez: "Tengo un problema con mi factura."`,
			},
		},
		{
			name:   "no-break spaces around labels",
			reason: "a label pasted from a document keeps neither its leading nor its trailing no-break space",
			in:     "\u00a0Agent: Hello.\nCustomer\u00a0: Hi.\n\u00a0: not a label\n",
			want: []string{
				`1:1 [- -] Agent: "Hello."`,
				`2:1 [- -] Customer: "Hi. \u00a0: not a label"`,
			},
		},
		{
			name: "empty file",
			in:   "",
			err:  "listenscore: call.txt: no turns in transcript",
			is:   ErrEmpty,
		},
		{
			name: "whitespace only",
			in:   "  \n\t\r\n \n",
			err:  "listenscore: call.txt: no turns in transcript",
			is:   ErrEmpty,
		},
		{
			name:   "one speaker only",
			reason: "consecutive turns of one speaker are never merged",
			in:     "Agent: Hello?\nAgent: Are you there?\n",
			want: []string{
				`1:1 [- -] Agent: "Hello?"`,
				`2:1 [- -] Agent: "Are you there?"`,
			},
		},
		{
			name: "out of order: kept with a warning, strict or lenient",
			in:   "[00:10] Agent: One.\n[00:05] Customer: Two.\n",
			want: []string{
				`1:1 [0:00:10.000 -] Agent: "One."`,
				`2:1 [0:00:05.000 -] Customer: "Two."`,
			},
			warnings: []string{"listenscore: call.txt:2:1: turn starts before the previous turn: 0:00:05.000 < 0:00:10.000 at line 1"},
		},
		{
			name:   "shared start time",
			reason: "several utterances may share one stamp (AnnoMI)",
			in:     "[00:05] Agent: Okay.\n[00:05] Customer: Sure.\n[00:05] Agent: So.\n",
			want: []string{
				`1:1 [0:00:05.000 -] Agent: "Okay."`,
				`2:1 [0:00:05.000 -] Customer: "Sure."`,
				`3:1 [0:00:05.000 -] Agent: "So."`,
			},
		},
		{
			name: "end before start",
			in:   "[00:01 - 00:03] Agent: One.\n[00:04.5 - 00:02] Customer: Two.\n",
			err:  "listenscore: call.txt:2:1: end time before start time: 0:00:02.000 < 0:00:04.500",
			is:   ErrEndBeforeStart,
		},
		{
			name: "end before start lenient",
			in:   "[00:01 - 00:03] Agent: One.\n[00:04.5 - 00:02] Customer: Two.\n  with more.\n[00:05 - 00:06] Agent: Three.\n",
			opts: lenient,
			want: []string{
				`1:1 [0:00:01.000 0:00:03.000] Agent: "One."`,
				`4:1 [0:00:05.000 0:00:06.000] Agent: "Three."`,
			},
			warnings: []string{"listenscore: call.txt:2:1: end time before start time: 0:00:02.000 < 0:00:04.500"},
		},
		{
			name:   "overlapping ranges",
			reason: "talking over each other is allowed; only starts must not go back",
			in:     "[00:01.5 - 00:04.2] Agent: How can I help?\n[00:03.9 - 00:06] Customer: My internet is down.\n",
			want: []string{
				`1:1 [0:00:01.500 0:00:04.200] Agent: "How can I help?"`,
				`2:1 [0:00:03.900 0:00:06.000] Customer: "My internet is down."`,
			},
		},
		{
			name: "range separators",
			in: "[00:00:01,500 --> 00:00:02,000] Agent: Arrow.\n[00:03 – 00:04] Customer: En dash.\n" +
				"[00:05—00:06] Agent: Em dash.\n[ 00:07-00:08 ] Customer: Tight.\n",
			want: []string{
				`1:1 [0:00:01.500 0:00:02.000] Agent: "Arrow."`,
				`2:1 [0:00:03.000 0:00:04.000] Customer: "En dash."`,
				`3:1 [0:00:05.000 0:00:06.000] Agent: "Em dash."`,
				`4:1 [0:00:07.000 0:00:08.000] Customer: "Tight."`,
			},
		},
		{
			name: "longer than an hour",
			in:   "[0:59:58] Agent: Thanks for holding.\n[1:00:03] Customer: Finally.\n[1:02:10.250] Agent: It's fixed.\n",
			want: []string{
				`1:1 [0:59:58.000 -] Agent: "Thanks for holding."`,
				`2:1 [1:00:03.000 -] Customer: "Finally."`,
				`3:1 [1:02:10.250 -] Agent: "It's fixed."`,
			},
		},
		{
			name: "minutes above 59",
			in:   "[59:59] Agent: Still there?\n[75:02] Customer: Yes.\n[120:00.5] Agent: Good.\n",
			want: []string{
				`1:1 [0:59:59.000 -] Agent: "Still there?"`,
				`2:1 [1:15:02.000 -] Customer: "Yes."`,
				`3:1 [2:00:00.500 -] Agent: "Good."`,
			},
		},
		{
			name: "parenthesised and bare stamps",
			in:   "(00:01) Agent: Hello.\n00:03 Customer: Hi.\n0:01:05.5\tAgent: Tab.\n",
			want: []string{
				`1:1 [0:00:01.000 -] Agent: "Hello."`,
				`2:1 [0:00:03.000 -] Customer: "Hi."`,
				`3:1 [0:01:05.500 -] Agent: "Tab."`,
			},
		},
		{
			name:   "stamp before the colon",
			reason: "Rev's export: the label line ends with the stamp and the text follows",
			in:     "Speaker 1 (00:05):\nThanks for calling.\n\nSpeaker 2 [00:09 - 00:12] :\nHi.\n",
			want: []string{
				`1:1 [0:00:05.000 -] Speaker 1: "Thanks for calling."`,
				`4:1 [0:00:09.000 0:00:12.000] Speaker 2: "Hi."`,
			},
		},
		{
			name:   "continuation lines",
			reason: "a label-less line continues the turn, blank lines in between are ignored, white space folds",
			in:     "Agent:   Let me   check\tthat.\n  One moment,\n\nplease.\nCustomer:\nSure.\n",
			want: []string{
				`1:1 [- -] Agent: "Let me check that. One moment, please."`,
				`5:1 [- -] Customer: "Sure."`,
			},
		},
		{
			name:   "white space in one line",
			reason: "runs of blanks fold to one space; labels fold too",
			in:     "Agent  Smith:  Two  spaces.\nCustomer:\fForm\vfeed.\nAgent  Smith: \t\n",
			want: []string{
				`1:1 [- -] Agent Smith: "Two spaces."`,
				`2:1 [- -] Customer: "Form feed."`,
				`3:1 [- -] Agent Smith: ""`,
			},
		},
		{
			name:   "colons that are not labels",
			reason: "times, URLs, sentences and contractions before a colon make a continuation line",
			in: "Customer: I called twice.\n" +
				"At 10:30 nobody answered.\n" +
				"10:45 was no better.\n" +
				"https://example.com/help: useless.\n" +
				"Well, the reason is simple: nobody cares.\n" +
				"I'm telling you: it's broken.\n" +
				"and then there was this thing: a fee.\n" +
				"Dr. Ng: Noted.\n",
			want: []string{
				`1:1 [- -] Customer: "I called twice. At 10:30 nobody answered. 10:45 was no better. https://example.com/help: useless. Well, the reason is simple: nobody cares. I'm telling you: it's broken. and then there was this thing: a fee."`,
				`8:1 [- -] Dr. Ng: "Noted."`,
			},
		},
		{
			name:   "indented line",
			reason: "the column is where the line's content starts",
			in:     "  Agent: Hello.\n\t[00:02] Customer: Hi.\n",
			want: []string{
				`1:3 [- -] Agent: "Hello."`,
				`2:2 [0:00:02.000 -] Customer: "Hi."`,
			},
		},
		{
			name:   "dashes and empty text",
			reason: "cut-offs keep their dashes; a label without text is still a turn",
			in:     "[01:06] Agent: -every time you come in.\n[01:07] Customer: I was going to—\n[01:08] Agent:\n",
			want: []string{
				`1:1 [0:01:06.000 -] Agent: "-every time you come in."`,
				`2:1 [0:01:07.000 -] Customer: "I was going to—"`,
				`3:1 [0:01:08.000 -] Agent: ""`,
			},
		},
		{
			name: "bad time stamp",
			in:   "[00:01] Agent: Hello.\n[00:02] Customer: Hi.\n[00:6x] Agent: How can I help?\n",
			err:  `listenscore: call.txt:3:2: invalid timestamp: "00:6x"`,
			is:   ErrTimestamp,
		},
		{
			name: "bad range end",
			in:   "[00:01 - 00:0x] Agent: Hello.\n",
			err:  `listenscore: call.txt:1:10: invalid timestamp: "00:01 - 00:0x"`,
			is:   ErrTimestamp,
		},
		{
			name: "seconds above 59",
			in:   "[00:61] Agent: Hello.\n",
			err:  `listenscore: call.txt:1:2: invalid timestamp: "00:61"`,
			is:   ErrTimestamp,
		},
		{
			name:   "text in parentheses",
			reason: "parentheses and bare clocks are a stamp only when a label follows",
			in:     "Customer: I called twice.\n(10:30) is when I called first.\n10:45 tomorrow: would that work?\n(2 minutes later) Yes.\n",
			want: []string{
				`1:1 [- -] Customer: "I called twice. (10:30) is when I called first. 10:45 tomorrow: would that work? (2 minutes later) Yes."`,
			},
		},
		{
			name: "bad parenthesised stamp",
			in:   "Agent: Hello.\n(00:6x) Customer: Hi.\n",
			err:  `listenscore: call.txt:2:2: invalid timestamp: "00:6x"`,
			is:   ErrTimestamp,
		},
		{
			name: "bad bare stamp",
			in:   "Agent: Hello.\n  0:05:5 Customer: Hi.\n",
			err:  `listenscore: call.txt:2:3: invalid timestamp: "0:05:5"`,
			is:   ErrTimestamp,
		},
		{
			name: "unclosed stamp",
			in:   "[00:01 Agent: Hello.\n",
			err:  `listenscore: call.txt:1:1: invalid timestamp: missing "]"`,
			is:   ErrTimestamp,
		},
		{
			name: "bad stamp before the colon",
			in:   "Speaker 1 (00:6x):\nHello.\n",
			err:  `listenscore: call.txt:1:12: invalid timestamp: "00:6x"`,
			is:   ErrTimestamp,
		},
		{
			name:   "bad time stamp lenient",
			reason: "the bad turn and its continuation lines are skipped under one warning",
			in:     "[00:01] Agent: Hello.\n[00:6x] Customer: Hi.\nstill the customer.\n[00:08] Agent: How can I help?\n",
			opts:   lenient,
			want: []string{
				`1:1 [0:00:01.000 -] Agent: "Hello."`,
				`4:1 [0:00:08.000 -] Agent: "How can I help?"`,
			},
			warnings: []string{`listenscore: call.txt:2:2: invalid timestamp: "00:6x"`},
		},
		{
			name: "continuation before any speaker",
			in:   "Call 4471, recorded Monday\nAgent: Hello.\n",
			err:  `listenscore: call.txt:1:1: no speaker label: text before the first "Speaker: text" line`,
			is:   ErrNoSpeaker,
		},
		{
			name: "continuation before any speaker lenient",
			in:   "\n  Call 4471\nrecorded Monday\nAgent: Hello.\n",
			opts: lenient,
			want: []string{
				`4:1 [- -] Agent: "Hello."`,
			},
			warnings: []string{`listenscore: call.txt:2:3: no speaker label: text before the first "Speaker: text" line`},
		},
		{
			name:   "stamp without label",
			reason: "a stamped line starts a turn, so it needs a speaker",
			in:     "[00:01] Agent: Hello.\n[00:02]   I can't hear you.\n",
			err:    `listenscore: call.txt:2:11: no speaker label: no "Speaker:" after the time stamp`,
			is:     ErrNoSpeaker,
		},
		{
			name: "line too long",
			in:   "Agent: Hello.\nCustomer: " + strings.Repeat("a", 30) + "\n",
			opts: ReadOptions{MaxLineBytes: 20},
			err:  "listenscore: call.txt:2:21: line longer than the line limit: more than 20 bytes",
			is:   ErrLineTooLong,
		},
		{
			name: "line too long lenient",
			in:   "Agent: Hello.\nCustomer: " + strings.Repeat("a", 30) + "\n",
			opts: ReadOptions{MaxLineBytes: 20, Lenient: true},
			err:  "listenscore: call.txt:2:21: line longer than the line limit: more than 20 bytes",
			is:   ErrLineTooLong,
		},
		{
			name: "too many turns",
			in:   "Agent: One.\nCustomer: Two.\n\nAgent: Three.\n",
			opts: ReadOptions{MaxTurns: 2},
			err:  "listenscore: call.txt:4:1: more turns than the turn limit: more than 2",
			is:   ErrTooManyTurns,
		},
		{
			name: "forced otter is not text",
			in:   "Agent: Hello.\n",
			opts: ReadOptions{Format: FormatOtter},
			err:  `listenscore: call.txt:1:1: no speaker label: text before the first "Name  0:00" header`,
			is:   ErrNoSpeaker,
		},
	})
}

func TestReadOtter(t *testing.T) {
	runPlainCases(t, []plainCase{
		{
			name:   "export",
			reason: "bodies span lines; Otter's closing line is not speech",
			in: "Speaker 1  0:00\nThanks for calling Brightwave, this is Sam.\n\n" +
				"Speaker 2  0:04\nHi Sam. My router keeps\ndropping the connection.\n\n" +
				"Speaker 1  1:02:03\nLet me run a line test.\n\nTranscribed by https://otter.ai\n",
			format: FormatOtter,
			want: []string{
				`1:1 [0:00:00.000 -] Speaker 1: "Thanks for calling Brightwave, this is Sam."`,
				`4:1 [0:00:04.000 -] Speaker 2: "Hi Sam. My router keeps dropping the connection."`,
				`8:1 [1:02:03.000 -] Speaker 1: "Let me run a line test."`,
			},
		},
		{
			name:   "CRLF, tab and names",
			in:     "Dana Whitfield\t0:05\r\nGood morning.\r\n\r\nJosé Álvarez   0:09  \r\nHola.\r\n",
			format: FormatOtter,
			want: []string{
				`1:1 [0:00:05.000 -] Dana Whitfield: "Good morning."`,
				`4:1 [0:00:09.000 -] José Álvarez: "Hola."`,
			},
		},
		{
			name:   "header without blank line",
			reason: "a line of header shape with a valid time starts a turn even inside a body",
			in:     "Agent  0:01\nHello.\nCustomer  0:03\nHi.\n",
			format: FormatOtter,
			want: []string{
				`1:1 [0:00:01.000 -] Agent: "Hello."`,
				`3:1 [0:00:03.000 -] Customer: "Hi."`,
			},
		},
		{
			name:   "paragraph without header",
			reason: "text after a blank line without a header continues the turn",
			in:     "Agent  0:01\nHello.\n\nAre you there?\n",
			format: FormatOtter,
			want: []string{
				`1:1 [0:00:01.000 -] Agent: "Hello. Are you there?"`,
			},
		},
		{
			name:   "empty body",
			in:     "Agent  0:01\n\nCustomer  0:03\nHi.\n",
			format: FormatOtter,
			want: []string{
				`1:1 [0:00:01.000 -] Agent: ""`,
				`3:1 [0:00:03.000 -] Customer: "Hi."`,
			},
		},
		{
			name: "bad header time",
			in:   "Agent  0:01\nHello.\n\nCustomer  0:6x\nHi.\n",
			err:  `listenscore: call.txt:4:11: invalid timestamp: "0:6x"`,
			is:   ErrTimestamp,
		},
		{
			name: "bad header time lenient",
			in:   "Agent  0:01\nHello.\n\nCustomer  0:6x\nHi.\n\nAgent  0:09\nHow can I help?\n",
			opts: ReadOptions{Lenient: true},
			want: []string{
				`1:1 [0:00:01.000 -] Agent: "Hello."`,
				`7:1 [0:00:09.000 -] Agent: "How can I help?"`,
			},
			format:   FormatOtter,
			warnings: []string{`listenscore: call.txt:4:11: invalid timestamp: "0:6x"`},
		},
		{
			name: "out of order: kept with a warning",
			in:   "Agent  0:10\nHello.\n\nCustomer  0:05\nHi.\n",
			want: []string{
				`1:1 [0:00:10.000 -] Agent: "Hello."`,
				`4:1 [0:00:05.000 -] Customer: "Hi."`,
			},
			format:   FormatOtter,
			warnings: []string{"listenscore: call.txt:4:1: turn starts before the previous turn: 0:00:05.000 < 0:00:10.000 at line 1"},
		},
		{
			name: "text before the first header",
			in:   "Weekly call\n\nAgent  0:01\nHello.\n",
			opts: ReadOptions{Format: FormatOtter},
			err:  `listenscore: call.txt:1:1: no speaker label: text before the first "Name  0:00" header`,
			is:   ErrNoSpeaker,
		},
		{
			name: "too many turns",
			in:   "Agent  0:01\nHello.\n\nCustomer  0:03\nHi.\n",
			opts: ReadOptions{MaxTurns: 1},
			err:  "listenscore: call.txt:4:1: more turns than the turn limit: more than 1",
			is:   ErrTooManyTurns,
		},
		{
			name: "line too long",
			in:   "Agent  0:01\n" + strings.Repeat("a", 30) + "\n",
			opts: ReadOptions{MaxLineBytes: 20},
			err:  "listenscore: call.txt:2:21: line longer than the line limit: more than 20 bytes",
			is:   ErrLineTooLong,
		},
	})
}

func TestLooksLikeOtter(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Speaker 1  0:00\nHello.\n", true},
		{"Dana Whitfield\t1:02:03\r\nHello.", true},
		{"Agent  0:01\n\nCustomer  0:03\nHi.\n", true},
		{"Agent  0:01", true},
		{"Agent: Hello.\nCustomer: Hi.\n", false},
		{"Agent 0:01\nHello.\n", false},                   // one space
		{"Agent  0:6x\nHello.\n", false},                  // not a time
		{"Call notes  10:30\nAgent: Hello.\n", false},     // a title over "Speaker: text" lines
		{"Agent: Hello there  0:05\nMore text.\n", false}, // a colon in the name
		{"[00:01] Agent: Hello.\n", false},
		{"Well, this is a sentence  0:05\nHello.\n", false},
		{strings.Repeat("x", 200) + "  0:05\nHello.\n", false},
		{"", false},
	} {
		assert.Equal(t, tc.want, looksLikeOtter([]byte(tc.in)), "%q", tc.in)
	}
}

// TestTextLabel pins what counts as a speaker label: the text before the
// first colon.
func TestTextLabel(t *testing.T) {
	for _, tc := range []struct {
		line   string
		want   string // the label, or "" for a continuation line
		reason string
	}{
		{"Agent: Hello.", "Agent", ""},
		{"Agent:Hello.", "Agent", "no space needed after the colon"},
		{"Speaker 1: Hello.", "Speaker 1", ""},
		{"SPEAKER_00: Hello.", "SPEAKER_00", ""},
		{"agent 2: Hello.", "agent 2", "lower case, two words"},
		{"Agent (Maria): Hello.", "Agent (Maria)", ""},
		{"Mary-Jane O'Neil: Hello.", "Mary-Jane O'Neil", "an apostrophe in a name"},
		{"Customer's husband: Hello.", "Customer's husband", "a possessive is not a contraction"},
		{"Dr. Sarah Ng: Hello.", "Dr. Sarah Ng", "a title"},
		{"J. R. Ewing: Hello.", "J. R. Ewing", "initials"},
		{"José Álvarez: Hola.", "José Álvarez", ""},
		{"Агент: Здравствуйте.", "Агент", ""},
		{"客服: 您好", "客服", ""},
		{"Jean Paul de la Fontaine: Bonjour.", "Jean Paul de la Fontaine", "five words"},
		{"A: Hi.", "A", ""},
		{"1: Hi.", "1", "a speaker number"},
		{"Agent  :  Hello.", "Agent", "blanks before the colon"},
		{"One two three four five six: x", "", "six words"},
		{strings.Repeat("x", 41) + ": x", "", "over 40 bytes"},
		{"the reason is simple: x", "", "lower case, several words"},
		{"Well, here it is: x", "", "a comma"},
		{"So. Here: x", "", "a full stop after a word"},
		{"Why? Because: x", "", "a question mark"},
		{"I'm asking: x", "", "a contraction"},
		{"We don’t know: x", "", "a contraction with a typographic apostrophe"},
		{"He said “no”: x", "", "quotes"},
		{"At 10:30 we spoke", "", "a time"},
		{"10:30: we spoke", "", "a time"},
		{"https://example.com: x", "", "a URL"},
		{`C:\Users\agent`, "", "a path"},
		{"--: x", "", "no letter or digit"},
		{"no colon at all", "", ""},
	} {
		line := strings.TrimLeft(tc.line, " ")
		assert.Equal(t, tc.want, splitTextLine(line, 0).label, "%q: %s", tc.line, tc.reason)
	}
}

// TestReadTextSharesLabels checks that equal labels share one string.
func TestReadTextSharesLabels(t *testing.T) {
	in := "Agent: a\nCustomer: b\nSupervisor: c\nAgent: d\nCustomer: e\nSupervisor: f\n"
	tr, err := Read("call.txt", strings.NewReader(in), ReadOptions{})
	require.NoError(t, err)
	require.Len(t, tr.Turns, 6)
	for i := 0; i < 3; i++ {
		a, b := tr.Turns[i].Speaker, tr.Turns[i+3].Speaker
		require.Equal(t, a, b)
		assert.True(t, unsafe.StringData(a) == unsafe.StringData(b), "turns %d and %d", i, i+3)
	}
}

func plainFixtures(tb testing.TB, format string) [][]byte {
	tb.Helper()
	dir := filepath.Join(testdataDir, "formats", format)
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// plainCountLines counts lines the way lineScanner does.
func plainCountLines(data []byte) int {
	n := 0
	for len(data) > 0 {
		_, rest := plainCutLine(data)
		n++
		data = rest
	}
	return n
}

func fuzzPlain(f *testing.F, format Format) {
	for _, data := range plainFixtures(f, string(format)) {
		f.Add(data)
	}
	f.Add([]byte("[00:01 - 00:0x] Agent: a\n"))
	f.Add([]byte("Speaker 1 (00:05):\nHi.\n"))
	f.Add([]byte("Agent  0:01\nHello.\n\nCustomer  0:6x\nHi.\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lenient := range []bool{false, true} {
			opts := ReadOptions{Format: format, Lenient: lenient, MaxLineBytes: 512, MaxTurns: 1000}
			tr, err := Read("fuzz.txt", bytes.NewReader(data), opts)
			lines := plainCountLines(data)
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error %v is not a *ParseError", err)
				}
				if pe.Line < 0 || pe.Line > lines || pe.Column < 0 {
					t.Fatalf("error %v outside the input's %d lines", err, lines)
				}
				_ = err.Error()
				continue
			}
			if len(tr.Turns) == 0 || len(tr.Turns) > lines {
				t.Fatalf("%d turns from %d lines", len(tr.Turns), lines)
			}
			for i, tu := range tr.Turns {
				if tu.Speaker == "" || tu.Line < 1 || tu.Line > lines || tu.Column < 1 {
					t.Fatalf("turn %d: bad speaker or position: %+v", i, tu)
				}
				if strings.TrimSpace(tu.Speaker) != tu.Speaker || strings.Contains(tu.Speaker, "  ") {
					t.Fatalf("turn %d: unfolded speaker %q", i, tu.Speaker)
				}
				if strings.Contains(tu.Text, "  ") || strings.ContainsAny(tu.Text, "\t\r\n\v\f") {
					t.Fatalf("turn %d: unfolded text %q", i, tu.Text)
				}
				if tu.HasEnd && (!tu.HasStart || (!lenient && tu.End < tu.Start)) {
					t.Fatalf("turn %d: bad times %+v", i, tu)
				}
			}
			for _, w := range tr.Warnings {
				var pe *ParseError
				if !errors.As(w, &pe) || pe.Line < 1 || pe.Line > lines {
					t.Fatalf("warning %v outside the input's %d lines", w, lines)
				}
			}
		}
	})
}

func FuzzReadText(f *testing.F)  { fuzzPlain(f, FormatText) }
func FuzzReadOtter(f *testing.F) { fuzzPlain(f, FormatOtter) }

// plainBenchCall returns a one-hour call of about 1,000 turns in FormatText
// ("[h:mm:ss] Speaker: text") or FormatOtter.
func plainBenchCall(format Format) []byte {
	sentences := []string{
		"Thank you for calling Brightwave, my name is Priya, how can I help you today?",
		"Hi, yes, my internet has been dropping out every evening since Tuesday.",
		"I'm sorry to hear that, that sounds really frustrating.",
		"So just to make sure I understand, the connection drops around the same time each night?",
		"Yes, usually between seven and nine, right when everyone is home.",
		"Okay.",
		"Can you tell me what lights you see on the router when it happens?",
		"The internet light goes orange and then it comes back after a few minutes, sometimes longer.",
		"Mm-hmm.",
		"I can see some errors on the line from here, so I'm going to book an engineer for you.",
		"That would be great, thank you, what times do you have?",
		"I have Thursday morning between eight and twelve, or Friday afternoon.",
	}
	var b bytes.Buffer
	at := 0
	for i := 0; i < 1000; i++ {
		speaker := "Agent"
		if i%2 == 1 {
			speaker = "Customer"
		}
		text := sentences[i%len(sentences)]
		if i%7 == 3 {
			text += " " + sentences[(i+5)%len(sentences)]
		}
		h, m, s := at/3600, at/60%60, at%60
		switch format {
		case FormatOtter:
			fmt.Fprintf(&b, "%s  %d:%02d:%02d\n%s\n\n", speaker, h, m, s, text)
		default:
			fmt.Fprintf(&b, "[%d:%02d:%02d] %s: %s\n", h, m, s, speaker, text)
		}
		at += 3 + i%2
	}
	return b.Bytes()
}

func benchmarkPlainRead(b *testing.B, format Format) {
	data := plainBenchCall(format)
	tr, err := Read("call.txt", bytes.NewReader(data), ReadOptions{})
	require.NoError(b, err)
	require.Equal(b, format, tr.Format)
	require.Len(b, tr.Turns, 1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("call.txt", bytes.NewReader(data), ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadText(b *testing.B)  { benchmarkPlainRead(b, FormatText) }
func BenchmarkReadOtter(b *testing.B) { benchmarkPlainRead(b, FormatOtter) }

// annomiReaderLabel is one line of the AnnoMI labels.jsonl: one utterance.
type annomiReaderLabel struct {
	File    string `json:"file"`
	Turn    int    `json:"turn"`
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
}

// annomiOutOfOrder lists, by file, the lines whose time stamp is earlier
// than the line before it (e.g. annomi_056.txt: "[13:48] Client: -about-",
// "[13:48] Therapist: Mm-hmm.", "[13:47] Client: -this, but, …"). A strict
// read keeps every turn in file order with one ErrOutOfOrder warning per
// such line.
var annomiOutOfOrder = map[string][]int{
	"annomi_056.txt": {158},
	"annomi_064.txt": {190},
	"annomi_071.txt": {64},
	"annomi_097.txt": {44, 47},
	"annomi_100.txt": {258},
	"annomi_121.txt": {250, 322},
	"annomi_131.txt": {71},
}

// TestReadAnnoMITranscripts reads every AnnoMI transcript strictly, with
// the format detected, and checks that its turns are the labelled
// utterances: the same count, and each turn's speaker and text equal to the
// label's. Files with out-of-order stamps (annomiOutOfOrder) carry exactly
// those warnings.
func TestReadAnnoMITranscripts(t *testing.T) {
	dir := dataDir(t, "annomi-dev")
	labels := readAnnoMIReaderLabels(t, filepath.Join(dir, "labels.jsonl"))
	files, err := filepath.Glob(filepath.Join(dir, "transcripts", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	turns, stepsBack := 0, 0
	for _, path := range files {
		name := filepath.Base(path)
		want := labels[name]
		require.NotEmpty(t, want, "%s has no labels", name)
		tr, err := ReadFile(path, ReadOptions{})
		require.NoError(t, err, name)
		if backs, ok := annomiOutOfOrder[name]; ok {
			var pe *ParseError
			var lines []int
			for _, w := range tr.Warnings {
				require.ErrorAs(t, w, &pe, name)
				assert.ErrorIs(t, w, ErrOutOfOrder, name)
				lines = append(lines, pe.Line)
			}
			assert.Equal(t, backs, lines, name)
			stepsBack++
		} else {
			assert.Empty(t, tr.Warnings, name)
		}
		assert.Equal(t, FormatText, tr.Format, name)
		if !assert.Len(t, tr.Turns, len(want), name) {
			continue
		}
		for i, l := range want {
			require.Equal(t, i, l.Turn, "%s: labels out of order", name)
			tu := tr.Turns[i]
			assert.Equal(t, strings.TrimSpace(l.Speaker), tu.Speaker, "%s turn %d speaker", name, i)
			assert.Equal(t, strings.TrimSpace(l.Text), tu.Text, "%s turn %d text", name, i)
			assert.True(t, tu.HasStart && !tu.HasEnd, "%s turn %d: start times only", name, i)
			assert.Equal(t, i+1, tu.Line, "%s turn %d: one utterance per line", name, i)
		}
		turns += len(tr.Turns)
	}
	assert.Len(t, labels, len(files), "labelled files without a transcript")
	t.Logf("%d files (%d with stamps that step back), %d turns", len(files), stepsBack, turns)
}

// readAnnoMIReaderLabels returns the labels by file, in turn order.
func readAnnoMIReaderLabels(t *testing.T, path string) map[string][]annomiReaderLabel {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	byFile := make(map[string][]annomiReaderLabel)
	for line := range strings.Lines(string(data)) {
		var l annomiReaderLabel
		require.NoError(t, json.Unmarshal([]byte(line), &l))
		byFile[l.File] = append(byFile[l.File], l)
	}
	return byFile
}
