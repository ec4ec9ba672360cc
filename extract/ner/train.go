package ner

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"
)

// TrainOptions configures Train. Zero values select the defaults used for
// the committed model.
type TrainOptions struct {
	// Epochs over the training data (default 3: GMB dev F1 peaks there;
	// the perceptron then starts to fit GMB's annotation noise).
	Epochs int
	// Seed fixes shuffling and augmentation, so training is reproducible.
	Seed uint64
	// Titles are the words kept outside person names (see LearnTitles); they
	// also become a feature ("the word before is a title").
	Titles map[string]bool
	// Folds is the number of jackknife folds for gazetteer features
	// (default 4): each sentence sees gazetteer statistics gathered from the
	// other folds only, so the model learns how far a gazetteer hit can be
	// trusted on names it has not seen, not that every hit is right.
	Folds int
	// LowerFrac, TitleFrac and UpperFrac are the shares of sentences that
	// are added again, each epoch, in all lower case, headline case and all
	// capitals. Negative disables; zero selects the default (0.12, 0.06,
	// 0.02). This is what makes the model usable on web text and headlines,
	// where capitals are missing or everywhere.
	LowerFrac, TitleFrac, UpperFrac float64
	// Prune drops averaged weights whose magnitude is below it (default
	// 1; a feature fires for ~35 templates and scores are in the tens).
	// On GMB dev this halves the weights for -0.001 F1 and keeps the
	// feature table small enough for the cache, which is what makes
	// tagging fast.
	Prune float64
	// Unlabeled holds extra tokenised sentences (no tags) from which only
	// capitalisation statistics are gathered: how often a word is written
	// with a capital away from the sentence start. More text than GMB makes
	// that signal cover the vocabulary of other domains.
	Unlabeled [][]string
	// Progress, if set, is called after each epoch with a snapshot model.
	Progress func(epoch int, r *Recognizer) error
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 3
	}
	if o.Folds <= 1 {
		o.Folds = 4
	}
	def := func(p *float64, v float64) {
		if *p == 0 {
			*p = v
		} else if *p < 0 {
			*p = 0
		}
	}
	def(&o.LowerFrac, 0.12)
	def(&o.TitleFrac, 0.06)
	def(&o.UpperFrac, 0.02)
	if o.Prune == 0 {
		o.Prune = 1
	}
}

// tEntry is one (feature, tag) weight under averaged-perceptron training:
// w is the current weight, total the sum of w over all steps up to ts.
type tEntry struct {
	total float64
	w     float32
	ts    int32
	tag   uint8
}

func (e *tEntry) add(delta float32, now int32) {
	e.total += float64(now-e.ts) * float64(e.w)
	e.ts = now
	e.w += delta
}

func (e *tEntry) avg(now int32) float32 {
	return float32((e.total + float64(now-e.ts)*float64(e.w)) / float64(now))
}

type trainer struct {
	index map[uint64]int32
	rows  [][]tEntry
	trans [numTags + 1][numTags]tEntry
	now   int32
}

func (tr *trainer) update(h uint64, tag int, delta float32) {
	row, ok := tr.index[h]
	if !ok {
		row = int32(len(tr.rows))
		tr.index[h] = row
		tr.rows = append(tr.rows, nil)
	}
	r := tr.rows[row]
	for k := range r {
		if int(r[k].tag) == tag {
			r[k].add(delta, tr.now)
			return
		}
	}
	e := tEntry{tag: uint8(tag), ts: tr.now}
	e.add(delta, tr.now)
	tr.rows[row] = append(r, e)
}

// instance is one training sentence in one casing variant.
type instance struct {
	sent    int
	variant byte // 'N' as is, 'L' lower, 'T' headline, 'U' upper
}

