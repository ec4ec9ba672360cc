package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/graph"
)

// newQueryCmd runs a Gizmo, GraphQL or MQL query and prints JSON results.
func newQueryCmd() *cobra.Command {
	var (
		lang    string
		limit   int
		timeout time.Duration
	)
	cmd := &cobra.Command{
		Use:   "query QUERY|-",
		Short: "Run a Gizmo, GraphQL or MQL query against the graph",
		Long: `Query runs QUERY (or the query read from standard input with "-") and prints
the results as a JSON array.

Gizmo is Cayley's JavaScript traversal language: g.V(...) starts at nodes,
.Out(predicate) and .In(predicate) follow edges, .Has(predicate, value)
filters, .Tag(name) names a step and .All() emits results. IRIs are written
in angle brackets. The graph's vocabulary: entities <kg:slug> with
<http://schema.org/name>, fact nodes with <kgv:predicate>, <kgv:subject>,
<kgv:object>, <kgv:sentence>, <kgv:source>, and direct edges such as
<kgv:invite> between entities.

A query is stopped after --timeout and reported as an error; partial
results are never printed as if complete.`,
		Example: `  kg query 'g.V("<kg:vladimir-putin>").Out("<http://schema.org/name>").All()'
  kg query 'g.V().Has("<kgv:predicate>", "invite").Out("<kgv:sentence>").All()'
  kg query --lang graphql '{ nodes(id: <kg:donald-trump>) { id name: <http://schema.org/name> } }'
  kg query --lang mql '[{"id": null, "<http://schema.org/alternateName>": "Putin"}]'
  kg query --timeout 5s --limit 10 - < query.js`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			text := args[0]
			if text == "-" {
				b, err := io.ReadAll(cmd.InOrStdin())
				if err != nil {
					return fmt.Errorf("query: read standard input: %w", err)
				}
				text = string(b)
			}
			st, err := openStore(cmd, true)
			if err != nil {
				return err
			}
			defer closeStore(st, &err)
			ctx := cmd.Context()
			if timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, timeout)
				defer cancel()
			}
			res, err := st.Query(ctx, lang, text, limit)
			if err != nil {
				if ctx.Err() == context.DeadlineExceeded {
					return fmt.Errorf("query: stopped after --timeout %s (narrow the query or raise --timeout): %w", timeout, err)
				}
				return fmt.Errorf("query: %w", err)
			}
			return writeJSON(cmd.OutOrStdout(), res)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&lang, "lang", "l", "gizmo", "query language: "+strings.Join(graph.QueryLanguages, ", "))
	f.IntVarP(&limit, "limit", "n", 100, "at most this many results (0: no limit)")
	f.DurationVar(&timeout, "timeout", 30*time.Second, "stop the query after this long (0: no limit)")
	return cmd
}
