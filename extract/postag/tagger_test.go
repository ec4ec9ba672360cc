package postag

import (
	"bytes"
	"compress/gzip"
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/conllu/conllutest"
)

// tiny trains a small tagger on the first 500 EWT training sentences.
func tiny(t testing.TB) (*Tagger, []conllu.Sentence, []conllu.Sentence) {
	t.Helper()
	train := conllutest.EWT(t, "train")[:500]
	dev := conllutest.EWT(t, "dev")[:300]
	tg, err := Train(context.Background(), train, TrainOptions{Epochs: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return tg, train, dev
}

// A tagger trained on 500 sentences must beat the most-frequent-tag
// baseline learned from the same sentences.
func TestTrainBeatsMostFrequentTag(t *testing.T) {
	tg, train, dev := tiny(t)
	counts := map[string]map[string]int{}
	global := map[string]int{}
	for _, s := range train {
		for _, tok := range s.Tokens {
			if counts[tok.Form] == nil {
				counts[tok.Form] = map[string]int{}
			}
			counts[tok.Form][tok.UPOS]++
			global[tok.UPOS]++
		}
	}
	argmax := func(m map[string]int) string {
		best, bn := "", -1
		for k, n := range m {
			if n > bn || (n == bn && k < best) {
				best, bn = k, n
			}
		}
		return best
	}
	fallback := argmax(global)
	var base, words int
	for _, s := range dev {
		for _, tok := range s.Tokens {
			guess := fallback
			if m, ok := counts[tok.Form]; ok {
				guess = argmax(m)
			}
			if guess == tok.UPOS {
				base++
			}
			words++
		}
	}
	baseline := 100 * float64(base) / float64(words)
	got := tg.Evaluate(dev)
	t.Logf("UPOS %.2f (baseline %.2f), XPOS %.2f, lemma %.2f", got.UPOS, baseline, got.XPOS, got.Lemma)
	if got.UPOS <= baseline+5 {
		t.Errorf("UPOS %.2f does not clearly beat the most-frequent-tag baseline %.2f", got.UPOS, baseline)
	}
	if got.Lemma < 85 {
		t.Errorf("lemma accuracy %.2f < 85", got.Lemma)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	tg, _, dev := tiny(t)
	var a, b bytes.Buffer
	if err := tg.Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := tg.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two saves of one tagger differ")
	}
	back, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	// Weights are quantised on disk, so allow a sliver of disagreement.
	var diff, n int
	for _, s := range dev {
		w := s.Words()
		u1, x1 := tg.Tag(w)
		u2, x2 := back.Tag(w)
		l1, l2 := tg.Lemmatize(w, u1, x1), back.Lemmatize(w, u2, x2)
		for i := range w {
			n++
			if u1[i] != u2[i] || x1[i] != x2[i] || l1[i] != l2[i] {
				diff++
			}
		}
	}
	if diff*1000 > n {
		t.Errorf("%d of %d words tagged differently after Save/Load", diff, n)
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("not gzip"), gz(t, "KGTAGGER3")} {
		if _, err := Load(bytes.NewReader(in)); err == nil {
			t.Errorf("Load(%q) succeeded", in)
		}
	}
}

// gz returns a gzip stream holding a length-prefixed s and nothing else: a
// valid header for a model that ends too early.
func gz(t *testing.T, s string) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write([]byte{byte(len(s))})
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The embedded model must meet the project's targets on EWT dev.
func TestDefaultOnEWTDev(t *testing.T) {
	dev := conllutest.EWT(t, "dev")
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := tg.Evaluate(dev)
	t.Logf("EWT dev: UPOS %.2f XPOS %.2f lemma %.2f (%d words)", sc.UPOS, sc.XPOS, sc.Lemma, sc.Words)
	if sc.UPOS < 95 {
		t.Errorf("UPOS %.2f < 95", sc.UPOS)
	}
	if sc.XPOS < 94 {
		t.Errorf("XPOS %.2f < 94", sc.XPOS)
	}
	if sc.Lemma < 96 {
		t.Errorf("lemma %.2f < 96", sc.Lemma)
	}
}

func TestDefaultSmallInputs(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	u, x := tg.Tag(nil)
	if len(u) != 0 || len(x) != 0 {
		t.Errorf("Tag(nil) = %v %v", u, x)
	}
	words := []string{"The", "leaders", "met", "in", "Anchorage", "on", "Friday", "."}
	u, x = tg.Tag(words)
	lem := tg.Lemmatize(words, u, x)
	want := map[int][3]string{1: {"NOUN", "NNS", "leader"}, 2: {"VERB", "VBD", "meet"}, 4: {"PROPN", "NNP", "Anchorage"}, 7: {"PUNCT", ".", "."}}
	for i, w := range want {
		if u[i] != w[0] || x[i] != w[1] || lem[i] != w[2] {
			t.Errorf("%s: got %s/%s/%s, want %v", words[i], u[i], x[i], lem[i], w)
		}
	}
	// Mismatched tag slices must not panic.
	_ = tg.Lemmatize(words, nil, x[:2])
}

func TestConcurrentTag(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Skip(err)
	}
	sents := [][]string{
		{"She", "said", "the", "talks", "were", "productive", "."},
		{"Russia", "'s", "president", "arrived", "late", "."},
		{"I", "do", "n't", "know", "."},
	}
	want := make([][]string, len(sents))
	for i, s := range sents {
		want[i], _ = tg.Tag(s)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 200; k++ {
				i := (g + k) % len(sents)
				got, _ := tg.Tag(sents[i])
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

// tinyTwoPass trains a small two-pass tagger whose "first-pass" training
// tags are a tiny tagger's own (not jackknifed: enough to exercise the
// second pass, not to make it good).
func tinyTwoPass(t testing.TB) (*Tagger, []conllu.Sentence) {
	t.Helper()
	first, train, dev := tiny(t)
	ptrain := make([]conllu.Sentence, len(train))
	for i, s := range train {
		ptrain[i] = s
		ptrain[i].Tokens = append([]conllu.Token(nil), s.Tokens...)
		up, xp := first.Tag(s.Words())
		for j := range up {
			ptrain[i].Tokens[j].UPOS, ptrain[i].Tokens[j].XPOS = up[j], xp[j]
		}
	}
	tg, err := Train(context.Background(), train, TrainOptions{Epochs: 2, Seed: 1, Dev: dev, FirstPass: ptrain})
	if err != nil {
		t.Fatal(err)
	}
	if tg.second == nil {
		t.Fatal("no second pass trained")
	}
	return tg, dev
}

// The gated second pass must give exactly the tags of the full second pass
// when the gate lets every scored word through, and keep the first pass's
// tag of every word the gate holds back.
func TestGatedSecondPassMatchesFull(t *testing.T) {
	tg, dev := tinyTwoPass(t)
	saved := tg.gate
	defer func() { tg.gate = saved }()
	sc := &scratch{scores: make([]int32, tg.model.NumClasses())}
	for _, s := range dev {
		words := s.Words()
		sc.margins = nil
		first := tg.passCached(sc, words)
		full := tg.pass(sc, words, tg.second, first)

		tg.gate = math.MaxInt32
		if got := tg.tagClasses(words); !slices.Equal(got, full) {
			t.Fatalf("%q: gated pass with an open gate %v, full second pass %v", words, got, full)
		}
		tg.gate = 1 // only words tied between two classes go through
		got := tg.tagClasses(words)
		for i, m := range tg.firstPassMargins(words) {
			if m >= tg.gate && got[i] != first[i] {
				t.Fatalf("%q: word %d (margin %d) re-tagged behind a gate of %d", words, i, m, tg.gate)
			}
		}
		tg.gate = saved
	}
}

// A chosen gate survives Save and Load, and a model without one (flag 1,
// the format before gating) still loads as an ungated second pass.
func TestSaveLoadGate(t *testing.T) {
	tg, _ := tinyTwoPass(t)
	for _, gate := range []int32{0, 12345} {
		tg.gate = gate
		var buf bytes.Buffer
		if err := tg.Save(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := Load(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if back.second == nil || back.gate != gate {
			t.Errorf("gate %d: loaded second pass %v, gate %d", gate, back.second != nil, back.gate)
		}
	}
}

// A bare past participle right after a subject pronoun is a past tense;
// after an auxiliary or a noun it stays a participle.
func TestPastAfterSubject(t *testing.T) {
	for _, tc := range []struct {
		words, in, want string
	}{
		{"He also referenced history", "PRP RB VBN NN", "PRP RB VBD NN"},
		{"They reported gains", "PRP VBN NNS", "PRP VBD NNS"},
		{"He has referenced history", "PRP VBZ VBN NN", "PRP VBZ VBN NN"},
		{"It reported gains", "PRP VBN NNS", "PRP VBN NNS"}, // "it" can be an object
		{"the figures reported", "DT NNS VBN", "DT NNS VBN"},
	} {
		words, xpos := strings.Fields(tc.words), strings.Fields(tc.in)
		pastAfterSubject(words, xpos)
		if got := strings.Join(xpos, " "); got != tc.want {
			t.Errorf("%q: %s, want %s", tc.words, got, tc.want)
		}
	}
}
