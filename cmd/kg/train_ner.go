package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// newTrainNERCmd trains the named-entity recogniser.
func newTrainNERCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "ner",
		Short: "Train the named-entity recogniser on GMB",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("not implemented yet")
		},
	}
}
