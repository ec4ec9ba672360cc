package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph/pgbulk"
	"github.com/kg-project/kg/graph/pgbulk/pgtest"
)

// pgWritten opens two PostgreSQL stores: into the first documents are
// written through Store.ReplaceDocument (Cayley's SQL writer), into the
// second through pgbulk. write applies one step to both.
type pgWritten struct {
	ref, bulk *Store
	w         *pgbulk.Writer
	bulkURL   string
}

func newPGWritten(t *testing.T) *pgWritten {
	t.Helper()
	ctx := context.Background()
	p := &pgWritten{bulkURL: pgtest.Database(t)}
	var err error
	if p.ref, err = Open(ctx, pgtest.Database(t), Options{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.ref.Close() })
	// Opening the store for writing creates Cayley's tables.
	if p.bulk, err = Open(ctx, p.bulkURL, Options{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.bulk.Close() })
	if p.w, err = pgbulk.Open(ctx, p.bulkURL); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.w.Close() })
	if err := p.w.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	return p
}

// replace replaces document label on both stores.
func (p *pgWritten) replace(t *testing.T, label quad.IRI, quads []quad.Quad) {
	t.Helper()
	ctx := context.Background()
	want, err := p.ref.ReplaceDocument(ctx, label, "", quads)
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.w.ReplaceLabel(ctx, label, quads)
	if err != nil {
		t.Fatal(err)
	}
	if got.Added != want.Added || got.Removed != want.Removed {
		t.Errorf("replacing %s: pgbulk added %d and removed %d, ReplaceDocument %d and %d",
			label, got.Added, got.Removed, want.Added, want.Removed)
	}
	// Cayley's store caches its quad and node counts; a write that went
	// around it must drop them, which an empty ApplyDeltas does.
	if err := p.bulk.qs.ApplyDeltas(nil, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
}

// same fails t unless the two stores answer every question kg asks alike.
func (p *pgWritten) same(t *testing.T, step string) {
	t.Helper()
	ctx := context.Background()
	check := func(what string, f func(s *Store) (any, error)) {
		t.Helper()
		want, err := f(p.ref)
		if err != nil {
			t.Fatalf("%s: %s on Cayley's writer's store: %v", step, what, err)
		}
		got, err := f(p.bulk)
		if err != nil {
			t.Fatalf("%s: %s on pgbulk's store: %v", step, what, err)
		}
		// JSON, as kg prints them, follows pointers (fmt would print
		// their addresses).
		wb, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		gb, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		if w, g := string(wb), string(gb); w != g {
			i := 0
			for i < len(w) && i < len(g) && w[i] == g[i] {
				i++
			}
			t.Errorf("%s: %s differs at byte %d:\nCayley: …%s\npgbulk: …%s", step, what, i, w[max(0, i-200):min(len(w), i+100)], g[max(0, i-200):min(len(g), i+100)])
		}
	}
	if len(quadSet(t, p.ref)) == 0 {
		t.Fatalf("%s: the reference store is empty", step)
	}
	check("quads", func(s *Store) (any, error) { return quadSet(t, s), nil })
	check("stats", func(s *Store) (any, error) { return s.Stats(ctx) })
	check("documents", func(s *Store) (any, error) { return s.Documents(ctx) })
	check("entities", func(s *Store) (any, error) { return s.Entities(ctx, "") })
	for _, e := range []tEntity{putin, trump, zelensky, alaska} {
		check("facts about "+e.name, func(s *Store) (any, error) { return s.FactsAbout(ctx, e.iri) })
	}
	check("facts between Putin and Trump", func(s *Store) (any, error) { return s.FactsBetween(ctx, putin.iri, trump.iri) })
	check("resolve", func(s *Store) (any, error) {
		iri, sugg, err := s.Resolve(ctx, "zelensky")
		return fmt.Sprint(iri, sugg), err
	})
	check("content hash", func(s *Store) (any, error) {
		h, ok, err := s.DocumentHash(ctx, doc1)
		return fmt.Sprint(h, ok), err
	})
	for _, q := range []string{
		`g.V("<kg:donald-trump>").In().All()`,
		`g.V().Has("<http://schema.org/name>").Count()`,
		`g.V("<kg:vladimir-putin>").Out().Tag("o").In().All()`,
	} {
		check("gizmo "+q, func(s *Store) (any, error) {
			res, err := s.Query(ctx, "gizmo", q, 0)
			var out []string
			for _, r := range res {
				out = append(out, fmt.Sprint(r))
			}
			slices.Sort(out)
			return out, err
		})
	}
}

// TestPgbulkMatchesStoreWriter writes documents into PostgreSQL through
// pgbulk and through Store.ReplaceDocument and checks that the Store reads
// the same graph back after every step: first writes, a replacement that
// shrinks a document, a removal, and Store writes on top of pgbulk's rows.
func TestPgbulkMatchesStoreWriter(t *testing.T) {
	p := newPGWritten(t)
	ctx := context.Background()
	p.replace(t, doc1, doc1Quads("sha256:1"))
	p.replace(t, doc2, doc2Quads("sha256:2"))
	p.same(t, "first write")

	small := buildDoc(doc1, "news/summit.txt", "Short", "sha256:small", []tEntity{putin}, []tFact{factMeet})
	p.replace(t, doc1, small)
	p.same(t, "shrinking replacement")

	p.replace(t, doc2, nil)
	p.same(t, "removal")

	// The Store's own writer continues on what pgbulk wrote.
	for _, s := range []*Store{p.ref, p.bulk} {
		if _, err := s.ReplaceDocument(ctx, doc2, "sha256:2", doc2Quads("sha256:2")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RemoveDocument(ctx, doc1); err != nil {
			t.Fatal(err)
		}
	}
	p.same(t, "store writes over pgbulk's rows")
	if got := labelled(t, p.bulk, doc1); len(got) != 0 {
		t.Errorf("%d quads of the removed document remain", len(got))
	}
}
