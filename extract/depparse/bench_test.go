package depparse

import (
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"
	"github.com/kg-project/kg/extract/internal/modelbench"
)

// BenchmarkParse parses EWT dev sentences (gold tags, and gold supertags
// for a parser that uses them) and reports words/s (the embedded model, or
// the file KG_PARSER_MODEL names).
func BenchmarkParse(b *testing.B) {
	dev := conllutest.EWT(b, "dev")
	p := modelbench.Model(b, "KG_PARSER_MODEL", Load, Default)
	type in struct{ w, u, x, s []string }
	ins := make([]in, len(dev))
	for i, s := range dev {
		ins[i] = in{s.Words(), s.UPOS(), s.XPOS(), nil}
		if p.Supertagged() {
			ins[i].s = Supertags(&dev[i])
		}
	}
	b.ResetTimer()
	c0 := modelbench.CPUTime()
	words := 0
	for i := 0; b.Loop(); i++ {
		s := ins[i%len(ins)]
		p.ParseWith(s.w, s.u, s.x, s.s)
		words += len(s.w)
	}
	modelbench.ReportWords(b, words, c0)
}

// BenchmarkLoad measures decoding the embedded model (or KG_PARSER_MODEL),
// also in CPU milliseconds per load, which a busy machine does not inflate.
func BenchmarkLoad(b *testing.B) {
	modelbench.TimeLoad(b, "KG_PARSER_MODEL", func() ([]byte, error) { return modelFS.ReadFile(ModelPath) }, Load)
}
