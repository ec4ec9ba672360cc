package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newEvalNERCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "ner",
		Short: "Evaluate against ner gold data",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("not implemented yet")
		},
	}
}
