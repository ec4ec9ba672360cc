package relations

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/document"
)

func argText(f document.Fact, role string) string {
	if a := f.Arg(role); a != nil {
		return a.Text
	}
	return ""
}

func findFact(facts []document.Fact, pred string) []document.Fact {
	var out []document.Fact
	for _, f := range facts {
		if f.Predicate == pred {
			out = append(out, f)
		}
	}
	return out
}

func describe(facts []document.Fact) string {
	var b strings.Builder
	for _, f := range facts {
		b.WriteString(f.Predicate + "(")
		for _, a := range f.Args {
			b.WriteString(" " + a.Role + "=" + a.Text)
		}
		b.WriteString(" ) ")
	}
	return b.String()
}

// docFrom wraps a tree in a document and adds name mentions for the given
// token ranges, each its own entity.
func docFrom(t *testing.T, tree string, names ...[2]int) *document.Document {
	s, text := parseTree(t, tree)
	d := &document.Document{ID: "t", Text: text, Sentences: []document.Sentence{s}}
	for _, r := range names {
		span := document.Span{Start: s.Tokens[r[0]].Start, End: s.Tokens[r[1]-1].End}
		d.Entities = append(d.Entities, document.Entity{Name: text[span.Start:span.End], Type: document.Person})
		d.Mentions = append(d.Mentions, document.Mention{Span: span, Sentence: 0, Start: r[0], End: r[1],
			Text: text[span.Start:span.End], Kind: document.Name, Entity: len(d.Entities) - 1})
	}
	return d
}

const inviteTree = `
Putin Putin PROPN NNP 2 nsubj
invited invite VERB VBD 0 root
Trump Trump PROPN NNP 2 obj
to to ADP IN 5 case
Moscow Moscow PROPN NNP 2 obl
. . PUNCT . 2 punct`

func TestInviteToIsDestination(t *testing.T) {
	d := docFrom(t, inviteTree, [2]int{0, 1}, [2]int{2, 3}, [2]int{4, 5})
	Extract(d)
	fs := findFact(d.Facts, "invite")
	if len(fs) != 1 {
		t.Fatalf("want one invite fact, got %s", describe(d.Facts))
	}
	f := fs[0]
	if f.Subject().Text != "Putin" || argText(f, "object") != "Trump" || argText(f, "destination") != "Moscow" {
		t.Errorf("got %s", describe(fs))
	}
	if f.Subject().Entity != 0 || f.Arg("object").Entity != 1 || f.Arg("destination").Entity != 2 {
		t.Errorf("entity links: %+v", f.Args)
	}
	if f.Negated || f.Modality != "" || f.AttributedTo != -1 {
		t.Errorf("plain assertion marked negated/modal/attributed: %+v", f)
	}
	if f.Confidence <= 0 || f.Confidence > 1 {
		t.Errorf("confidence %v outside (0,1]", f.Confidence)
	}
}

func TestCoordinatedSubjectsAndControl(t *testing.T) {
	s, text := parseTree(t, `
Trump Trump PROPN NNP 4 nsubj
and and CCONJ CC 3 cc
Putin Putin PROPN NNP 1 conj
sought seek VERB VBD 0 root
to to PART TO 6 mark
highlight highlight VERB VB 4 xcomp
progress progress NOUN NN 6 obj
. . PUNCT . 4 punct`)
	fs := findFact(ExtractSentence(s, text), "seek_to_highlight")
	if len(fs) != 2 {
		t.Fatalf("want two seek_to_highlight facts, got %s", describe(ExtractSentence(s, text)))
	}
	got := map[string]bool{}
	for _, f := range fs {
		got[f.Subject().Text] = true
		if argText(f, "object") != "progress" {
			t.Errorf("object = %q, want progress", argText(f, "object"))
		}
	}
	if !got["Trump"] || !got["Putin"] {
		t.Errorf("subjects %v, want Trump and Putin", got)
	}
}

