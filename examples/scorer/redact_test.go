package main

import (
	"testing"

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
