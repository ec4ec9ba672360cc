package perceptron

import (
	"bytes"
	"math"
	"math/rand"
	"slices"
	"sort"
	"testing"
)

// toy is a 3-class problem: the class is given by feature 10+c, plus
// noise features shared by all classes.
func toy(rng *rand.Rand) ([]uint64, int) {
	c := rng.Intn(3)
	return []uint64{Hash("bias"), Mix(1, uint64(10+c)), Mix(2, uint64(rng.Intn(50)))}, c
}

func TestTrainerLearnsAndModelRoundTrips(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	tr := NewTrainer(3)
	scores := make([]float32, 3)
	for i := 0; i < 2000; i++ {
		f, gold := toy(rng)
		clear(scores)
		tr.Score(f, scores)
		tr.Tick()
		tr.Update(f, gold, Argmax(scores), 1)
	}
	m := tr.Model(1e-3)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if back.NumFeatures() != m.NumFeatures() || back.NumWeights() != m.NumWeights() {
		t.Errorf("round trip: %v -> %v", m, back)
	}
	pruned := m.Prune(0.5)
	for _, model := range []*Model{m, back, pruned} {
		right := 0
		s := make([]int32, 3)
		for i := 0; i < 300; i++ {
			f, gold := toy(rng)
			clear(s)
			model.Score(f, s)
			if Argmax(s) == gold {
				right++
			}
		}
		if right < 295 {
			t.Errorf("%v: %d/300 right", model, right)
		}
	}
	if pruned.NumWeights() >= m.NumWeights() {
		t.Errorf("pruning kept all %d weights", m.NumWeights())
	}
}

func TestReadModelRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "PCPT", "XXXX\x01\x02", "PCPT\x01\x05\xff\xff\xff\xff\x0f\x01"} {
		if _, err := ReadModel(bytes.NewReader([]byte(in))); err == nil {
			t.Errorf("ReadModel(%q) succeeded", in)
		}
	}
}

// refScore is Score written the obvious way, from the model's sorted
// feature list: what the lookup table must reproduce exactly.
func refScore(m *Model, feats []uint64, scores []int32) {
	for _, f := range feats {
		k := fold(f)
		i := sort.Search(len(m.keys), func(i int) bool { return m.keys[i] >= k })
		if i == len(m.keys) || m.keys[i] != k {
			continue
		}
		for j := m.start[i]; j < m.start[i+1]; j++ {
			scores[m.cls[j]] += int32(math.Round(float64(m.w[j]) / m.scale))
		}
	}
}

// TestScoreMatchesReference checks both table layouts against refScore on
// features that are in the model and features that are not, with models
// of one, three and many classes and rows of every length.
func TestScoreMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for _, tc := range []struct {
		classes, features, maxRow int
		narrow                    bool
	}{
		{1, 10, 1, false},
		{3, 5000, 3, false},
		{3, 1, 3, false},
		{51, 3000, 51, true},
		{102, 20000, 20, true},
		{102, 20000, 3, true},
		{4, 20000, 4, true},
	} {
		b := newBuilder(tc.classes)
		acc := make([]float64, tc.classes)
		var all []uint64
		for _, f := range uniqueSortedFeatures(rng, tc.features) {
			clear(acc)
			for n := 1 + rng.Intn(tc.maxRow); n > 0; n-- {
				acc[rng.Intn(tc.classes)] = rng.NormFloat64() * 3
			}
			b.add(fold(f), acc, 0)
			all = append(all, f)
		}
		m := b.finish()
		if (m.narrow != nil) != tc.narrow {
			t.Errorf("%d classes, rows up to %d: narrow layout %v, want %v", tc.classes, tc.maxRow, m.narrow != nil, tc.narrow)
		}
		got, want := make([]int32, tc.classes), make([]int32, tc.classes)
		for trial := 0; trial < 2000; trial++ {
			n := rng.Intn(150)
			feats := make([]uint64, n)
			for i := range feats {
				if rng.Intn(3) > 0 {
					feats[i] = all[rng.Intn(len(all))]
				} else {
					feats[i] = rng.Uint64()
				}
			}
			clear(got)
			clear(want)
			m.Score(feats, got)
			refScore(m, feats, want)
			if !slices.Equal(got, want) {
				t.Fatalf("%d classes: Score %v, want %v", tc.classes, got, want)
			}
		}
	}
}

// uniqueSortedFeatures returns n features whose keys are distinct, in key
// order (as the builder needs them).
func uniqueSortedFeatures(rng *rand.Rand, n int) []uint64 {
	seen := map[uint32]bool{}
	var out []uint64
	for len(out) < n {
		f := rng.Uint64()
		if k := fold(f); !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return fold(out[i]) < fold(out[j]) })
	return out
}

// TestReadModelExact checks that a model read back holds exactly the keys,
// rows, classes and (16-bit quantised) weights written, for weights of
// every size, and that reading it twice gives the same lookup results.
func TestReadModelExact(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	b := newBuilder(60)
	acc := make([]float64, 60)
	for _, f := range uniqueSortedFeatures(rng, 5000) {
		clear(acc)
		for n := 1 + rng.Intn(8); n > 0; n-- {
			// Magnitudes from tiny to large, so that varints of one to
			// three bytes all occur.
			acc[rng.Intn(60)] = rng.NormFloat64() * math.Pow(10, float64(rng.Intn(5)-2))
		}
		b.add(fold(f), acc, 0)
	}
	m := b.finish()
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	scale := 0.0
	for _, x := range m.w {
		scale = math.Max(scale, math.Abs(float64(x)))
	}
	scale /= 32767
	if !slices.Equal(back.keys, m.keys) || !slices.Equal(back.start, m.start) || !slices.Equal(back.cls, m.cls) {
		t.Fatal("keys, rows or classes differ after a round trip")
	}
	for i, x := range m.w {
		if want := float32(math.Round(float64(x)/scale) * scale); back.w[i] != want {
			t.Fatalf("weight %d: read %v, want %v", i, back.w[i], want)
		}
	}
	var again bytes.Buffer
	if _, err := back.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("writing a model read back gives different bytes")
	}
}
