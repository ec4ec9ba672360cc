package coref

import "strings"

// The word lists below are hand-written closed classes of English news
// vocabulary. They are small on purpose: each one drives a rule whose
// behaviour is easy to predict, and a word missing from a list only costs a
// missed link, never a wrong one.

// titleWords are role words that can precede a person's name ("President
// Putin", "Foreign Minister Sergei Lavrov") or head a description of a
// person ("the Russian president"). Lower-case; abbreviations keep their dot.
var titleWords = set(
	"president", "vice", "prime", "minister", "premier", "chancellor", "king", "queen",
	"prince", "princess", "emperor", "empress", "pope", "sultan", "sheikh", "emir", "ayatollah",
	"secretary", "senator", "sen.", "sen", "governor", "gov.", "gov", "mayor", "congressman",
	"congresswoman", "representative", "rep.", "rep", "ambassador", "envoy", "spokesman",
	"spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "ceo", "director",
	"leader", "general", "gen.", "gen", "colonel", "col.", "lieutenant", "lt.", "sergeant",
	"sgt.", "captain", "capt.", "major", "maj.", "admiral", "adm.", "commander", "judge",
	"justice", "attorney", "prosecutor", "dr.", "dr", "doctor", "mr.", "mr", "mrs.", "mrs",
	"ms.", "ms", "miss", "professor", "prof.", "rev.", "reverend", "archbishop", "bishop",
	"cardinal", "father", "sir", "lord", "lady", "dame", "president-elect", "commissioner",
	"chief", "head", "officer", "official", "diplomat", "counterpart", "founder", "owner",
	"coach", "manager", "editor", "correspondent", "negotiator", "adviser", "advisor",
	"aide", "deputy", "foreign", "defense", "defence", "interior", "finance", "state",
	"former", "acting", "interim", "first", "crown", "grand", "supreme", "executive",
	"economy", "trade", "justice", "health", "security", "national", "special",
	// The ends of multi-word offices that the recogniser sweeps into the
	// name: "Chancellor of the Exchequer Nigel Lawson", "Chief of Staff
	// Howard Baker".
	"exchequer", "staff",
)

// coreTitles are the title words that make a run of capitalised words a
// title; modifiers such as "foreign" or "former" only count next to one.
var coreTitles = set(
	"president", "minister", "premier", "chancellor", "king", "queen", "prince", "princess",
	"emperor", "empress", "pope", "sultan", "sheikh", "emir", "ayatollah", "secretary",
	"senator", "sen.", "sen", "governor", "gov.", "gov", "mayor", "congressman",
	"congresswoman", "representative", "rep.", "ambassador", "envoy", "spokesman",
	"spokeswoman", "spokesperson", "chairman", "chairwoman", "ceo", "director", "leader",
	"general", "gen.", "colonel", "col.", "lieutenant", "lt.", "sergeant", "sgt.", "captain",
	"capt.", "admiral", "adm.", "commander", "judge", "justice", "attorney", "prosecutor",
	"dr.", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "professor", "prof.", "rev.", "reverend",
	"archbishop", "bishop", "cardinal", "sir", "lord", "dame", "president-elect",
	"commissioner", "chief", "official", "diplomat", "founder", "coach", "manager",
	"negotiator", "adviser", "advisor", "aide", "officer", "administrator", "superintendent",
	"commander", "deputy", "publisher", "editor",
)

// honorifics carry gender.
var maleHonorifics = set("mr.", "mr", "king", "prince", "sir", "lord", "emperor", "sultan", "father", "sheikh", "pope", "congressman", "spokesman", "chairman")
var femaleHonorifics = set("mrs.", "mrs", "ms.", "ms", "miss", "queen", "princess", "lady", "dame", "empress", "congresswoman", "spokeswoman", "chairwoman")

// personNouns head descriptions that can refer back to a named person
// ("the Russian leader", "the two presidents").
var personNouns = set(
	"leader", "president", "minister", "premier", "chancellor", "king", "queen", "prince",
	"pope", "secretary", "senator", "governor", "mayor", "ambassador", "envoy", "spokesman",
	"spokeswoman", "chairman", "ceo", "director", "general", "judge", "diplomat",
	"counterpart", "host", "guest", "politician", "official", "lawmaker", "candidate",
	"president-elect", "monarch", "dictator", "head",
)

