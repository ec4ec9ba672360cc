package typed

import (
	"sort"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/coref"
	"github.com/kg-project/kg/extract/coref/treetest"
	"github.com/kg-project/kg/extract/document"
)

// factStrings renders facts as "pred(subject, object)" with entity names
// for entity arguments and the value (or text) for literals.
func factStrings(doc *document.Document) []string {
	var out []string
	for _, f := range doc.Facts {
		if len(f.Args) < 2 {
			continue
		}
		name := func(a document.Argument) string {
			if a.Entity >= 0 {
				return doc.Entities[a.Entity].Name
			}
			if a.Value != "" {
				return a.Value
			}
			return a.Text
		}
		out = append(out, f.Predicate+"("+name(f.Args[0])+", "+name(f.Args[1])+")")
	}
	sort.Strings(out)
	return out
}

func run(t *testing.T, src, date string) *document.Document {
	t.Helper()
	doc, err := treetest.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	doc.Date = date
	coref.Resolve(doc)
	Extract(doc)
	return doc
}

func TestExtract(t *testing.T) {
	cases := []struct {
		name, src, date string
		want            []string
		notWant         []string
	}{
		{name: "titles, leader, nationality, meet, located_in", src: `
Russian Russian ADJ JJ 2 amod B-NORP
President president PROPN NNP 3 compound O
Vladimir Vladimir PROPN NNP 5 nsubj B-PERSON
Putin Putin PROPN NNP 3 flat I-PERSON
met meet VERB VBD 0 root O
Ukrainian Ukrainian ADJ JJ 8 amod B-NORP
Foreign foreign PROPN NNP 8 compound O
Minister minister PROPN NNP 9 compound O
Dmytro Dmytro PROPN NNP 5 obj B-PERSON
Kuleba Kuleba PROPN NNP 9 flat I-PERSON
in in ADP IN 12 case O
Kyiv Kyiv PROPN NNP 5 obl B-GPE
, , PUNCT , 14 punct O
Ukraine Ukraine PROPN NNP 12 appos B-GPE
. . PUNCT . 5 punct O
`, want: []string{
			"title(Vladimir Putin, President)",
			"leader_of(Vladimir Putin, Russia)",
			"title(Dmytro Kuleba, Foreign Minister)",
			"nationality(Dmytro Kuleba, Ukrainian)",
			"meet(Vladimir Putin, Dmytro Kuleba)",
			"located_in(Kyiv, Ukraine)",
		}, notWant: []string{"leader_of(Dmytro Kuleba, Ukraine)"}},
		{name: "appositive spokesman", src: `
Kevin Kevin PROPN NNP 9 nsubj B-PERSON
O'Brien O'Brien PROPN NNP 1 flat I-PERSON
, , PUNCT , 5 punct O
a a DET DT 5 det O
spokesman spokesman NOUN NN 1 appos O
for for ADP IN 7 case O
Acme Acme PROPN NNP 5 nmod B-ORG
, , PUNCT , 5 punct O
resigned resign VERB VBD 0 root O
. . PUNCT . 9 punct O
`, want: []string{"works_for(Kevin O'Brien, Acme)", "title(Kevin O'Brien, spokesman)"}},
		{name: "person at organisation", src: `
Wang Wang PROPN NNP 8 nsubj B-PERSON
Ziqiang Ziqiang PROPN NNP 1 flat I-PERSON
at at ADP IN 5 case O
the the DET DT 5 det O
Institute Institute PROPN NNP 1 nmod B-ORG
of of ADP IN 7 case I-ORG
Mechanics Mechanics PROPN NNPS 5 nmod I-ORG
spoke speak VERB VBD 0 root O
. . PUNCT . 8 punct O
`, want: []string{"works_for(Wang Ziqiang, Institute of Mechanics)"}},
		{name: "kill in relative clause", src: `
John John PROPN NNP 12 nsubj B-PERSON
Wilkes Wilkes PROPN NNP 1 flat I-PERSON
Booth Booth PROPN NNP 1 flat I-PERSON
, , PUNCT , 6 punct O
who who PRON WP 6 nsubj O
assassinated assassinate VERB VBD 1 acl:relcl O
President president PROPN NNP 8 compound O
Lincoln Lincoln PROPN NNP 6 obj B-PERSON
, , PUNCT , 6 punct O
was be AUX VBD 12 cop O
an a DET DT 12 det O
actor actor NOUN NN 0 root O
. . PUNCT . 12 punct O
`, want: []string{"kill(John Wilkes Booth, Lincoln)", "title(Lincoln, President)"}},
		{name: "passive kill", src: `
Kennedy Kennedy PROPN NNP 3 nsubj:pass B-PERSON
was be AUX VBD 3 aux:pass O
shot shoot VERB VBN 0 root O
by by ADP IN 5 case O
Oswald Oswald PROPN NNP 3 obl:agent B-PERSON
in in ADP IN 7 case O
Dallas Dallas PROPN NNP 3 obl B-GPE
. . PUNCT . 3 punct O
`, want: []string{"kill(Oswald, Kennedy)"}, notWant: []string{"kill(Kennedy, Oswald)"}},
		{name: "born in, chained places", src: `
Henry Henry PROPN NNP 4 nsubj:pass B-PERSON
Fonda Fonda PROPN NNP 1 flat I-PERSON
was be AUX VBD 4 aux:pass O
born bear VERB VBN 0 root O
in in ADP IN 6 case O
Grand Grand PROPN NNP 4 obl B-GPE
Island Island PROPN NNP 6 flat I-GPE
, , PUNCT , 9 punct O
Nebraska Nebraska PROPN NNP 6 appos B-GPE
. . PUNCT . 4 punct O
`, want: []string{"lives_in(Henry Fonda, Grand Island)", "located_in(Grand Island, Nebraska)", "lives_in(Henry Fonda, Nebraska)"}},
		{name: "person of place", src: `
Harry Harry PROPN NNP 5 nsubj B-PERSON
Reasoner Reasoner PROPN NNP 1 flat I-PERSON
of of ADP IN 4 case O
Iowa Iowa PROPN NNP 1 nmod B-GPE
spoke speak VERB VBD 0 root O
. . PUNCT . 5 punct O
`, want: []string{"lives_in(Harry Reasoner, Iowa)"}},
		{name: "organisation appositive with place", src: `
Sony Sony PROPN NNP 8 nsubj B-ORG
, , PUNCT , 6 punct O
a a DET DT 6 det O
Tokyo Tokyo PROPN NNP 6 compound B-GPE
electronics electronics NOUN NN 6 compound O
firm firm NOUN NN 1 appos O
, , PUNCT , 6 punct O
grew grow VERB VBD 0 root O
. . PUNCT . 8 punct O
`, want: []string{"based_in(Sony, Tokyo)"}},
		{name: "lists are not containment", src: `
Paris Paris PROPN NNP 6 nsubj B-GPE
, , PUNCT , 3 punct O
London London PROPN NNP 1 conj B-GPE
and and CCONJ CC 5 cc O
Berlin Berlin PROPN NNP 1 conj B-GPE
agreed agree VERB VBD 0 root O
. . PUNCT . 6 punct O
`, notWant: []string{"located_in(Paris, London)", "located_in(London, Berlin)"}},
		{name: "organisation description", src: `
Acme Acme PROPN NNP 3 nsubj B-ORG
Corp. Corp. PROPN NNP 1 flat I-ORG
grew grow VERB VBD 0 root O
. . PUNCT . 3 punct O

Jane Jane PROPN NNP 10 nsubj B-PERSON
Doe Doe PROPN NNP 1 flat I-PERSON
, , PUNCT , 5 punct O
a a DET DT 5 det O
spokeswoman spokeswoman NOUN NN 1 appos O
for for ADP IN 8 case O
the the DET DT 8 det O
company company NOUN NN 5 nmod O
, , PUNCT , 5 punct O
confirmed confirm VERB VBD 0 root O
. . PUNCT . 10 punct O
`, want: []string{"works_for(Jane Doe, Acme Corp.)"}},
		{name: "event participants, place, duration, date", date: "2021-06-18", src: `
Biden Biden PROPN NNP 4 nsubj B-PERSON
and and CCONJ CC 3 cc O
Putin Putin PROPN NNP 1 conj B-PERSON
held hold VERB VBD 0 root O
a a DET DT 6 det O
summit summit NOUN NN 4 obj O
in in ADP IN 8 case O
Geneva Geneva PROPN NNP 4 obl B-GPE
. . PUNCT . 4 punct O

The the DET DT 3 det O
three-hour three-hour ADJ JJ 3 amod O
summit summit NOUN NN 6 nsubj O
in in ADP IN 5 case O
Geneva Geneva PROPN NNP 3 nmod B-GPE
ended end VERB VBD 0 root O
on on ADP IN 8 case O
Friday Friday PROPN NNP 6 obl B-DATE
. . PUNCT . 6 punct O
`, want: []string{
			"participant(Geneva summit, Biden)", "participant(Geneva summit, Putin)",
			"location(Geneva summit, Geneva)", "duration(Geneva summit, PT3H)", "date(Geneva summit, 2021-06-18)",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := run(t, c.src, c.date)
			got := factStrings(doc)
			have := map[string]bool{}
			for _, f := range got {
				have[f] = true
			}
			for _, w := range c.want {
				if !have[w] {
					t.Errorf("missing %s\nhave:\n  %s", w, strings.Join(got, "\n  "))
				}
			}
			for _, w := range c.notWant {
				if have[w] {
					t.Errorf("unexpected %s", w)
				}
			}
			for _, f := range doc.Facts {
				if f.Confidence <= 0 || f.Confidence > 1 {
					t.Errorf("%s has confidence %v", f.Predicate, f.Confidence)
				}
				if f.Args[0].Entity < 0 {
					t.Errorf("%s has a literal subject", f.Predicate)
				}
			}
		})
	}
}
