// Package postag assigns Universal (UPOS) and Penn Treebank (XPOS) part-of-
// speech tags and lemmas to tokenised English sentences.
//
// The tagger is a greedy left-to-right averaged perceptron that predicts the
// joint tag "UPOS+XPOS" in one decision: one model is cheaper than two and
// the joint tag keeps the pair consistent (never PROPN with VBD). Features
// are the word, its affixes and shape, the neighbouring words ±2 and the two
// previous predicted tags. Frequent words that are (almost) never ambiguous
// are tagged from a dictionary without scoring, which saves time and
// changes nothing measurable in accuracy.
//
// The lemmatiser (lemma.go) is learned from the same treebank.
//
// The embedded model (model/tagger.bin.gz) is trained on UD English-EWT and
// reproduced, byte for byte, by
//
//	kg train ud --data ../shared/data --out extract --seed 1
//
// Default loads it once per process; a Tagger is immutable afterwards and
// safe for concurrent use.
package postag

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"sort"
	"strings"
	"sync"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/postag/perceptron"
)

// Tagger is a trained tagger and lemmatiser.
type Tagger struct {
	upos, xpos []string // per joint class
	dict       map[string]int32
	lex        map[string]uint64 // lowercased word -> bit set of XPOS seen
	model      *perceptron.Model
	lem        *lemmatizer
	scratch    sync.Pool
}

type scratch struct {
	atoms  []wordAtoms
	feats  []uint64
	scores []int32
}

// Tag returns the UPOS and XPOS tag of every word. Words should be
// tokenised as in UD English (PTB-like: "do n't", "U.S.", "'s").
func (t *Tagger) Tag(words []string) (upos, xpos []string) {
	classes := t.tagClasses(words)
	upos = make([]string, len(words))
	xpos = make([]string, len(words))
	for i, c := range classes {
		upos[i], xpos[i] = t.upos[c], t.xpos[c]
	}
	return upos, xpos
}

// tagClasses returns the joint class of each word.
func (t *Tagger) tagClasses(words []string) []int {
	sc, _ := t.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer t.scratch.Put(sc)
	sc.atoms = fillAtoms(sc.atoms[:0], words, t.lex)
	n := len(t.upos)
	if cap(sc.scores) < n {
		sc.scores = make([]int32, n)
	}
	scores := sc.scores[:n]
	out := make([]int, len(words))
	var p1, p2 uint64
	for i, w := range words {
		c, ok := t.dict[w]
		if !ok {
			sc.feats = features(sc.feats[:0], sc.atoms, i, p1, p2)
			for j := range scores {
				scores[j] = 0
			}
			t.model.Score(sc.feats, scores)
			c = int32(perceptron.Argmax(scores))
		}
		out[i] = int(c)
		p2, p1 = p1, uint64(c)+1
	}
	return out
}

func fillAtoms(dst []wordAtoms, words []string, lex map[string]uint64) []wordAtoms {
	dst = append(dst, padAtoms, padAtoms)
	for i, w := range words {
		dst = append(dst, wordAtoms{})
		computeAtoms(w, i == 0, lex, &dst[len(dst)-1])
	}
	return append(dst, padAtoms, padAtoms)
}

// Lemmatize returns the lemma of every word given its tags.
func (t *Tagger) Lemmatize(words, upos, xpos []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		u, x := "", ""
		if i < len(upos) {
			u = upos[i]
		}
		if i < len(xpos) {
			x = xpos[i]
		}
		out[i] = t.lem.lemma(w, u, x)
	}
	return out
}

// TrainOptions configures Train.
type TrainOptions struct {
	// Epochs is the number of passes over the training data (default 8).
	Epochs int
	// Seed fixes the shuffling order so that training is reproducible.
	Seed int64
	// Dev, if non-empty, is scored after every epoch and the best epoch's
	// averaged weights are kept.
	Dev []conllu.Sentence
	// Progress, if set, receives a line per epoch.
	Progress func(format string, args ...any)
}

