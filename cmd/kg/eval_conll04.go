package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newEvalConll04Cmd() *cobra.Command {
	return &cobra.Command{
		Use:   "conll04",
		Short: "Evaluate against conll04 gold data",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("not implemented yet")
		},
	}
}
