/* mkdocs-portfolio: the gallery's tags filter its cards in place (see gallery.css).
 *
 * Without this script each tag is a link to the page of its projects. With it, a
 * click on a tag above the gallery shows only the cards with that tag, and "All"
 * shows every card again. It runs on every page Material's instant navigation
 * loads, and binds each gallery once.
 */
(function () {
  "use strict";

  function filter(gallery, slug) {
    var cards = gallery.querySelectorAll(".pf-card");
    for (var i = 0; i < cards.length; i++) {
      var tags = (cards[i].getAttribute("data-pf-tags") || "").split(" ");
      cards[i].hidden = Boolean(slug) && tags.indexOf(slug) < 0;
    }
    var links = gallery.querySelectorAll(".pf-gallery__tags [data-pf-tag]");
    for (var j = 0; j < links.length; j++) {
      if (links[j].getAttribute("data-pf-tag") === slug) {
        links[j].setAttribute("aria-current", "page");
      } else {
        links[j].removeAttribute("aria-current");
      }
    }
  }

  function bind() {
    var galleries = document.querySelectorAll("[data-pf-gallery-filter]");
    for (var i = 0; i < galleries.length; i++) {
      var gallery = galleries[i];
      if (gallery.getAttribute("data-pf-bound")) continue;
      gallery.setAttribute("data-pf-bound", "true");
      gallery.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("[data-pf-tag]") : null;
        if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button) return;
        event.preventDefault();
        event.stopPropagation();
        filter(event.currentTarget, link.getAttribute("data-pf-tag"));
      });
    }
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(bind);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bind);
  } else {
    bind();
  }
})();
