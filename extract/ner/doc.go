// Package ner recognises named entities (people, organisations, places,
// nationalities, dates, ...) in tokenised English news sentences.
//
// The model is an averaged structured perceptron over IOB2 tags with
// first-order tag transitions, decoded exactly by Viterbi (with I-X allowed
// only after B-X or I-X). It is pure Go and small: sparse hashed features,
// a few MB, embedded in the binary and decoded once on
// first use (Default).
//
// Training data is GMB (Voice of America news). Its types map onto ours:
// per→PERSON, org→ORG, geo→GPE (or LOC when the span ends in a natural
// feature word such as River, Sea, Mountains), gpe→NORP, tim→DATE (or TIME
// when a token is a clock reading such as 14:30, p.m., noon), eve→EVENT,
// art→ART, nat→NAT. GMB puts titles inside person spans ("President Bush");
// we move them out, with a title list learned from the data (LearnTitles),
// so that person names are canonical ("Bush"), and the title words become a
// feature instead.
//
// The features avoid leaning on capitals alone, so that the model also
// works on headlines and lower-case web text: word and lower-cased word,
// affixes, character shape, neighbouring words and shapes, the sentence's
// casing style (prose, headline, all caps, all lower), how often the word is
// capitalised in running text, gazetteer matches and per-word name
// statistics collected from the training annotations (built by jackknife so
// the model learns how far they generalise), first-name/surname lists and
// title words. Part-of-speech tags are deliberately not used: at run time
// they would come from our own tagger, whose errors the model would then
// have to absorb, and the speed budget is better spent elsewhere. Part of
// the training sentences is repeated in lower case, headline case and
// capitals, and in the tokenisation the pipeline produces (hyphens split,
// "US" for "U.S.").
//
// Confidences are max-marginal probabilities (see Entity.Confidence); their
// scale and a minimum confidence are fitted on GMB dev after training
// (Calibrate). Recognize drops entities below that minimum, which costs
// little recall in news and removes many false alarms in other text;
// RecognizeDocument restores those that the same document names
// confidently elsewhere, so prefer it when whole documents are at hand.
//
// Evaluation follows conlleval (exact spans). Because GMB keeps titles
// inside person spans and we do not, `kg eval ner --scheme gmb` moves
// titles out of the gold spans too (--keep-gold-titles disables that).
//
// The committed model is reproduced byte for byte by
//
//	kg train ner --data ../shared/data --out extract/ner/model --seed 1 --epochs 3
//
// (the tokenizer, extract/tokenize, takes part in preparing the training
// data, so a changed tokenizer can change the model) and scored by
//
//	kg eval ner --gold ../shared/data/gmb/dev.conll --scheme gmb
//	kg eval ner --gold ../shared/data/uner-en-ewt/dev.conll --scheme uner
package ner
