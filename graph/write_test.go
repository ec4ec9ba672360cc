package graph

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/schema"
)

func TestReplaceDocumentIdempotentAndReplacing(t *testing.T) {
	ctx := context.Background()
	s := newBoltStore(t)
	v1 := doc1Quads("sha256:v1")

	res, err := s.ReplaceDocument(ctx, doc1, "sha256:v1", v1)
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged || res.Added != len(setOf(v1)) || res.Removed != 0 {
		t.Fatalf("first write = %+v, want %d added", res, len(setOf(v1)))
	}
	if got := labelled(t, s, doc1); !slices.Equal(got, setOf(v1)) {
		t.Fatalf("stored quads differ from written ones:\n%v\nwant\n%v", got, setOf(v1))
	}
	if h, ok, err := s.DocumentHash(ctx, doc1); err != nil || !ok || h != "sha256:v1" {
		t.Fatalf("DocumentHash = %q, %v, %v", h, ok, err)
	}

	// Same hash: nothing happens, even if the caller passes other quads.
	before := quadSet(t, s)
	res, err = s.ReplaceDocument(ctx, doc1, "sha256:v1", doc2Quads("sha256:v1"))
	if err == nil {
		t.Fatal("quads with a foreign label were accepted")
	}
	res, err = s.ReplaceDocument(ctx, doc1, "sha256:v1", v1)
	if err != nil || !res.Unchanged || res.Added != 0 || res.Removed != 0 {
		t.Fatalf("re-write with the same hash = %+v, %v; want unchanged", res, err)
	}
	if after := quadSet(t, s); !slices.Equal(before, after) {
		t.Fatal("unchanged re-write modified the store")
	}

	// A changed document: the meet fact is gone, a new one appears.
	v2 := buildDoc(doc1, "news/summit.txt", "Trump and Putin meet in Alaska", "sha256:v2",
		[]tEntity{putin, trump, alaska}, []tFact{factInvite, {
			iri: "kg:fact/99", pred: "praise", args: []tArg{{"subject", trump.iri}, {"object", putin.iri}},
			sentence: "Trump praised Putin.", start: 0, end: 20, conf: 0.9}})
	res, err = s.ReplaceDocument(ctx, doc1, "sha256:v2", v2)
	if err != nil {
		t.Fatal(err)
	}
	got := labelled(t, s, doc1)
	if !slices.Equal(got, setOf(v2)) {
		t.Fatalf("after replacement the document holds:\n%v\nwant\n%v", got, setOf(v2))
	}
	// Counts are the set difference, not the whole document.
	var wantAdd, wantDel int
	for _, q := range setOf(v2) {
		if !slices.Contains(setOf(v1), q) {
			wantAdd++
		}
	}
	for _, q := range setOf(v1) {
		if !slices.Contains(setOf(v2), q) {
			wantDel++
		}
	}
	if res.Added != wantAdd || res.Removed != wantDel || res.Unchanged {
		t.Fatalf("replacement = %+v, want added %d removed %d", res, wantAdd, wantDel)
	}
	facts, err := s.FactsAbout(ctx, putin.iri)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range facts {
		if f.IRI == factMeet.iri || f.IRI == factSay.iri {
			t.Errorf("fact %s of the old version survived the replacement", f.IRI)
		}
	}
}

func TestReplaceDocumentRejectsBadInputWithoutWriting(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	before := quadSet(t, s)
	bad := doc1Quads("sha256:new")
	// The very last quad is broken: nothing before it may be written.
	bad = append(bad, quad.Quad{Subject: putin.iri, Predicate: schema.Name, Object: quad.String("x"), Label: doc2})
	if _, err := s.ReplaceDocument(ctx, doc1, "sha256:new", bad); err == nil {
		t.Fatal("a quad labelled with another document was accepted")
	}
	bad = append(doc1Quads("sha256:new"), quad.Quad{Subject: putin.iri, Predicate: schema.Name, Object: foreignValue{}, Label: doc1})
	if _, err := s.ReplaceDocument(ctx, doc1, "sha256:new", bad); err == nil {
		t.Fatal("a value the store cannot encode was accepted")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.ReplaceDocument(cancelled, doc1, "sha256:new", doc1Quads("sha256:new")); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled replacement returned %v", err)
	}
	if after := quadSet(t, s); !slices.Equal(before, after) {
		t.Fatal("a rejected replacement changed the store")
	}
}

