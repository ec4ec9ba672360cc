package relations

import (
	"strings"

	"github.com/kg-project/kg/extract/coref"
)

// Clause kinds: how a predicate attaches to the rest of the sentence. The
// kind decides where a missing subject comes from and how much a fact
// read off the clause can be trusted.
const (
	kindMain      = "main"      // root of the sentence
	kindConj      = "conj"      // coordinated with another clause
	kindContent   = "content"   // ccomp: "said that …"
	kindXcomp     = "xcomp"     // controlled complement not merged into its governor
	kindAdverbial = "advcl"     // "…, issuing statements"
	kindRelative  = "relcl"     // "Trump, who called …"
	kindAcl       = "acl"       // "a sentiment echoed by Trump"
	kindParataxis = "parataxis" // "…, Trump said."
	kindNominal   = "nominal"   // apposition, possessive, noun modifier: no verb
)

// argument is one participant of a clause: a head token, the preposition
// that introduced it, and the tokens of its phrase.
type argument struct {
	role string
	head int   // head token, -1 if none
	prep []int // case tokens before the head ("to", "because of")
	toks []int // phrase tokens without the preposition, sorted
	// clause marks a content clause; mark is its complementiser ("that")
	// or -1.
	clause bool
	mark   int
	// core arguments (subject, object, complement) are those a CaRB
	// relation needs; the rest are adjuncts.
	core bool
	// split marks one conjunct of a coordinated argument; it is not
	// expanded again through a plural mention's group.
	split bool
}

// clause is one predicate with its arguments.
type clause struct {
	head int    // predicate head: the verb, or the nominal/adjective of a copula
	verb int    // the verb token: head, or the copula
	cop  int    // copula token or -1
	kind string // one of the kind constants
	gov  int    // index of the governing clause, -1

	subj    argument
	hasSubj bool
	// coSubj lists the coordinated parts of a subject that the parser
	// did not build as a coordination (see recoverSubject); nil usually.
	coSubj []argument
	// subjFrom says where the subject came from: "own", "shared" (a
	// coordinated or adverbial clause borrowing its governor's), "control"
	// (an xcomp's controller) or "relative" (the noun a relative clause
	// modifies).
	subjFrom string

	aux      []int
	negated  bool
	negTok   int
	modal    string
	passive  bool
	prt      []int // particles: "call off"
	radv     []int // adverbs inside the verb group ("has also said")
	chain    []int // merged xcomp tokens ("to", "take") after the verb
	chainLex []int // lexical verbs of the chain, for the predicate name
	args     []argument

	existential bool
	// speechOf is the index of the clause whose speaker this clause's
	// content is attributed to, or -1.
	speechOf int
	// speech marks a clause whose verb reports its content clause.
	speech bool
	// nominal predicate name for kindNominal clauses ("be", "have", "be_in").
	nomPred string
	nomRel  string // CaRB relation for nominal clauses ("is", "has", "is in")
	// absolute marks the participle of an absolute construction ("with
	// Putin inviting Trump"): narration, never part of reported content.
	absolute bool
	// carbOnly marks readings that benchmarks annotate but that are too
	// loose for the graph (possession, "X in Y" between names).
	carbOnly bool
	depth    int
}

// analysis is everything found in one sentence.
type analysis struct {
	v       *view
	clauses []*clause
	owner   []int // clause index owning each predicate head (merged xcomps included), -1
	// carbReadings enables the CaRB-only nominal readings; graph
	// extraction skips building them.
	carbReadings bool
	// store hands out clauses in chunks to keep allocation count low.
	store []clause
}

// analyse finds the clauses of a parsed sentence. Clauses are created in
// breadth-first order from the root, so a governor is always complete
// before the clauses that borrow its subject or attach to it.
func analyse(v *view, carbReadings bool) *analysis {
	a := &analysis{v: v, owner: make([]int, v.n), carbReadings: carbReadings}
	// One chunk usually holds every clause: about one per verb or copula.
	preds := 1
	for i := 0; i < v.n; i++ {
		if v.pos[i] == "VERB" || v.base[i] == "cop" {
			preds++
		}
	}
	a.store = make([]clause, 0, preds)
	for i := range a.owner {
		a.owner[i] = -1
	}
	order := make([]int, 0, v.n)
	for i := 0; i < v.n; i++ {
		if v.head[i] < 0 && v.dep[i] == 0 {
			order = append(order, i)
		}
	}
	for k := 0; k < len(order); k++ {
		order = append(order, v.kids[order[k]]...)
	}
	for _, t := range order {
		a.visit(t)
	}
	a.shareAcrossConjuncts()
	a.resolveStrayRelatives()
	a.nominalClauses()
	return a
}

// resolveStrayRelatives repairs clauses whose subject is a relative
// pronoun but which the parser did not attach as relative clauses
// ("…, echoed by Trump, who called the summit …" parsed as parataxis):
// the pronoun stands for the noun right before it.
func (a *analysis) resolveStrayRelatives() {
	v := a.v
	for _, c := range a.clauses {
		h := c.subj.head
		if !c.hasSubj || c.subjFrom != "own" || h < 0 || len(c.subj.toks) != 1 || !(v.low[h] == "who" || v.low[h] == "which") {
			continue
		}
		n := h - 1
		for n >= 0 && v.isPunct(n) {
			n--
		}
		if n < 0 || !(v.pos[n] == "NOUN" || v.pos[n] == "PROPN") {
			continue
		}
		end := n
		// Climb from a name's last word to the phrase head.
		for k := 0; k < v.n && v.head[n] >= 0 && (v.base[n] == "flat" || v.base[n] == "compound") && v.head[n] < h; k++ {
			n = v.head[n]
		}
		if v.low[h] == "who" {
			n = v.apposAnchor(n, end)
		}
		c.subj = argument{role: "subject", head: n, mark: -1, core: true, toks: a.nounCore(n, c.head)}
		c.subjFrom = "relative"
	}
}

// isClauseRel reports relations through which a predicate can attach.
func isClauseRel(base string) bool {
	switch base {
	case "root", "conj", "ccomp", "xcomp", "advcl", "acl", "parataxis", "csubj":
		return true
	}
	return false
}

// predicateShape decides whether t heads a predicate: a verb, or a word
// with a copula. A coordinated non-verb inherits the copula of its first
// conjunct ("is big and strong").
func (a *analysis) predicateShape(t int) (ok bool, cop int) {
	v := a.v
	if c := v.childBase(t, "cop"); c >= 0 {
		return true, c
	}
	if v.isVerb(t) {
		return true, -1
	}
	if v.pos[t] == "AUX" && v.base[t] == "root" {
		return true, -1
	}
	return false, -1
}

