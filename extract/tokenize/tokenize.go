// Package tokenize splits raw English news text into sentences of tokens.
//
// Tokens follow the Universal Dependencies English-EWT conventions, because
// the tagger and parser downstream are trained on EWT words: a form they
// never saw in training (an unsplit "don't", a "three-hour" kept whole) costs
// accuracy. The conventions, checked against the EWT v2.16 treebank, are:
//
//   - clitics are split: "don't" → do n't, "can't" → ca n't, "we've" → we 've,
//     "Ukraine’s" → Ukraine ’s, "cannot" → can not, "gonna" → gon na;
//   - hyphenated compounds are split at the hyphen: "three-hour" → three - hour,
//     "US-Russia" → US - Russia, "12-minute" → 12 - minute. EWT does this for
//     all compounds except words whose first part is a bound prefix
//     ("e-mail", "non-profit", "post-war", "co-workers", "re-read"), which stay
//     whole, and phone-number-like digit groups ("800-553-3119"). (The
//     Penn-Treebank view from PTBWords re-joins hyphenated words, because
//     PTB-tokenised benchmarks such as CaRB keep them whole.)
//   - numbers stay whole ("1,000.50", "3.5", "11/28/2000", "3:30"), "%" and
//     "$" are separate tokens;
//   - abbreviations keep their period ("Mr.", "U.S.", "J.", "Inc."), except
//     when they end a sentence, where the period becomes its own token
//     ("... the U.S" ".") as in EWT;
//   - runs of sentence punctuation are one token ("...", "!!", "?!");
//   - URLs, e-mail addresses, @handles and #hashtags are single tokens;
//   - em and en dashes are tokens of their own.
//
// Norm holds the form the models see: curly quotes become straight (’ → ',
// “ ” → "), PTB-style doubled backquotes and apostrophes become ", em and
// en dashes become "--" (the dash spelling EWT uses most), "…" becomes
// "...". Invalid UTF-8 bytes get the Norm "\uFFFD".
//
// Sentences end at every line break (news text keeps one paragraph per line;
// headlines, bylines and embedded tweets are lines of their own) and, within
// a line, after . ! ? or an ellipsis (plus any closing quotes or brackets)
// when the next token can start a sentence. Abbreviations never end a
// sentence, with one exception: an abbreviation that commonly ends one
// ("U.S.", "Inc.", "etc.", "a.m.") or a single capital letter followed by
// a word that is a typical capitalised sentence opener ("The", "He", "But",
// ...; for single letters only openers that cannot be surnames). So "Donald J. Trump"
// and "Mr. Putin" never split, while "based in the U.S. The company ..." does.
//
// The tokenizer is a single hand-written pass over the bytes with ASCII fast
// paths and no regular expressions; token texts are substrings of the input,
// so the only allocations are the token and sentence slices.
package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/document"
)

// Segment splits text into sentences of tokens with byte offsets into text.
// It never fails: any input, including invalid UTF-8 and control bytes,
// yields well-formed spans (control bytes are treated as whitespace).
func Segment(text string) []document.Sentence {
	if len(text) == 0 {
		return nil
	}
	// One backing array for all tokens keeps allocation to a handful of
	// growing slices; sentences get capacity-capped sub-slices so that a
	// later stage appending to one sentence cannot overwrite the next.
	s := segmenter{text: text, toks: make([]document.Token, 0, len(text)/5+8)}
	lineStart := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' || c == '\r' {
			s.line(lineStart, i)
			i++
			lineStart = i
			continue
		}
		if c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0xA8 || text[i+2] == 0xA9) {
			// U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
			s.line(lineStart, i)
			i += 3
			lineStart = i
			continue
		}
		i++
	}
	s.line(lineStart, len(text))
	return s.split()
}

type segmenter struct {
	text string
	toks []document.Token
	// bounds holds, for every sentence, the index one past its last token.
	bounds []int
	// atChunk (the end of the chunk they belong to), atPos, atLocal and
	// atBad cache the next '@' of the current chunk for e-mail detection.
	atChunk, atPos, atLocal int
	atBad                   bool
}

