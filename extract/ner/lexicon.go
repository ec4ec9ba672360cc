package ner

import (
	"strings"
)

// lexicon holds everything the features know about words beyond the words
// themselves, all derived from the training data: which phrases were names
// of which type (a gazetteer), how often each word was part of a name, and
// how often it is capitalised in running text. These statistics carry over
// to text whose capitalisation cannot be trusted (headlines, lower-case web
// posts), where the shape of a word says little.
type lexicon struct {
	// phrases maps the hash of a lower-cased token sequence to the
	// dominant entity type it was annotated with.
	phrases map[uint64]phraseInfo
	maxLen  int
	// words maps a lower-cased word to what it was inside entity spans.
	words map[string]wordInfo
	// capRatio maps a lower-cased word to a bucket of how often it is
	// capitalised away from the sentence start ('0' never … '5' always).
	// words and capRatio exist only while a model is trained; a loaded
	// model keeps just vocab.
	capRatio map[string]byte
	// titles are words that precede person names ("President", "Mr.").
	titles map[string]bool
	// vocab joins, per lower-cased word, everything above that features
	// read, so that a token costs one map lookup (see index).
	vocab map[string]lexEntry
}

// lexEntry is what the lexicon knows about one lower-cased word.
type lexEntry struct {
	info      wordInfo
	hasInfo   bool
	title     bool
	capr      byte  // capRatio bucket, 'u' if unknown
	maxPhrase uint8 // longest gazetteer phrase starting with the word
}

// index builds vocab from the other fields.
func (lx *lexicon) index() {
	lx.vocab = make(map[string]lexEntry, len(lx.capRatio)+len(lx.words))
	get := func(w string) lexEntry {
		if e, ok := lx.vocab[w]; ok {
			return e
		}
		return lexEntry{capr: 'u'}
	}
	for w, b := range lx.capRatio {
		e := get(w)
		e.capr = b
		lx.vocab[w] = e
	}
	for w, wi := range lx.words {
		e := get(w)
		e.info, e.hasInfo, e.maxPhrase = wi, true, wi.maxPhrase
		lx.vocab[w] = e
	}
	for w := range lx.titles {
		lw := strings.ToLower(w)
		e := get(lw)
		e.title = true
		lx.vocab[lw] = e
	}
}

// phraseInfo describes one gazetteer phrase.
type phraseInfo struct {
	typ    uint8 // index into entityTypes
	bucket byte  // how reliably the phrase is a name: 'H', 'M' or 'L'
}

// wordInfo describes a word's use inside names.
type wordInfo struct {
	typ    uint8 // dominant entity type the word occurred in
	bucket byte  // share of its occurrences inside such names: 'H','M','L'
	first  bool  // starts multi-word person names often (a first name)
	last   bool  // ends multi-word person names often (a surname)
	// maxPhrase is the length of the longest gazetteer phrase starting
	// with the word (0 if none), so matching tries only useful lengths.
	maxPhrase uint8
}

const maxPhraseLen = 6

// phraseHash hashes lower-cased words joined by a separator.
func phraseHash(lower []string) uint64 {
	h := uint64(fnvOffset)
	for i, w := range lower {
		if i > 0 {
			h ^= 0x1f
			h *= fnvPrime
		}
		h = hashString(h, w)
	}
	return h
}

