"""What the plugin adds to a site's config: Markdown extensions, theme dirs, assets.

Every change here is idempotent (running it twice on one config changes nothing)
and never overrides a setting the user made.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from . import diagrams
from .bundle import BUNDLES, GALLERY, bundle
from .config import PortfolioConfig
from .lazydata import dataclass
from .markdown import PortfolioExtension
from .markdown.companions import MERMAID_FENCE, SUPERFENCES, companions
from .markdown.repo import RepoSettings

log = get_plugin_logger(__name__)

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
ASSETS_URI = "assets/portfolio"
EXTENSION_NAMES = ("mkdocs_portfolio.markdown", "mkdocs_portfolio")


def _add(config: MkDocsConfig, name: str, settings: dict[str, Any] | None = None) -> bool:
    if name in config.markdown_extensions:
        return False
    config.markdown_extensions.append(name)
    if settings:
        config.mdx_configs.setdefault(name, settings)
    return True


def add_markdown_extensions(config: MkDocsConfig, options: PortfolioConfig,
                            ) -> tuple[PortfolioExtension, RepoSettings]:
    """Add what the plugin needs to ``markdown_extensions``; return our extension and the
    settings of the repository its snippets come from."""
    mermaid = options.visuals.mermaid
    for name, wanted in companions(mermaid=mermaid, figures=options.visuals.figures):
        if not _add(config, name, wanted) and name == SUPERFENCES and mermaid:
            settings = config.mdx_configs.setdefault(SUPERFENCES, {})
            fences = list(settings.get("custom_fences") or [])
            if not any(f.get("name") == MERMAID_FENCE["name"] for f in fences):
                settings["custom_fences"] = [*fences, dict(MERMAID_FENCE)]

    # Our own extension, as one instance the plugin can talk to. A user who listed
    # it by name keeps their settings; ours fill in the rest.
    user: dict[str, Any] = {}
    for entry in list(config.markdown_extensions):
        if isinstance(entry, PortfolioExtension):
            config.markdown_extensions.remove(entry)
        elif entry in EXTENSION_NAMES:
            config.markdown_extensions.remove(entry)
            user.update(config.mdx_configs.pop(entry, {}) or {})
    settings = options.extension_settings(str(config.repo_url or ""), config.docs_dir)
    settings.update(user)
    settings["standalone"] = False  # the plugin adds the companions and serves the assets
    # The source settings go to the source pages, which give the extension its
    # repository (the extension reads them itself only when used without the plugin).
    source = RepoSettings(
        root=str(settings.pop("source_root", "") or ""),
        ref=str(settings.pop("source_ref", "") or ""),
        repo_url=str(settings.pop("repo_url", "") or ""),
        forge=str(settings.pop("source_forge", "") or ""),
        root_in_repo=str(settings.pop("source_root_in_repo", "") or ""),
    )
    extension = PortfolioExtension(**settings)
    config.markdown_extensions.append(extension)  # type: ignore[arg-type]
    return extension, source


def add_theme_dirs(config: MkDocsConfig) -> None:
    """Put our templates right after the user's ``custom_dir`` (before Material's)."""
    if config.theme.name != "material":
        log.warning(
            f"the theme is '{config.theme.name}', not 'material': the blocks, overview "
            "and folded code are styled for Material for MkDocs only"
        )
    dirs = config.theme.dirs
    if str(TEMPLATES_DIR) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES_DIR))


def asset_files(without: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """``(src_uri, content)`` of the stylesheet and the script we ship, each one bundle
    (of the sources in ``assets/`` but those named in ``without``)."""
    for suffix, name in BUNDLES.items():
        yield f"{ASSETS_URI}/{name}", bundle(suffix, without)


def add_assets(config: MkDocsConfig) -> None:
    """Register our CSS and JS once, however often ``on_config`` runs."""
    for suffix, name in BUNDLES.items():
        src_uri = f"{ASSETS_URI}/{name}"
        if suffix == ".css":
            if src_uri not in config.extra_css:
                config.extra_css.append(src_uri)
        elif not any(str(s) == src_uri for s in config.extra_javascript):
            config.extra_javascript.append(src_uri)  # type: ignore[arg-type]


ZOOM_PLUGIN = "glightbox"


def add_zoom(config: MkDocsConfig, options: PortfolioConfig) -> None:
    """Image zoom: add mkdocs-glightbox when ``visuals.zoom`` is on and it is not there.

    A ``glightbox`` entry the user wrote (with its own settings) is left as it is.
    """
    if not options.visuals.zoom:
        return
    if any(name.split("/")[-1] == ZOOM_PLUGIN for name in config.plugins):
        return
    try:
        from mkdocs_glightbox.plugin import LightboxPlugin  # type: ignore[import-untyped]
    except ImportError:
        log.warning(
            "visuals.zoom is on, but mkdocs-glightbox is not installed: "
            "pip install 'mkdocs-portfolio[zoom]' (or mkdocs-glightbox), or set "
            "visuals.zoom: false"
        )
        return
    plugin = LightboxPlugin()
    plugin.load_config({}, config.config_file_path)
    # Registering it adds its event handlers; its on_config is run here in case
    # MkDocs has already passed its place in this build's on_config round.
    config.plugins[ZOOM_PLUGIN] = plugin
    plugin.on_config(config)


def listed_once(config: MkDocsConfig, plugin_class: type[Any]) -> None:
    """Stop a build that lists the plugin twice: both would generate the overview, the
    second finding the first's page "already there"."""
    names = [name for name, plugin in config.plugins.items()
             if isinstance(plugin, plugin_class) and plugin.config.enabled]
    if len(names) > 1:
        raise PluginError(
            f"'plugins' lists the 'portfolio' plugin {len(names)} times ("
            f"{', '.join(repr(n) for n in names)}): list it once, with all its options "
            "under that one entry")


