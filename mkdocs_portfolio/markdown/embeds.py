"""What a demo block points at: the URL to embed, the URL to link, and how to show it.

Pure functions of the block's options, so that every provider rule (Hugging Face
Spaces, Streamlit, Gradio, YouTube, Vimeo, media files) is tested without a build.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from ..lazydata import dataclass
from .urls import is_local, scheme, web_url

MEDIA_EXTENSIONS = (".mp4", ".webm", ".gif")
SPACE_RE = re.compile(r"^(?P<user>[A-Za-z0-9][\w.-]*)/(?P<name>[A-Za-z0-9][\w.-]*)$")
SPACE_URL_RE = re.compile(
    r"^https?://(?:www\.)?huggingface\.co/spaces/(?P<user>[\w.-]+)/(?P<name>[\w.-]+)/?$"
)
YOUTUBE_ID_RE = re.compile(r"^[\w-]{6,20}$")
HEIGHT_RE = re.compile(r"^\s*(\d{1,5}(?:\.\d+)?)\s*(px|vh|em|rem|%)?\s*$")

APP_ALLOW = "accelerometer; autoplay; camera; clipboard-write; fullscreen; microphone"
APP_SANDBOX = (
    "allow-scripts allow-same-origin allow-forms allow-popups "
    "allow-popups-to-escape-sandbox allow-downloads allow-modals"
)
VIDEO_ALLOW = "autoplay; encrypted-media; fullscreen; picture-in-picture"
VIDEO_SANDBOX = "allow-scripts allow-same-origin allow-popups allow-presentation"


class DemoOptionError(ValueError):
    """An option of a demo block that cannot be used; the message says why."""


@dataclass
class Embed:
    """What the reader gets.

    ``kind`` is ``frame`` (an iframe made on launch), ``video`` (a ``<video>``),
    or ``image`` (an animated gif). ``local`` media is the site's own file and
    is shown at once; everything else waits for the reader's click.
    """

    kind: str
    src: str
    link: str
    host: str
    label: str
    allow: str = ""
    sandbox: str = ""
    local: bool = False
    shape: str = "app"
    """``app`` (a tall frame) or ``video`` (16:9)."""


def _scheme_ok(url: str, option: str) -> str:
    """``url`` if it is an absolute http(s) URL (:func:`.urls.web_url`); a clear error
    otherwise."""
    url = url.strip()
    if web_url(url) and not any(c in "\"'<>\\" for c in url):
        return url
    seen = scheme(url)
    if seen and seen not in ("http", "https"):
        raise DemoOptionError(
            f"'{option}: {url}' is refused: only http(s) URLs are allowed, not '{seen}:'"
        )
    if seen and (web_url(url) or any(c in "\"'<>\\" or c.isspace() for c in url)):
        raise DemoOptionError(f"'{option}: {url}' contains characters a URL cannot have")
    raise DemoOptionError(f"'{option}: {url}' is not an absolute http(s) URL")


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def space(value: str) -> Embed:
    """A Hugging Face Space, as ``user/name`` or its huggingface.co URL."""
    value = value.strip()
    match = SPACE_RE.match(value) or SPACE_URL_RE.match(value)
    if not match:
        raise DemoOptionError(
            f"'space: {value}' is not a Hugging Face Space: write it as 'user/name'"
        )
    user, name = match["user"], match["name"]
    subdomain = re.sub(r"[^a-z0-9]+", "-", f"{user}-{name}".lower()).strip("-")
    link = f"https://huggingface.co/spaces/{user}/{name}"
    return Embed("frame", f"https://{subdomain}.hf.space", link, "huggingface.co",
                 f"Hugging Face Space {user}/{name}", APP_ALLOW, APP_SANDBOX)


def app(value: str) -> Embed:
    """Any web app: a Gradio share link, a Streamlit app, or another https page."""
    url = _scheme_ok(value, "url")
    if SPACE_URL_RE.match(url):
        return space(url)
    parts = urlsplit(url)
    host = _host(url)
    if host in ("vimeo.com", "player.vimeo.com") or _youtube_id((host, parts.path, parts.query)):
        return video(url)
    embed = url
    if host.endswith(".streamlit.app"):
        query = parse_qs(parts.query, keep_blank_values=True)
        query["embed"] = ["true"]
        embed = urlunsplit(parts._replace(query=urlencode(query, doseq=True)))
    if parts.path.lower().endswith(MEDIA_EXTENSIONS):
        return media(url, url)
    return Embed("frame", embed, url, host, host, APP_ALLOW, APP_SANDBOX)


def _youtube_id(parts: tuple[str, str, str]) -> str | None:
    host, path, query = parts
    if host == "youtu.be":
        return path.strip("/").split("/")[0] or None
    if host.endswith("youtube.com") or host.endswith("youtube-nocookie.com"):
        if path == "/watch":
            return (parse_qs(query).get("v") or [""])[0] or None
        for prefix in ("/embed/", "/shorts/", "/live/", "/v/"):
            if path.startswith(prefix):
                return path[len(prefix):].split("/")[0] or None
    return None


def _seconds(value: str) -> int | None:
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", value or "")
    if not match or not any(match.groups()):
        return None
    h, m, s = (int(g) if g else 0 for g in match.groups())
    return h * 3600 + m * 60 + s


def media(value: str, link: str) -> Embed:
    """An mp4, webm or gif file (``value`` is its final URL)."""
    path = urlsplit(value).path.lower()
    kind = "image" if path.endswith(".gif") else "video"
    local = is_local(value)
    host = "this site" if local else _host(value)
    return Embed(kind, value, link, host, posixpath.basename(urlsplit(value).path),
                 local=local, shape="video")


def video(value: str) -> Embed:
    """YouTube (through youtube-nocookie.com), Vimeo (with ``dnt=1``), or a media file."""
    value = value.strip()
    if not scheme(value) and not is_local(value):  # //host/x, \\\\host\\x: another host
        raise DemoOptionError(
            f"'video: {value}' is refused: a browser reads it as a file on another host, "
            "loaded when the page loads; give an http(s) URL or a file under docs/"
        )
    if is_local(value):
        if urlsplit(value).path.lower().endswith(MEDIA_EXTENSIONS):
            return media(value, value)
        raise DemoOptionError(
            f"'video: {value}' is neither a YouTube or Vimeo URL nor an mp4, webm or gif file"
        )
    url = _scheme_ok(value, "video")
    parts = urlsplit(url)
    host = _host(url)
    vid = _youtube_id((host, parts.path, parts.query))
    if vid is not None:
        if not YOUTUBE_ID_RE.match(vid):
            raise DemoOptionError(f"'video: {value}' has no valid YouTube video id")
        params = {"autoplay": "1", "rel": "0"}
        start = _seconds((parse_qs(parts.query).get("t") or parse_qs(parts.query).get("start")
                          or [""])[0])
        if start:
            params["start"] = str(start)
        return Embed("frame", f"https://www.youtube-nocookie.com/embed/{vid}?{urlencode(params)}",
                     f"https://www.youtube.com/watch?v={vid}", "youtube.com", "YouTube video",
                     VIDEO_ALLOW, VIDEO_SANDBOX, shape="video")
    if host in ("vimeo.com", "player.vimeo.com"):
        match = re.search(r"/(\d+)(?:/(\w+))?/?$", parts.path)
        if not match:
            raise DemoOptionError(f"'video: {value}' has no Vimeo video number")
        params = {"dnt": "1", "autoplay": "1"}
        if match[2]:  # the hash of an unlisted video
            params["h"] = match[2]
        return Embed("frame", f"https://player.vimeo.com/video/{match[1]}?{urlencode(params)}",
                     f"https://vimeo.com/{match[1]}", "vimeo.com", "Vimeo video",
                     VIDEO_ALLOW, VIDEO_SANDBOX, shape="video")
    if parts.path.lower().endswith(MEDIA_EXTENSIONS):
        return media(url, url)
    raise DemoOptionError(
        f"'video: {value}' is neither a YouTube or Vimeo URL nor an mp4, webm or gif file"
    )


def resolve(options: dict[str, str]) -> Embed | None:
    """The embed for a block's options (``space`` wins over ``url`` over ``video``)."""
    if options.get("space"):
        return space(options["space"])
    if options.get("url"):
        return app(options["url"])
    if options.get("video"):
        return video(options["video"])
    return None


def css_height(value: str) -> str:
    """A safe CSS length for the ``height`` option: ``600`` -> ``600px``."""
    match = HEIGHT_RE.match(str(value))
    if not match:
        raise DemoOptionError(
            f"'height: {value}' is not a length: write a number of pixels (600) or 80vh"
        )
    return f"{match[1]}{match[2] or 'px'}"