// eventClasses groups event nouns whose mentions may corefer: "the summit",
// "the meeting" and "the talks" can all name one meeting, but a press
// conference is a different event.
var eventClasses = map[string]string{
	"summit": "meeting", "meeting": "meeting", "talks": "meeting", "talk": "meeting",
	"negotiations": "meeting", "negotiation": "meeting", "discussions": "meeting",
	"discussion": "meeting", "meetings": "meeting",
	"conference": "conference", "briefing": "conference",
	"war": "war", "conflict": "war", "invasion": "war", "fighting": "war",
	"election": "election", "elections": "election", "referendum": "election", "vote": "election",
	"attack": "attack", "bombing": "attack", "assassination": "attack", "shooting": "attack",
	"explosion": "attack", "blast": "attack",
	"visit": "visit", "trip": "visit", "tour": "visit",
	"ceremony": "ceremony", "funeral": "ceremony", "inauguration": "ceremony",
	"earthquake": "disaster", "flood": "disaster", "hurricane": "disaster", "storm": "disaster",
	"protest": "protest", "protests": "protest", "demonstration": "protest", "rally": "protest",
	"trial": "trial", "hearing": "trial",
}

// Pronoun features.
type pronoun struct {
	gender byte // 'm', 'f' or 0
	plural bool
	person bool // refers to a person (he/she) — false for "it"
	thing  bool // refers to a non-person ("it")
}

var pronouns = map[string]pronoun{
	"he": {gender: 'm', person: true}, "him": {gender: 'm', person: true},
	"his": {gender: 'm', person: true}, "himself": {gender: 'm', person: true},
	"she": {gender: 'f', person: true}, "her": {gender: 'f', person: true},
	"hers": {gender: 'f', person: true}, "herself": {gender: 'f', person: true},
	"it": {thing: true}, "its": {thing: true}, "itself": {thing: true},
	"they": {plural: true}, "them": {plural: true}, "their": {plural: true},
	"theirs": {plural: true}, "themselves": {plural: true},
}

// Common first names by gender. A name missing here just leaves the
// person's gender unknown, which is compatible with both he and she.
var maleNames = set(
	"donald", "vladimir", "volodymyr", "joe", "joseph", "barack", "george", "bill", "william",
	"john", "james", "robert", "michael", "david", "richard", "thomas", "charles", "mark",
	"paul", "peter", "steven", "steve", "kevin", "brian", "ronald", "jimmy", "gerald", "lyndon",
	"dwight", "harry", "franklin", "abraham", "emmanuel", "boris", "keir", "rishi", "olaf",
	"xi", "narendra", "recep", "benjamin", "mahmoud", "ali", "mohammed", "muhammad", "ahmed",
	"sergei", "sergey", "dmitry", "mikhail", "yuri", "viktor", "andrew", "anthony", "antony",
	"marco", "mike", "jd", "j.d.", "elon", "jeff", "tim", "sundar", "satya", "kim", "fidel",
	"raul", "hugo", "nicolas", "luiz", "javier", "pedro", "carlos", "jose", "juan", "luis",
	"friedrich", "helmut", "gerhard", "jacques", "francois", "nicolas", "silvio", "giorgio",
	"matteo", "mario", "pope", "francis", "leo", "justin", "stephen", "scott", "matt", "ted",
	"chuck", "mitch", "lindsey", "rudy", "rex", "jim", "tom", "dick", "bob", "frank", "fred",
	"henry", "edward", "lee", "oswald", "jesse", "martin", "malcolm", "nelson", "kofi", "ban",
	"hamid", "ashraf", "saddam", "osama", "yasser", "ariel", "ehud", "shimon", "yitzhak",
	"hosni", "bashar", "hassan", "ebrahim", "ruhollah", "ayatollah", "kim", "shinzo", "fumio",
	"junichiro", "lee", "moon", "yoon", "rodrigo", "ferdinand", "jair", "alberto", "gustavo",
	"andres", "felipe", "alexander", "alexei", "alexey", "nikolai", "ivan", "igor", "oleg",
	"pavel", "petro", "andriy", "dmytro", "rustem", "kyrylo", "gary", "larry", "dan", "daniel",
	"christopher", "chris", "patrick", "sean", "ryan", "eric", "jonathan", "adam", "samuel",
	"sam", "walter", "arthur", "albert", "ernest", "louis", "philip", "carl", "karl", "hans",
)

