package postag

import (
	"bytes"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/kg-project/kg/extract/conllu/conllutest"
)

func benchTagger(b *testing.B) *Tagger {
	if path := os.Getenv("KG_TAGGER_MODEL"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		t, err := Load(f)
		if err != nil {
			b.Fatal(err)
		}
		return t
	}
	t, err := Default()
	if err != nil {
		b.Skip(err)
	}
	return t
}

// cpuTime is the CPU time used by the process so far. Benchmarks report
// words per CPU-second besides words per wall-second because the machines
// this runs on are often shared, and wall time then measures the neighbours.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTag tags and lemmatises EWT dev sentences and reports words/s.
func BenchmarkTag(b *testing.B) {
	dev := conllutest.EWT(b, "dev")
	tg := benchTagger(b)
	ins := make([][]string, len(dev))
	for i, s := range dev {
		ins[i] = s.Words()
	}
	b.ResetTimer()
	c0 := cpuTime()
	words := 0
	for i := 0; b.Loop(); i++ {
		w := ins[i%len(ins)]
		u, x := tg.Tag(w)
		tg.Lemmatize(w, u, x)
		words += len(w)
	}
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
	if c := cpuTime() - c0; c > 0 {
		b.ReportMetric(float64(words)/c.Seconds(), "words/cpu-s")
	}
}

// BenchmarkLoad measures decoding the embedded model (or KG_TAGGER_MODEL) (reported also in
// CPU milliseconds per load, which a busy machine does not inflate).
func BenchmarkLoad(b *testing.B) {
	data, err := modelFS.ReadFile(ModelPath)
	if path := os.Getenv("KG_TAGGER_MODEL"); path != "" {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		b.Skip(err)
	}
	c0, n := cpuTime(), 0
	for b.Loop() {
		if _, err := Load(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(n), "cpu-ms/op")
}
