"""A human check that needs no third-party service: a signed, time-stamped arithmetic question used once.

The question travels in the form as a signed token; a bot must render the page, wait a few seconds like a person
and read the numbers. Each token is accepted once (remembered in the cache until it expires).
"""

import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "disclosure.feedback.challenge"
MAX_SECONDS = 2 * 60 * 60


class ChallengeError(Exception):
    """The answer is wrong, or the token is forged, too fresh, expired or used."""


def challenge_new() -> dict:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"a": a, "b": b, "n": secrets.token_hex(8)}, salt=SALT, compress=True)
    return {"a": a, "b": b, "token": token}


def challenge_question(token: str) -> tuple[int, int] | None:
    """The two numbers of a token, to show the same question again after a form error."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_SECONDS)
    except signing.BadSignature:
        return None
    return data["a"], data["b"]


def challenge_verify(*, token: str, answer, used_marker: bool = True) -> None:
    """Raise ChallengeError unless `answer` solves the token's question, which is old enough and unused."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_SECONDS)
    except signing.SignatureExpired as error:
        raise ChallengeError("expired") from error
    except signing.BadSignature as error:
        raise ChallengeError("forged") from error
    min_seconds = getattr(settings, "DISCLOSURE_FEEDBACK_MIN_SECONDS", 3)
    if min_seconds:
        try:
            signing.loads(token, salt=SALT, max_age=min_seconds)
        except signing.SignatureExpired:
            pass  # old enough: a person took some time to write
        else:
            raise ChallengeError("too fast")
    if str(answer).strip() != str(data["a"] + data["b"]):
        raise ChallengeError("wrong")
    if used_marker:
        key = "disclosure:challenge-used:" + hashlib.sha256(token.encode()).hexdigest()
        if not cache.add(key, 1, timeout=MAX_SECONDS):
            raise ChallengeError("used")
