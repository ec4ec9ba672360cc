package ner

import (
	"math"
	"strings"
	"sync"

	"github.com/kg-project/kg/extract/document"
)

// Recognizer tags named entities in tokenised sentences. It is immutable
// after construction and safe for concurrent use.
type Recognizer struct {
	// feats holds each feature's sparse weights: most features only ever
	// mattered for two or three of the tags.
	feats featTable
	// trans[a][b] scores tag b after tag a; row numTags is the sentence start.
	trans [numTags + 1][numTags]float32
	lx    *lexicon
	// scale turns score differences into confidences (see confidence);
	// minConf drops entities the model is less sure of. Both are set by
	// Calibrate on held-out data.
	scale, minConf float32

	scratch sync.Pool // *decodeScratch
}

// Entity is one recognised name: token indices [Start, End) into the words
// passed to Recognize.
type Entity struct {
	Start, End int
	Type       document.EntityType
	// Confidence in (0,1]: for each token of the span, the probability of
	// its tag under a softmax over max-marginal path scores (how much
	// better the chosen analysis is than the best one with another tag
	// there), scaled by a factor fitted on GMB dev; the minimum over the
	// span.
	Confidence float64
}

// decodeScratch is per-call working memory, pooled so that Recognize
// allocates little beyond its result.
type decodeScratch struct {
	sf  sentFeats
	tmp []uint64
	// cache holds per-word scores (see emissions); ws are this sentence's.
	cache map[string]*wordScores
	ws    []*wordScores
	edge  *wordScores
	emit  [][numTags]float32
	delta [][numTags]float32
	beta  [][numTags]float32
	back  [][numTags]uint8
	path  []int
}

func (d *decodeScratch) resize(n int) {
	if cap(d.emit) < n {
		d.emit = make([][numTags]float32, n)
		d.delta = make([][numTags]float32, n)
		d.beta = make([][numTags]float32, n)
		d.back = make([][numTags]uint8, n)
		d.path = make([]int, n)
	}
	d.emit, d.delta, d.beta, d.back, d.path = d.emit[:n], d.delta[:n], d.beta[:n], d.back[:n], d.path[:n]
}

// Titles returns (a copy of) the title words ("President", "Mr.") the
// model learned to keep outside person names.
func (r *Recognizer) Titles() map[string]bool {
	out := make(map[string]bool, len(r.lx.titles))
	for w := range r.lx.titles {
		out[w] = true
	}
	return out
}

// Recognize returns the entities in one sentence's words (use the tokens'
// normalised forms). Entities never overlap and come in text order.
// Entities whose confidence is below the calibrated threshold are left out;
// RecognizeDocument can bring some of them back.
func (r *Recognizer) Recognize(words []string) []Entity {
	return r.recognize(words, r.minConf)
}

// recognize decodes words and keeps the entities with at least minConf.
func (r *Recognizer) recognize(words []string, minConf float32) []Entity {
	if len(words) == 0 {
		return nil
	}
	d, _ := r.scratch.Get().(*decodeScratch)
	if d == nil {
		d = &decodeScratch{}
	}
	defer r.scratch.Put(d)
	path := r.decode(words, d)
	var out []Entity
	haveBeta := false
	for i := 0; i < len(path); {
		t := path[i]
		if t == 0 {
			i++
			continue
		}
		k := (t - 1) / 2
		j := i + 1
		for j < len(path) && path[j] == 2+2*k {
			j++
		}
		if !haveBeta {
			backward(d, &r.trans)
			haveBeta = true
		}
		conf := 1.0
		for p := i; p < j; p++ {
			conf = math.Min(conf, r.confidence(d, path, p))
		}
		if conf >= float64(minConf) {
			out = append(out, Entity{Start: i, End: j, Type: entityTypes[k], Confidence: conf})
		}
		i = j
	}
	return out
}

// tags returns the IOB2 tag names for words (used by evaluation).
func (r *Recognizer) tags(words []string) []string {
	out := make([]string, len(words))
	for i := range out {
		out[i] = "O"
	}
	for _, e := range r.Recognize(words) {
		for i := e.Start; i < e.End; i++ {
			if i == e.Start {
				out[i] = "B-" + string(e.Type)
			} else {
				out[i] = "I-" + string(e.Type)
			}
		}
	}
	return out
}

