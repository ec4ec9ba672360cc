package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"

	kggraph "github.com/kg-project/kg/graph"
)

// testQuads is a tiny social graph: alice knows bob, bob knows carol.
func testQuads() []quad.Quad {
	return []quad.Quad{
		quad.MakeIRI("alice", "knows", "bob", ""),
		quad.MakeIRI("bob", "knows", "carol", ""),
		quad.Make(quad.IRI("alice"), quad.IRI("name"), quad.String("Alice"), nil),
		quad.Make(quad.IRI("bob"), quad.IRI("name"), quad.String("Bob"), nil),
	}
}

// denseStore is big enough that a few hops make an astronomically large
// cross product (200 nodes x 20 edges each: 200*20^6 six-hop paths). It is a
// bbolt store, as kg serve uses, because Cayley's in-memory store cannot serve
// concurrent queries.
func denseStore(t *testing.T) *kggraph.Store {
	var qs []quad.Quad
	for i := 0; i < 200; i++ {
		for j := 0; j < 20; j++ {
			qs = append(qs, quad.MakeIRI(fmt.Sprint("n", i), "p", fmt.Sprint("n", (i*7+j*13)%200), ""))
		}
	}
	return boltStore(t, qs)
}

// boltStore opens a fresh bbolt store through package graph and fills it.
func boltStore(t *testing.T, quads []quad.Quad) *kggraph.Store {
	t.Helper()
	st, err := kggraph.Open(context.Background(), "bolt:"+t.TempDir(), kggraph.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w, err := cgraph.NewQuadWriter("single", st.QuadStore(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddQuadSet(quads); err != nil {
		t.Fatal(err)
	}
	return st
}

func newTestServer(t *testing.T, qs cgraph.QuadStore, opts Options) *httptest.Server {
	t.Helper()
	if qs == nil {
		qs = memstore.New(testQuads()...)
	}
	srv := httptest.NewServer(New(qs, opts))
	t.Cleanup(srv.Close)
	return srv
}

type answer struct {
	code int
	body map[string]any
	raw  string
	hdr  http.Header
}

func do(t *testing.T, method, url, body string, hdr map[string]string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := answer{code: resp.StatusCode, raw: string(raw), hdr: resp.Header}
	_ = json.Unmarshal(raw, &a.body)
	return a
}

func runQ(t *testing.T, srv *httptest.Server, lang, q string) answer {
	t.Helper()
	return do(t, "POST", srv.URL+"/api/v2/query?lang="+lang, q, map[string]string{"Accept": "application/ld+json"})
}

func results(t *testing.T, a answer) []any {
	t.Helper()
	if a.code != http.StatusOK {
		t.Fatalf("status %d: %s", a.code, a.raw)
	}
	res, ok := a.body["result"].([]any)
	if !ok {
		t.Fatalf("no result array in %s", a.raw)
	}
	return res
}

func TestGizmoQueryReturnsTaggedResults(t *testing.T) {
	srv := newTestServer(t, nil, Options{})
	a := runQ(t, srv, "gizmo", `g.V("<alice>").tag("source").out("<knows>").tag("target").all()`)
	res := results(t, a)
	if len(res) != 1 {
		t.Fatalf("want 1 result, got %s", a.raw)
	}
	// The UI's visualiser reads source["@id"] and target["@id"].
	r := res[0].(map[string]any)
	src, _ := r["source"].(map[string]any)
	dst, _ := r["target"].(map[string]any)
	if src["@id"] != "alice" || dst["@id"] != "bob" {
		t.Errorf("want alice -> bob as JSON-LD nodes, got %s", a.raw)
	}
	if ct := a.hdr.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestGETQueryAndOtherLanguages(t *testing.T) {
	srv := newTestServer(t, nil, Options{})
	a := do(t, "GET", srv.URL+`/api/v2/query?lang=gizmo&qu=g.V("<bob>").in("<knows>").all()`, "", nil)
	if res := results(t, a); len(res) != 1 || !strings.Contains(a.raw, "alice") {
		t.Errorf("GET gizmo: %s", a.raw)
	}
	// GraphQL has no JSON-LD collation; the server falls back to JSON rather
	// than failing the UI's request (which always asks for JSON-LD).
	a = runQ(t, srv, "graphql", `{ nodes(id: <alice>) { id knows: <knows> { id } } }`)
	if res := results(t, a); len(res) != 1 || !strings.Contains(a.raw, `"bob"`) {
		t.Errorf("graphql: %s", a.raw)
	}
	a = runQ(t, srv, "mql", `[{"id": "<alice>", "<knows>": null}]`)
	if res := results(t, a); len(res) != 1 || !strings.Contains(a.raw, "<bob>") {
		t.Errorf("mql: %s", a.raw)
	}
}

func TestQueryErrors(t *testing.T) {
	srv := newTestServer(t, nil, Options{})
	for _, c := range []struct {
		name, url, body string
		code            int
		msg             string
	}{
		{"no language", "/api/v2/query", "g.V().all()", 400, "language not specified"},
		{"unknown language", "/api/v2/query?lang=sparql", "x", 400, "unknown query language"},
		{"empty query", "/api/v2/query?lang=gizmo", "  ", 400, "query is empty"},
		{"syntax error", "/api/v2/query?lang=gizmo", "g.V(.all(", 400, ""},
		{"script error", "/api/v2/query?lang=gizmo", "throw new Error('boom')", 400, "boom"},
		{"unknown API", "/api/v2/nothing", "", 404, "no API endpoint"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := do(t, "POST", srv.URL+c.url, c.body, nil)
			msg, _ := a.body["error"].(string)
			if a.code != c.code || msg == "" || !strings.Contains(msg, c.msg) {
				t.Errorf("got %d %s; want %d with error containing %q", a.code, a.raw, c.code, c.msg)
			}
		})
	}
}

func TestResultLimitTruncates(t *testing.T) {
	srv := newTestServer(t, nil, Options{ResultLimit: 2})
	a := runQ(t, srv, "gizmo", `g.V().all()`)
	if res := results(t, a); len(res) != 2 || a.body["truncated"] != true {
		t.Errorf("want 2 results and truncated, got %s", a.raw)
	}
	a = runQ(t, srv, "gizmo", `g.V("<alice>").out("<knows>").all()`)
	if res := results(t, a); len(res) != 1 || a.body["truncated"] != nil {
		t.Errorf("want 1 result, not truncated, got %s", a.raw)
	}
}

// TestRunawayQueriesAreInterrupted checks that a script that never ends and a
// query over a huge cross product both answer with a timeout error shortly
// after the deadline, while a cheap query sent meanwhile is answered at once.
func TestRunawayQueriesAreInterrupted(t *testing.T) {
	const timeout = 1500 * time.Millisecond
	const slack = 3 * time.Second
	st := denseStore(t)
	srv := newTestServer(t, st.QuadStore(), Options{QueryTimeout: timeout, MaxConcurrentQueries: 4})
	runaways := []string{
		`while (true) {}`,
		`g.V().out().out().out().out().out().out().filter(regex("^zzz")).all()`,
		`var n = g.V().out().out().out().out().out().toArray(); g.emit(n.length)`,
	}
	var wg sync.WaitGroup
	for _, q := range runaways {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			a := runQ(t, srv, "gizmo", q)
			took := time.Since(start)
			msg, _ := a.body["error"].(string)
			if a.code != http.StatusGatewayTimeout || !strings.Contains(msg, "limit") {
				t.Errorf("%s: got %d %s, want 504 with a time-limit error", q, a.code, a.raw)
			}
			if took > timeout+slack {
				t.Errorf("%s: answered after %v, want within %v", q, took, timeout+slack)
			}
			t.Logf("runaway %q: %d after %v (timeout %v)", q, a.code, took.Round(time.Millisecond), timeout)
		}()
	}
	time.Sleep(100 * time.Millisecond) // let the runaways start
	start := time.Now()
	a := runQ(t, srv, "gizmo", `g.V("<n1>").out("<p>").all()`)
	if res := results(t, a); len(res) == 0 {
		t.Errorf("cheap query during runaways: %s", a.raw)
	}
	// It is not queued behind the runaways. (No tighter bound: the Go
	// runtime and a busy machine share two cores between all of them.)
	took := time.Since(start)
	if took > timeout+slack {
		t.Errorf("cheap query took %v while runaways ran", took)
	}
	t.Logf("cheap query while the runaways ran: %v", took.Round(time.Millisecond))
	wg.Wait()
	// The server is still healthy afterwards.
	if res := results(t, runQ(t, srv, "gizmo", `g.V("<n1>").all()`)); len(res) != 1 {
		t.Errorf("after runaways: %v", res)
	}
	// The runaways really stopped, rather than only their answers: bbolt
	// cannot close while a query still holds a read transaction.
	srv.Close()
	closed := make(chan error, 1)
	go func() { closed <- st.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("closing the store: %v", err)
		}
	case <-time.After(slack):
		t.Fatal("store still busy after the runaway queries were answered")
	}
}

// TestBusyServerAnswers503 fills every query slot and checks that a query
// that cannot get one before its deadline is told the server is busy.
func TestBusyServerAnswers503(t *testing.T) {
	opts := Options{QueryTimeout: 200 * time.Millisecond, MaxConcurrentQueries: 1}.withDefaults()
	s := &server{qs: memstore.New(testQuads()...), opts: opts, slots: make(chan struct{}, 1)}
	s.slots <- struct{}{} // a long query holds the only slot
	rec := httptest.NewRecorder()
	s.serveQuery(rec, httptest.NewRequest("POST", "/api/v2/query?lang=gizmo", strings.NewReader("g.V().all()")))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "too many queries") {
		t.Errorf("want 503 while the only slot is taken, got %d %s", rec.Code, rec.Body)
	}
	<-s.slots // the long query ends
	rec = httptest.NewRecorder()
	s.serveQuery(rec, httptest.NewRequest("POST", "/api/v2/query?lang=gizmo", strings.NewReader("g.V().all()")))
	if rec.Code != http.StatusOK {
		t.Errorf("with a free slot: %d %s", rec.Code, rec.Body)
	}
}

