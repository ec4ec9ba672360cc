package postag

import "testing"

func TestRuleFor(t *testing.T) {
	for _, c := range []struct{ form, lemma, want string }{
		{"parties", "party", "l3:y"},
		{"The", "the", "l0:"},
		{"AP", "AP", "k0:"},
		{"went", "go", "l4:go"},
		{"Running", "run", "l4:"},
	} {
		r := ruleFor(c.form, c.lemma)
		if r.String() != c.want {
			t.Errorf("ruleFor(%q, %q) = %s, want %s", c.form, c.lemma, r, c.want)
		}
		if got, ok := r.apply(c.form); !ok || got != c.lemma {
			t.Errorf("%s.apply(%q) = %q", r, c.form, got)
		}
		back, ok := parseRule(r.String())
		if !ok || back != r {
			t.Errorf("parseRule(%s) = %v %v", r, back, ok)
		}
	}
}

// Unseen words are lemmatised by suffix rules learned per tag.
func TestLemmatizerGeneralises(t *testing.T) {
	tg, _, _ := tiny(t)
	words := []string{"zorbities", "blicks", "Quuxington"}
	got := tg.Lemmatize(words, []string{"NOUN", "VERB", "PROPN"}, []string{"NNS", "VBZ", "NNP"})
	want := []string{"zorbity", "blick", "Quuxington"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("lemma(%s) = %q, want %q", words[i], got[i], want[i])
		}
	}
}

// A British doubled "l" is undone only when the raw text knows the word
// with one "l" and not the one with two.
func TestUndoubleL(t *testing.T) {
	words := map[string]bool{"signal": true, "call": true, "label": true, "fuel": true}
	known := func(w string) bool { return words[w] }
	for _, c := range []struct{ in, xpos, want string }{
		{"signall", "VBG", "signal"},
		{"Labell", "VBD", "Label"},
		{"fuell", "VBN", "fuel"},
		{"call", "VBG", "call"},       // a word: kept
		{"zorbell", "VBG", "zorbell"}, // neither form known: kept
		{"signall", "NN", "signall"},  // nouns are not verb forms
	} {
		if got := undoubleL(c.in, c.xpos, known); got != c.want {
			t.Errorf("undoubleL(%q, %s) = %q, want %q", c.in, c.xpos, got, c.want)
		}
	}
	if got := undoubleL("signall", "VBG", nil); got != "signall" {
		t.Errorf("without raw-text words: %q", got)
	}
}

// The embedded tagger lemmatises British spellings of unseen verb forms.
func TestDefaultLemmatisesBritishDoubleL(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"They", "were", "signalling", "and", "labelled", "it", "while", "calling"}
	up, xp := tg.Tag(words)
	got := tg.Lemmatize(words, up, xp)
	for i, want := range map[int]string{2: "signal", 4: "label", 7: "call"} {
		if got[i] != want {
			t.Errorf("lemma(%s/%s) = %q, want %q", words[i], xp[i], got[i], want)
		}
	}
}
