package main

import (
	"github.com/spf13/cobra"
)

// newEvalCmd groups the evaluation commands; each scores one part of the
// pipeline against a gold file and can print JSON for scripts.
func newEvalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Score the NLP models and the relation extractor against gold data",
	}
	cmd.AddCommand(newEvalUDCmd(), newEvalNERCmd(), newEvalCarbCmd(), newEvalConll04Cmd())
	return cmd
}
