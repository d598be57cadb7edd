"""What a thread of a network's discussion shows (``core.fragments``): drawn once for these values and kept."""

from core.fragments import fragment


def _post(post) -> tuple:
    return (post.pk, post.author.name, post.created_at, post.hidden, post.hidden_reason, post.body)


fragment(
    "spread/networks/partials/thread.html",
    "p",
    shows=lambda thread: (
        thread.network_id,
        _post(thread),
        tuple(_post(reply) for reply in thread.replies.all()),
    ),
)