func TestWritesRefusedWhenReadOnly(t *testing.T) {
	qs := memstore.New(testQuads()...)
	srv := newTestServer(t, qs, Options{})
	for _, p := range []string{"/api/v2/write", "/api/v2/delete", "/api/v2/node/delete"} {
		a := do(t, "POST", srv.URL+p, "<x> <y> <z> .\n", nil)
		msg, _ := a.body["error"].(string)
		if a.code != http.StatusForbidden || !strings.Contains(msg, "read-only") {
			t.Errorf("%s: got %d %s, want 403 read-only", p, a.code, a.raw)
		}
	}
	if a := runQ(t, srv, "gizmo", `g.V("<x>").all()`); len(results(t, a)) != 0 {
		t.Errorf("read-only store was written: %s", a.raw)
	}
}

func TestWritesWhenWritable(t *testing.T) {
	srv := newTestServer(t, nil, Options{Writable: true})
	a := do(t, "POST", srv.URL+"/api/v2/write", "<dave> <knows> <alice> .\n", nil)
	if a.code != http.StatusOK || a.body["count"] != float64(1) {
		t.Fatalf("write: %d %s", a.code, a.raw)
	}
	if res := results(t, runQ(t, srv, "gizmo", `g.V("<alice>").in("<knows>").all()`)); len(res) != 1 {
		t.Errorf("written quad not found: %v", res)
	}
	a = do(t, "POST", srv.URL+"/api/v2/delete", "<dave> <knows> <alice> .\n", nil)
	if a.code != http.StatusOK || a.body["count"] != float64(1) {
		t.Fatalf("delete: %d %s", a.code, a.raw)
	}
	if res := results(t, runQ(t, srv, "gizmo", `g.V("<alice>").in("<knows>").all()`)); len(res) != 0 {
		t.Errorf("deleted quad still there: %v", res)
	}
}

