/*
 * Records as people read them: the preview's sample as a table in the columns of the chosen format (and the
 * text as that format writes it), and one record (a validation example) as field/value pairs.
 * Values are text nodes: a record holding markup shows the markup.
 */
import { $, el, replaceContent, formatNumber } from './dom.js';

/** A cell as the format writes it: objects and arrays as JSON text, null as empty (csv) or null. */
function cellText(value, format) {
  if (value === null || value === undefined) return format === 'csv' ? '' : 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The columns of the records, in the order the records give them (they share one layout per data type). */
function columnsOf(records) {
  const columns = [];
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  return columns;
}

function csvCell(text) {
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** The sample as the chosen format's file would hold it. */
function asWritten(records, format) {
  if (format === 'csv') {
    const columns = columnsOf(records);
    return [columns.map(csvCell).join(','), ...records.map((r) => columns.map((c) => csvCell(cellText(r[c], 'csv'))).join(','))].join('\n');
  }
  if (format === 'json') return '[\n' + records.map((r) => '  ' + JSON.stringify(r)).join(',\n') + '\n]';
  return records.map((r) => JSON.stringify(r)).join('\n');
}

function sampleTable(type, records, format) {
  const columns = columnsOf(records);
  return el('div', { class: 'table-wrap sample-wrap', tabindex: 0, role: 'region', 'aria-label': 'Sample records of ' + type },
    el('table', { class: 'compact sample-table', 'data-type': type },
      el('caption', { class: 'visually-hidden' }, 'Sample records of ' + type + ' in the columns of ' + format),
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c)))),
      el('tbody', {}, records.map((r) => el('tr', {}, columns.map((c) => {
        const text = cellText(r[c], format);
        return el('td', { class: r[c] === null || r[c] === undefined ? 'muted cell' : 'cell', title: text.length > 60 ? text : null }, text);
      }))))));
}

export function renderPreview(result, format) {
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
    return el('section', { class: 'sample-block', 'data-type': type },
      el('h4', {}, title),
      list.length ? sampleTable(type, list, format) : el('p', { class: 'muted' }, 'No record matches.'),
      list.length ? el('details', { class: 'sample' }, el('summary', {}, 'As written to the ' + format + ' file'),
        el('pre', { tabindex: 0, 'aria-label': 'Sample records of ' + type + ' as ' + format }, asWritten(list, format))) : null);
  });
  replaceContent($('preview-body'), table, blocks);
  $('preview').hidden = false;
  $('preview').scrollIntoView({ block: 'nearest' });
}

/** One record as field/value rows; nested objects (metadata, context) as indented JSON text. */
export function recordTable(record) {
  return el('table', { class: 'compact record-table' },
    el('tbody', {}, Object.entries(record).map(([k, v]) => el('tr', {},
      el('th', { scope: 'row' }, k),
      el('td', {}, v !== null && typeof v === 'object' ? el('pre', { class: 'json-cell' }, JSON.stringify(v, null, 2)) : cellText(v, 'json'))))));
}
