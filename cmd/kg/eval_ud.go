package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/depparse"
	"github.com/kg-project/kg/extract/postag"
)

// udScores is what `kg eval ud` reports; percentages are 0–100.
type udScores struct {
	Sentences   int     `json:"sentences"`
	Words       int     `json:"words"`
	UPOS        float64 `json:"upos"`
	XPOS        float64 `json:"xpos"`
	Lemma       float64 `json:"lemma"`
	UAS         float64 `json:"uas"`
	LAS         float64 `json:"las"`
	LASFull     float64 `json:"las_full_labels"`
	WordsPerSec float64 `json:"words_per_sec"`
	// WordsPerCPUSec divides by the CPU time the process used instead of
	// wall time: on a shared machine wall time also measures the
	// neighbours.
	WordsPerCPUSec float64 `json:"words_per_cpu_sec"`
}

func newEvalUDCmd() *cobra.Command {
	var (
		gold, taggerPath, parserPath string
		asJSON                       bool
	)
	cmd := &cobra.Command{
		Use:   "ud",
		Short: "Score the tagger, lemmatiser and parser against a CoNLL-U gold file",
		Long: `Tag, lemmatise and parse the gold words of a CoNLL-U file (gold tokenisation,
predicted tags fed to the parser) and print:

  upos, xpos, lemma   tagging and lemma accuracy
  uas                 words with the correct head (punctuation included)
  las                 ... and the correct relation, comparing only its
                      universal part (nmod for nmod:poss), as the CoNLL 2018
                      shared-task scorer does
  las_full_labels     LAS with complete labels, subtypes included
  words_per_sec       throughput of tag + lemmatise + parse on one goroutine
  words_per_cpu_sec   the same per second of CPU time used (robust to a busy
                      machine)

All scores are percentages, 0-100. Multiword-token lines and empty nodes are
skipped. The embedded models are used unless --tagger/--parser name files.`,
		Example: `  kg eval ud --gold ../shared/data/ud-en-ewt/en_ewt-ud-dev.conllu
  kg eval ud --gold dev.conllu --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if gold == "" {
				return fmt.Errorf("--gold is required")
			}
			sents, err := conllu.ReadFile(gold)
			if err != nil {
				return err
			}
			tagger, err := loadTagger(taggerPath)
			if err != nil {
				return err
			}
			parser, err := loadParser(parserPath)
			if err != nil {
				return err
			}
			sc := evalUD(sents, tagger, parser)
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(sc)
			}
			fmt.Fprintf(out, "sentences %d, words %d\n", sc.Sentences, sc.Words)
			fmt.Fprintf(out, "UPOS  %6.2f\nXPOS  %6.2f\nLemma %6.2f\nUAS   %6.2f\nLAS   %6.2f  (full labels %.2f)\n", sc.UPOS, sc.XPOS, sc.Lemma, sc.UAS, sc.LAS, sc.LASFull)
			fmt.Fprintf(out, "speed %.0f words/s, %.0f words/CPU-s (tag + lemmatise + parse, one goroutine)\n", sc.WordsPerSec, sc.WordsPerCPUSec)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&gold, "gold", "", "CoNLL-U gold file (required)")
	f.BoolVar(&asJSON, "json", false, "print the scores as JSON")
	f.StringVar(&taggerPath, "tagger", "", "tagger model file instead of the embedded one")
	f.StringVar(&parserPath, "parser", "", "parser model file instead of the embedded one")
	return cmd
}

func loadTagger(path string) (*postag.Tagger, error) {
	if path == "" {
		return postag.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("tagger model: %w", err)
	}
	defer f.Close()
	return postag.Load(f)
}

func loadParser(path string) (*depparse.Parser, error) {
	if path == "" {
		return depparse.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("parser model: %w", err)
	}
	defer f.Close()
	return depparse.Load(f)
}

func evalUD(sents []conllu.Sentence, tagger *postag.Tagger, parser *depparse.Parser) udScores {
	var sc udScores
	var upos, xpos, lemma, uas, las, lasFull int
	type result struct {
		up, xp, lem, rels []string
		heads             []int
	}
	res := make([]result, len(sents))
	words := make([][]string, len(sents))
	for i := range sents {
		words[i] = sents[i].Words()
	}
	start, cpu0 := time.Now(), processCPU()
	for i, w := range words {
		r := &res[i]
		var super []string
		r.up, r.xp, super = tagger.TagAux(w)
		r.lem = tagger.Lemmatize(w, r.up, r.xp)
		r.heads, r.rels = parser.ParseWith(w, r.up, r.xp, super)
	}
	elapsed, cpu := time.Since(start), processCPU()-cpu0
	univ := func(s string) string { u, _, _ := strings.Cut(s, ":"); return u }
	for i, s := range sents {
		r := res[i]
		for j, t := range s.Tokens {
			sc.Words++
			if r.up[j] == t.UPOS {
				upos++
			}
			if r.xp[j] == t.XPOS {
				xpos++
			}
			if r.lem[j] == t.Lemma {
				lemma++
			}
			if r.heads[j] == t.Head-1 {
				uas++
				if univ(r.rels[j]) == univ(t.DepRel) {
					las++
				}
				if r.rels[j] == t.DepRel {
					lasFull++
				}
			}
		}
	}
	sc.Sentences = len(sents)
	if sc.Words > 0 {
		pct := func(k int) float64 { return 100 * float64(k) / float64(sc.Words) }
		sc.UPOS, sc.XPOS, sc.Lemma = pct(upos), pct(xpos), pct(lemma)
		sc.UAS, sc.LAS, sc.LASFull = pct(uas), pct(las), pct(lasFull)
		sc.WordsPerSec = float64(sc.Words) / elapsed.Seconds()
		if cpu > 0 {
			sc.WordsPerCPUSec = float64(sc.Words) / cpu.Seconds()
		}
	}
	return sc
}

// processCPU returns the CPU time (user + system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
