package postag

import (
	"bytes"
	"embed"
	"fmt"
	"sync"
)

// modelFS holds the committed model. The whole directory is embedded (not
// the file by name) so that the package still compiles in a checkout where
// the model has been deleted for retraining; Default then reports an error.
//
//go:embed model
var modelFS embed.FS

// ModelPath is the embedded model's path relative to this package, which
// is where `kg train ud` writes a retrained model.
const ModelPath = "model/tagger.bin"

// defaultTagger is loaded at most once per process: the model is immutable,
// so sharing one instance is safe and saves the ~tens of ms a load costs.
var defaultTagger = sync.OnceValues(func() (*Tagger, error) {
	b, err := modelFS.ReadFile(ModelPath)
	if err != nil {
		return nil, fmt.Errorf("postag: embedded model missing (run kg train ud): %w", err)
	}
	return Load(bytes.NewReader(b))
})

// Default returns the tagger trained on UD English-EWT that is embedded in
// the binary. It is loaded on first use and shared; it is safe for
// concurrent use.
func Default() (*Tagger, error) { return defaultTagger() }
