package graph

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/schema"
)

// synthDoc is one generated document's label, hash and quads.
type synthDoc struct {
	label quad.IRI
	hash  string
	quads []quad.Quad
}

// synthCorpus generates n documents shaped like the seed article's graph
// (about 900 quads: 25 entities with names, aliases and types, 70 facts
// with roles, provenance and direct edges). Entities are drawn from a
// shared pool with a skew, so popular entities recur across documents as
// they do in news.
func synthCorpus(n int, seed int64) []synthDoc {
	rng := rand.New(rand.NewSource(seed))
	const pool = 3000
	classes := []quad.IRI{schema.ClassPerson, schema.ClassOrganization, schema.ClassPlace, schema.ClassEvent}
	preds := []string{"say", "meet", "invite", "call", "visit", "warn", "sign", "hold", "urge", "reject", "title", "located_in"}
	roles := []string{"location", "time", "destination", "recipient", "topic"}
	pick := func() int { // skewed: low IDs are popular
		return int(float64(pool) * rng.Float64() * rng.Float64())
	}
	docs := make([]synthDoc, n)
	for d := range docs {
		label := quad.IRI(fmt.Sprintf("kg:doc/news/%06d.txt", d))
		var qs []quad.Quad
		add := func(s, p, o quad.Value) {
			qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: label})
		}
		hash := fmt.Sprintf("sha256:%016x", rng.Int63())
		add(label, schema.RDFType, schema.ClassNewsArticle)
		add(label, schema.Path, quad.String(fmt.Sprintf("news/%06d.txt", d)))
		add(label, schema.ContentHash, quad.String(hash))
		add(label, schema.Headline, quad.String(fmt.Sprintf("Headline number %d", d)))
		ents := make([]quad.IRI, 25)
		for i := range ents {
			e := pick()
			ents[i] = quad.IRI(fmt.Sprintf("kg:entity-%d", e))
			add(ents[i], schema.RDFType, classes[e%len(classes)])
			add(ents[i], schema.Name, quad.String(fmt.Sprintf("Entity Number %d", e)))
			add(ents[i], schema.AlternateName, quad.String(fmt.Sprintf("Number %d", e)))
			add(ents[i], schema.MentionedIn, label)
		}
		for f := 0; f < 70; f++ {
			fact := quad.IRI(fmt.Sprintf("kg:fact/%d-%d", d, f))
			pred := preds[rng.Intn(len(preds))]
			subj, obj := ents[rng.Intn(len(ents))], ents[rng.Intn(len(ents))]
			add(fact, schema.RDFType, schema.ClassFact)
			add(fact, schema.Predicate, quad.String(pred))
			add(fact, schema.Role("subject"), subj)
			add(fact, schema.Role("object"), obj)
			add(fact, schema.Role(roles[rng.Intn(len(roles))]), ents[rng.Intn(len(ents))])
			add(fact, schema.Sentence, quad.String(fmt.Sprintf("Sentence %d of document %d says that %s did %s to %s.", f, d, subj, pred, obj)))
			add(fact, schema.SentenceNum, quad.Int(f))
			add(fact, schema.Start, quad.Int(f*100))
			add(fact, schema.End, quad.Int(f*100+80))
			add(fact, schema.Confidence, quad.Float(float64(rng.Intn(1000))/1000))
			add(fact, schema.Source, label)
			add(subj, schema.Relation(pred), obj)
		}
		docs[d] = synthDoc{label: label, hash: hash, quads: dedupeQuads(qs)}
	}
	return docs
}

// relabel returns qs moved to document label (content hash quad included).
func relabel(qs []quad.Quad, label quad.IRI) []quad.Quad {
	out := make([]quad.Quad, len(qs))
	for i, q := range qs {
		q.Label = label
		if q.Predicate == schema.ContentHash || q.Predicate == schema.Path || q.Predicate == schema.Headline || q.Object == schema.ClassNewsArticle {
			q.Subject = label
		}
		if q.Predicate == schema.MentionedIn || q.Predicate == schema.Source {
			q.Object = label
		}
		out[i] = q
	}
	return out
}

