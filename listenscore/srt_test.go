package listenscore

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestReadSRT(t *testing.T) {
	longLine := "Agent: " + strings.Repeat("very ", 20) + "long"
	cases := []cueCase{
		{
			name: "name prefixes",
			input: "1\n00:00:00,700 --> 00:00:05,300\nAgent: Thank you for calling,\nthis is Claire.\n\n" +
				"2\n00:00:05,900 --> 00:00:08,100\nTom Becker: Hi Claire.\n",
			want: []string{
				"3:1 [0:00:00.700 0:00:05.300] Agent: Thank you for calling, this is Claire.",
				"8:1 [0:00:05.900 0:00:08.100] Tom Becker: Hi Claire.",
			},
		},
		{
			name: "bracket prefixes",
			input: "1\n00:00:01,000 --> 00:00:02,000\n[Agent] Fairway Repair.\n\n" +
				"2\n00:00:02,000 --> 00:00:03,000\n[Customer]: Hi.\n\n" +
				"3\n00:00:03,000 --> 00:00:04,000\n[Agent]\nHow can I help?\n",
			want: []string{
				"3:1 [0:00:01.000 0:00:02.000] Agent: Fairway Repair.",
				"7:1 [0:00:02.000 0:00:03.000] Customer: Hi.",
				"11:1 [0:00:03.000 0:00:04.000] Agent: How can I help?",
			},
		},
		{
			name:   "sound captions are not labels",
			input:  "1\n00:00:01,000 --> 00:00:03,000\n[Customer] Well\n[laughs] I hope so.\n[INAUDIBLE]\n",
			want:   []string{"3:1 [0:00:01.000 0:00:03.000] Customer: Well [laughs] I hope so. [INAUDIBLE]"},
			reason: "[laughs] and [inaudible] caption sounds; the lines continue the turn",
		},
		{
			name:   "sound caption first",
			input:  "1\n00:00:01,000 --> 00:00:03,000\n[Laughter] OK.\n",
			err:    ErrNoSpeaker,
			msg:    `listenscore: call.srt:3:1: no speaker label: no "Name:" or "[Name]" prefix on the cue's first line`,
			reason: "a sound caption does not say who spoke",
		},
		{
			name: "dialogue dashes",
			input: "1\n00:00:00,500 --> 00:00:04,200\n- Agent: Sunridge Water.\n- Customer: There's no water,\nnot a drop.\n\n" +
				"2\n00:00:04,500 --> 00:00:05,000\n-Agent: Since when?\n-[Customer] Noon.\n",
			want: []string{
				"3:1 [0:00:00.500 0:00:04.200] Agent: Sunridge Water.",
				"4:1 [0:00:00.500 0:00:04.200] Customer: There's no water, not a drop.",
				"9:1 [0:00:04.500 0:00:05.000] Agent: Since when?",
				"10:1 [0:00:04.500 0:00:05.000] Customer: Noon.",
			},
		},
		{
			name:   "dash line without label",
			input:  "1\n00:00:00,500 --> 00:00:04,200\n- Agent: Sunridge Water.\n- Hi, no water here.\n",
			err:    ErrNoSpeaker,
			msg:    `listenscore: call.srt:4:1: no speaker label: dialogue dash line without a "Name:" or "[Name]" prefix`,
			reason: "a dash changes speaker, so the previous label cannot be carried over",
		},
		{
			name:     "dash line without label, lenient",
			input:    "1\n00:00:00,500 --> 00:00:04,200\n- Agent: Sunridge Water.\n- Hi, no water\nhere.\n",
			opts:     ReadOptions{Lenient: true},
			want:     []string{"3:1 [0:00:00.500 0:00:04.200] Agent: Sunridge Water."},
			warnings: []string{`listenscore: call.srt:4:1: no speaker label: dialogue dash line without a "Name:" or "[Name]" prefix`},
		},
		{
			name:   "double dash and numbers are not dialogue dashes",
			input:  "1\n00:00:01,000 --> 00:00:03,000\nAgent: The balance is\n-5 dollars, so\n-- wait, no.\n",
			want:   []string{"3:1 [0:00:01.000 0:00:03.000] Agent: The balance is -5 dollars, so -- wait, no."},
			reason: `"--" marks a cut-off and "-5" a negative number`,
		},
		{
			name:  "crlf",
			input: "1\r\n00:00:01,000 --> 00:00:02,000\r\nAgent: Hello,\r\nhow can I help?\r\n\r\n2\r\n00:00:02,500 --> 00:00:03,000\r\nCustomer: Hi.\r\n",
			want: []string{
				"3:1 [0:00:01.000 0:00:02.000] Agent: Hello, how can I help?",
				"8:1 [0:00:02.500 0:00:03.000] Customer: Hi.",
			},
		},
		{
			name:  "byte order mark",
			input: "\ufeff1\n00:00:01,000 --> 00:00:02,000\nAgent: Hello.\n",
			want:  []string{"3:1 [0:00:01.000 0:00:02.000] Agent: Hello."},
		},
		{
			name: "utf-8 names",
			input: "1\n00:00:01,000 --> 00:00:02,000\nJosé Ñúñez: ¿Hola?\n\n2\n00:00:02,000 --> 00:00:03,000\n[Zoë Müller] Grüß Gott.\n\n" +
				"3\n00:00:03,000 --> 00:00:04,000\n- 王芳: 你好。\n",
			want: []string{
				"3:1 [0:00:01.000 0:00:02.000] José Ñúñez: ¿Hola?",
				"7:1 [0:00:02.000 0:00:03.000] Zoë Müller: Grüß Gott.",
				"11:1 [0:00:03.000 0:00:04.000] 王芳: 你好。",
			},
		},
		{name: "empty file", input: "", err: ErrEmpty, msg: "listenscore: call.srt: no turns in transcript"},
		{name: "blank lines only", input: "\r\n\n  \n", err: ErrEmpty, msg: "listenscore: call.srt: no turns in transcript"},
		{
			name:  "one speaker only",
			input: "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hello?\n\n2\n00:00:03,000 --> 00:00:04,000\nAgent: Anyone there?\n",
			want: []string{
				"3:1 [0:00:01.000 0:00:02.000] Agent: Hello?",
				"7:1 [0:00:03.000 0:00:04.000] Agent: Anyone there?",
			},
		},
		{
			name:  "cues out of order: kept with a warning, strict or lenient",
			input: "1\n00:00:05,000 --> 00:00:06,000\nAgent: Second.\n\n2\n00:00:01,000 --> 00:00:02,000\nCustomer: First.\n",
			want: []string{
				"3:1 [0:00:05.000 0:00:06.000] Agent: Second.",
				"7:1 [0:00:01.000 0:00:02.000] Customer: First.",
			},
			warnings: []string{"listenscore: call.srt:7:1: turn starts before the previous turn: 0:00:01.000 < 0:00:05.000 at line 3"},
		},
		{
			name:  "end before start",
			input: "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi.\n\n2\n00:00:04,000 --> 00:00:03,000\nCustomer: Hello.\n",
			err:   ErrEndBeforeStart,
			msg:   "listenscore: call.srt:7:1: end time before start time: 0:00:03.000 < 0:00:04.000",
		},
		{
			name:     "end before start, lenient",
			input:    "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi.\n\n2\n00:00:04,000 --> 00:00:03,000\nCustomer: Hello.\n",
			opts:     ReadOptions{Lenient: true},
			want:     []string{"3:1 [0:00:01.000 0:00:02.000] Agent: Hi."},
			warnings: []string{"listenscore: call.srt:7:1: end time before start time: 0:00:03.000 < 0:00:04.000"},
		},
		{
			name:  "overlapping cues",
			input: "1\n00:00:01,000 --> 00:00:05,000\nAgent: Let me explain the fee.\n\n2\n00:00:03,000 --> 00:00:04,000\nCustomer: No, wait.\n",
			want: []string{
				"3:1 [0:00:01.000 0:00:05.000] Agent: Let me explain the fee.",
				"7:1 [0:00:03.000 0:00:04.000] Customer: No, wait.",
			},
		},
		{
			name:  "longer than an hour",
			input: "1\n00:59:59,500 --> 01:00:01,250\nAgent: Still there?\n\n2\n12:04:05,000 --> 12:04:06,000\nCustomer: Yes.\n",
			want: []string{
				"3:1 [0:59:59.500 1:00:01.250] Agent: Still there?",
				"7:1 [12:04:05.000 12:04:06.000] Customer: Yes.",
			},
		},
		{
			name:  "line over the line limit",
			input: "1\n00:00:01,000 --> 00:00:02,000\n" + longLine + "\n",
			opts:  ReadOptions{MaxLineBytes: 64},
			err:   ErrLineTooLong,
			msg:   "listenscore: call.srt:3:65: line longer than the line limit: more than 64 bytes",
		},
		{
			name:   "dot decimals, coordinates and no cue number",
			input:  "00:00:01.000 --> 00:00:02.000 X1:100 X2:600 Y1:50 Y2:90\nAgent: Hi.\n\n00:00:02,000 --> 00:00:03,000\nCustomer: Hello.\n",
			want:   []string{"2:1 [0:00:01.000 0:00:02.000] Agent: Hi.", "5:1 [0:00:02.000 0:00:03.000] Customer: Hello."},
			reason: "some tools write '.' or leave out the numbers",
		},
		{
			name: "missing blank lines",
			input: "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi.\n2\n00:00:02,000 --> 00:00:03,000\nCustomer: Hello.\n" +
				"00:00:03,000 --> 00:00:04,000\nAgent: Go to Settings --> Privacy.\n",
			want: []string{
				"3:1 [0:00:01.000 0:00:02.000] Agent: Hi.",
				"6:1 [0:00:02.000 0:00:03.000] Customer: Hello.",
				"8:1 [0:00:03.000 0:00:04.000] Agent: Go to Settings --> Privacy.",
			},
			reason: "a number line before a timing line, or a timing line, starts a cue; other arrows are text",
		},
		{
			name: "tags and override codes",
			input: "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Agent:</i> <font color=\"#ffcc00\">Tom &amp; Jerry's</font>,\n" +
				"<b>how</b> can I {\\i1}help{\\i0}? {not a tag} 2 < 3\n",
			want:   []string{"3:1 [0:00:01.000 0:00:02.000] Agent: Tom &amp; Jerry's, how can I help? {not a tag} 2 < 3"},
			reason: "SRT does not define character references; they stay as written",
		},
		{
			name:  "no speaker",
			input: "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi.\n\n2\n00:00:02,000 --> 00:00:03,000\nI want to cancel.\n",
			err:   ErrNoSpeaker,
			msg:   `listenscore: call.srt:7:1: no speaker label: no "Name:" or "[Name]" prefix on the cue's first line`,
		},
		{
			name:     "no speaker, lenient",
			input:    "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi.\n\n2\n00:00:02,000 --> 00:00:03,000\nI want to\ncancel.\n\n3\n00:00:03,000 --> 00:00:04,000\nAgent: Sorry to hear.\n",
			opts:     ReadOptions{Lenient: true},
			want:     []string{"3:1 [0:00:01.000 0:00:02.000] Agent: Hi.", "12:1 [0:00:03.000 0:00:04.000] Agent: Sorry to hear."},
			warnings: []string{`listenscore: call.srt:7:1: no speaker label: no "Name:" or "[Name]" prefix on the cue's first line`},
		},
		{
			name:   "a label on a later line starts a turn",
			input:  "1\n00:00:01,000 --> 00:00:04,000\nAgent: Afternoon flight, then.\nCustomer: Perfect.\n",
			want:   []string{"3:1 [0:00:01.000 0:00:04.000] Agent: Afternoon flight, then.", "4:1 [0:00:01.000 0:00:04.000] Customer: Perfect."},
			reason: "two speakers in one cue are two turns",
		},
		{
			name:   "a lowercase colon phrase on a later line is text",
			input:  "1\n00:00:01,000 --> 00:00:04,000\nAgent: I checked, and\nthe reason is: the meter was estimated.\n",
			want:   []string{"3:1 [0:00:01.000 0:00:04.000] Agent: I checked, and the reason is: the meter was estimated."},
			reason: "a later line needs a known or capitalised label",
		},
		{
			name:   "a known lowercase label on a later line starts a turn",
			input:  "1\n00:00:01,000 --> 00:00:02,000\njsmith: Hi.\n\n2\n00:00:02,000 --> 00:00:04,000\nAgent: Hello.\njsmith: My bill is wrong.\n",
			want:   []string{"3:1 [0:00:01.000 0:00:02.000] jsmith: Hi.", "7:1 [0:00:02.000 0:00:04.000] Agent: Hello.", "8:1 [0:00:02.000 0:00:04.000] jsmith: My bill is wrong."},
			reason: "a label seen before is a speaker wherever it appears",
		},
		{
			name:  "bad time",
			input: "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi.\n\n2\n00:00:02,000 --> 00:0x:01,000\nCustomer: Hello.\n",
			err:   ErrTimestamp,
			msg:   `listenscore: call.srt:6:18: invalid timestamp: "00:0x:01,000"`,
		},
		{
			name:     "bad time, lenient",
			input:    "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi.\n\n2\n00:00:02,000 --> 00:0x:01,000\nCustomer: Hello.\n\n3\n00:00:03,000 --> 00:00:04,000\nAgent: Hm?\n",
			opts:     ReadOptions{Lenient: true},
			want:     []string{"3:1 [0:00:01.000 0:00:02.000] Agent: Hi.", "11:1 [0:00:03.000 0:00:04.000] Agent: Hm?"},
			warnings: []string{`listenscore: call.srt:6:18: invalid timestamp: "00:0x:01,000"`},
		},
		{
			name:  "cue number not a number",
			input: "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi.\n\ntwo\n00:00:02,000 --> 00:00:03,000\nCustomer: Hello.\n",
			err:   ErrSyntax,
			msg:   `listenscore: call.srt:5:1: syntax error: cue number "two" is not a number`,
		},
		{
			name:  "no timing line",
			input: "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi.\n\n2\n00:00:02,000 - 00:00:03,000\nCustomer: Hello.\n",
			err:   ErrSyntax,
			msg:   `listenscore: call.srt:6:1: syntax error: no cue timing line ("00:00:01,000 --> 00:00:04,000") in this block`,
		},
	}
	runCueCases(t, "call.srt", FormatSRT, cases)
}