def add_asset_files(files: Files, config: MkDocsConfig, options: PortfolioConfig) -> None:
    """Our stylesheet and script as virtual files (unless the site has its own there), and
    the Mermaid the script loads on pages with a diagram."""
    left_out = diagrams.shim_left_out(options) | (frozenset() if options.projects else GALLERY)
    for src_uri, content in asset_files(left_out):
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=content))
    diagrams.add_files(files, config, options)


@dataclass(frozen=True)
class _Alternate:
    """What mkdocs-static-i18n reads of a page's version in another language: its URL,
    and its ``page`` (none: the sitemap then takes ``site_url`` and the URL)."""

    url: str
    page: None = None


def fit_i18n(files: Files, config: MkDocsConfig, known: set[str]) -> None:
    """mkdocs-static-i18n builds once per language: give the pages we generated what its
    templates ask for, in the folder of the language it is building, and the same page in
    every built language as their alternates (its language switcher skips a page with no
    ``locale`` and would keep the links of the page rendered before)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return
    current = getattr(i18n, "current_language", None)
    default = getattr(i18n, "default_language", None)
    languages = [str(lang) for lang in getattr(i18n, "build_languages", None) or []]
    prefix = str(current) if current and current != default else ""
    for file in files.documentation_pages():
        if file.src_uri in known or hasattr(file, "alternates"):
            continue
        if prefix:  # before anything reads its url, which MkDocs keeps once read
            file.dest_uri = f"{prefix}/{file.dest_uri}"
        url = file.url.removeprefix(f"{prefix}/") if prefix else file.url
        # its templates and language switcher ask for these
        file.alternates = {  # type: ignore[attr-defined]
            lang: _Alternate(url if lang == default else f"{lang}/{url}") for lang in languages}
        if current:
            file.locale = file.locale_alternate_of = str(current)  # type: ignore[attr-defined]


def set_up(config: MkDocsConfig, options: PortfolioConfig,
           ) -> tuple[PortfolioExtension, RepoSettings]:
    """Everything a build's config needs from us; returns our Markdown extension and the
    settings of the repository its snippets come from."""
    extension, source = add_markdown_extensions(config, options)
    add_theme_dirs(config)
    add_assets(config)
    add_zoom(config, options)
    return extension, source
