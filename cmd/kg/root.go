package main

import (
	"github.com/spf13/cobra"
)

// newRootCmd assembles the command tree. Each command lives in its own file
// and is built by a newXxxCmd function, so no command state is global.
func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "kg",
		Short:         "Build and explore a knowledge graph from English news text",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newTrainCmd(),
		newEvalCmd(),
		newExtractCmd(),
		newServeCmd(),
		newBuildCmd(),
		newRelCmd(), newQueryCmd(), newEntitiesCmd(), newDocsCmd(), newStatsCmd(), newRmCmd(), newExportCmd(), newImportCmd(),
	)
	addStoreFlag(root)
	return root
}
