package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract/carb"
)

// newEvalCarbCmd scores open relation extraction on the CaRB benchmark
// with a re-implementation of the reference scorer (see extract/carb), so
// numbers are comparable with published ones.
func newEvalCarbCmd() *cobra.Command {
	var gold, sents, system, curve string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "carb",
		Short: "Score open relation extraction on CaRB (precision, recall, F1, AUC)",
		Long: `Runs our extractor over --sentences (one PTB-tokenised sentence per line)
and scores the tuples against --gold with CaRB's reference semantics
(binary lenient matching, best-F1 threshold, AUC of the P/R curve).
With --system FILE.tsv, scores that tabbed file instead.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			g, err := carb.ReadGoldFile(gold)
			if err != nil {
				return err
			}
			var pred *carb.Set
			if system != "" {
				if pred, err = carb.ReadSystemFile(system); err != nil {
					return err
				}
			} else {
				if pred, err = extractCarb(cmd, sents); err != nil {
					return err
				}
			}
			res := carb.Score(g, pred)
			if curve != "" {
				f, err := os.Create(curve)
				if err != nil {
					return fmt.Errorf("eval carb: %w", err)
				}
				if err := carb.WriteCurve(f, res); err != nil {
					f.Close()
					return err
				}
				if err := f.Close(); err != nil {
					return fmt.Errorf("eval carb: %w", err)
				}
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				return enc.Encode(res)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "CaRB: precision %.3f  recall %.3f  F1 %.3f  AUC %.3f  (best threshold %.4f; %d predicted, %d gold tuples)\n",
				res.Precision, res.Recall, res.F1, res.AUC, res.Threshold, res.Predicted, res.GoldTuples)
			return nil
		},
	}
	cmd.Flags().StringVar(&gold, "gold", "../shared/data/carb/gold/dev.tsv", "CaRB gold tuples (tsv)")
	cmd.Flags().StringVar(&sents, "sentences", "../shared/data/carb/dev.txt", "sentences to extract from, one PTB-tokenised sentence per line")
	cmd.Flags().StringVar(&system, "system", "", "score this tabbed system file instead of running the extractor")
	cmd.Flags().StringVar(&curve, "curve", "", "write the precision/recall curve (.dat) here")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (precision, recall, f1, auc, ...)")
	return cmd
}

func extractCarb(cmd *cobra.Command, path string) (*carb.Set, error) {
	p, err := newTokParser()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval carb: %w", err)
	}
	defer f.Close()
	set := carb.NewSet()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for sc.Scan() {
		if err := cmd.Context().Err(); err != nil {
			return nil, err
		}
		line := strings.TrimSpace(sc.Text())
		for _, e := range p.carbExtract(line) {
			set.Add(line, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval carb: %s: %w", path, err)
	}
	return set, nil
}