var femaleNames = set(
	"hillary", "kamala", "nancy", "angela", "theresa", "margaret", "elizabeth", "mary",
	"jennifer", "linda", "patricia", "barbara", "susan", "jessica", "sarah", "karen", "lisa",
	"michelle", "melania", "jill", "laura", "condoleezza", "madeleine", "ursula", "giorgia",
	"liz", "marine", "christine", "kristalina", "jacinda", "julia", "golda", "indira", "benazir",
	"aung", "sheikh", "tsai", "yulia", "olena", "maria", "anna", "elena", "olga", "natalia",
	"tatiana", "irina", "svetlana", "victoria", "catherine", "diana", "anne", "jane", "emily",
	"emma", "sophie", "kristi", "tulsi", "nikki", "marjorie", "elise", "susie", "karoline",
	"pam", "pamela", "kaja", "annalena", "sanna", "mette", "claudia", "dilma", "cristina",
	"michelle", "betsy", "rosa", "harriet", "amelia", "eleanor", "jacqueline", "ruth",
	"sonia", "kathleen", "katherine", "helen", "alice", "grace", "carol", "sandra", "donna",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// country is one entry of the place table: the canonical English name, its
// demonyms and the other names news text uses for it.
type country struct {
	name     string
	demonyms []string
	aliases  []string
}

// countries is a hand-written table of the countries and regions most often
// in English news. It maps demonyms to places ("Russian" → Russia) for
// leader_of and nationality facts and canonicalises within-document variants
// ("US", "U.S.", "America" → United States) so that IRIs minted from
// canonical names merge across documents.
var countries = []country{
	{"United States", []string{"American", "US", "U.S.", "U.S"}, []string{"US", "U.S.", "U.S", "USA", "U.S.A.", "America", "United States of America", "the United States", "the US", "the U.S."}},
	{"Russia", []string{"Russian"}, []string{"Russian Federation", "the Russian Federation"}},
	{"Ukraine", []string{"Ukrainian"}, []string{"the Ukraine"}},
	{"United Kingdom", []string{"British", "UK", "U.K."}, []string{"UK", "U.K.", "Britain", "Great Britain", "the United Kingdom", "the UK"}},
	{"China", []string{"Chinese"}, []string{"People's Republic of China", "PRC"}},
	{"France", []string{"French"}, nil},
	{"Germany", []string{"German", "West German", "East German"}, []string{"West Germany", "East Germany"}},
	{"Italy", []string{"Italian"}, nil},
	{"Spain", []string{"Spanish"}, nil},
	{"Portugal", []string{"Portuguese"}, nil},
	{"Japan", []string{"Japanese"}, nil},
	{"India", []string{"Indian"}, nil},
	{"Pakistan", []string{"Pakistani"}, nil},
	{"Afghanistan", []string{"Afghan"}, nil},
	{"Iran", []string{"Iranian"}, nil},
	{"Iraq", []string{"Iraqi"}, nil},
	{"Syria", []string{"Syrian"}, nil},
	{"Israel", []string{"Israeli"}, nil},
	{"Palestine", []string{"Palestinian"}, []string{"Palestinian territories"}},
	{"Lebanon", []string{"Lebanese"}, nil},
	{"Jordan", []string{"Jordanian"}, nil},
	{"Egypt", []string{"Egyptian"}, nil},
	{"Saudi Arabia", []string{"Saudi"}, nil},
	{"Turkey", []string{"Turkish"}, []string{"Turkiye", "Türkiye"}},
	{"Greece", []string{"Greek"}, nil},
	{"Poland", []string{"Polish"}, nil},
	{"Hungary", []string{"Hungarian"}, nil},
	{"Romania", []string{"Romanian"}, nil},
	{"Belarus", []string{"Belarusian"}, nil},
	{"Georgia", []string{"Georgian"}, nil},
	{"Sweden", []string{"Swedish"}, nil},
	{"Norway", []string{"Norwegian"}, nil},
	{"Finland", []string{"Finnish"}, nil},
	{"Denmark", []string{"Danish"}, nil},
	{"Netherlands", []string{"Dutch"}, []string{"the Netherlands", "Holland"}},
	{"Belgium", []string{"Belgian"}, nil},
	{"Switzerland", []string{"Swiss"}, nil},
	{"Austria", []string{"Austrian"}, nil},
	{"Ireland", []string{"Irish"}, nil},
	{"Canada", []string{"Canadian"}, nil},
	{"Mexico", []string{"Mexican"}, nil},
	{"Brazil", []string{"Brazilian"}, nil},
	{"Argentina", []string{"Argentine", "Argentinian"}, nil},
	{"Chile", []string{"Chilean"}, nil},
	{"Colombia", []string{"Colombian"}, nil},
	{"Venezuela", []string{"Venezuelan"}, nil},
	{"Peru", []string{"Peruvian"}, nil},
	{"Cuba", []string{"Cuban"}, nil},
	{"Nicaragua", []string{"Nicaraguan"}, nil},
	{"El Salvador", []string{"Salvadoran"}, nil},
	{"Panama", []string{"Panamanian"}, nil},
	{"Australia", []string{"Australian"}, nil},
	{"New Zealand", []string{"New Zealander"}, nil},
	{"South Africa", []string{"South African"}, nil},
	{"Nigeria", []string{"Nigerian"}, nil},
	{"Kenya", []string{"Kenyan"}, nil},
	{"Ethiopia", []string{"Ethiopian"}, nil},
	{"Somalia", []string{"Somali"}, nil},
	{"Sudan", []string{"Sudanese"}, nil},
	{"Libya", []string{"Libyan"}, nil},
	{"Algeria", []string{"Algerian"}, nil},
	{"Morocco", []string{"Moroccan"}, nil},
	{"Tunisia", []string{"Tunisian"}, nil},
	{"North Korea", []string{"North Korean"}, []string{"DPRK"}},
	{"South Korea", []string{"South Korean"}, []string{"Korea"}},
	{"Vietnam", []string{"Vietnamese"}, nil},
	{"Thailand", []string{"Thai"}, nil},
	{"Indonesia", []string{"Indonesian"}, nil},
	{"Philippines", []string{"Philippine", "Filipino"}, []string{"the Philippines"}},
	{"Malaysia", []string{"Malaysian"}, nil},
	{"Taiwan", []string{"Taiwanese"}, nil},
	{"Cambodia", []string{"Cambodian"}, nil},
	{"Myanmar", []string{"Burmese"}, []string{"Burma"}},
	{"Bangladesh", []string{"Bangladeshi"}, nil},
	{"Sri Lanka", []string{"Sri Lankan"}, nil},
	{"Nepal", []string{"Nepalese", "Nepali"}, nil},
	{"Soviet Union", []string{"Soviet"}, []string{"USSR", "U.S.S.R."}},
	{"Serbia", []string{"Serbian", "Serb"}, nil},
	{"Croatia", []string{"Croatian", "Croat"}, nil},
	{"Bosnia", []string{"Bosnian"}, []string{"Bosnia and Herzegovina"}},
	{"Kosovo", []string{"Kosovar"}, nil},
	{"Yugoslavia", []string{"Yugoslav"}, nil},
	{"Czech Republic", []string{"Czech"}, []string{"Czechia"}},
	{"Slovakia", []string{"Slovak"}, nil},
	{"Lithuania", []string{"Lithuanian"}, nil},
	{"Latvia", []string{"Latvian"}, nil},
	{"Estonia", []string{"Estonian"}, nil},
	{"Moldova", []string{"Moldovan"}, nil},
	{"Armenia", []string{"Armenian"}, nil},
	{"Azerbaijan", []string{"Azerbaijani"}, nil},
	{"Kazakhstan", []string{"Kazakh"}, nil},
	{"Qatar", []string{"Qatari"}, nil},
	{"Yemen", []string{"Yemeni"}, nil},
	{"Kuwait", []string{"Kuwaiti"}, nil},
	{"Haiti", []string{"Haitian"}, nil},
	{"Zimbabwe", []string{"Zimbabwean"}, nil},
	{"Zambia", []string{"Zambian"}, nil},
	{"Angola", []string{"Angolan"}, nil},
	{"Mozambique", []string{"Mozambican"}, nil},
	{"Namibia", []string{"Namibian"}, nil},
	{"Botswana", nil, nil},
	{"Ghana", []string{"Ghanaian"}, nil},
	{"Senegal", []string{"Senegalese"}, nil},
	{"Cameroon", []string{"Cameroonian"}, nil},
	{"Tanzania", []string{"Tanzanian"}, nil},
	{"Uganda", []string{"Ugandan"}, nil},
	{"Rwanda", []string{"Rwandan"}, nil},
	{"Burundi", []string{"Burundian"}, nil},
	{"Liberia", []string{"Liberian"}, nil},
	{"Sierra Leone", []string{"Sierra Leonean"}, nil},
	{"Zaire", []string{"Zairean"}, nil},
	{"Madagascar", []string{"Malagasy"}, nil},
	{"Eritrea", []string{"Eritrean"}, nil},
	{"Djibouti", nil, nil},
	{"Malawi", []string{"Malawian"}, nil},
	{"Guatemala", []string{"Guatemalan"}, nil},
	{"Honduras", []string{"Honduran"}, nil},
	{"Costa Rica", []string{"Costa Rican"}, nil},
	{"Ecuador", []string{"Ecuadoran"}, nil},
	{"Bolivia", []string{"Bolivian"}, nil},
	{"Paraguay", []string{"Paraguayan"}, nil},
	{"Uruguay", []string{"Uruguayan"}, nil},
	{"Dominican Republic", []string{"Dominican"}, nil},
	{"Jamaica", []string{"Jamaican"}, nil},
	{"Iceland", []string{"Icelandic"}, nil},
	{"Luxembourg", nil, nil},
	{"Slovenia", []string{"Slovenian"}, nil},
	{"Macedonia", []string{"Macedonian"}, nil},
	{"Albania", []string{"Albanian"}, nil},
	{"Bulgaria", []string{"Bulgarian"}, nil},
	{"Cyprus", []string{"Cypriot"}, nil},
	{"Malta", []string{"Maltese"}, nil},
	{"Mongolia", []string{"Mongolian"}, nil},
	{"Laos", []string{"Laotian"}, nil},
	{"Singapore", []string{"Singaporean"}, nil},
	{"Oman", []string{"Omani"}, nil},
	{"Bahrain", []string{"Bahraini"}, nil},
	{"United Arab Emirates", nil, nil},
	{"Tajikistan", []string{"Tajik"}, nil},
	{"Uzbekistan", []string{"Uzbek"}, nil},
	{"Turkmenistan", []string{"Turkmen"}, nil},
	{"Kyrgyzstan", []string{"Kyrgyz"}, nil},
	{"Ivory Coast", []string{"Ivorian"}, nil},
	{"Gabon", []string{"Gabonese"}, nil},
	{"Andorra", []string{"Andorran"}, nil},
	{"Antigua and Barbuda", []string{"Antiguan"}, nil},
	{"Bahamas", []string{"Bahamian"}, []string{"the Bahamas"}},
	{"Barbados", []string{"Barbadian"}, nil},
	{"Belize", []string{"Belizean"}, nil},
	{"Benin", []string{"Beninese"}, nil},
	{"Bhutan", []string{"Bhutanese"}, nil},
	{"Brunei", []string{"Bruneian"}, nil},
	{"Burkina Faso", []string{"Burkinabe"}, nil},
	{"Cape Verde", []string{"Cape Verdean"}, nil},
	{"Central African Republic", nil, nil},
	{"Chad", []string{"Chadian"}, nil},
	{"Comoros", []string{"Comoran"}, nil},
	{"Congo", []string{"Congolese"}, []string{"Republic of Congo", "Democratic Republic of Congo", "DR Congo"}},
	{"Dominica", nil, nil},
	{"East Timor", []string{"East Timorese"}, []string{"Timor-Leste"}},
	{"Equatorial Guinea", []string{"Equatorial Guinean"}, nil},
	{"Eswatini", []string{"Swazi"}, []string{"Swaziland"}},
	{"Fiji", []string{"Fijian"}, nil},
	{"Gambia", []string{"Gambian"}, []string{"the Gambia"}},
	{"Grenada", []string{"Grenadian"}, nil},
	{"Guinea", []string{"Guinean"}, nil},
	{"Guinea-Bissau", nil, nil},
	{"Guyana", []string{"Guyanese"}, nil},
	{"Kiribati", nil, nil},
	{"Lesotho", nil, nil},
	{"Liechtenstein", nil, nil},
	{"Maldives", []string{"Maldivian"}, []string{"the Maldives"}},
	{"Mali", []string{"Malian"}, nil},
	{"Marshall Islands", nil, nil},
	{"Mauritania", []string{"Mauritanian"}, nil},
	{"Mauritius", []string{"Mauritian"}, nil},
	{"Micronesia", []string{"Micronesian"}, nil},
	{"Monaco", []string{"Monegasque"}, nil},
	{"Montenegro", []string{"Montenegrin"}, nil},
	{"Nauru", nil, nil},
	{"Niger", []string{"Nigerien"}, nil},
	{"Palau", nil, nil},
	{"Papua New Guinea", nil, nil},
	{"Saint Kitts and Nevis", nil, nil},
	{"Saint Lucia", nil, nil},
	{"Samoa", []string{"Samoan"}, nil},
	{"San Marino", nil, nil},
	{"Seychelles", nil, nil},
	{"Solomon Islands", nil, nil},
	{"South Sudan", []string{"South Sudanese"}, nil},
	{"Suriname", []string{"Surinamese"}, []string{"Surinam"}},
	{"Togo", []string{"Togolese"}, nil},
	{"Tonga", []string{"Tongan"}, nil},
	{"Trinidad and Tobago", []string{"Trinidadian"}, []string{"Trinidad"}},
	{"Tuvalu", nil, nil},
	{"Vanuatu", nil, nil},
	{"Vatican", nil, []string{"Vatican City", "Holy See"}},
	{"Czechoslovakia", []string{"Czechoslovak"}, nil},
	{"Rhodesia", []string{"Rhodesian"}, nil},
	{"European Union", []string{"European", "EU"}, []string{"EU", "E.U."}},
	{"Europe", nil, nil},
	{"Africa", []string{"African"}, nil},
	{"Asia", []string{"Asian"}, nil},
}

// usStates maps the AP-style abbreviations of US states, which datelines
// and addresses use ("Memphis, Tenn."), to the state names.
var usStates = map[string]string{
	"Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
	"Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
	"Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky",
	"La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan",
	"Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana",
	"Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
	"N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota",
	"Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island",
	"S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Vt.": "Vermont",
	"Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin",
	"Wyo.": "Wyoming", "D.C.": "District of Columbia", "Penn.": "Pennsylvania", "Tex.": "Texas",
}

// usStateNames holds the full names of the US states, lower case.
var usStateNames = set(
	"alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
	"delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
	"kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
	"mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
	"new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
	"pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
	"vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
)

// IsStateAbbrev reports whether w is an AP-style US state abbreviation
// ("Tenn.", "N.J."), with or without the final dot.
func IsStateAbbrev(w string) bool {
	if _, ok := usStates[w]; ok {
		return true
	}
	_, ok := usStates[w+"."]
	return ok && len(w) > 2
}

var (
	demonymIndex = func() map[string]string {
		m := map[string]string{}
		for _, c := range countries {
			for _, d := range c.demonyms {
				m[strings.ToLower(d)] = c.name
			}
		}
		return m
	}()
	placeAliasIndex = func() map[string]string {
		m := map[string]string{}
		for abbr, name := range usStates {
			m[strings.ToLower(name)] = name
			m[strings.ToLower(abbr)] = name
		}
		for _, c := range countries {
			m[strings.ToLower(c.name)] = c.name
			for _, a := range c.aliases {
				m[strings.ToLower(a)] = c.name
			}
		}
		return m
	}()
)

// CountryOfDemonym maps a nationality adjective or abbreviation to the
// canonical country name: "Russian" → "Russia", "US" → "United States".
func CountryOfDemonym(word string) (string, bool) {
	c, ok := demonymIndex[strings.ToLower(strings.TrimSpace(word))]
	return c, ok
}

// CanonicalPlace maps a place name variant to the canonical name used for
// IRIs ("U.S." → "United States", "the Russian Federation" → "Russia");
// unknown names come back unchanged with ok=false.
func CanonicalPlace(name string) (string, bool) {
	c, ok := placeAliasIndex[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return name, false
	}
	return c, true
}

// regions are the places above countries that news text names: a country
// can lie in one of these, never in a city, a state or another country.
var regions = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range []string{
		"Europe", "Asia", "Africa", "European Union", "North America", "South America",
		"Latin America", "Central America", "Middle East", "Near East", "Far East",
		"Southeast Asia", "South Asia", "East Asia", "Central Asia", "Western Europe",
		"Eastern Europe", "Central Europe", "Northern Europe", "Southern Europe",
		"Caribbean", "Scandinavia", "Balkans", "Baltics", "Caucasus", "Gulf", "Persian Gulf",
		"Arabian Peninsula", "Indochina", "Oceania", "Pacific", "South Pacific",
		"Mediterranean", "West Africa", "East Africa", "North Africa", "Southern Africa",
		"Central Africa", "Sub-Saharan Africa", "Horn of Africa", "Sahel", "Maghreb",
		"Arctic", "Antarctica", "Americas", "Eurasia",
	} {
		m[strings.ToLower(r)] = true
	}
	return m
}()

