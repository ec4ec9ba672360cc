package coref

import (
	"testing"

	"github.com/kg-project/kg/extract/coref/treetest"
	"github.com/kg-project/kg/extract/document"
)

// A text without metadata is dated by the latest full date it writes; a
// date without a year cannot date it.
func TestInferDate(t *testing.T) {
	doc, err := treetest.Parse(`
Talks talk NOUN NNS 2 nsubj O
began begin VERB VBD 0 root O
on on ADP IN 4 case O
March March PROPN NNP 2 obl B-DATE
3 3 NUM CD 4 nummod I-DATE
, , PUNCT , 7 punct I-DATE
2024 2024 NUM CD 4 nmod:tmod I-DATE
. . PUNCT . 2 punct O

Posted post VERB VBN 0 root O
May May PROPN NNP 1 obl B-DATE
9 9 NUM CD 2 nummod I-DATE
, , PUNCT , 5 punct I-DATE
2024 2024 NUM CD 2 nmod:tmod I-DATE

Report report NOUN NN 0 root O
of of ADP IN 3 case O
June June PROPN NNP 1 nmod B-DATE
30 30 NUM CD 3 nummod I-DATE
`)
	if err != nil {
		t.Fatal(err)
	}
	Resolve(doc)
	if doc.Date != "2024-05-09" {
		t.Errorf("inferred date = %q, want 2024-05-09 (the latest date with a year)", doc.Date)
	}

	doc.Date = "2020-01-01"
	InferDate(doc)
	if doc.Date != "2020-01-01" {
		t.Errorf("a known date was replaced by %q", doc.Date)
	}
}

// "World War II" tagged as just "II" becomes the whole name.
func TestNumberedNameWidened(t *testing.T) {
	doc, err := treetest.Parse(`
Cooperation cooperation NOUN NN 0 root O
during during ADP IN 4 case O
World World PROPN NNP 4 compound O
War War PROPN NNP 1 nmod O
II II NUM CD 4 flat B-EVENT
. . PUNCT . 1 punct O
`)
	if err != nil {
		t.Fatal(err)
	}
	Resolve(doc)
	var names []string
	for _, e := range doc.Entities {
		if e.Type == document.Event {
			names = append(names, e.Name)
		}
	}
	if len(names) != 1 || names[0] != "World War II" {
		t.Errorf("event names = %q, want [World War II]", names)
	}
}

// An event description keeps a lower-case name (deptree.Lemma lower-cases)
// even in a title-case headline ("The Summit Ended"), so that the graph scopes it to its document instead of
// merging every article's "Summit".
func TestEventNameLowerCase(t *testing.T) {
	doc, err := treetest.Parse(`
The the DET DT 2 det O
Summit Summit NOUN NN 3 nsubj O
Ended end VERB VBD 0 root O
`)
	if err != nil {
		t.Fatal(err)
	}
	Resolve(doc)
	events := 0
	for _, e := range doc.Entities {
		if e.Type == document.Event {
			events++
			if e.Name != "summit" {
				t.Errorf("event name %q, want summit", e.Name)
			}
		}
	}
	if events != 1 {
		t.Errorf("%d events, want 1", events)
	}
}

// A well-known city the recogniser missed becomes a place, unless it is
// glued to another capitalised word ("Paris Hilton").
func TestKnownCities(t *testing.T) {
	doc, err := treetest.Parse(`
Officials official NOUN NNS 2 nsubj O
met meet VERB VBD 0 root O
in in ADP IN 4 case O
Bangkok Bangkok PROPN NNP 2 obl O
. . PUNCT . 2 punct O

Paris Paris PROPN NNP 3 nsubj O
Hilton Hilton PROPN NNP 1 flat O
spoke speak VERB VBD 0 root O
. . PUNCT . 3 punct O
`)
	if err != nil {
		t.Fatal(err)
	}
	Resolve(doc)
	var places []string
	for _, e := range doc.Entities {
		if e.Type.IsPlace() {
			places = append(places, e.Name)
		}
	}
	if len(places) != 1 || places[0] != "Bangkok" {
		t.Errorf("places = %q, want [Bangkok]", places)
	}
}

// A capital is not its country: "Beijing" and "China" are two places.
func TestCapitalIsNotCountry(t *testing.T) {
	if c, ok := CanonicalPlace("Beijing"); ok {
		t.Errorf("Beijing canonicalised to %q", c)
	}
}

// An occupation noun before a name the recogniser took for an
// organisation makes it a person.
func TestOccupationBeforeName(t *testing.T) {
	doc, err := treetest.Parse(`
a a DET DT 2 det O
skit skit NOUN NN 0 root O
by by ADP IN 5 case O
comedian comedian NOUN NN 5 compound O
Tzafir Tzafir PROPN NNP 2 nmod B-ORG
`)
	if err != nil {
		t.Fatal(err)
	}
	Resolve(doc)
	for _, e := range doc.Entities {
		if e.Name == "Tzafir" && e.Type != document.Person {
			t.Errorf("Tzafir is %s, want PERSON", e.Type)
		}
	}
}

// Facilities, state abbreviations and known cities typed as organisations
// are places.
func TestPlacesTypedAsOrganisations(t *testing.T) {
	doc, err := treetest.Parse(`
Planes plane NOUN NNS 2 nsubj O
landed land VERB VBD 0 root O
at at ADP IN 7 case O
Andrews Andrews PROPN NNP 7 compound B-ORG
Air Air PROPN NNP 7 compound I-ORG
Force Force PROPN NNP 7 compound I-ORG
Base Base PROPN NNP 2 obl I-ORG
in in ADP IN 10 case O
The the DET DT 10 det B-ORG
Hague Hague PROPN NNP 2 obl I-ORG
. . PUNCT . 2 punct O
`)
	if err != nil {
		t.Fatal(err)
	}
	Resolve(doc)
	for _, e := range doc.Entities {
		if !e.Type.IsPlace() {
			t.Errorf("%s is %s, want a place", e.Name, e.Type)
		}
	}
	if len(doc.Entities) != 2 {
		t.Errorf("%d entities, want 2", len(doc.Entities))
	}
}

// A bare surname the recogniser missed joins the person named in full.
func TestBareSurname(t *testing.T) {
	doc, err := treetest.Parse(`
Volodymyr Volodymyr PROPN NNP 3 nsubj B-PERSON
Zelensky Zelensky PROPN NNP 1 flat I-PERSON
spoke speak VERB VBD 0 root O

Trump Trump PROPN NNP 2 nsubj B-PERSON
briefed brief VERB VBD 0 root O
Zelensky Zelensky PROPN NNP 2 obj O
`)
	if err != nil {
		t.Fatal(err)
	}
	Resolve(doc)
	var zel []int
	for _, m := range doc.Mentions {
		if m.Entity >= 0 && doc.Entities[m.Entity].Name == "Volodymyr Zelensky" {
			zel = append(zel, m.Sentence)
		}
	}
	if len(zel) != 2 {
		t.Errorf("Zelensky mentions in sentences %v, want 0 and 1", zel)
	}
}
