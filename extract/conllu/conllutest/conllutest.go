// Package conllutest gives tests and benchmarks access to the UD
// English-EWT treebank in ../shared without failing where it is absent.
package conllutest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kg-project/kg/extract/conllu"
)

// RepoRoot returns the repository root: the nearest directory above the
// working directory (a test's package directory) that holds go.mod.
func RepoRoot(t testing.TB) string {
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
			t.Fatal("repository root (go.mod) not found above the test directory")
		}
		dir = parent
	}
}

// SharedDir returns the shared data directory: $KG_SHARED_DIR if set, else
// ../shared next to the repository root.
func SharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("KG_SHARED_DIR"); d != "" {
		return d
	}
	return filepath.Join(RepoRoot(t), "..", "shared")
}

// EWT reads a split of UD English-EWT ("train" or "dev"), skipping the test
// when the file is not available.
func EWT(t testing.TB, split string) []conllu.Sentence {
	t.Helper()
	path := filepath.Join(SharedDir(t), "data", "ud-en-ewt", "en_ewt-ud-"+split+".conllu")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("UD English-EWT not available (%v); set KG_SHARED_DIR or provide ../shared", err)
	}
	sents, err := conllu.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

// File returns the path of rel under the shared data directory, skipping the
// test when the file is absent (a fresh clone without ../shared).
func File(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(SharedDir(t), rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not available (set KG_SHARED_DIR or provide ../shared): %v", p, err)
	}
	return p
}
