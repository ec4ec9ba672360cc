package relations

import (
	"strings"
	"testing"
)

// Tests for the "facts a reader would agree with" rules, on sentences
// other than the seed article.

func TestPlaceAppositionIsNoBeFact(t *testing.T) {
	s, text := parseTree(t, `
The the DET DT 2 det
festival festival NOUN NN 3 nsubj
opened open VERB VBD 0 root
in in ADP IN 5 case
Springfield Springfield PROPN NNP 3 obl
, , PUNCT , 7 punct
Illinois Illinois PROPN NNP 5 appos
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "be"); len(fs) > 0 {
		t.Errorf("'Springfield, Illinois' became a be fact: %s", describe(fs))
	}
	if fs := findFact(facts, "open"); len(fs) != 1 || argText(fs[0], "location") != "Springfield" {
		t.Errorf("open: %s", describe(facts))
	}
}

func TestHandleAppositionIsNoBeFact(t *testing.T) {
	s, text := parseTree(t, `
NASA NASA PROPN NNP 5 nsubj
( ( PUNCT -LRB- 3 punct
@NASA @NASA PROPN NNP 1 appos
) ) PUNCT -RRB- 3 punct
posted post VERB VBD 0 root
photos photo NOUN NNS 5 obj
. . PUNCT . 5 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "be"); len(fs) > 0 {
		t.Errorf("a handle became a be fact: %s", describe(fs))
	}
	if fs := findFact(facts, "post"); len(fs) != 1 || fs[0].Subject().Text != "NASA" {
		t.Errorf("post: %s", describe(facts))
	}
}

func TestCommentAfterCommaLeavesArgument(t *testing.T) {
	// "… in a calm tone, a style praised by critics": the trailing phrase
	// comments on the clause; it is not part of the location.
	s, text := parseTree(t, `
She she PRON PRP 2 nsubj
spoke speak VERB VBD 0 root
in in ADP IN 6 case
a a DET DT 6 det
calm calm ADJ JJ 6 amod
tone tone NOUN NN 2 obl
, , PUNCT , 9 punct
a a DET DT 9 det
style style NOUN NN 6 conj
praised praise VERB VBN 9 acl
by by ADP IN 12 case
critics critic NOUN NNS 10 obl:agent
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "speak")
	if len(fs) != 1 || argText(fs[0], "location") != "a calm tone" {
		t.Errorf("speak: %s", describe(facts))
	}
	// CaRB keeps the whole phrase, as its annotators do.
	found := false
	for _, e := range Carb(s) {
		for _, arg := range e.Args {
			if strings.Contains(arg, "style praised") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("CaRB output lost the comment: %v", Carb(s))
	}
}

func TestNotingIsNoNegation(t *testing.T) {
	s, text := parseTree(t, `
She she PRON PRP 2 nsubj
smiled smile VERB VBD 0 root
, , PUNCT , 4 punct
noting not VERB VBG 2 advcl
that that SCONJ IN 7 mark
prices price NOUN NNS 7 nsubj
fell fall VERB VBD 4 ccomp
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	if len(findFact(facts, "not")) > 0 || len(findFact(facts, "note")) != 1 {
		t.Errorf("want note, got %s", describe(facts))
	}
}
