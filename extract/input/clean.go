package input

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Clean makes text safe for every later stage and for storage: invalid
// UTF-8 becomes U+FFFD, a leading byte-order mark is dropped, "\r\n" and
// "\r" become "\n", and other control characters (NUL included, which
// databases reject) become spaces. Tabs are kept.
func Clean(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// BlankTickers removes the angle-bracket annotations of wire copy, with
// spaces of the same length so that every later offset still points at
// the same place in the text:
//
//   - a stock ticker after a company name, an upper-case code with an
//     optional exchange ("USAir Group <U> said", "Volvo <VOLV ST>"), is
//     metadata, not words: split into "<", "U", ">" it was read as a
//     pronoun or ended up inside organisation names ("USAir Group <U");
//   - a bracketed company name ("a unit of <Amoco Petroleum Corp>") keeps
//     the name and loses only the brackets.
//
// Anything else in angle brackets ("<b>", "<john@example.com>", "a < b")
// is left alone.
func BlankTickers(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	b := []byte(s)
	changed := false
	for i := 0; i < len(b); i++ {
		if b[i] != '<' || i+1 >= len(b) || b[i+1] < 'A' || b[i+1] > 'Z' {
			continue
		}
		j := i + 1
		for j < len(b) && j-i <= 80 && b[j] != '>' && b[j] != '<' && b[j] != '\n' {
			j++
		}
		if j >= len(b) || b[j] != '>' {
			continue
		}
		if isTicker(b[i+1 : j]) {
			for k := i; k <= j; k++ {
				b[k] = ' '
			}
		} else {
			b[i], b[j] = ' ', ' '
		}
		changed = true
		i = j
	}
	if !changed {
		return s
	}
	return string(b)
}

// isTicker reports whether code looks like a stock ticker: up to 12
// upper-case letters, digits and . & / -, then optionally a space and an
// exchange code of up to three capitals ("VOLV ST").
func isTicker(code []byte) bool {
	sym, exch, hasExch := strings.Cut(string(code), " ")
	if len(sym) == 0 || len(sym) > 12 {
		return false
	}
	for k := 0; k < len(sym); k++ {
		c := sym[k]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '&' || c == '/') {
			return false
		}
	}
	if !hasExch {
		return true
	}
	if len(exch) == 0 || len(exch) > 3 {
		return false
	}
	for k := 0; k < len(exch); k++ {
		if exch[k] < 'A' || exch[k] > 'Z' {
			return false
		}
	}
	return true
}

// Unwrap re-joins hard-wrapped text into one line per paragraph, and
// returns text unchanged when it does not look hard-wrapped.
//
// The sentence splitter ends a sentence at every line break, which is right
// for web news (one paragraph per line, headlines and bylines on lines of
// their own) but would cut every sentence of wire copy wrapped at a fixed
// width. Text counts as hard-wrapped when it has at least four lines, no
// line is longer than 100 characters, and most line breaks fall inside a
// sentence (the line does not end with sentence punctuation or the next
// line starts in lower case). A break is kept when the next line is blank,
// indented (a new paragraph, as in Reuters copy) or starts a list item.
func Unwrap(text string) string {
	lines := strings.Split(text, "\n")
	if len(lines) < 4 {
		return text
	}
	width := 0
	for _, l := range lines {
		n := utf8.RuneCountInString(l)
		if n > 100 {
			return text
		}
		width = max(width, n)
	}
	breaks, soft, full := 0, 0, 0
	for i, l := range lines[:len(lines)-1] {
		t := strings.TrimSpace(l)
		next := lines[i+1]
		if t == "" || strings.TrimSpace(next) == "" || keepsBreak(next) {
			continue
		}
		breaks++
		if !endsSentence(t) || startsLower(next) {
			soft++
			if utf8.RuneCountInString(l)*4 >= width*3 {
				full++
			}
		}
	}
	if breaks < 3 || soft*2 < breaks || full*10 < soft*7 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for i, l := range lines {
		b.WriteString(l)
		if i+1 >= len(lines) {
			break
		}
		next := lines[i+1]
		if strings.TrimSpace(l) == "" || strings.TrimSpace(next) == "" || keepsBreak(next) {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// keepsBreak reports whether a line starts a new paragraph (it is
// indented: continuation lines of wrapped text never are) or a list item.
func keepsBreak(line string) bool {
	if strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
		return true
	}
	t := strings.TrimSpace(line)
	for _, p := range []string{"- ", "* ", "• ", "— ", "– "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

func endsSentence(t string) bool {
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '.', '!', '?', ':', '"', '”', '’', '\'', ')':
		return true
	}
	return false
}

func startsLower(line string) bool {
	t := strings.TrimSpace(line)
	r, _ := utf8.DecodeRuneInString(t)
	return r >= 'a' && r <= 'z'
}

// dateLayouts are the publication-date forms NormalizeDate accepts, most
// specific first. Month names match case-insensitively, and fractional
// seconds after the seconds field are accepted by time.Parse even when the
// layout has none ("26-FEB-1987 15:01:01.79").
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02",
	"2006/01/02",
	"2-Jan-2006 15:04:05",
	"2-Jan-2006",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"Monday, January 2, 2006",
	"January 2, 2006 15:04",
	"January 2, 2006 3:04 PM",
}

// NormalizeDate returns a publication date as YYYY-MM-DD when it parses
// with one of the accepted layouts (RFC 3339, "2025-08-15",
// "26-FEB-1987 15:01:01.79", "August 15, 2025", RFC 1123, ...). A
// timestamp keeps the calendar date written in it, not the UTC date.
// Unparseable input returns "" so that relative dates are never resolved
// against a wrong anchor.
func NormalizeDate(s string) string {
	if len(s) > 64 {
		return ""
	}
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return ""
	}
	if d := parseDate(strings.Join(fields, " ")); d != "" {
		return d
	}
	// A date followed by a time in an unknown form or trailing codes
	// ("27-MAR-1987 00:02:59.13RM"): try the leading one to four fields.
	for n := min(4, len(fields)-1); n >= 1; n-- {
		if d := parseDate(strings.Join(fields[:n], " ")); d != "" {
			return d
		}
	}
	return ""
}

func parseDate(s string) string {
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1000 || t.Year() > 9999 {
				return ""
			}
			return t.Format("2006-01-02")
		}
	}
	return ""
}
