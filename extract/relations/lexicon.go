package relations

// Word lists behind the rules. They are closed-class words or small verb
// classes of general English, not lists tuned to any text.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// speechVerbs introduce reported speech or a stated belief: their content
// clause is the speaker's claim, not an asserted fact.
var speechVerbs = set(
	"say", "tell", "claim", "state", "add", "note", "stress", "urge", "caution", "warn",
	"argue", "insist", "suggest", "indicate", "emphasize", "emphasise", "announce",
	"report", "deny", "confirm", "explain", "declare", "assert", "reply", "respond",
	"write", "admit", "acknowledge", "predict", "promise", "believe", "think", "hope",
	"fear", "expect", "contend", "maintain", "allege", "reiterate", "signal", "tweet",
	"recall", "observe", "comment", "mention", "propose", "demand", "ask", "agree",
	"worry", "complain", "estimate", "assume", "conclude", "accuse", "vow", "pledge",
	"threaten", "recommend", "testify", "concede", "speculate", "imply", "hint", "announce",
	"point", "remark", "answer", "decide", "feel", "guess", "doubt", "suspect", "reckon",
	"understand", "learn", "hear", "show", "prove", "find", "reveal", "know", "realize",
	"realise", "recognize", "recognise", "see", "notice", "guarantee", "assure",
)

// reportVerbs are the speechVerbs that report an act of telling, not a
// belief or a finding: their subject is a speaker ("Trump stressed …"),
// where "records show …" or "polls suggest …" have none.
var reportVerbs = set(
	"say", "tell", "claim", "state", "add", "note", "stress", "urge", "caution", "warn",
	"argue", "insist", "emphasize", "emphasise", "announce", "deny", "confirm", "explain",
	"declare", "assert", "reply", "respond", "write", "admit", "acknowledge", "predict",
	"promise", "contend", "maintain", "allege", "reiterate", "tweet", "recall", "comment",
	"mention", "propose", "demand", "ask", "complain", "accuse", "vow", "pledge",
	"threaten", "recommend", "testify", "concede", "remark", "answer",
)

// continuationVerbs, as a participle after a report ("…, adding that
// …", "…, noting …"), continue the reporter's words; other participles
// ("…, asking it to study …") may be the reported subject's act.
var continuationVerbs = set(
	"say", "add", "note", "stress", "insist", "emphasize", "emphasise", "explain", "argue",
	"claim", "reiterate", "acknowledge", "admit", "concede", "remark", "comment", "caution",
)

// directiveVerbs take a mandative complement: "urged that Kyiv view
// developments constructively" urges Kyiv, and the clause says what
// should happen.
var directiveVerbs = set("urge", "demand", "request", "recommend", "propose", "order", "require",
	"command", "advise", "ask", "beg", "implore")

// motionVerbs take a destination with "to": "invited Trump to Moscow".
var motionVerbs = set(
	"go", "come", "travel", "fly", "move", "return", "invite", "head", "drive", "walk",
	"run", "flee", "migrate", "relocate", "deploy", "bring", "take", "lead", "welcome",
	"summon", "sail", "march", "escort", "rush", "race", "journey", "emigrate",
	"immigrate", "retreat", "advance", "withdraw", "expand", "extend", "transfer",
	"ship", "export", "import", "send", "dispatch", "post", "evacuate", "fall", "rise",
	"jump", "climb", "descend", "arrive", "get", "trip", "visit",
)

// giveVerbs take a recipient with "to": "sold the company to Ford".
var giveVerbs = set(
	"give", "offer", "sell", "pass", "hand", "deliver", "provide", "lend", "award",
	"grant", "pay", "show", "tell", "explain", "write", "report", "present", "donate",
	"assign", "supply", "loan", "mail", "email", "forward", "submit", "address",
	"speak", "talk", "say", "announce", "describe", "introduce", "reveal", "apologize",
	"apologise", "belong", "lease", "rent", "leave", "bequeath", "transmit", "issue",
	"distribute", "allocate", "dedicate", "owe", "brief", "promise", "send",
)

// temporalNouns make an argument a time: "in August", "last week".
var temporalNouns = set(
	"today", "yesterday", "tomorrow", "tonight", "now", "then",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan.", "feb.", "mar.", "apr.",
	"jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
	"year", "years", "month", "months", "week", "weeks", "day", "days", "morning",
	"mornings", "afternoon", "evening", "night", "nights", "decade", "decades",
	"century", "centuries", "season", "spring", "summer", "autumn", "winter",
	"hour", "hours", "minute", "minutes", "weekend", "weekends", "period", "era",
	"moment", "date", "quarter", "time", "times", "age", "ages", "fortnight",
	"millennium", "semester", "lifetime", "childhood", "youth", "future", "past",
	"beginning", "end", "start", "dawn", "dusk", "noon", "midnight", "anniversary",
	"holiday", "holidays", "christmas", "easter",
)

// temporalPreps always introduce a time.
var temporalPreps = set("during", "since", "until", "till", "before", "after", "throughout", "following", "prior to", "ahead of", "by the time")

// placePreps introduce a location unless the object is temporal.
var placePreps = set("in", "at", "within", "inside", "near", "across", "outside", "behind",
	"beside", "beneath", "under", "underneath", "above", "below", "between", "among",
	"amongst", "along", "around", "opposite", "next to", "near to", "alongside", "off",
	"atop", "amid", "amidst", "throughout")

