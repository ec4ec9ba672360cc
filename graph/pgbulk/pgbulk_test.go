package pgbulk_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph/pgbulk"
)

// gizmoQueries are compared between the two databases: traversals out of and
// into nodes, predicate scans, literal matches, label contexts and counts
// (which count the nodes table, so a node kept or dropped wrongly shows).
var gizmoQueries = []string{
	`g.V("<` + ex + `e/1>").Out().All()`,
	`g.V("<` + ex + `e/2>").OutPredicates().All()`,
	`g.V("<` + ex + `e/3>").In().Tag("via").All()`,
	`g.V().Out("<` + ex + `p/0>").All()`,
	`g.V().Has("<` + ex + `p/1>", "<` + ex + `e/7>").All()`,
	`g.V().Has("<` + ex + `p/2>", "\"name 17\"").All()`,
	`g.V("<` + ex + `e/5>").LabelContext("<` + ex + `doc/1>").Out().All()`,
	`g.V("_:b3").Out().All()`,
	`g.emit(g.V().Count())`,
	`g.emit(g.V().Out("<` + ex + `p/4>").Count())`,
}

// compare fails t unless a (written by Cayley) and b (written by pgbulk)
// hold the same rows, export the same quads and answer the Gizmo queries
// alike.
func compare(t *testing.T, step string, a, b *side) {
	t.Helper()
	an, aq := a.rows(t)
	bn, bq := b.rows(t)
	if len(an) == 0 || len(aq) == 0 {
		t.Fatalf("%s: the reference database is empty", step)
	}
	if d := firstDiff(an, bn); d != "" {
		t.Errorf("%s: nodes tables differ (%d vs %d rows): %s", step, len(an), len(bn), d)
	}
	if d := firstDiff(aq, bq); d != "" {
		t.Errorf("%s: quads tables differ (%d vs %d rows): %s", step, len(aq), len(bq), d)
	}
	if d := firstDiff(a.export(t), b.export(t)); d != "" {
		t.Errorf("%s: exports differ: %s", step, d)
	}
	for _, q := range gizmoQueries {
		ra, rb := a.gizmo(t, q), b.gizmo(t, q)
		if d := firstDiff(ra, rb); d != "" {
			t.Errorf("%s: gizmo %s: %s", step, q, d)
		}
	}
	a.checkRefs(t)
	b.checkRefs(t)
}

func firstDiff(a, b []string) string {
	for i := 0; i < len(a) || i < len(b); i++ {
		switch {
		case i >= len(a):
			return fmt.Sprintf("extra %q", b[i])
		case i >= len(b):
			return fmt.Sprintf("missing %q", a[i])
		case a[i] != b[i]:
			return fmt.Sprintf("row %d: %q vs %q", i, a[i], b[i])
		}
	}
	return ""
}

