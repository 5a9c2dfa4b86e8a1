/*
 * The history: GET /api/exports newest first, searched by name (?q=) and filtered by status, both kept in
 * the page's URL; rows updated and added live from the event stream; polled slowly only while the
 * stream is down.
 */
import { $, el, replaceContent, formatNumber, formatBytes, formatPercent, percentDone, progressBar, statusBadge,
  timeElement, timing, humanError } from './dom.js';
import { api, exportPath, ACTIVE } from './client.js';

const PAGE_SIZE = 50;
const SLOW_POLL_MS = 5000;

const view = {
  status: '',
  q: '',
  offset: 0,
  total: 0,
  selectedId: null,
  live: false,
  pollTimer: null,
  generation: 0,
  rows: new Map(),       // export id → the summary shown
};
let onOpen = () => {};

export function initHistory(openExport) {
  onOpen = openExport;
  readUrl();
  $('status-filter').value = view.status;
  $('search-input').value = view.q;
  $('status-filter').addEventListener('change', () => {
    view.status = $('status-filter').value;
    view.offset = 0;
    writeUrl();
    refreshHistory();
  });
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    view.q = $('search-input').value.trim();
    view.offset = 0;
    writeUrl();
    refreshHistory();
  });
  // typing narrows the list after a short pause, as a search box does elsewhere
  let typing = null;
  $('search-input').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      if ($('search-input').value.trim() === view.q) return;
      view.q = $('search-input').value.trim();
      view.offset = 0;
      writeUrl(true); // typing is one step back in the browser's history, not one per letter
      refreshHistory();
    }, 300);
  });
  $('refresh-button').addEventListener('click', refreshHistory);
  $('prev-page').addEventListener('click', () => { view.offset = Math.max(0, view.offset - PAGE_SIZE); refreshHistory(); });
  $('next-page').addEventListener('click', () => { view.offset += PAGE_SIZE; refreshHistory(); });
  window.addEventListener('popstate', () => {
    readUrl();
    $('status-filter').value = view.status;
    $('search-input').value = view.q;
    refreshHistory();
  });
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  const status = params.get('status') || '';
  view.status = ['pending', 'running', 'completed', 'failed', 'cancelled'].includes(status) ? status : '';
  view.q = (params.get('q') || '').slice(0, 200);
}

/** The filter is part of the address, so a reload or a shared link shows the same list. */
function writeUrl(replace) {
  const params = new URLSearchParams();
  if (view.status) params.set('status', view.status);
  if (view.q) params.set('q', view.q);
  const search = params.toString();
  const url = location.pathname + (search ? '?' + search : '') + location.hash;
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
}

function listPath() {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(view.offset) });
  if (view.status) params.set('status', view.status);
  if (view.q) params.set('q', view.q);
  return '/api/exports?' + params.toString();
}

/** Marks the open export's row. */
export function selectRow(id) {
  view.selectedId = id;
  for (const row of $('exports-body').children) {
    const on = row.getAttribute('data-export-id') === id;
    row.classList.toggle('selected', on);
    const button = row.querySelector('.export-link');
    if (on) button.setAttribute('aria-current', 'true'); else button.removeAttribute('aria-current');
  }
}

export function clearHistory() {
  view.generation++;
  clearTimeout(view.pollTimer);
  view.pollTimer = null;
  view.rows.clear();
  $('exports-body').replaceChildren();
}

function exportRow(e) {
  const percent = percentDone(e);
  const selected = e.export_id === view.selectedId;
  const types = Object.keys(e.progress || {});
  const time = timing(e);
  const downloadable = e.status === 'completed' && !e.expired;
  return el('tr', {
    'data-export-id': e.export_id, class: selected ? 'selected' : null,
    onclick: (event) => {
      if (!event.target.closest('button, a')) onOpen(e.export_id, true);
    },
  },
    el('td', { 'data-label': 'Export' }, el('div', { class: 'export-cell' },
      el('button', {
        type: 'button', class: 'link export-link', 'data-focus-key': 'open-' + e.export_id,
        'aria-current': selected ? 'true' : null, onclick: () => onOpen(e.export_id, true),
      }, e.export_id),
      e.name ? el('span', { class: 'name-cell' }, e.name) : el('span', { class: 'muted no-name' }, 'no name'),
      el('span', { class: 'muted small' }, (e.trigger || '—') + ' · ', el('span', { class: 'requested-by' }, e.requested_by || '—')))),
    // one element per cell: in narrow panels a cell is a grid of its label and that element
    el('td', { 'data-label': 'Status', class: 'status-cell', title: humanError(e.error_message) || null }, el('div', {},
      statusBadge(e.status), e.attempts > 1 ? el('span', { class: 'muted small attempts-count' }, ' attempt ' + e.attempts) : null)),
    el('td', { 'data-label': 'Data', class: 'types-cell' }, el('div', {}, types.join(', ') || '—',
      el('span', { class: 'muted small format-cell' }, ' · ' + (e.output_format || '?') + (e.compression ? ' · zip' : '')))),
    el('td', { 'data-label': 'Created', class: 'col-created' }, timeElement(e.created_time)),
    el('td', { 'data-label': 'Progress' }, el('div', {}, el('div', { class: 'progress-cell' },
      progressBar(percent, 'Progress of ' + e.export_id),
      el('span', { class: 'progress-text' },
        formatNumber(e.processed_records) + ' / ' + formatNumber(e.total_records) + ' · ' + formatPercent(percent))),
      el('div', { class: 'timing small' }, time.text))),
    el('td', { 'data-label': 'Files', class: 'files-cell' }, el('div', {},
      el('span', { class: 'size-cell' }, e.bytes ? formatBytes(e.bytes) : '—'),
      downloadable ? [el('br'), el('a', { href: exportPath(e.export_id) + '/download', class: 'row-download', download: '',
        'aria-label': 'Download export ' + e.export_id + ' (zip)' }, 'Download')]
        : e.expired ? [el('br'), el('span', { class: 'muted' }, 'expired')] : null)));
}

