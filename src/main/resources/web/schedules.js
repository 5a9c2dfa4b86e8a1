/*
 * The schedules panel: GET /api/schedules, each with its cadence, next fire time, last export and that
 * export's status. Read again when a scheduled export changes and once a minute (fire times move on).
 */
import { $, el, replaceContent, statusBadge, timeElement } from './dom.js';
import { api } from './client.js';

const REFRESH_MS = 60000;
let timer = null;
let onOpen = () => {};
let loading = null;

export function initSchedules(openExport) {
  onOpen = openExport;
}

function cadence(s) {
  if (s.cron) return el('span', {}, 'cron ', el('code', {}, s.cron));
  if (s.every) {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(s.every);
    if (m) {
      const parts = [m[1] && m[1] + ' h', m[2] && m[2] + ' min', m[3] && m[3] + ' s'].filter(Boolean);
      return 'every ' + parts.join(' ');
    }
    return 'every ' + s.every;
  }
  return '—';
}

function render(schedules) {
  if (!schedules.length) {
    replaceContent($('schedules-body'), el('p', { class: 'muted' }, 'No schedules are configured (config/schedules.yaml).'));
    return;
  }
  replaceContent($('schedules-body'), el('div', { class: 'table-wrap' }, el('table', { class: 'compact cards', id: 'schedules-table' },
    el('caption', { class: 'visually-hidden' }, 'Scheduled exports'),
    el('thead', {}, el('tr', {}, ['Schedule', 'When', 'Data types', 'Next run', 'Last export', 'Last status']
      .map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, schedules.map((s) => el('tr', { 'data-schedule': s.id },
      el('th', { scope: 'row', 'data-label': 'Schedule' }, s.id, s.incremental ? el('span', { class: 'muted small' }, ' incremental') : null),
      el('td', { 'data-label': 'When' }, cadence(s)),
      el('td', { 'data-label': 'Data types' }, (s.data_types || []).join(', ') || '—'),
      el('td', { 'data-label': 'Next run', class: 'next-run' }, s.next_fire_time ? timeElement(s.next_fire_time) : el('span', { class: 'muted' }, 'not running')),
      el('td', { 'data-label': 'Last export' }, s.last_export_id
        ? el('button', { type: 'button', class: 'link', onclick: () => onOpen(s.last_export_id, true) }, s.last_export_id)
        : el('span', { class: 'muted' }, 'none yet')),
      el('td', { 'data-label': 'Last status', class: 'last-status' }, s.last_status ? statusBadge(s.last_status) : '—')))))));
}

/** Reads the schedules (one read at a time), and again in a minute. */
export function refreshSchedules() {
  clearTimeout(timer);
  if (loading) return loading;
  loading = (async () => {
    try {
      const data = await api('GET', '/api/schedules');
      render(Array.isArray(data.schedules) ? data.schedules : []);
    } catch (e) {
      replaceContent($('schedules-body'), el('p', { class: 'error-text' }, 'The schedules could not be loaded: ' + e.message));
    } finally {
      loading = null;
      timer = setTimeout(refreshSchedules, REFRESH_MS);
    }
  })();
  return loading;
}

export function stopSchedules() {
  clearTimeout(timer);
  timer = null;
}
