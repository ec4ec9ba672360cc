package relations

import (
	"strings"

	"github.com/kg-project/kg/extract/document"
)

// linker maps argument heads to the entities of the document's mentions.
type linker struct {
	doc      *document.Document
	mentions []int // indices into doc.Mentions for this sentence
}

// mentionAt returns the shortest mention covering token t, or nil.
func (l *linker) mentionAt(t int) *document.Mention {
	if l == nil {
		return nil
	}
	var best *document.Mention
	for _, mi := range l.mentions {
		m := &l.doc.Mentions[mi]
		if t >= m.Start && t < m.End && (best == nil || m.End-m.Start < best.End-best.Start) {
			best = m
		}
	}
	return best
}

// sentenceFacts renders the clauses of one sentence as facts. lk is nil
// when no entity information is available.
func sentenceFacts(s *document.Sentence, text string, si int, lk *linker) []document.Fact {
	v := newView(s)
	a := analyse(v, false)
	var out []document.Fact
	// speakers[ci] lists the entities that speak in clause ci: one, or
	// the members of a plural mention ("both leaders indicated …").
	speakers := make([][]int, len(a.clauses))
	for ci, c := range a.clauses {
		if (c.speech || a.telling(c)) && c.hasSubj && lk != nil {
			if m := lk.mentionAt(c.subj.head); m != nil {
				if m.Entity >= 0 {
					speakers[ci] = []int{m.Entity}
				} else {
					speakers[ci] = m.Group
				}
			}
		}
	}
	dash, src := a.dashSource(lk)
	first := len(out)
	for ci, c := range a.clauses {
		if !c.hasSubj || c.carbOnly || !a.plainSubject(c.subj) {
			continue
		}
		attributed, attrEnts := a.attribution(ci, speakers)
		if !attributed && src >= 0 && c.head < dash {
			// “…” – President Donald J. Trump: the quotation is his.
			attributed, attrEnts = true, []int{src}
		}
		// "…, according to officials": the source is the speaker.
		for _, arg := range c.args {
			if a.prepText(arg.prep) == "according to" {
				attributed = true
				attrEnts = nil
				if m := lk.mentionAt(arg.head); m != nil && m.Entity >= 0 {
					attrEnts = []int{m.Entity}
				}
			}
		}
		if attributed && len(attrEnts) == 0 && lk != nil {
			// Reported content whose speaker is no entity ("officials
			// said …"): the graph would have to state it as asserted,
			// so only the speech fact itself is kept.
			continue
		}
		for _, cv := range a.variants(c) {
			for _, f := range a.linkedFacts(cv, text, si, lk) {
				if f.Predicate == "" || negWords[f.Predicate] || modalWords[f.Predicate] != "" {
					// A negation or modal is never an event: such a name
					// comes from a mis-lemmatised or mis-tagged word.
					continue
				}
				unlinkSelf(&f)
				if !attributed {
					if !duplicate(out[first:], &f) {
						out = append(out, f)
					}
					continue
				}
				if len(attrEnts) == 0 {
					// Without entity links the speaker is unknown.
					f.Confidence *= 0.6
					if !duplicate(out[first:], &f) {
						out = append(out, f)
					}
					continue
				}
				for _, sp := range speakersOf(&f, attrEnts) {
					g := f
					g.AttributedTo = sp
					if !duplicate(out[first:], &g) {
						out = append(out, g)
					}
				}
			}
		}
	}
	return out
}

// dashSource finds a quotation credited after a dash (“…” – Name, the
// way social-media posts and pull quotes cite their author) and returns
// the dash's position and the credited entity, or -1, -1.
func (a *analysis) dashSource(lk *linker) (int, int) {
	v := a.v
	if lk == nil {
		return -1, -1
	}
	for d := 1; d < v.n-1; d++ {
		switch v.low[d] {
		case "–", "—", "--", "-":
		default:
			continue
		}
		if !isQuote(v.low[d-1]) && !(d > 1 && isQuote(v.low[d-2]) && v.isPunct(d-1)) {
			continue
		}
		for t := d + 1; t < v.n && t <= d+4; t++ {
			if m := lk.mentionAt(t); m != nil && m.Entity >= 0 && m.Entity < len(lk.doc.Entities) && lk.doc.Entities[m.Entity].Type == document.Person {
				return d, m.Entity
			}
		}
	}
	return -1, -1
}

