"""The local Neo4j + GDS server used when NEO4J_URI is not set."""

from service.local_neo4j.server import LocalNeo4j, ServerStatus, Versions, pinned_versions

__all__ = ["LocalNeo4j", "ServerStatus", "Versions", "pinned_versions"]
