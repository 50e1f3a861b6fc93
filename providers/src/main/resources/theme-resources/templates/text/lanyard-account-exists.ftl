<#ftl output_format="plainText">
${msg("lanyardAccountExistsBody", realmName)}