// speakersOf picks who a reported fact is attributed to when several
// entities speak: the fact's own subject when it is one of them ("both
// leaders indicated they were open" → each leader says it of himself),
// else every speaker.
func speakersOf(f *document.Fact, ents []int) []int {
	if s := f.Subject(); s != nil && containsInt(ents, s.Entity) && len(ents) > 1 {
		return []int{s.Entity}
	}
	return ents
}

// unlinkSelf keeps a fact from linking its subject's entity again as
// another argument ("the meeting marked the first summit …" with both
// phrases resolved to one event): a second mention of the subject inside
// its own clause is a description of it, kept as text. Reflexives ("hurt
// himself") keep their link.
func unlinkSelf(f *document.Fact) {
	s := f.Subject()
	if s == nil || s.Entity < 0 {
		return
	}
	for i := 1; i < len(f.Args); i++ {
		a := &f.Args[i]
		low := strings.ToLower(a.Text)
		if a.Entity == s.Entity && !strings.HasSuffix(low, "self") && !strings.HasSuffix(low, "selves") {
			a.Entity = -1
		}
	}
}

// variants splits a clause over coordinated subjects and objects ("Trump
// and Putin sought …" → one clause per leader).
func (a *analysis) variants(c *clause) []*clause {
	if len(c.coSubj) < 2 && !a.coordinated(c) {
		return []*clause{c}
	}
	out := []*clause{c}
	split := func(get func(*clause) *argument) {
		var next []*clause
		for _, x := range out {
			arg := get(x)
			if arg == nil {
				next = append(next, x)
				continue
			}
			parts := a.conjuncts(*arg)
			if len(parts) < 2 {
				next = append(next, x)
				continue
			}
			for _, p := range parts {
				y := *x
				y.args = append([]argument(nil), x.args...)
				if arg == &x.subj {
					y.subj = p
				} else {
					for i := range y.args {
						if y.args[i].head == arg.head && y.args[i].role == arg.role {
							y.args[i] = p
						}
					}
				}
				next = append(next, &y)
			}
		}
		out = next
	}
	if len(c.coSubj) > 1 {
		// A recovered coordination: one clause per part.
		var next []*clause
		for _, p := range c.coSubj {
			y := *c
			y.subj = p
			next = append(next, &y)
		}
		out = next
	} else {
		split(func(x *clause) *argument { return &x.subj })
	}
	split(func(x *clause) *argument {
		for i := range x.args {
			if x.args[i].role == "object" || x.args[i].role == "attribute" && x.kind == kindNominal {
				return &x.args[i]
			}
		}
		return nil
	})
	return out
}

// conjuncts splits a nominal argument at its coordination: the head
// without its conjuncts, then each conjunct on its own. Conjuncts that
// head clauses are left alone.
func (a *analysis) conjuncts(arg argument) []argument {
	v := a.v
	h := arg.head
	if h < 0 || arg.clause {
		return nil
	}
	var conj []int
	for _, k := range v.kids[h] {
		if v.base[k] == "conj" && a.owner[k] < 0 && (v.isNominal(k) || v.pos[k] == "ADJ") && containsInt(arg.toks, k) {
			conj = append(conj, k)
		}
	}
	if len(conj) == 0 {
		return nil
	}
	first := arg
	first.toks = nil
	for _, t := range arg.toks {
		in := false
		for _, k := range conj {
			if v.dominates(k, t) {
				in = true
				break
			}
		}
		if !in && !(v.head[t] == h && (v.base[t] == "cc" || v.isPunct(t) && t > h)) {
			first.toks = append(first.toks, t)
		}
	}
	first.toks = trimEdges(v, first.toks)
	first.split = true
	out := []argument{first}
	for _, k := range conj {
		p := arg
		p.head = k
		p.toks = trimEdges(v, a.phrase(k, nil))
		var keep []int
		for _, t := range p.toks {
			if !(v.head[t] == k && v.base[t] == "cc") {
				keep = append(keep, t)
			}
		}
		p.toks = trimEdges(v, keep)
		p.split = true
		out = append(out, p)
	}
	return out
}

