package tokenize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/document"
)

// texts returns each sentence's token texts joined by single spaces.
func texts(sents []document.Sentence) []string {
	out := make([]string, len(sents))
	for i, s := range sents {
		w := make([]string, len(s.Tokens))
		for j, t := range s.Tokens {
			w[j] = t.Text
		}
		out[i] = strings.Join(w, " ")
	}
	return out
}

func norms(sents []document.Sentence) string {
	var w []string
	for _, s := range sents {
		w = append(w, s.Words()...)
	}
	return strings.Join(w, " ")
}

func TestSegmentTokens(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string // sentences, tokens separated by spaces
	}{
		{"clitics", "I don't know; we've seen there's more and they cannot stop.",
			[]string{"I do n't know ; we 've seen there 's more and they can not stop ."}},
		{"can't won't", "He can't and won't go.", []string{"He ca n't and wo n't go ."}},
		{"curly possessive", "Ukraine’s army and Alaska’s heritage", []string{"Ukraine ’s army and Alaska ’s heritage"}},
		{"plural possessive", "the leaders' talks", []string{"the leaders ' talks"}},
		{"name with apostrophe", "O'Brien's office", []string{"O'Brien 's office"}},
		{"hyphen names split", "improved US-Russia relations and the Russia-Ukraine war",
			[]string{"improved US - Russia relations and the Russia - Ukraine war"}},
		{"hyphen compounds follow EWT", "The three-hour meeting, a 12-minute talk, business-like",
			[]string{"The three - hour meeting , a 12 - minute talk , business - like"}},
		{"bound prefixes stay", "a post-Cold War low, by e-mail, non-profit, co-workers",
			[]string{"a post-Cold War low , by e-mail , non-profit , co-workers"}},
		{"phone number", "Call 800-553-3119 now", []string{"Call 800-553-3119 now"}},
		{"titles and initials", "Mr. Putin met Donald J. Trump and Gen. Smith on Jan. 5 at Acme Inc. headquarters.",
			[]string{"Mr. Putin met Donald J. Trump and Gen. Smith on Jan. 5 at Acme Inc. headquarters ."}},
		{"dotted acronym mid-sentence", "The U.S. President spoke.", []string{"The U.S. President spoke ."}},
		{"acronym ends sentence", "He flew to the U.S. The talks began.",
			[]string{"He flew to the U.S .", "The talks began ."}},
		{"acronym at end of line", "He lives in the U.S.", []string{"He lives in the U.S ."}},
		{"acronym then name does not split", "in the U.S. Senate", []string{"in the U.S. Senate"}},
		{"urls", "See https://t.co/D07iIhS8lh and pic.twitter.com/WBTMLcI0Cv.",
			[]string{"See https://t.co/D07iIhS8lh and pic.twitter.com/WBTMLcI0Cv ."}},
		{"url in parens", "(https://example.com/a_(b)) ok", []string{"( https://example.com/a_(b) ) ok"}},
		{"handles and hashtags", "— The White House (@WhiteHouse) #Alaska2025",
			[]string{"— The White House ( @WhiteHouse ) #Alaska2025"}},
		{"email", "Mail kevin.a.boone@example.com today", []string{"Mail kevin.a.boone@example.com today"}},
		{"numbers", "It cost $1,000.50, up 3.5% on 11/28/2000 at 3:30.",
			[]string{"It cost $ 1,000.50 , up 3.5 % on 11/28/2000 at 3:30 ."}},
		{"date", "August 15, 2025", []string{"August 15 , 2025"}},
		{"dashes", "Trump – and Putin—agreed", []string{"Trump – and Putin — agreed"}},
		{"double hyphen", "yes--no", []string{"yes -- no"}},
		{"ellipsis pause", "well... maybe", []string{"well ... maybe"}},
		{"ellipsis new sentence", "great progress today… We had talks", []string{"great progress today …", "We had talks"}},
		{"question inside quote", "“Really?” he asked.", []string{"“ Really ? ” he asked ."}},
		{"closing quote after period", "He called it “very productive.” Then he left.",
			[]string{"He called it “ very productive . ”", "Then he left ."}},
		{"straight quotes", `He said "no." She agreed.`, []string{`He said " no . "`, "She agreed ."}},
		{"exclamation run", "Wow!!! Great.", []string{"Wow !!!", "Great ."}},
		{"newline ends sentence", "Alaska summit ends\nTrump and Putin met", []string{"Alaska summit ends", "Trump and Putin met"}},
		{"crlf and blank lines", "One\r\n\r\nTwo.", []string{"One", "Two ."}},
		{"number abbreviation", "He is No. 1 and said no. Then", []string{"He is No. 1 and said no .", "Then"}},
		{"no split before lowercase", "It rose 5 p.c. in Jan. and fell.", []string{"It rose 5 p.c. in Jan. and fell ."}},
		{"no split inside number", "Growth was 2.5 percent. Prices rose.", []string{"Growth was 2.5 percent .", "Prices rose ."}},
		{"gonna", "I'm gonna go", []string{"I 'm gon na go"}},
		{"and/or", "and/or b/c", []string{"and / or b/c"}},
		{"ampersand acronym", "AT&T and S&P", []string{"AT&T and S&P"}},
		{"pre-tokenised clitics", "the people 's war and they 're here", []string{"the people 's war and they 're here"}},
		{"leading decimal point", "he batted .260 in 64 games", []string{"he batted .260 in 64 games"}},
		{"company suffix in capitals", "MORTGAGE CORP. (Freddie Mac) said", []string{"MORTGAGE CORP. ( Freddie Mac ) said"}},
		{"initial before opener", "it is because of X. So I left. George W. Bush came.", []string{"it is because of X .", "So I left .", "George W. Bush came ."}},
		{"leading ellipsis", "...Now comes the fun part.", []string{"... Now comes the fun part ."}},
		{"missing space", "the end.The start", []string{"the end .", "The start"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Segment(c.in)
			checkInvariants(t, c.in, got)
			g := texts(got)
			if strings.Join(g, " || ") != strings.Join(c.want, " || ") {
				t.Errorf("Segment(%q)\n got: %q\nwant: %q", c.in, g, c.want)
			}
		})
	}
}

