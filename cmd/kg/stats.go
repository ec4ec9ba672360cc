package main

import (
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// newStatsCmd summarises the store.
func newStatsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count quads, nodes, documents, entities and facts in the graph",
		Example: `  kg stats
  kg stats --json --store bolt:news.db`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			st, err := openStore(cmd, true)
			if err != nil {
				return err
			}
			defer closeStore(st, &err)
			s, err := st.Stats(cmd.Context())
			if err != nil {
				return fmt.Errorf("stats: %w", err)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), s)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintf(tw, "store\t%s\n", st.Spec())
			fmt.Fprintf(tw, "quads\t%d\n", s.Quads)
			fmt.Fprintf(tw, "nodes\t%d\n", s.Nodes)
			fmt.Fprintf(tw, "documents\t%d\n", s.Documents)
			fmt.Fprintf(tw, "entities\t%d\n", s.Entities)
			fmt.Fprintf(tw, "facts\t%d\n", s.Facts)
			types := make([]string, 0, len(s.ByType))
			for t := range s.ByType {
				types = append(types, t)
			}
			sort.Slice(types, func(i, j int) bool {
				if s.ByType[types[i]] != s.ByType[types[j]] {
					return s.ByType[types[i]] > s.ByType[types[j]]
				}
				return types[i] < types[j]
			})
			for _, t := range types {
				fmt.Fprintf(tw, "  %s\t%d\n", t, s.ByType[t])
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