func (a *analysis) visit(t int) {
	v := a.v
	b := v.base[t]
	if !isClauseRel(b) || v.dep[t] < 0 {
		return
	}
	ok, cop := a.predicateShape(t)
	h := v.head[t]
	gov := -1
	if h >= 0 {
		gov = a.owner[h]
	}
	if !ok {
		// "X is big and strong": the conjunct shares the copula clause.
		if b == "conj" && gov >= 0 && a.clauses[gov].cop >= 0 && a.clauses[gov].head == h && !v.isVerb(t) {
			g := a.clauses[gov]
			c := a.newClause(t, g.cop, kindConj, gov)
			c.aux = g.aux
			c.modal = g.modal
			a.collect(c, t)
			if !c.hasSubj && g.hasSubj {
				c.borrowSubject(g, "shared")
			}
			return
		}
		// Predicative complements ("became famous") are arguments of
		// their governor, handled in collect.
		return
	}
	switch b {
	case "root":
		c := a.newClause(t, cop, kindMain, -1)
		a.collect(c, t)
		if !c.hasSubj {
			a.recoverSubject(c, t)
		}
	case "conj":
		if gov < 0 {
			// A verb coordinated with a noun: only usable with its own subject.
			c := a.newClause(t, cop, kindConj, -1)
			a.collect(c, t)
			return
		}
		g := a.clauses[gov]
		c := a.newClause(t, cop, kindConj, gov)
		a.collect(c, t)
		if !c.hasSubj && g.hasSubj && (g.subj.head < t) {
			c.borrowSubject(g, "shared")
		}
		if len(c.aux) == 0 && cop < 0 && g.cop < 0 && v.xpos[t] != "VBD" && v.xpos[t] != "VBZ" && v.xpos[t] != "VBP" {
			// "will buy and sell": the auxiliaries are shared.
			c.aux, c.modal, c.passive = g.aux, g.modal, g.passive || c.passive
		}
	case "xcomp":
		if gov < 0 {
			return
		}
		g := a.clauses[gov]
		if cop < 0 && !a.hasObject(g) && (g.head == h || containsInt(g.chainLex, h)) {
			// Merge: "declined to take questions" → decline_to_take.
			a.owner[t] = gov
			if g.cop >= 0 && len(g.args) > 0 && g.args[0].role == "attribute" && v.pos[g.head] == "ADJ" {
				// "was able to take": the adjective joins the relation.
				g.chain = append(g.chain, g.args[0].toks...)
				g.args = g.args[1:]
			}
			for _, k := range v.kids[t] {
				if v.base[k] == "mark" && v.low[k] == "to" {
					g.chain = append(g.chain, k)
				}
			}
			g.chain = append(g.chain, t)
			g.chainLex = append(g.chainLex, t)
			for _, k := range v.kids[t] {
				if v.rel[k] == "compound:prt" {
					g.chain = append(g.chain, k)
				}
			}
			a.collectInto(g, t, true)
			return
		}
		if cop >= 0 && g.cop < 0 && !a.hasObject(g) && (g.head == h || containsInt(g.chainLex, h)) && v.childBase(t, "nsubj") < 0 {
			// "seems to be happy" → seem_to_be, complement "happy".
			a.owner[t] = gov
			for _, k := range v.kids[t] {
				if v.base[k] == "mark" && v.low[k] == "to" {
					g.chain = append(g.chain, k)
				}
			}
			g.chain = append(g.chain, cop)
			g.chainLex = append(g.chainLex, cop)
			attr := a.attribute(&clause{head: t, verb: cop, cop: cop})
			attr.role = "complement"
			g.args = append(g.args, attr)
			for _, k := range v.kids[t] {
				switch {
				case v.base[k] == "obl":
					arg := a.nounArg("", k)
					arg.role = a.oblRole(g, arg, k)
					g.args = append(g.args, arg)
				case v.base[k] == "advmod" && negWords[v.low[k]]:
					g.negated = true
				}
			}
			return
		}
		c := a.newClause(t, cop, kindXcomp, gov)
		a.collect(c, t)
		if !c.hasSubj {
			if o := a.objectOf(g); o != nil {
				c.subj, c.hasSubj, c.subjFrom = *o, true, "control"
			} else if g.hasSubj {
				c.borrowSubject(g, "control")
			}
		}
	case "ccomp", "csubj":
		c := a.newClause(t, cop, kindContent, gov)
		a.collect(c, t)
		if gov >= 0 && b == "ccomp" {
			c.speechOf = gov
			if directiveVerbs[v.lem[h]] && a.mandative(t) {
				if c.modal == "" {
					// What someone urges or demands is what should
					// happen, not what does.
					c.modal = "should"
				}
				if o := a.objectOf(a.clauses[gov]); !c.hasSubj && o != nil {
					// "urged farmers [that they] plant crops" parsed with
					// the urged as the directive verb's object and a
					// subjectless complement: the urged are the ones who
					// should act, as with "urged farmers to plant".
					c.subj, c.hasSubj, c.subjFrom = *o, true, "control"
				}
			}
		}
	case "parataxis":
		c := a.newClause(t, cop, kindParataxis, gov)
		a.collect(c, t)
		// '"…," Trump said.': a bare speech verb reports its governor.
		if gov >= 0 && speechVerbs[v.lem[t]] && a.objectOf(c) == nil && c.hasSubj && !hasContent(c) {
			c.speech = true
			a.clauses[gov].speechOf = len(a.clauses) - 1
			// The quoted clause is what was said.
			g := a.clauses[gov]
			arg := argument{role: "content", head: g.head, mark: -1, clause: true, core: true}
			arg.toks = trimEdges(v, v.subtree(nil, g.head, func(d int) bool { return d == t || v.base[d] == "parataxis" && speechVerbs[v.lem[d]] }))
			if len(arg.toks) > 0 {
				c.args = append(c.args, arg)
			}
		}
	case "advcl":
		if !a.carbReadings && a.quotedTerm(t) {
			return
		}
		c := a.newClause(t, cop, kindAdverbial, gov)
		a.collect(c, t)
		c.absolute = a.absoluteClause(t)
		if !a.carbReadings && a.conditional(t) {
			// "until there's a deal", "if talks fail": a condition, not
			// something that happened.
			c.carbOnly = true
		}
		if !c.hasSubj && gov >= 0 && a.clauses[gov].passive && v.xpos[t] == "VBG" {
			a.raiseParticiple(c, t, gov)
		}
		// "without reaching a deal", "instead of talking": the clause
		// states what did not happen.
		for _, k := range v.kids[t] {
			if (v.base[k] == "mark" || v.base[k] == "case") && k < t && (v.low[k] == "without" || v.low[k] == "instead" || v.low[k] == "rather") {
				c.negated, c.negTok = true, -1
			}
		}
		if !c.hasSubj && gov >= 0 && a.clauses[gov].hasSubj && !a.clauses[gov].passive && !a.forGerundAfterObject(t, a.clauses[gov]) {
			c.borrowSubject(a.clauses[gov], "shared")
		}
	case "acl":
		if h < 0 || t < h {
			// A participle before its noun ("a growing portfolio") is a
			// modifier, not a clause.
			return
		}
		if !a.carbReadings && a.quotedTerm(t) {
			// A quoted term ("a potential “starting point”") names a
			// thing; its participle states nothing.
			return
		}
		if !a.carbReadings && v.xpos[t] == "VBG" && t > 0 && v.low[t-1] == "," && (v.base[h] == "nmod" || v.base[h] == "conj" && v.head[h] >= 0 && v.base[v.head[h]] == "nmod") {
			// "…, including X's heritage during the war, suggesting …":
			// a participle after a comma belongs to the clause, not to
			// the last noun of a modifier it was hung on; whose act it
			// is cannot be read off this tree.
			return
		}
		kind := kindAcl
		if v.rel[t] == "acl:relcl" {
			kind = kindRelative
		}
		c := a.newClause(t, cop, kind, gov)
		a.collect(c, t)
		a.relative(c, t, h)
		c.absolute = kind == kindAcl && a.absoluteWith(h)
	}
}

// alloc returns a zeroed clause from the chunk store.
func (a *analysis) alloc() *clause {
	if len(a.store) == cap(a.store) {
		a.store = make([]clause, 0, 4)
	}
	a.store = a.store[:len(a.store)+1]
	return &a.store[len(a.store)-1]
}

func (a *analysis) newClause(t, cop int, kind string, gov int) *clause {
	c := a.alloc()
	*c = clause{head: t, verb: t, cop: cop, kind: kind, gov: gov, negTok: -1, speechOf: -1, depth: a.v.dep[t]}
	if cop >= 0 {
		c.verb = cop
	}
	a.owner[t] = len(a.clauses)
	a.clauses = append(a.clauses, c)
	return c
}

// hasObject reports whether a clause has a direct or indirect object.
func (a *analysis) hasObject(c *clause) bool { return a.objectOf(c) != nil }

func (a *analysis) objectOf(c *clause) *argument {
	for i := range c.args {
		if c.args[i].role == "object" || c.args[i].role == "recipient" {
			return &c.args[i]
		}
	}
	return nil
}