func TestCoordinatedVerbsShareSubject(t *testing.T) {
	s, text := parseTree(t, `
Putin Putin PROPN NNP 2 nsubj
avoided avoid VERB VBD 0 root
specifics specific NOUN NNS 2 obj
but but CCONJ CC 5 cc
described describe VERB VBD 2 conj
the the DET DT 7 det
meeting meeting NOUN NN 5 obj
as as ADP IN 11 case
a a DET DT 11 det
starting starting NOUN NN 11 compound
point point NOUN NN 5 obl
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "describe")
	if len(fs) != 1 || fs[0].Subject().Text != "Putin" || argText(fs[0], "object") != "the meeting" || argText(fs[0], "as") != "a starting point" {
		t.Fatalf("got %s", describe(facts))
	}
	if len(findFact(facts, "avoid")) != 1 {
		t.Errorf("first conjunct lost: %s", describe(facts))
	}
}

func TestRelativeClause(t *testing.T) {
	s, text := parseTree(t, `
The the DET DT 2 det
leaders leader NOUN NNS 3 nsubj
thanked thank VERB VBD 0 root
Trump Trump PROPN NNP 3 obj
, , PUNCT , 6 punct
who who PRON WP 7 nsubj
called call VERB VBD 4 acl:relcl
the the DET DT 9 det
summit summit NOUN NN 7 obj
very very ADV RB 11 advmod
productive productive ADJ JJ 7 xcomp
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "call")
	if len(fs) != 1 {
		t.Fatalf("got %s", describe(facts))
	}
	f := fs[0]
	if f.Subject().Text != "Trump" || argText(f, "object") != "the summit" || argText(f, "complement") != "very productive" {
		t.Errorf("got %s", describe(fs))
	}
	th := findFact(facts, "thank")
	if len(th) != 1 || argText(th[0], "object") != "Trump" {
		t.Errorf("main clause object should stop before the relative clause: %s", describe(th))
	}
}

func TestPassiveIsNormalised(t *testing.T) {
	s, text := parseTree(t, `
The the DET DT 2 det
discussions discussion NOUN NNS 4 nsubj:pass
were be AUX VBD 4 aux:pass
held hold VERB VBN 0 root
by by ADP IN 8 case
the the DET DT 8 det
two two NUM CD 8 nummod
delegations delegation NOUN NNS 4 obl:agent
. . PUNCT . 4 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "hold")
	if len(fs) != 1 || fs[0].Subject().Text != "the two delegations" || argText(fs[0], "object") != "The discussions" {
		t.Fatalf("want hold(the two delegations, The discussions), got %s", describe(facts))
	}
	// Without an agent the subject stays the patient and the predicate
	// says so: nothing is swapped.
	s2, text2 := parseTree(t, `
The the DET DT 2 det
discussions discussion NOUN NNS 4 nsubj:pass
were be AUX VBD 4 aux:pass
held hold VERB VBN 0 root
in in ADP IN 6 case
Anchorage Anchorage PROPN NNP 4 obl
. . PUNCT . 4 punct`)
	facts = ExtractSentence(s2, text2)
	fs = findFact(facts, "be_held")
	if len(fs) != 1 || fs[0].Subject().Text != "The discussions" || argText(fs[0], "location") != "Anchorage" {
		t.Fatalf("want be_held(The discussions, location Anchorage), got %s", describe(facts))
	}
}

const saidTree = `
Putin Putin PROPN NNP 2 nsubj
said say VERB VBD 0 root
the the DET DT 4 det
talks talk NOUN NNS 6 nsubj
were be AUX VBD 6 cop
useful useful ADJ JJ 2 ccomp
. . PUNCT . 2 punct`

func TestReportedSpeech(t *testing.T) {
	d := docFrom(t, saidTree, [2]int{0, 1})
	Extract(d)
	say := findFact(d.Facts, "say")
	if len(say) != 1 || say[0].Subject().Entity != 0 || argText(say[0], "content") != "the talks were useful" || say[0].AttributedTo != -1 {
		t.Fatalf("speech fact: %s", describe(d.Facts))
	}
	be := findFact(d.Facts, "be")
	if len(be) != 1 || be[0].Subject().Text != "the talks" || argText(be[0], "attribute") != "useful" {
		t.Fatalf("content fact: %s", describe(d.Facts))
	}
	if be[0].AttributedTo != 0 {
		t.Errorf("content fact AttributedTo = %d, want the speaker (0)", be[0].AttributedTo)
	}
}

func TestNegationAndModality(t *testing.T) {
	s, text := parseTree(t, `
Trump Trump PROPN NNP 4 nsubj
would would AUX MD 4 aux
not not PART RB 4 advmod
brief brief VERB VB 0 root
Zelensky Zelensky PROPN NNP 4 obj
on on ADP IN 8 case
the the DET DT 8 det
outcome outcome NOUN NN 4 obl
. . PUNCT . 4 punct`)
	fs := findFact(ExtractSentence(s, text), "brief")
	if len(fs) != 1 {
		t.Fatalf("got %s", describe(ExtractSentence(s, text)))
	}
	f := fs[0]
	if !f.Negated || f.Modality != "would" || argText(f, "object") != "Zelensky" || argText(f, "topic") != "the outcome" {
		t.Errorf("got neg=%v mod=%q %s", f.Negated, f.Modality, describe(fs))
	}
	s2, text2 := parseTree(t, `
There there PRON EX 2 expl
is be VERB VBZ 0 root
no no DET DT 4 det
deal deal NOUN NN 2 nsubj
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s2, text2)
	if len(facts) != 1 || !facts[0].Negated {
		t.Errorf("'no deal' should give a negated fact: %+v", facts)
	}
}

