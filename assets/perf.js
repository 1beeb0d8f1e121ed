/* Issue 16, first view: dcc loads the code of its dropdown, date picker and graph only when the
   first such component renders, i.e. after the layout (dropdowns) and after the page content
   arrives (the graph: one more request and compile on the critical path, after the last
   callback response). Fetch those three chunks now, async, while the other scripts and the
   layout load: each chunk registers itself in webpack's chunk list, so when a component asks
   for it later it is already there (no request). Same URLs as dcc's own loader, so a chunk is
   never fetched twice. */
(function() {
  if (window.__crmChunksPrimed) return;
  window.__crmChunksPrimed = true;
  let prefix = '/';
  try {
    const config = document.getElementById('_dash-config');
    prefix = (config && JSON.parse(config.textContent).requests_pathname_prefix) || '/';
  } catch (error) { /* default prefix */ }
  for (const chunk of ['async-graph', 'async-dropdown', 'async-datepicker']) {
    const script = document.createElement('script');
    script.async = true;
    script.src = prefix + '_dash-component-suites/dash/dcc/' + chunk + '.js';
    document.head.appendChild(script);
  }
})();

/* Presentation done in the browser (issue 16): no request for what the server already sent. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  crm: Object.assign({}, (window.dash_clientside || {}).crm, {
    /* The page content that came with a filter change (callbacks/filters.py), into the page
       it was computed for; the store keeps only the page (the figures are not kept twice, and
       the filter callback knows the page was drawn by it). */
    showRendered: function(rendered) {
      const noUpdate = window.dash_clientside.no_update;
      if (!rendered || rendered.content === null || rendered.content === undefined
          || rendered.path !== window.location.pathname) return [noUpdate, noUpdate];
      const shown = {path: rendered.path, search: rendered.search, content: null};
      // Charts kept and updated where the structure allows (assets/inplace.js).
      if (window.crmInPlace && window.crmInPlace.apply('page-content', rendered.content)) {
        return [noUpdate, shown];
      }
      return [rendered.content, shown];
    },
    /* Every nav link carries the current filters, minus the Deals-only ``view`` subset
       (as FilterState.without_view().search() on the server; the rest is kept verbatim). */
    navLinks: function(search, ids) {
      const kept = (search || '').replace(/^\?/, '').split('&')
        .filter(part => part && !/^view(=|$)/.test(part));
      const query = kept.length ? '?' + kept.join('&') : '';
      return (ids || []).map(id => id.path + query);
    },
  }),
});

/* No double drawing (issue 16): dcc.Graph calls Plotly.Plots.resize after the first plot of
   every new graph, and on every size change it observes; when the graph already has the size
   of its box, that resize only relayouts the same picture (a second draw of each chart per
   filter change). Skip it then; a real change of size resizes as before. */
document.addEventListener('DOMContentLoaded', function() {
  const plots = window.Plotly && window.Plotly.Plots;
  if (!plots || plots.__crmSameSizeSkip) return;
  const resize = plots.resize;
  plots.resize = function(gd) {
    const el = typeof gd === 'string' ? document.getElementById(gd) : gd;
    const full = el && el._fullLayout;
    if (full && el.layout && el.layout.autosize !== false && el.isConnected) {
      const style = window.getComputedStyle(el);
      const width = parseFloat(style.width);
      const height = parseFloat(style.height);
      if (Math.abs(full.width - width) <= 1 && Math.abs(full.height - height) <= 1) {
        return Promise.resolve(el);
      }
    }
    return resize.apply(this, arguments);
  };
  plots.__crmSameSizeSkip = true;
});
