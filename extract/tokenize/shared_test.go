package tokenize

import (
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"
)

// sharedFile returns the path of a file under ../shared, or skips the test
// when it is absent.
func sharedFile(t testing.TB, rel string) string {
	t.Helper()
	return conllutest.File(t, rel)
}

// prf returns precision, recall and F1 from match, predicted and gold counts.
func prf(match, pred, gold int) (p, r, f1 float64) {
	if pred > 0 {
		p = float64(match) / float64(pred)
	}
	if gold > 0 {
		r = float64(match) / float64(gold)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}
