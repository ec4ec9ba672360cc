package typed

import (
	"strings"
	"testing"
)

// A described event reported in the past tense takes the document date;
// a place is never a participant.
func TestPastEventTakesDocumentDate(t *testing.T) {
	doc := run(t, `
The the DET DT 2 det O
leaders leader NOUN NNS 3 nsubj O
concluded conclude VERB VBD 0 root O
a a DET DT 5 det O
summit summit NOUN NN 3 obj O
between between ADP IN 7 case O
France France PROPN NNP 5 nmod B-GPE
and and CCONJ CC 9 cc O
Merkel Merkel PROPN NNP 7 conj B-PERSON
. . PUNCT . 3 punct O
`, "2024-05-09")
	got := strings.Join(factStrings(doc), "\n")
	if !strings.Contains(got, "date(summit, 2024-05-09)") {
		t.Errorf("no document date for the summit; facts:\n%s", got)
	}
	if !strings.Contains(got, "participant(summit, Merkel)") {
		t.Errorf("Merkel is no participant; facts:\n%s", got)
	}
	if strings.Contains(got, "participant(summit, France)") {
		t.Errorf("a place became a participant; facts:\n%s", got)
	}
	for _, f := range doc.Facts {
		if f.Predicate == "date" && f.Confidence > 0.5 {
			t.Errorf("an inferred date has confidence %.2f, want a low one", f.Confidence)
		}
	}
}

// A future event keeps no date, and neither does a past one in a document
// without a date.
func TestFutureEventKeepsNoDate(t *testing.T) {
	cases := []struct{ name, src, date string }{
		{"future", `
Leaders leader NOUN NNS 3 nsubj O
will will AUX MD 3 aux O
hold hold VERB VB 0 root O
a a DET DT 5 det O
meeting meeting NOUN NN 3 obj O
. . PUNCT . 3 punct O
`, "2024-05-09"},
		{"undated document", `
Leaders leader NOUN NNS 2 nsubj O
held hold VERB VBD 0 root O
a a DET DT 4 det O
meeting meeting NOUN NN 2 obj O
. . PUNCT . 2 punct O
`, ""},
	}
	for _, c := range cases {
		doc := run(t, c.src, c.date)
		for _, f := range factStrings(doc) {
			if strings.HasPrefix(f, "date(") {
				t.Errorf("%s: unexpected %s", c.name, f)
			}
		}
	}
}

// The place of an encounter is not where the person met lives.
func TestMeetingPlaceIsNoResidence(t *testing.T) {
	doc := run(t, `
Angela Angela PROPN NNP 3 nsubj B-PERSON
Merkel Merkel PROPN NNP 1 flat I-PERSON
met meet VERB VBD 0 root O
Emmanuel Emmanuel PROPN NNP 3 obj B-PERSON
Macron Macron PROPN NNP 4 flat I-PERSON
in in ADP IN 7 case O
Paris Paris PROPN NNP 4 nmod B-GPE
. . PUNCT . 3 punct O
`, "")
	got := strings.Join(factStrings(doc), "\n")
	if strings.Contains(got, "lives_in(") {
		t.Errorf("meeting place taken for a residence:\n%s", got)
	}
	if !strings.Contains(got, "meet(Angela Merkel, Emmanuel Macron)") {
		t.Errorf("no meet fact:\n%s", got)
	}
}
