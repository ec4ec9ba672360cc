module github.com/kg-project/kg/bench/nlp

go 1.26.8

require (
	github.com/jdkato/prose/v3 v3.2.3
	github.com/kg-project/kg v0.0.0
)

require gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect

replace github.com/kg-project/kg => ../..
