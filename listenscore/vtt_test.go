package listenscore

import (
	"bytes"
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

// cueCase is a table case for the WebVTT and SRT readers: an input read
// with Read, and either the turns and warnings or the error it gives.
type cueCase struct {
	name   string
	reason string // why the expectation holds, where it is not obvious
	input  string
	opts   ReadOptions
	// want lists the turns as "line:col [start end] Speaker: text".
	want     []string
	warnings []string
	// err is the sentinel the error wraps and msg its exact message.
	err error
	msg string
}

// runCueCases reads each case as the named file and checks that it is
// detected as format.
func runCueCases(t *testing.T, file string, format Format, cases []cueCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := Read(file, strings.NewReader(tc.input), tc.opts)
			if tc.err != nil {
				require.Error(t, err, tc.reason)
				var pe *ParseError
				assert.ErrorAs(t, err, &pe)
				assert.ErrorIs(t, err, tc.err)
				assert.Equal(t, tc.msg, err.Error(), tc.reason)
				return
			}
			require.NoError(t, err, tc.reason)
			assert.Equal(t, format, tr.Format)
			assert.Equal(t, tc.want, cueTurns(tr), tc.reason)
			assert.Equal(t, tc.warnings, warningStrings(tr), tc.reason)
		})
	}
}

func cueTurns(tr *Transcript) []string {
	var out []string
	for _, tu := range tr.Turns {
		out = append(out, fmt.Sprintf("%d:%d [%s %s] %s: %s", tu.Line, tu.Column, clock(tu.Start), clock(tu.End), tu.Speaker, tu.Text))
	}
	return out
}

func warningStrings(tr *Transcript) []string {
	var out []string
	for _, w := range tr.Warnings {
		out = append(out, w.Error())
	}
	return out
}