// attribution reports whether clause ci is reported content and the
// speaker entities (empty if unknown).
func (a *analysis) attribution(ci int, speakers [][]int) (bool, []int) {
	for k := 0; ci >= 0 && k < len(a.clauses); k++ {
		c := a.clauses[ci]
		if c.absolute {
			// "…, with Putin inviting Trump to Moscow": the writer's own
			// narration, even inside reported content.
			return false, nil
		}
		if c.speechOf >= 0 {
			sp := c.speechOf
			if a.clauses[sp].speech || a.clauses[sp].kind != kindParataxis {
				return true, speakers[sp]
			}
		}
		// Clauses inside reported content inherit the attribution.
		if c.kind == kindMain {
			return false, nil
		}
		if c.gov < 0 {
			// A relative or participial clause on a noun belongs to the
			// report whose content contains it ("said the man who robbed
			// the bank had fled"); one outside every content (a comment
			// set off after it, the narrator's aside) is nobody's report.
			// Appositions ("Daniel Williams, an analyst") are the
			// narrator's introductions.
			if c.kind == kindRelative || c.kind == kindAcl {
				if sp := a.reportContaining(c.head); sp >= 0 {
					return true, speakers[sp]
				}
			}
			return false, nil
		}
		ci = c.gov
	}
	return false, nil
}

// telling reports whether c's verb is one of telling ("warn", "urge").
func (a *analysis) telling(c *clause) bool {
	return c.kind != kindNominal && c.verb >= 0 && reportVerbs[a.v.lem[c.verb]]
}

// tellingRoles are the roles in which a verb of telling states what is
// told: "cautioned against intrigues that could …", "warned of risks
// that …", "complained about delays that …". Its object may be an
// inverted subject ("said the statement quoted by IRNA") and its other
// obliques the narrator's ("in reference to difficulties faced by
// Qatar, he said").
var tellingRoles = set("against", "of", "topic")

// reportContaining returns the speech clause whose content argument
// contains token t (the innermost if several do), or -1. The arguments
// of a verb of telling in tellingRoles count as content too: in
// "cautioned against intrigues that could undermine progress" the danger
// is the speaker's claim.
func (a *analysis) reportContaining(t int) int {
	best, size := -1, 0
	for i, c := range a.clauses {
		telling := a.telling(c)
		if !c.speech && !telling {
			continue
		}
		for _, arg := range c.args {
			// The clause, or the noun it modifies, lies in the argument.
			in := containsInt(arg.toks, t) || a.v.head[t] >= 0 && containsInt(arg.toks, a.v.head[t])
			if (arg.clause || telling && tellingRoles[arg.role]) && in && (best < 0 || len(arg.toks) < size) {
				best, size = i, len(arg.toks)
			}
		}
	}
	return best
}

// linkedFacts builds the facts of clause c: one, or one per member when
// the subject is a plural mention with a group. Without a linker every
// entity is -1. With one, a fact whose subject is an unresolved pronoun
// is dropped.
func (a *analysis) linkedFacts(c *clause, text string, si int, lk *linker) []document.Fact {
	v := a.v
	f := document.Fact{Sentence: si, Negated: c.negated, Modality: c.modal, AttributedTo: -1}
	subjArg := c.subj
	var args []document.Argument
	agent := -1
	for i, arg := range c.args {
		if arg.role == "agent" && c.passive && c.kind != kindNominal {
			agent = i
			continue
		}
		if len(arg.toks) == 0 {
			continue
		}
		args = append(args, a.argOut(arg, arg.role, text, lk))
	}
	switch {
	case c.kind == kindNominal:
		f.Predicate = c.nomPred
	case c.cop >= 0 && len(c.chainLex) > 0:
		// "was able to take" → be_able_to_take.
		f.Predicate = "be_" + a.verbPredicate(&clause{verb: c.head, chain: c.chain, chainLex: c.chainLex})
	case c.cop >= 0:
		f.Predicate = "be"
		if p, obj, ok := a.nounRelation(c); ok && len(args) > 0 && args[0].Role == "attribute" {
			f.Predicate = p
			args[0] = a.argOut(obj, "object", text, lk)
		} else if len(args) > 0 && args[0].Role == "attribute" && len(c.args[0].prep) > 0 {
			// "is in the hands of farmers": the preposition names the
			// attribute's role, as for any prepositional argument.
			args[0].Role = a.oblRole(c, c.args[0], c.args[0].head)
		}
	case c.existential:
		// "there is no deal" → exist(deal), negated.
		f.Predicate = "exist"
	default:
		f.Predicate = a.verbPredicate(c)
		if c.passive {
			if agent >= 0 {
				// Active voice: the agent is the subject and the passive
				// subject the object.
				obj := a.argOut(subjArg, "object", text, lk)
				subjArg = c.args[agent]
				args = append([]document.Argument{obj}, args...)
			} else {
				// The participle replaces the lemma; particles and a
				// merged chain follow: "be_expected_to_rise".
				f.Predicate = "be_" + strings.ToLower(v.toks[c.verb].Text) + strings.TrimPrefix(f.Predicate, cleanLemma(v.lem[c.verb]))
			}
		}
	}
	if lk != nil && !a.lands(subjArg, lk) {
		return nil
	}
	subj := a.argOut(subjArg, "subject", text, lk)
	f.Args = append([]document.Argument{subj}, args...)
	lo, hi := c.verb, c.verb
	if lo < 0 {
		lo, hi = c.head, c.head
	}
	for _, arg := range append([]argument{c.subj}, c.args...) {
		for _, t := range arg.toks {
			lo, hi = min(lo, t), max(hi, t)
		}
	}
	f.Span = document.Span{Start: v.toks[lo].Start, End: v.toks[hi].End}
	f.Confidence = a.confidence(c)
	if lk == nil {
		return []document.Fact{f}
	}
	// A plural mention ("both leaders") stands for its group's members.
	m := lk.mentionAt(subjArg.head)
	if subjArg.split || m == nil || len(m.Group) == 0 || m.Entity >= 0 && len(m.Group) < 2 {
		return []document.Fact{f}
	}
	var out []document.Fact
	for _, e := range m.Group {
		if e < 0 || e >= len(lk.doc.Entities) {
			continue
		}
		g := f
		g.Args = append([]document.Argument(nil), f.Args...)
		g.Args[0].Entity = e
		g.Args[0].Text = lk.doc.Entities[e].Name
		g.Confidence *= 0.95
		out = append(out, g)
	}
	return out
}

