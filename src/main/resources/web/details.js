/*
 * One export: summary with elapsed time, ETA and duration, its request (and "run again with changes"),
 * progress per data type, attempts, files, the validation report as charts whose example ids open the
 * record; cancel (after a confirmation) and retry. Reloaded when the event stream says the export changed.
 */
import { $, el, replaceContent, announce, formatNumber, formatDecimal, formatBytes, formatDuration, formatPercent,
  percentDone, progressBar, statusBadge, timeElement, humanError } from './dom.js';
import { api, exportPath, EXPORT_ID, ACTIVE, RETRYABLE, FINISHED } from './client.js';
import { mayChange } from './state.js';
import { recordTable } from './preview.js';

/** Quality at or above this (percent) is good; at or above WARN it deserves a look; below, it is bad. */
const GOOD = 99;
const WARN = 95;

const view = {
  id: null,
  summary: null,        // GET /api/exports/{id}: summary, config, files, validation
  status: null,         // GET /api/exports/{id}/status
  attempts: [],
  attemptsKey: null,    // status and attempt count the attempts were read for
  loading: false,
  again: false,
  generation: 0,
  actionMessage: false, // { attempts }: the message is about an action, to be cleared when that attempt ends
};
let handlers = { onRunAgain: () => {}, onSelect: () => {} };

export function initDetails(h) {
  handlers = h;
  $('cancel-button').addEventListener('click', askCancel);
  $('confirm-cancel').addEventListener('click', () => { $('cancel-dialog').close(); exportAction('cancel'); });
  $('keep-running').addEventListener('click', () => $('cancel-dialog').close());
  $('retry-button').addEventListener('click', () => exportAction('retry'));
  $('run-again-button').addEventListener('click', () => {
    if (view.summary && view.summary.config) handlers.onRunAgain(view.summary.config, view.id);
  });
  $('close-details').addEventListener('click', () => closeDetails(true));
  $('record-close').addEventListener('click', () => $('record-dialog').close());
}

export const openId = () => view.id;

export function openDetails(id, focus) {
  if (!EXPORT_ID.test(id)) return;
  if (id !== view.id) {
    view.generation++;
    view.id = id;
    view.summary = null;
    view.status = null;
    view.attempts = [];
    view.attemptsKey = null;
    view.actionMessage = false;
    $('details-message').textContent = '';
    replaceContent($('details-body'), el('p', { class: 'muted' }, 'Loading…'));
    $('details-heading').textContent = 'Export ' + id;
    $('cancel-button').disabled = true;
    $('retry-button').disabled = true;
    $('run-again-button').disabled = true;
  }
  $('details').hidden = false;
  if (location.hash !== '#export=' + id) history.replaceState(null, '', location.pathname + location.search + '#export=' + id);
  handlers.onSelect(id);
  if (focus) {
    $('details-heading').focus();
    $('details').scrollIntoView({ block: 'start' });
  }
  load();
}

export function closeDetails(focusList) {
  view.generation++;
  view.id = null;
  view.summary = null;
  view.status = null;
  $('details').hidden = true;
  history.replaceState(null, '', location.pathname + location.search);
  handlers.onSelect(null);
  if (focusList) $('exports-heading').focus();
}

/** The event stream told of a change of an export: the open one is read again. */
export function exportChanged(summary) {
  if (summary.export_id === view.id) load();
}

/** Reads the open export; a change told while a read is under way is read right after it. */
async function load() {
  if (view.loading) {
    view.again = true;
    return;
  }
  view.loading = true;
  try {
    do {
      view.again = false;
      await loadOnce();
    } while (view.again);
  } finally {
    view.loading = false;
  }
}

async function loadOnce() {
  const id = view.id;
  const generation = view.generation;
  if (!id) return;
  let summary;
  let status;
  try {
    // the summary carries the validation report so far (null before the first batch): no 409s to poll through
    [summary, status] = await Promise.all([api('GET', exportPath(id)), api('GET', exportPath(id) + '/status')]);
  } catch (e) {
    if (generation !== view.generation) return;
    if (e.status === 404) {
      view.status = { status: 'unknown' };
      replaceContent($('details-body'), el('p', { class: 'error-text' }, 'There is no export ' + id + '.'));
      $('cancel-button').disabled = true;
      $('retry-button').disabled = true;
    } else {
      $('details-message').textContent = 'The export could not be loaded: ' + e.message;
    }
    return;
  }
  const key = status.status + '/' + status.attempts;
  if (key !== view.attemptsKey || status.status === 'running') {
    try {
      view.attempts = (await api('GET', exportPath(id) + '/attempts')).attempts || [];
      view.attemptsKey = key;
    } catch (e) {
      view.attempts = view.attempts || [];
    }
  }
  if (generation !== view.generation) return;
  const before = view.status;
  view.summary = summary;
  view.status = status;
  if (before && before.status && before.status !== status.status) {
    announce('Export ' + id + ' is now ' + status.status + '.');
  }
  if (view.actionMessage && FINISHED.has(status.status) && status.attempts >= view.actionMessage.attempts) {
    // "Cancel requested…" or "Retry accepted…" said what was asked; the status now says how it ended
    $('details-message').textContent = '';
    view.actionMessage = false;
  }
  render();
}

