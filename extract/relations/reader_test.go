package relations

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/document"
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
	// comments on the clause; it is not part of the manner argument.
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
	if len(fs) != 1 || argText(fs[0], "manner") != "a calm tone" {
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

func TestDirectiveWithMisTaggedVerb(t *testing.T) {
	// "plant" tagged as a noun, "farmers" given an object, and "warned"
	// put inside the urged clause: the parse the tagger's error produces.
	s, text := parseTree(t, `
The the DET DT 2 det
minister minister NOUN NN 3 nsubj
urged urge VERB VBD 0 root
that that SCONJ IN 13 mark
farmers farmer NOUN NNS 13 nsubj
and and CCONJ CC 8 cc
local local ADJ JJ 8 amod
councils council NOUN NNS 5 conj
plant plant NOUN NN 10 compound
crops crop NOUN NNS 5 obj
early early ADV RB 10 advmod
and and CCONJ CC 13 cc
warned warn VERB VBD 3 ccomp
against against ADP IN 15 case
delays delay NOUN NNS 13 obl
. . PUNCT . 3 punct`)
	checkMinisterUrged(t, ExtractSentence(s, text))
}

func TestDirectiveWithMisTaggedVerbObjectOnConjunct(t *testing.T) {
	// The same sentence as the parser also gets it wrong: "crops" the
	// object of the second conjunct "councils", "early" an adverb of the
	// first subject "farmers".
	s, text := parseTree(t, `
The the DET DT 2 det
minister minister NOUN NN 3 nsubj
urged urge VERB VBD 0 root
that that SCONJ IN 13 mark
farmers farmer NOUN NNS 13 nsubj
and and CCONJ CC 8 cc
local local ADJ JJ 8 amod
councils council NOUN NNS 5 conj
plant plant NOUN NN 10 compound
crops crop NOUN NNS 8 obj
early early ADV RB 5 advmod
and and CCONJ CC 13 cc
warned warn VERB VBD 3 ccomp
against against ADP IN 15 case
delays delay NOUN NNS 13 obl
. . PUNCT . 3 punct`)
	checkMinisterUrged(t, ExtractSentence(s, text))
}

// checkMinisterUrged checks the facts of "The minister urged that farmers
// and local councils plant crops early and warned against delays".
func checkMinisterUrged(t *testing.T, facts []document.Fact) {
	t.Helper()
	urge := findFact(facts, "urge")
	if len(urge) != 2 {
		t.Fatalf("want urge per addressee, got %s", describe(facts))
	}
	got := map[string]bool{}
	for _, f := range urge {
		got[argText(f, "object")] = true
		if f.Subject().Text != "The minister" || argText(f, "content") != "plant crops early" {
			t.Errorf("urge: %s", describe(urge))
		}
	}
	if !got["farmers"] || !got["local councils"] {
		t.Errorf("addressees %v", got)
	}
	plant := findFact(facts, "plant")
	if len(plant) != 2 || plant[0].Modality != "should" || argText(plant[0], "object") != "crops" {
		t.Errorf("plant: %s", describe(facts))
	}
	warn := findFact(facts, "warn")
	if len(warn) != 1 || warn[0].Subject().Text != "The minister" || argText(warn[0], "against") != "delays" {
		t.Errorf("warn belongs to the minister: %s", describe(facts))
	}
}

func TestClauseSwallowedObjectIsSplit(t *testing.T) {
	// "… as the company entered its second decade and annual profits
	// reached a Cold War low", parsed with "decade" a compound of the
	// next clause's subject and "high" an adverb.
	s, text := parseTree(t, `
The the DET DT 2 det
company company NOUN NN 3 nsubj
entered enter VERB VBD 0 root
its its PRON PRP$ 6 nmod:poss
second second ADJ JJ 6 amod
decade decade NOUN NN 9 compound
and and CCONJ CC 8 cc
annual annual NOUN NN 6 conj
profits profit NOUN NNS 10 nsubj
reached reach VERB VBD 3 ccomp
a a DET DT 13 det
Cold Cold PROPN NNP 13 compound
War War PROPN NNP 10 obj
low low ADV RB 10 advmod
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	enter := findFact(facts, "enter")
	if len(enter) != 1 || argText(enter[0], "object") != "its second decade" || enter[0].Arg("content") != nil {
		t.Errorf("enter: %s", describe(facts))
	}
	reach := findFact(facts, "reach")
	if len(reach) != 1 || reach[0].Subject().Text != "annual profits" || argText(reach[0], "object") != "a Cold War low" {
		t.Errorf("reach: %s", describe(facts))
	}
}

func TestAbsoluteWithIsNarration(t *testing.T) {
	// "Both sides said they were ready to talk, with Paris hosting the
	// next round": the absolute clause is the writer's, not the speakers'.
	d := docFrom(t, `
Both both DET DT 2 det
sides side NOUN NNS 3 nsubj
said say VERB VBD 0 root
they they PRON PRP 6 nsubj
were be AUX VBD 6 cop
ready ready ADJ JJ 3 ccomp
to to PART TO 8 mark
talk talk VERB VB 6 xcomp
, , PUNCT , 11 punct
with with ADP IN 11 case
Paris Paris PROPN NNP 8 obl
hosting host VERB VBG 11 acl
the the DET DT 15 det
next next ADJ JJ 15 amod
round round NOUN NN 12 obj
. . PUNCT . 3 punct`, [2]int{10, 11})
	// Two sides, each an entity; "Both sides" and "they" stand for both.
	d.Entities = append(d.Entities, document.Entity{Name: "A"}, document.Entity{Name: "B"})
	d.Mentions = append(d.Mentions,
		document.Mention{Sentence: 0, Start: 0, End: 2, Text: "Both sides", Kind: document.Nominal, Entity: -1, Group: []int{1, 2}},
		document.Mention{Sentence: 0, Start: 3, End: 4, Text: "they", Kind: document.Pronominal, Entity: -1, Group: []int{1, 2}})
	Extract(d)
	host := findFact(d.Facts, "host")
	if len(host) != 1 || host[0].AttributedTo != -1 || host[0].Subject().Entity != 0 {
		t.Errorf("host should be asserted on Paris: %s %+v", describe(host), host)
	}
	for _, f := range findFact(d.Facts, "say") {
		if strings.Contains(argText(f, "content"), "hosting") {
			t.Errorf("content keeps the absolute clause: %q", argText(f, "content"))
		}
	}
	for _, f := range findFact(d.Facts, "talk") {
		if f.Arg("with") != nil {
			t.Errorf("absolute clause became a 'with' argument: %s", describe(d.Facts))
		}
	}
	// Each side says it of itself.
	ready := findFact(d.Facts, "be_ready_to_talk")
	if len(ready) != 2 {
		t.Fatalf("want be_ready_to_talk per side: %s", describe(d.Facts))
	}
	for _, f := range ready {
		if f.AttributedTo != f.Subject().Entity {
			t.Errorf("ready of %d attributed to %d", f.Subject().Entity, f.AttributedTo)
		}
	}
}

func TestSubjectRepeatedAsObjectIsUnlinked(t *testing.T) {
	d := docFrom(t, `
The the DET DT 2 det
meeting meeting NOUN NN 3 nsubj
marked mark VERB VBD 0 root
the the DET DT 6 det
first first ADJ JJ 6 amod
summit summit NOUN NN 3 obj
. . PUNCT . 3 punct`, [2]int{1, 2})
	d.Mentions = append(d.Mentions, document.Mention{Sentence: 0, Start: 3, End: 6, Text: "the first summit", Kind: document.Nominal, Entity: 0})
	Extract(d)
	fs := findFact(d.Facts, "mark")
	if len(fs) != 1 || fs[0].Subject().Entity != 0 || fs[0].Arg("object").Entity != -1 || argText(fs[0], "object") != "the first summit" {
		t.Errorf("mark: %+v", fs)
	}
}

func TestQuotedTermIsNoClause(t *testing.T) {
	s, text := parseTree(t, `
Critics critic NOUN NNS 2 nsubj
called call VERB VBD 0 root
it it PRON PRP 2 obj
a a DET DT 5 det
possible possible ADJ JJ 2 xcomp
" " PUNCT `+"``"+` 7 punct
turning turn VERB VBG 5 acl
point point NOUN NN 7 obj
" " PUNCT '' 7 punct
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "turn"); len(fs) > 0 {
		t.Errorf("quoted term read as a clause: %s", describe(fs))
	}
}

func TestParticipleUnderPassiveContentBelongsToSpeaker(t *testing.T) {
	s, text := parseTree(t, `
Lee Lee PROPN NNP 2 nsubj
said say VERB VBD 0 root
the the DET DT 4 det
bill bill NOUN NN 6 nsubj:pass
was be AUX VBD 6 aux:pass
passed pass VERB VBN 2 ccomp
on on ADP IN 8 case
Monday Monday PROPN NNP 6 obl
, , PUNCT , 11 punct
while while SCONJ IN 11 mark
warning warn VERB VBG 6 advcl
that that SCONJ IN 15 mark
costs cost NOUN NNS 15 nsubj
would would AUX MD 15 aux
rise rise VERB VB 11 ccomp
if if SCONJ IN 18 mark
nothing nothing PRON NN 18 nsubj
changed change VERB VBD 15 advcl
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	warn := findFact(facts, "warn")
	if len(warn) != 1 || warn[0].Subject().Text != "Lee" {
		t.Fatalf("warn should be Lee's: %s", describe(facts))
	}
	for _, f := range findFact(facts, "say") {
		if strings.Contains(argText(f, "content"), "warning") {
			t.Errorf("said content keeps the participle: %q", argText(f, "content"))
		}
	}
	// The participle hangs on the passive without an agent; the one
	// warning is the speaker, so the clause is the saying's adjunct.
	if fs := findFact(facts, "say"); len(fs) != 1 || !strings.HasPrefix(argText(fs[0], "while"), "warning") {
		t.Errorf("want say(Lee, …, while warning …), got %s", describe(facts))
	}
	for _, f := range findFact(facts, "be_passed") {
		if f.Arg("while") != nil {
			t.Errorf("participle left as an argument: %s", describe(facts))
		}
	}
	if fs := findFact(facts, "change"); len(fs) > 0 {
		t.Errorf("a condition became a fact: %s", describe(fs))
	}
}

func TestOnACountryIsATopic(t *testing.T) {
	s, text := parseTree(t, `
They they PRON PRP 2 nsubj
agreed agree VERB VBD 0 root
on on ADP IN 4 case
Syria Syria PROPN NNP 2 obl
. . PUNCT . 2 punct`)
	fs := findFact(ExtractSentence(s, text), "agree")
	if len(fs) != 1 || argText(fs[0], "topic") != "Syria" {
		t.Errorf("agree: %s", describe(fs))
	}
}

func TestClauseAsSubjectIsDropped(t *testing.T) {
	// A parse that made "He … history" the subject of "represented".
	s, text := parseTree(t, `
He he PRON PRP 4 nsubj
cited cite VERB VBN 4 amod
old old ADJ JJ 4 amod
history history NOUN NN 5 nsubj
represented represent VERB VBD 0 root
a a DET DT 7 det
step step NOUN NN 5 obj
. . PUNCT . 5 punct`)
	d := &document.Document{Text: text, Sentences: []document.Sentence{s}}
	Extract(d)
	if fs := findFact(d.Facts, "represent"); len(fs) > 0 {
		t.Errorf("subject swallowed a clause: %s", describe(fs))
	}
}

func TestTwoSubjectsWithConjunctionOnTheVerb(t *testing.T) {
	s, text := parseTree(t, `
Smith Smith PROPN NNP 4 nsubj
and and CCONJ CC 4 cc
Jones Jones PROPN NNP 4 nsubj
signed sign VERB VBD 0 root
the the DET DT 6 det
treaty treaty NOUN NN 4 obj
. . PUNCT . 4 punct`)
	fs := findFact(ExtractSentence(s, text), "sign")
	got := map[string]bool{}
	for _, f := range fs {
		got[f.Subject().Text] = true
	}
	if len(fs) != 2 || !got["Smith"] || !got["Jones"] {
		t.Errorf("want sign per signatory: %s", describe(fs))
	}
}

func TestQuoteCreditedAfterDash(t *testing.T) {
	d := docFrom(t, `
Prices price NOUN NNS 2 nsubj
fell fall VERB VBD 0 root
. . PUNCT . 2 punct
" " PUNCT '' 2 punct
– – PUNCT , 6 punct
Mary Mary PROPN NNP 2 appos
Smith Smith PROPN NNP 6 flat`, [2]int{5, 7})
	Extract(d)
	fs := findFact(d.Facts, "fall")
	if len(fs) != 1 || fs[0].AttributedTo != 0 {
		t.Errorf("quotation credited after a dash should be attributed: %+v", fs)
	}
}

func TestAskedWhetherIsNoDirective(t *testing.T) {
	s, text := parseTree(t, `
Reporters reporter NOUN NNS 2 nsubj
asked ask VERB VBD 0 root
whether whether SCONJ IN 6 mark
Kyiv Kyiv PROPN NNP 6 nsubj
would would AUX MD 6 aux
join join VERB VB 2 ccomp
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	for _, f := range findFact(facts, "ask") {
		if f.Arg("object") != nil {
			t.Errorf("a question's subject became the one asked: %s", describe(facts))
		}
	}
	for _, f := range findFact(facts, "join") {
		if f.Modality != "would" {
			t.Errorf("join modality %q, want would", f.Modality)
		}
	}
}

func TestSpeechParticipleAfterComplementIsTheSpeakers(t *testing.T) {
	// "adding" parsed as an adjunct of the reported clause ("depends"):
	// a budget adds nothing; Johnson does, and what she adds is hers.
	d := docFrom(t, `
Johnson Johnson PROPN NNP 2 nsubj
insisted insist VERB VBD 0 root
that that SCONJ IN 7 mark
the the DET DT 6 det
city city NOUN NN 6 compound
budget budget NOUN NN 7 nsubj
depends depend VERB VBZ 2 ccomp
on on ADP IN 10 case
the the DET DT 10 det
council council NOUN NN 7 obl
, , PUNCT , 12 punct
adding add VERB VBG 7 advcl
she she PRON PRP 15 nsubj
would would AUX MD 15 aux
meet meet VERB VB 12 ccomp
Lee Lee PROPN NNP 15 obj
and and CCONJ CC 19 cc
the the DET DT 19 det
unions union NOUN NNS 16 conj
. . PUNCT . 2 punct`, [2]int{0, 1}, [2]int{15, 16})
	d.Mentions = append(d.Mentions, document.Mention{Span: d.Sentences[0].Tokens[12].Span, Sentence: 0, Start: 12, End: 13,
		Text: "she", Kind: document.Pronominal, Entity: 0})
	Extract(d)
	add := findFact(d.Facts, "add")
	if len(add) != 1 || add[0].Subject().Entity != 0 {
		t.Errorf("add should be Johnson's: %s", describe(d.Facts))
	}
	meet := findFact(d.Facts, "meet")
	if len(meet) != 2 {
		t.Fatalf("want meet per object: %s", describe(d.Facts))
	}
	got := map[string]bool{}
	for _, f := range meet {
		got[argText(f, "object")] = true
		if f.Subject().Entity != 0 || f.Modality != "would" || f.AttributedTo != 0 {
			t.Errorf("meet: %s (attributed to %d)", describe([]document.Fact{f}), f.AttributedTo)
		}
	}
	if !got["Lee"] || !got["the unions"] {
		t.Errorf("meet objects %v", got)
	}
	if m := findFact(d.Facts, "meet"); len(m) > 0 && m[0].Arg("object").Entity != 1 && m[1].Arg("object").Entity != 1 {
		t.Errorf("Lee not linked: %s", describe(m))
	}
}

func TestSpeechParticipleAsConjunctIsTheSpeakers(t *testing.T) {
	// ", adding …" parsed as a conjunct of the reported clause's verb:
	// without a conjunction it is an adjunct of the reporting verb.
	s, text := parseTree(t, `
The the DET DT 2 det
coach coach NOUN NN 3 nsubj
said say VERB VBD 0 root
the the DET DT 5 det
team team NOUN NN 6 nsubj
played play VERB VBD 3 ccomp
well well ADV RB 6 advmod
, , PUNCT , 9 punct
adding add VERB VBG 6 conj
that that SCONJ IN 13 mark
the the DET DT 12 det
fans fan NOUN NNS 13 nsubj
helped help VERB VBD 9 ccomp
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "add"); len(fs) != 1 || fs[0].Subject().Text != "The coach" {
		t.Errorf("add: %s", describe(facts))
	}
}

func TestFindingVerbKeepsItsParticiple(t *testing.T) {
	// "Records show that traders filed letters, demanding …": the traders
	// demand; records are no speakers.
	s, text := parseTree(t, `
Records record NOUN NNS 2 nsubj
show show VERB VBP 0 root
that that SCONJ IN 5 mark
traders trader NOUN NNS 5 nsubj
filed file VERB VBD 2 ccomp
letters letter NOUN NNS 5 obj
, , PUNCT , 8 punct
demanding demand VERB VBG 5 advcl
a a DET DT 10 det
refund refund NOUN NN 8 obj
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "demand"); len(fs) != 1 || fs[0].Subject().Text != "traders" {
		t.Errorf("demand: %s", describe(facts))
	}
}

func TestAdjectiveWithModalAndObjectIsVerb(t *testing.T) {
	// "brief" tagged as the adjective of "a brief talk".
	// "brief" tagged as the noun of "a legal brief" does the same.
	for _, tag := range []string{"ADJ JJ", "NOUN NN"} {
		s, text := parseTree(t, `
She she PRON PRP 2 nsubj
said say VERB VBD 0 root
she she PRON PRP 5 nsubj
would would AUX MD 5 aux
brief brief `+tag+` 2 ccomp
reporters reporter NOUN NNS 5 obj
. . PUNCT . 2 punct`)
		facts := ExtractSentence(s, text)
		if fs := findFact(facts, "brief"); len(fs) != 1 || argText(fs[0], "object") != "reporters" || fs[0].Modality != "would" {
			t.Errorf("%s: brief: %s", tag, describe(facts))
		}
	}
}

func TestSecondObjectOnVerbJoinsTheFirst(t *testing.T) {
	// "would brief Lee and the unions on the talks" with "unions" hung
	// on the verb as if it were a second clause.
	s, text := parseTree(t, `
She she PRON PRP 3 nsubj
would would AUX MD 3 aux
brief brief VERB VB 0 root
Lee Lee PROPN NNP 3 obj
and and CCONJ CC 7 cc
the the DET DT 7 det
unions union NOUN NNS 3 conj
on on ADP IN 10 case
the the DET DT 10 det
talks talk NOUN NNS 3 obl
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "brief")
	got := map[string]bool{}
	for _, f := range fs {
		got[argText(f, "object")] = true
		if argText(f, "topic") != "the talks" {
			t.Errorf("brief without its topic: %s", describe(fs))
		}
	}
	if len(fs) != 2 || !got["Lee"] || !got["the unions"] {
		t.Errorf("brief: %s", describe(facts))
	}
}

func TestNounClauseCoordinatedWithNounStays(t *testing.T) {
	// "… on what is driving these problems and our fixes": the noun
	// phrase is coordinated with the free relative, not an object.
	s, text := parseTree(t, `
We we PRON PRP 2 nsubj
talked talk VERB VBD 0 root
on on ADP IN 6 case
what what PRON WP 6 nsubj
is be AUX VBZ 6 aux
driving drive VERB VBG 2 obl
these this DET DT 8 det
problems problem NOUN NNS 6 obj
and and CCONJ CC 11 cc
our we PRON PRP$ 11 nmod:poss
fixes fix NOUN NNS 6 conj
. . PUNCT . 2 punct`)
	for _, f := range ExtractSentence(s, text) {
		if f.Predicate == "drive" && strings.Contains(argText(f, "object"), "fixes") {
			t.Errorf("fixes became an object of drive: %s", describe([]document.Fact{f}))
		}
	}
}

func TestDirectiveWithThatAsDeterminer(t *testing.T) {
	// "that" read as the determiner of "farmers", "farmers" as the object
	// of "urged" and "plant" as a subjectless complement.
	for _, that := range []string{"that that DET DT 5 det", "that that SCONJ IN 3 mark"} {
		s, text := parseTree(t, `
The the DET DT 2 det
minister minister NOUN NN 3 nsubj
urged urge VERB VBD 0 root
`+that+`
farmers farmer NOUN NNS 3 obj
plant plant VERB VBP 3 ccomp
crops crop NOUN NNS 6 obj
. . PUNCT . 3 punct`)
		facts := ExtractSentence(s, text)
		urge := findFact(facts, "urge")
		if len(urge) != 1 || argText(urge[0], "object") != "farmers" || argText(urge[0], "content") != "plant crops" {
			t.Errorf("%s: urge: %s", that, describe(facts))
		}
		plant := findFact(facts, "plant")
		if len(plant) != 1 || plant[0].Subject().Text != "farmers" || plant[0].Modality != "should" {
			t.Errorf("%s: plant: %s", that, describe(facts))
		}
	}
}

func TestDirectiveObjectControlsSubjectlessContent(t *testing.T) {
	// No "that" at all: "ordered the troops [be] withdrawn"-style
	// complements without a subject take the one ordered.
	s, text := parseTree(t, `
The the DET DT 2 det
court court NOUN NN 3 nsubj
ordered order VERB VBD 0 root
the the DET DT 5 det
firm firm NOUN NN 3 obj
repay repay VERB VB 3 ccomp
its its PRON PRP$ 8 nmod:poss
clients client NOUN NNS 6 obj
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "repay"); len(fs) != 1 || fs[0].Subject().Text != "the firm" || fs[0].Modality != "should" {
		t.Errorf("repay: %s", describe(facts))
	}
}

func TestConjunctAfterPrepositionalPhraseStays(t *testing.T) {
	// "filed a statement with the Securities and Exchange Commission"
	// with "Commission" hung on the verb: the conjunct belongs to the
	// nearer noun, not to the object "statement".
	s, text := parseTree(t, `
It it PRON PRP 2 nsubj
filed file VERB VBD 0 root
a a DET DT 4 det
statement statement NOUN NN 2 obj
with with ADP IN 7 case
the the DET DT 7 det
Securities Securities PROPN NNPS 4 nmod
and and CCONJ CC 10 cc
Exchange Exchange PROPN NNP 10 compound
Commission Commission PROPN NNP 2 conj
. . PUNCT . 2 punct`)
	for _, f := range ExtractSentence(s, text) {
		if f.Predicate == "file" && strings.Contains(argText(f, "object"), "Commission") {
			t.Errorf("Commission became an object of file: %s", describe([]document.Fact{f}))
		}
	}
}

func TestCapitalisedNameWordIsNoVerb(t *testing.T) {
	// "it and VMS Realty Partners have agreed …" with "Partners" an
	// object of "VMS": "Realty" is part of a name, not a verb.
	s, text := parseTree(t, `
Acme Acme PROPN NNP 2 nsubj
said say VERB VBD 0 root
it it PRON PRP 9 nsubj
and and CCONJ CC 9 cc
VMS VMS PROPN NNP 9 nsubj
Realty Realty NOUN NN 7 compound
Partners Partners NOUN NNS 5 obj
have have AUX VBP 9 aux
agreed agree VERB VBN 2 ccomp
. . PUNCT . 2 punct`)
	for _, f := range ExtractSentence(s, text) {
		if f.Predicate == "realty" {
			t.Errorf("name word read as a verb: %s", describe([]document.Fact{f}))
		}
	}
}

func TestParticipleOfFeelingStaysInTheReport(t *testing.T) {
	// "The council said farmers have shied away, fearing losses": the
	// farmers fear; "fearing" is no act of telling.
	s, text := parseTree(t, `
The the DET DT 2 det
council council NOUN NN 3 nsubj
said say VERB VBD 0 root
farmers farmer NOUN NNS 7 nsubj
have have AUX VBP 7 aux
all all ADV RB 7 advmod
shied shy VERB VBN 3 ccomp
away away ADV RB 7 advmod
, , PUNCT , 10 punct
fearing fear VERB VBG 7 advcl
losses loss NOUN NNS 10 obj
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "fear"); len(fs) != 1 || fs[0].Subject().Text != "farmers" {
		t.Errorf("fear: %s", describe(facts))
	}
}

func TestPostposedReportKeepsItsConjunct(t *testing.T) {
	// "Banks will offer bonds tomorrow and delivered them …, the
	// ministry said": a postposed report verb does not take over a
	// conjunct of the reported clause.
	s, text := parseTree(t, `
Banks bank NOUN NNS 3 nsubj
will will AUX MD 3 aux
offer offer VERB VB 11 ccomp
bonds bond NOUN NNS 3 obj
and and CCONJ CC 6 cc
delivered deliver VERB VBD 3 conj
them they PRON PRP 6 obj
, , PUNCT , 11 punct
the the DET DT 10 det
ministry ministry NOUN NN 11 nsubj
said say VERB VBD 0 root
. . PUNCT . 11 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "deliver"); len(fs) != 1 || fs[0].Subject().Text != "Banks" {
		t.Errorf("deliver: %s", describe(facts))
	}
}

func TestAbsoluteWithParticipleHeadIsRead(t *testing.T) {
	// "with Lee inviting Kim to Seoul" parsed with "with" on the
	// participle and "Lee" its compound: Lee invites, not the main
	// clause's subject.
	s, text := parseTree(t, `
Both both DET DT 2 det
sides side NOUN NNS 3 nsubj
agreed agree VERB VBD 0 root
to to PART TO 5 mark
talk talk VERB VB 3 xcomp
, , PUNCT , 9 punct
with with ADP IN 9 case
Lee Lee PROPN NNP 9 compound
inviting invite VERB VBG 3 advcl
Kim Kim PROPN NNP 9 obj
to to ADP IN 12 case
Seoul Seoul PROPN NNP 9 obl
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "invite")
	if len(fs) != 1 || fs[0].Subject().Text != "Lee" || argText(fs[0], "object") != "Kim" || argText(fs[0], "destination") != "Seoul" {
		t.Errorf("invite: %s", describe(facts))
	}
}

func TestClauseUnderCommaLeavesTheArgument(t *testing.T) {
	// "issuing …" hung on the comma after "journalists": it is the
	// clause's adjunct, not part of the object "questions from
	// journalists".
	s, text := parseTree(t, `
The the DET DT 2 det
ministers minister NOUN NNS 3 nsubj
refused refuse VERB VBD 0 root
to to PART TO 5 mark
take take VERB VB 3 xcomp
questions question NOUN NNS 5 obj
from from ADP IN 8 case
reporters reporter NOUN NNS 6 nmod
, , PUNCT , 8 punct
reading read VERB VBG 9 advcl
statements statement NOUN NNS 10 obj
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	for _, f := range facts {
		for _, a := range f.Args {
			if a.Role == "object" && strings.Contains(a.Text, "reading") {
				t.Errorf("object swallowed the clause: %s", describe([]document.Fact{f}))
			}
		}
	}
	if fs := findFact(facts, "read"); len(fs) != 1 || fs[0].Subject().Text != "The ministers" || argText(fs[0], "object") != "statements" {
		t.Errorf("read: %s", describe(facts))
	}
}

func TestRelativeClauseUnderCommaStays(t *testing.T) {
	// "shareholders, who hold 96 pct" with the relative clause on the
	// comma: it is not lifted to the main verb.
	s, text := parseTree(t, `
The the DET DT 2 det
bid bid NOUN NN 3 nsubj
excluded exclude VERB VBD 0 root
shareholders shareholder NOUN NNS 3 obj
, , PUNCT , 4 punct
who who PRON WP 7 nsubj
hold hold VERB VBP 5 advcl:relcl
shares share NOUN NNS 7 obj
. . PUNCT . 3 punct`)
	v := newView(&s)
	if v.head[6] != 4 {
		t.Errorf("relative clause moved to %d (%s)", v.head[6], text)
	}
}

func TestDatelineIsNoSubject(t *testing.T) {
	// "Geneva: Swiss President Anna Meier and French President Paul Roy
	// opened talks" in two wrong parses.
	for _, tc := range []struct{ name, tree string }{
		// The dateline as subject, the leaders as its apposition,
		// "French" a conjunct and "Paul" a list item.
		{"dateline subject, leaders apposed", `
Geneva Geneva PROPN NNP 12 nsubj
: : PUNCT : 5 punct
Swiss Swiss ADJ JJ 4 amod
President President PROPN NNP 5 nmod:desc
Anna Anna PROPN NNP 1 appos
Meier Meier PROPN NNP 5 flat
and and CCONJ CC 8 cc
French French ADJ JJ 5 conj
President President PROPN NNP 10 nmod:desc
Paul Paul PROPN NNP 5 list
Roy Roy PROPN NNP 10 flat
opened open VERB VBD 0 root
talks talk NOUN NNS 12 obj
. . PUNCT . 12 punct`},
		// Both the dateline and "Anna" as subjects, "President" and
		// "Paul" as two conjuncts of "Anna".
		{"two subjects, split conjunct", `
Geneva Geneva PROPN NNP 12 nsubj
: : PUNCT : 5 punct
Swiss Swiss ADJ JJ 4 amod
President President PROPN NNP 5 nmod:desc
Anna Anna PROPN NNP 12 nsubj
Meier Meier PROPN NNP 5 flat
and and CCONJ CC 9 cc
French French ADJ JJ 9 amod
President President PROPN NNP 5 conj
Paul Paul PROPN NNP 5 conj
Roy Roy PROPN NNP 10 flat
opened open VERB VBD 0 root
talks talk NOUN NNS 12 obj
. . PUNCT . 12 punct`},
	} {
		s, text := parseTree(t, tc.tree)
		facts := ExtractSentence(s, text)
		fs := findFact(facts, "open")
		got := map[string]bool{}
		for _, f := range fs {
			got[f.Subject().Text] = true
		}
		if len(fs) != 2 || !got["Swiss President Anna Meier"] || !got["French President Paul Roy"] {
			t.Errorf("%s: open: %s", tc.name, describe(facts))
		}
	}
}

func TestSpeechParticipleOnNameIsTheSpeakers(t *testing.T) {
	// ", adding …" hung on the name ending the reported clause: Johnson
	// adds, not Lee.
	s, text := parseTree(t, `
Johnson Johnson PROPN NNP 2 nsubj
insisted insist VERB VBD 0 root
that that SCONJ IN 6 mark
the the DET DT 5 det
decision decision NOUN NN 6 nsubj
lies lie VERB VBZ 2 ccomp
with with ADP IN 9 case
Governor Governor PROPN NNP 9 nmod:desc
Lee Lee PROPN NNP 6 obl
, , PUNCT , 11 punct
adding add VERB VBG 9 acl
she she PRON PRP 14 nsubj
would would AUX MD 14 aux
call call VERB VB 11 ccomp
Park Park PROPN NNP 14 obj
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "add"); len(fs) != 1 || fs[0].Subject().Text != "Johnson" {
		t.Errorf("add: %s", describe(facts))
	}
	if fs := findFact(facts, "lie"); len(fs) != 1 || argText(fs[0], "with") != "Governor Lee" {
		t.Errorf("lie: %s", describe(facts))
	}
}

func TestDirectiveWithThatClauseAsObject(t *testing.T) {
	// The urged parsed as the object of "urged" ("that" their
	// determiner), "plant" a compound of the conjunct's "object" and
	// "warned" a conjunct of "urged".
	s, text := parseTree(t, `
The the DET DT 2 det
minister minister NOUN NN 3 nsubj
urged urge VERB VBD 0 root
that that DET DT 5 det
farmers farmer NOUN NNS 3 obj
and and CCONJ CC 8 cc
local local ADJ JJ 8 amod
councils council NOUN NNS 5 conj
plant plant NOUN NN 10 compound
crops crop NOUN NNS 8 obj
early early ADV RB 5 advmod
and and CCONJ CC 13 cc
warned warn VERB VBD 3 conj
against against ADP IN 15 case
delays delay NOUN NNS 13 obl
. . PUNCT . 3 punct`)
	checkMinisterUrged(t, ExtractSentence(s, text))
}

func TestBareParticipleConjunctJoinsTheReporter(t *testing.T) {
	// "… urged that farmers plant crops early and warned against
	// delays" with "warned" tagged as a participle.
	s, text := parseTree(t, `
The the DET DT 2 det
minister minister NOUN NN 3 nsubj
urged urge VERB VBD 0 root
that that SCONJ IN 6 mark
farmers farmer NOUN NNS 6 nsubj
plant plant VERB VBP 3 ccomp
crops crop NOUN NNS 6 obj
early early ADV RB 6 advmod
and and CCONJ CC 10 cc
warned warn VERB VBN 6 conj
against against ADP IN 12 case
delays delay NOUN NNS 10 obl
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "warn"); len(fs) != 1 || fs[0].Subject().Text != "The minister" || fs[0].Modality != "" {
		t.Errorf("warn: %s", describe(facts))
	}
	if fs := findFact(facts, "urge"); len(fs) != 1 || argText(fs[0], "content") != "plant crops early" {
		t.Errorf("urge: %s", describe(facts))
	}
}

func TestAttributiveParticipleStaysInTheReport(t *testing.T) {
	// "said it will pay 25 dollars plus accrued interest" with "accrued"
	// parsed as a conjunct of "pay": not a second thing the company did.
	s, text := parseTree(t, `
Acme Acme PROPN NNP 2 nsubj
said say VERB VBD 0 root
it it PRON PRP 5 nsubj
will will AUX MD 5 aux
pay pay VERB VB 2 ccomp
25 25 NUM CD 7 nummod
dollars dollar NOUN NNS 5 obj
plus plus CCONJ CC 9 cc
accrued accrue VERB VBN 5 conj
interest interest NOUN NN 9 obj
. . PUNCT . 2 punct`)
	v := newView(&s)
	if v.head[8] != 4 {
		t.Errorf("accrued moved to %d (%s)", v.head[8], text)
	}
}

func TestNextClauseSubjectIsNoSecondObject(t *testing.T) {
	// "adjusted its prices and its margins have improved" with "margins"
	// a conjunct of "adjusted": the margins start a clause of their own.
	s, text := parseTree(t, `
Acme Acme PROPN NNP 2 nsubj
adjusted adjust VERB VBD 0 root
its its PRON PRP$ 4 nmod:poss
prices price NOUN NNS 2 obj
and and CCONJ CC 7 cc
its its PRON PRP$ 7 nmod:poss
margins margin NOUN NNS 2 conj
have have AUX VBP 9 aux
improved improve VERB VBN 2 conj
. . PUNCT . 2 punct`)
	v := newView(&s)
	if v.head[6] != 1 {
		t.Errorf("margins moved to %d (%s)", v.head[6], text)
	}
}

func TestParticipleAfterCommaIsNoConjunctOfNoun(t *testing.T) {
	// "She praised the staff, including nurses and porters, saying the
	// hospital had coped well": "saying" parsed as a third conjunct of
	// "nurses", the object of "saying" as its own, and "had coped" as a
	// conjunct of "praised". She is the one saying; the hospital coped.
	s, text := parseTree(t, `
She she PRON PRP 2 nsubj
praised praise VERB VBD 0 root
the the DET DT 4 det
staff staff NOUN NN 2 obj
, , PUNCT , 7 punct
including include VERB VBG 7 case
nurses nurse NOUN NNS 2 obl
and and CCONJ CC 9 cc
porters porter NOUN NNS 7 conj
, , PUNCT , 11 punct
saying say VERB VBG 7 conj
the the DET DT 13 det
hospital hospital NOUN NN 11 obj
had have AUX VBD 16 aux
well well ADV RB 16 advmod
coped cope VERB VBN 2 conj
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "say"); len(fs) != 1 || fs[0].Subject().Text != "She" || !strings.Contains(argText(fs[0], "content"), "the hospital had well coped") {
		t.Errorf("want say(She, content the hospital had well coped), got %s", describe(facts))
	}
	if fs := findFact(facts, "cope"); len(fs) != 1 || fs[0].Subject().Text != "the hospital" {
		t.Errorf("want cope(the hospital), got %s", describe(facts))
	}
}

func TestPlaceOnNameMovesToVerb(t *testing.T) {
	// "in Madrid" hung on the name met: the meeting was in Madrid, and
	// the one met is Garcia alone.
	s, text := parseTree(t, `
Ortiz Ortiz PROPN NNP 2 nsubj
met meet VERB VBD 0 root
Garcia Garcia PROPN NNP 2 obj
in in ADP IN 5 case
Madrid Madrid PROPN NNP 3 nmod
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "meet")
	if len(fs) != 1 || fs[0].Arg("object") == nil || fs[0].Arg("object").Text != "Garcia" {
		t.Fatalf("meet: %s", describe(facts))
	}
	if !strings.Contains(describe(fs), "Madrid") {
		t.Errorf("meet lost where: %s", describe(fs))
	}
}

func TestComplementizerAsObjectIsAClause(t *testing.T) {
	// "view" tagged as a noun, "that" made the object heading the whole
	// clause: the clause's verb, subjects and object are recovered, and
	// the second act after "and" stays the speaker's.
	s, text := parseTree(t, `
Ruiz Ruiz PROPN NNP 2 nsubj
urged urge VERB VBD 0 root
that that SCONJ IN 2 obj
Lima Lima PROPN NNP 9 nsubj
and and CCONJ CC 6 cc
Andean Andean ADJ JJ 7 amod
neighbours neighbour NOUN NNS 9 compound
view view NOUN NN 9 compound
events event NOUN NNS 3 nsubj
calmly calmly ADV RB 9 advmod
and and CCONJ CC 12 cc
warned warn VERB VBD 9 conj
against against ADP IN 14 case
haste haste NOUN NN 12 obl
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	checkUrgedLimaAndNeighbours(t, facts)
	if fs := findFact(facts, "warn"); len(fs) != 1 || fs[0].Subject().Text != "Ruiz" {
		t.Errorf("warn: %s", describe(facts))
	}
}

// checkUrgedLimaAndNeighbours checks that Ruiz urged each subject of the
// "that"-clause: Lima and the Andean neighbours.
func checkUrgedLimaAndNeighbours(t *testing.T, facts []document.Fact) {
	t.Helper()
	var objs []string
	for _, f := range findFact(facts, "urge") {
		if o := f.Arg("object"); o != nil {
			objs = append(objs, o.Text)
		}
	}
	if strings.Join(objs, "|") != "Lima|Andean neighbours" {
		t.Errorf("urge objects %q: %s", objs, describe(facts))
	}
}

func TestComplementizerAsObjectWithAdjectiveOnTheObject(t *testing.T) {
	// The same error with the adjective of the second subject also hung
	// on the object: it goes back to its noun.
	s, text := parseTree(t, `
Ruiz Ruiz PROPN NNP 2 nsubj
urged urge VERB VBD 0 root
that that SCONJ IN 2 obj
Lima Lima PROPN NNP 9 nsubj
and and CCONJ CC 6 cc
Andean Andean ADJ JJ 9 amod
neighbours neighbour NOUN NNS 9 compound
view view NOUN NN 9 compound
events event NOUN NNS 3 nsubj
calmly calmly ADV RB 9 advmod
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	checkUrgedLimaAndNeighbours(t, facts)
	if fs := findFact(facts, "view"); len(fs) != 2 || argText(fs[0], "object") != "events" {
		t.Errorf("view: %s", describe(facts))
	}
}

func TestFrontedPhraseLeavesSubject(t *testing.T) {
	// The fronted phrase and the subject parsed as one noun phrase, the
	// subject's names conjuncts of the phrase's last noun.
	s, text := parseTree(t, `
After after ADP IN 3 case
the the DET DT 3 det
vote vote NOUN NN 10 nsubj
in in ADP IN 5 case
Lima Lima PROPN NNP 3 nmod
, , PUNCT , 7 punct
Ruiz Ruiz PROPN NNP 5 conj
and and CCONJ CC 9 cc
Ortiz Ortiz PROPN NNP 5 conj
left leave VERB VBD 0 root
the the DET DT 12 det
city city NOUN NN 10 obj
. . PUNCT . 10 punct`)
	facts := ExtractSentence(s, text)
	var subj []string
	for _, f := range findFact(facts, "leave") {
		subj = append(subj, f.Subject().Text)
	}
	if strings.Join(subj, "|") != "Ruiz|Ortiz" {
		t.Errorf("leave subjects %q: %s", subj, describe(facts))
	}
}
