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
	var fields [3]int64
	n := 0
	i := 0
	for {
		start := i
		var v int64
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if v > (1<<62)/10 {
				return 0, false
			}
			v = v*10 + int64(s[i]-'0')
			i++
		}
		if i == start || n == 3 {
			return 0, false
		}
		if n > 0 && (i-start != 2 || v > 59) {
			return 0, false
		}
		fields[n] = v
		n++
		if i < len(s) && s[i] == ':' {
			i++
			continue
		}
		break
	}
	if n < 2 {
		return 0, false
	}
	var d time.Duration
	if n == 3 {
		d = time.Duration(fields[0])*time.Hour + time.Duration(fields[1])*time.Minute + time.Duration(fields[2])*time.Second
	} else {
		d = time.Duration(fields[0])*time.Minute + time.Duration(fields[1])*time.Second
	}
	if fields[0] > 1_000_000 {
		return 0, false // far beyond any call; also keeps the sum from overflowing
	}
	if i == len(s) {
		return d, true
	}
	if s[i] != '.' && s[i] != ',' {
		return 0, false
	}
	i++
	frac, scale := time.Duration(0), time.Second
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if i-start == 9 {
			return 0, false
		}
		scale /= 10
		frac += time.Duration(s[i]-'0') * scale
		i++
	}
	if i == start || i != len(s) {
		return 0, false
	}
	return d + frac, true
}

// clock formats a duration as h:mm:ss.mmm for messages.
func clock(d time.Duration) string {
	if d < 0 {
		return "-" + clock(-d)
	}
	ms := d.Milliseconds()
	return fmt.Sprintf("%d:%02d:%02d.%03d", ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000)
}
