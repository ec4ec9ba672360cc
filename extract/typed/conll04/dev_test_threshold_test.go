package conll04

// minDevF1 is the strict micro F1 the dev-score test guards. Measured with
// the interim tagger, parser and recogniser (commit d5d7bde and later):
// 0.434 (P .635, R .329). It is set a little below so that retraining a
// model does not break the build while real regressions do.
const minDevF1 = 0.40
