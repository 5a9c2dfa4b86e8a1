/*
 * The new-export form: data types, time range, type-aware filters, output options; its problems shown
 * beside the fields they concern (with a summary linking to each), Preview and Start, and filling it
 * from an earlier export's request ("run again with changes").
 */
import { $, el, replaceContent, announce } from './dom.js';
import { api } from './client.js';
import { state, mayChange } from './state.js';
import { renderPreview } from './preview.js';

const OPERATOR_LABELS = {
  eq: 'equals', ne: 'not equal', gt: 'greater than', gte: 'at least', lt: 'less than',
  lte: 'at most', in: 'any of', contains: 'contains', starts_with: 'starts with', is_null: 'empty or not',
};
const PLACEHOLDERS = {
  integer: 'e.g. 42', number: 'e.g. 1.5', timestamp: 'e.g. 2026-11-01T00:00:00Z',
  string: 'text', text: 'text', json: 'text', enum: 'value', boolean: 'true or false',
};
/** The control of each top-level request field, for problems the service names. */
const CONTROL_OF_FIELD = {
  start_date: 'start-date', end_date: 'end-date', batch_size: 'batch-size', name: 'export-name',
  output_format: 'output-format', on_invalid: 'on-invalid', compression: 'compression',
  include_metadata: 'include-metadata',
};

let nextFilterId = 1;
let onStarted = () => {};

export function initForm(handlers) {
  onStarted = handlers.onStarted;
  $('export-form').addEventListener('submit', startExport);
  $('preview-button').addEventListener('click', preview);
  $('add-filter').addEventListener('click', () => addFilterRow(true));
}

// ---------------------------------------------------------------- data types and filters

