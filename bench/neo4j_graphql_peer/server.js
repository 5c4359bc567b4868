// The Neo4j GraphQL Library serving Articula's graph: the peer an analyst would otherwise
// pick, with type definitions equivalent to Articula's model. Used by ../api_throughput.py.
//
//   NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... PORT=4000 node server.js
//
// Binds 127.0.0.1 only. Read-only use: no authorization rules, mutations left as generated.

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

import { typeDefs } from "./type_defs.js";

const uri = process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687";
const user = process.env.NEO4J_USER ?? "neo4j";
const password = process.env.NEO4J_PASSWORD;
const database = process.env.NEO4J_DATABASE ?? "neo4j";
const port = Number(process.env.PORT ?? 4000);
if (!password) {
    console.error("NEO4J_PASSWORD is not set");
    process.exit(2);
}

const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
    userAgent: "articula-bench-peer",
});
const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
const server = new ApolloServer({ schema, introspection: true });
const { url } = await startStandaloneServer(server, {
    listen: { host: "127.0.0.1", port },
    context: async () => ({ sessionConfig: { database } }),
});
console.log(`Neo4j GraphQL Library peer at ${url}`);

async function shutdown() {
    await server.stop();
    await driver.close();
    process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
