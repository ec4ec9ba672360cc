package relations

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"
)

// TestDumpEWT prints extractions for gold EWT trees when KG_DUMP=N is set;
// a development aid, silent otherwise.
func TestDumpEWT(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("KG_DUMP"))
	if n == 0 {
		t.Skip("set KG_DUMP=N to print extractions for N EWT dev sentences")
	}
	sents := readCoNLLUFile(t, conllutest.File(t, "data/ud-en-ewt/en_ewt-ud-dev.conllu"))
	for _, cs := range sents[:min(n, len(sents))] {
		s, text := fromCoNLLU(cs)
		fmt.Println("#", text)
		for _, e := range Carb(s) {
			fmt.Printf("  C %.2f  %s | %v\n", e.Confidence, e.Rel, e.Args)
		}
		for _, f := range ExtractSentence(s, text) {
			fmt.Printf("  F %.2f  %s(", f.Confidence, f.Predicate)
			for _, a := range f.Args {
				fmt.Printf(" %s=%q", a.Role, a.Text)
			}
			fmt.Printf(" ) neg=%v mod=%s\n", f.Negated, f.Modality)
		}
	}
}