// supranational are the entries of the countries table that are no
// country.
var supranational = map[string]bool{"European Union": true, "Europe": true, "Africa": true, "Asia": true}

// IsCountry reports whether name (any variant the place table knows: "U.S.",
// "Britain") names a country.
func IsCountry(name string) bool {
	c, ok := CanonicalPlace(name)
	return ok && !supranational[c] && !usStateNames[strings.ToLower(c)]
}

// IsRegion reports whether name names a region above countries: a
// continent, "the Middle East", "Southeast Asia", the European Union.
func IsRegion(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.TrimPrefix(n, "the ")
	return regions[n]
}

// IsTitleWord reports whether w (any case) is a word that can be part of a
// person's title ("President", "Foreign", "Minister").
func IsTitleWord(w string) bool { return titleWords[strings.ToLower(w)] }

// IsCoreTitle reports whether w is a role noun that on its own makes a
// title ("President", "Minister", "spokesman"), as opposed to a modifier
// ("Foreign", "former").
func IsCoreTitle(w string) bool { return coreTitles[strings.ToLower(w)] }

// EventClass returns the coreference class of an event noun lemma
// ("summit" → "meeting") and whether the noun names an event at all.
func EventClass(lemma string) (string, bool) {
	c, ok := eventClasses[strings.ToLower(lemma)]
	return c, ok
}

