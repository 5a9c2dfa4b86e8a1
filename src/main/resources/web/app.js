/*
 * export-service web UI, the entry module: sign-in, then the new-export form, the live history, the open
 * export and the schedules, wired together. Plain JavaScript as ES modules served as they are (no build
 * step); nothing is fetched from anywhere but this service. docs/architecture.md says why.
 *
 * With API tokens the page first asks for one and posts it to /api/session, which answers with an
 * HttpOnly session cookie: the script never keeps the token, and it never goes into a URL.
 */
import { $ } from './dom.js';
import { api, whenSessionEnds, ACTIVE, FINISHED } from './client.js';
import { state, mayChange } from './state.js';
import { initForm, loadDataTypes, fillFromConfig } from './form.js';
import { initHistory, refreshHistory, applySummary, selectRow, clearHistory, setLive, knownSummary } from './history.js';
import { initDetails, openDetails, closeDetails, exportChanged, openId } from './details.js';
import { initSchedules, refreshSchedules, stopSchedules } from './schedules.js';
import { connectLive, disconnectLive } from './live.js';
import { initNotices, exportEnded } from './notices.js';

/** Exports this tab started or opened: their end is told; any failure is told too. */
const watched = new Set();
/** The last status seen of each export, to tell when one ends. */
const lastStatus = new Map();

function open(id, focus) {
  watched.add(id);
  openDetails(id, focus);
}

function onSummary(summary) {
  const before = lastStatus.get(summary.export_id) || (knownSummary(summary.export_id) || {}).status;
  lastStatus.set(summary.export_id, summary.status);
  applySummary(summary);
  exportChanged(summary);
  if (before && ACTIVE.has(before) && FINISHED.has(summary.status)
    && (watched.has(summary.export_id) || summary.status === 'failed')) {
    exportEnded(summary);
  }
  if (summary.trigger === 'schedule' && (!before || before !== summary.status)) refreshSchedules();
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
  selectFromHash();
  refreshHistory();
  refreshSchedules();
  connectLive({
    onSummary,
    onLive: () => { setLive(true); refreshHistory(); },
    onDown: () => setLive(false),
  });
}

/** Hides everything the service said (it may belong to the one who signed out) and asks for a token. */
function showSignIn(message) {
  disconnectLive();
  stopSchedules();
  clearHistory();
  closeDetails(false);
  state.me = null;
  $('app').hidden = true;
  $('user-bar').hidden = true;
  $('details-body').replaceChildren();
  $('schedules-body').replaceChildren();
  $('notices').replaceChildren();
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

function selectFromHash() {
  const match = /^#export=([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
  if (match && match[1] !== openId()) open(match[1], false);
}

// ---------------------------------------------------------------- start

function init() {
  whenSessionEnds((message) => { if (state.me) showSignIn(message); });
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out-button').addEventListener('click', signOut);
  initForm({
    onStarted: (status) => {
      lastStatus.set(status.export_id, status.status);
      applySummary(status);
      // the new export's panel takes the focus, so the user follows it without scrolling
      open(status.export_id, true);
    },
  });
  initHistory(open);
  initDetails({
    onRunAgain: fillFromConfig,
    onSelect: selectRow,
  });
  initSchedules(open);
  initNotices(open);
  window.addEventListener('hashchange', () => { if (state.me) selectFromHash(); });
  // a tab shown again catches up (the stream may have dropped while it slept)
  document.addEventListener('visibilitychange', () => { if (!document.hidden && state.me) refreshHistory(); });
  checkSession();
}

init();
