package input

import (
	"context"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/document"
)

// TestReutersCorpus reads the whole Reuters-21578 JSONL through Walk: every
// line must load with a normalised date, and wire copy must be unwrapped
// into paragraphs (no line ends in the middle of a sentence).
func TestReutersCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 25 MB")
	}
	path := sharedFile(t, "data/corpus/reuters21578.jsonl")
	var docs, dated, unwrapped, errs, skipped int
	var sample string
	err := Walk(context.Background(), []string{path}, nil, func(d *document.Document) error {
		docs++
		if d.Date != "" {
			dated++
		}
		if strings.Count(d.Text, "\n") < strings.Count(d.Text, ".") {
			unwrapped++
		}
		if sample == "" && strings.Contains(d.Text, "Comissaria") {
			sample = d.Text
		}
		return nil
	}, func(err error) {
		if _, ok := err.(*Skipped); ok {
			skipped++
			return
		}
		errs++
		if errs < 5 {
			t.Logf("error: %v", err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d docs, %d dated, %d with fewer line breaks than periods, %d errors, %d skipped", docs, dated, unwrapped, errs, skipped)
	if errs != 0 || docs+skipped != 19779 || dated != docs {
		t.Errorf("want 19779 lines loaded with dates and no errors")
	}
	if !strings.Contains(sample, "throughout the week in the Bahia cocoa zone") {
		t.Errorf("first article not unwrapped: %q", sample[:min(len(sample), 200)])
	}
}
