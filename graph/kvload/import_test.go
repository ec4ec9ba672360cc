package kvload_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kg-project/kg/graph"
)

// TestStoreImportUsesLoaderCorrectly checks graph.Store.Import on bbolt,
// which writes through this package, against Import into the in-memory
// store (Cayley's writer), and that the same open Store keeps writing
// correctly afterwards: Cayley's caches must not have gone stale.
func TestStoreImportUsesLoaderCorrectly(t *testing.T) {
	ctx := context.Background()
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	qs := genQuads(200, 0, 21)
	if _, err := w.WriteQuads(qs); err != nil {
		t.Fatal(err)
	}
	w.Close()

	mem, err := graph.Open(ctx, "mem:", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	dir := newStore(t)
	bs, err := graph.Open(ctx, "bolt:"+dir, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer bs.Close()
	for _, s := range []*graph.Store{mem, bs} {
		n, err := s.Import(ctx, bytes.NewReader(buf.Bytes()), "a.nq")
		if err != nil || n == 0 {
			t.Fatalf("import into %s: %d, %v", s.Spec(), n, err)
		}
		// Importing again adds nothing.
		if n, err := s.Import(ctx, bytes.NewReader(buf.Bytes()), "a.nq"); err != nil || n != 0 {
			t.Fatalf("second import into %s: %d, %v", s.Spec(), n, err)
		}
		// Documents replaced through Cayley on the same open store: an
		// existing document about known entities, and a new one.
		doc := quad.IRI("kg:doc/news/000003.txt")
		var repl []quad.Quad
		for _, q := range genQuads(1, 3, 99) {
			if q.Label != nil {
				repl = append(repl, q)
			}
		}
		if _, err := s.ReplaceDocument(ctx, doc, "", repl); err != nil {
			t.Fatal(err)
		}
		var fresh []quad.Quad
		for _, q := range genQuads(1, 900, 98) {
			if q.Label != nil {
				fresh = append(fresh, q)
			}
		}
		if _, err := s.ReplaceDocument(ctx, quad.IRI("kg:doc/news/000900.txt"), "", fresh); err != nil {
			t.Fatal(err)
		}
	}
	exp := func(s *graph.Store) []string {
		var out bytes.Buffer
		if err := s.Export(ctx, &out, "nquads"); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		slices.Sort(lines)
		return lines
	}
	a, b := exp(mem), exp(bs)
	if !slices.Equal(a, b) {
		t.Fatalf("bbolt store after Import and replacements has %d quads, in-memory store %d", len(b), len(a))
	}
	sa, err := mem.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := bs.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sa.Quads != sb.Quads || sa.Facts != sb.Facts || sa.Entities != sb.Entities {
		t.Fatalf("stats differ: mem %+v, bolt %+v", sa, sb)
	}
}
