// Type definitions equivalent to Articula's model (graph model in the design notes, API
// contract of issue 4): the same labels, properties and relationships, written the way the
// Neo4j GraphQL Library expects them. Private properties (a firm's taxId) are left out, as
// Articula leaves them out.
//
// The scoped network is a top-level @cypher field, which is how a user of the library
// serves a query its generated API cannot express; its statement is NETWORK_CYPHER, the
// same statement the benchmark's raw-Cypher floor runs, passed in by the benchmark.

import { readFileSync } from "node:fs";

const networkCypher = process.env.NETWORK_CYPHER_FILE
    ? readFileSync(process.env.NETWORK_CYPHER_FILE, "utf8")
    : "RETURN {nodes: [], edges: []} AS network";

export const typeDefs = /* GraphQL */ `
    enum InitiativeType {
        CLUSTER
        VALUE_CHAIN
        LOCAL_PRODUCTIVE
        BUSINESS_NETWORK
        SUPPLIER_DEVELOPMENT
    }
    enum FirmSize {
        MICRO
        SMALL
        MEDIUM
        LARGE
    }
    enum InstitutionKind {
        GOVERNMENT
        ACADEMIA
        BUSINESS_ASSOCIATION
        CIVIL_SOCIETY
        DEVELOPMENT_AGENCY
        FINANCIAL
        INTERNATIONAL
    }
    enum GovernmentLevel {
        SUPRANATIONAL
        NATIONAL
        SUBNATIONAL
        LOCAL
    }
    enum ParticipationRole {
        MEMBER
        LEADER
        ANCHOR
        SUPPLIER
        CLIENT
        PARTNER
    }
    enum GovernanceRole {
        CHAIR
        BOARD_MEMBER
        TECHNICAL_SECRETARIAT
        FUNDER
        ADVISOR
    }

    type Participation @relationshipProperties {
        role: ParticipationRole!
        since: Int
        until: Int
        source: String
        confidence: Float
    }
    type GovernanceSeat @relationshipProperties {
        role: GovernanceRole!
        since: Int
        until: Int
        source: String
        confidence: Float
    }
    type Support @relationshipProperties {
        amount: Float
        currency: String
        since: Int
        until: Int
        source: String
        confidence: Float
    }
    type SupplyLink @relationshipProperties {
        weight: Float
        since: Int
        until: Int
    }
    type Collaboration @relationshipProperties {
        kind: String
        since: Int
        until: Int
    }
    type Agreement @relationshipProperties {
        kind: String
        since: Int
        until: Int
    }

    type Initiative @node {
        id: ID!
        name: String!
        type: InitiativeType!
        status: String
        startYear: Int
        endYear: Int
        description: String
        website: String
        territories: [Territory!]! @relationship(type: "LOCATED_IN", direction: OUT)
        sectors: [Sector!]! @relationship(type: "IN_SECTOR", direction: OUT)
        participants: [Actor!]!
            @relationship(type: "PARTICIPATES_IN", direction: IN, properties: "Participation")
        governance: [Institution!]!
            @relationship(type: "GOVERNS", direction: IN, properties: "GovernanceSeat")
        supportedBy: [Program!]!
            @relationship(type: "SUPPORTS", direction: IN, properties: "Support")
        collaborations: [Initiative!]!
            @relationship(type: "COLLABORATES_WITH", direction: OUT, properties: "Collaboration")
    }

    interface Actor {
        id: ID!
        name: String!
        territory: [Territory!]! @declareRelationship
        initiatives: [Initiative!]! @declareRelationship
    }

    type Firm implements Actor @node(labels: ["Firm", "Actor"]) {
        id: ID!
        name: String!
        size: FirmSize
        employees: Int
        foundedYear: Int
        territory: [Territory!]! @relationship(type: "LOCATED_IN", direction: OUT)
        sectors: [Sector!]! @relationship(type: "IN_SECTOR", direction: OUT)
        initiatives: [Initiative!]!
            @relationship(type: "PARTICIPATES_IN", direction: OUT, properties: "Participation")
        suppliers: [Firm!]! @relationship(type: "SUPPLIES", direction: IN, properties: "SupplyLink")
        clients: [Firm!]! @relationship(type: "SUPPLIES", direction: OUT, properties: "SupplyLink")
    }

    type Institution implements Actor @node(labels: ["Institution", "Actor"]) {
        id: ID!
        name: String!
        kind: InstitutionKind
        level: GovernmentLevel
        territory: [Territory!]! @relationship(type: "LOCATED_IN", direction: OUT)
        initiatives: [Initiative!]!
            @relationship(type: "PARTICIPATES_IN", direction: OUT, properties: "Participation")
        governs: [Initiative!]!
            @relationship(type: "GOVERNS", direction: OUT, properties: "GovernanceSeat")
        programs: [Program!]! @relationship(type: "RUNS", direction: OUT)
        agreements: [Institution!]!
            @relationship(type: "AGREEMENT_WITH", direction: OUT, properties: "Agreement")
    }

    type Program @node {
        id: ID!
        name: String!
        instrument: String
        startYear: Int
        endYear: Int
        budget: Float
        currency: String
        runBy: [Institution!]! @relationship(type: "RUNS", direction: IN)
        supports: [Initiative!]! @relationship(type: "SUPPORTS", direction: OUT, properties: "Support")
    }

    type Territory @node {
        code: String!
        name: String!
        level: String!
        parent: [Territory!]! @relationship(type: "PART_OF", direction: OUT)
        children: [Territory!]! @relationship(type: "PART_OF", direction: IN)
    }

    type Sector @node {
        code: String!
        name: String!
        nameEs: String
        level: String!
        parent: [Sector!]! @relationship(type: "PART_OF", direction: OUT)
        children: [Sector!]! @relationship(type: "PART_OF", direction: IN)
    }

    type NetworkNode {
        id: ID!
        name: String!
        entity: String!
        kind: String!
        country: String
    }
    type NetworkEdge {
        source: ID!
        target: ID!
        type: String!
        weight: Float!
    }
    type Network {
        nodes: [NetworkNode!]!
        edges: [NetworkEdge!]!
    }

    input ScopeInput {
        countries: [String!]
        territories: [String!]
        initiativeTypes: [InitiativeType!]
        sectors: [String!]
        actorKinds: [String!]
        year: Int
    }

    type Query {
        network(scope: ScopeInput): Network!
            @cypher(statement: """${networkCypher}""", columnName: "network")
    }
`;
