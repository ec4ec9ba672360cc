package ner

import (
	"strings"
	"testing"
)

func TestLearnTitlesSeparatesTitlesFromFirstNames(t *testing.T) {
	var sents []Sentence
	add := func(words, tags string) {
		sents = append(sents, Sentence{Words: strings.Fields(words), Tags: strings.Fields(tags)})
	}
	for i, name := range []string{"Bush", "Putin", "Chirac", "Blair", "Karzai", "Abbas"} {
		add("President "+name+" spoke .", "B-per I-per O O")
		add("Mr. "+name+" left .", "B-per I-per O O")
		add("the president of the Republic and the minister met the President", "O O O O O O O O O O O")
		if i < 4 {
			add("Bill Clinton and a bill passed .", "B-per I-per O O O O O")
		}
	}
	titles := LearnTitles(sents)
	for _, w := range []string{"President", "president", "Mr."} {
		if !titles[w] {
			t.Errorf("%q not learned as a title", w)
		}
	}
	if titles["Bill"] {
		t.Error(`first name "Bill" learned as a title`)
	}
}

func TestRuntimeVariantsSplitsLikeTheTokenizer(t *testing.T) {
	in := []Sentence{
		{Words: strings.Fields("U.S. Secretary-General Ban met a 20-year-old"), Tags: strings.Fields("B-geo O B-per O O O")},
		{Words: strings.Fields("no change here"), Tags: strings.Fields("O O O")},
	}
	out := RuntimeVariants(in)
	if len(out) != 3 {
		t.Fatalf("got %d sentences, want original, variant, original", len(out))
	}
	v := out[1]
	if got := strings.Join(v.Words, " "); !strings.HasPrefix(got, "US Secretary - General Ban met a 20 - year - old") {
		t.Errorf("variant words %q", got)
	}
	if len(v.Words) != len(v.Tags) || v.Tags[0] != "B-geo" {
		t.Errorf("variant tags %v", v.Tags)
	}
}

func TestDemonymsBecomeNORP(t *testing.T) {
	var sents []Sentence
	for i := 0; i < 3; i++ {
		sents = append(sents, Sentence{Words: strings.Fields("troops in Europe"), Tags: strings.Fields("O O B-geo")})
	}
	sents = append(sents, Sentence{Words: strings.Fields("European capitals and Even more"), Tags: strings.Fields("O O O O O")})
	got := MapGMB(sents, nil)[3].Tags
	if strings.Join(got, " ") != "B-NORP O O O O" {
		t.Errorf("got %v", got)
	}
}

func TestUnnameable(t *testing.T) {
	for w, want := range map[string]bool{
		"https://t.co/D07iIhS8lh":    true,
		"pic.twitter.com/WBTMLcI0Cv": true,
		"bob@example.org":            true,
		"www.voanews.com":            true,
		"@WhiteHouse":                false,
		"U.S.":                       false,
		"20/20":                      false,
		"Putin":                      false,
	} {
		if got := unnameable(w); got != want {
			t.Errorf("unnameable(%q) = %v, want %v", w, got, want)
		}
	}
}
