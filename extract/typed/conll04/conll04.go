// Package conll04 evaluates the typed-relation extractor on the CoNLL04
// corpus (Roth & Yih 2004): news sentences annotated with people,
// locations and organisations and five relations between them.
//
// The pipeline runs end to end over each sentence's gold tokens (our tagger,
// parser and recogniser, then coreference and typed relations): gold
// entities are not given to it. Relations are scored strictly, as in the
// literature: a predicted relation is correct when its type and the exact
// token spans of both arguments equal a gold relation's. Entity types need
// no separate check because each relation type fixes them.
//
// CoNLL04 is research data. It is used here to evaluate only; nothing is
// trained on it.
package conll04

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/kg-project/kg/extract/coref"
	"github.com/kg-project/kg/extract/document"
	"github.com/kg-project/kg/extract/typed"
)

// Relation types of CoNLL04.
const (
	WorkFor     = "Work_For"
	LiveIn      = "Live_In"
	LocatedIn   = "Located_In"
	OrgBasedIn  = "OrgBased_In"
	Kill        = "Kill"
	relTypesStr = WorkFor + " " + LiveIn + " " + LocatedIn + " " + OrgBasedIn + " " + Kill
)

// RelationTypes lists the scored relation types in a stable order.
func RelationTypes() []string { return strings.Fields(relTypesStr) }

// Sentence is one CoNLL04 example as stored in the JSON files.
type Sentence struct {
	Tokens   []string `json:"tokens"`
	Entities []struct {
		Type  string `json:"type"`
		Start int    `json:"start"`
		End   int    `json:"end"`
	} `json:"entities"`
	Relations []struct {
		Type string `json:"type"`
		Head int    `json:"head"`
		Tail int    `json:"tail"`
	} `json:"relations"`
	OrigID int `json:"orig_id"`
}

// Load reads a CoNLL04 JSON file (a list of sentences).
func Load(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("conll04: %w", err)
	}
	defer f.Close()
	return Read(f)
}

// Read decodes CoNLL04 JSON from r.
func Read(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	if err := json.NewDecoder(r).Decode(&out); err != nil {
		return nil, fmt.Errorf("conll04: decode: %w", err)
	}
	for i, s := range out {
		for _, e := range s.Entities {
			if e.Start < 0 || e.End > len(s.Tokens) || e.Start >= e.End {
				return nil, fmt.Errorf("conll04: sentence %d: entity span [%d,%d) outside %d tokens", i, e.Start, e.End, len(s.Tokens))
			}
		}
		for _, rel := range s.Relations {
			if rel.Head < 0 || rel.Head >= len(s.Entities) || rel.Tail < 0 || rel.Tail >= len(s.Entities) {
				return nil, fmt.Errorf("conll04: sentence %d: relation refers to a missing entity", i)
			}
		}
	}
	return out, nil
}

// Relation is one scored relation: sentence index, type and the token spans
// [start, end) of its two arguments.
type Relation struct {
	Sentence  int    `json:"sentence"`
	Type      string `json:"type"`
	HeadStart int    `json:"head_start"`
	HeadEnd   int    `json:"head_end"`
	TailStart int    `json:"tail_start"`
	TailEnd   int    `json:"tail_end"`
}

// Gold returns the gold relations of sentence index i.
func Gold(i int, s *Sentence) []Relation {
	var out []Relation
	for _, r := range s.Relations {
		h, t := s.Entities[r.Head], s.Entities[r.Tail]
		out = append(out, Relation{Sentence: i, Type: r.Type, HeadStart: h.Start, HeadEnd: h.End, TailStart: t.Start, TailEnd: t.End})
	}
	return out
}

