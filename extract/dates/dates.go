// Package dates turns English date, time and duration expressions found in
// news text into normalised XSD literals ("August 15, 2025" → 2025-08-15,
// "three-hour" → PT3H).
//
// Relative expressions ("Friday", "yesterday", "last week") only make sense
// against the publication date of the article, so Normalize takes that date
// as ref. When ref is the zero time, relative expressions are reported as not
// normalisable (ok=false) and callers keep the surface text: a wrong absolute
// date in the graph is worse than an unresolved one.
//
// The package is pure: no models, no global state, safe for concurrent use.
package dates

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// XSD datatypes Normalize reports. They are prefixed names; the schema layer
// expands "xsd:" to http://www.w3.org/2001/XMLSchema#.
const (
	XSDDate       = "xsd:date"
	XSDDateTime   = "xsd:dateTime"
	XSDTime       = "xsd:time"
	XSDGYear      = "xsd:gYear"
	XSDGYearMonth = "xsd:gYearMonth"
	XSDGMonthDay  = "xsd:gMonthDay"
	XSDDuration   = "xsd:duration"
	// ISOWeek is used for "last week"/"this week": XSD has no week type, so
	// the value is an ISO-8601 week ("2025-W33") typed as a plain string.
	ISOWeek = "xsd:string"
)

// Normalize converts a date, time or duration expression to a literal.
// text may carry a leading preposition ("on Monday", "in 2025", "for four
// years") and surrounding punctuation. ref is the article date used to
// resolve relative and year-less dates; pass the zero time when unknown.
//
// Datatypes: xsd:date ("August 15, 2025"), xsd:gYear ("2025"),
// xsd:gYearMonth ("August 2025"), xsd:gMonthDay ("Aug. 15" without ref),
// xsd:dateTime ("Friday at 3 p.m." with ref), xsd:time ("3 p.m." without a
// date), xsd:duration ("three-hour" → PT3H, "four years" → P4Y) and, for
// weeks, an ISO week string. ok is false when the text is not recognised or
// needs a reference date that is missing.
func Normalize(text string, ref time.Time) (value, datatype string, ok bool) {
	if d, ok := isoDate(strings.TrimSpace(text)); ok {
		return d.Format("2006-01-02"), XSDDate, true
	}
	words := split(text)
	words = trimFillers(words)
	if len(words) == 0 {
		return "", "", false
	}
	if v, ok := parseDuration(words); ok {
		return v, XSDDuration, true
	}
	p := parser{words: words, ref: ref}
	return p.parse()
}

// split lower-cases text and breaks it into words, separating hyphenated
// compounds ("three-hour") and commas, and dropping other punctuation except
// the colon and dot needed for clock times and abbreviations.
func split(text string) []string {
	text = strings.ToLower(text)
	var b strings.Builder
	for _, r := range text {
		switch {
		case r == '-' || r == '–' || r == '—':
			b.WriteString(" - ")
		case r == ',':
			b.WriteString(" , ")
		case r == '\'' || r == '’' || r == '"' || r == '“' || r == '”' || r == '(' || r == ')':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	fields := strings.Fields(b.String())
	out := fields[:0]
	for _, f := range fields {
		// "15." at sentence end, "p.m." is kept (handled by the time parser).
		if f != "p.m." && f != "a.m." && strings.HasSuffix(f, ".") && len(f) > 1 {
			f = strings.TrimSuffix(f, ".")
		}
		if f == "." || f == "" {
			continue
		}
		out = append(out, f)
	}
	return out
}

// fillers are words that can surround a temporal expression without
// changing its value.
var fillers = map[string]bool{
	"on": true, "in": true, "at": true, "the": true, "of": true, ",": true,
	"for": true, "during": true, "since": true, "until": true, "by": true,
	"about": true, "around": true, "some": true, "nearly": true, "almost": true,
	"roughly": true, "approximately": true, "over": true, "-": true,
	"early": true, "mid": true, "late": true, "earlier": true, "later": true,
}

func trimFillers(w []string) []string {
	for len(w) > 0 && fillers[w[0]] {
		w = w[1:]
	}
	for len(w) > 0 && (fillers[w[len(w)-1]] && w[len(w)-1] != "earlier" && w[len(w)-1] != "later") {
		w = w[:len(w)-1]
	}
	return w
}

// IsMonth reports whether w (lower case) is an English month name or
// its abbreviation ("feb", "sept").
func IsMonth(w string) bool {
	_, ok := months[w]
	return ok
}

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
	"oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "sun": time.Sunday, "monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday, "thursday": time.Thursday,
	"thu": time.Thursday, "thurs": time.Thursday, "friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
}

var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"hundred": 100, "dozen": 12, "single": 1, "couple": 2,
}