func TestListMarkerStaysInSentence(t *testing.T) {
	got := texts(Segment("4. Alan Greenspan, Chairman, Federal Reserve"))
	if len(got) != 1 || got[0] != "4 . Alan Greenspan , Chairman , Federal Reserve" {
		t.Errorf("got %q", got)
	}
}

func TestNorm(t *testing.T) {
	in := "“We haven’t — he said… ‘fine’ – 1990–1995 ``quoted'' it’s"
	want := `" We have n't -- he said ... ' fine ' -- 1990 - 1995 " quoted " it 's`
	// 1990–1995 is one range token pair: 1990, –(norm -), 1995.
	got := norms(Segment(in))
	if got != want {
		t.Errorf("norms\n got: %s\nwant: %s", got, want)
	}
}

func TestTokenFields(t *testing.T) {
	in := "Hi, Bob."
	sents := Segment(in)
	if len(sents) != 1 {
		t.Fatalf("got %d sentences", len(sents))
	}
	toks := sents[0].Tokens
	wantSpace := []bool{false, true, false, false}
	for i, tok := range toks {
		if tok.Head != -1 {
			t.Errorf("token %d Head = %d, want -1", i, tok.Head)
		}
		if tok.Norm == "" {
			t.Errorf("token %d has empty Norm", i)
		}
		if tok.SpaceAfter != wantSpace[i] {
			t.Errorf("token %q SpaceAfter = %v", tok.Text, tok.SpaceAfter)
		}
	}
	if sents[0].Start != 0 || sents[0].End != len(in) {
		t.Errorf("sentence span %v", sents[0].Span)
	}
}

// TestAppendDoesNotClobber checks that sentences do not share spare
// capacity: a later stage appending to one sentence must not overwrite the
// next one.
func TestAppendDoesNotClobber(t *testing.T) {
	sents := Segment("One two.\nThree four.")
	_ = append(sents[0].Tokens, document.Token{Text: "X"})
	if sents[1].Tokens[0].Text != "Three" {
		t.Errorf("append to sentence 0 overwrote sentence 1: %q", sents[1].Tokens[0].Text)
	}
}

func TestPTBWords(t *testing.T) {
	sents := Segment(`He said "three-hour (talks) [and/or] {more}." It's ‘fine’ and “US-Russia”.`)
	var got []string
	for _, s := range sents {
		got = append(got, strings.Join(PTBWords(s), " "))
	}
	want := []string{
		"He said `` three-hour -LRB- talks -RRB- -LSB- and/or -RSB- -LCB- more -RCB- . ''",
		"It 's ` fine ' and `` US-Russia '' .",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("PTBWords\n got: %q\nwant: %q", got, want)
	}
}

func TestSeedArticleShape(t *testing.T) {
	// Not a golden file: checks properties any news text should have.
	in := "— The White House (@WhiteHouse) August 15, 2025\n" +
		"“We made some great progress today… We had an extremely productive meeting.” – President Donald J. Trump pic.twitter.com/WBTMLcI0Cv"
	got := texts(Segment(in))
	for _, s := range got {
		if strings.HasSuffix(s, " J.") {
			t.Errorf("sentence ends at an initial: %q", s)
		}
	}
	if len(got) < 2 || got[0] != "— The White House ( @WhiteHouse ) August 15 , 2025" {
		t.Errorf("byline line: %q", got)
	}
}

func TestEmptyAndSpace(t *testing.T) {
	for _, in := range []string{"", " ", "\n\n", "\t \r\n \u00a0\u2028"} {
		if got := Segment(in); len(got) != 0 {
			t.Errorf("Segment(%q) = %d sentences, want 0", in, len(got))
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	in := "abc\xff\xfe def\x00ghi é\xc3"
	got := Segment(in)
	checkInvariants(t, in, got)
	n := norms(got)
	if !strings.Contains(n, "\uFFFD") || !strings.Contains(n, "ghi") {
		t.Errorf("norms %q", n)
	}
}

// checkInvariants verifies the properties every consumer relies on.
func checkInvariants(t testing.TB, text string, sents []document.Sentence) {
	t.Helper()
	prevEnd := 0
	for si, s := range sents {
		if len(s.Tokens) == 0 {
			t.Fatalf("sentence %d has no tokens", si)
		}
		if s.Start != s.Tokens[0].Start || s.End != s.Tokens[len(s.Tokens)-1].End {
			t.Fatalf("sentence %d span %v does not cover its tokens", si, s.Span)
		}
		for ti, tok := range s.Tokens {
			if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > len(text) {
				t.Fatalf("sentence %d token %d span %v out of order or bounds (prev end %d, len %d)",
					si, ti, tok.Span, prevEnd, len(text))
			}
			if text[tok.Start:tok.End] != tok.Text {
				t.Fatalf("token %v text %q != %q", tok.Span, tok.Text, text[tok.Start:tok.End])
			}
			if tok.Head != -1 {
				t.Fatalf("token Head %d", tok.Head)
			}
			if tok.Norm == "" || !utf8.ValidString(tok.Norm) {
				t.Fatalf("token %q has bad Norm %q", tok.Text, tok.Norm)
			}
			prevEnd = tok.End
		}
	}
}
