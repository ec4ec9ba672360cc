// Package nlp benchmarks kg's own NLP core against prose v3 on the same
// Reuters text, in one run, so the ratio is measured side by side on the
// same (shared, noisy) machine. It is a separate module so that prose stays
// out of kg's own go.mod: it is a baseline, not a dependency.
//
//	cd bench/nlp && go test -run '^$' -bench . -benchtime 1x -cpu 1
package nlp

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jdkato/prose/v3"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/document"
)

// corpus reads the text of the first n Reuters articles.
func corpus(b testing.TB, n int) []string {
	dir := os.Getenv("KG_SHARED_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	f, err := os.Open(filepath.Join(dir, "data", "corpus", "reuters21578.jsonl"))
	if err != nil {
		b.Skipf("Reuters corpus not available (%v); set KG_SHARED_DIR", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() && len(texts) < n {
		var a struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &a) == nil && a.Text != "" {
			texts = append(texts, a.Text)
		}
	}
	return texts
}

// docCount is how many Reuters articles the benchmark reads: 1000, or
// KG_BENCH_NLP_DOCS (bench/run.sh --quick uses fewer for a smoke run).
func docCount(b *testing.B) int {
	v := os.Getenv("KG_BENCH_NLP_DOCS")
	if v == "" {
		return 1000
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("KG_BENCH_NLP_DOCS=%q: want a positive number", v)
	}
	return n
}

// BenchmarkNLPvsProse runs tokenize+tag+parse+NER (ours) and prose's
// tokenize+POS+NER over the same articles and reports both speeds and the
// ratio. Word counts are our tokens for both, so the rates are comparable.
func BenchmarkNLPvsProse(b *testing.B) {
	texts := corpus(b, docCount(b))
	full, err := extract.NewDefault()
	if err != nil {
		b.Fatal(err)
	}
	// The NLP core: the first four stages (segment, tag, parse, entities).
	core := &extract.Pipeline{Stages: full.Stages[:4]}
	ctx := context.Background()
	words := 0
	for _, t := range texts {
		d := &document.Document{Text: t}
		if err := core.Process(ctx, d); err != nil {
			b.Fatal(err)
		}
		for _, s := range d.Sentences {
			words += len(s.Tokens)
		}
	}
	// Warm prose up too (its models load on first use), as the pass above
	// warmed ours.
	if doc, err := prose.NewDocument(texts[0]); err != nil {
		b.Fatal(err)
	} else {
		_ = doc.Entities()
	}
	b.ResetTimer()
	// The three are interleaved article by article rather than run one
	// after the other, so that a change in the machine's load (it is
	// shared) hits all three alike. Each is timed twice: wall time, and the
	// process's CPU time (user + system), which other processes on the
	// machine do not inflate; with -cpu 1 only one goroutine runs Go code
	// at a time, so the process CPU time is this work plus its garbage
	// collection.
	var ours, theirs, pipeline, oursCPU, theirsCPU, pipelineCPU time.Duration
	measure := func(wall, cpu *time.Duration, fn func() error) {
		c0, w0 := cpuTime(b), time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		*wall += time.Since(w0)
		*cpu += cpuTime(b) - c0
	}
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			measure(&ours, &oursCPU, func() error {
				return core.Process(ctx, &document.Document{Text: t})
			})
			measure(&theirs, &theirsCPU, func() error {
				doc, err := prose.NewDocument(t)
				if err == nil {
					_ = doc.Entities()
				}
				return err
			})
			measure(&pipeline, &pipelineCPU, func() error {
				return full.Process(ctx, &document.Document{Text: t})
			})
		}
	}
	n := float64(words) * float64(b.N)
	b.ReportMetric(n/oursCPU.Seconds(), "kg_words/cpu_s")
	b.ReportMetric(n/pipelineCPU.Seconds(), "kg_full_words/cpu_s")
	b.ReportMetric(n/theirsCPU.Seconds(), "prose_words/cpu_s")
	b.ReportMetric(theirsCPU.Seconds()/oursCPU.Seconds(), "cpu_ratio")
	b.ReportMetric(n/ours.Seconds(), "kg_words/s")
	b.ReportMetric(n/pipeline.Seconds(), "kg_full_words/s")
	b.ReportMetric(n/theirs.Seconds(), "prose_words/s")
	b.ReportMetric(theirs.Seconds()/ours.Seconds(), "ratio")
}

// cpuTime returns the CPU time (user + system) the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
