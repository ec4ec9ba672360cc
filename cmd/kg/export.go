package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/graph"
)

// newExportCmd writes the whole graph in a standard format.
func newExportCmd() *cobra.Command {
	var (
		format string
		output string
	)
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the whole graph as N-Quads, JSON-LD, JSON, GraphML, GML or DOT",
		Long: `Export writes every quad in the store to standard output, or to --output.

N-Quads (the default) keeps everything, including which document each quad
came from (the graph label), and is what ` + "`kg import`" + ` reads back. JSON-LD and
JSON keep labels too. GraphML, GML and DOT are for graph drawing tools
(yEd, Gephi, Graphviz): they keep subject, predicate and object only.

With --output the file is written next to its destination and renamed into
place at the end, so an interrupted export never leaves a truncated file.`,
		Example: `  kg export > graph.nq
  kg export --format jsonld -o graph.jsonld
  kg export --format dot | dot -Tsvg > graph.svg
  kg export --store bolt:news.db --format graphml -o news.graphml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			st, err := openStore(cmd, true)
			if err != nil {
				return err
			}
			defer closeStore(st, &err)
			if output == "" || output == "-" {
				w := bufio.NewWriterSize(cmd.OutOrStdout(), 1<<16)
				if err := st.Export(cmd.Context(), w, format); err != nil {
					return fmt.Errorf("export: %w", err)
				}
				return w.Flush()
			}
			return exportToFile(cmd, st, output, format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "nquads", "output format: "+strings.Join(graph.ExportFormats, ", "))
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	return cmd
}

// exportToFile writes to a temporary file in the destination's directory
// and renames it over the destination once complete.
func exportToFile(cmd *cobra.Command, st *graph.Store, path, format string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<16)
	if err := st.Export(cmd.Context(), w, format); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "kg export: wrote %s\n", path)
	return nil
}
