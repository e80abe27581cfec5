// The HTTP API contract: request schemas (zod), views and error codes.
export * from "./accounts.ts";
export * from "./agent-usage.ts";
export * from "./agents.ts";
export * from "./audit.ts";
export * from "./bridge.ts";
export * from "./bridge-search.ts";
export * from "./channels.ts";
export * from "./errors.ts";
export * from "./export-format.ts";
export * as fields from "./fields.ts";
export * from "./mentions.ts";
export * from "./model-prices.ts";
export * from "./model-providers.ts";
export * from "./prompt-record.ts";
export * from "./read-positions.ts";
export * from "./roles.ts";
export * from "./search.ts";
export * from "./settings.ts";
