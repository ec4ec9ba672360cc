package relations

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/document"
)

const strayTree = `
Lee Lee PROPN NNP 2 nsubj
said say VERB VBD 0 root
the the DET DT 4 det
talks talk NOUN NNS 6 nsubj:pass
were be AUX VBD 6 aux:pass
held hold VERB VBN 2 ccomp
in in ADP IN 10 case
a a DET DT 10 det
calm calm ADJ JJ 10 amod
atmosphere atmosphere NOUN NN 6 obl
, , PUNCT , 13 punct
a a DET DT 13 det
view view NOUN NN 19 obl
shared share VERB VBN 13 acl
by by ADP IN 16 case
Kim Kim PROPN NNP 14 obl:agent
, , PUNCT , 19 punct
who who PRON WP 19 nsubj
called call VERB VBD 2 ccomp
the the DET DT 21 det
meeting meeting NOUN NN 19 obj
“ " PUNCT ` + "``" + ` 24 punct
very very ADV RB 24 advmod
useful useful ADJ JJ 21 appos
. . PUNCT . 24 punct
” " PUNCT '' 24 punct`

// A relative clause on a noun of a comment phrase, misparsed as a second
// complement of the reporting verb, is the narrator's: it is no content
// of the report, and the comment phrase is no argument of it.
func TestStrayRelativeAfterCommentIsNarration(t *testing.T) {
	d := docFrom(t, strayTree, [2]int{0, 1}, [2]int{15, 16})
	Extract(d)
	for _, f := range d.Facts {
		if f.Predicate == "say" {
			for _, a := range f.Args {
				if a.Role == "content" && a.Text != "the talks were held in a calm atmosphere" {
					t.Errorf("say content %q", a.Text)
				}
			}
		}
		if f.Predicate == "call" || f.Predicate == "share" {
			if f.AttributedTo >= 0 {
				t.Errorf("narration attributed to the speaker: %s", describe([]document.Fact{f}))
			}
			for _, a := range f.Args {
				if a.Role == "oblique" {
					t.Errorf("comment phrase as an argument: %s", describe([]document.Fact{f}))
				}
			}
		}
	}
	fs := findFact(d.Facts, "call")
	if len(fs) != 1 || fs[0].Subject().Entity != 1 || argText(fs[0], "object") != "the meeting" || !strings.Contains(argText(fs[0], "complement"), "very useful") {
		t.Errorf("want call(Kim, the meeting, complement “very useful.”), got %s", describe(d.Facts))
	}
	// The report itself stays attributed.
	if fs := findFact(d.Facts, "be_held"); len(fs) != 1 || fs[0].AttributedTo != 0 {
		t.Errorf("want be_held attributed to Lee, got %s", describe(d.Facts))
	}
	if fs := findFact(d.Facts, "share"); len(fs) != 1 || fs[0].Subject().Entity != 1 {
		t.Errorf("want share(Kim, a view), got %s", describe(d.Facts))
	}
}

// "no" on a noun negates the fact; it then leaves the argument, which
// would otherwise read as a double negative ("no plan NOT exist").
func TestNoDeterminerBecomesTheNegation(t *testing.T) {
	s, text := parseTree(t, `
there there PRON EX 2 expl
is be VERB VBZ 0 root
no no DET DT 4 det
plan plan NOUN NN 2 nsubj
yet yet ADV RB 2 advmod
. . PUNCT . 2 punct`)
	fs := findFact(ExtractSentence(s, text), "exist")
	if len(fs) != 1 || !fs[0].Negated || fs[0].Subject().Text != "plan" {
		t.Fatalf("want NOT exist(plan), got %s", describe(fs))
	}
	s, text = parseTree(t, `
The the DET DT 2 det
sides side NOUN NNS 3 nsubj
reached reach VERB VBD 0 root
no no DET DT 5 det
agreement agreement NOUN NN 3 obj
. . PUNCT . 3 punct`)
	fs = findFact(ExtractSentence(s, text), "reach")
	if len(fs) != 1 || !fs[0].Negated || argText(fs[0], "object") != "agreement" {
		t.Fatalf("want NOT reach(The sides, agreement), got %s", describe(fs))
	}
	// CaRB's annotators keep the determiner in the argument.
	found := false
	for _, e := range Carb(s) {
		for _, a := range e.Args {
			if a == "no agreement" {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("CaRB lost the determiner: %v", Carb(s))
	}
}

// "There are issues that Lee raised" asserts the issues Lee raised; the
// relative clause stays in the existential's subject.
func TestExistentialKeepsRestrictiveRelative(t *testing.T) {
	s, text := parseTree(t, `
There there PRON EX 2 expl
were be VERB VBD 0 root
several several ADJ JJ 4 amod
issues issue NOUN NNS 2 nsubj
that that PRON WDT 7 obj
Lee Lee PROPN NNP 7 nsubj
raised raise VERB VBD 4 acl:relcl
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "exist")
	if len(fs) != 1 || fs[0].Subject().Text != "several issues that Lee raised" {
		t.Fatalf("want exist(several issues that Lee raised), got %s", describe(facts))
	}
	if fs := findFact(facts, "raise"); len(fs) != 1 || argText(fs[0], "object") != "several issues" {
		t.Errorf("want raise(Lee, several issues), got %s", describe(facts))
	}
}

// Words left out of a quotation's content ("I would say", a speech verb
// of its own) are marked with an ellipsis instead of joined over.
func TestQuotedContentMarksOmission(t *testing.T) {
	s, text := parseTree(t, `
We we PRON PRP 2 nsubj
agreed agree VERB VBD 11 ccomp
on on ADP IN 4 case
points point NOUN NNS 2 obl
, , PUNCT , 8 punct
I I PRON PRP 8 nsubj
would would AUX MD 8 aux
say say VERB VB 2 parataxis
, , PUNCT , 8 punct
Lee Lee PROPN NNP 11 nsubj
said say VERB VBD 0 root
. . PUNCT . 11 punct`)
	fs := findFact(ExtractSentence(s, text), "say")
	if len(fs) == 0 {
		t.Fatalf("no say fact")
	}
	if c := argText(fs[0], "content"); c != "We agreed on points" {
		t.Errorf("content %q", c)
	}
	s, text = parseTree(t, `
We we PRON PRP 2 nsubj
agreed agree VERB VBD 13 ccomp
on on ADP IN 4 case
points point NOUN NNS 2 obl
, , PUNCT , 8 punct
I I PRON PRP 8 nsubj
would would AUX MD 8 aux
say say VERB VB 2 parataxis
, , PUNCT , 11 punct
but but CCONJ CC 11 cc
disagree disagree VERB VBP 2 conj
Lee Lee PROPN NNP 13 nsubj
said say VERB VBD 0 root
. . PUNCT . 13 punct`)
	fs = findFact(ExtractSentence(s, text), "say")
	if len(fs) == 0 {
		t.Fatalf("no say fact")
	}
	if c := argText(fs[0], "content"); c != "We agreed on points …, but disagree" {
		t.Errorf("content %q, want the omission marked", c)
	}
}
