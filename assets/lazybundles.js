/* Issue 16, first view: a component bundle only some views draw (AG Grid: 1.3 MB, ~0.1 s of
   compiling and evaluating) is left out of the page's scripts (app.lazy_bundles) and listed
   in the JSON block #crm-lazy-bundles (namespace -> script URLs and its components' props).
   Until it is loaded, window[namespace] is a stand-in whose components declare those props:
   Dash checks every callback against all pages' layouts when it starts, and finds the same
   props as with the bundle. Dash draws a component from window[namespace] as soon as a
   response brings it, so every layout and callback response is read first: one that names a
   namespace not loaded yet is handed to Dash only once that bundle's scripts ran (in order;
   they replace the stand-in). A bundle that fails to load is tried again by the next response
   that needs it; the response is handed over anyway (Dash then shows its error). */
(function() {
  if (window.__crmLazyBundles) return;
  window.__crmLazyBundles = true;
  let listed = null;
  const loading = {};

  function bundles() {
    if (listed === null) {
      try {
        const block = document.getElementById('crm-lazy-bundles');
        listed = block ? JSON.parse(block.textContent) : {};
      } catch (error) {
        listed = {};
      }
    }
    return listed;
  }

  function standIn(components) {
    const namespace = {__crmStandIn: true};
    Object.keys(components || {}).forEach(function(type) {
      const component = function() { return null; };
      component.propTypes = {};
      components[type].forEach(prop => { component.propTypes[prop] = function() { return null; }; });
      namespace[type] = component;
    });
    return namespace;
  }

  function missing(namespace) {
    return !window[namespace] || window[namespace].__crmStandIn;
  }

  function addScript(url) {
    return new Promise(function(resolve, reject) {
      const script = document.createElement('script');
      script.src = url;
      script.async = false;
      script.onload = resolve;
      script.onerror = function() { script.remove(); reject(new Error('not loaded: ' + url)); };
      document.head.appendChild(script);
    });
  }

  function load(namespace) {
    if (!loading[namespace]) {
      loading[namespace] = ((bundles()[namespace] || {}).urls || []).reduce(
        (chain, url) => chain.then(() => addScript(url)), Promise.resolve()
      ).catch(function(error) {
        delete loading[namespace];
        console.warn(error.message);
      });
    }
    return loading[namespace];
  }

  // The block comes before this script in the page; Dash checks callbacks much later.
  Object.entries(bundles()).forEach(function([namespace, bundle]) {
    if (!window[namespace]) window[namespace] = standIn(bundle.components);
  });

  const fetchAll = window.fetch;
  window.fetch = function(input) {
    const answer = fetchAll.apply(this, arguments);
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (!/_dash-(layout|update-component)/.test(url)) return answer;
    return answer.then(function(response) {
      const absent = Object.keys(bundles()).filter(missing);
      if (!absent.length || !response.ok) return response;
      return response.clone().text().then(function(text) {
        const wanted = absent.filter(namespace => text.indexOf('"' + namespace + '"') >= 0);
        return Promise.all(wanted.map(load)).then(() => response);
      }, () => response);
    });
  };
})();
