package input

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