// plainSubject reports whether a subject phrase can be a noun phrase at
// all: a nominative pronoun ("he", "they") is never modified, so a
// subject that contains one away from its head or a coordination
// swallowed a whole clause ("He also referenced … , suggesting the
// meeting" as the subject of "represented"). Pronouns inside a relative
// clause kept in the subject ("points that we agreed on") are the
// clause's own.
func (a *analysis) plainSubject(arg argument) bool {
	v := a.v
	for _, t := range arg.toks {
		if t == arg.head || v.pos[t] != "PRON" || v.base[t] == "conj" || a.inRelative(t, arg.head) {
			continue
		}
		switch v.low[t] {
		case "he", "she", "they", "we", "i":
			return false
		}
	}
	return true
}

// inRelative reports whether token t lies in a relative clause below h
// ("points that we agreed on"): its pronouns are the clause's own.
func (a *analysis) inRelative(t, h int) bool {
	v := a.v
	for k := 0; t >= 0 && t != h && k < v.n; k++ {
		if v.rel[t] == "acl:relcl" {
			return true
		}
		t = v.head[t]
	}
	return false
}

// lands reports whether a subject can carry a fact in the graph: anything
// but a pronoun that coreference did not resolve.
func (a *analysis) lands(arg argument, lk *linker) bool {
	h := arg.head
	if h < 0 || a.v.pos[h] != "PRON" && !personPronouns[a.v.low[h]] {
		return true
	}
	if m := lk.mentionAt(h); m != nil && (m.Entity >= 0 || len(m.Group) > 0) {
		return true
	}
	return false
}

// verbPredicate names a verbal clause: lemma, particles, merged chain.
func (a *analysis) verbPredicate(c *clause) string {
	v := a.v
	var b strings.Builder
	b.WriteString(cleanLemma(v.lem[c.verb]))
	for _, p := range c.prt {
		b.WriteByte('_')
		b.WriteString(cleanLemma(v.lem[p]))
	}
	for _, t := range c.chain {
		// Only the chain's verbs, their "to" and particles name the
		// predicate; adverbs that travel in the chain do not.
		if t == c.verb || !(containsInt(c.chainLex, t) || v.base[t] == "mark" && v.low[t] == "to" || v.rel[t] == "compound:prt") {
			continue
		}
		b.WriteByte('_')
		b.WriteString(cleanLemma(v.lem[t]))
	}
	return b.String()
}

func cleanLemma(s string) string {
	if strings.ContainsAny(s, " \t") {
		return strings.Join(strings.Fields(s), "_")
	}
	return s
}

