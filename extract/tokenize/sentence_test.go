package tokenize

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestEWTSentenceBoundaries evaluates sentence splitting on EWT dev: the
// sentences of each paragraph (# newpar) are joined with single spaces into
// one line and the predicted sentence ends are compared with the gold
// ones. EWT is web text (e-mails, reviews, forum posts) with many
// sentences that lack final punctuation, so this is a harder test than
// edited news; the assertion is a floor against regressions.
func TestEWTSentenceBoundaries(t *testing.T) {
	path := sharedFile(t, "data/ud-en-ewt/en_ewt-ud-dev.conllu")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var paras [][]string
	var cur []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "# newpar") || strings.HasPrefix(line, "# newdoc") {
			if len(cur) > 0 {
				paras = append(paras, cur)
			}
			cur = nil
		}
		if txt, ok := strings.CutPrefix(line, "# text = "); ok {
			cur = append(cur, txt)
		}
	}
	if len(cur) > 0 {
		paras = append(paras, cur)
	}
	var gold, pred, match int
	shown := 0
	for _, p := range paras {
		text := strings.Join(p, " ")
		goldEnds := map[int]bool{}
		off := 0
		for _, s := range p {
			off += len(s)
			goldEnds[off] = true
			off++
		}
		gold += len(p)
		sents := Segment(text)
		pred += len(sents)
		bad := false
		for _, s := range sents {
			if goldEnds[s.End] {
				match++
			} else {
				bad = true
			}
		}
		if bad && shown < 30 && os.Getenv("KG_SHOW_TOKEN_ERRORS") != "" {
			shown++
			var got []string
			for i := range sents {
				got = append(got, text[sents[i].Start:sents[i].End])
			}
			t.Logf("gold: %q\n got: %q", p, got)
		}
	}
	prec, rec, f1 := prf(match, pred, gold)
	t.Logf("EWT dev sentence ends: %d paragraphs, gold %d, predicted %d, matched %d: P=%.4f R=%.4f F1=%.4f",
		len(paras), gold, pred, match, prec, rec, f1)
	if f1 < 0.85 {
		t.Errorf("sentence boundary F1 %.4f < 0.85", f1)
	}
}
