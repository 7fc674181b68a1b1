/* mkdocs-portfolio: Mermaid from the site, not from a CDN (see diagrams.py).
 *
 * Material renders each diagram with the global mermaid (initialize once, then
 * render) and loads one from unpkg.com only when there is none. This stand-in is
 * that global: the first render loads the site's own copy, next to this script
 * (assets/portfolio/mermaid/), hands it the settings Material gave and renders with
 * it; the copy then is the global. Pages without a diagram load nothing, and a
 * mermaid of the author's (extra_javascript) is left as it is.
 */
(function () {
  var me = document.currentScript, m = window.mermaid, settings, loaded;
  if (!me || !me.src || (m !== undefined && !(m instanceof Element))) return;
  function load() {
    return loaded = loaded || new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = new URL("mermaid/mermaid.min.js", me.src).href;
      tag.onload = function () {
        window.mermaid.initialize(settings || {});
        resolve(window.mermaid);
      };
      tag.onerror = function () {
        loaded = null;
        reject(new Error("mkdocs-portfolio: could not load " + tag.src));
      };
      document.head.appendChild(tag);
    });
  }
  window.mermaid = {
    initialize: function (given) { settings = given; },
    render: function () {
      var args = arguments;
      return load().then(function (real) { return real.render.apply(real, args); });
    }
  };
})();
