package typed

import (
	"strings"

	"github.com/kg-project/kg/extract/coref"
	"github.com/kg-project/kg/extract/document"
)

// Surface patterns complement the tree rules. They match short, fixed word
// sequences between two names ("X , a spokesman for Y", "X was born in Y",
// "Y-based X", "X , Y" datelines) and therefore survive the parse errors
// that long news sentences provoke. Each pattern is anchored on recognised
// names and allows only a few function or role words between them, which
// keeps precision high.

// names returns the referring name mentions of sentence s in token order.
func (x *extractor) names(s int) []int {
	var out []int
	for mi, m := range x.doc.Mentions {
		if m.Sentence == s && m.Kind == document.Name && m.Entity >= 0 {
			out = append(out, mi)
		}
	}
	return out
}

func (x *extractor) isPlaceMention(mi int) bool { return x.entityType(mi).IsPlace() }

// between returns the lower-case words strictly between two mentions.
func (x *extractor) between(a, b int) []string {
	ma, mb := &x.doc.Mentions[a], &x.doc.Mentions[b]
	var out []string
	for i := ma.End; i < mb.Start; i++ {
		out = append(out, lower(x.tok(ma.Sentence, i)))
	}
	return out
}

var (
	determiners = map[string]bool{"a": true, "an": true, "the": true}
	killForms   = map[string]bool{
		"killed": true, "murdered": true, "assassinated": true, "shot": true, "slew": true,
		"slain": true, "stabbed": true, "strangled": true, "gunned": true, "kills": true,
		"murders": true, "shoots": true, "assassinate": true, "kill": true, "murder": true,
		"shoot": true, "killing": true, "murdering": true, "assassinating": true, "shooting": true,
		"stabbing": true, "strangling": true,
	}
	killNounForms = map[string]bool{
		"assassination": true, "murder": true, "killing": true, "slaying": true, "shooting": true,
		"death": true, "stabbing": true,
	}
	killerNouns = map[string]bool{"assassin": true, "killer": true, "murderer": true, "slayer": true, "gunman": true}
	orgPreps    = map[string]bool{"of": true, "for": true, "at": true, "with": true, "from": true}
	bornForms   = map[string]bool{"born": true}
)

// smallGap reports whether words contain only words allowed between two
// names in a tight pattern: no verbs we know of, no other clause breaks.
func smallGap(words []string, max int) bool {
	if len(words) > max {
		return false
	}
	for _, w := range words {
		switch w {
		case ";", ":", "(", ")", "said", "says", "and", "or", "but", "while", "when", "who", "which", "that":
			return false
		}
	}
	return true
}

func (x *extractor) surface(s int) {
	ns := x.names(s)
	P, O := document.Person, document.Org
	for ai, a := range ns {
		ta := x.entityType(a)
		for bi := ai + 1; bi < len(ns) && bi <= ai+4; bi++ {
			b := ns[bi]
			tb := x.entityType(b)
			w := skipParenthetical(x.between(a, b))
			// Adjacent: no other argument-like name in between (a
			// nationality or a date does not count).
			adjacent := true
			for k := ai + 1; k < bi; k++ {
				switch x.entityType(ns[k]) {
				case document.NORP, document.Date, document.Time:
				default:
					adjacent = false
				}
			}
			switch {
			case ta == P && tb == O:
				x.personOrg(s, a, b, w)
			case ta == O && tb == P:
				x.orgPerson(s, a, b, w)
			case ta == P && tb.IsPlace():
				x.personPlace(s, a, b, w)
			case ta.IsPlace() && tb == P:
				x.placePerson(s, a, b, w)
			case ta.IsPlace() && tb.IsPlace():
				x.placePlace(s, a, b, w)
			case ta == O && tb.IsPlace():
				x.orgPlace(s, a, b, w)
			case ta.IsPlace() && tb == O:
				x.placeOrg(s, a, b, w)
			case ta == P && tb == P:
				x.personPerson(s, a, b, w, adjacent)
			}
			// "X was born in Y" settles both types even when the
			// recogniser got one wrong.
			if adjacent && !(ta == P && tb.IsPlace()) && x.personLike(a) && x.placeLike(b) && bornOrLives(w) {
				before := len(x.doc.Facts)
				x.personPlace(s, a, b, w)
				if len(x.doc.Facts) > before {
					x.retype(a, document.Person)
					x.retype(b, document.GPE)
				}
			}
			if (ta == P) != (tb == P) && x.personLike(a) && x.personLike(b) && adjacent {
				// The recogniser sometimes types a surname as a place
				// ("Oswald shot Kennedy"); a killing settles it.
				x.personPerson(s, a, b, w, true)
			}
		}
	}
	x.dateline(s, ns)
	x.homes(s, ns)
	x.births(s, ns)
	x.nationalOrgs(s, ns)
	x.stateInstitutions(s, ns)
	x.sentenceInitialPlace(s, ns)
}

func (x *extractor) emitPair(pred string, s int, conf float64, a, b int) {
	if pred == document.PredKill {
		// Only people kill and are killed here: correct the type of a
		// name the recogniser took for a place or organisation.
		for _, mi := range []int{a, b} {
			if e := x.doc.Mentions[mi].Entity; e >= 0 && x.doc.Entities[e].Type != document.Person {
				x.doc.Entities[e].Type = document.Person
			}
		}
	}
	x.pairs(pred, s, conf, x.mentionArgs(a, "subject"), x.mentionArgs(b, "object"))
}