const emphasizedTree = `
He he PRON PRP 2 nsubj
emphasized emphasize VERB VBD 0 root
that that SCONJ IN 5 mark
Putin Putin PROPN NNP 5 nsubj
wants want VERB VBZ 2 ccomp
peace peace NOUN NN 5 obj
. . PUNCT . 2 punct`

func TestUnresolvedPronounSubjectIsDropped(t *testing.T) {
	d := docFrom(t, emphasizedTree, [2]int{3, 4})
	// "He" is a pronoun mention that coreference did not resolve.
	d.Mentions = append(d.Mentions, document.Mention{Sentence: 0, Start: 0, End: 1, Text: "He", Kind: document.Pronominal, Entity: -1})
	Extract(d)
	if len(findFact(d.Facts, "emphasize")) != 0 {
		t.Errorf("fact on an unresolved pronoun: %s", describe(d.Facts))
	}
	// The content has no known speaker: the graph could only state it
	// as asserted, so it is left out.
	if want := findFact(d.Facts, "want"); len(want) != 0 {
		t.Fatalf("content of an unknown speaker kept: %s", describe(d.Facts))
	}

	// Resolved: the fact lands on the entity and the content is attributed.
	d = docFrom(t, emphasizedTree, [2]int{3, 4})
	d.Entities = append(d.Entities, document.Entity{Name: "Donald Trump", Type: document.Person})
	d.Mentions = append(d.Mentions, document.Mention{Sentence: 0, Start: 0, End: 1, Text: "He", Kind: document.Pronominal, Entity: 1})
	Extract(d)
	em := findFact(d.Facts, "emphasize")
	if len(em) != 1 || em[0].Subject().Entity != 1 {
		t.Fatalf("resolved pronoun: %s", describe(d.Facts))
	}
	want := findFact(d.Facts, "want")
	if len(want) != 1 || want[0].AttributedTo != 1 || argText(want[0], "object") != "peace" {
		t.Errorf("inner fact should be attributed to Trump (1): %+v", want)
	}
}

func TestPluralMentionGroup(t *testing.T) {
	d := docFrom(t, `
Both both DET DT 2 det
leaders leader NOUN NNS 3 nsubj
described describe VERB VBD 0 root
their their PRON PRP$ 5 nmod:poss
discussions discussion NOUN NNS 3 obj
as as ADP IN 7 case
constructive constructive ADJ JJ 3 obl
. . PUNCT . 3 punct`)
	d.Entities = []document.Entity{{Name: "Donald Trump"}, {Name: "Vladimir Putin"}}
	d.Mentions = append(d.Mentions, document.Mention{Sentence: 0, Start: 0, End: 2, Text: "Both leaders", Kind: document.Nominal, Entity: -1, Group: []int{0, 1}})
	Extract(d)
	fs := findFact(d.Facts, "describe")
	if len(fs) != 2 {
		t.Fatalf("want one fact per group member, got %s", describe(d.Facts))
	}
	if fs[0].Subject().Entity != 0 || fs[1].Subject().Entity != 1 {
		t.Errorf("members: %+v / %+v", fs[0].Subject(), fs[1].Subject())
	}
}