// number parses a cardinal at w[0:], returning its value and how many words
// it used: "12", "three", "twenty - four" (hyphen split off), "1.5",
// "two and a half".
func number(w []string) (float64, int, bool) {
	if len(w) == 0 {
		return 0, 0, false
	}
	var v float64
	n := 0
	if f, err := strconv.ParseFloat(strings.ReplaceAll(w[0], ",", ""), 64); err == nil && f >= 0 {
		v, n = f, 1
	} else if x, ok := numberWords[w[0]]; ok {
		v, n = float64(x), 1
		// "twenty - four", "twenty four"
		if x >= 20 && x%10 == 0 && x < 100 {
			j := 1
			if j < len(w) && w[j] == "-" {
				j++
			}
			if j < len(w) {
				if y, ok := numberWords[w[j]]; ok && y < 10 && w[j] != "a" && w[j] != "an" {
					v += float64(y)
					n = j + 1
				}
			}
		}
		// "a couple of", "a dozen"
		if (w[0] == "a" || w[0] == "an") && len(w) > 1 {
			if y, ok := numberWords[w[1]]; ok && (w[1] == "couple" || w[1] == "dozen" || w[1] == "hundred") {
				v, n = float64(y), 2
				if n < len(w) && w[n] == "of" {
					n++
				}
			}
		}
	} else {
		return 0, 0, false
	}
	// "two and a half"
	if n+2 < len(w) && w[n] == "and" && (w[n+1] == "a" || w[n+1] == "one") && w[n+2] == "half" {
		v += 0.5
		n += 3
	}
	return v, n, true
}

// durationUnits maps unit words to the designator and a multiplier; weeks
// become days because xsd:duration has no week designator.
var durationUnits = map[string]struct {
	des  string
	mult float64
	time bool
}{
	"year": {"Y", 1, false}, "years": {"Y", 1, false}, "yr": {"Y", 1, false}, "yrs": {"Y", 1, false},
	"decade": {"Y", 10, false}, "decades": {"Y", 10, false},
	"century": {"Y", 100, false}, "centuries": {"Y", 100, false},
	"month": {"M", 1, false}, "months": {"M", 1, false},
	"week": {"D", 7, false}, "weeks": {"D", 7, false},
	"day": {"D", 1, false}, "days": {"D", 1, false},
	"hour": {"H", 1, true}, "hours": {"H", 1, true}, "hr": {"H", 1, true}, "hrs": {"H", 1, true},
	"minute": {"M", 1, true}, "minutes": {"M", 1, true}, "min": {"M", 1, true}, "mins": {"M", 1, true},
	"second": {"S", 1, true}, "seconds": {"S", 1, true}, "sec": {"S", 1, true},
}