// personLike reports whether a name could be a person's despite its
// recognised type: a one- or two-word name that is not a known country,
// nationality or state.
func (x *extractor) personLike(mi int) bool {
	m := &x.doc.Mentions[mi]
	switch x.entityType(mi) {
	case document.Person:
		return true
	case document.GPE, document.Loc, document.Org, document.NORP:
	default:
		return false
	}
	toks := x.doc.Sentences[m.Sentence].Tokens
	first := strings.ToLower(word(&toks[m.Start]))
	if m.End-m.Start > 1 && x.entityType(mi) != document.Person && !coref.IsFirstName(first) {
		return false
	}
	if _, ok := coref.CanonicalPlace(m.Text); ok {
		return false
	}
	if _, ok := coref.CountryOfDemonym(m.Text); ok {
		return false
	}
	if coref.IsStateAbbrev(m.Text) || strings.ToUpper(m.Text) == m.Text {
		return false
	}
	if x.entityType(mi) != document.Person && (coref.IsKnownCity(m.Text) || coref.IsUSState(m.Text)) {
		return false // "murdering Phoenix newspaper reporter Don Bolles"
	}
	return true
}

// personOrg: "X , a spokesman for Y", "X , chief of waste disposal for Y",
// "X publisher of Y", "X of Y", "X at Y", "X , Y 's chief", "X , who
// covers the White House for Y".
func (x *extractor) personOrg(s, a, b int, w []string) {
	n := len(w)
	// "X , of the Y" and "X , 47 , of the Y" are "X of the Y" with an
	// aside, as for residences ("X , 30 , of Boothbay").
	if v := skipAgeAside(w); len(v) < n && len(v) >= 1 && len(v) <= 2 && (v[0] == "of" || v[0] == "at") && (len(v) == 1 || v[1] == "the") {
		x.emitPair(document.PredEmployeeOf, s, 0.5, a, b)
		return
	}
	if n == 1 && (w[0] == "of" || w[0] == "at") {
		x.emitPair(document.PredEmployeeOf, s, 0.55, a, b)
		return
	}
	if n == 2 && (w[0] == "of" || w[0] == "at") && w[1] == "the" {
		x.emitPair(document.PredEmployeeOf, s, 0.55, a, b)
		return
	}
	if n >= 2 && n <= 10 && smallGap(w[1:], 9) {
		// The preposition right before Y, skipping a determiner and up
		// to two lower-case modifiers ("of the state Republican Party"),
		// after a run of nouns that contains a role.
		j := n - 1
		for m := 0; m < 2 && j > 0 && !orgPreps[w[j]] && !determiners[w[j]] && startsLowerWord(w[j]); m++ {
			j--
		}
		if determiners[w[j]] && j > 0 {
			j--
		}
		if orgPreps[w[j]] && j >= 1 && x.roleRun(s, x.doc.Mentions[a].End, j) {
			pred := document.PredEmployeeOf
			for _, word := range w[:j] {
				if word == "member" || word == "members" {
					pred = document.PredMemberOf // "X , a member of Y"
				}
			}
			x.emitPair(pred, s, 0.6, a, b)
			return
		}
		// "X , Y 's chief" / "X , a Y spokesman"
		if w[0] == "," && j == n-1 && (n == 1 || n == 2 && determiners[w[1]]) {
			x.roleAfterOrg(s, a, b)
		}
	}
	if n == 1 && w[0] == "," {
		x.roleAfterOrg(s, a, b)
	}
	// Looser: a role word and a preposition somewhere in a short,
	// verb-free stretch ("X , chief scientific and medical officer for
	// the Y").
	if n >= 3 && n <= 9 && w[0] == "," && !x.hasVerbBetween(a, b) && smallGap(w[1:], 8) {
		role, prep := false, false
		for _, word := range w[1:] {
			if IsRoleWord(word) || coref.IsCoreTitle(word) {
				role = true
			}
			if role && orgPreps[word] {
				prep = true
			}
		}
		if role && prep {
			x.emitPair(document.PredEmployeeOf, s, 0.45, a, b)
		}
	}
	// "X , who heads Y", "X founded Y", "X joined the Y".
	if n >= 1 && n <= 5 {
		k := n - 1
		if determiners[w[k]] && k > 0 {
			k--
		}
		switch w[k] {
		case "heads", "headed", "leads", "led", "runs", "ran", "founded", "co-founded", "chairs", "chaired",
			"directs", "directed", "owns", "owned", "manages", "managed", "joined", "joins", "heading", "leading":
			if relGap(w[:k], 4) {
				x.emitPair(document.PredEmployeeOf, s, 0.55, a, b)
				return
			}
		}
	}
	// Verbs of working for: "X covers the White House for Y", "X , who
	// works for Y", "X has covered education for Y".
	if n >= 2 && n <= 8 && (w[n-1] == "for" || w[n-1] == "at" || n >= 3 && (w[n-2] == "for" || w[n-2] == "at") && determiners[w[n-1]]) {
		for _, word := range w {
			switch word {
			case "works", "worked", "working", "covers", "covered", "covering", "reports", "reported",
				"writes", "wrote", "follows", "teaches", "taught", "serves", "served", "plays", "played":
				if relGap(w, 8) {
					x.emitPair(document.PredEmployeeOf, s, 0.55, a, b)
				}
				return
			}
		}
	}
}