// surfaceNouns head names of places one is "on" rather than "in".
var surfaceNouns = set("street", "avenue", "road", "boulevard", "lane", "drive", "way", "square",
	"island", "islands", "isle", "coast", "shore", "border", "bank", "river", "lake", "peninsula",
	"front", "line", "mountain", "mount", "hill", "campus", "highway", "route", "st.", "ave.", "rd.")

// mannerNouns after "in" say how something happened, not where.
var mannerNouns = set("atmosphere", "mood", "spirit", "manner", "way", "fashion", "tone", "voice",
	"style", "climate", "secret", "private", "public", "person", "detail", "principle", "silence",
	"haste", "unison", "tandem", "earnest", "vain", "response", "turn")

// asVerbs say what their object is taken for with "as": "described the
// talks as productive", "named Lee as chair".
var asVerbs = set("describe", "regard", "see", "view", "consider", "characterize", "characterise",
	"portray", "label", "treat", "present", "depict", "hail", "brand", "dismiss", "define",
	"classify", "rate", "rank", "list", "cite", "identify", "recognize", "recognise", "accept",
	"appoint", "name", "elect", "choose", "hire", "interpret", "frame", "paint", "cast",
	"welcome", "praise", "criticize", "criticise", "denounce", "condemn", "reject", "count",
	"mark", "designate", "nominate", "confirm", "reappoint", "install", "introduce", "market",
	"bill", "tout", "style", "dub", "know")

// rankWords rank a noun among others like it: "the first summit in four
// years".
var rankWords = set("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
	"ninth", "tenth", "last", "only", "latest", "next")

// negWords negate the clause they modify.
var negWords = set("not", "n't", "never", "no", "nor", "neither", "nt")

// modalWords are auxiliaries that carry modality; their normal form is
// the value of Fact.Modality.
var modalWords = map[string]string{
	"will": "will", "'ll": "will", "wo": "will", "would": "would", "'d": "would",
	"could": "could", "can": "can", "ca": "can", "may": "may", "might": "might",
	"must": "must", "should": "should", "shall": "shall", "ought": "ought",
}

// relativeWords are relative pronouns and adverbs that a relative clause
// replaces with the noun it modifies.
var relativeWords = set("who", "whom", "which", "that", "where", "when", "whose", "why")

// personPronouns are the pronouns that stand for a participant and need
// coreference before a fact can land on an entity.
var personPronouns = set("he", "she", "it", "they", "we", "i", "you", "him", "her", "them",
	"us", "me", "this", "that", "these", "those", "one", "who", "whom", "which", "itself",
	"himself", "herself", "themselves", "ourselves", "myself", "yourself", "everyone",
	"someone", "anyone", "nobody", "somebody", "everybody", "both", "all", "some", "many",
	"most", "others", "another", "each", "either", "neither", "something", "anything",
	"everything", "nothing", "none", "few", "several")

// roleForPrep names the role of a prepositional argument. Prepositions
// without a more specific role keep their own name ("against", "with"),
// which stays readable in the graph.
func roleForPrep(prep, verbLemma string, temporal, person, place, verbal bool) string {
	switch {
	case temporal && (placePreps[prep] || prep == "on" || prep == "for" || prep == "from" || prep == "to" || prep == "by" || prep == "over" || prep == "within"):
		if prep == "for" || prep == "over" || prep == "within" {
			return "duration"
		}
		return "time"
	case temporalPreps[prep]:
		return "time"
	case prep == "to" || prep == "into" || prep == "onto" || prep == "toward" || prep == "towards":
		if prep != "to" {
			return "destination"
		}
		if verbal {
			return "purpose"
		}
		if giveVerbs[verbLemma] && !place || person && !motionVerbs[verbLemma] {
			return "recipient"
		}
		if motionVerbs[verbLemma] || place {
			return "destination"
		}
		return "to"
	case prep == "from" || prep == "out of":
		return "source"
	case prep == "about" || prep == "regarding" || prep == "concerning" || prep == "on" && !place:
		return "topic"
	case placePreps[prep] || prep == "on":
		return "location"
	case prep == "for":
		if verbal {
			return "purpose"
		}
		return "for"
	case prep == "by":
		if verbal {
			return "manner"
		}
		return "by"
	case prep == "because of" || prep == "due to" || prep == "owing to" || prep == "thanks to":
		return "cause"
	case prep == "despite" || prep == "in spite of":
		return "concession"
	case prep == "without":
		return "without"
	}
	r := []byte(prep)
	for i, c := range r {
		if c == ' ' {
			r[i] = '_'
		}
	}
	return string(r)
}

// advclPreps introduce gerund clauses that act as arguments of their verb.
var advclPreps = set("by", "after", "before", "since", "until", "upon", "on", "through", "from",
	"for", "without", "despite", "in", "while", "when")

// nounPreps are the prepositions of noun modifiers read as relations.
var nounPreps = set("in", "at", "near", "on", "between", "from", "with", "for", "of", "by", "within", "outside", "inside", "among")

// beForm are the finite and participle forms of "be" that the CaRB
// writer normalises to the lemma.
var beForm = set("is", "are", "was", "were", "am", "be", "been", "being", "'s", "'re", "'m")
