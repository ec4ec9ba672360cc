package ner

import (
	"os"
	"path/filepath"
	"testing"
)

// repoRoot walks up from the package directory to the directory holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// sharedData returns ../shared/data (or $KG_SHARED_DIR/data), skipping the
// test when it is absent.
func sharedData(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("KG_SHARED_DIR")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), "..", "shared")
	}
	data := filepath.Join(dir, "data")
	if _, err := os.Stat(filepath.Join(data, "gmb", "train.conll")); err != nil {
		t.Skipf("shared data not found at %s (set KG_SHARED_DIR): %v", data, err)
	}
	return data
}
