// Package postag assigns Universal (UPOS) and Penn Treebank (XPOS) part-of-
// speech tags and lemmas to tokenised English sentences.
//
// The tagger is a greedy left-to-right averaged perceptron that predicts the
// joint tag "UPOS+XPOS" in one decision: one model is cheaper than two and
// the joint tag keeps the pair consistent (never PROPN with VBD). Features
// are the word, its affixes and shape, the neighbouring words ±2, the sets
// of tags the neighbouring words were seen with (ambiguity classes) and the
// two previous predicted tags. A second pass (the embedded model has one)
// re-tags the sentence seeing the first pass's tags of the words to the
// right, which a left-to-right tagger otherwise cannot know; it is trained
// on jackknifed first-pass tags so that it learns how far to trust them. It
// re-scores only the words whose first-pass margin is small (about the
// least sure tenth of the scored words; see Tagger.gate), where nearly all
// of its corrections are, so it costs a fraction of a second full pass.
// Frequent words that are (almost) never ambiguous are tagged from a
// dictionary without scoring, which changes nothing measurable in
// accuracy.
//
// The first-pass model also labels every word with its supertag, the
// relation it will have in the parse and the side its head is on
// ("nsubj/R"), for the dependency parser (TrainOptions.Aux, TagAux). The
// supertag classes share the tags' features, so they cost wider score
// vectors rather than more lookups, and the tags are exactly those the
// model would give without them. Supertags are 82.5% right on EWT dev;
// with them the parser scored about +0.7 UAS / +0.8 LAS (see package
// depparse). One rule follows the model: a bare participle
// right after a subject pronoun is a past tense (see pastAfterSubject).
// The lemmatiser checks its guesses for unseen verb forms against the
// words of the raw text, for British doubled l (see undoubleL).
//
// The lemmatiser (lemma.go) is learned from the same treebank.
//
// The embedded model (model/tagger.bin) is trained on UD English-EWT,
// with word classes learned from the Reuters-21578 text in ../shared, and
// reproduced (training is deterministic) by
//
//	kg train ud --data ../shared/data --out extract --seed 1
//
// It trains 12 epochs per pass (kg train ud's --tagger-epochs; the best
// epoch on dev is kept) and so do the jackknifed taggers that tag the
// parser's training data. EWT dev: UPOS 95.23, XPOS 94.68, lemma 97.08
// (gold tokenisation); the first pass alone scores 95.11 UPOS. With 8
// epochs it scored 95.26 / 94.67 / 97.03, but the parser trained on the
// 12-epoch taggers' supertags scored +0.25 UAS (see package depparse).
// The second pass costs
// about 7% of tagging time; the parser trained on its tags scored +0.13
// UAS / +0.19 LAS on EWT dev (one seed: within the parser's seed spread).
//
// Default loads it once per process; a Tagger is immutable afterwards and
// safe for concurrent use.
package postag

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/internal/modelfile"
	"github.com/kg-project/kg/extract/postag/perceptron"
	"github.com/kg-project/kg/extract/postag/wordclass"
)

// Tagger is a trained tagger and lemmatiser.
type Tagger struct {
	upos, xpos []string // per joint class
	// aux names the classes of the auxiliary labelling (TrainOptions.Aux),
	// which the first-pass model scores after the tag classes; empty
	// without one.
	aux     []string
	dict    map[string]int32
	lex     map[string]uint64  // lowercased word -> bit set of XPOS seen
	classes *wordclass.Classes // may be nil
	model   *perceptron.Model
	// second, if set, re-tags the sentence seeing the first pass's tags of
	// the words to the right, which a left-to-right pass cannot know.
	second *perceptron.Model
	// gate, if positive, limits the second pass to the words whose
	// first-pass margin (best score minus second best) is below it; the
	// others keep their first-pass tag. The second pass changes almost
	// only words the first pass was unsure of, so re-scoring the least
	// sure tenth of the scored words gives nearly all of its gain (dev
	// UPOS 95.29 against 95.33) at a fraction of its cost.
	// Training picks it on dev (chooseGate); 0 re-scores every word.
	gate    int32
	lem     *lemmatizer
	scratch sync.Pool
}

