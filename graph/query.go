package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/query"
)

// QueryLanguages lists the languages Query accepts.
var QueryLanguages = []string{"gizmo", "graphql", "mql"}

// Query runs a Gizmo, GraphQL or MQL query and returns its results as JSON-
// ready values (what Cayley's HTTP API returns). limit caps the number of
// results; zero or less means no cap.
//
// ctx bounds the query: when it ends, the query is interrupted (Gizmo's
// JavaScript VM included) and Query returns ctx's error rather than the
// results gathered so far, because Cayley's iterators stop quietly on
// cancellation and a truncated answer must not pass for a complete one.
func (s *Store) Query(ctx context.Context, lang, text string, limit int) ([]interface{}, error) {
	if lang == "" {
		lang = "gizmo"
	}
	l := query.GetLanguage(lang)
	if l == nil || l.Session == nil {
		known := query.Languages()
		sort.Strings(known)
		return nil, fmt.Errorf("graph: unknown query language %q (want one of %s)", lang, strings.Join(known, ", "))
	}
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("graph: empty %s query", lang)
	}
	unlock := s.rlock()
	if limit < 0 {
		limit = 0
	}
	it, err := l.Session(s.qs).Execute(ctx, text, query.Options{Limit: limit, Collation: query.JSON})
	if err != nil {
		unlock()
		return nil, fmt.Errorf("graph: %s query: %w", lang, err)
	}
	out := []interface{}{}
	for it.Next(ctx) {
		if limit > 0 && len(out) >= limit {
			break
		}
		if r := it.Result(); r != nil {
			out = append(out, r)
		}
	}
	ctxErr, itErr := ctx.Err(), it.Err()
	it.Close()
	// Gizmo runs the script in a goroutine that Close only asks to stop;
	// it may still be inside a Cayley iterator, holding a read
	// transaction. Wait for it in the background, and make Close wait for
	// these stragglers: closing bbolt under an open read transaction
	// deadlocks.
	if lang == "gizmo" {
		s.queries.Add(1)
		go func() {
			defer s.queries.Done()
			defer unlock()
			for it.Next(context.Background()) {
			}
		}()
	} else {
		unlock()
	}
	if ctxErr != nil {
		return nil, fmt.Errorf("graph: %s query interrupted: %w", lang, ctxErr)
	}
	if itErr != nil {
		return nil, fmt.Errorf("graph: %s query: %w", lang, itErr)
	}
	return out, nil
}
