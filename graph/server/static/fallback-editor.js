// kg serve fallback editor.
//
// The Cayley web UI edits queries in Monaco, which kg serve ships only after
// graph/ui/build.sh has run (npm). Without that build, this file is loaded
// before the UI's bundles and defines window.monaco as a <textarea>-backed
// object implementing exactly the part of the Monaco API the UI calls (found in
// its bundles): monaco.init() then resolves at once, the editors render, Ctrl+
// Enter runs the query, and results show in a read-only textarea. No request
// leaves the machine, and the UI never tries to fetch the real Monaco.
(function () {
  'use strict';
  if (window.monaco && window.monaco.editor) {
    return;
  }

  // Same numeric values as Monaco, so keybindings compare as the UI expects.
  var KeyMod = { CtrlCmd: 2048, Shift: 1024, Alt: 512, WinCtrl: 256 };
  var KeyCode = { Tab: 2, Enter: 3, Escape: 9, Space: 10, KeyS: 49 };

  function noop() {}
  function disposable(fn) {
    return { dispose: fn || noop };
  }

  // Listeners is a minimal event emitter returning Monaco-style disposables.
  function Listeners() {
    this.fns = [];
  }
  Listeners.prototype.add = function (fn) {
    var fns = this.fns;
    fns.push(fn);
    return disposable(function () {
      var i = fns.indexOf(fn);
      if (i >= 0) {
        fns.splice(i, 1);
      }
    });
  };
  Listeners.prototype.fire = function (ev) {
    this.fns.slice().forEach(function (fn) {
      try {
        fn(ev);
      } catch (e) {
        console.error(e);
      }
    });
  };

  // offsetAt converts a 1-based Monaco (line, column) to a string offset.
  function offsetAt(text, line, column) {
    var lines = text.split('\n');
    var off = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) {
      off += lines[i].length + 1;
    }
    var cur = lines[Math.min(line, lines.length) - 1] || '';
    return Math.min(off + Math.max(column - 1, 0), off + cur.length);
  }

  function Model(editor, language) {
    this.editor = editor;
    this.language = language || 'plaintext';
    this.changes = new Listeners();
  }
  Model.prototype.getValue = function () {
    return this.editor.textarea.value;
  };
  Model.prototype.setValue = function (v) {
    this.editor.setValue(v);
  };
  Model.prototype.getLanguageId = function () {
    return this.language;
  };
  Model.prototype.getLineCount = function () {
    return this.getValue().split('\n').length;
  };
  Model.prototype.getFullModelRange = function () {
    var lines = this.getValue().split('\n');
    return {
      startLineNumber: 1,
      startColumn: 1,
      endLineNumber: lines.length,
      endColumn: lines[lines.length - 1].length + 1
    };
  };
  Model.prototype.onDidChangeContent = function (fn) {
    return this.changes.add(fn);
  };
  Model.prototype.dispose = noop;

  function Editor(container, options) {
    options = options || {};
    var ta = document.createElement('textarea');
    ta.className = 'kg-fallback-editor';
    ta.spellcheck = false;
    ta.setAttribute('autocomplete', 'off');
    ta.setAttribute('autocapitalize', 'off');
    ta.setAttribute('aria-label', options.readOnly ? 'Query results' : 'Query editor');
    ta.value = options.value || '';
    ta.readOnly = !!options.readOnly;
    container.appendChild(ta);

    this.textarea = ta;
    this.container = container;
    this.actions = [];
    this.model = new Model(this, options.language);
    var self = this;
    ta.addEventListener('input', function () {
      self.changed();
    });
    ta.addEventListener('keydown', function (ev) {
      self.keydown(ev);
    });
  }
  Editor.prototype.changed = function () {
    this.model.changes.fire({ changes: [], isFlush: false });
  };
  Editor.prototype.keydown = function (ev) {
    var code = { Enter: KeyCode.Enter, Tab: KeyCode.Tab, Escape: KeyCode.Escape, ' ': KeyCode.Space }[ev.key];
    if (code === undefined && ev.key && ev.key.length === 1) {
      var c = ev.key.toLowerCase().charCodeAt(0);
      if (c >= 97 && c <= 122) {
        code = 31 + (c - 97); // Monaco's KeyA is 31
      }
    }
    if (code === undefined) {
      return;
    }
    var chord = code |
      (ev.ctrlKey || ev.metaKey ? KeyMod.CtrlCmd : 0) |
      (ev.shiftKey ? KeyMod.Shift : 0) |
      (ev.altKey ? KeyMod.Alt : 0);
    for (var i = 0; i < this.actions.length; i++) {
      var a = this.actions[i];
      if ((a.keybindings || []).indexOf(chord) >= 0) {
        ev.preventDefault();
        a.run(this);
        return;
      }
    }
    // Tab indents instead of leaving the editor; Escape then Tab still leaves.
    if (chord === KeyCode.Tab && !this.textarea.readOnly && !this.escaped) {
      ev.preventDefault();
      this.insert('  ');
    }
    this.escaped = chord === KeyCode.Escape;
  };
  Editor.prototype.insert = function (text) {
    var ta = this.textarea;
    var s = ta.selectionStart;
    var e = ta.selectionEnd;
    ta.value = ta.value.slice(0, s) + text + ta.value.slice(e);
    ta.selectionStart = ta.selectionEnd = s + text.length;
    this.changed();
  };
  Editor.prototype.getValue = function () {
    return this.textarea.value;
  };
  Editor.prototype.setValue = function (v) {
    this.textarea.value = v == null ? '' : String(v);
    this.changed();
  };
  Editor.prototype.getModel = function () {
    return this.model;
  };
  Editor.prototype.executeEdits = function (source, edits) {
    var text = this.textarea.value;
    // Apply from the end so earlier offsets stay valid.
    var ops = (edits || []).map(function (ed) {
      var r = ed.range;
      return {
        start: offsetAt(text, r.startLineNumber, r.startColumn),
        end: offsetAt(text, r.endLineNumber, r.endColumn),
        text: ed.text == null ? '' : String(ed.text)
      };
    }).sort(function (a, b) {
      return b.start - a.start;
    });
    ops.forEach(function (op) {
      text = text.slice(0, op.start) + op.text + text.slice(op.end);
    });
    this.textarea.value = text;
    this.changed();
    return true;
  };
  Editor.prototype.pushUndoStop = function () {
    return true;
  };
  Editor.prototype.onDidChangeModelContent = function (fn) {
    return this.model.changes.add(fn);
  };
  Editor.prototype.addAction = function (desc) {
    var actions = this.actions;
    actions.push(desc);
    return disposable(function () {
      var i = actions.indexOf(desc);
      if (i >= 0) {
        actions.splice(i, 1);
      }
    });
  };
  Editor.prototype.addCommand = function (keybinding, handler) {
    this.addAction({ id: 'kg-cmd-' + keybinding, label: '', keybindings: [keybinding], run: handler });
    return null;
  };
  Editor.prototype.updateOptions = function (o) {
    if (o && 'readOnly' in o) {
      this.textarea.readOnly = !!o.readOnly;
    }
  };
  Editor.prototype.setScrollPosition = function (p) {
    if (p && typeof p.scrollTop === 'number') {
      this.textarea.scrollTop = p.scrollTop;
    }
  };
  Editor.prototype.focus = function () {
    this.textarea.focus();
  };
  Editor.prototype.layout = noop;
  Editor.prototype.dispose = function () {
    if (this.textarea.parentNode) {
      this.textarea.parentNode.removeChild(this.textarea);
    }
    this.model.changes = new Listeners();
  };

  var languageDefaults = {
    setCompilerOptions: noop,
    setDiagnosticsOptions: noop,
    setEagerModelSync: noop,
    addExtraLib: function () {
      return disposable();
    }
  };

  window.monaco = {
    kgFallback: true,
    KeyMod: KeyMod,
    KeyCode: KeyCode,
    editor: {
      create: function (container, options) {
        return new Editor(container, options);
      },
      setModelLanguage: function (model, language) {
        if (model) {
          model.language = language;
        }
      },
      defineTheme: noop,
      setTheme: noop
    },
    languages: {
      register: noop,
      setMonarchTokensProvider: function () {
        return disposable();
      },
      typescript: {
        ScriptTarget: { ES3: 0, ES5: 1, ES2015: 2, ES2016: 3, ESNext: 99, Latest: 99 },
        javascriptDefaults: languageDefaults,
        typescriptDefaults: languageDefaults
      }
    }
  };
})();