// PRF holds counts and scores for one relation type or the micro average.
type PRF struct {
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (p *PRF) finish() {
	if p.Predicted > 0 {
		p.Precision = float64(p.Correct) / float64(p.Predicted)
	}
	if p.Gold > 0 {
		p.Recall = float64(p.Correct) / float64(p.Gold)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
}

// Result is a strict relation score.
type Result struct {
	Micro   PRF            `json:"micro"`
	PerType map[string]PRF `json:"per_type"`
}

// Score compares predicted with gold relations strictly (type and both
// spans exact). Duplicate predictions count once; predictions of types
// outside the five CoNLL04 relations are ignored.
func Score(gold, pred []Relation) Result {
	res := Result{PerType: map[string]PRF{}}
	valid := map[string]bool{}
	for _, t := range RelationTypes() {
		valid[t] = true
		res.PerType[t] = PRF{}
	}
	goldSet := map[Relation]bool{}
	for _, g := range gold {
		if !valid[g.Type] || goldSet[g] {
			continue
		}
		goldSet[g] = true
		p := res.PerType[g.Type]
		p.Gold++
		res.PerType[g.Type] = p
	}
	predSet := map[Relation]bool{}
	for _, r := range pred {
		if !valid[r.Type] || predSet[r] {
			continue
		}
		predSet[r] = true
		p := res.PerType[r.Type]
		p.Predicted++
		if goldSet[r] {
			p.Correct++
		}
		res.PerType[r.Type] = p
	}
	for t, p := range res.PerType {
		res.Micro.Gold += p.Gold
		res.Micro.Predicted += p.Predicted
		res.Micro.Correct += p.Correct
		p.finish()
		res.PerType[t] = p
	}
	res.Micro.finish()
	return res
}

// Annotator fills tokens' tags, lemmas, heads and relations and the
// recogniser's name mentions into a document whose sentences and tokens are
// already set (stages 2–4 of the pipeline).
type Annotator func(ctx context.Context, doc *document.Document) error

// NewDocument builds a one-sentence document from gold tokens, joined by
// single spaces, without re-tokenising. Norm maps the corpus' PTB quote
// tokens to the plain quotes the models were trained on, and drops the full
// stop that CoNLL04's tokenisation leaves glued to a sentence's last word
// ("... in Beirut." has the token "Beirut."; see gluedFullStop): our own
// segmenter splits it off, and the recogniser was trained on split text.
// Text, and so every span, keeps the corpus token.
func NewDocument(id string, tokens []string) *document.Document {
	var b strings.Builder
	sent := document.Sentence{}
	for i, t := range tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(t)
		tok := document.Token{Span: document.Span{Start: start, End: b.Len()}, Text: t, SpaceAfter: i+1 < len(tokens), Head: -1}
		switch t {
		case "`", "``", "''":
			tok.Norm = `"`
		case "--":
			tok.Norm = "—"
		default:
			if gluedFullStop(tokens, i) {
				tok.Norm = strings.TrimSuffix(t, ".")
			}
		}
		sent.Tokens = append(sent.Tokens, tok)
	}
	sent.Span = document.Span{Start: 0, End: b.Len()}
	return &document.Document{ID: id, Text: b.String(), Sentences: []document.Sentence{sent}}
}

// gluedFullStop reports whether token i ends with a sentence's full stop
// rather than an abbreviation's dot: it ends in "." and is the last token
// or is followed by a capitalised word or a quote (CoNLL04 "sentences"
// sometimes hold two), its stem has a lower-case letter and four or more
// characters and no other dot, and it is not a known abbreviation ("Calif.",
// "Corp.", "Gov.").
func gluedFullStop(tokens []string, i int) bool {
	t := tokens[i]
	stem := strings.TrimSuffix(t, ".")
	if stem == t || len(stem) < 4 || strings.Contains(stem, ".") || strings.ToLower(stem) == stem && len(stem) > 0 && stem[0] >= 'a' && stem[0] <= 'z' {
		return false
	}
	if strings.ToUpper(stem) == stem || coref.IsStateAbbrev(t) || coref.IsTitleWord(t) || abbreviations[strings.ToLower(stem)] {
		return false
	}
	if i+1 == len(tokens) {
		return true
	}
	next := tokens[i+1]
	return next == "``" || next == "''" || next == `"` || next[0] >= 'A' && next[0] <= 'Z'
}

// abbreviations that end with a dot inside CoNLL04 sentences.
var abbreviations = map[string]bool{
	"corp": true, "bros": true, "dept": true, "blvd": true, "sept": true, "assn": true,
	"univ": true, "govt": true, "natl": true, "intl": true, "calif": true, "mass": true,
}

// Predict runs annotate, coreference and typed extraction over one
// sentence's tokens and returns its CoNLL04 relations.
func Predict(ctx context.Context, annotate Annotator, i int, tokens []string) ([]Relation, error) {
	doc := NewDocument(fmt.Sprintf("conll04-%d", i), tokens)
	if err := annotate(ctx, doc); err != nil {
		return nil, fmt.Errorf("conll04: sentence %d: %w", i, err)
	}
	coref.Resolve(doc)
	typed.Extract(doc)
	return Relations(i, doc), nil
}

// Relations maps a document's typed facts to CoNLL04 relations:
//
//	works_for(P, O)              → Work_For
//	member_of(P, O)              → Work_For
//	leader_of(P, O), O an org    → Work_For
//	lives_in(P, L)               → Live_In
//	leader_of(P, L), L a place   → Live_In
//	located_in(L1, L2)           → Located_In
//	based_in(O, L)               → OrgBased_In
//	kill(P1, P2)                 → Kill
//
// CoNLL04's Live_In covers citizenship and leadership ("Soviet President
// Mikhail Gorbachev" is Live_In(Gorbachev, Soviet)), hence the mapping of
// leader_of; nationality facts ("a Jordanian citizen") are not scored, as
// CoNLL04 rarely annotates them. Argument spans follow two CoNLL04 conventions:
// an argument is the name mention of its entity in the sentence (not a
// pronoun or description), a person's span includes a form of address
// directly before the name ("Mrs. Parks") and, in a killing, an office
// too ("President Lincoln", "Sen. Robert F. Kennedy"; see killTitles), a
// residence written "City , State" after a locative word is one span (see
// joinCityState), and a numbered office ("the 16th president of the United
// States") is not a residence (see ordinalBetween).
func Relations(i int, doc *document.Document) []Relation {
	var out []Relation
	for _, f := range doc.Facts {
		if len(f.Args) < 2 || f.Sentence != 0 {
			continue
		}
		a, b := f.Args[0], f.Args[1]
		if a.Entity < 0 || b.Entity < 0 {
			continue
		}
		ta, tb := doc.Entities[a.Entity].Type, doc.Entities[b.Entity].Type
		var typ string
		switch f.Predicate {
		case document.PredEmployeeOf, document.PredMemberOf:
			if tb != document.Org {
				continue
			}
			typ = WorkFor
		case document.PredLeaderOf:
			if tb == document.Org {
				typ = WorkFor
			} else {
				typ = LiveIn
				if ordinalBetween(doc, a.Span, b.Span) {
					// "Lincoln , 16th president of the United
					// States": CoNLL04 leaves a numbered office in
					// history unannotated (6 of 6 in train).
					continue
				}
			}
		case document.PredLivesIn:
			typ = LiveIn
		case document.PredNationality:
			// CoNLL04 rarely marks a nationality adjective as a place
			// ("a Jordanian citizen" is not Live_In); "Soviet President"
			// arrives as leader_of.
			continue
		case document.PredLocatedIn:
			typ = LocatedIn
			if !ta.IsPlace() {
				continue
			}
		case document.PredBasedIn:
			typ = OrgBasedIn
		case document.PredKill:
			typ = Kill
		default:
			continue
		}
		// Each argument is the name mention of its entity nearest to the
		// other argument, as annotators mark the closest pair.
		kill := typ == Kill
		hs, he, ok1 := argSpan(doc, a, b.Span.Start, kill)
		ts, te, ok2 := argSpan(doc, b, a.Span.Start, kill)
		if ok1 && ok2 {
			hs, he, _ = argSpan(doc, a, doc.Sentences[0].Tokens[ts].Start, kill)
		}
		if !ok1 || !ok2 {
			continue
		}
		out = append(out, Relation{Sentence: i, Type: typ, HeadStart: hs, HeadEnd: he, TailStart: ts, TailEnd: te})
		// An abbreviation in parentheses right after a name ("Khmer
		// Rouge ( KR )") is annotated as an argument of its own.
		if ps, pe, ok := parenAlias(doc, a.Entity, hs, he); ok {
			out = append(out, Relation{Sentence: i, Type: typ, HeadStart: ps, HeadEnd: pe, TailStart: ts, TailEnd: te})
		}
		if ps, pe, ok := parenAlias(doc, b.Entity, ts, te); ok {
			out = append(out, Relation{Sentence: i, Type: typ, HeadStart: hs, HeadEnd: he, TailStart: ps, TailEnd: pe})
		}
	}
	out = joinCityState(doc, out)
	sort.Slice(out, func(x, y int) bool {
		return fmt.Sprint(out[x]) < fmt.Sprint(out[y])
	})
	return out
}

// ordinalBetween reports whether an ordinal ("16th", "fourth") stands
// between two argument spans of the sentence.
func ordinalBetween(doc *document.Document, a, b document.Span) bool {
	lo, hi := a.End, b.Start
	if b.End <= a.Start {
		lo, hi = b.End, a.Start
	}
	for _, t := range doc.Sentences[0].Tokens {
		if t.Start < lo || t.End > hi {
			continue
		}
		w := strings.ToLower(t.Text)
		if ordinalWords[w] {
			return true
		}
		if len(w) >= 3 && w[0] >= '0' && w[0] <= '9' {
			switch w[len(w)-2:] {
			case "st", "nd", "rd", "th":
				return true
			}
		}
	}
	return false
}

var ordinalWords = map[string]bool{
	"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true,
	"seventh": true, "eighth": true, "ninth": true, "tenth": true,
}

// joinCityState applies CoNLL04's convention for residences: the place a
// person lives in is one Loc entity "City , State" ("born in Kinderhook ,
// N.Y."), whereas the same words elsewhere are two entities with a
// Located_In between them. A Live_In tail followed by ", Place" is widened
// to cover both, and the then-internal Located_In and the Live_In to the
// second place are dropped.
func joinCityState(doc *document.Document, rels []Relation) []Relation {
	toks := doc.Sentences[0].Tokens
	nextPlace := func(end int) (int, bool) {
		if end >= len(toks) || toks[end].Text != "," {
			return 0, false
		}
		for _, m := range doc.Mentions {
			if m.Sentence == 0 && m.Kind == document.Name && m.Start == end+1 && m.Type.IsPlace() {
				return m.End, true
			}
		}
		return 0, false
	}
	type span struct{ a, b int }
	joined := map[span]int{}   // first place → widened end
	heads := map[[2]int]bool{} // (head start, second place start) already joined
	for i, r := range rels {
		if r.Type != LiveIn {
			continue
		}
		if e, ok := nextPlace(r.TailEnd); ok && joinsAfter(toks, r.HeadEnd, r.TailStart) {
			// The joined form ends before a split-off full stop ("Burchard
			// , Neb ."), unlike a lone abbreviation ("Tenn .").
			if e > r.TailEnd+2 && toks[e-1].Text == "." {
				e--
			}
			joined[span{r.TailStart, r.TailEnd}] = e
			heads[[2]int{r.HeadStart, r.TailEnd + 1}] = true
			rels[i].TailEnd = e
		}
	}
	if len(joined) == 0 {
		return rels
	}
	out := rels[:0]
	for _, r := range rels {
		drop := false
		for first, end := range joined {
			second := span{first.b + 1, end}
			switch {
			case r.Type == LocatedIn && r.HeadStart == first.a && r.HeadEnd == first.b && r.TailStart == second.a && r.TailEnd >= second.b:
				// (the state may keep a split-off full stop: "Mass .")
				drop = true
			case r.Type == LiveIn && r.TailStart == second.a && heads[[2]int{r.HeadStart, r.TailStart}]:
				drop = true
			}
		}
		if !drop {
			out = append(out, r)
		}
	}
	return out
}

// joinsAfter reports whether a residence [i, ...) of the person ending at
// token head is written as CoNLL04 joins "City , State" into one Live_In
// argument ("born in Kinderhook , N.Y.", "a native of Fort Worth ,
// Texas"). When the place follows the name directly through "of" or
// "from" ("Peggy Say of Batavia , N.Y.", "Ferraro , 50 , of Bethany ,
// Conn.") or a determiner ("X , a West Palm Beach , Fla. , lawyer"), the
// city and the state are two Live_In arguments (4 of 4 in train).
func joinsAfter(toks []document.Token, head, i int) bool {
	if i == 0 {
		return true
	}
	switch strings.ToLower(toks[i-1].Text) {
	case "a", "an", "the":
		return false
	case "of", "from":
		j := i - 1
		// ", 50 ," between the name and the preposition
		if j >= 3 && toks[j-1].Text == "," && isDigits(toks[j-2].Text) && toks[j-3].Text == "," {
			j -= 3
		}
		return j != head
	}
	return true
}

func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// argSpan returns the token span used to score an argument: the name
// mention of its entity nearest to byte offset near, or, when the entity
// has no name in the sentence, the argument's own tokens.
func argSpan(doc *document.Document, a document.Argument, near int, kill bool) (int, int, bool) {
	best, bestDist := -1, 1<<30
	for mi, m := range doc.Mentions {
		if m.Entity != a.Entity || m.Kind != document.Name || m.Sentence != 0 {
			continue
		}
		d := abs(m.Span.Start - near)
		if d < bestDist {
			best, bestDist = mi, d
		}
	}
	toks := doc.Sentences[0].Tokens
	if best >= 0 {
		m := doc.Mentions[best]
		start := m.Start
		switch {
		case m.Type != document.Person && doc.Entities[a.Entity].Type != document.Person || start == 0:
		case kill && killTitles[strings.ToLower(toks[start-1].Text)]:
			// "assassinated President Lincoln", "the murder of Dr.
			// Martin Luther King Jr.", "shot Sen. Robert F. Kennedy"
			start--
		case strings.EqualFold(toks[start-1].Text, strings.TrimSpace(m.Title)) &&
			innerTitles[strings.ToLower(m.Title)]:
			start--
		}
		return start, m.End, true
	}
	s, e := -1, -1
	for i, t := range toks {
		if t.Start >= a.Span.Start && t.End <= a.Span.End {
			if s < 0 {
				s = i
			}
			e = i + 1
		}
	}
	return s, e, s >= 0
}

// parenAlias finds a name mention of entity e written in parentheses right
// after tokens [start, end) ("Party of the Democratic Revolution ( PRD )"),
// or the name right before a parenthesised [start, end).
func parenAlias(doc *document.Document, e, start, end int) (int, int, bool) {
	toks := doc.Sentences[0].Tokens
	for _, m := range doc.Mentions {
		if m.Entity != e || m.Kind != document.Name || m.Sentence != 0 || m.Start == start {
			continue
		}
		after := m.Start == end+1 && end < len(toks) && toks[end].Text == "(" && m.End < len(toks) && toks[m.End].Text == ")"
		before := m.End+1 == start && start > 0 && toks[start-1].Text == "(" && end < len(toks) && toks[end].Text == ")"
		if after || before {
			return m.Start, m.End, true
		}
	}
	return 0, 0, false
}

// killTitles are the one-word titles CoNLL04 annotates inside the span of
// a person who kills or is killed: 51 of 53 such titles in train
// ("President Lincoln", "Sen. Robert F. Kennedy", "Dr. Martin Luther
// King Jr.", "Officer J.D. Tippit"), whereas for residence and employment
// the offices stay outside ("President" 0 of 13 inside, "Sen." 0 of 8).
var killTitles = map[string]bool{
	"president": true, "sen.": true, "dr.": true, "rev.": true, "officer": true, "gen.": true,
	"lord": true, "archduke": true, "king": true, "queen": true, "prince": true, "princess": true,
	"emperor": true, "pope": true, "mr.": true, "mrs.": true, "ms.": true, "miss": true, "mr": true,
	"mrs": true, "ms": true, "sgt.": true, "sir": true, "lady": true,
}

// innerTitles are the forms of address CoNLL04 annotates inside a
// person's span in every relation ("Mrs. Parks", "Prince Sihanouk");
// offices ("President", "Judge", "Gov.", "Sen.", "Capt.") it leaves
// outside except in killings (see killTitles).
var innerTitles = map[string]bool{
	"king": true, "queen": true, "prince": true, "princess": true,
	"mr.": true, "mrs.": true, "ms.": true, "miss": true, "gen.": true, "emperor": true,
	"archduke": true, "pope": true, "sir": true, "lord": true, "lady": true,
	"mr": true, "mrs": true, "ms": true, "rev.": true,
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Evaluate runs the pipeline over every sentence and scores it.
func Evaluate(ctx context.Context, annotate Annotator, sents []Sentence) (Result, error) {
	var gold, pred []Relation
	for i := range sents {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		gold = append(gold, Gold(i, &sents[i])...)
		p, err := Predict(ctx, annotate, i, sents[i].Tokens)
		if err != nil {
			return Result{}, err
		}
		pred = append(pred, p...)
	}
	return Score(gold, pred), nil
}
