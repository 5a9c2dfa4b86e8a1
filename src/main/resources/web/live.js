/*
 * Live updates from GET /api/events (server-sent events): every export's summary as it is created, changes
 * status or progresses, whatever started it. When the stream cannot be had or drops, the page polls slowly
 * until it is back (the browser reconnects by itself; a stream the service refused is tried again later).
 */

const RECONNECT_MS = 15000;

let source = null;
let reconnectTimer = null;
let handlers = null;

/**
 * Opens the stream. handlers: onSummary(summary), onLive() when it (re)opens, onDown() when it drops.
 */
export function connectLive(h) {
  handlers = h;
  open();
}

function open() {
  clearTimeout(reconnectTimer);
  reconnectTimer = null;
  if (source) source.close();
  if (typeof EventSource === 'undefined') {
    handlers.onDown();
    return;
  }
  const s = new EventSource('/api/events');
  source = s;
  s.addEventListener('open', () => { if (s === source) handlers.onLive(); });
  s.addEventListener('export', (event) => {
    if (s !== source) return;
    let summary = null;
    try { summary = JSON.parse(event.data); } catch (e) { return; }
    if (summary && typeof summary.export_id === 'string') handlers.onSummary(summary);
  });
  s.addEventListener('error', () => {
    if (s !== source) return;
    handlers.onDown();
    if (s.readyState === EventSource.CLOSED) {
      // refused (401, 503 when too many streams are open): try again later, polling meanwhile
      reconnectTimer = setTimeout(open, RECONNECT_MS);
    }
  });
}

export function disconnectLive() {
  clearTimeout(reconnectTimer);
  reconnectTimer = null;
  if (source) source.close();
  source = null;
}

export function isLive() {
  return Boolean(source && source.readyState === EventSource.OPEN);
}