// collect reads the dependents of predicate head t into clause c.
func (a *analysis) collect(c *clause, t int) { a.collectInto(c, t, false) }

// collectInto reads the dependents of t into c. merged is true when t is
// an xcomp folded into c, whose own subject slot is then the controller.
func (a *analysis) collectInto(c *clause, t int, merged bool) {
	v := a.v
	if !merged && c.cop < 0 && v.lem[t] == "be" && v.child(t, "expl") >= 0 {
		c.existential = true
	}
	for _, k := range v.kids[t] {
		r := v.rel[k]
		switch v.base[k] {
		case "nsubj", "csubj":
			if !merged && c.hasSubj && c.subjFrom == "own" && v.base[k] == "nsubj" && a.ccBetween(t, c.subj.head, k) {
				// "X and Y concluded …" parsed as two subjects of the
				// verb with the "and" hung on the verb: a coordination.
				if len(c.coSubj) == 0 {
					first := c.subj
					first.split = true
					c.coSubj = append(c.coSubj, first)
				}
				second := a.nounArg("subject", k)
				second.split = true
				c.coSubj = append(c.coSubj, second)
				continue
			}
			if merged || c.hasSubj {
				continue
			}
			if r == "nsubj:outer" && v.childBase(t, "nsubj") >= 0 {
				continue
			}
			c.subj = a.nounArg("subject", k)
			if v.base[k] == "csubj" {
				c.subj = a.clauseArg("subject", k)
			}
			c.hasSubj, c.subjFrom = true, "own"
			if strings.HasSuffix(r, ":pass") {
				c.passive = true
			}
		case "aux":
			if merged {
				continue
			}
			c.aux = append(c.aux, k)
			if r == "aux:pass" {
				c.passive = true
			}
			if m, ok := modalWords[v.low[k]]; ok && c.modal == "" {
				c.modal = m
			}
		case "obj":
			obj := a.nounArg("object", k)
			if asArg, ok := a.asComplement(t, k, &obj); ok {
				c.args = append(c.args, obj, asArg)
				continue
			}
			c.args = append(c.args, obj)
			// "invited Putin to Washington" with the destination parsed
			// as a modifier of the object: a person or group is not "to"
			// somewhere, so the phrase is the verb's destination.
			if motionVerbs[v.lem[t]] && (v.pos[k] == "PROPN" || v.pos[k] == "PRON") {
				for _, d := range v.kids[k] {
					if v.base[d] != "nmod" || d < k {
						continue
					}
					dest := a.nounArg("", d)
					if p := a.prepText(dest.prep); p != "to" && p != "into" {
						continue
					}
					dest.role = "destination"
					var keep []int
					for _, x := range obj.toks {
						if !v.dominates(d, x) {
							keep = append(keep, x)
						}
					}
					c.args[len(c.args)-1].toks = trimEdges(v, keep)
					c.args = append(c.args, dest)
				}
			}
		case "iobj":
			c.args = append(c.args, a.nounArg("recipient", k))
		case "obl", "nmod":
			if c.cop >= 0 && v.base[k] == "nmod" {
				continue // part of the nominal predicate's phrase
			}
			if r == "obl:agent" {
				arg := a.nounArg("agent", k)
				c.args = append(c.args, arg)
				continue
			}
			if v.pos[k] == "ADP" && len(v.kids[k]) == 0 {
				// A stranded preposition ("were agreed to") belongs
				// with the verb.
				c.prt = append(c.prt, k)
				continue
			}
			if !a.carbReadings && (a.absoluteWith(k) || a.commentPhrase(k)) {
				// "…, with Putin inviting Trump": a clause of its own,
				// not a companion of this verb; "…, a sentiment echoed
				// by Trump": a comment on the clause.
				continue
			}
			arg := a.nounArg("", k)
			arg.role = a.oblRole(c, arg, k)
			c.args = append(c.args, arg)
		case "advmod":
			if negWords[v.low[k]] {
				c.negated, c.negTok = true, k
				continue
			}
			if c.cop >= 0 && v.head[k] == c.head && k > c.verb && k < c.head {
				continue // "is very productive": part of the attribute
			}
			if relativeWords[v.low[k]] || v.xpos[k] == "WRB" {
				continue
			}
			if k > 0 && v.low[k-1] == "," || k+1 < v.n && v.low[k+1] == "," {
				continue // set off by commas: ", though ,", ", however ,"
			}
			if k < t && (!c.hasSubj || k > c.subj.head) && kBetweenVerbGroup(v, c, k, t) {
				c.radv = append(c.radv, k)
				continue
			}
			if k < t {
				continue // sentence adverbs: "However", "Earlier"
			}
			arg := a.nounArg("manner", k)
			c.args = append(c.args, arg)
		case "compound":
			if r == "compound:prt" && !merged {
				c.prt = append(c.prt, k)
			}
		case "xcomp":
			// Verbal xcomps become clauses (or merge) in visit; nominal and
			// adjectival ones are predicative complements.
			if ok, _ := a.predicateShape(k); !ok {
				arg := a.nounArg("complement", k)
				arg.core = true
				c.args = append(c.args, arg)
			}
		case "ccomp":
			arg := a.clauseArg("content", k)
			if s := v.childBase(k, "nsubj"); s >= 0 && s < k && directiveVerbs[v.lem[t]] && !a.carbReadings && !merged && a.objectOf(c) == nil && a.mandative(k) {
				// "urged that Kyiv view developments constructively": the
				// content clause's subject is the one urged, and what
				// they are urged to do is the content.
				c.args = append(c.args, a.nounArg("object", s))
				var rest []int
				for _, x := range arg.toks {
					if !v.dominates(s, x) {
						rest = append(rest, x)
					}
				}
				arg.toks = trimEdges(v, rest)
			}
			c.args = append(c.args, arg)
			if speechVerbs[v.lem[t]] {
				c.speech = true
			}
		case "advcl":
			// A gerund introduced by a preposition ("caused by interacting
			// elements", "after serving for a year") is also an argument.
			if v.xpos[k] != "VBG" && v.xpos[k] != "VB" || merged {
				continue
			}
			mk := -1
			for _, d := range v.kids[k] {
				if (v.base[d] == "mark" || v.base[d] == "case") && d < k && (advclPreps[v.low[d]] && v.xpos[k] == "VBG" || v.low[d] == "to" && v.xpos[k] == "VB" && k > t) {
					mk = d
				}
			}
			if mk < 0 {
				continue
			}
			arg := argument{head: k, mark: -1, prep: []int{mk}}
			arg.toks = a.phrase(k, arg.prep)
			arg.role = roleForPrep(v.low[mk], v.lem[t], false, false, false, true)
			c.args = append(c.args, arg)
		case "expl":
			// "there" in existentials carries nothing.
		}
	}
	if c.cop >= 0 && !merged && t == c.head {
		c.args = append([]argument{a.attribute(c)}, c.args...)
	}
	if c.existential && c.hasSubj && c.subjFrom == "own" && !a.carbReadings {
		a.keepRestrictiveRelative(&c.subj)
	}
	a.joinSpanToRank(c)
	a.joinGerundToNoun(c)
	// Negation by a determiner: "there is no deal", "reached no agreement".
	heads := []int{c.head}
	if c.hasSubj && (c.existential || c.passive) {
		heads = append(heads, c.subj.head)
	}
	for _, arg := range c.args {
		if arg.role == "object" {
			heads = append(heads, arg.head)
		}
	}
	for _, h := range heads {
		if h < 0 {
			continue
		}
		for _, k := range v.kids[h] {
			if v.base[k] == "det" && (v.low[k] == "no" || v.low[k] == "neither") {
				c.negated = true
				if !a.carbReadings {
					// The negation now qualifies the fact; left in the
					// argument it would read twice ("no deal NOT
					// exist").
					a.dropToken(c, k)
				}
			}
		}
	}
}

