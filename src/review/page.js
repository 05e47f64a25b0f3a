// A document page: arrow keys go to the previous and next document, "Index" goes back to
// the index as it was left. `?selftest=1` compares the text of each field's highlights
// with the record embedded in the page and writes the result into pre#selftest.
(function () {
  'use strict';
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) return;
    var link = document.getElementById(e.key === 'ArrowLeft' ? 'prev' : e.key === 'ArrowRight' ? 'next' : '');
    if (link) location.href = link.href;
  });
  // "Index" returns to the view of the index last used (filters, sort, page).
  try {
    var hash = sessionStorage.getItem('vanban-review-index'), up = document.getElementById('to-index');
    if (hash && up) up.href = up.getAttribute('href') + hash;
  } catch (e) { /* storage off */ }
  // A self-test that clicked its way here from another page left its result behind.
  var from = null;
  try {
    from = sessionStorage.getItem('vanban-review-selftest');
    sessionStorage.removeItem('vanban-review-selftest');
  } catch (e) { /* storage off */ }
  if (!/[?&]selftest=1/.test(location.search) && !from) return;

  var record = JSON.parse(document.getElementById('record-json').textContent);
  function words(s) { return s.split(/\s+/).filter(Boolean).join(' '); }
  function code(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
      .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  }
  function compact(s) { return s.replace(/[\s.…_]/g, ''); }
  // OCR's look-alike letters in a run of figures, read as the digits the number and date
  // grammars take them for (`O9`, `l0`, `tháng ll`, `0B`).
  function figures(s) {
    var map = {O: '0', o: '0', D: '0', l: '1', I: '1', i: '1', '|': '1', S: '5', s: '5', B: '8', b: '8'};
    return s.replace(/[\p{L}\p{N}|]+/gu, function (word) {
      if (word.length > 4 || !/^[0-9OoDlIi|SsBb]+$/.test(word)) return word;
      return word.replace(/[^0-9]/g, function (c) { return map[c]; });
    });
  }
  function valueAt(path) {
    var v = record;
    path.split('.').forEach(function (p) { v = v == null ? null : v[p]; });
    if (v && typeof v === 'object' && 'value' in v) v = v.value;
    return v == null ? null : String(v);
  }
  // The value read in order from the text (a name wrapped around another column).
  function covers(text, value) {
    var t = text.replace(/\s/g, ''), v = value.replace(/\s/g, ''), at = 0;
    if (!v || t[0] !== v[0] || t[t.length - 1] !== v[v.length - 1]) return false;
    for (var j = 0; j < v.length; j++) { at = t.indexOf(v[j], at); if (at < 0) return false; at++; }
    return true;
  }
  // How the highlighted text gives the value: the first rule that holds.
  function rule(field, text, value) {
    if (value === null) return field === 'number' && text ? 'blank' : null;
    if (words(text) === words(value)) return 'equal';
    if (field === 'number' && compact(figures(text)) === compact(value)) return 'number';
    if (code(text) === code(value)) return 'code';
    if (field === 'date') {
      var nums = (figures(text).match(/[0-9]+/g) || []).map(Number);
      var parts = value.split('-').map(Number);
      if (parts.every(function (p) { return nums.indexOf(p) >= 0; })) return 'date';
    }
    if (covers(text, value)) return 'in order';
    return null;
  }
  var fields = {}, ok = true;
  Object.keys(record.spans).forEach(function (field) {
    var els = document.querySelectorAll('mark[data-field="' + field.replace(/["\\]/g, '\\$&') + '"]');
    var text = Array.prototype.map.call(els, function (el) { return el.textContent; }).join('');
    var value = valueAt(field), how = els.length ? rule(field, text, value) : null;
    if (!how) ok = false;
    fields[field] = {text: text, value: value, elements: els.length, rule: how};
  });
  var next = document.getElementById('next'), prev = document.getElementById('prev');
  var result = {status: ok ? 'PASS' : 'FAIL', doc: Number(document.body.dataset.doc),
    path: document.body.dataset.path, next: next && next.getAttribute('href'),
    prev: prev && prev.getAttribute('href'), fields: fields, from: from && JSON.parse(from)};
  var pre = document.createElement('pre');
  pre.id = 'selftest';
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
  // `&click=next` (or prev): click that link once loaded; the page it opens runs the
  // self-test too and reports this result as `from`.
  var click = /[?&]click=(next|prev)/.exec(location.search);
  var link = click && document.getElementById(click[1]);
  if (link) {
    addEventListener('load', function () {
      result.from = null;
      try { sessionStorage.setItem('vanban-review-selftest', JSON.stringify(result)); } catch (e) { return; }
      link.click();
    });
  }
})();
