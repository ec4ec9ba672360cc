package kvload_test

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	bolt "go.etcd.io/bbolt"

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/kvload"
)

// cpuTime is the process's user+system CPU time so far. Wall time swings
// with the load of a shared machine; CPU time much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoadVsCayley loads the same ~200k quads into two empty kg
// stores, once through Cayley's writer (ApplyDeltas in batches of 20k,
// as Store.Import did) and once with Load, both without per-commit fsync
// and with one sync at the end, and reports each one's quads per second
// and per CPU-second and the ratios (kvload over Cayley).
func BenchmarkLoadVsCayley(b *testing.B) {
	qs := genQuads(2400, 0, 11)
	ctx := context.Background()
	var cayW, cayC, kvW, kvC time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a, d := newStore(b), newStore(b)
		b.StartTimer()

		w0, c0 := time.Now(), cpuTime()
		s, err := graph.Open(ctx, "bolt:"+a, graph.Options{NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		for j := 0; j < len(qs); j += 20000 {
			batch := qs[j:min(j+20000, len(qs))]
			deltas := make([]cgraph.Delta, len(batch))
			for k, q := range batch {
				deltas[k] = cgraph.Delta{Quad: q, Action: cgraph.Add}
			}
			if err := s.QuadStore().ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		cayW += time.Since(w0)
		cayC += cpuTime() - c0

		w0, c0 = time.Now(), cpuTime()
		db, err := bolt.Open(filepath.Join(d, "indexes.bolt"), 0o644, &bolt.Options{NoSync: true, NoGrowSync: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := kvload.Load(ctx, db, qs); err != nil {
			b.Fatal(err)
		}
		if err := db.Sync(); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		kvW += time.Since(w0)
		kvC += cpuTime() - c0
	}
	n := float64(len(qs)) * float64(b.N)
	rate := func(d time.Duration) float64 { return n / d.Seconds() }
	b.ReportMetric(float64(len(qs)), "quads")
	b.ReportMetric(rate(cayW), "cayley-quads/s")
	b.ReportMetric(rate(kvW), "kvload-quads/s")
	b.ReportMetric(rate(cayC), "cayley-quads/cpu-s")
	b.ReportMetric(rate(kvC), "kvload-quads/cpu-s")
	b.ReportMetric(cayW.Seconds()/kvW.Seconds(), "speedup-wall")
	b.ReportMetric(cayC.Seconds()/kvC.Seconds(), "speedup-cpu")
}
