package tokenize

import "testing"

// FuzzSegment checks the invariants every later stage relies on: no panic,
// tokens in order, non-overlapping and in bounds, Text equal to the text
// at the span, sentences covering their tokens — for any bytes, including
// invalid UTF-8 and NUL bytes.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"Mr. Putin met Donald J. Trump in the U.S. The talks began.",
		"“We made progress today… We had talks.” – President Donald J. Trump pic.twitter.com/WBTMLcI0Cv",
		"— The White House (@WhiteHouse) August 15, 2025\n",
		"don't we've can't cannot Ukraine’s leaders' US-Russia e-mail 800-553-3119",
		"$1,000.50 3.5% 11/28/2000 3:30 a.m. e.g. Ph.D. :-) *** <<>> b/c",
		"kevin.a.boone@example.com https://x.org/a_(b)). www.example.com/",
		"abc\xff\xfe\x00def\r\n\u2028x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sents := Segment(text)
		checkInvariants(t, text, sents)
		for _, s := range sents {
			_ = PTBWords(s)
		}
	})
}
