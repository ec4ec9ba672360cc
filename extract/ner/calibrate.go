package ner

import (
	"math"
)

// Calibrate fits how confidences are computed, on held-out sentences whose
// Tags use our types (GMB dev for the committed model):
//
//   - the scale that turns max-marginal score differences into
//     probabilities is the one with the lowest log loss of "this entity is
//     exactly right" over the recognised entities;
//   - the minimum confidence below which Recognize drops an entity is the
//     one with the best micro F1 over all types. Dropping the least
//     certain names mostly removes false alarms, which is what matters on
//     text unlike the training data.
//
// It returns the chosen scale and threshold. r must not be in use by other
// goroutines while it is calibrated.
func (r *Recognizer) Calibrate(sents []Sentence) (scale, minConf float64) {
	type gold map[span]bool
	golds := make([]gold, len(sents))
	nGold := 0
	for k, s := range sents {
		golds[k] = gold{}
		for _, c := range chunks(s.Tags) {
			golds[k][c] = true
			nGold++
		}
	}
	r.minConf = 0
	bestLoss := math.Inf(1)
	best := r.scale
	for _, sc := range []float32{0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 1} {
		r.scale = sc
		loss := 0.0
		for k, s := range sents {
			for _, e := range r.Recognize(s.Words) {
				c := min(max(e.Confidence, 1e-4), 1-1e-4)
				if golds[k][span{e.Start, e.End, string(e.Type)}] {
					loss -= math.Log(c)
				} else {
					loss -= math.Log(1 - c)
				}
			}
		}
		if loss < bestLoss {
			bestLoss, best = loss, sc
		}
	}
	r.scale = best
	// Threshold: collect (confidence, correct) once, then sweep.
	type scored struct {
		conf    float64
		correct bool
	}
	var all []scored
	for k, s := range sents {
		for _, e := range r.Recognize(s.Words) {
			all = append(all, scored{e.Confidence, golds[k][span{e.Start, e.End, string(e.Type)}]})
		}
	}
	bestF, bestTh := -1.0, 0.0
	for th := 0.0; th < 0.95; th += 0.05 {
		correct, pred := 0, 0
		for _, x := range all {
			if x.conf >= th {
				pred++
				if x.correct {
					correct++
				}
			}
		}
		if f := prf(correct, nGold, pred).F1; f > bestF+1e-9 {
			bestF, bestTh = f, th
		}
	}
	r.minConf = float32(bestTh)
	return float64(r.scale), float64(r.minConf)
}
