/*
 * Small DOM and formatting helpers shared by the modules of the web UI.
 *
 * Every string that comes from the server reaches the page through text nodes or attributes (el(),
 * textContent), never through innerHTML: export names, messages and records are data, not markup.
 */

export const $ = (id) => document.getElementById(id);

/** Creates an element; string children become text nodes (never parsed as HTML). */
export function el(tag, attrs = {}, ...children) {
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
export function replaceContent(container, ...children) {
  const focused = document.activeElement;
  const key = focused && container.contains(focused) ? focused.getAttribute('data-focus-key') : null;
  container.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  if (key) {
    const again = [...container.querySelectorAll('[data-focus-key]')].find((n) => n.getAttribute('data-focus-key') === key);
    if (again) again.focus();
  }
}

const numberFormat = new Intl.NumberFormat(undefined);
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
// times carry their zone: operators compare them with logs and other people's screens
const timeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
});
const timeFormatWithYear = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
});

export function formatNumber(n) {
  return typeof n === 'number' ? numberFormat.format(n) : '—';
}

export function formatDecimal(n) {
  return typeof n === 'number' ? oneDecimal.format(n) : '—';
}

export function formatBytes(bytes) {
  if (typeof bytes !== 'number') return '—';
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? numberFormat.format(bytes) + ' bytes' : oneDecimal.format(value) + ' ' + units[unit];
}

/** A duration for people: "8 s", "2 min 05 s", "1 h 04 min"; "—" when unknown. */
export function formatDuration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 10) return oneDecimal.format(seconds) + ' s';
  const s = Math.round(seconds);
  if (s < 60) return s + ' s';
  const pad = (n) => String(n).padStart(2, '0');
  if (s < 3600) return Math.floor(s / 60) + ' min ' + pad(s % 60) + ' s';
  const h = Math.floor(s / 3600);
  if (h < 48) return h + ' h ' + pad(Math.floor((s % 3600) / 60)) + ' min';
  return Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
}

/** A time element showing local time with its zone; the ISO instant in its title and datetime. */
export function timeElement(iso) {
  if (!iso) return el('span', { class: 'muted' }, '—');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return el('time', { datetime: iso }, iso);
  const format = date.getFullYear() === new Date().getFullYear() ? timeFormat : timeFormatWithYear;
  return el('time', { datetime: iso, title: iso }, format.format(date));
}

/** Percent done: processed over total; a completed export is 100 even when it had nothing to export. */
export function percentDone(s) {
  if (s.status === 'completed') return 100;
  const total = s.total_records;
  if (!total) return 0;
  // floor, so that 100% is never shown before the export has really completed
  return Math.min(100, Math.floor((1000 * (s.processed_records || 0)) / total) / 10);
}

export function statusBadge(status) {
  return el('span', { class: 'badge status-' + (/^[a-z]+$/.test(status) ? status : 'unknown') }, status || 'unknown');
}

export function progressBar(percent, label) {
  return el('progress', { max: 100, value: percent, 'aria-label': label }, oneDecimal.format(percent) + '%');
}

export function formatPercent(p) {
  return oneDecimal.format(p) + '%';
}

/**
 * The time of an export for people: waiting, elapsed with the ETA while it runs, the duration once ended.
 * Returns { text, eta } where eta is the "about … left" part alone (or null).
 */
export function timing(s) {
  if (s.status === 'pending') return { text: 'waiting to start', eta: null };
  if (s.status === 'running') {
    const eta = typeof s.eta_seconds === 'number' ? 'about ' + formatDuration(s.eta_seconds) + ' left' : 'estimating…';
    return { text: formatDuration(s.elapsed_seconds) + ' so far · ' + eta, eta };
  }
  if (typeof s.elapsed_seconds === 'number') return { text: 'took ' + formatDuration(s.elapsed_seconds), eta: null };
  return { text: '—', eta: null };
}

/**
 * A failure for people: the service words its messages for them, but exports recorded by older versions
 * may start with a Java class name ("ExportAbortedException: …"), which says nothing to an operator.
 */
export function humanError(message) {
  if (!message) return '';
  return String(message).replace(/^(?:[a-z]+\.)*[A-Z][A-Za-z0-9]*(?:Exception|Error):\s*/, '');
}

export function announce(text) {
  $('announcer').textContent = text;
}