type scratch struct {
	atoms  []wordAtoms
	feats  []uint64
	scores []int32
	// cache and ents serve passCached (cache.go).
	cache wordCache
	ents  []*wordEntry
	// margins, when the second pass is gated, holds the first pass's
	// score margin of each word (math.MaxInt32 for dictionary words), and
	// first a copy of the first pass's classes.
	margins []int32
	first   []int
	// aux receives the auxiliary class of each word (passCached).
	aux []int
	// lemmas caches Lemmatize's answers (see lemmaCache).
	lemmas lemmaCache
}

// Tag returns the UPOS and XPOS tag of every word. Words should be
// tokenised as in UD English (PTB-like: "do n't", "U.S.", "'s").
func (t *Tagger) Tag(words []string) (upos, xpos []string) {
	return t.tagNames(words, t.tagClasses(words))
}

// tagNames turns joint classes into UPOS and XPOS tags, with the rule that
// follows the model (pastAfterSubject).
func (t *Tagger) tagNames(words []string, classes []int) (upos, xpos []string) {
	upos = make([]string, len(words))
	xpos = make([]string, len(words))
	for i, c := range classes {
		upos[i], xpos[i] = t.upos[c], t.xpos[c]
	}
	pastAfterSubject(words, xpos)
	return upos, xpos
}

// TagAux is Tag that also returns each word's auxiliary label (see
// TrainOptions.Aux); aux is nil for a tagger trained without one. The tags
// are exactly those Tag returns.
func (t *Tagger) TagAux(words []string) (upos, xpos, aux []string) {
	classes, ax := t.tagClassesAux(words)
	upos, xpos = t.tagNames(words, classes)
	if len(t.aux) > 0 {
		aux = make([]string, len(words))
		for i, a := range ax {
			aux[i] = t.aux[a]
		}
	}
	return upos, xpos, aux
}

// HasAux reports whether the tagger was trained with auxiliary labels.
func (t *Tagger) HasAux() bool { return len(t.aux) > 0 }

// nominative are the subject-only pronouns.
var nominative = map[string]bool{"i": true, "he": true, "she": true, "we": true, "they": true}

// pastAfterSubject retags as past tense (VBD) a past participle (VBN)
// that follows a subject-only pronoun with at most adverbs between: "He
// also referenced shared history". A participle needs an auxiliary to
// follow its subject ("he has referenced"), so without one the verb is in
// the past tense; the tagger, looking mostly at the word and its right
// context, cannot tell the two forms of -ed apart there, and the parser
// then reads a participle as a modifier. UPOS is VERB either way.
func pastAfterSubject(words, xpos []string) {
	for i, x := range xpos {
		if x != "VBN" {
			continue
		}
		j := i - 1
		for j >= 0 && xpos[j] == "RB" {
			j--
		}
		if j >= 0 && xpos[j] == "PRP" && nominative[strings.ToLower(words[j])] {
			xpos[i] = "VBD"
		}
	}
}

// tagClasses returns the joint class of each word.
func (t *Tagger) tagClasses(words []string) []int {
	c, _ := t.tagClassesAux(words)
	return c
}

// tagClassesAux returns the joint class of each word and, for a tagger
// with auxiliary labels, each word's auxiliary class.
func (t *Tagger) tagClassesAux(words []string) (classes, aux []int) {
	sc, _ := t.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer t.scratch.Put(sc)
	n := t.model.NumClasses()
	if cap(sc.scores) < n {
		sc.scores = make([]int32, n)
	}
	if t.second != nil && t.gate > 0 {
		if cap(sc.margins) < len(words) {
			sc.margins = make([]int32, len(words))
		}
		sc.margins = sc.margins[:len(words)]
	} else {
		sc.margins = nil
	}
	out := t.passCached(sc, words) // also fills sc.atoms
	switch {
	case t.second != nil && t.gate > 0:
		t.gatedPass(sc, out)
	case t.second != nil:
		out = t.pass(sc, words, t.second, out)
	}
	if len(t.aux) > 0 {
		aux = append([]int(nil), sc.aux...)
	}
	return out, aux
}