func TestBodyLimit(t *testing.T) {
	srv := newTestServer(t, nil, Options{MaxBodyBytes: 64, Writable: true})
	big := `g.V("<alice>").all() // ` + strings.Repeat("x", 100)
	a := runQ(t, srv, "gizmo", big)
	if a.code != http.StatusRequestEntityTooLarge || !strings.Contains(a.raw, "64-byte limit") {
		t.Errorf("query: got %d %s, want 413", a.code, a.raw)
	}
	// A chunked body (no Content-Length) is cut off by the reader.
	req, _ := http.NewRequest("POST", srv.URL+"/api/v2/query?lang=gizmo", io.MultiReader(strings.NewReader(big)))
	req.ContentLength = -1
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked query: got %d, want 413", resp.StatusCode)
	}
	a = do(t, "POST", srv.URL+"/api/v2/write", strings.Repeat("<a> <b> <c> .\n", 10), nil)
	if a.code != http.StatusRequestEntityTooLarge {
		t.Errorf("write: got %d %s, want 413", a.code, a.raw)
	}
	if a := runQ(t, srv, "gizmo", `g.V().all()`); a.code != http.StatusOK {
		t.Errorf("small query: %d %s", a.code, a.raw)
	}
}

func TestSecurityHeadersOnUI(t *testing.T) {
	srv := newTestServer(t, nil, Options{})
	a := do(t, "GET", srv.URL+"/", "", nil)
	if a.code != http.StatusOK || !strings.Contains(a.raw, `<div id="root">`) {
		t.Fatalf("GET /: %d", a.code)
	}
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "no-referrer",
		"Content-Type":           "text/html; charset=utf-8",
	}
	for k, v := range want {
		if got := a.hdr.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	csp := a.hdr.Get("Content-Security-Policy")
	for _, d := range []string{"default-src 'none'", "frame-ancestors 'none'", "connect-src 'self'", "base-uri 'none'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("CSP lacks %q: %s", d, csp)
		}
	}
	// Scripts: only our origin plus hashes of the inline scripts we serve.
	m := regexp.MustCompile(`script-src ([^;]*)`).FindStringSubmatch(csp)
	if m == nil {
		t.Fatalf("CSP has no script-src: %s", csp)
	}
	for _, src := range strings.Fields(m[1]) {
		if src != "'self'" && !strings.HasPrefix(src, "'sha256-") {
			t.Errorf("script-src allows %s", src)
		}
	}
	// Every inline script in the page must be covered by a hash.
	for _, s := range inlineScript.FindAllStringSubmatch(a.raw, -1) {
		if !strings.Contains(csp, cspHash(s[1])) {
			t.Errorf("inline script not in CSP: %.60s...", s[1])
		}
	}
	if a.hdr.Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS header sent by default")
	}
}

