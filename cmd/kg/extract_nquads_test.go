package main

import (
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/lib/pq" // the driver Cayley's postgres backend uses
)

// The multi-machine path (docs/scale.md) rests on one promise: the quads
// `kg extract --format nquads` writes, once loaded with `kg import`, are the
// graph `kg build` would have written. These tests hold it to that.

// extractNQuadsRun runs kg and fails the test on error.
func extractNQuadsRun(t *testing.T, args ...string) string {
	t.Helper()
	out, stderr, err := kgRun(t, "", args...)
	if err != nil {
		t.Fatalf("kg %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	return out
}

// extractNQuadsSorted exports spec and returns its lines sorted.
func extractNQuadsSorted(t *testing.T, spec string) string {
	t.Helper()
	return sortedLines(extractNQuadsRun(t, "export", "--store", spec))
}

func TestExtractNQuadsEqualsBuildSeed(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the seed article with the full models")
	}
	dir := t.TempDir()
	seeds := filepath.Join("..", "..", "seeds")

	built := "bolt:" + filepath.Join(dir, "built.db")
	extractNQuadsRun(t, "build", "--quiet", "--store", built, seeds)
	want := extractNQuadsSorted(t, built)
	if strings.Count(want, "\n") < 100 {
		t.Fatalf("the seed build exported only %d quads", strings.Count(want, "\n"))
	}

	nq := filepath.Join(dir, "seed.nq")
	extractNQuadsRun(t, "extract", "--format", "nquads", "-o", nq, seeds)
	raw, err := os.ReadFile(nq)
	if err != nil {
		t.Fatal(err)
	}
	if got := sortedLines(string(raw)); got != want {
		t.Errorf("kg extract --format nquads differs from kg build + kg export:\n%s", extractNQuadsDiff(got, want))
	}

	imported := "bolt:" + filepath.Join(dir, "imported.db")
	extractNQuadsRun(t, "import", "--store", imported, nq)
	if got := extractNQuadsSorted(t, imported); got != want {
		t.Errorf("kg extract | kg import differs from kg build:\n%s", extractNQuadsDiff(got, want))
	}

	// A second import of the same shard adds nothing: re-running a failed
	// shard load is safe.
	out := extractNQuadsRun(t, "import", "--store", imported, nq)
	if !strings.Contains(out, "imported 0 new quads") {
		t.Errorf("re-importing the shard: %q, want 0 new quads", out)
	}

	if base := os.Getenv("KG_TEST_POSTGRES_URL"); base != "" {
		pg := extractNQuadsPostgres(t, base)
		extractNQuadsRun(t, "import", "--store", pg, nq)
		if got := extractNQuadsSorted(t, pg); got != want {
			t.Errorf("kg extract | kg import into PostgreSQL differs from kg build:\n%s", extractNQuadsDiff(got, want))
		}
	}
}

// TestExtractNQuadsShards splits the seed article into several JSONL
// documents spread over two shard files, extracts the shards separately
// (with different worker counts, as different machines would) and imports
// them into one store: the graph must equal a single build of both shards.
func TestExtractNQuadsShards(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts with the full models")
	}
	dir := t.TempDir()
	text, err := os.ReadFile(filepath.Join("..", "..", "seeds", "000_87f9c890ea636cff.txt"))
	if err != nil {
		t.Skipf("seed article not found: %v", err)
	}
	var paras []string
	for _, p := range strings.Split(string(text), "\n") { // one paragraph a line
		if strings.TrimSpace(p) != "" {
			paras = append(paras, strings.TrimSpace(p))
		}
	}
	if len(paras) < 4 {
		t.Fatalf("seed article has %d paragraphs, want at least 4 to shard", len(paras))
	}
	// Paragraphs go to documents at random (fixed seed), documents to two
	// shards; the test relies on no particular split.
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([][]string, 4)
	for _, p := range paras {
		i := rng.IntN(len(docs))
		docs[i] = append(docs[i], p)
	}
	shards := []string{filepath.Join(dir, "shard-01.jsonl"), filepath.Join(dir, "shard-02.jsonl")}
	var lines [2][]string
	for i, d := range docs {
		if len(d) == 0 {
			continue
		}
		b, _ := json.Marshal(map[string]string{"id": "a" + string(rune('0'+i)), "title": "part", "date": "2025-08-16", "text": strings.Join(d, "\n\n")})
		lines[i%2] = append(lines[i%2], string(b))
	}
	for i, s := range shards {
		if err := os.WriteFile(s, []byte(strings.Join(lines[i], "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	built := "bolt:" + filepath.Join(dir, "built.db")
	extractNQuadsRun(t, append([]string{"build", "--quiet", "--store", built}, shards...)...)
	want := extractNQuadsSorted(t, built)

	merged := "bolt:" + filepath.Join(dir, "merged.db")
	for i, s := range shards {
		nq := strings.TrimSuffix(s, ".jsonl") + ".nq"
		workers := []string{"1", "3"}[i]
		extractNQuadsRun(t, "extract", s, "--format", "nquads", "--workers", workers, "-o", nq)
		// The output does not depend on the worker count: a shard can be
		// re-extracted anywhere and give the same file.
		again := extractNQuadsRun(t, "extract", s, "--format", "nquads", "--workers", "4")
		if first, err := os.ReadFile(nq); err != nil {
			t.Fatal(err)
		} else if string(first) != again {
			t.Errorf("%s: output with --workers %s differs from --workers 4", filepath.Base(s), workers)
		}
		extractNQuadsRun(t, "import", "--store", merged, nq)
	}
	if got := extractNQuadsSorted(t, merged); got != want {
		t.Errorf("sharded extract + import differs from one build:\n%s", extractNQuadsDiff(got, want))
	}
}

// TestExtractNQuadsBadInput: a broken JSONL line is reported and skipped,
// the command fails, and the good documents are still written, as kg build
// does.
func TestExtractNQuadsBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts with the full models")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	body := `{"id":"ok","text":"Angela Merkel met Emmanuel Macron in Berlin on Monday."}` + "\n{broken\n"
	if err := os.WriteFile(in, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.nq")
	_, stderr, err := kgRun(t, "", "extract", "--format", "nquads", "-o", out, in)
	if err == nil {
		t.Fatal("a broken input line did not make kg extract fail")
	}
	if !strings.Contains(stderr, "in.jsonl:2") {
		t.Errorf("stderr does not locate the broken line: %q", stderr)
	}
	data, rerr := os.ReadFile(out)
	if rerr != nil {
		t.Fatalf("the good document was not written: %v", rerr)
	}
	if !strings.Contains(string(data), "#ok>") {
		t.Errorf("output lacks the good document's quads:\n%s", data)
	}
}

// extractNQuadsPostgres creates an empty database on the server at base,
// dropped when the test ends, and returns its URL.
func extractNQuadsPostgres(t *testing.T, base string) string {
	t.Helper()
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var b [6]byte
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	name := "kg_extract_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if admin, err := sql.Open("postgres", base); err == nil {
			admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			admin.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// extractNQuadsDiff lists up to ten lines present in only one of two sorted
// line sets.
func extractNQuadsDiff(got, want string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	g, w := in(got), in(want)
	var b strings.Builder
	n := 0
	for _, l := range strings.Split(want, "\n") {
		if !g[l] && n < 10 {
			b.WriteString("  missing: " + l + "\n")
			n++
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] && n < 20 {
			b.WriteString("  extra:   " + l + "\n")
			n++
		}
	}
	return b.String()
}
