package nlp

import (
	"context"
	"testing"
	"time"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/document"
)

// BenchmarkCore runs only kg's NLP core (segment, tag, parse, entities)
// over the Reuters articles and reports words per CPU-second for the whole
// core and for each stage. It is BenchmarkNLPvsProse without the prose
// baseline, for profiling and for quick before/after comparisons:
//
//	go test -run '^$' -bench Core -benchtime 3x -cpu 1 -cpuprofile /tmp/core.prof .
func BenchmarkCore(b *testing.B) {
	texts := corpus(b, docCount(b))
	full, err := extract.NewDefault()
	if err != nil {
		b.Fatal(err)
	}
	stages := full.Stages[:4]
	ctx := context.Background()
	words := 0
	for _, t := range texts {
		d := &document.Document{Text: t}
		for _, s := range stages {
			if err := s.Process(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
		for _, s := range d.Sentences {
			words += len(s.Tokens)
		}
	}
	b.ResetTimer()
	cpu := make([]time.Duration, len(stages))
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			d := &document.Document{Text: t}
			for k, s := range stages {
				c0 := cpuTime(b)
				if err := s.Process(ctx, d); err != nil {
					b.Fatal(err)
				}
				cpu[k] += cpuTime(b) - c0
			}
		}
	}
	n := float64(words) * float64(b.N)
	var total time.Duration
	for k, s := range stages {
		total += cpu[k]
		b.ReportMetric(n/cpu[k].Seconds(), s.Name()+"_words/cpu_s")
	}
	b.ReportMetric(n/total.Seconds(), "kg_words/cpu_s")
}
