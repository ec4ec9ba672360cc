package perceptron

import (
	"bytes"
	"math/rand"
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
