package conll04

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"

	"github.com/kg-project/kg/extract/coref/treetest"
	"github.com/kg-project/kg/extract/document"
)

func TestScore(t *testing.T) {
	gold := []Relation{
		{0, Kill, 0, 3, 6, 8},
		{0, LiveIn, 0, 3, 10, 11},
		{1, WorkFor, 2, 4, 7, 9},
		{1, LocatedIn, 10, 11, 12, 13},
	}
	pred := []Relation{
		{0, Kill, 0, 3, 6, 8},          // correct
		{0, Kill, 0, 3, 6, 8},          // duplicate, counted once
		{0, LiveIn, 0, 3, 10, 12},      // tail span too long: wrong
		{1, OrgBasedIn, 2, 4, 7, 9},    // wrong type
		{1, LocatedIn, 10, 11, 12, 13}, // correct
		{1, "meet", 2, 4, 10, 11},      // not a CoNLL04 type: ignored
	}
	r := Score(gold, pred)
	if r.Micro.Gold != 4 || r.Micro.Predicted != 4 || r.Micro.Correct != 2 {
		t.Fatalf("counts = %+v", r.Micro)
	}
	if math.Abs(r.Micro.Precision-0.5) > 1e-9 || math.Abs(r.Micro.Recall-0.5) > 1e-9 || math.Abs(r.Micro.F1-0.5) > 1e-9 {
		t.Errorf("micro = %+v", r.Micro)
	}
	if k := r.PerType[Kill]; k.F1 != 1 {
		t.Errorf("Kill = %+v", k)
	}
	if w := r.PerType[WorkFor]; w.Gold != 1 || w.Predicted != 0 || w.F1 != 0 {
		t.Errorf("Work_For = %+v", w)
	}
	if empty := Score(nil, nil); empty.Micro.F1 != 0 || len(empty.PerType) != 5 {
		t.Errorf("empty score = %+v", empty)
	}
}

func TestRead(t *testing.T) {
	good := `[{"tokens":["A","killed","B"],"entities":[{"type":"Peop","start":0,"end":1},{"type":"Peop","start":2,"end":3}],"relations":[{"type":"Kill","head":0,"tail":1}],"orig_id":1}]`
	s, err := Read(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	g := Gold(0, &s[0])
	if len(g) != 1 || g[0] != (Relation{0, Kill, 0, 1, 2, 3}) {
		t.Errorf("gold = %+v", g)
	}
	for _, bad := range []string{
		`{"tokens":[]}`,
		`[{"tokens":["A"],"entities":[{"type":"Peop","start":0,"end":2}],"relations":[]}]`,
		`[{"tokens":["A"],"entities":[],"relations":[{"type":"Kill","head":0,"tail":1}]}]`,
	} {
		if _, err := Read(strings.NewReader(bad)); err == nil {
			t.Errorf("Read(%s) succeeded", bad)
		}
	}
}

// TestPredictMapping runs coreference and typed extraction over a
// hand-parsed sentence and checks the CoNLL04 mapping, including the
// one-word-title span convention and relative-pronoun arguments.
func TestPredictMapping(t *testing.T) {
	src := `
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
`
	fixture := treetest.MustParse(src)
	var tokens []string
	for _, tk := range fixture.Sentences[0].Tokens {
		tokens = append(tokens, tk.Text)
	}
	// The annotator copies the fixture's gold annotation onto the document.
	annotate := func(_ context.Context, doc *document.Document) error {
		for i := range doc.Sentences[0].Tokens {
			g := fixture.Sentences[0].Tokens[i]
			tk := &doc.Sentences[0].Tokens[i]
			tk.UPOS, tk.XPOS, tk.Lemma, tk.Head, tk.DepRel = g.UPOS, g.XPOS, g.Lemma, g.Head, g.DepRel
		}
		doc.Mentions = append(doc.Mentions, fixture.Mentions...)
		return nil
	}
	got, err := Predict(context.Background(), annotate, 7, tokens)
	if err != nil {
		t.Fatal(err)
	}
	want := Relation{7, Kill, 0, 3, 6, 8} // "President Lincoln" includes its one-word title
	found := false
	for _, r := range got {
		if r == want {
			found = true
		}
	}
	if !found {
		t.Errorf("relations = %+v, want %+v among them", got, want)
	}
}

// TestDevScore runs the whole pipeline on CoNLL04 dev and guards the score
// reached (see the package README in the report: strict micro F1).
func TestDevScore(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping CoNLL04 dev run in -short mode")
	}
	path := filepath.Join(conllutest.SharedDir(t), "data", "conll04", "conll04_dev.json")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("CoNLL04 dev not available at %s: %v", path, err)
	}
	annotate, err := DefaultAnnotator()
	if err != nil {
		t.Skipf("embedded models not available: %v", err)
	}
	sents, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Evaluate(context.Background(), annotate, sents)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("CoNLL04 dev strict micro: P=%.4f R=%.4f F1=%.4f (gold %d, pred %d, ok %d)",
		res.Micro.Precision, res.Micro.Recall, res.Micro.F1, res.Micro.Gold, res.Micro.Predicted, res.Micro.Correct)
	for _, typ := range RelationTypes() {
		p := res.PerType[typ]
		t.Logf("  %-12s P=%.4f R=%.4f F1=%.4f", typ, p.Precision, p.Recall, p.F1)
	}
	if res.Micro.F1 < minDevF1 {
		t.Errorf("CoNLL04 dev F1 %.4f below %.2f", res.Micro.F1, minDevF1)
	}
}

