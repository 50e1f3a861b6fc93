<#ftl output_format="plainText">
${msg("lanyardMagicLinkBody", link, linkExpirationMinutes, realmName)}
