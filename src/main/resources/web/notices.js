/*
 * Completion notices: in the page (a short list of dismissible notes) and, when the user allowed it, as the
 * browser's notification, so an export that ends while the tab is in the background is not missed.
 */
import { $, el, humanError, announce } from './dom.js';

const MAX_SHOWN = 4;
let onOpen = () => {};

export function initNotices(openExport) {
  onOpen = openExport;
  const button = $('notify-button');
  const supported = typeof Notification !== 'undefined';
  button.hidden = !supported || Notification.permission !== 'default';
  button.addEventListener('click', async () => {
    try {
      await Notification.requestPermission();
    } finally {
      button.hidden = Notification.permission !== 'default';
    }
  });
}

/** Tells that an export ended: completed, failed or cancelled. */
export function exportEnded(summary) {
  const what = 'Export ' + (summary.name ? '"' + summary.name + '" (' + summary.export_id + ')' : summary.export_id)
    + ' ' + summary.status + '.';
  const detail = summary.status === 'failed' ? humanError(summary.error_message) : '';
  const box = $('notices');
  const note = el('div', { class: 'notice notice-' + summary.status, role: 'status', 'data-export-id': summary.export_id },
    el('p', {}, el('strong', {}, what), detail ? ' ' + detail : ''),
    el('div', { class: 'toolbar' },
      el('button', { type: 'button', class: 'secondary', onclick: () => { note.remove(); onOpen(summary.export_id); } }, 'Open'),
      el('button', { type: 'button', class: 'secondary', 'aria-label': 'Dismiss the notice about ' + summary.export_id,
        onclick: () => note.remove() }, 'Dismiss')));
  box.prepend(note);
  while (box.children.length > MAX_SHOWN) box.lastElementChild.remove();
  announce(what);
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.hidden) {
    try {
      const n = new Notification('export-service: ' + what, { body: detail, tag: summary.export_id });
      n.addEventListener('click', () => { window.focus(); onOpen(summary.export_id); });
    } catch (e) {
      // some browsers allow notifications only from a service worker: the in-page notice stays
    }
  }
}