// parseDuration recognises "<number> [-] <unit>" optionally followed by
// "long"/"old" and one trailing noun ("three-hour meeting" is accepted when
// the caller passes only the modifier; a trailing head noun is tolerated so
// "12-minute press conference" also works), and "half an hour".
func parseDuration(w []string) (string, bool) {
	w = stripDurationLead(w)
	if len(w) >= 3 && w[0] == "half" && (w[1] == "an" || w[1] == "a") {
		if u, ok := durationUnits[w[2]]; ok {
			return formatDuration(0.5*u.mult, u.des, u.time), true
		}
	}
	v, n, ok := number(w)
	if !ok || n >= len(w) {
		return "", false
	}
	j := n
	if w[j] == "-" {
		j++
	}
	if j >= len(w) {
		return "", false
	}
	u, ok := durationUnits[w[j]]
	if !ok {
		return "", false
	}
	// A bare year-like number before "years" is still a count ("2 years"),
	// but "1990 - day" is nonsense; refuse large day counts from years.
	rest := w[j+1:]
	if len(rest) > 0 && (rest[0] == "-" || rest[0] == "long" || rest[0] == "old") {
		rest = rest[1:]
		if len(rest) > 0 && rest[0] == "-" {
			rest = rest[1:]
		}
		if len(rest) > 0 && (rest[0] == "long" || rest[0] == "old") {
			rest = rest[1:]
		}
	}
	// Expressions like "three days ago" or "two weeks later" are points in
	// time, not durations.
	if len(rest) > 0 && (rest[0] == "ago" || rest[0] == "later" || rest[0] == "earlier" || rest[0] == "before" || rest[0] == "after") {
		return "", false
	}
	if len(rest) > 2 {
		return "", false
	}
	return formatDuration(v*u.mult, u.des, u.time), true
}

func stripDurationLead(w []string) []string {
	for len(w) > 0 {
		switch w[0] {
		case "past", "last", "next", "first", "more", "than", "another", "almost", "nearly", "over", "some", "about", "around", "up", "to", "for", "the", "full", "whole", "entire":
			// "the past four years", "more than three hours", "up to 12 days"
			// — keep "last" only when a number follows, otherwise "last week"
			// is a date, not a duration.
			if (w[0] == "last" || w[0] == "next" || w[0] == "past") && len(w) > 1 {
				if _, _, ok := number(w[1:]); !ok || w[1] == "a" || w[1] == "an" {
					return w
				}
			}
			w = w[1:]
		default:
			return w
		}
	}
	return w
}

// formatDuration writes an xsd:duration, turning fractional hours or days
// into the next smaller unit because XSD allows a fraction only on seconds.
func formatDuration(v float64, des string, isTime bool) string {
	whole := float64(int64(v))
	frac := v - whole
	if frac == 0 {
		if isTime {
			return fmt.Sprintf("PT%d%s", int64(v), des)
		}
		return fmt.Sprintf("P%d%s", int64(v), des)
	}
	if whole == 0 {
		// "half an hour" is PT30M, not PT0H30M.
		switch {
		case isTime && des == "H":
			return fmt.Sprintf("PT%dM", int64(frac*60+0.5))
		case des == "D":
			return fmt.Sprintf("PT%dH", int64(frac*24+0.5))
		case des == "Y":
			return fmt.Sprintf("P%dM", int64(frac*12+0.5))
		}
	}
	switch {
	case isTime && des == "H":
		return fmt.Sprintf("PT%dH%dM", int64(whole), int64(frac*60+0.5))
	case isTime && des == "M":
		return fmt.Sprintf("PT%dM%dS", int64(whole), int64(frac*60+0.5))
	case isTime:
		return fmt.Sprintf("PT%sS", strconv.FormatFloat(v, 'f', -1, 64))
	case des == "D":
		return fmt.Sprintf("P%dDT%dH", int64(whole), int64(frac*24+0.5))
	case des == "Y":
		return fmt.Sprintf("P%dY%dM", int64(whole), int64(frac*12+0.5))
	default: // months
		return fmt.Sprintf("P%dM%dD", int64(whole), int64(frac*30+0.5))
	}
}

