package ner

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/extract/tokenize"
)

// Sentence is one labelled sentence: Words and, parallel to them, IOB2 Tags.
// Tags handed to Train use this package's types ("B-PERSON", "I-GPE", "O");
// ReadCoNLL returns the file's own tags, which MapGMB converts.
type Sentence struct {
	Words []string
	Tags  []string
}

// ReadCoNLL reads a one-token-per-line file: the token in the first column,
// the IOB2 tag in the last (tab- or space-separated), blank lines between
// sentences. "-DOCSTART-" lines are ignored. A line with a single column is
// read as a token tagged O, so plain token lists can be tagged too.
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			flush()
			continue
		}
		var cols []string
		if strings.Contains(text, "\t") {
			cols = strings.Split(text, "\t")
		} else {
			cols = strings.Fields(text)
		}
		if cols[0] == "-DOCSTART-" {
			flush()
			continue
		}
		tag := "O"
		if len(cols) > 1 {
			tag = strings.TrimSpace(cols[len(cols)-1])
		}
		if tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") {
			return nil, fmt.Errorf("line %d: tag %q is not IOB2", line, tag)
		}
		cur.Words = append(cur.Words, cols[0])
		cur.Tags = append(cur.Tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read conll: %w", err)
	}
	flush()
	return out, nil
}

// naturalHeads are last words that make a GMB "geo" span a natural place
// (LOC) rather than a political one (GPE). GMB does not draw that line, so
// this rule draws it for the obvious cases; everything else stays GPE.
var naturalHeads = map[string]bool{
	"river": true, "mountains": true, "mountain": true, "sea": true, "ocean": true,
	"lake": true, "gulf": true, "island": true, "islands": true, "valley": true,
	"desert": true, "peninsula": true, "bay": true, "strait": true, "straits": true,
	"coast": true, "mount": true, "range": true, "basin": true, "plateau": true,
	"glacier": true, "delta": true, "himalayas": true, "alps": true, "andes": true,
}

// clockRe matches tokens that make a GMB "tim" span a clock time.
var clockRe = regexp.MustCompile(`^\d{1,2}[:.]\d{2}$|^(a\.m\.|p\.m\.|am|pm|o'clock|gmt|utc|noon|midnight)$`)

// gmbType maps a GMB type and its span words onto our entity types. The
// rules for the two split types are deliberately simple:
//   - geo → LOC when the span ends in (or starts with "Mount"/"Lake") a
//     natural-feature word (river, sea, mountains, ...), else GPE;
//   - tim → TIME when a token looks like a clock reading (14:30, p.m.,
//     noon, midnight, GMT), else DATE.
func gmbType(t string, words []string) (document.EntityType, bool) {
	switch t {
	case "per":
		return document.Person, true
	case "org":
		return document.Org, true
	case "geo":
		last := strings.ToLower(words[len(words)-1])
		first := strings.ToLower(words[0])
		if len(words) > 1 && (naturalHeads[last] || first == "mount" || first == "lake") {
			return document.Loc, true
		}
		return document.GPE, true
	case "gpe":
		return document.NORP, true
	case "tim":
		for _, w := range words {
			if clockRe.MatchString(strings.ToLower(w)) {
				return document.Time, true
			}
		}
		return document.Date, true
	case "eve":
		return document.Event, true
	case "art":
		return document.Artifact, true
	case "nat":
		return document.Natural, true
	}
	return "", false
}

// span is a typed chunk [start, end) of a tagged sentence.
type span struct {
	start, end int
	typ        string
}

// chunks returns the chunks of an IOB2 tag sequence with conlleval
// semantics: a chunk starts at B-X, at I-X after O, and at I-X after a chunk
// of another type.
func chunks(tags []string) []span {
	var out []span
	cur := -1
	curType := ""
	for i, t := range tags {
		prefix, typ := splitTag(t)
		start := prefix == 'B' || (prefix == 'I' && (cur < 0 || typ != curType))
		end := cur >= 0 && (prefix == 'O' || start)
		if end {
			out = append(out, span{cur, i, curType})
			cur = -1
		}
		if start {
			cur, curType = i, typ
		}
	}
	if cur >= 0 {
		out = append(out, span{cur, len(tags), curType})
	}
	return out
}