// IsFirstName reports whether w (any case) is a common English or
// international first name from the resolver's gender lists.
func IsFirstName(w string) bool {
	w = strings.ToLower(w)
	return maleNames[w] || femaleNames[w]
}

// orgHeadWords mark organisation names ("Labor Party", "Brown University",
// "Minox company").
var orgHeadWords = set(
	"party", "university", "univerisity", "college", "institute", "agency", "association", "committee",
	"council", "department", "ministry", "bank", "inc.", "inc", "corp.", "corp", "co.", "company",
	"corporation", "ltd.", "ltd", "foundation", "commission", "service", "press", "times", "post",
	"news", "network", "radio", "television", "tv", "airlines", "union", "federation", "league",
	"organization", "organisation", "group", "center", "centre", "school", "academy", "court",
	"congress", "senate", "parliament", "assembly", "army", "navy", "police", "hospital",
	"movement", "front", "church", "society", "board", "office", "bureau", "administration",
	"authority", "fund", "trust", "club", "team", "firm", "industries", "motors", "systems",
	"fleet",
	// Corporate designators as wire copy writes them ("Goodyear Tire and
	// Rubber Co", "Volvo AB", "Bofors AB", "Fiat SpA").
	"co", "plc", "llc", "ag", "ab", "nv", "n.v.", "sa", "s.a.", "spa", "s.p.a.", "gmbh", "bhd",
	"holdings", "securities", "bancorp", "airways",
	// Markets that are institutions: "Chicago Mercantile Exchange", "Paris
	// Bourse".
	"exchange", "bourse",
)