// roleRun reports whether the n tokens from i (after an optional comma)
// are determiners, adjectives, nouns and prepositional links with at least
// one person noun ("a top official", "chief of waste disposal", "general
// manager", "publisher").
func (x *extractor) roleRun(s, i, n int) bool {
	toks := x.doc.Sentences[s].Tokens
	role := false
	for k := 0; k < n; k++ {
		t := &toks[i+k]
		w := strings.ToLower(word(t))
		switch {
		case k == 0 && w == ",":
		case determiners[w] || w == "of" || w == "'s" || w == "for" && k > 0:
		case IsRoleWord(w) || coref.IsCoreTitle(w):
			role = true
		case t.UPOS == "NOUN" || t.UPOS == "ADJ" || t.UPOS == "NUM" || t.UPOS == "PROPN" && !capitalisedWord(word(t)):
			if t.UPOS == "NOUN" {
				role = true
			}
		case w == "," || w == "and" && k > 1:
			// "X , 57 , president of Y", "chief scientific and medical
			// officer for Y"
		case len(w) >= 3 && (w[0] == 'd' || w[0] == 'r' || w[0] == 'i') && w[1] == '-':
			// party and state: "X , D-N.Y. , chairman of Y"
		case k <= 3 && (w == "has" || w == "been" || w == "was" || w == "is" || w == "named" || w == "appointed" || w == "elected" || w == "became" || w == "becomes"):
			// "X has been named publisher of Y"
		default:
			return false
		}
	}
	return role
}

// roleAfterOrg: "X , a Y spokesman" — the organisation followed by a role
// noun.
func (x *extractor) roleAfterOrg(s, p, o int) {
	mo := &x.doc.Mentions[o]
	toks := x.doc.Sentences[s].Tokens
	i := mo.End
	if i < len(toks) && lower(&toks[i]) == "'s" {
		i++
	}
	for j := i; j < len(toks) && j < i+3; j++ {
		t := &toks[j]
		if t.UPOS != "NOUN" && t.UPOS != "ADJ" && t.UPOS != "PROPN" {
			return
		}
		if t.UPOS == "NOUN" {
			x.emitPair(document.PredEmployeeOf, s, 0.55, p, o)
			return
		}
	}
}

// orgPerson: "XBT spokesman Allan Fitzmaurice", "KAL attorney George
// Tompkins", "DIMA 's technical manager , engineer Jose Tulio Gomez".
func (x *extractor) orgPerson(s, a, b int, w []string) {
	if len(w) == 1 && w[0] == "," {
		// "the chairman of the United Djibouti Opposition Front , X"
		ma := &x.doc.Mentions[a]
		toks := x.doc.Sentences[s].Tokens
		j := ma.Start - 1
		if j >= 0 && determiners[lower(&toks[j])] {
			j--
		}
		if j >= 1 && (lower(&toks[j]) == "of" || lower(&toks[j]) == "for") && (IsRoleWord(word(&toks[j-1])) || coref.IsCoreTitle(word(&toks[j-1]))) {
			x.emitPair(document.PredEmployeeOf, s, 0.6, b, a)
		}
		return
	}
	if len(w) == 1 && w[0] == "'s" {
		// "Microsoft 's Bill Gates"
		x.emitPair(document.PredEmployeeOf, s, 0.5, b, a)
		return
	}
	if len(w) == 0 || len(w) > 5 {
		return
	}
	nouns := 0
	ma := &x.doc.Mentions[a]
	for k, word := range w {
		t := x.tok(s, ma.End+k)
		switch {
		case word == "'s" && k == 0:
		case IsRoleWord(word) || coref.IsCoreTitle(word):
			// a role word whatever its tag ("CBS anchorman")
			nouns++
		case word == ",":
			if k == 0 {
				return
			}
		case t.UPOS == "NOUN" || t.UPOS == "ADJ" || t.UPOS == "PROPN" && IsRoleWord(word):
			if t.UPOS == "NOUN" || IsRoleWord(word) {
				nouns++
			}
		default:
			return
		}
	}
	if nouns > 0 {
		x.emitPair(document.PredEmployeeOf, s, 0.6, b, a)
	}
}

// IsRoleWord reports whether w is a person's title or occupation word.
func IsRoleWord(w string) bool {
	w = strings.ToLower(w)
	return roleWords[w]
}

var roleWords = map[string]bool{
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "president": true,
	"chairman": true, "chairwoman": true, "director": true, "chief": true, "executive": true,
	"manager": true, "attorney": true, "lawyer": true, "correspondent": true, "reporter": true,
	"editor": true, "analyst": true, "economist": true, "official": true, "officer": true,
	"secretary": true, "minister": true, "leader": true, "head": true, "member": true,
	"founder": true, "owner": true, "employee": true, "engineer": true, "scientist": true,
	"researcher": true, "professor": true, "coach": true, "player": true, "commander": true,
	"general": true, "agent": true, "ceo": true, "cfo": true, "vice": true, "deputy": true,
	"treasurer": true, "governor": true, "senator": true, "representative": true,
	"ambassador": true, "envoy": true, "adviser": true, "advisor": true, "aide": true,
	"publisher": true, "writer": true, "columnist": true, "anchor": true, "producer": true,
	"inspector": true, "investigator": true, "detective": true, "sheriff": true,
	"administrator": true, "superintendent": true, "trustee": true, "partner": true,
	"counsel": true, "prosecutor": true, "judge": true, "justice": true, "staff": true,
	"anchorman": true, "anchorwoman": true, "trader": true, "broker": true, "designer": true,
	"architect": true, "physician": true, "surgeon": true, "nurse": true, "pilot": true,
	"candidate": true, "chancellor": true, "dean": true, "provost": true, "curator": true,
	"historian": true, "physicist": true, "chemist": true, "biologist": true, "astronomer": true,
	"linguist": true, "anthropologist": true, "archaeologist": true, "geologist": true,
	"consultant": true, "strategist": true, "lobbyist": true, "auditor": true, "accountant": true,
}