// gatedPass re-tags with the second-pass model, in place, only the words of
// out (the first pass's classes) whose margin in sc.margins is below
// t.gate. Each re-scored word sees exactly what pass would show it: the
// first pass's classes around it and the final classes of the two words
// before it. Dictionary words have the largest margin and are skipped
// without a dictionary lookup.
func (t *Tagger) gatedPass(sc *scratch, out []int) {
	first := append(sc.first[:0], out...)
	sc.first = first
	scores := sc.scores[:len(t.upos)]
	for i, m := range sc.margins {
		if m >= t.gate {
			continue
		}
		var p1, p2 uint64
		if i >= 1 {
			p1 = uint64(out[i-1]) + 1
		}
		if i >= 2 {
			p2 = uint64(out[i-2]) + 1
		}
		sc.feats = secondPassFeatures(sc.feats[:0], sc.atoms, first, i, p1, p2)
		clear(scores)
		t.second.Score(sc.feats, scores)
		out[i] = perceptron.Argmax(scores)
	}
}

// pass tags words greedily left to right with m; first holds the first
// pass's classes when m is the second-pass model.
func (t *Tagger) pass(sc *scratch, words []string, m *perceptron.Model, first []int) []int {
	scores := sc.scores[:m.NumClasses()]
	out := make([]int, len(words))
	var p1, p2 uint64
	for i, w := range words {
		c, ok := t.dict[w]
		if !ok {
			if first != nil {
				sc.feats = secondPassFeatures(sc.feats[:0], sc.atoms, first, i, p1, p2)
			} else {
				sc.feats = features(sc.feats[:0], sc.atoms, i, p1, p2)
			}
			for j := range scores {
				scores[j] = 0
			}
			m.Score(sc.feats, scores)
			c = int32(perceptron.Argmax(scores[:len(t.upos)])) // aux classes follow
		}
		out[i] = int(c)
		p2, p1 = p1, uint64(c)+1
	}
	return out
}

func (t *Tagger) fillAtoms(dst []wordAtoms, words []string) []wordAtoms {
	dst = append(dst, padAtoms, padAtoms)
	for i, w := range words {
		dst = append(dst, wordAtoms{})
		computeAtoms(w, i == 0, t.lex, t.classes, &dst[len(dst)-1])
	}
	return append(dst, padAtoms, padAtoms)
}

// Lemmatize returns the lemma of every word given its tags.
func (t *Tagger) Lemmatize(words, upos, xpos []string) []string {
	out := make([]string, len(words))
	var known func(string) bool
	if t.classes != nil {
		known = func(w string) bool { _, _, ok := t.classes.Lookup(w); return ok }
	}
	sc, _ := t.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer t.scratch.Put(sc)
	for i, w := range words {
		u, x := "", ""
		if i < len(upos) {
			u = upos[i]
		}
		if i < len(xpos) {
			x = xpos[i]
		}
		sl := sc.lemmas.slot(w, x)
		if sl.word != w || sl.upos != u || sl.xpos != x || sl.lem != t.lem {
			*sl = lemmaSlot{word: w, upos: u, xpos: x, lem: t.lem, lemma: t.lem.lemma(w, u, x, known)}
		}
		out[i] = sl.lemma
	}
	return out
}

// lemmaCache is a direct-mapped cache of lemmas by word and tags. The
// lemmatiser's tables are maps of some tens of thousands of keys built
// from concatenated strings, whose lookups mostly miss the CPU's caches;
// the few thousand words that make up most of a text keep their slots
// here. A slot holds the whole key, so a cached lemma is exactly the one
// lemma would give. Words longer than lemmaCacheMaxLen share one extra
// slot, so that the cache keeps at most one long string alive.
type lemmaCache struct {
	slots []lemmaSlot
}

