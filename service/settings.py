"""Articula's configuration, read once from the environment (and a `.env` file)."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_home() -> Path:
    """`.articula/` in the source tree when run from one, else in the user's home."""
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / ".articula"
    return Path.home() / ".articula"


class Settings(BaseSettings):
    """Every setting, with the environment variable that sets it."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    neo4j_uri: str | None = Field(
        default=None,
        validation_alias="NEO4J_URI",
        description="Bolt URI of a Neo4j 5 with GDS; unset means the local server.",
    )
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(
        default=SecretStr("articula-local"),
        validation_alias="NEO4J_PASSWORD",
        description="Also the initial password of the local server (at least 8 characters).",
    )
    neo4j_database: str = Field(default="neo4j", validation_alias="NEO4J_DATABASE")
    neo4j_timeout_s: float = Field(
        default=30.0, gt=0, validation_alias="ARTICULA_NEO4J_TIMEOUT",
        description="Transaction timeout for API queries, in seconds.",
    )
    max_query_depth: int = Field(
        default=12, ge=1, validation_alias="ARTICULA_MAX_QUERY_DEPTH",
        description="Deepest field nesting a GraphQL query may have.",
    )
    max_query_cost: int = Field(
        default=1_000_000, ge=1, validation_alias="ARTICULA_MAX_QUERY_COST",
        description="Most objects a GraphQL query may ask for, as estimated before it runs.",
    )
    max_request_bytes: int = Field(
        default=1_000_000, ge=1_000, validation_alias="ARTICULA_MAX_REQUEST_BYTES",
        description="Largest request body the service reads, in bytes.",
    )
    max_aliases: int = Field(
        default=100, ge=0, validation_alias="ARTICULA_MAX_ALIASES",
        description="Most aliased fields in one GraphQL query.",
    )
    max_response_bytes: int = Field(
        default=50_000_000, ge=1_000, validation_alias="ARTICULA_MAX_RESPONSE_BYTES",
        description="Largest GraphQL answer, in bytes of JSON, counted while it is built; "
        "past it the request ends with RESPONSE_TOO_LARGE.",
    )

    anonymous_read: bool = Field(
        default=True, validation_alias="ARTICULA_ANONYMOUS_READ",
        description="Whether requests without an API key may read.",
    )
    cors_origins: list[str] = Field(
        default_factory=list, validation_alias="ARTICULA_CORS_ORIGINS",
        description='Browser origins allowed to call the API, as a JSON list: ["https://a.org"].',
    )
    max_page_size: int = Field(
        default=500, ge=0, validation_alias="ARTICULA_MAX_PAGE_SIZE",
        description="The largest `first` a connection accepts.",
    )

    max_network_edges: int = Field(
        default=50_000, ge=1, validation_alias="ARTICULA_MAX_NETWORK_EDGES",
        description="Most edges a network, export or statistic may hold; more is "
        "QUERY_TOO_COMPLEX, asking for a narrower scope.",
    )

    analytics_max_memory: int | None = Field(
        default=None, ge=0, validation_alias="ARTICULA_ANALYTICS_MAX_MEMORY",
        description="Most bytes one analytic, or the ACTORS graph it is run on, may need by "
        "GDS's estimate, below the free heap (which always caps it); more is MEMORY_LIMIT. "
        "Unset: the free heap alone.",
    )
    analytics_timeout_s: float = Field(
        default=300.0, gt=0, validation_alias="ARTICULA_ANALYTICS_TIMEOUT",
        description="Longest an analytic's algorithm may run, in seconds; past it Neo4j stops "
        "it and the request ends with QUERY_TIMEOUT.",
    )
    analytics_cached_graphs: int = Field(
        default=8, ge=1, validation_alias="ARTICULA_ANALYTICS_CACHED_GRAPHS",
        description="Most projected graphs kept in the GDS catalogue; the least recently used "
        "go first.",
    )
    max_concurrent_analyses: int = Field(
        default=4, ge=1, validation_alias="ARTICULA_MAX_CONCURRENT_ANALYSES",
        description="Most analytic computations one caller (an API key, or an address for "
        "requests without one) may have running at once; more is BUSY. Answers from the "
        "cache do not count.",
    )
    analytics_cached_results: int = Field(
        default=256, ge=0, validation_alias="ARTICULA_ANALYTICS_CACHED_RESULTS",
        description="Most analytic results kept in memory per graph version.",
    )

    submissions_per_hour: int = Field(
        default=10, ge=1, validation_alias="ARTICULA_SUBMISSIONS_PER_HOUR",
        description="Most `submitInitiative` calls one caller (an API key, or a client address "
        "for requests without one) may make in any hour, counted in the database across "
        "worker processes; more is RATE_LIMITED.",
    )
    submission_salt: SecretStr = Field(
        default=SecretStr(""), validation_alias="ARTICULA_SUBMISSION_SALT",
        description="Secret mixed into the hash of a submitter's address that a submission "
        "keeps (HMAC-SHA256); without one, an IPv4 address can be found again from its hash "
        "by trying them all.",
    )

    load_lease_s: float = Field(
        default=20.0, gt=0, validation_alias="ARTICULA_LOAD_LEASE",
        description="How long a large load's lease lasts unless its loader renews it (every "
        "third of it), in seconds; once it lapses, the load is rolled back.",
    )
    load_lease_check_s: float = Field(
        default=5.0, gt=0, validation_alias="ARTICULA_LOAD_LEASE_CHECK",
        description="How often the service looks for loads whose lease has lapsed, in seconds.",
    )

    language: Literal["es", "en", "pt"] = Field(
        default="es", validation_alias="ARTICULA_LANGUAGE",
        description="The language of texts (errors, findings, reasons, command output) when a "
        "request asks for none Articula speaks (Accept-Language, `language`): es, en or pt.",
    )

    host: str = Field(default="127.0.0.1", validation_alias="ARTICULA_HOST")
    port: int = Field(default=8000, ge=1, le=65535, validation_alias="ARTICULA_PORT")

    home: Path = Field(
        default_factory=_default_home,
        validation_alias="ARTICULA_HOME",
        description="Where the local Neo4j server's jars, configuration and data live.",
    )
    bolt_port: int = Field(default=7687, ge=1, le=65535, validation_alias="ARTICULA_BOLT_PORT")
    heap: str = Field(default="4g", validation_alias="ARTICULA_NEO4J_HEAP")
    pagecache: str = Field(default="2g", validation_alias="ARTICULA_NEO4J_PAGECACHE")
    java_home: Path | None = Field(default=None, validation_alias="JAVA_HOME")

    @property
    def uses_local_server(self) -> bool:
        return not self.neo4j_uri

    @property
    def bolt_uri(self) -> str:
        """The URI the service connects to: NEO4J_URI, or the local server's."""
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.bolt_port}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
