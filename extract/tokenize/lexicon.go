package tokenize

import "strings"

// The word lists below are read-only after package initialisation.

// abbreviations are words that keep a following period (case-sensitive,
// without the period). Single capital letters (initials) and dotted forms
// such as "U.S" or "e.g" are recognised by shape instead.
var abbreviations = setOf(
	// titles and ranks
	"Mr", "Mrs", "Ms", "Messrs", "Mme", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt",
	"Cmdr", "Adm", "Maj", "Cpl", "Pvt", "Gov", "Sen", "Sens", "Rep", "Reps", "Rev", "Hon",
	"Pres", "Supt", "Det", "Insp", "Amb", "Atty", "Sr", "Jr", "St", "Fr", "Drs", "Profs",
	// organisations and addresses
	"Inc", "Corp", "Ltd", "Co", "Cos", "Bros", "Plc", "Assn", "Dept", "Univ", "Intl",
	"Mfg", "Ave", "Blvd", "Rd", "Mt", "Ft", "Hwy", "Sq", "INC", "CORP", "LTD", "CO", "CORPS",
	// months and days
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
	"Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat",
	// US states in AP style
	"Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan",
	"Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla",
	"Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
	// references and Latin
	"vs", "etc", "approx", "est", "No", "Nos", "no", "ext", "Vol", "vol", "pp", "Fig", "fig", "al",
	"cf", "ca", "viz", "incl", "dept", "Ref", "ref",
)

// finalAbbreviations often end a sentence ("... of Apple Inc. The company"),
// so they may end one when a sentence opener follows. Dotted all-capital
// acronyms ("U.S", "D.C") are recognised by shape.
var finalAbbreviations = setOf(
	"Inc", "Corp", "Ltd", "Co", "Cos", "Bros", "Plc", "Jr", "Sr", "etc", "al",
	"INC", "CORP", "LTD", "CO",
	"a.m", "p.m",
)

// sentenceOpeners are capitalised words that typically start a sentence
// and rarely continue a name, so they can confirm that an abbreviation
// such as "U.S." ended the previous sentence.
var sentenceOpeners = setOf(
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its",
	"Their", "Our", "My", "This", "That", "These", "Those", "There", "But", "And", "Or",
	"So", "Yet", "In", "On", "At", "For", "If", "When", "While", "After", "Before", "As",
	"However", "Meanwhile", "Also", "Still", "Some", "Many", "Most", "What", "Why",
	"How", "Who", "Where", "Both", "Such", "Then", "Now", "Since", "Although", "Though",
	"Despite", "According", "Earlier", "Later", "Last", "Next", "Under", "With",
)

// strongOpeners are the sentence openers that end a sentence even after a
// single capital letter ("because of X. So ..."): function words that are
// not plausible surnames, so "George W. Bush" and "Donald J. Trump" never
// split.
var strongOpeners = setOf(
	"The", "He", "She", "It", "They", "We", "I", "But", "And", "This", "That", "These",
	"There", "His", "Her", "Their", "Our", "In", "If", "When", "So", "What", "Why", "How",
)

// hyphenPrefixes are bound prefixes that EWT keeps attached to the word
// after the hyphen ("e-mail", "non-profit", "post-war"); other hyphenated
// compounds are split.
var hyphenPrefixes = setOf(
	"e", "non", "mid", "pre", "anti", "re", "post", "co", "pro", "multi", "ex", "sub",
	"semi", "neo", "cross", "psycho", "socio", "un", "intra", "inter", "micro", "over",
	"bi", "counter", "ultra", "pseudo", "quasi",
)

// ntTypos are negations written without an apostrophe; EWT splits them as
// "do" + "nt".
var ntTypos = setOf(
	"dont", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "cant", "wont",
	"couldnt", "wouldnt", "shouldnt", "havent", "hasnt", "hadnt", "aint",
)

// fusedSplit returns where EWT splits a fused word ("cannot" → can not,
// "gonna" → gon na), or 0.
func fusedSplit(w string) int {
	switch len(w) {
	case 5:
		if strings.EqualFold(w, "gonna") || strings.EqualFold(w, "wanna") || strings.EqualFold(w, "gotta") {
			return 3
		}
	case 6:
		if strings.EqualFold(w, "cannot") {
			return 3
		}
	}
	return 0
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
