package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract/typed/conll04"
)

// newEvalConll04Cmd scores typed relation extraction on CoNLL04 end to end:
// our own tagger, parser and recogniser run over the gold tokens, so entity
// errors count against the relation score, as in the strict setting of the
// literature.
func newEvalConll04Cmd() *cobra.Command {
	var (
		gold   string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "conll04",
		Short: "Score typed relation extraction against CoNLL04 (strict micro F1)",
		Long: `Run the tagger, parser, recogniser, coreference and typed relation rules over the
gold tokens of each CoNLL04 sentence (no re-tokenisation) and score the relations
Work_For, Live_In, Located_In, OrgBased_In and Kill strictly: a prediction is
correct when its type and the exact token spans of both arguments match a gold
relation. Prints precision, recall and F1 per type and micro-averaged.

Our predicates map to CoNLL04 types: works_for → Work_For, lives_in → Live_In,
leader_of → Live_In (place) or Work_For (organisation), located_in → Located_In,
based_in → OrgBased_In, kill → Kill. Spans follow CoNLL04's conventions: the
name mention nearest the other argument, forms of address ("Mrs.") inside
person spans and offices ("President", "Sen.", "Dr.") inside them only in
killings, "City , State" as one span for residences written after a locative
word ("born in"; "Smith of Akron , Ohio" is two), no residence for a numbered
office ("the 16th president of the United States"), and an
abbreviation in parentheses after a name ("Khmer Rouge ( KR )") as an argument
of its own. The models see a sentence's last word without the full stop that
CoNLL04's tokenisation glues to it ("Beirut." → "Beirut"); spans keep the
corpus tokens.

CoNLL04 is research data: use it to evaluate, never to train.`,
		Example: `  kg eval conll04 --gold ../shared/data/conll04/conll04_dev.json
  kg eval conll04 --gold ../shared/data/conll04/conll04_dev.json --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if gold == "" {
				return fmt.Errorf("eval conll04: --gold is required")
			}
			sents, err := conll04.Load(gold)
			if err != nil {
				return fmt.Errorf("eval conll04: %w", err)
			}
			annotate, err := conll04.DefaultAnnotator()
			if err != nil {
				return fmt.Errorf("eval conll04: %w", err)
			}
			res, err := conll04.Evaluate(cmd.Context(), annotate, sents)
			if err != nil {
				return fmt.Errorf("eval conll04: %w", err)
			}
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					Sentences int `json:"sentences"`
					conll04.Result
				}{len(sents), res})
			}
			fmt.Fprintf(out, "%-12s %9s %9s %9s %6s %6s %6s\n", "type", "precision", "recall", "f1", "gold", "pred", "ok")
			row := func(name string, p conll04.PRF) {
				fmt.Fprintf(out, "%-12s %9.4f %9.4f %9.4f %6d %6d %6d\n", name, p.Precision, p.Recall, p.F1, p.Gold, p.Predicted, p.Correct)
			}
			for _, t := range conll04.RelationTypes() {
				row(t, res.PerType[t])
			}
			row("micro", res.Micro)
			fmt.Fprintf(out, "(%d sentences, strict: type and both argument spans exact)\n", len(sents))
			return nil
		},
	}
	cmd.Flags().StringVar(&gold, "gold", "", "CoNLL04 JSON file, e.g. ../shared/data/conll04/conll04_dev.json")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the scores as JSON")
	return cmd
}
