/* Issue 16, filter change: redraw a page in place instead of mounting it again.

   Dash mounts again every component under a `children` prop it is given: a filter change that
   replaced the page's content threw away each chart's plotly.js graph and drew it from nothing
   (new SVG layers, then a second full pass once the axis labels had pushed the margins). When
   the new content has the same structure as the one shown, `plan` lists, per component whose
   props changed, the path of that component and the props to set. Charts and the components
   around them are never given a `children`: a chart gets its new `figure` (plotly.js then
   updates the graph it has, Plotly.react) and the parts without a chart get their new props
   (their own `children` included, so only such a part is mounted again). When a component
   around a chart changes type or its number of children, `plan` returns null, and `apply`
   declines when it would mount a component a callback names: the page is replaced whole, as
   before. Pure functions of two layouts (tested in the browser,
   tests/integration/test_perf005_in_place.py); `apply` is the only part that touches Dash. */
(function() {
  if (window.crmInPlace) return;

  function isComponent(node) {
    return node !== null && typeof node === 'object' && !Array.isArray(node)
      && typeof node.type === 'string' && typeof node.namespace === 'string'
      && node.props !== null && typeof node.props === 'object';
  }

  function isGraph(node) {
    return isComponent(node) && node.type === 'Graph'
      && node.namespace === 'dash_core_components';
  }

  /* Whether a (piece of a) layout holds a chart: it must then keep its identity. */
  function holdsGraph(node) {
    if (Array.isArray(node)) return node.some(holdsGraph);
    if (!isComponent(node)) return false;
    return isGraph(node) || holdsGraph(node.props.children);
  }

  function equal(a, b) {
    if (a === b) return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
      return false;
    }
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
      return true;
    }
    if (Array.isArray(b)) return false;
    const keys = Object.keys(b);
    if (keys.length !== Object.keys(a).length) return false;
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(a, key) || !equal(a[key], b[key])) return false;
    }
    return true;
  }

  /* Components whose content arrives by their own callbacks (an AG Grid of the infinite or
     server-side row model asks for its rows when it mounts): kept, they would go on showing
     the former rows, so they are always mounted again, as before. A grid given its rows
     (rowData) takes new ones in place. */
  function remounted(node) {
    return isComponent(node) && node.namespace === 'dash_ag_grid'
      && ['infinite', 'serverSide'].includes(node.props.rowModelType);
  }

  function holdsRemounted(node) {
    if (Array.isArray(node)) return node.some(holdsRemounted);
    return isComponent(node) && (remounted(node) || holdsRemounted(node.props.children));
  }

  /* The props of `next` other than `children` that differ from `shown` (a prop `next` does
     not name is left as it is: components write some of their own, e.g. n_clicks). */
  function changedProps(shown, next) {
    const changed = {};
    let any = false;
    for (const key of Object.keys(next.props)) {
      if (key !== 'children' && !equal(shown.props[key], next.props[key])) {
        changed[key] = next.props[key];
        any = true;
      }
    }
    return any ? changed : null;
  }

  function structured(value) {
    return Array.isArray(value) || isComponent(value);
  }

  /* Updates turning `shown` (a component or a list at `path`, relative to the content's
     `children`) into `next`, appended to `out`, as deep as the structure is the same: each
     component mounted again costs Dash a store update of its own, a changed text one update
     of the component holding it. False when `shown` cannot be kept (another type, another
     number of children, a component always mounted again): its parent then takes the new
     `children` whole, unless a chart is inside (the caller replaces the content). */
  function walk(shown, next, path, out) {
    if (Array.isArray(shown) || Array.isArray(next)) {
      if (!Array.isArray(shown) || !Array.isArray(next) || shown.length !== next.length) {
        return false;
      }
      const mark = out.length;
      for (let i = 0; i < next.length; i++) {
        if (!walk(shown[i], next[i], path.concat([i]), out)) {
          out.length = mark;
          return false;
        }
      }
      return true;
    }
    if (remounted(shown) || remounted(next)) return false;
    if (!isComponent(shown) || !isComponent(next) || shown.type !== next.type
        || shown.namespace !== next.namespace) {
      return equal(shown, next);
    }
    const props = changedProps(shown, next) || {};
    const before = shown.props.children;
    const after = next.props.children;
    if (holdsRemounted(after) || !equal(before, after)) {
      const inside = [];
      if (structured(before) && structured(after)
          && walk(before, after, path.concat(['props', 'children']), inside)) {
        out.push.apply(out, inside);
      } else if (holdsGraph(before)) {
        return false;  // the chart inside would be mounted again
      } else {
        props.children = after;
      }
    }
    if (Object.keys(props).length) {
      const update = {path: path, props: props};
      if (next.props.id !== undefined && next.props.id !== null) update.id = next.props.id;
      out.push(update);
    }
    return true;
  }

  /* The updates that turn the content `shown` into `next` in place, or null (replace it). */
  function plan(shown, next) {
    const out = [];
    return walk(shown, next, [], out) ? out : null;
  }

  /* Whether components a callback names are inside `value` (new ones, when given as a
     `children`): Dash runs the callbacks of components it mounts from a callback's output (a
     pattern-matching input gains a member, a grid asks for its rows), not of those mounted
     by set_props; such a content is replaced whole. Ids no callback names (a link's, a
     KPI's) may be mounted in place. `graphs` is Dash's callback graph (without it, any id
     counts). */
  function wired(value, graphs) {
    if (Array.isArray(value)) return value.some(item => wired(item, graphs));
    if (!isComponent(value)) return false;
    const id = value.props.id;
    if (id !== undefined && id !== null && id !== '') {
      if (!graphs) return true;
      const named = typeof id === 'object'
        ? Object.keys(id).sort().join(',') : id;
      const maps = typeof id === 'object'
        ? [graphs.inputPatterns, graphs.outputPatterns] : [graphs.inputMap, graphs.outputMap];
      if (maps.some(map => map && map[named])) return true;
    }
    return wired(value.props.children, graphs);
  }

  function holdsId(value) {
    if (Array.isArray(value)) return value.some(holdsId);
    if (!isComponent(value)) return false;
    const id = value.props.id;
    return (id !== undefined && id !== null && id !== '') || holdsId(value.props.children);
  }

  /* Shows `next` as the `children` of the component `id` in place: true when done, false
     when the caller must replace the content (another structure, new components a callback names,
     or Dash does not expose its store and set_props as this version does). A component
     with an id gets its props through Dash's set_props (the callbacks reading them run, as
     for any change), as do new components with ids (their paths are registered); the rest
     in one store update each (no callback can read them). */
  function apply(id, next) {
    const store = window.store;
    const setProps = window.dash_clientside && window.dash_clientside.set_props;
    if (!store || typeof store.getState !== 'function' || typeof store.dispatch !== 'function'
        || typeof setProps !== 'function') {
      return false;
    }
    const state = store.getState();
    const base = state.paths && state.paths.strs && state.paths.strs[id];
    if (!Array.isArray(base)) return false;
    let node = state.layout;
    for (const key of base) node = node === undefined || node === null ? node : node[key];
    if (!isComponent(node)) return false;
    const updates = plan(node.props.children, next);
    if (updates === null || updates.some(update => wired(update.props.children, state.graphs))) {
      return false;
    }
    const at = base.concat(['props', 'children']);
    for (const update of updates) {
      const itempath = at.concat(update.path);
      if (update.id) {
        setProps(update.id, update.props);
      } else if (holdsId(update.props.children)) {
        setProps(itempath, update.props);  // registers the new ids' paths
      } else {
        store.dispatch({type: 'ON_PROP_CHANGE',
                        payload: {props: update.props, itempath: itempath,
                                  renderType: 'clientsideApi'}});
      }
    }
    return true;
  }

  window.crmInPlace = {plan: plan, apply: apply, holdsGraph: holdsGraph};
})();