// asComplement splits "as Y" off the object o of a verb of regarding or
// naming when the parser hung it inside the object: "described their
// talks as constructive and productive" with "as" a modifier of "talks".
// "as Y" there says what the verb makes of the object (UD attaches it to
// the verb as an oblique); left in the object it vanishes whenever the
// object is shown by its entity's name ("described the summit").
func (a *analysis) asComplement(t, o int, obj *argument) (argument, bool) {
	v := a.v
	if !asVerbs[v.lem[t]] {
		return argument{}, false
	}
	for _, d := range v.kids[o] {
		if d < o {
			continue
		}
		var arg argument
		switch {
		case v.low[d] == "as" && len(v.kids[d]) > 0:
			// "as" heading its complement (advmod with a fixed word).
			arg = argument{role: "as", head: d, mark: -1, prep: []int{d}}
			for _, x := range v.subtree(nil, d, nil) {
				if x != d {
					arg.toks = append(arg.toks, x)
				}
			}
			if len(arg.toks) > 0 {
				arg.head = arg.toks[0]
			}
		case v.base[d] == "nmod" || v.base[d] == "acl" && v.pos[d] != "VERB":
			arg = a.nounArg("", d)
			if a.prepText(arg.prep) != "as" {
				continue
			}
			arg.role = "as"
		default:
			continue
		}
		arg.toks = trimEdges(v, arg.toks)
		if len(arg.toks) == 0 {
			continue
		}
		var keep []int
		for _, x := range obj.toks {
			if !v.dominates(d, x) {
				keep = append(keep, x)
			}
		}
		obj.toks = trimEdges(v, keep)
		return arg, true
	}
	return argument{}, false
}

// joinSpanToRank puts a time span back into the ranked noun phrase it
// measures: in "marked the first summit between the leaders in four
// years" (or "the biggest drop since 2008"), "in four years" says over
// what span the summit is the first; as a time of "marked" it would
// date the event to "four years". A span right after an object or
// attribute whose noun is ranked by an ordinal or a superlative belongs
// to that phrase.
func (a *analysis) joinSpanToRank(c *clause) {
	for i := 0; i < len(c.args); i++ {
		sp := c.args[i]
		if sp.role != "time" && sp.role != "duration" || len(sp.prep) == 0 || len(sp.toks) == 0 {
			continue
		}
		switch a.prepText(sp.prep) {
		case "in", "for", "since":
		default:
			continue
		}
		for j := range c.args {
			o := &c.args[j]
			if j == i || o.role != "object" && o.role != "attribute" || len(o.toks) == 0 || o.toks[len(o.toks)-1]+1 != sp.prep[0] || !a.ranked(o.head) {
				continue
			}
			toks := append(append(append([]int(nil), o.toks...), sp.prep...), sp.toks...)
			sortInts(toks)
			o.toks = toks
			c.args = append(c.args[:i], c.args[i+1:]...)
			i--
			break
		}
	}
}

// joinGerundToNoun puts "for" + gerund back into the common-noun phrase
// right before it, under a verb with an object: in "described the
// meeting as a starting point for resolving the conflict" (or "used the
// money for buying arms") the gerund says what the noun is for, not why
// the verb's subject acted; as a purpose of "described" it would read
// as the speaker's aim. After a name or pronoun ("thanked Kim for
// helping") it stays the verb's.
func (a *analysis) joinGerundToNoun(c *clause) {
	v := a.v
	if a.objectOf(c) == nil {
		return
	}
	for i := 0; i < len(c.args); i++ {
		g := c.args[i]
		if len(g.prep) != 1 || v.low[g.prep[0]] != "for" || g.head < 0 || v.xpos[g.head] != "VBG" || len(g.toks) == 0 {
			continue
		}
		for j := range c.args {
			o := &c.args[j]
			if j == i || o.clause || len(o.toks) == 0 || o.toks[len(o.toks)-1]+1 != g.prep[0] || v.pos[o.head] != "NOUN" {
				continue
			}
			toks := append(append(append([]int(nil), o.toks...), g.prep...), g.toks...)
			sortInts(toks)
			o.toks = toks
			c.args = append(c.args[:i], c.args[i+1:]...)
			i--
			break
		}
	}
}

// ranked reports whether noun n is ranked by an ordinal or superlative
// modifier ("the first summit", "the largest drop", "the most serious
// crisis").
func (a *analysis) ranked(n int) bool {
	v := a.v
	if n < 0 {
		return false
	}
	for _, k := range v.kids[n] {
		if k > n || v.base[k] != "amod" {
			continue
		}
		if v.xpos[k] == "JJS" || rankWords[v.low[k]] {
			return true
		}
		for _, d := range v.kids[k] {
			if v.base[d] == "advmod" && (v.low[d] == "most" || v.low[d] == "least") {
				return true
			}
		}
	}
	return false
}

// keepRestrictiveRelative puts a restrictive relative clause back into
// an existential's subject: "there were many points that we agreed on"
// asserts the points agreed on, and "many points exist" alone says
// nothing the speaker said. A relative clause set off by a comma adds a
// remark about the noun and stays out.
func (a *analysis) keepRestrictiveRelative(arg *argument) {
	v := a.v
	h := arg.head
	if h < 0 {
		return
	}
	for _, k := range v.kids[h] {
		if v.rel[k] != "acl:relcl" || k < h {
			continue
		}
		first := k
		for _, x := range v.subtree(nil, k, nil) {
			first = min(first, x)
		}
		if first == 0 || v.isPunct(first-1) {
			continue
		}
		toks := append([]int(nil), arg.toks...)
		for _, x := range v.subtree(nil, k, nil) {
			if !containsInt(toks, x) {
				toks = append(toks, x)
			}
		}
		sortInts(toks)
		arg.toks = trimEdges(v, toks)
	}
}

// dropToken removes token k from the phrases of c's subject and
// arguments.
func (a *analysis) dropToken(c *clause, k int) {
	drop := func(toks []int) []int {
		if !containsInt(toks, k) {
			return toks
		}
		out := make([]int, 0, len(toks)-1)
		for _, t := range toks {
			if t != k {
				out = append(out, t)
			}
		}
		return trimEdges(a.v, out)
	}
	c.subj.toks = drop(c.subj.toks)
	for i := range c.args {
		c.args[i].toks = drop(c.args[i].toks)
	}
}

// attribute is the nominal or adjectival predicate of a copula clause
// ("is a footballer", "is in Glasgow"), without the clause's own
// dependents.
func (a *analysis) attribute(c *clause) argument {
	v := a.v
	h := c.head
	arg := argument{role: "attribute", head: h, mark: -1, core: true}
	for _, d := range v.kids[h] {
		if v.base[d] == "case" && d < h {
			arg.prep = append(arg.prep, d)
			for _, f := range v.kids[d] {
				if v.base[f] == "fixed" {
					arg.prep = append(arg.prep, f)
				}
			}
		}
	}
	sortInts(arg.prep)
	arg.toks = v.subtree(nil, h, func(d int) bool {
		if v.head[d] != h {
			return false
		}
		switch v.base[d] {
		case "nsubj", "csubj", "cop", "aux", "mark", "punct", "obl", "advcl", "ccomp", "conj",
			"cc", "parataxis", "discourse", "expl", "xcomp", "dislocated", "vocative", "case":
			return true
		case "advmod":
			return !(d > c.cop && d < h) || negWords[v.low[d]]
		case "acl":
			return v.rel[d] == "acl:relcl"
		}
		return false
	})
	arg.toks = trimEdges(v, arg.toks)
	return arg
}

func containsInt(a []int, x int) bool {
	for _, y := range a {
		if y == x {
			return true
		}
	}
	return false
}

// kBetweenVerbGroup reports whether adverb k sits inside the verb group
// ("has also said", "often refers"), i.e. right before the verb with only
// auxiliaries, negation and other adverbs between.
func kBetweenVerbGroup(v *view, c *clause, k, t int) bool {
	for i := k + 1; i < t; i++ {
		switch v.base[i] {
		case "aux", "advmod", "cop":
			if v.head[i] == t || v.head[i] == c.head {
				continue
			}
		}
		if v.head[i] == k {
			continue
		}
		return false
	}
	return true
}

