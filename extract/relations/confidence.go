package relations

import (
	"math"
	"strings"
)

// confidence scores a clause's extraction in [0,1] from evidence that
// predicts a correct reading: how the clause attaches (a main clause is
// safer than a participle hanging off a noun), where its subject came
// from (borrowed subjects are a guess), whether it has a second argument,
// how long its arguments are (long spans usually mean a parse error
// swallowed a clause) and how deep in the tree it sits. The weights are
// hand-set, with the clause-kind order checked against how often each
// kind matches CaRB dev annotations; a threshold on the score trades
// precision for recall.
func (a *analysis) confidence(c *clause) float64 {
	v := a.v
	s := 0.75
	switch c.kind {
	case kindMain:
		s += 0.1
	case kindConj:
		s += 0.02
	case kindContent:
		// Annotators often leave reported content unextracted, and the
		// content's own parse is less reliable than its frame.
		s -= 0.15
	case kindParataxis:
		s -= 0.02
	case kindXcomp:
		s -= 0.1
	case kindAdverbial:
		s -= 0.15
	case kindRelative:
		s -= 0.05
	case kindAcl:
		s -= 0.1
	case kindNominal:
		s -= 0.2
		if strings.HasPrefix(c.nomPred, "be_") && !(c.nomPred == "be_in" || c.nomPred == "be_at" || c.nomPred == "be_near") ||
			strings.HasPrefix(c.nomPred, "be_") && (v.pos[c.subj.head] != "PROPN" || len(c.args) == 0 || v.pos[c.args[0].head] != "PROPN") {
			// Noun-mediated relations other than a name's location are
			// rarely what a reader would state: kept at the bottom.
			s -= 0.55
		}
		if c.nomPred == "have" {
			// Possession read off "X 's Y" is right less than a third of
			// the time: kept last so a threshold drops it first.
			s -= 0.6
		}
	}
	switch c.subjFrom {
	case "shared", "control":
		s -= 0.07
	case "relative":
		s -= 0.03
	case "recovered":
		s -= 0.12
	}
	core := 0
	long := 0
	total := len(c.subj.toks)
	for _, arg := range c.args {
		if arg.core {
			core++
		}
		total += len(arg.toks)
		if len(arg.toks) > 12 && !arg.clause {
			long++
		}
	}
	if core == 0 {
		s -= 0.12
	}
	if len(c.subj.toks) > 11 {
		s -= 0.12
	}
	// A subject that contains another clause's verb swallowed a clause.
	for _, t := range c.subj.toks {
		if a.owner[t] >= 0 && t != c.subj.head && !c.subj.clause {
			s -= 0.15
			break
		}
	}
	s -= 0.06 * float64(long)
	if len(c.args) > 3 {
		s -= 0.03 * float64(len(c.args)-3)
	}
	if total > 30 {
		s -= 0.05
	}
	if c.depth > 2 {
		s -= 0.02 * float64(min(c.depth-2, 5))
	}
	if c.existential {
		s -= 0.05
	}
	return clamp01(s)
}

// clamp01 keeps a score inside [0.01, 0.99] and rounds it to four
// decimals, so that scores printed in CaRB files read back identical.
func clamp01(x float64) float64 {
	if x < 0.01 {
		return 0.01
	}
	if x > 0.99 {
		return 0.99
	}
	return math.Round(x*1e4) / 1e4
}
