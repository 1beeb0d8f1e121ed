/* Issue 16: a pure-presentation part of a page drawn from its markup in one component
   (layouts/static_html.py writes and escapes the markup; the element is the part's own root,
   with its tag, id, classes, style and title). */
(function() {
  if (window.crm_static && window.crm_static.Html) return;
  const TAG = /^[a-z][a-z0-9]{0,15}$/;

  function Html(props) {
    const element = {dangerouslySetInnerHTML: {__html: props.html || ''}};
    if (props.id) element.id = props.id;
    if (props.className) element.className = props.className;
    if (props.style) element.style = props.style;
    if (props.title) element.title = props.title;
    const tag = TAG.test(props.tag || '') ? props.tag : 'div';
    return window.React.createElement(tag, element);
  }

  window.crm_static = Object.assign({}, window.crm_static, {Html: Html});
})();
