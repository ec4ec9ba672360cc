package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	cayleyui "github.com/cayleygraph/cayley/ui"

	"github.com/kg-project/kg/graph/ui"
)

// own holds our hand-written front-end files (the fallback editor).
//
//go:embed static
var own embed.FS

// URL prefixes under which the front-end build is served.
const (
	monacoURL     = "/monaco/vs"             // Monaco AMD build (ui.MonacoBase)
	fontsURL      = "/kg/fonts/"             // ui.Assets() fonts/
	offlineCSSURL = "/kg/offline.css"        // generated, see offlineCSS
	fallbackURL   = "/kg/fallback-editor.js" // static/fallback-editor.js
	monacoEnvURL  = "/kg/monaco-env.js"      // static/monaco-env.js
)

// Rewrites applied to Cayley's prebuilt UI. Each targets one measured
// dependency on the outside world:
var (
	// The app's API base URL is baked in at build time; "" makes it call the
	// origin that served it.
	upstreamServerURL = []byte(`"http://localhost:64210"`)
	// @monaco-editor/react's loader fetches Monaco from a CDN by default.
	monacoCDN = regexp.MustCompile(`https://cdn\.jsdelivr\.net/npm/monaco-editor@[^/"']+/min/vs`)
	// The app's stylesheet imports the Material Icons font from Google Fonts.
	webFontImport = regexp.MustCompile(`@import\s+url\(\s*["']?https?://fonts\.googleapis\.com/[^)]*\)\s*;?`)
	// Source maps are not served, so drop the comments that point at them.
	sourceMapComment = regexp.MustCompile(`(?m)(//[#@] sourceMappingURL=\S+|/\*[#@] sourceMappingURL=[^*]*\*/)\s*$`)
	// The loader's AMD bootstrap is an inline script built from two string
	// literals around the Monaco base URL; the CSP must carry its hash.
	monacoBootstrap = regexp.MustCompile(`innerHTML=("(?:[^"\\]|\\.)*require\.config(?:[^"\\]|\\.)*")\.concat\(this\.__config\.urls\.monacoBase,("(?:[^"\\]|\\.)*")\)`)
	inlineScript    = regexp.MustCompile(`(?s)<script>(.*?)</script>`)
)

// Files of Cayley's UI that are not served: source maps (debug only) and the
// Workbox service worker, which would import code from a CDN.
func skipUpstream(name string) bool {
	return strings.HasSuffix(name, ".map") ||
		name == "service-worker.js" ||
		strings.HasPrefix(name, "precache-manifest")
}

type asset struct {
	body  []byte
	ctype string
	etag  string
}

// webUI serves the rewritten Cayley UI, our additions and the front-end build.
type webUI struct {
	files  map[string]*asset // URL path -> asset, built once by newWebUI
	assets fs.FS             // ui.Assets() or a test substitute
	csp    string
	monaco bool // Monaco build present; otherwise the fallback editor is used
}

var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".json":  "application/json",
	".ts":    "text/plain; charset=utf-8", // gizmo.d.ts: not an MPEG stream
	".txt":   "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".ttf":   "font/ttf",
}

func contentType(name string) string {
	if ct, ok := contentTypes[path.Ext(name)]; ok {
		return ct
	}
	return "application/octet-stream"
}

func newWebUI(assets fs.FS) *webUI {
	u := &webUI{
		files:  make(map[string]*asset),
		assets: assets,
		monaco: ui.HasMonaco(assets),
	}
	scriptHashes := map[string]bool{}
	web, err := fs.Sub(cayleyui.FS, "web")
	if err == nil {
		err = fs.WalkDir(web, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || skipUpstream(name) {
				return err
			}
			body, err := fs.ReadFile(web, name)
			if err != nil {
				return err
			}
			body = u.rewrite(name, body, scriptHashes)
			u.add("/"+name, body)
			return nil
		})
	}
	if err != nil {
		// cayley's UI is embedded in its Go module, so this cannot happen with
		// a compiled binary; serve an explanation rather than nothing.
		u.add("/index.html", []byte("<!doctype html><title>kg</title><p>Cayley UI unavailable: "+
			html.EscapeString(err.Error())+"</p>"))
	}
	if idx, ok := u.files["/index.html"]; ok {
		u.files["/"] = idx
	}
	for url, name := range map[string]string{fallbackURL: "static/fallback-editor.js", monacoEnvURL: "static/monaco-env.js"} {
		js, _ := fs.ReadFile(own, name)
		u.add(url, js)
	}
	u.add(offlineCSSURL, []byte(offlineCSS(ui.HasIconFont(assets))))

	hashes := make([]string, 0, len(scriptHashes))
	for h := range scriptHashes {
		hashes = append(hashes, "'"+h+"'")
	}
	slices.Sort(hashes)
	u.csp = strings.Join([]string{
		"default-src 'none'",
		"script-src 'self' " + strings.Join(hashes, " "),
		// React, the Material components and Monaco set inline styles and
		// inject <style> elements; styles cannot run code.
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data:",
		"font-src 'self' data:",
		"connect-src 'self'",
		"worker-src 'self' blob:",
		"manifest-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
	}, "; ")
	return u
}