/** The buttons a status allows. */
function showActions(status) {
  $('cancel-button').disabled = !mayChange() || !ACTIVE.has(status.status);
  $('retry-button').disabled = !mayChange() || !RETRYABLE.has(status.status);
  $('run-again-button').disabled = !mayChange() || !(view.summary && view.summary.config);
  const badge = document.querySelector('#detail-status dd');
  if (badge) badge.replaceChildren(statusBadge(status.status));
}

function fact(term, value, id) {
  return el('div', { class: 'fact', id: id || null }, el('dt', {}, term), el('dd', {}, value));
}

function render() {
  const summary = view.summary;
  const status = view.status;
  const id = status.export_id;
  $('details-heading').textContent = 'Export ' + id;
  showActions(status);
  const percent = percentDone(status);
  const running = status.status === 'running';
  const ended = FINISHED.has(status.status);
  const facts = el('dl', { class: 'facts' },
    fact('Name', summary.name || el('span', { class: 'muted' }, '—')),
    fact('Status', statusBadge(status.status), 'detail-status'),
    fact('Progress', el('span', { class: 'progress-cell' }, progressBar(percent, 'Progress of ' + id),
      el('span', { class: 'progress-text' }, formatNumber(status.processed_records) + ' / ' + formatNumber(status.total_records)
        + ' records · ' + formatPercent(percent)))),
    fact(ended ? 'Duration' : 'Elapsed', status.status === 'pending' ? 'waiting to start' : formatDuration(status.elapsed_seconds), 'detail-duration'),
    fact('Time left', running ? (typeof status.eta_seconds === 'number' ? 'about ' + formatDuration(status.eta_seconds) : 'estimating…')
      : '—', 'detail-eta'),
    fact('Records/s', typeof status.records_per_second === 'number' ? formatDecimal(status.records_per_second) : '—'),
    fact('Batches', formatNumber(status.current_batch) + ' / ' + formatNumber(status.total_batches)),
    fact('Size', status.bytes ? formatBytes(status.bytes) : '—'),
    fact('Trigger', status.trigger || '—'),
    fact('Requested by', status.requested_by || '—', 'detail-requested-by'),
    fact('Attempts', formatNumber(status.attempts)),
    // cluster mode only: the node that runs the export or ran it last
    status.node ? fact('Node', status.node, 'detail-node') : null,
    fact('Created', timeElement(status.created_time)),
    fact('Started', timeElement(status.start_time)),
    fact('Ended', timeElement(status.end_time)));
  const error = status.error_message
    ? el('div', { class: 'error-box', id: 'detail-error' }, el('strong', {}, 'Why it failed: '), humanError(status.error_message))
    : null;
  // what the service changed about the export (a batch size lowered to fit the memory budget), and expiry
  const notes = (status.warnings || []).concat(status.expired
    ? ['Expired: the retention policy deleted this export\'s files; its record and validation report remain.'] : []);
  const notice = notes.length ? el('div', { class: 'notice-box', id: 'detail-notes' }, notes.map((n) => el('p', {}, n))) : null;
  const configOpen = Boolean($('details-body').querySelector('details.config[open]'));
  replaceContent($('details-body'), error, notice, facts, configBlock(summary.config, configOpen),
    typeProgress(status), attemptsBlock(), filesBlock(id, summary, status), validationBlock(summary.validation, summary.config));
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
  const running = status.status === 'running';
  return el('section', { 'aria-labelledby': 'types-heading' },
    el('h3', { id: 'types-heading' }, 'Progress by data type'),
    el('div', { class: 'table-wrap' }, el('table', { class: 'compact cards', id: 'type-progress' },
      el('thead', {}, el('tr', {}, ['Data type', 'Status', 'Progress', 'Time', 'Time left', 'Records', 'Batches', 'Invalid', 'Skipped']
        .map((h, i) => el('th', { scope: 'col', class: i >= 5 ? 'num' : null }, h)))),
      el('tbody', {}, types.map(([name, t]) => {
        const pct = t.status === 'completed' ? 100 : Math.min(100, Math.floor(10 * (t.progress || 0)) / 10);
        const left = t.status === 'completed' ? 'done'
          : running && typeof t.eta_seconds === 'number' ? 'about ' + formatDuration(t.eta_seconds) : '—';
        return el('tr', { 'data-type': name },
          el('th', { scope: 'row', 'data-label': 'Data type' }, name),
          el('td', { 'data-label': 'Status' }, statusBadge(t.status)),
          el('td', { 'data-label': 'Progress' }, el('div', { class: 'progress-cell' }, progressBar(pct, 'Progress of ' + name),
            el('span', { class: 'progress-text' }, formatPercent(pct)))),
          el('td', { 'data-label': 'Time', class: 'type-time' }, typeof t.elapsed_seconds === 'number'
            ? (t.status === 'completed' ? 'took ' : '') + formatDuration(t.elapsed_seconds) + (t.status === 'running' ? ' so far' : '') : '—'),
          el('td', { 'data-label': 'Time left', class: 'type-eta' }, left),
          el('td', { 'data-label': 'Records', class: 'num' }, formatNumber(t.records) + ' / ' + formatNumber(t.total_records)),
          el('td', { 'data-label': 'Batches', class: 'num' }, formatNumber(t.batches) + ' / ' + formatNumber(t.total_batches)),
          el('td', { 'data-label': 'Invalid', class: 'num' }, formatNumber(t.invalid_records)),
          el('td', { 'data-label': 'Skipped', class: 'num' }, formatNumber(t.skipped_records)));
      })))));
}

