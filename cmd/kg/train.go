package main

import (
	"github.com/spf13/cobra"
)

// newTrainCmd groups the commands that reproduce the committed models from
// ../shared/data. "kg train" alone retrains every model.
func newTrainCmd() *cobra.Command {
	ud := newTrainUDCmd()
	ner := newTrainNERCmd()
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Retrain the embedded NLP models from ../shared/data",
		Example: `  kg train            # every model, fixed seed
  kg train ud         # tagger, lemmatiser and parser only
  kg train ner        # named-entity recogniser only`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := ud.RunE(ud, nil); err != nil {
				return err
			}
			return ner.RunE(ner, nil)
		},
	}
	cmd.AddCommand(ud, ner)
	return cmd
}
