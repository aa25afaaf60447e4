/** The document that holds the generated configuration table. */
export const CONFIGURATION_DOC = "docs/configuration.md";