type lemmaSlot struct {
	word, upos, xpos, lemma string
	lem                     *lemmatizer // the lemmatiser that answered
}

const (
	lemmaCacheSize   = 1 << 12
	lemmaCacheMaxLen = 32
)

// slot returns the slot of (w, xpos); a scratch slot for words too long
// to cache.
func (c *lemmaCache) slot(w, xpos string) *lemmaSlot {
	if c.slots == nil {
		c.slots = make([]lemmaSlot, lemmaCacheSize+1)
	}
	if len(w) > lemmaCacheMaxLen {
		sl := &c.slots[lemmaCacheSize]
		*sl = lemmaSlot{}
		return sl
	}
	h := perceptron.Mix(perceptron.Hash(w), perceptron.Hash(xpos))
	return &c.slots[h&(lemmaCacheSize-1)]
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
	// FirstPass, if set, holds the training sentences (same words, same
	// order) tagged by jackknifed single-pass taggers, i.e. each by a
	// tagger that never saw it. A second-pass model is then trained that
	// also sees the first pass's tags of the word and its right-hand
	// neighbours; jackknifing keeps those tags as noisy as on new text.
	// With Dev, the second pass is then limited to the words the first
	// pass is least sure of, as few as keep dev UPOS within 0.05 points
	// of re-scoring every word; without Dev it re-scores every word.
	FirstPass []conllu.Sentence
	// Aux, if set, holds a second label for every training word (same
	// sentences, same order), learned by the first-pass model from the same
	// features as the tags: the parser's supertags. Sharing the features
	// makes the second labelling cost vector additions rather than a
	// second tagger's table lookups, and leaves the tags exactly as they
	// are without it (the tag weights are updated at the same steps).
	// Dictionary words, which are otherwise never scored, are scored with
	// all features too for their aux label: labelling them from only the
	// features the word cache keeps was cheaper but cost the parser 0.16
	// UAS / 0.20 LAS on EWT dev.
	Aux [][]string
	// Classes, if set, are word classes learned from raw text (see package
	// wordclass); the tagger keeps them and uses them as features.
	Classes *wordclass.Classes
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
	t := &Tagger{classes: opts.Classes}
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
	pass := &trainPass{
		tagger: t, sents: sents, gold: gold, epochs: opts.Epochs, seed: opts.Seed,
		dev: opts.Dev, logf: logf, name: "tagger",
	}
	if len(opts.Aux) > 0 {
		var err error
		if pass.auxGold, err = t.auxClasses(sents, opts.Aux); err != nil {
			return nil, err
		}
	}
	m, err := pass.run(ctx, func(m *perceptron.Model) { t.model = m })
	if err != nil {
		return nil, err
	}
	t.model = m
	if len(opts.FirstPass) == 0 {
		return t, nil
	}
	// Second pass: the same features plus the first pass's tags of the
	// word and of the words to its right.
	if len(opts.FirstPass) != len(sents) {
		return nil, fmt.Errorf("postag: %d first-pass sentences for %d training sentences", len(opts.FirstPass), len(sents))
	}
	first := make([][]int, len(sents))
	for si, s := range opts.FirstPass {
		if len(s.Tokens) != len(sents[si].Tokens) {
			return nil, fmt.Errorf("postag: first-pass sentence %d has %d words, want %d", si, len(s.Tokens), len(sents[si].Tokens))
		}
		first[si] = make([]int, len(s.Tokens))
		for i, tok := range s.Tokens {
			if c, ok := classIdx[tok.UPOS+"\t"+tok.XPOS]; ok {
				first[si][i] = c
			}
		}
	}
	pass.first, pass.name = first, "tagger pass 2"
	m, err = pass.run(ctx, func(m *perceptron.Model) { t.second = m })
	if err != nil {
		return nil, err
	}
	t.second = m
	if len(opts.Dev) > 0 {
		t.gate = t.chooseGate(opts.Dev, logf)
	}
	return t, nil
}

