package relations

import (
	"fmt"
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

// The same misparse with the relative clause as a parataxis of the
// reporting verb: the comment phrase is still no argument of it.
func TestStrayRelativeParataxisDropsTheComment(t *testing.T) {
	d := docFrom(t, strings.Replace(strayTree, "called call VERB VBD 2 ccomp", "called call VERB VBD 2 parataxis", 1), [2]int{0, 1}, [2]int{15, 16})
	Extract(d)
	fs := findFact(d.Facts, "call")
	if len(fs) != 1 || fs[0].Subject().Entity != 1 || fs[0].AttributedTo >= 0 || fs[0].Arg("oblique") != nil {
		t.Errorf("want call(Kim, the meeting, …) asserted, got %s", describe(d.Facts))
	}
}

// The comment phrase parsed as a bare oblique of the reported verb: it
// is no argument of that verb and no part of the report.
func TestCommentAsObliqueIsNarration(t *testing.T) {
	tree := strings.Replace(strayTree, "view view NOUN NN 19 obl", "view view NOUN NN 6 obl", 1)
	tree = strings.Replace(tree, "called call VERB VBD 2 ccomp", "called call VERB VBD 16 acl:relcl", 1)
	d := docFrom(t, tree, [2]int{0, 1}, [2]int{15, 16})
	Extract(d)
	for _, f := range d.Facts {
		switch f.Predicate {
		case "share", "call":
			if f.AttributedTo >= 0 {
				t.Errorf("narration attributed to the speaker: %s", describe([]document.Fact{f}))
			}
		case "be_held":
			if f.Arg("oblique") != nil || f.AttributedTo != 0 {
				t.Errorf("want be_held(the talks, manner …) attributed to Lee, got %s", describe([]document.Fact{f}))
			}
		case "say":
			if c := argText(f, "content"); c != "the talks were held in a calm atmosphere" {
				t.Errorf("say content %q", c)
			}
		}
	}
}

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
			for _, a := range f.Args {
				if a.Role == "oblique" {
					t.Errorf("comment phrase as an argument: %s", describe([]document.Fact{f}))
				}
			}
		}
	}
	checkCommentNarration(t, d)
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

