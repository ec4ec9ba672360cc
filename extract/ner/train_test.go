package ner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// gmbSlice reads GMB and returns the first nTrain training sentences and
// the first nDev dev sentences, mapped to our types.
func gmbSlice(t *testing.T, nTrain, nDev int) (train, dev []Sentence, titles map[string]bool) {
	t.Helper()
	data := sharedData(t)
	read := func(name string) []Sentence {
		f, err := os.Open(filepath.Join(data, "gmb", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		s, err := ReadCoNLL(f)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	raw := read("train.conll")[:nTrain]
	titles = LearnTitles(raw)
	return MapGMB(raw, titles), MapGMB(read("dev.conll")[:nDev], titles), titles
}

// scoreTags scores predicted against gold tags in our types, micro over
// PER/ORG/LOC.
func scoreTags(t *testing.T, gold []Sentence, pred [][]string) float64 {
	t.Helper()
	var g, p [][]string
	mapTo := func(x string) string { return predLabel(SchemeGMB, x) }
	for k := range gold {
		g = append(g, relabel(gold[k].Tags, mapTo))
		p = append(p, relabel(pred[k], mapTo))
	}
	ev, err := Score(g, p, MicroTypes)
	if err != nil {
		t.Fatal(err)
	}
	return ev.Micro.F1
}

func TestTinyModelBeatsMemorisingBaseline(t *testing.T) {
	train, dev, titles := gmbSlice(t, 2000, 500)
	r, err := Train(context.Background(), train, TrainOptions{Epochs: 4, Seed: 7, Titles: titles})
	if err != nil {
		t.Fatal(err)
	}
	// Baseline: each word's most frequent tag in training (O if unseen).
	counts := map[string]map[string]int{}
	for _, s := range train {
		for i, w := range s.Words {
			if counts[w] == nil {
				counts[w] = map[string]int{}
			}
			counts[w][s.Tags[i]]++
		}
	}
	var base, model [][]string
	for _, s := range dev {
		b := make([]string, len(s.Words))
		for i, w := range s.Words {
			b[i] = "O"
			best := 0
			for tag, n := range counts[w] {
				if n > best || (n == best && tag < b[i]) {
					b[i], best = tag, n
				}
			}
		}
		base = append(base, b)
		model = append(model, r.tags(s.Words))
	}
	fb, fm := scoreTags(t, dev, base), scoreTags(t, dev, model)
	t.Logf("dev slice F1: baseline %.3f, tiny model %.3f", fb, fm)
	if fm < fb+0.10 {
		t.Errorf("tiny model F1 %.3f does not beat the memorising baseline %.3f by 0.10", fm, fb)
	}

	// Calibration picks a threshold that does not lower dev F1 and that
	// Recognize then honours.
	scale, minConf := r.Calibrate(dev)
	if scale <= 0 || minConf < 0 || minConf >= 1 {
		t.Fatalf("Calibrate = scale %v, threshold %v", scale, minConf)
	}
	var calibrated [][]string
	for _, s := range dev {
		for _, e := range r.Recognize(s.Words) {
			if e.Confidence < minConf || e.Confidence > 1 {
				t.Fatalf("entity with confidence %v (threshold %v)", e.Confidence, minConf)
			}
		}
		calibrated = append(calibrated, r.tags(s.Words))
	}
	if fc := scoreTags(t, dev, calibrated); fc < fm-0.01 {
		t.Errorf("calibrated F1 %.3f is below the uncalibrated %.3f", fc, fm)
	}
}

func TestTrainingIsReproducibleAndSaveLoadRoundTrips(t *testing.T) {
	train, dev, titles := gmbSlice(t, 600, 200)
	opts := TrainOptions{Epochs: 2, Seed: 3, Titles: titles}
	r1, err := Train(context.Background(), train, opts)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Train(context.Background(), train, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b1, b2, b3 bytes.Buffer
	if err := r1.Save(&b1); err != nil {
		t.Fatal(err)
	}
	if err := r2.Save(&b2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Error("two trainings with the same seed saved different models")
	}
	loaded, err := Load(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := loaded.Save(&b3); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b3.Bytes()) {
		t.Error("Save(Load(Save(m))) differs from Save(m)")
	}
	for _, s := range dev {
		if a, b := r1.Recognize(s.Words), loaded.Recognize(s.Words); !reflect.DeepEqual(a, b) {
			t.Fatalf("loaded model disagrees on %q: %v vs %v", s.Words, a, b)
		}
	}
}

func TestTrainHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := []Sentence{{Words: []string{"Bush", "spoke"}, Tags: []string{"B-PERSON", "O"}}}
	if _, err := Train(ctx, s, TrainOptions{Epochs: 1}); err == nil {
		t.Error("cancelled context: want error")
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	if _, err := Load(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("want error for non-gzip input")
	}
	var b bytes.Buffer
	r, err := Train(context.Background(), []Sentence{{Words: []string{"Bush"}, Tags: []string{"B-PERSON"}}}, TrainOptions{Epochs: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Save(&b); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bytes.NewReader(b.Bytes()[:b.Len()/2])); err == nil {
		t.Error("want error for a truncated model")
	}
}