// split turns the accumulated tokens and sentence bounds into Sentences.
func (s *segmenter) split() []document.Sentence {
	if len(s.bounds) == 0 {
		return nil
	}
	sents := make([]document.Sentence, len(s.bounds))
	start := 0
	for i, end := range s.bounds {
		toks := s.toks[start:end:end]
		sents[i] = document.Sentence{
			Span:   document.Span{Start: toks[0].Start, End: toks[len(toks)-1].End},
			Tokens: toks,
		}
		start = end
	}
	return sents
}

// line tokenises text[a:b], which contains no line break, and records its
// sentence bounds.
func (s *segmenter) line(a, b int) {
	first := len(s.toks)
	t := s.text
	i := a
	for i < b {
		c := t[i]
		if c < utf8.RuneSelf {
			if asciiSpace(c) {
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(t[i:b])
			if r != utf8.RuneError && isSpace(r) {
				i += size
				continue
			}
		}
		j := i
		for j < b {
			c := t[j]
			if c < utf8.RuneSelf {
				if asciiSpace(c) {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(t[j:b])
			if r != utf8.RuneError && isSpace(r) {
				break
			}
			j += size
		}
		s.chunk(i, j, b)
		// The last token of a chunk is followed by whitespace unless the
		// chunk ends the text.
		if n := len(s.toks); n > 0 && j < len(t) && s.toks[n-1].End == j {
			s.toks[n-1].SpaceAfter = true
		}
		i = j
	}
	if len(s.toks) > first {
		s.sentences(first)
	}
}

// emit appends the token text[a:b] with the given normal form ("" = same
// as the text).
func (s *segmenter) emit(a, b int, norm string) {
	txt := s.text[a:b]
	if norm == "" {
		norm = txt
	}
	s.toks = append(s.toks, document.Token{
		Span: document.Span{Start: a, End: b},
		Text: txt,
		Norm: norm,
		Head: -1,
	})
}

// chunk tokenises the whitespace-free run text[a:b]; lineEnd is the end of
// the line, used to look ahead past the chunk.
func (s *segmenter) chunk(a, b, lineEnd int) {
	t := s.text
	p := a
	for p < b {
		c := t[p]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(t[p:b])
		}
		switch {
		case isWordRune(r):
			p = s.word(p, b, lineEnd)
		case r == utf8.RuneError && size == 1:
			q := p + 1
			for q < b {
				if r2, n := utf8.DecodeRuneInString(t[q:b]); r2 != utf8.RuneError || n != 1 {
					break
				}
				q++
			}
			s.emit(p, q, "\uFFFD")
			p = q
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x200b || r == 0xfeff || r == 0x200c || r == 0x200d || r == 0x2060:
			// Control and zero-width characters separate tokens but are
			// never tokens themselves.
			p += size
		case c == '.' && p+1 < b && isDigitByte(t[p+1]) && (p == a || !isDigitByte(t[p-1])):
			// A number without its leading zero: ".535", ".45-caliber".
			q := p + 1
			for q < b && (isDigitByte(t[q]) || ((t[q] == '.' || t[q] == ',') && q+1 < b && isDigitByte(t[q+1]))) {
				q++
			}
			s.emit(p, q, "")
			p = q
		case c == '.' || c == '!' || c == '?':
			q := p + 1
			for q < b && (t[q] == '.' || t[q] == '!' || t[q] == '?') {
				q++
			}
			s.emit(p, q, "")
			p = q
		case c == '-':
			q := p + 1
			for q < b && t[q] == '-' {
				q++
			}
			s.emit(p, q, "")
			p = q
		case c == '@' || c == '#':
			if q := handleEnd(t, p+1, b); q > p+1 {
				s.emit(p, q, "")
				p = q
			} else {
				s.emit(p, p+1, "")
				p++
			}
		case c == '`':
			p = s.pairedQuote(p, b, "'")
		case (c == '\'' || r == '’') && p+size < b && cliticAfter(t, p+size, b) > 0:
			// A clitic separated by a space, as in PTB-tokenised input
			// ("people 's war").
			q := p + size + cliticAfter(t, p+size, b)
			s.emit(p, q, normApostrophe(t[p:q]))
			p = q
		case c == '\'':
			p = s.pairedQuote(p, b, "")
		case r == '…':
			q := p + size
			for q+3 <= b && t[q:q+3] == "…" {
				q += 3
			}
			s.emit(p, q, "...")
			p = q
		case r == '—' || r == '―' || r == '–' || r == '‒':
			norm := "--"
			if r == '–' && p > a && p+size < b && isDigitByte(t[p-1]) && isDigitByte(t[p+size]) {
				norm = "-" // a range such as 1990–1995
			}
			s.emit(p, p+size, norm)
			p += size
		case r == '’' || r == '‘' || r == '‚' || r == '′':
			s.emit(p, p+size, "'")
			p += size
		case r == '“' || r == '”' || r == '„' || r == '«' || r == '»' || r == '″':
			s.emit(p, p+size, `"`)
			p += size
		case (c == ':' || c == ';') && emoticonEnd(t, p, b) > 0:
			q := emoticonEnd(t, p, b)
			s.emit(p, q, "")
			p = q
		case c == '*' || c == '=' || c == '<' || c == '>' || c == '$' || c == '~' || c == '+' || c == '_' || c == '^':
			// Runs of one symbol ("***", "===", "<<", "$$$") are one token.
			q := p + 1
			for q < b && t[q] == c {
				q++
			}
			s.emit(p, q, "")
			p = q
		default:
			s.emit(p, p+size, "")
			p += size
		}
	}
}

// pairedQuote emits a doubled quote character at p (a PTB double quote) as
// one token with Norm ", else the single quote with the given Norm, and
// returns the position after it.
func (s *segmenter) pairedQuote(p, b int, single string) int {
	if p+1 < b && s.text[p+1] == s.text[p] {
		s.emit(p, p+2, `"`)
		return p + 2
	}
	s.emit(p, p+1, single)
	return p + 1
}

// emoticonEnd returns the end of a smiley such as ":)" or ":-(" starting
// at p and ending the chunk or followed by punctuation, or 0.
func emoticonEnd(t string, p, b int) int {
	q := p + 1
	if q < b && t[q] == '-' {
		q++
	}
	if q >= b {
		return 0
	}
	switch t[q] {
	case ')', '(', 'D', 'P', 'p':
	default:
		return 0
	}
	q++
	if q < b && (isASCIILetter(t[q]) || isDigitByte(t[q])) {
		return 0
	}
	if t[q-1] == '(' || t[q-1] == ')' {
		// ":)" is ambiguous with "(see: x)"; require the smiley to end
		// the chunk or be followed by sentence punctuation.
		if q < b && t[q] != '.' && t[q] != '!' && t[q] != '?' && t[q] != ',' {
			return 0
		}
	}
	return q
}

// cliticAfter returns the length of a clitic body (s, d, m, re, ve, ll)
// starting at i and not followed by a letter, or 0.
func cliticAfter(t string, i, b int) int {
	n := 0
	switch t[i] | 0x20 {
	case 's', 'd', 'm':
		n = 1
	case 'r', 'v':
		if i+1 < b && t[i+1]|0x20 == 'e' {
			n = 2
		}
	case 'l':
		if i+1 < b && t[i+1]|0x20 == 'l' {
			n = 2
		}
	}
	if n == 0 || isLetterAt(t, i+n, b) {
		return 0
	}
	return n
}

// handleEnd returns the end of an @handle or #hashtag body starting at p
// (letters, digits, underscores, at least one letter), or p if there is none.
func handleEnd(t string, p, b int) int {
	q := p
	letter := false
	for q < b {
		c := t[q]
		if c < utf8.RuneSelf {
			if isASCIILetter(c) {
				letter = true
			} else if !isDigitByte(c) && c != '_' {
				break
			}
			q++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[q:b])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			break
		}
		letter = letter || unicode.IsLetter(r)
		q += n
	}
	if !letter {
		return p
	}
	return q
}

// word scans the word starting at p (a letter or digit), emits its tokens
// and returns the position after it.
func (s *segmenter) word(p, b, lineEnd int) int {
	t := s.text
	if e := s.email(p, b); e > 0 {
		return e
	}
	segStart := p // start of the current hyphen/period segment
	q := p
	hasDot := false
	for q < b {
		c := t[q]
		if c < utf8.RuneSelf {
			if isASCIILetter(c) || isDigitByte(c) || c == '_' {
				q++
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(t[q:b])
			if r == '’' {
				if q+n < b && isLetterAt(t, q+n, b) {
					q += n
					continue
				}
				break
			}
			if isWordRune(r) {
				q += n
				continue
			}
			break
		}
		// c is ASCII punctuation inside the chunk: decide whether it
		// continues the word.
		if q+1 >= b {
			break
		}
		next := t[q+1]
		prev := t[q-1]
		cont := false
		switch c {
		case '\'':
			cont = isLetterAt(t, q+1, b)
		case '.':
			if isDigitByte(prev) && isDigitByte(next) {
				cont = true
			} else if isLetterAt(t, q+1, b) {
				// "U.S", "e.g", "Ph.D", "pic.twitter.com", but not a
				// missing space as in "end.The".
				cont = q-segStart <= 2 || isLowerByte(next)
			}
			if cont {
				hasDot = true
			}
		case ',':
			cont = isDigitByte(prev) && q+3 < b+1 && threeDigits(t, q+1, b)
		case ':':
			cont = isDigitByte(prev) && isDigitByte(next)
			if !cont && next == '/' && q+2 < b && t[q+2] == '/' && isURLScheme(t[p:q]) {
				return s.url(p, b)
			}
		case '/':
			if isDigitByte(prev) && isDigitByte(next) {
				cont = true
			} else if q-segStart == 1 && isASCIILetter(prev) && isASCIILetter(next) && (q+2 >= b || !isWordRune(rune(t[q+2]))) {
				cont = true // "b/c", "w/o", "f/2"
			} else if hasDot && isDomain(t[p:q]) {
				return s.url(p, b)
			}
		case '&':
			cont = isUpperByte(prev) && isUpperByte(next)
		case '@':
			if e := emailEnd(t, q+1, b); e > 0 {
				s.emit(p, e, "")
				return e
			}
		case '-':
			if isWordByteOrMultibyteLetter(t, q+1, b) && keepHyphen(t, segStart, q, b) {
				cont = true
			}
		}
		if !cont {
			break
		}
		q++
		if c != '\'' {
			segStart = q
		}
	}
	// A domain without a path ("whitehouse.gov") is one token already;
	// www.example.com/x is handled above.
	if q < b && t[q] == '.' && (q+1 >= b || t[q+1] != '.') && isAbbrev(t[p:q]) && numberAbbrevOK(t, p, q, lineEnd) {
		// The period belongs to the abbreviation unless the abbreviation
		// ends the sentence, in which case EWT gives the period a token of
		// its own.
		if s.abbrevEndsSentence(p, q, b, lineEnd) {
			s.emitWord(p, q)
			s.emit(q, q+1, "")
			return q + 1
		}
		s.emitWord(p, q+1)
		return q + 1
	}
	s.emitWord(p, q)
	return q
}

// numberAbbrevOK rejects "No." and "no." unless a number follows ("No. 1"),
// so that "He said no." still ends its sentence.
func numberAbbrevOK(t string, p, q, lineEnd int) bool {
	w := t[p:q]
	if w != "No" && w != "no" && w != "Nos" {
		return true
	}
	i := q + 1
	for i < lineEnd && t[i] == ' ' {
		i++
	}
	return i < lineEnd && isDigitByte(t[i])
}

// abbrevEndsSentence reports whether the abbreviation t[p:q] (followed by a
// period at q) ends its sentence: it is the last thing on the line, or it is
// an abbreviation that often ends sentences followed by a typical sentence
// opener.
func (s *segmenter) abbrevEndsSentence(p, q, b, lineEnd int) bool {
	t := s.text
	if q+1 < b {
		return false // more punctuation follows in the chunk: "U.S.)"
	}
	i := q + 1
	for i < lineEnd && (asciiSpace(t[i])) {
		i++
	}
	if i >= lineEnd {
		return true
	}
	initial := q-p == 1
	if !initial && !finalAbbrev(t[p:q]) {
		return false
	}
	j := i
	for j < lineEnd && isASCIILetter(t[j]) {
		j++
	}
	if j < lineEnd && !asciiSpace(t[j]) && t[j] != ',' {
		return false
	}
	if initial {
		// "because of X. So I ...": a single capital ends a sentence only
		// before an opener that cannot be a surname.
		return strongOpeners[t[i:j]]
	}
	return sentenceOpeners[t[i:j]]
}

// emitWord emits the word t[a:b], splitting off clitics.
func (s *segmenter) emitWord(a, b int) {
	t := s.text
	w := t[a:b]
	if split := fusedSplit(w); split > 0 {
		s.emit(a, a+split, "")
		s.emit(a+split, b, "")
		return
	}
	// Clitic suffixes: n't, 's, 're, 've, 'll, 'd, 'm with a straight or
	// curly apostrophe.
	if ap, ok := cliticStart(w); ok {
		s.emitWord(a, a+ap) // "should’ve" has one clitic; recursion ends quickly
		s.emit(a+ap, b, normApostrophe(t[a+ap:b]))
		return
	}
	if strings.Contains(w, "’") {
		s.emit(a, b, strings.ReplaceAll(w, "’", "'"))
		return
	}
	s.emit(a, b, "")
}

// cliticStart returns the byte offset in w at which a clitic suffix starts.
func cliticStart(w string) (int, bool) {
	n := len(w)
	// find the last apostrophe
	ap := -1
	apLen := 0
	if i := strings.LastIndexByte(w, '\''); i >= 0 {
		ap, apLen = i, 1
	}
	if i := strings.LastIndex(w, "’"); i > ap {
		ap, apLen = i, 3
	}
	if ap <= 0 {
		if n >= 4 && n <= 8 && w[n-2]|0x20 == 'n' && w[n-1]|0x20 == 't' {
			var buf [8]byte
			if ntTypos[string(lowerInto(buf[:], w))] {
				return n - 2, true
			}
		}
		return 0, false
	}
	suf := w[ap+apLen:]
	switch len(suf) {
	case 1:
		switch suf[0] | 0x20 {
		case 's', 'd', 'm':
			return ap, true
		case 't':
			if ap >= 2 && w[ap-1]|0x20 == 'n' {
				return ap - 1, true
			}
		}
	case 2:
		l := suf[0] | 0x20
		l2 := suf[1] | 0x20
		if (l == 'r' && l2 == 'e') || (l == 'v' && l2 == 'e') || (l == 'l' && l2 == 'l') {
			return ap, true
		}
	}
	return 0, false
}

// normApostrophe returns a clitic with a straight apostrophe, using
// constants for the common forms to avoid allocation.
func normApostrophe(c string) string {
	if !strings.Contains(c, "’") {
		return c
	}
	switch c {
	case "’s":
		return "'s"
	case "n’t":
		return "n't"
	case "’re":
		return "'re"
	case "’ve":
		return "'ve"
	case "’ll":
		return "'ll"
	case "’d":
		return "'d"
	case "’m":
		return "'m"
	}
	return strings.ReplaceAll(c, "’", "'")
}

// url emits a URL starting at p and running to the end of the chunk, minus
// trailing punctuation that belongs to the sentence.
func (s *segmenter) url(p, b int) int {
	t := s.text
	e := b
	// A closing bracket belongs to the URL when it balances an opening one
	// inside it ("https://en.wikipedia.org/wiki/Anchorage_(Alaska)").
	opens := strings.Count(t[p:e], "(")
	closes := strings.Count(t[p:e], ")")
	for e > p {
		c := t[e-1]
		if c == ')' {
			if opens >= closes {
				break
			}
			closes--
			e--
			continue
		}
		if strings.IndexByte(".,;:!?'\"]}>", c) >= 0 {
			e--
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeLastRuneInString(t[p:e])
			if r == '”' || r == '’' || r == '…' || r == '»' || r == '“' {
				e -= n
				continue
			}
		}
		break
	}
	norm := ""
	if !utf8.ValidString(t[p:e]) {
		norm = strings.ToValidUTF8(t[p:e], "\uFFFD")
	}
	s.emit(p, e, norm)
	return e
}

func isURLScheme(w string) bool {
	switch asciiLower(w) {
	case "http", "https", "ftp", "ftps":
		return true
	}
	return false
}

// isDomain reports whether w looks like a host name: dot-separated labels
// of letters, digits and hyphens, the last one alphabetic.
func isDomain(w string) bool {
	last := strings.LastIndexByte(w, '.')
	if last <= 0 || last == len(w)-1 {
		return false
	}
	for i := last + 1; i < len(w); i++ {
		if !isASCIILetter(w[i]) {
			return false
		}
	}
	return true
}

// email emits an e-mail address starting at p, if there is one, and
// returns its end (else 0). The local part may contain dots, which the word
// scanner would otherwise split ("Kevin.A.Boone@accenture.com").
func (s *segmenter) email(p, b int) int {
	t := s.text
	// The position of the next '@' and whether it failed are cached per
	// chunk so that a long run of words without spaces stays linear.
	if s.atChunk != b || s.atPos < p {
		s.atChunk, s.atBad = b, false
		if k := strings.IndexByte(t[p:b], '@'); k >= 0 {
			s.atPos = p + k
		} else {
			s.atPos = b
		}
		// atLocal is where the run of local-part characters before the
		// '@' starts.
		s.atLocal = s.atPos
		for s.atLocal > p && isLocalPartByte(t[s.atLocal-1]) {
			s.atLocal--
		}
	}
	k := s.atPos
	if k >= b || k == p || s.atBad || p < s.atLocal {
		return 0
	}
	e := emailEnd(t, k+1, b)
	if e == 0 {
		s.atBad = true
		return 0
	}
	s.emit(p, e, "")
	return e
}

func isLocalPartByte(c byte) bool {
	return isASCIILetter(c) || isDigitByte(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%'
}

// emailEnd returns the end of the domain of an e-mail address whose '@' is
// just before p, or 0 when there is none.
func emailEnd(t string, p, b int) int {
	q := p
	dot := false
	for q < b {
		c := t[q]
		if isASCIILetter(c) || isDigitByte(c) || c == '-' {
			q++
			continue
		}
		if c == '.' && q+1 < b && (isASCIILetter(t[q+1]) || isDigitByte(t[q+1])) && q > p {
			dot = true
			q++
			continue
		}
		break
	}
	if !dot || !isASCIILetter(t[q-1]) {
		return 0
	}
	return q
}

// keepHyphen reports whether the hyphen at q keeps the segment t[segStart:q]
// and what follows as one token: bound prefixes ("non-", "e-", "co-") and
// phone-number digit groups.
func keepHyphen(t string, segStart, q, b int) bool {
	left := t[segStart:q]
	if len(left) <= 8 {
		var buf [8]byte
		if hyphenPrefixes[string(lowerInto(buf[:], left))] {
			return true
		}
	}
	if len(left) == 3 && allDigits(left) {
		r := q + 1
		for r < b && isDigitByte(t[r]) {
			r++
		}
		if n := r - q - 1; n == 3 || n == 4 {
			return true
		}
	}
	return false
}

// isAbbrev reports whether the word w followed by a period is an
// abbreviation that keeps its period: a known abbreviation, a single
// capital letter (an initial), or a dotted form of short letter groups
// ("U.S", "e.g", "Ph.D").
func isAbbrev(w string) bool {
	if len(w) == 1 {
		return isUpperByte(w[0])
	}
	if len(w) <= 6 && abbreviations[w] {
		return true
	}
	if !strings.Contains(w, ".") {
		return false
	}
	seg := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '.':
			if seg == 0 {
				return false
			}
			seg = 0
		case isASCIILetter(c):
			seg++
			if seg > 2 {
				return false
			}
		default:
			return false
		}
	}
	return seg > 0
}

// finalAbbrev reports whether an abbreviation commonly ends a sentence:
// dotted acronyms ("U.S", "U.K", "D.C"), company suffixes, "etc", "a.m".
func finalAbbrev(w string) bool {
	if finalAbbreviations[w] {
		return true
	}
	if !strings.Contains(w, ".") {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c != '.' && !isUpperByte(c) {
			return false
		}
	}
	return true
}

// sentences records sentence bounds for the tokens of one line, starting at
// token index first.
func (s *segmenter) sentences(first int) {
	toks := s.toks
	n := len(toks)
	start := first
	for i := first; i < n; i++ {
		kind := terminal(toks[i].Text)
		if kind == notTerminal {
			continue
		}
		j := i + 1
		for j < n && isCloser(&toks[j], &toks[j-1]) {
			j++
		}
		if j >= n {
			break
		}
		if i == start {
			continue // "...Now comes the fun part": nothing to end yet
		}
		if kind == periodTerminal && i == start+1 && isListMarker(toks[start].Text) {
			continue // "4. Alan Greenspan ..."
		}
		if !startsSentence(toks[j:], kind) {
			continue
		}
		s.bounds = append(s.bounds, j)
		start = j
		i = j - 1
	}
	s.bounds = append(s.bounds, n)
}

type terminalKind int

const (
	notTerminal terminalKind = iota
	periodTerminal
	ellipsisTerminal
)

// terminal classifies a token as sentence-final punctuation.
func terminal(w string) terminalKind {
	if w == "…" || (len(w) > 3 && w[:3] == "…") {
		return ellipsisTerminal
	}
	if len(w) == 0 {
		return notTerminal
	}
	dots := 0
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '.':
			dots++
		case '!', '?':
		default:
			return notTerminal
		}
	}
	if dots == len(w) && dots >= 2 {
		return ellipsisTerminal
	}
	return periodTerminal
}

