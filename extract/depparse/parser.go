// Package depparse is a greedy labelled dependency parser producing
// Universal Dependencies trees for tagged English sentences.
//
// It is an arc-hybrid transition parser (root at the end of the buffer)
// scored by an averaged perceptron over Zhang & Nivre (2011)-style features
// and trained with the dynamic oracle of Goldberg & Nivre (2013) with
// exploration, so that it learns to recover from its own mistakes. Labels
// are predicted jointly with the transition. The tags it sees at training
// time are predicted by 10-fold jackknifed taggers, the noise it meets at
// run time. Greedy decoding keeps it linear-time: one perceptron decision
// per transition, 2n transitions per sentence.
//
// The embedded model (model/parser.bin.gz) is trained on UD English-EWT and
// reproduced by
//
//	kg train ud --data ../shared/data --out extract --seed 1
//
// Default loads it once per process; a Parser is immutable afterwards and
// safe for concurrent use.
package depparse

import (
	"bytes"
	"compress/gzip"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"sort"
	"strings"
	"sync"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/postag/perceptron"
	"github.com/kg-project/kg/extract/postag/wordclass"
)

// Parser is a trained dependency parser.
type Parser struct {
	classes   *wordclass.Classes // may be nil
	labels    []string
	rootLabel int
	model     *perceptron.Model
	pool      sync.Pool // *work
}

// work is per-call scratch space, pooled so that parsing allocates only
// its results.
type work struct {
	st     state
	c      ctx
	feats  []uint64
	scores []int32
}

func (p *Parser) getWork() *work {
	if w, ok := p.pool.Get().(*work); ok {
		return w
	}
	return &work{scores: make([]int32, numClasses(len(p.labels)))}
}

func setAtoms(c *ctx, classes *wordclass.Classes, words, upos, xpos []string) {
	n := len(words)
	if cap(c.atoms) < n+1 {
		c.atoms = make([]tokAtoms, n+1)
	}
	c.atoms = c.atoms[:n+1]
	if cap(c.punct) < n+2 {
		c.punct = make([]int32, n+2)
	}
	c.punct = c.punct[:n+2]
	c.punct[0] = 0
	for i, w := range words {
		var u, x string
		if i < len(upos) {
			u = upos[i]
		}
		if i < len(xpos) {
			x = xpos[i]
		}
		uh := perceptron.Hash(u)
		lw := strings.ToLower(w)
		c.atoms[i] = tokAtoms{
			w: perceptron.Hash(lw),
			p: perceptron.Mix(uh, perceptron.Hash(x)),
			u: uh,
			c: 3, g: 3,
		}
		if f, g, ok := classes.Lookup(lw); ok {
			c.atoms[i].c, c.atoms[i].g = uint64(f)+10, uint64(g)+10
		}
		c.punct[i+1] = c.punct[i]
		if u == "PUNCT" {
			c.punct[i+1]++
		}
	}
	c.punct[n+1] = c.punct[n]
	c.atoms[n] = rootAtom
}

// Parse returns, for each word, the 0-based index of its head (-1 for the
// root) and its UD relation label. upos and xpos are the tags from
// postag.Tagger.Tag.
func (p *Parser) Parse(words, upos, xpos []string) (heads []int, rels []string) {
	n := len(words)
	heads, rels = make([]int, n), make([]string, n)
	if n == 0 {
		return heads, rels
	}
	w := p.getWork()
	defer p.pool.Put(w)
	setAtoms(&w.c, p.classes, words, upos, xpos)
	p.run(w, n)
	for i := 0; i < n; i++ {
		h := int(w.st.heads[i])
		if h == n || h < 0 {
			h = -1
		}
		heads[i] = h
		if l := w.st.labels[i]; l >= 0 {
			rels[i] = p.labels[l]
		} else {
			rels[i] = "dep"
		}
	}
	return heads, rels
}

