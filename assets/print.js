/* Print (issue 13): charts are drawn for the screen; redraw them at the printed width (A4,
   one chart per line, assets/print.css) before printing, and back to the screen after. */
(function () {
  var PRINT_WIDTH = 680, PRINT_HEIGHT = 300, resized = [];
  window.addEventListener('beforeprint', function () {
    if (!window.Plotly) { return; }
    document.querySelectorAll('#page-content .js-plotly-plot').forEach(function (gd) {
      resized.push(gd);
      window.Plotly.relayout(gd, {width: PRINT_WIDTH, height: PRINT_HEIGHT});
    });
  });
  window.addEventListener('afterprint', function () {
    resized.splice(0).forEach(function (gd) {
      if (window.Plotly && gd.isConnected) {
        window.Plotly.relayout(gd, {width: null, height: null, autosize: true});
      }
    });
  });
})();
