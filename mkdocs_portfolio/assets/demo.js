/* mkdocs-portfolio: a demo's iframe is made only when the reader clicks "Launch demo",
   and media of another host in the demo's block (data-pf-defer-src, -srcset, -poster, -style)
   is loaded then too. One listener on the document, so it keeps working after instant
   navigation. */
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
    var block = link.closest(".pf-demo").parentNode;
    link.replaceWith(live);
    ["src", "srcset", "poster", "data", "background", "style"].forEach(function (name) {
      block.querySelectorAll("[data-pf-defer-" + name + "]").forEach(function (node) {
        node.setAttribute(name, node.getAttribute("data-pf-defer-" + name));
        node.removeAttribute("data-pf-defer-" + name);
      });
    });
    live.focus();
  });
})();