// run parses greedily with the frozen model.
func (p *Parser) run(w *work, n int) {
	st := &w.st
	st.reset(n)
	scores := w.scores
	for !st.terminal() {
		// With an empty stack SHIFT is the only move, and with one word
		// left before the root so is LEFT(root): no need to score.
		if len(st.stack) == 0 {
			st.apply(shift)
			continue
		}
		if int(st.b) == n && len(st.stack) == 1 {
			st.apply(leftOf(p.rootLabel))
			continue
		}
		w.feats = extract(w.feats[:0], &w.c, st)
		for i := range scores {
			scores[i] = 0
		}
		p.model.Score(w.feats, scores)
		st.apply(bestValid(p, st, scores))
	}
}

// bestValid returns the highest-scoring valid transition. Scores for the
// classes are laid out as SHIFT, LEFT(0), RIGHT(0), LEFT(1), ...
func bestValid[S int32 | float32](p *Parser, st *state, scores []S) int {
	var best S
	bi := -1
	canShift := int(st.b) < st.n
	canLeft := len(st.stack) >= 1
	canRight := len(st.stack) >= 2
	atRoot := int(st.b) == st.n
	if canShift {
		best, bi = scores[shift], shift
	}
	if atRoot && canLeft && len(st.stack) == 1 {
		t := leftOf(p.rootLabel)
		if bi < 0 || scores[t] > best {
			best, bi = scores[t], t
		}
		canLeft = false
	} else if atRoot {
		canLeft = false
	}
	for l := range p.labels {
		if l == p.rootLabel {
			continue
		}
		if canLeft {
			if t := leftOf(l); bi < 0 || scores[t] > best {
				best, bi = scores[t], t
			}
		}
		if canRight {
			if t := rightOf(l); bi < 0 || scores[t] > best {
				best, bi = scores[t], t
			}
		}
	}
	return bi
}

// TrainOptions configures Train.
type TrainOptions struct {
	// Epochs is the number of passes over the training data (default 15).
	Epochs int
	// Seed fixes shuffling and exploration so that training is reproducible.
	Seed int64
	// Dev, if non-empty, is parsed after every epoch (with the tags it
	// carries) and the best epoch by LAS is kept.
	Dev []conllu.Sentence
	// ExploreAfter is the number of epochs trained on the oracle's path
	// before the parser starts following its own predictions (default 1).
	ExploreAfter int
	// ExploreProb is the probability of following a wrong prediction once
	// exploring (default 0.9).
	ExploreProb float64
	// Progress, if set, receives a line per epoch.
	Progress func(format string, args ...any)
	// Classes, if set, are word classes learned from raw text (see package
	// wordclass); the parser keeps them and uses them as features.
	Classes *wordclass.Classes
}

