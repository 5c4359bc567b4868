"""Enums shared by the GraphQL domains; GraphQL names are the stored values."""

from enum import Enum

import strawberry


@strawberry.enum(description="The five ECLAC types of territorial productive articulation.")
class InitiativeType(Enum):
    CLUSTER = "CLUSTER"
    VALUE_CHAIN = "VALUE_CHAIN"
    LOCAL_PRODUCTIVE = "LOCAL_PRODUCTIVE"
    BUSINESS_NETWORK = "BUSINESS_NETWORK"
    SUPPLIER_DEVELOPMENT = "SUPPLIER_DEVELOPMENT"


@strawberry.enum(description="What an actor is: a firm, or an institution of the given kind.")
class ActorKind(Enum):
    FIRM = "FIRM"
    GOVERNMENT = "GOVERNMENT"
    ACADEMIA = "ACADEMIA"
    BUSINESS_ASSOCIATION = "BUSINESS_ASSOCIATION"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"
    DEVELOPMENT_AGENCY = "DEVELOPMENT_AGENCY"
    FINANCIAL = "FINANCIAL"
    INTERNATIONAL = "INTERNATIONAL"
