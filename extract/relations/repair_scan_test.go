package relations

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/conllu/conllutest"

	"github.com/kg-project/kg/extract/tokenize"
)

// TestRepairScan prints every tree repair the rules make on the first
// $KG_REPAIR_SCAN Reuters-21578 articles, parsed with the models: the
// way to read a repair's firings on news text before trusting it (there
// is no gold tree to count against). A development aid, silent otherwise.
func TestRepairScan(t *testing.T) {
	limit, _ := strconv.Atoi(os.Getenv("KG_REPAIR_SCAN"))
	if limit <= 0 {
		t.Skip("set KG_REPAIR_SCAN=N to print the repairs made on N Reuters articles")
	}
	f, err := os.Open(conllutest.File(t, "data/corpus/reuters21578.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tg, p := models(t)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	nd, ns, fired := 0, 0, 0
	for sc.Scan() && nd < limit {
		var d struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &d) != nil {
			continue
		}
		nd++
		text := strings.Join(strings.Fields(d.Text), " ")
		for _, s := range tokenize.Segment(text) {
			if len(s.Tokens) > 60 {
				continue
			}
			ns++
			tagParse(tg, p, &s)
			v := newView(&s)
			var ch []string
			for i, tk := range s.Tokens {
				h := tk.Head
				if h < 0 || h >= len(s.Tokens) || h == i {
					h = -1
				}
				if v.head[i] != h || v.rel[i] != strings.ToLower(tk.DepRel) || v.pos[i] != tk.UPOS {
					hw, nw := "ROOT", "ROOT"
					if h >= 0 {
						hw = s.Tokens[h].Text
					}
					if v.head[i] >= 0 {
						nw = s.Tokens[v.head[i]].Text
					}
					ch = append(ch, fmt.Sprintf("%s: %s(%s)->%s(%s) %s->%s", tk.Text, tk.DepRel, hw, v.rel[i], nw, tk.UPOS, v.pos[i]))
				}
			}
			if len(ch) > 0 {
				fired++
				fmt.Printf("# %s\n   %s\n", text[s.Start:s.End], strings.Join(ch, "; "))
			}
		}
	}
	fmt.Println("docs", nd, "sentences", ns, "repaired", fired)
}