func TestCarbConventions(t *testing.T) {
	s, _ := parseTree(t, `
Barack Barack PROPN NNP 2 compound
Obama Obama PROPN NNP 4 nsubj:pass
was be AUX VBD 4 aux:pass
born bear VERB VBN 0 root
in in ADP IN 6 case
Hawaii Hawaii PROPN NNP 4 obl
in in ADP IN 8 case
1961 1961 NUM CD 4 obl
. . PUNCT . 4 punct`)
	es := Carb(s)
	if len(es) != 1 {
		t.Fatalf("got %+v", es)
	}
	e := es[0]
	if e.Rel != "be born in" || len(e.Args) != 3 || e.Args[0] != "Barack Obama" || e.Args[1] != "Hawaii" || e.Args[2] != "in 1961" {
		t.Errorf("got rel %q args %q", e.Rel, e.Args)
	}
	s2, _ := parseTree(t, saidTree)
	es = Carb(s2)
	found := false
	for _, e := range es {
		if e.Rel == "said" && e.Args[0] == "Putin" && e.Args[1] == "the talks were useful" {
			found = true
		}
	}
	if !found {
		t.Errorf("no said tuple: %+v", es)
	}
}

// TestMalformedTreesDoNotPanic feeds cycles, self-loops and out-of-range
// heads: user input must never crash the extractor.
func TestMalformedTreesDoNotPanic(t *testing.T) {
	s, text := parseTree(t, inviteTree)
	for _, heads := range [][]int{{1, 0, 1, 4, 1, 1}, {0, 1, 2, 3, 4, 5}, {9, -7, 1, 2, 3, 100}, {1, 2, 0, 4, 3, 5}} {
		c := s
		c.Tokens = append([]document.Token(nil), s.Tokens...)
		for i := range c.Tokens {
			c.Tokens[i].Head = heads[i]
		}
		_ = ExtractSentence(c, text)
		_ = Carb(c)
		d := &document.Document{Text: text, Sentences: []document.Sentence{c}}
		Extract(d)
	}
	_ = ExtractSentence(document.Sentence{}, "")
	Extract(nil)
}

func TestWithoutNegatesAdverbialClause(t *testing.T) {
	s, text := parseTree(t, `
They they PRON PRP 2 nsubj
ended end VERB VBD 0 root
the the DET DT 4 det
summit summit NOUN NN 2 obj
without without SCONJ IN 6 mark
reaching reach VERB VBG 2 advcl
a a DET DT 8 det
deal deal NOUN NN 6 obj
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	r := findFact(facts, "reach")
	if len(r) != 1 || !r[0].Negated || r[0].Subject().Text != "They" {
		t.Fatalf("want negated reach(They, a deal), got %s", describe(facts))
	}
	if e := findFact(facts, "end"); len(e) != 1 || e[0].Negated {
		t.Errorf("main clause must stay positive: %s", describe(facts))
	}
}

func TestCopulaAdjectiveWithComplementMerges(t *testing.T) {
	s, text := parseTree(t, `
He he PRON PRP 4 nsubj
was be AUX VBD 4 cop
also also ADV RB 4 advmod
able able ADJ JJ 0 root
to to PART TO 6 mark
take take VERB VB 4 xcomp
questions question NOUN NNS 6 obj
. . PUNCT . 4 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "be_able_to_take")
	if len(fs) != 1 || argText(fs[0], "object") != "questions" {
		t.Fatalf("want be_able_to_take(He, questions), got %s", describe(facts))
	}
	es := Carb(s)
	if len(es) != 1 || es[0].Rel != "be also able to take" || es[0].Args[1] != "questions" {
		t.Errorf("CaRB: %+v", es)
	}
}

func TestPrepositionalAttribute(t *testing.T) {
	s, text := parseTree(t, `
The the DET DT 2 det
base base NOUN NN 6 nsubj
is be AUX VBZ 6 cop
in in ADP IN 6 case
central central ADJ JJ 6 amod
Glasgow Glasgow PROPN NNP 0 root
. . PUNCT . 6 punct`)
	facts := ExtractSentence(s, text)
	if len(facts) != 1 || facts[0].Predicate != "be" || argText(facts[0], "location") != "central Glasgow" {
		t.Fatalf("want be(The base, location central Glasgow), got %s", describe(facts))
	}
	es := Carb(s)
	if len(es) != 1 || es[0].Rel != "be in" || es[0].Args[1] != "central Glasgow" {
		t.Errorf("CaRB: %+v", es)
	}
}

func TestQuoteWithTrailingSpeechVerb(t *testing.T) {
	d := docFrom(t, `
We we PRON PRP 2 nsubj
made make VERB VBD 0 root
progress progress NOUN NN 2 obj
, , PUNCT , 2 punct
Trump Trump PROPN NNP 6 nsubj
said say VERB VBD 2 parataxis
. . PUNCT . 2 punct`, [2]int{4, 5})
	d.Mentions = append(d.Mentions, document.Mention{Sentence: 0, Start: 0, End: 1, Text: "We", Kind: document.Pronominal, Entity: 0})
	Extract(d)
	say := findFact(d.Facts, "say")
	if len(say) != 1 || say[0].Subject().Entity != 0 || argText(say[0], "content") != "We made progress" {
		t.Fatalf("speech fact: %s", describe(d.Facts))
	}
	made := findFact(d.Facts, "make")
	if len(made) != 1 || made[0].AttributedTo != 0 {
		t.Errorf("quoted fact should be attributed to Trump: %+v", made)
	}
}

