package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/depparse"
	"github.com/kg-project/kg/extract/postag"
	"github.com/kg-project/kg/extract/postag/wordclass"
)

// newTrainUDCmd trains the tagger, lemmatiser and dependency parser.
func newTrainUDCmd() *cobra.Command {
	var (
		dataDir, outDir   string
		seed              int64
		epochs, tagEpochs int
		folds             int
		cache             string
		parserOnly        bool
		corpus            string
		twoPass           bool
		unpruned          string
		fromUnpruned      string
		relabelFolds      int
		pruneMoves        float32
		pruneLabels       float32
	)
	cmd := &cobra.Command{
		Use:   "ud",
		Short: "Train the POS tagger, lemmatiser and dependency parser on UD English-EWT",
		Long: `Train the POS tagger + lemmatiser and the dependency parser on UD English-EWT
(DATA/ud-en-ewt/en_ewt-ud-train.conllu) and write them where the packages embed
them: OUT/postag/model/tagger.bin and OUT/depparse/model/parser.bin.

Word classes are first learned from raw text (--corpus) and the treebank. The
training data is then tagged by jackknifed taggers (each tenth tagged by a
tagger trained on the other nine tenths), which also give each word its
supertag (relation and head side); the parser learns from them and
from the gold tags, so it meets the tagging errors it will meet at run time
(they also train the tagger's second pass; --two-pass=false leaves it out).
Its relabeler learns from held-out parses: --relabel-folds parsers, each
trained on the rest of the treebank, parse their part. Dev scores are
printed after every epoch and the best epoch of each model is kept. Training is
deterministic: the same flags give the same model files. It takes about 17
minutes on two cores; --jackknife-cache FILE keeps the jackknifed tags for
reruns.`,
		Example: `  kg train ud                  # reproduces the committed models
  kg train ud --data ../shared/data --out extract --seed 1
  kg train ud --out /tmp/models --epochs 3 --folds 2 --corpus ""   # quick, weaker`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return trainUD(cmd.Context(), cmd.OutOrStdout(), udTrainConfig{
				dataDir: dataDir, outDir: outDir, seed: seed, tagEpochs: tagEpochs, epochs: epochs,
				folds: folds, cache: cache, parserOnly: parserOnly, corpus: corpus, twoPass: twoPass,
				unpruned: unpruned, fromUnpruned: fromUnpruned, relabelFolds: relabelFolds, pruneMoves: pruneMoves, pruneLabels: pruneLabels,
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&dataDir, "data", "../shared/data", "directory holding ud-en-ewt/")
	f.StringVar(&outDir, "out", "extract", "directory holding the postag/ and depparse/ packages")
	f.Int64Var(&seed, "seed", 1, "random seed for shuffling and exploration")
	f.IntVar(&epochs, "epochs", 15, "parser training epochs (the best on dev is kept)")
	f.IntVar(&tagEpochs, "tagger-epochs", 12, "tagger training epochs per pass (the best on dev is kept)")
	f.IntVar(&folds, "folds", 10, "jackknifing folds for the parser's training tags (1 = gold tags)")
	f.BoolVar(&twoPass, "two-pass", true, "train the tagger's second pass (needs --folds > 1), which re-tags the first pass's least sure words: +0.20 UPOS on EWT dev, tagging about 7% slower")
	f.IntVar(&relabelFolds, "relabel-folds", 2, "parsers trained on parts of the treebank, each parsing the rest for the relabeler's training trees (0: the parser's own parses)")
	f.StringVar(&corpus, "corpus", "corpus/reuters21578.jsonl", "raw-text JSONL corpus (relative to --data) for word classes; empty for none")
	// Development aids: reuse jackknifed tags and the saved tagger while
	// experimenting with the parser.
	f.StringVar(&cache, "jackknife-cache", "", "CoNLL-U file caching the jackknifed training tags (read if present, else written)")
	f.BoolVar(&parserOnly, "parser-only", false, "load the tagger from OUT instead of training it")
	f.StringVar(&unpruned, "unpruned", "", "also save the parser before pruning to this file")
	f.StringVar(&fromUnpruned, "from-unpruned", "", "instead of training the parser, prune the one saved by --unpruned and train its relabeler (needs --parser-only and the same jackknifed tags)")
	f.Float32Var(&pruneMoves, "prune-moves", 0, "drop parser move weights below this (0: the package default)")
	f.Float32Var(&pruneLabels, "prune-labels", 0, "drop parser label weights below this (0: the package default)")
	f.MarkHidden("parser-only")
	f.MarkHidden("unpruned")
	f.MarkHidden("from-unpruned")
	f.MarkHidden("prune-moves")
	f.MarkHidden("prune-labels")
	return cmd
}

type udTrainConfig struct {
	dataDir, outDir   string
	seed              int64
	tagEpochs, epochs int
	folds             int
	cache             string
	parserOnly        bool
	corpus            string
	twoPass           bool
	classes           *wordclass.Classes
	// unpruned, if set, is where the parser is also saved before pruning;
	// pruneMoves/pruneLabels override depparse's pruning defaults.
	unpruned                string
	pruneMoves, pruneLabels float32
	// relabelFolds is the number of fold parsers whose held-out parses
	// train the relabeler (see depparse.RelabelOptions.FoldParsers).
	relabelFolds int
	// fromUnpruned, if set, names a parser saved through unpruned by an
	// earlier run: it is pruned and given its relabeler instead of
	// training a parser, which gives exactly what training with these
	// thresholds would (see depparse.TrainOptions.Unpruned).
	fromUnpruned string
}

func trainUD(ctx context.Context, out io.Writer, cfg udTrainConfig) error {
	if ctx == nil {
		ctx = context.Background()
	}
	start := time.Now()
	logf := func(format string, args ...any) {
		fmt.Fprintf(out, "[%6.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}
	dir := filepath.Join(cfg.dataDir, "ud-en-ewt")
	train, err := conllu.ReadFile(filepath.Join(dir, "en_ewt-ud-train.conllu"))
	if err != nil {
		return err
	}
	dev, err := conllu.ReadFile(filepath.Join(dir, "en_ewt-ud-dev.conllu"))
	if err != nil {
		return err
	}
	logf("read %d train and %d dev sentences", len(train), len(dev))
	if cfg.corpus != "" {
		if cfg.classes, err = learnClasses(ctx, filepath.Join(cfg.dataDir, cfg.corpus), train, cfg.seed); err != nil {
			return err
		}
		logf("learned word classes for %d words", cfg.classes.Len())
	}

	// Jackknifed tags for the parser's training data; they also train the
	// tagger's second pass.
	ptrain, err := jackknifeCached(ctx, train, cfg, logf)
	if err != nil {
		return err
	}
	taggerPath := filepath.Join(cfg.outDir, "postag", postag.ModelPath)
	var tagger *postag.Tagger
	if cfg.parserOnly {
		if tagger, err = loadTagger(taggerPath); err != nil {
			return err
		}
	} else {
		topts := postag.TrainOptions{Epochs: cfg.tagEpochs, Seed: cfg.seed, Dev: dev, Progress: logf, Classes: cfg.classes, Aux: supertagsOf(train)}
		if cfg.folds > 1 && cfg.twoPass {
			topts.FirstPass = ptrain
		}
		tagger, err = postag.Train(ctx, train, topts)
		if err != nil {
			return fmt.Errorf("train tagger: %w", err)
		}
		if err := saveModel(taggerPath, tagger.Save); err != nil {
			return err
		}
		logf("tagger saved to %s", taggerPath)
	}
	pdev := cloneSents(dev)
	retag(tagger, pdev)
	devSuper := miscSupertags(pdev)

	popts := depparse.TrainOptions{Epochs: cfg.epochs, Seed: cfg.seed, Dev: pdev, Progress: logf, Classes: cfg.classes,
		PruneMoves: cfg.pruneMoves, PruneLabels: cfg.pruneLabels, DevSupertags: devSuper}
	if cfg.unpruned != "" {
		popts.Unpruned = func(p *depparse.Parser) error {
			if err := saveModel(cfg.unpruned, p.Save); err != nil {
				return err
			}
			logf("unpruned parser saved to %s", cfg.unpruned)
			return nil
		}
	}
	// The parser learns from two copies of the treebank: one with the
	// jackknifed tags (the tagging errors it meets at run time) and one
	// with the gold tags (each construction's clean evidence). Together
	// they gave +0.4 UAS / +0.5 LAS on EWT dev over the jackknifed copy
	// alone.
	parserTrain := append(append(make([]conllu.Sentence, 0, 2*len(train)), ptrain...), train...)
	// Both copies carry the jackknifed supertags: gold ones would teach the
	// parser to trust them blindly.
	jkSuper := miscSupertags(ptrain)
	popts.Supertags = append(append(make([][]string, 0, 2*len(train)), jkSuper...), jkSuper...)
	if cfg.relabelFolds > 1 {
		if err := addRelabelFolds(ctx, &popts, parserTrain, len(train), cfg.relabelFolds, logf); err != nil {
			return fmt.Errorf("train parser: %w", err)
		}
	}
	var parser *depparse.Parser
	if cfg.fromUnpruned != "" {
		parser, err = repruned(ctx, cfg, parserTrain, popts)
	} else {
		parser, err = depparse.Train(ctx, parserTrain, popts)
	}
	if err != nil {
		return fmt.Errorf("train parser: %w", err)
	}
	parserPath := filepath.Join(cfg.outDir, "depparse", depparse.ModelPath)
	if err := saveModel(parserPath, parser.Save); err != nil {
		return err
	}
	logf("parser saved to %s", parserPath)
	ts, ps := tagger.Evaluate(dev), parser.EvaluateWith(pdev, devSuper)
	logf("final dev: UPOS %.2f XPOS %.2f lemma %.2f UAS %.2f LAS %.2f (predicted tags)", ts.UPOS, ts.XPOS, ts.Lemma, ps.UAS, ps.LAS)
	return nil
}

// relabelFoldEpochs is the training epochs of each fold parser, which
// keeps its best on dev like the main parser (15 epochs). The fold parsers
// only parse their folds for the relabeler; 8 epochs on half the treebank
// cost about a quarter of the main parser's training each.
const relabelFoldEpochs = 8

// addRelabelFolds trains k parsers, each on the sentences of sents outside
// one fold, and sets them in popts.Relabel to parse their folds for the
// relabeler. sents holds two copies of the nTrain treebank sentences
// (see trainUD); a sentence's fold is its index in the treebank modulo k,
// so that both its copies are held out of the same parser.
func addRelabelFolds(ctx context.Context, popts *depparse.TrainOptions, sents []conllu.Sentence, nTrain, k int, logf func(string, ...any)) error {
	foldOf := func(i int) int { return i % nTrain % k }
	parsers := make([]*depparse.Parser, k)
	for f := range k {
		var in []conllu.Sentence
		var super [][]string
		for i := range sents {
			if foldOf(i) != f {
				in = append(in, sents[i])
				super = append(super, popts.Supertags[i])
			}
		}
		fo := *popts
		fo.Supertags, fo.Epochs, fo.NoRelabel, fo.Unpruned = super, relabelFoldEpochs, true, nil
		fo.Progress = func(format string, args ...any) {
			logf("relabel fold %d/%d: %s", f+1, k, fmt.Sprintf(format, args...))
		}
		p, err := depparse.Train(ctx, in, fo)
		if err != nil {
			return fmt.Errorf("relabel fold %d: %w", f+1, err)
		}
		parsers[f] = p
	}
	popts.Relabel.FoldParsers, popts.Relabel.FoldOf = parsers, foldOf
	return nil
}

// repruned loads the unpruned parser cfg.fromUnpruned, prunes it at the
// thresholds in popts and trains its relabeler on sents, as
// depparse.Train does after its last epoch.
func repruned(ctx context.Context, cfg udTrainConfig, sents []conllu.Sentence, popts depparse.TrainOptions) (*depparse.Parser, error) {
	if !cfg.parserOnly {
		return nil, errors.New("--from-unpruned needs --parser-only: the parser was trained on the saved tagger's data")
	}
	if popts.PruneMoves == 0 || popts.PruneLabels == 0 {
		return nil, errors.New("--from-unpruned needs --prune-moves and --prune-labels")
	}
	unpruned, err := loadParser(cfg.fromUnpruned)
	if err != nil {
		return nil, err
	}
	p := unpruned.Pruned(popts.PruneMoves, popts.PruneLabels)
	ropts := popts.Relabel
	ropts.Progress = popts.Progress
	ropts.Supertags, ropts.DevSupertags = popts.Supertags, popts.DevSupertags
	return p.WithRelabeler(ctx, sents, ropts)
}

// jackknifeCached returns a copy of train whose tags are jackknifed
// predictions, read from cfg.cache when that file exists and matches.
func jackknifeCached(ctx context.Context, train []conllu.Sentence, cfg udTrainConfig, logf func(string, ...any)) ([]conllu.Sentence, error) {
	if cfg.cache != "" {
		if cached, err := conllu.ReadFile(cfg.cache); err == nil && sameWords(cached, train) && hasSupertags(cached) {
			logf("jackknifed tags read from %s", cfg.cache)
			return cached, nil
		}
	}
	ptrain := cloneSents(train)
	if cfg.folds > 1 {
		if err := jackknife(ctx, train, ptrain, cfg, logf); err != nil {
			return nil, err
		}
	}
	if cfg.cache != "" {
		var buf bytes.Buffer
		if err := conllu.Write(&buf, ptrain); err != nil {
			return nil, err
		}
		if err := os.WriteFile(cfg.cache, buf.Bytes(), 0o644); err != nil {
			return nil, fmt.Errorf("jackknife cache: %w", err)
		}
	}
	return ptrain, nil
}

func sameWords(a, b []conllu.Sentence) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i].Tokens) != len(b[i].Tokens) {
			return false
		}
		for j := range a[i].Tokens {
			x, y := a[i].Tokens[j], b[i].Tokens[j]
			if x.Form != y.Form || x.Head != y.Head || x.DepRel != y.DepRel {
				return false
			}
		}
	}
	return true
}