// Train learns a parser from sentences whose UPOS/XPOS columns hold the
// tags the parser will see (ideally jackknifed predictions) and whose
// HEAD/DEPREL columns hold the gold tree. Non-projective trees are kept: the
// dynamic oracle still gives the best reachable transitions for them.
func Train(ctx context.Context, sents []conllu.Sentence, opts TrainOptions) (*Parser, error) {
	if len(sents) == 0 {
		return nil, errors.New("depparse: no training sentences")
	}
	if opts.Epochs <= 0 {
		opts.Epochs = 15
	}
	if opts.ExploreAfter <= 0 {
		opts.ExploreAfter = 1
	}
	if opts.ExploreProb == 0 {
		opts.ExploreProb = 0.9
	}
	logf := opts.Progress
	if logf == nil {
		logf = func(string, ...any) {}
	}
	labelSet := map[string]bool{"root": true}
	for _, s := range sents {
		for _, t := range s.Tokens {
			labelSet[t.DepRel] = true
		}
	}
	p := &Parser{classes: opts.Classes}
	for l := range labelSet {
		p.labels = append(p.labels, l)
	}
	sort.Strings(p.labels)
	labelIdx := map[string]int{}
	for i, l := range p.labels {
		labelIdx[l] = i
	}
	p.rootLabel = labelIdx["root"]
	nc := numClasses(len(p.labels))
	if nc > perceptron.MaxClasses {
		return nil, fmt.Errorf("depparse: %d relation labels, at most %d supported", len(p.labels), (perceptron.MaxClasses-1)/2)
	}
	tr := perceptron.NewTrainer(nc)
	rng := rand.New(rand.NewSource(opts.Seed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var (
		w      = &work{}
		fscore = make([]float32, nc)
		gh     []int32
		gl     []int
		costs  = make([]int, nc)
		best   *perceptron.Model
		bestSc = -1.0
	)
	for ep := 1; ep <= opts.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		explore := ep > opts.ExploreAfter
		var steps, errs int
		for _, si := range order {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			s := &sents[si]
			n := len(s.Tokens)
			setAtoms(&w.c, p.classes, s.Words(), s.UPOS(), s.XPOS())
			gh, gl = gh[:0], gl[:0]
			for _, t := range s.Tokens {
				h := int32(t.Head - 1)
				if t.Head == 0 {
					h = int32(n)
				}
				gh = append(gh, h)
				gl = append(gl, labelIdx[t.DepRel])
			}
			st := &w.st
			st.reset(n)
			for !st.terminal() {
				w.feats = extract(w.feats[:0], &w.c, st)
				scores := fscore
				for i := range scores {
					scores[i] = 0
				}
				tr.Score(w.feats, scores)
				pred := bestValid(p, st, scores)
				// Costs of every valid transition; the cheapest are "correct".
				minCost := 1 << 30
				for t := range costs {
					costs[t] = -1
				}
				if st.valid(shift, p.rootLabel) {
					costs[shift] = st.shiftCost(gh)
					minCost = costs[shift]
				}
				if len(st.stack) >= 1 {
					s0 := st.s(0)
					lc := st.reduceCost(gh, st.b, true)
					rc := -1
					if len(st.stack) >= 2 {
						rc = st.reduceCost(gh, st.s(1), false)
					}
					for l := range p.labels {
						if t := leftOf(l); st.valid(t, p.rootLabel) {
							c := lc
							if gh[s0] == st.b && gl[s0] != l {
								c++
							}
							costs[t] = c
							minCost = min(minCost, c)
						}
						if t := rightOf(l); rc >= 0 && st.valid(t, p.rootLabel) {
							c := rc
							if gh[s0] == st.s(1) && gl[s0] != l {
								c++
							}
							costs[t] = c
							minCost = min(minCost, c)
						}
					}
				}
				gold, gs := -1, float32(0)
				for t, c := range costs {
					if c == minCost && (gold < 0 || scores[t] > gs) {
						gold, gs = t, scores[t]
					}
				}
				tr.Tick()
				steps++
				next := pred
				if costs[pred] > minCost {
					errs++
					tr.Update(w.feats, gold, pred, 1)
					if !explore || rng.Float64() >= opts.ExploreProb {
						next = gold
					}
				}
				st.apply(next)
			}
		}
		p.model = tr.Model(1e-3)
		msg := fmt.Sprintf("parser epoch %d: train transition acc %.2f", ep, 100*(1-float64(errs)/float64(steps)))
		if len(opts.Dev) > 0 {
			ev := p.Evaluate(opts.Dev)
			msg += fmt.Sprintf(", dev UAS %.2f LAS %.2f (full labels %.2f)", ev.UAS, ev.LAS, ev.LASFull)
			if ev.LAS > bestSc {
				bestSc, best = ev.LAS, p.model
				msg += " (best)"
			}
		}
		logf("%s (%s)", msg, p.model)
	}
	if best != nil {
		p.model = best
		p.model = prune(best, bestSc, func(m *perceptron.Model) float64 {
			p.model = m
			return p.Evaluate(opts.Dev).LAS
		}, logf)
	}
	return p, nil
}

// prune drops the smallest weights of m, as many as it can while the dev
// score stays within 0.2 points of full. Most of a perceptron's weights
// are tiny averages of rare features; dropping them shrinks the model
// several times, and since scoring time is dominated by cache misses on the
// weight table, a smaller model parses markedly faster.
func prune(m *perceptron.Model, full float64, score func(*perceptron.Model) float64, logf func(string, ...any)) *perceptron.Model {
	for _, thr := range []float32{2, 1.5, 1, 0.7, 0.5, 0.3, 0.1} {
		pm := m.Prune(thr)
		sc := score(pm)
		logf("parser prune |w| < %g: dev LAS %.2f (%s)", thr, sc, pm)
		if sc >= full-0.2 {
			return pm
		}
	}
	return m
}

// Scores are attachment scores in percent (0–100), punctuation included.
type Scores struct {
	// UAS is the share of words with the right head.
	UAS float64
	// LAS also requires the right label, comparing only the universal part
	// of the relation ("nmod" for "nmod:poss"), as the CoNLL 2018 scorer does.
	LAS float64
	// LASFull compares complete labels, subtypes included.
	LASFull float64
	Words   int
}

// Evaluate parses sents using the tags they carry and scores the trees.
func (p *Parser) Evaluate(sents []conllu.Sentence) Scores {
	var sc Scores
	var u, l, lf int
	for i := range sents {
		s := &sents[i]
		heads, rels := p.Parse(s.Words(), s.UPOS(), s.XPOS())
		for j, t := range s.Tokens {
			sc.Words++
			if heads[j] != t.Head-1 {
				continue
			}
			u++
			if universal(rels[j]) == universal(t.DepRel) {
				l++
			}
			if rels[j] == t.DepRel {
				lf++
			}
		}
	}
	if sc.Words > 0 {
		n := float64(sc.Words)
		sc.UAS, sc.LAS, sc.LASFull = 100*float64(u)/n, 100*float64(l)/n, 100*float64(lf)/n
	}
	return sc
}

func universal(rel string) string {
	r, _, _ := strings.Cut(rel, ":")
	return r
}

// File format versions: 2 adds optional word classes.
const (
	fileMagic   = "KGPARSER2"
	fileMagicV1 = "KGPARSER1"
)

// Save writes the parser in its gzip-compressed binary format; the same
// parser always gives the same bytes.
func (p *Parser) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("depparse: save: %w", err)
	}
	e := perceptron.NewEncoder(zw)
	e.Str(fileMagic)
	if p.classes != nil {
		e.Uint(1)
		p.classes.Write(e)
	} else {
		e.Uint(0)
	}
	e.Uint(uint64(len(p.labels)))
	for _, l := range p.labels {
		e.Str(l)
	}
	e.Model(p.model)
	if err := e.Flush(); err != nil {
		return fmt.Errorf("depparse: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("depparse: save: %w", err)
	}
	return nil
}