// chooseGate returns the smallest second-pass gate, among margin quantiles
// of dev's scored words, whose dev UPOS is within gateTolerance points of
// the ungated second pass; 0 (ungated) when none is.
func (t *Tagger) chooseGate(dev []conllu.Sentence, logf func(string, ...any)) int32 {
	t.gate = 0
	full := t.Evaluate(dev).UPOS
	var margins []int32
	for _, s := range dev {
		for _, m := range t.firstPassMargins(s.Words()) {
			if m != math.MaxInt32 {
				margins = append(margins, m)
			}
		}
	}
	if len(margins) == 0 {
		return 0
	}
	slices.Sort(margins)
	for _, q := range []float64{0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.3, 0.5} {
		t.gate = margins[int(q*float64(len(margins)))] + 1
		acc := t.Evaluate(dev).UPOS
		logf("second pass on the %.0f%% least sure words (margin < %d): dev UPOS %.2f (all words: %.2f)", 100*q, t.gate, acc, full)
		if acc >= full-gateTolerance {
			return t.gate
		}
	}
	t.gate = 0
	return 0
}

// gateTolerance is how much dev UPOS (points) chooseGate may give up for
// speed. On EWT dev the second pass over every word scores 95.33; over the
// least sure 15%, 10% and 5% of the scored words 95.31, 95.29 and 95.18,
// tagging about 15%, 8% and 4% slower than the first pass alone. 0.05
// keeps tagging within ~10% of the single pass's speed.
const gateTolerance = 0.05

// firstPassMargins returns the first pass's margin of every word
// (math.MaxInt32 for words tagged from the dictionary).
func (t *Tagger) firstPassMargins(words []string) []int32 {
	sc := &scratch{scores: make([]int32, t.model.NumClasses()), margins: make([]int32, len(words))}
	t.passCached(sc, words)
	return sc.margins
}

// trainPass trains one perceptron of the tagger: the first pass, or (with
// first set) the second pass, which also sees first-pass tags.
type trainPass struct {
	// auxGold holds the auxiliary class of every training word (nil
	// without TrainOptions.Aux); only the first pass learns them.
	auxGold [][]int
	tagger  *Tagger
	sents   []conllu.Sentence
	gold    [][]int
	first   [][]int
	epochs  int
	seed    int64
	dev     []conllu.Sentence
	logf    func(string, ...any)
	name    string
}