func TestReadVTT(t *testing.T) {
	longLine := "<v Agent>" + strings.Repeat("very ", 20) + "long"
	cases := []cueCase{
		{
			name: "teams",
			input: "WEBVTT\n\n" +
				"6c3b2a5e-1d4f-4a8b-9e7c-0f2d1b3a4c5e/12-0\n00:00:01.000 --> 00:00:03.500\n<v Dana Whitfield>Thanks for calling, this is Dana.</v>\n\n" +
				"6c3b2a5e-1d4f-4a8b-9e7c-0f2d1b3a4c5e/15-1\n00:00:04.000 --> 00:00:06.000\n<v Marcus Olsen>Hi Dana.</v>\n",
			want: []string{
				"5:1 [0:00:01.000 0:00:03.500] Dana Whitfield: Thanks for calling, this is Dana.",
				"9:1 [0:00:04.000 0:00:06.000] Marcus Olsen: Hi Dana.",
			},
		},
		{
			name: "zoom",
			input: "WEBVTT\n\n1\n00:00:01.350 --> 00:00:04.910\nPriya Raman: Lakeside Fiber, this is Priya.\n\n" +
				"2\n00:00:05.400 --> 00:00:08.220\nTomás Herrera: My internet is down.\n",
			want: []string{
				"5:1 [0:00:01.350 0:00:04.910] Priya Raman: Lakeside Fiber, this is Priya.",
				"9:1 [0:00:05.400 0:00:08.220] Tomás Herrera: My internet is down.",
			},
		},
		{
			name:  "crlf",
			input: "WEBVTT\r\n\r\n1\r\n00:01.000 --> 00:02.000\r\nAgent: Hello,\r\nhow can I help?\r\n\r\n2\r\n00:02.500 --> 00:03.000\r\nCustomer: Hi.\r\n",
			want: []string{
				"5:1 [0:00:01.000 0:00:02.000] Agent: Hello, how can I help?",
				"10:1 [0:00:02.500 0:00:03.000] Customer: Hi.",
			},
		},
		{
			name:   "lone carriage returns",
			reason: "old Mac line endings are line endings too",
			input:  "WEBVTT\r\r00:01.000 --> 00:02.000\rAgent: Hello.\r",
			want:   []string{"4:1 [0:00:01.000 0:00:02.000] Agent: Hello."},
		},
		{
			name:  "byte order mark",
			input: "\ufeffWEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent>Hello.\n",
			want:  []string{"4:1 [0:00:01.000 0:00:02.000] Agent: Hello."},
		},
		{
			name: "utf-8 names",
			input: "WEBVTT\n\n00:01.000 --> 00:02.000\n<v José Ñúñez>¿Hola?\n\n" +
				"00:02.000 --> 00:03.000\nZoë Müller-Lüdenscheidt: Grüß Gott.\n\n" +
				"00:03.000 --> 00:04.000\n王芳: 你好。\n",
			want: []string{
				"4:1 [0:00:01.000 0:00:02.000] José Ñúñez: ¿Hola?",
				"7:1 [0:00:02.000 0:00:03.000] Zoë Müller-Lüdenscheidt: Grüß Gott.",
				"10:1 [0:00:03.000 0:00:04.000] 王芳: 你好。",
			},
		},
		{name: "empty file", input: "", err: ErrEmpty, msg: "listenscore: call.vtt: no turns in transcript"},
		{name: "white space only", input: " \n\t\n", err: ErrEmpty, msg: "listenscore: call.vtt: no turns in transcript"},
		{name: "header only", input: "WEBVTT\n", err: ErrEmpty, msg: "listenscore: call.vtt: no turns in transcript"},
		{
			name:  "header and notes only",
			input: "WEBVTT - call 12\nKind: captions\n\nNOTE nothing was said\n\nSTYLE\n::cue { color: white }\n",
			err:   ErrEmpty, msg: "listenscore: call.vtt: no turns in transcript",
		},
		{
			name:   "cue without text",
			reason: "a cue with no text has nothing to attribute; it gives no turn",
			input:  "WEBVTT\n\n00:01.000 --> 00:02.000\n\n00:02.000 --> 00:03.000\nAgent: Hi.\n",
			want:   []string{"6:1 [0:00:02.000 0:00:03.000] Agent: Hi."},
		},
		{
			name:   "empty voice span",
			reason: "a labelled cue whose words were not transcribed is still a turn",
			input:  "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent></v>\n",
			want:   []string{"4:1 [0:00:01.000 0:00:02.000] Agent: "},
		},
		{
			name:  "one speaker only",
			input: "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent>Hello?\n\n00:03.000 --> 00:04.000\n<v Agent>Is anyone there?\n",
			want: []string{
				"4:1 [0:00:01.000 0:00:02.000] Agent: Hello?",
				"7:1 [0:00:03.000 0:00:04.000] Agent: Is anyone there?",
			},
		},
		{
			name:  "cues out of order: kept with a warning, strict or lenient",
			input: "WEBVTT\n\n00:05.000 --> 00:06.000\n<v Agent>Second.\n\n00:01.000 --> 00:02.000\n<v Customer>First.\n",
			want: []string{
				"4:1 [0:00:05.000 0:00:06.000] Agent: Second.",
				"7:1 [0:00:01.000 0:00:02.000] Customer: First.",
			},
			warnings: []string{"listenscore: call.vtt:7:1: turn starts before the previous turn: 0:00:01.000 < 0:00:05.000 at line 4"},
		},
		{
			name:  "end before start",
			input: "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent>Hi.\n\n00:04.000 --> 00:03.000\n<v Customer>Hello.\n",
			err:   ErrEndBeforeStart,
			msg:   "listenscore: call.vtt:7:1: end time before start time: 0:00:03.000 < 0:00:04.000",
		},
		{
			name:     "end before start, lenient",
			input:    "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent>Hi.\n\n00:04.000 --> 00:03.000\n<v Customer>Hello.\n",
			opts:     ReadOptions{Lenient: true},
			want:     []string{"4:1 [0:00:01.000 0:00:02.000] Agent: Hi."},
			warnings: []string{"listenscore: call.vtt:7:1: end time before start time: 0:00:03.000 < 0:00:04.000"},
		},
		{
			name:   "overlapping cues",
			reason: "talking over each other is normal; each cue stays its own turn",
			input:  "WEBVTT\n\n00:01.000 --> 00:05.000\n<v Agent>Let me explain the fee.\n\n00:03.000 --> 00:04.000\n<v Customer>No, wait.\n",
			want: []string{
				"4:1 [0:00:01.000 0:00:05.000] Agent: Let me explain the fee.",
				"7:1 [0:00:03.000 0:00:04.000] Customer: No, wait.",
			},
		},
		{
			name:  "longer than an hour",
			input: "WEBVTT\n\n59:59.500 --> 01:00:01.250\n<v Agent>Still there?\n\n123:04:05.000 --> 123:04:06.000\n<v Customer>Yes.\n",
			want: []string{
				"4:1 [0:59:59.500 1:00:01.250] Agent: Still there?",
				"7:1 [123:04:05.000 123:04:06.000] Customer: Yes.",
			},
		},
		{
			name:  "line over the line limit",
			input: "WEBVTT\n\n00:01.000 --> 00:02.000\n" + longLine + "\n",
			opts:  ReadOptions{MaxLineBytes: 64},
			err:   ErrLineTooLong,
			msg:   "listenscore: call.vtt:4:65: line longer than the line limit: more than 64 bytes",
		},
		{
			name:  "line over the line limit, lenient",
			input: "WEBVTT\n\n00:01.000 --> 00:02.000\n" + longLine + "\n",
			opts:  ReadOptions{MaxLineBytes: 64, Lenient: true},
			err:   ErrLineTooLong,
			msg:   "listenscore: call.vtt:4:65: line longer than the line limit: more than 64 bytes",
		},
		{
			name:  "turn limit",
			input: "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent>One.</v> <v Customer>Two.</v>\n",
			opts:  ReadOptions{MaxTurns: 1, Lenient: true},
			err:   ErrTooManyTurns,
			msg:   "listenscore: call.vtt:4:19: more turns than the turn limit: more than 1",
		},
		{
			name:  "missing header",
			input: "00:01.000 --> 00:02.000\n<v Agent>Hi.\n",
			err:   ErrMissingHeader,
			msg:   `listenscore: call.vtt:1:1: missing WEBVTT header: the first line is "00:01.000 --> 00:02.000", not "WEBVTT"`,
		},
		{
			name:   "header glued to text",
			reason: `"WEBVTT" must be followed by a space, a tab or the line end`,
			input:  "WEBVTTX\n\n00:01.000 --> 00:02.000\n<v Agent>Hi.\n",
			err:    ErrMissingHeader,
			msg:    `listenscore: call.vtt:1:1: missing WEBVTT header: the first line is "WEBVTTX", not "WEBVTT"`,
		},
		{
			name:   "blank line before the header",
			input:  "\nWEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent>Hi.\n",
			opts:   ReadOptions{Format: FormatWebVTT},
			err:    ErrMissingHeader,
			msg:    `listenscore: call.vtt:1:1: missing WEBVTT header: the first line is "", not "WEBVTT"`,
			reason: "the first line must be the header",
		},
		{
			name:     "missing header, lenient",
			input:    "00:01.000 --> 00:02.000\n<v Agent>Hi.\n",
			opts:     ReadOptions{Lenient: true},
			want:     []string{"2:1 [0:00:01.000 0:00:02.000] Agent: Hi."},
			warnings: []string{`listenscore: call.vtt:1:1: missing WEBVTT header: the first line is "00:01.000 --> 00:02.000", not "WEBVTT"`},
		},
		{
			name:     "misspelt header, lenient",
			input:    "WEBVTTX\n00:01.000 --> 00:02.000\nHi.\n\n00:02.000 --> 00:03.000\nAgent: Hello.\n",
			opts:     ReadOptions{Lenient: true},
			want:     []string{"6:1 [0:00:02.000 0:00:03.000] Agent: Hello."},
			reason:   "the header line is not taken as a cue identifier (a speaker)",
			warnings: []string{`listenscore: call.vtt:1:1: missing WEBVTT header: the first line is "WEBVTTX", not "WEBVTT"`, `listenscore: call.vtt:3:1: no speaker label: no <v Name> voice, "Name:" prefix or name as cue identifier`},
		},
		{
			name:   "header text and a cue without blank line",
			reason: "a timing line ends the header",
			input:  "WEBVTT Kind: captions\nLanguage: en\n00:01.000 --> 00:02.000\n<v Agent>Hi.\n",
			want:   []string{"4:1 [0:00:01.000 0:00:02.000] Agent: Hi."},
		},
		{
			name:  "bad time",
			input: "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nAgent: Hi.\n\n2\n00:00:01.000 --> 00:0x:01.000\nCustomer: Hello.\n",
			err:   ErrTimestamp,
			msg:   `listenscore: call.vtt:8:18: invalid timestamp: "00:0x:01.000"`,
		},
		{
			name:  "bad start time",
			input: "WEBVTT\n\n  00:61.000 --> 00:02.000\nAgent: Hi.\n",
			err:   ErrTimestamp,
			msg:   `listenscore: call.vtt:3:3: invalid timestamp: "00:61.000"`,
		},
		{
			name:  "missing end time",
			input: "WEBVTT\n\n00:01.000 --> \nAgent: Hi.\n",
			err:   ErrTimestamp,
			msg:   `listenscore: call.vtt:3:11: invalid timestamp: missing end time after "-->"`,
		},
		{
			name:     "bad time, lenient",
			input:    "WEBVTT\n\n00:01.000 --> 00:02.0o0\nAgent: Hi.\n\n00:03.000 --> 00:04.000\nCustomer: Hello.\n",
			opts:     ReadOptions{Lenient: true},
			want:     []string{"7:1 [0:00:03.000 0:00:04.000] Customer: Hello."},
			warnings: []string{`listenscore: call.vtt:3:15: invalid timestamp: "00:02.0o0"`},
		},
		{
			name:  "no speaker",
			input: "WEBVTT\n\n1\n00:01.000 --> 00:02.000\nAgent: Hi.\n\n2\n00:02.000 --> 00:03.000\n  Hello, is this billing?\n",
			err:   ErrNoSpeaker,
			msg:   `listenscore: call.vtt:9:3: no speaker label: no <v Name> voice, "Name:" prefix or name as cue identifier`,
		},
		{
			name:     "no speaker, lenient",
			input:    "WEBVTT\n\n1\n00:01.000 --> 00:02.000\nAgent: Hi.\n\n2\n00:02.000 --> 00:03.000\nHello, is this\nbilling?\n\n3\n00:03.000 --> 00:04.000\nAgent: It is.\n",
			opts:     ReadOptions{Lenient: true},
			want:     []string{"5:1 [0:00:01.000 0:00:02.000] Agent: Hi.", "14:1 [0:00:03.000 0:00:04.000] Agent: It is."},
			warnings: []string{`listenscore: call.vtt:9:1: no speaker label: no <v Name> voice, "Name:" prefix or name as cue identifier`},
		},
		{
			name:  "voice classes and optional end tag",
			input: "WEBVTT\n\n00:01.000 --> 00:03.000\n<v.loud.angry Marcus Olsen>This is the third time\nI've called!\n",
			want:  []string{"4:1 [0:00:01.000 0:00:03.000] Marcus Olsen: This is the third time I've called!"},
		},
		{
			name:  "two voices on two lines",
			input: "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Agent>Let me check.</v>\n<v Customer>It still isn't here.</v>\n",
			want: []string{
				"4:1 [0:00:01.000 0:00:03.000] Agent: Let me check.",
				"5:1 [0:00:01.000 0:00:03.000] Customer: It still isn't here.",
			},
		},
		{
			name:  "two voices on one line, no end tags",
			input: "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Customer>Novak. <v Agent>Thank you.\n",
			want: []string{
				"4:1 [0:00:01.000 0:00:03.000] Customer: Novak.",
				"4:20 [0:00:01.000 0:00:03.000] Agent: Thank you.",
			},
		},
		{
			name:  "text outside voice spans",
			input: "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Agent>Hello.</v> (music)\n",
			err:   ErrNoSpeaker,
			msg:   "listenscore: call.vtt:4:21: no speaker label: text outside the cue's <v Name> voice spans",
		},
		{
			name:   "voice without name",
			reason: "<v> without a name is an ordinary tag; the Name: prefix speaks",
			input:  "WEBVTT\n\n00:01.000 --> 00:03.000\n<v>Agent: Hello.</v>\n",
			want:   []string{"4:1 [0:00:01.000 0:00:03.000] Agent: Hello."},
		},
		{
			name:   "voice wins over a prefix",
			reason: `inside a voice span "Note:" is text, not a speaker`,
			input:  "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Agent>Note: the fee is waived.\n",
			want:   []string{"4:1 [0:00:01.000 0:00:03.000] Agent: Note: the fee is waived."},
		},
		{
			name: "cue identifiers as speakers",
			input: "WEBVTT\n\nAgent\n00:01.000 --> 00:02.000\nHow can I help?\n\nMaria Lopez\n00:02.000 --> 00:03.000\nMy card was declined.\n\n" +
				"Agent\n00:03.000 --> 00:04.000\nCustomer: Sorry, it was me.\n",
			want: []string{
				"5:1 [0:00:01.000 0:00:02.000] Agent: How can I help?",
				"9:1 [0:00:02.000 0:00:03.000] Maria Lopez: My card was declined.",
				"13:1 [0:00:03.000 0:00:04.000] Customer: Sorry, it was me.",
			},
		},
		{
			name:   "numeric identifier is not a speaker",
			input:  "WEBVTT\n\n17\n00:01.000 --> 00:02.000\nHow can I help?\n",
			err:    ErrNoSpeaker,
			msg:    `listenscore: call.vtt:5:1: no speaker label: no <v Name> voice, "Name:" prefix or name as cue identifier`,
			reason: "Zoom numbers its cues",
		},
		{
			name:   "teams identifier is not a speaker",
			input:  "WEBVTT\n\n6c3b2a5e-1d4f-4a8b-9e7c-0f2d1b3a4c5e/12-0\n00:01.000 --> 00:02.000\nHow can I help?\n",
			err:    ErrNoSpeaker,
			msg:    `listenscore: call.vtt:5:1: no speaker label: no <v Name> voice, "Name:" prefix or name as cue identifier`,
			reason: "Teams identifiers are GUID/NN-N",
		},
		{
			name:  "generated identifiers are not speakers",
			input: "WEBVTT\n\ncue-3\n00:01.000 --> 00:02.000\nHow can I help?\n",
			opts:  ReadOptions{Lenient: true},
			err:   ErrEmpty, msg: "listenscore: call.vtt: no turns in transcript",
			reason: `"cue-3" numbers cues; the cue is skipped and nothing is left`,
		},
		{
			name: "tags, entities, inline times and ruby",
			input: "WEBVTT\n\n00:01.000 --> 00:05.000 align:start position:10% line:0\n" +
				"<v Agent><c.yellow>Tom</c> &amp; Jerry&#39;s, <i>how</i> <00:00:02.500>can <b>I</b>&nbsp; help&lrm;? &lt;3 &eacute; &#x263A; &bogus; a&b\n" +
				"<lang ja><ruby>東京<rt>とうきょう</rt></ruby></lang> <u>office</u>\n",
			want: []string{"4:1 [0:00:01.000 0:00:05.000] Agent: Tom & Jerry's, how can I help? <3 é ☺ &bogus; a&b 東京 office"},
		},
		{
			name:   "literal angle brackets",
			reason: "a '<' that cannot open a tag is text",
			input:  "WEBVTT\n\n00:01.000 --> 00:02.000\nAgent: 2 < 3 and x <y\n",
			want:   []string{"4:1 [0:00:01.000 0:00:02.000] Agent: 2 < 3 and x <y"},
		},
		{
			name: "note, style and region blocks",
			input: "WEBVTT\n\nSTYLE\n::cue { color: lime }\n\nREGION\nid:left\nwidth:40%\n\nNOTE\nreviewed by QA\n\n" +
				"00:01.000 --> 00:02.000 region:left\n<v Agent>Hi.\n\nNOTE\tend of call\n",
			want: []string{"14:1 [0:00:01.000 0:00:02.000] Agent: Hi."},
		},
		{
			name:   "a prefix on a later line starts a turn",
			input:  "WEBVTT\n\n00:01.000 --> 00:04.000\nAgent: Your total is $40.\nCustomer: That's right.\n",
			want:   []string{"4:1 [0:00:01.000 0:00:04.000] Agent: Your total is $40.", "5:1 [0:00:01.000 0:00:04.000] Customer: That's right."},
			reason: "like two voices in one cue",
		},
		{
			name:   "a lowercase colon phrase on a later line is text",
			input:  "WEBVTT\n\n00:01.000 --> 00:04.000\nAgent: I checked, and\nthe reason is: the meter was estimated.\n",
			want:   []string{"4:1 [0:00:01.000 0:00:04.000] Agent: I checked, and the reason is: the meter was estimated."},
			reason: "a later line needs a known or capitalised label",
		},
		{
			name:   "times and links are not labels",
			input:  "WEBVTT\n\n00:01.000 --> 00:04.000\nAgent: Come at\n10:30 or see https://example.com.\n",
			want:   []string{"4:1 [0:00:01.000 0:00:04.000] Agent: Come at 10:30 or see https://example.com."},
			reason: "a label's colon is followed by a space",
		},
		{
			name:  "timing line in cue text",
			input: "WEBVTT\n\n1\n00:01.000 --> 00:02.000\nAgent: Hi.\n2\n00:02.000 --> 00:03.000\nCustomer: Hello.\n",
			err:   ErrSyntax,
			msg:   `listenscore: call.vtt:7:11: syntax error: "-->" in cue text; a blank line must end a cue`,
		},
		{
			name:  "timing line in cue text, lenient",
			input: "WEBVTT\n\n1\n00:01.000 --> 00:02.000\nAgent: Hi.\n2\n00:02.000 --> 00:03.000\nCustomer: Hello.\n",
			opts:  ReadOptions{Lenient: true},
			want: []string{
				"5:1 [0:00:01.000 0:00:02.000] Agent: Hi.",
				"8:1 [0:00:02.000 0:00:03.000] Customer: Hello.",
			},
			warnings: []string{`listenscore: call.vtt:7:11: syntax error: "-->" in cue text; a blank line must end a cue`},
		},
		{
			name:  "block without timing",
			input: "WEBVTT\n\n1\n00:01.000 -> 00:02.000\nAgent: Hi.\n",
			err:   ErrSyntax,
			msg:   `listenscore: call.vtt:4:1: syntax error: no cue timing line ("00:00:01.000 --> 00:00:04.000") in this block`,
		},
	}
	runCueCases(t, "call.vtt", FormatWebVTT, cases)
}

