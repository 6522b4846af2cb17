"""Writes to the organisation: posts and charges start and end, never vanish, so history is kept."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _


@transaction.atomic
def post_end(*, post, end):
    """End a membership or a charge on a given date."""
    if post.end is not None:
        raise ValidationError(_("This post has already ended."))
    if post.start and end < post.start:
        raise ValidationError(_("The end date cannot be before the start date."))
    post.end = end
    post.save(update_fields=["end", "modified"])
    return post
