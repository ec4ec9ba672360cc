package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/depparse"
	"github.com/kg-project/kg/extract/postag"
)

// newTrainUDCmd trains the tagger, lemmatiser and dependency parser.
func newTrainUDCmd() *cobra.Command {
	var (
		dataDir, outDir   string
		seed              int64
		epochs, tagEpochs int
		folds             int
	)
	cmd := &cobra.Command{
		Use:   "ud",
		Short: "Train the POS tagger, lemmatiser and dependency parser on UD English-EWT",
		Long: `Train the POS tagger + lemmatiser and the dependency parser on UD English-EWT
(DATA/ud-en-ewt/en_ewt-ud-train.conllu) and write them where the packages embed
them: OUT/postag/model/tagger.bin.gz and OUT/depparse/model/parser.bin.gz.

The parser is trained on tags predicted by jackknifed taggers (each tenth of
the training data tagged by a tagger trained on the other nine tenths), so it
learns from the tagging errors it will meet at run time. Dev scores are printed
after every epoch and the best epoch of each model is kept. Training is
deterministic: the same flags give the same model files.`,
		Example: `  kg train ud                                   # defaults below
  kg train ud --data ../shared/data --out extract --seed 1
  kg train ud --epochs 5 --folds 2             # quick, lower-quality models`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return trainUD(cmd.Context(), cmd.OutOrStdout(), dataDir, outDir, seed, tagEpochs, epochs, folds)
		},
	}
	f := cmd.Flags()
	f.StringVar(&dataDir, "data", "../shared/data", "directory holding ud-en-ewt/")
	f.StringVar(&outDir, "out", "extract", "directory holding the postag/ and depparse/ packages")
	f.Int64Var(&seed, "seed", 1, "random seed for shuffling and exploration")
	f.IntVar(&epochs, "epochs", 15, "parser training epochs")
	f.IntVar(&tagEpochs, "tagger-epochs", 8, "tagger training epochs")
	f.IntVar(&folds, "folds", 10, "jackknifing folds for the parser's training tags (1 = gold tags)")
	return cmd
}

func trainUD(ctx context.Context, out io.Writer, dataDir, outDir string, seed int64, tagEpochs, epochs, folds int) error {
	if ctx == nil {
		ctx = context.Background()
	}
	start := time.Now()
	logf := func(format string, args ...any) {
		fmt.Fprintf(out, "[%6.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}
	dir := filepath.Join(dataDir, "ud-en-ewt")
	train, err := conllu.ReadFile(filepath.Join(dir, "en_ewt-ud-train.conllu"))
	if err != nil {
		return err
	}
	dev, err := conllu.ReadFile(filepath.Join(dir, "en_ewt-ud-dev.conllu"))
	if err != nil {
		return err
	}
	logf("read %d train and %d dev sentences", len(train), len(dev))

	tagger, err := postag.Train(ctx, train, postag.TrainOptions{Epochs: tagEpochs, Seed: seed, Dev: dev, Progress: logf})
	if err != nil {
		return fmt.Errorf("train tagger: %w", err)
	}
	if err := saveModel(filepath.Join(outDir, "postag", postag.ModelPath), tagger.Save); err != nil {
		return err
	}
	logf("tagger saved")

	// Jackknifed tags for the parser's training data.
	ptrain := cloneSents(train)
	if folds > 1 {
		if err := jackknife(ctx, train, ptrain, folds, tagEpochs, seed, logf); err != nil {
			return err
		}
	}
	pdev := cloneSents(dev)
	retag(tagger, pdev)

	parser, err := depparse.Train(ctx, ptrain, depparse.TrainOptions{Epochs: epochs, Seed: seed, Dev: pdev, Progress: logf})
	if err != nil {
		return fmt.Errorf("train parser: %w", err)
	}
	if err := saveModel(filepath.Join(outDir, "depparse", depparse.ModelPath), parser.Save); err != nil {
		return err
	}
	ts, ps := tagger.Evaluate(dev), parser.Evaluate(pdev)
	logf("final dev: UPOS %.2f XPOS %.2f lemma %.2f UAS %.2f LAS %.2f (predicted tags)", ts.UPOS, ts.XPOS, ts.Lemma, ps.UAS, ps.LAS)
	return nil
}

// jackknife fills the tags of ptrain with predictions of taggers trained on
// the other folds. Folds are trained concurrently; each is deterministic on
// its own, so the result does not depend on scheduling.
func jackknife(ctx context.Context, train, ptrain []conllu.Sentence, folds, epochs int, seed int64, logf func(string, ...any)) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		ferr error
		sem  = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	)
	for k := 0; k < folds; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var in []conllu.Sentence
			var held []int
			for i := range train {
				if i%folds == k {
					held = append(held, i)
				} else {
					in = append(in, train[i])
				}
			}
			t, err := postag.Train(ctx, in, postag.TrainOptions{Epochs: epochs, Seed: seed + int64(k)})
			if err != nil {
				mu.Lock()
				ferr = fmt.Errorf("jackknife fold %d: %w", k, err)
				mu.Unlock()
				return
			}
			sub := make([]conllu.Sentence, len(held))
			for j, i := range held {
				sub[j] = ptrain[i]
			}
			retag(t, sub)
			ev := t.Evaluate(heldOut(train, held))
			logf("jackknife fold %d/%d: held-out UPOS %.2f XPOS %.2f", k+1, folds, ev.UPOS, ev.XPOS)
		}(k)
	}
	wg.Wait()
	return ferr
}

func heldOut(sents []conllu.Sentence, idx []int) []conllu.Sentence {
	out := make([]conllu.Sentence, len(idx))
	for j, i := range idx {
		out[j] = sents[i]
	}
	return out
}

// cloneSents copies sentences deeply enough that their tags can be
// overwritten.
func cloneSents(in []conllu.Sentence) []conllu.Sentence {
	out := make([]conllu.Sentence, len(in))
	for i, s := range in {
		out[i] = s
		out[i].Tokens = append([]conllu.Token(nil), s.Tokens...)
	}
	return out
}

// retag replaces the UPOS/XPOS of sents (sharing token slices with the
// caller) with the tagger's predictions.
func retag(t *postag.Tagger, sents []conllu.Sentence) {
	for _, s := range sents {
		up, xp := t.Tag(s.Words())
		for i := range s.Tokens {
			s.Tokens[i].UPOS, s.Tokens[i].XPOS = up[i], xp[i]
		}
	}
}

func saveModel(path string, save func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := save(&buf); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}
