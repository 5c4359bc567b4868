"""The GraphQL API: a module of types and resolvers per domain, joined in `schema`."""
