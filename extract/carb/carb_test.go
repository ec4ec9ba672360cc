package carb

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"
)

// sharedDir returns the shared data directory, skipping the test when the
// CaRB data is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	conllutest.File(t, "data/carb/gold/dev.tsv")
	return conllutest.SharedDir(t)
}

// TestReproducesReferenceOnOpenIE5 checks the scorer against the numbers
// the original Python scorer prints for OpenIE-5's dev extractions.
func TestReproducesReferenceOnOpenIE5(t *testing.T) {
	d := sharedDir(t)
	gold, err := ReadGoldFile(filepath.Join(d, "data", "carb", "gold", "dev.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	sys, err := ReadSystemFile(filepath.Join(d, "data", "carb", "system_outputs", "openie5.dev.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if got := gold.Len(); got != 2548 {
		t.Errorf("gold tuples = %d, want 2548", got)
	}
	if got := len(gold.Keys()); got != 638 {
		t.Errorf("gold sentences = %d, want 638", got)
	}
	res := Score(gold, sys)
	want := map[string][2]float64{
		"precision": {res.Precision, 0.525691},
		"recall":    {res.Recall, 0.405924},
		"f1":        {res.F1, 0.458109},
		"auc":       {res.AUC, 0.240210},
		"threshold": {res.Threshold, 0.1760886526469026},
	}
	for name, v := range want {
		if math.Abs(v[0]-v[1]) > 1e-6 {
			t.Errorf("%s = %.6f, want %.6f", name, v[0], v[1])
		}
	}
	if len(res.Curve) != 676 {
		t.Errorf("thresholds = %d, want 676", len(res.Curve))
	}
}

func TestMatchQuirks(t *testing.T) {
	g := Extraction{Rel: "was born in", Args: []string{"Barack Obama", "Hawaii"}}
	tests := []struct {
		name     string
		g, e     Extraction
		prec, rc float64
	}{
		{"exact", g, g, 1, 1},
		{"relation must share a word", g, Extraction{Rel: "lives", Args: []string{"Barack Obama", "Hawaii"}}, 0, 0},
		{"missing arg2 fails", g, Extraction{Rel: "was born in", Args: []string{"Barack Obama"}}, 0, 0},
		// rel 2/2 of pred, 2/3 of gold; args 2/2, 1/1 → p 5/5, r 5/6.
		{"partial relation", g, Extraction{Rel: "born in", Args: []string{"Barack Obama", "Hawaii"}}, 1, 5.0 / 6},
		// "be" in the prediction matches any form of be in gold.
		{"be bonus", Extraction{Rel: "is", Args: []string{"Obama", "president"}},
			Extraction{Rel: "be", Args: []string{"Obama", "president"}}, 1, 1},
		{"case sensitive", Extraction{Rel: "is", Args: []string{"Obama", "President"}},
			Extraction{Rel: "is", Args: []string{"Obama", "president"}}, 2.0 / 3, 2.0 / 3},
		// n-ary arguments are binarised: arg2..argN joined.
		{"binarised", Extraction{Rel: "met", Args: []string{"Trump", "Putin", "in Alaska"}},
			Extraction{Rel: "met", Args: []string{"Trump", "Putin in", "Alaska"}}, 1, 1},
		// said-type relations also try the arguments reversed.
		{"said reversed", Extraction{Rel: "said", Args: []string{"Putin", "talks were useful"}},
			Extraction{Rel: "said", Args: []string{"talks were useful", "Putin"}}, 1, 1},
		{"not said: no reversal", Extraction{Rel: "met", Args: []string{"Putin", "Trump"}},
			Extraction{Rel: "met", Args: []string{"Trump", "Putin"}}, 1.0 / 3, 1.0 / 3},
	}
	for _, tc := range tests {
		p, r := Match(tc.g, tc.e)
		if math.Abs(p-tc.prec) > 1e-12 || math.Abs(r-tc.rc) > 1e-12 {
			t.Errorf("%s: got (%.4f, %.4f), want (%.4f, %.4f)", tc.name, p, r, tc.prec, tc.rc)
		}
	}
}

func TestNormalizeKey(t *testing.T) {
	a := NormalizeKey("He said -LRB- quietly -RRB- , `` no . ''")
	b := NormalizeKey("He said (quietly), \"no.\"")
	if a != b || a != "Hesaidquietlyno" {
		t.Errorf("keys differ: %q vs %q", a, b)
	}
}

func TestScoreSmall(t *testing.T) {
	gold, err := ReadGold(strings.NewReader(
		"A met B .\tmet\tA\tB\n" +
			"A met B .\tis\tA\tperson\tC: context\n" +
			"Other sentence .\tis\tX\tY\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := gold.Get(NormalizeKey("A met B ."))[1].Args; len(got) != 2 {
		t.Fatalf("C: argument not dropped: %q", got)
	}
	sys, err := ReadSystem(strings.NewReader(
		"A met B .\t0.9\tmet\tA\tB\n" +
			"A met B .\t0.2\tlikes\tA\tB\n" +
			"Unscored .\t0.5\tx\ty\tz\n"))
	if err != nil {
		t.Fatal(err)
	}
	res := Score(gold, sys)
	// Thresholds 0.2, 0.5, 0.9. At 0.9: P = 1/1, R = 1/3 → best F1 0.5.
	if len(res.Curve) != 3 {
		t.Fatalf("curve has %d points, want 3", len(res.Curve))
	}
	if math.Abs(res.F1-0.5) > 1e-12 || res.Threshold != 0.5 {
		t.Errorf("F1 %.4f at %.2f, want 0.5 at 0.5 (first index of the tie)", res.F1, res.Threshold)
	}
	var b strings.Builder
	if err := WriteTabbed(&b, "A\tB", Extraction{Rel: "r", Args: []string{"x"}, Confidence: 0.25}); err != nil {
		t.Fatal(err)
	}
	if b.String() != "A B\t0.25\tr\tx\n" {
		t.Errorf("WriteTabbed = %q", b.String())
	}
}
