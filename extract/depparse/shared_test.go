package depparse

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kg-project/kg/extract/conllu"
)

// sharedDir locates ../shared relative to the repository root (found by
// walking up to go.mod), or KG_SHARED_DIR if set.
func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("KG_SHARED_DIR"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
}

// ewt reads a split of UD English-EWT ("train" or "dev"), skipping the
// test when ../shared is absent.
func ewt(t testing.TB, split string) []conllu.Sentence {
	t.Helper()
	path := filepath.Join(sharedDir(t), "data", "ud-en-ewt", "en_ewt-ud-"+split+".conllu")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("UD English-EWT not available (%v); set KG_SHARED_DIR or provide ../shared", err)
	}
	sents, err := conllu.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sents
}
