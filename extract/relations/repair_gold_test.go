package relations

import (
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"
)

// TestRepairsRarelyFireOnGoldTrees runs the tree repairs over the gold
// EWT dev and train trees. A gold tree has no parser error, so every
// token a repair moves there is a false repair; the bound is the count
// measured when the repairs were last changed.
func TestRepairsRarelyFireOnGoldTrees(t *testing.T) {
	const maxChanged = 0
	changed := 0
	for _, f := range []string{"data/ud-en-ewt/en_ewt-ud-dev.conllu", "data/ud-en-ewt/en_ewt-ud-train.conllu"} {
		for _, cs := range readCoNLLUFile(t, conllutest.File(t, f)) {
			s, text := fromCoNLLU(cs)
			v := newView(&s)
			for i, tk := range s.Tokens {
				h := tk.Head
				if h < 0 || h >= len(s.Tokens) || h == i {
					h = -1
				}
				if v.head[i] != h || v.rel[i] != lowerASCII(tk.DepRel) {
					changed++
					t.Logf("%s\n  %q: %d %s -> %d %s", text, tk.Text, h, tk.DepRel, v.head[i], v.rel[i])
				}
			}
		}
	}
	if changed > maxChanged {
		t.Errorf("repairs changed %d gold tokens, want at most %d", changed, maxChanged)
	}
}