// jackknife fills the tags of ptrain with predictions of taggers trained on
// the other folds. Folds are trained concurrently; each is deterministic on
// its own, so the result does not depend on scheduling.
func jackknife(ctx context.Context, train, ptrain []conllu.Sentence, cfg udTrainConfig, logf func(string, ...any)) error {
	folds := cfg.folds
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
			t, err := postag.Train(ctx, in, postag.TrainOptions{Epochs: cfg.tagEpochs, Seed: cfg.seed + int64(k), Classes: cfg.classes, Aux: supertagsOf(in)})
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

// learnClasses learns word classes from the raw text of a JSONL corpus
// (objects with "title" and "text") plus the treebank's own sentences.
func learnClasses(ctx context.Context, path string, train []conllu.Sentence, seed int64) (*wordclass.Classes, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("word-class corpus: %w", err)
	}
	defer f.Close()
	var sents [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<26)
	for line := 1; sc.Scan(); line++ {
		var doc struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			return nil, fmt.Errorf("word-class corpus %s:%d: %w", path, line, err)
		}
		sents = append(sents, wordclass.Tokenize(doc.Title+" . "+doc.Text))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("word-class corpus: %w", err)
	}
	for _, s := range train {
		sents = append(sents, s.Words())
	}
	return wordclass.Learn(ctx, sents, wordclass.Options{Seed: seed})
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

