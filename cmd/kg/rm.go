package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// newRmCmd retracts documents from the graph.
func newRmCmd() *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "rm DOC...",
		Short: "Retract documents: remove every quad they contributed",
		Long: `Rm removes every quad labelled with each named document: its facts, its
direct edges and its copies of entity names and types. What other documents
say about the same entities stays.

DOC is the document's ID or path as shown by ` + "`kg docs`" + `, or its IRI
(kg:doc/...).`,
		Example: `  kg rm news/summit.txt
  kg rm kg:doc/news/summit.txt
  kg rm --dry-run news/old.txt`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			st, err := openStore(cmd, dryRun)
			if err != nil {
				return err
			}
			defer closeStore(st, &err)
			ctx := cmd.Context()
			for _, ref := range args {
				iri, err := st.FindDocument(ctx, ref)
				if err != nil {
					return fmt.Errorf("rm: %w", err)
				}
				if dryRun {
					fmt.Fprintf(cmd.OutOrStdout(), "would remove %s\n", iri)
					continue
				}
				n, err := st.RemoveDocument(ctx, iri)
				if err != nil {
					return fmt.Errorf("rm: %w", err)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "removed %s (%d quads)\n", iri, n)
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&dryRun, "dry-run", "n", false, "only say which documents would be removed")
	return cmd
}
