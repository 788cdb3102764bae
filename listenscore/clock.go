package listenscore

import (
	"fmt"
	"time"
)

// parseClock parses a clock time "[h:]mm:ss[.fff]" (or with a comma before
// the fraction, as SRT writes it). The leading field may exceed 59 and have
// any number of digits ("75:02", "123:04:05.5"); later fields must be two
// digits below 60. The fraction has 1 to 9 digits.
func parseClock(s string) (time.Duration, bool) {
	// The leading field.
	i := 0
	var lead int64
	for i < len(s) && isDigitByte(s[i]) {
		if lead > (1<<62)/10 {
			return 0, false
		}
		lead = lead*10 + int64(s[i]-'0')
		i++
	}
	if i == 0 {
		return 0, false
	}
	// One or two more fields of two digits each.
	var later [2]int64
	n := 0
	for n < 2 && i < len(s) && s[i] == ':' {
		if i+3 > len(s) || !isDigitByte(s[i+1]) || !isDigitByte(s[i+2]) || i+3 < len(s) && isDigitByte(s[i+3]) {
			return 0, false
		}
		v := int64(s[i+1]-'0')*10 + int64(s[i+2]-'0')
		if v > 59 {
			return 0, false
		}
		later[n] = v
		n++
		i += 3
	}
	if n == 0 || i < len(s) && s[i] == ':' {
		return 0, false // one field, or a fourth
	}
	if lead > 1_000_000 {
		return 0, false // far beyond any call; also keeps the sum from overflowing
	}
	var d time.Duration
	if n == 2 {
		d = time.Duration(lead)*time.Hour + time.Duration(later[0])*time.Minute + time.Duration(later[1])*time.Second
	} else {
		d = time.Duration(lead)*time.Minute + time.Duration(later[0])*time.Second
	}
	if i == len(s) {
		return d, true
	}
	if s[i] != '.' && s[i] != ',' {
		return 0, false
	}
	i++
	// The fraction: 1 to 9 digits, to the end.
	start := i
	var frac int64
	for i < len(s) && isDigitByte(s[i]) {
		if i-start == 9 {
			return 0, false
		}
		frac = frac*10 + int64(s[i]-'0')
		i++
	}
	if i == start || i != len(s) {
		return 0, false
	}
	return d + time.Duration(frac*pow10[9-(i-start)]), true
}

// pow10 holds the powers of ten that scale a fraction of 1 to 9 digits to
// nanoseconds.
var pow10 = [...]int64{1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// clock formats a duration as h:mm:ss.mmm for messages.
func clock(d time.Duration) string {
	if d < 0 {
		return "-" + clock(-d)
	}
	ms := d.Milliseconds()
	return fmt.Sprintf("%d:%02d:%02d.%03d", ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000)
}
