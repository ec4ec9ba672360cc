package input

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Markdown is the plain text of a Markdown document.
type Markdown struct {
	Title, Date string
	// Text has one line per paragraph, heading or list item; soft line
	// breaks inside a paragraph become spaces.
	Text string
}

// MarkdownText renders Markdown to plain text with the goldmark parser
// (CommonMark): emphasis, link and list syntax disappear, link and image
// texts stay, fenced and indented code blocks and raw HTML are dropped
// because they are not prose. A YAML front matter block ("---" lines) is
// removed; its "title:" and "date:" keys give Title and Date. Without a
// front-matter title, a level-1 heading that is the first block gives the
// Title (and stays in the text).
func MarkdownText(src []byte) Markdown {
	var md Markdown
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	src = frontMatter(src, &md)
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var b strings.Builder
	newline := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte('\n')
		}
	}
	first := true
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Document:
			return ast.WalkContinue, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.ThematicBreak:
			if entering && n.Type() == ast.TypeBlock {
				newline()
			}
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			if entering && first && n.Level == 1 && md.Title == "" {
				md.Title = strings.TrimSpace(inlineText(n, src))
			}
		case *ast.Text:
			if entering {
				b.Write(n.Value(src))
				if n.HardLineBreak() {
					b.WriteByte('\n')
				} else if n.SoftLineBreak() {
					b.WriteByte(' ')
				}
			}
			return ast.WalkContinue, nil
		case *ast.String:
			if entering {
				b.Write(n.Value)
			}
			return ast.WalkContinue, nil
		case *ast.AutoLink:
			if entering {
				b.Write(n.Label(src))
			}
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeBlock {
			if entering {
				newline()
			} else {
				first = false
				newline()
			}
		}
		return ast.WalkContinue, nil
	})
	md.Text = strings.TrimSpace(b.String())
	return md
}

// inlineText concatenates the text under an inline container.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// frontMatter strips a leading YAML front matter block and reads its
// title and date keys (simple "key: value" lines; quotes removed).
func frontMatter(src []byte, md *Markdown) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return src
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	end := -1
	pos := 0
	for pos < len(rest) {
		line := rest[pos:]
		nl := bytes.IndexByte(line, '\n')
		if nl >= 0 {
			line = line[:nl]
		}
		trimmed := strings.TrimSpace(string(line))
		if trimmed == "---" || trimmed == "..." {
			end = pos
			if nl >= 0 {
				pos += nl + 1
			} else {
				pos = len(rest)
			}
			break
		}
		if k, v, ok := strings.Cut(trimmed, ":"); ok {
			v = strings.Trim(strings.TrimSpace(v), `"'`)
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "title":
				md.Title = v
			case "date":
				md.Date = v
			}
		}
		if nl < 0 {
			break
		}
		pos += nl + 1
	}
	if end < 0 {
		// No closing line: not front matter after all.
		md.Title, md.Date = "", ""
		return src
	}
	return rest[pos:]
}
