package graph

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestBulkWriterMatchesReplaceDocument(t *testing.T) {
	ctx := context.Background()
	docs := synthCorpus(12, 7)
	want := newBoltStore(t)
	for _, d := range docs {
		if _, err := want.ReplaceDocument(ctx, d.label, d.hash, d.quads); err != nil {
			t.Fatal(err)
		}
	}
	s := newBoltStore(t)
	w, err := s.NewBulkWriter(3000) // several commits over the corpus
	if err != nil {
		t.Fatal(err)
	}
	added := 0
	for _, d := range docs {
		res, err := w.Replace(ctx, d.label, d.hash, d.quads)
		if err != nil {
			t.Fatal(err)
		}
		added += res.Added
	}
	// The same document twice in one batch: the second version wins.
	changed := synthCorpus(13, 8)[12]
	changed.label, changed.quads = docs[0].label, relabel(changed.quads, docs[0].label)
	if _, err := w.Replace(ctx, changed.label, changed.hash, changed.quads); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Replace(ctx, docs[0].label, docs[0].hash, docs[0].quads); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if added != corpusQuads(docs) {
		t.Errorf("bulk writer reported %d quads added, corpus has %d", added, corpusQuads(docs))
	}
	if got, exp := quadSet(t, s), quadSet(t, want); !slices.Equal(got, exp) {
		t.Fatalf("bulk-loaded store has %d quads, document-by-document store %d", len(got), len(exp))
	}

	// A second run over unchanged documents writes nothing.
	w, _ = s.NewBulkWriter(0)
	for _, d := range docs {
		res, err := w.Replace(ctx, d.label, d.hash, d.quads)
		if err != nil || !res.Unchanged {
			t.Fatalf("re-run of %s = %+v, %v; want unchanged", d.label, res, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// A document given again while the batch holding its previous version is
// being committed in the background must be diffed against that version,
// not against the store before the commit: with a batch of one quad every
// Replace starts a commit, and each commit is held open for a while, so
// each second version arrives mid-commit.
func TestBulkWriterReplaceDuringBackgroundCommit(t *testing.T) {
	ctx := context.Background()
	docs := synthCorpus(6, 11)
	later := synthCorpus(6, 12)
	for i := range later {
		later[i].label, later[i].quads = docs[i].label, relabel(later[i].quads, docs[i].label)
	}
	want := newBoltStore(t)
	s := newBoltStore(t)
	w, err := s.NewBulkWriter(1)
	if err != nil {
		t.Fatal(err)
	}
	w.beforeCommit = func() { time.Sleep(30 * time.Millisecond) }
	for i := range docs {
		for _, d := range []synthDoc{docs[i], later[i]} {
			if _, err := want.ReplaceDocument(ctx, d.label, d.hash, d.quads); err != nil {
				t.Fatal(err)
			}
			if _, err := w.Replace(ctx, d.label, d.hash, d.quads); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got, exp := quadSet(t, s), quadSet(t, want); !slices.Equal(got, exp) {
		t.Fatalf("bulk-loaded store has %d quads, document-by-document store %d", len(got), len(exp))
	}
}
