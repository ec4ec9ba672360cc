package postag

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/conllu/conllutest"
)

// headSide is a small aux labelling for the tests: each word's relation
// and the side its head is on, as the parser's supertags are.
func headSide(sents []conllu.Sentence) [][]string {
	out := make([][]string, len(sents))
	for si, s := range sents {
		for i, t := range s.Tokens {
			rel, _, _ := strings.Cut(t.DepRel, ":")
			switch {
			case t.Head == 0:
				rel = "root"
			case t.Head-1 < i:
				rel += "/L"
			default:
				rel += "/R"
			}
			out[si] = append(out[si], rel)
		}
	}
	return out
}

// Training aux labels alongside the tags must leave the tags as they are
// (the tag weights are updated at the same steps), and the aux labels
// must beat labelling every word with the most frequent one.
func TestAuxLabelsLeaveTagsAlone(t *testing.T) {
	train := conllutest.EWT(t, "train")[:500]
	dev := conllutest.EWT(t, "dev")[:300]
	ctx := context.Background()
	plain, err := Train(ctx, train, TrainOptions{Epochs: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	joint, err := Train(ctx, train, TrainOptions{Epochs: 2, Seed: 1, Aux: headSide(train)})
	if err != nil {
		t.Fatal(err)
	}
	if plain.HasAux() || !joint.HasAux() {
		t.Fatalf("HasAux: plain %v, joint %v", plain.HasAux(), joint.HasAux())
	}
	freq := map[string]int{}
	for _, a := range headSide(train) {
		for _, l := range a {
			freq[l]++
		}
	}
	top := ""
	for l, n := range freq {
		if top == "" || n > freq[top] || (n == freq[top] && l < top) {
			top = l
		}
	}
	gold := headSide(dev)
	var right, base, words int
	for si, s := range dev {
		w := s.Words()
		up, xp := plain.Tag(w)
		jup, jxp, aux := joint.TagAux(w)
		if !slices.Equal(up, jup) || !slices.Equal(xp, jxp) {
			t.Fatalf("%q: tags with aux labels %v %v, without %v %v", w, jup, jxp, up, xp)
		}
		if len(aux) != len(w) {
			t.Fatalf("%q: %d aux labels", w, len(aux))
		}
		for i := range aux {
			words++
			if aux[i] == gold[si][i] {
				right++
			}
			if top == gold[si][i] {
				base++
			}
		}
	}
	if right <= base+words/10 {
		t.Errorf("aux labels right on %d of %d words; the most frequent label %q alone on %d", right, words, top, base)
	}
	if _, _, aux := plain.TagAux(dev[0].Words()); aux != nil {
		t.Errorf("a tagger without aux labels returned %v", aux)
	}

	// Save and Load keep the aux labels.
	var buf bytes.Buffer
	if err := joint.Save(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range dev[:50] {
		_, _, a := joint.TagAux(s.Words())
		_, _, b := back.TagAux(s.Words())
		if !slices.Equal(a, b) {
			t.Fatalf("%q: aux labels %v after Save/Load, %v before", s.Words(), b, a)
		}
	}

	// The cached pass and the plain pass agree with aux classes in the
	// model, too.
	sc := &scratch{scores: make([]int32, joint.model.NumClasses())}
	for _, s := range dev {
		words := s.Words()
		got := joint.passCached(sc, words)
		sc.atoms = joint.fillAtoms(sc.atoms[:0], words)
		if want := joint.pass(sc, words, joint.model, nil); !slices.Equal(got, want) {
			t.Fatalf("%q: cached pass %v, plain pass %v", words, got, want)
		}
	}
}

// Aux labels must cover every training word.
func TestAuxLabelsMustMatchSentences(t *testing.T) {
	train := conllutest.EWT(t, "train")[:20]
	aux := headSide(train)
	aux[3] = aux[3][1:]
	if _, err := Train(context.Background(), train, TrainOptions{Epochs: 1, Aux: aux}); err == nil || !strings.Contains(err.Error(), "sentence 4") {
		t.Errorf("error %v, want one naming sentence 4", err)
	}
	if _, err := Train(context.Background(), train, TrainOptions{Epochs: 1, Aux: aux[:5]}); err == nil {
		t.Error("aux labels for 5 of 20 sentences accepted")
	}
}
