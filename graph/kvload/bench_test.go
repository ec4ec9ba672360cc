package kvload_test

import (
	"context"
	"fmt"
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

// BenchmarkLoad is Load alone on the same quads, for profiling.
func BenchmarkLoad(b *testing.B) {
	for _, mmapSize := range []int{0, 1 << 30} {
		b.Run(fmt.Sprint("mmap=", mmapSize), func(b *testing.B) {
			qs := genQuads(2400, 0, 11)
			ctx := context.Background()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				d := newStore(b)
				b.StartTimer()
				db, err := bolt.Open(filepath.Join(d, "indexes.bolt"), 0o644, &bolt.Options{NoSync: true, NoGrowSync: true, InitialMmapSize: mmapSize})
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
			}
			b.ReportMetric(float64(len(qs)*b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// BenchmarkLoadChunks is Load on the same quads in transactions of
// different sizes.
func BenchmarkLoadChunks(b *testing.B) {
	qs := genQuads(2400, 0, 11)
	ctx := context.Background()
	for _, chunk := range []int{10_000, 25_000, 50_000, 100_000, len(qs)} {
		b.Run(fmt.Sprint(chunk), func(b *testing.B) {
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				d := newStore(b)
				b.StartTimer()
				c0 := cpuTime()
				db, err := bolt.Open(filepath.Join(d, "indexes.bolt"), 0o644, &bolt.Options{NoSync: true, NoGrowSync: true})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := kvload.LoadChunks(ctx, db, qs, chunk); err != nil {
					b.Fatal(err)
				}
				if err := db.Sync(); err != nil {
					b.Fatal(err)
				}
				if err := db.Close(); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - c0
			}
			b.ReportMetric(float64(len(qs)*b.N)/cpu.Seconds(), "quads/cpu-s")
		})
	}
}
