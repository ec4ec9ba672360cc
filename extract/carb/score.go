package carb

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Point is one threshold of the precision/recall curve.
type Point struct {
	Confidence float64 `json:"confidence"`
	Precision  float64 `json:"precision"`
	Recall     float64 `json:"recall"`
}

// Result is a CaRB score. Precision and Recall are taken at the threshold
// with the best F1 (the first one on ties); AUC is the area under the
// precision/recall curve with the point (R=0, P=1) appended.
type Result struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	AUC       float64 `json:"auc"`
	// Threshold is the confidence at which F1 is best.
	Threshold float64 `json:"threshold"`
	// Curve has one point per distinct predicted confidence, ascending.
	Curve []Point `json:"-"`
	// GoldTuples and Predicted count what was scored.
	GoldTuples int `json:"gold_tuples"`
	Predicted  int `json:"predicted"`
}

// Score compares predictions with gold the way the reference scorer does.
// Only gold sentences are scored: predictions for other sentences do not
// count against precision, but their confidences still become thresholds.
func Score(gold, pred *Set) Result {
	// Every distinct predicted confidence is a threshold.
	seen := map[float64]bool{}
	var thr []float64
	for _, k := range pred.keys {
		for _, e := range pred.bySen[k] {
			if !seen[e.Confidence] {
				seen[e.Confidence] = true
				thr = append(thr, e.Confidence)
			}
		}
	}
	sort.Float64s(thr)
	idx := make(map[float64]int, len(thr))
	for i, c := range thr {
		idx[c] = i
	}
	n := len(thr)
	p := make([]float64, n)
	pl := make([]float64, n)
	r := make([]float64, n)
	rl := make([]float64, n)

	res := Result{GoldTuples: gold.Len(), Predicted: pred.Len()}
	for _, k := range gold.keys {
		golds := gold.bySen[k]
		preds := pred.bySen[k]
		gt := make([]tuple, len(golds))
		for i, g := range golds {
			gt[i] = newTuple(g)
		}
		pt := make([]tuple, len(preds))
		for j, e := range preds {
			pt[j] = newTuple(e)
		}
		type pr struct{ p, r float64 }
		scores := make([][]pr, len(golds))
		for i := range gt {
			scores[i] = make([]pr, len(preds))
			for j := range pt {
				a, b := matchTuples(gt[i], pt[j])
				scores[i][j] = pr{a, b}
			}
		}

		confs := make([]float64, len(preds))
		for j, e := range preds {
			confs[j] = e.Confidence
		}
		sort.Float64s(confs)
		prev := 0
		var ext []int
		rowUsed := make([]bool, len(golds))
		colUsed := make([]bool, len(preds))
		for ci, conf := range confs {
			if ci > 0 && confs[ci-1] == conf {
				// The reference loops over duplicates too, but the
				// slot range it fills is then empty.
				continue
			}
			c := idx[conf]
			ext = ext[:0]
			for j, e := range preds {
				if e.Confidence >= conf {
					ext = append(ext, j)
				}
			}
			recNum := 0.0
			for i := range scores {
				best := 0.0
				for jj, j := range ext {
					if jj == 0 || scores[i][j].r > best {
						best = scores[i][j].r
					}
				}
				recNum += best
			}
			// Greedy one-to-one matching on precision.
			for i := range rowUsed {
				rowUsed[i] = false
			}
			for j := range colUsed {
				colUsed[j] = false
			}
			precNum := 0.0
			for t := min(len(golds), len(ext)); t > 0; t-- {
				mi, mj, mp := -1, -1, -1.0
				for i := range scores {
					if rowUsed[i] {
						continue
					}
					for _, j := range ext {
						if colUsed[j] {
							continue
						}
						if scores[i][j].p > mp {
							mp, mi, mj = scores[i][j].p, i, j
						}
					}
				}
				rowUsed[mi], colUsed[mj] = true, true
				precNum += mp
			}
			for s := prev; s <= c; s++ {
				p[s] += precNum
				pl[s] += float64(len(ext))
				r[s] += recNum
				rl[s] += float64(len(golds))
			}
			prev = c + 1
		}
		for s := prev; s < n; s++ {
			rl[s] += float64(len(golds))
		}
	}

	if n == 0 {
		return res
	}
	prec := make([]float64, n)
	rec := make([]float64, n)
	bestF, bestI := -1.0, 0
	res.Curve = make([]Point, n)
	for i := range n {
		prec[i] = 1
		if pl[i] > 0 {
			prec[i] = p[i] / pl[i]
		}
		if rl[i] > 0 {
			rec[i] = r[i] / rl[i]
		}
		f := f1(prec[i], rec[i])
		if f > bestF {
			bestF, bestI = f, i
		}
		res.Curve[i] = Point{Confidence: thr[i], Precision: prec[i], Recall: rec[i]}
	}
	res.Precision, res.Recall, res.F1, res.Threshold = prec[bestI], rec[bestI], bestF, thr[bestI]
	res.AUC = auc(append(rec, 0), append(prec, 1))
	return res
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// auc is sklearn.metrics.auc: trapezoidal area, with the sign flipped when
// x is non-increasing. Recall never increases with the threshold, so the
// curve is always monotonic here; if it were not, sklearn would refuse and
// we return the absolute area.
func auc(x, y []float64) float64 {
	dir := 1.0
	inc, dec := false, false
	for i := 1; i < len(x); i++ {
		d := x[i] - x[i-1]
		if d > 0 {
			inc = true
		} else if d < 0 {
			dec = true
		}
	}
	if dec && !inc {
		dir = -1
	}
	area := 0.0
	for i := 1; i < len(x); i++ {
		area += (x[i] - x[i-1]) * (y[i] + y[i-1]) / 2
	}
	area *= dir
	if area < 0 {
		area = -area
	}
	return area
}

// WriteCurve writes the reference's .dat file: a header, then one row per
// threshold sorted (stably) by recall.
func WriteCurve(w io.Writer, res Result) error {
	pts := append([]Point(nil), res.Curve...)
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].Recall < pts[j].Recall })
	if _, err := fmt.Fprintf(w, "Precision\tRecall\tConfidence\n"); err != nil {
		return fmt.Errorf("carb: write curve: %w", err)
	}
	for _, pt := range pts {
		_, err := fmt.Fprintf(w, "%s\t%s\t%s\n", pyFloat(pt.Precision), pyFloat(pt.Recall), pyFloat(pt.Confidence))
		if err != nil {
			return fmt.Errorf("carb: write curve: %w", err)
		}
	}
	return nil
}

// pyFloat formats like Python's repr of a float (shortest round-trip form).
func pyFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eIN") {
		return s + ".0"
	}
	return s
}
