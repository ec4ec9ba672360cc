package nlp

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kg-project/kg/extract/depparse"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/postag"
)

// modelFile reads the first of the committed model files found under
// extract/ (the packages embed the same bytes).
func modelFile(b *testing.B, names ...string) []byte {
	for _, n := range names {
		if data, err := os.ReadFile(filepath.Join("..", "..", "extract", n)); err == nil {
			return data
		}
	}
	b.Skipf("no model file among %v", names)
	return nil
}

// BenchmarkLoadAll measures what a process that runs the NLP core pays
// before its first sentence: decoding the tagger, parser and recogniser
// and using each once (so that nothing is left for first use), either one
// after the other ("sequential") or at the same time ("parallel", as
// extract.LoadModels does). It reports wall and CPU milliseconds per load of
// all three.
//
//	go test -run '^$' -bench LoadAll -benchtime 10x .
func BenchmarkLoadAll(b *testing.B) {
	tagger := modelFile(b, "postag/model/tagger.bin", "postag/model/tagger.bin.gz")
	parser := modelFile(b, "depparse/model/parser.bin", "depparse/model/parser.bin.gz")
	recog := modelFile(b, "ner/model/ner.bin")
	words := []string{"Russian", "President", "Vladimir", "Putin", "met", "Donald", "Trump", "in", "Alaska", "."}
	loaders := []func() error{
		func() error {
			t, err := postag.Load(bytes.NewReader(tagger))
			if err == nil {
				u, x := t.Tag(words)
				t.Lemmatize(words, u, x)
			}
			return err
		},
		func() error {
			p, err := depparse.Load(bytes.NewReader(parser))
			if err == nil {
				u := []string{"ADJ", "PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"}
				x := []string{"JJ", "NNP", "NNP", "NNP", "VBD", "NNP", "NNP", "IN", "NNP", "."}
				p.Parse(words, u, x)
			}
			return err
		},
		func() error {
			r, err := ner.Load(bytes.NewReader(recog))
			if err == nil {
				r.Recognize(words)
			}
			return err
		},
	}
	run := func(b *testing.B, parallel bool) {
		c0 := cpuTime(b)
		for b.Loop() {
			errs := make([]error, len(loaders))
			if parallel {
				var wg sync.WaitGroup
				for i, load := range loaders {
					wg.Go(func() { errs[i] = load() })
				}
				wg.Wait()
			} else {
				for i, load := range loaders {
					errs[i] = load()
				}
			}
			for _, err := range errs {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		n := float64(b.N)
		b.ReportMetric(float64(b.Elapsed())/float64(time.Millisecond)/n, "wall-ms/op")
		b.ReportMetric(float64(cpuTime(b)-c0)/float64(time.Millisecond)/n, "cpu-ms/op")
	}
	b.Run("sequential", func(b *testing.B) { run(b, false) })
	b.Run("parallel", func(b *testing.B) { run(b, true) })
}
