package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/tokenize"
)

// newTrainNERCmd trains the named-entity recogniser on GMB and writes the
// model that package ner embeds, printing dev scores after every epoch so
// that the choice of epochs is visible.
func newTrainNERCmd() *cobra.Command {
	var (
		dataDir string
		outDir  string
		seed    uint64
		epochs  int
	)
	cmd := &cobra.Command{
		Use:   "ner",
		Short: "Train the named-entity recogniser on GMB",
		Long: `Train the named-entity recogniser (an averaged perceptron over IOB2 tags)
on GMB train and report exact-span F1 on GMB dev and UNER EWT dev after each epoch.
Capitalisation statistics also come from unlabeled text (Reuters-21578 and the word
forms of UD English-EWT train); UNER is only scored, never trained on. GMB dev then
calibrates confidences. The same seed reproduces the committed model byte for byte.`,
		Example: `  kg train ner
  kg train ner --data ../shared/data --out extract/ner/model --seed 1 --epochs 3`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if ctx == nil { // run directly by "kg train", not by cobra
				ctx = context.Background()
			}
			out := cmd.OutOrStdout()
			rawTrain, err := readCoNLLFile(filepath.Join(dataDir, "gmb", "train.conll"))
			if err != nil {
				return err
			}
			dev, err := readCoNLLFile(filepath.Join(dataDir, "gmb", "dev.conll"))
			if err != nil {
				return err
			}
			// UNER dev is only scored, never trained on.
			uner, err := readCoNLLFile(filepath.Join(dataDir, "uner-en-ewt", "dev.conll"))
			if err != nil {
				fmt.Fprintf(out, "UNER dev not scored: %v\n", err)
			}
			unlabeled, err := unlabeledText(ctx, dataDir)
			if err != nil {
				return err
			}
			titles := ner.LearnTitles(rawTrain)
			train := ner.RuntimeVariants(ner.MapGMB(rawTrain, titles))
			fmt.Fprintf(out, "%d training sentences, %d title words, %d unlabeled sentences\n", len(train), len(titles)/2, len(unlabeled))
			start := time.Now()
			rec, err := ner.Train(ctx, train, ner.TrainOptions{
				Epochs: epochs,
				Seed:   seed,
				Titles: titles,
				// Only capitalisation statistics come from this text.
				Unlabeled: unlabeled,
				Progress: func(epoch int, r *ner.Recognizer) error {
					g, err := r.Evaluate(dev, ner.SchemeGMB, ner.EvalOptions{})
					if err != nil {
						return err
					}
					line := fmt.Sprintf("epoch %2d  %5.0fs  GMB dev F1 %.4f (P %.4f R %.4f)",
						epoch, time.Since(start).Seconds(), g.Micro.F1, g.Micro.Precision, g.Micro.Recall)
					if uner != nil {
						u, err := r.Evaluate(uner, ner.SchemeUNER, ner.EvalOptions{})
						if err != nil {
							return err
						}
						line += fmt.Sprintf("  UNER dev F1 %.4f", u.Micro.F1)
					}
					fmt.Fprintln(out, line)
					return nil
				},
			})
			if err != nil {
				return fmt.Errorf("train ner: %w", err)
			}
			// GMB dev (titles moved out like train) sets the confidence
			// scale and the threshold below which entities are dropped.
			scale, minConf := rec.Calibrate(ner.MapGMB(dev, titles))
			g, err := rec.Evaluate(dev, ner.SchemeGMB, ner.EvalOptions{})
			if err != nil {
				return err
			}
			line := fmt.Sprintf("calibrated: scale %.2f, min confidence %.2f  GMB dev F1 %.4f (P %.4f R %.4f)",
				scale, minConf, g.Micro.F1, g.Micro.Precision, g.Micro.Recall)
			if uner != nil {
				u, err := rec.Evaluate(uner, ner.SchemeUNER, ner.EvalOptions{})
				if err != nil {
					return err
				}
				line += fmt.Sprintf("  UNER dev F1 %.4f", u.Micro.F1)
			}
			fmt.Fprintln(out, line)
			if err := os.MkdirAll(outDir, 0o755); err != nil {
				return fmt.Errorf("train ner: %w", err)
			}
			path := filepath.Join(outDir, "ner.bin")
			f, err := os.Create(path)
			if err != nil {
				return fmt.Errorf("train ner: %w", err)
			}
			if err := rec.Save(f); err != nil {
				f.Close()
				return fmt.Errorf("train ner: %w", err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("train ner: %w", err)
			}
			st, err := os.Stat(path)
			if err != nil {
				return fmt.Errorf("train ner: %w", err)
			}
			fmt.Fprintf(out, "wrote %s (%.1f MB)\n", path, float64(st.Size())/1e6)
			return nil
		},
	}
	cmd.Flags().StringVar(&dataDir, "data", "../shared/data", "directory holding gmb/, uner-en-ewt/ (scored only), ud-en-ewt/ and corpus/ (word forms only)")
	cmd.Flags().StringVar(&outDir, "out", "extract/ner/model", "directory to write ner.bin into")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed for shuffling and augmentation")
	cmd.Flags().IntVar(&epochs, "epochs", 3, "training epochs (3 scored best on GMB dev)")
	return cmd
}

// readCoNLLFile reads a token-per-line NER file.
func readCoNLLFile(path string) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	s, err := ner.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// unlabeledText returns tokenised sentences whose capitalisation habits the
// recogniser learns (no labels are used): the Reuters-21578 news texts and
// the word forms of UD English-EWT train (web text; its NER layer, UNER, is
// never read). Bodies are re-flowed first because Reuters hard-wraps lines.
func unlabeledText(ctx context.Context, dataDir string) ([][]string, error) {
	var out [][]string
	ud, err := conllu.ReadFile(filepath.Join(dataDir, "ud-en-ewt", "en_ewt-ud-train.conllu"))
	if err != nil {
		return nil, fmt.Errorf("unlabeled text: %w", err)
	}
	for i := range ud {
		out = append(out, ud[i].Words())
	}
	path := filepath.Join(dataDir, "corpus", "reuters21578.jsonl")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("unlabeled text: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var art struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &art); err != nil {
			return nil, fmt.Errorf("unlabeled text: %s: %w", path, err)
		}
		text := strings.Join(strings.Fields(art.Text), " ")
		for _, s := range tokenize.Segment(text) {
			out = append(out, s.Words())
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("unlabeled text: %s: %w", path, err)
	}
	return out, nil
}