// run trains for p.epochs epochs and returns the averaged model of the
// epoch that tags p.dev best (the last epoch without dev), pruned of its
// smallest weights as far as dev accuracy allows. install puts a candidate
// model in place so that p.tagger.Evaluate scores it.
func (p *trainPass) run(ctx context.Context, install func(*perceptron.Model)) (*perceptron.Model, error) {
	t := p.tagger
	nc := len(t.upos)
	nTags := nc
	aux := p.auxGold != nil && p.first == nil
	if aux {
		nc += len(t.aux)
	}
	tr := perceptron.NewTrainer(nc)
	rng := rand.New(rand.NewSource(p.seed))
	order := make([]int, len(p.sents))
	for i := range order {
		order[i] = i
	}
	var (
		feats  []uint64
		atoms  []wordAtoms
		scores = make([]float32, nc)
		model  *perceptron.Model
		best   *perceptron.Model
		bestAc = -1.0
	)
	for ep := 1; ep <= p.epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			words := p.sents[si].Words()
			atoms = t.fillAtoms(atoms[:0], words)
			var first []int
			if p.first != nil {
				first = p.first[si]
			}
			var p1, p2 uint64
			for i, w := range words {
				g := p.gold[si][i]
				c, ok := t.dict[w]
				if !ok || aux {
					switch {
					case first != nil:
						feats = secondPassFeatures(feats[:0], atoms, first, i, p1, p2)
					default:
						feats = features(feats[:0], atoms, i, p1, p2)
					}
					for j := range scores {
						scores[j] = 0
					}
					tr.Score(feats, scores)
					if !ok {
						// The clock ticks on tagged words only, as
						// without aux labels, so that the tag weights
						// come out the same.
						c = int32(perceptron.Argmax(scores[:nTags]))
						tr.Tick()
						tr.Update(feats, g, int(c), 1)
					}
					if aux {
						pa := nTags + perceptron.Argmax(scores[nTags:])
						tr.Update(feats, nTags+p.auxGold[si][i], pa, 1)
					}
				}
				if int(c) == g {
					correct++
				}
				total++
				p2, p1 = p1, uint64(c)+1
			}
		}
		model = tr.Model(1e-3)
		msg := fmt.Sprintf("%s epoch %d: train acc %.2f", p.name, ep, 100*float64(correct)/float64(total))
		if len(p.dev) > 0 {
			install(model)
			ev := t.Evaluate(p.dev)
			msg += fmt.Sprintf(", dev UPOS %.2f XPOS %.2f lemma %.2f", ev.UPOS, ev.XPOS, ev.Lemma)
			if ev.UPOS > bestAc {
				bestAc, best = ev.UPOS, model
				msg += " (best)"
			}
		}
		p.logf("%s (%s)", msg, model)
	}
	if best == nil {
		return model, nil
	}
	// Drop the smallest weights while dev accuracy stays within 0.05
	// points: a smaller model loads and scores faster.
	for _, thr := range []float32{0.5, 0.3, 0.2, 0.1, 0.05} {
		pm := best.PruneSplit(len(t.upos), thr, max(thr, auxPrune))
		install(pm)
		acc := t.Evaluate(p.dev).UPOS
		p.logf("%s prune |w| < %g: dev UPOS %.2f (%s)", p.name, thr, acc, pm)
		if acc >= bestAc-0.05 {
			return pm, nil
		}
	}
	return best, nil
}

// auxPrune is the smallest auxiliary-class weight kept. On EWT dev,
// pruning the supertag weights of a tagger at 1 instead of 0.5 dropped 40%
// of its weights (2.30M to 1.40M) and 21% of its features, for a smaller
// and faster model, and left supertag accuracy unchanged (82.59% against
// 82.54%); at 2 it fell to 82.02%.
const auxPrune = 1.0

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

// fileMagic names the file format, version 3: tag set, dictionary,
// lexicon, lemmatiser, optional word classes, model, optional second pass
// (flag 1: on every word; flag 2: followed by its gate, see Tagger.gate),
// then the aux class names (none for a tagger without aux labels).
const (
	fileMagic   = "KGTAGGER4"
	fileMagicV3 = "KGTAGGER3" // the same without the aux class list
)

// Save writes the tagger in its binary format, uncompressed: inflating
// the file took about a third of loading it, and git compresses the
// committed file anyway. The output is deterministic: the same tagger
// always gives the same bytes.
func (t *Tagger) Save(w io.Writer) error {
	e := perceptron.NewEncoder(w)
	e.Str(fileMagic)
	e.Uint(uint64(len(t.upos)))
	for i := range t.upos {
		e.Str(t.upos[i])
		e.Str(t.xpos[i])
	}
	words := make([]string, 0, len(t.dict))
	for w := range t.dict {
		words = append(words, w)
	}
	sort.Strings(words)
	e.Uint(uint64(len(words)))
	for _, w := range words {
		e.Str(w)
		e.Uint(uint64(t.dict[w]))
	}
	lw := make([]string, 0, len(t.lex))
	for w := range t.lex {
		lw = append(lw, w)
	}
	sort.Strings(lw)
	e.Uint(uint64(len(lw)))
	for _, w := range lw {
		e.Str(w)
		e.Uint(t.lex[w])
	}
	t.lem.write(e)
	if t.classes != nil {
		e.Uint(1)
		t.classes.Write(e)
	} else {
		e.Uint(0)
	}
	e.Model(t.model)
	switch {
	case t.second != nil && t.gate > 0:
		e.Uint(2)
		e.Model(t.second)
		e.Uint(uint64(t.gate))
	case t.second != nil:
		e.Uint(1)
		e.Model(t.second)
	default:
		e.Uint(0)
	}
	e.Uint(uint64(len(t.aux)))
	for _, a := range t.aux {
		e.Str(a)
	}
	if err := e.Flush(); err != nil {
		return fmt.Errorf("postag: save: %w", err)
	}
	return nil
}

