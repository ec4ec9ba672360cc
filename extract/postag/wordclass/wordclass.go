// Package wordclass learns word classes from raw text: words that occur
// between the same neighbours get the same class. The tagger and parser
// use classes as features so that what they learned about a word from the
// small annotated treebank carries over to words seen only in raw text
// (news has many words the web-text treebank lacks), in the spirit of
// Brown-cluster features (Koo et al. 2008).
//
// Classes come from spherical k-means over each word's left- and
// right-neighbour distribution, which is far cheaper to compute than Brown
// clustering and gives similar groupings (days, surnames, verbs in -ed,
// currencies, ...). Two granularities are kept: fine classes and coarse
// groups of fine classes.
package wordclass

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/postag/perceptron"
)

// Classes maps lowercased words to their classes. It is immutable and safe
// for concurrent use.
type Classes struct {
	fine   map[string]uint16
	coarse []uint16 // coarse group of each fine class
}

// Lookup returns the fine class and coarse group of word (compared in
// lowercase), and false for a word without a class.
func (c *Classes) Lookup(word string) (fine, coarse uint16, ok bool) {
	if c == nil {
		return 0, 0, false
	}
	f, ok := c.fine[word]
	if !ok {
		// Callers mostly pass lowercase words already; ToLower then
		// returns word itself, and a second lookup would only repeat
		// the first.
		if lw := strings.ToLower(word); lw != word {
			f, ok = c.fine[lw]
		}
	}
	if !ok {
		return 0, 0, false
	}
	return f, c.coarse[f], true
}

// Len returns the number of words with a class.
func (c *Classes) Len() int { return len(c.fine) }

// Options configures Learn.
type Options struct {
	Fine, Coarse int // number of classes (defaults 256 and 32)
	MinCount     int // words rarer than this get no class (default 3)
	MaxWords     int // at most this many (most frequent) words (default 40000)
	Contexts     int // neighbour words that count as contexts (default 800)
	Iterations   int // k-means iterations (default 12)
	Seed         int64
}

func (o *Options) defaults() {
	if o.Fine <= 0 {
		o.Fine = 256
	}
	if o.Coarse <= 0 {
		o.Coarse = 32
	}
	if o.MinCount <= 0 {
		o.MinCount = 3
	}
	if o.MaxWords <= 0 {
		o.MaxWords = 40000
	}
	if o.Contexts <= 0 {
		o.Contexts = 800
	}
	if o.Iterations <= 0 {
		o.Iterations = 12
	}
}

