package postag

import (
	"math"
	"math/rand"
	"slices"
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"
	"github.com/kg-project/kg/extract/postag/perceptron"
)

// TestFeatureGroupsMatch checks that the cached scoring's feature groups
// (self, four neighbour roles, combined) are exactly the features of
// features(), so that summing the groups gives the same scores.
func TestFeatureGroupsMatch(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	words := []string{"The", "U.S.", "economy", "grew", "3.5", "%", "in", "2024", ",", "officials", "said", "."}
	for trial := 0; trial < 20; trial++ {
		n := 1 + rng.Intn(len(words))
		sent := make([]string, n)
		for i := range sent {
			sent[i] = words[rng.Intn(len(words))]
		}
		tg := &Tagger{}
		atoms := tg.fillAtoms(nil, sent)
		for i := range sent {
			p1, p2 := uint64(rng.Intn(50)), uint64(rng.Intn(50))
			want := features(nil, atoms, i, p1, p2)
			got := asSelf(nil, &atoms[i+2])
			got = asPrev(got, &atoms[i+1])
			got = asPrev2(got, &atoms[i])
			got = asNext(got, &atoms[i+3])
			got = asNext2(got, &atoms[i+4])
			got = prevTags(got, p1, p2)
			got = combined(got, atoms, i, p1, p2)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("%q position %d: feature groups differ from features()", sent, i)
			}
		}
	}
}

// TestCachedTaggingMatches tags EWT dev with the word cache and with the
// plain left-to-right pass and requires identical classes, twice over so
// that the second round runs on a warm cache.
func TestCachedTaggingMatches(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Skip(err)
	}
	dev := conllutest.EWT(t, "dev")
	sc := &scratch{scores: make([]int32, tg.model.NumClasses())}
	for round := 0; round < 2; round++ {
		for _, s := range dev {
			words := s.Words()
			got := tg.passCached(sc, words)
			sc.atoms = tg.fillAtoms(sc.atoms[:0], words)
			want := tg.pass(sc, words, tg.model, nil)
			if !slices.Equal(got, want) {
				t.Fatalf("%q: cached pass %v, plain pass %v", words, got, want)
			}
		}
	}
}

// top2 must pick the class Argmax picks and measure its lead correctly,
// ties included.
func TestTop2(t *testing.T) {
	for _, tc := range []struct {
		scores       []int32
		best, margin int32
	}{
		{[]int32{3, 9, 4}, 1, 5},
		{[]int32{9, 9, 4}, 0, 0},
		{[]int32{-5, -7}, 0, 2},
		{[]int32{1, 2, 3, 10}, 3, 7},
		{[]int32{7}, 0, math.MaxInt32},
	} {
		b, m := top2(tc.scores)
		if b != tc.best || m != tc.margin || int(b) != perceptron.Argmax(tc.scores) {
			t.Errorf("top2(%v) = %d, %d; want %d, %d", tc.scores, b, m, tc.best, tc.margin)
		}
	}
}