// TestSameRowsAsCayley writes one quad set through Cayley's SQL writer into
// one database and through pgbulk into another, then replaces, shrinks and
// removes documents on both, checking after each step that the tables hold
// the same rows and Cayley reads the same graph from both.
func TestSameRowsAsCayley(t *testing.T) {
	ctx := context.Background()
	a, b := newSide(t), newSide(t)
	labels := []quad.Value{docLabel(1), docLabel(2), docLabel(3), docLabel(4), quad.BNode("graph"), nil}
	quads := genQuads(1, 3000, labels)

	// Cayley writes document by document (as kg build does); pgbulk
	// writes all documents in one batch.
	order, groups := byLabel(quads)
	for _, l := range order {
		a.cayleyApply(t, adds(groups[quad.StringOf(l)]))
	}
	res, err := b.w.Write(ctx, pgbulk.Batch{Quads: quads})
	if err != nil || res.Added != len(quads) || res.Removed != 0 {
		t.Fatalf("Write = %+v, %v; want %d added", res, err, len(quads))
	}
	compare(t, "initial load", a, b)

	// Writing the same quads again adds nothing.
	if res, err := b.w.Add(ctx, quads[:500]); err != nil || res.Added != 0 {
		t.Fatalf("re-adding stored quads = %+v, %v", res, err)
	}

	// Replace document 1: keep two thirds, add new quads (some with new
	// nodes), so some nodes lose their last reference.
	old := groups[quad.StringOf(docLabel(1))]
	var repl []quad.Quad
	for i, q := range old {
		if i%3 != 0 {
			repl = append(repl, q)
		}
	}
	for i, q := range genQuads(2, 400, []quad.Value{docLabel(1)}) {
		if i%2 == 0 {
			q.Object = quad.String(fmt.Sprintf("fresh %d", i))
		}
		repl = append(repl, q)
	}
	a.cayleyReplace(t, old, repl)
	res, err = b.w.ReplaceLabel(ctx, docLabel(1), repl)
	if err != nil {
		t.Fatal(err)
	}
	wantAdd, wantDel := diff(old, repl)
	if res.Added != len(wantAdd) || res.Removed != len(wantDel) {
		t.Errorf("ReplaceLabel = %+v, want %d added and %d removed", res, len(wantAdd), len(wantDel))
	}
	compare(t, "replace", a, b)

	// Shrink document 2 to a handful of quads, and remove document 3.
	group := func(l quad.Value) []quad.Quad { return groups[quad.StringOf(l)] }
	small := group(docLabel(2))[:5]
	a.cayleyReplace(t, group(docLabel(2)), small)
	a.cayleyReplace(t, group(docLabel(3)), nil)
	if _, err := b.w.Write(ctx, pgbulk.Batch{Replace: []quad.Value{docLabel(2), docLabel(3)}, Quads: small}); err != nil {
		t.Fatal(err)
	}
	compare(t, "shrink and remove", a, b)

	// Replace the unlabelled quads.
	triples := genQuads(3, 100, []quad.Value{nil})
	a.cayleyReplace(t, group(nil), triples)
	if _, err := b.w.Write(ctx, pgbulk.Batch{Replace: []quad.Value{nil}, Quads: triples}); err != nil {
		t.Fatal(err)
	}
	compare(t, "replace unlabelled", a, b)

	// Cayley's writer keeps working on what pgbulk wrote, and the reverse.
	a.cayleyReplace(t, group(docLabel(4)), nil)
	b.cayleyReplace(t, group(docLabel(4)), nil)
	more := genQuads(4, 300, []quad.Value{docLabel(5)})
	a.cayleyApply(t, adds(more))
	if _, err := b.w.ReplaceLabel(ctx, docLabel(5), more); err != nil {
		t.Fatal(err)
	}
	compare(t, "mixed writers", a, b)
}