export async function loadDataTypes() {
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

/** Fields by name over the given data types: the union of their operators and enum values, and which types have each. */
function fieldsOf(types) {
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

/** The fields a filter may name: those of the selected data types (all types while none is selected). */
function availableFields() {
  const selected = selectedTypeNames();
  return fieldsOf(selected.length ? state.dataTypes.filter((t) => selected.includes(t.name)) : state.dataTypes);
}

/**
 * The definition of a row's field: from the selected types, or else from any type, so a filter whose field
 * the selection no longer has keeps its kind of control and its value (and says why it is a problem).
 */
function fieldOf(row) {
  const name = row.querySelector('.filter-field').value;
  return availableFields().get(name) || fieldsOf(state.dataTypes).get(name) || null;
}

function addFilterRow(focus) {
  const id = nextFilterId++;
  const row = el('li', { class: 'filter-row', 'data-filter-id': id });
  const fieldSelect = el('select', { id: 'filter-' + id + '-field', class: 'filter-field' });
  const opSelect = el('select', { id: 'filter-' + id + '-op', class: 'filter-op' });
  const valueBox = el('div', { class: 'field filter-value-box' });
  const remove = el('button', {
    type: 'button', class: 'secondary remove-filter',
    onclick: () => {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumberFilters();
      (next ? next.querySelector('select') : $('add-filter')).focus();
    },
  }, 'Remove');
  fieldSelect.addEventListener('change', () => { fillOperators(row); fillValue(row); noteField(row); });
  opSelect.addEventListener('change', () => fillValue(row));
  row.append(el('fieldset', { class: 'filter' }, el('legend', { class: 'visually-hidden' }, 'Filter'),
    el('div', { class: 'field filter-field-box' }, el('label', { for: fieldSelect.id }, 'Field'), fieldSelect,
      el('span', { class: 'hint field-note', id: fieldSelect.id + '-note' })),
    el('div', { class: 'field filter-op-box' }, el('label', { for: opSelect.id }, 'Operator'), opSelect),
    valueBox, remove,
    el('p', { class: 'field-error', id: 'filter-' + id + '-error', hidden: true })));
  $('filters').append(row);
  fillFields(row);
  renumberFilters();
  if (focus) fieldSelect.focus();
  return row;
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
  const options = [...fields.values()].map((f) => el('option', { value: f.name, title: f.name }, f.name));
  if (current && !fields.has(current)) {
    // the user's choice stays, marked: the selection lost it, and Start says so before sending
    options.push(el('option', { value: current, title: current }, current + ' (not in the selected data types)'));
  }
  select.replaceChildren(...options);
  if (current) select.value = current;
  fillOperators(row);
  fillValue(row);
  noteField(row);
}

/** Under the field: which data types have it, or that none of the selected ones does. */
function noteField(row) {
  const select = row.querySelector('.filter-field');
  const note = row.querySelector('.field-note');
  const name = select.value;
  select.title = name;
  const selected = selectedTypeNames();
  const field = availableFields().get(name);
  // a long name may not fit the list's box: it is written out in full under it
  const full = name.length > 24 ? name + ': ' : '';
  if (!name) note.textContent = '';
  else if (!field) note.textContent = full + 'Not in the selected data types.';
  else note.textContent = selected.length > 1 || !selected.length ? (full ? full + 'in ' : 'In ') + field.types.join(', ') : full.replace(/: $/, '');
  row.classList.toggle('stale', Boolean(name) && !field);
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
  const field = fieldOf(row);
  const op = row.querySelector('.filter-op').value;
  const type = field ? field.type : 'string';
  const enumValues = type === 'enum' && field && field.values ? field.values : null;
  let control;
  let hint = null;
  if (op === 'is_null') {
    control = el('select', { id },
      el('option', { value: 'true' }, 'is empty (null)'),
      el('option', { value: 'false' }, 'is not empty'));
  } else if ((op === 'eq' || op === 'ne') && enumValues) {
    control = el('select', { id }, enumValues.map((v) => el('option', { value: v }, v)));
  } else if ((op === 'eq' || op === 'ne') && type === 'boolean') {
    control = el('select', { id }, el('option', { value: 'true' }, 'true'), el('option', { value: 'false' }, 'false'));
  } else {
    const hintId = id + '-hint';
    // a value typed before stays (a choice from a list is not carried into a text box: it would be typed into)
    const keep = old && old.tagName === 'INPUT' ? oldValue : '';
    control = el('input', {
      type: 'text', id, value: keep, autocomplete: 'off',
      placeholder: op === 'in' ? (enumValues ? enumValues.slice(0, 2).join(', ') : 'a, b, c') : PLACEHOLDERS[type],
      'aria-describedby': enumValues ? hintId : null,
    });
    if (enumValues) hint = el('span', { class: 'hint', id: hintId }, 'Values: ' + enumValues.join(', '));
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
  const selected = selectedTypeNames();
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
    if (selected.length && !availableFields().has(name)) {
      const owners = field ? ' (it is a field of ' + field.types.join(', ') + ')' : '';
      problems.push({ field: key, problem: 'field not in the selected data types' + owners + ': add its data type or remove the filter' });
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

// ---------------------------------------------------------------- the request

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

// ---------------------------------------------------------------- problems beside their fields

/** Where a problem of a field is shown and what gets focus: { box, focus } or null for the summary only. */
function placeOf(field) {
  if (field === 'data_types' || field.startsWith('data_types[')) {
    return { container: $('data-types-fieldset'), error: $('data-types-error'),
      focus: document.querySelector('#data-types input') || $('data-types-fieldset'), mark: $('data-types-fieldset') };
  }
  if (field.startsWith('filters.')) {
    const name = field.slice('filters.'.length).split('.')[0];
    const row = [...$('filters').children].find((r) => r.querySelector('.filter-field').value === name);
    if (row) {
      return { container: row, error: row.querySelector('.field-error'), focus: row.querySelector('.filter-value'),
        mark: row.querySelector('.filter-value'), row };
    }
    return null;
  }
  if (field === 'filters') {
    return { container: $('filters-fieldset'), error: $('filters-error'), focus: $('add-filter'), mark: $('filters-fieldset') };
  }
  const base = field.split(/[.[]/)[0];
  const id = CONTROL_OF_FIELD[base];
  if (!id) return null;
  return { container: $(id).closest('.field, .check'), error: $(id + '-error'), focus: $(id), mark: $(id) };
}

function clearProblems() {
  const box = $('form-problems');
  box.hidden = true;
  box.replaceChildren();
  for (const node of document.querySelectorAll('#export-form [aria-invalid="true"]')) node.removeAttribute('aria-invalid');
  for (const node of document.querySelectorAll('#export-form .invalid')) node.classList.remove('invalid');
  for (const node of document.querySelectorAll('#export-form .field-error')) {
    node.hidden = true;
    node.textContent = '';
  }
}

/**
 * Shows each problem beside its field (and the field marked invalid), a summary above the buttons whose
 * entries lead to the fields, and moves focus to the first field concerned (to the summary when none is).
 */
function showProblems(title, problems) {
  clearProblems();
  const box = $('form-problems');
  let first = null;
  const items = problems.map((p) => {
    const place = p.field ? placeOf(p.field) : null;
    if (place) {
      place.error.hidden = false;
      place.error.append(place.error.textContent ? ' ' : '', p.problem || '');
      if (place.row) place.row.classList.add('invalid');
      if (place.mark.tagName === 'FIELDSET') place.mark.classList.add('invalid');
      else place.mark.setAttribute('aria-invalid', 'true');
      if (place.mark.id && place.error.id) {
        const described = (place.mark.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== place.error.id);
        place.mark.setAttribute('aria-describedby', [...described, place.error.id].join(' '));
      }
      if (!first) first = place.focus;
    }
    const label = p.field
      ? (place ? el('a', { href: '#' + (place.focus.id || ''), class: 'problem-field',
        onclick: (event) => { event.preventDefault(); place.focus.focus(); } }, p.field) : el('code', { class: 'problem-field' }, p.field))
      : '';
    return el('li', {}, label, p.field ? ': ' : '', el('span', { class: 'problem-text' }, p.problem || ''));
  });
  box.append(el('p', { class: 'problems-title', id: 'problems-title', tabindex: -1 }, title));
  if (items.length) box.append(el('ul', { id: 'problem-list' }, items));
  box.hidden = false;
  if (first) {
    first.focus();
    first.scrollIntoView({ block: 'center' });
  } else {
    $('problems-title').focus();
  }
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

function checked() {
  const { config, problems } = buildRequest();
  $('form-message').textContent = '';
  if (problems.length) {
    showProblems('The request has ' + problems.length + ' problem' + (problems.length === 1 ? '' : 's') + ':', problems);
    return null;
  }
  return config;
}

async function startExport(event) {
  event.preventDefault();
  const config = checked();
  if (!config) return;
  setBusy(true);
  try {
    const status = await api('POST', '/api/exports', config);
    clearProblems();
    $('form-message').textContent = 'Export ' + status.export_id + ' started.';
    onStarted(status);
  } catch (e) {
    showRequestError(e);
  } finally {
    setBusy(false);
  }
}

async function preview() {
  const config = checked();
  if (!config) return;
  setBusy(true);
  $('form-message').textContent = 'Counting matching records…';
  try {
    const result = await api('POST', '/api/exports/preview', config);
    clearProblems();
    $('form-message').textContent = '';
    renderPreview(result, config.output_format);
  } catch (e) {
    $('form-message').textContent = '';
    showRequestError(e);
  } finally {
    setBusy(false);
  }
}

// ---------------------------------------------------------------- run again with changes

/** The value of a datetime-local control for an ISO instant, in local time. */
function localInput(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':'
    + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
}

/** Fills the form with an export's request (its config), for the user to change and start again. */
export function fillFromConfig(config, exportId) {
  clearProblems();
  const types = new Set(config.data_types || []);
  for (const box of document.querySelectorAll('#data-types input[name="data_types"]')) box.checked = types.has(box.value);
  $('start-date').value = config.start_date ? localInput(config.start_date) : '';
  $('end-date').value = config.end_date ? localInput(config.end_date) : '';
  $('output-format').value = config.output_format || 'json';
  $('on-invalid').value = config.on_invalid || 'include';
  $('batch-size').value = config.batch_size || 1000;
  $('export-name').value = config.name || '';
  $('compression').checked = Boolean(config.compression);
  $('include-metadata').checked = config.include_metadata !== false;
  $('filters').replaceChildren();
  for (const [field, ops] of Object.entries(config.filters || {})) {
    const conditions = Array.isArray(ops.all_of) ? ops.all_of : [ops];
    for (const condition of conditions) {
      for (const [op, value] of Object.entries(condition)) addConditionRow(field, op, value);
    }
  }
  refreshFilterRows();
  $('preview').hidden = true;
  $('form-message').textContent = 'Filled in from export ' + exportId + ': change what you need, then start it.';
  $('new-export-heading').focus();
  $('new-export-heading').scrollIntoView({ block: 'start' });
  announce('The form holds the request of export ' + exportId + '.');
}

function addConditionRow(field, op, value) {
  const row = addFilterRow(false);
  const fieldSelect = row.querySelector('.filter-field');
  if (![...fieldSelect.options].some((o) => o.value === field)) fieldSelect.append(el('option', { value: field }, field));
  fieldSelect.value = field;
  fillOperators(row);
  const opSelect = row.querySelector('.filter-op');
  if (![...opSelect.options].some((o) => o.value === op)) opSelect.append(el('option', { value: op }, op));
  opSelect.value = op;
  fillValue(row);
  const control = row.querySelector('.filter-value');
  control.value = Array.isArray(value) ? value.join(', ') : String(value);
}
