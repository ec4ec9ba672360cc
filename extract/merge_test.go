package extract

import (
	"context"
	"testing"

	"github.com/kg-project/kg/extract/document"
)

func TestMergeFactsFoldsDuplicates(t *testing.T) {
	merkel, macron := 0, 1
	d := &document.Document{Facts: []document.Fact{
		{Predicate: "meet", Sentence: 0, Confidence: 0.7, AttributedTo: -1, Span: document.Span{Start: 0, End: 33},
			Args: []document.Argument{{Role: "subject", Entity: merkel}, {Role: "object", Entity: macron}}},
		{Predicate: "meet", Sentence: 0, Confidence: 0.85, AttributedTo: -1, Span: document.Span{Start: 0, End: 52},
			Args: []document.Argument{{Role: "subject", Entity: merkel}, {Role: "object", Entity: macron}, {Role: "time", Text: "Monday", Entity: -1}}},
		{Predicate: "meet", Sentence: 0, Negated: true, Confidence: 0.6, AttributedTo: -1,
			Args: []document.Argument{{Role: "subject", Entity: merkel}, {Role: "object", Entity: macron}}},
		{Predicate: "meet", Sentence: 1, Confidence: 0.5, AttributedTo: -1,
			Args: []document.Argument{{Role: "subject", Entity: merkel}, {Role: "object", Entity: macron}}},
	}}
	if err := mergeFacts(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Facts) != 3 {
		t.Fatalf("got %d facts, want 3 (same-sentence duplicate folded; negated and other-sentence facts kept)", len(d.Facts))
	}
	f := d.Facts[0]
	if f.Arg("time") == nil || f.Confidence != 0.85 || f.Start != 0 || f.End != 52 {
		t.Errorf("merged fact = %+v, want the fuller fact with the higher confidence", f)
	}
	if !d.Facts[1].Negated || d.Facts[2].Sentence != 1 {
		t.Errorf("distinct facts were merged: %+v", d.Facts[1:])
	}
}