// Train learns a tagger and lemmatiser from gold-tagged sentences.
func Train(ctx context.Context, sents []conllu.Sentence, opts TrainOptions) (*Tagger, error) {
	if len(sents) == 0 {
		return nil, errors.New("postag: no training sentences")
	}
	if opts.Epochs <= 0 {
		opts.Epochs = 8
	}
	logf := opts.Progress
	if logf == nil {
		logf = func(string, ...any) {}
	}
	t := &Tagger{}
	// Joint classes, sorted for determinism.
	classIdx := map[string]int{}
	wordTags := map[string]map[int]int{}
	var keys []string
	for _, s := range sents {
		for _, tok := range s.Tokens {
			k := tok.UPOS + "\t" + tok.XPOS
			if _, ok := classIdx[k]; !ok {
				classIdx[k] = -1
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	for i, k := range keys {
		classIdx[k] = i
		u, x, _ := strings.Cut(k, "\t")
		t.upos = append(t.upos, u)
		t.xpos = append(t.xpos, x)
	}
	gold := make([][]int, len(sents))
	for si, s := range sents {
		gold[si] = make([]int, len(s.Tokens))
		for i, tok := range s.Tokens {
			c := classIdx[tok.UPOS+"\t"+tok.XPOS]
			gold[si][i] = c
			m := wordTags[tok.Form]
			if m == nil {
				m = map[int]int{}
				wordTags[tok.Form] = m
			}
			m[c]++
		}
	}
	// Tag dictionary: frequent words with one dominant tag.
	t.dict = map[string]int32{}
	for w, m := range wordTags {
		total, best, bc := 0, 0, 0
		for c, n := range m {
			total += n
			if n > best || (n == best && c < bc) {
				best, bc = n, c
			}
		}
		if total >= 20 && float64(best)/float64(total) >= 0.995 {
			t.dict[w] = int32(bc)
		}
	}
	t.lem = trainLemmatizer(sents)
	t.lex = buildLexicon(sents)

	if len(keys) > perceptron.MaxClasses {
		return nil, fmt.Errorf("postag: %d distinct UPOS+XPOS pairs, at most %d supported", len(keys), perceptron.MaxClasses)
	}
	tr := perceptron.NewTrainer(len(keys))
	rng := rand.New(rand.NewSource(opts.Seed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var (
		feats  []uint64
		atoms  []wordAtoms
		scores = make([]float32, len(keys))
		best   *perceptron.Model
		bestAc = -1.0
	)
	for ep := 1; ep <= opts.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			words := sents[si].Words()
			atoms = fillAtoms(atoms[:0], words, t.lex)
			var p1, p2 uint64
			for i, w := range words {
				g := gold[si][i]
				c, ok := t.dict[w]
				if !ok {
					feats = features(feats[:0], atoms, i, p1, p2)
					for j := range scores {
						scores[j] = 0
					}
					tr.Score(feats, scores)
					c = int32(perceptron.Argmax(scores))
					tr.Tick()
					tr.Update(feats, g, int(c), 1)
				}
				if int(c) == g {
					correct++
				}
				total++
				p2, p1 = p1, uint64(c)+1
			}
		}
		t.model = tr.Model(1e-3)
		msg := fmt.Sprintf("tagger epoch %d: train acc %.2f", ep, 100*float64(correct)/float64(total))
		if len(opts.Dev) > 0 {
			ev := t.Evaluate(opts.Dev)
			msg += fmt.Sprintf(", dev UPOS %.2f XPOS %.2f lemma %.2f", ev.UPOS, ev.XPOS, ev.Lemma)
			if ev.UPOS > bestAc {
				bestAc, best = ev.UPOS, t.model
				msg += " (best)"
			}
		}
		logf("%s (%s)", msg, t.model)
	}
	if best != nil {
		t.model = best
		// Drop the smallest weights while dev accuracy stays within 0.05
		// points: a smaller model loads and scores faster.
		for _, thr := range []float32{0.5, 0.3, 0.2, 0.1, 0.05} {
			t.model = best.Prune(thr)
			acc := t.Evaluate(opts.Dev).UPOS
			logf("tagger prune |w| < %g: dev UPOS %.2f (%s)", thr, acc, t.model)
			if acc >= bestAc-0.05 {
				return t, nil
			}
		}
		t.model = best
	}
	return t, nil
}

// buildLexicon maps lowercased training words to the set of XPOS tags they
// occur with (as a bit set over the sorted tag list; with more than 64
// tags, bits are shared, which only blurs the feature). Only words seen at
// least lexMinCount times are kept: for rarer words the set is mostly the
// one tag of the training occurrence, which the model would learn to trust
// blindly on training data and then never meet on new text.
func buildLexicon(sents []conllu.Sentence) map[string]uint64 {
	const lexMinCount = 5
	tagSet := map[string]bool{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			tagSet[t.XPOS] = true
		}
	}
	tags := make([]string, 0, len(tagSet))
	for x := range tagSet {
		tags = append(tags, x)
	}
	sort.Strings(tags)
	bit := map[string]uint64{}
	for i, x := range tags {
		bit[x] = 1 << (uint(i) & 63)
	}
	lex := map[string]uint64{}
	count := map[string]int{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			lw := strings.ToLower(t.Form)
			lex[lw] |= bit[t.XPOS]
			count[lw]++
		}
	}
	for w, n := range count {
		if n < lexMinCount {
			delete(lex, w)
		}
	}
	return lex
}

// Scores holds tagging accuracies in percent (0–100).
type Scores struct {
	UPOS, XPOS, Lemma float64
	Words             int
}

// Evaluate tags and lemmatises the gold words of sents and scores the result.
func (t *Tagger) Evaluate(sents []conllu.Sentence) Scores {
	var s Scores
	var u, x, l int
	for _, sent := range sents {
		words := sent.Words()
		up, xp := t.Tag(words)
		lem := t.Lemmatize(words, up, xp)
		for i, tok := range sent.Tokens {
			if up[i] == tok.UPOS {
				u++
			}
			if xp[i] == tok.XPOS {
				x++
			}
			if lem[i] == tok.Lemma {
				l++
			}
			s.Words++
		}
	}
	if s.Words > 0 {
		n := float64(s.Words)
		s.UPOS, s.XPOS, s.Lemma = 100*float64(u)/n, 100*float64(x)/n, 100*float64(l)/n
	}
	return s
}

const fileMagic = "KGTAGGER2"

// Save writes the tagger in its gzip-compressed binary format. The output
// is deterministic: the same tagger always gives the same bytes.
func (t *Tagger) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("postag: save: %w", err)
	}
	bw := bufio.NewWriter(zw)
	e := &encoder{w: bw}
	e.str(fileMagic)
	e.uint(uint64(len(t.upos)))
	for i := range t.upos {
		e.str(t.upos[i])
		e.str(t.xpos[i])
	}
	words := make([]string, 0, len(t.dict))
	for w := range t.dict {
		words = append(words, w)
	}
	sort.Strings(words)
	e.uint(uint64(len(words)))
	for _, w := range words {
		e.str(w)
		e.uint(uint64(t.dict[w]))
	}
	lw := make([]string, 0, len(t.lex))
	for w := range t.lex {
		lw = append(lw, w)
	}
	sort.Strings(lw)
	e.uint(uint64(len(lw)))
	for _, w := range lw {
		e.str(w)
		e.uint(t.lex[w])
	}
	t.lem.write(e)
	if e.err != nil {
		return fmt.Errorf("postag: save: %w", e.err)
	}
	if _, err := t.model.WriteTo(bw); err != nil {
		return fmt.Errorf("postag: save: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("postag: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("postag: save: %w", err)
	}
	return nil
}

