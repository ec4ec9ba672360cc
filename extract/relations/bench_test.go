package relations

import (
	"syscall"
	"testing"
	"time"

	"github.com/kg-project/kg/extract/document"
)

// BenchmarkExtract measures extraction on already-parsed input (gold EWT
// dev trees) and reports words per second; the target is ≥ 300k words/s
// so that relation extraction is never the pipeline's bottleneck.
func BenchmarkExtract(b *testing.B) {
	sents := readCoNLLUFile(b, repoShared(b, "data/ud-en-ewt/en_ewt-ud-dev.conllu"))
	doc := &document.Document{}
	words := 0
	var text []byte
	for _, cs := range sents {
		s, t := fromCoNLLU(cs)
		for i := range s.Tokens {
			s.Tokens[i].Start += len(text)
			s.Tokens[i].End += len(text)
		}
		text = append(append(text, t...), ' ')
		doc.Sentences = append(doc.Sentences, s)
		words += len(s.Tokens)
	}
	doc.Text = string(text)
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		doc.Facts = doc.Facts[:0]
		Extract(doc)
	}
	reportSpeed(b, words, c0)
}

// BenchmarkCarb measures the CaRB-format renderer on the same trees.
func BenchmarkCarb(b *testing.B) {
	sents := readCoNLLUFile(b, repoShared(b, "data/ud-en-ewt/en_ewt-ud-dev.conllu"))
	var ds []document.Sentence
	words := 0
	for _, cs := range sents {
		s, _ := fromCoNLLU(cs)
		ds = append(ds, s)
		words += len(s.Tokens)
	}
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, s := range ds {
			_ = Carb(s)
		}
	}
	reportSpeed(b, words, c0)
}

// reportSpeed reports words per wall-clock second and per CPU second of
// this process; the second is stable on a machine shared with other jobs.
func reportSpeed(b *testing.B, words int, c0 time.Duration) {
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	if cpu := cpuTime() - c0; cpu > 0 {
		b.ReportMetric(float64(words)*float64(b.N)/cpu.Seconds(), "words/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