// Train fits a recogniser on sents, whose Tags use this package's entity
// types (see MapGMB). It is an averaged structured perceptron over IOB2
// tags with first-order transitions, decoded by Viterbi.
func Train(ctx context.Context, sents []Sentence, opts TrainOptions) (*Recognizer, error) {
	opts.defaults()
	if len(sents) == 0 {
		return nil, errors.New("ner: no training sentences")
	}
	gold := make([][]int, len(sents))
	for k, s := range sents {
		if len(s.Words) != len(s.Tags) {
			return nil, fmt.Errorf("ner: sentence %d has %d words but %d tags", k, len(s.Words), len(s.Tags))
		}
		gold[k] = make([]int, len(s.Tags))
		for i, t := range s.Tags {
			gold[k][i] = tagIndex(t)
		}
	}
	words0 := make([][]string, 0, len(sents)+len(opts.Unlabeled))
	for _, s := range sents {
		words0 = append(words0, s.Words)
	}
	capRatio := buildCapRatio(append(words0, opts.Unlabeled...))
	titles := opts.Titles
	if titles == nil {
		titles = map[string]bool{}
	}
	// Jackknife lexicons: fold f's sentences see statistics from the others.
	// Folds are contiguous blocks, so whole documents stay together.
	fold := func(k int) int { return k * opts.Folds / len(sents) }
	lexFor := make([]*lexicon, opts.Folds)
	for f := range lexFor {
		var others []Sentence
		for k := range sents {
			if fold(k) != f {
				others = append(others, sents[k])
			}
		}
		lexFor[f] = buildLexicon(others, capRatio, titles)
	}
	full := buildLexicon(sents, capRatio, titles)

	tr := &trainer{index: make(map[uint64]int32, 1<<20)}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6e6572))
	d := &decodeScratch{}
	var hashes []uint64
	var offs []int
	var words []string
	var insts []instance
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		insts = insts[:0]
		for k := range sents {
			insts = append(insts, instance{k, 'N'})
			x := rng.Float64()
			switch {
			case x < opts.LowerFrac:
				insts = append(insts, instance{k, 'L'})
			case x < opts.LowerFrac+opts.TitleFrac:
				insts = append(insts, instance{k, 'T'})
			case x < opts.LowerFrac+opts.TitleFrac+opts.UpperFrac:
				insts = append(insts, instance{k, 'U'})
			}
		}
		rng.Shuffle(len(insts), func(i, j int) { insts[i], insts[j] = insts[j], insts[i] })
		for n, in := range insts {
			if n%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, fmt.Errorf("ner: training cancelled: %w", err)
				}
			}
			tr.now++
			words = recase(words[:0], sents[in.sent].Words, in.variant)
			lx := lexFor[fold(in.sent)]
			d.resize(len(words))
			d.sf.prepare(words, lx)
			hashes, offs = hashes[:0], offs[:0]
			for i := range words {
				offs = append(offs, len(hashes))
				hashes = append(hashes, d.sf.tokenFeatures(words, i, lx)...)
			}
			offs = append(offs, len(hashes))
			var trans [numTags + 1][numTags]float32
			for a := range tr.trans {
				for b := range tr.trans[a] {
					trans[a][b] = tr.trans[a][b].w
				}
			}
			for i := range words {
				e := &d.emit[i]
				*e = [numTags]float32{}
				for _, h := range hashes[offs[i]:offs[i+1]] {
					if row, ok := tr.index[h]; ok {
						for _, en := range tr.rows[row] {
							e[en.tag] += en.w
						}
					}
				}
			}
			pred := viterbi(d, &trans)
			g := gold[in.sent]
			for i := range words {
				pg, pp := numTags, numTags
				if i > 0 {
					pg, pp = g[i-1], pred[i-1]
				}
				if g[i] == pred[i] && pg == pp {
					continue
				}
				tr.trans[pg][g[i]].add(1, tr.now)
				tr.trans[pp][pred[i]].add(-1, tr.now)
				if g[i] != pred[i] {
					for _, h := range hashes[offs[i]:offs[i+1]] {
						tr.update(h, g[i], 1)
						tr.update(h, pred[i], -1)
					}
				}
			}
		}
		if opts.Progress != nil {
			if err := opts.Progress(epoch, tr.snapshot(full, opts.Prune)); err != nil {
				return nil, err
			}
		}
	}
	return tr.snapshot(full, opts.Prune), nil
}

// snapshot returns a Recognizer with the averaged weights, dropping
// weights smaller than prune.
func (tr *trainer) snapshot(lx *lexicon, prune float64) *Recognizer {
	r := &Recognizer{lx: lx, scale: 1}
	rows := make(map[uint64][]wt, len(tr.index))
	for h, row := range tr.index {
		var ws []wt
		for _, e := range tr.rows[row] {
			a := e.avg(tr.now)
			if math.Abs(float64(a)) < prune {
				continue
			}
			ws = append(ws, wt{w: a, tag: uint32(e.tag)})
		}
		if len(ws) > 0 {
			sort.Slice(ws, func(i, j int) bool { return ws[i].tag < ws[j].tag })
			rows[h] = ws
		}
	}
	r.feats = newFeatTable(rows)
	for a := range tr.trans {
		for b := range tr.trans[a] {
			r.trans[a][b] = tr.trans[a][b].avg(tr.now)
		}
	}
	return r
}

// smallWords stay lower case in headline case.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "but": true, "or": true,
	"for": true, "nor": true, "on": true, "at": true, "to": true, "from": true,
	"by": true, "of": true, "in": true, "with": true, "as": true,
}

// recase appends words to dst in the given casing variant.
func recase(dst, words []string, variant byte) []string {
	for i, w := range words {
		switch variant {
		case 'L':
			w = strings.ToLower(w)
		case 'U':
			w = strings.ToUpper(w)
		case 'T':
			if i == 0 || !smallWords[strings.ToLower(w)] {
				w = capitalise(w)
			}
		}
		dst = append(dst, w)
	}
	return dst
}

func capitalise(w string) string {
	for i, r := range w {
		if unicode.IsLower(r) {
			return w[:i] + string(unicode.ToUpper(r)) + w[i+len(string(r)):]
		}
		return w
	}
	return w
}