func (x *extractor) hasVerbBetween(a, b int) bool {
	ma, mb := &x.doc.Mentions[a], &x.doc.Mentions[b]
	for i := ma.End; i < mb.Start; i++ {
		t := x.tok(ma.Sentence, i)
		if t.UPOS == "VERB" && t.XPOS != "VBN" && t.XPOS != "VBG" || t.UPOS == "AUX" {
			return true
		}
	}
	return false
}

// personPlace: "X was born in Y", "X of Y", "X , who lives in Y", "X is
// from Y", "X , a Y native", "X in Y" (weak).
func (x *extractor) personPlace(s, a, b int, w []string) {
	n := len(w)
	if n == 0 {
		return
	}
	// Born / lives.
	for k, word := range w {
		if (bornForms[word] || word == "lives" || word == "lived" || word == "living" || word == "resides" || word == "resided" || word == "grew" || word == "raised") && k+1 < n {
			rest := w[k+1:]
			if len(rest) > 0 && rest[0] == "up" {
				rest = rest[1:]
			}
			// "born March 15 , 1767 , in Waxhaw": skip a date.
			for len(rest) > 1 && rest[0] != "in" && rest[0] != "at" && rest[0] != "near" && dateWord(rest[0]) {
				rest = rest[1:]
			}
			if len(rest) >= 1 && (rest[0] == "in" || rest[0] == "at" || rest[0] == "near") && len(rest) <= 3 && relGap(w[:k], 6) {
				x.emitPair(document.PredLivesIn, s, 0.7, a, b)
				return
			}
		}
	}
	switch {
	case n == 1 && (w[0] == "of" || w[0] == "from"):
		x.emitPair(document.PredLivesIn, s, 0.55, a, b)
	case n == 1 && w[0] == "in" && x.nameStartsPhrase(a):
		// "FBI spokesman Doug Beldon in Albuquerque" — but not "shot by
		// Oswald in Dallas", where the place belongs to the verb.
		x.emitPair(document.PredLivesIn, s, 0.45, a, b)
	case n == 2 && w[0] == "," && (w[1] == "of" || w[1] == "from"):
		x.emitPair(document.PredLivesIn, s, 0.55, a, b)
	case n >= 3 && n <= 5 && w[0] == "," && (w[n-1] == "of" || w[n-1] == "from") && (w[n-2] == "native" || w[n-2] == "resident" || w[n-2] == "citizen" || w[n-2] == "," || isNumber(w[n-2])):
		x.emitPair(document.PredLivesIn, s, 0.6, a, b)
	case n >= 2 && n <= 7 && w[0] == "," && w[n-1] == "from" && smallGap(w[1:], 6) && !x.hasVerbBetween(a, b):
		// "X , an electronics technician from Y"
		x.emitPair(document.PredLivesIn, s, 0.55, a, b)
	case n >= 3 && n <= 7 && w[0] == "," && w[n-1] == "in" && x.roleRun(s, x.doc.Mentions[a].End, n-1) && !x.hasVerbBetween(a, b):
		// "X , a famous opera singer in Y"
		x.emitPair(document.PredLivesIn, s, 0.5, a, b)
	case n >= 2 && n <= 3 && (w[n-1] == "from" || w[n-1] == "in") && (w[0] == "is" || w[0] == "was" || w[0] == "comes" || w[0] == "came"):
		x.emitPair(document.PredLivesIn, s, 0.6, a, b)
	case n >= 1 && n <= 3 && w[0] == "," && (n == 1 || determiners[w[1]]):
		// "X , a Y native", "X , an Atlanta architect", "X , Georgia born"
		mb := &x.doc.Mentions[b]
		toks := x.doc.Sentences[s].Tokens
		if mb.End < len(toks) {
			next := lower(&toks[mb.End])
			switch {
			case residenceNouns[next] || next == "-born" || next == "born":
				x.emitPair(document.PredLivesIn, s, 0.65, a, b)
			case next == "'s" && n == 1 && mb.End+1 < len(toks):
				// "X , Japan 's prime minister"
				role := lower(&toks[mb.End+1])
				if mb.End+2 < len(toks) && (role == "prime" || role == "foreign" || role == "chief") {
					role += " " + lower(&toks[mb.End+2])
				}
				if isLeaderRole(strings.Fields(role)) || role == "prime" {
					x.emitPair(document.PredLeaderOf, s, 0.6, a, b)
				} else if IsRoleWord(lower(&toks[mb.End+1])) || coref.IsCoreTitle(lower(&toks[mb.End+1])) {
					x.emitPair(document.PredLivesIn, s, 0.5, a, b)
				}
			case n >= 2 && toks[mb.End].UPOS == "NOUN" && !orgNouns[next]:
				x.emitPair(document.PredLivesIn, s, 0.5, a, b)
			}
		}
	case n >= 3 && n <= 6 && w[0] == "," && (w[n-1] == "of" || w[n-1] == "for" || n >= 4 && w[n-1] == "the" && (w[n-2] == "of" || w[n-2] == "for")) && smallGap(w[1:], 5) && !x.hasVerbBetween(a, b):
		// "X , governor of Y" leads Y; "X , elections supervisor for Y"
		// lives there.
		k := n - 1
		if determiners[w[k]] {
			k--
		}
		if k >= 1 && isLeaderRole(w[k-1:k]) {
			x.emitPair(document.PredLeaderOf, s, 0.6, a, b)
		} else {
			x.emitPair(document.PredLivesIn, s, 0.5, a, b)
		}
	}
}

