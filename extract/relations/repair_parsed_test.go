package relations

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"
)

// TestRepairsHelpOnParsedTrees parses the EWT dev sentences with the
// models and checks, against the gold trees, that the tree repairs fix
// more heads than they break: a repair that fired on a correct
// attachment made it wrong. Skipped in -short mode (it parses 2,000
// sentences).
func TestRepairsHelpOnParsedTrees(t *testing.T) {
	if testing.Short() {
		t.Skip("parses the EWT dev set")
	}
	sents := readCoNLLUFile(t, conllutest.File(t, "data/ud-en-ewt/en_ewt-ud-dev.conllu"))
	tg, p := models(t)
	fixed, broke, other := 0, 0, 0
	for _, cs := range sents {
		gold, text := fromCoNLLU(cs)
		s, _ := fromCoNLLU(cs)
		tagParse(tg, p, &s)
		v := newView(&s)
		for i, tk := range s.Tokens {
			h := tk.Head
			if h < 0 || h >= len(s.Tokens) || h == i {
				h = -1
			}
			if v.head[i] == h {
				continue
			}
			g := gold.Tokens[i].Head
			switch {
			case h == g:
				broke++
				t.Logf("broke %q in %s", tk.Text, text)
			case v.head[i] == g:
				fixed++
				t.Logf("fixed %q in %s", tk.Text, text)
			default:
				other++
				t.Logf("moved %q (still wrong) in %s", tk.Text, strings.TrimSpace(text))
			}
		}
	}
	t.Logf("repairs on parsed EWT dev: %d heads fixed, %d broken, %d moved and still wrong", fixed, broke, other)
	if broke > fixed {
		t.Errorf("repairs break more heads (%d) than they fix (%d)", broke, fixed)
	}
}
