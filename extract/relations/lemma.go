package relations

import "strings"

// verbLemma returns the lemma used to name a predicate headed by verb
// token t. The tagger's lemmatiser falls back to suffix rules for words it
// did not see in training, and those rules cut inflections without
// restoring a silent "e" ("declined" → "declin", "noting" → "not"). A
// predicate named "not" reads as a negation and "declin" as no word at
// all, so the lemma is checked against the surface form and rebuilt from
// it when it is a function word the surface is not a form of, or a bare
// stem that English spelling does not allow without its "e".
func verbLemma(surface, lemma, xpos string) string {
	if lemma == "" {
		return surface
	}
	if !strings.HasPrefix(xpos, "VB") || surface == lemma {
		return lemma
	}
	stem, ok := strippedStem(surface, xpos)
	if !ok || stem != lemma {
		if functionLemma[lemma] && !strings.HasPrefix(surface, lemma+"n") && surface != lemma {
			// "noting" → "not": a function word cannot be the lemma of a
			// longer inflected verb; fall through to the stem rules.
			if ok {
				return withE(stem)
			}
		}
		return lemma
	}
	if needsE(stem) || functionLemma[stem] {
		return withE(stem)
	}
	return lemma
}

// withE restores the silent e of a stem.
func withE(stem string) string { return stem + "e" }

// strippedStem removes a regular -ing or -ed ending, as a suffix rule
// would, and reports whether the form has one.
func strippedStem(w, xpos string) (string, bool) {
	switch {
	case xpos == "VBG" && strings.HasSuffix(w, "ing") && len(w) > 5:
		return w[:len(w)-3], true
	case (xpos == "VBD" || xpos == "VBN") && strings.HasSuffix(w, "ed") && len(w) > 4:
		return w[:len(w)-2], true
	}
	return "", false
}

// functionLemma are words that name no event: a verb predicate equal to
// one of them is a lemmatiser error.
var functionLemma = set("not", "no", "nor", "never", "the", "a", "an", "to", "of", "in", "on", "at",
	"and", "or", "but", "if", "as", "by", "for", "with", "it", "its", "is", "was", "has", "had",
	"can", "will", "would", "shall", "should", "may", "might", "must", "could")

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// needsE reports whether an -ed/-ing stem cannot be an English verb
// without a final silent e. The endings are spelling facts: English verbs
// do not end in "v", "c", "u" or a consonant + "l"; single-vowel endings
// such as "-ir", "-ur", "-ud", "-id" after a consonant, "-in" after a
// consonant, "-rg", "-dg" are e-dropped stems ("receiv", "produc",
// "continu", "handl", "requir", "secur", "includ", "decid", "declin",
// "urg", "judg"). Verbs that keep such an ending without an "e" double
// their last consonant ("stirred", "occurred", "beginning") and so never
// reach this test with a single one.
func needsE(s string) bool {
	n := len(s)
	if n < 2 {
		return false
	}
	last, prev := s[n-1], s[n-2]
	switch last {
	case 'v', 'c', 'u', 'z':
		return last != 'z' || prev != 'z'
	case 'l':
		return !isVowel(prev) && prev != 'l' && prev != 'r' && prev != 'w'
	case 'g':
		return prev == 'r' || prev == 'd'
	case 's':
		return prev == 'r' || prev == 'n' || prev == 'p' || prev == 'y'
	}
	// "qu" counts as a consonant: "requir", "acquir".
	if n < 3 || !isVowel(prev) || isVowel(s[n-3]) && !(s[n-3] == 'u' && n > 3 && s[n-4] == 'q') {
		return false
	}
	// A single vowel between a consonant and the last letter.
	switch string(s[n-2:]) {
	case "in", "ir", "ur", "id", "ud", "od", "ad", "ok", "ak", "ik", "ut", "ot", "ar":
		return true
	}
	return false
}
