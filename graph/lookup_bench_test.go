package graph

import (
	"context"
	"fmt"
	"testing"

	"github.com/cayleygraph/quad"
)

// loadedIndexedBench returns a bbolt store holding n synthetic documents
// (synthCorpus) with the name index schema.Mapper writes.
func loadedIndexedBench(b *testing.B, n int) *Store {
	b.Helper()
	s := openBench(b, Options{})
	b.Cleanup(func() { s.Close() })
	w, err := s.NewBulkWriter(0)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, d := range synthCorpus(n, 1) {
		if _, err := w.Replace(ctx, d.label, d.hash, withNameIndex(d.quads)); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkRel measures the steps of `kg rel A B` on synthetic stores of
// growing size (100 and 800 documents, about 100k and 800k quads with the
// name index), on the most mentioned entity (kg:entity-0, in most
// documents) and a rarer one. With direct index access the cost of a
// lookup follows what the entity is involved in, not the store's size:
// compare Resolve/index with Resolve/scan (reading every name, what
// Resolve did before the name index and still does on a miss).
func BenchmarkRel(b *testing.B) {
	ctx := context.Background()
	for _, docs := range []int{100, 800} {
		s := loadedIndexedBench(b, docs)
		const popular, rare = "Entity Number 0", "Entity Number 400"
		iri := func(name string) quad.IRI {
			n, _, err := s.Resolve(ctx, name)
			if err != nil || n == "" {
				b.Fatalf("Resolve(%q) = %q, %v", name, n, err)
			}
			return n
		}
		pop, rar := iri(popular), iri(rare)
		run := func(name string, fn func() error) {
			b.Run(fmt.Sprintf("docs=%d/%s", docs, name), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if err := fn(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		run("Resolve/index", func() error { _, _, err := s.Resolve(ctx, "entity number 400"); return err })
		run("Resolve/word", func() error { _, _, err := s.Resolve(ctx, "400"); return err })
		run("Resolve/scan", func() error { _, _, err := s.newIxReader(ctx).resolveByScan("entity number 400"); return err })
		run("Entity/popular", func() error { _, _, err := s.Entity(ctx, pop); return err })
		run("Entity/rare", func() error { _, _, err := s.Entity(ctx, rar); return err })
		run("FactsBetween/popular-rare", func() error { _, err := s.FactsBetween(ctx, pop, rar); return err })
		run("Paths/popular-rare", func() error { _, err := s.Paths(ctx, pop, rar, 3); return err })
	}
}