// parser reads date and time expressions. It collects the parts it finds
// (year, month, day, weekday, relative offset, clock time) and then
// combines them, so word order variants ("15 August 2025", "August 15,
// 2025", "Friday, Aug. 15") need no separate patterns.
type parser struct {
	words []string
	ref   time.Time

	year, day      int
	month          time.Month
	weekday        time.Weekday
	hasWeekday     bool
	rel            string // "last", "next", "this"
	relDays        int    // yesterday = -1, today = 0, tomorrow = +1
	hasRelDay      bool
	relUnit        string // "week", "month", "year" with rel
	hour, minute   int
	hasTime        bool
	utc            bool
	unknownContent bool
}

func (p *parser) parse() (string, string, bool) {
	w := p.words
	for i := 0; i < len(w); i++ {
		t := w[i]
		switch {
		case t == "," || t == "-" || t == "of" || t == "the" || t == "at" || t == "on" || t == "in" || t == "local" || t == "time" || t == "around" || t == "about" || t == "this" && i+1 < len(w) && (w[i+1] == "morning" || w[i+1] == "afternoon" || w[i+1] == "evening"):
			if t == "this" {
				p.relDays, p.hasRelDay = 0, true
			}
		case t == "morning" || t == "afternoon" || t == "evening" || t == "night" || t == "overnight" || t == "early" || t == "late" || t == "mid":
			// vague parts of a day do not change the date
		case t == "today" || t == "tonight":
			p.relDays, p.hasRelDay = 0, true
		case t == "yesterday":
			p.relDays, p.hasRelDay = -1, true
		case t == "tomorrow":
			p.relDays, p.hasRelDay = 1, true
		case t == "last" || t == "next" || t == "this" || t == "past" || t == "coming" || t == "previous":
			switch t {
			case "past", "previous":
				p.rel = "last"
			case "coming":
				p.rel = "next"
			default:
				p.rel = t
			}
		case t == "week" || t == "month" || t == "year" || t == "weekend":
			if p.rel == "" {
				p.unknownContent = true
			}
			p.relUnit = t
		case t == "noon" || t == "midday":
			p.hour, p.minute, p.hasTime = 12, 0, true
		case t == "midnight":
			p.hour, p.minute, p.hasTime = 0, 0, true
		case t == "gmt" || t == "utc" || t == "z":
			p.utc = true
		case t == "am" || t == "a.m." || t == "a.m" || t == "pm" || t == "p.m." || t == "p.m" || t == "o'clock" || t == "oclock":
			if !p.hasTime {
				p.unknownContent = true
			}
		default:
			if m, ok := months[t]; ok {
				// "may" is also a modal verb; accept it only next to a number.
				if t == "may" && !nextToNumber(w, i) {
					p.unknownContent = true
					continue
				}
				p.month = m
				continue
			}
			if d, ok := weekdays[t]; ok {
				p.weekday, p.hasWeekday = d, true
				continue
			}
			if n := p.clock(w, i); n > 0 {
				i += n - 1
				continue
			}
			if ymd, ok := isoDate(t); ok {
				p.year, p.month, p.day = ymd.Year(), ymd.Month(), ymd.Day()
				continue
			}
			if v, ok := ordinalDay(t); ok && v >= 1 && v <= 31 {
				p.day = v
				continue
			}
			if v, err := strconv.Atoi(strings.TrimSuffix(t, "s")); err == nil && !strings.HasSuffix(t, "s") {
				switch {
				case len(t) == 4 && v >= 1000 && v <= 2999:
					p.year = v
				case v >= 1 && v <= 31 && p.day == 0:
					p.day = v
				default:
					p.unknownContent = true
				}
				continue
			}
			p.unknownContent = true
		}
	}
	if p.unknownContent {
		return "", "", false
	}
	return p.combine()
}