// confidence is the probability of the chosen tag at position p under a
// softmax over max-marginals: for each tag t, the score of the best path
// that has t at p. Unlike a softmax over the token's own scores this sees
// the whole sentence, so a token whose tag is forced by its neighbours
// ("West" in "West Bank") is not reported as doubtful.
func (r *Recognizer) confidence(d *decodeScratch, path []int, p int) float64 {
	chosen := d.delta[p][path[p]] + d.beta[p][path[p]]
	var z float64
	for t := 0; t < numTags; t++ {
		m := d.delta[p][t] + d.beta[p][t]
		if m > chosen-40/r.scale {
			z += math.Exp(float64(r.scale * (m - chosen)))
		}
	}
	return 1 / z
}

// backward fills d.beta: the best score of the rest of the sentence after
// position i given tag t at i.
func backward(d *decodeScratch, trans *[numTags + 1][numTags]float32) {
	n := len(d.emit)
	d.beta[n-1] = [numTags]float32{}
	var v [numTags]float32
	for i := n - 2; i >= 0; i-- {
		for u := range v {
			v[u] = d.emit[i+1][u] + d.beta[i+1][u]
		}
		for t := 0; t < numTags; t++ {
			tr := &trans[t]
			// O and every B- may follow any tag.
			best := tr[0] + v[0]
			for u := 1; u < numTags; u += 2 {
				if s := tr[u] + v[u]; s > best {
					best = s
				}
			}
			// I-X may follow B-X or I-X.
			if t > 0 {
				u := t + t%2 // the I- tag of t's type
				if s := tr[u] + v[u]; s > best {
					best = s
				}
			}
			d.beta[i][t] = best
		}
	}
}

// emissions fills d.emit with each token's feature scores. Most features
// depend on one word only – the token's own (with the sentence's casing
// style) or one neighbour's – so their summed weights are cached per word
// in the pooled scratch: a frequent word ("the", "said", "Putin") then costs
// a few vector additions instead of some thirty table lookups. Only word
// pairs, the shape trigram and gazetteer matches are looked up per token.
func (r *Recognizer) emissions(words []string, d *decodeScratch) {
	d.resize(len(words))
	sf := &d.sf
	sf.prepare(words, r.lx)
	n := len(words)
	style := styleIndex(sf.style)
	if cap(d.ws) < n {
		d.ws = make([]*wordScores, n)
	}
	d.ws = d.ws[:n]
	for i, w := range words {
		d.ws[i] = d.scoresOf(w, i, r)
	}
	edge := d.boundary(r)
	for i := range words {
		e := &d.emit[i]
		ws := d.ws[i]
		if ws.self[style] == nil {
			d.tmp = sf.wordFeatures(d.tmp[:0], words, i)
			v := r.sum(d.tmp)
			ws.self[style] = &v
		}
		*e = *ws.self[style]
		left, left2, right, right2 := &edge.left, &edge.left2, &edge.right, &edge.right2
		if i > 0 {
			left = &d.ws[i-1].left
		}
		if i > 1 {
			left2 = &d.ws[i-2].left2
		}
		if i+1 < n {
			right = &d.ws[i+1].right
		}
		if i+2 < n {
			right2 = &d.ws[i+2].right2
		}
		for t := range e {
			e[t] += left[t] + left2[t] + right[t] + right2[t]
		}
		d.tmp = sf.pairFeatures(d.tmp[:0], i)
		for _, h := range d.tmp {
			r.feats.addTo(h, e)
		}
	}
	maskUnnameable(words, d.emit)
}

// wordScores caches the summed weights of one word's features: as the
// token itself (per casing style) and as each neighbour of a token.
type wordScores struct {
	self                       [4]*[numTags]float32
	left, right, left2, right2 [numTags]float32
}

// maxCachedWords bounds the word-score cache of one scratch (~0.5 KB a
// word). Words past the bound are scored without caching.
const maxCachedWords = 1 << 13

func styleIndex(style byte) int {
	switch style {
	case 'L':
		return 1
	case 'U':
		return 2
	case 'T':
		return 3
	}
	return 0
}

func (r *Recognizer) sum(hs []uint64) [numTags]float32 {
	var v [numTags]float32
	for _, h := range hs {
		r.feats.addTo(h, &v)
	}
	return v
}

