package main

import (
	"strings"
	"unicode/utf8"
)

// minRedactDigits is the number of digits a run needs before it is masked:
// card, account and phone numbers are masked, while "3 to 5 days" or
// "$84" stay readable.
const minRedactDigits = 4

// redact masks e-mail addresses as "[email]" and every run of at least
// minRedactDigits digits, where single spaces, dashes, dots, slashes and
// parentheses may separate the digit groups ("4111 1111-1111", "(555)
// 123-4567"), with each digit replaced by '#'.
func redact(s string) string {
	if !strings.ContainsAny(s, "0123456789@") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if end, ok := emailAt(s, i); ok {
			b.WriteString("[email]")
			i = end
			continue
		}
		if isDigit(s[i]) || (s[i] == '(' && i+1 < len(s) && isDigit(s[i+1])) {
			end, digits := digitRun(s, i)
			if digits >= minRedactDigits {
				for j := i; j < end; j++ {
					if isDigit(s[j]) {
						b.WriteByte('#')
					} else {
						b.WriteByte(s[j])
					}
				}
				i = end
				continue
			}
			b.WriteString(s[i:end])
			i = end
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digitRun returns the end of the digit run starting at i and how many
// digits it holds. A separator counts only between two digits.
func digitRun(s string, i int) (end, digits int) {
	end = i
	if s[i] == '(' {
		end++
	}
	for end < len(s) {
		switch c := s[end]; {
		case isDigit(c):
			digits++
			end++
		case strings.IndexByte(" -./()", c) >= 0 && end+1 < len(s) && (isDigit(s[end+1]) || c == ')' && end+2 < len(s) && s[end+1] == ' ' && isDigit(s[end+2])):
			if c == ')' && s[end+1] == ' ' {
				end += 2
			} else {
				end++
			}
		default:
			return end, digits
		}
	}
	return end, digits
}

// emailAt reports an e-mail address starting at i: a local part of letters,
// digits and ._%+- characters, "@", and a domain with at least one dot.
func emailAt(s string, i int) (end int, ok bool) {
	if i > 0 && isEmailLocal(s[i-1]) {
		return 0, false // not at the start of the address
	}
	j := i
	for j < len(s) && isEmailLocal(s[j]) {
		j++
	}
	if j == i || j >= len(s) || s[j] != '@' {
		return 0, false
	}
	k := j + 1
	dot := false
	for k < len(s) && (isAlnum(s[k]) || s[k] == '-' || s[k] == '.' && k+1 < len(s) && isAlnum(s[k+1])) {
		if s[k] == '.' {
			dot = true
		}
		k++
	}
	if !dot || k == j+1 {
		return 0, false
	}
	return k, true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c)
}

func isEmailLocal(c byte) bool {
	return isAlnum(c) || strings.IndexByte("._%+-", c) >= 0
}