// nounRelation turns "X is president of Y" into be_president_of(X, Y):
// a bare noun attribute with one prepositional complement.
func (a *analysis) nounRelation(c *clause) (string, argument, bool) {
	v := a.v
	h := c.head
	if v.pos[h] != "NOUN" || len(c.args) == 0 || c.args[0].role != "attribute" || len(c.args[0].prep) > 0 {
		return "", argument{}, false
	}
	nm := -1
	for _, k := range v.kids[h] {
		if v.base[k] == "nmod" && v.rel[k] != "nmod:poss" && k > h {
			if nm >= 0 {
				return "", argument{}, false
			}
			nm = k
		}
	}
	if nm < 0 {
		return "", argument{}, false
	}
	arg := a.nounArg("object", nm)
	if len(arg.prep) == 0 {
		return "", argument{}, false
	}
	p := "be_" + cleanLemma(v.lem[h]) + "_" + strings.ReplaceAll(a.prepText(arg.prep), " ", "_")
	return p, arg, true
}

// argOut converts an internal argument to a document.Argument. The text
// is the phrase's tokens with their original spacing, so a relative
// clause cut out of the middle does not show up.
func (a *analysis) argOut(arg argument, role, text string, lk *linker) document.Argument {
	v := a.v
	out := document.Argument{Role: role, Entity: -1}
	if m := lk.mentionAt(arg.head); m != nil && arg.head >= 0 {
		out.Entity = m.Entity
	}
	if len(arg.toks) == 0 {
		return out
	}
	first, last := arg.toks[0], arg.toks[len(arg.toks)-1]
	out.Span = document.Span{Start: v.toks[first].Start, End: v.toks[last].End}
	if last-first+1 == len(arg.toks) && out.Start >= 0 && out.Start <= out.End && out.End <= len(text) {
		// Contiguous phrase: the text is a slice of the document.
		out.Text = text[out.Start:out.End]
		return out
	}
	var b strings.Builder
	for i, t := range arg.toks {
		tok := v.toks[t]
		if i > 0 {
			prev := v.toks[arg.toks[i-1]]
			if arg.clause && a.wordsBetween(arg.toks[i-1], t) {
				// Words left out of reported content are marked, as a
				// quotation marks an omission: a quote joined across a
				// gap would put words in the speaker's mouth.
				b.WriteString(" …")
				if !v.isPunct(t) {
					b.WriteByte(' ')
				}
			} else if t != arg.toks[i-1]+1 || prev.SpaceAfter || prev.End < tok.Start {
				b.WriteByte(' ')
			}
		}
		if tok.End <= len(text) && tok.Start >= 0 && tok.Start <= tok.End && text[tok.Start:tok.End] != "" {
			b.WriteString(text[tok.Start:tok.End])
		} else {
			b.WriteString(tok.Text)
		}
	}
	out.Text = b.String()
	return out
}

// wordsBetween reports whether a word (not punctuation) lies strictly
// between tokens x and y.
func (a *analysis) wordsBetween(x, y int) bool {
	for i := x + 1; i < y; i++ {
		if !a.v.isPunct(i) {
			return true
		}
	}
	return false
}

// duplicate reports whether f states the same as a fact already kept
// for the sentence: a statement reached through two paths (a coordination
// and a plural mention's group) is kept once.
func duplicate(kept []document.Fact, f *document.Fact) bool {
	for i := range kept {
		g := &kept[i]
		if g.Predicate != f.Predicate || g.Negated != f.Negated || g.Modality != f.Modality || len(g.Args) != len(f.Args) {
			continue
		}
		same := true
		for j := range g.Args {
			x, y := &g.Args[j], &f.Args[j]
			if x.Role != y.Role || x.Entity != y.Entity || x.Entity < 0 && x.Text != y.Text {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

// coordinated reports whether the subject or an object of c has nominal
// conjuncts, the only case in which variants has work to do.
func (a *analysis) coordinated(c *clause) bool {
	v := a.v
	has := func(h int) bool {
		if h < 0 {
			return false
		}
		for _, k := range v.kids[h] {
			if v.base[k] == "conj" {
				return true
			}
		}
		return false
	}
	if has(c.subj.head) {
		return true
	}
	for i := range c.args {
		if (c.args[i].role == "object" || c.args[i].role == "attribute") && has(c.args[i].head) {
			return true
		}
	}
	return false
}
