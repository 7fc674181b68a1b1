/* mkdocs-portfolio: a demo's iframe is made only when the reader clicks "Launch demo".
   One listener on the document, so it keeps working after instant navigation. */
(function () {
  if (window.__pfDemo) return;
  window.__pfDemo = true;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-pf-launch]");
    if (!link || event.button || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var template = link.parentNode.querySelector("template");
    if (!template) return;
    event.preventDefault();
    var live = document.importNode(template.content.firstElementChild, true);
    link.replaceWith(live);
    live.focus();
  });
})();
