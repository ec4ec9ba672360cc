package input

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML is the text extracted from an HTML page.
type HTML struct {
	Title string
	// Text is the visible text, one line per block element, with runs of
	// whitespace collapsed (except inside <pre>).
	Text string
	// Date and URL come from common metadata: <meta> published-time or
	// date fields and <link rel="canonical">. Date is as written.
	Date, URL string
}

// HTMLText extracts the visible text of an HTML page with the streaming
// golang.org/x/net/html tokenizer, so memory stays proportional to the text.
// Script, style, noscript, template, svg, iframe and the whole <head> are
// never treated as text, except <title>, which becomes Title. Block
// elements (p, div, li, h1–h6, br, tr, ...) end lines so that sentences of
// neighbouring blocks do not run together. Entities are decoded, and the
// result is cleaned like any other text (see Clean).
func HTMLText(r io.Reader) (HTML, error) {
	var out HTML
	z := html.NewTokenizer(r)
	var b strings.Builder
	var title strings.Builder
	skip := 0 // depth inside elements whose content is not text
	inHead := false
	inTitle := false
	pre := 0
	// pendingSpace and pendingLine defer separators so that the output
	// never starts with or doubles them.
	pendingSpace, pendingLine := false, false
	write := func(s string) {
		if s == "" {
			return
		}
		if b.Len() > 0 {
			if pendingLine {
				b.WriteByte('\n')
			} else if pendingSpace {
				b.WriteByte(' ')
			}
		}
		pendingSpace, pendingLine = false, false
		b.WriteString(s)
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return out, fmt.Errorf("tokenize: %w", err)
			}
			out.Title = collapse(Clean(title.String()))
			out.Text = strings.TrimSpace(Clean(b.String()))
			return out, nil
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			start := tt != html.EndTagToken
			selfClosing := tt == html.SelfClosingTagToken
			if start && hasAttr && (a == atom.Meta || a == atom.Link) {
				readMeta(z, a, &out)
			}
			if inHead && start && !isHeadElement(a) {
				// Content without <body>: the head ended implicitly.
				inHead = false
			}
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Object, atom.Math, atom.Select, atom.Button:
				if selfClosing {
					continue
				}
				if start {
					skip++
				} else if skip > 0 {
					skip--
				}
				continue
			case atom.Head:
				inHead = start && !selfClosing
				continue
			case atom.Body:
				inHead = false
			case atom.Title:
				inTitle = start && !selfClosing
				continue
			case atom.Pre, atom.Textarea:
				if start && !selfClosing {
					pre++
				} else if !start && pre > 0 {
					pre--
				}
			}
			if isBlock(a) {
				pendingLine = true
			} else if a == atom.Td || a == atom.Th || a == atom.Img {
				pendingSpace = true
			}
		case html.TextToken:
			if inTitle {
				title.Write(z.Text())
				continue
			}
			if skip > 0 || inHead {
				continue
			}
			text := string(z.Text())
			if pre > 0 {
				lines := strings.Split(text, "\n")
				for i, l := range lines {
					if i > 0 {
						pendingLine = true
					}
					write(strings.TrimRight(l, " \t\r"))
				}
				continue
			}
			if text != "" && isHTMLSpace(text[0]) {
				pendingSpace = true
			}
			write(collapse(text))
			if text != "" && isHTMLSpace(text[len(text)-1]) {
				pendingSpace = true
			}
		}
	}
}

// readMeta picks the publication date and canonical URL out of <meta> and
// <link> attributes.
func readMeta(z *html.Tokenizer, a atom.Atom, out *HTML) {
	var name, content, rel, href string
	for {
		k, v, more := z.TagAttr()
		switch strings.ToLower(string(k)) {
		case "name", "property", "itemprop":
			name = strings.ToLower(string(v))
		case "content":
			content = string(v)
		case "rel":
			rel = strings.ToLower(string(v))
		case "href":
			href = string(v)
		}
		if !more {
			break
		}
	}
	switch a {
	case atom.Meta:
		switch name {
		case "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "og:published_time":
			if out.Date == "" {
				out.Date = strings.TrimSpace(content)
			}
		case "og:url":
			if out.URL == "" {
				out.URL = strings.TrimSpace(content)
			}
		}
	case atom.Link:
		if rel == "canonical" && href != "" {
			out.URL = strings.TrimSpace(href)
		}
	}
}

// isHeadElement reports whether an element may appear inside <head>.
func isHeadElement(a atom.Atom) bool {
	switch a {
	case atom.Meta, atom.Link, atom.Title, atom.Style, atom.Script, atom.Base, atom.Noscript, atom.Template, atom.Head:
		return true
	}
	return false
}

// isBlock reports whether an element starts and ends a line of text.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Tr, atom.Table,
		atom.Blockquote, atom.Pre, atom.Hr, atom.Section, atom.Article, atom.Header,
		atom.Footer, atom.Nav, atom.Aside, atom.Main, atom.Figure, atom.Figcaption,
		atom.Form, atom.Address, atom.Fieldset, atom.Legend, atom.Caption, atom.Details,
		atom.Summary, atom.Body, atom.Html, atom.Textarea, atom.Center, atom.Thead,
		atom.Tbody, atom.Tfoot, atom.Option:
		return true
	}
	return false
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// collapse replaces runs of white space (including non-breaking spaces)
// with one space and trims the ends.
func collapse(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}
