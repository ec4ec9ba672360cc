package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

func TestQueryLanguages(t *testing.T) {
	ctx := context.Background()
	s := loaded(t)
	cases := []struct {
		lang, text string
		want       string // must appear in the printed results
	}{
		{"gizmo", `g.V("<kg:vladimir-putin>").Out("<http://schema.org/name>").All()`, "Vladimir Putin"},
		{"gizmo", `g.V().Has("<http://schema.org/alternateName>", "Zelensky").Out("<http://schema.org/name>").All()`, "Volodymyr Zelensky"},
		{"graphql", `{ nodes(id: <kg:donald-trump>) { id name: <http://schema.org/name> } }`, "Donald Trump"},
		{"mql", `[{"id": "<kg:alaska>", "<http://schema.org/name>": null}]`, "Alaska"},
	}
	for _, c := range cases {
		res, err := s.Query(ctx, c.lang, c.text, 0)
		if err != nil {
			t.Errorf("%s %s: %v", c.lang, c.text, err)
			continue
		}
		if got := fmt.Sprint(res); !strings.Contains(got, c.want) {
			t.Errorf("%s %s = %s, want %q in it", c.lang, c.text, got, c.want)
		}
	}
	if _, err := s.Query(ctx, "sparql", "SELECT *", 0); err == nil {
		t.Error("an unknown language was accepted")
	}
	if _, err := s.Query(ctx, "gizmo", "g.V(.All()", 0); err == nil {
		t.Error("a syntax error was not reported")
	}
}

func TestQueryLimit(t *testing.T) {
	s := loaded(t)
	res, err := s.Query(context.Background(), "gizmo", `g.V().All()`, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 {
		t.Fatalf("limit 3 gave %d results", len(res))
	}
}

// A runaway query must be interrupted by the deadline and reported as an
// error, never returned as a (partial) success.
func TestQueryTimeoutInterruptsRunawayQueries(t *testing.T) {
	s := newBoltStore(t)
	ctx := context.Background()
	var qs []quad.Quad
	for i := 0; i < 300; i++ {
		qs = append(qs, quad.MakeIRI(fmt.Sprintf("kg:n%d", i), "kgv:p", fmt.Sprintf("kg:n%d", (i+1)%300), "kg:doc/x"))
	}
	if _, err := s.ReplaceDocument(ctx, quad.IRI("kg:doc/x"), "", qs); err != nil {
		t.Fatal(err)
	}
	runaway := []struct{ name, text string }{
		{"ForEach with a busy callback", `g.V().ForEach(function(d) { var x = 0; while (true) { x++ } })`},
		{"infinite JavaScript loop", `while (true) {}`},
		{"nested traversals", `g.V().ForEach(function(a) { g.V().ForEach(function(b) { g.V().ForEach(function(c) {}) }) })`},
		{"long result stream", `g.V().Out().Out().Out().All(); while (true) {}`},
	}
	for _, q := range runaway {
		t.Run(q.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			start := time.Now()
			res, err := s.Query(ctx, "gizmo", q.text, 0)
			if err == nil {
				t.Fatalf("runaway query returned %d results and no error", len(res))
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("error %v does not say the deadline passed", err)
			}
			if res != nil {
				t.Fatal("partial results returned with the error")
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Fatalf("query ran %v past a 300ms deadline", d)
			}
		})
	}
}
