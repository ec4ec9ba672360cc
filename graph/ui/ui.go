// Package ui embeds the front-end assets that `kg serve` needs to run the Cayley
// web UI with no network access: the Monaco editor and the Material Icons font,
// both installed from npm by build.sh (package-lock.json pins them) into dist/.
//
// dist/ is git-ignored apart from a placeholder, so on a fresh clone that has
// not run build.sh the embed holds no assets; HasMonaco and HasIconFont then
// report false and the server falls back to its own small editor and hides
// icon ligatures instead.
package ui

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Paths of the assets inside Assets(), as build.sh lays them out.
const (
	// MonacoLoader is the AMD loader of the Monaco "min" build; its directory
	// (MonacoBase) is what the Cayley UI's loader is pointed at.
	MonacoLoader = "monaco/vs/loader.js"
	MonacoBase   = "monaco/vs"
	// IconFont is the Material Icons font the Cayley UI's icon ligatures need.
	IconFont = "fonts/material-icons-latin-400-normal.woff2"
)

// Assets returns the embedded build output rooted at dist/.
func Assets() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub only fails on an invalid path; "dist" is a constant.
		panic(err)
	}
	return sub
}

// HasMonaco reports whether fsys (normally Assets()) holds the Monaco build.
func HasMonaco(fsys fs.FS) bool { return exists(fsys, MonacoLoader) }

// HasIconFont reports whether fsys (normally Assets()) holds the icon font.
func HasIconFont(fsys fs.FS) bool { return exists(fsys, IconFont) }

func exists(fsys fs.FS, name string) bool {
	if fsys == nil {
		return false
	}
	st, err := fs.Stat(fsys, name)
	return err == nil && !st.IsDir()
}