const KIND_LABELS = { start: 'first run', retry: 'retry', resume: 'resumed after a restart' };

function attemptsBlock() {
  const attempts = view.attempts || [];
  if (!attempts.length) return null;
  return el('section', { 'aria-labelledby': 'attempts-heading' },
    el('h3', { id: 'attempts-heading' }, 'Attempts'),
    el('div', { class: 'table-wrap' }, el('table', { class: 'compact cards', id: 'attempts' },
      el('thead', {}, el('tr', {}, ['#', 'Kind', 'Status', 'Started', 'Time', 'Records read', 'Why it ended']
        .map((h, i) => el('th', { scope: 'col', class: i === 5 ? 'num' : null }, h)))),
      el('tbody', {}, attempts.map((a) => el('tr', { 'data-attempt': a.attempt },
        el('th', { scope: 'row', 'data-label': '#' }, String(a.attempt)),
        el('td', { 'data-label': 'Kind', class: 'attempt-kind' }, KIND_LABELS[a.kind] || a.kind),
        el('td', { 'data-label': 'Status', class: 'attempt-status' }, a.status === 'interrupted'
          ? el('span', { class: 'badge status-unknown' }, 'interrupted') : statusBadge(a.status)),
        el('td', { 'data-label': 'Started' }, timeElement(a.start_time)),
        el('td', { 'data-label': 'Time' }, formatDuration(a.elapsed_seconds)),
        el('td', { 'data-label': 'Records read', class: 'num' }, formatNumber(a.processed_records)),
        el('td', { 'data-label': 'Why it ended', class: 'wrap' }, a.error_message ? humanError(a.error_message)
          : a.status === 'interrupted' ? 'the service stopped during it' : '—')))))));
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
  if (status.expired) {
    section.append(el('p', { class: 'muted' }, 'The retention policy deleted the files.'));
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

// ---------------------------------------------------------------- validation

function level(v) {
  return v >= GOOD ? 'good' : v >= WARN ? 'warn' : 'bad';
}

/** A quality metric as a meter the browser colours by threshold (optimum 100), and its value in words. */
function qualityFact(metric, value, type) {
  const label = metric[0].toUpperCase() + metric.slice(1);
  if (typeof value !== 'number') return fact(label, '—');
  const v = Math.floor(value * 1000) / 10;
  const l = level(v);
  return el('div', { class: 'fact quality-' + l, 'data-metric': metric },
    el('dt', {}, label),
    el('dd', {}, el('meter', { min: 0, max: 100, low: WARN, high: GOOD, optimum: 100, value: v, 'aria-label': metric + ' of ' + type }),
      ' ', el('span', { class: 'q-value q-' + l }, formatPercent(v)),
      el('span', { class: 'visually-hidden' }, l === 'good' ? ' (good)' : l === 'warn' ? ' (below ' + GOOD + '%)' : ' (below ' + WARN + '%)')));
}

/** Failures per rule as horizontal bars (longest: the rule that failed most), with their example ids. */
function ruleChart(type, rules, records, format) {
  const max = Math.max(...rules.map((r) => r.failures));
  return el('div', { class: 'rule-chart', role: 'list', 'aria-label': 'Failures per rule of ' + type }, rules.map((r) => {
    const fill = el('span', { class: 'bar-fill' });
    fill.style.width = Math.max(1, (100 * r.failures) / max) + '%'; // CSSOM, allowed by the page's style-src
    const share = records ? ' (' + formatPercent(Math.round((1000 * r.failures) / records) / 10) + ' of records)' : '';
    const ids = r.example_ids || [];
    return el('div', { class: 'rule-row', role: 'listitem', 'data-rule': r.rule },
      el('code', { class: 'rule-name' }, r.rule),
      el('span', { class: 'bar-track', 'aria-hidden': 'true' }, fill),
      el('span', { class: 'rule-count' }, formatNumber(r.failures) + share),
      ids.length ? el('span', { class: 'examples' }, 'Examples: ', ids.flatMap((exampleId, i) => {
        const item = mayChange()
          ? el('button', { type: 'button', class: 'link example-id', 'data-type': type, 'data-id': String(exampleId),
            'data-focus-key': 'example-' + type + '-' + exampleId, // keeps keyboard focus while a running export re-renders
            'aria-label': 'Open record ' + exampleId + ' of ' + type,
            onclick: () => openRecord(type, String(exampleId), format) }, String(exampleId))
          : el('code', {}, String(exampleId));
        return i ? [', ', item] : [item];
      })) : null);
  }));
}

function validationBlock(report, config) {
  const section = el('section', { 'aria-labelledby': 'validation-heading', id: 'validation' },
    el('h3', { id: 'validation-heading' }, 'Validation'));
  const types = report && report.data_types ? Object.entries(report.data_types) : [];
  if (!types.length) {
    section.append(el('p', { class: 'muted' }, 'No validation report yet: no batch has been validated.'));
    return section;
  }
  const format = config && config.output_format ? config.output_format : 'json';
  for (const [name, t] of types) {
    const quality = t.quality || {};
    const failing = (t.rules || []).filter((r) => r.failures > 0).sort((a, b) => b.failures - a.failures);
    section.append(el('div', { class: 'validation-type', 'data-type': name },
      el('h4', {}, name),
      el('p', {}, formatNumber(t.records) + (t.records === 1 ? ' record: ' : ' records: ') + formatNumber(t.valid) + ' valid, '
        + formatNumber(t.invalid) + ' invalid.'),
      el('dl', { class: 'quality' }, ['completeness', 'consistency', 'accuracy'].map((m) => qualityFact(m, quality[m], name))),
      failing.length ? [el('p', { class: 'chart-title' }, 'Failures per rule'), ruleChart(name, failing, t.records, format)]
        : el('p', {}, 'Every rule passed.')));
  }
  return section;
}

/** Opens one record, by the preview narrowed to its id, in a dialog. */
async function openRecord(type, id, format) {
  const dialog = $('record-dialog');
  $('record-heading').textContent = 'Record ' + id + ' of ' + type;
  replaceContent($('record-body'), el('p', { class: 'muted' }, 'Loading…'));
  if (!dialog.open) dialog.showModal();
  try {
    const result = await api('POST', '/api/exports/preview?id=' + encodeURIComponent(id),
      { data_types: [type], include_metadata: true, output_format: format });
    const records = (result.sample && result.sample[type]) || [];
    replaceContent($('record-body'), records.length
      ? [el('p', { class: 'hint' }, 'As the export writes it now, with its validation errors in context.'), recordTable(records[0])]
      : el('p', {}, 'The source holds no record ' + id + ' of ' + type + ' any more.'));
  } catch (e) {
    replaceContent($('record-body'), el('p', { class: 'error-text' }, 'The record could not be read: ' + e.message));
  }
}

// ---------------------------------------------------------------- actions

function askCancel() {
  if (!view.id) return;
  $('cancel-question').textContent = 'Cancel export ' + view.id + (view.summary && view.summary.name ? ' ("' + view.summary.name + '")' : '')
    + '? It stops at its next batch boundary; a retry later continues from there.';
  $('cancel-dialog').showModal();
  $('keep-running').focus();
}

async function exportAction(action) {
  const id = view.id;
  if (!id) return;
  $('cancel-button').disabled = true;
  $('retry-button').disabled = true;
  try {
    const status = await api('POST', exportPath(id) + '/' + action);
    if (id === view.id) {
      if (FINISHED.has(status.status)) {
        $('details-message').textContent = action === 'cancel' ? 'Export cancelled.' : '';
        view.actionMessage = false;
      } else {
        $('details-message').textContent = action === 'cancel'
          ? 'Cancel requested: the export stops at its next batch boundary.'
          : 'Retry accepted: the export continues from its last checkpoint.';
        view.actionMessage = { attempts: status.attempts || 0 };
      }
    }
  } catch (e) {
    if (id === view.id) {
      $('details-message').textContent = (action === 'cancel' ? 'Cancel' : 'Retry') + ' was refused: ' + humanError(e.message);
      view.actionMessage = false;
    }
  }
  if (id === view.id) load();
}