// supertagMisc prefixes the supertag that the jackknifed copy of the
// treebank (and its cache file) carries in each word's MISC column.
const supertagMisc = "Supertag="

// supertagsOf returns the gold supertags of sents (depparse.Supertags),
// which the tagger learns as its aux labels.
func supertagsOf(sents []conllu.Sentence) [][]string {
	out := make([][]string, len(sents))
	for i := range sents {
		out[i] = depparse.Supertags(&sents[i])
	}
	return out
}

// retag replaces the UPOS/XPOS of sents (sharing token slices with the
// caller) with the tagger's predictions, and puts each word's predicted
// supertag in its MISC column (as supertagMisc + tag).
func retag(t *postag.Tagger, sents []conllu.Sentence) {
	for _, s := range sents {
		up, xp, super := t.TagAux(s.Words())
		for i := range s.Tokens {
			s.Tokens[i].UPOS, s.Tokens[i].XPOS = up[i], xp[i]
			if super != nil {
				s.Tokens[i].Misc = supertagMisc + super[i]
			}
		}
	}
}

// miscSupertags reads back the supertags retag stored.
func miscSupertags(sents []conllu.Sentence) [][]string {
	out := make([][]string, len(sents))
	for i, s := range sents {
		out[i] = make([]string, len(s.Tokens))
		for j, t := range s.Tokens {
			out[i][j] = strings.TrimPrefix(t.Misc, supertagMisc)
		}
	}
	return out
}

// hasSupertags reports whether a cached jackknifed copy carries supertags
// (caches written before supertags do not).
func hasSupertags(sents []conllu.Sentence) bool {
	for _, s := range sents {
		for _, t := range s.Tokens {
			if !strings.HasPrefix(t.Misc, supertagMisc) {
				return false
			}
		}
	}
	return true
}
