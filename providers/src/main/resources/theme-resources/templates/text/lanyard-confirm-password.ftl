<#ftl output_format="plainText">
${msg("lanyardConfirmPasswordBody", link, linkExpirationMinutes, realmName)}
