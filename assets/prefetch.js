/* Issue 16, first view: Dash asks for the layout and the callback list only once every script
   of the page has been evaluated (0.5 s of a traced first view). This script is the page's
   first (app.modern_scripts puts it there): it asks for both at once, so the server answers
   while the browser loads and evaluates the bundles, and hands those answers to Dash's first
   requests of the same URLs (once each; any later request goes to the server). */
(function() {
  if (window.__crmPrefetched) return;
  let prefix = '/';
  try {
    const config = document.getElementById('_dash-config');
    prefix = (config && JSON.parse(config.textContent).requests_pathname_prefix) || '/';
  } catch (error) { /* default prefix */ }
  const fetchAll = window.fetch;
  const early = {};
  for (const name of ['_dash-layout', '_dash-dependencies']) {
    const url = prefix + name;
    early[url] = fetchAll.call(window, url, {
      method: 'GET', credentials: 'same-origin',
      headers: {Accept: 'application/json', 'Content-Type': 'application/json'},
    });
    early[url].catch(() => { delete early[url]; });
  }
  window.__crmPrefetched = early;

  window.fetch = function(input, init) {
    const url = typeof input === 'string' ? input : '';
    const method = ((init && init.method) || 'GET').toUpperCase();
    if (method === 'GET' && early[url]) {
      const answer = early[url];
      delete early[url];
      return answer.catch(() => fetchAll.apply(window, [input, init]));
    }
    return fetchAll.apply(this, arguments);
  };
})();
