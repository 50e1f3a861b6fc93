<#ftl output_format="plainText">
<#import "lanyard-mail.ftl" as mail>
<@mail.layout>
${msg("lanyardMagicLinkIntro", realmName)}

${link}

${msg("lanyardMagicLinkExpiry", linkExpirationMinutes)}
</@mail.layout>
