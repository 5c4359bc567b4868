"""Which media type a GraphQL answer is sent in, from the request's `Accept` header.

`application/graphql-response+json` is the GraphQL-over-HTTP media type; `application/json`
serves legacy clients and is what a request without `Accept`, or accepting anything
(`*/*`), gets. A header that accepts neither gets None: the router answers 406.
"""

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
SUPPORTED = (GRAPHQL_RESPONSE_JSON, JSON)


def _ranges(accept: str) -> list[tuple[str, float]]:
    """(media range, quality) of each entry of an Accept header; malformed qualities are 0."""
    ranges = []
    for entry in accept.split(","):
        media_range, *parameters = (part.strip() for part in entry.split(";"))
        if not media_range:
            continue
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media_range.lower(), quality))
    return ranges


def _match(media_type: str, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """The quality the most specific matching range gives `media_type`, and that specificity
    (2 exact, 1 `type/*`, 0 `*/*`, -1 no match)."""
    kind = media_type.split("/")[0]
    best = (0.0, -1)
    for media_range, quality in ranges:
        specificity = (2 if media_range == media_type
                       else 1 if media_range == f"{kind}/*"
                       else 0 if media_range == "*/*" else -1)
        if specificity > best[1]:
            best = (quality, specificity)
    return best


def negotiate(accept: str | None) -> str | None:
    """The media type to answer in, or None when `accept` allows neither supported type.

    The higher quality wins; at equal quality a type named explicitly wins over one
    matched by a wildcard, and between two named ones the GraphQL-over-HTTP type wins.
    """
    if accept is None or not accept.strip():
        return JSON
    ranges = _ranges(accept)
    graphql_quality, graphql_specificity = _match(GRAPHQL_RESPONSE_JSON, ranges)
    json_quality, _ = _match(JSON, ranges)
    if graphql_quality <= 0 and json_quality <= 0:
        return None
    if graphql_quality != json_quality:
        return GRAPHQL_RESPONSE_JSON if graphql_quality > json_quality else JSON
    return GRAPHQL_RESPONSE_JSON if graphql_specificity == 2 else JSON
