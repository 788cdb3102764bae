package main

import (
	"testing"

	"github.com/callqa/listenscore/listenscore"
	"github.com/stretchr/testify/assert"
)

func TestRedact(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"card number with spaces", "it's 4111 1111 1111 1111, expiry", "it's #### #### #### ####, expiry"},
		{"phone with parentheses and dash", "call (555) 123-4567 now", "call (###) ###-#### now"},
		{"account number", "account 5520 1938.", "account #### ####."},
		{"short numbers stay", "3 to 5 business days, $84 and 35 dollars", "3 to 5 business days, $84 and 35 dollars"},
		{"four digits masked", "ending 4471", "ending ####"},
		{"date masked as a digit run", "12/03/1986", "##/##/####"},
		{"email", "It's daniel.brooks@example.com. Account", "It's [email]. Account"},
		{"email with plus and digits", "mail a.b+qa9@mail.example.co.uk", "mail [email]"},
		{"at sign without domain dot stays", "@home and x@y", "@home and x@y"},
		{"utf-8 text untouched", "José paid 1234 €", "José paid #### €"},
		{"separator needs a digit after it", "1234- 99", "####- 99"},
		{"nothing to do", "no numbers here", "no numbers here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, redact(tt.in))
		})
	}
}

// TestRedactPatterns covers what -redact masks beyond digits and e-mail
// addresses: dates, addresses and spelled-out digit runs.
func TestRedactPatterns(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"date of birth with a month name", "I was born March 3rd, 1985.", "I was born [date]."},
		{"day first", "it's 14 July 1990 on file", "it's [date] on file"},
		{"spoken date", "my birthday is the third of March", "my birthday is [date]"},
		{"month and spoken day", "on June twenty-first", "on [date]"},
		{"may as a verb stays", "May I have your name?", "May I have your name?"},
		{"street address", "I live at 221 Baker Street now", "I live at [address] now"},
		{"address in lower case, spelled number", "it's twelve north oak ave", "it's [address]"},
		{"apartment", "apartment 4B please", "[address] please"},
		{"address with its town", "It's 5 Mill Lane, Ashby now.", "It's [address] now."},
		{"street named without a number", "the crew on Larkspur Avenue", "the crew on [address]"},
		{"a common word before a suffix stays", "go down the road and take the second drive", "go down the road and take the second drive"},
		{"letters spelled before an identifier", "policy H L 4471 2290, order PW 88231", "policy # # #### ####, order ## #####"},
		{"spelled-out digits", "the last four are four five six seven", "the last four are # # # #"},
		{"spelled with double", "card ends double five one two", "card ends # # # #"},
		{"mixed digits and words", "it's 4 five 6 seven", "it's # # # #"},
		{"a few number words stay", "one or two days, twenty five dollars", "one or two days, twenty five dollars"},
		{"digit runs as before", "4111 1111 1111 1111", "#### #### #### ####"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, newRedactor(nil).text(tt.in))
		})
	}
}

// TestRedactNames checks the names of a call's people: labels that are
// names become roles, and their words and the names stated in the call
// become [name] wherever they are said.
func TestRedactNames(t *testing.T) {
	tr := &listenscore.Transcript{
		Speakers: []listenscore.Speaker{
			{Label: "Priya Shah", Role: listenscore.RoleAgent},
			{Label: "Daniel Brooks", Role: listenscore.RoleCustomer},
			{Label: "Maria", Role: listenscore.RoleCustomer},
			{Label: "Agent", Role: listenscore.RoleAgent},
			{Label: "spk_1", Role: listenscore.RoleCustomer},
		},
		Turns: []listenscore.Turn{
			{Text: "It's 5 Mill Lane now. The email is jenna.morales@example.com, or support@example.com."},
			{Text: "Thanks for calling, this is Priya. Who am I speaking with?"},
			{Text: "Hi, my name is Daniel, and my wife Anna Brooks is here."},
			{Text: "I'm sorry to hear that, Mr. Okafor."},
		},
	}
	rd := newRedactor(&listenscore.Analysis{Transcript: tr, CustomerName: "Lopez Garcia"})
	labels := []struct{ in, want string }{
		{"Priya Shah", "Agent"}, {"Daniel Brooks", "Customer"}, {"Maria", "Customer 2"}, {"Agent", "Agent"}, {"spk_1", "spk_1"},
	}
	for _, l := range labels {
		assert.Equal(t, l.want, rd.label(l.in), l.in)
	}
	texts := []struct{ in, want string }{
		{"Thanks for calling, this is Priya. Who am I speaking with?", "Thanks for calling, this is [name]. Who am I speaking with?"},
		{"Hi, my name is Daniel, and my wife Anna Brooks is here.", "Hi, my name is [name], and my wife Anna [name] is here."},
		{"I'm sorry to hear that, Mr. Okafor.", "I'm sorry to hear that, Mr. [name]."},
		{"Okay Daniel, and Maria too.", "Okay [name], and [name] too."},
		{"Thank you, Mrs Garcia. Lopez, is it?", "Thank you, Mrs [name]. [name], is it?"}, // the analysis's CustomerName
		{"The flat on Mill, Jenna? Morales?", "The flat on [name], [name]? [name]?"},      // an address's street, an e-mail's name
		{"Our support team will call.", "Our support team will call."},
		{"-agent Therapist matches no speaker (the speakers are Priya Shah, Maria)", "-agent Therapist matches no speaker (the speakers are [name] [name], [name])"},
		{"13.8 s of talk in Maria's stretch (turns 4 to 6)", "13.8 s of talk in [name]'s stretch (turns 4 to 6)"},
		{"replies 0.6 s after Priya Shah's turn 1 ends", "replies 0.6 s after [name] [name]'s turn 1 ends"},
	}
	for _, tt := range texts {
		assert.Equal(t, tt.want, rd.text(tt.in), tt.in)
	}
}