// knownOrgs are international organisations the recogniser sometimes
// takes for places ("U.N. peacekeepers").
var knownOrgs = set(
	"u.n.", "un", "united nations", "nato", "eu", "european union", "opec", "imf", "world bank",
	"unesco", "unicef", "wto", "asean", "interpol", "red cross", "european community", "ec",
)

// placeHeadWords end place names ("Orange County", "Kafue River").
var placeHeadWords = set(
	"county", "province", "island", "islands", "river", "mountain", "mountains", "lake", "valley",
	"city", "township", "bay", "sea", "ocean", "street", "avenue", "peninsula", "desert", "canyon",
	"gulf", "coast", "state", "region", "district", "prefecture", "parish", "village", "heights",
	"falls", "beach", "springs", "harbor", "harbour", "strait", "square", "lakes", "hills",
	"plains", "shores", "rapids", "flats",
)

// orgNouns head descriptions that can refer back to a named organisation
// ("the agency", "the company").
var orgNouns = set(
	"agency", "company", "firm", "corporation", "group", "organization", "organisation",
	"party", "ministry", "department", "university", "newspaper", "network", "bank",
	"institute", "association", "committee", "council",
	"union", "airline", "carrier", "manufacturer", "retailer", "paper", "broadcaster",
)

// knownCities lists well-known cities (capitals, the largest cities of the
// world and of the United States) that the recogniser misses in unusual
// surroundings, such as wire-service source lines ("PM2303111794 Moscow
// IZVESTIYA in Russian"). addMissedNames adds an uncovered capitalised
// occurrence as a place. Keys are lower case.
var knownCities = set(
	// Europe
	"moscow", "london", "paris", "berlin", "rome", "madrid", "lisbon", "vienna", "prague",
	"budapest", "warsaw", "bucharest", "sofia", "belgrade", "zagreb", "sarajevo", "ljubljana",
	"athens", "brussels", "amsterdam", "the hague", "copenhagen", "stockholm", "oslo", "helsinki",
	"dublin", "edinburgh", "bern", "geneva", "zurich", "munich", "hamburg", "frankfurt", "bonn",
	"cologne", "milan", "naples", "venice", "florence", "turin", "barcelona", "seville",
	"marseille", "lyon", "kiev", "kyiv", "minsk", "vilnius", "riga", "tallinn", "chisinau",
	"st. petersburg", "leningrad", "bratislava", "skopje", "tirana", "podgorica", "pristina",
	"luxembourg", "monaco", "manchester", "liverpool", "birmingham", "glasgow", "belfast",
	"istanbul", "ankara", "strasbourg", "rotterdam", "antwerp", "krakow", "gdansk", "odessa",
	"kharkiv", "sevastopol", "yalta", "murmansk", "vladivostok", "novosibirsk", "grozny",
	// Asia and the Pacific
	"beijing", "peking", "shanghai", "hong kong", "tokyo", "osaka", "kyoto", "seoul", "pyongyang",
	"taipei", "manila", "bangkok", "hanoi", "ho chi minh city", "saigon", "phnom penh",
	"vientiane", "rangoon", "yangon", "kuala lumpur", "singapore", "jakarta", "dhaka",
	"new delhi", "delhi", "bombay", "mumbai", "calcutta", "kolkata", "madras", "chennai",
	"bangalore", "karachi", "islamabad", "lahore", "kabul", "kathmandu", "colombo", "ulan bator",
	"sydney", "melbourne", "canberra", "wellington", "auckland", "guangzhou", "canton",
	"shenzhen", "wuhan", "nanjing", "chongqing", "tianjin", "hefei", "lhasa", "macao", "macau",
	// Middle East and Africa
	"jerusalem", "tel aviv", "gaza", "beirut", "damascus", "amman", "baghdad", "tehran",
	"riyadh", "jeddah", "mecca", "kuwait city", "doha", "dubai", "abu dhabi", "muscat", "sanaa",
	"cairo", "alexandria", "tripoli", "tunis", "algiers", "rabat", "casablanca", "khartoum",
	"addis ababa", "nairobi", "mogadishu", "kampala", "dar es salaam", "kinshasa", "lagos",
	"abuja", "accra", "dakar", "luanda", "harare", "lusaka", "maputo", "johannesburg",
	"pretoria", "cape town", "durban", "kigali", "monrovia", "freetown", "abidjan",
	// The Americas
	"washington", "new york", "new york city", "los angeles", "chicago", "houston",
	"philadelphia", "phoenix", "san antonio", "san diego", "dallas", "san francisco", "boston",
	"detroit", "seattle", "miami", "atlanta", "denver", "baltimore", "pittsburgh", "cleveland",
	"cincinnati", "st. louis", "new orleans", "minneapolis", "milwaukee", "kansas city",
	"las vegas", "portland", "sacramento", "honolulu", "anchorage", "nashville", "memphis",
	"louisville", "indianapolis", "columbus", "austin", "fort worth", "el paso", "tucson",
	"albuquerque", "oklahoma city", "salt lake city", "boise", "omaha", "tampa", "orlando",
	"jacksonville", "charlotte", "raleigh", "richmond", "buffalo", "rochester", "hartford",
	"providence", "newark", "modesto", "fresno", "oakland", "san jose", "long beach",
	"toronto", "montreal", "ottawa", "vancouver", "quebec", "mexico city", "guadalajara",
	"monterrey", "tijuana", "havana", "san juan", "panama city", "managua", "tegucigalpa",
	"san salvador", "guatemala city", "san jose", "bogota", "caracas", "quito", "lima",
	"la paz", "santiago", "buenos aires", "montevideo", "asuncion", "brasilia", "sao paulo",
	"rio de janeiro", "port-au-prince", "kingston", "santo domingo",
)

