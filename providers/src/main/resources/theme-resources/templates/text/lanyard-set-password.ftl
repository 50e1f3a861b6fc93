<#ftl output_format="plainText">
${msg("lanyardSetPasswordBody", link, linkExpirationMinutes, realmName)}
