<#ftl output_format="plainText">
<#import "lanyard-mail.ftl" as mail>
<@mail.layout>
${msg("lanyardAccountExistsIntro", realmName)}

${msg("lanyardAccountExistsAdvice")}
</@mail.layout>