func nextToNumber(w []string, i int) bool {
	isNum := func(j int) bool {
		if j < 0 || j >= len(w) {
			return false
		}
		_, err := strconv.Atoi(w[j])
		_, ok := ordinalDay(w[j])
		return err == nil || ok
	}
	return isNum(i-1) || isNum(i+1) || isNum(i+2) && w[i+1] == ","
}

// clock parses a time of day starting at w[i] ("3", "p.m."), ("15:30"),
// ("3:30pm") and returns how many words it consumed.
func (p *parser) clock(w []string, i int) int {
	t := w[i]
	suffix := ""
	for _, s := range []string{"a.m.", "p.m.", "a.m", "p.m", "am", "pm"} {
		if strings.HasSuffix(t, s) && len(t) > len(s) {
			suffix, t = s, strings.TrimSuffix(t, s)
			break
		}
	}
	used := 1
	if suffix == "" && i+1 < len(w) {
		switch w[i+1] {
		case "a.m.", "p.m.", "a.m", "p.m", "am", "pm":
			suffix = w[i+1]
			used = 2
		case "o'clock", "oclock":
			used = 2
			suffix = "o'clock"
		}
	}
	h, m := -1, 0
	if hh, mm, found := strings.Cut(t, ":"); found {
		a, err1 := strconv.Atoi(hh)
		b, err2 := strconv.Atoi(mm)
		if err1 != nil || err2 != nil || b > 59 {
			return 0
		}
		h, m = a, b
	} else if suffix != "" {
		a, err := strconv.Atoi(t)
		if err != nil {
			if x, ok := numberWords[t]; ok && t != "a" && t != "an" {
				a = x
			} else {
				return 0
			}
		}
		h = a
	} else {
		return 0
	}
	if h < 0 || h > 23 {
		return 0
	}
	if strings.HasPrefix(suffix, "p") && h < 12 {
		h += 12
	}
	if strings.HasPrefix(suffix, "a") && h == 12 {
		h = 0
	}
	p.hour, p.minute, p.hasTime = h, m, true
	return used
}

func isoDate(t string) (time.Time, bool) {
	if len(t) != 10 {
		return time.Time{}, false
	}
	d, err := time.Parse("2006-01-02", t)
	return d, err == nil
}

// ordinalDay parses "15th", "1st", "2nd", "3rd".
func ordinalDay(t string) (int, bool) {
	for _, s := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(t, s) {
			v, err := strconv.Atoi(strings.TrimSuffix(t, s))
			if err == nil {
				return v, true
			}
		}
	}
	return 0, false
}

