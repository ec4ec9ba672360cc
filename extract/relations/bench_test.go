package relations

import (
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"

	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/extract/internal/modelbench"
)

// BenchmarkExtract measures extraction on already-parsed input (gold EWT
// dev trees) and reports words per second; the target is ≥ 300k words/s
// so that relation extraction is never the pipeline's bottleneck.
func BenchmarkExtract(b *testing.B) {
	sents := readCoNLLUFile(b, conllutest.File(b, "data/ud-en-ewt/en_ewt-ud-dev.conllu"))
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
	c0 := modelbench.CPUTime()
	for i := 0; i < b.N; i++ {
		doc.Facts = doc.Facts[:0]
		Extract(doc)
	}
	modelbench.ReportWords(b, words*b.N, c0)
}

// BenchmarkCarb measures the CaRB-format renderer on the same trees.
func BenchmarkCarb(b *testing.B) {
	sents := readCoNLLUFile(b, conllutest.File(b, "data/ud-en-ewt/en_ewt-ud-dev.conllu"))
	var ds []document.Sentence
	words := 0
	for _, cs := range sents {
		s, _ := fromCoNLLU(cs)
		ds = append(ds, s)
		words += len(s.Tokens)
	}
	b.ResetTimer()
	c0 := modelbench.CPUTime()
	for i := 0; i < b.N; i++ {
		for _, s := range ds {
			_ = Carb(s)
		}
	}
	modelbench.ReportWords(b, words*b.N, c0)
}
