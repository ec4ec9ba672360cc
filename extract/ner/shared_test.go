package ner

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"
)

// sharedData returns ../shared/data (or $KG_SHARED_DIR/data), skipping the
// test when it is absent.
func sharedData(t testing.TB) string {
	t.Helper()
	data := filepath.Join(conllutest.SharedDir(t), "data")
	if _, err := os.Stat(filepath.Join(data, "gmb", "train.conll")); err != nil {
		t.Skipf("shared data not found at %s (set KG_SHARED_DIR): %v", data, err)
	}
	return data
}