// scoresOf returns the cached scores of words[i], computing its neighbour
// scores on first sight (the token's own scores are filled per style).
func (d *decodeScratch) scoresOf(w string, i int, r *Recognizer) *wordScores {
	if ws, ok := d.cache[w]; ok {
		return ws
	}
	sf := &d.sf
	ws := &wordScores{}
	d.tmp = sf.asLeft(d.tmp[:0], i)
	ws.left = r.sum(d.tmp)
	d.tmp = sf.asRight(d.tmp[:0], i)
	ws.right = r.sum(d.tmp)
	d.tmp = sf.asLeft2(d.tmp[:0], i)
	ws.left2 = r.sum(d.tmp)
	d.tmp = sf.asRight2(d.tmp[:0], i)
	ws.right2 = r.sum(d.tmp)
	if d.cache == nil {
		d.cache = make(map[string]*wordScores)
	}
	if len(d.cache) < maxCachedWords {
		d.cache[strings.Clone(w)] = ws
	}
	return ws
}

// boundary returns the scores of the sentence start and end as
// neighbours.
func (d *decodeScratch) boundary(r *Recognizer) *wordScores {
	if d.edge == nil {
		sf := &d.sf
		e := &wordScores{}
		d.tmp = sf.asLeft(d.tmp[:0], -1)
		e.left = r.sum(d.tmp)
		d.tmp = sf.asLeft2(d.tmp[:0], -1)
		e.left2 = r.sum(d.tmp)
		d.tmp = sf.asRight(d.tmp[:0], len(sf.lower))
		e.right = r.sum(d.tmp)
		d.tmp = sf.asRight2(d.tmp[:0], len(sf.lower))
		e.right2 = r.sum(d.tmp)
		d.edge = e
	}
	return d.edge
}

// maskUnnameable forbids entity tags on URLs and e-mail addresses: news
// training text has none, so the model would otherwise glue them onto an
// adjacent name ("Donald J. Trump pic.twitter.com/...").
func maskUnnameable(words []string, emit [][numTags]float32) {
	for i, w := range words {
		if !unnameable(w) {
			continue
		}
		for t := 1; t < numTags; t++ {
			emit[i][t] = -1e6
		}
	}
}

func unnameable(w string) bool {
	if len(w) < 6 {
		return false
	}
	if strings.Contains(w, "://") || strings.HasPrefix(w, "www.") {
		return true
	}
	if at := strings.IndexByte(w, '@'); at > 0 && strings.Contains(w[at:], ".") {
		return true
	}
	slash := strings.IndexByte(w, '/')
	return slash > 0 && strings.Contains(w[:slash], ".") && hasLetter(w[:slash])
}

// decode runs Viterbi over the emissions and the transition scores, with
// invalid transitions (I-X not after B-X/I-X) excluded.
func (r *Recognizer) decode(words []string, d *decodeScratch) []int {
	r.emissions(words, d)
	return viterbi(d, &r.trans)
}

func viterbi(d *decodeScratch, trans *[numTags + 1][numTags]float32) []int {
	n := len(d.emit)
	negInf := float32(math.Inf(-1))
	for t := 0; t < numTags; t++ {
		if allowed(-1, t) {
			d.delta[0][t] = d.emit[0][t] + trans[numTags][t]
		} else {
			d.delta[0][t] = negInf
		}
	}
	for i := 1; i < n; i++ {
		prev := &d.delta[i-1]
		for t := 0; t < numTags; t++ {
			best, arg := negInf, 0
			if t == 0 || t%2 == 1 {
				for a := 0; a < numTags; a++ {
					if s := prev[a] + trans[a][t]; s > best {
						best, arg = s, a
					}
				}
			} else {
				// I-X: only from B-X or I-X.
				for _, a := range [2]int{t - 1, t} {
					if s := prev[a] + trans[a][t]; s > best {
						best, arg = s, a
					}
				}
			}
			d.delta[i][t] = best + d.emit[i][t]
			d.back[i][t] = uint8(arg)
		}
	}
	best, arg := negInf, 0
	for t := 0; t < numTags; t++ {
		if d.delta[n-1][t] > best {
			best, arg = d.delta[n-1][t], t
		}
	}
	for i := n - 1; i >= 0; i-- {
		d.path[i] = arg
		arg = int(d.back[i][arg])
	}
	return d.path
}