// oblRole picks the role of an oblique argument from its preposition and
// the kind of noun it introduces.
func (a *analysis) oblRole(c *clause, arg argument, k int) string {
	v := a.v
	prep := a.prepText(arg.prep)
	temporal := a.isTemporal(k)
	if prep == "" {
		if temporal || v.rel[k] == "obl:tmod" {
			return "time"
		}
		if v.rel[k] == "obl:npmod" || v.rel[k] == "obl:unmarked" {
			return "extent"
		}
		return "oblique"
	}
	if prep == "by" && c.passive {
		return "agent"
	}
	person := v.pos[k] == "PRON" || v.pos[k] == "PROPN"
	place := v.pos[k] == "PROPN"
	if prep == "in" && mannerNouns[v.low[k]] {
		// "held in a constructive atmosphere", "said in a calm tone".
		return "manner"
	}
	if prep == "on" && place && !surfaceNouns[v.low[k]] {
		// One is "in" a country or city, "on" a street or an island:
		// "progress on Ukraine" is about Ukraine.
		place, person = false, false
	}
	verbal := v.pos[k] == "VERB"
	lemma := v.lem[c.verb]
	if len(c.chainLex) > 0 {
		lemma = v.lem[c.chainLex[len(c.chainLex)-1]]
	}
	return roleForPrep(prep, lemma, temporal, person && !place, place, verbal)
}

// isTemporal reports whether the phrase headed by k names a time: a
// temporal noun, a year, or a date-like number.
func (a *analysis) isTemporal(k int) bool {
	v := a.v
	if temporalNouns[v.low[k]] {
		return true
	}
	if v.pos[k] == "NUM" && len(v.low[k]) == 4 && (strings.HasPrefix(v.low[k], "1") || strings.HasPrefix(v.low[k], "20")) {
		return true
	}
	if strings.HasSuffix(v.low[k], "0s") && len(v.low[k]) == 5 {
		return true
	}
	// "February 11" headed by the number, "11 February" by the month.
	for _, d := range v.kids[k] {
		switch v.base[d] {
		case "nummod", "compound", "flat", "nmod":
			if temporalNouns[v.low[d]] && len(v.low[d]) > 2 {
				return true
			}
		}
	}
	return false
}

func (a *analysis) prepText(prep []int) string {
	switch len(prep) {
	case 0:
		return ""
	case 1:
		return a.v.low[prep[0]]
	}
	var b strings.Builder
	for i, p := range prep {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a.v.low[p])
	}
	return b.String()
}

// nounArg builds the argument headed by k: its preposition (case children
// before it, with their fixed parts) and its phrase without relative
// clauses, which become clauses of their own.
func (a *analysis) nounArg(role string, k int) argument {
	v := a.v
	arg := argument{role: role, head: k, mark: -1}
	switch role {
	case "subject", "object", "recipient", "complement", "attribute":
		arg.core = true
	}
	for _, d := range v.kids[k] {
		if v.base[d] == "case" && d < k {
			arg.prep = append(arg.prep, d)
			for _, f := range v.kids[d] {
				if v.base[f] == "fixed" {
					arg.prep = append(arg.prep, f)
				}
			}
		}
	}
	sortInts(arg.prep)
	arg.toks = a.phrase(k, arg.prep)
	arg.head = a.rootOf(arg.toks, k)
	return arg
}

// rootOf returns the token of toks closest to the root, or def when def
// is still inside toks; trimming a dateline ("Alaska : …") can cut the
// parser's head off a phrase, and entity links must follow the words
// that remain.
func (a *analysis) rootOf(toks []int, def int) int {
	if len(toks) == 0 || containsInt(toks, def) {
		return def
	}
	best := toks[0]
	for _, t := range toks[1:] {
		if a.v.dep[t] >= 0 && (a.v.dep[best] < 0 || a.v.dep[t] < a.v.dep[best]) {
			best = t
		}
	}
	return best
}

// clauseArg builds a content-clause argument: the clause's words without
// its complementiser, which CaRB keeps in the relation ("said that").
func (a *analysis) clauseArg(role string, k int) argument {
	v := a.v
	arg := argument{role: role, head: k, mark: -1, clause: true, core: true}
	for _, d := range v.kids[k] {
		if v.base[d] == "mark" && d < k && (v.low[d] == "that" || v.low[d] == "whether" || v.low[d] == "if") {
			arg.mark = d
			break
		}
	}
	var skip []int
	if arg.mark >= 0 {
		skip = []int{arg.mark}
	}
	arg.toks = a.phrase(k, skip)
	return arg
}

// phrase returns the tokens of k's subtree without relative clauses of k,
// the tokens in skip, and punctuation or conjunctions left dangling at
// the edges.
func (a *analysis) phrase(k int, skip []int) []int {
	v := a.v
	free := v.xpos[k] == "WP" || v.xpos[k] == "WDT" // "what many consider …"
	toks := v.subtree(nil, k, func(d int) bool {
		if v.head[d] == k && (v.rel[d] == "acl:relcl" && !free || v.base[d] == "parataxis") {
			return true
		}
		if !a.carbReadings && (v.base[d] == "obl" && (a.absoluteWith(d) || a.commentPhrase(d)) || v.base[d] == "advcl" && a.absoluteClause(d)) {
			return true // "…, with Putin inviting Trump": a clause of its own
		}
		if !a.carbReadings && (v.base[d] == "appos" || a.asyndetic(d)) && d > v.head[d] && a.setOff(d) {
			// Graph arguments leave out appositions set off by commas:
			// they are facts of their own ("Zelensky, Ukraine's
			// president"), or a comment on the whole clause that the
			// parser hung on its last noun ("…, a sentiment echoed by
			// Trump").
			return true
		}
		for _, s := range skip {
			if s == d {
				return true
			}
		}
		return false
	})
	return trimEdges(v, toks)
}

func trimEdges(v *view, toks []int) []int {
	for len(toks) > 0 && (v.isPunct(toks[0]) && !isQuote(v.low[toks[0]]) || v.base[toks[0]] == "cc") {
		toks = toks[1:]
	}
	for len(toks) > 0 && (v.isPunct(toks[len(toks)-1]) && !isQuote(v.low[toks[len(toks)-1]]) || v.base[toks[len(toks)-1]] == "cc") {
		toks = toks[:len(toks)-1]
	}
	// A dateline or label before a colon is not part of the phrase:
	// "Alaska : US President Donald Trump".
	for i := 1; i < len(toks) && i < 5; i++ {
		if v.low[toks[i]] != ":" {
			continue
		}
		label := true
		for _, t := range toks[:i] {
			if v.pos[t] != "PROPN" && !v.isPunct(t) {
				label = false
			}
		}
		if label {
			toks = toks[i+1:]
		}
		break
	}
	// Keep quotes only when balanced inside the phrase.
	if len(toks) > 0 && isQuote(v.low[toks[len(toks)-1]]) && !hasOpenQuote(v, toks[:len(toks)-1]) {
		toks = toks[:len(toks)-1]
	}
	if len(toks) > 0 && isQuote(v.low[toks[0]]) && !hasCloseQuote(v, toks[1:]) {
		toks = toks[1:]
	}
	// Punctuation the dropped quote was hiding: "headway , ”" → "headway".
	for len(toks) > 0 && v.isPunct(toks[len(toks)-1]) && !isQuote(v.low[toks[len(toks)-1]]) {
		toks = toks[:len(toks)-1]
	}
	return toks
}

func isQuote(w string) bool {
	switch w {
	case "``", "''", "\"", "'", "`", "“", "”", "‘", "’":
		return true
	}
	return false
}

func hasOpenQuote(v *view, toks []int) bool {
	for _, t := range toks {
		if isQuote(v.low[t]) {
			return true
		}
	}
	return false
}

