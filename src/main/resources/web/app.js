/*
 * export-service web UI: a new-export form, the export history with live progress, and the details of
 * one export. Plain JavaScript, no build step, nothing fetched from anywhere but this service.
 *
 * Every string that comes from the server reaches the page through text nodes or attributes (el(),
 * textContent), never through innerHTML: export names, messages and records are data, not markup.
 *
 * With API tokens the page first asks for one and posts it to /api/session, which answers with an
 * HttpOnly session cookie: the script never keeps the token, and it never goes into a URL.
 */
'use strict';

(() => {
  const ACTIVE = new Set(['pending', 'running']);
  const RETRYABLE = new Set(['failed', 'cancelled']);
  const PAGE_SIZE = 50;
  const POLL_MS = 1000;
  const RETRY_AFTER_ERROR_MS = 5000;
  const EXPORT_ID = /^[A-Za-z0-9_-]{1,64}$/;
  const OPERATOR_LABELS = {
    eq: 'equals', ne: 'not equal', gt: 'greater than', gte: 'at least', lt: 'less than',
    lte: 'at most', in: 'any of', contains: 'contains', starts_with: 'starts with', is_null: 'empty or not',
  };
  const PLACEHOLDERS = {
    integer: 'e.g. 42', number: 'e.g. 1.5', timestamp: 'e.g. 2026-11-01T00:00:00Z',
    string: 'text', text: 'text', json: 'text', enum: 'value', boolean: 'true or false',
  };

  const state = {
    me: null,               // from GET /api/session: name, role, data_types, tokens_required
    dataTypes: [],          // from GET /api/data-types
    nextFilterId: 1,
    statusFilter: '',
    offset: 0,
    total: 0,
    selectedId: null,
    selected: null,         // the last ExportStatus shown in the details
    pollTimer: null,
    generation: 0,          // a newer refresh makes the answers of older ones stale
  };

  const $ = (id) => document.getElementById(id);
  const numberFormat = new Intl.NumberFormat(undefined);
  const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const percentFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const timeFormat = new Intl.DateTimeFormat(undefined, {
    month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const timeFormatWithYear = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });

  // ---------------------------------------------------------------- helpers

  /** Creates an element; string children become text nodes (never parsed as HTML). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (value === true) node.setAttribute(name, '');
      else node.setAttribute(name, String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  /** Replaces the children of a container, keeping keyboard focus on the "same" element if it is rebuilt. */
  function replaceContent(container, ...children) {
    const focused = document.activeElement;
    const key = focused && container.contains(focused) ? focused.getAttribute('data-focus-key') : null;
    container.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
    if (key) {
      const again = [...container.querySelectorAll('[data-focus-key]')].find((n) => n.getAttribute('data-focus-key') === key);
      if (again) again.focus();
    }
  }

  class ApiError extends Error {
    constructor(status, code, message, details) {
      super(message);
      this.status = status;
      this.code = code;
      this.details = details;
    }
  }

  /** Calls the API; a non-2xx answer becomes an ApiError carrying the contract's error body. */
  async function api(method, path, body) {
    const init = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, 'unreachable', 'The service cannot be reached.', []);
    }
    if (response.status === 401 && path !== '/api/session') {
      // the session ended (signed out elsewhere, expired, or its token revoked)
      showSignIn('Your session has ended. Sign in again.');
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
    if (!response.ok) {
      const error = data && typeof data === 'object' ? data : {};
      throw new ApiError(response.status, error.error || 'http_' + response.status,
        error.message || 'HTTP ' + response.status, Array.isArray(error.details) ? error.details : []);
    }
    return data;
  }

  const exportPath = (id) => '/api/exports/' + encodeURIComponent(id);

  /** Whether the signed-in caller may start, preview, cancel and retry (an operator, or anonymous access). */
  const mayChange = () => Boolean(state.me && state.me.role === 'operator');

  function formatNumber(n) {
    return typeof n === 'number' ? numberFormat.format(n) : '—';
  }

  function formatBytes(bytes) {
    if (typeof bytes !== 'number') return '—';
    const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit === 0 ? numberFormat.format(bytes) + ' bytes' : rateFormat.format(value) + ' ' + units[unit];
  }

  function timeElement(iso) {
    if (!iso) return el('span', { class: 'muted' }, '—');
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return el('time', { datetime: iso }, iso);
    const format = date.getFullYear() === new Date().getFullYear() ? timeFormat : timeFormatWithYear;
    const shown = format.format(date);
    return el('time', { datetime: iso, title: iso }, shown);
  }

  /** Percent done: processed over total; a completed export is 100 even when it had nothing to export. */
  function percentDone(s) {
    if (s.status === 'completed') return 100;
    const total = s.total_records;
    if (!total) return 0;
    // floor, so that 100% is never shown before the export has really completed
    return Math.min(100, Math.floor((1000 * (s.processed_records || 0)) / total) / 10);
  }

  function statusBadge(status) {
    return el('span', { class: 'badge status-' + (/^[a-z]+$/.test(status) ? status : 'unknown') }, status || 'unknown');
  }

  function progressBar(percent, label) {
    return el('progress', { max: 100, value: percent, 'aria-label': label }, percentFormat.format(percent) + '%');
  }

  function announce(text) {
    $('announcer').textContent = text;
  }

  // ---------------------------------------------------------------- data types and filters

  async function loadDataTypes() {
    const box = $('data-types');
    try {
      const data = await api('GET', '/api/data-types');
      state.dataTypes = Array.isArray(data.data_types) ? data.data_types : [];
      replaceContent(box, state.dataTypes.map((type, i) => el('label', { class: 'check' },
        el('input', { type: 'checkbox', name: 'data_types', id: 'dt-' + i, value: type.name, onchange: refreshFilterRows }),
        ' ' + type.name)));
      if (state.dataTypes.length === 0) replaceContent(box, el('p', { class: 'muted' }, 'No data types are declared.'));
      refreshFilterRows();
    } catch (e) {
      replaceContent(box,
        el('p', { class: 'error-text' }, 'The data types could not be loaded: ' + e.message),
        el('button', { type: 'button', class: 'secondary', onclick: loadDataTypes }, 'Try again'));
    }
  }

  function selectedTypeNames() {
    return [...document.querySelectorAll('#data-types input[name="data_types"]:checked')].map((c) => c.value);
  }

  /** The fields a filter may name: those of the selected data types (all types while none is selected). */
  function availableFields() {
    const selected = selectedTypeNames();
    const types = selected.length ? state.dataTypes.filter((t) => selected.includes(t.name)) : state.dataTypes;
    const fields = new Map();
    for (const type of types) {
      for (const field of type.fields || []) {
        const known = fields.get(field.name);
        if (!known) {
          fields.set(field.name, {
            name: field.name, type: field.type, values: field.values || null,
            operators: [...(field.operators || [])], types: [type.name],
          });
        } else {
          known.types.push(type.name);
          for (const op of field.operators || []) if (!known.operators.includes(op)) known.operators.push(op);
          if (field.values) known.values = [...new Set([...(known.values || []), ...field.values])];
        }
      }
    }
    return fields;
  }

  function addFilterRow() {
    const id = state.nextFilterId++;
    const row = el('li', { class: 'filter-row', 'data-filter-id': id });
    const fieldSelect = el('select', { id: 'filter-' + id + '-field', class: 'filter-field' });
    const opSelect = el('select', { id: 'filter-' + id + '-op', class: 'filter-op' });
    const valueBox = el('div', { class: 'field filter-value-box' });
    const legend = el('legend', { class: 'visually-hidden' }, 'Filter');
    const remove = el('button', {
      type: 'button', class: 'secondary remove-filter',
      onclick: () => {
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        renumberFilters();
        (next ? next.querySelector('select') : $('add-filter')).focus();
      },
    }, 'Remove');
    fieldSelect.addEventListener('change', () => { fillOperators(row); fillValue(row); });
    opSelect.addEventListener('change', () => fillValue(row));
    row.append(el('fieldset', { class: 'filter' }, legend,
      el('div', { class: 'field' }, el('label', { for: fieldSelect.id }, 'Field'), fieldSelect),
      el('div', { class: 'field' }, el('label', { for: opSelect.id }, 'Operator'), opSelect),
      valueBox, remove));
    $('filters').append(row);
    fillFields(row);
    renumberFilters();
    fieldSelect.focus();
  }

  function renumberFilters() {
    [...$('filters').children].forEach((row, i) => {
      row.querySelector('legend').textContent = 'Filter ' + (i + 1);
      row.querySelector('.remove-filter').setAttribute('aria-label', 'Remove filter ' + (i + 1));
    });
  }

  function refreshFilterRows() {
    for (const row of $('filters').children) fillFields(row);
  }

  function fillFields(row) {
    const select = row.querySelector('.filter-field');
    const current = select.value;
    const fields = availableFields();
    const options = [...fields.values()].map((f) => el('option', { value: f.name }, f.name));
    if (current && !fields.has(current)) {
      // keep the user's choice visible; the server names the problem if it is sent
      options.push(el('option', { value: current }, current + ' (not in the selected data types)'));
    }
    select.replaceChildren(...options);
    if (current) select.value = current;
    fillOperators(row);
    fillValue(row);
  }

  function fieldOf(row) {
    return availableFields().get(row.querySelector('.filter-field').value) || null;
  }

  function fillOperators(row) {
    const select = row.querySelector('.filter-op');
    const current = select.value;
    const field = fieldOf(row);
    const ops = field ? field.operators : Object.keys(OPERATOR_LABELS);
    select.replaceChildren(...ops.map((op) => el('option', { value: op }, OPERATOR_LABELS[op] ? op + ': ' + OPERATOR_LABELS[op] : op)));
    if (ops.includes(current)) select.value = current;
  }

  /** The value control fits the field and operator: a choice list where the values are known, else text. */
  function fillValue(row) {
    const box = row.querySelector('.filter-value-box');
    const id = 'filter-' + row.getAttribute('data-filter-id') + '-value';
    const old = box.querySelector('.filter-value');
    const oldValue = old ? old.value : '';
    const oldText = old && old.tagName === 'INPUT' ? old.value : '';
    const field = fieldOf(row);
    const op = row.querySelector('.filter-op').value;
    const type = field ? field.type : 'string';
    let control;
    let hint = null;
    if (op === 'is_null') {
      control = el('select', { id },
        el('option', { value: 'true' }, 'is empty (null)'),
        el('option', { value: 'false' }, 'is not empty'));
    } else if ((op === 'eq' || op === 'ne') && type === 'enum' && field.values) {
      control = el('select', { id }, field.values.map((v) => el('option', { value: v }, v)));
    } else if ((op === 'eq' || op === 'ne') && type === 'boolean') {
      control = el('select', { id }, el('option', { value: 'true' }, 'true'), el('option', { value: 'false' }, 'false'));
    } else {
      const hintId = id + '-hint';
      control = el('input', {
        type: 'text', id, value: oldText, autocomplete: 'off',
        placeholder: op === 'in' ? (type === 'enum' && field.values ? field.values.slice(0, 2).join(', ') : 'a, b, c') : PLACEHOLDERS[type],
        'aria-describedby': type === 'enum' && field.values ? hintId : null,
      });
      if (type === 'enum' && field.values) hint = el('span', { class: 'hint', id: hintId }, 'Values: ' + field.values.join(', '));
    }
    control.classList.add('filter-value');
    if (control.tagName === 'SELECT' && [...control.options].some((o) => o.value === oldValue)) control.value = oldValue;
    box.replaceChildren(el('label', { for: id }, 'Value ', el('span', { class: 'muted' }, '(' + type + ')')), control, hint || '');
  }

  function convertScalar(type, text) {
    const s = text.trim();
    if (type === 'integer' && /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s))) return Number(s);
    if (type === 'number' && s !== '' && Number.isFinite(Number(s))) return Number(s);
    if (type === 'boolean' && (s === 'true' || s === 'false')) return s === 'true';
    return s; // anything else goes as typed: the server checks it against the field's type and says why
  }

  /** The filters object of the request: field → { operator: value }, plus problems found before sending. */
  function readFilters(problems) {
    const filters = {};
    for (const row of $('filters').children) {
      const name = row.querySelector('.filter-field').value;
      const op = row.querySelector('.filter-op').value;
      const control = row.querySelector('.filter-value');
      const field = fieldOf(row);
      const type = field ? field.type : 'string';
      const key = 'filters.' + name;
      if (!name) {
        problems.push({ field: 'filters', problem: 'choose a field for every filter, or remove it' });
        continue;
      }
      let value;
      if (op === 'is_null') {
        value = control.value === 'true';
      } else if (op === 'in') {
        const parts = control.value.split(',').map((p) => p.trim()).filter((p) => p !== '');
        if (parts.length === 0) {
          problems.push({ field: key, problem: 'enter at least one value for "in", separated by commas' });
          continue;
        }
        value = parts.map((p) => convertScalar(type, p));
      } else {
        if (control.value.trim() === '') {
          problems.push({ field: key, problem: 'enter a value for "' + op + '"' });
          continue;
        }
        value = convertScalar(type, control.value);
      }
      filters[name] = filters[name] || {};
      if (op in filters[name]) {
        problems.push({ field: key, problem: 'the operator "' + op + '" is used twice' });
        continue;
      }
      filters[name][op] = value;
    }
    return filters;
  }

  // ---------------------------------------------------------------- the form

  function readDate(input, field, problems) {
    if (input.validity.badInput) {
      problems.push({ field, problem: 'not a complete date and time' });
      return undefined;
    }
    if (!input.value) return undefined;
    const date = new Date(input.value); // datetime-local holds local time; the API gets UTC
    if (Number.isNaN(date.getTime())) {
      problems.push({ field, problem: 'not a valid date and time' });
      return undefined;
    }
    return date.toISOString();
  }

  /** The ExportConfig the form describes (contract section 4), and the problems found before sending. */
  function buildRequest() {
    const problems = [];
    const config = {
      data_types: selectedTypeNames(),
      output_format: $('output-format').value,
      on_invalid: $('on-invalid').value,
      compression: $('compression').checked,
      include_metadata: $('include-metadata').checked,
    };
    const start = readDate($('start-date'), 'start_date', problems);
    const end = readDate($('end-date'), 'end_date', problems);
    if (start) config.start_date = start;
    if (end) config.end_date = end;
    const batch = $('batch-size');
    if (batch.validity.badInput) problems.push({ field: 'batch_size', problem: 'not a number' });
    else if (batch.value.trim() !== '') config.batch_size = Number(batch.value);
    const name = $('export-name').value.trim();
    if (name) config.name = name;
    const filters = readFilters(problems);
    if (Object.keys(filters).length) config.filters = filters;
    return { config, problems };
  }

  const CONTROL_OF_FIELD = {
    start_date: 'start-date', end_date: 'end-date', batch_size: 'batch-size', name: 'export-name',
    output_format: 'output-format', on_invalid: 'on-invalid', compression: 'compression',
    include_metadata: 'include-metadata',
  };

  function clearProblems() {
    const box = $('form-problems');
    box.hidden = true;
    box.replaceChildren();
    for (const node of document.querySelectorAll('#export-form [aria-invalid="true"]')) node.removeAttribute('aria-invalid');
    for (const node of document.querySelectorAll('#export-form .invalid')) node.classList.remove('invalid');
  }

  /** Lists every problem as "field: problem" next to the form and marks the controls concerned. */
  function showProblems(title, problems) {
    clearProblems();
    const box = $('form-problems');
    const items = problems.map((p) => el('li', {},
      p.field ? el('code', { class: 'problem-field' }, p.field) : '', p.field ? ': ' : '',
      el('span', { class: 'problem-text' }, p.problem || '')));
    box.append(el('p', { class: 'problems-title' }, title));
    if (items.length) box.append(el('ul', { id: 'problem-list' }, items));
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
    for (const p of problems) markInvalid(p.field || '');
  }

  function markInvalid(field) {
    if (field === 'data_types' || field.startsWith('data_types[')) {
      $('data-types-fieldset').classList.add('invalid');
      return;
    }
    if (field.startsWith('filters.')) {
      const name = field.slice('filters.'.length).split('.')[0];
      for (const row of $('filters').children) {
        if (row.querySelector('.filter-field').value === name) {
          row.classList.add('invalid');
          row.querySelector('.filter-value').setAttribute('aria-invalid', 'true');
        }
      }
      return;
    }
    const id = CONTROL_OF_FIELD[field];
    if (id) $(id).setAttribute('aria-invalid', 'true');
  }

  function showRequestError(e) {
    if (e.details && e.details.length) {
      const n = e.details.length;
      showProblems('The request has ' + n + ' problem' + (n === 1 ? '' : 's') + ':', e.details);
    } else {
      showProblems(e.message, []);
    }
  }

  function setBusy(busy) {
    $('start-button').disabled = busy || !mayChange();
    $('preview-button').disabled = busy || !mayChange();
    $('export-form').setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  async function startExport(event) {
    event.preventDefault();
    const { config, problems } = buildRequest();
    $('form-message').textContent = '';
    if (problems.length) {
      showProblems('The request has ' + problems.length + ' problem' + (problems.length === 1 ? '' : 's') + ':', problems);
      return;
    }
    setBusy(true);
    try {
      const status = await api('POST', '/api/exports', config);
      clearProblems();
      $('form-message').textContent = 'Export ' + status.export_id + ' started.';
      openDetails(status.export_id, false);
      refresh();
    } catch (e) {
      showRequestError(e);
    } finally {
      setBusy(false);
    }
  }

  async function preview() {
    const { config, problems } = buildRequest();
    $('form-message').textContent = '';
    if (problems.length) {
      showProblems('The request has ' + problems.length + ' problem' + (problems.length === 1 ? '' : 's') + ':', problems);
      return;
    }
    setBusy(true);
    $('form-message').textContent = 'Counting matching records…';
    try {
      const result = await api('POST', '/api/exports/preview', config);
      clearProblems();
      $('form-message').textContent = '';
      renderPreview(result);
    } catch (e) {
      $('form-message').textContent = '';
      showRequestError(e);
    } finally {
      setBusy(false);
    }
  }

  function renderPreview(result) {
    const counts = result.data_types || {};
    const samples = result.sample || {};
    $('preview-total').textContent = formatNumber(result.total_records) + ' matching record'
      + (result.total_records === 1 ? '' : 's') + ' would be exported.';
    const table = el('table', { class: 'compact' },
      el('caption', { class: 'visually-hidden' }, 'Matching records per data type'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Data type'), el('th', { scope: 'col', class: 'num' }, 'Records'))),
      el('tbody', {}, Object.entries(counts).map(([type, c]) => el('tr', { 'data-type': type },
        el('th', { scope: 'row' }, type), el('td', { class: 'num' }, formatNumber(c.total_records))))));
    const blocks = Object.entries(samples).map(([type, records]) => {
      const list = Array.isArray(records) ? records : [];
      const title = list.length ? 'Sample of ' + type + ' (' + list.length + ' record' + (list.length === 1 ? '' : 's') + ')' : 'No sample of ' + type;
      return el('details', { class: 'sample' }, el('summary', {}, title),
        list.length ? el('pre', { tabindex: 0, 'aria-label': 'Sample records of ' + type },
          list.map((r) => JSON.stringify(r)).join('\n')) : el('p', { class: 'muted' }, 'No record matches.'));
    });
    replaceContent($('preview-body'), table, blocks);
    $('preview').hidden = false;
    $('preview').scrollIntoView({ block: 'nearest' });
  }

  // ---------------------------------------------------------------- the exports list

  function listPath() {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(state.offset) });
    if (state.statusFilter) params.set('status', state.statusFilter);
    return '/api/exports?' + params.toString();
  }

  function renderList(list) {
    const exports = Array.isArray(list.exports) ? list.exports : [];
    state.total = typeof list.total === 'number' ? list.total : exports.length;
    replaceContent($('exports-body'), exports.map(exportRow));
    $('exports-empty').hidden = exports.length > 0;
    $('exports-empty').textContent = state.statusFilter ? 'No ' + state.statusFilter + ' exports.' : 'No exports yet.';
    $('prev-page').disabled = state.offset === 0;
    $('next-page').disabled = state.offset + PAGE_SIZE >= state.total;
    $('page-info').textContent = exports.length
      ? (state.offset + 1) + '–' + (state.offset + exports.length) + ' of ' + formatNumber(state.total)
      : '';
  }

  function exportRow(e) {
    const percent = percentDone(e);
    const selected = e.export_id === state.selectedId;
    return el('tr', {
      'data-export-id': e.export_id, class: selected ? 'selected' : null,
      onclick: (event) => {
        if (!event.target.closest('button, a')) showExport(e.export_id, true);
      },
    },
      el('td', { 'data-label': 'Export' }, el('div', { class: 'export-cell' },
        el('button', {
          type: 'button', class: 'link export-link', 'data-focus-key': 'open-' + e.export_id,
          'aria-current': selected ? 'true' : null, onclick: () => showExport(e.export_id, true),
        }, e.export_id),
        e.name ? el('span', { class: 'name-cell' }, e.name) : el('span', { class: 'muted no-name' }, 'no name'))),
      el('td', { 'data-label': 'Status', class: 'status-cell', title: e.error_message || null }, statusBadge(e.status)),
      el('td', { 'data-label': 'Trigger' }, e.trigger || '—'),
      el('td', { 'data-label': 'Requested by', class: 'requested-by' }, e.requested_by || '—'),
      el('td', { 'data-label': 'Created' }, timeElement(e.created_time)),
      el('td', { 'data-label': 'Progress' }, el('div', { class: 'progress-cell' },
        progressBar(percent, 'Progress of ' + e.export_id),
        el('span', { class: 'progress-text' },
          formatNumber(e.processed_records) + ' / ' + formatNumber(e.total_records) + ' · ' + percentFormat.format(percent) + '%'))),
      el('td', { 'data-label': 'Records/s', class: 'num' },
        typeof e.records_per_second === 'number' ? rateFormat.format(e.records_per_second) : '—'));
  }

  /** Is any export pending or running, also beyond the page shown? Asked only when the page cannot tell. */
  async function anyActiveBeyondPage(list) {
    const showsAll = !state.statusFilter && state.offset === 0 && (list ? list.total <= PAGE_SIZE : false);
    if (showsAll) return false;
    const [running, pending] = await Promise.all(['running', 'pending'].map((s) => api('GET', '/api/exports?status=' + s + '&limit=1')));
    return running.total > 0 || pending.total > 0;
  }

  /**
   * Reloads the list (and the open export while it changes), then polls again in a second while any
   * export is pending or running; stops when none is.
   */
  async function refresh() {
    clearTimeout(state.pollTimer);
    state.pollTimer = null;
    const generation = ++state.generation;
    let active = false;
    let failed = false;
    let list = null;
    try {
      list = await api('GET', listPath());
      if (generation !== state.generation) return;
      renderList(list);
      $('list-error').hidden = true;
      active = (list.exports || []).some((e) => ACTIVE.has(e.status));
    } catch (e) {
      if (generation !== state.generation) return;
      failed = true;
      $('list-error').textContent = 'The exports could not be loaded: ' + e.message + ' Trying again shortly.';
      $('list-error').hidden = false;
    }
    if (state.selectedId) {
      const listed = list ? (list.exports || []).find((e) => e.export_id === state.selectedId) : null;
      const changed = listed && state.selected && listed.status !== state.selected.status;
      if (!state.selected || ACTIVE.has(state.selected.status) || changed) {
        await loadDetails(state.selectedId, generation);
        if (generation !== state.generation) return;
      }
      if (state.selected && ACTIVE.has(state.selected.status)) active = true;
    }
    if (!active && !failed) {
      try {
        active = await anyActiveBeyondPage(list);
      } catch (e) {
        failed = true;
      }
    }
    if (generation !== state.generation) return;
    schedule(failed ? RETRY_AFTER_ERROR_MS : active ? POLL_MS : null);
  }

  function schedule(delay) {
    const indicator = $('live-indicator');
    if (delay === null) {
      indicator.textContent = 'Up to date as of ' + new Date().toLocaleTimeString() + '. No export is running.';
      return;
    }
    indicator.textContent = delay === POLL_MS ? 'Live: updating every second while exports run.' : '';
    if (document.hidden) return; // resumed by visibilitychange
    state.pollTimer = setTimeout(refresh, delay);
  }

  // ---------------------------------------------------------------- one export

  function openDetails(id, focus) {
    if (!EXPORT_ID.test(id)) return;
    const changed = id !== state.selectedId;
    state.selectedId = id;
    if (changed) {
      state.selected = null;
      $('details-message').textContent = '';
      replaceContent($('details-body'), el('p', { class: 'muted' }, 'Loading…'));
      $('details-heading').textContent = 'Export ' + id;
    }
    $('details').hidden = false;
    if (location.hash !== '#export=' + id) history.replaceState(null, '', '#export=' + id);
    for (const row of $('exports-body').children) {
      const on = row.getAttribute('data-export-id') === id;
      row.classList.toggle('selected', on);
      const button = row.querySelector('.export-link');
      if (on) button.setAttribute('aria-current', 'true'); else button.removeAttribute('aria-current');
    }
    if (focus) $('details-heading').focus();
  }

  function showExport(id, focus) {
    openDetails(id, focus);
    refresh();
  }

  function closeDetails() {
    state.selectedId = null;
    state.selected = null;
    $('details').hidden = true;
    history.replaceState(null, '', location.pathname + location.search);
    for (const row of $('exports-body').children) row.classList.remove('selected');
    for (const b of $('exports-body').querySelectorAll('[aria-current]')) b.removeAttribute('aria-current');
    $('exports-heading').focus();
  }

  async function loadDetails(id, generation) {
    let summary;
    let status;
    let validation = null;
    try {
      [summary, status] = await Promise.all([api('GET', exportPath(id)), api('GET', exportPath(id) + '/status')]);
    } catch (e) {
      if (generation !== state.generation || id !== state.selectedId) return;
      if (e.status === 404) {
        state.selected = { status: 'unknown' };
        replaceContent($('details-body'), el('p', { class: 'error-text' }, 'There is no export ' + id + '.'));
        $('cancel-button').disabled = true;
        $('retry-button').disabled = true;
      } else {
        $('details-message').textContent = 'The export could not be loaded: ' + e.message;
      }
      return;
    }
    try {
      validation = await api('GET', exportPath(id) + '/validation');
    } catch (e) {
      validation = null; // 409: no batch validated yet
    }
    if (generation !== state.generation || id !== state.selectedId) return;
    const before = state.selected;
    state.selected = status;
    if (before && before.status && before.status !== status.status) {
      announce('Export ' + id + ' is now ' + status.status + '.');
    }
    renderDetails(summary, status, validation);
  }

  /** The status badge and the actions it allows, shown at once (before the next full render). */
  function showStatus(status) {
    $('cancel-button').disabled = !mayChange() || !ACTIVE.has(status.status);
    $('retry-button').disabled = !mayChange() || !RETRYABLE.has(status.status);
    const badge = document.querySelector('#detail-status dd');
    if (badge) badge.replaceChildren(statusBadge(status.status));
  }

  function renderDetails(summary, status, validation) {
    const id = status.export_id;
    $('details-heading').textContent = 'Export ' + id;
    showStatus(status);
    // the list row may have been read a moment earlier: show the same state in both places
    const row = [...$('exports-body').children].find((r) => r.getAttribute('data-export-id') === id);
    if (row) {
      const hadFocus = row.contains(document.activeElement);
      const fresh = exportRow(status);
      row.replaceWith(fresh);
      if (hadFocus) fresh.querySelector('.export-link').focus();
    }
    const percent = percentDone(status);
    const facts = el('dl', { class: 'facts' },
      fact('Name', summary.name || el('span', { class: 'muted' }, '—')),
      fact('Status', statusBadge(status.status), 'detail-status'),
      fact('Progress', el('span', { class: 'progress-cell' }, progressBar(percent, 'Progress of ' + id),
        el('span', { class: 'progress-text' }, formatNumber(status.processed_records) + ' / ' + formatNumber(status.total_records)
          + ' records · ' + percentFormat.format(percent) + '%'))),
      fact('Batches', formatNumber(status.current_batch) + ' / ' + formatNumber(status.total_batches)),
      fact('Records/s', typeof status.records_per_second === 'number' ? rateFormat.format(status.records_per_second) : '—'),
      fact('Trigger', status.trigger || '—'),
      fact('Requested by', status.requested_by || '—', 'detail-requested-by'),
      // cluster mode only: the node that runs the export or ran it last
      status.node ? fact('Node', status.node, 'detail-node') : null,
      fact('Created', timeElement(status.created_time)),
      fact('Started', timeElement(status.start_time)),
      fact('Ended', timeElement(status.end_time)));
    const error = status.error_message
      ? el('div', { class: 'error-box', id: 'detail-error' }, el('strong', {}, 'Error: '), status.error_message)
      : null;
    // what the service changed about the export (a batch size lowered to fit the memory budget), and expiry
    const notes = (status.warnings || []).concat(status.expired
      ? ['Expired: the retention policy deleted this export\'s files; its record and validation report remain.'] : []);
    const notice = notes.length ? el('div', { class: 'notice-box', id: 'detail-notes' }, notes.map((n) => el('p', {}, n))) : null;
    const configOpen = Boolean($('details-body').querySelector('details.config[open]'));
    replaceContent($('details-body'), error, notice, facts, configBlock(summary.config, configOpen),
      typeProgress(status), filesBlock(id, summary, status), validationBlock(validation));
  }

  function fact(term, value, id) {
    return el('div', { class: 'fact', id: id || null }, el('dt', {}, term), el('dd', {}, value));
  }

  function configBlock(config, open) {
    if (!config) return null;
    const range = (config.start_date || 'the beginning') + ' to ' + (config.end_date || 'now');
    const rows = [
      ['Data types', (config.data_types || []).join(', ')],
      ['Time range', config.start_date || config.end_date ? range : 'all'],
      ['Filters', config.filters && Object.keys(config.filters).length ? JSON.stringify(config.filters) : 'none'],
      ['Format', config.output_format],
      ['Compression', config.compression ? 'zip' : 'no'],
      ['Metadata', config.include_metadata ? 'included' : 'left out'],
      ['Invalid records', config.on_invalid],
      ['Batch size', formatNumber(config.batch_size)],
    ];
    return el('details', { class: 'config', open }, el('summary', {}, 'Request'),
      el('dl', { class: 'facts' }, rows.map(([k, v]) => fact(k, el('span', { class: 'wrap' }, v === undefined || v === null ? '—' : String(v))))));
  }

  function typeProgress(status) {
    const types = Object.entries(status.data_type_status || {});
    if (!types.length) return null;
    return el('section', { 'aria-labelledby': 'types-heading' },
      el('h3', { id: 'types-heading' }, 'Progress by data type'),
      el('div', { class: 'table-wrap' }, el('table', { class: 'compact cards', id: 'type-progress' },
        el('thead', {}, el('tr', {}, ['Data type', 'Status', 'Progress', 'Records', 'Batches', 'Invalid', 'Skipped']
          .map((h, i) => el('th', { scope: 'col', class: i >= 3 ? 'num' : null }, h)))),
        el('tbody', {}, types.map(([name, t]) => {
          const pct = t.status === 'completed' ? 100 : Math.min(100, Math.floor(10 * (t.progress || 0)) / 10);
          return el('tr', { 'data-type': name },
            el('th', { scope: 'row', 'data-label': 'Data type' }, name),
            el('td', { 'data-label': 'Status' }, statusBadge(t.status)),
            el('td', { 'data-label': 'Progress' }, el('div', { class: 'progress-cell' }, progressBar(pct, 'Progress of ' + name),
              el('span', { class: 'progress-text' }, percentFormat.format(pct) + '%'))),
            el('td', { 'data-label': 'Records', class: 'num' }, formatNumber(t.records) + ' / ' + formatNumber(t.total_records)),
            el('td', { 'data-label': 'Batches', class: 'num' }, formatNumber(t.batches) + ' / ' + formatNumber(t.total_batches)),
            el('td', { 'data-label': 'Invalid', class: 'num' }, formatNumber(t.invalid_records)),
            el('td', { 'data-label': 'Skipped', class: 'num' }, formatNumber(t.skipped_records)));
        })))));
  }

  function fileLink(id, name) {
    return el('a', { href: exportPath(id) + '/files/' + encodeURIComponent(name), class: 'file-link' }, name);
  }

  function filesBlock(id, summary, status) {
    const section = el('section', { 'aria-labelledby': 'files-heading' }, el('h3', { id: 'files-heading' }, 'Files'));
    const files = Array.isArray(summary.files) ? summary.files : [];
    if (status.status !== 'completed') {
      section.append(el('p', { class: 'muted' }, 'The files are listed here once the export has completed.'));
      return section;
    }
    section.append(el('p', {}, el('a', { href: exportPath(id) + '/download', class: 'button', id: 'download-link' },
      'Download all (zip)')));
    section.append(el('div', { class: 'table-wrap' }, el('table', { class: 'compact cards', id: 'files-table' },
      el('thead', {}, el('tr', {}, ['File', 'Data type', 'Records', 'Size', 'SHA-256']
        .map((h, i) => el('th', { scope: 'col', class: i === 2 || i === 3 ? 'num' : null }, h)))),
      el('tbody', {}, files.map((f) => el('tr', { 'data-file': f.name },
        el('td', { 'data-label': 'File' }, fileLink(id, f.name)),
        el('td', { 'data-label': 'Data type' }, f.data_type || '—'),
        el('td', { 'data-label': 'Records', class: 'num file-records' }, formatNumber(f.records)),
        el('td', { 'data-label': 'Size', class: 'num', title: typeof f.bytes === 'number' ? f.bytes + ' bytes' : null }, formatBytes(f.bytes)),
        el('td', { 'data-label': 'SHA-256' }, el('code', { class: 'hash' }, f.sha256 || '—'))))))));
    const others = ['manifest.json', 'validation-report.json'];
    if (summary.config && summary.config.compression) others.push(id + '.zip');
    section.append(el('p', { class: 'other-files' }, 'Also: ',
      others.flatMap((name, i) => (i ? [', ', fileLink(id, name)] : [fileLink(id, name)]))));
    return section;
  }

  function validationBlock(report) {
    const section = el('section', { 'aria-labelledby': 'validation-heading', id: 'validation' },
      el('h3', { id: 'validation-heading' }, 'Validation'));
    const types = report && report.data_types ? Object.entries(report.data_types) : [];
    if (!types.length) {
      section.append(el('p', { class: 'muted' }, 'No validation report yet: no batch has been validated.'));
      return section;
    }
    for (const [name, t] of types) {
      const quality = t.quality || {};
      const failing = (t.rules || []).filter((r) => r.failures > 0);
      section.append(el('div', { class: 'validation-type', 'data-type': name },
        el('h4', {}, name),
        el('p', {}, formatNumber(t.records) + ' records: ' + formatNumber(t.valid) + ' valid, ' + formatNumber(t.invalid) + ' invalid.'),
        el('dl', { class: 'quality' }, ['completeness', 'consistency', 'accuracy'].map((m) => {
          const v = typeof quality[m] === 'number' ? Math.floor(quality[m] * 1000) / 10 : null;
          return el('div', { class: 'fact' }, el('dt', {}, m[0].toUpperCase() + m.slice(1)),
            el('dd', {}, v === null ? '—' : [el('meter', { min: 0, max: 100, value: v, 'aria-label': m + ' of ' + name }), ' ' + percentFormat.format(v) + '%']));
        })),
        failing.length
          ? el('div', { class: 'table-wrap' }, el('table', { class: 'compact' },
            el('caption', {}, 'Rules with failures'),
            el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Rule'), el('th', { scope: 'col', class: 'num' }, 'Failures'),
              el('th', { scope: 'col' }, 'Example ids'))),
            el('tbody', {}, failing.map((r) => el('tr', {},
              el('th', { scope: 'row' }, el('code', {}, r.rule)),
              el('td', { class: 'num' }, formatNumber(r.failures)),
              el('td', { class: 'wrap' }, (r.example_ids || []).join(', ')))))))
          : el('p', {}, 'Every rule passed.')));
    }
    return section;
  }

  async function exportAction(action) {
    const id = state.selectedId;
    if (!id) return;
    // answers of refreshes already under way predate the action: drop them
    state.generation++;
    clearTimeout(state.pollTimer);
    state.pollTimer = null;
    $('cancel-button').disabled = true;
    $('retry-button').disabled = true;
    try {
      const status = await api('POST', exportPath(id) + '/' + action);
      if (id === state.selectedId) {
        state.selected = status;
        showStatus(status);
        $('details-message').textContent = action === 'cancel'
          ? (status.status === 'cancelled' ? 'Export cancelled.' : 'Cancel requested: the export stops at its next batch boundary.')
          : 'Retry accepted: the export continues from its last checkpoint.';
      }
    } catch (e) {
      if (id === state.selectedId) {
        $('details-message').textContent = (action === 'cancel' ? 'Cancel' : 'Retry') + ' was refused: ' + e.message;
      }
    }
    refresh();
  }

  function selectFromHash() {
    const match = /^#export=([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
    if (match && match[1] !== state.selectedId) showExport(match[1], false);
  }

  // ---------------------------------------------------------------- signing in

  /** Shows the app for the caller the service knows (anonymous access, or a session). */
  function signedIn(me) {
    state.me = me;
    $('sign-in').hidden = true;
    $('app').hidden = false;
    $('user-bar').hidden = !me.tokens_required;
    $('user-name').textContent = me.tokens_required
      ? 'Signed in as ' + me.name + ' (' + me.role + (Array.isArray(me.data_types) ? ', ' + me.data_types.join(', ') : '') + ')'
      : '';
    const viewer = !mayChange();
    $('start-button').disabled = viewer;
    $('preview-button').disabled = viewer;
    $('viewer-note').hidden = !viewer;
    loadDataTypes();
    const match = /^#export=([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
    if (match) openDetails(match[1], false);
    refresh();
  }

  /** Hides everything the service said (it may belong to the one who signed out) and asks for a token. */
  function showSignIn(message) {
    state.generation++;
    clearTimeout(state.pollTimer);
    state.pollTimer = null;
    state.me = null;
    state.selected = null;
    state.selectedId = null;
    $('app').hidden = true;
    $('user-bar').hidden = true;
    $('details').hidden = true;
    $('exports-body').replaceChildren();
    $('details-body').replaceChildren();
    $('preview').hidden = true;
    $('preview-body').replaceChildren();
    $('sign-in-message').textContent = message || '';
    $('sign-in').hidden = false;
    $('token-input').focus();
  }

  async function checkSession() {
    try {
      signedIn(await api('GET', '/api/session'));
    } catch (e) {
      if (e.status === 401) showSignIn('');
      else showSignIn('The service cannot be reached: ' + e.message);
    }
  }

  async function signIn(event) {
    event.preventDefault();
    const input = $('token-input');
    const token = input.value.trim();
    if (!token) {
      $('sign-in-message').textContent = 'Enter your API token.';
      return;
    }
    $('sign-in-button').disabled = true;
    try {
      const me = await api('POST', '/api/session', { token });
      input.value = '';
      $('sign-in-message').textContent = '';
      signedIn(me);
    } catch (e) {
      $('sign-in-message').textContent = e.status === 401
        ? 'That token is not valid (unknown or revoked).' : 'Signing in failed: ' + e.message;
    } finally {
      $('sign-in-button').disabled = false;
    }
  }

  async function signOut() {
    try {
      await api('DELETE', '/api/session');
    } catch (e) {
      // the cookie is gone or the service is away: the page forgets the session either way
    }
    showSignIn('Signed out.');
  }

  // ---------------------------------------------------------------- start

  function init() {
    $('sign-in-form').addEventListener('submit', signIn);
    $('sign-out-button').addEventListener('click', signOut);
    $('export-form').addEventListener('submit', startExport);
    $('preview-button').addEventListener('click', preview);
    $('add-filter').addEventListener('click', addFilterRow);
    $('status-filter').addEventListener('change', () => {
      state.statusFilter = $('status-filter').value;
      state.offset = 0;
      refresh();
    });
    $('refresh-button').addEventListener('click', refresh);
    $('prev-page').addEventListener('click', () => {
      state.offset = Math.max(0, state.offset - PAGE_SIZE);
      refresh();
    });
    $('next-page').addEventListener('click', () => {
      state.offset += PAGE_SIZE;
      refresh();
    });
    $('cancel-button').addEventListener('click', () => exportAction('cancel'));
    $('retry-button').addEventListener('click', () => exportAction('retry'));
    $('close-details').addEventListener('click', closeDetails);
    window.addEventListener('hashchange', () => { if (state.me) selectFromHash(); });
    // polling pauses in a hidden tab and catches up when it is shown again
    document.addEventListener('visibilitychange', () => { if (!document.hidden && state.me) refresh(); });
    window.addEventListener('focus', () => { if (state.me && state.pollTimer === null) refresh(); });
    checkSession();
  }

  init();
})();