// foreignValue is a quad.Value no Cayley backend can encode (bbolt panics
// on it mid-transaction).
type foreignValue struct{}

func (foreignValue) String() string      { return `"foreign"` }
func (foreignValue) Native() interface{} { return nil }

// A replacement that drops more uses of a node than it adds (here the
// label and the subject x) must still store its new quads. Cayley's kv
// ApplyDeltas loses them when additions and removals share one call.
func TestReplaceShrinkingDocument(t *testing.T) {
	ctx := context.Background()
	for _, spec := range []string{"bolt", "mem:"} {
		t.Run(spec, func(t *testing.T) {
			var s *Store
			if spec == "bolt" {
				s = newBoltStore(t)
			} else {
				var err error
				if s, err = Open(ctx, spec, Options{}); err != nil {
					t.Fatal(err)
				}
				defer s.Close()
			}
			l := quad.IRI("kg:doc/l")
			steps := [][]quad.Quad{
				{quad.MakeIRI("a", "p", "b", string(l)), quad.MakeIRI("a", "p", "c", string(l))},
				{quad.MakeIRI("a", "p", "b", string(l)), quad.MakeIRI("x", "p", "y", string(l))},
				{quad.MakeIRI("x", "p", "z", string(l))},
			}
			for i, qs := range steps {
				if _, err := s.ReplaceDocument(ctx, l, "", qs); err != nil {
					t.Fatal(err)
				}
				if got, want := quadSet(t, s), setOf(qs); !slices.Equal(got, want) {
					t.Fatalf("step %d: store holds %v, want %v", i, got, want)
				}
			}
		})
	}
}

// A replacement interrupted between its two commits leaves two content
// hashes; the document must then not count as unchanged, and the next
// replacement must clean up.
func TestInterruptedReplacementIsRepaired(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	v2 := buildDoc(doc1, "news/summit.txt", "New headline", "sha256:v2", []tEntity{putin}, nil)
	// Simulate the crash: only the first commit (the additions) happened.
	adds, _ := diff(mustQuads(t, s, doc1), v2)
	if err := s.apply(adds); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.DocumentHash(ctx, doc1); err != nil || ok {
		t.Fatalf("a half-replaced document reports a hash (ok=%v, err=%v)", ok, err)
	}
	res, err := s.ReplaceDocument(ctx, doc1, "sha256:v2", v2)
	if err != nil || res.Unchanged || res.Added != 0 || res.Removed == 0 {
		t.Fatalf("repair = %+v, %v; want only removals", res, err)
	}
	if got := labelled(t, s, doc1); !slices.Equal(got, setOf(v2)) {
		t.Fatalf("after repair the document holds %d quads, want %d", len(got), len(setOf(v2)))
	}
	if h, ok, _ := s.DocumentHash(ctx, doc1); !ok || h != "sha256:v2" {
		t.Fatalf("after repair hash = %q, %v", h, ok)
	}
}

func mustQuads(t *testing.T, s *Store, label quad.Value) []quad.Quad {
	t.Helper()
	qs, err := s.quadsOf(context.Background(), quad.Label, label)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// Each of ReplaceDocument's commits relies on the bbolt backend applying a
// delta list in one transaction: if any delta fails, none may remain.
func TestBoltApplyDeltasIsAllOrNothing(t *testing.T) {
	s := loaded(t)
	before := quadSet(t, s)
	deltas := []cgraph.Delta{
		{Action: cgraph.Add, Quad: quad.MakeIRI("kg:new", "kgv:p", "kg:other", string(doc1))},
		{Action: cgraph.Delete, Quad: quad.Quad{Subject: putin.iri, Predicate: schema.Name, Object: quad.String("Vladimir Putin"), Label: doc1}},
		{Action: cgraph.Delete, Quad: quad.MakeIRI("kg:missing", "kgv:p", "kg:nothing", string(doc1))},
	}
	err := s.QuadStore().ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: false})
	if err == nil {
		t.Fatal("deleting a missing quad did not fail")
	}
	if after := quadSet(t, s); !slices.Equal(before, after) {
		t.Fatal("a failed transaction left part of its changes behind")
	}
}