func hasCloseQuote(v *view, toks []int) bool { return hasOpenQuote(v, toks) }

// relative wires a relative or participial clause to the noun n it
// modifies: the relative pronoun's slot is filled by n ("Trump, who
// called …" → subject Trump), or n becomes the subject or object when no
// pronoun is there.
func (a *analysis) relative(c *clause, t, n int) {
	v := a.v
	nounArg := func(role string) argument {
		// A relative clause on a copular predicate ("X is a footballer who
		// plays …") is about the copula's subject.
		m := n
		if v.childBase(n, "cop") >= 0 {
			if s := v.childBase(n, "nsubj"); s >= 0 {
				m = s
			}
		}
		arg := argument{role: role, head: m, mark: -1, core: true}
		arg.toks = a.nounCore(m, t)
		return arg
	}
	// The relative word, if any, is a dependent of t (or of one of its
	// prepositional arguments' heads).
	rel := -1
	for _, k := range v.kids[t] {
		if relativeWords[v.low[k]] && (v.xpos[k] == "WDT" || v.xpos[k] == "WP" || v.xpos[k] == "WRB" || v.xpos[k] == "WP$" || v.pos[k] == "PRON" && v.low[k] != "that" || v.low[k] == "that" && v.base[k] != "mark") {
			rel = k
			break
		}
	}
	if rel >= 0 {
		switch v.base[rel] {
		case "nsubj", "csubj":
			c.subj, c.hasSubj, c.subjFrom = nounArg("subject"), true, "relative"
			if strings.HasSuffix(v.rel[rel], ":pass") {
				c.passive = true
			}
			return
		case "obj":
			for i := range c.args {
				if c.args[i].head == rel {
					c.args[i] = nounArg("object")
				}
			}
			return
		case "advmod":
			role := "location"
			if v.low[rel] == "when" {
				role = "time"
			}
			arg := nounArg(role)
			arg.core = false
			c.args = append(c.args, arg)
			return
		}
		// Otherwise the relative word heads a prepositional argument
		// ("during which"): handled below.
	}
	// "which" inside a prepositional argument: "the house in which he lived".
	for i := range c.args {
		h := c.args[i].head
		if h >= 0 && relativeWords[v.low[h]] && (v.xpos[h] == "WDT" || v.xpos[h] == "WP") {
			arg := nounArg(c.args[i].role)
			arg.prep = c.args[i].prep
			arg.core = false
			c.args[i] = arg
			return
		}
	}
	if c.kind == kindAcl {
		// Participles: "a sentiment echoed by Trump" (passive), "leaders
		// seeking peace" (active). Infinitives ("efforts to gain control")
		// and gerunds after a preposition ("a starting point for resolving
		// the conflict") describe the noun's purpose or topic and get no
		// subject.
		if c.hasSubj || v.childBase(t, "mark") >= 0 && v.childBase(t, "mark") < t {
			return
		}
		switch v.xpos[t] {
		case "VBN":
			c.subj, c.hasSubj, c.subjFrom = nounArg("subject"), true, "relative"
			c.passive = true
		case "VBG":
			c.subj, c.hasSubj, c.subjFrom = nounArg("subject"), true, "relative"
		}
		return
	}
	if !c.hasSubj {
		c.subj, c.hasSubj, c.subjFrom = nounArg("subject"), true, "relative"
		if v.xpos[t] == "VBN" && len(c.aux) == 0 {
			c.passive = true
		}
	} else if !a.hasObject(c) {
		c.args = append(c.args, nounArg("object"))
	}
}

// shareAcrossConjuncts gives a coordinated verb the object its first
// conjunct has after both verbs ("buy and sell stocks").
func (a *analysis) shareAcrossConjuncts() {
	v := a.v
	for _, c := range a.clauses {
		if c.kind != kindConj || c.gov < 0 || c.cop >= 0 {
			continue
		}
		g := a.clauses[c.gov]
		if g.cop >= 0 {
			continue
		}
		og, oc := a.objectOf(g), a.objectOf(c)
		switch {
		case oc == nil && og != nil && og.role == "object" && og.head > c.head:
			c.args = append(c.args, *og)
		case og == nil && oc != nil && oc.role == "object" && oc.head > c.head && g.head < c.head:
			// "buy and sell stocks" with the object parsed on the second
			// verb: shared only when nothing but the conjunction separates
			// the verbs.
			adjacent := true
			for i := g.head + 1; i < c.head; i++ {
				if v.base[i] != "cc" && !v.isPunct(i) && !v.dominates(c.head, i) {
					adjacent = false
					break
				}
			}
			if adjacent {
				g.args = append(g.args, *oc)
			}
		}
	}
}

// nominalClauses adds the relations that nouns state without a verb:
// appositions ("Zelensky, Ukraine's president" → be), and, for CaRB-style
// output only, possessives ("Trump's plan" → has) and locative modifiers
// of names ("Henry Wood Hall in Glasgow" → is in).
func (a *analysis) nominalClauses() {
	v := a.v
	core := func(n int) argument {
		arg := argument{role: "subject", head: n, mark: -1, core: true}
		arg.toks = a.nounCore(n, -1)
		return arg
	}
	for t := 0; t < v.n; t++ {
		h := v.head[t]
		if h < 0 || v.dep[t] < 0 {
			continue
		}
		switch {
		case v.base[t] == "appos" && v.isNominal(h) && v.isNominal(t) && v.pos[t] != "PRON" && v.pos[h] != "PRON" && a.setOff(t) && t > h && a.wordy(h) && a.wordy(t):
			c := &clause{head: t, verb: -1, cop: -1, kind: kindNominal, gov: -1, negTok: -1, speechOf: -1,
				nomPred: "be", nomRel: "be", depth: v.dep[t]}
			c.subj, c.hasSubj, c.subjFrom = core(h), true, "own"
			attr := core(t)
			attr.role = "attribute"
			c.args = []argument{attr}
			// "Anchorage, Alaska" places a name inside another and
			// "(@WhiteHouse)" gives an account: neither says what the
			// first name is, so they are no graph facts.
			c.carbOnly = a.bareNameAfterName(h, attr.toks) || a.handle(attr.toks)
			a.clauses = append(a.clauses, c)
		case !a.carbReadings:
			// Appositions above are graph facts; the readings below are
			// CaRB-only.
			continue
		case v.base[t] == "compound" && v.pos[h] == "PROPN" && t < h && a.titleOf(h) == t:
			// "US President Donald Trump" → be(Donald Trump, US President).
			c := &clause{head: t, verb: -1, cop: -1, kind: kindNominal, gov: -1, negTok: -1, speechOf: -1,
				nomPred: "be", nomRel: "be", depth: v.dep[t], carbOnly: true}
			name := argument{role: "subject", head: h, mark: -1, core: true}
			title := argument{role: "attribute", head: t, mark: -1, core: true}
			for _, d := range v.subtree(nil, h, nil) {
				switch {
				case d == h || v.head[d] == h && v.base[d] == "flat" || v.head[d] == h && v.base[d] == "compound" && v.pos[d] == "PROPN" && d > t:
					name.toks = append(name.toks, d)
				case d <= t && d >= a.titleStart(h, t) && !v.isPunct(d):
					title.toks = append(title.toks, d)
				}
			}
			sortInts(name.toks)
			sortInts(title.toks)
			if len(name.toks) == 0 || len(title.toks) == 0 {
				continue
			}
			c.subj, c.hasSubj, c.subjFrom = name, true, "own"
			c.args = []argument{title}
			a.clauses = append(a.clauses, c)
		case v.rel[t] == "nmod:poss" && v.pos[t] == "PROPN" && v.isNominal(h) && v.pos[h] != "PROPN":
			c := &clause{head: t, verb: -1, cop: -1, kind: kindNominal, gov: -1, negTok: -1, speechOf: -1,
				nomPred: "have", nomRel: "has", depth: v.dep[t], carbOnly: true}
			c.subj, c.hasSubj, c.subjFrom = core(t), true, "own"
			// The possessed thing without the possessor and its 's.
			obj := argument{role: "object", head: h, mark: -1, core: true}
			obj.toks = v.subtree(nil, h, func(d int) bool {
				return v.head[d] == h && (d == t || v.base[d] == "det" || v.base[d] == "acl" || v.base[d] == "conj" || v.base[d] == "cc" || v.base[d] == "punct" || v.base[d] == "appos" || v.base[d] == "nmod" || v.base[d] == "case")
			})
			obj.toks = trimEdges(v, obj.toks)
			c.args = []argument{obj}
			a.clauses = append(a.clauses, c)
		case v.base[t] == "nmod" && v.rel[t] != "nmod:poss" && (v.pos[h] == "PROPN" || v.pos[h] == "NOUN") && (v.pos[t] == "PROPN" || v.pos[t] == "NOUN"):
			// Noun-mediated relations, as OpenIE's RelNoun reads them:
			// "Henry Wood Hall in Glasgow" → be in. Only names in
			// "in/at/near" are confident; the rest are kept last.
			arg := a.nounArg("", t)
			p := a.prepText(arg.prep)
			if !nounPreps[p] {
				continue
			}
			arg.role = "location"
			arg.core = true
			c := &clause{head: t, verb: -1, cop: -1, kind: kindNominal, gov: -1, negTok: -1, speechOf: -1,
				nomPred: "be_" + p, nomRel: "be " + p, depth: v.dep[t], carbOnly: true}
			subj := argument{role: "subject", head: h, mark: -1, core: true, toks: a.nounCore(h, t)}
			c.subj, c.hasSubj, c.subjFrom = subj, true, "own"
			c.args = []argument{arg}
			a.clauses = append(a.clauses, c)
		}
	}
}