func FuzzReadSRT(f *testing.F) {
	fixtureSeeds(f, "srt")
	f.Add([]byte("1\n00:00:01,000 --> 00:00:02,000\n- A: x\n-[B] y\n2\n00:00:02,000 --> 00:00:03,000\n{\\an8}<i>C:</i> z"))
	f.Add([]byte("1\n00:00:01,000 --> 00:00:02,000\n[laughs]: {\\{\\{\\ <i<i\n-\n- [A]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFuzzRead(t, "fuzz.srt", FormatSRT, data)
	})
}

// genSRT generates a call of n cues with "Name:" prefixes, alternating two
// speakers, some cues wrapped over two lines.
func genSRT(n int) string {
	var b strings.Builder
	for i := range n {
		text := "Agent: I can see the March bill. It looks like the meter reading\nin February was estimated, and this one is an actual reading."
		if i%2 == 1 {
			text = "Customer: Estimated? Nobody told me and I never got a letter."
		}
		start := i * 3500
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s\n\n", i+1, srtTime(start), srtTime(start+3200), text)
	}
	return b.String()
}

// srtTime formats milliseconds as hh:mm:ss,ttt.
func srtTime(ms int) string {
	return fmt.Sprintf("%02d:%02d:%02d,%03d", ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000)
}

func BenchmarkReadSRT(b *testing.B) {
	data := []byte(genSRT(1000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("call.srt", bytes.NewReader(data), ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