func TestRemoveDocumentLeavesNoQuadWithItsLabel(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	n, err := s.RemoveDocument(ctx, doc1)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(setOf(doc1Quads("sha256:1"))); n != want {
		t.Errorf("removed %d quads, want %d", n, want)
	}
	if left := labelled(t, s, doc1); len(left) != 0 {
		t.Fatalf("%d quads still carry the removed label: %v", len(left), left)
	}
	// The other document's statements about shared entities stay.
	if got, want := labelled(t, s, doc2), setOf(doc2Quads("sha256:2")); !slices.Equal(got, want) {
		t.Fatal("removing one document changed another")
	}
	iri, _, err := s.Resolve(ctx, "Donald Trump")
	if err != nil || iri != trump.iri {
		t.Fatalf("Trump, still named by the other document, resolves to %q, %v", iri, err)
	}
	if _, ok, _ := s.DocumentHash(ctx, doc1); ok {
		t.Error("removed document still has a content hash")
	}
	if n, err := s.RemoveDocument(ctx, doc1); err != nil || n != 0 {
		t.Errorf("removing it again = %d, %v; want 0, nil", n, err)
	}
}

func TestReadOnlyStoreRefusesWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir() + "/kg.db"
	if _, err := Open(ctx, "bolt:"+dir, Options{ReadOnly: true}); err == nil {
		t.Fatal("opening a missing store read-only succeeded")
	}
	w, err := Open(ctx, "bolt:"+dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.ReplaceDocument(ctx, doc1, "h", doc1Quads("h")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r1, err := Open(ctx, "bolt:"+dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	// A second reader shares the lock.
	r2, err := Open(ctx, "bolt:"+dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("second read-only open: %v", err)
	}
	defer r2.Close()
	if _, err := r1.RemoveDocument(ctx, doc1); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("write on a read-only store returned %v", err)
	}
	if h, ok, err := r2.DocumentHash(ctx, doc1); err != nil || !ok || h != "h" {
		t.Fatalf("read-only DocumentHash = %q %v %v", h, ok, err)
	}
	// A writer cannot get in while readers hold the file, and says why.
	if _, err := Open(ctx, "bolt:"+dir, Options{LockTimeout: 50_000_000}); err == nil {
		t.Fatal("a writer opened a store held by readers")
	}
}

// Concurrent replacements of different documents and readers must not race
// (run with -race) and must all land, on bbolt and on the in-memory store
// (which has no locking of its own).
func TestConcurrentWritesAndReads(t *testing.T) {
	for _, spec := range []string{"bolt", "mem:"} {
		t.Run(spec, func(t *testing.T) {
			ctx := context.Background()
			var s *Store
			if spec == "bolt" {
				s = newBoltStore(t)
			} else {
				var err error
				if s, err = Open(ctx, spec, Options{}); err != nil {
					t.Fatal(err)
				}
				defer s.Close()
			}
			var wg sync.WaitGroup
			errs := make(chan error, 32)
			for i := 0; i < 4; i++ {
				wg.Add(2)
				go func(i int) {
					defer wg.Done()
					label := quad.IRI("kg:doc/c" + string(rune('a'+i)))
					qs := buildDoc(label, "c", "h", "x", []tEntity{putin, trump}, []tFact{factInvite})
					if _, err := s.ReplaceDocument(ctx, label, "x", qs); err != nil {
						errs <- err
					}
				}(i)
				go func() {
					defer wg.Done()
					if _, err := s.FactsAbout(ctx, putin.iri); err != nil {
						errs <- err
					}
					if _, err := s.Stats(ctx); err != nil {
						errs <- err
					}
					if _, err := s.Query(ctx, "gizmo", "g.V().All()", 0); err != nil {
						errs <- err
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			docs, err := s.Documents(ctx)
			if err != nil || len(docs) != 4 {
				t.Fatalf("Documents = %d, %v; want 4", len(docs), err)
			}
		})
	}
}

func TestMemStoreWorks(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "mem:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ReplaceDocument(ctx, doc1, "h", doc1Quads("h")); err != nil {
		t.Fatal(err)
	}
	res, err := s.ReplaceDocument(ctx, doc1, "h", doc1Quads("h"))
	if err != nil || !res.Unchanged {
		t.Fatalf("mem re-write = %+v %v", res, err)
	}
	if n, err := s.RemoveDocument(ctx, doc1); err != nil || n == 0 {
		t.Fatalf("mem remove = %d %v", n, err)
	}
	if left := labelled(t, s, doc1); len(left) != 0 {
		t.Fatalf("mem store kept %d quads", len(left))
	}
}