// Learn clusters the words of sents (tokenised sentences; case is ignored).
// The result depends only on the input and opts, not on map order.
func Learn(ctx context.Context, sents [][]string, opts Options) (*Classes, error) {
	opts.defaults()
	freq := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			freq[strings.ToLower(w)]++
		}
	}
	type wf struct {
		w string
		n int
	}
	ranked := make([]wf, 0, len(freq))
	for w, n := range freq {
		ranked = append(ranked, wf{w, n})
	}
	sort.Slice(ranked, func(i, j int) bool {
		if ranked[i].n != ranked[j].n {
			return ranked[i].n > ranked[j].n
		}
		return ranked[i].w < ranked[j].w
	})
	vocab := map[string]int{}
	var words []string
	for _, r := range ranked {
		if r.n < opts.MinCount || len(words) >= opts.MaxWords {
			break
		}
		vocab[r.w] = len(words)
		words = append(words, r.w)
	}
	if len(words) < opts.Fine {
		return nil, fmt.Errorf("wordclass: only %d words occur %d times or more, fewer than %d classes", len(words), opts.MinCount, opts.Fine)
	}
	nctx := min(opts.Contexts, len(words))
	// Context ids: 0..nctx-1 a frequent word on the left, nctx..2nctx-1
	// on the right, then sentence start/end.
	dims := 2*nctx + 2
	counts := make([]map[int32]float32, len(words))
	for i := range counts {
		counts[i] = map[int32]float32{}
	}
	ctxID := func(w string) int {
		if id, ok := vocab[w]; ok && id < nctx {
			return id
		}
		return -1
	}
	for si, s := range sents {
		if si%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		ids := make([]int, len(s))
		ctxs := make([]int, len(s))
		for i, w := range s {
			lw := strings.ToLower(w)
			id, ok := vocab[lw]
			if !ok {
				id = -1
			}
			ids[i] = id
			ctxs[i] = ctxID(lw)
		}
		for i, id := range ids {
			if id < 0 {
				continue
			}
			if i == 0 {
				counts[id][int32(2*nctx)]++
			} else if c := ctxs[i-1]; c >= 0 {
				counts[id][int32(c)]++
			}
			if i == len(ids)-1 {
				counts[id][int32(2*nctx+1)]++
			} else if c := ctxs[i+1]; c >= 0 {
				counts[id][int32(nctx+c)]++
			}
		}
	}
	// Sparse, log-damped, unit-length vectors, features sorted for
	// deterministic floating-point sums.
	type sparse struct {
		idx []int32
		val []float32
	}
	vecs := make([]sparse, len(words))
	for i, m := range counts {
		var v sparse
		for k := range m {
			v.idx = append(v.idx, k)
		}
		sort.Slice(v.idx, func(a, b int) bool { return v.idx[a] < v.idx[b] })
		norm := 0.0
		for _, k := range v.idx {
			x := float32(math.Log1p(float64(m[k])))
			v.val = append(v.val, x)
			norm += float64(x) * float64(x)
		}
		if norm > 0 {
			inv := float32(1 / math.Sqrt(norm))
			for j := range v.val {
				v.val[j] *= inv
			}
		}
		vecs[i] = v
		counts[i] = nil
	}
	rng := rand.New(rand.NewSource(opts.Seed))
	k := opts.Fine
	cent := make([][]float32, k)
	// Seeds by k-means++ (Arthur & Vassilvitskii 2007) among the words
	// seen at least twice MinCount times (rarer ones have noisy contexts):
	// each next seed is drawn with probability proportional to the squared
	// distance to the nearest seed so far, which spreads seeds over the
	// space without favouring outliers as farthest-point picking would.
	// The draws come from a seeded generator, so the result is
	// deterministic.
	cands := k
	for cands < len(words) && freq[words[cands]] >= 2*opts.MinCount {
		cands++
	}
	closest := make([]float32, cands)
	for i := range closest {
		closest[i] = -1
	}
	pick := 0
	for c := 0; c < k; c++ {
		cent[c] = make([]float32, dims)
		v := vecs[pick]
		for j, idx := range v.idx {
			cent[c][idx] = v.val[j]
		}
		total := 0.0
		for i := 0; i < cands; i++ {
			var dot float32
			for j, idx := range vecs[i].idx {
				dot += cent[c][idx] * vecs[i].val[j]
			}
			closest[i] = max(closest[i], dot)
			d := float64(1 - closest[i])
			total += d * d
		}
		r := rng.Float64() * total
		pick = cands - 1
		for i := 0; i < cands; i++ {
			d := float64(1 - closest[i])
			if r -= d * d; r < 0 {
				pick = i
				break
			}
		}
	}
	assign := make([]int, len(words))
	for it := 0; it < opts.Iterations; it++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for i, v := range vecs {
			best, bc := float32(-2), 0
			for c := range cent {
				var dot float32
				cc := cent[c]
				for j, idx := range v.idx {
					dot += cc[idx] * v.val[j]
				}
				if dot > best {
					best, bc = dot, c
				}
			}
			assign[i] = bc
		}
		for c := range cent {
			clear(cent[c])
		}
		for i, v := range vecs {
			cc := cent[assign[i]]
			for j, idx := range v.idx {
				cc[idx] += v.val[j]
			}
		}
		for c := range cent {
			normalize(cent[c])
		}
	}
	coarse := groupCentroids(cent, opts.Coarse, opts.Iterations, rng)
	cl := &Classes{fine: make(map[string]uint16, len(words)), coarse: coarse}
	for i, w := range words {
		cl.fine[w] = uint16(assign[i])
	}
	return cl, nil
}