// buildLexicon collects gazetteer statistics from sents (tags in our
// types). capRatio and titles are shared and passed in, since they do not
// depend on labels that a fold must not see.
func buildLexicon(sents []Sentence, capRatio map[string]byte, titles map[string]bool) *lexicon {
	type counts struct {
		byType [numTypes]int
		total  int
	}
	phraseCounts := map[uint64]*counts{}
	wordCounts := map[string]*counts{}
	firstCounts := map[string]int{}
	maxPhrase := map[string]int{}
	lastCounts := map[string]int{}
	lowerBuf := make([]string, 0, 64)
	for _, s := range sents {
		lowerBuf = lowerBuf[:0]
		for _, w := range s.Words {
			lowerBuf = append(lowerBuf, strings.ToLower(w))
		}
		for _, c := range chunks(s.Tags) {
			ti, ok := typeIndex[c.typ]
			if !ok || c.end-c.start > maxPhraseLen {
				continue
			}
			h := phraseHash(lowerBuf[c.start:c.end])
			pc := phraseCounts[h]
			if pc == nil {
				pc = &counts{}
				phraseCounts[h] = pc
			}
			pc.byType[ti]++
			maxPhrase[lowerBuf[c.start]] = max(maxPhrase[lowerBuf[c.start]], c.end-c.start)
			for i := c.start; i < c.end; i++ {
				wc := wordCounts[lowerBuf[i]]
				if wc == nil {
					wc = &counts{}
					wordCounts[lowerBuf[i]] = wc
				}
				wc.byType[ti]++
			}
			if c.typ == string(typePerson) && c.end-c.start > 1 {
				firstCounts[lowerBuf[c.start]]++
				lastCounts[lowerBuf[c.end-1]]++
			}
		}
	}
	// Second pass: how often each candidate phrase and word occurs at all.
	for _, s := range sents {
		lowerBuf = lowerBuf[:0]
		for _, w := range s.Words {
			lowerBuf = append(lowerBuf, strings.ToLower(w))
		}
		for i := range lowerBuf {
			if wc := wordCounts[lowerBuf[i]]; wc != nil {
				wc.total++
			}
			for l := 1; l <= maxPhraseLen && i+l <= len(lowerBuf); l++ {
				if pc := phraseCounts[phraseHash(lowerBuf[i:i+l])]; pc != nil {
					pc.total++
				}
			}
		}
	}
	bucket := func(c *counts) (uint8, byte) {
		best, n := 0, 0
		for t, k := range c.byType {
			if k > n {
				best, n = t, k
			}
		}
		r := float64(n) / float64(max(c.total, n))
		switch {
		case r >= 0.8:
			return uint8(best), 'H'
		case r >= 0.4:
			return uint8(best), 'M'
		}
		return uint8(best), 'L'
	}
	lx := &lexicon{
		phrases:  make(map[uint64]phraseInfo, len(phraseCounts)),
		words:    make(map[string]wordInfo, len(wordCounts)),
		capRatio: capRatio,
		titles:   titles,
		maxLen:   maxPhraseLen,
	}
	for h, c := range phraseCounts {
		t, b := bucket(c)
		lx.phrases[h] = phraseInfo{typ: t, bucket: b}
	}
	for w, c := range wordCounts {
		t, b := bucket(c)
		per := c.byType[typeIndex[string(typePerson)]]
		lx.words[w] = wordInfo{
			typ: t, bucket: b,
			first:     firstCounts[w] >= 2 && 2*firstCounts[w] >= per,
			last:      lastCounts[w] >= 2 && 2*lastCounts[w] >= per,
			maxPhrase: uint8(maxPhrase[w]),
		}
	}
	lx.index()
	return lx
}

// buildCapRatio buckets, for every word seen at least three times away from
// the sentence start, the share of its occurrences that are capitalised.
// Sentences in headline case or all capitals say nothing about a word's
// habits and are skipped.
func buildCapRatio(sents [][]string) map[string]byte {
	type cnt struct{ cap, total int }
	m := map[string]*cnt{}
	for _, s := range sents {
		if sentenceStyle(s) != 'N' {
			continue
		}
		for i, w := range s {
			if i == 0 || w == "" || !hasLetter(w) {
				continue
			}
			lw := strings.ToLower(w)
			c := m[lw]
			if c == nil {
				c = &cnt{}
				m[lw] = c
			}
			c.total++
			if isUpper(w[0]) {
				c.cap++
			}
		}
	}
	out := make(map[string]byte, len(m))
	for w, c := range m {
		if c.total < 3 {
			continue
		}
		r := float64(c.cap) / float64(c.total)
		var b byte
		switch {
		case r < 0.01:
			b = '0'
		case r < 0.2:
			b = '1'
		case r < 0.5:
			b = '2'
		case r < 0.8:
			b = '3'
		case r < 0.99:
			b = '4'
		default:
			b = '5'
		}
		out[w] = b
	}
	return out
}

// match marks every token covered by a gazetteer phrase: greedy longest
// match from left to right. out[i] is 0 for no match, else a code holding
// the type, the position (B, I, L, U) and the reliability bucket.
func (lx *lexicon) match(lower []string, lex []lexEntry, out []gazMark) {
	for i := range out {
		out[i] = gazMark{}
	}
	for i := 0; i < len(lower); {
		matched := 0
		for l := min(int(lex[i].maxPhrase), len(lower)-i); l >= 1; l-- {
			info, ok := lx.phrases[phraseHash(lower[i:i+l])]
			if !ok {
				continue
			}
			for k := 0; k < l; k++ {
				pos := byte('I')
				switch {
				case l == 1:
					pos = 'U'
				case k == 0:
					pos = 'B'
				case k == l-1:
					pos = 'L'
				}
				out[i+k] = gazMark{ok: true, typ: info.typ, pos: pos, bucket: info.bucket}
			}
			matched = l
			break
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
}

// gazMark is the gazetteer's verdict on one token.
type gazMark struct {
	ok     bool
	typ    uint8
	pos    byte
	bucket byte
}

func hasLetter(w string) bool {
	for i := 0; i < len(w); i++ {
		if isUpper(w[i]) || isLower(w[i]) || w[i] >= 0x80 {
			return true
		}
	}
	return false
}
