package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kg-project/kg/graph"
)

// A statement supported by two sentences is printed once with both
// pieces of evidence, and a fact with two objects shows both.
func TestPrintFactGroupsMergesRepeatsAndShowsEveryObject(t *testing.T) {
	loc := func(sentence string, start int) graph.FactView {
		return graph.FactView{
			Predicate: "location",
			Args: []graph.ArgView{
				{Role: "subject", Name: "Geneva talks"},
				{Role: "object", Name: "Geneva"},
			},
			Sentence: sentence, DocPath: "a.txt", Start: start, End: start + 5, Confidence: 0.7,
		}
	}
	facts := []graph.FactView{
		loc("The talks in Geneva began.", 0),
		loc("Geneva hosted the talks again.", 40),
		{
			Predicate: "participant",
			Args: []graph.ArgView{
				{Role: "subject", Name: "Geneva talks"},
				{Role: "object", Name: "Ann Lee"},
				{Role: "object", Name: "Bo Chan"},
			},
			Sentence: "Ann Lee and Bo Chan met in Geneva.", DocPath: "a.txt", Start: 60, End: 70,
		},
	}
	var buf bytes.Buffer
	printFactGroups(&buf, facts)
	out := buf.String()
	if n := strings.Count(out, "Geneva talks location Geneva"); n != 1 {
		t.Errorf("repeated statement printed %d times, want once:\n%s", n, out)
	}
	for _, want := range []string{"location (1)", "The talks in Geneva began.", "Geneva hosted the talks again.",
		"a.txt [40:45]", "Geneva talks participant Ann Lee, Bo Chan"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
