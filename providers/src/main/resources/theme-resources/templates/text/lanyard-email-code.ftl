<#ftl output_format="plainText">
<#import "lanyard-mail.ftl" as mail>
<@mail.layout>
${msg("lanyardEmailCodeIntro", realmName)}

${code}

${msg("lanyardEmailCodeExpiry", codeExpirationMinutes)}
</@mail.layout>
