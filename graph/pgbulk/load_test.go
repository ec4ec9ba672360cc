package pgbulk_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph/pgbulk"
)

// schema returns the definitions of every index and constraint on Cayley's
// tables, and whether each is valid, as PostgreSQL's catalog prints them.
func (s *side) schema(tb testing.TB) []string {
	tb.Helper()
	idx := s.query(tb, `SELECT (c.relname, pg_get_indexdef(i.indexrelid), i.indisvalid, i.indisready)::text
		FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
		WHERE i.indrelid IN ('quads'::regclass, 'nodes'::regclass) ORDER BY 1`)
	con := s.query(tb, `SELECT (conrelid::regclass, conname, contype, pg_get_constraintdef(oid), convalidated,
			condeferrable, confupdtype, confdeltype)::text
		FROM pg_constraint WHERE conrelid IN ('quads'::regclass, 'nodes'::regclass) ORDER BY 1`)
	return append(idx, con...)
}

// distinct returns the quads of qs not in have (by N-Quads text), each once.
func distinct(have map[string]bool, qs []quad.Quad) []quad.Quad {
	var out []quad.Quad
	for _, q := range qs {
		if k := q.NQuad(); !have[k] {
			have[k] = true
			out = append(out, q)
		}
	}
	return out
}

// TestLoad writes the same quads with Cayley's writer into one database and
// with Loads into another: first into the new, empty store (batches that
// repeat each other's quads), then into the filled store both with many
// new quads (the indexes are rebuilt) and with few (they are maintained).
// After each step the rows, exports, Gizmo answers and references must
// match, and the indexes and constraints must be exactly the ones Cayley
// created.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	a, b := newSide(t), newSide(t)
	wantSchema := a.schema(t)
	if len(wantSchema) < 12 {
		t.Fatalf("Cayley's schema has only %d indexes and constraints: %v", len(wantSchema), wantSchema)
	}
	labels := []quad.Value{docLabel(1), docLabel(2), docLabel(3), quad.BNode("graph"), nil}
	all := genQuads(11, 6000, labels)
	have := map[string]bool{}
	// written are the quads stored, as they were written: some values do
	// not survive the round trip through Cayley (see cayleyReplace).
	var written []quad.Quad
	labelled := func(label quad.Value) []quad.Quad {
		var out []quad.Quad
		for _, q := range written {
			if quad.StringOf(q.Label) == quad.StringOf(label) {
				out = append(out, q)
			}
		}
		return out
	}

	load := func(step string, batches ...[]quad.Quad) {
		t.Helper()
		var want []quad.Quad
		for _, bt := range batches {
			want = append(want, distinct(have, bt)...)
		}
		a.cayleyApply(t, adds(want))
		written = append(written, want...)
		l, err := b.w.BeginLoad(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, bt := range batches {
			if err := l.Add(ctx, bt); err != nil {
				t.Fatalf("%s: Add: %v", step, err)
			}
		}
		res, err := l.Commit(ctx)
		if err != nil {
			t.Fatalf("%s: Commit: %v", step, err)
		}
		if res.Added != len(want) || res.Removed != 0 {
			t.Errorf("%s: Commit = %+v, want %d added", step, res, len(want))
		}
		compare(t, step, a, b)
		if got := b.schema(t); firstDiff(wantSchema, got) != "" {
			t.Errorf("%s: schema differs from Cayley's: %s", step, firstDiff(wantSchema, got))
		}
	}
	// A new store; the second batch repeats part of the first, and a
	// quad is repeated within a batch.
	first := all[:3000]
	load("new store", first[:2000], append(slices.Clone(first[1500:3000]), first[2990]))
	// Many new quads (and some stored ones): the indexes are rebuilt.
	load("large load into a filled store", all[2500:5000], all[4000:5500])
	// Few new quads: the indexes are kept and maintained.
	load("small load into a filled store", all[5500:5600], all[100:200])
	// Documents replaced: a few changed (the indexes are maintained),
	// then one grown large (they are rebuilt).
	replace := func(step string, docs ...[]quad.Quad) {
		t.Helper()
		var newQuads []quad.Quad
		var wantAdd, wantDel int
		var repl []quad.Value
		for _, d := range docs {
			label := d[0].Label
			repl = append(repl, label)
			old := labelled(label)
			a.cayleyReplace(t, old, d)
			written = slices.DeleteFunc(written, func(q quad.Quad) bool { return quad.StringOf(q.Label) == quad.StringOf(label) })
			written = append(written, d...)
			adds, dels := diff(old, d)
			wantAdd += len(adds)
			wantDel += len(dels)
			newQuads = append(newQuads, d...)
		}
		l, err := b.w.BeginLoad(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Replace(repl); err != nil {
			t.Fatal(err)
		}
		if err := l.Add(ctx, newQuads); err != nil {
			t.Fatalf("%s: Add: %v", step, err)
		}
		res, err := l.Commit(ctx)
		if err != nil {
			t.Fatalf("%s: Commit: %v", step, err)
		}
		if res.Added != wantAdd || res.Removed != wantDel {
			t.Errorf("%s: Commit = %+v, want %d added, %d removed", step, res, wantAdd, wantDel)
		}
		compare(t, step, a, b)
		if got := b.schema(t); firstDiff(wantSchema, got) != "" {
			t.Errorf("%s: schema differs from Cayley's: %s", step, firstDiff(wantSchema, got))
		}
	}
	version := func(label quad.Value, keep int, seed int64, n int) []quad.Quad {
		var out []quad.Quad
		for i, q := range labelled(label) {
			if i%keep != 0 {
				out = append(out, q)
			}
		}
		for i, q := range genQuads(seed, n, []quad.Value{label}) {
			if i%2 == 0 {
				q.Object = quad.String(fmt.Sprintf("fresh %d %d", seed, i))
			}
			out = append(out, q)
		}
		return distinct(map[string]bool{}, out)
	}
	replace("small replacement", version(docLabel(1), 3, 16, 200), version(nil, 2, 17, 100))
	replace("large replacement", version(docLabel(2), 4, 18, 4000))
	// Cayley's writer and Write keep working on what Loads wrote.
	more := genQuads(12, 300, []quad.Value{docLabel(4)})
	a.cayleyApply(t, adds(more))
	if _, err := b.w.ReplaceLabel(ctx, docLabel(4), more); err != nil {
		t.Fatal(err)
	}
	compare(t, "writes after loads", a, b)
}

// TestLoadRollback checks that an abandoned load, and one that fails,
// leave a new store empty and with all of Cayley's indexes and constraints.
func TestLoadRollback(t *testing.T) {
	ctx := context.Background()
	s := newSide(t)
	want := s.schema(t)
	l, err := s.w.BeginLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Add(ctx, genQuads(13, 500, []quad.Value{docLabel(1)})); err != nil {
		t.Fatal(err)
	}
	if err := l.Rollback(); err != nil {
		t.Fatal(err)
	}
	bad := slices.Clone(genQuads(14, 300, []quad.Value{docLabel(1)}))
	bad[200].Object = quad.String("not utf-8: \xff\xfe")
	l, err = s.w.BeginLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The bad value fails the Add or, if its node is held until then,
	// the Commit.
	if err := l.Add(ctx, bad); err == nil {
		if _, err := l.Commit(ctx); err == nil {
			t.Error("a batch with invalid UTF-8 was accepted")
		}
	}
	l.Rollback()
	if n := s.query(t, `SELECT (SELECT count(*) FROM quads) + (SELECT count(*) FROM nodes)`); n[0] != "0" {
		t.Errorf("%s rows left after rolled-back loads", n[0])
	}
	if got := s.schema(t); firstDiff(want, got) != "" {
		t.Errorf("schema after rolled-back loads: %s", firstDiff(want, got))
	}
	// Write's large additions go through a Load.
	qs := genQuads(15, 6000, []quad.Value{docLabel(1), nil})
	if res, err := s.w.Add(ctx, qs); err != nil || res.Added != len(qs) {
		t.Fatalf("Add = %+v, %v; want %d added", res, err, len(qs))
	}
	if got := s.export(t); len(got) != len(qs) {
		t.Errorf("%d quads exported, want %d", len(got), len(qs))
	}
	s.checkRefs(t)
	if got := s.schema(t); firstDiff(want, got) != "" {
		t.Errorf("schema after Add: %s", firstDiff(want, got))
	}
}

// TestLoadStagedNodes loads a new store with more nodes than a Load holds
// in memory, so that they are staged: the result must be what Cayley's
// writer makes of the same quads.
func TestLoadStagedNodes(t *testing.T) {
	defer pgbulk.SetHeldNodes(50)()
	ctx := context.Background()
	a, b := newSide(t), newSide(t)
	quads := genQuads(21, 2000, []quad.Value{docLabel(1), docLabel(2), nil})
	a.cayleyApply(t, adds(distinct(map[string]bool{}, quads)))
	l, err := b.w.BeginLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range [][]quad.Quad{quads[:30], quads[30:1200], quads[1000:]} {
		if err := l.Add(ctx, part); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	compare(t, "staged nodes", a, b)
}
