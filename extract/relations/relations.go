// Package relations extracts open relations from dependency-parsed
// sentences: one fact per clause, ClausIE-style, with every argument kept
// under a role (subject, object, recipient, destination, time, topic,
// content, …) rather than flattened into an (arg1, rel, arg2) triple, so
// that the graph can say who invited whom to where.
//
// The rules read Universal Dependencies trees (as produced by
// extract/depparse from UD English-EWT): a clause is a verb, or a noun or
// adjective with a copula, together with its dependents. Clauses without
// an own subject borrow it along the tree: coordinated verbs share their
// first conjunct's subject, controlled complements take their
// controller's, relative clauses take the noun they modify.
//
// Predicate names are lower-case lemmas joined by "_":
//
//	verb                     "invite"
//	verb + particle          "call_off"
//	merged xcomp chain       "decline_to_take", "seek_to_highlight"
//	copula + adjective + to  "be_able_to_take"
//	passive with agent       active voice: hold(subject=agent, object=patient)
//	passive without agent    "be_" + participle: "be_held", "be_born"
//	copula                   "be" (attribute argument, or a prepositional
//	                         role: be(base, location=Glasgow))
//	copula + noun + of/in…   "be_president_of" (object = the noun's complement)
//	existential there        "exist" ("there is no deal" → exist(deal), negated)
//	apposition               "be"
//
// Prepositions stay out of the predicate: they name the role of their
// argument ("invite" + destination Moscow). Roles: subject, object,
// recipient (iobj, "to X" after give/tell-type verbs or to a person),
// destination ("to/into X" after motion/invite verbs or to a place),
// source (from), location (in/at/near… a non-time), time (temporal nouns,
// dates, years, during/since/until/before/after), duration (for/over + a
// time), topic (about/on/regarding), purpose ("to"-infinitives, for +
// gerund), manner (adverbs, by + gerund), agent, complement (predicative
// "called it productive"), attribute (copula), content (a reported or
// complement clause), cause, concession; any other preposition names its
// own role ("with", "against", "as", "according_to").
//
// Reported speech gives two facts: the speech act (say/urge/stress…,
// subject = speaker, content = the clause text) and the content's own
// facts with AttributedTo = the speaker's entity (each member's own when
// a group speaks; content whose speaker is no entity is left out of
// Extract's output, since the graph would state it as asserted).
// Directive verbs take the urged as object ("urged that Kyiv view …" →
// urge(Putin, Kyiv, content "view …")) and give their content the
// modality "should". Negation (not, never, n't, "no" on an object or
// existential, "without …" clauses) sets Negated, and a negating "no"
// leaves the argument ("there's no deal" → NOT exist(deal)); modal
// auxiliaries set Modality; conditions ("if", "until" clauses) are not
// graph facts. A relative or participial clause is attributed like the
// phrase it modifies: inside a report's content (or an argument of a
// verb of telling, "cautioned against intrigues that could …") it is the
// speaker's; on a comment set off after the report ("…, a sentiment
// echoed by Trump, who called …") it is the narrator's. Words a content
// argument leaves out of the middle of the clause are marked "…".
//
// Before any rule reads a tree, repair.go fixes parser errors whose shape
// betrays them (a noun with a direct object, an adjective with a modal
// and an object, a complement clause that swallowed its governor's
// object, "that" read as a determiner, a second object conjoined to the
// verb, a speech participle hung inside the reported clause, …), and
// verb lemmas that the lemmatiser cut ("noting" → "not") are rebuilt
// from the surface. A test bounds how often the repairs fire on the gold
// EWT trees, where every firing is a false repair.
//
// The CaRB writer (Carb) renders the same clauses the way that benchmark
// annotates them instead: verb group plus the first argument's
// preposition ("be born in"), arguments as PTB-tokenised text. The first
// form of "be" in a relation is written as the lemma "be" (CaRB's matcher
// equates it with every form, and annotators often restate tense or
// number), and "be" is also written where a copula is only implied
// (appositions, reduced passives, noun-mediated relations such as "Henry
// Wood Hall in Glasgow" → be in). Noun-mediated and possessive readings
// are CaRB-only and ranked last; they never become graph facts.
package relations

import (
	"strings"

	"github.com/kg-project/kg/extract/carb"
	"github.com/kg-project/kg/extract/document"
)

// Extract appends the open-relation facts of every sentence of doc to
// doc.Facts. Arguments whose head lies inside a mention are linked to the
// mention's entity; a plural mention with a Group yields one fact per
// member. Facts whose subject is a pronoun that coreference left
// unresolved are dropped: facts land on entities, never on "he".
// Content clauses of reported speech are kept as separate facts
// attributed to the speaker.
func Extract(doc *document.Document) {
	if doc == nil {
		return
	}
	byS := make([][]int, len(doc.Sentences))
	for i, m := range doc.Mentions {
		if m.Sentence >= 0 && m.Sentence < len(byS) {
			byS[m.Sentence] = append(byS[m.Sentence], i)
		}
	}
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		if len(s.Tokens) == 0 {
			continue
		}
		lk := &linker{doc: doc, mentions: byS[si]}
		doc.Facts = append(doc.Facts, sentenceFacts(s, doc.Text, si, lk)...)
	}
}

