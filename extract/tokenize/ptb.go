package tokenize

import (
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/document"
)

// PTBWords returns the Penn-Treebank-style view of a sentence's tokens (for
// evaluation/CaRB output): -LRB-/-RRB- for brackets, two backquotes and two
// apostrophes for opening and closing double quotes, etc.
//
// It starts from each token's Norm and differs from the EWT tokens in the
// ways PTB-tokenised benchmarks expect: brackets are escaped, opening and
// closing double quotes become the PTB pairs (two backquotes, two
// apostrophes), a single opening quote becomes one backquote,
// and hyphenated or slashed compounds that the tokenizer split ("three -
// hour", "and / or", written without spaces) are joined back into one word
// ("three-hour", "and/or").
func PTBWords(s document.Sentence) []string {
	toks := s.Tokens
	out := make([]string, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		w := t.Norm
		if w == "" {
			w = t.Text
		}
		if (t.Text == "-" || t.Text == "/") && i > 0 && len(out) > 0 && !toks[i-1].SpaceAfter && !t.SpaceAfter &&
			i+1 < len(toks) && wordLike(toks[i-1].Text) && wordLike(toks[i+1].Text) {
			next := toks[i+1].Norm
			if next == "" {
				next = toks[i+1].Text
			}
			out[len(out)-1] += t.Text + next
			i++
			continue
		}
		switch w {
		case "(":
			w = "-LRB-"
		case ")":
			w = "-RRB-"
		case "[":
			w = "-LSB-"
		case "]":
			w = "-RSB-"
		case "{":
			w = "-LCB-"
		case "}":
			w = "-RCB-"
		case `"`:
			if opensQuote(toks, i) {
				w = "``"
			} else {
				w = "''"
			}
		case "'":
			switch {
			case t.Text == "‘" || t.Text == "`":
				w = "`"
			case t.Text == "’":
				w = "'"
			case opensQuote(toks, i):
				w = "`"
			}
		}
		out = append(out, w)
	}
	return out
}

// opensQuote decides whether the quote token at i opens a quotation. Curly
// and PTB quotes say so themselves; a straight quote opens when it follows
// whitespace (or starts the sentence) and is attached to the next word.
func opensQuote(toks []document.Token, i int) bool {
	switch toks[i].Text {
	case "“", "``", "‘", "`", "„", "«":
		return true
	case "”", "''", "’", "»":
		return false
	}
	before := i == 0 || toks[i-1].SpaceAfter || isOpener(toks[i-1].Text)
	return before && !toks[i].SpaceAfter && i+1 < len(toks)
}

// wordLike reports whether w starts with a letter or digit.
func wordLike(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
