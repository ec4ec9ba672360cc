package pgbulk_test

import (
	"context"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph/pgbulk"
	"github.com/kg-project/kg/graph/pgbulk/pgcpu"
)

// benchQuads is the benchmarks' load: benchDocs documents of benchPerDoc
// quads shaped like kg's (per document: fact nodes of its own, arguments
// drawn from a shared pool of entities, names, offsets and confidences).
const (
	benchDocs   = 500
	benchPerDoc = 100
)

func benchQuads() (labels []quad.Value, docs [][]quad.Quad) {
	r := rand.New(rand.NewSource(42))
	for d := 0; d < benchDocs; d++ {
		label := docLabel(d)
		labels = append(labels, label)
		var qs []quad.Quad
		seen := map[string]bool{}
		add := func(s, p, o quad.Value) {
			q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: label}
			if k := q.NQuad(); !seen[k] {
				seen[k] = true
				qs = append(qs, q)
			}
		}
		add(label, predicate(0), quad.String(fmt.Sprintf("Document %d", d)))
		add(label, predicate(1), quad.String(fmt.Sprintf("sha256:%x", r.Int63())))
		for f := 0; len(qs) < benchPerDoc; f++ {
			fact := quad.IRI(fmt.Sprintf(ex+"fact/%d/%d", d, f))
			subj, obj := entity(r.Intn(5000)), entity(r.Intn(5000))
			add(fact, predicate(2), subj)
			add(fact, predicate(3), obj)
			add(fact, predicate(4), quad.String(fmt.Sprintf("verb%d", r.Intn(200))))
			add(fact, predicate(5), quad.Int(r.Intn(5000)))
			add(fact, predicate(6), quad.Float(float64(r.Intn(1000))/1000))
			add(subj, predicate(7), quad.String(fmt.Sprintf("Name %d", r.Intn(5000))))
			add(subj, predicate(8), quad.LangString{Value: "person", Lang: "en"})
			add(fact, predicate(9), label)
		}
		docs = append(docs, qs[:benchPerDoc])
	}
	return labels, docs
}

// BenchmarkWrite compares pgbulk with Cayley's own SQL writer on the same
// 50k quads, written into an emptied database each iteration, as one
// batch (an import; pgbulk's Write makes it a Load into empty tables), as
// 500 documents of 100 quads written one transaction each (kg build's
// ReplaceDocument), and as the same documents 50 to a transaction. quads/s is the figure to compare. Cayley's
// writer is slow (a round trip per node and per quad), so run with
// -benchtime=1x or 2x:
//
//	KG_TEST_POSTGRES_URL=postgres://... go test ./graph/pgbulk -run '^$' -bench Write -benchtime 2x
func BenchmarkWrite(b *testing.B) {
	ctx := context.Background()
	s := newSide(b)
	if err := s.w.EnsureIndexes(ctx); err != nil {
		b.Fatal(err)
	}
	labels, docs := benchQuads()
	var all []quad.Quad
	for _, d := range docs {
		all = append(all, d...)
	}
	meter := pgcpu.New(s.db)
	var srvCPU, cliCPU time.Duration
	// empty empties the database outside the timer and the CPU counts.
	empty := func(b *testing.B) {
		b.StopTimer()
		srv0, _ := meter.Server()
		cli0 := meter.Client()
		if _, err := s.db.Exec(`TRUNCATE quads, nodes RESTART IDENTITY`); err != nil {
			b.Fatal(err)
		}
		srv1, _ := meter.Server()
		srvCPU -= srv1 - srv0
		cliCPU -= meter.Client() - cli0
		b.StartTimer()
	}
	start := func() {
		srv, _ := meter.Server()
		srvCPU, cliCPU = -srv, -meter.Client()
	}
	report := func(b *testing.B) {
		n := float64(len(all)) * float64(b.N)
		b.ReportMetric(n/b.Elapsed().Seconds(), "quads/s")
		if srv, ok := meter.Server(); ok {
			b.ReportMetric(float64((srvCPU+srv).Microseconds())/n, "server-cpu-µs/quad")
		}
		b.ReportMetric(float64((cliCPU+meter.Client()).Microseconds())/n, "client-cpu-µs/quad")
		var stored int
		if err := s.db.QueryRow(`SELECT count(*) FROM quads`).Scan(&stored); err != nil || stored != len(all) {
			b.Fatalf("%d quads stored (%v), want %d", stored, err, len(all))
		}
	}
	b.Run("batch/cayley", func(b *testing.B) {
		start()
		for i := 0; i < b.N; i++ {
			empty(b)
			s.cayleyApply(b, adds(all))
		}
		report(b)
	})
	b.Run("batch/pgbulk", func(b *testing.B) {
		start()
		for i := 0; i < b.N; i++ {
			empty(b)
			if _, err := s.w.Add(ctx, all); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
	b.Run("documents/cayley", func(b *testing.B) {
		start()
		for i := 0; i < b.N; i++ {
			empty(b)
			for _, d := range docs {
				s.cayleyApply(b, adds(d))
			}
		}
		report(b)
	})
	b.Run("documents/pgbulk", func(b *testing.B) {
		start()
		for i := 0; i < b.N; i++ {
			empty(b)
			for j, d := range docs {
				if _, err := s.w.ReplaceLabel(ctx, labels[j], d); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b)
	})
	// Many documents per transaction, as a bulk build can group them:
	// Cayley's writer given the same groups, and pgbulk's Write, for which
	// 50 documents (5,000 quads) make a Load.
	b.Run("documents-50-per-tx/cayley", func(b *testing.B) {
		start()
		for i := 0; i < b.N; i++ {
			empty(b)
			for j := 0; j < len(docs); j += 50 {
				var group []quad.Quad
				for _, d := range docs[j:min(j+50, len(docs))] {
					group = append(group, d...)
				}
				s.cayleyApply(b, adds(group))
			}
		}
		report(b)
	})
	b.Run("documents-50-per-tx/pgbulk", func(b *testing.B) {
		start()
		for i := 0; i < b.N; i++ {
			empty(b)
			for j := 0; j < len(docs); j += 50 {
				batch := pgbulk.Batch{Replace: labels[j:min(j+50, len(docs))]}
				for _, d := range docs[j:min(j+50, len(docs))] {
					batch.Quads = append(batch.Quads, d...)
				}
				if _, err := s.w.Write(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b)
	})
}