// ExtractSentence returns the open-relation facts of one parsed sentence
// without entity links (every Argument.Entity and Fact.AttributedTo is
// -1). text is the text the token spans index into. Fact.Sentence is 0.
func ExtractSentence(s document.Sentence, text string) []document.Fact {
	if len(s.Tokens) == 0 {
		return nil
	}
	return sentenceFacts(&s, text, 0, nil)
}

// Carb returns the sentence's extractions in CaRB's conventions: relation
// = verb group (auxiliaries, negation, inner adverbs, verb, particles,
// merged complements; the first form of "be" as its lemma) plus the
// preposition or complementiser of the second argument; arguments = the words (token Text) of each
// argument in sentence order, with their prepositions except for the
// second. Extractions with fewer than two arguments are left out because
// CaRB's gold tuples always have two.
func Carb(s document.Sentence) []carb.Extraction {
	out, _ := carbTuples(s)
	return out
}

// carbTuples returns the CaRB extractions and, for analysis, the clause
// kind each came from.
func carbTuples(s document.Sentence) ([]carb.Extraction, []string) {
	if len(s.Tokens) == 0 {
		return nil, nil
	}
	v := newView(&s)
	a := analyse(v, true)
	out := make([]carb.Extraction, 0, len(a.clauses))
	var kinds []string
	for _, c := range a.clauses {
		if !c.hasSubj {
			continue
		}
		k := c.kind
		if c.kind == kindNominal {
			k += ":" + c.nomPred
		}
		e, ok := a.carbTuple(c)
		if !ok {
			continue
		}
		out = append(out, e)
		kinds = append(kinds, k)
	}
	return out, kinds
}

func (a *analysis) words(toks []int) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a.v.toks[t].Text)
	}
	return b.String()
}

// carbTuple renders clause c as a CaRB extraction.
func (a *analysis) carbTuple(c *clause) (carb.Extraction, bool) {
	v := a.v
	var rel []int
	var relWords []string
	lead := ""
	if c.kind == kindNominal {
		relWords = strings.Fields(c.nomRel)
	} else {
		if c.passive && len(c.aux) == 0 && c.cop < 0 && (c.kind == kindAcl || c.kind == kindRelative) {
			// A reduced passive ("a house built in 1900") states its
			// copula only implicitly: write the lemma, which CaRB matches
			// against any form of "be".
			lead = "be"
		}
		rel = append(rel, c.aux...)
		if c.negTok >= 0 && v.base[c.negTok] == "advmod" {
			rel = append(rel, c.negTok)
		}
		rel = append(rel, c.radv...)
		rel = append(rel, c.verb)
		rel = append(rel, c.prt...)
		rel = append(rel, c.chain...)
		sortInts(rel)
	}
	// Second argument: the attribute or object, else a content clause, a
	// complement, the first prepositional argument after the verb, or any.
	second := -1
	for pass := 0; pass < 4 && second < 0; pass++ {
		for i, arg := range c.args {
			ok := false
			switch pass {
			case 0:
				ok = arg.role == "attribute" || arg.role == "object"
			case 1:
				ok = arg.clause || arg.role == "complement"
			case 2:
				ok = len(arg.prep) > 0 && arg.head > c.verb
			case 3:
				ok = arg.role != "manner"
			}
			if ok {
				second = i
				break
			}
		}
	}
	if second < 0 {
		return carb.Extraction{}, false
	}
	s := c.args[second]
	secondToks := s.toks
	if c.kind != kindNominal && (s.head > c.verb || c.verb < 0) {
		for _, p := range s.prep {
			relWords = append(relWords, v.toks[p].Text)
		}
	} else if c.kind != kindNominal {
		// A fronted phrase keeps its preposition: "In 1717".
		secondToks = append(append([]int(nil), s.prep...), s.toks...)
	}
	if s.mark >= 0 {
		rel = append(rel, s.mark)
	}
	var rw []string
	if lead != "" {
		rw = append(rw, lead)
	}
	// The first form of "be" is written as its lemma, the normal form the
	// CaRB matcher equates with every form of "be": annotators often
	// restate a copula or passive in another tense or number ("is" for
	// "were"). Other words keep their surface form.
	beDone := lead == "be"
	for _, t := range rel {
		w := v.toks[t].Text
		if !beDone && v.lem[t] == "be" && beForm[v.low[t]] {
			w, beDone = "be", true
		}
		rw = append(rw, w)
	}
	rw = append(rw, relWords...)
	if c.kind == kindNominal {
		rw = relWords
	}
	e := carb.Extraction{Rel: strings.Join(rw, " ")}
	e.Args = append(e.Args, a.words(c.subj.toks), a.words(secondToks))
	for i, arg := range c.args {
		if i == second || len(arg.toks) == 0 {
			continue
		}
		toks := append(append([]int(nil), arg.prep...), arg.toks...)
		e.Args = append(e.Args, a.words(toks))
	}
	if h := c.subj.head; h >= 0 && (relativeWords[v.low[h]] && len(c.subj.toks) == 1 || v.pos[h] == "AUX") {
		return carb.Extraction{}, false
	}
	if e.Args[0] == "" || e.Args[1] == "" || e.Rel == "" {
		return carb.Extraction{}, false
	}
	e.Confidence = a.confidence(c)
	return e, true
}
