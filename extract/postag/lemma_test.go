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
