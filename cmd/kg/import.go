package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// newImportCmd loads N-Quads into the store.
func newImportCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE|-",
		Short: "Add the quads of an N-Quads file (or standard input) to the store",
		Long: `Import reads N-Quads, for example a file written by ` + "`kg export`" + `, and adds
its quads to the store. Quads already in the store are skipped, so importing
the same file twice changes nothing.

A syntax error stops the import with its position as FILE:LINE:COLUMN.
Quads are written in batches, so the batches before the error stay; fix
the file and import it again to add the rest.`,
		Example: `  kg import graph.nq
  kg export --store bolt:old.db | kg import --store bolt:new.db -
  gunzip -c dump.nq.gz | kg import -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			name := args[0]
			var r io.Reader
			if name == "-" {
				r, name = cmd.InOrStdin(), "<stdin>"
			} else {
				f, err := os.Open(name)
				if err != nil {
					return fmt.Errorf("import: %w", err)
				}
				defer f.Close()
				r = f
			}
			st, err := openStore(cmd, false)
			if err != nil {
				return err
			}
			defer closeStore(st, &err)
			added, err := st.Import(cmd.Context(), r, name)
			if err != nil {
				if added > 0 {
					return fmt.Errorf("import: %w (%d quads before the error were added)", err, added)
				}
				return fmt.Errorf("import: %w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "imported %d new quads from %s into %s\n", added, name, st.Spec())
			return nil
		},
	}
}