// isCloser reports whether tok closes a quotation or bracket that belongs
// to the sentence before it.
func isCloser(tok, prev *document.Token) bool {
	switch tok.Text {
	case ")", "]", "}", "”", "’", "»", "''":
		return true
	case `"`, "'":
		return !prev.SpaceAfter
	}
	return false
}

func isListMarker(w string) bool {
	if len(w) == 1 && isASCIILetter(w[0]) {
		return true
	}
	return len(w) <= 3 && allDigits(w)
}

// startsSentence reports whether the tokens toks (non-empty) can begin a
// new sentence after a terminal of the given kind.
func startsSentence(toks []document.Token, kind terminalKind) bool {
	w := toks[0].Text
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	if kind == ellipsisTerminal {
		// An ellipsis mostly marks a pause; only a capitalised word
		// (possibly after an opening quote) starts a new sentence.
		if isOpener(w) && len(toks) > 1 {
			r2, _ := utf8.DecodeRuneInString(toks[1].Text)
			return unicode.IsUpper(r2)
		}
		return false
	}
	if unicode.IsLower(r) {
		return false
	}
	if unicode.IsDigit(r) || isOpener(w) || w[0] == '@' || w[0] == '#' {
		return true
	}
	// Punctuation such as , ; : - — ) continues the sentence.
	return false
}

