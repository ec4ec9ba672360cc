package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newEvalCarbCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "carb",
		Short: "Evaluate against carb gold data",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("not implemented yet")
		},
	}
}
