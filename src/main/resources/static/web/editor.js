// The DRL editor: CodeMirror over the form's textarea, with problem markers at the lines validation named.
(function () {
  'use strict';
  var textarea = document.getElementById('content');
  if (!textarea || !window.CodeMirror) {
    return; // Without scripts the plain textarea still saves and validates.
  }
  function words(text) {
    var set = {};
    text.split(' ').forEach(function (w) { set[w] = true; });
    return set;
  }
  // DRL has no CodeMirror mode of its own; the C-like mode with DRL's keywords highlights it well enough.
  CodeMirror.defineMIME('text/x-drl', {
    name: 'clike',
    keywords: words('package import rule when then end not exists forall from collect accumulate eval ' +
      'salience dialect no-loop query function global declare extends over and or new return if else'),
    atoms: words('true false null'),
    blockKeywords: words('rule when then'),
    hooks: {
      '@': function (stream) { stream.eatWhile(/[\w$]/); return 'meta'; }
    }
  });
  var editor = CodeMirror.fromTextArea(textarea, {
    lineNumbers: true,
    mode: textarea.getAttribute('data-mode'),
    indentUnit: 4,
    gutters: ['problems', 'CodeMirror-linenumbers'],
    screenReaderLabel: 'Content of ' + textarea.getAttribute('data-file'),
    extraKeys: {
      // Tab indents inside the editor; Esc hands the keyboard back so that Tab moves on.
      'Esc': function () { var save = document.getElementById('save'); if (save) { save.focus(); } }
    }
  });
  var file = textarea.getAttribute('data-file');
  document.querySelectorAll('[data-problem-file]').forEach(function (item) {
    var line = parseInt(item.getAttribute('data-problem-line'), 10) - 1;
    if (item.getAttribute('data-problem-file') !== file || isNaN(line) || line < 0) {
      return;
    }
    editor.addLineClass(line, 'background', 'cm-problem-line');
    var marker = document.createElement('span');
    marker.className = 'problem-marker';
    marker.textContent = '!';
    marker.title = item.textContent.trim();
    editor.setGutterMarker(line, 'problems', marker);
  });
  function jump() {
    var match = /^#L(\d+)$/.exec(window.location.hash);
    if (match) {
      var line = parseInt(match[1], 10) - 1;
      editor.setCursor(line, 0);
      editor.scrollIntoView({line: line, ch: 0}, 120);
    }
  }
  jump();
  window.addEventListener('hashchange', jump);
})();