function renderList(list) {
  const exports = Array.isArray(list.exports) ? list.exports : [];
  view.total = typeof list.total === 'number' ? list.total : exports.length;
  view.rows = new Map(exports.map((e) => [e.export_id, e]));
  replaceContent($('exports-body'), exports.map(exportRow));
  renderFooter();
}

function renderFooter() {
  const shown = $('exports-body').children.length;
  $('exports-empty').hidden = shown > 0;
  $('exports-empty').textContent = view.q || view.status
    ? 'No ' + (view.status ? view.status + ' ' : '') + 'exports' + (view.q ? ' matching "' + view.q + '"' : '') + '.'
    : 'No exports yet.';
  $('prev-page').disabled = view.offset === 0;
  $('next-page').disabled = view.offset + PAGE_SIZE >= view.total;
  $('page-info').textContent = shown ? (view.offset + 1) + '–' + (view.offset + shown) + ' of ' + formatNumber(view.total) : '';
}

/** Whether an export belongs on the page shown (the first page, matching the filter). */
function belongsHere(e) {
  if (view.offset !== 0) return false;
  if (view.status && e.status !== view.status) return false;
  if (view.q) {
    const q = view.q.toLowerCase();
    if (!(e.name || '').toLowerCase().includes(q) && !e.export_id.toLowerCase().includes(q)) return false;
  }
  return true;
}

/** An export's summary from the event stream: its row is updated, or added on top when it is new here. */
export function applySummary(e) {
  const known = view.rows.has(e.export_id);
  const row = [...$('exports-body').children].find((r) => r.getAttribute('data-export-id') === e.export_id);
  if (row) {
    const hadFocus = row.contains(document.activeElement);
    const fresh = exportRow(e);
    row.replaceWith(fresh);
    view.rows.set(e.export_id, e);
    if (hadFocus) fresh.querySelector('.export-link').focus();
    showIndicator();
    return;
  }
  if (known || !belongsHere(e)) return;
  view.rows.set(e.export_id, e);
  view.total++;
  $('exports-body').prepend(exportRow(e));
  while ($('exports-body').children.length > PAGE_SIZE) {
    view.rows.delete($('exports-body').lastElementChild.getAttribute('data-export-id'));
    $('exports-body').lastElementChild.remove();
  }
  renderFooter();
  showIndicator();
}

/** The summary the list holds of an export, or undefined. */
export function knownSummary(id) {
  return view.rows.get(id);
}

/** The stream is up (live) or down (slow polling until it is back). */
export function setLive(live) {
  view.live = live;
  showIndicator();
  if (live) {
    clearTimeout(view.pollTimer);
    view.pollTimer = null;
  } else if (view.pollTimer === null) {
    view.pollTimer = setTimeout(refreshHistory, SLOW_POLL_MS);
  }
}

function showIndicator() {
  const running = [...view.rows.values()].some((e) => ACTIVE.has(e.status));
  $('live-indicator').textContent = view.live
    ? 'Live: exports from every trigger appear here as they start and progress.' + (running ? '' : ' No export is running.')
    : 'Live updates are not available; refreshing every ' + (SLOW_POLL_MS / 1000) + ' seconds.' + (running ? '' : ' No export is running.');
  $('live-indicator').classList.toggle('offline', !view.live);
}

/** Reloads the list; while the stream is down, again in a few seconds. */
export async function refreshHistory() {
  clearTimeout(view.pollTimer);
  view.pollTimer = null;
  const generation = ++view.generation;
  try {
    const list = await api('GET', listPath());
    if (generation !== view.generation) return;
    renderList(list);
    $('list-error').hidden = true;
  } catch (e) {
    if (generation !== view.generation) return;
    $('list-error').textContent = 'The exports could not be loaded: ' + e.message + ' Trying again shortly.';
    $('list-error').hidden = false;
  }
  showIndicator();
  if (!view.live && !document.hidden) view.pollTimer = setTimeout(refreshHistory, SLOW_POLL_MS);
}
