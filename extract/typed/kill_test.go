package typed

import (
	"strings"
	"testing"
)

func TestKillPatterns(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
		notWant   []string
	}{
		{"possessor of a killing noun is the victim", `
Sirhan Sirhan PROPN NNP 3 nsubj:pass B-PERSON
was be AUX VBD 3 aux:pass O
convicted convict VERB VBN 0 root O
of of ADP IN 7 case O
Kennedy Kennedy PROPN NNP 7 nmod:poss B-PERSON
's 's PART POS 5 case O
killing killing NOUN NN 3 obl O
. . PUNCT . 3 punct O
`, []string{"kill(Sirhan, Kennedy)"}, []string{"kill(Kennedy, Sirhan)"}},
		{"relative who after a name, role noun before the victim", `
the the DET DT 2 det O
sentence sentence NOUN NN 0 root O
of of ADP IN 4 case O
Adamson Adamson PROPN NNP 2 nmod B-PERSON
, , PUNCT , 8 punct O
who who PRON WP 8 nsubj:pass O
was be AUX VBD 8 aux:pass O
convicted convict VERB VBN 2 advcl O
of of SCONJ IN 10 mark O
murdering murder VERB VBG 8 advcl O
reporter reporter NOUN NN 12 nmod:desc O
Don Don PROPN NNP 10 obj B-PERSON
Bolles Bolles PROPN NNP 12 flat I-PERSON
. . PUNCT . 2 punct O
`, []string{"kill(Adamson, Don Bolles)"}, nil},
		{"assassin of a leader named after the role noun", `
Ray Ray PROPN NNP 0 root B-PERSON
, , PUNCT , 4 punct O
the the DET DT 4 det O
assassin assassin NOUN NN 1 appos O
of of ADP IN 6 case O
leader leader NOUN NN 4 nmod O
Martin Martin PROPN NNP 4 appos B-PERSON
King King PROPN NNP 7 flat I-PERSON
`, []string{"kill(Ray, Martin King)"}, nil},
	}
	for _, c := range cases {
		doc := run(t, c.src, "")
		got := factStrings(doc)
		all := strings.Join(got, " ")
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: missing %s; have %q", c.name, w, got)
			}
		}
		for _, w := range c.notWant {
			if strings.Contains(all, w) {
				t.Errorf("%s: unexpected %s", c.name, w)
			}
		}
	}
}