// externalURL finds absolute http(s) URLs; inertURL lists the ones that are
// never fetched: XML namespaces, and documentation links React and prop-types
// put into error messages.
var (
	externalURL = regexp.MustCompile(`https?://[^\s"'()<>\\]+`)
	inertURL    = regexp.MustCompile(`^https?://(www\.w3\.org/(1999/xhtml|1999/xlink|2000/svg|XML/1998/namespace|1998/Math/MathML)|reactjs\.org/docs/error-decoder\.html|fb\.me/[a-z-]+)`)
)

// TestServedUIIsOffline fetches every file the UI loads (the page, its
// scripts and stylesheets, our additions) and fails on any URL that could make
// the browser reach another host.
func TestServedUIIsOffline(t *testing.T) {
	for name, assets := range map[string]fstest.MapFS{"fallback": {}, "monaco": fakeMonaco()} {
		t.Run(name, func(t *testing.T) {
			srv := newTestServer(t, nil, Options{Assets: assets})
			page := do(t, "GET", srv.URL+"/", "", nil)
			refs := regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(page.raw, -1)
			files := map[string]string{"/": page.raw}
			for _, r := range refs {
				u := r[1]
				if strings.Contains(u, ":") || strings.HasPrefix(u, "//") {
					t.Errorf("index.html references %q, not a path on this server", u)
					continue
				}
				if !strings.HasPrefix(u, "/") {
					u = "/" + u // relative to the page at /
				}
				a := do(t, "GET", srv.URL+u, "", nil)
				if a.code != http.StatusOK {
					t.Errorf("GET %s: %d", u, a.code)
				}
				files[u] = a.raw
			}
			var sawMain bool
			for u, body := range files {
				if strings.Contains(body, "localhost:64210") {
					t.Errorf("%s still calls localhost:64210", u)
				}
				if strings.Contains(u, "/static/js/main.") {
					sawMain = true
					if !strings.Contains(body, `"/api/v2/query?"`) && !strings.Contains(body, `/api/v2/query`) {
						t.Errorf("%s: does not look like the UI's main bundle", u)
					}
				}
				for _, m := range externalURL.FindAllString(body, -1) {
					if !inertURL.MatchString(m) {
						t.Errorf("%s references external URL %s", u, m)
					}
				}
			}
			if !sawMain {
				t.Error("index.html does not load the main bundle")
			}
			fallback := strings.Contains(page.raw, fallbackURL)
			if fallback != (name == "fallback") {
				t.Errorf("fallback editor included = %v", fallback)
			}
			css := files[offlineCSSURL]
			if name == "monaco" && !strings.Contains(css, "Material Icons") {
				t.Errorf("icon font not used although present: %s", css)
			}
			if name == "fallback" && !strings.Contains(css, ".material-icons{display:none") {
				t.Errorf("icon ligatures not hidden without the font: %s", css)
			}
		})
	}
}