func normalize(v []float32) {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	if n == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(n))
	for i := range v {
		v[i] *= inv
	}
}

// groupCentroids clusters the fine centroids themselves into k groups.
func groupCentroids(cent [][]float32, k, iters int, rng *rand.Rand) []uint16 {
	k = min(k, len(cent))
	g := make([][]float32, k)
	perm := rng.Perm(len(cent))
	for c := range g {
		g[c] = append([]float32(nil), cent[perm[c]]...)
	}
	assign := make([]uint16, len(cent))
	for it := 0; it < iters; it++ {
		for i, v := range cent {
			best, bc := float32(-2), 0
			for c := range g {
				var dot float32
				for j, x := range v {
					dot += x * g[c][j]
				}
				if dot > best {
					best, bc = dot, c
				}
			}
			assign[i] = uint16(bc)
		}
		for c := range g {
			clear(g[c])
		}
		for i, v := range cent {
			gc := g[assign[i]]
			for j, x := range v {
				gc[j] += x
			}
		}
		for c := range g {
			normalize(g[c])
		}
	}
	return assign
}

// Tokenize splits raw text into rough Penn-Treebank-style tokens: words,
// numbers, punctuation, and the clitics n't, 's, 're, 've, 'll, 'd, 'm
// split off. It only needs to be close enough to the treebank's
// tokenisation for neighbour statistics.
func Tokenize(text string) []string {
	var out []string
	for _, field := range strings.Fields(text) {
		start := 0
		for i, r := range field {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-' || r == '.' || r == ',' && i > 0 && i+1 < len(field) && isDigitAt(field, i-1) && isDigitAt(field, i+1) {
				continue
			}
			if i > start {
				out = appendWord(out, field[start:i])
			}
			out = append(out, string(r))
			start = i + utf8.RuneLen(r)
		}
		if start < len(field) {
			out = appendWord(out, field[start:])
		}
	}
	return out
}

func isDigitAt(s string, i int) bool { return s[i] >= '0' && s[i] <= '9' }

// appendWord appends w, splitting a trailing period (unless w looks like
// an abbreviation: "U.S.", "Inc.") and English clitics.
func appendWord(out []string, w string) []string {
	if strings.HasSuffix(w, ".") && len(w) > 1 && !strings.Contains(w[:len(w)-1], ".") && !(len(w) <= 4 && unicode.IsUpper(rune(w[0]))) {
		return append(appendWord(out, w[:len(w)-1]), ".")
	}
	lw := strings.ToLower(w)
	for _, cl := range []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"} {
		if strings.HasSuffix(lw, cl) && len(w) > len(cl) {
			return append(out, w[:len(w)-len(cl)], w[len(w)-len(cl):])
		}
	}
	return append(out, w)
}

// Write serialises c.
func (c *Classes) Write(e *perceptron.Encoder) {
	words := make([]string, 0, len(c.fine))
	for w := range c.fine {
		words = append(words, w)
	}
	sort.Strings(words)
	e.Uint(uint64(len(c.coarse)))
	for _, g := range c.coarse {
		e.Uint(uint64(g))
	}
	e.Uint(uint64(len(words)))
	for _, w := range words {
		e.Str(w)
		e.Uint(uint64(c.fine[w]))
	}
}

// Read reads classes written by Write.
func Read(d *perceptron.Decoder) (*Classes, error) {
	n := d.Count()
	c := &Classes{coarse: make([]uint16, n)}
	for i := range c.coarse {
		c.coarse[i] = uint16(d.Uint())
	}
	n = d.Count()
	c.fine = make(map[string]uint16, n)
	for i := 0; i < n && d.Err() == nil; i++ {
		w := d.Str()
		f := d.Uint()
		if f >= uint64(len(c.coarse)) {
			return nil, errors.New("wordclass: class out of range")
		}
		c.fine[w] = uint16(f)
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("wordclass: %w", err)
	}
	return c, nil
}
