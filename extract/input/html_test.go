package input

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHTMLText(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Alaska &amp; the summit</title>
<meta property="article:published_time" content="2025-08-15T20:00:00Z">
<link rel="canonical" href="https://example.com/summit">
<style>p { color: red }</style><script>var secret = "never text";</script></head>
<body><nav><ul><li>Home</li><li>World</li></ul></nav>
<h1>Trump and Putin meet</h1>
<p>The three-hour meeting ended&nbsp;without a deal.<br>Both leaders called it <b>constructive</b>.</p>
<div>Putin said &ldquo;starting point&rdquo;.</div><noscript>Enable JS</noscript>
<template><p>hidden</p></template><script type="application/ld+json">{"a":1}</script>
<table><tr><td>A</td><td>B</td></tr></table><pre>line one
  line two</pre></body></html>`
	h, err := HTMLText(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if h.Title != "Alaska & the summit" {
		t.Errorf("title %q", h.Title)
	}
	if h.Date != "2025-08-15T20:00:00Z" || h.URL != "https://example.com/summit" {
		t.Errorf("meta date %q url %q", h.Date, h.URL)
	}
	want := "Home\nWorld\nTrump and Putin meet\nThe three-hour meeting ended without a deal.\nBoth leaders called it constructive.\nPutin said “starting point”.\nA B\nline one\n  line two"
	if h.Text != want {
		t.Errorf("text\n got: %q\nwant: %q", h.Text, want)
	}
	for _, bad := range []string{"secret", "color", "Enable JS", "hidden", `"a"`} {
		if strings.Contains(h.Text, bad) {
			t.Errorf("text contains %q", bad)
		}
	}
}

func TestHTMLWalkUsesTitleAndDate(t *testing.T) {
	dir := writeFiles(t, map[string]string{"p.htm": `<title>T</title><meta name="date" content="August 15, 2025"><p>Body text.</p>`})
	res := walk(t, &Walker{}, []string{dir}, "")
	if len(res.docs) != 1 {
		t.Fatalf("docs %d errs %v", len(res.docs), res.errs)
	}
	d := res.docs[0]
	if d.Title != "T" || d.Date != "2025-08-15" || d.Text != "Body text." || d.ID != "p.htm" {
		t.Errorf("doc = %+v", d)
	}
}

// FuzzHTMLText checks that any input yields clean text (valid UTF-8, no
// control characters but newline and tab) without panicking, and that a
// leading script's content never becomes text.
func FuzzHTMLText(f *testing.F) {
	for _, s := range []string{
		"<p>Hello <b>world</b></p>",
		"<html><head><title>x</title><script>alert(1)</script></head><body>a<br>b</body></html>",
		"<pre>  x\n y</pre><textarea>t</textarea><svg><text>s</text></svg>",
		"<!-- c --><style>a{}</style>&amp;&#0;&#x110000;\xff",
		"<meta content=\"2025-08-15\" name=date><link rel=canonical href=u>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		h, err := HTMLText(strings.NewReader("<script>zqxjk</script>" + in))
		if err != nil {
			return
		}
		for _, s := range []string{h.Text, h.Title} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q", s)
			}
			for _, r := range s {
				if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
					t.Fatalf("control character %U in %q", r, s)
				}
			}
		}
		if strings.Contains(h.Text, "zqxjk") && !strings.Contains(in, "zqxjk") {
			t.Fatalf("script content leaked into text: %q", h.Text)
		}
	})
}

func TestHTMLHeadWithoutBody(t *testing.T) {
	h, err := HTMLText(strings.NewReader("<html><head><title>x</title><p>Visible text.</p>"))
	if err != nil {
		t.Fatal(err)
	}
	if h.Text != "Visible text." {
		t.Errorf("text %q", h.Text)
	}
}
