"""HTTP routes besides GraphQL, one module per resource."""