func (u *webUI) add(urlPath string, body []byte) {
	sum := sha256.Sum256(body)
	u.files[urlPath] = &asset{
		body:  body,
		ctype: contentType(urlPath),
		etag:  `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`,
	}
}

// rewrite applies the offline rewrites to one file of Cayley's UI and records
// the CSP hashes of the inline scripts it will run.
func (u *webUI) rewrite(name string, body []byte, scriptHashes map[string]bool) []byte {
	switch path.Ext(name) {
	case ".js":
		body = bytes.ReplaceAll(body, upstreamServerURL, []byte(`""`))
		body = monacoCDN.ReplaceAll(body, []byte(monacoURL))
		body = sourceMapComment.ReplaceAll(body, nil)
		for _, m := range monacoBootstrap.FindAllSubmatch(body, -1) {
			head, err1 := strconv.Unquote(string(m[1]))
			tail, err2 := strconv.Unquote(string(m[2]))
			if err1 == nil && err2 == nil {
				scriptHashes[cspHash(head+monacoURL+tail)] = true
			}
		}
	case ".css":
		body = webFontImport.ReplaceAll(body, nil)
		body = sourceMapComment.ReplaceAll(body, nil)
	case ".html":
		body = u.rewriteIndex(body)
		for _, m := range inlineScript.FindAllSubmatch(body, -1) {
			scriptHashes[cspHash(string(m[1]))] = true
		}
	}
	return body
}

// rewriteIndex adds our stylesheet and a script that must run before the
// app's bundles: without a Monaco build the fallback editor, which defines
// window.monaco; with it, Monaco's worker settings.
func (u *webUI) rewriteIndex(body []byte) []byte {
	css := []byte(`<link href="` + offlineCSSURL + `" rel="stylesheet">`)
	body = bytes.Replace(body, []byte("</head>"), append(css, "</head>"...), 1)
	src := fallbackURL
	if u.monaco {
		src = monacoEnvURL
	}
	js := []byte(`<script src="` + src + `"></script>`)
	if i := bytes.Index(body, []byte("<script")); i >= 0 {
		body = append(body[:i:i], append(js, body[i:]...)...)
	}
	return body
}

func cspHash(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// offlineCSS replaces the Google Fonts stylesheet the UI imported: the icon
// font from the local build when present, otherwise hidden icon ligatures (the
// UI writes icon names as text, which would otherwise show as words).
func offlineCSS(iconFont bool) string {
	var b strings.Builder
	b.WriteString("/* kg serve: local stand-ins for the web fonts the Cayley UI would fetch. */\n")
	if iconFont {
		fmt.Fprintf(&b, `@font-face{font-family:'Material Icons';font-style:normal;font-weight:400;font-display:block;src:url(%s%s) format('woff2')}
.material-icons{font-family:'Material Icons';font-weight:normal;font-style:normal;font-size:24px;line-height:1;letter-spacing:normal;text-transform:none;display:inline-block;white-space:nowrap;word-wrap:normal;direction:ltr;-webkit-font-feature-settings:'liga';font-feature-settings:'liga';-webkit-font-smoothing:antialiased}
`, fontsURL, path.Base(ui.IconFont))
	} else {
		b.WriteString(".material-icons{display:none!important}\n")
	}
	b.WriteString(`.kg-fallback-editor{box-sizing:border-box;width:100%;height:100%;min-height:12em;margin:0;padding:8px 12px;border:0;outline:0;resize:none;background:#fff;color:#222;font:13px/1.5 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;tab-size:2;white-space:pre;overflow:auto}
.kg-fallback-editor[readonly]{background:#fafafa;color:#333}
.kg-fallback-editor:focus{box-shadow:inset 0 0 0 2px #6200ee33}
`)
	return b.String()
}

func (u *webUI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", u.csp)
	h.Set("Cache-Control", "no-cache")

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if a, ok := u.files[p]; ok {
		serveAsset(w, r, a)
		return
	}
	var name string
	switch {
	case strings.HasPrefix(p, monacoURL+"/") && u.monaco:
		name = ui.MonacoBase + strings.TrimPrefix(p, monacoURL)
	case strings.HasPrefix(p, fontsURL):
		name = "fonts/" + strings.TrimPrefix(p, fontsURL)
	}
	if name != "" && fs.ValidPath(name) {
		if body, err := fs.ReadFile(u.assets, name); err == nil {
			w.Header().Set("Content-Type", contentType(name))
			http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
			return
		}
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

func serveAsset(w http.ResponseWriter, r *http.Request, a *asset) {
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("ETag", a.etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}