// Load reads a tagger written by Save, or a gzip-compressed one (the
// format before Save stopped compressing).
func Load(r io.Reader) (*Tagger, error) {
	b, err := modelfile.Read(r)
	if err != nil {
		return nil, fmt.Errorf("postag: load: %w", err)
	}
	d := perceptron.NewDecoderBytes(b)
	m := d.Str()
	if d.Err() == nil && m != fileMagic && m != fileMagicV3 {
		return nil, errors.New("postag: load: not a tagger model (or an older format)")
	}
	t := &Tagger{}
	n := d.Count()
	for i := 0; i < n && d.Err() == nil; i++ {
		t.upos = append(t.upos, d.Str())
		t.xpos = append(t.xpos, d.Str())
	}
	n = d.Count()
	t.dict = make(map[string]int32, n)
	for i := 0; i < n && d.Err() == nil; i++ {
		w := d.Str()
		c := d.Uint()
		if c >= uint64(len(t.upos)) {
			return nil, errors.New("postag: load: dictionary class out of range")
		}
		t.dict[w] = int32(c)
	}
	n = d.Count()
	t.lex = make(map[string]uint64, n)
	for i := 0; i < n && d.Err() == nil; i++ {
		w := d.Str()
		t.lex[w] = d.Uint()
	}
	t.lem = readLemmatizer(d)
	if d.Uint() == 1 {
		if t.classes, err = wordclass.Read(d); err != nil {
			return nil, fmt.Errorf("postag: load: %w", err)
		}
	}
	t.model = d.Model()
	switch d.Uint() {
	case 1:
		t.second = d.Model()
	case 2:
		t.second = d.Model()
		g := d.Uint()
		if g > math.MaxInt32 {
			return nil, errors.New("postag: load: second-pass gate out of range")
		}
		t.gate = int32(g)
	}
	if m == fileMagic {
		n := d.Count()
		for i := 0; i < n && d.Err() == nil; i++ {
			t.aux = append(t.aux, d.Str())
		}
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("postag: load: %w", err)
	}
	if t.model.NumClasses() != len(t.upos)+len(t.aux) || (t.second != nil && t.second.NumClasses() != len(t.upos)) {
		return nil, errors.New("postag: load: model and tag set disagree")
	}
	return t, nil
}

// auxClasses numbers the distinct labels of aux (sorted, for determinism)
// into t.aux and returns each training word's class.
func (t *Tagger) auxClasses(sents []conllu.Sentence, aux [][]string) ([][]int, error) {
	if len(aux) != len(sents) {
		return nil, fmt.Errorf("postag: aux labels for %d sentences, want %d", len(aux), len(sents))
	}
	idx := map[string]int{}
	for si, a := range aux {
		if len(a) != len(sents[si].Tokens) {
			return nil, fmt.Errorf("postag: sentence %d has %d aux labels for %d words", si+1, len(a), len(sents[si].Tokens))
		}
		for _, l := range a {
			idx[l] = 0
		}
	}
	t.aux = make([]string, 0, len(idx))
	for l := range idx {
		t.aux = append(t.aux, l)
	}
	sort.Strings(t.aux)
	for i, l := range t.aux {
		idx[l] = i
	}
	if n := len(t.upos) + len(t.aux); n > perceptron.MaxClasses {
		return nil, fmt.Errorf("postag: %d tag and aux classes, at most %d supported", n, perceptron.MaxClasses)
	}
	gold := make([][]int, len(aux))
	for si, a := range aux {
		gold[si] = make([]int, len(a))
		for i, l := range a {
			gold[si][i] = idx[l]
		}
	}
	return gold, nil
}