// nounCore is the phrase of noun n without what makes it more than a
// noun phrase: clause-level dependents when n is a copular predicate,
// relative and participial clauses, appositions, conjuncts, its own
// preposition, and the token skip (the clause being attached).
func (a *analysis) nounCore(n, skip int) []int {
	v := a.v
	toks := v.subtree(nil, n, func(d int) bool {
		if v.head[d] != n {
			return false
		}
		if d == skip {
			return true
		}
		switch v.base[d] {
		case "acl", "appos", "conj", "cc", "case", "parataxis", "nsubj", "csubj", "cop", "aux",
			"mark", "advcl", "obl", "ccomp", "xcomp", "dislocated", "discourse", "expl":
			return true
		case "nmod":
			return v.rel[d] != "nmod:poss" && v.childBase(n, "cop") >= 0
		}
		return false
	})
	return trimEdges(v, toks)
}

// setOff reports whether the phrase of t is set off by punctuation from
// what precedes it ("Zelensky , Ukraine 's president"), which separates
// true appositions from names the parser split ("the evil Jillian Hall").
func (a *analysis) setOff(t int) bool {
	v := a.v
	// The first word of t's phrase, found without v.subtree so that
	// setOff can run inside a subtree walk's skip function.
	first := t
	for i := 0; i < t; i++ {
		if !v.isPunct(i) && v.dominates(t, i) {
			first = i
			break
		}
	}
	if first == 0 {
		return false
	}
	switch v.low[first-1] {
	case ",", "(", "--", "-", ";", "—", "–":
		return true
	}
	return false
}

// titleOf returns the last common-noun compound before the name headed by
// h ("President" in "US President Donald Trump"), or -1. Only names whose
// title is directly followed by the name's own words qualify.
func (a *analysis) titleOf(h int) int {
	v := a.v
	last := -1
	for _, d := range v.kids[h] {
		if d < h && v.base[d] == "compound" && (v.pos[d] == "NOUN" || v.pos[d] == "PROPN" && coref.IsCoreTitle(v.low[d])) {
			last = d
		}
	}
	if last < 0 {
		return -1
	}
	for i := last + 1; i < h; i++ {
		if v.head[i] != h || v.pos[i] != "PROPN" {
			return -1
		}
	}
	return last
}

// titleStart returns the first token of the title phrase ending at t: its
// modifiers ("US", "Russian", "Childers 's") that precede it within the
// name's phrase, without a leading determiner.
func (a *analysis) titleStart(h, t int) int {
	v := a.v
	start := t
	for _, d := range v.kids[h] {
		if d < start && v.base[d] != "det" && v.base[d] != "case" && !v.isPunct(d) {
			start = d
		}
	}
	for _, d := range v.subtree(nil, start, nil) {
		if d < start {
			start = d
		}
	}
	return start
}

func hasContent(c *clause) bool {
	for _, arg := range c.args {
		if arg.clause {
			return true
		}
	}
	return false
}

// borrowSubject gives c the subject of clause g.
func (c *clause) borrowSubject(g *clause, from string) {
	c.subj, c.coSubj, c.hasSubj, c.subjFrom = g.subj, g.coSubj, true, from
}

// recoverSubject repairs a finite main verb the parser left without a
// subject because it hung the noun phrase before it elsewhere ("…, Trump
// and Putin sought …" with both names attached to an earlier noun). The
// words between the last comma (or the sentence start) and the verb are
// taken as the subject when they form a plain noun phrase or a
// coordination of them.
func (a *analysis) recoverSubject(c *clause, t int) {
	v := a.v
	switch v.xpos[t] {
	case "VBD", "VBZ", "VBP", "MD":
	default:
		if len(c.aux) == 0 {
			return
		}
	}
	end := t - 1
	for _, x := range c.aux {
		if x < end+1 && x >= 0 {
			end = min(end, x-1)
		}
	}
	for end >= 0 && (v.pos[end] == "ADV" || v.pos[end] == "AUX" || v.pos[end] == "PART" && v.low[end] != "'s") {
		end--
	}
	start := end
	nouns := 0
	for start >= 0 && start > end-10 {
		switch v.pos[start] {
		case "NOUN", "PROPN", "PRON":
			nouns++
		case "DET", "ADJ", "NUM", "CCONJ", "PART":
		default:
			goto done
		}
		start--
	}
done:
	if start >= 0 && !(v.low[start] == "," || v.low[start] == ":") || nouns == 0 || end < 0 {
		return
	}
	start++
	if v.base[start] == "cc" || v.low[start] == "," {
		return
	}
	var toks []int
	for i := start; i <= end; i++ {
		toks = append(toks, i)
	}
	arg := argument{role: "subject", head: a.rootOf(toks, -1), mark: -1, core: true, toks: toks}
	c.subj, c.hasSubj, c.subjFrom = arg, true, "recovered"
	// The words now belong to the subject, not to the phrase the parser
	// hung them on.
	for i := range c.args {
		var keep []int
		for _, x := range c.args[i].toks {
			if x < start || x > end {
				keep = append(keep, x)
			}
		}
		c.args[i].toks = trimEdges(v, keep)
	}
	// Split at "and" and "or" into the coordinated parts.
	var part []int
	flush := func() {
		if len(part) > 0 {
			p := argument{role: "subject", head: a.rootOf(part, -1), mark: -1, core: true, split: true, toks: part}
			c.coSubj = append(c.coSubj, p)
		}
		part = nil
	}
	for _, x := range toks {
		if v.pos[x] == "CCONJ" || v.low[x] == "," {
			flush()
			continue
		}
		part = append(part, x)
	}
	flush()
	if len(c.coSubj) < 2 {
		c.coSubj = nil
	}
}

// wordy reports whether the noun phrase headed by n is made of words
// rather than figures: "V 4.65" in a price table is no apposition.
func (a *analysis) wordy(n int) bool {
	v := a.v
	words, figures := 0, 0
	for _, t := range a.nounCore(n, -1) {
		w := v.low[t]
		hasDigit, hasLetter := false, false
		for i := 0; i < len(w); i++ {
			switch c := w[i]; {
			case c >= '0' && c <= '9':
				hasDigit = true
			case c >= 'a' && c <= 'z' || c >= 0x80:
				hasLetter = true
			}
		}
		if hasDigit {
			figures++
		} else if hasLetter {
			words++
		}
	}
	return words > figures
}