// skipAgeAside drops a leading ", " or ", 47 ," from the words between
// two names.
func skipAgeAside(w []string) []string {
	if len(w) >= 3 && w[0] == "," && isNumber(w[1]) && w[2] == "," {
		return w[3:]
	}
	if len(w) >= 1 && w[0] == "," {
		return w[1:]
	}
	return w
}

func isNumber(w string) bool {
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

// placePerson: "Modesto native George Lucas", "Rochester 's Peter
// McWalters", "Phoenix newspaper reporter Don Bolles".
func (x *extractor) placePerson(s, a, b int, w []string) {
	n := len(w)
	switch {
	case n == 1 && w[0] == "'s":
		x.emitPair(document.PredLivesIn, s, 0.5, b, a)
	case n >= 1 && n <= 3 && (residenceNouns[w[0]] || w[0] == "-born" || w[0] == "born" || strings.HasSuffix(w[0], "-born")):
		x.emitPair(document.PredLivesIn, s, 0.65, b, a)
	case n >= 1 && n <= 5 && x.occupationRun(s, x.doc.Mentions[a].End, n):
		// "Atlanta architect X", "U.S. citizen X", "France 's deputy
		// representative , X"
		x.emitPair(document.PredLivesIn, s, 0.5, b, a)
	}
}

// placePlace: "Anchorage , Alaska" (handled by commaPlaces) and "Gosforth
// in northeast England", "Yatsushiro in Kumamoto Prefecture".
func (x *extractor) placePlace(s, a, b int, w []string) {
	n := len(w)
	if n == 1 && w[0] == "'s" {
		// "Zambia 's Kafue River"
		x.emitPair(document.PredLocatedIn, s, 0.55, b, a)
		return
	}
	if n >= 2 && (w[0] == "is" || w[0] == "was" || w[0] == "lies") && w[1] == "in" {
		w = w[1:]
		n--
	}
	if n == 0 || w[0] != "in" || n > 3 {
		return
	}
	for _, word := range w[1:] {
		switch word {
		case "the", "northern", "southern", "eastern", "western", "central", "northeast", "northwest",
			"southeast", "southwest", "north", "south", "east", "west", "rural", "suburban", "downtown":
		default:
			return
		}
	}
	x.emitPair(document.PredLocatedIn, s, 0.65, a, b)
}

// orgPlace: "Brown University in Providence", "S.A. Healy Co. of McCook",
// "Pepperell , based in West Point".
func (x *extractor) orgPlace(s, a, b int, w []string) {
	n := len(w)
	switch {
	case n == 1 && (w[0] == "in" || w[0] == "of" || w[0] == "at"):
		x.emitPair(document.PredBasedIn, s, 0.6, a, b)
	case n == 2 && (w[0] == "in" || w[0] == "of" || w[0] == "at") && w[1] == "the":
		x.emitPair(document.PredBasedIn, s, 0.5, a, b)
	case n == 1 && w[0] == "'s":
		// "the NRC 's Rockville , Md. , headquarters"
		mb := &x.doc.Mentions[b]
		toks := x.doc.Sentences[s].Tokens
		for j := mb.End; j < len(toks) && j <= mb.End+4; j++ {
			switch lower(&toks[j]) {
			case "headquarters", "office", "offices", "plant", "factory", "campus", "branch", "bureau":
				x.emitPair(document.PredBasedIn, s, 0.6, a, b)
				return
			}
		}
	case n == 2 && (w[1] == "in" || w[1] == "at") && orgSiteNouns[w[0]]:
		// "The Associated Press bureau in Beirut"
		x.emitPair(document.PredBasedIn, s, 0.6, a, b)
	case n >= 2 && n <= 4 && (w[n-1] == "in" || w[n-1] == "at") && (w[n-2] == "based" || w[n-2] == "headquartered" || w[n-2] == "located"):
		x.emitPair(document.PredBasedIn, s, 0.75, a, b)
	}
}

// placeOrg: "Moscow INTERFAX", "Japan 's Sony", "Tokyo-based Sony".
func (x *extractor) placeOrg(s, a, b int, w []string) {
	n := len(w)
	switch {
	case n == 0:
		// Adjacent: a wire-service source line ("Moscow INTERFAX") or a
		// place modifying the name ("U.S. Army").
		x.emitPair(document.PredBasedIn, s, 0.55, b, a)
	case n == 1 && w[0] == "'s":
		x.emitPair(document.PredBasedIn, s, 0.5, b, a)
	case n >= 1 && n <= 3 && (w[0] == "-based" || w[0] == "based" || n >= 2 && w[0] == "-" && w[1] == "based"):
		x.emitPair(document.PredBasedIn, s, 0.75, b, a)
	}
}

// personPerson: kills expressed on the surface: "X killed Y", "Y was shot
// by X", "X , who assassinated Y", "Y 's assassin X", "Y assassin X",
// "X , the accused assassin of Y", "X was convicted of murdering Y".
// adjacent says no other name stands between the two; active patterns
// need it, so that "X shot him in Los Angeles" does not kill the city.
func (x *extractor) personPerson(s, a, b int, w []string, adjacent bool) {
	n := len(w)
	if n == 0 {
		return
	}
	// Y ('s) assassin (,) X
	k := n
	if w[k-1] == "," {
		k--
	}
	if k >= 1 && k <= 2 && killerNouns[w[k-1]] && (k == 1 || w[0] == "'s") && adjacent {
		x.emitPair(document.PredKill, s, 0.7, b, a)
		return
	}
	// X , (the) (accused) assassin of Y
	if n >= 3 && n <= 6 && w[0] == "," && w[n-1] == "of" && killerNouns[w[n-2]] && adjacent {
		x.emitPair(document.PredKill, s, 0.65, a, b)
		return
	}
	if n > 12 {
		return
	}
	for k, word := range w {
		if !killForms[word] {
			continue
		}
		before, after := w[:k], trimWounding(w[k+1:])
		// Passive only when the auxiliary governs the kill verb itself
		// ("was fatally shot"), not a copula earlier ("was the gunman
		// who killed").
		passive := false
		isAux := func(w string) bool {
			return w == "was" || w == "were" || w == "been" || w == "being" || w == "is" || w == "be"
		}
		if n := len(before); n >= 1 && isAux(before[n-1]) || n >= 2 && isAux(before[n-2]) && strings.HasSuffix(before[n-1], "ly") {
			passive = true
		}
		// Passive: "Y was shot to death in Z by (anarchist) X".
		if passive && (strings.HasSuffix(word, "ed") || word == "shot" || word == "slain") {
			by := -1
			for i, aw := range after {
				if aw == "by" {
					by = i
				}
			}
			if by >= 0 && len(after)-by-1 <= 2 && smallGapKill(after[:by]) {
				x.emitPair(document.PredKill, s, 0.7, b, a)
			}
			return
		}
		// Active: "X (, who) killed Y", "X shot and killed Y", "X was
		// convicted of murdering Y".
		if adjacent && len(after) <= 3 && smallGapKill(after) && smallGapKillBefore(before) {
			x.emitPair(document.PredKill, s, 0.65, a, b)
		}
		return
	}
	// "X ... in the assassination of Y"
	for k, word := range w {
		if killNounForms[word] && k+1 < n && w[k+1] == "of" && n-k-2 <= 4 && k <= 8 && adjacent {
			if smallGapKillBefore(w[:k]) {
				x.emitPair(document.PredKill, s, 0.55, a, b)
			}
			return
		}
	}
}

// trimWounding drops "and mortally wounded" after a kill verb ("shot and
// mortally wounded X").
func trimWounding(w []string) []string {
	for len(w) > 0 {
		switch w[0] {
		case "and", "mortally", "fatally", "critically", "wounded", "killed", "stabbed":
			w = w[1:]
		default:
			return w
		}
	}
	return w
}

// smallGapKill allows titles and determiners between a kill verb and its
// victim, or words such as "to death in ..." before "by".
func smallGapKill(w []string) bool {
	for _, word := range w {
		switch word {
		case "said", "says", ";", "(", ")", "who", "which", "whom", "and":
			return false
		}
	}
	return true
}

// smallGapKillBefore allows "who", auxiliaries, adverbs and "convicted of"
// between the killer and the kill verb, but no second clause.
func smallGapKillBefore(w []string) bool {
	if len(w) > 8 {
		return false
	}
	for _, word := range w {
		switch word {
		case "said", "says", ";", ")", "but", "after", "before", "because", "if", "when":
			return false
		}
	}
	return true
}

// dateline: "BELGRADE , Yugoslavia ( AP )" → based_in(AP, Belgrade),
// based_in(AP, Yugoslavia).
func (x *extractor) dateline(s int, ns []int) {
	toks := x.doc.Sentences[s].Tokens
	var places []int
	i := 0
	// "( Text ) Hefei , February 11 ( XINHUA )": skip a leading note.
	if len(toks) > 3 && word(&toks[0]) == "(" {
		for k := 1; k < len(toks) && k <= 4; k++ {
			if word(&toks[k]) == ")" {
				i = k + 1
				break
			}
		}
	}
	for _, mi := range ns {
		if x.doc.Mentions[mi].Start < i && len(places) == 0 {
			continue
		}
		m := &x.doc.Mentions[mi]
		if m.Start != i {
			break
		}
		if !x.isPlaceMention(mi) {
			break
		}
		places = append(places, mi)
		i = m.End
		if i < len(toks) && lower(&toks[i]) == "," {
			i++
		}
	}
	// "Hefei , February 11 ( XINHUA )": a date may sit between.
	if len(places) > 0 && i < len(toks) && word(&toks[i]) != "(" {
		if dm := x.mention(s, i); dm >= 0 && x.entityType(dm) == document.Date {
			i = x.doc.Mentions[dm].End
		} else {
			for i < len(toks) && (toks[i].UPOS == "NUM" || dateWord(lower(&toks[i])) || toks[i].UPOS == "PROPN" && len(word(&toks[i])) <= 4) && word(&toks[i]) != "(" {
				i++
			}
		}
	}
	if len(places) == 0 || i >= len(toks) || word(&toks[i]) != "(" {
		return
	}
	org := x.mention(s, i+1)
	if org < 0 || x.entityType(org) != document.Org {
		return
	}
	for _, p := range places {
		x.emitPair(document.PredBasedIn, s, 0.6, org, p)
	}
}

// sentenceInitialPlace: "In Colorado , ... snow in Denver" → Denver is in
// Colorado.
func (x *extractor) sentenceInitialPlace(s int, ns []int) {
	toks := x.doc.Sentences[s].Tokens
	if len(ns) < 2 || len(toks) < 3 || lower(&toks[0]) != "in" {
		return
	}
	first := ns[0]
	m := &x.doc.Mentions[first]
	if m.Start != 1 || !x.isPlaceMention(first) || m.End >= len(toks) || word(&toks[m.End]) != "," {
		return
	}
	for _, mi := range ns[1:] {
		if x.isPlaceMention(mi) && x.doc.Mentions[mi].Entity != m.Entity {
			x.emitPair(document.PredLocatedIn, s, 0.45, mi, first)
			break
		}
	}
}

// homes: "his native South Carolina", "her Germantown home", "his hometown
// of Russell" → lives_in(the person the possessive refers to, place).
func (x *extractor) homes(s int, ns []int) {
	toks := x.doc.Sentences[s].Tokens
	for _, l := range ns {
		if !x.isPlaceMention(l) {
			continue
		}
		m := &x.doc.Mentions[l]
		cue := false
		if m.End < len(toks) {
			switch lower(&toks[m.End]) {
			case "home", "hometown", "birthplace", "homeland", "house", "farm", "ranch", "apartment":
				cue = true
			}
		}
		for j := m.Start - 1; j >= 0 && j >= m.Start-3; j-- {
			switch lower(&toks[j]) {
			case "native", "hometown", "birthplace", "homeland":
				cue = true
			}
		}
		if !cue {
			continue
		}
		for j := m.Start - 1; j >= 0 && j >= m.Start-4; j-- {
			lw := lower(&toks[j])
			if lw != "his" && lw != "her" {
				continue
			}
			if pm := x.mention(s, j); pm >= 0 && x.entityType(pm) == document.Person {
				x.pairs(document.PredLivesIn, s, 0.6, x.mentionArgs(pm, "subject"), x.mentionArgs(l, "object"))
			}
			break
		}
	}
}

// orgNouns head descriptions of organisations, not people ("a Hong Kong
// construction firm").
var orgNouns = map[string]bool{
	"company": true, "firm": true, "group": true, "agency": true, "bank": true, "newspaper": true,
	"station": true, "university": true, "college": true, "school": true, "hospital": true,
	"government": true, "party": true, "organization": true, "organisation": true, "club": true,
	"team": true, "corporation": true, "subsidiary": true, "unit": true, "office": true,
	"airport": true, "county": true, "city": true, "state": true, "province": true,
	"area": true, "region": true, "district": true, "suburb": true, "town": true, "village": true,
}

// occupationRun reports whether the n tokens from i are lower-case nouns
// and adjectives naming a person's occupation, optionally after "'s" and
// before a comma ("architect", "'s deputy representative ,").
func (x *extractor) occupationRun(s, i, n int) bool {
	toks := x.doc.Sentences[s].Tokens
	nouns := 0
	for k := 0; k < n; k++ {
		t := &toks[i+k]
		w := word(t)
		switch {
		case k == 0 && w == "'s":
		case k == n-1 && w == "," && nouns > 0:
		case (t.UPOS == "NOUN" || t.UPOS == "ADJ") && !capitalisedWord(w) && !orgNouns[strings.ToLower(w)]:
			if t.UPOS == "NOUN" {
				nouns++
			}
		default:
			return false
		}
	}
	return nouns > 0
}

func capitalisedWord(w string) bool {
	for _, c := range w {
		return c >= 'A' && c <= 'Z'
	}
	return false
}

// relGap is smallGap for the words between a person and "lives"/"born":
// a relative pronoun and auxiliaries are allowed ("X , who now lives in").
func relGap(words []string, max int) bool {
	if len(words) > max {
		return false
	}
	for _, w := range words {
		switch w {
		case ";", ":", "(", ")", "said", "says", "and", "or", "but", "when", "which", "that":
			return false
		}
	}
	return true
}

// dateWord reports whether w can be part of a date written between
// "born" and "in" ("March 15 , 1767 ,").
func dateWord(w string) bool {
	if w == "," || isNumber(w) || strings.HasSuffix(w, "th") && isNumber(strings.TrimSuffix(w, "th")) {
		return true
	}
	switch strings.TrimSuffix(w, ".") {
	case "jan", "january", "feb", "february", "march", "mar", "april", "apr", "may", "june", "jun",
		"july", "jul", "aug", "august", "sept", "sep", "september", "oct", "october", "nov",
		"november", "dec", "december", "on", "about", "around":
		return true
	}
	return false
}

// nameStartsPhrase reports whether mention mi is not the object of a verb
// or preposition, so that a following "in Y" can modify the name itself.
func (x *extractor) nameStartsPhrase(mi int) bool {
	m := &x.doc.Mentions[mi]
	if m.Start == 0 {
		return true
	}
	prev := x.tok(m.Sentence, m.Start-1)
	switch prev.UPOS {
	case "VERB", "AUX", "ADP":
		return false
	}
	return true
}

func startsLowerWord(w string) bool {
	for _, c := range w {
		return c >= 'a' && c <= 'z'
	}
	return false
}

// births: "X ( 34th President ) : Born Oct. 14 , 1890 , in Denison",
// "Born in Philadelphia the son of a tailor , Man Ray ...": the place
// after "born (date) in" is where the nearest person before "born" — or,
// when the participle opens the sentence, the first person after the
// place — was born.
func (x *extractor) births(s int, ns []int) {
	toks := x.doc.Sentences[s].Tokens
	for i := range toks {
		if lower(&toks[i]) != "born" {
			continue
		}
		j := i + 1
		for j < len(toks) && j <= i+8 && dateWord(lower(&toks[j])) && lower(&toks[j]) != "in" && lower(&toks[j]) != "at" && lower(&toks[j]) != "near" {
			j++
		}
		if j >= len(toks) || (lower(&toks[j]) != "in" && lower(&toks[j]) != "at" && lower(&toks[j]) != "near") {
			continue
		}
		place := -1
		for _, mi := range ns {
			m := &x.doc.Mentions[mi]
			if m.Start > j && m.Start <= j+3 && x.isPlaceMention(mi) {
				place = mi
				break
			}
		}
		if place < 0 {
			continue
		}
		person := -1
		fronted := i == 0 || i <= 2 && x.firstPersonBefore(ns, i) < 0
		if fronted {
			for _, mi := range ns {
				if x.doc.Mentions[mi].Start > x.doc.Mentions[place].End && x.entityType(mi) == document.Person {
					person = mi
					break
				}
			}
		} else {
			person = x.firstPersonBefore(ns, i)
		}
		if person >= 0 {
			x.emitPair(document.PredLivesIn, s, 0.6, person, place)
		}
	}
}

// firstPersonBefore returns the person mention nearest before token i.
func (x *extractor) firstPersonBefore(ns []int, i int) int {
	best := -1
	for _, mi := range ns {
		if x.doc.Mentions[mi].End <= i && x.entityType(mi) == document.Person {
			best = mi
		}
	}
	return best
}

// orgSiteNouns name the premises of an organisation ("the AP bureau in
// Beirut").
var orgSiteNouns = map[string]bool{
	"bureau": true, "office": true, "offices": true, "headquarters": true, "plant": true,
	"branch": true, "campus": true, "station": true, "studio": true, "studios": true,
	"embassy": true, "consulate": true, "factory": true, "subsidiary": true, "unit": true,
	"division": true, "mission": true,
}

// skipParenthetical drops a leading "( ... )" of up to four words from the
// words between two names ("Centro Nacional ( CNM ) in Barcelona").
func skipParenthetical(w []string) []string {
	if len(w) < 2 || w[0] != "(" {
		return w
	}
	for k := 1; k < len(w) && k <= 5; k++ {
		if w[k] == ")" {
			return w[k+1:]
		}
	}
	return w
}

// nationalOrgs: "the Chinese Foreign Ministry ... China" → an organisation
// named after a nationality is based in that country when the sentence
// names it.
func (x *extractor) nationalOrgs(s int, ns []int) {
	for _, o := range ns {
		if x.entityType(o) != document.Org {
			continue
		}
		m := &x.doc.Mentions[o]
		country, ok := coref.CountryOfDemonym(word(x.tok(s, m.Start)))
		if !ok || m.End-m.Start < 2 {
			continue
		}
		for _, p := range ns {
			if !x.isPlaceMention(p) {
				continue
			}
			if c, ok := coref.CanonicalPlace(x.doc.Mentions[p].Text); ok && c == country {
				x.emitPair(document.PredBasedIn, s, 0.55, o, p)
			}
		}
	}
}

// stateBodies are the head words of the institutions of a state: a
// legislature, a ministry, a court, a party, an army.
var stateBodies = map[string]bool{
	"congress": true, "senate": true, "parliament": true, "assembly": true, "council": true,
	"duma": true, "knesset": true, "cabinet": true, "government": true, "department": true,
	"ministry": true, "court": true, "party": true, "army": true, "navy": true, "police": true,
	"administration": true, "commission": true, "bureau": true, "legislature": true,
}

// stateAgencies are acronyms of national agencies written without their
// country.
var stateAgencies = map[string]bool{
	"fbi": true, "cia": true, "nasa": true, "nsa": true, "irs": true, "fda": true, "epa": true,
	"kgb": true, "fsb": true, "mi5": true, "mi6": true, "dea": true, "atf": true, "faa": true,
}

// stateInstitutions: "the FBI reported ... the United States", "the
// Supreme Council ... power in Ukraine" — a state institution (a
// legislature, ministry, court, party or national agency) is based in the
// one country its sentence names. With two countries in the sentence the
// rule says nothing. The prior is low (about half right on CoNLL04 train):
// the country may be the subject of the institution's business rather
// than its seat.
func (x *extractor) stateInstitutions(s int, ns []int) {
	country := -1
	for _, p := range ns {
		if !x.isPlaceMention(p) {
			continue
		}
		if _, ok := coref.CanonicalPlace(x.doc.Mentions[p].Text); !ok {
			continue
		}
		e := x.doc.Mentions[p].Entity
		if country >= 0 && x.doc.Mentions[country].Entity != e {
			return
		}
		country = p
	}
	if country < 0 {
		return
	}
	for _, o := range ns {
		if x.entityType(o) != document.Org {
			continue
		}
		m := &x.doc.Mentions[o]
		last := strings.ToLower(word(x.tok(s, m.End-1)))
		if !stateBodies[last] && !(m.End-m.Start == 1 && stateAgencies[last]) {
			continue
		}
		x.emitPair(document.PredBasedIn, s, 0.4, o, country)
	}
}

// bornOrLives reports whether the words between two names state a birth
// or residence ("was born in", ", who lives in").
func bornOrLives(w []string) bool {
	if len(w) == 0 || len(w) > 8 {
		return false
	}
	last := w[len(w)-1]
	if last != "in" && last != "at" && last != "near" {
		return false
	}
	for _, word := range w {
		switch word {
		case "born", "lives", "lived", "living", "resides", "resided", "grew":
			return true
		}
	}
	return false
}

// placeLike reports whether a name could be a place despite its type: a
// place, or a one- or two-word name that is not a known person's.
func (x *extractor) placeLike(mi int) bool {
	m := &x.doc.Mentions[mi]
	t := x.entityType(mi)
	if t.IsPlace() {
		return true
	}
	if t == document.Person && coref.IsFirstName(word(x.tok(m.Sentence, m.Start))) {
		return false
	}
	return m.End-m.Start <= 2 && (t == document.Person || t == document.Org || t == document.NORP)
}

// retype changes the type of a mention's entity when a pattern settles it.
func (x *extractor) retype(mi int, t document.EntityType) {
	if e := x.doc.Mentions[mi].Entity; e >= 0 {
		x.doc.Entities[e].Type = t
	}
}