// splitTag splits "B-PER" into 'B' and "PER"; anything unrecognised is 'O'.
func splitTag(t string) (byte, string) {
	if len(t) > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-' {
		return t[0], t[2:]
	}
	return 'O', ""
}

// spansToTags writes IOB2 tags for the given spans.
func spansToTags(n int, spans []span) []string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = "O"
	}
	for _, s := range spans {
		for i := s.start; i < s.end; i++ {
			if i == s.start {
				tags[i] = "B-" + s.typ
			} else {
				tags[i] = "I-" + s.typ
			}
		}
	}
	return tags
}

// MapGMB converts sentences with GMB tags (per, org, geo, ...) into our
// entity types and moves leading title words (from titles) out of person
// spans: GMB puts "President" and "Mr." inside the person span, our
// convention (and the graph's canonical names) keep them outside. Pass nil
// titles to keep GMB's spans as they are.
//
// GMB also leaves demonyms of continents and regions untagged ("European
// capitals", "Asian markets") while it tags "British" and "Russian"; a
// capitalised untagged word formed from a place GMB tags as geo (Europe →
// European, Jordan → Jordanian) becomes NORP, so the model treats all
// demonyms alike.
func MapGMB(sents []Sentence, titles map[string]bool) []Sentence {
	demonyms := learnDemonyms(sents)
	out := make([]Sentence, len(sents))
	for k, s := range sents {
		var spans []span
		for _, c := range chunks(s.Tags) {
			typ, ok := gmbType(c.typ, s.Words[c.start:c.end])
			if !ok {
				continue
			}
			if typ == document.Person {
				for c.end-c.start > 1 && titles[s.Words[c.start]] {
					c.start++
				}
			}
			spans = append(spans, span{c.start, c.end, string(typ)})
		}
		for i, w := range s.Words {
			if s.Tags[i] == "O" && demonyms[w] {
				spans = append(spans, span{i, i + 1, string(document.NORP)})
			}
		}
		sort.Slice(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
		out[k] = Sentence{Words: s.Words, Tags: spansToTags(len(s.Words), spans)}
	}
	return out
}

// learnDemonyms returns the capitalised words that GMB leaves untagged but
// that are formed from a word tagged geo at least three times with a
// demonym suffix (-n, -an, -ian, -ean, -ese, -ish; a final vowel may drop).
func learnDemonyms(sents []Sentence) map[string]bool {
	geo := map[string]int{}
	untagged := map[string]bool{}
	for _, s := range sents {
		for i, w := range s.Words {
			switch {
			case strings.HasSuffix(s.Tags[i], "-geo"):
				geo[w]++
			case s.Tags[i] == "O" && w != "" && isUpper(w[0]):
				untagged[w] = true
			}
		}
	}
	out := map[string]bool{}
	for g, n := range geo {
		if n < 3 || len(g) < 3 {
			continue
		}
		stems := []string{g}
		if strings.ContainsAny(g[len(g)-1:], "aeiouy") {
			stems = append(stems, g[:len(g)-1])
		}
		for _, st := range stems {
			for _, suf := range []string{"n", "an", "ian", "ean", "ese", "ish"} {
				if w := st + suf; untagged[w] {
					out[w] = true
				}
			}
		}
	}
	return out
}

// LearnTitles finds the title words that GMB puts at the front of person
// spans ("President", "Mr.", "Prime", "Minister"). GMB has no title layer, so
// the list is inferred from how words behave; sents carry raw GMB tags. A
// word w that starts (a non-final part of) multi-word person spans at least
// three times is a title when either
//   - it is a capitalised abbreviation such as "Mr." or "Gen.", or
//   - its lower-case form is an ordinary word (≥5 uses outside entities, but
//     not a function word like "than", used 50× more often than as a name
//     start) and the capitalised form also occurs outside person spans
//     ("the Foreign Minister said") or is followed by many different names
//     ("Senator X", "Senator Y").
//
// First names fail the second test: "Bill" is a common noun, but "Bill" is
// almost never capitalised outside a person name and precedes few surnames.
// Accepted titles are added in lower case too ("president").
func LearnTitles(sents []Sentence) map[string]bool {
	const minCount = 3
	starts := map[string]int{}
	next := map[string]map[string]bool{}
	capOutside := map[string]int{}
	lowerO := map[string]int{}
	for _, s := range sents {
		for _, c := range chunks(s.Tags) {
			if c.typ != "per" {
				continue
			}
			for i := c.start; i < c.end-1; i++ {
				w := s.Words[i]
				starts[w]++
				if next[w] == nil {
					next[w] = map[string]bool{}
				}
				next[w][s.Words[i+1]] = true
			}
		}
		for i, w := range s.Words {
			if w == "" {
				continue
			}
			if i > 0 && isUpper(w[0]) && !strings.HasSuffix(s.Tags[i], "-per") {
				capOutside[w]++
			}
			if isLower(w[0]) && s.Tags[i] == "O" {
				lowerO[w]++
			}
		}
	}
	titles := map[string]bool{}
	for w, n := range starts {
		if n < minCount || !isUpper(w[0]) {
			continue
		}
		low := lowerO[strings.ToLower(w)]
		ok := abbrevRe.MatchString(w) ||
			(low >= 5 && low <= 50*n && (capOutside[w] >= 5 || (len(next[w]) >= 10 && 3*len(next[w]) >= n)))
		if ok {
			titles[w] = true
			titles[strings.ToLower(w)] = true
		}
	}
	return titles
}

var abbrevRe = regexp.MustCompile(`^[A-Z][a-z]{1,3}\.$`)

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
func isLower(b byte) bool { return b >= 'a' && b <= 'z' }

// RuntimeVariants returns sents with, right after each sentence that it
// changes, a copy re-tokenised the way the project's tokenizer splits text
// at run time: GMB keeps "Secretary-General" and "12-minute" as one token
// where tokenize.Segment makes three, and news today writes "US" where GMB
// (Voice of America) writes "U.S.". Training on both forms keeps the model
// accurate on GMB's own tokens and on the pipeline's. Variants stay next to
// their original so jackknife folds keep documents together.
func RuntimeVariants(sents []Sentence) []Sentence {
	out := make([]Sentence, 0, len(sents)+len(sents)/2)
	for _, s := range sents {
		out = append(out, s)
		var v Sentence
		changed := false
		for i, w := range s.Words {
			pieces := splitLikeTokenizer(w)
			if len(pieces) != 1 || pieces[0] != w {
				changed = true
			}
			p, typ := splitTag(s.Tags[i])
			for k, piece := range pieces {
				tag := s.Tags[i]
				if k > 0 && p != 'O' {
					tag = "I-" + typ
				}
				v.Words = append(v.Words, piece)
				v.Tags = append(v.Tags, tag)
			}
		}
		if changed {
			out = append(out, v)
		}
	}
	return out
}

// dottedAcronym matches "U.S.", "U.N.", "U.K." – written "US", "UN", "UK"
// by most outlets today.
var dottedAcronym = regexp.MustCompile(`^(?:[A-Z]\.){2,3}$`)

// splitLikeTokenizer splits one GMB token as tokenize.Segment would and
// drops the dots from acronyms.
func splitLikeTokenizer(w string) []string {
	if dottedAcronym.MatchString(w) {
		return []string{strings.ReplaceAll(w, ".", "")}
	}
	if !strings.Contains(w, "-") || w == "-" {
		return []string{w}
	}
	var out []string
	for _, s := range tokenize.Segment(w) {
		out = append(out, s.Words()...)
	}
	if len(out) == 0 {
		return []string{w}
	}
	return out
}
