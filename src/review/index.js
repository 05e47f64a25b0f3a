// The index: rows from the inline JSON, filtered and sorted over the whole array, shown
// PAGE rows at a time. The state lives in the URL fragment, so a link or the back
// button returns to the same view. `?selftest=1` runs the checks at the end and writes
// their result into pre#selftest.
(function () {
  'use strict';
  var PAGE = 100;
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById('index-data').textContent);
  var rows = D.rows.map(function (r) {
    return {i: r[0], p: r[1], n: r[2] || '', d: r[3] || '', k: r[4] || '', s: r[5] || '',
      t: r[6] || '', w: r[7], e: r[8], c: r[9], m: r[10], key: null};
  });
  var $ = function (id) { return document.getElementById(id); };
  var tbody = $('rows'), q = $('q'), kind = $('kind'), code = $('code'),
    missing = $('missing'), errors = $('errors');
  var heads = Array.prototype.slice.call(document.querySelectorAll('#docs th'));
  var collator = new Intl.Collator('vi', {numeric: true, sensitivity: 'base'});
  var st, shown = rows;

  function fresh() { return {q: '', kind: '', code: '', missing: '', errors: false, sort: 'i', dir: 1, page: 1}; }
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  function href(i) {
    var s = String(i);
    while (s.length < D.width) s = '0' + s;
    return 'docs/' + s + '.html';
  }
  function matches(r, f) {
    if (st.kind && (st.kind === '~' ? r.k !== '' : r.k !== st.kind)) return false;
    if (st.code === '*' ? r.w === 0 : st.code === '-' ? r.w > 0 :
      st.code && r.c.indexOf(D.codes.indexOf(st.code)) < 0) return false;
    if (st.missing && r.m.indexOf(D.missing.indexOf(st.missing)) < 0) return false;
    if (st.errors && r.e === 0) return false;
    if (f) {
      if (r.key === null) r.key = fold([r.n, r.d, r.k, r.s, r.t, r.p].join(' '));
      if (r.key.indexOf(f) < 0) return false;
    }
    return true;
  }
  function compare(a, b) {
    var x = a[st.sort], y = b[st.sort];
    if (typeof x === 'number') return (x - y) * st.dir || a.i - b.i;
    if (x === '' || y === '') return (x === '' ? 1 : 0) - (y === '' ? 1 : 0) || a.i - b.i;
    return collator.compare(x, y) * st.dir || a.i - b.i;
  }
  function apply() {
    var f = fold(st.q.trim());
    shown = rows.filter(function (r) { return matches(r, f); });
    if (st.sort !== 'i' || st.dir !== 1) shown.sort(compare);
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    st.page = Math.min(Math.max(1, st.page), pages);
    render(pages);
    save();
  }
  function render(pages) {
    var html = [], from = (st.page - 1) * PAGE;
    shown.slice(from, from + PAGE).forEach(function (r) {
      var h = href(r.i), codes = r.c.map(function (c) { return D.codes[c]; }).join(', ');
      html.push('<tr data-i="' + r.i + '"><td class="n"><a href="' + h + '">' + (r.i + 1) + '</a></td>' +
        '<td class="num"><a href="' + h + '">' + (r.n ? esc(r.n) : '<span class="null">—</span>') + '</a></td>' +
        '<td class="d">' + esc(r.d) + '</td><td class="k">' + esc(r.k) + '</td><td>' + esc(r.s) + '</td>' +
        '<td>' + esc(r.t) + '<span class="file">' + esc(r.p) + '</span></td>' +
        '<td class="n' + (r.w ? ' bad' : '') + '" title="' + esc(codes) + '">' + r.w + '</td>' +
        '<td class="n' + (r.e ? ' bad' : '') + '">' + r.e + '</td></tr>');
    });
    tbody.innerHTML = html.join('');
    heads.forEach(function (th) {
      th.setAttribute('aria-sort', th.dataset.key === st.sort ? (st.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
    $('count').textContent = shown.length + ' of ' + rows.length + ' documents';
    ['pager-top', 'pager-bottom'].forEach(function (id) { pager($(id), pages); });
  }
  function pager(nav, pages) {
    var b = function (label, page, off, title) {
      return '<button type="button" data-page="' + page + '"' + (off ? ' disabled' : '') +
        ' title="' + title + '">' + label + '</button>';
    };
    nav.innerHTML = b('«', 1, st.page === 1, 'first page') + b('‹', st.page - 1, st.page === 1, 'previous page') +
      '<span class="pages">page ' + st.page + ' of ' + pages + '</span>' +
      b('›', st.page + 1, st.page === pages, 'next page') + b('»', pages, st.page === pages, 'last page');
  }
  function save() {
    var p = [];
    if (st.q) p.push('q=' + encodeURIComponent(st.q));
    ['kind', 'code', 'missing'].forEach(function (k) { if (st[k]) p.push(k + '=' + encodeURIComponent(st[k])); });
    if (st.errors) p.push('errors=1');
    if (st.sort !== 'i' || st.dir !== 1) p.push('sort=' + st.sort + (st.dir < 0 ? '-' : ''));
    if (st.page > 1) p.push('page=' + st.page);
    var hash = p.length ? '#' + p.join('&') : '';
    history.replaceState(null, '', location.pathname + location.search + hash);
    // Remembered for the pages' "Index" link, which then returns to this view.
    try { sessionStorage.setItem('vanban-review-index', hash); } catch (e) { /* storage off */ }
  }
  function load() {
    st = fresh();
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var at = kv.indexOf('='), k = kv.slice(0, at), v = decodeURIComponent(kv.slice(at + 1));
      if (k === 'q' || k === 'kind' || k === 'code' || k === 'missing') st[k] = v;
      if (k === 'errors') st.errors = v === '1';
      if (k === 'page') st.page = parseInt(v, 10) || 1;
      if (k === 'sort') { st.dir = /-$/.test(v) ? -1 : 1; st.sort = v.replace(/-$/, ''); }
    });
    if (!heads.some(function (th) { return th.dataset.key === st.sort; })) st.sort = 'i';
    q.value = st.q; kind.value = st.kind; code.value = st.code; missing.value = st.missing;
    errors.checked = st.errors;
  }

  var timer = null;
  q.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { st.q = q.value; st.page = 1; apply(); }, 150);
  });
  [kind, code, missing].forEach(function (el) {
    el.addEventListener('change', function () { st[el.id] = el.value; st.page = 1; apply(); });
  });
  errors.addEventListener('change', function () { st.errors = errors.checked; st.page = 1; apply(); });
  $('reset').addEventListener('click', function () { location.hash = ''; load(); apply(); });
  $('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  heads.forEach(function (th) {
    var sort = function () {
      var key = th.dataset.key;
      st.dir = st.sort === key ? -st.dir : 1;
      st.sort = key; st.page = 1; apply();
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
  });
  document.addEventListener('click', function (e) {
    var btn = e.target.closest && e.target.closest('.pager button');
    if (btn && !btn.disabled) { st.page = parseInt(btn.dataset.page, 10); apply(); window.scrollTo(0, 0); }
  });

  load();
  apply();
  var ready = performance.now() - t0;
  if (/[?&]selftest=1/.test(location.search)) selftest();

  // Drives the page through its own controls and checks what it shows.
  function selftest() {
    var checks = [], saved = location.hash, t1 = performance.now();
    function check(name, ok, detail) { checks.push({name: name, ok: !!ok, detail: detail}); }
    function set(el, value) {
      if (el.type === 'checkbox') el.checked = value; else el.value = value;
      el.dispatchEvent(new Event(el.type === 'search' ? 'input' : 'change'));
    }
    function visible(cls) {
      return Array.prototype.map.call(tbody.querySelectorAll('td.' + cls), function (td) { return td.textContent; });
    }
    function click(sel) { document.querySelector(sel).click(); }
    $('reset').click();
    var n = rows.length, pages = Math.max(1, Math.ceil(n / PAGE));
    check('rows on the first page', tbody.rows.length === Math.min(PAGE, n), tbody.rows.length);
    check('page count', $('pager-top').textContent.indexOf('page 1 of ' + pages) >= 0, $('pager-top').textContent);
    check('first row links to the first document',
      n === 0 || tbody.querySelector('a').getAttribute('href') === href(0), n && tbody.querySelector('a').getAttribute('href'));
    if (pages > 1) {
      click('#pager-top button[data-page="2"]');
      check('next page', tbody.rows[0].dataset.i === String(PAGE), tbody.rows[0].dataset.i);
      click('#pager-bottom button[title="last page"]');
      check('last page', tbody.rows.length === n - (pages - 1) * PAGE, tbody.rows.length);
      $('reset').click();
    }
    var counts = {};
    rows.forEach(function (r) { if (r.k) counts[r.k] = (counts[r.k] || 0) + 1; });
    var top = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0];
    if (top) {
      set(kind, top);
      var ks = visible('k');
      check('filter by kind ' + top, shown.length === counts[top] && ks.length === Math.min(PAGE, counts[top]) &&
        ks.every(function (k) { return k === top; }), shown.length + ' shown, ' + counts[top] + ' expected');
      $('reset').click();
    }
    if (D.codes.length) {
      var c = D.codes[0], want = rows.filter(function (r) { return r.c.indexOf(0) >= 0; }).length;
      set(code, c);
      check('filter by warning ' + c, shown.length === want && want > 0, shown.length + ' shown, ' + want + ' expected');
      $('reset').click();
    }
    var m = D.missing.filter(function (f, k) { return rows.some(function (r) { return r.m.indexOf(k) >= 0; }); })[0];
    if (m) {
      var k = D.missing.indexOf(m), want2 = rows.filter(function (r) { return r.m.indexOf(k) >= 0; }).length;
      set(missing, m);
      check('filter by missing ' + m, shown.length === want2, shown.length + ' shown, ' + want2 + ' expected');
      $('reset').click();
    }
    click('#docs th[data-key="d"]');
    click('#docs th[data-key="d"]');
    var ds = visible('d').filter(function (d) { return d; });
    check('sort by date, descending', ds.every(function (d, j) { return j === 0 || ds[j - 1] >= d; }) &&
      document.querySelector('#docs th[data-key="d"]').getAttribute('aria-sort') === 'descending', ds.slice(0, 3).join(' '));
    $('reset').click();
    if (n) {
      set(q, rows[n - 1].p);
      clearTimeout(timer); st.q = q.value; apply();
      check('search by file name', shown.some(function (r) { return r.i === n - 1; }), shown.length + ' shown');
      $('reset').click();
    }
    location.hash = saved; load(); apply();
    var ok = checks.every(function (c) { return c.ok; });
    var pre = document.createElement('pre');
    pre.id = 'selftest';
    pre.textContent = JSON.stringify({status: ok ? 'PASS' : 'FAIL', rows: n, pages: pages,
      first: n ? href(0) : null, ready_ms: Math.round(ready), checks_ms: Math.round(performance.now() - t1),
      checks: checks});
    document.body.appendChild(pre);
  }
})();