// fakeMonaco stands in for graph/ui's build output.
func fakeMonaco() fstest.MapFS {
	return fstest.MapFS{
		"monaco/vs/loader.js":                         {Data: []byte("/* loader */")},
		"monaco/vs/editor/editor.main.js":             {Data: []byte("/* main */")},
		"fonts/material-icons-latin-400-normal.woff2": {Data: []byte("wOF2")},
	}
}

func TestMonacoAssetsServedLocally(t *testing.T) {
	srv := newTestServer(t, nil, Options{Assets: fakeMonaco()})
	a := do(t, "GET", srv.URL+"/monaco/vs/loader.js", "", nil)
	if a.code != 200 || a.raw != "/* loader */" || !strings.HasPrefix(a.hdr.Get("Content-Type"), "text/javascript") {
		t.Errorf("loader: %d %q %s", a.code, a.raw, a.hdr.Get("Content-Type"))
	}
	// The UI's bundle loads Monaco from here, and the CSP admits the inline
	// AMD bootstrap script its loader injects.
	page := do(t, "GET", srv.URL+"/", "", nil)
	bundle := regexp.MustCompile(`/static/js/2\.[0-9a-f]+\.chunk\.js`).FindString(page.raw)
	js := do(t, "GET", srv.URL+bundle, "", nil).raw
	if !strings.Contains(js, `monacoLoader:"/monaco/vs/loader.js"`) {
		t.Errorf("bundle does not load Monaco from this server")
	}
	boot := "\n      require.config({ paths: { 'vs': '/monaco/vs' } });\n      require(['vs/editor/editor.main'], function() {\n        document.dispatchEvent(new Event('monaco_init'));\n      });\n    "
	if !strings.Contains(page.hdr.Get("Content-Security-Policy"), cspHash(boot)) {
		t.Errorf("CSP lacks the hash of Monaco's bootstrap script")
	}
	for _, p := range []string{"/monaco/vs/", "/monaco/vs/../../fonts/material-icons-latin-400-normal.woff2", "/static/js/", "/service-worker.js"} {
		if a := do(t, "GET", srv.URL+p, "", nil); a.code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, a.code)
		}
	}
	if a := do(t, "GET", srv.URL+"/gizmo.d.ts", "", nil); a.code != 200 || !strings.Contains(a.raw, "interface") {
		t.Errorf("gizmo.d.ts: %d", a.code)
	}
}

