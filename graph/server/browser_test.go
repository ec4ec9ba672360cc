package server

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kg-project/kg/graph/ui"
)

// TestBrowser drives the served UI in headless Chromium, once with the real
// Monaco build and once with the fallback editor: the editor loads, a Gizmo
// query typed into it runs and its results show, the Query Shape tab shows a
// plan, and the Visualize tab draws the graph. Every request for a
// non-loopback address is blocked and counted; any such request, or any CSP
// violation, fails the test.
//
// It needs Debian's chromium (apt-get install chromium) and runs only with
// KG_TEST_BROWSER=1. KG_TEST_SCREENSHOT_DIR, if set, also receives the
// screenshots (they always go to the test's temporary directory).
func TestBrowser(t *testing.T) {
	if os.Getenv("KG_TEST_BROWSER") != "1" {
		t.Skip("browser test skipped: set KG_TEST_BROWSER=1 (needs chromium: apt-get install -y chromium)")
	}
	chromium := os.Getenv("KG_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(chromium); err != nil {
		t.Fatalf("KG_TEST_BROWSER=1 but no Chromium at %s (apt-get install -y chromium): %v", chromium, err)
	}
	for _, mode := range []struct {
		name   string
		assets fs.FS
	}{
		{"monaco", ui.Assets()},
		{"fallback", fstest.MapFS{}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			if mode.name == "monaco" && !ui.HasMonaco(mode.assets) {
				t.Skip("no Monaco build embedded: run graph/ui/build.sh first")
			}
			browse(t, chromium, mode.assets, mode.name == "fallback")
		})
	}
}

// egress records requests the page tried to send off the machine.
type egress struct {
	mu      sync.Mutex
	blocked []string
}

func (e *egress) add(u string) {
	e.mu.Lock()
	e.blocked = append(e.blocked, u)
	e.mu.Unlock()
}

func (e *egress) list() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.blocked...)
}

