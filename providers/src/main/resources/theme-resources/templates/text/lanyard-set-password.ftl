<#ftl output_format="plainText">
<#import "lanyard-mail.ftl" as mail>
<@mail.layout>
${msg("lanyardSetPasswordIntro", realmName)}

${msg("lanyardSetPasswordAction")}

${link}

${msg("lanyardSetPasswordExpiry", linkExpirationMinutes)}
</@mail.layout>