// bareNameAfterName reports whether an apposition to the name headed by h
// is itself nothing but a name ("Anchorage , Alaska", "Paris , Texas"):
// such a pair locates the first name rather than equating two
// descriptions, which the typed located_in relation states.
func (a *analysis) bareNameAfterName(h int, toks []int) bool {
	v := a.v
	if v.pos[h] != "PROPN" || len(toks) == 0 {
		return false
	}
	for _, t := range toks {
		if v.pos[t] != "PROPN" && !v.isPunct(t) {
			return false
		}
	}
	return true
}

// handle reports whether a phrase is a social-media handle, hashtag or
// web address: an account name, not a description of its owner.
func (a *analysis) handle(toks []int) bool {
	if len(toks) != 1 {
		return false
	}
	w := a.v.low[toks[0]]
	return strings.HasPrefix(w, "@") || strings.HasPrefix(w, "#") || strings.Contains(w, "://") ||
		strings.HasPrefix(w, "www.") || strings.Contains(w, ".com/")
}

// asyndetic reports whether d is the last conjunct of its head with no
// conjunction at all ("X, a sentiment echoed by Y"): a phrase set off
// that way comments on what precedes it; it does not add a member to a
// list, which always ends with "and" or "or".
func (a *analysis) asyndetic(d int) bool {
	v := a.v
	h := v.head[d]
	if v.base[d] != "conj" || h < 0 {
		return false
	}
	for _, k := range v.kids[d] {
		if v.base[k] == "cc" {
			return false
		}
	}
	for _, k := range v.kids[h] {
		if k > d && v.base[k] == "conj" {
			return false
		}
	}
	return true
}

// commentPhrase reports whether d, parsed as a bare oblique of a verb,
// is a noun phrase set off by a comma after the clause that comments on
// it ("the talks were held in a calm atmosphere, a view shared by Kim"):
// without a preposition a noun can be an oblique only as a time or a
// measure, and the participle or relative clause on it says whose
// comment it is. Such a phrase is neither an argument of the verb nor
// part of the verb's reported content.
func (a *analysis) commentPhrase(d int) bool {
	v := a.v
	h := v.head[d]
	if v.rel[d] != "obl" || h < 0 || d < h || v.pos[d] != "NOUN" || a.isTemporal(d) || !a.setOff(d) {
		return false
	}
	modified := false
	for _, k := range v.kids[d] {
		if v.base[k] == "case" && k < d {
			return false
		}
		if v.base[k] == "acl" && k > d {
			modified = true
		}
	}
	return modified
}

// absoluteWith reports whether noun n opens an absolute construction:
// "with" + noun + participle ("with Putin inviting Trump to Moscow",
// "with prices rising"), which states a circumstance as a clause.
func (a *analysis) absoluteWith(n int) bool {
	v := a.v
	with := false
	for _, k := range v.kids[n] {
		if v.base[k] == "case" && k < n && v.low[k] == "with" {
			with = true
		}
	}
	if !with {
		return false
	}
	for _, k := range v.kids[n] {
		if k > n && v.base[k] == "acl" && (v.xpos[k] == "VBG" || v.xpos[k] == "VBN") {
			return true
		}
	}
	return false
}

// absoluteClause reports whether participle t heads an absolute
// construction in UD's reading: "with" as its marker and a subject of its
// own ("with Putin inviting Trump to Moscow", "with prices rising"); the
// writer's circumstance, like absoluteWith's.
func (a *analysis) absoluteClause(t int) bool {
	v := a.v
	if !(v.xpos[t] == "VBG" || v.xpos[t] == "VBN") {
		return false
	}
	with, subj := false, false
	for _, k := range v.kids[t] {
		switch {
		case k < t && v.base[k] == "mark" && (v.low[k] == "with" || v.low[k] == "without"):
			with = true
		case k < t && v.base[k] == "nsubj":
			subj = true
		}
	}
	return with && subj
}

// quotedTerm reports whether the verb t sits inside a short quotation
// that opens right before it and closes within three words after it
// ("“starting point”"): the quotation is a term, not a clause.
func (a *analysis) quotedTerm(t int) bool {
	v := a.v
	if t == 0 || !isQuote(v.low[t-1]) || v.childBase(t, "nsubj") >= 0 {
		return false
	}
	for q := t + 1; q <= t+3 && q < v.n; q++ {
		if isQuote(v.low[q]) {
			return q > t+1
		}
		if !v.dominates(t, q) || v.isVerb(q) {
			return false
		}
	}
	return false
}

// forGerundAfterObject reports whether the adverbial clause t is "for"
// + gerund under a governor with an object, whose doer the governor's
// subject is not: "thanked Lee for coming" (Lee came), "used the money
// for buying arms" (a purpose, not an act), "described the meeting as a
// starting point for resolving the conflict" (the point's purpose).
// Without an object the subject is the doer ("apologised for being
// late", "was jailed for stealing").
func (a *analysis) forGerundAfterObject(t int, g *clause) bool {
	v := a.v
	if v.xpos[t] != "VBG" || a.objectOf(g) == nil {
		return false
	}
	for _, k := range v.kids[t] {
		if (v.base[k] == "mark" || v.base[k] == "case") && k < t && v.low[k] == "for" {
			return true
		}
	}
	return false
}

// conditional reports whether the adverbial clause t states a condition
// or an unreached limit: introduced by if, unless, until, once, lest.
func (a *analysis) conditional(t int) bool {
	v := a.v
	for _, k := range v.kids[t] {
		if v.base[k] == "mark" && k < t {
			switch v.low[k] {
			case "if", "unless", "until", "till", "lest", "whether":
				return true
			}
		}
	}
	return false
}

// raiseParticiple attaches a subjectless participle found under a
// passive clause ("progress had been made, while stressing that …") to
// the clause that reports it: a passive subject does not stress or say
// anything, the speaker does. The participle leaves the passive clause's
// arguments and the reported content.
func (a *analysis) raiseParticiple(c *clause, t, gov int) {
	g := a.clauses[gov]
	sp := g.speechOf
	if g.kind != kindContent || sp < 0 || !a.clauses[sp].hasSubj {
		return
	}
	v := a.v
	c.borrowSubject(a.clauses[sp], "shared")
	c.gov = sp
	drop := func(args []argument) []argument {
		out := args[:0]
		for _, arg := range args {
			if arg.head == t {
				continue
			}
			if arg.clause {
				var keep []int
				for _, x := range arg.toks {
					if !v.dominates(t, x) {
						keep = append(keep, x)
					}
				}
				arg.toks = trimEdges(v, keep)
			}
			out = append(out, arg)
		}
		return out
	}
	g.args = drop(g.args)
	s := a.clauses[sp]
	s.args = drop(s.args)
}

// ccBetween reports whether a conjunction attached to verb t lies between
// tokens x and y.
func (a *analysis) ccBetween(t, x, y int) bool {
	v := a.v
	if x < 0 || y < 0 {
		return false
	}
	if x > y {
		x, y = y, x
	}
	for _, k := range v.kids[t] {
		if v.base[k] == "cc" && k > x && k < y {
			return true
		}
	}
	return false
}

// mandative reports whether the complement clause k of a directive verb
// states what should happen ("urged that Kyiv view …") rather than a
// question ("asked whether Kyiv would …", "asked who …"): no "whether",
// "if" or wh-word opens it.
func (a *analysis) mandative(k int) bool {
	v := a.v
	for _, d := range v.kids[k] {
		if d > k {
			continue
		}
		if v.base[d] == "mark" && (v.low[d] == "whether" || v.low[d] == "if") {
			return false
		}
		if strings.HasPrefix(v.xpos[d], "W") {
			return false
		}
	}
	return true
}
