package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract/ner"
)

// newEvalNERCmd scores the named-entity recogniser on a gold file with
// conlleval's exact-span semantics, mapping the gold scheme's types onto
// ours so that GMB, UNER and CoNLL-style files are comparable.
func newEvalNERCmd() *cobra.Command {
	var (
		gold       string
		scheme     string
		asJSON     bool
		keepTitles bool
		model      string
	)
	cmd := &cobra.Command{
		Use:   "ner",
		Short: "Score the named-entity recogniser against an IOB2 gold file",
		Long: `Tag the tokens of a gold file (token in the first column, IOB2 tag in the last,
blank lines between sentences, -DOCSTART- ignored) and print exact-span precision,
recall and F1 per type and micro-averaged over PER, ORG and LOC (our GPE and LOC
both count as LOC).

Schemes: gmb maps per→PER, org→ORG, geo→LOC, gpe→NORP, tim→DATE, eve→EVENT
(art→ART, nat→NAT); uner and conll keep PER, ORG, LOC (and MISC, which our
NORP, EVENT, ART and NAT map to under conll). For gmb, leading titles are moved
out of gold person spans ("President Bush" → "Bush") with the model's learned
title list, because our convention keeps titles outside names;
--keep-gold-titles scores against GMB's spans unchanged.`,
		Example: `  kg eval ner --gold ../shared/data/gmb/dev.conll --scheme gmb
  kg eval ner --gold ../shared/data/uner-en-ewt/dev.conll --scheme uner --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if gold == "" {
				return fmt.Errorf("eval ner: --gold is required")
			}
			sents, err := readCoNLLFile(gold)
			if err != nil {
				return fmt.Errorf("eval ner: %w", err)
			}
			rec, err := loadRecognizer(model)
			if err != nil {
				return fmt.Errorf("eval ner: %w", err)
			}
			ev, err := rec.Evaluate(sents, scheme, ner.EvalOptions{KeepGoldTitles: keepTitles})
			if err != nil {
				return fmt.Errorf("eval ner: %w", err)
			}
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					Precision float64            `json:"precision"`
					Recall    float64            `json:"recall"`
					F1        float64            `json:"f1"`
					PerType   map[string]ner.PRF `json:"per_type"`
				}{ev.Micro.Precision, ev.Micro.Recall, ev.Micro.F1, ev.PerType})
			}
			fmt.Fprintf(out, "%-8s %9s %9s %9s %6s %6s %6s\n", "type", "precision", "recall", "f1", "gold", "pred", "ok")
			row := func(name string, p ner.PRF) {
				fmt.Fprintf(out, "%-8s %9.4f %9.4f %9.4f %6d %6d %6d\n", name, p.Precision, p.Recall, p.F1, p.Gold, p.Predicted, p.Correct)
			}
			for _, t := range ev.SortedTypes() {
				row(t, ev.PerType[t])
			}
			row("micro", ev.Micro)
			fmt.Fprintln(out, "(micro over PER, ORG, LOC)")
			return nil
		},
	}
	cmd.Flags().StringVar(&gold, "gold", "", "gold file: token first column, IOB2 tag last column")
	cmd.Flags().StringVar(&scheme, "scheme", ner.SchemeGMB, "gold tag scheme: gmb, uner or conll")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (precision, recall, f1, per_type)")
	cmd.Flags().BoolVar(&keepTitles, "keep-gold-titles", false, "gmb: score against GMB person spans including titles")
	cmd.Flags().StringVar(&model, "model", "", "model file (default: the embedded model)")
	return cmd
}

// loadRecognizer loads a model file, or the embedded model when path is empty.
func loadRecognizer(path string) (*ner.Recognizer, error) {
	if path == "" {
		return ner.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ner.Load(f)
}