// IsKnownCity reports whether name (any case) is in the resolver's table of
// well-known cities.
func IsKnownCity(name string) bool { return knownCities[strings.ToLower(name)] }

// IsUSState reports whether name is the full name of a US state ("Ohio",
// "New Mexico"), in any case.
func IsUSState(name string) bool { return usStateNames[strings.ToLower(strings.TrimSpace(name))] }

// occupationNouns written right before a name make it a person's name
// ("comedian Tuvia Tzafir", "conqueror Francisco Pizarro").
var occupationNouns = set(
	"comedian", "actor", "actress", "singer", "writer", "author", "poet", "artist", "composer",
	"conqueror", "reporter", "journalist", "correspondent", "lawyer", "attorney", "soldier",
	"farmer", "teacher", "professor", "student", "worker", "employee", "engineer", "scientist",
	"physician", "nurse", "priest", "cleric", "bishop", "activist", "dissident", "businessman",
	"businesswoman", "banker", "economist", "historian", "novelist", "playwright", "producer",
	"photographer", "painter", "sculptor", "architect", "pilot", "gunman", "sniper", "assassin",
	"killer", "suspect", "victim", "hostage", "widow", "spokesman", "spokeswoman", "official",
	"analyst", "researcher", "linguist", "anthropologist", "astronaut", "surgeon", "dancer",
	"musician", "guitarist", "pianist", "conductor", "coach", "player", "quarterback", "pitcher",
	"boxer", "outlaw", "suffragist", "automaker", "humorist", "evangelist", "preacher", "rabbi",
	"imam", "auctioneer", "director", "chairman", "candidate", "leader", "president",
)

// facilityWords end the names of facilities, which are places rather than
// organisations ("Dayton International Airport", "Mound Plant").
var facilityWords = set(
	"airport", "base", "plant", "shipyard", "farm", "penitentiary", "seashore", "depot",
	"station", "forest", "wilderness", "observatory", "dam", "bridge", "stadium", "arena",
)