// TestReadVTTInterned checks that equal speaker labels share one string,
// so a long call does not hold a copy of the label per turn.
func TestReadVTTInterned(t *testing.T) {
	tr, err := Read("call.vtt", strings.NewReader(genVTT(3)), ReadOptions{})
	require.NoError(t, err)
	require.Len(t, tr.Turns, 3)
	assert.Equal(t, tr.Turns[0].Speaker, tr.Turns[2].Speaker)
	assert.Same(t, unsafe.StringData(tr.Turns[0].Speaker), unsafe.StringData(tr.Turns[2].Speaker))
}

func TestCueIDLabel(t *testing.T) {
	cases := []struct{ id, want, reason string }{
		{"Agent", "Agent", ""},
		{"Maria Lopez", "Maria Lopez", ""},
		{"Speaker 2", "Speaker 2", "a word and a number apart is a name"},
		{"Dr. O'Neil", "Dr. O'Neil", ""},
		{"intro", "intro", "a lone word cannot be told from a name"},
		{"17", "", "Zoom numbers cues"},
		{"6c3b2a5e-1d4f-4a8b-9e7c-0f2d1b3a4c5e/12-0", "", "Teams"},
		{"cue-3", "", "a word glued to a number"},
		{"c3", "", ""},
		{"s0004", "", ""},
		{"SPEAKER_00", "", ""},
		{"fa3b9e01", "", "a hash"},
		{"00:01", "", ""},
		{"What do you mean by that, exactly, sir", "", "too many words"},
	}
	for _, tc := range cases {
		t.Run(tc.id, func(t *testing.T) {
			c := &cueReader{vtt: true}
			assert.Equal(t, tc.want, c.labelFromID([]byte(tc.id)), tc.reason)
		})
	}
}

