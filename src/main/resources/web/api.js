/*
 * The API page: Swagger UI (from its webjar, served by this service) renders /api/openapi.json. Its stock
 * index.html starts it with an inline script, which the page's Content-Security-Policy forbids; this file
 * does that instead. Requests made from the page ("Try it out") carry the session cookie of the sign-in.
 */
'use strict';
window.addEventListener('DOMContentLoaded', () => {
  const message = document.getElementById('api-message');
  if (typeof window.SwaggerUIBundle !== 'function') {
    message.textContent = 'The API renderer did not load.';
    return;
  }
  window.ui = window.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    credentials: 'same-origin',
    onComplete: () => { message.textContent = ''; },
  });
});
