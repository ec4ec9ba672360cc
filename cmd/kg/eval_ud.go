package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newEvalUDCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "ud",
		Short: "Evaluate against ud gold data",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("not implemented yet")
		},
	}
}
