package listenscore

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTransfers(t *testing.T) {
	untimed := func(turns ...Turn) []Turn {
		for i := range turns {
			turns[i].HasStart, turns[i].HasEnd = false, false
		}
		return turns
	}
	blind := []Turn{
		agentTurn("Priya", 0, 5, "Thanks for calling Northwind, this is Priya."),
		customerTurn("Dana", 5.5, 9, "I was charged twice for May."),
		agentTurn("Priya", 9.5, 13, "I'm transferring you to billing now, please hold."),
		agentTurn("Ana", 75, 79, "Thanks for holding, this is Ana from billing."),
		customerTurn("Dana", 79.5, 82, "Hi Ana, I was charged twice."),
		agentTurn("Ana", 82.5, 86, "I'll refund the second charge today."),
	}
	tests := []struct {
		name     string
		turns    []Turn
		want     []Transfer
		evidence []ev
	}{
		{
			name:  "timed: a blind transfer, announced, after a hold",
			turns: blind,
			want: []Transfer{{From: "Priya", To: "Ana", Turn: 3, Announced: 2, Announcement: `"transferring you to"`,
				At: sec(75), Timed: true}},
			evidence: []ev{{3, `transfer from Priya to Ana at 0:01:15.000, blind; announced in turn 2: "transferring you to"`}},
		},
		{
			name:  "untimed: the same, without a time",
			turns: untimed(append([]Turn(nil), blind...)...),
			want: []Transfer{{From: "Priya", To: "Ana", Turn: 3, Announced: 2, Announcement: `"transferring you to"`,
				At: sec(75)}},
			evidence: []ev{{3, `transfer from Priya to Ana, blind; announced in turn 2: "transferring you to"`}},
		},
		{
			name:  "timed: a warm transfer to a supervisor",
			turns: warmTransferCall().Turns,
			want: []Transfer{{From: "Priya", To: "Marcus", Turn: 3, Announced: 2, Announcement: `"let me get my supervisor"`,
				At: sec(17), Timed: true, Warm: true}},
		},
		{
			name: "a new agent-side voice without an announcement",
			turns: []Turn{
				agentTurn("Rep", 0, 2, "Hello."),
				customerTurn("Caller", 2.5, 4, "Hi."),
				agentTurn("Trainer", 4.5, 6, "Hi, I'm listening in today."),
			},
			want:     []Transfer{{From: "Rep", To: "Trainer", Turn: 2, Announced: -1, At: sec(4.5), Timed: true, Warm: false}},
			evidence: []ev{{2, "transfer from Rep to Trainer at 0:00:04.500, blind; not announced"}},
		},
		{
			name: "announced as the transcript ends: out of the transcript",
			turns: []Turn{
				agentTurn("Rep", 0, 2, "I'll transfer you to the claims team now."),
				customerTurn("Caller", 2.5, 3, "Okay."),
			},
			want:     []Transfer{{From: "Rep", Turn: 0, Announced: 0, Announcement: `"I'll transfer you"`, At: sec(2), Timed: true}},
			evidence: []ev{{0, `Rep transfers the call out of this transcript at 0:00:02.000: "I'll transfer you"`}},
		},
		{
			name: "an announcement long before the end is not a transfer",
			turns: []Turn{
				agentTurn("Rep", 0, 2, "I could transfer you to claims, but I can fix it myself."),
				agentTurn("Rep", 2, 4, "Your claim is reopened."),
				agentTurn("Rep", 4, 6, "Is there anything else?"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(&Transcript{Turns: tt.turns}, Config{})
			require.NoError(t, err)
			assert.Equal(t, tt.want, a.Transfers)
			m, _ := a.Metric("transfers")
			assert.Equal(t, float64(len(tt.want)), m.Value)
			if tt.evidence != nil {
				assert.Equal(t, tt.evidence, turnReasons(m.Evidence))
			}
		})
	}
}

// TestTransferWaitIsNotDeadAir checks that the silence between an
// announced transfer and the new voice is not dead air, as a hold's is
// not, while the same silence before a new voice nobody announced is.
func TestTransferWaitIsNotDeadAir(t *testing.T) {
	call := func(announcement string) *Transcript {
		return &Transcript{Turns: []Turn{
			agentTurn("Tom", 0, 4, "Thanks for calling Northwind Energy, this is Tom."),
			customerTurn("Maria", 4.5, 12, "I paid my bill in full but I got a final notice."),
			agentTurn("Tom", 12.5, 18, "I can see the payment went to an old account. "+announcement),
			customerTurn("Maria", 18.5, 19, "Okay."),
			agentTurn("Denise", 29, 35, "Hi Maria, I'm Denise. I've moved the payment to your current account."),
			customerTurn("Maria", 35.5, 37, "Thank you."),
		}}
	}
	tests := []struct {
		announcement string
		deadAir      float64
	}{
		{"I'm going to bring in my supervisor, she can move it across.", 0},
		{"That happens sometimes.", 1},
	}
	for _, tt := range tests {
		t.Run(tt.announcement, func(t *testing.T) {
			a, err := Analyze(call(tt.announcement), Config{})
			require.NoError(t, err)
			require.Len(t, a.Transfers, 1)
			assert.Equal(t, tt.deadAir > 0, a.Transfers[0].Announced < 0, "announced")
			m, _ := a.Metric(MetricDeadAirCount)
			assert.Equal(t, tt.deadAir, m.Value, "dead air: %v", turnReasons(m.Evidence))
		})
	}
}