// Load reads a tagger written by Save.
func Load(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("postag: load: %w", err)
	}
	br := bufio.NewReader(zr)
	d := &decoder{r: br}
	if m := d.str(); d.err == nil && m != fileMagic {
		return nil, errors.New("postag: load: not a tagger model")
	}
	t := &Tagger{}
	n := d.count()
	for i := 0; i < n && d.err == nil; i++ {
		t.upos = append(t.upos, d.str())
		t.xpos = append(t.xpos, d.str())
	}
	n = d.count()
	t.dict = make(map[string]int32, n)
	for i := 0; i < n && d.err == nil; i++ {
		w := d.str()
		c := d.uint()
		if c >= uint64(len(t.upos)) {
			return nil, errors.New("postag: load: dictionary class out of range")
		}
		t.dict[w] = int32(c)
	}
	n = d.count()
	t.lex = make(map[string]uint64, n)
	for i := 0; i < n && d.err == nil; i++ {
		w := d.str()
		t.lex[w] = d.uint()
	}
	t.lem = readLemmatizer(d)
	if d.err != nil {
		return nil, fmt.Errorf("postag: load: %w", d.err)
	}
	if t.model, err = perceptron.ReadModel(br); err != nil {
		return nil, fmt.Errorf("postag: load: %w", err)
	}
	if t.model.NumClasses() != len(t.upos) {
		return nil, errors.New("postag: load: model and tag set disagree")
	}
	return t, nil
}

type encoder struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) uint(v uint64) {
	if e.err != nil {
		return
	}
	n := binary.PutUvarint(e.buf[:], v)
	_, e.err = e.w.Write(e.buf[:n])
}

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

type decoder struct {
	r   *bufio.Reader
	err error
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	d.err = err
	return v
}

// count reads a collection length, refusing absurd values so that a
// corrupt file cannot make us allocate gigabytes.
func (d *decoder) count() int {
	v := d.uint()
	if v > 1<<24 {
		if d.err == nil {
			d.err = fmt.Errorf("implausible count %d", v)
		}
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil || n == 0 {
		return ""
	}
	b := make([]byte, n)
	_, d.err = io.ReadFull(d.r, b)
	return string(b)
}
