package graph

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/schema"
)

// A hand-built graph in the shape schema.Mapper writes, so these tests do
// not depend on the extractor.

type tEntity struct {
	iri     quad.IRI
	class   quad.IRI
	name    string
	aliases []string
}

type tArg struct {
	role  string
	value quad.Value // an entity IRI or a literal
}

type tFact struct {
	iri        quad.IRI
	pred       string
	args       []tArg
	sentence   string
	start, end int
	conf       float64
	speaker    quad.IRI
	negated    bool
}

var (
	putin    = tEntity{"kg:vladimir-putin", schema.ClassPerson, "Vladimir Putin", []string{"Putin", "the Russian President"}}
	trump    = tEntity{"kg:donald-trump", schema.ClassPerson, "Donald Trump", []string{"Trump"}}
	melania  = tEntity{"kg:melania-trump", schema.ClassPerson, "Melania Trump", []string{"Trump"}}
	zelensky = tEntity{"kg:volodymyr-zelensky", schema.ClassPerson, "Volodymyr Zelensky", []string{"Zelensky"}}
	alaska   = tEntity{"kg:alaska", schema.ClassPlace, "Alaska", nil}
	kremlin  = tEntity{"kg:kremlin", schema.ClassOrganization, "Kremlin", nil}
)

// buildDoc returns the quads of one document, every one labelled with doc.
func buildDoc(doc quad.IRI, path, headline, hash string, ents []tEntity, facts []tFact) []quad.Quad {
	var out []quad.Quad
	add := func(s, p, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: p, Object: o, Label: doc})
	}
	add(doc, schema.RDFType, schema.ClassNewsArticle)
	add(doc, schema.Path, quad.String(path))
	add(doc, schema.ContentHash, quad.String(hash))
	add(doc, schema.Headline, quad.String(headline))
	add(doc, schema.DatePublished, quad.TypedString{Value: "2025-08-15", Type: schema.XSDDate})
	for _, e := range ents {
		add(e.iri, schema.RDFType, e.class)
		add(e.iri, schema.Name, quad.String(e.name))
		for _, a := range e.aliases {
			add(e.iri, schema.AlternateName, quad.String(a))
		}
		add(e.iri, schema.MentionedIn, doc)
	}
	for _, f := range facts {
		add(f.iri, schema.RDFType, schema.ClassFact)
		add(f.iri, schema.Predicate, quad.String(f.pred))
		for _, a := range f.args {
			add(f.iri, schema.Role(a.role), a.value)
		}
		add(f.iri, schema.Sentence, quad.String(f.sentence))
		add(f.iri, schema.Start, quad.Int(f.start))
		add(f.iri, schema.End, quad.Int(f.end))
		add(f.iri, schema.Confidence, quad.Float(f.conf))
		add(f.iri, schema.Source, doc)
		if f.negated {
			add(f.iri, schema.Negated, quad.Bool(true))
		}
		if f.speaker != "" {
			add(f.iri, schema.AttributedTo, f.speaker)
		}
		if !f.negated && f.speaker == "" && len(f.args) > 1 {
			add(f.args[0].value, schema.Relation(f.pred), f.args[1].value)
		}
	}
	return out
}

const (
	doc1 = quad.IRI("kg:doc/news/summit.txt")
	doc2 = quad.IRI("kg:doc/news/reaction.txt")
)

var (
	factInvite = tFact{iri: "kg:fact/01", pred: "invite", args: []tArg{{"subject", trump.iri}, {"object", putin.iri}, {"destination", alaska.iri}},
		sentence: "Trump invited Putin to Alaska.", start: 0, end: 30, conf: 0.9}
	factMeet = tFact{iri: "kg:fact/02", pred: "meet", args: []tArg{{"subject", putin.iri}, {"object", trump.iri}, {"time", quad.TypedString{Value: "2025-08-15", Type: schema.XSDDate}}},
		sentence: "Putin met Trump on Friday.", start: 31, end: 57, conf: 0.8}
	factSay = tFact{iri: "kg:fact/03", pred: "welcome", args: []tArg{{"subject", kremlin.iri}, {"object", trump.iri}},
		sentence: "The Kremlin welcomed Trump, Putin said.", start: 58, end: 97, conf: 0.7, speaker: putin.iri}
	factCall = tFact{iri: "kg:fact/04", pred: "call", args: []tArg{{"subject", zelensky.iri}, {"object", trump.iri}},
		sentence: "Zelensky called Trump.", start: 0, end: 22, conf: 0.85}
	factDeny = tFact{iri: "kg:fact/05", pred: "attend", args: []tArg{{"subject", zelensky.iri}, {"object", alaska.iri}},
		sentence: "Zelensky did not attend in Alaska.", start: 23, end: 57, conf: 0.6, negated: true}
)

func doc1Quads(hash string) []quad.Quad {
	return buildDoc(doc1, "news/summit.txt", "Trump and Putin meet in Alaska", hash,
		[]tEntity{putin, trump, alaska, kremlin}, []tFact{factInvite, factMeet, factSay})
}

func doc2Quads(hash string) []quad.Quad {
	return buildDoc(doc2, "news/reaction.txt", "Kyiv reacts", hash,
		[]tEntity{zelensky, trump, alaska, melania}, []tFact{factCall, factDeny})
}

// newBoltStore opens a fresh bbolt store in a temporary directory.
func newBoltStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), "bolt:"+filepath.Join(t.TempDir(), "kg.db"), Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// loaded returns a bbolt store holding both fixture documents.
func loaded(t testing.TB) *Store {
	t.Helper()
	s := newBoltStore(t)
	ctx := context.Background()
	for _, d := range []struct {
		label quad.IRI
		quads []quad.Quad
	}{{doc1, doc1Quads("sha256:1")}, {doc2, doc2Quads("sha256:2")}} {
		if _, err := s.ReplaceDocument(ctx, d.label, "", d.quads); err != nil {
			t.Fatalf("ReplaceDocument(%s): %v", d.label, err)
		}
	}
	return s
}

// quadSet returns the store's quads as sorted N-Quads lines.
func quadSet(t testing.TB, s *Store) []string {
	t.Helper()
	var out []string
	err := s.eachQuad(context.Background(), func(q quad.Quad) error {
		out = append(out, q.NQuad())
		return nil
	})
	if err != nil {
		t.Fatalf("eachQuad: %v", err)
	}
	sort.Strings(out)
	return out
}

// setOf returns quads as sorted N-Quads lines without duplicates.
func setOf(qs []quad.Quad) []string {
	seen := map[string]bool{}
	var out []string
	for _, q := range qs {
		if l := q.NQuad(); !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// labelled returns the store's quads labelled label, as sorted lines.
func labelled(t testing.TB, s *Store, label quad.Value) []string {
	t.Helper()
	qs, err := s.quadsOf(context.Background(), quad.Label, label)
	if err != nil {
		t.Fatalf("quadsOf: %v", err)
	}
	return setOf(qs)
}