// Load reads a parser written by Save.
func Load(r io.Reader) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("depparse: load: %w", err)
	}
	d := perceptron.NewDecoder(zr)
	m := d.Str()
	if d.Err() == nil && m != fileMagic && m != fileMagicV1 {
		return nil, errors.New("depparse: load: not a parser model")
	}
	p := &Parser{rootLabel: -1}
	if m == fileMagic && d.Uint() == 1 {
		if p.classes, err = wordclass.Read(d); err != nil {
			return nil, fmt.Errorf("depparse: load: %w", err)
		}
	}
	n := d.Count()
	for i := 0; i < n && d.Err() == nil; i++ {
		l := d.Str()
		if l == "root" {
			p.rootLabel = i
		}
		p.labels = append(p.labels, l)
	}
	p.model = d.Model()
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("depparse: load: %w", err)
	}
	if p.rootLabel < 0 {
		return nil, errors.New("depparse: load: no root label")
	}
	if p.model.NumClasses() != numClasses(len(p.labels)) {
		return nil, errors.New("depparse: load: model and label set disagree")
	}
	return p, nil
}

// modelFS holds the committed model; the directory is embedded so that the
// package compiles even while the model is being retrained.
//
//go:embed model
var modelFS embed.FS

// ModelPath is the embedded model's path relative to this package.
const ModelPath = "model/parser.bin.gz"

// defaultParser is loaded at most once per process and shared: a Parser is
// immutable after loading.
var defaultParser = sync.OnceValues(func() (*Parser, error) {
	b, err := modelFS.ReadFile(ModelPath)
	if err != nil {
		return nil, fmt.Errorf("depparse: embedded model missing (run kg train ud): %w", err)
	}
	return Load(bytes.NewReader(b))
})

// Default returns the parser trained on UD English-EWT embedded in the
// binary, loaded on first use. It is safe for concurrent use.
func Default() (*Parser, error) { return defaultParser() }