// CoNLL04 glues a sentence's full stop to its last word; the models see
// the word without it, abbreviations keep their dot, and spans keep the
// corpus token.
func TestGluedFullStop(t *testing.T) {
	toks := []string{"He", "met", "Gov.", "Smith", "of", "Calif.", "in", "Beirut.", "Then", "U.S.", "Inc.", "Texas."}
	doc := NewDocument("t", toks)
	want := map[int]string{2: "Gov.", 5: "Calif.", 7: "Beirut", 9: "U.S.", 10: "Inc.", 11: "Texas"}
	for i, w := range want {
		if got := doc.Sentences[0].Words()[i]; got != w {
			t.Errorf("word %d (%q) = %q, want %q", i, toks[i], got, w)
		}
		if doc.Sentences[0].Tokens[i].Text != toks[i] {
			t.Errorf("token %d text changed to %q", i, doc.Sentences[0].Tokens[i].Text)
		}
	}
}

// An abbreviation in parentheses after a name is an argument of its own.
func TestParenAlias(t *testing.T) {
	doc := NewDocument("t", strings.Fields("the Khmer Rouge ( KR ) in Cambodia"))
	add := func(start, end, ent int) {
		doc.Mentions = append(doc.Mentions, document.Mention{Sentence: 0, Start: start, End: end, Kind: document.Name, Entity: ent})
	}
	add(1, 3, 0)
	add(4, 5, 0)
	add(7, 8, 1)
	if s, e, ok := parenAlias(doc, 0, 1, 3); !ok || s != 4 || e != 5 {
		t.Errorf("alias of Khmer Rouge = [%d,%d) %v, want [4,5)", s, e, ok)
	}
	if s, e, ok := parenAlias(doc, 0, 4, 5); !ok || s != 1 || e != 3 {
		t.Errorf("alias of KR = [%d,%d) %v, want [1,3)", s, e, ok)
	}
	if _, _, ok := parenAlias(doc, 1, 7, 8); ok {
		t.Error("Cambodia has no alias")
	}
}

// "born in X , Y" and "a native of X , Y" join city and state; "Name of
// X , Y", "Name , 50 , of X , Y" and "a X , Y , lawyer" keep them apart.
func TestJoinsAfter(t *testing.T) {
	for _, c := range []struct {
		text       string
		head, tail int
		want       bool
	}{
		{"Smith was born in Akron , Ohio", 1, 5, true},
		{"Smith , a native of Akron , Ohio", 1, 5, true},
		{"Smith of Akron , Ohio", 1, 2, false},
		{"Smith , 50 , of Akron , Ohio", 1, 5, false},
		{"Smith , a Akron , Ohio , lawyer", 1, 3, false},
	} {
		toks := NewDocument("t", strings.Fields(c.text)).Sentences[0].Tokens
		if got := joinsAfter(toks, c.head, c.tail); got != c.want {
			t.Errorf("joinsAfter(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// A numbered office ("16th president of") between a person and a place is
// history, which CoNLL04 does not annotate as residence.
func TestOrdinalBetween(t *testing.T) {
	doc := NewDocument("t", strings.Fields("Abraham Lincoln , 16th president of the United States , and James Madison , fourth president of Virginia"))
	toks := doc.Sentences[0].Tokens
	span := func(i, j int) document.Span { return document.Span{Start: toks[i].Start, End: toks[j-1].End} }
	if !ordinalBetween(doc, span(0, 2), span(7, 9)) {
		t.Error("16th between Lincoln and United States not seen")
	}
	if !ordinalBetween(doc, span(16, 17), span(11, 13)) {
		t.Error("fourth between Madison and Virginia (reversed order) not seen")
	}
	if ordinalBetween(doc, span(0, 2), span(3, 4)) {
		t.Error("no ordinal strictly between Lincoln and 16th")
	}
}
