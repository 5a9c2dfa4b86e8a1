/* What the modules of the web UI share: who is signed in and the data types the service declares. */

export const state = {
  me: null,          // from GET /api/session: name, role, data_types, tokens_required
  dataTypes: [],     // from GET /api/data-types
};

/** Whether the signed-in caller may start, preview, cancel and retry (an operator, or anonymous access). */
export const mayChange = () => Boolean(state.me && state.me.role === 'operator');
