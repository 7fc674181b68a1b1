"""The links a notebook page offers: open in Colab, view on the forge, download.

"View on GitHub" (or the forge of ``repo_url``) is the notebook's permalink at the
commit being built, from :class:`..markdown.repo.Repo` (the one place forge URLs are
made); "Open in Colab" is offered for a notebook on GitHub, which Colab opens by
path; "Download .ipynb" is the copy of the notebook beside the page.
"""

from __future__ import annotations

import html as htmllib
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from ..markdown.repo import Repo

COLAB = "https://colab.research.google.com/github/"
FORGE_NAMES = {"github": "GitHub", "gitlab": "GitLab", "gitea": "Gitea",
               "bitbucket": "Bitbucket"}


def colab_url(repo: Repo, repo_path: str) -> str | None:
    """The Colab URL of a notebook on github.com at the built commit (``None`` elsewhere)."""
    parts = urlsplit(repo.repo_url)
    if (parts.hostname or "").lower() != "github.com" or not repo.sha:
        return None
    owner_name = parts.path.strip("/").removesuffix(".git")
    if owner_name.count("/") != 1:
        return None
    return f"{COLAB}{quote(owner_name)}/blob/{quote(repo.sha, safe='')}/{quote(repo_path)}"


def _link(label: str, href: str, extra: str = "") -> str:
    return f'<a href="{htmllib.escape(href)}"{extra}>{htmllib.escape(label)}</a>'



def link_bar(repo: Repo, path: str, download: str) -> str:
    """The links of the notebook at ``path``, as raw HTML for its page (``download``:
    the copy's path relative to the notebook's folder)."""
    links = []
    forge_link = None
    repo_path = ""
    if path and repo.links_out:
        try:
            forge_link = repo.link(Path(path))
            repo_path = repo.repo_path(Path(path))
        except ValueError:  # the notebook is outside the repository
            forge_link = None
    if forge_link:
        colab = colab_url(repo, repo_path)
        if colab:
            links.append(_link("Open in Colab", colab))
        forge = FORGE_NAMES.get(repo.forge or "github", "the forge")
        links.append(_link(f"View on {forge}", forge_link))
    links.append(_link("Download .ipynb", download, " download"))
    return f'<p class="pf-nb-links">{" · ".join(links)}</p>'
