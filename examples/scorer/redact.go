package main

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/callqa/listenscore/listenscore"
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

// What -redact masks beyond digit runs and e-mail addresses: dates with a
// month name, street addresses, spelled-out digit runs ("four five six
// seven") and, with a call's context, the names of the people in it.
var (
	months = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`
	// A day, as digits or as an ordinal word.
	day = `(?:\d{1,2}(?:st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|` +
		`fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))`
	year = `(?:,?\s+(?:\d{4}|\d{2}|'\d{2}))?`
	// "March 3rd, 1985", "3 March 1985", "the third of March".
	dateRE = regexp.MustCompile(`(?i)\b(?:` + months + `\.?\s+(?:the\s+)?` + day + `\b` + year + `|(?:the\s+)?` + day + `\s+(?:of\s+)?` + months + `\b\.?` + year + `)`)
	// "221 Baker Street", "12 north oak ave", "5 Mill Lane, Millbrook"
	// (with the town after it), "apartment 4B"; and a street named
	// without a number, "Larkspur Avenue", by its capitals and a suffix
	// that is rarely a common word.
	addressRE = regexp.MustCompile(`(?i)\b(?:\d+[a-z]?|` + numberWordsAlt + `)(?:\s+[a-z][a-z'.-]*){1,3}?\s+` +
		`(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|circle|crescent|close|parkway|highway|hwy|square|sq)\b\.?` +
		`(?:,\s+(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b))?` +
		`|\b(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:street|avenue|road|lane|drive|boulevard|crescent|parkway|highway)\b` +
		`|\b(?:apartment|apt|unit|suite|flat)\.?\s*#?\s*\d+[a-z]?\b`)
	// The words of a street's name in an address: "Mill" of "5 Mill Lane",
	// masked wherever the call says them again ("the flat on Mill").
	streetNameRE = regexp.MustCompile(`(?-i:[A-Z][a-z]+)`)
	// Letters spelled before a masked identifier: "H L #######", "PW #####".
	idLettersRE    = regexp.MustCompile(`\b(?:[A-Z]{1,3}[ -]){1,3}#`)
	numberWordsAlt = `(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)`
	// A run of spelled-out digits, tens and plain digits, with "double"
	// and "triple" ("double five").
	spelledRE    = regexp.MustCompile(`(?i)\b(?:(?:double|triple)\s+)?(?:` + numberWordsAlt + `|\d+)(?:(?:[\s,-]+|\s+and\s+)(?:(?:double|triple)\s+)?(?:` + numberWordsAlt + `|\d+))+\b`)
	numberWordRE = regexp.MustCompile(`(?i)\b(?:` + numberWordsAlt + `|\d+)\b`)
	repeatRE     = regexp.MustCompile(`(?i)\b(?:double|triple|` + numberWordsAlt + `|\d+)\b`)
)

// minSpelledWords is the number of digits a run of number words must say
// to be masked ("double" says two, "triple" three):
// "four five six seven", "nineteen eighty five six", but not "one or two"
// or "twenty five".
const minSpelledWords = 4

// maskPatterns masks dates, addresses and spelled-out digit runs.
func maskPatterns(s string) string {
	s = dateRE.ReplaceAllString(s, "[date]")
	s = addressRE.ReplaceAllString(s, "[address]")
	return spelledRE.ReplaceAllStringFunc(s, func(run string) string {
		lower := strings.ToLower(run)
		digits := len(numberWordRE.FindAllString(run, -1)) + strings.Count(lower, "double") + 2*strings.Count(lower, "triple")
		if digits < minSpelledWords {
			return run
		}
		return repeatRE.ReplaceAllStringFunc(run, func(w string) string {
			if w[0] >= '0' && w[0] <= '9' {
				return strings.Repeat("#", len(w)) // as a digit run is masked
			}
			return "#"
		})
	})
}

// A redactor masks what -redact hides in one call: the patterns above,
// digit runs and e-mail addresses everywhere, and the names of the people
// in the call: a speaker label that reads as a name becomes the speaker's
// role ("Agent", "Customer 2"), and the words of such labels, and names
// stated in the call ("my name is Dana", "this is Priya", "Mr. Brooks"),
// become "[name]" wherever they are said.
type redactor struct {
	names  map[string]bool   // lower-case name words
	labels map[string]string // speaker label → its stand-in
}

// streetWords are the words of an address that name no place: its
// suffix and the words a spoken address starts with.
var streetWords = map[string]bool{"street": true, "st": true, "avenue": true, "ave": true, "road": true, "rd": true,
	"lane": true, "ln": true, "drive": true, "dr": true, "boulevard": true, "blvd": true, "court": true, "ct": true,
	"way": true, "place": true, "pl": true, "terrace": true, "circle": true, "crescent": true, "close": true,
	"parkway": true, "highway": true, "hwy": true, "square": true, "sq": true, "north": true, "south": true,
	"east": true, "west": true, "the": true, "flat": true, "apartment": true, "unit": true, "suite": true}

// roleWords are label words that name a role, not a person.
var roleWords = map[string]bool{
	"agent": true, "customer": true, "caller": true, "speaker": true, "client": true, "representative": true,
	"rep": true, "support": true, "operator": true, "advisor": true, "adviser": true, "therapist": true,
	"tier1": true, "tier": true, "unknown": true, "user": true, "host": true, "guest": true, "interviewer": true,
}

// stated finds a name the speaker gives: "my name is Dana Ito", "this is
// Priya", "name's Sam", "speaking with Mr. Brooks", "Dana speaking".
var stated = regexp.MustCompile(`(?:(?i:my name is|name's|this is|i am|i'm|speaking with|talking to)\s+(?:(?i:mr|mrs|ms|miss|dr)\.?\s+)?` +
	`((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)|(?i:\b(?:mr|mrs|ms|miss|dr)\.?\s+)([A-Z][a-z]+)|\b([A-Z][a-z]+)\s+(?i:speaking)\b)`)

// notNameWords are capitalized words the patterns above find that are not
// names ("this is Acme support", "I'm Sorry").
var notNameWords = map[string]bool{
	"sorry": true, "calling": true, "just": true, "not": true, "so": true, "very": true, "really": true, "the": true,
	"a": true, "an": true, "here": true, "fine": true, "good": true, "great": true, "ok": true, "okay": true, "it": true,
	"that": true, "what": true, "about": true, "going": true, "trying": true, "afraid": true, "glad": true, "happy": true,
}

// newRedactor returns the redactor of the call a, nil for none. Besides
// the labels and the names stated in the call, it hides the customer's
// name as the analysis found it (a.CustomerName: "Maria Lopez" given in
// answer to "can I take your name?").
func newRedactor(a *listenscore.Analysis) *redactor {
	rd := &redactor{names: map[string]bool{}, labels: map[string]string{}}
	if a == nil || a.Transcript == nil {
		return rd
	}
	t := a.Transcript
	addName := func(w string) {
		if lw := strings.ToLower(w); len(lw) > 1 && !roleWords[lw] && !notNameWords[lw] {
			rd.names[lw] = true
		}
	}
	for _, w := range strings.Fields(a.CustomerName) {
		addName(w)
	}
	perRole := map[listenscore.Role]int{}
	for _, sp := range t.Speakers {
		words := strings.FieldsFunc(sp.Label, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
		person := len(words) > 0
		for _, w := range words {
			if roleWords[strings.ToLower(w)] || !unicode.IsUpper([]rune(w)[0]) {
				person = false
			}
		}
		if !person {
			continue
		}
		for _, w := range words {
			addName(w)
		}
		perRole[sp.Role]++
		stand := strings.ToUpper(sp.Role.String()[:1]) + sp.Role.String()[1:]
		if n := perRole[sp.Role]; n > 1 {
			stand += " " + strconv.Itoa(n)
		}
		rd.labels[sp.Label] = stand
	}
	for _, tu := range t.Turns {
		for _, m := range stated.FindAllStringSubmatch(tu.Text, -1) {
			for _, g := range m[1:] {
				for _, w := range strings.Fields(g) {
					addName(w)
				}
			}
		}
		for _, addr := range addressRE.FindAllString(tu.Text, -1) {
			for _, w := range streetNameRE.FindAllString(addr, -1) {
				if !streetWords[strings.ToLower(w)] {
					addName(w)
				}
			}
		}
		for _, w := range mailNames(tu.Text) {
			addName(w)
		}
	}
	return rd
}

// text masks s.
func (rd *redactor) text(s string) string {
	s = maskIDLetters(redact(maskPatterns(s)))
	if rd == nil || len(rd.names) == 0 {
		return s
	}
	return wordRE.ReplaceAllStringFunc(s, func(w string) string {
		lw := strings.ToLower(w)
		if rd.names[lw] {
			return "[name]"
		}
		// A possessive: "Ana's stretch", "Patel's turn".
		if stem, ok := strings.CutSuffix(lw, "'s"); ok && rd.names[stem] {
			return "[name]'s"
		}
		return w
	})
}

// maskIDLetters masks the letters spelled just before a masked
// identifier, as its digits are: "H L #######" → "# # #######".
func maskIDLetters(s string) string {
	if !strings.Contains(s, "#") {
		return s
	}
	return idLettersRE.ReplaceAllStringFunc(s, func(m string) string {
		return strings.Map(func(r rune) rune {
			if 'A' <= r && r <= 'Z' {
				return '#'
			}
			return r
		}, m)
	})
}

// genericMailWords are e-mail local-part words that name no one.
var genericMailWords = map[string]bool{"info": true, "support": true, "help": true, "admin": true, "contact": true,
	"hello": true, "mail": true, "email": true, "sales": true, "billing": true, "service": true, "team": true,
	"office": true, "home": true, "work": true, "noreply": true, "reply": true, "account": true, "accounts": true}

// mailNames returns the words of the local parts of the e-mail addresses
// in s that may be a name: "jenna" and "morales" of
// "jenna.morales@example.com".
func mailNames(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		if s[i] != '@' {
			continue
		}
		j := i
		for j > 0 && isEmailLocal(s[j-1]) {
			j--
		}
		if _, ok := emailAt(s, j); !ok {
			continue
		}
		for _, w := range strings.FieldsFunc(s[j:i], func(r rune) bool { return !unicode.IsLetter(r) }) {
			if lw := strings.ToLower(w); len(lw) >= 3 && !genericMailWords[lw] {
				out = append(out, w)
			}
		}
	}
	return out
}

// wordRE matches a word: letters and apostrophes.
var wordRE = regexp.MustCompile(`[\p{L}']+`)

// label masks a speaker label: a person's name becomes the speaker's role.
func (rd *redactor) label(l string) string {
	if stand, ok := rd.labels[l]; ok {
		return stand
	}
	return rd.text(l)
}
