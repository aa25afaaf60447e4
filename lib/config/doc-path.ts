/** The document that holds the generated configuration table. */
export const CONFIGURATION_DOC = "README.md";