// "There were issues that we raised" asserts the issues raised; the
// relative clause stays in the existential's subject (its pronoun
// is the clause's own, no sign of a swallowed clause).
func TestExistentialKeepsRestrictiveRelative(t *testing.T) {
	s, text := parseTree(t, `
There there PRON EX 2 expl
were be VERB VBD 0 root
several several ADJ JJ 4 amod
issues issue NOUN NNS 2 nsubj
that that PRON WDT 7 obj
we we PRON PRP 7 nsubj
raised raise VERB VBD 4 acl:relcl
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "exist")
	if len(fs) != 1 || fs[0].Subject().Text != "several issues that we raised" {
		t.Fatalf("want exist(several issues that we raised), got %s", describe(facts))
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

// "for" + gerund after an object is not the subject's act: "thanked Kim
// for helping" (Kim helped); without an object it is ("apologised for
// missing the vote").
func TestForGerundAfterObjectHasNoSubject(t *testing.T) {
	s, text := parseTree(t, `
Lee Lee PROPN NNP 2 nsubj
thanked thank VERB VBD 0 root
Kim Kim PROPN NNP 2 obj
for for SCONJ IN 5 mark
helping help VERB VBG 2 advcl
the the DET DT 7 det
victims victim NOUN NNS 5 obj
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	for _, f := range findFact(facts, "help") {
		if f.Subject().Text == "Lee" {
			t.Errorf("Lee helped: %s", describe(facts))
		}
	}
	if fs := findFact(facts, "thank"); len(fs) != 1 || argText(fs[0], "object") != "Kim" || argText(fs[0], "purpose") != "helping the victims" {
		t.Errorf("want thank(Lee, Kim, for helping the victims), got %s", describe(facts))
	}
	// After a common noun the gerund says what the noun is for.
	s, text = parseTree(t, `
Lee Lee PROPN NNP 2 nsubj
saw see VERB VBD 0 root
the the DET DT 4 det
talks talk NOUN NNS 2 obj
as as ADP IN 7 case
a a DET DT 7 det
basis basis NOUN NN 2 obl
for for SCONJ IN 9 mark
ending end VERB VBG 2 advcl
the the DET DT 11 det
war war NOUN NN 9 obj
. . PUNCT . 2 punct`)
	facts = ExtractSentence(s, text)
	if fs := findFact(facts, "end"); len(fs) > 0 {
		t.Errorf("the purpose of a noun became a fact: %s", describe(facts))
	}
	if fs := findFact(facts, "see"); len(fs) != 1 || argText(fs[0], "as") != "a basis for ending the war" || argText(fs[0], "purpose") != "" {
		t.Errorf("want see(Lee, the talks, as a basis for ending the war), got %s", describe(facts))
	}
	s, text = parseTree(t, `
Lee Lee PROPN NNP 2 nsubj
apologised apologise VERB VBD 0 root
for for SCONJ IN 4 mark
missing miss VERB VBG 2 advcl
the the DET DT 6 det
vote vote NOUN NN 4 obj
. . PUNCT . 2 punct`)
	facts = ExtractSentence(s, text)
	if fs := findFact(facts, "miss"); len(fs) != 1 || fs[0].Subject().Text != "Lee" {
		t.Errorf("want miss(Lee, the vote), got %s", describe(facts))
	}
}

// "the first visit in a decade": the span measures the ranking; it is
// no time of the clause.
func TestSpanAfterRankedObjectStaysInIt(t *testing.T) {
	s, text := parseTree(t, `
The the DET DT 2 det
trip trip NOUN NN 3 nsubj
was be AUX VBD 6 cop
the the DET DT 6 det
first first ADJ JJ 6 amod
visit visit NOUN NN 0 root
in in ADP IN 9 case
a a DET DT 9 det
decade decade NOUN NN 6 obl
. . PUNCT . 6 punct`)
	facts := ExtractSentence(s, text)
	for _, f := range facts {
		if argText(f, "time") != "" {
			t.Errorf("span read as a time: %s", describe(facts))
		}
	}
	s, text = parseTree(t, `
Prices price NOUN NNS 2 nsubj
posted post VERB VBD 0 root
their their PRON PRP$ 5 nmod:poss
largest large ADJ JJS 5 amod
drop drop NOUN NN 2 obj
in in ADP IN 8 case
three three NUM CD 8 nummod
years year NOUN NNS 2 obl
. . PUNCT . 2 punct`)
	facts = ExtractSentence(s, text)
	if fs := findFact(facts, "post"); len(fs) != 1 || argText(fs[0], "object") != "their largest drop in three years" || argText(fs[0], "time") != "" {
		t.Errorf("want post(Prices, their largest drop in three years), got %s", describe(facts))
	}
	// Without a rank the span is the clause's time.
	s, text = parseTree(t, `
Lee Lee PROPN NNP 2 nsubj
wrote write VERB VBD 0 root
a a DET DT 4 det
book book NOUN NN 2 obj
in in ADP IN 7 case
three three NUM CD 7 nummod
years year NOUN NNS 2 obl
. . PUNCT . 2 punct`)
	facts = ExtractSentence(s, text)
	if fs := findFact(facts, "write"); len(fs) != 1 || argText(fs[0], "object") != "a book" {
		t.Errorf("want write(Lee, a book, …), got %s", describe(facts))
	}
}

// "as Y" hung inside the object of a verb of regarding is the verb's:
// "described the talks as useful" keeps "as useful" even when the object
// is shown by its entity's name.
func TestAsComplementLeavesTheObject(t *testing.T) {
	s, text := parseTree(t, `
Both both DET DT 2 det
sides side NOUN NNS 3 nsubj
described describe VERB VBD 0 root
the the DET DT 5 det
talks talk NOUN NNS 3 obj
as as ADP IN 5 advmod
useful useful ADJ JJ 6 fixed
and and CCONJ CC 9 cc
frank frank ADJ JJ 7 conj
. . PUNCT . 3 punct`)
	facts := ExtractSentence(s, text)
	fs := findFact(facts, "describe")
	if len(fs) != 1 || argText(fs[0], "object") != "the talks" || argText(fs[0], "as") != "useful and frank" {
		t.Errorf("want describe(Both sides, the talks, as useful and frank), got %s", describe(facts))
	}
	// A noun's own "as" phrase stays with other verbs: "began a career as
	// a lawyer".
	s, text = parseTree(t, `
Lee Lee PROPN NNP 2 nsubj
began begin VERB VBD 0 root
a a DET DT 4 det
career career NOUN NN 2 obj
as as ADP IN 7 case
a a DET DT 7 det
lawyer lawyer NOUN NN 4 nmod
. . PUNCT . 2 punct`)
	facts = ExtractSentence(s, text)
	if fs := findFact(facts, "begin"); len(fs) != 1 || argText(fs[0], "object") != "a career as a lawyer" {
		t.Errorf("want begin(Lee, a career as a lawyer), got %s", describe(facts))
	}
}

// A relative clause inside reported content is part of the report.
func TestRelativeClauseInsideReportIsAttributed(t *testing.T) {
	d := docFrom(t, `
Lee Lee PROPN NNP 2 nsubj
said say VERB VBD 0 root
the the DET DT 4 det
man man NOUN NN 10 nsubj
who who PRON WP 6 nsubj
robbed rob VERB VBD 4 acl:relcl
the the DET DT 8 det
bank bank NOUN NN 6 obj
had have AUX VBD 10 aux
fled flee VERB VBN 2 ccomp
. . PUNCT . 2 punct`, [2]int{0, 1})
	Extract(d)
	fs := findFact(d.Facts, "rob")
	if len(fs) != 1 || fs[0].AttributedTo != 0 {
		t.Errorf("want rob(the man, the bank) attributed to Lee, got %s", describe(d.Facts))
	}
	for _, f := range d.Facts {
		if f.Predicate != "say" && f.AttributedTo < 0 {
			t.Errorf("reported fact asserted: %s", describe([]document.Fact{f}))
		}
	}
}

// commentTree is "Lee said the talks were held in a calm atmosphere, a
// view shared by Kim, who called it useful" with the relative clause's
// verb attached as called (head and relation).
func commentTree(called string) string {
	return fmt.Sprintf(`
Lee Lee PROPN NNP 2 nsubj
said say VERB VBD 0 root
the the DET DT 4 det
talks talk NOUN NNS 6 nsubj:pass
were be AUX VBD 6 aux:pass
held hold VERB VBN 2 ccomp
in in ADP IN 9 case
a a DET DT 9 det
calm calm ADJ JJ 10 amod
atmosphere atmosphere NOUN NN 6 obl
, , PUNCT , 13 punct
a a DET DT 13 det
view view NOUN NN 10 appos
shared share VERB VBN 13 acl
by by ADP IN 16 case
Kim Kim PROPN NNP 14 obl:agent
, , PUNCT , 19 punct
who who PRON WP 19 nsubj
called call VERB VBD %s
it it PRON PRP 19 obj
useful useful ADJ JJ 19 xcomp
. . PUNCT . 2 punct`, called)
}

// A comment phrase hung on the report's last noun as an apposition
// ("…, a view shared by Kim, who called it useful") is outside the
// content: its clauses are the narrator's.
func TestCommentApposedToReportIsNarration(t *testing.T) {
	d := docFrom(t, commentTree("16 acl:relcl"), [2]int{0, 1}, [2]int{15, 16})
	Extract(d)
	for _, f := range d.Facts {
		switch f.Predicate {
		case "share", "call":
			if f.AttributedTo >= 0 {
				t.Errorf("narration attributed to the speaker: %s", describe([]document.Fact{f}))
			}
		case "be_held":
			if f.AttributedTo != 0 {
				t.Errorf("report not attributed: %s", describe([]document.Fact{f}))
			}
		}
	}
	if len(findFact(d.Facts, "share")) != 1 || len(findFact(d.Facts, "be_held")) != 1 {
		t.Errorf("want share and be_held facts, got %s", describe(d.Facts))
	}
}

// "who" after an apposition that ends in a company's name is the person
// the apposition describes.
func TestStrayWhoAfterAppositionIsThePerson(t *testing.T) {
	s, text := parseTree(t, `
Lee Lee PROPN NNP 2 nsubj
thanked thank VERB VBD 0 root
Kim Kim PROPN NNP 2 obj
, , PUNCT , 5 punct
head head NOUN NN 3 appos
of of ADP IN 7 case
Acme Acme PROPN NNP 5 nmod
, , PUNCT , 10 punct
who who PRON WP 10 nsubj
attended attend VERB VBD 2 ccomp
the the DET DT 12 det
talks talk NOUN NNS 10 obj
. . PUNCT . 2 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "attend"); len(fs) != 1 || fs[0].Subject().Text != "Kim" {
		t.Errorf("want attend(Kim, the talks), got %s", describe(facts))
	}
}

// What a speaker warns against is the speaker's claim, down to the
// relative clause that says why.
func TestRelativeClauseInWarningIsAttributed(t *testing.T) {
	d := docFrom(t, `
Lee Lee PROPN NNP 2 nsubj
warned warn VERB VBD 0 root
against against ADP IN 4 case
moves move NOUN NNS 2 obl
that that PRON WDT 7 nsubj
could could AUX MD 7 aux
hurt hurt VERB VB 4 acl:relcl
growth growth NOUN NN 7 obj
. . PUNCT . 2 punct`, [2]int{0, 1})
	Extract(d)
	fs := findFact(d.Facts, "hurt")
	if len(fs) != 1 || fs[0].AttributedTo != 0 || fs[0].Modality != "could" {
		t.Errorf("want [Lee says] could hurt(moves, growth), got %s", describe(d.Facts))
	}
}

// A verb with its own subject parsed as the subject of a later verb is
// the main clause; the later verb is the report of the participle whose
// object swallowed its subject, and a bare participle right before the
// main verb's noun modifies that noun.
func TestClauseAsSubjectIsTheMainClause(t *testing.T) {
	s, text := parseTree(t, `
Lee Lee PROPN NNP 3 nsubj
also also ADV RB 3 advmod
praised praise VERB VBN 11 nsubj
shared share VERB VBN 3 xcomp
values value NOUN NNS 4 obj
, , PUNCT , 7 punct
noting note VERB VBG 4 advcl
the the DET DT 9 det
talks talk NOUN NNS 7 obj
finally finally ADV RB 11 advmod
produced produce VERB VBD 0 root
a a DET DT 13 det
deal deal NOUN NN 11 obj
. . PUNCT . 11 punct`)
	facts := ExtractSentence(s, text)
	if fs := findFact(facts, "praise"); len(fs) != 1 || fs[0].Subject().Text != "Lee" || argText(fs[0], "object") != "shared values" {
		t.Errorf("want praise(Lee, shared values), got %s", describe(facts))
	}
	if fs := findFact(facts, "note"); len(fs) != 1 || fs[0].Subject().Text != "Lee" || !strings.Contains(argText(fs[0], "content"), "the talks finally produced a deal") {
		t.Errorf("want note(Lee, content the talks finally produced a deal), got %s", describe(facts))
	}
	if fs := findFact(facts, "produce"); len(fs) != 1 || fs[0].Subject().Text != "the talks" {
		t.Errorf("want produce(the talks, a deal), got %s", describe(facts))
	}
	for _, f := range facts {
		if strings.HasPrefix(f.Predicate, "praise_") {
			t.Errorf("participle merged into the verb: %s", describe(facts))
		}
	}
}

// The narrator's introductions inside a report stay asserted: an
// apposition ("Kim, an analyst"), and a participle on an inverted
// speaker parsed as the object ("said the statement quoted by Lee").
func TestNarratorsPartsOfAReportStayAsserted(t *testing.T) {
	d := docFrom(t, `
Lee Lee PROPN NNP 2 nsubj
said say VERB VBD 0 root
Kim Kim PROPN NNP 7 nsubj
, , PUNCT , 6 punct
an a DET DT 6 det
analyst analyst NOUN NN 3 appos
expects expect VERB VBZ 2 ccomp
growth growth NOUN NN 7 obj
. . PUNCT . 2 punct`, [2]int{0, 1}, [2]int{2, 3})
	Extract(d)
	if fs := findFact(d.Facts, "be"); len(fs) != 1 || fs[0].AttributedTo >= 0 {
		t.Errorf("want be(Kim, an analyst) asserted, got %s", describe(d.Facts))
	}
	if fs := findFact(d.Facts, "expect"); len(fs) != 1 || fs[0].AttributedTo != 0 {
		t.Errorf("want [Lee says] expect(Kim, growth), got %s", describe(d.Facts))
	}
	d = docFrom(t, `
Talks talk NOUN NNS 2 nsubj
failed fail VERB VBD 5 ccomp
, , PUNCT , 5 punct
" " PUNCT '' 5 punct
said say VERB VBD 0 root
the the DET DT 7 det
statement statement NOUN NN 5 obj
quoted quote VERB VBN 7 acl
by by ADP IN 10 case
Lee Lee PROPN NNP 8 obl:agent
. . PUNCT . 5 punct`, [2]int{9, 10})
	Extract(d)
	if fs := findFact(d.Facts, "quote"); len(fs) != 1 || fs[0].AttributedTo >= 0 || fs[0].Subject().Entity != 0 {
		t.Errorf("want quote(Lee, the statement) asserted, got %s", describe(d.Facts))
	}
}

// The comment phrase parsed with its participle as the head ("a view"
// an unmarked oblique of "shared", "shared" a parataxis of the reported
// clause) and the small clause "called the meeting very useful" with the
// object as the adjective's subject: the same facts as the right parse.
func TestReducedRelativeCommentAndSmallClause(t *testing.T) {
	tree := strings.NewReplacer(
		", , PUNCT , 13 punct", ", , PUNCT , 14 punct",
		"view view NOUN NN 19 obl", "view view NOUN NN 14 obl:unmarked",
		"shared share VERB VBN 13 acl", "shared share VERB VBN 6 parataxis",
		"called call VERB VBD 2 ccomp", "called call VERB VBD 14 parataxis",
		"meeting meeting NOUN NN 19 obj", "meeting meeting NOUN NN 24 nsubj",
		"useful useful ADJ JJ 21 appos", "useful useful ADJ JJ 19 xcomp",
	).Replace(strayTree)
	d := docFrom(t, tree, [2]int{0, 1}, [2]int{15, 16})
	Extract(d)
	checkCommentNarration(t, d)
}

// checkCommentNarration checks the facts of strayTree (in any of its
// parses): the comment ("a view shared by Kim, who called the meeting
// very useful") is the narrator's, with call's small clause read whole,
// and the report itself stays attributed to Lee.
func checkCommentNarration(t *testing.T, d *document.Document) {
	t.Helper()
	for _, f := range d.Facts {
		if (f.Predicate == "call" || f.Predicate == "share") && f.AttributedTo >= 0 {
			t.Errorf("narration attributed to the speaker: %s", describe([]document.Fact{f}))
		}
	}
	fs := findFact(d.Facts, "call")
	if len(fs) != 1 || fs[0].Subject().Entity != 1 || argText(fs[0], "object") != "the meeting" || !strings.Contains(argText(fs[0], "complement"), "very useful") {
		t.Errorf("want call(Kim, the meeting, complement “very useful.”), got %s", describe(d.Facts))
	}
	if fs := findFact(d.Facts, "be_held"); len(fs) != 1 || fs[0].AttributedTo != 0 {
		t.Errorf("want be_held attributed to Lee, got %s", describe(d.Facts))
	}
}

// An absolute in UD's own reading ("with" the participle's marker, the
// name its subject) hung inside reported content is the narrator's: no
// part of the report, and not the speaker's words.
func TestAbsoluteClauseInContentIsNarration(t *testing.T) {
	d := docFrom(t, `
Lee Lee PROPN NNP 2 nsubj
said say VERB VBD 0 root
the the DET DT 4 det
talks talk NOUN NNS 5 nsubj
went go VERB VBD 2 ccomp
well well ADV RB 5 advmod
, , PUNCT , 10 punct
with with SCONJ IN 10 mark
Kim Kim PROPN NNP 10 nsubj
inviting invite VERB VBG 5 advcl
Lee Lee PROPN NNP 10 obj
to to ADP IN 13 case
Seoul Seoul PROPN NNP 10 obl
. . PUNCT . 2 punct`, [2]int{0, 1}, [2]int{8, 9}, [2]int{10, 11})
	Extract(d)
	fs := findFact(d.Facts, "invite")
	if len(fs) != 1 || fs[0].Subject().Entity != 1 || fs[0].AttributedTo >= 0 {
		t.Errorf("want invite(Kim, Lee) asserted by the narrator, got %s", describe(d.Facts))
	}
	if fs := findFact(d.Facts, "say"); len(fs) != 1 || argText(fs[0], "content") != "the talks went well" {
		t.Errorf("want say content \"the talks went well\", got %s", describe(d.Facts))
	}
}

// A name joined by "and" but parsed as an apposition of the first is a
// second subject: "Lee and President Kim met in Seoul".
func TestCoordinatedApposition(t *testing.T) {
	s, text := parseTree(t, `
Lee Lee PROPN NNP 5 nsubj
and and CCONJ CC 3 cc
President President PROPN NNP 4 nmod:desc
Kim Kim PROPN NNP 1 appos
met meet VERB VBD 0 root
in in ADP IN 7 case
Seoul Seoul PROPN NNP 5 obl
. . PUNCT . 5 punct`)
	fs := findFact(ExtractSentence(s, text), "meet")
	got := map[string]bool{}
	for _, f := range fs {
		got[f.Subject().Text] = true
	}
	if len(fs) != 2 || !got["Lee"] || !got["President Kim"] && !got["Kim"] {
		t.Errorf("want meet per participant: %s", describe(fs))
	}
}

// The comment phrase hung on the comma before it, and the relative
// clause on the comment's noun instead of the agent the pronoun follows:
// still the narrator's comment, and Kim who called.
func TestCommentOnCommaAndRelativeOnFartherNoun(t *testing.T) {
	tree := strings.NewReplacer(
		", , PUNCT , 13 punct", ", , PUNCT , 10 punct",
		"view view NOUN NN 19 obl", "view view NOUN NN 11 nsubj",
		"called call VERB VBD 2 ccomp", "called call VERB VBD 13 acl:relcl",
	).Replace(strayTree)
	d := docFrom(t, tree, [2]int{0, 1}, [2]int{15, 16})
	Extract(d)
	checkCommentNarration(t, d)
	if fs := findFact(d.Facts, "say"); len(fs) != 1 || argText(fs[0], "content") != "the talks were held in a calm atmosphere" {
		t.Errorf("want say content \"the talks were held in a calm atmosphere\", got %s", describe(d.Facts))
	}
}

// A gerund after a preposition on a noun states the noun's purpose: the
// noun is not its subject ("a basis for resolving the dispute").
func TestGerundAfterPrepositionHasNoNounSubject(t *testing.T) {
	s, text := parseTree(t, `
Lee Lee PROPN NNP 2 nsubj
saw see VERB VBD 0 root
a a DET DT 4 det
basis basis NOUN NN 2 obj
for for SCONJ IN 6 mark
resolving resolve VERB VBG 4 acl
the the DET DT 8 det
dispute dispute NOUN NN 6 obj
. . PUNCT . 2 punct`)
	for _, f := range findFact(ExtractSentence(s, text), "resolve") {
		if f.Subject().Text == "a basis" {
			t.Errorf("the noun read as the gerund's subject: %s", describe([]document.Fact{f}))
		}
	}
}

// The same comment with its relative clause parsed as a parataxis of the
// reported clause: "who" is still Kim (not the atmosphere the apposition
// describes), and Kim's act is still the narrator's.
func TestStrayRelativeInReportIsNarration(t *testing.T) {
	d := docFrom(t, commentTree("6 parataxis"), [2]int{0, 1}, [2]int{15, 16})
	Extract(d)
	fs := findFact(d.Facts, "call")
	if len(fs) != 1 || fs[0].Subject() == nil || fs[0].Subject().Text != "Kim" || fs[0].AttributedTo >= 0 {
		t.Errorf("want call(Kim, it) as narration, got %s", describe(d.Facts))
	}
}