func adds(quads []quad.Quad) []cgraph.Delta {
	out := make([]cgraph.Delta, len(quads))
	for i, q := range quads {
		out[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	return out
}

// TestDuplicates checks the counts and references when the input repeats
// quads and includes stored ones: each quad is stored once, Added counts
// only new ones, and refs stay exact.
func TestDuplicates(t *testing.T) {
	ctx := context.Background()
	s := newSide(t)
	quads := genQuads(5, 500, []quad.Value{docLabel(1), docLabel(2)})
	if res, err := s.w.Add(ctx, quads[:300]); err != nil || res.Added != 300 {
		t.Fatalf("Add = %+v, %v", res, err)
	}
	in := append(append(slices.Clone(quads), quads[:100]...), quads[250:350]...)
	res, err := s.w.Add(ctx, in)
	if err != nil || res.Added != 200 {
		t.Fatalf("Add with duplicates = %+v, %v; want 200 added", res, err)
	}
	if got := s.export(t); len(got) != 500 {
		t.Fatalf("%d quads stored, want 500", len(got))
	}
	s.checkRefs(t)
	// Removing a document leaves no node without references behind.
	if res, err := s.w.ReplaceLabel(ctx, docLabel(1), nil); err != nil || res.Removed == 0 {
		t.Fatalf("ReplaceLabel(nil) = %+v, %v", res, err)
	}
	s.checkRefs(t)
	if orphans := s.query(t, `SELECT count(*)::text FROM nodes WHERE refs <= 0`); orphans[0] != "0" {
		t.Errorf("%s nodes without references kept", orphans[0])
	}
}

// TestReplaceValuesThatDoNotRoundTrip replaces a document holding values
// Cayley reads back changed (times rounded to microseconds and in UTC, a
// string with the text \x00): pgbulk deletes by the stored hashes, so the
// old version goes entirely, where a difference computed from read-back
// values would miss those quads.
func TestReplaceValuesThatDoNotRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := newSide(t)
	zone := time.FixedZone("", -7*3600)
	old := []quad.Quad{
		{Subject: entity(1), Predicate: predicate(1), Object: quad.Time(time.Date(2024, 5, 6, 7, 8, 9, 123456789, zone)), Label: docLabel(1)},
		{Subject: entity(1), Predicate: predicate(2), Object: quad.String(`a \x00 b`), Label: docLabel(1)},
		{Subject: entity(1), Predicate: predicate(3), Object: entity(2), Label: docLabel(1)},
	}
	if _, err := s.w.ReplaceLabel(ctx, docLabel(1), old); err != nil {
		t.Fatal(err)
	}
	res, err := s.w.ReplaceLabel(ctx, docLabel(1), old[2:])
	if err != nil || res.Removed != 2 || res.Added != 0 {
		t.Fatalf("ReplaceLabel = %+v, %v; want 2 removed", res, err)
	}
	if got := s.labelled(t, docLabel(1)); len(got) != 1 {
		t.Fatalf("document holds %v, want only %v", got, old[2])
	}
	s.checkRefs(t)
}

// TestAtomic checks that a batch PostgreSQL rejects part-way (a string that
// is not UTF-8) leaves the database as it was: no quad of the new version,
// none of the old one lost.
func TestAtomic(t *testing.T) {
	ctx := context.Background()
	s := newSide(t)
	first := genQuads(6, 200, []quad.Value{docLabel(1)})
	if _, err := s.w.ReplaceLabel(ctx, docLabel(1), first); err != nil {
		t.Fatal(err)
	}
	nodes, quads := s.rows(t)
	bad := slices.Clone(genQuads(7, 200, []quad.Value{docLabel(1)}))
	bad[150].Object = quad.String("not utf-8: \xff\xfe")
	if _, err := s.w.ReplaceLabel(ctx, docLabel(1), bad); err == nil {
		t.Fatal("a batch with invalid UTF-8 was accepted")
	}
	n2, q2 := s.rows(t)
	if firstDiff(nodes, n2) != "" || firstDiff(quads, q2) != "" {
		t.Fatal("a failed batch changed the database")
	}
	// A cancelled context does not write either.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.w.ReplaceLabel(cctx, docLabel(1), nil); err == nil {
		t.Fatal("a write with a cancelled context succeeded")
	}
	if _, q3 := s.rows(t); len(q3) != len(quads) {
		t.Fatalf("a cancelled write changed the quads: %d → %d", len(quads), len(q3))
	}
	// Incomplete quads and mislabelled ones are refused before writing.
	if _, err := s.w.Add(ctx, []quad.Quad{{Subject: entity(1), Predicate: predicate(1)}}); err == nil {
		t.Error("a quad without object was accepted")
	}
	if _, err := s.w.ReplaceLabel(ctx, docLabel(2), first[:1]); err == nil {
		t.Error("ReplaceLabel accepted a quad with another label")
	}
}

// TestConcurrentWriters runs writers that replace documents sharing nodes
// at the same time, as several machines building into one database do:
// every write must succeed (collisions are retried), each document must end
// as its last version, and refs must stay exact.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	s := newSide(t)
	const writers, docs, rounds = 4, 8, 6
	last := make([][]quad.Quad, docs)
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, writers*docs*rounds)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			pw, err := pgbulk.Open(ctx, s.url)
			if err != nil {
				errs <- err
				return
			}
			defer pw.Close()
			for r := 0; r < rounds; r++ {
				for d := w; d < docs; d += writers {
					// Versions differ in size and content but draw on the
					// same few hundred entities, so writers contend for
					// nodes; an empty version removes the document.
					n := (r * 37 * (d + 1)) % 250
					if r == rounds-2 {
						n = 0
					}
					q := genQuads(int64(100*d+r), n, []quad.Value{docLabel(d)})
					if _, err := pw.ReplaceLabel(ctx, docLabel(d), q); err != nil {
						errs <- fmt.Errorf("writer %d doc %d round %d: %w", w, d, r, err)
						return
					}
					mu.Lock()
					last[d] = q
					mu.Unlock()
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s.checkRefs(t)
	for d := 0; d < docs; d++ {
		var want, got []string
		for _, q := range last[d] {
			want = append(want, q.NQuad())
		}
		for _, q := range s.labelled(t, docLabel(d)) {
			got = append(got, q.NQuad())
		}
		slices.Sort(want)
		slices.Sort(got)
		// Times come back rounded to microseconds and in UTC, so the
		// texts can differ; the counts cannot.
		if len(got) != len(want) {
			t.Errorf("doc %d holds %d quads, want %d", d, len(got), len(want))
		}
	}
}
