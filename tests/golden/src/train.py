"""Train the spam filter."""


def load(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def fit(mails: list[str]) -> dict[str, int]:
    """Count the words of the spam mails."""
    counts: dict[str, int] = {}
    for mail in mails:
        for word in mail.split():
            counts[word] = counts.get(word, 0) + 1
    return counts
