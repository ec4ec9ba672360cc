package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// newDocsCmd lists the documents in the store.
func newDocsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "docs",
		Short: "List the documents in the graph with their fact and quad counts",
		Long: `Docs lists every document the graph was built from: its ID (the path it was
read from), headline, date, and how many facts and quads it contributed.
Use the ID with ` + "`kg rm`" + ` to retract a document.`,
		Example: `  kg docs
  kg docs --json | jq '.[] | select(.facts == 0) | .path'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			st, err := openStore(cmd, true)
			if err != nil {
				return err
			}
			defer closeStore(st, &err)
			docs, err := st.Documents(cmd.Context())
			if err != nil {
				return fmt.Errorf("docs: %w", err)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), docs)
			}
			if len(docs) == 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "no documents in %s (add some with `kg build`)\n", st.Spec())
				return nil
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tFACTS\tQUADS\tDATE\tHEADLINE")
			for _, d := range docs {
				id := d.Path
				if id == "" {
					id = string(d.IRI)
				}
				fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\n", id, d.Facts, d.Quads, d.Date, truncate(d.Headline, 70))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d documents\n", len(docs))
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// truncate shortens s to at most n runes, marking the cut with "…".
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