func TestHostAndOriginChecks(t *testing.T) {
	srv := newTestServer(t, nil, Options{AllowedOrigins: []string{"http://localhost:3000"}})
	q := srv.URL + "/api/v2/query?lang=gizmo"
	// DNS rebinding: a foreign name resolving to 127.0.0.1.
	if a := do(t, "GET", srv.URL+"/", "", map[string]string{"Host": "evil.example:64210"}); a.code != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: got %d", a.code)
	}
	if a := do(t, "POST", q, "g.V().all()", map[string]string{"Host": "localhost:64210"}); a.code != http.StatusOK {
		t.Errorf("localhost Host: got %d %s", a.code, a.raw)
	}
	// A page on another site posting to the local server.
	a := do(t, "POST", q, "g.V().all()", map[string]string{"Origin": "https://evil.example"})
	if a.code != http.StatusForbidden || a.hdr.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("cross-site POST: got %d %s", a.code, a.raw)
	}
	// Same-origin POST, as the UI sends it.
	if a := do(t, "POST", q, "g.V().all()", map[string]string{"Origin": srv.URL}); a.code != http.StatusOK {
		t.Errorf("same-origin POST: got %d %s", a.code, a.raw)
	}
	// A listed origin gets CORS, including the preflight.
	a = do(t, "OPTIONS", q, "", map[string]string{"Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST"})
	if a.code != http.StatusNoContent || a.hdr.Get("Access-Control-Allow-Origin") != "http://localhost:3000" {
		t.Errorf("preflight: %d %v", a.code, a.hdr)
	}
	a = do(t, "POST", q, "g.V().all()", map[string]string{"Origin": "http://localhost:3000"})
	if a.code != http.StatusOK || a.hdr.Get("Access-Control-Allow-Origin") != "http://localhost:3000" {
		t.Errorf("allowed origin POST: %d %v", a.code, a.hdr)
	}
}

func TestShapeEndpoint(t *testing.T) {
	srv := newTestServer(t, denseStore(t).QuadStore(), Options{QueryTimeout: 5 * time.Second})
	a := do(t, "POST", srv.URL+"/api/v1/shape/gizmo", `g.V("<n1>").tag("source").out("<p>").tag("target").all()`, nil)
	if a.code != http.StatusOK {
		t.Fatalf("shape: %d %s", a.code, a.raw)
	}
	shapes, _ := a.body["shapes"].([]any)
	if len(shapes) != 1 {
		t.Fatalf("want one tree, got %s", a.raw)
	}
	for _, want := range []string{`"type":"Save"`, `"target"`, `"source"`, `"<p>"`, `"<n1>"`} {
		if !strings.Contains(a.raw, want) {
			t.Errorf("shape lacks %s: %s", want, a.raw)
		}
	}
	// The plan is computed without reading data, so even a query whose run
	// would never finish answers at once.
	start := time.Now()
	a = do(t, "POST", srv.URL+"/api/v1/shape/gizmo", `g.V().out().out().out().out().out().out().out().all()`, nil)
	if a.code != http.StatusOK || time.Since(start) > 2*time.Second {
		t.Errorf("shape of a huge query: %d after %v: %.200s", a.code, time.Since(start), a.raw)
	}
	for _, lang := range []string{"mql", "graphql"} {
		q := map[string]string{"mql": `[{"id": null, "<p>": "<n2>"}]`, "graphql": `{ nodes(id: <n1>) { id <p> { id } } }`}[lang]
		a := do(t, "POST", srv.URL+"/api/v1/shape/"+lang, q, nil)
		if shapes, _ := a.body["shapes"].([]any); a.code != http.StatusOK || len(shapes) == 0 {
			t.Errorf("%s shape: %d %s", lang, a.code, a.raw)
		}
	}
	if a := do(t, "POST", srv.URL+"/api/v1/shape/sexp", "x", nil); a.code != http.StatusBadRequest {
		t.Errorf("unknown language: %d", a.code)
	}
}