// fixtureSeeds reads the files of testdata/formats/<format>/ as fuzz seeds.
func fixtureSeeds(f *testing.F, format string) {
	dir := filepath.Join(testdataDir, "formats", format)
	files, err := os.ReadDir(dir)
	require.NoError(f, err)
	for _, file := range files {
		data, err := os.ReadFile(filepath.Join(dir, file.Name()))
		require.NoError(f, err)
		f.Add(data)
	}
}

// countLines counts lines as lineScanner does: "\n", "\r\n" and a lone "\r"
// end a line, and text after the last ending is a line.
func countLines(data []byte) int {
	n := 0
	for len(data) > 0 {
		i := bytes.IndexAny(data, "\r\n")
		if i < 0 {
			return n + 1
		}
		n++
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		data = data[i+1:]
	}
	return n
}

// checkFuzzRead reads data strictly and leniently and checks that errors
// and warnings are positioned inside the input and turns point into it.
func checkFuzzRead(t *testing.T, name string, format Format, data []byte) {
	lines := countLines(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	inside := func(err error) {
		t.Helper()
		var pe *ParseError
		require.True(t, errors.As(err, &pe), "not a *ParseError: %v", err)
		require.NotEmpty(t, pe.Error())
		require.True(t, pe.Line >= 0 && pe.Line <= lines, "line %d outside 0..%d: %v", pe.Line, lines, err)
	}
	for _, lenient := range []bool{false, true} {
		tr, err := Read(name, bytes.NewReader(data), ReadOptions{Format: format, Lenient: lenient, MaxLineBytes: 4096})
		if err != nil {
			inside(err)
			continue
		}
		require.NotEmpty(t, tr.Turns)
		for _, w := range tr.Warnings {
			inside(w)
		}
		for _, tu := range tr.Turns {
			require.True(t, tu.Line >= 1 && tu.Line <= lines && tu.Column >= 1, "turn at %d:%d outside %d lines", tu.Line, tu.Column, lines)
			require.True(t, tu.HasStart && tu.HasEnd && tu.End >= tu.Start)
			require.NotEmpty(t, tu.Speaker)
		}
	}
}

func FuzzReadVTT(f *testing.F) {
	fixtureSeeds(f, "vtt")
	f.Add([]byte("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>x</v> <v B>y"))
	f.Add([]byte("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A><a<a<a&amp&#x;<00:01.000><rt>x</v></rt>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFuzzRead(t, "fuzz.vtt", FormatWebVTT, data)
	})
}

// genVTT generates a Teams-style call of n cues, alternating two speakers.
func genVTT(n int) string {
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	for i := range n {
		speaker, text := "Dana Whitfield", "I can see the March bill. It looks like the meter reading in February was estimated, and this one is an actual reading."
		if i%2 == 1 {
			speaker, text = "Marcus Olsen", "Estimated? Nobody told me &amp; I never got a letter about it."
		}
		start := i * 3500
		fmt.Fprintf(&b, "3f1c9e2a-7b4d-4e8a-9c1f-2d6b8e0a5c71/%d-0\n%s --> %s\n<v %s>%s</v>\n\n",
			i, vttTime(start), vttTime(start+3200), speaker, text)
	}
	return b.String()
}

// vttTime formats milliseconds as hh:mm:ss.ttt.
func vttTime(ms int) string {
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000)
}

func BenchmarkReadVTT(b *testing.B) {
	data := []byte(genVTT(1000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("call.vtt", bytes.NewReader(data), ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
