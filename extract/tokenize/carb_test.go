package tokenize

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestCaRBRoundTrip checks PTBWords against the PTB-tokenised CaRB dev
// sentences: segmenting a space-separated PTB sentence and taking the PTB
// view must give back the same words, so extractions printed with
// PTBWords match the benchmark's tokens.
func TestCaRBRoundTrip(t *testing.T) {
	path := sharedFile(t, "data/carb/dev.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var total, exact, words, wordMatch int
	shown := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		total++
		gold := strings.Fields(line)
		var got []string
		for _, s := range Segment(line) {
			got = append(got, PTBWords(s)...)
		}
		words += len(gold)
		if strings.Join(got, " ") == strings.Join(gold, " ") {
			exact++
			wordMatch += len(gold)
			continue
		}
		// Count matching words with a multiset comparison, as the CaRB
		// scorer does.
		bag := map[string]int{}
		for _, w := range got {
			bag[w]++
		}
		for _, w := range gold {
			if bag[w] > 0 {
				bag[w]--
				wordMatch++
			}
		}
		if shown < 10 && os.Getenv("KG_SHOW_TOKEN_ERRORS") != "" {
			shown++
			t.Logf("gold: %s\n got: %s", line, strings.Join(got, " "))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("CaRB dev: %d/%d sentences reproduced exactly, %d/%d words (%.4f)", exact, total, wordMatch, words, float64(wordMatch)/float64(words))
	if float64(wordMatch)/float64(words) < 0.99 {
		t.Errorf("PTB view reproduces only %.4f of CaRB words", float64(wordMatch)/float64(words))
	}
}
