// `npm run docs:config`: writes the configuration table (lib/config/variables.ts) into the docs.
import fs from "node:fs";
import { CONFIGURATION_DOC } from "@/lib/config/doc-path";
import { withConfigurationTable } from "@/lib/config/docs";

fs.writeFileSync(CONFIGURATION_DOC, withConfigurationTable(fs.readFileSync(CONFIGURATION_DOC, "utf8")));
console.log(`configuration table written to ${CONFIGURATION_DOC}`);
