package main

// Helpers shared by the reliability tests (bad input, crashes, concurrency,
// load). Their names start with "rel" so they cannot collide with helpers of
// the other test files in this package.

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/conllu/conllutest"
	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/schema"
)

// relResult is what one in-process kg invocation produced.
type relResult struct {
	stdout, stderr string
	err            error
}

// relRun runs the kg command tree in-process, exactly as main does, with
// stdin as standard input (nil for none).
func relRun(t testing.TB, stdin io.Reader, args ...string) relResult {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	if stdin != nil {
		root.SetIn(stdin)
	}
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	return relResult{stdout: out.String(), stderr: errOut.String(), err: err}
}

// relRequireModels skips the test when the embedded NLP models are absent
// (a checkout where they are being retrained); kg build cannot run then.
// Any other failure to load them is a test failure.
func relRequireModels(t testing.TB) {
	t.Helper()
	if _, err := extract.NewDefault(); err != nil {
		if strings.Contains(err.Error(), "embedded model missing") {
			t.Skipf("kg build needs the embedded NLP models: %v", err)
		}
		t.Fatalf("loading the NLP models: %v", err)
	}
}

// relTempStore returns a bolt: spec for a fresh store in a temp directory.
func relTempStore(t testing.TB) string {
	t.Helper()
	return "bolt:" + filepath.Join(t.TempDir(), "kg.db")
}

// relOpenRO opens a store read-only and closes it when the test ends.
func relOpenRO(t testing.TB, spec string) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), spec, graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("opening %s: %v", spec, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// relDocIDs returns the document IDs (kgv:path) stored, sorted, and checks
// that every document has exactly one content hash.
func relDocIDs(t testing.TB, s *graph.Store) []string {
	t.Helper()
	docs, err := s.Documents(context.Background())
	if err != nil {
		t.Fatalf("listing documents: %v", err)
	}
	var ids []string
	for _, d := range docs {
		if d.Hash == "" {
			t.Errorf("document %s has no content hash", d.IRI)
		}
		ids = append(ids, d.Path)
	}
	sort.Strings(ids)
	return ids
}

// relExportLines returns the store's N-Quads export as sorted lines.
func relExportLines(t testing.TB, s *graph.Store) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf, "nquads"); err != nil {
		t.Fatalf("export: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) == 1 && lines[0] == "" {
		lines = nil
	}
	sort.Strings(lines)
	return lines
}

// relWrite writes a file under dir and returns its path.
func relWrite(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// relDocLabel is the IRI kg build gives the document with this ID.
func relDocLabel(id string) quad.IRI {
	return schema.Minter{Base: schema.DefaultBase}.Document(id)
}

// relSharedDir returns the shared data directory ($KG_SHARED_DIR, else
// ../shared next to the repository), skipping the test when it is absent.
func relSharedDir(t testing.TB) string {
	t.Helper()
	dir := conllutest.SharedDir(t)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data directory %s not found (set KG_SHARED_DIR): %v", dir, err)
	}
	return dir
}
