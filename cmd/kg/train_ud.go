package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// newTrainUDCmd trains the tagger, lemmatiser and dependency parser.
func newTrainUDCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "ud",
		Short: "Train the POS tagger, lemmatiser and dependency parser on UD English-EWT",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("not implemented yet")
		},
	}
}