func TestCopularComplementMerges(t *testing.T) {
	s, text := parseTree(t, `
The the DET DT 2 det
talks talk NOUN NNS 3 nsubj
seem seem VERB VBP 0 root
to to PART TO 7 mark
be be AUX VB 7 cop
very very ADV RB 7 advmod
productive productive ADJ JJ 3 xcomp
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "seem_to_be")
	if len(fs) != 1 || fs[0].Subject().Text != "The talks" || argText(fs[0], "complement") != "very productive" {
		t.Fatalf("want seem_to_be(The talks, very productive), got %s", describe(facts))
	}
}

// A relative clause the parser attached as parataxis still lands on the
// noun before "who".
func TestStrayRelativePronoun(t *testing.T) {
	s, text := parseTree(t, `
Putin Putin PROPN NNP 2 nsubj
thanked thank VERB VBD 0 root
Trump Trump PROPN NNP 2 obj
, , PUNCT , 6 punct
who who PRON WP 6 nsubj
called call VERB VBD 2 parataxis
the the DET DT 8 det
summit summit NOUN NN 6 obj
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "call")
	if len(fs) != 1 || fs[0].Subject().Text != "Trump" || argText(fs[0], "object") != "the summit" {
		t.Fatalf("want call(Trump, the summit), got %s", describe(facts))
	}
}

// The parser often hangs "to Moscow" on the invited person; it is still
// the invitation's destination.
func TestInviteDestinationDetachedFromObject(t *testing.T) {
	s, text := parseTree(t, `
Putin Putin PROPN NNP 2 nsubj
invited invite VERB VBD 0 root
Trump Trump PROPN NNP 2 obj
to to ADP IN 5 case
Moscow Moscow PROPN NNP 3 nmod
. . PUNCT . 2 punct`)
	fs := findFact(ExtractSentence(s, text), "invite")
	if len(fs) != 1 || argText(fs[0], "object") != "Trump" || argText(fs[0], "destination") != "Moscow" {
		t.Fatalf("want invite(Putin, Trump, destination Moscow), got %s", describe(fs))
	}
}

// A finite verb the parser left without a subject takes the plain noun
// phrase right before it, split at its coordination.
func TestRecoveredCoordinatedSubject(t *testing.T) {
	s, text := parseTree(t, `
Despite despite ADP IN 3 case
no no DET DT 3 det
breakthrough breakthrough NOUN NN 10 obl
on on ADP IN 5 case
Ukraine Ukraine PROPN NNP 3 nmod
, , PUNCT , 7 punct
Trump Trump PROPN NNP 5 conj
and and CCONJ CC 9 cc
Putin Putin PROPN NNP 5 conj
sought seek VERB VBD 0 root
to to PART TO 12 mark
highlight highlight VERB VB 10 xcomp
progress progress NOUN NN 12 obj
. . PUNCT . 10 punct`)
	facts := findFact(ExtractSentence(s, text), "seek_to_highlight")
	got := map[string]bool{}
	for _, f := range facts {
		got[f.Subject().Text] = true
		if c := argText(f, "concession"); c != "no breakthrough on Ukraine" {
			t.Errorf("concession = %q: the subject's words must leave it", c)
		}
	}
	if len(facts) != 2 || !got["Trump"] || !got["Putin"] {
		t.Fatalf("want seek_to_highlight for Trump and for Putin, got %s", describe(facts))
	}
}

func TestPassiveWithComplementKeepsChain(t *testing.T) {
	s, text := parseTree(t, `
Prices price NOUN NNS 3 nsubj:pass
are be AUX VBP 3 aux:pass
expected expect VERB VBN 0 root
to to PART TO 5 mark
rise rise VERB VB 3 xcomp
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	if len(facts) != 1 || facts[0].Predicate != "be_expected_to_rise" || facts[0].Subject().Text != "Prices" {
		t.Fatalf("want be_expected_to_rise(Prices), got %s", describe(facts))
	}
}
