package carb

import "strings"

// tuple is an extraction split into words, with its arguments binarised
// (arg1, and everything after it joined into arg2) as the reference matcher
// does before comparing.
type tuple struct {
	rel     []string
	rawRel  string
	args    [][]string // binarised
	revArgs [][]string // said-type reversal: [args[1:]..., args[0]]; nil if < 2 args
}

func newTuple(e Extraction) tuple {
	t := tuple{rel: strings.Fields(e.Rel), rawRel: e.Rel}
	switch {
	case len(e.Args) >= 2:
		rest := joinFields(e.Args[1:])
		t.args = [][]string{strings.Fields(e.Args[0]), rest}
		t.revArgs = [][]string{rest, strings.Fields(e.Args[0])}
	case len(e.Args) == 1:
		t.args = [][]string{strings.Fields(e.Args[0])}
	}
	return t
}

// joinFields returns the words of the arguments joined by spaces, i.e.
// `" ".join(args).split()`.
func joinFields(args []string) []string {
	var out []string
	for _, a := range args {
		out = append(out, strings.Fields(a)...)
	}
	return out
}

// saidVerbs mark gold relations of reported speech; for them the reference
// also tries the prediction with its arguments reversed, because annotators
// and systems disagree on whether the speaker or the content comes first.
var saidVerbs = []string{"said", "told", "added", "adds", "says"}

var beForms = []string{"be", "is", "am", "are", "was", "were", "been", "being"}

// Match scores predicted extraction e against gold extraction g and returns
// (precision, recall) exactly as CaRB's binary_linient_tuple_match does.
func Match(g, e Extraction) (prec, rec float64) {
	return matchTuples(newTuple(g), newTuple(e))
}

func matchTuples(g, e tuple) (float64, float64) {
	p, r := lenient(g, e.rel, e.args)
	said := false
	for _, v := range saidVerbs {
		if strings.Contains(g.rawRel, v) {
			said = true
			break
		}
	}
	if !said {
		return p, r
	}
	eargs := e.args
	if e.revArgs != nil {
		eargs = e.revArgs
	}
	rp, rr := lenient(g, e.rel, eargs)
	// Python's max over [prec, rec] lists: lexicographic, first wins ties.
	if rp > p || (rp == p && rr > r) {
		return rp, rr
	}
	return p, r
}

// countMatches counts gold words found in pred as a multiset (each
// predicted word used at most once) and returns the unused predicted words.
func countMatches(gold, pred []string) (int, []string) {
	left := append([]string(nil), pred...)
	m := 0
	for _, w := range gold {
		for j, p := range left {
			if p == w {
				m++
				left = append(left[:j], left[j+1:]...)
				break
			}
		}
	}
	return m, left
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// lenient is the reference linient_tuple_match ("STRICTER MATCH" version):
// word-level precision and recall over relation and arguments, zero unless
// the relation shares a word, and zero when the prediction lacks arg1/arg2
// that the gold has.
func lenient(g tuple, erel []string, eargs [][]string) (float64, float64) {
	pNum, pDen, rNum, rDen := 0, len(erel), 0, len(g.rel)
	m, left := countMatches(g.rel, erel)
	if contains(left, "be") {
		for _, f := range beForms {
			if contains(g.rel, f) {
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0, 0
	}
	pNum += m
	rNum += m
	for i, ga := range g.args {
		rDen += len(ga)
		if i >= len(eargs) {
			if i < 2 {
				return 0, 0
			}
			continue
		}
		pDen += len(eargs[i])
		am, _ := countMatches(ga, eargs[i])
		pNum += am
		rNum += am
	}
	var p, r float64
	if pDen != 0 {
		p = float64(pNum) / float64(pDen)
	}
	if rDen != 0 {
		r = float64(rNum) / float64(rDen)
	}
	return p, r
}