func isOpener(w string) bool {
	switch w {
	case `"`, "'", "“", "‘", "(", "[", "{", "«", "``", "`":
		return true
	}
	return false
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\n' || c == '\r'
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r)
		return isASCIILetter(c) || isDigitByte(c) || c == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isWordByteOrMultibyteLetter reports whether a letter or digit starts at t[i].
func isWordByteOrMultibyteLetter(t string, i, b int) bool {
	if i >= b {
		return false
	}
	c := t[i]
	if c < utf8.RuneSelf {
		return isASCIILetter(c) || isDigitByte(c)
	}
	r, _ := utf8.DecodeRuneInString(t[i:b])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isLetterAt(t string, i, b int) bool {
	if i >= b {
		return false
	}
	c := t[i]
	if c < utf8.RuneSelf {
		return isASCIILetter(c)
	}
	r, _ := utf8.DecodeRuneInString(t[i:b])
	return unicode.IsLetter(r)
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }
func isDigitByte(c byte) bool   { return c >= '0' && c <= '9' }
func isUpperByte(c byte) bool   { return c >= 'A' && c <= 'Z' }
func isLowerByte(c byte) bool   { return c >= 'a' && c <= 'z' }

func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isDigitByte(w[i]) {
			return false
		}
	}
	return len(w) > 0
}

func threeDigits(t string, i, b int) bool {
	if i+3 > b {
		return false
	}
	if !isDigitByte(t[i]) || !isDigitByte(t[i+1]) || !isDigitByte(t[i+2]) {
		return false
	}
	return i+3 == b || !isDigitByte(t[i+3])
}

// lowerInto writes the ASCII lower-case form of w (len(w) <= len(buf))
// into buf; used for map look-ups that must not allocate.
func lowerInto(buf []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if isUpperByte(c) {
			c |= 0x20
		}
		buf[i] = c
	}
	return buf[:len(w)]
}

// asciiLower lower-cases ASCII letters, returning w itself (no allocation)
// when it has no capitals.
func asciiLower(w string) string {
	for i := 0; i < len(w); i++ {
		if isUpperByte(w[i]) {
			return strings.ToLower(w)
		}
	}
	return w
}