func dedupeQuads(qs []quad.Quad) []quad.Quad {
	seen := map[quadKey]bool{}
	out := qs[:0]
	for _, q := range qs {
		if k := keyOf(q); !seen[k] {
			seen[k] = true
			out = append(out, q)
		}
	}
	return out
}

func corpusQuads(docs []synthDoc) int {
	n := 0
	for _, d := range docs {
		n += len(d.quads)
	}
	return n
}

// benchDocs is the corpus size of the write benchmarks: 200 documents,
// about 180k quads.
const benchDocs = 200

func startT(b *testing.B, c *cpuClock) { b.StartTimer(); c.Start() }
func stopT(b *testing.B, c *cpuClock)  { c.Stop(); b.StopTimer() }

func openBench(b *testing.B, opts Options) *Store {
	b.Helper()
	s, err := Open(context.Background(), "bolt:"+filepath.Join(b.TempDir(), "kg.db"), opts)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// cpuClock accumulates the process's CPU time (user+system) over the timed
// parts of a benchmark. On a shared, overloaded machine wall-clock rates
// mostly measure the other tenants; CPU time measures the work done.
type cpuClock struct {
	start, total time.Duration
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (c *cpuClock) Start() { c.start = processCPU() }
func (c *cpuClock) Stop()  { c.total += processCPU() - c.start }

// reportQuadRate reports quads/s of wall-clock time and quads per CPU
// second over the whole benchmark.
func reportQuadRate(b *testing.B, cpu *cpuClock, quadsPerOp int) {
	total := float64(quadsPerOp) * float64(b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), "quads/s")
	if cpu.total > 0 {
		b.ReportMetric(total/cpu.total.Seconds(), "quads/cpu-s")
	}
}

// benchLoad times load writing the corpus into a fresh bbolt store opened
// with opts, once per iteration, and reports the quad rates. Opening and
// closing the store are not timed.
func benchLoad(b *testing.B, opts Options, load func(s *Store, docs []synthDoc) error) {
	docs := synthCorpus(benchDocs, 1)
	var cpu cpuClock
	cpu.Start()
	for i := 0; i < b.N; i++ {
		stopT(b, &cpu)
		s := openBench(b, opts)
		startT(b, &cpu)
		if err := load(s, docs); err != nil {
			b.Fatal(err)
		}
		stopT(b, &cpu)
		s.Close()
		startT(b, &cpu)
	}
	reportQuadRate(b, &cpu, corpusQuads(docs))
}

// BenchmarkWriteReplaceDocument loads the corpus document by document with
// ReplaceDocument into a fresh bbolt store, as `kg build` does without a
// bulk writer.
func BenchmarkWriteReplaceDocument(b *testing.B) {
	for _, v := range []struct {
		name string
		opts Options
	}{{"fsync", Options{}}, {"nosync", Options{NoSync: true}}, {"nosync-nobloom", Options{NoSync: true, NoBloom: true}}} {
		b.Run(v.name, func(b *testing.B) {
			benchLoad(b, v.opts, func(s *Store, docs []synthDoc) error {
				for _, d := range docs {
					if _, err := s.ReplaceDocument(context.Background(), d.label, d.hash, d.quads); err != nil {
						return err
					}
				}
				return nil
			})
		})
	}
}

// BenchmarkWriteBulk loads the corpus through a BulkWriter: many documents
// per transaction, one fsync at the end.
func BenchmarkWriteBulk(b *testing.B) {
	for _, v := range []struct {
		name  string
		opts  Options
		batch int
	}{{"batch20k", Options{}, 20_000}, {"batch200k", Options{}, 200_000}, {"batch20k-nobloom", Options{NoBloom: true}, 20_000}} {
		b.Run(v.name, func(b *testing.B) {
			benchLoad(b, v.opts, func(s *Store, docs []synthDoc) error {
				w, err := s.NewBulkWriter(v.batch)
				if err != nil {
					return err
				}
				for _, d := range docs {
					if _, err := w.Replace(context.Background(), d.label, d.hash, d.quads); err != nil {
						return err
					}
				}
				return w.Close()
			})
		})
	}
}

// writeAll writes every document's quads to w and closes it.
func writeAll(w quad.WriteCloser, docs []synthDoc) error {
	for _, d := range docs {
		if _, err := w.WriteQuads(d.quads); err != nil {
			return err
		}
	}
	return w.Close()
}

// BenchmarkWriteCayleyWriter loads the same quads through Cayley's own
// batching writer (graph.NewWriter over the "single" replication writer),
// the path `cayley load` takes.
func BenchmarkWriteCayleyWriter(b *testing.B) {
	benchLoad(b, Options{}, func(s *Store, docs []synthDoc) error {
		qw, err := writer.NewSingle(s.QuadStore(), cgraph.IgnoreOpts{IgnoreDup: true})
		if err != nil {
			return err
		}
		return writeAll(cgraph.NewWriter(qw), docs)
	})
}

// BenchmarkWriteCayleyQuadWriter loads the quads through the kv backend's
// own bulk writer (QuadStore.NewQuadWriter), which commits every 200k
// quads.
func BenchmarkWriteCayleyQuadWriter(b *testing.B) {
	benchLoad(b, Options{}, func(s *Store, docs []synthDoc) error {
		w, err := s.QuadStore().NewQuadWriter()
		if err != nil {
			return err
		}
		return writeAll(w, docs)
	})
}

// loadedBench returns a bbolt store holding n synthetic documents.
func loadedBench(b *testing.B, n int) *Store {
	b.Helper()
	s := openBench(b, Options{})
	b.Cleanup(func() { s.Close() })
	w, err := s.NewBulkWriter(0)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, d := range synthCorpus(n, 1) {
		if _, err := w.Replace(ctx, d.label, d.hash, d.quads); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return s
}

// quadsOfNaive is the straightforward lookup quadsOf replaced: one Quad
// call (one read transaction, four node decodes) per quad.
func (s *Store) quadsOfNaive(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	ref, err := s.qs.ValueOf(v)
	if err != nil || ref == nil {
		return nil, err
	}
	it := s.qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, it.Err()
}

// popularEntity is the most connected entity of synthCorpus (low IDs are
// drawn most often).
const popularEntity = quad.IRI("kg:entity-0")

// BenchmarkLookup compares ways of reading the quads around a node in a
// 100-document store: every quad pointing at a popular entity, and every
// quad of one document (what ReplaceDocument reads).
func BenchmarkLookup(b *testing.B) {
	s := loadedBench(b, 100)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		dir  quad.Direction
		node quad.Value
	}{{"entity-in", quad.Object, popularEntity}, {"doc-label", quad.Label, quad.IRI("kg:doc/news/000050.txt")}} {
		for _, impl := range []struct {
			name string
			fn   func(context.Context, quad.Direction, quad.Value) ([]quad.Quad, error)
		}{{"batched", s.quadsOf}, {"per-quad", s.quadsOfNaive}} {
			b.Run(c.name+"/"+impl.name, func(b *testing.B) {
				n := 0
				for i := 0; i < b.N; i++ {
					qs, err := impl.fn(ctx, c.dir, c.node)
					if err != nil {
						b.Fatal(err)
					}
					n = len(qs)
				}
				b.ReportMetric(float64(n), "quads/op")
			})
		}
	}
}

// BenchmarkFactsAbout measures `kg rel ENTITY` on a popular entity of a
// 100-document store, against the closest Gizmo query (Cayley's generic
// shapes): the same fact nodes and their properties, without names.
func BenchmarkFactsAbout(b *testing.B) {
	s := loadedBench(b, 100)
	ctx := context.Background()
	b.Run("FactsAbout", func(b *testing.B) {
		n := 0
		for i := 0; i < b.N; i++ {
			fs, err := s.FactsAbout(ctx, popularEntity)
			if err != nil {
				b.Fatal(err)
			}
			n = len(fs)
		}
		b.ReportMetric(float64(n), "facts/op")
	})
	b.Run("gizmo", func(b *testing.B) {
		q := `g.V("<` + string(popularEntity) + `>").In().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<kgv:Fact>").Tag("fact").Out(null, "p").All()`
		n := 0
		for i := 0; i < b.N; i++ {
			res, err := s.Query(ctx, "gizmo", q, 0)
			if err != nil {
				b.Fatal(err)
			}
			n = len(res)
		}
		b.ReportMetric(float64(n), "rows/op")
	})
}
