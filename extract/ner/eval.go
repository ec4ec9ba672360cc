package ner

import (
	"fmt"
	"sort"
	"strings"
)

// PRF is precision, recall and F1 with the counts behind them.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
}

func prf(correct, gold, pred int) PRF {
	p := PRF{Gold: gold, Predicted: pred, Correct: correct}
	if pred > 0 {
		p.Precision = float64(correct) / float64(pred)
	}
	if gold > 0 {
		p.Recall = float64(correct) / float64(gold)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
	return p
}

// Evaluation holds exact-span scores.
type Evaluation struct {
	// Micro is micro-averaged over the types passed to Score.
	Micro   PRF            `json:"micro"`
	PerType map[string]PRF `json:"per_type"`
}

// Score compares predicted with gold IOB2 tag sequences the way conlleval
// does: a chunk is correct when its start, end and type all match; chunk
// boundaries follow conlleval (an I-X after O or after another type starts
// a chunk). microTypes selects the types averaged into Micro.
func Score(gold, pred [][]string, microTypes []string) (Evaluation, error) {
	if len(gold) != len(pred) {
		return Evaluation{}, fmt.Errorf("score: %d gold sentences but %d predicted", len(gold), len(pred))
	}
	type cnt struct{ correct, gold, pred int }
	counts := map[string]*cnt{}
	get := func(t string) *cnt {
		c := counts[t]
		if c == nil {
			c = &cnt{}
			counts[t] = c
		}
		return c
	}
	for k := range gold {
		if len(gold[k]) != len(pred[k]) {
			return Evaluation{}, fmt.Errorf("score: sentence %d has %d gold tags but %d predicted", k, len(gold[k]), len(pred[k]))
		}
		g := chunks(gold[k])
		p := chunks(pred[k])
		set := make(map[span]bool, len(g))
		for _, c := range g {
			set[c] = true
			get(c.typ).gold++
		}
		for _, c := range p {
			get(c.typ).pred++
			if set[c] {
				get(c.typ).correct++
			}
		}
	}
	ev := Evaluation{PerType: map[string]PRF{}}
	var mc cnt
	for t, c := range counts {
		ev.PerType[t] = prf(c.correct, c.gold, c.pred)
	}
	for _, t := range microTypes {
		if c := counts[t]; c != nil {
			mc.correct += c.correct
			mc.gold += c.gold
			mc.pred += c.pred
		}
	}
	ev.Micro = prf(mc.correct, mc.gold, mc.pred)
	return ev, nil
}

// Schemes name the gold annotation conventions Evaluate understands.
const (
	SchemeGMB   = "gmb"   // per, org, geo, gpe, tim, eve, art, nat
	SchemeUNER  = "uner"  // PER, ORG, LOC
	SchemeCoNLL = "conll" // PER, ORG, LOC, MISC
)

// MicroTypes are the types averaged in every scheme's headline score.
var MicroTypes = []string{"PER", "ORG", "LOC"}

var gmbGold = map[string]string{
	"per": "PER", "org": "ORG", "geo": "LOC", "gpe": "NORP", "tim": "DATE",
	"eve": "EVENT", "art": "ART", "nat": "NAT",
}

// predLabel maps our type onto the scheme's label ("" drops the entity).
func predLabel(scheme string, t string) string {
	switch t {
	case "PERSON":
		return "PER"
	case "ORG":
		return "ORG"
	case "GPE", "LOC":
		return "LOC"
	}
	switch scheme {
	case SchemeGMB:
		if t == "TIME" {
			return "DATE"
		}
		return t
	case SchemeCoNLL:
		switch t {
		case "NORP", "EVENT", "ART", "NAT":
			return "MISC"
		}
	}
	return ""
}

// relabel rewrites IOB2 tags through f ("" → O).
func relabel(tags []string, f func(string) string) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		p, typ := splitTag(t)
		l := ""
		if p != 'O' {
			l = f(typ)
		}
		if l == "" {
			out[i] = "O"
		} else {
			out[i] = string(p) + "-" + l
		}
	}
	return out
}

// EvalOptions tunes Evaluate.
type EvalOptions struct {
	// KeepGoldTitles leaves GMB's titles inside gold person spans. By
	// default they are moved out with the recogniser's title list, because
	// GMB puts "President" inside the person span and we deliberately do
	// not; without this, every titled name would count as an error twice.
	KeepGoldTitles bool
}

// Evaluate tags the words of gold sentences (raw tags in the given scheme)
// with r and scores the result.
func (r *Recognizer) Evaluate(gold []Sentence, scheme string, opts EvalOptions) (Evaluation, error) {
	var goldTags, predTags [][]string
	switch scheme {
	case SchemeGMB:
		titles := r.Titles()
		if opts.KeepGoldTitles {
			titles = nil
		}
		for _, s := range gold {
			var spans []span
			for _, c := range chunks(s.Tags) {
				l, ok := gmbGold[c.typ]
				if !ok {
					continue
				}
				if c.typ == "per" {
					for c.end-c.start > 1 && titles[s.Words[c.start]] {
						c.start++
					}
				}
				spans = append(spans, span{c.start, c.end, l})
			}
			goldTags = append(goldTags, spansToTags(len(s.Words), spans))
		}
	case SchemeUNER, SchemeCoNLL:
		for _, s := range gold {
			goldTags = append(goldTags, relabel(s.Tags, strings.ToUpper))
		}
	default:
		return Evaluation{}, fmt.Errorf("evaluate: unknown scheme %q (want gmb, uner or conll)", scheme)
	}
	for _, s := range gold {
		predTags = append(predTags, relabel(r.tags(s.Words), func(t string) string { return predLabel(scheme, t) }))
	}
	return Score(goldTags, predTags, MicroTypes)
}

// SortedTypes returns the evaluation's types in a stable order for printing.
func (e Evaluation) SortedTypes() []string {
	var ts []string
	for t := range e.PerType {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}
