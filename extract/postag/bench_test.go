package postag

import (
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"
	"github.com/kg-project/kg/extract/internal/modelbench"
)

// BenchmarkTag tags and lemmatises EWT dev sentences and reports words/s
// (the embedded model, or the file KG_TAGGER_MODEL names).
func BenchmarkTag(b *testing.B) {
	dev := conllutest.EWT(b, "dev")
	tg := modelbench.Model(b, "KG_TAGGER_MODEL", Load, Default)
	ins := make([][]string, len(dev))
	for i, s := range dev {
		ins[i] = s.Words()
	}
	b.ResetTimer()
	c0 := modelbench.CPUTime()
	words := 0
	for i := 0; b.Loop(); i++ {
		w := ins[i%len(ins)]
		u, x := tg.Tag(w)
		tg.Lemmatize(w, u, x)
		words += len(w)
	}
	modelbench.ReportWords(b, words, c0)
}

// BenchmarkLoad measures decoding the embedded model (or KG_TAGGER_MODEL),
// also in CPU milliseconds per load, which a busy machine does not inflate.
func BenchmarkLoad(b *testing.B) {
	modelbench.TimeLoad(b, "KG_TAGGER_MODEL", func() ([]byte, error) { return modelFS.ReadFile(ModelPath) }, Load)
}
