package tokenize

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir locates the read-only ../shared data directory: $KG_SHARED_DIR,
// else ../shared next to the repository root (found by walking up to go.mod).
func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("KG_SHARED_DIR"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return filepath.Join("..", "shared")
		}
		dir = parent
	}
}

// sharedFile returns the path of a file under the shared directory, or
// skips the test when it is absent.
func sharedFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(sharedDir(t), rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not available (set KG_SHARED_DIR): %v", p, err)
	}
	return p
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
