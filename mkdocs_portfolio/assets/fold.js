/* mkdocs-portfolio: folded code blocks (see fold.py and fold.css).
 *
 * Folding works without this script (a <details> toggle and CSS). The script adds
 * what needs JavaScript: aria-expanded and aria-controls on the toggle, keeping the
 * block in view when it folds again, and unfolding a block when a link or the
 * keyboard reaches a line hidden by the fold. It runs on every page Material's
 * instant navigation loads, and only once per block.
 */
(function () {
  "use strict";

  var TOGGLE = ".pf-fold > .pf-fold__bar > .pf-fold__toggle";

  function blockOf(toggle) {
    return toggle.parentElement.parentElement;
  }

  function codeOf(block) {
    return block.querySelector(".code pre > code") || block.querySelector("pre > code");
  }

  function sync(toggle) {
    var summary = toggle.querySelector("summary");
    if (summary) summary.setAttribute("aria-expanded", toggle.open ? "true" : "false");
  }

  /* Unfold the block of el when el is below the preview; true if it did. */
  function unfold(el) {
    var block = el && el.closest ? el.closest(".pf-fold") : null;
    var toggle = block ? block.querySelector(":scope > .pf-fold__bar > .pf-fold__toggle") : null;
    var code = block ? codeOf(block) : null;
    if (!toggle || toggle.open || !code) return false;
    /* Measured within the clipped box, which focus or a jump may have scrolled. */
    var box = el.closest(".linenodiv pre") || code;
    var offset = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (offset < box.clientHeight - 1) return false;
    toggle.open = true;
    sync(toggle);
    unscroll(block);
    return true;
  }

  function unscroll(block) {
    var boxes = block.querySelectorAll("pre > code, .linenodiv pre");
    for (var i = 0; i < boxes.length; i++) boxes[i].scrollTop = 0;
  }

  /* A line hidden by the fold is the target of the URL's hash. */
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (target && unfold(target) && target.scrollIntoView) target.scrollIntoView();
  }

  function enhance(toggle) {
    if (toggle.hasAttribute("data-pf-ready")) return;
    toggle.setAttribute("data-pf-ready", "");
    var block = blockOf(toggle);
    var summary = toggle.querySelector("summary");
    var code = codeOf(block);
    /* Material gives the <pre> its id (__code_N) as it mounts the block; never set one
       here, it would change Material's numbering. */
    if (summary && code && code.parentElement.id) {
      summary.setAttribute("aria-controls", code.parentElement.id);
    }
    sync(toggle);
    /* Only the reader's own click (or Enter, Space) may scroll the page; Material
       opens and closes every <details> around printing, which must not. */
    var byReader = false;
    if (summary) summary.addEventListener("click", function () { byReader = true; });
    toggle.addEventListener("toggle", function () {
      var scroll = byReader;
      byReader = false;
      sync(toggle);
      if (toggle.open || !code) return;
      unscroll(block);
      if (scroll && block.getBoundingClientRect().top < 0) {
        block.scrollIntoView({ block: "start" });
      }
    });
    /* Keyboard focus below the fold (a line number, an annotation) unfolds it. */
    block.addEventListener("focusin", function (ev) {
      if (ev.target !== code && !toggle.contains(ev.target)) unfold(ev.target);
    });
  }

  function mount() {
    var toggles = document.querySelectorAll(TOGGLE);
    for (var i = 0; i < toggles.length; i++) enhance(toggles[i]);
    reveal();
  }

  if (!window.__pfFoldHash) {
    window.__pfFoldHash = true;
    window.addEventListener("hashchange", reveal);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