// isLocal reports whether a request URL stays on this machine.
func isLocal(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about", "chrome", "chrome-extension", "devtools":
		return true
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func browse(t *testing.T, chromium string, assets fs.FS, fallback bool) {
	qs := memstore.New(testQuads()...)
	srv := httptest.NewServer(New(qs, Options{Assets: assets, QueryTimeout: 10 * time.Second}))
	t.Cleanup(srv.Close)

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions"),
		// Belt and braces: even a request the interception below missed
		// cannot resolve any name but loopback.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
	)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(allocCtx, chromedp.WithLogf(t.Logf))
	defer cancelCtx()
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelTimeout()

	var out egress
	var pageErrs []string
	var mu sync.Mutex
	logErr := func(s string) {
		mu.Lock()
		pageErrs = append(pageErrs, s)
		mu.Unlock()
	}
	// The listener runs on chromedp's reader goroutine, so it only records
	// and hands the (blocking) Fetch replies to goroutines.
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *fetch.EventRequestPaused:
			id, u := ev.RequestID, ev.Request.URL
			go func() {
				if isLocal(u) {
					_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
					return
				}
				out.add(u)
				_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: network.ErrorReasonBlockedByClient})
			}()
		case *network.EventRequestWillBeSent:
			// Also seen for requests Fetch does not pause (e.g. from workers).
			if !isLocal(ev.Request.URL) {
				out.add(ev.Request.URL)
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			logErr(fmt.Sprintf("exception: %s (%s:%d)", msg, d.URL, d.LineNumber+1))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				logErr("console.error: " + strings.Join(parts, " "))
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				logErr("log: " + ev.Entry.Text + " " + ev.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatalf("start Chromium: %v", err)
	}

	shot := func(name string) {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 gives a PNG
		if err != nil {
			t.Errorf("screenshot %s: %v", name, err)
			return
		}
		dirs := []string{t.TempDir()}
		if d := os.Getenv("KG_TEST_SCREENSHOT_DIR"); d != "" {
			dirs = append(dirs, d)
		}
		for _, d := range dirs {
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Errorf("screenshot %s: %v", name, err)
			}
			p := filepath.Join(d, name+".png")
			if err := os.WriteFile(p, png, 0o644); err != nil {
				t.Errorf("screenshot %s: %v", name, err)
			}
			t.Logf("screenshot: %s", p)
		}
	}
	fail := func(step string, err error) {
		t.Helper()
		shot("failed-" + strings.ReplaceAll(step, " ", "-"))
		t.Fatalf("%s: %v", step, err)
	}
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			fail(step, err)
		}
	}
	eval := func(step, js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			fail(step, err)
		}
		return v
	}
	poll := func(step, js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Poll[string](js, chromedp.WithPollingTimeout(30*time.Second)))
		if err != nil {
			fail(step, err)
		}
		return v
	}
	enable := func(step string, call func() error) {
		t.Helper()
		if err := call(); err != nil {
			fail(step, err)
		}
	}

	editorSel := chromedp.CSS(".monaco-editor textarea")
	if fallback {
		editorSel = chromedp.CSS("textarea.kg-fallback-editor:not([readonly])")
	}
	// typeQuery replaces the editor's text by typing q key by key, then
	// checks the editor holds exactly q (Monaco auto-closes brackets and
	// quotes; typing the closing character overtypes them).
	typeQuery := func(q string) {
		t.Helper()
		do("type query",
			chromedp.WaitVisible(editorSel),
			chromedp.Click(editorSel),
			chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.KeyEvent(kb.Delete),
			chromedp.SendKeys(editorSel, q),
			chromedp.KeyEvent(kb.Escape), // close Monaco's suggestions
		)
		if got := eval("read editor", editorValueJS(fallback)); got != q {
			t.Fatalf("editor holds %q after typing %q", got, q)
		}
	}
	clickRun := func() {
		t.Helper()
		do("click Run", chromedp.Click(chromedp.Search(`//button[contains(normalize-space(.), "Run")]`)))
	}
	openTab := func(label string) {
		t.Helper()
		do("open "+label, chromedp.Click(chromedp.Search(fmt.Sprintf(`//*[contains(@class, "mdc-list-item") and normalize-space(.)=%q]`, label))))
	}

	enable("enable interception", func() error {
		if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
			return err
		}
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{})
		return err
	})
	do("load UI", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(editorSel))
	if got := eval("which editor", `String(!!(window.monaco && window.monaco.kgFallback))`); got != fmt.Sprint(fallback) {
		t.Fatalf("fallback editor active = %s, want %v", got, fallback)
	}

	// Query tab: results of a typed query appear in the results pane.
	typeQuery(`g.V("<alice>").out("<knows>").all()`)
	clickRun()
	results := poll("wait for results", resultsPaneJS(fallback))
	if !strings.Contains(results, `"bob"`) || !strings.Contains(results, `"result"`) {
		t.Errorf("results pane shows %q, want the result for bob", results)
	}
	shot("query-" + modeName(fallback))

	// Query Shape tab: the plan appears.
	openTab("Query Shape")
	clickRun()
	shape := poll("wait for shape", `(function(){var t=(`+resultsPaneJS(fallback)+`);return t && t.indexOf("shapes")>=0 ? t : false})()`)
	if !strings.Contains(shape, "Save") && !strings.Contains(shape, "QuadsAction") && !strings.Contains(shape, "Fixed") {
		t.Errorf("shape pane shows %q", shape)
	}
	shot("shape-" + modeName(fallback))

	// Visualize tab: a source/target query draws nodes.
	openTab("Visualize")
	typeQuery(`g.V().tag("source").out("<knows>").tag("target").all()`)
	clickRun()
	circles := poll("wait for graph", `(function(){var n=document.querySelectorAll("svg circle").length;return n>=3?String(n):false})()`)
	if circles != "3" {
		t.Errorf("visualiser drew %s nodes, want 3 (alice, bob, carol)", circles)
	}
	time.Sleep(1500 * time.Millisecond) // let the force layout settle for the picture
	shot("visualize-" + modeName(fallback))

	// Write tab: its editor loads too (the server is read-only, so nothing
	// is sent from it here).
	openTab("Write")
	do("write editor", chromedp.WaitVisible(editorSel))
	shot("write-" + modeName(fallback))

	if b := out.list(); len(b) > 0 {
		t.Errorf("%d request(s) tried to leave the machine: %v", len(b), b)
	}
	// The monitor itself must work, or the check above proves nothing. The
	// page's CSP would stop a fetch before it became a request, so the probe
	// is a top-level navigation, which CSP does not govern. It names a host
	// in .invalid, which never resolves (and the resolver rules above answer
	// NOTFOUND without asking DNS), so it cannot leave the machine even if
	// the interception failed.
	const probe = "http://kg-egress-probe.invalid/"
	_ = chromedp.Do(ctx, chromedp.Navigate(probe)) // fails: blocked
	deadline := time.Now().Add(10 * time.Second)
	for !slices.Contains(out.list(), probe) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !slices.Contains(out.list(), probe) {
		t.Errorf("egress monitor did not see the probe request; saw %v", out.list())
	}
	mu.Lock()
	defer mu.Unlock()
	for _, e := range pageErrs {
		if strings.Contains(e, "Content Security Policy") || strings.Contains(e, "Refused to") {
			t.Errorf("CSP violation: %s", e)
		} else {
			t.Logf("page error: %s", e)
		}
	}
}

func modeName(fallback bool) string {
	if fallback {
		return "fallback"
	}
	return "monaco"
}

// editorValueJS reads the query editor's text.
func editorValueJS(fallback bool) string {
	if fallback {
		return `document.querySelector("textarea.kg-fallback-editor:not([readonly])").value`
	}
	return `(function(){var e=monaco.editor.getEditors().filter(function(e){return !e.getOption(monaco.editor.EditorOption.readOnly)});return e.length?e[0].getValue():""})()`
}

// resultsPaneJS returns the read-only results pane's visible text, or false
// while it is empty.
func resultsPaneJS(fallback bool) string {
	if fallback {
		return `(function(){var t=document.querySelector("textarea.kg-fallback-editor[readonly]");return t&&t.value?t.value:false})()`
	}
	// Monaco renders text in .view-lines; the results editor is the second one.
	return `(function(){var v=document.querySelectorAll(".monaco-editor .view-lines");if(v.length<2)return false;var t=v[1].innerText.replace(/\u00a0/g," ");return t.trim()?t:false})()`
}