// combine turns the collected parts into one literal.
func (p *parser) combine() (string, string, bool) {
	hasRef := !p.ref.IsZero()
	ref := p.ref
	var date time.Time
	haveDate := false

	switch {
	case p.year != 0 && p.month != 0 && p.day != 0:
		d := time.Date(p.year, p.month, p.day, 0, 0, 0, 0, time.UTC)
		if d.Day() != p.day {
			return "", "", false // 31 February
		}
		date, haveDate = d, true
	case p.month != 0 && p.day != 0:
		if !hasRef {
			if p.hasTime {
				return "", "", false
			}
			return fmt.Sprintf("--%02d-%02d", int(p.month), p.day), XSDGMonthDay, true
		}
		date, haveDate = nearestMonthDay(ref, p.month, p.day), true
	case p.year != 0 && p.month != 0:
		if p.hasTime || p.hasWeekday {
			return "", "", false
		}
		return fmt.Sprintf("%04d-%02d", p.year, int(p.month)), XSDGYearMonth, true
	case p.month != 0:
		if p.rel != "" && hasRef && p.day == 0 {
			y := ref.Year()
			switch p.rel {
			case "last":
				if p.month >= ref.Month() {
					y--
				}
			case "next":
				if p.month <= ref.Month() {
					y++
				}
			}
			return fmt.Sprintf("%04d-%02d", y, int(p.month)), XSDGYearMonth, true
		}
		if hasRef && !p.hasTime && !p.hasWeekday && p.rel == "" {
			// A bare month in news ("in August") is the nearest such month.
			d := nearestMonthDay(ref, p.month, 1)
			return fmt.Sprintf("%04d-%02d", d.Year(), int(p.month)), XSDGYearMonth, true
		}
		return "", "", false
	case p.year != 0:
		if p.hasTime || p.hasWeekday || p.day != 0 || p.rel != "" {
			return "", "", false
		}
		return fmt.Sprintf("%04d", p.year), XSDGYear, true
	case p.hasRelDay:
		if !hasRef || p.hasWeekday || p.relUnit != "" {
			return "", "", false
		}
		date, haveDate = dayOf(ref).AddDate(0, 0, p.relDays), true
	case p.hasWeekday:
		if !hasRef || p.relUnit != "" {
			return "", "", false
		}
		date, haveDate = weekdayNear(dayOf(ref), p.weekday, p.rel), true
	case p.relUnit != "":
		if !hasRef || p.rel == "" || p.hasTime || p.day != 0 {
			return "", "", false
		}
		return relPeriod(dayOf(ref), p.rel, p.relUnit)
	case p.hasTime:
		return fmt.Sprintf("%02d:%02d:00%s", p.hour, p.minute, zone(p.utc)), XSDTime, true
	default:
		return "", "", false
	}
	if !haveDate {
		return "", "", false
	}
	if p.day != 0 && p.month == 0 && p.year == 0 {
		return "", "", false // "15" alone with a weekday: ambiguous
	}
	if p.hasTime {
		return fmt.Sprintf("%sT%02d:%02d:00%s", date.Format("2006-01-02"), p.hour, p.minute, zone(p.utc)), XSDDateTime, true
	}
	return date.Format("2006-01-02"), XSDDate, true
}

func zone(utc bool) string {
	if utc {
		return "Z"
	}
	return ""
}

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// nearestMonthDay picks the year that puts month/day closest to ref: news
// about "Dec. 30" written on January 2 means last year's December.
func nearestMonthDay(ref time.Time, m time.Month, d int) time.Time {
	ref = dayOf(ref)
	best := time.Time{}
	bestDist := time.Duration(1<<63 - 1)
	for _, y := range []int{ref.Year() - 1, ref.Year(), ref.Year() + 1} {
		c := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		dist := c.Sub(ref)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = c, dist
		}
	}
	return best
}

// weekdayNear resolves a weekday name against the article date. News
// mostly reports the past, so a bare weekday is the most recent such day
// (the article's own day counts); "next" is the first one after ref and
// "last" the most recent one strictly before ref; "this" is the one in the
// same Monday-based week.
func weekdayNear(ref time.Time, wd time.Weekday, rel string) time.Time {
	diff := int(wd) - int(ref.Weekday())
	switch rel {
	case "next":
		if diff <= 0 {
			diff += 7
		}
		return ref.AddDate(0, 0, diff)
	case "last":
		if diff >= 0 {
			diff -= 7
		}
		return ref.AddDate(0, 0, diff)
	case "this":
		mon := (int(ref.Weekday()) + 6) % 7
		want := (int(wd) + 6) % 7
		return ref.AddDate(0, 0, want-mon)
	default:
		if diff > 0 {
			diff -= 7
		}
		return ref.AddDate(0, 0, diff)
	}
}

// relPeriod resolves "last week", "this month", "next year".
func relPeriod(ref time.Time, rel, unit string) (string, string, bool) {
	off := 0
	switch rel {
	case "last":
		off = -1
	case "next":
		off = 1
	}
	switch unit {
	case "year":
		return strconv.Itoa(ref.Year() + off), XSDGYear, true
	case "month":
		d := time.Date(ref.Year(), ref.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
		return d.Format("2006-01"), XSDGYearMonth, true
	case "week":
		y, w := ref.AddDate(0, 0, 7*off).ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w), ISOWeek, true
	}
	return "", "", false
}
